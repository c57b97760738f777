//! The runner and what the profile derives from them: the easy ceiling, the hard threshold,
//! Tanaka's max HR and the recovery band.

use serde::Serialize;

use super::rules::{RuleSet, SessionRules};
use super::sourced::{Source, Sourced};
use crate::units::METERS_PER_MILE;

/// Seconds per km that 1:00/mi adds to a pace: 60 / 1.609344 = 37.28 s/km.
pub const ONE_MIN_PER_MILE_S_PER_KM: f64 = 60.0 / (METERS_PER_MILE / 1000.0);

/// Where the hard threshold came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HardRung {
    /// A share of lactate-threshold HR (Friel zone 4).
    Lthr,
    /// A share of max HR (Seiler zone 3).
    MaxHr,
}

/// The heart rate above which running is hard, with its rung.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HardThreshold {
    /// bpm.
    pub bpm: f64,
    /// Where it came from.
    pub rung: HardRung,
    /// The share of LTHR or max HR it is.
    pub share: f64,
}

impl HardThreshold {
    /// The rung in words with the share actually used, e.g. "95% of lactate-threshold HR".
    pub fn describe(&self) -> String {
        let of = match self.rung {
            HardRung::Lthr => "lactate-threshold HR",
            HardRung::MaxHr => "max HR",
        };
        format!("{:.0}% of {of}", self.share * 100.0)
    }
}

/// The hard threshold from LTHR, else from max HR (given, inferred or from age).
///
/// ```
/// use runaudit::profile::{hard_threshold, HardRung, Runner, SessionRules, Source, Sourced};
/// let mut r = Runner::default();
/// // 87% of 190 = 165.3
/// let h = hard_threshold(&r, Some(190.0), &SessionRules::default()).unwrap();
/// assert!((h.bpm - 165.3).abs() < 1e-9 && h.rung == HardRung::MaxHr);
/// // 95% of 172 = 163.4
/// r.lthr_bpm = Some(Sourced::new(172.0, Source::Flag));
/// assert!((hard_threshold(&r, None, &SessionRules::default()).unwrap().bpm - 163.4).abs() < 1e-9);
/// ```
pub fn hard_threshold(
    runner: &Runner,
    max_hr: Option<f64>,
    rules: &SessionRules,
) -> Option<HardThreshold> {
    if let Some(lthr) = &runner.lthr_bpm {
        let share = rules.hard_lthr_share.value;
        return Some(HardThreshold {
            bpm: share * lthr.value,
            rung: HardRung::Lthr,
            share,
        });
    }
    let share = rules.hard_max_hr_share.value;
    max_hr.map(|max| HardThreshold {
        bpm: share * max,
        rung: HardRung::MaxHr,
        share,
    })
}

impl RuleSet {
    /// The recovery band for a normal pace: from normal + the minimum slow-down to normal + the
    /// maximum, s/km. A recovery run's average is at or beyond the faster end.
    ///
    /// ```
    /// use runaudit::profile::RuleSet;
    /// // normal 10:00/mi = 372.82 s/km; + 1:00/mi and + 2:00/mi → 11:00–12:00/mi
    /// let (from, to) = RuleSet::default().recovery_band(372.82);
    /// assert!((from * 1.609344 - 660.0).abs() < 0.01 && (to * 1.609344 - 720.0).abs() < 0.01);
    /// ```
    pub fn recovery_band(&self, normal_s_per_km: f64) -> (f64, f64) {
        (
            normal_s_per_km + self.slower_min_s_per_km.value,
            normal_s_per_km + self.slower_max_s_per_km.value,
        )
    }
}

/// What the runner told us about themselves (each value optional).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Runner {
    /// Normal (everyday) pace, s/km.
    pub normal_pace_s_per_km: Option<Sourced<f64>>,
    /// Maximum heart rate.
    pub max_hr_bpm: Option<Sourced<f64>>,
    /// Resting heart rate.
    pub resting_hr_bpm: Option<Sourced<f64>>,
    /// Lactate-threshold heart rate (LTHR, LT2).
    pub lthr_bpm: Option<Sourced<f64>>,
    /// Aerobic-threshold heart rate (LT1/VT1), the easy ceiling itself.
    pub lt1_hr_bpm: Option<Sourced<f64>>,
    /// Age in years.
    pub age_years: Option<Sourced<f64>>,
    /// The time zone (IANA name, e.g. `Europe/Berlin`) that says which calendar day a run was
    /// on when its file does not.
    pub time_zone: Option<Sourced<String>>,
    /// The day a profile file's normal pace and max HR were inferred at (`profile --save`
    /// writes it): runs more than a window before it infer their own (see [`Runner::given_at`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<chrono::NaiveDate>,
}

