//! Was it a recovery run? The three criteria of the rule set — duration, pace, effort — each
//! PASS, FAIL or UNKNOWN with the measured value, the threshold and a reason, then the verdict.
//! Unknown is never folded into pass or fail.

pub mod effort;
pub mod gate;
pub mod judge;

use serde::Serialize;

use crate::analyze::Units;
use crate::profile::{EasyCeiling, RuleSet};
use crate::report::{fmt_duration, fmt_pace};
use crate::words::plural;
use effort::HrProfile;

/// A criterion's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Met.
    Pass,
    /// Not met.
    Fail,
    /// Cannot be judged from what the file and the profile give.
    Unknown,
}

/// One criterion with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criterion {
    /// `duration`, `pace` or `effort`.
    pub name: &'static str,
    /// Pass, fail or unknown.
    pub status: Status,
    /// The measured value (moving seconds; pace in s/km; share of trusted HR time at or below the
    /// ceiling, 0..=1), when measured.
    pub value: Option<f64>,
    /// The threshold it was held to, in the same unit as `value`.
    pub threshold: Option<f64>,
    /// One line in plain words.
    pub detail: String,
}

/// The overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every criterion passed.
    Recovery,
    /// At least one criterion failed.
    NotRecovery,
    /// None failed, some unknown.
    Inconclusive,
}

impl Verdict {
    /// Upper-case label for tables.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Recovery => "RECOVERY",
            Verdict::NotRecovery => "NOT RECOVERY",
            Verdict::Inconclusive => "INCONCLUSIVE",
        }
    }
}

/// The verdict from the criteria: recovery only when all pass, not recovery when any fails,
/// otherwise inconclusive.
///
/// ```
/// use runaudit::classify::{verdict, Status, Verdict};
/// assert_eq!(verdict(&[Status::Pass, Status::Pass, Status::Pass]), Verdict::Recovery);
/// assert_eq!(verdict(&[Status::Pass, Status::Unknown, Status::Fail]), Verdict::NotRecovery);
/// assert_eq!(verdict(&[Status::Pass, Status::Unknown, Status::Pass]), Verdict::Inconclusive);
/// ```
pub fn verdict(statuses: &[Status]) -> Verdict {
    if statuses.contains(&Status::Fail) {
        Verdict::NotRecovery
    } else if statuses.contains(&Status::Unknown) {
        Verdict::Inconclusive
    } else {
        Verdict::Recovery
    }
}

/// Duration: moving time at most `rules.max_moving_s`.
///
/// ```
/// use runaudit::classify::{duration, Status};
/// use runaudit::profile::RuleSet;
/// assert_eq!(duration(3600.0, &RuleSet::default()).status, Status::Pass);
/// assert_eq!(duration(3601.0, &RuleSet::default()).status, Status::Fail);
/// ```
pub fn duration(moving_s: f64, rules: &RuleSet) -> Criterion {
    let max = rules.max_moving_s.value;
    let pass = moving_s <= max;
    Criterion {
        name: "duration",
        status: if pass { Status::Pass } else { Status::Fail },
        value: Some(moving_s),
        threshold: Some(max),
        detail: format!(
            "moving {} {} the {} limit",
            fmt_duration(moving_s),
            if pass { "within" } else { "over" },
            fmt_duration(max)
        ),
    }
}

/// What the pace criterion needs to know about the run.
#[derive(Debug, Clone, PartialEq)]
pub struct PaceFacts {
    /// Distance, meters.
    pub distance_m: f64,
    /// Moving time, seconds.
    pub moving_s: f64,
    /// Paces of the full-length splits (s/km); partial splits are not held to the rule.
    pub full_split_paces_s_per_km: Vec<f64>,
}

/// Pace: average moving pace at least `rules.slower_min_s_per_km` slower than the normal pace
/// (slower than the band is fine: walking is allowed), and no full split faster than normal.
/// Unknown without a normal pace or without distance.
///
/// ```
/// use runaudit::analyze::Units;
/// use runaudit::classify::{pace, PaceFacts, Status};
/// use runaudit::profile::RuleSet;
/// let rules = RuleSet::default();
/// // normal 5:30/km = 330 s/km; threshold 330 + 37.28 = 367.3 s/km.
/// // 5 km in 31:40 = 1900 s → 380 s/km: slow enough.
/// let run = PaceFacts { distance_m: 5000.0, moving_s: 1900.0, full_split_paces_s_per_km: vec![375.0; 5] };
/// assert_eq!(pace(&run, Some(330.0), &rules, Units::Km).status, Status::Pass);
/// // 5 km in 30:00 = 360 s/km: faster than normal + 1:00/mi.
/// let run = PaceFacts { distance_m: 5000.0, moving_s: 1800.0, full_split_paces_s_per_km: vec![360.0; 5] };
/// assert_eq!(pace(&run, Some(330.0), &rules, Units::Km).status, Status::Fail);
/// assert_eq!(pace(&run, None, &rules, Units::Km).status, Status::Unknown);
/// ```
pub fn pace(
    run: &PaceFacts,
    normal_s_per_km: Option<f64>,
    rules: &RuleSet,
    units: Units,
) -> Criterion {
    let unknown = |detail: String| Criterion {
        name: "pace",
        status: Status::Unknown,
        value: None,
        threshold: None,
        detail,
    };
    if run.distance_m < 100.0 || run.moving_s <= 0.0 {
        return unknown("no distance recorded (treadmill without a foot pod?)".into());
    }
    let avg = run.moving_s / (run.distance_m / 1000.0);
    let Some(normal) = normal_s_per_km else {
        let mut c = unknown(
            "no normal pace: give --normal-pace, or audit at least 5 earlier runs from the \
             trailing window"
                .into(),
        );
        c.value = Some(avg);
        return c;
    };
    let threshold = normal + rules.slower_min_s_per_km.value;
    let band_top = normal + rules.slower_max_s_per_km.value;
    let fast_splits = run
        .full_split_paces_s_per_km
        .iter()
        .filter(|&&p| p < normal)
        .count();
    let (status, detail) = if avg < threshold {
        (
            Status::Fail,
            format!(
                "average {} is faster than normal {} + 1:00/mi = {}",
                fmt_pace(Some(avg), units),
                fmt_pace(Some(normal), units),
                fmt_pace(Some(threshold), units)
            ),
        )
    } else if fast_splits > 0 {
        (
            Status::Fail,
            format!(
                "{} faster than normal pace {}",
                plural(fast_splits, "split", "splits"),
                fmt_pace(Some(normal), units)
            ),
        )
    } else if avg > band_top {
        (
            Status::Pass,
            format!(
                "average {} is slower than the {}–{} band (walking is fine)",
                fmt_pace(Some(avg), units),
                fmt_pace(Some(threshold), units),
                fmt_pace(Some(band_top), units)
            ),
        )
    } else {
        (
            Status::Pass,
            format!(
                "average {} is in the {}–{} band",
                fmt_pace(Some(avg), units),
                fmt_pace(Some(threshold), units),
                fmt_pace(Some(band_top), units)
            ),
        )
    };
    Criterion {
        name: "pace",
        status,
        value: Some(avg),
        threshold: Some(threshold),
        detail,
    }
}

