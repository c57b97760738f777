//! The season SVG: a timeline of runs (date against average pace, marker by verdict) with the
//! rolling normal pace and its recovery band, weekly volume stacked by verdict, and heart rate
//! against pace for the runs whose heart rate said easy.

use chrono::{Duration, NaiveDate};
use plotters::prelude::*;

use super::axis::Axis;
use plotters::style::text_anchor::HPos;

use super::draw::{
    err, legend_item, marker, panel_chart, panel_mesh, text, Area, Drawn, Swatch, TextStyle,
};
use super::format::{min_sec, nice_ticks, pace_ticks};
use super::period::{week_start, Period};
use super::theme::{self, verdict_look, BLUE, GREY, INK, PAPER, SKY, VERMILLION};
use crate::classify::judge::JudgedAs;
use crate::classify::{CriterionKind, Status};
use crate::run::RunReport;
use crate::units::Units;

/// Width of the season report, px.
pub const WIDTH: i32 = 1000;
const HEADER_H: i32 = 80;
const TIMELINE_H: i32 = 380;
const VOLUME_H: i32 = 340;
const SCATTER_H: i32 = 340;
const HEAD: i32 = 52;
/// Verdicts in stacking and legend order.
const ORDER: [JudgedAs; 3] = [
    JudgedAs::Recovery,
    JudgedAs::Inconclusive,
    JudgedAs::NotRecovery,
];

/// A judged run as the season plots see it.
#[derive(Debug, Clone, Copy)]
struct Dot {
    day: f64,
    pace: Option<f64>,
    distance: f64,
    verdict: JudgedAs,
    hr: Option<f64>,
    easy_hr: bool,
    normal: Option<f64>,
    band: Option<(f64, f64)>,
}

/// The season SVG for runs sorted by start. The same input gives the same bytes.
pub fn season_svg(runs: &[&RunReport], units: Units) -> Result<String, String> {
    let base = runs
        .first()
        .map(|r| week_start(r.analysis.start.date_naive()));
    let dots: Vec<Dot> = match base {
        Some(b) => runs.iter().map(|r| dot(r, b, units)).collect(),
        None => Vec::new(),
    };
    let height = HEADER_H + TIMELINE_H + VOLUME_H + SCATTER_H;
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (WIDTH as u32, height as u32)).into_drawing_area();
        root.fill(&PAPER).map_err(err)?;
        header(&root, runs)?;
        match base {
            Some(b) if dots.iter().any(|d| d.verdict != JudgedAs::Skipped) => {
                timeline(&root, HEADER_H, &dots, b, units)?;
                volume(&root, HEADER_H + TIMELINE_H, &dots, b, units)?;
                scatter(&root, HEADER_H + TIMELINE_H + VOLUME_H, &dots, runs, units)?;
            }
            _ => {
                text(
                    &root,
                    "No runs to plot.",
                    (WIDTH / 2, HEADER_H + 100),
                    TextStyle::new(theme::BODY_PX, GREY).anchor(HPos::Center),
                )?;
            }
        }
        root.present().map_err(err)?;
    }
    Ok(svg)
}

fn dot(r: &RunReport, base: NaiveDate, units: Units) -> Dot {
    let a = &r.analysis;
    let secs = (a.start.date_naive() - base).num_seconds() as f64
        + f64::from(a.start.time().num_seconds_from_midnight());
    let j = r.judgement.as_ref();
    let p = j.and_then(|j| j.profile.as_ref());
    let normal = p.and_then(|p| p.normal_pace_s_per_km.as_ref().map(|n| n.value));
    let band = p.zip(normal).map(|(p, n)| {
        let (from, to) = p.rules.recovery_band(n);
        (units.pace(from), units.pace(to))
    });
    Dot {
        day: secs / 86_400.0,
        pace: a.average_pace_s_per_km().map(|p| units.pace(p)),
        distance: units.distance(a.distance_m),
        verdict: j.map_or(JudgedAs::Skipped, |j| j.verdict),
        hr: a.hr_avg_bpm,
        easy_hr: j.is_some_and(|j| {
            j.criteria
                .iter()
                .any(|c| c.kind == CriterionKind::Effort && c.status == Status::Pass)
        }),
        normal: normal.map(|n| units.pace(n)),
        band,
    }
}

