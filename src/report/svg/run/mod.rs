//! The per-run SVG page: stacks its parts top to bottom (header, pace, heart rate, elevation, the
//! splits/laps tables, the footer), each drawn by its own file; this file only places them.

use plotters::prelude::*;

use crate::report::svg::draw::err;
use crate::report::svg::theme::PAPER;

mod elevation;
mod footer;
mod header;
mod heart_rate;
mod pace;
mod tables;
mod view;

pub use view::RunView;
use view::{ELEV_H, HR_H, PACE_H, WIDTH};

/// The SVG document for one run. The same input gives the same bytes.
pub fn run_svg(view: RunView) -> Result<String, String> {
    let pace_top = header::height(view.report);
    let hr_top = pace_top + PACE_H;
    let elev_top = hr_top + HR_H;
    let table_top = elev_top + ELEV_H;
    let footer_top = table_top + tables::height(view.report);
    let height = footer_top + footer::height(view.report);
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (WIDTH as u32, height as u32)).into_drawing_area();
        root.fill(&PAPER).map_err(err)?;
        header::draw(&root, view)?;
        pace::draw(&root, pace_top, view)?;
        heart_rate::draw(&root, hr_top, view)?;
        elevation::draw(&root, elev_top, view)?;
        tables::draw(&root, table_top, view)?;
        footer::draw(&root, footer_top, view)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}
