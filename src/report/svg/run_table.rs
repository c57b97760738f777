//! The lower part of a run report: the splits and laps as a table, and a footer with every
//! threshold the verdict used and where each came from.

use plotters::style::text_anchor::HPos;

use super::draw::{fit, text, Area, Drawn, TextStyle};
use super::run::{RunView, WIDTH};
use super::theme::{self, GREY, INK};
use crate::analyze::Segment;
use crate::profile::Sourced;
use crate::report::table::source_word;
use crate::run::RunReport;
use crate::units::Units;
use crate::units::{fmt_distance, fmt_duration, fmt_pace};

/// Height of one table or footer line, px.
const ROW_H: i32 = 19;
/// Most rows of a table drawn; the rest are counted in one line.
pub const MAX_ROWS: usize = 30;

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
pub fn table_height(report: &RunReport) -> i32 {
    let t = tables(report);
    if t.is_empty() {
        return 2 * ROW_H;
    }
    t.iter().map(|(_, s)| rows(s) * ROW_H + 10).sum::<i32>() + 10
}

/// The splits and laps tables.
pub fn table(root: &Area, top: i32, view: RunView) -> Drawn {
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
        format!(
            "Splits (every {})",
            if units == Units::Km { "km" } else { "mile" }
        )
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
        label, "distance", "moving", "pace", "avg HR", "max HR", "gain", "cadence", "walk",
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
            opt(s.hr_avg_bpm.map(|v| format!("{v:.0}"))),
            opt(s.hr_max_bpm.map(|v| v.to_string())),
            opt(s
                .elevation_gain_m
                .map(|v| format!("+{:.0} {}", units.elevation(v), units.elevation_word()))),
            opt(s.cadence_spm.map(|v| format!("{v:.0} spm"))),
            format!("{:.0}%", s.walking_share * 100.0),
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
const COLUMNS: [i32; 9] = [60, 160, 240, 340, 420, 500, 580, 680, 750];

/// One table row, each cell right-aligned at its column.
fn cells(root: &Area, y: i32, row: &[String; 9], style: TextStyle) -> Drawn {
    for (cell, x) in row.iter().zip(COLUMNS) {
        text(root, cell, (x, y), style.anchor(HPos::Right))?;
    }
    Ok(())
}

fn opt(v: Option<String>) -> String {
    v.unwrap_or_else(|| "-".to_string())
}

/// The footer lines: thresholds with their sources, then the file.
fn footer_lines(report: &RunReport, units: Units) -> Vec<String> {
    let mut lines = vec!["Thresholds used (and where each came from)".to_string()];
    let Some(p) = report.judgement.as_ref().and_then(|j| j.profile.as_ref()) else {
        lines.push("none: this activity was not judged".to_string());
        lines.push(file_line(report));
        return lines;
    };
    let r = &p.rules;
    let per_mi = |s: f64| fmt_duration(s * crate::units::METERS_PER_MILE / 1000.0);
    lines.push(format!(
        "duration ≤ {} ({}) · pace: normal + {} to + {} per mile ({}, {}) · effort: ≥ {:.0}% of moving time at or below the ceiling ({}), no block above it longer than {} ({})",
        fmt_duration(r.max_moving_s.value),
        src(&r.max_moving_s),
        per_mi(r.slower_min_s_per_km.value),
        per_mi(r.slower_max_s_per_km.value),
        src(&r.slower_min_s_per_km),
        src(&r.slower_max_s_per_km),
        r.easy_share_min.value * 100.0,
        src(&r.easy_share_min),
        fmt_duration(r.max_block_above_s.value),
        src(&r.max_block_above_s),
    ));
    lines.push(match &p.normal_pace_s_per_km {
        Some(n) if !n.note.is_empty() => format!("normal pace: {} ({})", n.note, src(n)),
        Some(n) => format!(
            "normal pace: {} ({})",
            fmt_pace(Some(n.value), units),
            src(n)
        ),
        None => format!(
            "normal pace: none (fewer than {} runs in the {} days before, and none given)",
            r.baseline_min_runs.value, r.baseline_window_days.value
        ),
    });
    lines.push(match (&p.easy_ceiling, &p.max_hr_bpm) {
        (Some(c), Some(m)) => format!(
            "easy ceiling: {:.0} bpm = {}; max HR {:.0} ({}{})",
            c.bpm,
            c.rung_detail,
            m.value,
            src(m),
            if m.note.is_empty() {
                String::new()
            } else {
                format!(": {}", m.note)
            }
        ),
        (Some(c), None) => format!("easy ceiling: {:.0} bpm = {}", c.bpm, c.rung_detail),
        (None, _) => "easy ceiling: none (give --max-hr, --lthr, --lt1-hr or --age)".to_string(),
    });
    lines.push(file_line(report));
    lines
}

/// The file, format, device and where the distance came from.
fn file_line(report: &RunReport) -> String {
    let a = &report.analysis;
    format!(
        "file: {} · {}{} · {} samples ({} with HR) · distance from {}",
        report.file,
        report.format.as_str(),
        report
            .device
            .as_deref()
            .map(|d| format!(", {d}"))
            .unwrap_or_default(),
        a.samples,
        a.hr_samples,
        match a.distance_source {
            crate::analyze::DistanceSource::Device => "the device",
            crate::analyze::DistanceSource::Gps => "GPS fixes",
            crate::analyze::DistanceSource::None => "nowhere (none recorded)",
        }
    )
}

/// The source of a threshold in words.
fn src<T>(s: &Sourced<T>) -> &'static str {
    source_word(&s.source)
}

/// Wraps a line into pieces of at most `max` characters at spaces.
fn wrap(line: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for word in line.split(' ') {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > max {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Characters per footer line.
fn footer_chars() -> usize {
    ((WIDTH - 40) as f64 / (theme::SMALL_PX * 0.56)) as usize
}

/// Wrapped footer lines.
fn footer_wrapped(report: &RunReport, units: Units) -> Vec<String> {
    footer_lines(report, units)
        .iter()
        .flat_map(|l| wrap(l, footer_chars()))
        .collect()
}

/// Height of the footer, px.
pub fn footer_height(report: &RunReport) -> i32 {
    // Units change only numbers, not the line count, except in rare wraps: measure in km and mi.
    let n = footer_wrapped(report, Units::Km)
        .len()
        .max(footer_wrapped(report, Units::Mi).len());
    n as i32 * ROW_H + 20
}

/// The footer.
pub fn footer(root: &Area, top: i32, view: RunView) -> Drawn {
    let mut y = top + ROW_H / 2 + 4;
    for (i, line) in footer_wrapped(view.report, view.units).iter().enumerate() {
        let style = if i == 0 {
            TextStyle::new(theme::BODY_PX, INK).bold()
        } else {
            TextStyle::new(theme::SMALL_PX, GREY)
        };
        text(
            root,
            &fit(line, (WIDTH - 40) as f64, style.px),
            (20, y),
            style,
        )?;
        y += ROW_H;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces() {
        // "aaa bbb ccc" at 7: "aaa bbb" is 7 characters, then "ccc".
        assert_eq!(wrap("aaa bbb ccc", 7), vec!["aaa bbb", "ccc"]);
        assert_eq!(wrap("", 7), Vec::<String>::new());
    }
}
