//! The season's first chart: each run's average pace by date (faster up; colour by session type,
//! marker by verdict) with the rolling normal pace and its recovery band. The pace axis is robust
//! (walks left out, outliers fenced off), so a runaway file is a triangle at the edge.

use chrono::{Duration, NaiveDate};
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::legend::verdict_shapes;
use super::marks::{off_axis, Off};
use super::view::{Dot, HEAD, PACE_BY_DATE_H, WIDTH};
use crate::classify::judge::JudgedAs;
use crate::classify::session::SessionType;
use crate::report::svg::axis::Axis;
use crate::report::svg::draw::{
    caption, err, legend_item, marker, panel_chart, panel_mesh, text, Area, Drawn, Swatch,
    TextStyle,
};
use crate::report::svg::format::{min_sec, pace_ticks};
use crate::report::svg::period::Period;
use crate::report::svg::robust::{clip, robust_range, Clip};
use crate::report::svg::theme::{self, session_look, verdict_look, BLUE, GREY, LIGHT_GREY, SKY};
use crate::units::Units;

/// The pace axis of the season's pace charts, (fast, slow) seconds per unit: the judged runs'
/// paces inside fences of two interquartile ranges (see [`robust_range`]), walks left out (all
/// runs when every one was a walk), widened by 8% and at least 10 s each side.
pub fn pace_range(dots: &[Dot]) -> Option<(f64, f64)> {
    let judged = dots.iter().filter(|d| d.verdict != JudgedAs::Skipped);
    let runs: Vec<f64> = judged
        .clone()
        .filter(|d| d.kind != Some(SessionType::Walk))
        .filter_map(|d| d.pace)
        .collect();
    let paces = if runs.is_empty() {
        judged.filter_map(|d| d.pace).collect()
    } else {
        runs
    };
    let (fast, slow) = robust_range(&paces, 2.0, 0.08, 10.0)?;
    Some((fast.max(0.0), slow))
}

/// The colour of a run's marker: its session type's, grey when it has none.
pub fn dot_color(d: &Dot) -> RGBColor {
    d.kind.map_or(LIGHT_GREY, |k| session_look(k).color)
}

/// "3 runs off the pace axis (fastest 1:30, slowest 70:00; 2 walks), drawn as triangles at the
/// edge", or nothing; `off` holds each run's pace and whether it was a walk.
pub fn off_axis_note(off: &[(f64, bool)]) -> Option<String> {
    let fastest = off.iter().map(|o| o.0).fold(f64::INFINITY, f64::min);
    let slowest = off.iter().map(|o| o.0).fold(f64::NEG_INFINITY, f64::max);
    let walks = off.iter().filter(|o| o.1).count();
    let what = match (off.len(), walks) {
        (0, _) => return None,
        (1, _) => {
            return Some(format!(
                "1 run off the pace axis ({}), drawn as a triangle at the edge",
                min_sec(fastest)
            ))
        }
        (n, 0) => format!("{n} runs off the pace axis"),
        (n, w) => format!("{n} runs off the pace axis ({w} walks)"),
    };
    Some(format!(
        "{what}: fastest {}, slowest {}; drawn as triangles at the edge",
        min_sec(fastest),
        min_sec(slowest)
    ))
}

/// Writes [`off_axis_note`] at the bottom right of a panel whose bottom is at `bottom` px.
pub fn draw_off_axis_note(root: &Area, off: &[(f64, bool)], bottom: i32) -> Drawn {
    match off_axis_note(off) {
        Some(note) => text(
            root,
            &note,
            (WIDTH - 30, bottom - 10),
            TextStyle::new(theme::SMALL_PX, GREY).anchor(HPos::Right),
        ),
        None => Ok(()),
    }
}

/// Date against average pace, the rolling normal pace and its band.
pub fn draw(root: &Area, top: i32, dots: &[Dot], base: NaiveDate, units: Units) -> Drawn {
    caption(
        root,
        top,
        "Average pace of each run, faster up (colour: session type; shape: verdict)",
    )?;
    let x = verdict_shapes(root, top + 36)?;
    let x = legend_item(
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
    let Some((fast, slow)) = pace_range(dots) else {
        return Ok(());
    };
    let last_day = dots.iter().map(|d| d.day).fold(0.0, f64::max) + 1.0;
    let period = Period::for_span(last_day);
    let area = root.clone().shrink(
        (0, top + HEAD),
        (WIDTH as u32, (PACE_BY_DATE_H - HEAD - 20) as u32),
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
    // The band and the normal pace are held inside the axis like the runs.
    let held = |p: f64| -p.clamp(fast, slow);
    let with_band: Vec<(f64, (f64, f64))> = judged
        .iter()
        .filter_map(|d| d.band.map(|b| (d.day, b)))
        .collect();
    if with_band.len() > 1 {
        let mut poly: Vec<(f64, f64)> = with_band.iter().map(|(d, b)| (*d, held(b.0))).collect();
        poly.extend(with_band.iter().rev().map(|(d, b)| (*d, held(b.1))));
        chart
            .draw_series(std::iter::once(Polygon::new(poly, SKY.mix(0.3).filled())))
            .map_err(err)?;
    }
    let normal: Vec<(f64, f64)> = judged
        .iter()
        .filter_map(|d| d.normal.map(|n| (d.day, held(n))))
        .collect();
    chart
        .draw_series(LineSeries::new(normal, BLUE.stroke_width(2)))
        .map_err(err)?;
    let mut off = Vec::new();
    for d in &judged {
        let Some(p) = d.pace else { continue };
        let c = chart.backend_coord(&(d.day, held(p)));
        match clip(p, (fast, slow)) {
            Clip::In => marker(root, verdict_look(d.verdict).shape, c, 5, dot_color(d))?,
            Clip::Low => off_axis(root, c, Off::Up, dot_color(d))?,
            Clip::High => off_axis(root, c, Off::Down, dot_color(d))?,
        }
        if clip(p, (fast, slow)) != Clip::In {
            off.push((p, d.kind == Some(SessionType::Walk)));
        }
    }
    draw_off_axis_note(root, &off, top + PACE_BY_DATE_H)
}
