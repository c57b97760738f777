//! A training load per run: heart-rate zone points on heart-rate-reserve zones (a public reverse
//! engineering of Strava's Suffer Score / Relative Effort), or without heart rate the runner's
//! session RPE × minutes (Foster 2001), scaled to the same points; neither gives no load.

use std::fmt;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::profile::{LoadRules, Source};

/// Heart-rate zones.
pub const ZONES: usize = 5;

/// The zone-points rule, in plain numbers (read from [`LoadRules`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZoneRates {
    /// Where zones 2 to 5 begin, as a share of heart-rate reserve (0.60, 0.70, 0.80, 0.90).
    pub bounds_hrr: [f64; ZONES - 1],
    /// Points per hour in zones 1 to 5 (25, 60, 115, 250, 300).
    pub points_per_hour: [f64; ZONES],
    /// Session-RPE load: points per hour per RPE point (23: an hour at RPE 5 scores as an hour
    /// in zone 3).
    pub rpe_points_per_hour: f64,
}

impl From<&LoadRules> for ZoneRates {
    fn from(r: &LoadRules) -> Self {
        ZoneRates {
            bounds_hrr: r.zone_from_hrr.each_ref().map(|s| s.value),
            points_per_hour: r.points_per_hour.each_ref().map(|s| s.value),
            rpe_points_per_hour: r.rpe_points_per_hour.value,
        }
    }
}

impl Default for ZoneRates {
    fn default() -> Self {
        ZoneRates::from(&LoadRules::default())
    }
}

/// How a load was measured, with what it came from.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum LoadMethod {
    /// Heart-rate zone points.
    HrZones {
        /// Minutes in zones 1 to 5.
        minutes_by_zone: [f64; ZONES],
        /// Max HR the reserve was read by, bpm.
        max_hr_bpm: f64,
        /// Resting HR, bpm.
        resting_hr_bpm: f64,
    },
    /// Session RPE × moving minutes, scaled.
    SessionRpe {
        /// The runner's RPE, 1 to 10.
        rpe: f64,
        /// Moving minutes.
        minutes: f64,
    },
}

impl LoadMethod {
    /// `hr_zones` or `session_rpe`: the name in JSON.
    pub fn name(&self) -> &'static str {
        match self {
            LoadMethod::HrZones { .. } => "hr_zones",
            LoadMethod::SessionRpe { .. } => "session_rpe",
        }
    }
}

/// A run's load. In JSON: `value`, `method`, `detail` (its words) and `inputs`.
#[derive(Debug, Clone, PartialEq)]
pub struct Load {
    /// Points.
    pub value: f64,
    /// How.
    pub method: LoadMethod,
    /// Where the max HR of a heart-rate load came from (as the verdict used it).
    pub max_hr_source: Option<Source>,
    /// Whether the resting HR is the rule's default, the runner having given none.
    pub resting_defaulted: bool,
}

impl Load {
    /// The load's evidence in words.
    ///
    /// ```
    /// use runaudit::classify::load::{session_rpe, ZoneRates};
    /// let l = session_rpe(5.0, 3600.0, &ZoneRates::default());
    /// assert_eq!(l.sentence(), "session RPE 5 × 60 min × 23 points/h per RPE point = 115");
    /// ```
    pub fn sentence(&self) -> String {
        match self.method {
            LoadMethod::HrZones {
                minutes_by_zone,
                max_hr_bpm,
                resting_hr_bpm,
            } => {
                let minutes: Vec<String> =
                    minutes_by_zone.iter().map(|m| format!("{m:.0}")).collect();
                let max_from = match self.max_hr_source {
                    Some(Source::Inferred) => " inferred from the runs",
                    Some(Source::Derived) => " from age",
                    Some(Source::Watch) => " set on the watch",
                    Some(Source::Default) => " by default (give max_hr or age)",
                    _ => "",
                };
                let rest_from = if self.resting_defaulted {
                    " by default (give resting_hr)"
                } else {
                    ""
                };
                format!(
                    "{:.0} heart-rate zone points ({} min in zones 1–5 of the reserve; resting \
                     {resting_hr_bpm:.0} bpm{rest_from}, max {max_hr_bpm:.0} bpm{max_from})",
                    self.value,
                    minutes.join("/")
                )
            }
            LoadMethod::SessionRpe { rpe, minutes } => format!(
                "session RPE {rpe:.0} × {minutes:.0} min × {:.0} points/h per RPE point = {:.0}",
                if rpe * minutes > 0.0 {
                    self.value / (rpe * minutes) * 60.0
                } else {
                    0.0
                },
                self.value
            ),
        }
    }
}

impl Serialize for Load {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Load", 4)?;
        s.serialize_field("value", &self.value)?;
        s.serialize_field("method", self.method.name())?;
        s.serialize_field("detail", &self.sentence())?;
        s.serialize_field("inputs", &self.method)?;
        s.end()
    }
}

/// Why a run has no load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoLoad {
    /// Neither heart rate nor a perceived effort.
    NoHeartRateNoRpe,
    /// Heart rate, but none of it trusted, and no perceived effort.
    NoTrustedHeartRate,
    /// A sport that is neither running nor walking.
    OtherSport,
}

