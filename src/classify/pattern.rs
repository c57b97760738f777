//! The recovery pattern over a season: hard days (a workout, race or long run), what followed
//! them, hard days back to back, and runs declared recovery that were not. Runs are grouped by
//! the runner's local calendar day; the flags are data and [`Flag::sentence`] makes their words.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use super::form::{Form, FormZone};
use super::judge::JudgedAs;
use super::session::SessionType;
use crate::profile::LoadRules;

/// One activity as the pattern sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayRun {
    /// The runner's local calendar day it started on.
    pub day: NaiveDate,
    /// Its session type (`None` for sports that are neither running nor walking).
    pub kind: Option<SessionType>,
    /// Its recovery verdict.
    pub verdict: JudgedAs,
    /// Whether the runner declared it a recovery run.
    pub declared_recovery: bool,
    /// Moving time, seconds.
    pub moving_s: f64,
    /// Its training load, when it has one.
    pub load: Option<f64>,
}

/// Something wrong in the pattern, on one activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Flag {
    /// A hard session on the day after a hard day, or a second hard session the same day.
    HardAfterHard {
        /// The hard day before (the same day for a second hard session).
        after: NaiveDate,
        /// What that day's hard session was.
        was: SessionType,
    },
    /// On the day after a hard day, a run that is neither hard nor a recovery run (a walk, rest
    /// or a run whose verdict is inconclusive is not flagged).
    NotRecoveryAfterHard {
        /// The hard day before.
        after: NaiveDate,
        /// What this run was.
        was: Option<SessionType>,
    },
    /// Declared a recovery run, judged NOT RECOVERY.
    MeantRecoveryWasNot,
    /// A hard session on a morning when form was in the high-risk zone (fatigue well above
    /// fitness).
    HardWhileFatigued {
        /// What the session was.
        was: SessionType,
        /// Form that morning as a share of fitness, whole percent.
        form_pct: i32,
        /// Where high risk begins, whole percent of fitness.
        below_pct: i32,
    },
}

/// A flag's kind without its evidence: what flags are counted, grouped and named by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FlagKind {
    /// See [`Flag::HardAfterHard`].
    HardAfterHard,
    /// See [`Flag::NotRecoveryAfterHard`].
    NotRecoveryAfterHard,
    /// See [`Flag::MeantRecoveryWasNot`].
    MeantRecoveryWasNot,
    /// See [`Flag::HardWhileFatigued`].
    HardWhileFatigued,
}

impl FlagKind {
    /// Every kind, in the order tables, CSV columns and JSON list them.
    pub const ALL: [FlagKind; 4] = [
        FlagKind::HardAfterHard,
        FlagKind::NotRecoveryAfterHard,
        FlagKind::MeantRecoveryWasNot,
        FlagKind::HardWhileFatigued,
    ];

    /// How many kinds there are.
    pub const COUNT: usize = FlagKind::ALL.len();

    /// The kind's name in JSON and CSV.
    pub fn name(self) -> &'static str {
        match self {
            FlagKind::HardAfterHard => "hard_after_hard",
            FlagKind::NotRecoveryAfterHard => "not_recovery_after_hard",
            FlagKind::MeantRecoveryWasNot => "meant_recovery_was_not",
            FlagKind::HardWhileFatigued => "hard_while_fatigued",
        }
    }

    /// Its place in [`FlagKind::ALL`] (and in [`FlagCounts`]).
    fn index(self) -> usize {
        FlagKind::ALL
            .iter()
            .position(|&k| k == self)
            .unwrap_or_default()
    }
}

/// How many activities carry each kind of flag.
///
/// ```
/// use runaudit::classify::pattern::{Flag, FlagCounts, FlagKind};
/// let meant = [Flag::MeantRecoveryWasNot];
/// let c = FlagCounts::of([meant.as_slice(), &[], &meant]);
/// assert_eq!(c.get(FlagKind::MeantRecoveryWasNot), 2);
/// assert_eq!(c.get(FlagKind::HardAfterHard), 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FlagCounts([usize; FlagKind::COUNT]);

