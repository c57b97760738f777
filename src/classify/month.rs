//! Weeks summed by calendar month, for histories too long to show week by week: the season
//! table and the season report keep the last [`RECENT_WEEKS`] weeks and sum the older ones here.

use chrono::{Datelike, NaiveDate};

use super::pattern::{FlagCounts, Week};

/// Weeks shown one by one; older weeks are summed by month.
pub const RECENT_WEEKS: usize = 26;

/// One calendar month of weeks summed (each week counted in its Monday's month).
#[derive(Debug, Clone, PartialEq)]
pub struct Month {
    /// The first day of the month.
    pub first: NaiveDate,
    /// The sums; `year`, `week` and `monday` are the month's first week's.
    pub sum: Week,
}

/// The weeks summed by the month of their Monday, in order. Shares are weighted by sessions and
/// by moving time.
///
/// ```
/// use chrono::NaiveDate;
/// use runaudit::classify::judge::JudgedAs;
/// use runaudit::classify::month::by_month;
/// use runaudit::classify::pattern::{weeks, DayRun};
/// use runaudit::classify::session::SessionType;
/// let d = |m, n| NaiveDate::from_ymd_opt(2025, m, n).unwrap();
/// let run = |day, kind| DayRun { day, kind: Some(kind), verdict: JudgedAs::NotRecovery,
///     declared_recovery: false, moving_s: 3600.0, load: None };
/// // January: a workout (Tue 14) and an easy run (Thu 16); February: one easy run (Tue 4).
/// let runs = [run(d(1, 14), SessionType::Workout), run(d(1, 16), SessionType::Easy),
///     run(d(2, 4), SessionType::Easy)];
/// let m = by_month(&weeks(&runs, &[]));
/// assert_eq!(m.len(), 2);
/// assert_eq!((m[0].sum.sessions, m[0].sum.hard_days), (2, 1));
/// assert_eq!(m[0].sum.easy_share_sessions, Some(0.5));
/// assert_eq!(m[1].first, d(2, 1));
/// ```
pub fn by_month(weeks: &[Week]) -> Vec<Month> {
    let mut groups: Vec<(NaiveDate, Vec<&Week>)> = Vec::new();
    for w in weeks {
        let m = NaiveDate::from_ymd_opt(w.monday.year(), w.monday.month(), 1).unwrap_or(w.monday);
        match groups.last_mut() {
            Some((last, list)) if *last == m => list.push(w),
            _ => groups.push((m, vec![w])),
        }
    }
    groups
        .into_iter()
        .filter_map(|(first, list)| {
            let head = (*list.first()?).clone();
            Some(Month {
                first,
                sum: sum(head, &list),
            })
        })
        .collect()
}

/// `list` summed into a week shaped like `head`.
fn sum(head: Week, list: &[&Week]) -> Week {
    let count = |f: &dyn Fn(&Week) -> usize| list.iter().map(|w| f(w)).sum::<usize>();
    let sessions = count(&|w| w.sessions);
    let moving_s: f64 = list.iter().map(|w| w.moving_s).sum();
    let easy_n: f64 = list
        .iter()
        .filter_map(|w| w.easy_share_sessions.map(|s| s * w.sessions as f64))
        .sum();
    let easy_t: f64 = list
        .iter()
        .filter_map(|w| w.easy_share_time.map(|s| s * w.moving_s))
        .sum();
    Week {
        hard_days: count(&|w| w.hard_days),
        recovery_runs: count(&|w| w.recovery_runs),
        walks: count(&|w| w.walks),
        rest_days: count(&|w| w.rest_days),
        sessions,
        easy_share_sessions: (sessions > 0).then(|| easy_n / sessions as f64),
        moving_s,
        easy_share_time: (moving_s > 0.0).then(|| easy_t / moving_s),
        flagged: FlagCounts::sum(list.iter().map(|w| &w.flagged)),
        load: list.iter().map(|w| w.load).sum(),
        form: list.last().and_then(|w| w.form),
        ..head
    }
}
