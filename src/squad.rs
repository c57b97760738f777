//! One athlete of a squad reduced to what the coach's Monday view needs (a [`Digest`] of a few
//! numbers per run, kept after the runs are gone), and the view itself: the last weeks, what
//! followed the hard days, the easy share, form, the flags of the last 7 days and what needs
//! attention ([`summarize`]).

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::classify::form::{mornings, seed, Form, FormZone};
use crate::classify::pattern::{after_hard, is_easy, weeks, AfterHard, DayRun, Flag, FlagKind};
use crate::classify::session::SessionType;
use crate::classify::{Criterion, Status};
use crate::config::Config;
use crate::pipeline::RunRecord;
use crate::profile::LoadRules;

/// Days that count as "this week": the day the view is for and the six before it.
pub const RECENT_DAYS: i64 = 7;

/// One run as the squad view keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct DigestRun {
    /// How the season pattern saw it.
    pub day_run: DayRun,
    /// Its flags.
    pub flags: Vec<Flag>,
    /// Its training load, when heart rate (with max and resting HR) or an RPE gives one.
    pub load: Option<f64>,
    /// The file, for a flagged run's line (untrusted text).
    pub file: String,
    /// The criteria that failed, for a flagged run's line (empty for the others).
    pub failed: Vec<Criterion>,
}

/// What is kept of one athlete once their runs are summarised and dropped.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Digest {
    /// Every activity, in start order.
    pub runs: Vec<DigestRun>,
    /// Files that could not be read.
    pub failed_files: usize,
    /// The athlete's load rules: the form zones and time constants.
    pub load_rules: LoadRules,
}

/// A run's load as its judgement gives it (heart-rate zone points, else session RPE), the one
/// `audit` reports.
pub fn run_load(r: &RunRecord) -> Option<f64> {
    r.report
        .judgement
        .as_ref()
        .and_then(|j| j.load.as_ref())
        .map(|l| l.value)
}

impl Digest {
    /// The digest of judged runs (as `batch::season` left them) and the count of failed files.
    pub fn of(runs: &[&RunRecord], failed_files: usize, config: &Config) -> Digest {
        let runs = runs
            .iter()
            .map(|r| DigestRun {
                day_run: r.report.day_run(),
                flags: r.report.flags.clone(),
                load: run_load(r),
                file: if r.report.flags.is_empty() {
                    String::new()
                } else {
                    r.report.file.clone()
                },
                failed: match &r.report.judgement {
                    Some(j) if !r.report.flags.is_empty() => j
                        .criteria
                        .iter()
                        .filter(|c| c.status == Status::Fail)
                        .cloned()
                        .collect(),
                    _ => Vec::new(),
                },
            })
            .collect();
        Digest {
            runs,
            failed_files,
            load_rules: config.profile.rules.load.clone(),
        }
    }

    /// The last day with an activity.
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.runs.iter().map(|r| r.day_run.day).max()
    }
}

/// The days the view covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    /// The day the view is for (the latest run of the squad, or `--today`).
    pub today: NaiveDate,
    /// ISO weeks shown, the one holding `today` the last.
    pub weeks: u32,
}

impl Window {
    /// The Monday of the first week shown.
    pub fn first_monday(&self) -> NaiveDate {
        let monday =
            self.today - Duration::days(i64::from(self.today.weekday().num_days_from_monday()));
        monday - Duration::weeks(i64::from(self.weeks.saturating_sub(1)))
    }

    /// The first of the last [`RECENT_DAYS`] days.
    pub fn recent_from(&self) -> NaiveDate {
        self.today - Duration::days(RECENT_DAYS - 1)
    }

    /// Whether `day` is among the weeks shown (up to `today`).
    pub fn holds(&self, day: NaiveDate) -> bool {
        day >= self.first_monday() && day <= self.today
    }

    /// Whether `day` is among the last [`RECENT_DAYS`] days.
    pub fn recent(&self, day: NaiveDate) -> bool {
        day >= self.recent_from() && day <= self.today
    }
}

/// One week of the view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekLine {
    /// ISO year.
    pub year: i32,
    /// ISO week number.
    pub week: u32,
    /// Its Monday.
    pub monday: NaiveDate,
    /// Running and walking sessions.
    pub sessions: usize,
    /// Days with a workout, race or long run.
    pub hard_days: usize,
    /// Share of sessions that were easy (recovery, easy, walk); `None` without sessions.
    pub easy_share_sessions: Option<f64>,
    /// Moving time, seconds.
    pub moving_s: f64,
    /// Activities flagged, any kind.
    pub flagged: usize,
}

