//! Judging a set of runs together: resolve the profile (max HR given, inferred from the runs or
//! from age; the easy ceiling's rung), then walk the runs in time order so each run's normal pace
//! comes from the non-recovery runs before it.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::effort::HrProfile;
use super::intent::IntentLabel;
use super::load::{run_load, Load, LoadFacts, NoLoad};
use super::reason::Reason;
use super::session::{session_type, Anchor, AnchorFrom, Session, SessionFacts, SessionType};
use super::{
    duration, effort, pace_seeing_hills, perceived_effort, verdict, Criterion, PaceFacts, Status,
    Verdict,
};
use crate::activity::Sport;
use crate::analyze::speed_bins::SpeedBins;
use crate::baseline::{infer_max_hr, normal_pace, quantile, PastRun, MEDIAN};
use crate::note::Note;
use crate::profile::{
    easy_ceiling, hard_threshold, tanaka_max_hr, CeilingRung, EasyCeiling, HardThreshold, Profile,
    RuleSet, Runner, Source, Sourced,
};
use crate::units::{average_pace_s_per_km, Units};

/// A run as the judge sees it.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// Start time.
    pub start: DateTime<Utc>,
    /// Sport.
    pub sport: Sport,
    /// What the pace criterion needs.
    pub pace: &'a PaceFacts,
    /// Heart rate reduced for the effort criterion; `None` without heart rate.
    pub hr: Option<&'a HrProfile>,
    /// Walking time, seconds.
    pub walking_s: f64,
    /// What the runner called the run.
    pub intent: Option<IntentLabel>,
    /// The runner's perceived effort (RPE, 1–10), when recorded.
    pub rpe: Option<f64>,
    /// Moving time, distance and heart rate in short bins.
    pub bins: &'a SpeedBins,
    /// What the watch recorded of a structured workout, when it ran one.
    pub watch_workout: Option<&'a str>,
    /// The watch's laps: (moving s, m) each.
    pub laps: &'a [(f64, f64)],
    /// The max HR set on the watch, bpm, when the file carries it.
    pub watch_max_hr_bpm: Option<f64>,
}

/// The easy ceiling as used, with its rung and the source of the value it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CeilingUsed {
    /// The ceiling, bpm.
    pub bpm: f64,
    /// The rung of the ladder.
    pub rung: CeilingRung,
    /// The rung in words.
    pub rung_detail: String,
}

/// Every threshold a verdict used and where it came from, so the verdict can be reproduced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileUsed {
    /// Normal pace, s/km (given, or inferred from the runs before this one).
    pub normal_pace_s_per_km: Option<Sourced<f64>>,
    /// The grade-adjusted normal pace a hilly run's pace was judged against, s/km (given: the
    /// normal pace; inferred: the median grade-adjusted pace of the same runs); absent when the
    /// run was not judged on grade-adjusted pace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normal_gap_s_per_km: Option<Sourced<f64>>,
    /// Maximum heart rate (given, inferred from the runs, or Tanaka from age).
    pub max_hr_bpm: Option<Sourced<f64>>,
    /// The easy ceiling.
    pub easy_ceiling: Option<CeilingUsed>,
    /// The normal pace and run length the session type was read against.
    pub type_anchor: Option<Anchor>,
    /// What the runner gave.
    pub runner: Runner,
    /// The rules (one copy shared by every run of a batch).
    pub rules: std::sync::Arc<RuleSet>,
}

/// A run's judgement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judgement {
    /// Recovery, not recovery, inconclusive; or skipped for a sport that is not running.
    pub verdict: JudgedAs,
    /// The three criteria, in the order duration, pace, effort (empty when skipped).
    pub criteria: Vec<Criterion>,
    /// The thresholds used (absent when skipped).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<ProfileUsed>,
    /// What kind of session it was, with its evidence (`session_type`, `session_evidence`);
    /// absent for sports that are neither running nor walking.
    #[serde(flatten)]
    pub session: Option<Session>,
    /// What the verdict or the type flips on when the heart-rate thresholds or the normal pace
    /// move a little (`borderline_hr_bpm`, `borderline_pace_s_per_km`); empty when neither flips.
    pub borderline: Vec<Flip>,
    /// The training load (heart-rate zone points or session RPE); absent without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load: Option<Load>,
    /// Why there is no load; absent when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_load: Option<NoLoad>,
}

