//! The three charts of a run report: pace per split against the recovery band, heart rate over
//! time against the easy ceiling (walking and pauses marked), and the elevation profile.

use plotters::prelude::*;

use super::axis::Axis;

use super::draw::{
    dashed_h, empty_panel, err, legend_item, panel_chart, panel_mesh, text, Area, Drawn, Swatch,
    TextStyle,
};
use super::format::{min_sec, nice_ticks, pace_ticks};
use super::run::{RunView, ELEV_H, HR_H, PACE_H, WIDTH};
use super::theme::{self, BLUE, GREY, INK, LIGHT_GREY, PURPLE, SKY, VERMILLION};
use crate::analyze::series::PlotSeries;
use crate::units::{fmt_minutes_per_mile, fmt_pace};

/// Left edge of every plot (room for the y labels), px.
const LEFT: i32 = 20;
/// Height of the x label area, px.
const X_LABELS: u32 = 44;
/// Room above a plot for its caption and legend, px.
const HEAD: i32 = 52;

/// Pace per split as bars (faster up), the recovery band shaded, normal pace as a line.
pub fn pace(root: &Area, top: i32, view: RunView) -> Drawn {
    let units = view.units;
    let a = &view.report.analysis;
    let split_m = units.split_m();
    let bars: Vec<(usize, f64, bool)> = a
        .splits
        .iter()
        .filter_map(|s| {
            s.pace_s_per_km
                .map(|p| (s.index, units.pace(p), s.distance_m < split_m * 0.999))
        })
        .collect();
    let caption = format!("Pace per {} (faster up)", split_word(view));
    if bars.is_empty() {
        let why = if a.distance_m < 1.0 {
            "no distance recorded (no GPS or foot pod): no splits, no pace"
        } else {
            "no split long enough to have a pace"
        };
        return empty_panel(root, top, PACE_H, WIDTH, &caption, why);
    }
    let band = recovery_band(view);
    text(
        root,
        &caption,
        (LEFT, top + 14),
        TextStyle::new(theme::CAPTION_PX, INK).bold(),
    )?;
    pace_legend(root, top + 36, view, band)?;
    let paces: Vec<f64> = bars.iter().map(|b| b.1).collect();
    let (fast, slow) = pace_range(&paces, band);
    let n = bars.len();
    let area = root
        .clone()
        .shrink((0, top + HEAD), (WIDTH as u32, (PACE_H - HEAD) as u32));
    let x_keys: Vec<f64> = every_nth(n).into_iter().map(|i| i as f64).collect();
    let y_keys: Vec<f64> = pace_ticks(fast, slow, 7).into_iter().map(|t| -t).collect();
    let mut chart = panel_chart(
        &area,
        X_LABELS,
        Axis::new(0.4, n as f64 + 0.6, x_keys),
        Axis::new(-slow, -fast, y_keys),
    )?;
    let word = units.word();
    panel_mesh(&mut chart, 0.7)
        .disable_x_mesh()
        .x_desc(format!("{} split", split_word(view)))
        .y_desc(format!("min:ss per {word}"))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| min_sec(-v))
        .draw()
        .map_err(err)?;
    if let Some(Band { normal, lo, hi, .. }) = band {
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(0.4, -lo), (n as f64 + 0.6, -hi.min(slow))],
                SKY.mix(0.3).filled(),
            )))
            .map_err(err)?;
        let _ = normal;
    }
    chart
        .draw_series(bars.iter().map(|&(i, p, partial)| {
            let faster_than_normal = band.is_some_and(|b| p < b.normal) && !partial;
            let color = if faster_than_normal {
                VERMILLION.filled()
            } else if partial {
                BLUE.mix(0.45).filled()
            } else {
                BLUE.filled()
            };
            let x = i as f64;
            Rectangle::new([(x - 0.32, -slow), (x + 0.32, -(p.min(slow - 1.0)))], color)
        }))
        .map_err(err)?;
    if let Some(Band { normal, .. }) = band {
        let (x0, y) = chart.backend_coord(&(0.4, -normal));
        let (x1, _) = chart.backend_coord(&(n as f64 + 0.6, -normal));
        dashed_h(root, x0, x1, y, INK)?;
    }
    if n <= 16 {
        for &(i, p, partial) in &bars {
            let (x, y) = chart.backend_coord(&(i as f64, -(p.min(slow))));
            let label = if partial {
                format!("{} (part)", min_sec(p))
            } else {
                min_sec(p)
            };
            text(
                root,
                &label,
                (x, y - 10),
                TextStyle::new(theme::SMALL_PX - 1.0, INK)
                    .anchor(plotters::style::text_anchor::HPos::Center),
            )?;
        }
    }
    Ok(())
}

