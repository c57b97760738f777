//! Was it a recovery run? The three criteria of the rule set — duration, pace, effort — each
//! PASS, FAIL or UNKNOWN with the measured value, the threshold and a reason, then the verdict.
//! Unknown is never folded into pass or fail.

pub mod effort;
mod evidence;
pub mod form;
pub mod gate;
pub mod intent;
pub mod judge;
pub mod load;
pub mod month;
pub mod pattern;
pub mod race;
pub mod reason;
pub mod reps;
pub mod session;
mod status;

pub use status::Status;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::profile::{EasyCeiling, RuleSet};
use crate::units::{average_pace_s_per_km, impossible_average_m_s, Units};
use effort::HrProfile;
use reason::{CeilingRef, Reason};

/// The three criteria of the recovery rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    /// At most 60 minutes of moving time.
    Duration,
    /// 1–2 min/mi slower than normal pace.
    Pace,
    /// Conversational effort.
    Effort,
}

impl CriterionKind {
    /// `duration`, `pace` or `effort`: the name in JSON, CSV and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            CriterionKind::Duration => "duration",
            CriterionKind::Pace => "pace",
            CriterionKind::Effort => "effort",
        }
    }
}

/// One criterion with its evidence. In JSON: `name`, `status`, `value`, `threshold` and
/// `detail` (the reason as a sentence, paces in the report's units).
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    /// Which criterion.
    pub kind: CriterionKind,
    /// Pass, fail or unknown.
    pub status: Status,
    /// The measured value (moving seconds; pace in s/km; share of trusted HR time at or below the
    /// ceiling, 0..=1), when measured.
    pub value: Option<f64>,
    /// The threshold it was held to, in the same unit as `value`.
    pub threshold: Option<f64>,
    /// Why, as data.
    pub reason: Reason,
    /// The units the reason's paces are stated in.
    pub units: Units,
}

impl Criterion {
    /// The reason in one sentence.
    pub fn detail(&self) -> String {
        self.reason.sentence(self.units)
    }
}

impl Serialize for Criterion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Criterion", 5)?;
        s.serialize_field("name", self.kind.as_str())?;
        s.serialize_field("status", &self.status)?;
        s.serialize_field("value", &self.value)?;
        s.serialize_field("threshold", &self.threshold)?;
        s.serialize_field("detail", &self.detail())?;
        s.end()
    }
}

/// The overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
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