/// A flag of the last 7 days, with the run it is on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecentFlag {
    /// The runner's day of the run.
    pub day: NaiveDate,
    /// The run's session type.
    pub session_type: Option<SessionType>,
    /// The flag (its name and evidence).
    #[serde(flatten)]
    pub flag: Flag,
    /// The recovery criteria that failed, for a run meant as recovery (empty otherwise).
    #[serde(skip)]
    pub failed: Vec<Criterion>,
    /// The file.
    pub file: String,
}

/// What makes an athlete need the coach's attention this week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Attention {
    /// A hard session the day after a hard day, in the last 7 days.
    HardAfterHard,
    /// A run that was neither hard nor recovery after a hard day, in the last 7 days.
    NoRecoveryAfterHard,
    /// Form in the high-risk zone (below −30% of fitness) and lower than a week before.
    FormSliding,
    /// A run declared recovery that was not, in the last 7 days.
    MeantRecoveryWasNot,
    /// No running or walking in the last 7 days.
    NoDataThisWeek,
}

impl Attention {
    /// In words, for the table and the page.
    pub fn words(self) -> &'static str {
        match self {
            Attention::HardAfterHard => "hard after hard",
            Attention::NoRecoveryAfterHard => "no recovery after a hard day",
            Attention::FormSliding => "form sliding in the high-risk zone",
            Attention::MeantRecoveryWasNot => "a recovery run that was not",
            Attention::NoDataThisWeek => "no data this week",
        }
    }
}

/// Form on the morning after `today`'s runs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FormNow {
    /// Fitness, fatigue and form.
    #[serde(flatten)]
    pub form: Form,
    /// Its zone; `None` before there is fitness.
    pub zone: Option<FormZone>,
    /// Form a week earlier, for the trend.
    pub week_before: f64,
}

/// One day of the calendar strip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StripDay {
    /// The date.
    pub date: NaiveDate,
    /// The hardest session that day; `None` for rest.
    pub hardest: Option<SessionType>,
    /// Running and walking sessions that day.
    pub sessions: usize,
    /// A pattern flag on that day.
    pub flagged: bool,
}

/// One athlete's view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AthleteSummary {
    /// The name shown (untrusted text).
    pub athlete: String,
    /// Activities in the whole history read.
    pub activities: usize,
    /// Files that could not be read.
    pub failed_files: usize,
    /// The last day with an activity.
    pub last_day: Option<NaiveDate>,
    /// Running and walking sessions in the weeks shown.
    pub sessions: usize,
    /// Hard days in the weeks shown, and what the next day held.
    pub after_hard: AfterHard,
    /// Share of the sessions shown that were easy; `None` without sessions.
    pub easy_share_sessions: Option<f64>,
    /// Share of moving time shown in easy sessions; `None` without moving time.
    pub easy_share_time: Option<f64>,
    /// Runs with a load in the whole history (form needs them).
    pub runs_with_load: usize,
    /// Form now; `None` without any load.
    pub form: Option<FormNow>,
    /// The weeks shown, oldest first.
    pub weeks: Vec<WeekLine>,
    /// Every flag of the last 7 days, in date order.
    pub recent_flags: Vec<RecentFlag>,
    /// The calendar strip of the weeks shown, Monday to `today`.
    pub days: Vec<StripDay>,
    /// What needs attention, most pressing first; empty when nothing.
    pub attention: Vec<Attention>,
}