/// "km" or "mile" for split labels.
fn split_word(view: RunView) -> &'static str {
    match view.units {
        crate::units::Units::Km => "km",
        crate::units::Units::Mi => "mile",
    }
}

/// The recovery band as drawn: normal pace and the band's edges in the units shown, and the
/// rule that made it.
#[derive(Debug, Clone, Copy)]
struct Band {
    normal: f64,
    lo: f64,
    hi: f64,
    rule: (f64, f64),
}

/// The recovery band, when a normal pace is known.
fn recovery_band(view: RunView) -> Option<Band> {
    let p = view.report.judgement.as_ref()?.profile.as_ref()?;
    let normal = p.normal_pace_s_per_km.as_ref()?.value;
    let (lo, hi) = p.rules.recovery_band(normal);
    Some(Band {
        normal: view.units.pace(normal),
        lo: view.units.pace(lo),
        hi: view.units.pace(hi),
        rule: (
            p.rules.slower_min_s_per_km.value,
            p.rules.slower_max_s_per_km.value,
        ),
    })
}

/// The legend above the pace bars, or why there is no band.
fn pace_legend(root: &Area, y: i32, view: RunView, band: Option<Band>) -> Drawn {
    let units = view.units;
    let to_km = |p: f64| p / units.pace(1.0);
    let mut x = LEFT;
    x = legend_item(root, x, y, Swatch::Box(BLUE.to_rgba()), "split")?;
    x = legend_item(root, x, y, Swatch::Box(BLUE.mix(0.45)), "partial split")?;
    match band {
        Some(Band {
            normal,
            lo,
            hi,
            rule: (slower_min, slower_max),
        }) => {
            x = legend_item(
                root,
                x,
                y,
                Swatch::Box(VERMILLION.to_rgba()),
                "faster than normal",
            )?;
            x = legend_item(
                root,
                x,
                y,
                Swatch::Dashed(INK),
                &format!("normal {}", fmt_pace(Some(to_km(normal)), units)),
            )?;
            legend_item(
                root,
                x,
                y,
                Swatch::Box(SKY.mix(0.3)),
                &format!(
                    "recovery band {}–{} (normal + {}–{} min/mi)",
                    min_sec(lo),
                    fmt_pace(Some(to_km(hi)), units),
                    fmt_minutes_per_mile(slower_min),
                    fmt_minutes_per_mile(slower_max),
                ),
            )?;
        }
        None => {
            text(
                root,
                "no normal pace known: recovery band not drawn",
                (x, y),
                TextStyle::new(theme::SMALL_PX, GREY),
            )?;
        }
    }
    Ok(())
}

/// The pace axis range (fast, slow) in seconds per unit: the bars and the band with some room,
/// the slow end held to 2 × the slower of the median split and the band (a walked split does
/// not flatten the rest).
fn pace_range(paces: &[f64], band: Option<Band>) -> (f64, f64) {
    let mut sorted: Vec<f64> = paces.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(300.0);
    let mut fast = sorted.first().copied().unwrap_or(median);
    let mut slow = sorted.last().copied().unwrap_or(median);
    if let Some(Band { normal, hi, .. }) = band {
        fast = fast.min(normal);
        slow = slow.max(hi);
    }
    slow = slow.min(2.0 * median.max(band.map_or(0.0, |b| b.hi)));
    let pad = ((slow - fast) * 0.12).max(15.0);
    ((fast - pad).max(0.0), slow + pad)
}