/// A verdict or session type that changes when one threshold moves a little.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flip {
    /// What was moved.
    pub on: FlipsOn,
    /// By how much, signed (bpm or s/km; a positive pace is slower).
    pub by: f64,
    /// The verdict it gives, when that changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<JudgedAs>,
    /// The session type it gives, when that changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_type: Option<SessionType>,
}

/// The threshold a [`Flip`] moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlipsOn {
    /// Every heart-rate threshold (easy ceiling, hard threshold, max HR), in bpm.
    HeartRate,
    /// The normal pace (the recovery baseline and the session type's anchor), in s/km.
    NormalPace,
}

impl FlipsOn {
    /// The threshold in words.
    pub fn words(self) -> &'static str {
        match self {
            FlipsOn::HeartRate => "heart-rate thresholds",
            FlipsOn::NormalPace => "normal pace",
        }
    }
}

impl Flip {
    /// The flip in words: "normal pace +10 s/km: easy".
    pub fn sentence(&self) -> String {
        let unit = match self.on {
            FlipsOn::HeartRate => "bpm",
            FlipsOn::NormalPace => "s/km",
        };
        let to: Vec<&str> = [
            self.verdict.map(JudgedAs::as_str),
            self.session_type.map(SessionType::as_str),
        ]
        .into_iter()
        .flatten()
        .collect();
        format!(
            "{} {:+} {unit}: {}",
            self.on.words(),
            self.by,
            to.join(", ")
        )
    }
}

/// The verdict, or why the run was not judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JudgedAs {
    /// Every criterion passed.
    Recovery,
    /// At least one criterion failed.
    NotRecovery,
    /// None failed, some unknown.
    Inconclusive,
    /// Not a run (cycling, swimming, ...): listed, not judged.
    Skipped,
}

impl From<Verdict> for JudgedAs {
    fn from(v: Verdict) -> Self {
        match v {
            Verdict::Recovery => JudgedAs::Recovery,
            Verdict::NotRecovery => JudgedAs::NotRecovery,
            Verdict::Inconclusive => JudgedAs::Inconclusive,
        }
    }
}

impl JudgedAs {
    /// The snake_case name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            JudgedAs::Recovery => "recovery",
            JudgedAs::NotRecovery => "not_recovery",
            JudgedAs::Inconclusive => "inconclusive",
            JudgedAs::Skipped => "skipped",
        }
    }

    /// Upper-case label for tables.
    pub fn label(self) -> &'static str {
        match self {
            JudgedAs::Recovery => "RECOVERY",
            JudgedAs::NotRecovery => "NOT RECOVERY",
            JudgedAs::Inconclusive => "INCONCLUSIVE",
            JudgedAs::Skipped => "skipped",
        }
    }
}

impl Judgement {
    /// What the verdict or type flips on, in words ("borderline: normal pace +10 s/km: easy"),
    /// or `None` when neither flips.
    pub fn borderline_words(&self) -> Option<String> {
        (!self.borderline.is_empty()).then(|| {
            let flips: Vec<String> = self.borderline.iter().map(Flip::sentence).collect();
            format!("borderline: {}", flips.join("; "))
        })
    }

    /// The failing and unknown criteria in plain words, for tables.
    pub fn reasons(&self) -> Vec<String> {
        self.criteria
            .iter()
            .filter(|c| c.status != Status::Pass)
            .map(|c| {
                let tag = if c.status == Status::Fail {
                    ""
                } else {
                    "unknown "
                };
                format!("{tag}{}: {}", c.kind.as_str(), c.detail())
            })
            .collect()
    }
}

/// Whether a sport is judged by the recovery rules (running, and activities that do not say).
pub fn is_judged(sport: Sport) -> bool {
    matches!(sport, Sport::Running | Sport::Unknown)
}