impl FlagCounts {
    /// Counts the activities (each given by its flags) that carry each kind at least once.
    pub fn of<'a>(activities: impl IntoIterator<Item = &'a [Flag]>) -> FlagCounts {
        let mut out = FlagCounts::default();
        for flags in activities {
            for kind in FlagKind::ALL {
                if flags.iter().any(|f| f.kind() == kind) {
                    out.add(kind, 1);
                }
            }
        }
        out
    }

    /// The count of one kind.
    pub fn get(&self, kind: FlagKind) -> usize {
        self.0.get(kind.index()).copied().unwrap_or(0)
    }

    /// Adds `n` to one kind's count.
    pub fn add(&mut self, kind: FlagKind, n: usize) {
        if let Some(c) = self.0.get_mut(kind.index()) {
            *c += n;
        }
    }

    /// Every kind with its count, in [`FlagKind::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (FlagKind, usize)> + '_ {
        FlagKind::ALL.into_iter().map(|k| (k, self.get(k)))
    }

    /// The counts of `list` summed kind by kind.
    pub fn sum<'a>(list: impl IntoIterator<Item = &'a FlagCounts>) -> FlagCounts {
        let mut out = FlagCounts::default();
        for c in list {
            for (kind, n) in c.iter() {
                out.add(kind, n);
            }
        }
        out
    }
}

/// Serialized as one field per kind, by its name (`hard_after_hard`, ...).
impl Serialize for FlagCounts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(FlagKind::COUNT))?;
        for (kind, n) in self.iter() {
            m.serialize_entry(kind.name(), &n)?;
        }
        m.end()
    }
}

impl Flag {
    /// The flag's kind.
    pub fn kind(&self) -> FlagKind {
        match self {
            Flag::HardAfterHard { .. } => FlagKind::HardAfterHard,
            Flag::NotRecoveryAfterHard { .. } => FlagKind::NotRecoveryAfterHard,
            Flag::MeantRecoveryWasNot => FlagKind::MeantRecoveryWasNot,
            Flag::HardWhileFatigued { .. } => FlagKind::HardWhileFatigued,
        }
    }

    /// The flag's name in JSON and CSV (its kind's name).
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// The flag with its evidence in words.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use runaudit::classify::pattern::Flag;
    /// use runaudit::classify::session::SessionType;
    /// let f = Flag::HardAfterHard { after: NaiveDate::from_ymd_opt(2025, 1, 14).unwrap(), was: SessionType::Workout };
    /// assert_eq!(f.sentence(), "hard after hard: the day after the workout of Tue 2025-01-14");
    /// ```
    pub fn sentence(&self) -> String {
        let day = |d: &NaiveDate| d.format("%a %Y-%m-%d").to_string();
        match self {
            Flag::HardAfterHard { after, was } => format!(
                "hard after hard: the day after the {} of {}",
                was.noun(),
                day(after)
            ),
            Flag::NotRecoveryAfterHard { after, was } => format!(
                "not recovery after hard: {} the day after the hard day {}",
                was.map_or("a run", |w| w.noun()),
                day(after)
            ),
            Flag::MeantRecoveryWasNot => "meant as recovery, judged NOT RECOVERY".to_string(),
            Flag::HardWhileFatigued {
                was,
                form_pct,
                below_pct,
            } => format!(
                "hard while fatigued: a {} on a morning when form was {form_pct}% of fitness \
                 (high risk below {below_pct}%)",
                was.noun()
            ),
        }
    }
}

impl Serialize for Flag {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Flag", 2)?;
        s.serialize_field("flag", self.name())?;
        s.serialize_field("detail", &self.sentence())?;
        s.end()
    }
}