impl fmt::Display for NoLoad {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NoLoad::NoHeartRateNoRpe => "no load: no heart rate and no perceived effort (RPE)",
            NoLoad::NoTrustedHeartRate => {
                "no load: none of the heart rate could be trusted, and no perceived effort (RPE)"
            }
            NoLoad::OtherSport => "no load: not a run or a walk",
        })
    }
}

impl Serialize for NoLoad {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// What a run's load is read from.
#[derive(Debug, Clone, Copy)]
pub struct LoadFacts<'a> {
    /// Trusted moving seconds at each whole bpm (index = bpm); `None` without heart rate.
    pub trusted_s_by_bpm: Option<&'a [f64]>,
    /// Max HR as the verdict used it, with its source; without one, the rule's fallback
    /// (raised to the run's own peak) is used and said.
    pub max_hr: Option<(f64, &'a Source)>,
    /// The run's high sustained heart rate, bpm.
    pub peak_bpm: Option<f64>,
    /// The runner's resting HR, when given.
    pub resting_hr_bpm: Option<f64>,
    /// The runner's perceived effort, when recorded.
    pub rpe: Option<f64>,
    /// Moving time, seconds.
    pub moving_s: f64,
}

/// The run's load: heart-rate zone points when it has trusted heart rate (read by the max HR the
/// verdict used, else by `rules.max_hr_bpm` or the run's own peak if higher), else session RPE
/// when recorded, else why not.
///
/// ```
/// use runaudit::classify::load::{run_load, LoadFacts, NoLoad};
/// use runaudit::profile::{LoadRules, Source};
/// let rules = LoadRules::default();
/// // An hour at 134 bpm: max 190, resting 50 (the default): 60% of the reserve, zone 2, 60.
/// let mut by_bpm = vec![0.0; 256];
/// by_bpm[134] = 3600.0;
/// let facts = LoadFacts { trusted_s_by_bpm: Some(&by_bpm), max_hr: Some((190.0, &Source::Flag)),
///     peak_bpm: Some(140.0), resting_hr_bpm: None, rpe: None, moving_s: 3600.0 };
/// let load = run_load(&facts, &rules).unwrap();
/// assert!((load.value - 60.0).abs() < 1e-9 && load.resting_defaulted);
/// let none = LoadFacts { trusted_s_by_bpm: None, max_hr: None, ..facts };
/// assert_eq!(run_load(&none, &rules), Err(NoLoad::NoHeartRateNoRpe));
/// ```
pub fn run_load(facts: &LoadFacts, rules: &LoadRules) -> Result<Load, NoLoad> {
    let rates = ZoneRates::from(rules);
    let resting = facts.resting_hr_bpm.unwrap_or(rules.resting_hr_bpm.value);
    let fallback = || {
        let max = rules.max_hr_bpm.value.max(facts.peak_bpm.unwrap_or(0.0));
        (max, Source::Default)
    };
    let (max, source) = facts.max_hr.map_or_else(fallback, |(m, s)| (m, s.clone()));
    let by_hr = match facts.trusted_s_by_bpm {
        None => Err(NoLoad::NoHeartRateNoRpe),
        Some(by_bpm) => zone_points(by_bpm, max, resting, &rates)
            .map(|l| Load {
                max_hr_source: Some(source),
                resting_defaulted: facts.resting_hr_bpm.is_none(),
                ..l
            })
            .ok_or(NoLoad::NoTrustedHeartRate),
    };
    by_hr.or_else(|why| match facts.rpe {
        Some(rpe) => Ok(session_rpe(rpe, facts.moving_s, &rates)),
        None => Err(why),
    })
}

/// Zone points from trusted moving seconds at each whole bpm (index = bpm); `None` when the
/// reserve is empty (max HR not above resting) or there is no heart rate.
///
/// ```
/// use runaudit::classify::load::{zone_points, ZoneRates};
/// // max 190, resting 50: reserve 140. 30 min at 134 bpm (60% HRR, zone 2: 60/h) and
/// // 30 min at 162 bpm (80%, zone 4: 250/h): 30 + 125 = 155 points.
/// let mut by_bpm = vec![0.0; 256];
/// by_bpm[134] = 1800.0;
/// by_bpm[162] = 1800.0;
/// let load = zone_points(&by_bpm, 190.0, 50.0, &ZoneRates::default()).unwrap();
/// assert!((load.value - 155.0).abs() < 1e-9);
/// ```
pub fn zone_points(
    trusted_s_by_bpm: &[f64],
    max_hr_bpm: f64,
    resting_hr_bpm: f64,
    rates: &ZoneRates,
) -> Option<Load> {
    let reserve = max_hr_bpm - resting_hr_bpm;
    if !(reserve.is_finite() && reserve > 0.0) || trusted_s_by_bpm.iter().all(|&s| s <= 0.0) {
        return None;
    }
    let mut seconds = [0.0f64; ZONES];
    for (bpm, &s) in trusted_s_by_bpm.iter().enumerate() {
        if s <= 0.0 {
            continue;
        }
        let share = (bpm as f64 - resting_hr_bpm) / reserve;
        let zone = rates.bounds_hrr.iter().filter(|&&b| share >= b).count();
        if let Some(z) = seconds.get_mut(zone) {
            *z += s;
        }
    }
    let value = seconds
        .iter()
        .zip(rates.points_per_hour)
        .map(|(s, rate)| s / 3600.0 * rate)
        .sum();
    Some(Load {
        value,
        method: LoadMethod::HrZones {
            minutes_by_zone: seconds.map(|s| s / 60.0),
            max_hr_bpm,
            resting_hr_bpm,
        },
        max_hr_source: None,
        resting_defaulted: false,
    })
}

/// Session RPE × moving minutes (Foster), scaled to zone points.
///
/// ```
/// use runaudit::classify::load::{session_rpe, ZoneRates};
/// // An hour at RPE 5 scores as an hour in zone 3.
/// assert!((session_rpe(5.0, 3600.0, &ZoneRates::default()).value - 115.0).abs() < 1e-9);
/// ```
pub fn session_rpe(rpe: f64, moving_s: f64, rates: &ZoneRates) -> Load {
    let minutes = moving_s / 60.0;
    Load {
        value: rpe * minutes / 60.0 * rates.rpe_points_per_hour,
        method: LoadMethod::SessionRpe { rpe, minutes },
        max_hr_source: None,
        resting_defaulted: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_zone_scores_its_rate() {
        // max 200, resting 60: reserve 140; a bpm in each zone, an hour each.
        let rates = ZoneRates::default();
        for (bpm, rate) in [
            (100, 25.0),
            (150, 60.0),
            (160, 115.0),
            (175, 250.0),
            (190, 300.0),
        ] {
            let mut by_bpm = vec![0.0; 256];
            by_bpm[bpm] = 3600.0;
            let load = zone_points(&by_bpm, 200.0, 60.0, &rates).unwrap();
            assert!((load.value - rate).abs() < 1e-9, "{bpm}: {}", load.value);
        }
    }

    #[test]
    fn no_heart_rate_or_no_reserve_is_no_load() {
        let rates = ZoneRates::default();
        assert_eq!(zone_points(&[0.0; 256], 190.0, 50.0, &rates), None);
        let mut by_bpm = vec![0.0; 256];
        by_bpm[120] = 60.0;
        assert_eq!(zone_points(&by_bpm, 50.0, 50.0, &rates), None);
    }

    #[test]
    fn heart_rate_first_then_rpe_then_the_reason() {
        // 40 min at 150 bpm, max 190 given, resting 60 given: (150 − 60) / 130 = 69% → zone 2,
        // 40/60 × 60 = 40 points. With RPE 6 as well, heart rate wins.
        let rules = LoadRules::default();
        let mut by_bpm = vec![0.0; 256];
        by_bpm[150] = 2400.0;
        let flag = Source::Flag;
        let facts = LoadFacts {
            trusted_s_by_bpm: Some(&by_bpm),
            max_hr: Some((190.0, &flag)),
            peak_bpm: Some(152.0),
            resting_hr_bpm: Some(60.0),
            rpe: Some(6.0),
            moving_s: 2400.0,
        };
        let l = run_load(&facts, &rules).unwrap();
        assert!((l.value - 40.0).abs() < 1e-9 && !l.resting_defaulted);
        assert_eq!(l.method.name(), "hr_zones");
        // No heart rate: RPE 6 × 40 min × 23/60 = 92.
        let no_hr = LoadFacts {
            trusted_s_by_bpm: None,
            ..facts
        };
        let l = run_load(&no_hr, &rules).unwrap();
        assert!((l.value - 92.0).abs() < 1e-9, "{}", l.value);
        assert_eq!(
            run_load(&LoadFacts { rpe: None, ..no_hr }, &rules),
            Err(NoLoad::NoHeartRateNoRpe)
        );
        // No max HR known: the fallback 185, said. (150 − 60) / 125 = 72%: zone 3, 115/h × 2/3.
        let l = run_load(
            &LoadFacts {
                max_hr: None,
                ..facts
            },
            &rules,
        )
        .unwrap();
        assert!((l.value - 115.0 * 2.0 / 3.0).abs() < 1e-9, "{}", l.value);
        assert!(
            l.sentence().contains("max 185 bpm by default"),
            "{}",
            l.sentence()
        );
        // ... raised to the run's own peak when that is higher: 200 → (150 − 60) / 140 = 64%.
        let high = LoadFacts {
            max_hr: None,
            peak_bpm: Some(200.0),
            ..facts
        };
        assert!((run_load(&high, &rules).unwrap().value - 40.0).abs() < 1e-9);
        let json = serde_json::to_value(run_load(&facts, &rules).unwrap()).unwrap();
        assert_eq!(json["method"], "hr_zones");
        assert_eq!(json["inputs"]["max_hr_bpm"], 190.0);
        assert!(json["detail"]
            .as_str()
            .unwrap()
            .contains("heart-rate zone points (0/40/0/0/0 min in zones 1–5"));
    }
}
