//! The foot of a run report: every threshold the verdict used and where each came from, then the
//! file, format, device and distance source, wrapped to the page width.

use super::view::{RunView, ROW_H, WIDTH};
use crate::profile::Sourced;
use crate::report::svg::draw::{fit, text, Area, Drawn, TextStyle};
use crate::report::svg::theme::{self, GREY, INK};
use crate::report::table::source_word;
use crate::run::RunReport;
use crate::units::{fmt_duration, fmt_pace, Units};

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
        Some(n) if n.note.is_some() => format!(
            "normal pace: {} ({})",
            n.note.as_ref().map(ToString::to_string).unwrap_or_default(),
            src(n)
        ),
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
    if let Some(n) = &p.normal_gap_s_per_km {
        lines.push(format!(
            "grade-adjusted normal pace (a hilly run's pace is judged on GAP): {} ({})",
            fmt_pace(Some(n.value), units),
            src(n)
        ));
    }
    lines.push(match (&p.easy_ceiling, &p.max_hr_bpm) {
        (Some(c), Some(m)) => format!(
            "easy ceiling: {:.0} bpm = {}; max HR {:.0} ({}{})",
            c.bpm,
            c.rung_detail,
            m.value,
            src(m),
            m.note
                .as_ref()
                .map_or(String::new(), |note| format!(": {note}"))
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
            crate::analyze::DistanceSource::Session => "the session total, spread over moving time",
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
pub fn height(report: &RunReport) -> i32 {
    // Units change only numbers, not the line count, except in rare wraps: measure in km and mi.
    let n = footer_wrapped(report, Units::Km)
        .len()
        .max(footer_wrapped(report, Units::Mi).len());
    n as i32 * ROW_H + 20
}

/// The footer.
pub fn draw(root: &Area, top: i32, view: RunView) -> Drawn {
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