/// Duration: moving time at most `rules.max_moving_s`; unknown when `run` covered a distance
/// with no moving time (its times are missing).
///
/// ```
/// use runaudit::classify::{duration, PaceFacts, Status};
/// use runaudit::profile::RuleSet;
/// use runaudit::units::Units;
/// let run = |moving_s| PaceFacts { distance_m: 5000.0, moving_s, full_split_paces_s_per_km: vec![],
///     hill: None };
/// assert_eq!(duration(&run(3600.0), &RuleSet::default(), Units::Km).status, Status::Pass);
/// assert_eq!(duration(&run(3601.0), &RuleSet::default(), Units::Km).status, Status::Fail);
/// assert_eq!(duration(&run(0.0), &RuleSet::default(), Units::Km).status, Status::Unknown);
/// ```
pub fn duration(run: &PaceFacts, rules: &RuleSet, units: Units) -> Criterion {
    let max_s = rules.max_moving_s.value;
    let moving_s = run.moving_s;
    if run.untimed() {
        return Criterion {
            kind: CriterionKind::Duration,
            status: Status::Unknown,
            value: None,
            threshold: Some(max_s),
            reason: Reason::NoTime,
            units,
        };
    }
    let pass = moving_s <= max_s;
    Criterion {
        kind: CriterionKind::Duration,
        status: if pass { Status::Pass } else { Status::Fail },
        value: Some(moving_s),
        threshold: Some(max_s),
        reason: if pass {
            Reason::WithinLimit { moving_s, max_s }
        } else {
            Reason::TooLong { moving_s, max_s }
        },
        units,
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
    /// The climbing and grade-adjusted distance, when the run has altitude.
    pub hill: Option<HillFacts>,
}

/// What the pace criterion needs to judge a hilly run on grade-adjusted pace.
#[derive(Debug, Clone, PartialEq)]
pub struct HillFacts {
    /// Elevation gain, meters.
    pub climb_m: f64,
    /// Grade-adjusted distance, meters.
    pub grade_adjusted_distance_m: f64,
    /// Grade-adjusted paces of the full-length splits (s/km).
    pub full_split_gaps_s_per_km: Vec<f64>,
}

impl PaceFacts {
    /// The climb per km when it reaches `rules.hilly_climb_m_per_km`: the run is then judged on
    /// grade-adjusted pace; `None` for a flatter run or one without altitude.
    ///
    /// ```
    /// use runaudit::classify::{HillFacts, PaceFacts};
    /// use runaudit::profile::RuleSet;
    /// let hill = |climb_m| Some(HillFacts { climb_m, grade_adjusted_distance_m: 5500.0,
    ///     full_split_gaps_s_per_km: vec![] });
    /// let run = |climb_m| PaceFacts { distance_m: 5000.0, moving_s: 1900.0,
    ///     full_split_paces_s_per_km: vec![], hill: hill(climb_m) };
    /// // 50 m over 5 km is 10 m/km: hilly; 45 m is not.
    /// assert_eq!(run(50.0).hilly(&RuleSet::default()), Some(10.0));
    /// assert_eq!(run(45.0).hilly(&RuleSet::default()), None);
    /// ```
    pub fn hilly(&self, rules: &RuleSet) -> Option<f64> {
        let hill = self.hill.as_ref()?;
        let km = self.distance_m / 1000.0;
        let per_km = (km > 0.0).then(|| hill.climb_m / km)?;
        (per_km >= rules.hilly_climb_m_per_km.value).then_some(per_km)
    }
}

impl PaceFacts {
    /// A distance covered in no moving time: the file's times are missing.
    pub fn untimed(&self) -> bool {
        self.distance_m > 0.0 && self.moving_s <= 0.0
    }
}

/// Pace: average moving pace at least `rules.slower_min_s_per_km` slower than the normal pace
/// (slower than the band is fine: walking is allowed), and no full split faster than normal.
/// Unknown without a normal pace, without distance, or with an average faster than anyone moves
/// ([`crate::units::MAX_AVERAGE_SPEED_M_S`]).
///
/// ```
/// use runaudit::units::Units;
/// use runaudit::classify::{pace, PaceFacts, Status};
/// use runaudit::profile::RuleSet;
/// let rules = RuleSet::default();
/// // normal 5:30/km = 330 s/km; threshold 330 + 37.28 = 367.3 s/km.
/// // 5 km in 31:40 = 1900 s → 380 s/km: slow enough.
/// let run = PaceFacts { distance_m: 5000.0, moving_s: 1900.0, full_split_paces_s_per_km: vec![375.0; 5], hill: None };
/// assert_eq!(pace(&run, Some(330.0), &rules, Units::Km).status, Status::Pass);
/// // 5 km in 30:00 = 360 s/km: faster than normal + 1:00/mi.
/// let run = PaceFacts { distance_m: 5000.0, moving_s: 1800.0, full_split_paces_s_per_km: vec![360.0; 5], hill: None };
/// assert_eq!(pace(&run, Some(330.0), &rules, Units::Km).status, Status::Fail);
/// assert_eq!(pace(&run, None, &rules, Units::Km).status, Status::Unknown);
/// // 42,940 km in 11:46 (a corrupt odometer) is no pace at all: unknown, not "too fast".
/// let run = PaceFacts { distance_m: 4.294e7, moving_s: 706.0, full_split_paces_s_per_km: vec![], hill: None };
/// let c = pace(&run, Some(330.0), &rules, Units::Km);
/// assert_eq!((c.status, c.value), (Status::Unknown, None));
/// assert!(c.reason.sentence(Units::Km).starts_with("the distance over the moving time averages 60822 m/s"));
/// ```
pub fn pace(
    run: &PaceFacts,
    normal_s_per_km: Option<f64>,
    rules: &RuleSet,
    units: Units,
) -> Criterion {
    let criterion = |status, value, threshold, reason| Criterion {
        kind: CriterionKind::Pace,
        status,
        value,
        threshold,
        reason,
        units,
    };
    if let Some(speed_m_s) = impossible_average_m_s(run.distance_m, run.moving_s) {
        return criterion(
            Status::Unknown,
            None,
            None,
            Reason::ImpossibleSpeed { speed_m_s },
        );
    }
    let Some(average) = average_pace_s_per_km(run.distance_m, run.moving_s) else {
        let reason = if run.untimed() {
            Reason::NoTime
        } else {
            Reason::NoDistance
        };
        return criterion(Status::Unknown, None, None, reason);
    };
    let Some(normal) = normal_s_per_km else {
        return criterion(Status::Unknown, Some(average), None, Reason::NoNormalPace);
    };
    let (band_from, band_to) = rules.recovery_band(normal);
    let fast_splits = run
        .full_split_paces_s_per_km
        .iter()
        .filter(|&&p| p < normal)
        .count();
    let (status, reason) = if average < band_from {
        let slower_by = rules.slower_min_s_per_km.value;
        let required = band_from;
        (
            Status::Fail,
            Reason::TooFast {
                average,
                normal,
                slower_by,
                required,
            },
        )
    } else if fast_splits > 0 {
        (
            Status::Fail,
            Reason::FastSplits {
                count: fast_splits,
                normal,
            },
        )
    } else if average > band_to {
        (
            Status::Pass,
            Reason::SlowerThanBand {
                average,
                band_from,
                band_to,
            },
        )
    } else {
        (
            Status::Pass,
            Reason::InBand {
                average,
                band_from,
                band_to,
            },
        )
    };
    criterion(status, Some(average), Some(band_from), reason)
}

/// Pace, seeing hills: a run climbing at least `rules.hilly_climb_m_per_km` is judged by
/// [`pace`] on its grade-adjusted pace (and its splits' GAP) against the grade-adjusted normal
/// pace, its raw pace kept in the reason; any other run exactly as [`pace`] judges it.
///
/// ```
/// use runaudit::classify::{pace_seeing_hills, HillFacts, PaceFacts, Status};
/// use runaudit::profile::RuleSet;
/// use runaudit::units::Units;
/// let rules = RuleSet::default();
/// // 5 km in 31:15 (375 s/km) climbing 200 m (40 m/km): raw pace passes against normal
/// // 330 s/km (threshold 367.3), but 5,600 grade-adjusted meters make 1875 / 5.6 = 334.8 s/km,
/// // faster than the grade-adjusted normal 330 + 37.3: it fails.
/// let run = PaceFacts { distance_m: 5000.0, moving_s: 1875.0, full_split_paces_s_per_km: vec![],
///     hill: Some(HillFacts { climb_m: 200.0, grade_adjusted_distance_m: 5600.0,
///         full_split_gaps_s_per_km: vec![] }) };
/// let c = pace_seeing_hills(&run, Some(330.0), Some(330.0), &rules, Units::Km);
/// assert_eq!(c.status, Status::Fail);
/// assert!((c.value.unwrap() - 334.82).abs() < 0.01);
/// assert!(c.detail().starts_with("on grade-adjusted pace (climbing 40 m/km, raw average 6:15/km): average 5:35/km is faster"));
/// ```
pub fn pace_seeing_hills(
    run: &PaceFacts,
    normal_s_per_km: Option<f64>,
    normal_gap_s_per_km: Option<f64>,
    rules: &RuleSet,
    units: Units,
) -> Criterion {
    let raw = pace(run, normal_s_per_km, rules, units);
    let judged_on_pace = matches!(
        raw.reason,
        Reason::TooFast { .. }
            | Reason::FastSplits { .. }
            | Reason::SlowerThanBand { .. }
            | Reason::InBand { .. }
    );
    let (Some(climb_m_per_km), Some(hill), Some(raw_average), true) = (
        run.hilly(rules),
        run.hill.as_ref(),
        raw.value,
        judged_on_pace,
    ) else {
        return raw;
    };
    let on_gap = PaceFacts {
        distance_m: hill.grade_adjusted_distance_m,
        moving_s: run.moving_s,
        full_split_paces_s_per_km: hill.full_split_gaps_s_per_km.clone(),
        hill: None,
    };
    let mut c = pace(&on_gap, normal_gap_s_per_km, rules, units);
    c.reason = Reason::GradeAdjusted {
        climb_m_per_km,
        raw_average,
        on_gap: Box::new(c.reason),
    };
    c
}

/// Effort: at least `rules.easy_share_min` of moving time at or below the easy ceiling and no
/// block above it longer than `rules.max_block_above_s`, judged on trusted heart rate only.
/// It fails when the trusted data alone already rule a pass out; it passes when trusted heart rate
/// covers at least `rules.hr_coverage_min` (80%) of moving time and meets both limits; otherwise
/// it is unknown.
///
/// ```
/// use runaudit::classify::{effort, Status};
/// use runaudit::classify::effort::HrProfile;
/// use runaudit::classify::gate::{HrPoint, Untrusted};
/// use runaudit::profile::{CeilingRung, EasyCeiling, RuleSet};
/// use runaudit::units::Units;
/// // 30 min at 140 bpm, 1 Hz; ceiling 146.2: all of it at or below.
/// let pts = HrPoint::every_second(&[140; 1801]);
/// let hr = HrProfile::build(&pts, &vec![true; pts.len()], Untrusted::default());
/// let ceiling = EasyCeiling { bpm: 146.2, rung: CeilingRung::Lthr, share: 0.85 };
/// let c = effort(Some(&hr), 1800.0, Some(&ceiling), &RuleSet::default(), Units::Km);
/// assert_eq!((c.status, c.value), (Status::Pass, Some(1.0)));
/// assert_eq!(effort(None, 1800.0, Some(&ceiling), &RuleSet::default(), Units::Km).status, Status::Unknown);
/// ```
pub fn effort(
    hr: Option<&HrProfile>,
    moving_s: f64,
    ceiling: Option<&EasyCeiling>,
    rules: &RuleSet,
    units: Units,
) -> Criterion {
    let share_min = rules.easy_share_min.value;
    let criterion = |status, value, reason| Criterion {
        kind: CriterionKind::Effort,
        status,
        value,
        threshold: Some(share_min),
        reason,
        units,
    };
    let Some(hr) =
        hr.filter(|h| h.trusted_s() > 0.0 || h.untrusted.total_s() > h.untrusted.missing_s)
    else {
        return criterion(Status::Unknown, None, Reason::NoHeartRate);
    };
    let Some(ceiling) = ceiling else {
        return criterion(Status::Unknown, None, Reason::NoEasyCeiling);
    };
    let e = hr.effort(ceiling.bpm);
    let max_block_s = rules.max_block_above_s.value;
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
    let ceiling = CeilingRef {
        bpm: ceiling.bpm,
        rung: ceiling.rung,
        share: ceiling.share,
    };
    let untrusted = hr.untrusted;
    let (status, reason) = if e.longest_above_s > max_block_s {
        (
            Status::Fail,
            Reason::LongBlockAbove {
                block_s: e.longest_above_s,
                max_block_s,
                ceiling,
            },
        )
    } else if e.above_s > (1.0 - share_min) * moving {
        (
            Status::Fail,
            Reason::TooMuchAbove {
                above_s: e.above_s,
                allowed_share: 1.0 - share_min,
                ceiling,
            },
        )
    } else if coverage < rules.hr_coverage_min.value {
        (
            Status::Unknown,
            Reason::HrNotTrusted {
                coverage,
                untrusted,
            },
        )
    } else if share >= share_min {
        (
            Status::Pass,
            Reason::Easy {
                share,
                ceiling,
                untrusted,
            },
        )
    } else {
        (Status::Fail, Reason::TooLittleEasy { share, ceiling })
    };
    criterion(status, Some(share), reason)
}

/// Effort judged on the runner's own perceived effort (RPE, 1–10): pass at
/// `rules.easy_rpe_max` (4) or below, the article's criterion itself. What heart rate said is
/// kept beside it, in the reason.
///
/// ```
/// use runaudit::classify::{effort, perceived_effort, Status};
/// use runaudit::profile::RuleSet;
/// use runaudit::units::Units;
/// let rules = RuleSet::default();
/// let by_hr = effort(None, 1800.0, None, &rules, Units::Km); // no heart rate: unknown
/// let c = perceived_effort(3.0, by_hr.clone(), &rules);
/// assert_eq!((c.status, c.value), (Status::Pass, Some(3.0)));
/// assert_eq!(perceived_effort(6.0, by_hr, &rules).status, Status::Fail);
/// ```
pub fn perceived_effort(rpe: f64, heart_rate: Criterion, rules: &RuleSet) -> Criterion {
    let max = rules.easy_rpe_max.value;
    Criterion {
        kind: CriterionKind::Effort,
        status: if rpe <= max {
            Status::Pass
        } else {
            Status::Fail
        },
        value: Some(rpe),
        threshold: Some(max),
        reason: Reason::PerceivedEffort {
            rpe,
            max,
            heart_rate: Box::new((heart_rate.status, heart_rate.reason)),
        },
        units: heart_rate.units,
    }
}
