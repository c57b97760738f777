//! Why a criterion came out as it did, as data (the paces, times and shares it compared), and the
//! one place those reasons become words: the full sentence for reports and JSON `detail`, and the
//! few words the season table shows.

use crate::profile::CeilingRung;
use crate::units::{fmt_duration, Pace, Units, MAX_AVERAGE_SPEED_M_S, METERS_PER_MILE};
use crate::words::plural;

use super::gate::Untrusted;
use super::status::Status;

/// The easy ceiling a reason refers to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CeilingRef {
    /// The ceiling, bpm.
    pub bpm: f64,
    /// The rung of the ladder it came from.
    pub rung: CeilingRung,
    /// The share of the rung's heart rate it is.
    pub share: f64,
}

/// Why a criterion passed, failed or could not be judged. Paces are s/km, times seconds, shares
/// 0..=1.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Duration: moving time within the limit.
    WithinLimit {
        /// Moving time.
        moving_s: f64,
        /// The limit.
        max_s: f64,
    },
    /// Duration: moving time over the limit.
    TooLong {
        /// Moving time.
        moving_s: f64,
        /// The limit.
        max_s: f64,
    },
    /// Pace: no distance to take a pace from.
    NoDistance,
    /// Duration and pace: a distance but no time (a track whose points carry no times).
    NoTime,
    /// Pace: the distance over the moving time is faster than anyone moves under their own power.
    ImpossibleSpeed {
        /// The average, m/s.
        speed_m_s: f64,
    },
    /// Pace: no normal pace given or inferred.
    NoNormalPace,
    /// Pace: the average is faster than normal plus the minimum slow-down.
    TooFast {
        /// Average moving pace.
        average: f64,
        /// Normal pace.
        normal: f64,
        /// The slow-down required, s/km.
        slower_by: f64,
        /// normal + slower_by.
        required: f64,
    },
    /// Pace: some full splits faster than normal pace.
    FastSplits {
        /// How many.
        count: usize,
        /// Normal pace.
        normal: f64,
    },
    /// Pace: slower than the band (walking is fine).
    SlowerThanBand {
        /// Average moving pace.
        average: f64,
        /// The band, faster end.
        band_from: f64,
        /// The band, slower end.
        band_to: f64,
    },
    /// Pace: in the band.
    InBand {
        /// Average moving pace.
        average: f64,
        /// The band, faster end.
        band_from: f64,
        /// The band, slower end.
        band_to: f64,
    },
    /// Pace: a hilly run judged on its grade-adjusted pace against the grade-adjusted normal
    /// pace; `on_gap` is that judgement (its paces grade-adjusted).
    GradeAdjusted {
        /// Elevation gain per km.
        climb_m_per_km: f64,
        /// The raw average moving pace, s/km.
        raw_average: f64,
        /// The judgement on grade-adjusted pace.
        on_gap: Box<Reason>,
    },
    /// Effort: the file has no heart rate.
    NoHeartRate,
    /// Effort: no easy ceiling could be set.
    NoEasyCeiling,
    /// Effort: one block above the ceiling longer than allowed.
    LongBlockAbove {
        /// The longest block above.
        block_s: f64,
        /// The longest allowed.
        max_block_s: f64,
        /// The ceiling.
        ceiling: CeilingRef,
    },
    /// Effort: too much moving time above the ceiling.
    TooMuchAbove {
        /// Moving time above.
        above_s: f64,
        /// Share allowed above, 0..=1.
        allowed_share: f64,
        /// The ceiling.
        ceiling: CeilingRef,
    },
    /// Effort: trusted heart rate covers too little of the run to judge.
    HrNotTrusted {
        /// Share of moving time with trusted heart rate.
        coverage: f64,
        /// What was set aside.
        untrusted: Untrusted,
    },
    /// Effort: enough time at or below the ceiling.
    Easy {
        /// Share at or below.
        share: f64,
        /// The ceiling.
        ceiling: CeilingRef,
        /// What was set aside (nothing when all heart rate was trusted).
        untrusted: Untrusted,
    },
    /// Effort: the runner's own perceived effort, with what heart rate said.
    PerceivedEffort {
        /// RPE, 1–10.
        rpe: f64,
        /// The most a recovery run may be (4).
        max: f64,
        /// The heart-rate proxy's status and reason.
        heart_rate: Box<(Status, Reason)>,
    },
    /// Effort: too little time at or below the ceiling.
    TooLittleEasy {
        /// Share at or below.
        share: f64,
        /// The ceiling.
        ceiling: CeilingRef,
    },
}

