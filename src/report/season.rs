//! The season table a coach reads: the summary (session types, verdicts, what followed the hard
//! days, the easy share, the flags), one line per week (per month before the last 26 weeks), and
//! the flagged runs with their reasons. Every run's line only with `--runs`, or when there are few.

use std::io::{self, Write};

use super::table::{verdict_ansi, TableStyle};
use crate::classify::judge::JudgedAs;
use crate::classify::month::by_month;
use crate::classify::pattern::{after_hard, DayRun, Flag, FlagCounts, FlagKind, Week};
use crate::classify::session::SessionType;
use crate::classify::Status;
use crate::run::{season_weeks, DaySource, FileResult, RunReport};
use crate::safe::terminal;
use crate::units::{fmt_duration, fmt_pace, Percent};
use crate::words::plural;

pub use crate::classify::month::RECENT_WEEKS;

/// With at most this many runs, every run's line is shown without `--runs`.
pub const FEW_RUNS: usize = 20;

/// How the season table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeasonStyle {
    /// Colors and units.
    pub table: TableStyle,
    /// Every run's line (`--runs`).
    pub every_run: bool,
}

/// Writes the season table. Error entries are left to the caller's stderr.
pub fn write(out: &mut dyn Write, results: &[FileResult], style: &SeasonStyle) -> io::Result<()> {
    let runs: Vec<&RunReport> = results.iter().filter_map(FileResult::run).collect();
    let t = &style.table;
    if runs.is_empty() {
        return writeln!(out, "No activities.");
    }
    if style.every_run || runs.len() <= FEW_RUNS {
        run_lines(out, &runs, t)?;
        writeln!(out)?;
    }
    let days: Vec<DayRun> = runs.iter().map(|r| r.day_run()).collect();
    let weeks = season_weeks(&runs);
    summary(out, &runs, &days, &weeks, t)?;
    writeln!(out)?;
    week_lines(out, &weeks, t)?;
    flagged(out, &runs, t)
}