impl Runner {
    /// A value the runner gave, as it holds for a run starting at `at`: a value from a profile
    /// file with an `as_of` day holds from `window_days` before that day on; a run before that
    /// infers its own (a max HR or a normal pace of today says little of ten years ago). Flags
    /// always hold.
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use runaudit::profile::{Runner, Source, Sourced};
    /// let runner = Runner {
    ///     max_hr_bpm: Some(Sourced::new(185.0, Source::ProfileFile)),
    ///     as_of: NaiveDate::from_ymd_opt(2025, 6, 30),
    ///     ..Default::default()
    /// };
    /// let at = |y| Utc.with_ymd_and_hms(y, 6, 1, 7, 0, 0).unwrap();
    /// assert!(runner.given_at(&runner.max_hr_bpm, at(2025), 365).is_some());
    /// assert!(runner.given_at(&runner.max_hr_bpm, at(2020), 365).is_none());
    /// ```
    pub fn given_at<'a, T>(
        &self,
        value: &'a Option<Sourced<T>>,
        at: chrono::DateTime<chrono::Utc>,
        window_days: u32,
    ) -> Option<&'a Sourced<T>> {
        let value = value.as_ref()?;
        let holds = match (self.as_of, &value.source) {
            (Some(as_of), Source::ProfileFile) => {
                at.date_naive() >= as_of - chrono::Duration::days(i64::from(window_days))
            }
            _ => true,
        };
        holds.then_some(value)
    }
}

/// The full profile: runner plus rules.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Profile {
    /// The runner.
    pub runner: Runner,
    /// The rules.
    pub rules: RuleSet,
}

/// Which rung of the ladder the easy ceiling came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CeilingRung {
    /// The aerobic-threshold (LT1) heart rate itself.
    Lt1,
    /// A share of lactate-threshold HR (Friel zone 1 top).
    Lthr,
    /// A share of heart-rate reserve (Karvonen).
    HrReserve,
    /// A share of maximum HR.
    MaxHr,
}

impl CeilingRung {
    /// The rung in words with the share actually used, for tables and reports, e.g. "85% of
    /// lactate-threshold HR" (`share` is ignored for LT1, which is the ceiling itself).
    ///
    /// ```
    /// use runaudit::profile::CeilingRung;
    /// assert_eq!(CeilingRung::MaxHr.describe(0.75), "75% of max HR");
    /// ```
    pub fn describe(self, share: f64) -> String {
        let pct = share * 100.0;
        match self {
            CeilingRung::Lt1 => "aerobic threshold (LT1) as given".to_string(),
            CeilingRung::Lthr => format!("{pct:.0}% of lactate-threshold HR"),
            CeilingRung::HrReserve => format!("{pct:.0}% of heart-rate reserve (Karvonen)"),
            CeilingRung::MaxHr => format!("{pct:.0}% of max HR"),
        }
    }
}

/// The easy ceiling with the rung it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EasyCeiling {
    /// The ceiling, bpm.
    pub bpm: f64,
    /// The rung used.
    pub rung: CeilingRung,
    /// The share of LTHR, HR reserve or max HR it is (1 for LT1 itself).
    pub share: f64,
}

/// The easy ceiling from the best thing the runner gave: LT1; else a share of LTHR (85%); else
/// a share of HR reserve (72%, needs resting and max HR); else a share of max HR (75%); the
/// shares are rules (`easy_lthr_pct`, `easy_hrr_pct`, `easy_max_hr_pct`). `max_hr` is the
/// resolved maximum (given, inferred or Tanaka), passed separately because it may come from
/// history.
///
/// ```
/// use runaudit::profile::{easy_ceiling, CeilingRung, RuleSet, Runner, Source, Sourced};
/// let rules = RuleSet::default();
/// let mut r = Runner::default();
/// assert_eq!(easy_ceiling(&r, None, &rules), None);
/// // 75% of 190 = 142.5
/// assert_eq!(easy_ceiling(&r, Some(190.0), &rules).unwrap().bpm, 142.5);
/// // 50 + 0.72 × (190 − 50) = 150.8
/// r.resting_hr_bpm = Some(Sourced::new(50.0, Source::Flag));
/// let c = easy_ceiling(&r, Some(190.0), &rules).unwrap();
/// assert!((c.bpm - 150.8).abs() < 1e-9 && c.rung == CeilingRung::HrReserve);
/// // 85% of 172 = 146.2
/// r.lthr_bpm = Some(Sourced::new(172.0, Source::Flag));
/// assert!((easy_ceiling(&r, Some(190.0), &rules).unwrap().bpm - 146.2).abs() < 1e-9);
/// ```
pub fn easy_ceiling(runner: &Runner, max_hr: Option<f64>, rules: &RuleSet) -> Option<EasyCeiling> {
    if let Some(lt1) = &runner.lt1_hr_bpm {
        return Some(EasyCeiling {
            bpm: lt1.value,
            rung: CeilingRung::Lt1,
            share: 1.0,
        });
    }
    if let Some(lthr) = &runner.lthr_bpm {
        let share = rules.easy_lthr_share.value;
        return Some(EasyCeiling {
            bpm: share * lthr.value,
            rung: CeilingRung::Lthr,
            share,
        });
    }
    let max = max_hr?;
    if let Some(rest) = &runner.resting_hr_bpm {
        if rest.value < max {
            let share = rules.easy_hrr_share.value;
            return Some(EasyCeiling {
                bpm: rest.value + share * (max - rest.value),
                rung: CeilingRung::HrReserve,
                share,
            });
        }
    }
    let share = rules.easy_max_hr_share.value;
    Some(EasyCeiling {
        bpm: share * max,
        rung: CeilingRung::MaxHr,
        share,
    })
}

/// Tanaka's age-predicted maximum heart rate: 208 − 0.7 · age.
///
/// ```
/// // 208 − 0.7 × 40 = 180
/// assert_eq!(runaudit::profile::tanaka_max_hr(40.0), 180.0);
/// ```
pub fn tanaka_max_hr(age_years: f64) -> f64 {
    208.0 - 0.7 * age_years
}
