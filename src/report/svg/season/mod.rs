//! The season SVG page: a header, the training calendar (after a month strip for a long
//! history), then the charts (pace by date, volume by session type, fitness/fatigue/form when
//! the runs have a load, heart rate against pace), each drawn by its own file; this file only
//! places them.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::classify::judge::JudgedAs;
use crate::report::svg::calendar::calendar;
use crate::report::svg::draw::{err, text, TextStyle};
use crate::report::svg::period::week_start;
use crate::report::svg::theme::{self, GREY, PAPER};
use crate::run::RunReport;
use crate::units::Units;

mod fitness;
mod grid;
mod header;
mod hr_vs_pace;
mod legend;
mod marks;
mod months;
mod pace_by_date;
mod view;
mod volume;

use view::{
    calendar_height, Dot, FITNESS_H, HEADER_H, HR_VS_PACE_H, MONTHS_H, PACE_BY_DATE_H, VOLUME_H,
    WIDTH,
};

/// The season SVG for runs sorted by start. The same input gives the same bytes.
pub fn season_svg(runs: &[&RunReport], units: Units) -> Result<String, String> {
    let base = runs
        .first()
        .map(|r| week_start(r.analysis.start.date_naive()));
    let dots: Vec<Dot> = match base {
        Some(b) => runs.iter().map(|r| Dot::of(r, b, units)).collect(),
        None => Vec::new(),
    };
    let cal = calendar(runs);
    let months_h = if cal.months.is_empty() { 0 } else { MONTHS_H };
    let cal_h = if cal.rows.is_empty() {
        0
    } else {
        calendar_height(cal.rows.len())
    };
    let charts_top = HEADER_H + months_h + cal_h;
    let fitness_h = if fitness::has_load(runs) {
        FITNESS_H
    } else {
        0
    };
    let height = charts_top + PACE_BY_DATE_H + VOLUME_H + fitness_h + HR_VS_PACE_H;
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (WIDTH as u32, height as u32)).into_drawing_area();
        root.fill(&PAPER).map_err(err)?;
        header::draw(&root, runs)?;
        match base {
            Some(b) if dots.iter().any(|d| d.verdict != JudgedAs::Skipped) => {
                months::draw(&root, HEADER_H, &cal.months)?;
                if !cal.rows.is_empty() {
                    grid::draw(&root, HEADER_H + months_h, &cal)?;
                }
                let volume_top = charts_top + PACE_BY_DATE_H;
                pace_by_date::draw(&root, charts_top, &dots, b, units)?;
                volume::draw(&root, volume_top, &dots, b, units)?;
                let fitness_top = volume_top + VOLUME_H;
                if fitness_h > 0 {
                    let last_day = dots.iter().map(|d| d.day).fold(0.0, f64::max) + 1.0;
                    fitness::draw(&root, fitness_top, runs, b, last_day)?;
                }
                hr_vs_pace::draw(&root, fitness_top + fitness_h, &dots, runs, units)?;
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
