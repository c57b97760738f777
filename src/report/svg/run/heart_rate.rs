//! The heart-rate panel of a run report: heart rate over elapsed time against the easy ceiling,
//! the time above it filled, walking and pauses marked.

use plotters::prelude::*;

use super::view::{RunView, HEAD, HR_H, LEFT, WIDTH, X_LABELS};
use crate::analyze::series::PlotSeries;
use crate::report::svg::axis::Axis;
use crate::report::svg::draw::{
    caption, dashed_h, empty_panel, err, legend_item, panel_chart, panel_mesh, text, Area, Drawn,
    Swatch, TextStyle,
};
use crate::report::svg::format::nice_ticks;
use crate::report::svg::theme::{self, GREY, LIGHT_GREY, PURPLE, SKY, VERMILLION};

/// Heart rate over elapsed time, the easy ceiling, time above it, walking and pauses.
pub fn draw(root: &Area, top: i32, view: RunView) -> Drawn {
    let title = "Heart rate over time";
    let Some(series) = view.series else {
        return empty_panel(
            root,
            top,
            HR_H,
            WIDTH,
            title,
            "no samples kept for this report",
        );
    };
    let hr: Vec<(f64, f64)> = series
        .points
        .iter()
        .filter_map(|p| p.hr_bpm.map(|h| (f64::from(p.t_s) / 60.0, f64::from(h))))
        .collect();
    if hr.len() < 2 {
        return empty_panel(root, top, HR_H, WIDTH, title, "no heart rate recorded");
    }
    let ceiling = view
        .report
        .judgement
        .as_ref()
        .and_then(|j| j.profile.as_ref())
        .and_then(|p| p.easy_ceiling.as_ref())
        .map(|c| (c.bpm, c.rung_detail.as_str()));
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
    caption(root, top, title)?;
    legend(root, top + 36, ceiling)?;
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
fn legend(root: &Area, y: i32, ceiling: Option<(f64, &str)>) -> Drawn {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