/// The flags of every activity, in the order given. A hard day's window is the `window_days`
/// calendar days after it (1: the next day).
///
/// ```
/// use chrono::NaiveDate;
/// use runaudit::classify::judge::JudgedAs;
/// use runaudit::classify::pattern::{flags, DayRun, FlagKind};
/// use runaudit::classify::session::SessionType;
/// let d = |n| NaiveDate::from_ymd_opt(2025, 1, n).unwrap();
/// let run = |day, kind| DayRun { day, kind: Some(kind), verdict: JudgedAs::NotRecovery,
///     declared_recovery: false, moving_s: 3000.0, load: None };
/// // Tuesday intervals, Wednesday tempo (hard after hard), Thursday easy (not recovery after hard).
/// let f = flags(&[run(d(14), SessionType::Workout), run(d(15), SessionType::Workout),
///     run(d(16), SessionType::Easy)], 1);
/// assert_eq!(f[0].len(), 0);
/// assert_eq!(f[1][0].kind(), FlagKind::HardAfterHard);
/// assert_eq!(f[2][0].kind(), FlagKind::NotRecoveryAfterHard);
/// ```
pub fn flags(runs: &[DayRun], window_days: u32) -> Vec<Vec<Flag>> {
    // The first hard session of each day, in time order within the day as given.
    let mut hard: BTreeMap<NaiveDate, (usize, SessionType)> = BTreeMap::new();
    for (i, r) in runs.iter().enumerate() {
        if let Some(k) = r.kind.filter(|k| k.is_hard()) {
            hard.entry(r.day).or_insert((i, k));
        }
    }
    let window = i64::from(window_days.max(1));
    let hard_before = |day: NaiveDate| {
        (1..=window)
            .map(|back| day - Duration::days(back))
            .find_map(|d| hard.get(&d).map(|&(_, k)| (d, k)))
    };
    runs.iter()
        .enumerate()
        .map(|(i, r)| {
            let mut out = Vec::new();
            let is_hard = r.kind.is_some_and(SessionType::is_hard);
            if is_hard {
                let same_day = hard.get(&r.day).filter(|&&(first, _)| first != i);
                if let Some((after, was)) =
                    same_day.map(|&(_, k)| (r.day, k)).or(hard_before(r.day))
                {
                    out.push(Flag::HardAfterHard { after, was });
                }
            } else if let Some((after, _)) = hard_before(r.day) {
                // Walks and rest are fine; an inconclusive run may have been a recovery run.
                let fine = matches!(
                    r.kind,
                    Some(SessionType::Walk | SessionType::Recovery) | None
                ) || r.verdict == JudgedAs::Inconclusive;
                if !fine {
                    out.push(Flag::NotRecoveryAfterHard { after, was: r.kind });
                }
            }
            if r.declared_recovery && r.verdict == JudgedAs::NotRecovery {
                out.push(Flag::MeantRecoveryWasNot);
            }
            out
        })
        .collect()
}

/// The flag for a hard session on a morning whose form is in the high-risk zone (below
/// `rules.optimal_from` of fitness); `None` otherwise, and before there is any fitness.
///
/// ```
/// use chrono::NaiveDate;
/// use runaudit::classify::form::Form;
/// use runaudit::classify::judge::JudgedAs;
/// use runaudit::classify::pattern::{hard_while_fatigued, DayRun, FlagKind};
/// use runaudit::classify::session::SessionType;
/// use runaudit::profile::LoadRules;
/// let run = DayRun { day: NaiveDate::from_ymd_opt(2025, 1, 14).unwrap(),
///     kind: Some(SessionType::Workout), verdict: JudgedAs::NotRecovery,
///     declared_recovery: false, moving_s: 3000.0, load: Some(120.0) };
/// // fitness 50, fatigue 70: form −20 = −40% of fitness, high risk.
/// let tired = Form { fitness: 50.0, fatigue: 70.0, form: -20.0 };
/// let f = hard_while_fatigued(&run, &tired, &LoadRules::default()).unwrap();
/// assert_eq!(f.kind(), FlagKind::HardWhileFatigued);
/// assert_eq!(f.sentence(), "hard while fatigued: a workout on a morning when form was -40% of fitness (high risk below -30%)");
/// let fine = Form { fitness: 50.0, fatigue: 60.0, form: -10.0 };
/// assert_eq!(hard_while_fatigued(&run, &fine, &LoadRules::default()), None);
/// ```
pub fn hard_while_fatigued(run: &DayRun, morning: &Form, rules: &LoadRules) -> Option<Flag> {
    let was = run.kind.filter(|k| k.is_hard())?;
    if morning.zone(rules)? != FormZone::HighRisk {
        return None;
    }
    let pct = |share: f64| (share * 100.0).round() as i32;
    Some(Flag::HardWhileFatigued {
        was,
        form_pct: pct(morning.share()?),
        below_pct: pct(rules.optimal_from.value),
    })
}

