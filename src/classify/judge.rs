//! Judging a set of runs together: resolve the profile (max HR given, inferred from the runs or
//! from age; the easy ceiling's rung), then walk the runs in time order so each run's normal pace
//! comes from the non-recovery runs before it.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::effort::HrProfile;
use super::intent::IntentLabel;
use super::session::{session_type, Session, SessionFacts};
use super::{
    duration, effort, pace, perceived_effort, verdict, Criterion, PaceFacts, Status, Verdict,
};
use crate::activity::Sport;
use crate::analyze::structure::PaceStructure;
use crate::baseline::{infer_max_hr, normal_pace, PastRun};
use crate::note::Note;
use crate::profile::{
    easy_ceiling, hard_threshold, tanaka_max_hr, CeilingRung, Profile, RuleSet, Runner, Source,
    Sourced,
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
    /// Fast and slow blocks in pace.
    pub structure: &'a PaceStructure,
    /// What the runner called the run.
    pub intent: Option<IntentLabel>,
    /// The runner's perceived effort (RPE, 1–10), when recorded.
    pub rpe: Option<f64>,
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
    /// Maximum heart rate (given, inferred from the runs, or Tanaka from age).
    pub max_hr_bpm: Option<Sourced<f64>>,
    /// The easy ceiling.
    pub easy_ceiling: Option<CeilingUsed>,
    /// What the runner gave.
    pub runner: Runner,
    /// The rules.
    pub rules: RuleSet,
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

/// Each judged run's high sustained heart rate with its start, sorted by start: what
/// [`resolve_max_hr`] infers from.
pub fn run_peaks<'a>(
    runs: impl IntoIterator<Item = &'a Candidate<'a>>,
) -> Vec<(DateTime<Utc>, f64)> {
    let mut peaks: Vec<(DateTime<Utc>, f64)> = runs
        .into_iter()
        .filter(|c| is_judged(c.sport))
        .filter_map(|c| Some((c.start, c.hr?.peak_30s_bpm?)))
        .collect();
    peaks.sort_by_key(|p| p.0);
    peaks
}

/// The maximum HR for a run starting at `at`: given > inferred from the runs' heart rate in the
/// `window_days` before it (max HR falls with age; when that window holds too few runs, the same
/// span after it too) > Tanaka from age. `peaks` is [`run_peaks`] of the season.
pub fn resolve_max_hr(
    runner: &Runner,
    peaks: &[(DateTime<Utc>, f64)],
    at: DateTime<Utc>,
    window_days: u32,
) -> Option<Sourced<f64>> {
    if let Some(given) = &runner.max_hr_bpm {
        return Some(given.clone());
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
    let peaks = run_peaks(runs.iter());
    let mut history: Vec<PastRun> = Vec::new();
    let mut out: Vec<Option<Judgement>> = vec![None; runs.len()];
    for i in order {
        let Some(run) = runs.get(i) else { continue };
        let average = average_pace_s_per_km(run.pace.distance_m, run.pace.moving_s);
        if !is_judged(run.sport) {
            let facts = facts(run, false, None, average);
            if let Some(slot) = out.get_mut(i) {
                *slot = Some(Judgement {
                    verdict: JudgedAs::Skipped,
                    criteria: Vec::new(),
                    profile: None,
                    session: session_type(&facts, None, None, &profile.rules.session, units),
                });
            }
            continue;
        }
        let max_hr = resolve_max_hr(
            &profile.runner,
            &peaks,
            run.start,
            profile.rules.max_hr_window_days.value,
        );
        let ceiling = easy_ceiling(
            &profile.runner,
            max_hr.as_ref().map(|m| m.value),
            &profile.rules,
        );
        let hard = hard_threshold(
            &profile.runner,
            max_hr.as_ref().map(|m| m.value),
            &profile.rules.session,
        );
        let ceiling_used = ceiling.as_ref().map(|c| CeilingUsed {
            bpm: c.bpm,
            rung: c.rung,
            rung_detail: c.rung.describe(c.share),
        });
        let normal = normal_pace_for(run, &history, profile, units);
        let criteria = vec![
            duration(run.pace, &profile.rules, units),
            pace(
                run.pace,
                normal.as_ref().map(|n| n.value),
                &profile.rules,
                units,
            ),
            {
                let by_hr = effort(
                    run.hr,
                    run.pace.moving_s,
                    ceiling.as_ref(),
                    &profile.rules,
                    units,
                );
                match run.rpe {
                    Some(rpe) => perceived_effort(rpe, by_hr, &profile.rules),
                    None => by_hr,
                }
            },
        ];
        let statuses: Vec<Status> = criteria.iter().map(|c| c.status).collect();
        let v = verdict(&statuses);
        let facts = facts(
            run,
            v == Verdict::Recovery,
            normal.as_ref().map(|n| n.value),
            average,
        );
        let session = session_type(
            &facts,
            ceiling.as_ref().map(|c| c.bpm),
            hard,
            &profile.rules.session,
            units,
        );
        if let Some(pace_s_per_km) =
            average.filter(|_| run.pace.distance_m >= profile.rules.baseline_min_distance_m.value)
        {
            history.push(PastRun {
                start: run.start,
                pace_s_per_km,
                was_recovery: v == Verdict::Recovery,
            });
        }
        if let Some(slot) = out.get_mut(i) {
            *slot = Some(Judgement {
                verdict: v.into(),
                criteria,
                profile: Some(ProfileUsed {
                    normal_pace_s_per_km: normal,
                    max_hr_bpm: max_hr,
                    easy_ceiling: ceiling_used,
                    runner: profile.runner.clone(),
                    rules: profile.rules.clone(),
                }),
                session,
            });
        }
    }
    out.into_iter()
        .map(|j| {
            j.unwrap_or(Judgement {
                verdict: JudgedAs::Skipped,
                criteria: Vec::new(),
                profile: None,
                session: None,
            })
        })
        .collect()
}

/// What the session type is read from, for one run.
fn facts<'a>(
    run: &Candidate<'a>,
    recovery: bool,
    normal_s_per_km: Option<f64>,
    average_s_per_km: Option<f64>,
) -> SessionFacts<'a> {
    SessionFacts {
        sport: run.sport,
        moving_s: run.pace.moving_s,
        walking_s: run.walking_s,
        hr: run.hr,
        structure: run.structure,
        recovery,
        intent: run.intent,
        normal_s_per_km,
        average_s_per_km,
    }
}

/// The normal pace for one run: given, else the baseline from the runs before it.
fn normal_pace_for(
    run: &Candidate,
    history: &[PastRun],
    profile: &Profile,
    units: Units,
) -> Option<Sourced<f64>> {
    if let Some(given) = &profile.runner.normal_pace_s_per_km {
        return Some(given.clone());
    }
    let rules = &profile.rules;
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