/// 1-based indices labelled on an axis of `n` bars: all up to 20, else every k-th.
fn every_nth(n: usize) -> Vec<usize> {
    let step = n.div_ceil(20).max(1);
    (1..=n).filter(|i| (i - 1) % step == 0).collect()
}

/// Heart rate over elapsed time, the easy ceiling, time above it, walking and pauses.
pub fn heart_rate(root: &Area, top: i32, view: RunView) -> Drawn {
    let caption = "Heart rate over time";
    let Some(series) = view.series else {
        return empty_panel(
            root,
            top,
            HR_H,
            WIDTH,
            caption,
            "no samples kept for this report",
        );
    };
    let hr: Vec<(f64, f64)> = series
        .points
        .iter()
        .filter_map(|p| p.hr_bpm.map(|h| (f64::from(p.t_s) / 60.0, f64::from(h))))
        .collect();
    if hr.len() < 2 {
        return empty_panel(root, top, HR_H, WIDTH, caption, "no heart rate recorded");
    }
    let ceiling = view
        .report
        .judgement
        .as_ref()
        .and_then(|j| j.profile.as_ref())
        .and_then(|p| p.easy_ceiling.as_ref())
        .map(|c| (c.bpm, c.rung_detail));
    let end_min = (f64::from(series.points.last().map_or(0.0, |p| p.t_s)) / 60.0).max(1.0);
    let lo = hr
        .iter()
        .map(|p| p.1)
        .fold(ceiling.map_or(f64::INFINITY, |c| c.0), f64::min);
    let hi = hr
        .iter()
        .map(|p| p.1)
        .fold(ceiling.map_or(0.0, |c| c.0), f64::max);
    let (lo, hi) = ((lo - 8.0).max(0.0), hi + 8.0);
    text(
        root,
        caption,
        (LEFT, top + 14),
        TextStyle::new(theme::CAPTION_PX, INK).bold(),
    )?;
    hr_legend(root, top + 36, ceiling)?;
    let area = root
        .clone()
        .shrink((0, top + HEAD), (WIDTH as u32, (HR_H - HEAD) as u32));
    let mut chart = panel_chart(
        &area,
        X_LABELS,
        Axis::new(0.0, end_min, nice_ticks(0.0, end_min, 10)),
        Axis::new(lo, hi, nice_ticks(lo, hi, 6)),
    )?;
    panel_mesh(&mut chart, 0.7)
        .disable_x_mesh()
        .x_desc("minutes from start")
        .y_desc("bpm")
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .draw()
        .map_err(err)?;
    chart
        .draw_series(series.pauses_s.iter().map(|&(a, b)| {
            Rectangle::new(
                [(f64::from(a) / 60.0, lo), (f64::from(b) / 60.0, hi)],
                LIGHT_GREY.mix(0.6).filled(),
            )
        }))
        .map_err(err)?;
    let strip = (hi - lo) * 0.04;
    chart
        .draw_series(
            walking_spans(series)
                .into_iter()
                .map(|(a, b)| Rectangle::new([(a, lo), (b, lo + strip)], SKY.filled())),
        )
        .map_err(err)?;
    let runs = hr_runs(series);
    if let Some((c, _)) = ceiling {
        // Per stretch between pauses, so no fill bridges a pause.
        chart
            .draw_series(
                runs.iter()
                    .flat_map(|r| above_polygons(r, c))
                    .map(|pts| Polygon::new(pts, VERMILLION.mix(0.35).filled())),
            )
            .map_err(err)?;
    }
    for run in runs {
        chart
            .draw_series(LineSeries::new(run, PURPLE.stroke_width(2)))
            .map_err(err)?;
    }
    if let Some((c, _)) = ceiling {
        let (x0, y) = chart.backend_coord(&(0.0, c));
        let (x1, _) = chart.backend_coord(&(end_min, c));
        dashed_h(root, x0, x1, y, VERMILLION)?;
    }
    Ok(())
}