fn summary(
    out: &mut dyn Write,
    runs: &[&RunReport],
    days: &[DayRun],
    weeks: &[Week],
    t: &TableStyle,
) -> io::Result<()> {
    let (first, last) = (
        weeks.first().map(|w| w.monday),
        days.iter().map(|d| d.day).max(),
    );
    let said = |s: DaySource| runs.iter().filter(|r| r.day_source == s).count();
    let zone = match (
        said(DaySource::File),
        said(DaySource::ProfileTimeZone),
        said(DaySource::Utc),
    ) {
        (f, 0, 0) if f > 0 => "the files' local time",
        (f, z, 0) if f > 0 && z > 0 => "the files' local time, else the profile's time zone",
        (f, _, _) if f > 0 => "the files' local time where they say it, else UTC",
        (0, z, 0) if z > 0 => "the profile's time zone",
        _ => "UTC",
    };
    let duplicates: usize = runs.iter().map(|r| r.duplicates.len()).sum();
    writeln!(
        out,
        "{} {} to {}: {} in {} (days in {zone}){}",
        t.paint("1", "Season"),
        first.map_or("-".into(), |d| d.to_string()),
        last.map_or("-".into(), |d| d.to_string()),
        plural(runs.len(), "activity", "activities"),
        plural(weeks.len(), "week", "weeks"),
        if duplicates > 0 {
            format!(
                "; {} counted once",
                plural(duplicates, "duplicate file", "duplicate files")
            )
        } else {
            String::new()
        }
    )?;
    let kinds = [
        SessionType::Workout,
        SessionType::Race,
        SessionType::Long,
        SessionType::Steady,
        SessionType::Easy,
        SessionType::Recovery,
        SessionType::Walk,
    ];
    let mut parts: Vec<String> = kinds
        .iter()
        .map(|k| (k, days.iter().filter(|d| d.kind == Some(*k)).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{n} {}", k.as_str()))
        .collect();
    let other = days.iter().filter(|d| d.kind.is_none()).count();
    if other > 0 {
        parts.push(format!("{other} other sports"));
    }
    writeln!(out, "  sessions: {}", parts.join(", "))?;
    let count = |v: JudgedAs| days.iter().filter(|d| d.verdict == v).count();
    writeln!(
        out,
        "  recovery rule: {} recovery, {} not recovery, {} inconclusive",
        count(JudgedAs::Recovery),
        count(JudgedAs::NotRecovery),
        count(JudgedAs::Inconclusive)
    )?;
    let a = after_hard(days);
    writeln!(
        out,
        "  hard days (workout, race, long): {}; the day after: {}, {}, {}, {} hard again, {}",
        a.hard_days,
        plural(a.recovery, "recovery run", "recovery runs"),
        plural(a.walk, "walk", "walks"),
        plural(a.rest, "rest day", "rest days"),
        a.hard,
        plural(a.other, "other run", "other runs"),
    )?;
    let sessions: usize = weeks.iter().map(|w| w.sessions).sum();
    let easy_sessions: f64 = weeks
        .iter()
        .filter_map(|w| w.easy_share_sessions.map(|s| s * w.sessions as f64))
        .sum();
    let moving: f64 = weeks.iter().map(|w| w.moving_s).sum();
    let easy_time: f64 = weeks
        .iter()
        .filter_map(|w| w.easy_share_time.map(|s| s * w.moving_s))
        .sum();
    if sessions > 0 && moving > 0.0 {
        writeln!(
            out,
            "  easy share: {} of sessions, {} of moving time (recovery, easy, walk; Seiler's 80/20: about 80% easy is what well-trained endurance athletes do — a reference, not a rule)",
            Percent(easy_sessions / sessions as f64),
            Percent(easy_time / moving)
        )?;
    }
    let counts = FlagCounts::of(runs.iter().map(|r| r.flags.as_slice()));
    let parts: Vec<String> = counts
        .iter()
        .map(|(kind, n)| format!("{n} {}", summary_words(kind)))
        .collect();
    writeln!(out, "  flags: {}", parts.join(", "))
}

/// A flag kind in the summary line.
fn summary_words(kind: FlagKind) -> &'static str {
    match kind {
        FlagKind::HardAfterHard => "hard after hard",
        FlagKind::NotRecoveryAfterHard => "not recovery after hard",
        FlagKind::MeantRecoveryWasNot => "meant as recovery but not",
        FlagKind::HardWhileFatigued => "hard while fatigued",
    }
}

/// A flag kind in a week's (or month's) line.
fn week_words(kind: FlagKind) -> &'static str {
    match kind {
        FlagKind::HardAfterHard => "hard after hard",
        FlagKind::NotRecoveryAfterHard => "not recovery after hard",
        FlagKind::MeantRecoveryWasNot => "meant recovery, was not",
        FlagKind::HardWhileFatigued => "hard while fatigued",
    }
}

