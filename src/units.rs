//! Units and their words: kilometers or miles, paces, durations and distances as people read them.
//! The bottom of the crate: it imports nothing from runaudit, and every view formats through it.

use std::fmt;

use serde::Serialize;

/// Meters in a statute mile.
pub const METERS_PER_MILE: f64 = 1609.344;
/// Feet in a meter.
pub const FEET_PER_M: f64 = 1.0 / 0.3048;
/// Below this distance an activity has no average pace: a pace over a few steps says nothing, m.
pub const MIN_PACE_DISTANCE_M: f64 = 100.0;

/// The distance unit a report uses: splits every kilometer or every mile, paces per km or per mile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Units {
    /// Splits every kilometer; paces per km; elevation in meters.
    #[default]
    Km,
    /// Splits every mile; paces per mile; elevation in feet.
    Mi,
}

impl Units {
    /// Meters in one split.
    ///
    /// ```
    /// use runaudit::units::Units;
    /// assert_eq!(Units::Mi.split_m(), 1609.344);
    /// ```
    pub fn split_m(self) -> f64 {
        match self {
            Units::Km => 1000.0,
            Units::Mi => METERS_PER_MILE,
        }
    }

    /// A distance in meters in this unit.
    pub fn distance(self, distance_m: f64) -> f64 {
        match self {
            Units::Km => distance_m / 1000.0,
            Units::Mi => distance_m / METERS_PER_MILE,
        }
    }

    /// A pace in s/km as seconds per this unit.
    ///
    /// ```
    /// use runaudit::units::Units;
    /// // 300 s/km × 1.609344 = 482.8 s/mi
    /// assert!((Units::Mi.pace(300.0) - 482.8032).abs() < 1e-9);
    /// ```
    pub fn pace(self, pace_s_per_km: f64) -> f64 {
        match self {
            Units::Km => pace_s_per_km,
            Units::Mi => pace_s_per_km * METERS_PER_MILE / 1000.0,
        }
    }

    /// Elevation in the unit that goes with the distance unit (m with km, ft with miles).
    pub fn elevation(self, elevation_m: f64) -> f64 {
        match self {
            Units::Km => elevation_m,
            Units::Mi => elevation_m * FEET_PER_M,
        }
    }

    /// `km` or `mi`.
    pub fn word(self) -> &'static str {
        match self {
            Units::Km => "km",
            Units::Mi => "mi",
        }
    }

    /// `m` or `ft`.
    pub fn elevation_word(self) -> &'static str {
        match self {
            Units::Km => "m",
            Units::Mi => "ft",
        }
    }
}

/// The fastest average anyone moves under their own power, m/s (126 km/h: no cyclist averages
/// it, a runner's best is under 12): a faster average means a corrupt distance or clock.
pub const MAX_AVERAGE_SPEED_M_S: f64 = 35.0;

/// Average moving pace in seconds per kilometer: `None` under [`MIN_PACE_DISTANCE_M`], without
/// moving time, or faster than [`MAX_AVERAGE_SPEED_M_S`] ([`impossible_average_m_s`]). The one
/// definition every view and the pace criterion use.
///
/// ```
/// use runaudit::units::average_pace_s_per_km;
/// // 5 km in 27:30 = 1650 s → 330 s/km
/// assert_eq!(average_pace_s_per_km(5000.0, 1650.0), Some(330.0));
/// assert_eq!(average_pace_s_per_km(50.0, 20.0), None);
/// // 42,940 km in 11:46 (a corrupt odometer): no pace
/// assert_eq!(average_pace_s_per_km(4.294e7, 706.0), None);
/// ```
pub fn average_pace_s_per_km(distance_m: f64, moving_s: f64) -> Option<f64> {
    (distance_m >= MIN_PACE_DISTANCE_M
        && moving_s > 0.0
        && impossible_average_m_s(distance_m, moving_s).is_none())
    .then(|| moving_s / (distance_m / 1000.0))
}

/// The average moving speed, m/s, when it is over [`MAX_AVERAGE_SPEED_M_S`] (and the distance
/// long enough for a pace): a figure to report instead of a pace.
pub fn impossible_average_m_s(distance_m: f64, moving_s: f64) -> Option<f64> {
    let speed = distance_m / moving_s;
    (distance_m >= MIN_PACE_DISTANCE_M && moving_s > 0.0 && speed > MAX_AVERAGE_SPEED_M_S)
        .then_some(speed)
}

/// A pace, stored in seconds per kilometer, that prints itself in the units asked for.
///
/// ```
/// use runaudit::units::{Pace, Units};
/// assert_eq!(Pace(330.0).show(Units::Km).to_string(), "5:30/km");
/// // 372.82 s/km × 1.609344 = 600.0 s/mi
/// assert_eq!(Pace(372.823).show(Units::Mi).to_string(), "10:00/mi");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Pace(pub f64);

impl Pace {
    /// The pace written per km or per mile, as `m:ss/km`.
    pub fn show(self, units: Units) -> impl fmt::Display {
        PaceIn(self.0, units)
    }
}

