//! The training calendar as data, shared by the season SVG and the index page: the last
//! [`RECENT_WEEKS`] weeks, day by day (sessions hardest first, with their evidence), the pattern
//! flags as links between two days, and the older weeks summed by month.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate};

use crate::classify::month::{by_month, Month, RECENT_WEEKS};
use crate::classify::pattern::Flag;
use crate::classify::session::SessionType;
use crate::run::{season_weeks, RunReport};

/// One session on a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What it was.
    pub kind: SessionType,
    /// Its type and evidence in words.
    pub evidence: String,
}

/// One calendar day.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Day {
    /// The runner's local date.
    pub date: NaiveDate,
    /// The running and walking sessions, hardest first (empty: a rest day).
    pub entries: Vec<Entry>,
    /// A run declared recovery was judged NOT RECOVERY.
    pub meant_recovery_was_not: bool,
    /// A second hard session on the same day.
    pub second_hard: bool,
    /// The flags of that day's runs.
    pub flags: Vec<Flag>,
}

impl Day {
    /// The hardest session of the day.
    pub fn hardest(&self) -> Option<SessionType> {
        self.entries.first().map(|e| e.kind)
    }

    /// Whether any flag is on this day.
    pub fn flagged(&self) -> bool {
        !self.flags.is_empty()
    }
}

/// One week row: Monday to Sunday.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// ISO year and week number.
    pub iso: (i32, u32),
    /// The Monday.
    pub monday: NaiveDate,
    /// Monday to Sunday.
    pub days: Vec<Day>,
}

/// Which flag a link stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkKind {
    /// A hard session the day after a hard day.
    HardAfterHard,
    /// Neither hard nor recovery the day after a hard day.
    NotRecoveryAfterHard,
}

/// A flag drawn between two days: from the hard day to the flagged one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    /// The hard day.
    pub from: NaiveDate,
    /// The flagged day.
    pub to: NaiveDate,
    /// Which flag.
    pub kind: LinkKind,
}

/// The calendar of a season.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Calendar {
    /// The last weeks, oldest first.
    pub rows: Vec<Row>,
    /// The weeks before them, summed by month.
    pub months: Vec<Month>,
    /// The flags between days, in date order.
    pub links: Vec<Link>,
}

/// How hard a session type is, for "the hardest of the day" (see [`SessionType::hardness`]).
pub fn hardness(kind: SessionType) -> usize {
    kind.hardness()
}

/// The calendar of `runs` (sorted by start). Activities without a session type (rides) are
/// left out.
pub fn calendar(runs: &[&RunReport]) -> Calendar {
    let all = season_weeks(runs);
    let (older, recent) = all.split_at(all.len().saturating_sub(RECENT_WEEKS));
    let mut days: BTreeMap<NaiveDate, Day> = BTreeMap::new();
    let mut links = BTreeSet::new();
    for r in runs {
        let Some(s) = r.judgement.as_ref().and_then(|j| j.session.as_ref()) else {
            continue;
        };
        let day = days.entry(r.day).or_insert_with(|| Day {
            date: r.day,
            ..Day::default()
        });
        day.entries.push(Entry {
            kind: s.kind,
            evidence: s.sentence(),
        });
        for f in &r.flags {
            day.flags.push(*f);
            match *f {
                Flag::HardAfterHard { after, .. } if after == r.day => day.second_hard = true,
                Flag::HardAfterHard { after, .. } => {
                    links.insert(link(after, r.day, LinkKind::HardAfterHard));
                }
                Flag::NotRecoveryAfterHard { after, .. } => {
                    links.insert(link(after, r.day, LinkKind::NotRecoveryAfterHard));
                }
                Flag::MeantRecoveryWasNot => day.meant_recovery_was_not = true,
                // Listed with the day's flags; it links to no other day.
                Flag::HardWhileFatigued { .. } => {}
            }
        }
    }
    for d in days.values_mut() {
        // Hardest first; the order of the day's runs breaks ties.
        d.entries
            .sort_by_key(|e| std::cmp::Reverse(hardness(e.kind)));
    }
    let rows = recent
        .iter()
        .map(|w| Row {
            iso: (w.year, w.week),
            monday: w.monday,
            days: (0..7)
                .map(|k| {
                    let date = w.monday + Duration::days(k);
                    days.get(&date).cloned().unwrap_or(Day {
                        date,
                        ..Day::default()
                    })
                })
                .collect(),
        })
        .collect();
    Calendar {
        rows,
        months: by_month(older),
        links: links.into_iter().collect(),
    }
}

fn link(from: NaiveDate, to: NaiveDate, kind: LinkKind) -> Link {
    Link { from, to, kind }
}

/// The weekday initials, Monday first.
pub const WEEKDAYS: [&str; 7] = ["M", "T", "W", "T", "F", "S", "S"];

/// A week row's label: "W03 · 13 Jan 2025".
pub fn row_label(row: &Row) -> String {
    format!("W{:02} · {}", row.iso.1, row.monday.format("%-d %b %Y"))
}

/// Days from the first row's Monday to `date` (negative before it).
pub fn day_index(cal: &Calendar, date: NaiveDate) -> Option<i64> {
    let first = cal.rows.first()?.monday;
    Some((date - first).num_days())
}

/// The month label of a summary column: "Jan 2025".
pub fn month_label(first: NaiveDate) -> String {
    first.format("%b %Y").to_string()
}

/// Whether `date` is a Monday (links onto a Monday come from the row above).
pub fn is_monday(date: NaiveDate) -> bool {
    date.weekday().num_days_from_monday() == 0
}