use chrono::Timelike;

/// Title and the counts per verdict, each with its marker.
fn header(root: &Area, runs: &[&RunReport]) -> Drawn {
    let span = match (runs.first(), runs.last()) {
        (Some(a), Some(b)) => format!(
            "{} – {}",
            a.analysis.start.format("%-d %b %Y"),
            b.analysis.start.format("%-d %b %Y")
        ),
        _ => "no activities".to_string(),
    };
    text(
        root,
        &format!("Season · {} activities · {span}", runs.len()),
        (20, 24),
        TextStyle::new(theme::TITLE_PX, INK).bold(),
    )?;
    let count = |v: JudgedAs| {
        runs.iter()
            .filter(|r| {
                r.judgement
                    .as_ref()
                    .map_or(JudgedAs::Skipped, |j| j.verdict)
                    == v
            })
            .count()
    };
    let mut x = 20;
    for v in ORDER.into_iter().chain([JudgedAs::Skipped]) {
        let look = verdict_look(v);
        let label = if v == JudgedAs::Skipped {
            format!("{} not judged (not running)", count(v))
        } else {
            format!("{} {}", count(v), look.label.to_lowercase())
        };
        x = legend_item(root, x, 60, Swatch::Marker(look.shape, look.color), &label)?;
    }
    Ok(())
}

fn caption(root: &Area, top: i32, s: &str) -> Drawn {
    text(
        root,
        s,
        (20, top + 14),
        TextStyle::new(theme::CAPTION_PX, INK).bold(),
    )
}

/// Date against average pace, the rolling normal pace and its band.
fn timeline(root: &Area, top: i32, dots: &[Dot], base: NaiveDate, units: Units) -> Drawn {
    caption(
        root,
        top,
        &format!(
            "Average pace of each run (faster up), min:ss per {}",
            units.word()
        ),
    )?;
    let mut x = 20;
    for v in ORDER {
        let look = verdict_look(v);
        x = legend_item(
            root,
            x,
            top + 36,
            Swatch::Marker(look.shape, look.color),
            &look.label.to_lowercase(),
        )?;
    }
    x = legend_item(
        root,
        x,
        top + 36,
        Swatch::Line(BLUE),
        "normal pace (rolling, from earlier runs)",
    )?;
    legend_item(
        root,
        x,
        top + 36,
        Swatch::Box(SKY.mix(0.3)),
        "recovery band",
    )?;
    let judged: Vec<&Dot> = dots
        .iter()
        .filter(|d| d.verdict != JudgedAs::Skipped)
        .collect();
    let paces: Vec<f64> = judged.iter().filter_map(|d| d.pace).collect();
    let last_day = dots.iter().map(|d| d.day).fold(0.0, f64::max) + 1.0;
    let period = Period::for_span(last_day);
    let mut all: Vec<f64> = paces.clone();
    all.extend(judged.iter().filter_map(|d| d.normal));
    all.extend(judged.iter().filter_map(|d| d.band.map(|b| b.1)));
    let fast = all.iter().copied().fold(f64::INFINITY, f64::min);
    let slow = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !fast.is_finite() {
        return Ok(());
    }
    let pad = ((slow - fast) * 0.08).max(10.0);
    let (fast, slow) = ((fast - pad).max(0.0), slow + pad);
    let area = root.clone().shrink(
        (0, top + HEAD),
        (WIDTH as u32, (TIMELINE_H - HEAD - 20) as u32),
    );
    let mut chart = panel_chart(
        &area,
        40,
        Axis::new(-0.5, last_day + 0.5, period.day_ticks(base, last_day)),
        Axis::new(
            -slow,
            -fast,
            pace_ticks(fast, slow, 8).into_iter().map(|t| -t).collect(),
        ),
    )?;
    let fmt_day = |v: &f64| period.label(base + Duration::days(v.round() as i64));
    panel_mesh(&mut chart, 0.6)
        .x_label_formatter(&fmt_day)
        .y_label_formatter(&|v| min_sec(-v))
        .x_desc("date")
        .y_desc(format!("min:ss per {}", units.word()))
        .draw()
        .map_err(err)?;
    let with_band: Vec<(f64, (f64, f64))> = judged
        .iter()
        .filter_map(|d| d.band.map(|b| (d.day, b)))
        .collect();
    if with_band.len() > 1 {
        let mut poly: Vec<(f64, f64)> = with_band.iter().map(|(d, b)| (*d, -b.0)).collect();
        poly.extend(with_band.iter().rev().map(|(d, b)| (*d, -b.1)));
        chart
            .draw_series(std::iter::once(Polygon::new(poly, SKY.mix(0.3).filled())))
            .map_err(err)?;
    }
    let normal: Vec<(f64, f64)> = judged
        .iter()
        .filter_map(|d| d.normal.map(|n| (d.day, -n)))
        .collect();
    chart
        .draw_series(LineSeries::new(normal, BLUE.stroke_width(2)))
        .map_err(err)?;
    for d in &judged {
        let Some(p) = d.pace else { continue };
        let look = verdict_look(d.verdict);
        let c = chart.backend_coord(&(d.day, -p.min(slow)));
        marker(root, look.shape, c, 5, look.color)?;
    }
    Ok(())
}

