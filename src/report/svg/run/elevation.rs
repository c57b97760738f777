//! The elevation panel of a run report: the altitude profile against distance (or against time
//! when no distance was recorded), with the gain in the caption.

use plotters::prelude::*;

use super::view::{RunView, ELEV_H, WIDTH, X_LABELS};
use crate::report::svg::axis::Axis;
use crate::report::svg::draw::{caption, empty_panel, err, panel_chart, panel_mesh, Area, Drawn};
use crate::report::svg::format::{nice_ticks, trim_num};
use crate::report::svg::theme::GREY;
use crate::units::Units;

/// The elevation profile against distance (or time when there is no distance).
pub fn draw(root: &Area, top: i32, view: RunView) -> Drawn {
    let units = view.units;
    let title = "Elevation";
    let Some(series) = view.series else {
        return empty_panel(
            root,
            top,
            ELEV_H,
            WIDTH,
            title,
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
        return empty_panel(root, top, ELEV_H, WIDTH, title, "no elevation recorded");
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
    caption(root, top, &format!("{title}{gain}"))?;
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
fn elevation_range(lo: f64, hi: f64, units: Units) -> (f64, f64) {
    let least = if units == Units::Mi { 30.0 } else { 10.0 };
    let mid = (lo + hi) / 2.0;
    let half = ((hi - lo) / 2.0).max(least / 2.0) * 1.15;
    (mid - half, mid + half)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_elevation_is_centred() {
        // Flat at 410 m: half-height max(0, 5) × 1.15 = 5.75 → 404.25..415.75.
        let (a, b) = elevation_range(410.0, 410.0, Units::Km);
        assert!((a - 404.25).abs() < 1e-9 && (b - 415.75).abs() < 1e-9);
        // 100..300 m: half 100 × 1.15 = 115 around 200 → 85..315.
        let (a, b) = elevation_range(100.0, 300.0, Units::Km);
        assert!((a - 85.0).abs() < 1e-9 && (b - 315.0).abs() < 1e-9);
    }
}