struct PaceIn(f64, Units);

impl fmt::Display for PaceIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let PaceIn(p, units) = *self;
        if p.is_finite() && p > 0.0 {
            write!(f, "{}/{}", Duration(units.pace(p)), units.word())
        } else {
            f.write_str("-")
        }
    }
}

/// Seconds that print as `m:ss` or `h:mm:ss`, rounded to the nearest second (`-` when negative
/// or not finite).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Duration(pub f64);

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.0;
        if !seconds.is_finite() || seconds < 0.0 {
            return f.write_str("-");
        }
        let total = seconds.round() as u64;
        let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
        if h > 0 {
            write!(f, "{h}:{m:02}:{s:02}")
        } else {
            write!(f, "{m}:{s:02}")
        }
    }
}

/// A share (0..=1) that prints as a whole percent, `42%`; a share that rounds to nothing prints
/// `0%`, never `-0%`.
///
/// ```
/// use runaudit::units::Percent;
/// assert_eq!(Percent(0.524).to_string(), "52%");
/// assert_eq!(Percent(-0.0).to_string(), "0%");
/// assert_eq!(Percent(-1e-17).to_string(), "0%");
/// assert_eq!(Percent(1.0).to_string(), "100%");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Percent(pub f64);

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let percent = self.0 * 100.0;
        // What rounds to zero (a negative zero or a float's dust below it) is zero.
        let percent = if percent.abs() <= 0.5 { 0.0 } else { percent };
        write!(f, "{percent:.0}%")
    }
}

/// Formats seconds as `m:ss` or `h:mm:ss`, rounding to the nearest second.
///
/// ```
/// use runaudit::units::fmt_duration;
/// assert_eq!(fmt_duration(330.4), "5:30");
/// assert_eq!(fmt_duration(3723.0), "1:02:03");
/// assert_eq!(fmt_duration(59.6), "1:00");
/// ```
pub fn fmt_duration(seconds: f64) -> String {
    Duration(seconds).to_string()
}

/// Formats a pace given in seconds per km as `m:ss/km` or `m:ss/mi`; `-` when there is none.
///
/// ```
/// use runaudit::units::{fmt_pace, Units};
/// assert_eq!(fmt_pace(Some(330.0), Units::Km), "5:30/km");
/// assert_eq!(fmt_pace(Some(372.823), Units::Mi), "10:00/mi");
/// assert_eq!(fmt_pace(None, Units::Km), "-");
/// ```
pub fn fmt_pace(pace_s_per_km: Option<f64>, units: Units) -> String {
    match pace_s_per_km {
        Some(p) => Pace(p).show(units).to_string(),
        None => "-".to_string(),
    }
}

/// Formats a distance in meters as km or miles with two decimals.
///
/// ```
/// use runaudit::units::{fmt_distance, Units};
/// assert_eq!(fmt_distance(5012.0, Units::Km), "5.01 km");
/// assert_eq!(fmt_distance(1609.344, Units::Mi), "1.00 mi");
/// ```
pub fn fmt_distance(distance_m: f64, units: Units) -> String {
    format!("{:.2} {}", units.distance(distance_m), units.word())
}

/// A pace offset given in s/km as whole or decimal minutes per mile, e.g. `1` for 37.28 s/km
/// (1:00/mi) and `1.5` for 55.92 s/km: how the rule set states its recovery band.
///
/// ```
/// use runaudit::units::fmt_minutes_per_mile;
/// assert_eq!(fmt_minutes_per_mile(60.0 / 1.609344), "1");
/// assert_eq!(fmt_minutes_per_mile(90.0 / 1.609344), "1.5");
/// assert_eq!(fmt_minutes_per_mile(100.0 / 1.609344), "1.67");
/// ```
pub fn fmt_minutes_per_mile(offset_s_per_km: f64) -> String {
    let minutes = offset_s_per_km * METERS_PER_MILE / 1000.0 / 60.0;
    let text = format!("{minutes:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pace_per_mile_rounds_like_the_duration() {
        // 310.69 s/km × 1.609344 = 500.0 s/mi = 8:20/mi
        assert_eq!(fmt_pace(Some(310.686), Units::Mi), "8:20/mi");
        assert_eq!(fmt_pace(Some(f64::NAN), Units::Km), "-");
        assert_eq!(fmt_pace(Some(0.0), Units::Km), "-");
    }

    #[test]
    fn duration_edges() {
        assert_eq!(fmt_duration(-1.0), "-");
        assert_eq!(fmt_duration(3599.5), "1:00:00");
        assert_eq!(fmt_duration(0.0), "0:00");
    }

    #[test]
    fn elevation_in_feet_with_miles() {
        // 100 m / 0.3048 = 328.08 ft
        assert!((Units::Mi.elevation(100.0) - 328.084).abs() < 1e-3);
        assert_eq!(Units::Km.elevation(100.0), 100.0);
    }
}
