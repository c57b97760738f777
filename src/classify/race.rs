//! Whether a run was raced: run at a standard race distance, clearly faster than the runner's
//! normal pace and evenly (no repetitions), or any run of marathon length. Races are typed from
//! the numbers, not only when the runner named them.

use crate::analyze::speed_bins::SpeedBins;
use crate::classify::reps::FastBlocks;
use crate::profile::SessionRules;

/// 5 km, m.
const FIVE_K_M: f64 = 5_000.0;
/// 8 km, m.
const EIGHT_K_M: f64 = 8_000.0;
/// 5 miles, m.
const FIVE_MILES_M: f64 = 8_046.72;
/// 10 km, m.
const TEN_K_M: f64 = 10_000.0;
/// 15 km, m.
const FIFTEEN_K_M: f64 = 15_000.0;
/// 10 miles, m.
const TEN_MILES_M: f64 = 16_093.44;
/// Half marathon, m.
const HALF_M: f64 = 21_097.5;
/// Marathon, m.
const MARATHON_M: f64 = 42_195.0;

/// A standard race distance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RaceDistance {
    /// 5 km.
    FiveK,
    /// 8 km.
    EightK,
    /// 5 miles.
    FiveMiles,
    /// 10 km.
    TenK,
    /// 15 km.
    FifteenK,
    /// 10 miles.
    TenMiles,
    /// Half marathon, 21.0975 km.
    Half,
    /// Marathon, 42.195 km.
    Marathon,
}

impl RaceDistance {
    /// Every distance, shortest first.
    pub const ALL: [RaceDistance; 8] = [
        RaceDistance::FiveK,
        RaceDistance::EightK,
        RaceDistance::FiveMiles,
        RaceDistance::TenK,
        RaceDistance::FifteenK,
        RaceDistance::TenMiles,
        RaceDistance::Half,
        RaceDistance::Marathon,
    ];

    /// The official distance, meters.
    pub fn meters(self) -> f64 {
        match self {
            RaceDistance::FiveK => FIVE_K_M,
            RaceDistance::EightK => EIGHT_K_M,
            RaceDistance::FiveMiles => FIVE_MILES_M,
            RaceDistance::TenK => TEN_K_M,
            RaceDistance::FifteenK => FIFTEEN_K_M,
            RaceDistance::TenMiles => TEN_MILES_M,
            RaceDistance::Half => HALF_M,
            RaceDistance::Marathon => MARATHON_M,
        }
    }

    /// The distance's name in JSON (`half`, `ten_k`).
    pub fn as_str(self) -> &'static str {
        match self {
            RaceDistance::FiveK => "five_k",
            RaceDistance::EightK => "eight_k",
            RaceDistance::FiveMiles => "five_miles",
            RaceDistance::TenK => "ten_k",
            RaceDistance::FifteenK => "fifteen_k",
            RaceDistance::TenMiles => "ten_miles",
            RaceDistance::Half => "half",
            RaceDistance::Marathon => "marathon",
        }
    }

    /// The distance's name in words.
    pub fn name(self) -> &'static str {
        match self {
            RaceDistance::FiveK => "5 km",
            RaceDistance::EightK => "8 km",
            RaceDistance::FiveMiles => "5 miles",
            RaceDistance::TenK => "10 km",
            RaceDistance::FifteenK => "15 km",
            RaceDistance::TenMiles => "10 miles",
            RaceDistance::Half => "half marathon",
            RaceDistance::Marathon => "marathon",
        }
    }

    /// The standard distance a measured distance is, allowing a watch to read 3% short or 5%
    /// long (GPS cuts corners, runners weave and warm down); the nearest when two fit.
    ///
    /// ```
    /// use runaudit::classify::race::RaceDistance;
    /// assert_eq!(RaceDistance::of(21_400.0, 0.03, 0.05), Some(RaceDistance::Half));
    /// assert_eq!(RaceDistance::of(4_880.0, 0.03, 0.05), Some(RaceDistance::FiveK));
    /// // 8.05 km is 5 miles, not 8 km
    /// assert_eq!(RaceDistance::of(8_050.0, 0.03, 0.05), Some(RaceDistance::FiveMiles));
    /// assert_eq!(RaceDistance::of(12_000.0, 0.03, 0.05), None);
    /// ```
    pub fn of(distance_m: f64, short: f64, long: f64) -> Option<RaceDistance> {
        RaceDistance::ALL
            .into_iter()
            .filter(|d| {
                let m = d.meters();
                distance_m >= m * (1.0 - short) && distance_m <= m * (1.0 + long)
            })
            .min_by(|a, b| {
                let off = |d: &RaceDistance| (distance_m / d.meters() - 1.0).abs();
                off(a).total_cmp(&off(b))
            })
    }
}

/// The numbers that find a race.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RaceRules {
    /// A race lasts at least this long, moving s (15 min).
    pub min_s: f64,
    /// A race's average pace beats normal pace by at least this much, s/km (20).
    pub faster_s_per_km: f64,
    /// At least this share of a race's moving time is at or faster than normal pace (0.85).
    pub even_share: f64,
    /// A watch may read this much short of a standard distance (0.03).
    pub short: f64,
    /// Or this much long (0.05).
    pub long: f64,
}

impl RaceRules {
    /// The numbers as the rule table sets them (see `profile::rules`).
    pub fn from_rules(r: &SessionRules) -> RaceRules {
        RaceRules {
            min_s: r.race_min_s.value,
            faster_s_per_km: r.race_faster_s_per_km.value,
            even_share: r.race_even_share.value,
            short: r.race_short.value,
            long: r.race_long.value,
        }
    }
}

