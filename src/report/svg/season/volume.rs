//! The season's volume panel: distance per week (per month or year for longer seasons), stacked
//! by session type in the calendar's colours and letters; running and walking only.

use chrono::{Duration, NaiveDate};
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::legend::session_boxes;
use super::view::{Dot, HEAD, VOLUME_H, WIDTH};
use crate::report::svg::axis::Axis;
use crate::report::svg::draw::{
    caption, err, panel_chart, panel_mesh, text, Area, Drawn, TextStyle,
};
use crate::report::svg::format::nice_ticks;
use crate::report::svg::period::Period;
use crate::report::svg::theme::{self, session_look, PAPER, SESSION_ORDER};
use crate::units::Units;

/// Distance per week (month, year for longer seasons) stacked by session type.
pub fn draw(root: &Area, top: i32, dots: &[Dot], base: NaiveDate, units: Units) -> Drawn {
    let last_day = dots.iter().map(|d| d.day).fold(0.0, f64::max);
    let period = Period::for_span(last_day + 1.0);
    let date_of = |day: f64| base + Duration::days(day.max(0.0).floor() as i64);
    caption(
        root,
        top,
        &format!(
            "{} volume by session type, {} (running and walking)",
            period.adjective(),
            units.word()
        ),
    )?;
    session_boxes(root, top + 36)?;
    let buckets = period.bucket(base, date_of(last_day)) + 1;
    let mut stacks = vec![[0.0f64; SESSION_ORDER.len()]; buckets];
    for d in dots {
        let w = period.bucket(base, date_of(d.day));
        let Some(k) = SESSION_ORDER.iter().position(|v| Some(*v) == d.kind) else {
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
        for (k, v) in SESSION_ORDER.iter().enumerate() {
            let h = s.get(k).copied().unwrap_or(0.0);
            if h <= 0.0 {
                continue;
            }
            let look = session_look(*v);
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
                    TextStyle::new(theme::SMALL_PX, look.ink)
                        .bold()
                        .anchor(HPos::Center),
                )?;
            }
            y0 += h;
        }
    }
    Ok(())
}