/// The legend above the heart-rate chart.
fn hr_legend(root: &Area, y: i32, ceiling: Option<(f64, &str)>) -> Drawn {
    let mut x = LEFT;
    x = legend_item(root, x, y, Swatch::Line(PURPLE), "heart rate")?;
    match ceiling {
        Some((c, rung)) => {
            x = legend_item(
                root,
                x,
                y,
                Swatch::Dashed(VERMILLION),
                &format!("easy ceiling {c:.0} bpm ({rung})"),
            )?;
            x = legend_item(
                root,
                x,
                y,
                Swatch::Box(VERMILLION.mix(0.35)),
                "above the ceiling",
            )?;
        }
        None => {
            text(
                root,
                "no easy ceiling known (give --max-hr, --lthr or --age)",
                (x, y),
                TextStyle::new(theme::SMALL_PX, GREY),
            )?;
            x += 380;
        }
    }
    x = legend_item(root, x, y, Swatch::Box(SKY.to_rgba()), "walking")?;
    legend_item(
        root,
        x,
        y,
        Swatch::Box(LIGHT_GREY.mix(0.6)),
        "paused / stopped",
    )?;
    Ok(())
}

/// Stretches of heart rate as (minutes, bpm) lines, broken at missing values and pauses.
fn hr_runs(series: &PlotSeries) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    let mut prev_t = f32::NEG_INFINITY;
    for p in &series.points {
        let paused = series
            .pauses_s
            .iter()
            .any(|&(a, b)| prev_t <= a && p.t_s >= b);
        match p.hr_bpm {
            Some(h) if !paused => cur.push((f64::from(p.t_s) / 60.0, f64::from(h))),
            Some(h) => {
                out.push(std::mem::take(&mut cur));
                cur.push((f64::from(p.t_s) / 60.0, f64::from(h)));
            }
            None => out.push(std::mem::take(&mut cur)),
        }
        prev_t = p.t_s;
    }
    out.push(cur);
    out.retain(|r| r.len() > 1);
    out
}

/// Polygons between the HR line and the ceiling where HR is above it.
fn above_polygons(hr: &[(f64, f64)], ceiling: f64) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    for &(t, h) in hr {
        if h > ceiling {
            cur.push((t, h));
        } else if !cur.is_empty() {
            out.push(close_above(std::mem::take(&mut cur), ceiling));
        }
    }
    if !cur.is_empty() {
        out.push(close_above(cur, ceiling));
    }
    out
}

/// Closes a stretch above the ceiling back along the ceiling line.
fn close_above(mut pts: Vec<(f64, f64)>, ceiling: f64) -> Vec<(f64, f64)> {
    let (first, last) = match (pts.first(), pts.last()) {
        (Some(f), Some(l)) => (f.0, l.0),
        _ => return pts,
    };
    let (first, last) = if last > first {
        (first, last)
    } else {
        (first - 0.05, last + 0.05)
    };
    pts.push((last, ceiling));
    pts.push((first, ceiling));
    pts
}

/// Walking stretches in minutes, from consecutive walking points.
fn walking_spans(series: &PlotSeries) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    let mut prev = 0.0f64;
    for p in &series.points {
        let t = f64::from(p.t_s) / 60.0;
        if p.walking {
            match out.last_mut() {
                Some(last) if (last.1 - prev).abs() < 1e-9 => last.1 = t,
                _ => out.push((prev, t)),
            }
        }
        prev = t;
    }
    out
}