impl Reason {
    /// The reason as one sentence, paces in `units` (the criterion's `detail`).
    ///
    /// ```
    /// use runaudit::classify::reason::Reason;
    /// use runaudit::units::Units;
    /// let r = Reason::TooFast { average: 345.0, normal: 330.0, slower_by: 37.282, required: 367.282 };
    /// assert_eq!(r.sentence(Units::Km), "average 5:45/km is faster than normal 5:30/km + 1:00/mi = 6:07/km");
    /// ```
    pub fn sentence(&self, units: Units) -> String {
        let pace = |p: f64| Pace(p).show(units).to_string();
        match self {
            Reason::WithinLimit { moving_s, max_s } | Reason::TooLong { moving_s, max_s } => {
                format!(
                    "moving {} {} the {} limit",
                    fmt_duration(*moving_s),
                    if matches!(self, Reason::WithinLimit { .. }) {
                        "within"
                    } else {
                        "over"
                    },
                    fmt_duration(*max_s)
                )
            }
            Reason::NoDistance => "no distance recorded (treadmill without a foot pod?)".into(),
            Reason::NoTime => "no times recorded: the distance is known, the time is not".into(),
            Reason::ImpossibleSpeed { speed_m_s } => format!(
                "the distance over the moving time averages {speed_m_s:.0} m/s, more than anyone \
                 moves under their own power ({MAX_AVERAGE_SPEED_M_S:.0} m/s): a corrupt distance \
                 or clock"
            ),
            Reason::NoNormalPace => "no normal pace: give --normal-pace, or audit at least 5 \
                                     earlier runs from the trailing window"
                .into(),
            Reason::TooFast {
                average,
                normal,
                slower_by,
                required,
            } => format!(
                "average {} is faster than normal {} + {}/mi = {}",
                pace(*average),
                pace(*normal),
                fmt_duration(slower_by * METERS_PER_MILE / 1000.0),
                pace(*required)
            ),
            Reason::FastSplits { count, normal } => format!(
                "{} faster than normal pace {}",
                plural(*count, "split", "splits"),
                pace(*normal)
            ),
            Reason::SlowerThanBand {
                average,
                band_from,
                band_to,
            } => format!(
                "average {} is slower than the {}–{} band (walking is fine)",
                pace(*average),
                pace(*band_from),
                pace(*band_to)
            ),
            Reason::InBand {
                average,
                band_from,
                band_to,
            } => format!(
                "average {} is in the {}–{} band",
                pace(*average),
                pace(*band_from),
                pace(*band_to)
            ),
            Reason::GradeAdjusted {
                climb_m_per_km,
                raw_average,
                on_gap,
            } => format!(
                "on grade-adjusted pace (climbing {climb_m_per_km:.0} m/km, raw average {}): {}",
                pace(*raw_average),
                on_gap.sentence(units)
            ),
            Reason::NoHeartRate => "no heart rate in the file".into(),
            Reason::NoEasyCeiling => "no easy ceiling: give --lthr, --max-hr or --age, or audit \
                                      at least 5 runs with heart rate"
                .into(),
            Reason::HrNotTrusted {
                coverage,
                untrusted,
            } => format!(
                "heart rate usable for only {:.0}% of moving time ({})",
                coverage * 100.0,
                set_aside(untrusted)
            ),
            Reason::Easy {
                untrusted, ceiling, ..
            } => {
                let mut d = format!("{} {}", self.short(), rung(ceiling));
                let aside = set_aside(untrusted);
                if !aside.is_empty() {
                    d.push_str(&format!("; set aside: {aside}"));
                }
                d
            }
            Reason::LongBlockAbove {
                max_block_s,
                ceiling,
                ..
            } => format!(
                "{} {}, over the {} limit",
                self.short(),
                rung(ceiling),
                fmt_duration(*max_block_s)
            ),
            Reason::TooMuchAbove {
                allowed_share,
                ceiling,
                ..
            } => format!(
                "{} {}; at most {:.0}% allowed",
                self.short(),
                rung(ceiling),
                allowed_share * 100.0
            ),
            Reason::TooLittleEasy { ceiling, .. } => format!("{} {}", self.short(), rung(ceiling)),
            Reason::PerceivedEffort { heart_rate, .. } => {
                let (status, hr) = heart_rate.as_ref();
                let said = match status {
                    Status::Pass => "easy",
                    Status::Fail => "not easy",
                    Status::Unknown => "unknown",
                };
                format!(
                    "{}; heart rate says {said}: {}",
                    self.short(),
                    hr.sentence(units)
                )
            }
        }
    }

    /// The reason in a few words, without the thresholds' sources (the season table's column).
    /// Paces are left out here; [`Reason::sentence`] has them.
    fn short(&self) -> String {
        let ceiling = |c: &CeilingRef| format!("the easy ceiling {:.0} bpm", c.bpm);
        match self {
            Reason::LongBlockAbove {
                block_s,
                ceiling: c,
                ..
            } => format!(
                "{} continuously above {}",
                fmt_duration(*block_s),
                ceiling(c)
            ),
            Reason::TooMuchAbove {
                above_s,
                ceiling: c,
                ..
            } => format!(
                "{} of moving time above {}",
                fmt_duration(*above_s),
                ceiling(c)
            ),
            Reason::Easy {
                share, ceiling: c, ..
            } => format!(
                "{:.0}% of moving time at or below {}",
                share * 100.0,
                ceiling(c)
            ),
            Reason::TooLittleEasy { share, ceiling: c } => format!(
                "only {:.0}% of moving time at or below {}",
                share * 100.0,
                ceiling(c)
            ),
            Reason::HrNotTrusted { coverage, .. } => format!(
                "heart rate usable for only {:.0}% of moving time",
                coverage * 100.0
            ),
            Reason::NoEasyCeiling => "no easy ceiling".into(),
            Reason::PerceivedEffort { rpe, max, .. } => {
                format!("perceived effort {rpe:.0} of 10 (at most {max:.0})")
            }
            Reason::NoNormalPace => "no baseline yet".into(),
            Reason::ImpossibleSpeed { .. } => "impossible average speed".into(),
            other => other.sentence(Units::Km),
        }
    }

