//! The coach's Monday table for a squad: one block per athlete (those needing attention first),
//! at most [`MAX_FLAG_LINES`] flag lines each, then the squad summary.

use std::io::{self, Write};

use super::table::TableStyle;
use crate::classify::form::FormZone;
use crate::classify::pattern::Flag;
use crate::classify::session::SessionType;
use crate::safe::terminal;
use crate::squad::{attention_order, AthleteSummary, Attention, FormNow, Window};
use crate::units::{fmt_duration, Percent};
use crate::words::plural;

/// At most this many flag lines per athlete; the rest are counted in one line.
pub const MAX_FLAG_LINES: usize = 5;

/// Writes the table: the athletes in attention order, then the squad summary.
pub fn write(
    out: &mut dyn Write,
    athletes: &[AthleteSummary],
    window: Window,
    t: &TableStyle,
) -> io::Result<()> {
    let mut order: Vec<&AthleteSummary> = athletes.iter().collect();
    order.sort_by(|a, b| attention_order(a, b));
    writeln!(
        out,
        "{} {} to {} ({}; the last 7 days: {} to {})",
        t.paint("1", "Squad"),
        window.first_monday(),
        window.today,
        plural(window.weeks as usize, "week", "weeks"),
        window.recent_from(),
        window.today
    )?;
    for a in &order {
        writeln!(out)?;
        athlete(out, a, t)?;
    }
    writeln!(out)?;
    squad(out, &order, t)
}

/// One athlete's block.
fn athlete(out: &mut dyn Write, a: &AthleteSummary, t: &TableStyle) -> io::Result<()> {
    let name = terminal(&a.athlete);
    let head = if a.attention.is_empty() {
        format!("{} — nothing to look at", t.paint("1", &name))
    } else {
        let why: Vec<&str> = a.attention.iter().map(|w| w.words()).collect();
        format!(
            "{} — {}",
            t.paint("1", &name),
            t.paint("31", &format!("attention: {}", why.join(", ")))
        )
    };
    writeln!(out, "{head}")?;
    let h = &a.after_hard;
    writeln!(
        out,
        "  {}, {}; the day after: {}, {}, {}, {} hard again, {}",
        plural(a.sessions, "session", "sessions"),
        plural(h.hard_days, "hard day", "hard days"),
        plural(h.recovery, "recovery run", "recovery runs"),
        plural(h.walk, "walk", "walks"),
        plural(h.rest, "rest day", "rest days"),
        h.hard,
        plural(h.other, "other run", "other runs"),
    )?;
    let share = |s: Option<f64>| s.map_or("-".to_string(), |s| Percent(s).to_string());
    writeln!(
        out,
        "  easy share {} of sessions, {} of time; {}",
        share(a.easy_share_sessions),
        share(a.easy_share_time),
        form_words(a.form.as_ref())
    )?;
    writeln!(
        out,
        "  {:<8} {:>8} {:>4} {:>5} {:>8} {:>7}",
        "week", "sessions", "hard", "easy", "moving", "flagged"
    )?;
    for w in &a.weeks {
        writeln!(
            out,
            "  {:<8} {:>8} {:>4} {:>5} {:>8} {:>7}",
            format!("{}-W{:02}", w.year, w.week),
            w.sessions,
            w.hard_days,
            share(w.easy_share_sessions),
            fmt_duration(w.moving_s),
            w.flagged
        )?;
    }
    let last = a.last_day.map_or("no activities".to_string(), |d| {
        format!("last activity {d}")
    });
    let files = if a.failed_files > 0 {
        format!(
            "; {} could not be read",
            plural(a.failed_files, "file", "files")
        )
    } else {
        String::new()
    };
    if a.recent_flags.is_empty() {
        return writeln!(out, "  last 7 days: no flags ({last}{files})");
    }
    writeln!(
        out,
        "  last 7 days: {} ({last}{files})",
        plural(a.recent_flags.len(), "flag", "flags")
    )?;
    for f in a.recent_flags.iter().take(MAX_FLAG_LINES) {
        writeln!(
            out,
            "    {} {:<8} {}",
            f.day.format("%a %Y-%m-%d"),
            f.session_type.map_or("-", SessionType::as_str),
            flag_words(&f.flag, &f.failed)
        )?;
    }
    let more = a.recent_flags.len().saturating_sub(MAX_FLAG_LINES);
    if more > 0 {
        writeln!(out, "    ... and {more} more (see --format json)")?;
    }
    Ok(())
}

/// A flag's one-line reason, with the failed criteria of a run meant as recovery.
fn flag_words(flag: &Flag, failed: &[crate::classify::Criterion]) -> String {
    match flag {
        Flag::MeantRecoveryWasNot if !failed.is_empty() => {
            let why: Vec<String> = failed
                .iter()
                .map(|c| c.reason.brief(c.kind.as_str(), c.units))
                .collect();
            format!("{}: {}", flag.sentence(), why.join(", "))
        }
        _ => flag.sentence(),
    }
}

/// Form in words: "form −12.4 (optimal; fitness 52.0, fatigue 64.4; a week ago −3.1)".
pub fn form_words(form: Option<&FormNow>) -> String {
    let Some(f) = form else {
        return "form unknown (no load: needs heart rate with max and resting HR, or an RPE)"
            .to_string();
    };
    format!(
        "form {:.1} ({}; fitness {:.1}, fatigue {:.1}; a week ago {:.1})",
        f.form.form,
        zone_words(f),
        f.form.fitness,
        f.form.fatigue,
        f.week_before
    )
}

/// The form zone in words.
pub fn zone_words(f: &FormNow) -> &'static str {
    f.zone.map_or("no fitness yet", |z| match z {
        FormZone::Fresh => "fresh",
        FormZone::Grey => "grey zone",
        FormZone::Optimal => "optimal",
        FormZone::HighRisk => "high risk",
    })
}

/// The squad summary: who has which problem this week.
fn squad(out: &mut dyn Write, order: &[&AthleteSummary], t: &TableStyle) -> io::Result<()> {
    writeln!(
        out,
        "{} ({}):",
        t.paint("1", "Squad summary"),
        plural(order.len(), "athlete", "athletes")
    )?;
    let who = |w: Attention| -> String {
        let names: Vec<String> = order
            .iter()
            .filter(|a| a.attention.contains(&w))
            .map(|a| terminal(&a.athlete).into_owned())
            .collect();
        if names.is_empty() {
            "nobody".to_string()
        } else {
            names.join(", ")
        }
    };
    for (label, w) in [
        ("hard after hard this week", Attention::HardAfterHard),
        (
            "no recovery after hard days",
            Attention::NoRecoveryAfterHard,
        ),
        ("form sliding, high risk", Attention::FormSliding),
        (
            "recovery runs that were not",
            Attention::MeantRecoveryWasNot,
        ),
        ("no data this week", Attention::NoDataThisWeek),
    ] {
        writeln!(out, "  {label:<28} {}", who(w))?;
    }
    Ok(())
}
