//! Human-readable output: a header and a splits table (and the device's laps) per run.

use std::io::{self, Write};

use crate::analyze::Segment;
use crate::classify::form::FormZone;
use crate::classify::judge::{JudgedAs, Judgement};
use crate::classify::Status;
use crate::profile::{CeilingRung, Source};
use crate::run::{FileResult, RunReport};
use crate::safe::terminal;
use crate::units::Units;
use crate::units::{fmt_distance, fmt_duration, fmt_pace};

/// How the table is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableStyle {
    /// Split units and pace units.
    pub units: Units,
    /// ANSI colors and bold.
    pub color: bool,
}

impl TableStyle {
    /// Wraps `text` in an ANSI style when colors are on.
    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Writes one block per run; files that could not be read are left to the caller's stderr.
pub fn write(out: &mut dyn Write, results: &[FileResult], style: &TableStyle) -> io::Result<()> {
    let mut first = true;
    for result in results {
        if let FileResult::Run(run) = result {
            if !first {
                writeln!(out)?;
            }
            first = false;
            write_run(out, run, style)?;
        }
    }
    Ok(())
}

fn opt_num<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "-".to_string())
}

fn write_run(out: &mut dyn Write, run: &RunReport, style: &TableStyle) -> io::Result<()> {
    let a = &run.analysis;
    let session = if run.session > 0 {
        format!(" session {}", run.session)
    } else {
        String::new()
    };
    let device = run
        .device
        .as_deref()
        .map(|d| format!(", {}", terminal(d)))
        .unwrap_or_default();
    writeln!(
        out,
        "{}  ({}{session}, {}{device})",
        style.paint("1", &terminal(&run.file)),
        run.format.as_str(),
        run.sport.as_str()
    )?;
    let pace = a.average_pace_s_per_km();
    let mut line = format!(
        "  {} · {} · moving {} of {} · {}",
        a.start.format("%Y-%m-%d %H:%M UTC"),
        fmt_distance(a.distance_m, style.units),
        fmt_duration(a.moving_s),
        fmt_duration(a.elapsed_s),
        fmt_pace(pace, style.units),
    );
    if let Some(gap) = a.gap_s_per_km {
        line.push_str(&format!(" (GAP {})", fmt_pace(Some(gap), style.units)));
    }
    if a.walking_s >= 1.0 {
        line.push_str(&format!(" · walking {}", fmt_duration(a.walking_s)));
    }
    match (a.hr_avg_bpm, a.hr_max_bpm) {
        (Some(avg), Some(max)) => line.push_str(&format!(" · HR {avg:.0} avg, {max} max")),
        _ => line.push_str(" · no heart rate"),
    }
    match (a.elevation_gain_m, a.device_ascent_m) {
        (Some(gain), Some(watch)) => {
            line.push_str(&format!(" · +{gain:.0} m, watch +{watch:.0} m"))
        }
        (Some(gain), None) => line.push_str(&format!(" · +{gain:.0} m")),
        (None, Some(watch)) => line.push_str(&format!(" · watch +{watch:.0} m")),
        (None, None) => {}
    }
    if let Some(cad) = a.cadence_spm {
        line.push_str(&format!(" · {cad:.0} spm"));
    }
    writeln!(out, "{line}")?;
    let declared: Vec<String> = run
        .intent
        .iter()
        .map(|i| {
            format!(
                "declared {}: \"{}\" ({})",
                i.label.as_str(),
                terminal(&i.text),
                i.source.describe()
            )
        })
        .chain(run.rpe.iter().map(|r| {
            format!(
                "perceived effort {:.0} of 10 ({})",
                r.value,
                r.source.describe()
            )
        }))
        .collect();
    if !declared.is_empty() {
        writeln!(out, "  {}", declared.join(" · "))?;
    }
    if let Some(j) = &run.judgement {
        write_judgement(out, j, style)?;
    }
    if let Some(f) = &run.form {
        let rules = crate::run::load_rules(&[run]);
        let zone = f.zone(&rules).map_or("no fitness yet", FormZone::words);
        writeln!(
            out,
            "    that morning: fitness {:.0}, fatigue {:.0}, form {:+.0} ({zone})",
            f.fitness, f.fatigue, f.form
        )?;
    }
    if !run.duplicates.is_empty() {
        writeln!(
            out,
            "  same activity as: {} (counted once)",
            terminal(&run.duplicates.join(", "))
        )?;
    }
    for warning in &run.warnings {
        writeln!(
            out,
            "  {} {}",
            style.paint("33", "warning:"),
            terminal(&warning.to_string())
        )?;
    }
    if !a.splits.is_empty() {
        let label = match style.units {
            Units::Km => "km",
            Units::Mi => "mile",
        };
        write_segments(out, label, &a.splits, style)?;
    }
    if a.laps.len() > 1 {
        write_segments(out, "lap", &a.laps, style)?;
    }
    Ok(())
}