/// One line per week for the last [`RECENT_WEEKS`], one per month before them.
fn week_lines(out: &mut dyn Write, weeks: &[Week], t: &TableStyle) -> io::Result<()> {
    let header = format!(
        "{:<8} {:>4} {:>5} {:>5} {:>4} {:>8} {:>5} {:>5} {:>8} {:>5} {:>5}  {}",
        "week",
        "hard",
        "recov",
        "walks",
        "rest",
        "sessions",
        "easy",
        "time",
        "moving",
        "load",
        "form",
        "flags"
    );
    let split = weeks.len().saturating_sub(RECENT_WEEKS);
    let (older, recent) = weeks.split_at(split);
    if !older.is_empty() {
        writeln!(
            out,
            "{}",
            t.paint("1", &header.replacen("week    ", "month   ", 1))
        )?;
        for m in by_month(older) {
            writeln!(out, "{}", row(&m.first.format("%Y-%m").to_string(), &m.sum))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "{}", t.paint("1", &header))?;
    for w in recent {
        writeln!(out, "{}", row(&format!("{}-W{:02}", w.year, w.week), w))?;
    }
    Ok(())
}

/// One week's (or month's) line.
fn row(label: &str, w: &Week) -> String {
    let pct = |s: Option<f64>| s.map_or("-".to_string(), |s| Percent(s).to_string());
    let flags: Vec<String> = w
        .flagged
        .iter()
        .filter(|&(_, n)| n > 0)
        .map(|(kind, n)| format!("{n} {}", week_words(kind)))
        .collect();
    format!(
        "{label:<8} {:>4} {:>5} {:>5} {:>4} {:>8} {:>5} {:>5} {:>8} {:>5.0} {:>5}  {}",
        w.hard_days,
        w.recovery_runs,
        w.walks,
        w.rest_days,
        w.sessions,
        pct(w.easy_share_sessions),
        pct(w.easy_share_time),
        fmt_duration(w.moving_s),
        w.load,
        w.form
            .map_or("-".to_string(), |f| format!("{:+.0}", f.form)),
        flags.join(", ")
    )
}

/// The runs that carry a flag, with the reasons.
fn flagged(out: &mut dyn Write, runs: &[&RunReport], t: &TableStyle) -> io::Result<()> {
    let list: Vec<&&RunReport> = runs.iter().filter(|r| !r.flags.is_empty()).collect();
    writeln!(out)?;
    if list.is_empty() {
        return writeln!(
            out,
            "No flagged runs: every hard day was followed by recovery, a walk or rest."
        );
    }
    writeln!(out, "{} ({}):", t.paint("1", "Flagged runs"), list.len())?;
    for r in list {
        let kind = r
            .judgement
            .as_ref()
            .and_then(|j| j.session.as_ref())
            .map_or("-", |s| s.kind.as_str());
        let reasons: Vec<String> = r.flags.iter().map(|f| flag_reason(f, r)).collect();
        writeln!(
            out,
            "  {} {:<8} {}  {}",
            r.day.format("%Y-%m-%d %a"),
            kind,
            reasons.join("; "),
            t.paint("2", &terminal(&r.file))
        )?;
    }
    Ok(())
}

/// A flag's reason, with what the recovery rule said for the declared recovery runs.
fn flag_reason(f: &Flag, r: &RunReport) -> String {
    match f {
        Flag::MeantRecoveryWasNot => {
            let why: Vec<String> = r
                .judgement
                .iter()
                .flat_map(|j| &j.criteria)
                .filter(|c| c.status == Status::Fail)
                .map(|c| c.reason.brief(c.kind.as_str(), c.units))
                .collect();
            let said = r
                .intent
                .as_ref()
                .map_or(String::new(), |i| format!(" (\"{}\")", terminal(&i.text)));
            format!("{}{said}: {}", f.sentence(), why.join(", "))
        }
        _ => f.sentence(),
    }
}

/// A pace without its unit, `-` when unknown.
fn bare_pace(p: Option<f64>, t: &TableStyle) -> String {
    fmt_pace(p, t.units)
        .trim_end_matches("/km")
        .trim_end_matches("/mi")
        .to_string()
}

/// Every run's line: date, distance, moving time, pace, GAP, HR, verdict, type and reasons.
fn run_lines(out: &mut dyn Write, runs: &[&RunReport], t: &TableStyle) -> io::Result<()> {
    let header = format!(
        "{:<10} {:>7} {:>8} {:>8} {:>8} {:>4}  {:<13} {:<8} {}",
        "date",
        t.units.word(),
        "moving",
        "pace",
        "GAP",
        "HR",
        "verdict",
        "type",
        "reasons"
    );
    writeln!(out, "{}", t.paint("1", &header))?;
    for run in runs {
        let a = &run.analysis;
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
                .map(|c| c.reason.brief(c.kind.as_str(), t.units))
                .collect::<Vec<_>>()
                .join("; "),
            None => String::new(),
        };
        let kind = run
            .judgement
            .as_ref()
            .and_then(|j| j.session.as_ref())
            .map_or("-", |s| s.kind.as_str());
        let label = format!("{:<13}", verdict.label());
        writeln!(
            out,
            "{:<10} {:>7.2} {:>8} {:>8} {:>8} {:>4}  {} {kind:<8} {}  {}",
            run.day.format("%Y-%m-%d"),
            t.units.distance(a.distance_m),
            fmt_duration(a.moving_s),
            bare_pace(a.average_pace_s_per_km(), t),
            bare_pace(a.gap_s_per_km, t),
            a.hr_avg_bpm.map_or("-".to_string(), |h| format!("{h:.0}")),
            t.paint(verdict_ansi(verdict, false), &label),
            reasons,
            t.paint("2", &terminal(&run.file)),
        )?;
    }
    Ok(())
}