/// Each judged run's peak heart rate with its start, sorted by start: what [`resolve_max_hr`]
/// infers from. The peak is the highest mean over `max_hr_peak_s` (60 s) run at
/// `max_hr_peak_speed_pct` (105%) of the runner's normal speed or faster, so a strap's spike
/// while standing or jogging sets nothing; a run with no history to give a normal pace gives its
/// high sustained heart rate (the 99th percentile of its 30-s means) instead.
pub fn run_peaks(runs: &[Candidate], profile: &Profile) -> Vec<(DateTime<Utc>, f64)> {
    let rules = &profile.rules;
    let runner = &profile.runner;
    let sized = sized_runs(runs, &vec![false; runs.len()], rules);
    let window = rules.session.type_window_days.value;
    let mut peaks: Vec<(DateTime<Utc>, f64)> = runs
        .iter()
        .filter(|c| is_judged(c.sport))
        .filter_map(|c| {
            let given = runner
                .given_at(&runner.normal_pace_s_per_km, c.start, window)
                .map(|n| n.value);
            let peak = match anchor_for(c.start, &sized, given, rules) {
                Some(a) => c.bins.peak_hr_at_speed(
                    rules.max_hr_peak_s.value,
                    rules.max_hr_peak_speed_share.value * 1000.0 / a.normal_s_per_km,
                ),
                None => c.hr?.peak_30s_bpm,
            };
            Some((c.start, peak?))
        })
        .collect();
    peaks.sort_by_key(|p| p.0);
    peaks
}

/// The maximum HR for a run starting at `at`, by precedence: given; set on the watch that
/// recorded it (`watch`); inferred from the runs' heart rate in the `window_days` before it (max
/// HR falls with age; when that window holds too few runs, the same span after it too); Tanaka
/// from age. `peaks` is [`run_peaks`] of the season.
pub fn resolve_max_hr(
    runner: &Runner,
    peaks: &[(DateTime<Utc>, f64)],
    at: DateTime<Utc>,
    window_days: u32,
    watch: Option<f64>,
) -> Option<Sourced<f64>> {
    if let Some(given) = runner.given_at(&runner.max_hr_bpm, at, window_days) {
        return Some(given.clone());
    }
    if let Some(bpm) = watch {
        return Some(Sourced::new(bpm, Source::Watch));
    }
    let window = chrono::Duration::days(i64::from(window_days));
    let peaks = |from: DateTime<Utc>, to: DateTime<Utc>| {
        let lo = peaks.partition_point(|p| p.0 < from);
        let hi = peaks.partition_point(|p| p.0 <= to);
        peaks
            .get(lo..hi)
            .unwrap_or_default()
            .iter()
            .map(|&(start, peak)| (Some(peak), start))
    };
    let inferred = infer_max_hr(peaks(at - window, at))
        .map(|m| (m, false))
        .or_else(|| infer_max_hr(peaks(at - window, at + window)).map(|m| (m, true)));
    if let Some((m, around)) = inferred {
        return Some(Sourced::noted(
            m.bpm.round(),
            Source::Inferred,
            Note::MaxHrInferred {
                from: m.from,
                runs: m.runs,
                window_days,
                around,
            },
        ));
    }
    runner.age_years.as_ref().map(|age| {
        Sourced::noted(
            tanaka_max_hr(age.value).round(),
            Source::Derived,
            Note::Tanaka { age: age.value },
        )
    })
}

