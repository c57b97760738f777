//! The season's last panel: average heart rate against average pace for the runs whose heart rate
//! said easy (every run with heart rate when none did), with the easy ceiling. Both axes are
//! robust (2nd–98th percentile); runs off them are triangles at the edge.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::legend::verdict_shapes;
use super::marks::{off_axis, Off};
use super::pace_by_date::{dot_color, draw_off_axis_note, pace_range};
use super::view::{Dot, HEAD, HR_VS_PACE_H, WIDTH};
use crate::classify::judge::JudgedAs;
use crate::classify::session::SessionType;
use crate::report::svg::axis::Axis;
use crate::report::svg::draw::{
    caption, err, legend_item, marker, panel_chart, panel_mesh, text, Area, Drawn, Swatch,
    TextStyle,
};
use crate::report::svg::format::{min_sec, nice_ticks, pace_ticks};
use crate::report::svg::robust::{clip, robust_range, Clip};
use crate::report::svg::theme::{self, verdict_look, GREY, VERMILLION};
use crate::run::RunReport;
use crate::units::Units;

/// Average HR against average pace for runs whose heart rate passed the effort criterion.
pub fn draw(root: &Area, top: i32, dots: &[Dot], runs: &[&RunReport], units: Units) -> Drawn {
    let with_hr = |easy_only: bool| -> Vec<Dot> {
        dots.iter()
            .filter(|d| d.verdict != JudgedAs::Skipped && (d.easy_hr || !easy_only))
            .filter(|d| d.pace.is_some() && d.hr.is_some())
            .copied()
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
    let x = verdict_shapes(root, top + 36)?;
    if let Some(c) = ceiling {
        legend_item(
            root,
            x,
            top + 36,
            Swatch::Line(VERMILLION),
            &format!("easy ceiling {c:.0} bpm"),
        )?;
    }
    let Some((fast, slow)) = pace_range(&easy) else {
        return Ok(());
    };
    let hrs: Vec<f64> = easy.iter().filter_map(|d| d.hr).collect();
    let Some((lo, hi)) = robust_range(&hrs, 2.0, 0.05, 6.0) else {
        return Ok(());
    };
    let (lo, hi) = (lo.max(0.0), hi.max(ceiling.map_or(0.0, |c| c + 6.0)));
    let area = root.clone().shrink(
        (0, top + HEAD),
        (WIDTH as u32, (HR_VS_PACE_H - HEAD - 20) as u32),
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
    let mut off = Vec::new();
    for d in &easy {
        let (Some(p), Some(h)) = (d.pace, d.hr) else {
            continue;
        };
        let c = chart.backend_coord(&(-p.clamp(fast, slow), h.clamp(lo, hi)));
        let edge = match (clip(p, (fast, slow)), clip(h, (lo, hi))) {
            (Clip::High, _) => Some(Off::Left),
            (Clip::Low, _) => Some(Off::Right),
            (_, Clip::High) => Some(Off::Up),
            (_, Clip::Low) => Some(Off::Down),
            _ => None,
        };
        match edge {
            Some(o) => off_axis(root, c, o, dot_color(d))?,
            None => marker(root, verdict_look(d.verdict).shape, c, 5, dot_color(d))?,
        }
        if clip(p, (fast, slow)) != Clip::In {
            off.push((p, d.kind == Some(SessionType::Walk)));
        }
    }
    draw_off_axis_note(root, &off, top + HR_VS_PACE_H)
}
