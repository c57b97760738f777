//! What kind of session a run was — recovery, easy, steady, workout, long, race or walk — measured
//! from the run first (heart rate against the easy ceiling and the hard threshold, repeated fast
//! blocks in pace, moving time, walking), then the runner's declared intent where the numbers
//! allow it. The evidence is data; its words are made in [`Evidence::sentence`].

use super::effort::HrProfile;
use super::intent::IntentLabel;
use crate::activity::Sport;
use crate::analyze::structure::PaceStructure;
use crate::profile::{HardThreshold, SessionRules};
use crate::units::{fmt_duration, Pace, Units};

/// A session type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionType {
    /// Passed the recovery rule.
    Recovery,
    /// Mostly at or below the easy ceiling.
    Easy,
    /// Mostly between the easy ceiling and the hard threshold.
    Steady,
    /// Intervals, tempo, threshold, hills: hard blocks or repeated fast blocks.
    Workout,
    /// Long by moving time.
    Long,
    /// Declared a race, and run like one.
    Race,
    /// Mostly walking.
    Walk,
}

impl SessionType {
    /// The name in JSON, CSV and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionType::Recovery => "recovery",
            SessionType::Easy => "easy",
            SessionType::Steady => "steady",
            SessionType::Workout => "workout",
            SessionType::Long => "long",
            SessionType::Race => "race",
            SessionType::Walk => "walk",
        }
    }

    /// The type as a noun in a sentence: "long run", "workout", "walk".
    pub fn noun(self) -> &'static str {
        match self {
            SessionType::Recovery => "recovery run",
            SessionType::Easy => "easy run",
            SessionType::Steady => "steady run",
            SessionType::Workout => "workout",
            SessionType::Long => "long run",
            SessionType::Race => "race",
            SessionType::Walk => "walk",
        }
    }

    /// Hard days hold a workout, a race or a long run (Daniels counts long runs as hard days).
    pub fn is_hard(self) -> bool {
        matches!(
            self,
            SessionType::Workout | SessionType::Race | SessionType::Long
        )
    }

    /// How hard the type is, for "the hardest session of the day": its place in
    /// [`SessionType::BY_HARDNESS`] (walk 0 up to race 6).
    pub fn hardness(self) -> usize {
        SessionType::BY_HARDNESS
            .iter()
            .position(|&k| k == self)
            .unwrap_or(0)
    }

    /// Every type from the easiest to the hardest.
    pub const BY_HARDNESS: [SessionType; 7] = [
        SessionType::Walk,
        SessionType::Recovery,
        SessionType::Easy,
        SessionType::Steady,
        SessionType::Long,
        SessionType::Workout,
        SessionType::Race,
    ];
}

/// Why a run got its type, as data.
#[derive(Debug, Clone, PartialEq)]
pub enum Evidence {
    /// The file says walking or hiking.
    WalkingSport,
    /// Walked for this share of moving time.
    Walked {
        /// Share walked.
        share: f64,
    },
    /// Passed all three recovery criteria.
    PassedRecovery,
    /// Declared a race, and the heart rate or pace says so.
    Raced {
        /// Time above the hard threshold, when heart rate says it.
        hard_s: Option<f64>,
    },
    /// Blocks above the hard threshold.
    HardBlocks {
        /// Blocks of a minute or more.
        blocks: usize,
        /// The threshold.
        hard: HardThreshold,
    },
    /// Sustained time above the hard threshold.
    HardTime {
        /// Time above.
        hard_s: f64,
        /// The threshold.
        hard: HardThreshold,
    },
    /// Repeated fast blocks in pace.
    Repeats {
        /// How many.
        repeats: usize,
        /// The fast blocks' pace, s/km.
        fast: f64,
        /// The pace between them, s/km.
        slow: f64,
    },
    /// Long by moving time.
    LongMoving {
        /// Moving time.
        moving_s: f64,
        /// From when a run is long.
        min_s: f64,
    },
    /// Declared a long run, and long enough to be one.
    DeclaredLong {
        /// Moving time.
        moving_s: f64,
    },
    /// Much of the heart rate between the easy ceiling and the hard threshold.
    AboveEasy {
        /// Share of trusted HR time above the ceiling.
        share: f64,
        /// The easy ceiling, bpm.
        ceiling_bpm: f64,
    },
    /// Mostly at or below the easy ceiling.
    BelowEasy {
        /// Share of trusted HR time at or below the ceiling.
        share: f64,
        /// The easy ceiling, bpm.
        ceiling_bpm: f64,
    },
    /// No heart rate to say more (or no easy ceiling to read it by), and no hard structure in
    /// the pace.
    NothingHard {
        /// True when the run had heart rate but no easy ceiling was known to read it by.
        hr_unread: bool,
    },
}