/// Judges runs given in any order; the result is in the same order. Each run's inferred normal
/// pace comes only from runs that started before it.
pub fn judge_all(runs: &[Candidate], profile: &Profile, units: Units) -> Vec<Judgement> {
    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_by_key(|&i| runs.get(i).map(|r| r.start));
    let peaks = run_peaks(runs, profile);
    let mut history: Vec<PastRun> = Vec::new();
    // The same runs at their grade-adjusted pace (raw where there is no altitude).
    let mut gap_history: Vec<PastRun> = Vec::new();
    // First the verdicts, in time order (each run's normal pace comes from the verdicts before
    // it); then the types, whose anchors leave out the runs that passed the recovery rule.
    let mut judged: Vec<Option<Judged>> = vec![None; runs.len()];
    for i in order {
        let Some(run) = runs.get(i) else { continue };
        let max_hr = resolve_max_hr(
            &profile.runner,
            &peaks,
            run.start,
            profile.rules.max_hr_window_days.value,
            run.watch_max_hr_bpm,
        );
        let j = if is_judged(run.sport) {
            let shifted = Shift::around(&profile.rules)
                .into_iter()
                .map(|shift| {
                    let histories = (&history[..], &gap_history[..]);
                    verdict_of(run, max_hr.clone(), histories, profile, units, shift)
                })
                .collect();
            let histories = (&history[..], &gap_history[..]);
            let mut j = verdict_of(run, max_hr, histories, profile, units, Shift::NONE);
            j.shifted = shifted;
            j
        } else {
            Judged::skipped(max_hr)
        };
        let average = average_pace_s_per_km(run.pace.distance_m, run.pace.moving_s);
        if let Some(pace_s_per_km) = average.filter(|_| {
            is_judged(run.sport)
                && run.pace.distance_m >= profile.rules.baseline_min_distance_m.value
        }) {
            history.push(PastRun {
                start: run.start,
                pace_s_per_km,
                was_recovery: j.verdict == JudgedAs::Recovery,
            });
            let gap = run.pace.hill.as_ref().and_then(|h| {
                average_pace_s_per_km(h.grade_adjusted_distance_m, run.pace.moving_s)
            });
            gap_history.push(PastRun {
                start: run.start,
                pace_s_per_km: gap.unwrap_or(pace_s_per_km),
                was_recovery: j.verdict == JudgedAs::Recovery,
            });
        }
        if let Some(slot) = judged.get_mut(i) {
            *slot = Some(j);
        }
    }
    let recovery: Vec<bool> = judged
        .iter()
        .map(|j| j.as_ref().is_some_and(|j| j.verdict == JudgedAs::Recovery))
        .collect();
    let sized = sized_runs(runs, &recovery, &profile.rules);
    let runner = &profile.runner;
    let rules = std::sync::Arc::new(profile.rules.clone());
    runs.iter()
        .zip(judged)
        .map(|(run, j)| {
            let Some(j) = j else {
                return Judgement {
                    verdict: JudgedAs::Skipped,
                    criteria: Vec::new(),
                    profile: None,
                    session: None,
                    borderline: Vec::new(),
                    load: None,
                    no_load: None,
                };
            };
            let window = profile.rules.session.type_window_days.value;
            let given = runner
                .given_at(&runner.normal_pace_s_per_km, run.start, window)
                .map(|n| n.value);
            let anchor = anchor_for(run.start, &sized, given, &profile.rules);
            let type_of = |j: &Judged| {
                let average = average_pace_s_per_km(run.pace.distance_m, run.pace.moving_s);
                let anchor = anchor.map(|a| Anchor {
                    normal_s_per_km: a.normal_s_per_km + j.shift.pace_s_per_km,
                    ..a
                });
                let facts = facts(
                    run,
                    j.verdict == JudgedAs::Recovery,
                    j.normal.as_ref().map(|n| n.value),
                    average,
                    anchor,
                    j.max_hr.as_ref().map(|m| m.value + j.shift.hr_bpm),
                );
                session_type(&facts, j.ceiling_bpm, j.hard, &profile.rules.session, units)
            };
            let session = type_of(&j);
            let kind = session.as_ref().map(|s| s.kind);
            let borderline = j
                .shifted
                .iter()
                .filter_map(|shifted| {
                    let other = type_of(shifted).map(|s| s.kind);
                    let flip = Flip {
                        on: shifted.shift.on(),
                        by: shifted.shift.by(),
                        verdict: (shifted.verdict != j.verdict).then_some(shifted.verdict),
                        session_type: other.filter(|_| other != kind),
                    };
                    (flip.verdict.is_some() || flip.session_type.is_some()).then_some(flip)
                })
                .collect();
            let judged_run = j.verdict != JudgedAs::Skipped;
            let (load, no_load) = load_of(run, j.max_hr.as_ref(), session.is_some(), profile);
            Judgement {
                verdict: j.verdict,
                criteria: j.criteria,
                profile: judged_run.then(|| ProfileUsed {
                    normal_pace_s_per_km: j.normal,
                    normal_gap_s_per_km: j.normal_gap,
                    max_hr_bpm: j.max_hr,
                    easy_ceiling: j.ceiling_used,
                    type_anchor: anchor,
                    runner: profile.runner.clone(),
                    rules: std::sync::Arc::clone(&rules),
                }),
                session,
                borderline,
                load,
                no_load,
            }
        })
        .collect()
}

