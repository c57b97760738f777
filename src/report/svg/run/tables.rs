//! The splits and laps of a run report as tables: one row per split (and per device lap when
//! there is more than one), at most [`MAX_ROWS`] rows each.

use plotters::style::text_anchor::HPos;

use super::view::{split_word, RunView, ROW_H};
use crate::analyze::Segment;
use crate::report::svg::draw::{text, Area, Drawn, TextStyle};
use crate::report::svg::theme::{self, GREY, INK};
use crate::run::RunReport;
use crate::units::{fmt_distance, fmt_duration, fmt_pace, Percent, Units};

/// Most rows of a table drawn; the rest are counted in one line.
const MAX_ROWS: usize = 30;

/// The tables drawn: splits, and laps when the device recorded more than one.
fn tables(report: &RunReport) -> Vec<(&'static str, &[Segment])> {
    let a = &report.analysis;
    let mut out = Vec::new();
    if !a.splits.is_empty() {
        out.push(("split", a.splits.as_slice()));
    }
    if a.laps.len() > 1 {
        out.push(("lap", a.laps.as_slice()));
    }
    out
}

/// Rows a table takes, with its title and header (and the "more" line).
fn rows(segments: &[Segment]) -> i32 {
    let shown = segments.len().min(MAX_ROWS) as i32;
    let more = i32::from(segments.len() > MAX_ROWS);
    shown + more + 2
}

/// Height of the tables part, px.
pub fn height(report: &RunReport) -> i32 {
    let t = tables(report);
    if t.is_empty() {
        return 2 * ROW_H;
    }
    t.iter().map(|(_, s)| rows(s) * ROW_H + 10).sum::<i32>() + 10
}

/// The splits and laps tables.
pub fn draw(root: &Area, top: i32, view: RunView) -> Drawn {
    let t = tables(view.report);
    if t.is_empty() {
        return text(
            root,
            "No splits or laps (no distance recorded).",
            (20, top + ROW_H),
            TextStyle::new(theme::BODY_PX, GREY),
        );
    }
    let mut y = top + 10;
    for (label, segments) in t {
        y = one_table(root, y, label, segments, view.units)? + 10;
    }
    Ok(())
}

/// One table; returns the y below it.
fn one_table(
    root: &Area,
    top: i32,
    label: &str,
    segments: &[Segment],
    units: Units,
) -> Result<i32, String> {
    let title = if label == "split" {
        format!("Splits (every {})", split_word(units))
    } else {
        "Laps (as the device recorded them)".to_string()
    };
    text(
        root,
        &title,
        (20, top + ROW_H / 2),
        TextStyle::new(theme::CAPTION_PX, INK).bold(),
    )?;
    let header = [
        label, "distance", "moving", "pace", "GAP", "avg HR", "max HR", "gain", "cadence", "walk",
    ]
    .map(str::to_string);
    cells(
        root,
        top + ROW_H + ROW_H / 2,
        &header,
        TextStyle::new(theme::SMALL_PX, GREY),
    )?;
    let mut y = top + 2 * ROW_H;
    for s in segments.iter().take(MAX_ROWS) {
        let row = [
            s.index.to_string(),
            fmt_distance(s.distance_m, units),
            fmt_duration(s.moving_s),
            fmt_pace(s.pace_s_per_km, units),
            fmt_pace(s.gap_s_per_km, units),
            opt(s.hr_avg_bpm.map(|v| format!("{v:.0}"))),
            opt(s.hr_max_bpm.map(|v| v.to_string())),
            opt(s
                .elevation_gain_m
                .map(|v| format!("+{:.0} {}", units.elevation(v), units.elevation_word()))),
            opt(s.cadence_spm.map(|v| format!("{v:.0} spm"))),
            Percent(s.walking_share).to_string(),
        ];
        cells(
            root,
            y + ROW_H / 2,
            &row,
            TextStyle::new(theme::SMALL_PX, INK),
        )?;
        y += ROW_H;
    }
    if segments.len() > MAX_ROWS {
        let more = format!("… and {} more", segments.len() - MAX_ROWS);
        text(
            root,
            &more,
            (20, y + ROW_H / 2),
            TextStyle::new(theme::SMALL_PX, GREY),
        )?;
        y += ROW_H;
    }
    Ok(y)
}

/// Right edges of the table columns, px (SVG collapses spaces, so each cell is placed).
const COLUMNS: [i32; 10] = [60, 150, 230, 320, 410, 490, 570, 650, 750, 820];

/// One table row, each cell right-aligned at its column.
fn cells(root: &Area, y: i32, row: &[String; 10], style: TextStyle) -> Drawn {
    for (cell, x) in row.iter().zip(COLUMNS) {
        text(root, cell, (x, y), style.anchor(HPos::Right))?;
    }
    Ok(())
}

/// A cell's text, or "-" when the figure is missing.
fn opt(v: Option<String>) -> String {
    v.unwrap_or_else(|| "-".to_string())
}
