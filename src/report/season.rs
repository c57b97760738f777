//! The season table: one line per run (date, distance, moving time, pace, average HR, verdict,
//! reasons), then a summary — runs per verdict, recovery runs per week, and the runs meant to be
//! easy that were too fast or too long.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::Datelike;

use super::table::{verdict_ansi, TableStyle};
use crate::classify::judge::JudgedAs;
use crate::classify::{CriterionKind, Status};
use crate::run::{FileResult, RunReport};
use crate::units::{fmt_distance, fmt_duration, fmt_pace, Units};
use crate::words::plural;

fn distance(d_m: f64, units: Units) -> String {
    format!("{:.2}", units.distance(d_m))
}

/// Writes the season table and summary. Error entries are left to the caller's stderr.
pub fn write(out: &mut dyn Write, results: &[FileResult], style: &TableStyle) -> io::Result<()> {
    let runs: Vec<&RunReport> = results
        .iter()
        .filter_map(|r| match r {
            FileResult::Run(run) => Some(run.as_ref()),
            FileResult::Error { .. } => None,
        })
        .collect();
    let unit = style.units.word();
    let header = format!(
        "{:<10} {:>7} {:>8} {:>8} {:>4}  {:<13} {:<8} {}",
        "date", unit, "moving", "pace", "HR", "verdict", "type", "reasons"
    );
    writeln!(out, "{}", style.paint("1", &header))?;
    for run in &runs {
        let a = &run.analysis;
        let pace = a.average_pace_s_per_km();
        let verdict = run
            .judgement
            .as_ref()
            .map_or(JudgedAs::Skipped, |j| j.verdict);
        let reasons = match &run.judgement {
            Some(_) if verdict == JudgedAs::Skipped => {
                format!("{} is not judged", run.sport.as_str())
            }
            Some(j) => j
                .criteria
                .iter()
                .filter(|c| c.status != Status::Pass)
                .map(|c| c.reason.brief(c.kind.as_str(), style.units))
                .collect::<Vec<_>>()
                .join("; "),
            None => String::new(),
        };
        let label = format!("{:<13}", verdict.label());
        let kind = run
            .judgement
            .as_ref()
            .and_then(|j| j.session.as_ref())
            .map_or("-", |s| s.kind.as_str());
        writeln!(
            out,
            "{:<10} {:>7} {:>8} {:>8} {:>4}  {} {kind:<8} {}  {}",
            a.start.format("%Y-%m-%d"),
            distance(a.distance_m, style.units),
            fmt_duration(a.moving_s),
            fmt_pace(pace, style.units)
                .trim_end_matches("/km")
                .trim_end_matches("/mi"),
            a.hr_avg_bpm.map_or("-".to_string(), |h| format!("{h:.0}")),
            style.paint(verdict_ansi(verdict, false), &label),
            reasons,
            style.paint("2", &run.file),
        )?;
    }
    writeln!(out)?;
    summary(out, &runs, style)
}

fn summary(out: &mut dyn Write, runs: &[&RunReport], style: &TableStyle) -> io::Result<()> {
    let count = |v: JudgedAs| {
        runs.iter()
            .filter(|r| r.judgement.as_ref().map(|j| j.verdict) == Some(v))
            .count()
    };
    let duplicates: usize = runs.iter().map(|r| r.duplicates.len()).sum();
    writeln!(
        out,
        "{}: {} activities — {} recovery, {} not recovery, {} inconclusive, {} skipped (not running){}",
        style.paint("1", "Season"),
        runs.len(),
        count(JudgedAs::Recovery),
        count(JudgedAs::NotRecovery),
        count(JudgedAs::Inconclusive),
        count(JudgedAs::Skipped),
        if duplicates > 0 {
            format!("; {} counted once", plural(duplicates, "duplicate file", "duplicate files"))
        } else {
            String::new()
        }
    )?;
    let mut weeks: BTreeMap<(i32, u32), (usize, usize)> = BTreeMap::new();
    for r in runs {
        let Some(j) = &r.judgement else { continue };
        if j.verdict == JudgedAs::Skipped {
            continue;
        }
        let w = r.analysis.start.iso_week();
        let e = weeks.entry((w.year(), w.week())).or_default();
        e.1 += 1;
        if j.verdict == JudgedAs::Recovery {
            e.0 += 1;
        }
    }
    if !weeks.is_empty() {
        let line = weeks
            .iter()
            .map(|((y, w), (rec, all))| format!("{y}-W{w:02} {rec}/{all}"))
            .collect::<Vec<_>>()
            .join("  ");
        writeln!(out, "Recovery runs per week (recovery/runs): {line}")?;
    }
    let easy_but: Vec<String> = runs
        .iter()
        .filter_map(|r| meant_easy_but(r, style.units))
        .collect();
    if easy_but.is_empty() {
        writeln!(out, "No run meant to be easy was too fast or too long.")?;
    } else {
        writeln!(out, "Meant to be easy, but too fast or too long:")?;
        for line in easy_but {
            writeln!(out, "  {line}")?;
        }
    }
    Ok(())
}

/// A run meant to be easy — its heart rate did not fail the effort criterion — that failed the
/// pace or duration criterion: a recovery run gone too fast or too long.
fn meant_easy_but(run: &RunReport, units: Units) -> Option<String> {
    let j = run.judgement.as_ref()?;
    let effort_failed = j
        .criteria
        .iter()
        .any(|c| c.kind == CriterionKind::Effort && c.status == Status::Fail);
    if effort_failed {
        return None;
    }
    let a = &run.analysis;
    let pace = a.average_pace_s_per_km()?;
    let failed: Vec<&str> = j
        .criteria
        .iter()
        .filter(|c| c.status == Status::Fail)
        .filter_map(|c| match c.kind {
            CriterionKind::Pace => Some("too fast"),
            CriterionKind::Duration => Some("too long"),
            CriterionKind::Effort => None,
        })
        .collect();
    (!failed.is_empty()).then(|| {
        format!(
            "{} {} {} at {}: {}",
            a.start.format("%Y-%m-%d"),
            fmt_duration(a.moving_s),
            fmt_distance(a.distance_m, units),
            fmt_pace(Some(pace), units),
            failed.join(" and ")
        )
    })
}