/// The run's load, or why it has none: only runs and walks (those with a session type) carry
/// one, read with the max HR the verdict used.
fn load_of(
    run: &Candidate,
    max_hr: Option<&Sourced<f64>>,
    has_session: bool,
    profile: &Profile,
) -> (Option<Load>, Option<NoLoad>) {
    if !has_session {
        return (None, Some(NoLoad::OtherSport));
    }
    let facts = LoadFacts {
        trusted_s_by_bpm: run.hr.map(HrProfile::trusted_s_by_bpm),
        max_hr: max_hr.map(|m| (m.value, &m.source)),
        peak_bpm: run.hr.and_then(|h| h.peak_30s_bpm),
        resting_hr_bpm: profile.runner.resting_hr_bpm.as_ref().map(|r| r.value),
        rpe: run.rpe,
        moving_s: run.pace.moving_s,
    };
    match run_load(&facts, &profile.rules.load) {
        Ok(load) => (Some(load), None),
        Err(why) => (None, Some(why)),
    }
}

/// How many shifts a verdict is re-judged with.
const SHIFTS: usize = 4;

/// How far the thresholds are moved to see whether a verdict or type is borderline.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Shift {
    /// Added to every heart-rate threshold, bpm.
    hr_bpm: f64,
    /// Added to the normal pace, s/km.
    pace_s_per_km: f64,
}

impl Shift {
    /// No shift: the verdict itself.
    const NONE: Shift = Shift {
        hr_bpm: 0.0,
        pace_s_per_km: 0.0,
    };

    /// The four shifts a verdict is re-judged with: heart rate up and down, pace up and down.
    fn around(rules: &RuleSet) -> [Shift; SHIFTS] {
        let (hr, pace) = (
            rules.session.borderline_hr_bpm.value,
            rules.session.borderline_pace_s_per_km.value,
        );
        let shift = |hr_bpm, pace_s_per_km| Shift {
            hr_bpm,
            pace_s_per_km,
        };
        [
            shift(hr, 0.0),
            shift(-hr, 0.0),
            shift(0.0, pace),
            shift(0.0, -pace),
        ]
    }

    /// What it moves.
    fn on(self) -> FlipsOn {
        if self.hr_bpm != 0.0 {
            FlipsOn::HeartRate
        } else {
            FlipsOn::NormalPace
        }
    }

    /// By how much, in the unit of what it moves.
    fn by(self) -> f64 {
        self.hr_bpm + self.pace_s_per_km
    }
}

/// A run's verdict and the thresholds it used, before its session type.
#[derive(Debug, Clone)]
struct Judged {
    verdict: JudgedAs,
    criteria: Vec<Criterion>,
    normal: Option<Sourced<f64>>,
    /// The grade-adjusted normal pace, when the pace was judged on it (a hilly run).
    normal_gap: Option<Sourced<f64>>,
    max_hr: Option<Sourced<f64>>,
    ceiling_used: Option<CeilingUsed>,
    ceiling_bpm: Option<f64>,
    hard: Option<HardThreshold>,
    /// The thresholds' shift this was judged with.
    shift: Shift,
    /// The same run judged with each shift of [`Shift::around`] (empty for a skipped sport).
    shifted: Vec<Judged>,
}

impl Judged {
    /// A sport the recovery rule does not judge (its session type may still be a walk, or a run
    /// the file called a walk).
    fn skipped(max_hr: Option<Sourced<f64>>) -> Judged {
        Judged {
            verdict: JudgedAs::Skipped,
            criteria: Vec::new(),
            normal: None,
            normal_gap: None,
            max_hr,
            ceiling_used: None,
            ceiling_bpm: None,
            hard: None,
            shift: Shift::NONE,
            shifted: Vec::new(),
        }
    }
}