/// The view of one athlete for `window`; runs after `today` are left out.
pub fn summarize(athlete: &str, digest: &Digest, window: Window) -> AthleteSummary {
    let upto: Vec<&DigestRun> = digest
        .runs
        .iter()
        .filter(|r| r.day_run.day <= window.today)
        .collect();
    let shown: Vec<DayRun> = upto
        .iter()
        .filter(|r| window.holds(r.day_run.day))
        .map(|r| r.day_run)
        .collect();
    let shown_flags: Vec<Vec<Flag>> = upto
        .iter()
        .filter(|r| window.holds(r.day_run.day))
        .map(|r| r.flags.clone())
        .collect();
    let sessions: Vec<&DayRun> = shown.iter().filter(|d| d.kind.is_some()).collect();
    let easy: Vec<&&DayRun> = sessions
        .iter()
        .filter(|d| d.kind.is_some_and(is_easy))
        .collect();
    let moving: f64 = sessions.iter().map(|d| d.moving_s).sum();
    let easy_moving: f64 = easy.iter().map(|d| d.moving_s).sum();
    let recent_flags: Vec<RecentFlag> = upto
        .iter()
        .filter(|r| window.recent(r.day_run.day))
        .flat_map(|r| {
            r.flags.iter().map(|f| RecentFlag {
                day: r.day_run.day,
                session_type: r.day_run.kind,
                flag: *f,
                failed: r.failed.clone(),
                file: r.file.clone(),
            })
        })
        .collect();
    let loads: Vec<(NaiveDate, f64)> = upto
        .iter()
        .filter_map(|r| Some((r.day_run.day, r.load?)))
        .collect();
    let form = form_now(&loads, window.today, &digest.load_rules);
    let mut attention = Vec::new();
    let has = |k: FlagKind| recent_flags.iter().any(|f| f.flag.kind() == k);
    if has(FlagKind::HardAfterHard) {
        attention.push(Attention::HardAfterHard);
    }
    if has(FlagKind::NotRecoveryAfterHard) {
        attention.push(Attention::NoRecoveryAfterHard);
    }
    if form.is_some_and(|f| f.zone == Some(FormZone::HighRisk) && f.form.form < f.week_before) {
        attention.push(Attention::FormSliding);
    }
    if has(FlagKind::MeantRecoveryWasNot) {
        attention.push(Attention::MeantRecoveryWasNot);
    }
    if !upto
        .iter()
        .any(|r| r.day_run.kind.is_some() && window.recent(r.day_run.day))
    {
        attention.push(Attention::NoDataThisWeek);
    }
    AthleteSummary {
        athlete: athlete.to_string(),
        activities: digest.runs.len(),
        failed_files: digest.failed_files,
        last_day: digest.last_day(),
        sessions: sessions.len(),
        after_hard: after_hard(&shown),
        easy_share_sessions: (!sessions.is_empty())
            .then(|| easy.len() as f64 / sessions.len() as f64),
        easy_share_time: (moving > 0.0).then(|| easy_moving / moving),
        runs_with_load: loads.len(),
        form,
        weeks: week_lines(&shown, &shown_flags, window),
        recent_flags,
        days: strip(&shown, &shown_flags, window),
        attention,
    }
}

/// Form on the morning after `today`, and a week before, from the same start as `audit`'s (see
/// [`seed`]); `None` without loads.
fn form_now(loads: &[(NaiveDate, f64)], today: NaiveDate, rules: &LoadRules) -> Option<FormNow> {
    let days = mornings(loads, today + Duration::days(1), rules, seed(loads, rules));
    let (_, now) = *days.last()?;
    let week_before = days
        .iter()
        .rev()
        .nth(usize::try_from(RECENT_DAYS).unwrap_or(0))
        .map_or(0.0, |(_, f)| f.form);
    Some(FormNow {
        form: now,
        zone: now.zone(rules),
        week_before,
    })
}

/// Every week of the window, empty ones included.
fn week_lines(runs: &[DayRun], flags: &[Vec<Flag>], window: Window) -> Vec<WeekLine> {
    let found = weeks(runs, flags);
    (0..window.weeks)
        .map(|k| {
            let monday = window.first_monday() + Duration::weeks(i64::from(k));
            let iso = monday.iso_week();
            match found.iter().find(|w| w.monday == monday) {
                Some(w) => WeekLine {
                    year: w.year,
                    week: w.week,
                    monday,
                    sessions: w.sessions,
                    hard_days: w.hard_days,
                    easy_share_sessions: w.easy_share_sessions,
                    moving_s: w.moving_s,
                    flagged: runs
                        .iter()
                        .zip(flags)
                        .filter(|(d, f)| {
                            !f.is_empty() && d.day >= monday && d.day < monday + Duration::weeks(1)
                        })
                        .count(),
                },
                None => WeekLine {
                    year: iso.year(),
                    week: iso.week(),
                    monday,
                    sessions: 0,
                    hard_days: 0,
                    easy_share_sessions: None,
                    moving_s: 0.0,
                    flagged: 0,
                },
            }
        })
        .collect()
}

/// The calendar strip: each day from the first Monday to `today`.
fn strip(runs: &[DayRun], flags: &[Vec<Flag>], window: Window) -> Vec<StripDay> {
    window
        .first_monday()
        .iter_days()
        .take_while(|d| *d <= window.today)
        .map(|date| {
            let that: Vec<(&DayRun, &Vec<Flag>)> = runs
                .iter()
                .zip(flags)
                .filter(|(r, _)| r.day == date)
                .collect();
            StripDay {
                date,
                hardest: that
                    .iter()
                    .filter_map(|(r, _)| r.kind)
                    .max_by_key(|k| k.hardness()),
                sessions: that.iter().filter(|(r, _)| r.kind.is_some()).count(),
                flagged: that.iter().any(|(_, f)| !f.is_empty()),
            }
        })
        .collect()
}