/// Declared a race (or long run) that the numbers do not bear out: noted, not believed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotBelieved(pub IntentLabel);

/// A run's session type with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The type.
    pub kind: SessionType,
    /// Why.
    pub evidence: Evidence,
    /// A declared intent the numbers did not allow.
    pub not_believed: Option<NotBelieved>,
    /// Units for paces in the words.
    pub units: Units,
}

/// What the session type is read from.
#[derive(Debug, Clone, Copy)]
pub struct SessionFacts<'a> {
    /// The sport the file names.
    pub sport: Sport,
    /// Moving time, seconds.
    pub moving_s: f64,
    /// Walking time, seconds.
    pub walking_s: f64,
    /// Trusted heart rate, reduced.
    pub hr: Option<&'a HrProfile>,
    /// Fast and slow blocks in pace.
    pub structure: &'a PaceStructure,
    /// Whether the run passed the recovery rule.
    pub recovery: bool,
    /// What the runner called it.
    pub intent: Option<IntentLabel>,
    /// Normal pace, s/km, when known.
    pub normal_s_per_km: Option<f64>,
    /// Average moving pace, s/km.
    pub average_s_per_km: Option<f64>,
}

/// The session type of a running or walking activity; `None` for other sports.
///
/// ```
/// use runaudit::analyze::structure::PaceStructure;
/// use runaudit::activity::Sport;
/// use runaudit::classify::session::{session_type, SessionFacts, SessionType};
/// use runaudit::profile::{SessionRules, Source, Sourced};
/// use runaudit::units::Units;
/// // 100 minutes with nothing hard in it, with long runs from 90 minutes: long.
/// let mut rules = SessionRules::default();
/// rules.long_moving_s = Sourced::new(5400.0, Source::Flag);
/// let facts = SessionFacts { sport: Sport::Running, moving_s: 6000.0, walking_s: 0.0, hr: None,
///     structure: &PaceStructure::default(), recovery: false, intent: None,
///     normal_s_per_km: None, average_s_per_km: Some(330.0) };
/// let s = session_type(&facts, None, None, &rules, Units::Km).unwrap();
/// assert_eq!(s.kind, SessionType::Long);
/// assert_eq!(s.sentence(), "long: 1:40:00 moving (long from 1:30:00)");
/// ```
pub fn session_type(
    f: &SessionFacts,
    ceiling_bpm: Option<f64>,
    hard: Option<HardThreshold>,
    rules: &SessionRules,
    units: Units,
) -> Option<Session> {
    let done = |kind, evidence| {
        Some(Session {
            kind,
            evidence,
            not_believed: None,
            units,
        })
    };
    match f.sport {
        Sport::Walking | Sport::Hiking => return done(SessionType::Walk, Evidence::WalkingSport),
        Sport::Running | Sport::Unknown => {}
        _ => return None,
    }
    let walked = if f.moving_s > 0.0 {
        f.walking_s / f.moving_s
    } else {
        0.0
    };
    if walked >= rules.walk_share_min.value {
        return done(SessionType::Walk, Evidence::Walked { share: walked });
    }
    if f.recovery {
        return done(SessionType::Recovery, Evidence::PassedRecovery);
    }
    let hr = f.hr.filter(|h| h.trusted_s() >= rules.hr_min_s.value);
    let hard_stats = hr
        .zip(hard)
        .map(|(h, t)| (h.effort(t.bpm), h.blocks_above(t.bpm), t));
    // A declared race is believed when it was run hard: a share of the heart rate above the
    // hard threshold, or without heart rate an average faster than normal pace.
    if f.intent == Some(IntentLabel::Race) {
        let raced = match (hard_stats, f.average_s_per_km.zip(f.normal_s_per_km)) {
            (Some((e, _, _)), _) => e.above_s >= rules.race_hard_share.value * e.trusted_s,
            (None, Some((avg, normal))) => avg < normal,
            (None, None) => false,
        };
        if raced {
            let hard_s = hard_stats.map(|(e, _, _)| e.above_s);
            return done(SessionType::Race, Evidence::Raced { hard_s });
        }
    }
    let measured = measure(f, hr, hard_stats, ceiling_bpm, rules);
    let not_believed = match f.intent {
        Some(IntentLabel::Race) => Some(NotBelieved(IntentLabel::Race)),
        Some(IntentLabel::Long) if measured.0 != SessionType::Long => {
            let from_s = rules.declared_long_share.value * rules.long_moving_s.value;
            if f.moving_s >= from_s && !measured.0.is_hard() {
                return done(
                    SessionType::Long,
                    Evidence::DeclaredLong {
                        moving_s: f.moving_s,
                    },
                );
            }
            Some(NotBelieved(IntentLabel::Long))
        }
        _ => None,
    };
    Some(Session {
        kind: measured.0,
        evidence: measured.1,
        not_believed,
        units,
    })
}

