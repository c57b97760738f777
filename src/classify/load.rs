//! A training load per run: heart-rate zone points on heart-rate-reserve zones (a public reverse
//! engineering of Strava's Suffer Score / Relative Effort), or without heart rate the runner's
//! session RPE × minutes (Foster 2001), scaled to the same points; neither gives no load.

use serde::Serialize;

/// Heart-rate zones.
pub const ZONES: usize = 5;

/// The zone-points rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZoneRates {
    /// Where zones 2 to 5 begin, as a share of heart-rate reserve (0.60, 0.70, 0.80, 0.90).
    pub bounds_hrr: [f64; ZONES - 1],
    /// Points per hour in zones 1 to 5 (25, 60, 115, 250, 300).
    pub points_per_hour: [f64; ZONES],
    /// Session-RPE load (RPE × minutes) is scaled by this to zone points: an hour at RPE 5
    /// scores as an hour in zone 3, 115 / 300.
    pub rpe_scale: f64,
}

/// The zone rates of the public reverse engineering, until they join the rule table.
pub const ZONE_RATES: ZoneRates = ZoneRates {
    bounds_hrr: [0.60, 0.70, 0.80, 0.90],
    points_per_hour: [25.0, 60.0, 115.0, 250.0, 300.0],
    rpe_scale: 115.0 / 300.0,
};

impl Default for ZoneRates {
    fn default() -> Self {
        ZONE_RATES
    }
}

/// How a load was measured, with what it came from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum LoadMethod {
    /// Heart-rate zone points.
    HeartRateZones {
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

/// A run's load.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Load {
    /// Points.
    pub value: f64,
    /// How.
    #[serde(flatten)]
    pub method: LoadMethod,
}

/// Zone points from trusted moving seconds at each whole bpm (index = bpm); `None` when the
/// reserve is empty (max HR not above resting) or there is no heart rate.
///
/// ```
/// use runaudit::classify::load::{zone_points, LoadMethod, ZoneRates};
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
        method: LoadMethod::HeartRateZones {
            minutes_by_zone: seconds.map(|s| s / 60.0),
            max_hr_bpm,
            resting_hr_bpm,
        },
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
        value: rpe * minutes * rates.rpe_scale,
        method: LoadMethod::SessionRpe { rpe, minutes },
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
}