/// Distance per week (month, year for longer seasons) stacked by verdict (runs only).
fn volume(root: &Area, top: i32, dots: &[Dot], base: NaiveDate, units: Units) -> Drawn {
    let last_day = dots.iter().map(|d| d.day).fold(0.0, f64::max);
    let period = Period::for_span(last_day + 1.0);
    let date_of = |day: f64| base + Duration::days(day.max(0.0).floor() as i64);
    caption(
        root,
        top,
        &format!(
            "{} volume by verdict, {} (running only)",
            period.adjective(),
            units.word()
        ),
    )?;
    let mut x = 20;
    for v in ORDER {
        let look = verdict_look(v);
        x = legend_item(
            root,
            x,
            top + 36,
            Swatch::Box(look.color.to_rgba()),
            &format!("{} ({})", look.label.to_lowercase(), look.letter),
        )?;
    }
    let buckets = period.bucket(base, date_of(last_day)) + 1;
    let mut stacks = vec![[0.0f64; 3]; buckets];
    for d in dots {
        let w = period.bucket(base, date_of(d.day));
        let Some(k) = ORDER.iter().position(|v| *v == d.verdict) else {
            continue;
        };
        if let Some(cell) = stacks.get_mut(w).and_then(|s| s.get_mut(k)) {
            *cell += d.distance;
        }
    }
    let top_val = stacks
        .iter()
        .map(|s| s.iter().sum::<f64>())
        .fold(0.0, f64::max)
        .max(1.0)
        * 1.1;
    let area = root.clone().shrink(
        (0, top + HEAD),
        (WIDTH as u32, (VOLUME_H - HEAD - 20) as u32),
    );
    let keys: Vec<f64> = Period::tick_buckets(buckets)
        .into_iter()
        .map(|k| k as f64)
        .collect();
    let mut chart = panel_chart(
        &area,
        40,
        Axis::new(-0.6, buckets as f64 - 0.4, keys),
        Axis::new(0.0, top_val, nice_ticks(0.0, top_val, 6)),
    )?;
    let fmt_bucket = |v: &f64| period.label(period.start(base, v.round().max(0.0) as usize));
    panel_mesh(&mut chart, 0.6)
        .disable_x_mesh()
        .x_label_formatter(&fmt_bucket)
        .y_label_formatter(&|v| format!("{v:.0}"))
        .x_desc(period.axis_title())
        .y_desc(units.word())
        .draw()
        .map_err(err)?;
    for (w, s) in stacks.iter().enumerate() {
        let mut y0 = 0.0;
        for (k, v) in ORDER.iter().enumerate() {
            let h = s.get(k).copied().unwrap_or(0.0);
            if h <= 0.0 {
                continue;
            }
            let look = verdict_look(*v);
            let x = w as f64;
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.38, y0), (x + 0.38, y0 + h)],
                    look.color.filled(),
                )))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.38, y0), (x + 0.38, y0 + h)],
                    PAPER.stroke_width(1),
                )))
                .map_err(err)?;
            let (px, py0) = chart.backend_coord(&(x, y0));
            let (_, py1) = chart.backend_coord(&(x, y0 + h));
            if py0 - py1 >= 14 {
                text(
                    root,
                    look.letter,
                    (px, (py0 + py1) / 2),
                    TextStyle::new(theme::SMALL_PX, INK)
                        .bold()
                        .anchor(HPos::Center),
                )?;
            }
            y0 += h;
        }
    }
    Ok(())
}