/// The type from the numbers alone: workout, long, steady or easy.
fn measure(
    f: &SessionFacts,
    hr: Option<&HrProfile>,
    hard_stats: Option<(super::effort::EffortStats, usize, HardThreshold)>,
    ceiling_bpm: Option<f64>,
    rules: &SessionRules,
) -> (SessionType, Evidence) {
    if let Some((e, blocks, hard)) = hard_stats {
        if blocks >= rules.workout_blocks_min.value {
            return (SessionType::Workout, Evidence::HardBlocks { blocks, hard });
        }
        if e.above_s >= rules.workout_hard_s.value {
            let hard_s = e.above_s;
            return (SessionType::Workout, Evidence::HardTime { hard_s, hard });
        }
    }
    let s = f.structure;
    // Fast blocks with walking between them are a run-walk, not intervals; with a normal pace
    // known, the fast blocks must also be faster than it.
    let fast_pace = (s.fast_m_s > 0.0).then(|| 1000.0 / s.fast_m_s);
    let quick = match (fast_pace, f.normal_s_per_km) {
        (Some(p), Some(normal)) => p < normal,
        (Some(_), None) => true,
        (None, _) => false,
    };
    let run_walk = s.slow_walking_share >= rules.run_walk_share_min.value;
    if s.repeats >= rules.workout_repeats_min.value && !run_walk && quick {
        let slow = if s.slow_m_s > 0.0 {
            1000.0 / s.slow_m_s
        } else {
            0.0
        };
        return (
            SessionType::Workout,
            Evidence::Repeats {
                repeats: s.repeats,
                fast: fast_pace.unwrap_or(0.0),
                slow,
            },
        );
    }
    if f.moving_s >= rules.long_moving_s.value {
        return (
            SessionType::Long,
            Evidence::LongMoving {
                moving_s: f.moving_s,
                min_s: rules.long_moving_s.value,
            },
        );
    }
    if let Some((h, ceiling_bpm)) = hr.zip(ceiling_bpm) {
        let e = h.effort(ceiling_bpm);
        let above = if e.trusted_s > 0.0 {
            e.above_s / e.trusted_s
        } else {
            0.0
        };
        if above >= rules.steady_share_min.value {
            return (
                SessionType::Steady,
                Evidence::AboveEasy {
                    share: above,
                    ceiling_bpm,
                },
            );
        }
        return (
            SessionType::Easy,
            Evidence::BelowEasy {
                share: 1.0 - above,
                ceiling_bpm,
            },
        );
    }
    let hr_unread = hr.is_some();
    (SessionType::Easy, Evidence::NothingHard { hr_unread })
}

impl Session {
    /// The type and its evidence in one line, e.g. "workout: 5 blocks of a minute or more above
    /// the hard threshold 163 bpm (95% of lactate-threshold HR)".
    pub fn sentence(&self) -> String {
        let mut s = format!(
            "{}: {}",
            self.kind.as_str(),
            self.evidence.sentence(self.units)
        );
        if let Some(NotBelieved(label)) = self.not_believed {
            s.push_str(&format!(
                "; declared {} but not run as one",
                match label {
                    IntentLabel::Race => "a race",
                    IntentLabel::Long => "a long run",
                    _ => "otherwise",
                }
            ));
        }
        s
    }
}

