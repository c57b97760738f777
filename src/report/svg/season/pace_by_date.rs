//! The season's first panel: each run's average pace by date (faster up, marker by verdict) with
//! the rolling normal pace and its recovery band.

use chrono::{Duration, NaiveDate};
use plotters::prelude::*;

use super::legend::verdict_markers;
use super::view::{Dot, HEAD, PACE_BY_DATE_H, WIDTH};
use crate::classify::judge::JudgedAs;
use crate::report::svg::axis::Axis;
use crate::report::svg::draw::{
    caption, err, legend_item, marker, panel_chart, panel_mesh, Area, Drawn, Swatch,
};
use crate::report::svg::format::{min_sec, pace_ticks};
use crate::report::svg::period::Period;
use crate::report::svg::theme::{verdict_look, BLUE, SKY};
use crate::units::Units;

/// Date against average pace, the rolling normal pace and its band.
pub fn draw(root: &Area, top: i32, dots: &[Dot], base: NaiveDate, units: Units) -> Drawn {
    caption(
        root,
        top,
        &format!(
            "Average pace of each run (faster up), min:ss per {}",
            units.word()
        ),
    )?;
    let x = verdict_markers(root, top + 36)?;
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