impl Default for RaceRules {
    /// The rule table's defaults.
    fn default() -> Self {
        RaceRules::from_rules(&SessionRules::default())
    }
}

/// Why a run reads as a race.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Raced {
    /// A standard distance run clearly faster than normal and evenly.
    Paced {
        /// The distance.
        distance: RaceDistance,
        /// Average pace, s/km.
        pace_s_per_km: f64,
        /// Share of moving time at or faster than normal pace.
        even_share: f64,
    },
    /// A marathon's length, whatever the pace.
    MarathonLength {
        /// Distance, m.
        distance_m: f64,
    },
}

/// Whether `run` (with its fast blocks against `normal_s_per_km`) was raced.
///
/// ```
/// use runaudit::analyze::speed_bins::{Bin, SpeedBins};
/// use runaudit::classify::race::{raced, Raced, RaceDistance, RaceRules};
/// use runaudit::classify::reps::FastBlocks;
/// // A half marathon at 4:06/km (normal 5:00/km), every bin at race pace.
/// let bin = Bin { moving_s: 5.0, distance_m: (5000.0 / 246.0) as f32 };
/// let run = SpeedBins { bin_s: 5.0, bins: vec![bin; 1038], hr_bpm: Vec::new() };
/// let r = raced(&run, &FastBlocks::default(), 300.0, &RaceRules::default());
/// assert!(matches!(r, Some(Raced::Paced { distance: RaceDistance::Half, .. })));
/// ```
pub fn raced(
    run: &SpeedBins,
    blocks: &FastBlocks,
    normal_s_per_km: f64,
    rules: &RaceRules,
) -> Option<Raced> {
    let (moving_s, distance_m) = (run.moving_s(), run.distance_m());
    if distance_m >= RaceDistance::Marathon.meters() * (1.0 - rules.short) {
        return Some(Raced::MarathonLength { distance_m });
    }
    if moving_s < rules.min_s || distance_m <= 0.0 || !blocks.reps.is_empty() {
        return None;
    }
    let pace_s_per_km = 1000.0 * moving_s / distance_m;
    if pace_s_per_km > normal_s_per_km - rules.faster_s_per_km {
        return None;
    }
    let normal_m_s = 1000.0 / normal_s_per_km;
    let at_normal: f64 = run
        .bins
        .iter()
        .filter(|b| {
            b.moving_s > 0.0 && f64::from(b.distance_m) >= normal_m_s * f64::from(b.moving_s)
        })
        .map(|b| f64::from(b.moving_s))
        .sum();
    let even_share = at_normal / moving_s;
    if even_share < rules.even_share {
        return None;
    }
    let distance = RaceDistance::of(distance_m, rules.short, rules.long)?;
    Some(Raced::Paced {
        distance,
        pace_s_per_km,
        even_share,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::speed_bins::Bin;
    use crate::classify::reps::{fast_blocks, RepRules};

    fn run_at(meters: f64, pace: f64) -> SpeedBins {
        let bins = (meters * pace / 1000.0 / 5.0).round() as usize;
        let bin = Bin {
            moving_s: 5.0,
            distance_m: (5000.0 / pace) as f32,
        };
        SpeedBins {
            bin_s: 5.0,
            bins: vec![bin; bins],
            hr_bpm: Vec::new(),
        }
    }

    fn judge(run: &SpeedBins, normal: f64) -> Option<Raced> {
        let blocks = fast_blocks(run, normal, &RepRules::default());
        raced(run, &blocks, normal, &RaceRules::default())
    }

    #[test]
    fn a_ten_k_at_race_pace_is_a_race_and_at_normal_pace_is_not() {
        // Normal 5:00/km: 10.1 km at 4:20/km is raced; at 4:50/km (only 10 s faster) it is not.
        assert!(matches!(
            judge(&run_at(10_100.0, 260.0), 300.0),
            Some(Raced::Paced {
                distance: RaceDistance::TenK,
                ..
            })
        ));
        assert_eq!(judge(&run_at(10_100.0, 290.0), 300.0), None);
    }

    #[test]
    fn fast_but_not_a_standard_distance_is_not_a_race() {
        // 12 km at 4:20/km: a hard run, not a race distance.
        assert_eq!(judge(&run_at(12_000.0, 260.0), 300.0), None);
    }

    #[test]
    fn a_marathon_is_a_race_at_any_pace() {
        assert!(matches!(
            judge(&run_at(42_300.0, 360.0), 300.0),
            Some(Raced::MarathonLength { .. })
        ));
    }

    #[test]
    fn an_uneven_run_is_not_a_race() {
        // 5 km: half at 3:40/km, half at 5:30/km (slower than normal 5:00). 2.5 km × 220 +
        // 2.5 km × 330 = 1375 s for 5 km, 4:35/km, 25 s/km faster than normal; but only
        // 550 / 1375 = 40% of the time at or under normal pace. Judged without its fast blocks
        // (the first half would also be a repetition), the evenness alone says no.
        let mut run = run_at(2_500.0, 220.0);
        run.bins.extend(run_at(2_500.0, 330.0).bins);
        let rules = RaceRules::default();
        assert_eq!(raced(&run, &FastBlocks::default(), 300.0, &rules), None);
        // the same 5 km run evenly at 4:35/km is a race
        let even = run_at(5_000.0, 275.0);
        assert!(raced(&even, &FastBlocks::default(), 300.0, &rules).is_some());
    }
}