impl Evidence {
    /// The evidence in words, paces in `units`.
    pub fn sentence(&self, units: Units) -> String {
        let pace = |p: f64| Pace(p).show(units).to_string();
        let hard_words = |h: &HardThreshold| format!("{:.0} bpm ({})", h.bpm, h.describe());
        match self {
            Evidence::WalkingSport => "the file says walking".into(),
            Evidence::Walked { share } => format!("walked {:.0}% of moving time", share * 100.0),
            Evidence::PassedRecovery => "passed the recovery rule".into(),
            Evidence::Raced { hard_s: Some(s) } => format!(
                "declared a race and run hard ({} above the hard threshold)",
                fmt_duration(*s)
            ),
            Evidence::Raced { hard_s: None } => {
                "declared a race and run faster than normal pace".into()
            }
            Evidence::HardBlocks { blocks, hard } => format!(
                "{blocks} blocks of a minute or more above the hard threshold {}",
                hard_words(hard)
            ),
            Evidence::HardTime { hard_s, hard } => format!(
                "{} above the hard threshold {}",
                fmt_duration(*hard_s),
                hard_words(hard)
            ),
            Evidence::Repeats {
                repeats,
                fast,
                slow,
            } => format!(
                "{repeats} fast blocks at {} with {} between",
                pace(*fast),
                pace(*slow)
            ),
            Evidence::LongMoving { moving_s, min_s } => format!(
                "{} moving (long from {})",
                fmt_duration(*moving_s),
                fmt_duration(*min_s)
            ),
            Evidence::DeclaredLong { moving_s } => {
                format!("declared a long run, {} moving", fmt_duration(*moving_s))
            }
            Evidence::AboveEasy { share, ceiling_bpm } => format!(
                "{:.0}% of heart-rate time above the easy ceiling {ceiling_bpm:.0} bpm, little above the hard threshold",
                share * 100.0
            ),
            Evidence::BelowEasy { share, ceiling_bpm } => format!(
                "{:.0}% of heart-rate time at or below the easy ceiling {ceiling_bpm:.0} bpm",
                share * 100.0
            ),
            Evidence::NothingHard { hr_unread: false } => {
                "no heart rate, and nothing hard in the pace".into()
            }
            Evidence::NothingHard { hr_unread: true } => {
                "no heart-rate thresholds to read the heart rate by, and nothing hard in the pace"
                    .into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::gate::{HrPoint, Untrusted};
    use crate::profile::HardRung;

    /// 1-Hz heart rate, one value per second of moving time.
    fn hr(bpm: &[u8]) -> HrProfile {
        let pts = HrPoint::every_second(bpm);
        HrProfile::build(&pts, &vec![true; pts.len()], Untrusted::default())
    }

    const HARD: HardThreshold = HardThreshold {
        bpm: 163.4,
        rung: HardRung::Lthr,
        share: 0.95,
    };
    const CEILING: f64 = 146.2;

    fn facts<'a>(hr: Option<&'a HrProfile>, structure: &'a PaceStructure) -> SessionFacts<'a> {
        SessionFacts {
            sport: Sport::Running,
            moving_s: 2400.0,
            walking_s: 0.0,
            hr,
            structure,
            recovery: false,
            intent: None,
            normal_s_per_km: Some(330.0),
            average_s_per_km: Some(340.0),
        }
    }

    fn kind(f: &SessionFacts) -> SessionType {
        kind_with(f, &SessionRules::default())
    }

    fn kind_with(f: &SessionFacts, rules: &SessionRules) -> SessionType {
        session_type(f, Some(CEILING), Some(HARD), rules, Units::Km)
            .map(|s| s.kind)
            .unwrap()
    }

    #[test]
    fn intervals_in_heart_rate_are_a_workout() {
        // 10 min at 140, then 5 × (2 min at 170, 2 min at 140): five blocks of 120 s above 163.
        let mut bpm = vec![140u8; 600];
        for _ in 0..5 {
            bpm.extend([170u8; 120]);
            bpm.extend([140u8; 120]);
        }
        let p = hr(&bpm);
        let s = PaceStructure::default();
        assert_eq!(kind(&facts(Some(&p), &s)), SessionType::Workout);
    }

    #[test]
    fn a_tempo_is_fifteen_minutes_above_the_hard_threshold() {
        // 10 min at 140, 16 min at 166, 10 min at 140: one block, 960 s ≥ 900 s.
        let mut bpm = vec![140u8; 600];
        bpm.extend([166u8; 960]);
        bpm.extend([140u8; 600]);
        let s = PaceStructure::default();
        let p = hr(&bpm);
        assert_eq!(kind(&facts(Some(&p), &s)), SessionType::Workout);
        // 14 minutes is not enough: steady (14 of 34 min above the ceiling = 41% < 50%) → easy.
        let mut bpm = vec![140u8; 600];
        bpm.extend([166u8; 840]);
        bpm.extend([140u8; 600]);
        let p = hr(&bpm);
        assert_eq!(kind(&facts(Some(&p), &s)), SessionType::Easy);
    }

    #[test]
    fn mostly_between_the_ceiling_and_the_hard_threshold_is_steady() {
        // 40 min at 155: above 146.2, below 163.4.
        let p = hr(&[155u8; 2400]);
        let s = PaceStructure::default();
        assert_eq!(kind(&facts(Some(&p), &s)), SessionType::Steady);
    }

    #[test]
    fn easy_for_want_of_evidence_says_what_was_missing() {
        // No thresholds at all: with heart rate, the evidence must not claim there was none.
        let s = PaceStructure::default();
        let p = hr(&[150u8; 2400]);
        let evidence = |hr| {
            session_type(
                &facts(hr, &s),
                None,
                None,
                &SessionRules::default(),
                Units::Km,
            )
            .map(|x| (x.kind, x.sentence()))
        };
        assert_eq!(
            evidence(Some(&p)),
            Some((
                SessionType::Easy,
                "easy: no heart-rate thresholds to read the heart rate by, and nothing hard in \
                 the pace"
                    .into()
            ))
        );
        assert_eq!(
            evidence(None),
            Some((
                SessionType::Easy,
                "easy: no heart rate, and nothing hard in the pace".into()
            ))
        );
    }

    #[test]
    fn intervals_without_heart_rate_are_seen_in_the_pace() {
        // 6 repeats at 4.5 m/s (222 s/km, faster than normal 330) with jogs at 2.5 m/s.
        let s = PaceStructure {
            repeats: 6,
            fast_m_s: 4.5,
            slow_m_s: 2.5,
            slow_walking_share: 0.0,
        };
        assert_eq!(kind(&facts(None, &s)), SessionType::Workout);
        // The same blocks with walking between them are a run-walk: easy.
        let walk = PaceStructure {
            slow_walking_share: 0.8,
            ..s
        };
        assert_eq!(kind(&facts(None, &walk)), SessionType::Easy);
        // Fast blocks slower than normal pace (3.0 m/s = 333 s/km) are no intervals either.
        let slow = PaceStructure { fast_m_s: 3.0, ..s };
        assert_eq!(kind(&facts(None, &slow)), SessionType::Easy);
    }

    #[test]
    fn a_declared_race_is_believed_only_when_run_hard() {
        let s = PaceStructure::default();
        let hard = hr(&[170u8; 1500]);
        let mut f = facts(Some(&hard), &s);
        f.intent = Some(IntentLabel::Race);
        assert_eq!(kind(&f), SessionType::Race);
        let easy = hr(&[135u8; 1500]);
        let mut f = facts(Some(&easy), &s);
        f.intent = Some(IntentLabel::Race);
        let got = session_type(
            &f,
            Some(CEILING),
            Some(HARD),
            &SessionRules::default(),
            Units::Km,
        )
        .unwrap();
        assert_eq!(got.kind, SessionType::Easy);
        assert!(
            got.sentence()
                .ends_with("declared a race but not run as one"),
            "{}",
            got.sentence()
        );
    }

    #[test]
    fn long_by_time_or_declared_and_close_to_it() {
        let s = PaceStructure::default();
        let mut f = facts(None, &s);
        // Long from 90 min, declared long believed from 75% of it.
        let mut rules = SessionRules::default();
        rules.long_moving_s.value = 5400.0;
        rules.declared_long_share.value = 0.75;
        f.moving_s = 5400.0;
        assert_eq!(kind_with(&f, &rules), SessionType::Long);
        f.moving_s = 5399.0;
        assert_eq!(kind_with(&f, &rules), SessionType::Easy);
        // Declared long at 70 min (≥ 75% of 90 = 67.5 min): long; at 60 min: easy, noted.
        f.moving_s = 4200.0;
        f.intent = Some(IntentLabel::Long);
        assert_eq!(kind_with(&f, &rules), SessionType::Long);
        f.moving_s = 3600.0;
        assert_eq!(kind_with(&f, &rules), SessionType::Easy);
    }

    #[test]
    fn walks_and_recovery_runs() {
        let s = PaceStructure::default();
        let mut f = facts(None, &s);
        f.walking_s = 1300.0; // 54% of 2400 s
        assert_eq!(kind(&f), SessionType::Walk);
        f.walking_s = 0.0;
        f.recovery = true;
        assert_eq!(kind(&f), SessionType::Recovery);
        f.sport = Sport::Cycling;
        assert!(session_type(&f, None, None, &SessionRules::default(), Units::Km).is_none());
    }
}