/// The order the coach reads athletes in: more reasons for attention first, then by the most
/// pressing reason, then by name.
pub fn attention_order(a: &AthleteSummary, b: &AthleteSummary) -> std::cmp::Ordering {
    b.attention
        .len()
        .cmp(&a.attention.len())
        .then_with(|| a.attention.first().cmp(&b.attention.first()))
        .then_with(|| a.athlete.cmp(&b.athlete))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::judge::JudgedAs;

    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, n).unwrap_or_default()
    }

    fn run(d: u32, kind: SessionType, flags: Vec<Flag>, load: Option<f64>) -> DigestRun {
        DigestRun {
            day_run: DayRun {
                day: day(d),
                kind: Some(kind),
                verdict: JudgedAs::NotRecovery,
                declared_recovery: false,
                moving_s: 3600.0,
                load,
            },
            flags,
            load,
            file: format!("r{d}"),
            failed: Vec::new(),
        }
    }

    #[test]
    fn the_window_is_whole_iso_weeks_up_to_today() {
        // Sun 2026-11-29; 2 weeks: Mon 16 Nov to Sun 29 Nov; the last 7 days: 23 to 29 Nov.
        let w = Window {
            today: day(29),
            weeks: 2,
        };
        assert_eq!(w.first_monday(), day(16));
        assert_eq!(w.recent_from(), day(23));
        assert!(w.holds(day(16)) && !w.holds(day(15)) && !w.holds(day(30)));
        // Wed 2026-11-25, 1 week: Mon 23 to Wed 25.
        let w = Window {
            today: day(25),
            weeks: 1,
        };
        assert_eq!(w.first_monday(), day(23));
    }

    #[test]
    fn a_hand_worked_fortnight() {
        use SessionType::*;
        let hah = Flag::HardAfterHard {
            after: day(24),
            was: Workout,
        };
        // Week of 16 Nov: workout Tue, recovery Wed, easy Thu, long Sat (2 hard, 2 easy of 4).
        // Week of 23 Nov: workout Tue, workout Wed (hard after hard), easy Thu.
        let d = Digest {
            runs: vec![
                run(17, Workout, vec![], None),
                run(18, Recovery, vec![], None),
                run(19, Easy, vec![], None),
                run(21, Long, vec![], None),
                run(24, Workout, vec![], None),
                run(25, Workout, vec![hah], None),
                run(26, Easy, vec![], None),
                // after today: left out
                run(30, Easy, vec![], None),
            ],
            failed_files: 1,
            load_rules: LoadRules::default(),
        };
        let s = summarize(
            "ana",
            &d,
            Window {
                today: day(29),
                weeks: 2,
            },
        );
        assert_eq!(s.sessions, 7);
        // Hard days 17, 21, 24, 25 → next days 18 recovery, 22 rest, 25 hard, 26 other.
        assert_eq!(
            (
                s.after_hard.hard_days,
                s.after_hard.recovery,
                s.after_hard.rest,
                s.after_hard.hard,
                s.after_hard.other
            ),
            (4, 1, 1, 1, 1)
        );
        // Easy: recovery 18, easy 19, easy 26 = 3 of 7.
        assert_eq!(s.easy_share_sessions, Some(3.0 / 7.0));
        assert_eq!(s.weeks.len(), 2);
        assert_eq!((s.weeks[0].sessions, s.weeks[0].hard_days), (4, 2));
        assert_eq!((s.weeks[1].sessions, s.weeks[1].flagged), (3, 1));
        assert_eq!(s.recent_flags.len(), 1);
        assert_eq!(s.attention, vec![Attention::HardAfterHard]);
        assert_eq!(s.days.len(), 14);
        assert_eq!(s.days[9].hardest, Some(Workout));
        assert!(s.days[9].flagged);
        assert_eq!(s.form, None);
        assert_eq!(s.activities, 8);
    }

    #[test]
    fn nothing_this_week_and_form_from_loads() {
        // 100 points a day for 21 days from 1 Nov; today 28 Nov: nothing in the last 7 days.
        let runs: Vec<DigestRun> = (1..=21)
            .map(|d| run(d, SessionType::Easy, vec![], Some(100.0)))
            .collect();
        let s = summarize(
            "ben",
            &Digest {
                runs,
                failed_files: 0,
                load_rules: LoadRules::default(),
            },
            Window {
                today: day(28),
                weeks: 4,
            },
        );
        assert_eq!(s.attention, vec![Attention::NoDataThisWeek]);
        let f = s.form.expect("loads give form");
        // Morning of 29 Nov, 28 days after 1 Nov: 21 loaded days then 7 empty ones, from the
        // seed of 100 a day (the 21 days' mean) held steady by the loads, then decaying:
        // fitness 100 a^7 = 84.648 (a = e^(−1/42)); fatigue 100 b^7 = 36.788 (b = e^(−1/7)).
        assert!((f.form.fitness - 84.648).abs() < 1e-2, "{f:?}");
        assert!((f.form.fatigue - 36.788).abs() < 1e-2, "{f:?}");
        assert_eq!(s.runs_with_load, 21);
    }
}