/// What the days after the hard days held (each hard day counted once, by its next day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct AfterHard {
    /// Hard days.
    pub hard_days: usize,
    /// Next days with a recovery run (and nothing hard or other).
    pub recovery: usize,
    /// Next days with only walking.
    pub walk: usize,
    /// Next days with nothing at all.
    pub rest: usize,
    /// Next days with another hard session.
    pub hard: usize,
    /// Next days with a run that was neither hard nor recovery.
    pub other: usize,
}

/// What followed each hard day, the next calendar day, in one count per kind of day. A hard day
/// whose next day is past the last activity is not counted (the season has not told yet).
///
/// ```
/// use chrono::NaiveDate;
/// use runaudit::classify::judge::JudgedAs;
/// use runaudit::classify::pattern::{after_hard, DayRun};
/// use runaudit::classify::session::SessionType;
/// let d = |n| NaiveDate::from_ymd_opt(2025, 1, n).unwrap();
/// let run = |day, kind| DayRun { day, kind: Some(kind), verdict: JudgedAs::NotRecovery, declared_recovery: false, moving_s: 1.0, load: None };
/// // Tue workout → Wed recovery; Thu long → Fri rest; Sat workout → Sun easy.
/// let a = after_hard(&[run(d(14), SessionType::Workout), run(d(15), SessionType::Recovery),
///     run(d(16), SessionType::Long), run(d(18), SessionType::Workout), run(d(19), SessionType::Easy)]);
/// assert_eq!((a.hard_days, a.recovery, a.rest, a.other), (3, 1, 1, 1));
/// ```
pub fn after_hard(runs: &[DayRun]) -> AfterHard {
    let mut by_day: BTreeMap<NaiveDate, Vec<Option<SessionType>>> = BTreeMap::new();
    for r in runs {
        by_day.entry(r.day).or_default().push(r.kind);
    }
    let last = by_day.keys().next_back().copied();
    let mut out = AfterHard::default();
    for (day, kinds) in &by_day {
        if !kinds.iter().flatten().any(|k| k.is_hard()) {
            continue;
        }
        let next = *day + Duration::days(1);
        if last.is_some_and(|l| next > l) {
            continue;
        }
        out.hard_days += 1;
        let next_kinds: Vec<SessionType> = by_day
            .get(&next)
            .into_iter()
            .flatten()
            .flatten()
            .copied()
            .collect();
        if next_kinds.is_empty() {
            out.rest += 1;
        } else if next_kinds.iter().any(|k| k.is_hard()) {
            out.hard += 1;
        } else if next_kinds.iter().all(|k| *k == SessionType::Walk) {
            out.walk += 1;
        } else if next_kinds
            .iter()
            .all(|k| matches!(k, SessionType::Recovery | SessionType::Walk))
        {
            out.recovery += 1;
        } else {
            out.other += 1;
        }
    }
    out
}

/// One ISO week of the season.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Week {
    /// ISO year.
    pub year: i32,
    /// ISO week number.
    pub week: u32,
    /// Its Monday.
    pub monday: NaiveDate,
    /// Days with a workout, race or long run.
    pub hard_days: usize,
    /// Runs judged RECOVERY.
    pub recovery_runs: usize,
    /// Walks.
    pub walks: usize,
    /// Days with no running or walking at all.
    pub rest_days: usize,
    /// Running and walking sessions.
    pub sessions: usize,
    /// Share of sessions that were easy (recovery, easy, walk), 0..=1; `None` without sessions.
    pub easy_share_sessions: Option<f64>,
    /// Moving time, seconds.
    pub moving_s: f64,
    /// Share of moving time in easy sessions, 0..=1; `None` without moving time.
    pub easy_share_time: Option<f64>,
    /// Training load of the week's sessions, points.
    pub load: f64,
    /// Fitness, fatigue and form at the end of the week (the next Monday's morning); `None`
    /// before it is known.
    pub form: Option<Form>,
    /// Activities carrying each kind of flag (one field per kind in JSON: `hard_after_hard`,
    /// `not_recovery_after_hard`, `meant_recovery_was_not`, `hard_while_fatigued`).
    #[serde(flatten)]
    pub flagged: FlagCounts,
}

