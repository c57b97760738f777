//! The season's last panel: average heart rate against average pace for the runs whose heart rate
//! said easy (every run with heart rate when none did), with the easy ceiling.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::legend::verdict_markers;
use super::view::{Dot, HEAD, HR_VS_PACE_H, WIDTH};
use crate::classify::judge::JudgedAs;
use crate::report::svg::axis::Axis;
use crate::report::svg::draw::{
    caption, err, legend_item, marker, panel_chart, panel_mesh, text, Area, Drawn, Swatch,
    TextStyle,
};
use crate::report::svg::format::{min_sec, nice_ticks, pace_ticks};
use crate::report::svg::theme::{self, verdict_look, GREY, VERMILLION};
use crate::run::RunReport;
use crate::units::Units;

/// Average HR against average pace for runs whose heart rate passed the effort criterion.
pub fn draw(root: &Area, top: i32, dots: &[Dot], runs: &[&RunReport], units: Units) -> Drawn {
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
            (WIDTH / 2, top + HR_VS_PACE_H / 2),
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
    let x = verdict_markers(root, top + 36)?;
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
    let area = root.clone().shrink(
        (0, top + HEAD),
        (WIDTH as u32, (HR_VS_PACE_H - HEAD) as u32),
    );
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