/// The elevation profile against distance (or time when there is no distance).
pub fn elevation(root: &Area, top: i32, view: RunView) -> Drawn {
    let units = view.units;
    let caption = "Elevation";
    let Some(series) = view.series else {
        return empty_panel(
            root,
            top,
            ELEV_H,
            WIDTH,
            caption,
            "no samples kept for this report",
        );
    };
    let by_distance = series.points.last().is_some_and(|p| p.distance_m > 10.0);
    let pts: Vec<(f64, f64)> = series
        .points
        .iter()
        .filter_map(|p| {
            let x = if by_distance {
                units.distance(f64::from(p.distance_m))
            } else {
                f64::from(p.t_s) / 60.0
            };
            p.altitude_m.map(|a| (x, units.elevation(f64::from(a))))
        })
        .collect();
    if pts.len() < 2 {
        return empty_panel(root, top, ELEV_H, WIDTH, caption, "no elevation recorded");
    }
    let gain = view
        .report
        .analysis
        .elevation_gain_m
        .map(|g| {
            format!(
                " · gain {:.0} {}",
                units.elevation(g),
                units.elevation_word()
            )
        })
        .unwrap_or_default();
    text(
        root,
        &format!("{caption}{gain}"),
        (LEFT, top + 14),
        TextStyle::new(theme::CAPTION_PX, INK).bold(),
    )?;
    let x_end = pts.last().map_or(1.0, |p| p.0).max(0.1);
    let lo = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let hi = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = elevation_range(lo, hi, units);
    let area = root
        .clone()
        .shrink((0, top + 26), (WIDTH as u32, (ELEV_H - 26) as u32));
    let mut chart = panel_chart(
        &area,
        X_LABELS,
        Axis::new(0.0, x_end, nice_ticks(0.0, x_end, 10)),
        Axis::new(lo, hi, nice_ticks(lo, hi, 4)),
    )?;
    let x_desc = if by_distance {
        format!("distance, {}", units.word())
    } else {
        "minutes from start (no distance recorded)".to_string()
    };
    panel_mesh(&mut chart, 0.7)
        .disable_x_mesh()
        .x_desc(x_desc)
        .y_desc(units.elevation_word())
        .x_label_formatter(&|v| trim_num(*v))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .draw()
        .map_err(err)?;
    chart
        .draw_series(
            AreaSeries::new(pts, lo, GREY.mix(0.25).filled()).border_style(GREY.stroke_width(2)),
        )
        .map_err(err)?;
    Ok(())
}

/// The elevation axis: the profile centred, at least 10 m (30 ft) tall, with 15% room.
fn elevation_range(lo: f64, hi: f64, units: crate::units::Units) -> (f64, f64) {
    let least = if units == crate::units::Units::Mi {
        30.0
    } else {
        10.0
    };
    let mid = (lo + hi) / 2.0;
    let half = ((hi - lo) / 2.0).max(least / 2.0) * 1.15;
    (mid - half, mid + half)
}

/// A tick value without trailing zeros: 2 → "2", 2.5 → "2.5".
pub fn trim_num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pace_range_holds_a_walked_split() {
        // Splits 300, 310, 900 s: median 310, slow end held to 2 × 310 = 620,
        // pad = max(0.12 × 320, 15) = 38.4: 261.6..658.4.
        let (fast, slow) = pace_range(&[300.0, 310.0, 900.0], None);
        assert!((fast - 261.6).abs() < 1e-9 && (slow - 658.4).abs() < 1e-9);
    }

    #[test]
    fn above_polygons_close_on_the_ceiling() {
        // 140, 160, 165, 140 against 150: one stretch (1, 160), (2, 165), closed at 150.
        let p = above_polygons(
            &[(0.0, 140.0), (1.0, 160.0), (2.0, 165.0), (3.0, 140.0)],
            150.0,
        );
        assert_eq!(
            p,
            vec![vec![(1.0, 160.0), (2.0, 165.0), (2.0, 150.0), (1.0, 150.0)]]
        );
    }

    #[test]
    fn flat_elevation_is_centred() {
        // Flat at 410 m: half-height max(0, 5) × 1.15 = 5.75 → 404.25..415.75.
        let (a, b) = elevation_range(410.0, 410.0, crate::units::Units::Km);
        assert!((a - 404.25).abs() < 1e-9 && (b - 415.75).abs() < 1e-9);
        // 100..300 m: half 100 × 1.15 = 115 around 200 → 85..315.
        let (a, b) = elevation_range(100.0, 300.0, crate::units::Units::Km);
        assert!((a - 85.0).abs() < 1e-9 && (b - 315.0).abs() < 1e-9);
    }

    #[test]
    fn labels_every_nth_bar() {
        // 45 bars: step ceil(45 / 20) = 3: 1, 4, 7, ..., 43 (15 labels).
        let l = every_nth(45);
        assert_eq!(l.len(), 15);
        assert_eq!(l.first(), Some(&1));
        assert_eq!(l.last(), Some(&43));
        assert_eq!(trim_num(2.50), "2.5");
        assert_eq!(trim_num(3.0), "3");
    }
}