/// Effort: at least `rules.easy_share_min` of moving time at or below the easy ceiling and no
/// block above it longer than `rules.max_block_above_s`, judged on trusted heart rate only.
/// It fails when the trusted data alone already rule a pass out; it passes when trusted heart rate
/// covers at least 80% of moving time and meets both limits; otherwise it is unknown.
///
/// ```
/// use runaudit::classify::{effort, Status};
/// use runaudit::classify::effort::HrProfile;
/// use runaudit::classify::gate::{HrPoint, Untrusted};
/// use runaudit::profile::{CeilingRung, EasyCeiling, RuleSet};
/// // 30 min at 140 bpm, 1 Hz; ceiling 146.2: all of it at or below.
/// let pts: Vec<HrPoint> = (0..1801).map(|i| HrPoint { t_s: i as f64,
///     moving_dt_s: if i == 0 { 0.0 } else { 1.0 }, hr_bpm: Some(140), cadence_spm: None }).collect();
/// let hr = HrProfile::build(&pts, &vec![true; pts.len()], Untrusted::default());
/// let ceiling = EasyCeiling { bpm: 146.2, rung: CeilingRung::Lthr };
/// let c = effort(Some(&hr), 1800.0, Some(&ceiling), &RuleSet::default());
/// assert_eq!((c.status, c.value), (Status::Pass, Some(1.0)));
/// assert_eq!(effort(None, 1800.0, Some(&ceiling), &RuleSet::default()).status, Status::Unknown);
/// ```
pub fn effort(
    hr: Option<&HrProfile>,
    moving_s: f64,
    ceiling: Option<&EasyCeiling>,
    rules: &RuleSet,
) -> Criterion {
    let unknown = |detail: String| Criterion {
        name: "effort",
        status: Status::Unknown,
        value: None,
        threshold: Some(rules.easy_share_min.value),
        detail,
    };
    let Some(hr) =
        hr.filter(|h| h.trusted_s() > 0.0 || h.untrusted.total_s() > h.untrusted.missing_s)
    else {
        return unknown("no heart rate in the file".into());
    };
    let Some(ceiling) = ceiling else {
        return unknown(
            "no easy ceiling: give --lthr, --max-hr or --age, or audit at least 5 runs with heart rate".into(),
        );
    };
    let e = hr.effort(ceiling.bpm);
    let share_min = rules.easy_share_min.value;
    let max_block = rules.max_block_above_s.value;
    let moving = moving_s.max(e.trusted_s);
    let coverage = if moving > 0.0 {
        e.trusted_s / moving
    } else {
        0.0
    };
    let share = if e.trusted_s > 0.0 {
        e.at_or_below_s / e.trusted_s
    } else {
        0.0
    };
    let ceiling_words = format!("{:.0} bpm ({})", ceiling.bpm, ceiling.rung.describe());
    let untrusted = hr.untrusted.describe();
    let (status, detail) = if e.longest_above_s > max_block {
        (
            Status::Fail,
            format!(
                "{} continuously above the easy ceiling {ceiling_words}, over the {} limit",
                fmt_duration(e.longest_above_s),
                fmt_duration(max_block)
            ),
        )
    } else if e.above_s > (1.0 - share_min) * moving {
        (
            Status::Fail,
            format!(
                "{} of moving time above the easy ceiling {ceiling_words}; at most {:.0}% allowed",
                fmt_duration(e.above_s),
                (1.0 - share_min) * 100.0
            ),
        )
    } else if coverage < 0.8 {
        (
            Status::Unknown,
            format!(
                "heart rate usable for only {:.0}% of moving time ({untrusted})",
                coverage * 100.0
            ),
        )
    } else if share >= share_min {
        let mut d = format!(
            "{:.0}% of moving time at or below the easy ceiling {ceiling_words}",
            share * 100.0
        );
        if !untrusted.is_empty() {
            d.push_str(&format!("; set aside: {untrusted}"));
        }
        (Status::Pass, d)
    } else {
        (
            Status::Fail,
            format!(
                "only {:.0}% of moving time at or below the easy ceiling {ceiling_words}",
                share * 100.0
            ),
        )
    };
    Criterion {
        name: "effort",
        status,
        value: Some(share),
        threshold: Some(share_min),
        detail,
    }
}
