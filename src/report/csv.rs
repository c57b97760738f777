//! CSV output: one row per activity with stable, documented columns; a file that could not be
//! read is a row with only `file` and `error` filled. Free-text columns go through
//! [`csv_text`]: a spreadsheet runs no formula from a file.

use std::io::{self, Write};

use crate::classify::pattern::{FlagKind, Week};
use crate::classify::session::Session;
use crate::run::{FileResult, RunReport};
use crate::safe::csv_text;

/// The columns, in order. Durations in seconds, distances in meters, paces in seconds per km
/// (`gap_s_per_km`: grade-adjusted), heart rates in bpm, cadence in steps per minute, `load` in
/// points and `fitness`, `fatigue`, `form` on the morning of the run's day; empty where unknown.
pub const COLUMNS: &[&str] = &[
    "file",
    "format",
    "session",
    "sport",
    "start",
    "elapsed_s",
    "moving_s",
    "walking_s",
    "distance_m",
    "pace_s_per_km",
    "gap_s_per_km",
    "hr_avg_bpm",
    "hr_max_bpm",
    "elevation_gain_m",
    "cadence_spm",
    "splits",
    "verdict",
    "session_type",
    "intent",
    "intent_source",
    "intent_text",
    "rpe",
    "load",
    "fitness",
    "fatigue",
    "form",
    "reasons",
    "warnings",
    "error",
];

/// The run's session type, when it has one.
fn session(run: &RunReport) -> Option<&Session> {
    run.judgement.as_ref()?.session.as_ref()
}

/// The run's load, when it has one.
fn load(run: &RunReport) -> Option<f64> {
    Some(run.judgement.as_ref()?.load.as_ref()?.value)
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn num(v: f64) -> String {
    format!("{v:.1}")
}

/// A free-text cell (a path, a name, a message that can quote a file): see [`csv_text`]. Number
/// and enum columns never go through here, so `-3.5` stays a number.
fn text(v: &str) -> String {
    csv_text(v).into_owned()
}

/// Writes a header row and one row per result.
pub fn write(out: &mut dyn Write, results: &[FileResult]) -> io::Result<()> {
    write_with(out, results, None, true)
}

/// Writes one row per result, after a header row when `header`; with `first`, a column of that
/// name comes first in every row, holding its value (e.g. `athlete`, for `team`).
pub fn write_with(
    out: &mut dyn Write,
    results: &[FileResult],
    first: Option<(&str, &str)>,
    header: bool,
) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    if header {
        let names = first.map(|(name, _)| name).into_iter();
        let names: Vec<&str> = names.chain(COLUMNS.iter().copied()).collect();
        w.write_record(&names).map_err(io::Error::other)?;
    }
    for result in results {
        let mut row: Vec<String> = first.map(|(_, v)| text(v)).into_iter().collect();
        row.extend(cells(result));
        w.write_record(&row).map_err(io::Error::other)?;
    }
    w.flush()
}

/// The cells of one result, in [`COLUMNS`] order.
fn cells(result: &FileResult) -> Vec<String> {
    match result {
        FileResult::Run(run) => {
            let a = &run.analysis;
            let pace = a.average_pace_s_per_km().map(num);
            vec![
                text(&run.file),
                run.format.as_str().to_string(),
                run.session.to_string(),
                run.sport.as_str().to_string(),
                a.start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                num(a.elapsed_s),
                num(a.moving_s),
                num(a.walking_s),
                num(a.distance_m),
                opt(pace),
                opt(a.gap_s_per_km.map(num)),
                opt(a.hr_avg_bpm.map(num)),
                opt(a.hr_max_bpm),
                opt(a.elevation_gain_m.map(num)),
                opt(a.cadence_spm.map(num)),
                a.splits.len().to_string(),
                run.judgement
                    .as_ref()
                    .map(|j| j.verdict.as_str().to_string())
                    .unwrap_or_default(),
                opt(session(run).map(|s| s.kind.as_str())),
                opt(run.intent.as_ref().map(|i| i.label.as_str())),
                opt(run.intent.as_ref().map(|i| i.source.as_str())),
                opt(run.intent.as_ref().map(|i| text(&i.text))),
                opt(run.rpe.map(|r| num(r.value))),
                opt(load(run).map(num)),
                opt(run.form.map(|f| num(f.fitness))),
                opt(run.form.map(|f| num(f.fatigue))),
                opt(run.form.map(|f| num(f.form))),
                run.judgement
                    .as_ref()
                    .map(|j| text(&j.reasons().join("; ")))
                    .unwrap_or_default(),
                text(
                    &run.warnings
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                String::new(),
            ]
        }
        FileResult::Error { file, error } => {
            let mut row = vec![String::new(); COLUMNS.len()];
            if let Some(first) = row.first_mut() {
                *first = text(file);
            }
            if let Some(last) = row.last_mut() {
                *last = text(error);
            }
            row
        }
    }
}

/// The columns of `weeks.csv` before the flag counts, one row per ISO week of the season; `load`
/// is the week's training load, `fitness`, `fatigue` and `form` are as of the week's end.
pub const WEEK_COLUMNS: &[&str] = &[
    "week",
    "monday",
    "hard_days",
    "recovery_runs",
    "walks",
    "rest_days",
    "sessions",
    "easy_share_sessions",
    "moving_s",
    "easy_share_time",
    "load",
    "fitness",
    "fatigue",
    "form",
];

/// Every column of `weeks.csv`: [`WEEK_COLUMNS`], then one count per flag kind by its name.
pub fn week_columns() -> Vec<&'static str> {
    let flags = FlagKind::ALL.into_iter().map(FlagKind::name);
    WEEK_COLUMNS.iter().copied().chain(flags).collect()
}

/// Writes the season's weeks (`--out DIR` writes them as `weeks.csv`).
pub fn write_weeks(out: &mut dyn Write, weeks: &[Week]) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(week_columns()).map_err(io::Error::other)?;
    let share = |s: Option<f64>| s.map(|s| format!("{s:.3}")).unwrap_or_default();
    for week in weeks {
        let mut row = vec![
            format!("{}-W{:02}", week.year, week.week),
            week.monday.to_string(),
            week.hard_days.to_string(),
            week.recovery_runs.to_string(),
            week.walks.to_string(),
            week.rest_days.to_string(),
            week.sessions.to_string(),
            share(week.easy_share_sessions),
            num(week.moving_s),
            share(week.easy_share_time),
            num(week.load),
            opt(week.form.map(|f| num(f.fitness))),
            opt(week.form.map(|f| num(f.fatigue))),
            opt(week.form.map(|f| num(f.form))),
        ];
        row.extend(week.flagged.iter().map(|(_, n)| n.to_string()));
        w.write_record(&row).map_err(io::Error::other)?;
    }
    w.flush()
}