/// One judged run's three criteria and verdict, against the runs before it.
fn verdict_of(
    run: &Candidate,
    max_hr: Option<Sourced<f64>>,
    (history, gap_history): (&[PastRun], &[PastRun]),
    profile: &Profile,
    units: Units,
    shift: Shift,
) -> Judged {
    let max_hr_bpm = max_hr.as_ref().map(|m| m.value);
    let ceiling = easy_ceiling(&profile.runner, max_hr_bpm, &profile.rules).map(|c| EasyCeiling {
        bpm: c.bpm + shift.hr_bpm,
        ..c
    });
    let hard = hard_threshold(&profile.runner, max_hr_bpm, &profile.rules.session).map(|h| {
        HardThreshold {
            bpm: h.bpm + shift.hr_bpm,
            ..h
        }
    });
    let ceiling_used = ceiling.as_ref().map(|c| CeilingUsed {
        bpm: c.bpm,
        rung: c.rung,
        rung_detail: c.rung.describe(c.share),
    });
    let shifted = |n: Sourced<f64>| Sourced {
        value: n.value + shift.pace_s_per_km,
        ..n
    };
    let normal = normal_pace_for(run, history, profile, units).map(shifted);
    let normal_gap = normal_pace_for(run, gap_history, profile, units).map(shifted);
    let pace = pace_seeing_hills(
        run.pace,
        normal.as_ref().map(|n| n.value),
        normal_gap.as_ref().map(|n| n.value),
        &profile.rules,
        units,
    );
    let on_gap = matches!(pace.reason, Reason::GradeAdjusted { .. });
    let by_hr = effort(
        run.hr,
        run.pace.moving_s,
        ceiling.as_ref(),
        &profile.rules,
        units,
    );
    let criteria = vec![
        duration(run.pace, &profile.rules, units),
        pace,
        match run.rpe {
            Some(rpe) => perceived_effort(rpe, by_hr, &profile.rules),
            None => by_hr,
        },
    ];
    let statuses: Vec<Status> = criteria.iter().map(|c| c.status).collect();
    Judged {
        verdict: verdict(&statuses).into(),
        criteria,
        normal,
        normal_gap: normal_gap.filter(|_| on_gap),
        max_hr,
        ceiling_used,
        ceiling_bpm: ceiling.as_ref().map(|c| c.bpm),
        hard,
        shift,
        shifted: Vec::new(),
    }
}

/// What the session type is read from, for one run.
fn facts<'a>(
    run: &Candidate<'a>,
    recovery: bool,
    normal_s_per_km: Option<f64>,
    average_s_per_km: Option<f64>,
    anchor: Option<Anchor>,
    max_hr_bpm: Option<f64>,
) -> SessionFacts<'a> {
    SessionFacts {
        sport: run.sport,
        moving_s: run.pace.moving_s,
        walking_s: run.walking_s,
        hr: run.hr,
        recovery,
        intent: run.intent,
        normal_s_per_km,
        average_s_per_km,
        bins: run.bins,
        anchor,
        watch_workout: run.watch_workout,
        max_hr_bpm,
        laps: run.laps,
    }
}

/// A run's start, average moving speed (m/s) and moving time (s): what the anchors of the runs
/// around it are read from.
type Sized = (DateTime<Utc>, f64, f64);

/// The runs that anchor others' types, by start: judged sports that did not pass the recovery
/// rule, long enough to count toward the baseline, run (not walked) on average.
fn sized_runs(runs: &[Candidate], recovery: &[bool], rules: &RuleSet) -> Vec<Sized> {
    let run_m_s = 1000.0 / rules.session.running_pace_max_s_per_km.value;
    let mut sized: Vec<Sized> = runs
        .iter()
        .zip(recovery)
        .filter(|(_, &recovery)| !recovery)
        .map(|(c, _)| c)
        .filter(|c| is_judged(c.sport))
        .filter(|c| c.pace.distance_m >= rules.baseline_min_distance_m.value)
        .filter(|c| c.pace.moving_s > 0.0)
        .map(|c| {
            (
                c.start,
                c.pace.distance_m / c.pace.moving_s,
                c.pace.moving_s,
            )
        })
        .filter(|&(_, speed, _)| speed >= run_m_s)
        .collect();
    sized.sort_by_key(|s| s.0);
    sized
}