    /// The reason as the season table states it, for a criterion that did not pass: a few words,
    /// e.g. "too fast: 5:45/km vs ≥ 6:10/km". `name` is the criterion's name.
    pub fn brief(&self, name: &str, units: Units) -> String {
        let pace = |p: f64| Pace(p).show(units).to_string();
        match self {
            Reason::TooLong { moving_s, max_s } => {
                format!(
                    "too long: {} > {}",
                    fmt_duration(*moving_s),
                    fmt_duration(*max_s)
                )
            }
            Reason::TooFast {
                average, required, ..
            } => format!("too fast: {} vs ≥ {}", pace(*average), pace(*required)),
            Reason::FastSplits { .. } => "a split faster than normal pace".into(),
            Reason::LongBlockAbove { .. }
            | Reason::TooMuchAbove { .. }
            | Reason::TooLittleEasy { .. } => format!("HR: {}", self.short()),
            Reason::PerceivedEffort { .. } => format!("RPE: {}", self.short()),
            Reason::GradeAdjusted {
                raw_average,
                on_gap,
                ..
            } => format!(
                "{} (grade-adjusted; raw {})",
                on_gap.brief(name, units),
                pace(*raw_average)
            ),
            Reason::NoDistance
            | Reason::NoTime
            | Reason::ImpossibleSpeed { .. }
            | Reason::NoNormalPace
            | Reason::NoHeartRate
            | Reason::NoEasyCeiling
            | Reason::HrNotTrusted { .. } => format!("{name} unknown: {}", self.short()),
            _ => format!("{name}: {}", self.sentence(units)),
        }
    }
}

/// `(85% of lactate-threshold HR)`: the rung the ceiling came from.
fn rung(c: &CeilingRef) -> String {
    format!("({})", c.rung.describe(c.share))
}

/// Time set aside under this rounds to nothing and is not listed, seconds.
const SHOWN_MIN_S: f64 = 0.5;

/// The rules that set heart-rate time aside, in words, e.g. "cadence lock 4:10, spikes 0:06".
pub fn set_aside(u: &Untrusted) -> String {
    [
        ("no HR", u.missing_s),
        ("above max HR", u.above_max_s),
        ("spikes", u.spike_s),
        ("cadence lock", u.cadence_lock_s),
    ]
    .iter()
    .filter(|(_, s)| *s >= SHOWN_MIN_S)
    .map(|(name, s)| format!("{name} {}", fmt_duration(*s)))
    .collect::<Vec<_>>()
    .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const LTHR: CeilingRef = CeilingRef {
        bpm: 146.2,
        rung: CeilingRung::Lthr,
        share: 0.85,
    };

    #[test]
    fn effort_sentences_name_the_ceiling_and_its_rung() {
        let r = Reason::TooLittleEasy {
            share: 0.455,
            ceiling: LTHR,
        };
        assert_eq!(
            r.sentence(Units::Km),
            "only 46% of moving time at or below the easy ceiling 146 bpm (85% of lactate-threshold HR)"
        );
        assert_eq!(
            r.brief("effort", Units::Km),
            "HR: only 46% of moving time at or below the easy ceiling 146 bpm"
        );
    }

    #[test]
    fn untrusted_heart_rate_is_briefly_the_coverage() {
        let r = Reason::HrNotTrusted {
            coverage: 0.42,
            untrusted: Untrusted {
                cadence_lock_s: 250.0,
                spike_s: 6.0,
                ..Untrusted::default()
            },
        };
        assert_eq!(
            r.sentence(Units::Km),
            "heart rate usable for only 42% of moving time (spikes 0:06, cadence lock 4:10)"
        );
        assert_eq!(
            r.brief("effort", Units::Km),
            "effort unknown: heart rate usable for only 42% of moving time"
        );
    }

    #[test]
    fn too_fast_states_the_slow_down_actually_required() {
        // 90 s/mi = 55.92 s/km: a profile asking for 1:30/mi, not the default 1:00/mi.
        let slower_by = 90.0 / 1.609344;
        let r = Reason::TooFast {
            average: 345.0,
            normal: 330.0,
            slower_by,
            required: 330.0 + slower_by,
        };
        // 330 + 55.92 = 385.92 s/km = 6:26/km
        assert_eq!(
            r.sentence(Units::Km),
            "average 5:45/km is faster than normal 5:30/km + 1:30/mi = 6:26/km"
        );
        assert_eq!(r.brief("pace", Units::Km), "too fast: 5:45/km vs ≥ 6:26/km");
    }
}