fn write_judgement(out: &mut dyn Write, j: &Judgement, style: &TableStyle) -> io::Result<()> {
    let color = verdict_ansi(j.verdict, true);
    let session = j.session.as_ref().map(|s| s.sentence());
    if j.verdict == JudgedAs::Skipped {
        writeln!(
            out,
            "  {} (not a run)",
            style.paint(color, j.verdict.label())
        )?;
        if let Some(s) = session {
            writeln!(out, "  session {s}")?;
        }
        return Ok(());
    }
    writeln!(out, "  {}", style.paint(color, j.verdict.label()))?;
    if let Some(s) = session {
        writeln!(out, "  session {s}")?;
    }
    if let Some(b) = j.borderline_words() {
        writeln!(out, "  {b}")?;
    }
    for c in &j.criteria {
        let (mark, c_color) = match c.status {
            Status::Pass => ("pass", "32"),
            Status::Fail => ("FAIL", "31"),
            Status::Unknown => ("  ? ", "33"),
        };
        writeln!(
            out,
            "    {} {:<8} {}",
            style.paint(c_color, mark),
            c.kind.as_str(),
            c.detail()
        )?;
    }
    if let Some(l) = &j.load {
        writeln!(out, "    load: {}", l.sentence())?;
    } else if let Some(why) = &j.no_load {
        writeln!(out, "    {why}")?;
    }
    if let Some(p) = &j.profile {
        let mut used = Vec::new();
        if let Some(n) = &p.normal_pace_s_per_km {
            used.push(match &n.note {
                None => format!(
                    "normal pace {} ({})",
                    fmt_pace(Some(n.value), style.units),
                    source_word(&n.source)
                ),
                Some(note) => note.to_string(),
            });
        }
        if let Some(n) = &p.normal_gap_s_per_km {
            used.push(format!(
                "grade-adjusted normal pace {} ({})",
                fmt_pace(Some(n.value), style.units),
                source_word(&n.source)
            ));
        }
        let uses_max = p
            .easy_ceiling
            .as_ref()
            .is_some_and(|c| matches!(c.rung, CeilingRung::HrReserve | CeilingRung::MaxHr));
        if let Some(m) = p.max_hr_bpm.as_ref().filter(|_| uses_max) {
            used.push(format!(
                "max HR {:.0} ({})",
                m.value,
                source_word(&m.source)
            ));
        }
        if let Some(c) = &p.easy_ceiling {
            used.push(format!("easy ceiling {:.0} bpm = {}", c.bpm, c.rung_detail));
        }
        if !used.is_empty() {
            writeln!(
                out,
                "    {}",
                style.paint("2", &format!("using {}", used.join("; ")))
            )?;
        }
    }
    Ok(())
}

/// The one verdict → terminal colour mapping (ANSI SGR code) for every table: green recovery,
/// red not recovery, yellow inconclusive, dim skipped; `bold` adds weight. The SVG palette in
/// `report::svg::theme` follows the same hues.
///
/// ```
/// use runaudit::classify::judge::JudgedAs;
/// use runaudit::report::table::verdict_ansi;
/// assert_eq!(verdict_ansi(JudgedAs::Recovery, true), "1;32");
/// assert_eq!(verdict_ansi(JudgedAs::NotRecovery, false), "31");
/// ```
pub fn verdict_ansi(v: JudgedAs, bold: bool) -> &'static str {
    match (v, bold) {
        (JudgedAs::Recovery, true) => "1;32",
        (JudgedAs::Recovery, false) => "32",
        (JudgedAs::NotRecovery, true) => "1;31",
        (JudgedAs::NotRecovery, false) => "31",
        (JudgedAs::Inconclusive, true) => "1;33",
        (JudgedAs::Inconclusive, false) => "33",
        (JudgedAs::Skipped, _) => "2",
    }
}

/// Where a threshold came from, in a word or two (tables and SVG footers).
pub fn source_word(s: &Source) -> &'static str {
    match s {
        Source::Flag => "flag",
        Source::ProfileFile => "profile file",
        Source::Watch => "set on the watch",
        Source::Inferred => "inferred from history",
        Source::Derived => "derived",
        Source::Default => "default",
    }
}

fn write_segments(
    out: &mut dyn Write,
    label: &str,
    segments: &[Segment],
    style: &TableStyle,
) -> io::Result<()> {
    let header = format!(
        "  {label:>5} {:>9} {:>8} {:>9} {:>9} {:>6} {:>6} {:>6} {:>6} {:>5}",
        "distance", "moving", "pace", "GAP", "avgHR", "maxHR", "gain", "cad", "walk"
    );
    writeln!(out, "{}", style.paint("2", &header))?;
    for s in segments {
        writeln!(
            out,
            "  {:>5} {:>9} {:>8} {:>9} {:>9} {:>6} {:>6} {:>6} {:>6} {:>4.0}%",
            s.index,
            fmt_distance(s.distance_m, style.units),
            fmt_duration(s.moving_s),
            fmt_pace(s.pace_s_per_km, style.units),
            s.gap_s_per_km
                .map_or("-".to_string(), |g| fmt_pace(Some(g), style.units)),
            opt_num(s.hr_avg_bpm.map(|v| format!("{v:.0}"))),
            opt_num(s.hr_max_bpm),
            opt_num(s.elevation_gain_m.map(|v| format!("+{v:.0}"))),
            opt_num(s.cadence_spm.map(|v| format!("{v:.0}"))),
            s.walking_share * 100.0,
        )?;
    }
    Ok(())
}