/// The normal pace and run length a run starting at `at` is typed against: the given normal pace
/// or the `type_speed_pct` percentile of the speeds of the runs in the `type_window_days`
/// before it (when fewer than `type_min_runs`, the runs that span either side of it), and their
/// median moving time.
fn anchor_for(
    at: DateTime<Utc>,
    sized: &[Sized],
    given_s_per_km: Option<f64>,
    rules: &RuleSet,
) -> Option<Anchor> {
    let r = &rules.session;
    let span = chrono::Duration::days(i64::from(r.type_window_days.value));
    let window = |from: DateTime<Utc>, to: DateTime<Utc>| -> Vec<&Sized> {
        let lo = sized.partition_point(|s| s.0 < from);
        let hi = sized.partition_point(|s| s.0 <= to);
        sized
            .get(lo..hi)
            .unwrap_or_default()
            .iter()
            .filter(|s| s.0 != at)
            .collect()
    };
    let min_runs = r.type_min_runs.value.max(1);
    let before = window(at - span, at);
    let (runs, from) = if before.len() >= min_runs {
        (before, AnchorFrom::Before)
    } else {
        (window(at - span, at + span), AnchorFrom::Around)
    };
    let enough = runs.len() >= min_runs;
    let median_moving_s = enough.then(|| {
        let mut moving: Vec<f64> = runs.iter().map(|s| s.2).collect();
        moving.sort_by(f64::total_cmp);
        quantile(&moving, MEDIAN)
    });
    if let Some(given) = given_s_per_km {
        return Some(Anchor {
            normal_s_per_km: given,
            median_moving_s,
            runs: 0,
            from: AnchorFrom::Given,
        });
    }
    if !enough {
        return None;
    }
    let mut speeds: Vec<f64> = runs.iter().map(|s| s.1).collect();
    speeds.sort_by(f64::total_cmp);
    let speed = quantile(&speeds, r.type_speed_share.value);
    (speed > 0.0).then(|| Anchor {
        normal_s_per_km: 1000.0 / speed,
        median_moving_s,
        runs: runs.len(),
        from,
    })
}

/// The normal pace for one run: given, else the baseline from the runs before it.
fn normal_pace_for(
    run: &Candidate,
    history: &[PastRun],
    profile: &Profile,
    units: Units,
) -> Option<Sourced<f64>> {
    let rules = &profile.rules;
    let runner = &profile.runner;
    let window = rules.baseline_window_days.value;
    if let Some(given) = runner.given_at(&runner.normal_pace_s_per_km, run.start, window) {
        return Some(given.clone());
    }
    let b = normal_pace(
        history,
        run.start,
        rules.baseline_window_days.value,
        rules.baseline_min_runs.value,
    )
    .ok()?;
    let (lo, hi) = rules.recovery_band(b.pace_s_per_km);
    Some(Sourced::noted(
        b.pace_s_per_km,
        Source::Inferred,
        Note::Baseline {
            pace: b.pace_s_per_km,
            runs: b.runs,
            span: (b.from, b.to),
            middle: (b.q1_s_per_km, b.q3_s_per_km),
            band: (lo, hi),
            units,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    #[test]
    fn a_saved_max_hr_holds_for_the_year_before_its_day_and_older_runs_infer_their_own() {
        // Saved on 2025-06-30 with max HR 185; in 2019 six runs peaked at 199-201 bpm.
        let runner = Runner {
            max_hr_bpm: Some(Sourced::new(185.0, Source::ProfileFile)),
            as_of: NaiveDate::from_ymd_opt(2025, 6, 30),
            ..Default::default()
        };
        let day = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 7, 0, 0).unwrap();
        let peaks: Vec<(DateTime<Utc>, f64)> = (0..6)
            .map(|i| (day(2019, 3, 1 + i), 199.0 + f64::from(i % 3)))
            .collect();
        // 2025-01-10 is within 365 days before the saved day: the saved 185.
        let now = resolve_max_hr(&runner, &peaks, day(2025, 1, 10), 365, None).unwrap();
        assert_eq!((now.value, now.source), (185.0, Source::ProfileFile));
        // 2019-06-01 is six years before: inferred from its own year, 201 corroborated by 200.
        let then = resolve_max_hr(&runner, &peaks, day(2019, 6, 1), 365, None).unwrap();
        assert_eq!((then.value, then.source), (201.0, Source::Inferred));
        // Without `as_of` (written by hand) the saved value holds for every run.
        let by_hand = Runner {
            as_of: None,
            ..runner.clone()
        };
        let then = resolve_max_hr(&by_hand, &peaks, day(2019, 6, 1), 365, None).unwrap();
        assert_eq!(then.value, 185.0);
        // The watch's own setting is below the saved value and above the inference.
        let none = Runner::default();
        let watch = resolve_max_hr(&none, &peaks, day(2019, 6, 1), 365, Some(193.0)).unwrap();
        assert_eq!((watch.value, watch.source), (193.0, Source::Watch));
        let saved = resolve_max_hr(&runner, &peaks, day(2025, 1, 10), 365, Some(193.0)).unwrap();
        assert_eq!(saved.value, 185.0);
    }
}