/// Whether a session counts as easy in the 80/20 view (Seiler: about four in five sessions of
/// well-trained endurance athletes are easy; a reference, not a rule).
pub fn is_easy(kind: SessionType) -> bool {
    matches!(
        kind,
        SessionType::Recovery | SessionType::Easy | SessionType::Walk
    )
}

/// Every ISO week from the first activity's to the last's, empty weeks included.
///
/// ```
/// use chrono::NaiveDate;
/// use runaudit::classify::judge::JudgedAs;
/// use runaudit::classify::pattern::{weeks, DayRun};
/// use runaudit::classify::session::SessionType;
/// let d = |n| NaiveDate::from_ymd_opt(2025, 1, n).unwrap();
/// let run = |day, kind, verdict| DayRun { day, kind: Some(kind), verdict, declared_recovery: false, moving_s: 3600.0, load: None };
/// // Week 3 of 2025 (Mon 13 – Sun 19): workout Tue, recovery Wed, easy Thu, long Sat.
/// let runs = [run(d(14), SessionType::Workout, JudgedAs::NotRecovery),
///     run(d(15), SessionType::Recovery, JudgedAs::Recovery),
///     run(d(16), SessionType::Easy, JudgedAs::NotRecovery),
///     run(d(18), SessionType::Long, JudgedAs::NotRecovery)];
/// let w = &weeks(&runs, &[vec![], vec![], vec![], vec![]])[0];
/// assert_eq!((w.hard_days, w.recovery_runs, w.rest_days, w.sessions), (2, 1, 3, 4));
/// assert_eq!(w.easy_share_sessions, Some(0.5));
/// ```
pub fn weeks(runs: &[DayRun], flags: &[Vec<Flag>]) -> Vec<Week> {
    let (Some(first), Some(last)) = (
        runs.iter().map(|r| r.day).min(),
        runs.iter().map(|r| r.day).max(),
    ) else {
        return Vec::new();
    };
    let monday = |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    let mut out = Vec::new();
    let mut m = monday(first);
    while m <= last {
        let sunday = m + Duration::days(6);
        let inside: Vec<(&DayRun, &[Flag])> = runs
            .iter()
            .zip(
                flags
                    .iter()
                    .map(Vec::as_slice)
                    .chain(std::iter::repeat(&[][..])),
            )
            .filter(|(r, _)| r.day >= m && r.day <= sunday && r.kind.is_some())
            .collect();
        let days = |pred: &dyn Fn(&DayRun) -> bool| {
            let mut d: Vec<NaiveDate> = inside
                .iter()
                .filter(|(r, _)| pred(r))
                .map(|(r, _)| r.day)
                .collect();
            d.sort();
            d.dedup();
            d.len()
        };
        let count = |pred: &dyn Fn(&DayRun) -> bool| inside.iter().filter(|(r, _)| pred(r)).count();
        let sessions = inside.len();
        let easy = |r: &DayRun| r.kind.is_some_and(is_easy);
        let moving_s: f64 = inside.iter().map(|(r, _)| r.moving_s).sum();
        let easy_s: f64 = inside
            .iter()
            .filter(|(r, _)| easy(r))
            .map(|(r, _)| r.moving_s)
            .sum();
        let iso = m.iso_week();
        out.push(Week {
            year: iso.year(),
            week: iso.week(),
            monday: m,
            hard_days: days(&|r| r.kind.is_some_and(SessionType::is_hard)),
            recovery_runs: count(&|r| r.verdict == JudgedAs::Recovery),
            walks: count(&|r| r.kind == Some(SessionType::Walk)),
            rest_days: 7 - days(&|_| true),
            sessions,
            easy_share_sessions: (sessions > 0).then(|| count(&easy) as f64 / sessions as f64),
            moving_s,
            easy_share_time: (moving_s > 0.0).then(|| easy_s / moving_s),
            load: inside.iter().filter_map(|(r, _)| r.load).sum(),
            form: None,
            flagged: FlagCounts::of(inside.iter().map(|(_, f)| *f)),
        });
        m += Duration::days(7);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::form::morning_of_each;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, day).unwrap()
    }

    fn run(day: u32, kind: SessionType) -> DayRun {
        DayRun {
            day: d(day),
            kind: Some(kind),
            verdict: if kind == SessionType::Recovery {
                JudgedAs::Recovery
            } else {
                JudgedAs::NotRecovery
            },
            declared_recovery: false,
            moving_s: 3000.0,
            load: None,
        }
    }

    #[test]
    fn a_week_done_right_has_no_flags() {
        // Tue intervals, Wed recovery, Thu easy, Sat long, Sun walk.
        let runs = [
            run(14, SessionType::Workout),
            run(15, SessionType::Recovery),
            run(16, SessionType::Easy),
            run(18, SessionType::Long),
            run(19, SessionType::Walk),
        ];
        assert!(flags(&runs, 1).iter().all(Vec::is_empty));
    }

    #[test]
    fn a_second_hard_session_the_same_day_is_hard_after_hard() {
        let runs = [run(14, SessionType::Workout), run(14, SessionType::Long)];
        let f = flags(&runs, 1);
        assert!(f[0].is_empty());
        assert_eq!(
            f[1],
            vec![Flag::HardAfterHard {
                after: d(14),
                was: SessionType::Workout
            }]
        );
    }

    #[test]
    fn rest_then_easy_is_fine_and_a_wider_window_reaches_further() {
        // Tue intervals, Wed rest, Thu easy.
        let runs = [run(14, SessionType::Workout), run(16, SessionType::Easy)];
        assert!(flags(&runs, 1)[1].is_empty());
        assert_eq!(flags(&runs, 2)[1][0].kind(), FlagKind::NotRecoveryAfterHard);
    }

    #[test]
    fn an_inconclusive_run_after_a_hard_day_is_not_flagged() {
        let mut r = run(15, SessionType::Easy);
        r.verdict = JudgedAs::Inconclusive;
        assert!(flags(&[run(14, SessionType::Workout), r], 1)[1].is_empty());
    }

    #[test]
    fn a_declared_recovery_judged_not_recovery_is_flagged_but_inconclusive_is_not() {
        let mut r = run(14, SessionType::Easy);
        r.declared_recovery = true;
        assert_eq!(flags(&[r], 1)[0], vec![Flag::MeantRecoveryWasNot]);
        r.verdict = JudgedAs::Inconclusive;
        assert!(flags(&[r], 1)[0].is_empty());
    }

    #[test]
    fn a_generated_block_of_hard_days_is_flagged_from_the_third_morning() {
        // Six weeks of 60 points a day (the seed: fitness = fatigue = 60), then seven workouts
        // at 200 a day. With a = e^(−1/42), b = e^(−1/7), on the k-th hard morning
        // fitness = 200 − 140 a^k, fatigue = 200 − 140 b^k:
        //   k = 0: 60 / 60, form 0 (grey);
        //   k = 1: 63.29 / 78.64, form −15.35 = −24% (optimal);
        //   k = 2: 66.51 / 94.79, form −28.28 = −43% (high risk), and lower after.
        let rules = LoadRules::default();
        let mut runs: Vec<DayRun> = (1..=42)
            .map(|i| DayRun {
                day: d(1) + Duration::days(i - 1),
                load: Some(60.0),
                ..run(1, SessionType::Easy)
            })
            .collect();
        runs.extend((0..7).map(|k| DayRun {
            day: d(1) + Duration::days(42 + k),
            load: Some(200.0),
            ..run(1, SessionType::Workout)
        }));
        let days: Vec<_> = runs.iter().map(|r| (r.day, r.load)).collect();
        let mornings = morning_of_each(&days, &rules);
        let hard = &mornings[42..];
        assert!((hard[1].fitness - 63.29).abs() < 0.01, "{:?}", hard[1]);
        assert!((hard[2].fatigue - 94.79).abs() < 0.01, "{:?}", hard[2]);
        let flagged: Vec<Option<i32>> = runs
            .iter()
            .zip(&mornings)
            .map(|(r, m)| match hard_while_fatigued(r, m, &rules) {
                Some(Flag::HardWhileFatigued { form_pct, .. }) => Some(form_pct),
                _ => None,
            })
            .collect();
        assert!(flagged[..44].iter().all(Option::is_none), "{flagged:?}");
        assert_eq!(flagged[44], Some(-43));
        assert!(flagged[45..].iter().all(Option::is_some));
        // The same block with easy runs instead is never flagged: only hard sessions are.
        let easy: Vec<DayRun> = runs
            .iter()
            .map(|r| DayRun {
                kind: Some(SessionType::Easy),
                ..*r
            })
            .collect();
        assert!(easy
            .iter()
            .zip(&mornings)
            .all(|(r, m)| hard_while_fatigued(r, m, &rules).is_none()));
    }

    #[test]
    fn week_counts_by_kind_equal_the_flags_of_a_generated_season() {
        // Twelve weeks, one run on most days, the type drawn by a small LCG; every fifth run is
        // declared recovery. Each kind's count summed over the weeks must equal the activities
        // that carry it, and every kind must occur (else the test proves nothing).
        const TYPES: [SessionType; 5] = [
            SessionType::Workout,
            SessionType::Easy,
            SessionType::Long,
            SessionType::Recovery,
            SessionType::Walk,
        ];
        let start = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap();
        let mut seed: u32 = 7;
        let mut runs = Vec::new();
        for day in 0..84 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let pick = (seed >> 16) as usize % 6;
            let Some(&kind) = TYPES.get(pick) else {
                continue; // a rest day
            };
            let mut r = run(1, kind);
            r.day = start + Duration::days(day);
            r.declared_recovery = day % 5 == 0;
            // A step up in load after six weeks drives form into the high-risk zone.
            r.load = Some(if day >= 42 && kind.is_hard() {
                400.0
            } else {
                40.0
            });
            runs.push(r);
        }
        let mut f = flags(&runs, 1);
        let rules = LoadRules::default();
        let days: Vec<_> = runs.iter().map(|r| (r.day, r.load)).collect();
        for ((fs, r), m) in f.iter_mut().zip(&runs).zip(morning_of_each(&days, &rules)) {
            fs.extend(hard_while_fatigued(r, &m, &rules));
        }
        let w = weeks(&runs, &f);
        assert_eq!(w.len(), 12);
        let summed = FlagCounts::sum(w.iter().map(|w| &w.flagged));
        for kind in FlagKind::ALL {
            let carrying = f
                .iter()
                .filter(|fs| fs.iter().any(|x| x.kind() == kind))
                .count();
            assert!(carrying > 0, "{kind:?} never occurs");
            assert_eq!(summed.get(kind), carrying, "{kind:?}");
        }
        assert_eq!(summed, FlagCounts::of(f.iter().map(Vec::as_slice)));
    }

    #[test]
    fn each_kind_has_its_own_name_and_place() {
        let names: std::collections::BTreeSet<&str> =
            FlagKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names.len(), FlagKind::COUNT);
        for (i, k) in FlagKind::ALL.into_iter().enumerate() {
            assert_eq!(k.index(), i);
        }
        let mut c = FlagCounts::default();
        c.add(FlagKind::NotRecoveryAfterHard, 2);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"hard_after_hard":0,"not_recovery_after_hard":2,"meant_recovery_was_not":0,"hard_while_fatigued":0}"#
        );
    }

    #[test]
    fn weeks_cover_empty_weeks_and_count_rest_days() {
        // One run on Tue 7 Jan (W02) and one on Tue 21 Jan (W04): W03 is all rest.
        let runs = [run(7, SessionType::Easy), run(21, SessionType::Easy)];
        let w = weeks(&runs, &flags(&runs, 1));
        assert_eq!(w.len(), 3);
        assert_eq!((w[1].week, w[1].rest_days, w[1].sessions), (3, 7, 0));
        assert_eq!(w[1].easy_share_sessions, None);
        assert_eq!(w[0].rest_days, 6);
    }
}
