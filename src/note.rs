//! How an inferred or derived threshold was found, as data, and the one place its words are made:
//! the normal-pace baseline, a max HR inferred from the runs, Tanaka's formula.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};

use crate::units::{Pace, Units};

/// How a value was inferred or derived.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// Normal pace: the median moving pace of the runs in the trailing window.
    Baseline {
        /// The normal pace, s/km.
        pace: f64,
        /// Runs it came from.
        runs: usize,
        /// The first and last of them.
        span: (DateTime<Utc>, DateTime<Utc>),
        /// The middle half of their paces, s/km.
        middle: (f64, f64),
        /// The recovery band it gives, s/km.
        band: (f64, f64),
        /// Units for the paces in words.
        units: Units,
    },
    /// Max HR: the highest run peak that a second run comes within 3 bpm of.
    MaxHrInferred {
        /// The run that reached it and the one that corroborates it.
        from: (DateTime<Utc>, DateTime<Utc>),
        /// Runs with a peak considered.
        runs: usize,
        /// The window, days.
        window_days: u32,
        /// Whether the window had to reach past the run (too few runs before it).
        around: bool,
    },
    /// Max HR from age.
    Tanaka {
        /// Age, years.
        age: f64,
    },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::Baseline {
                pace,
                runs,
                span,
                middle,
                band,
                units,
            } => {
                let p = |v: f64| Pace(v).show(*units).to_string();
                write!(
                    f,
                    "normal {} from {runs} runs ({}–{}), middle half {}–{}, band {}–{}",
                    p(*pace),
                    span.0.format("%b %-d"),
                    span.1.format("%b %-d"),
                    p(middle.0),
                    p(middle.1),
                    p(band.0),
                    p(band.1)
                )
            }
            Note::MaxHrInferred {
                from,
                runs,
                window_days,
                around,
            } => write!(
                f,
                "highest sustained heart rate (99th percentile of the 30-s mean) that a second run \
                 comes within 3 bpm of: {} and {}, of {runs} runs in the {window_days} days {} this \
                 run; give --max-hr if you know yours",
                from.0.format("%Y-%m-%d"),
                from.1.format("%Y-%m-%d"),
                if *around { "around" } else { "before" }
            ),
            Note::Tanaka { age } => write!(f, "Tanaka: 208 − 0.7 × age {age}"),
        }
    }
}

impl Serialize for Note {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_baseline_in_words() {
        let d = |day| Utc.with_ymd_and_hms(2025, 2, day, 7, 0, 0).unwrap();
        let n = Note::Baseline {
            pace: 332.0,
            runs: 21,
            span: (d(6), d(28)),
            middle: (312.0, 348.0),
            band: (369.3, 406.6),
            units: Units::Km,
        };
        assert_eq!(
            n.to_string(),
            "normal 5:32/km from 21 runs (Feb 6–Feb 28), middle half 5:12/km–5:48/km, band 6:09/km–6:47/km"
        );
        assert_eq!(
            Note::Tanaka { age: 40.0 }.to_string(),
            "Tanaka: 208 − 0.7 × age 40"
        );
    }
}