/// Average HR against average pace for runs whose heart rate passed the effort criterion.
fn scatter(root: &Area, top: i32, dots: &[Dot], runs: &[&RunReport], units: Units) -> Drawn {
    let with_hr = |easy_only: bool| -> Vec<(f64, f64, JudgedAs)> {
        dots.iter()
            .filter(|d| d.verdict != JudgedAs::Skipped && (d.easy_hr || !easy_only))
            .filter_map(|d| Some((d.pace?, d.hr?, d.verdict)))
            .collect()
    };
    let mut easy = with_hr(true);
    if easy.is_empty() {
        // No run passed the effort criterion: show every run with HR rather than nothing.
        easy = with_hr(false);
        caption(
            root,
            top,
            "Heart rate against pace, every run (none had its heart rate judged easy)",
        )?;
    } else {
        caption(
            root,
            top,
            "Heart rate against pace, runs whose heart rate said easy",
        )?;
    }
    if easy.is_empty() {
        return text(
            root,
            "No run recorded heart rate.",
            (WIDTH / 2, top + SCATTER_H / 2),
            TextStyle::new(theme::BODY_PX, GREY).anchor(HPos::Center),
        );
    }
    let ceiling = runs
        .iter()
        .filter_map(|r| {
            r.judgement
                .as_ref()?
                .profile
                .as_ref()?
                .easy_ceiling
                .as_ref()
                .map(|c| c.bpm)
        })
        .next();
    let mut x = 20;
    for v in ORDER {
        let look = verdict_look(v);
        x = legend_item(
            root,
            x,
            top + 36,
            Swatch::Marker(look.shape, look.color),
            &look.label.to_lowercase(),
        )?;
    }
    if let Some(c) = ceiling {
        legend_item(
            root,
            x,
            top + 36,
            Swatch::Line(VERMILLION),
            &format!("easy ceiling {c:.0} bpm"),
        )?;
    }
    let fast = easy.iter().map(|e| e.0).fold(f64::INFINITY, f64::min);
    let slow = easy.iter().map(|e| e.0).fold(f64::NEG_INFINITY, f64::max);
    let lo = easy.iter().map(|e| e.1).fold(f64::INFINITY, f64::min);
    let hi = easy
        .iter()
        .map(|e| e.1)
        .fold(ceiling.unwrap_or(0.0), f64::max);
    let pad = ((slow - fast) * 0.1).max(10.0);
    let (fast, slow) = ((fast - pad).max(0.0), slow + pad);
    let (lo, hi) = ((lo - 6.0).max(0.0), hi + 6.0);
    let area = root
        .clone()
        .shrink((0, top + HEAD), (WIDTH as u32, (SCATTER_H - HEAD) as u32));
    let mut chart = panel_chart(
        &area,
        44,
        Axis::new(
            -slow,
            -fast,
            pace_ticks(fast, slow, 10).into_iter().map(|t| -t).collect(),
        ),
        Axis::new(lo, hi, nice_ticks(lo, hi, 6)),
    )?;
    panel_mesh(&mut chart, 0.6)
        .x_label_formatter(&|v| min_sec(-v))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .x_desc(format!(
            "average pace, min:ss per {} (faster to the right)",
            units.word()
        ))
        .y_desc("average bpm")
        .draw()
        .map_err(err)?;
    if let Some(c) = ceiling {
        chart
            .draw_series(LineSeries::new(
                vec![(-slow, c), (-fast, c)],
                VERMILLION.stroke_width(2),
            ))
            .map_err(err)?;
    }
    for (p, h, v) in &easy {
        let look = verdict_look(*v);
        marker(
            root,
            look.shape,
            chart.backend_coord(&(-p, *h)),
            5,
            look.color,
        )?;
    }
    Ok(())
}
