//! What kind of session a run was — recovery, easy, steady, workout, long, race or walk — from
//! the runner's own numbers: what the watch recorded (a structured workout), then the pace against
//! the runner's normal pace from their history (repetitions, tempo, a race, a long run, steady),
//! with heart rate deciding only where no distance was recorded or no history anchors the pace;
//! then the runner's declared intent where the numbers allow it. The evidence is data; its words
//! are made in [`Evidence::sentence`].

use super::effort::HrProfile;
use super::intent::IntentLabel;
use super::race::{raced, RaceDistance, RaceRules, Raced};
use super::reps::{fast_blocks, lap_reps, FastBlocks, RepRules, Structure};
use crate::activity::Sport;
use crate::analyze::speed_bins::SpeedBins;
use crate::baseline::{quantile, MEDIAN};
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
    /// The watch's laps: fast laps with slower laps on both sides, enough for intervals.
    LapReps {
        /// Fast laps.
        reps: usize,
        /// Their moving time together, s.
        total_s: f64,
        /// Their pace, s/km.
        pace_s_per_km: f64,
    },
    /// The watch ran a structured workout (laps marked work and rest in turn).
    WatchWorkout {
        /// What the watch recorded, e.g. "structured workout: 5 work laps, 4 rest laps".
        recorded: String,
    },
    /// Repetitions against normal pace, enough of them for intervals.
    Intervals {
        /// How many.
        reps: usize,
        /// Their moving time together, s.
        total_s: f64,
        /// Their mean pace, s/km.
        pace_s_per_km: f64,
        /// The pace they were read against, s/km.
        against_s_per_km: f64,
        /// Which pace that is.
        against: Against,
    },
    /// A sustained block clearly faster than normal pace.
    Tempo {
        /// The longest block's moving time, s.
        block_s: f64,
        /// Its pace, s/km.
        pace_s_per_km: f64,
        /// The pace it was read against, s/km.
        against_s_per_km: f64,
        /// Which pace that is.
        against: Against,
    },
    /// A standard race distance run clearly faster than normal pace, and evenly.
    RacePace {
        /// The distance.
        distance: RaceDistance,
        /// Average pace, s/km.
        pace_s_per_km: f64,
        /// Normal pace, s/km.
        normal_s_per_km: f64,
        /// Share of moving time at or faster than normal pace.
        even_share: f64,
    },
    /// A marathon's length, whatever the pace.
    MarathonLength {
        /// Distance, m.
        distance_m: f64,
    },
    /// A long run with enough tempo or repetitions in it to be a workout.
    LongWithWork {
        /// Moving time, s.
        moving_s: f64,
        /// Time in tempo blocks, s.
        tempo_s: f64,
        /// Time in repetitions, s.
        reps_s: f64,
    },
    /// No repetitions or tempo, and clearly faster than normal pace.
    FasterThanNormal {
        /// Average pace, s/km.
        pace_s_per_km: f64,
        /// Normal pace, s/km.
        normal_s_per_km: f64,
    },
    /// No repetitions or tempo, and about normal pace or slower.
    AboutNormal {
        /// Average pace, s/km (`None` without distance).
        pace_s_per_km: Option<f64>,
        /// Normal pace, s/km.
        normal_s_per_km: f64,
    },
    /// No distance recorded, and heart rate rose and fell as repetitions do.
    HeartRateReps {
        /// Rises to near max HR.
        rises: usize,
        /// The max HR they were read against, bpm.
        max_hr_bpm: f64,
    },
}

/// The pace fast blocks are read against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Against {
    /// The runner's normal pace, from their history or given.
    Normal,
    /// The run's own median pace, for a run without history.
    OwnMedian,
}

impl Against {
    /// The name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Against::Normal => "normal_pace",
            Against::OwnMedian => "own_median_pace",
        }
    }

    /// The pace's name in a sentence.
    pub fn words(self) -> &'static str {
        match self {
            Against::Normal => "normal pace",
            Against::OwnMedian => "the run's own median pace",
        }
    }
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
    /// The file's sport said walking, but it was run: typed as a run.
    pub walking_sport_run: bool,
    /// Units for paces in the words.
    pub units: Units,
}

/// The runner's own pace and run length, from their history, that a run's type is read against.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Anchor {
    /// Normal pace, s/km.
    pub normal_s_per_km: f64,
    /// Median moving time of the window's runs, s (`None` without runs to take it from).
    pub median_moving_s: Option<f64>,
    /// How many runs it was read from (0 when the pace was given).
    pub runs: usize,
    /// Where it came from.
    pub from: AnchorFrom,
}

/// Where an [`Anchor`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnchorFrom {
    /// The normal pace the runner gave (profile or flag).
    Given,
    /// The runs in the window before the run.
    Before,
    /// Too few before: the runs in the same span either side of it.
    Around,
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
    /// Whether the run passed the recovery rule.
    pub recovery: bool,
    /// What the runner called it.
    pub intent: Option<IntentLabel>,
    /// Normal pace, s/km, when known.
    pub normal_s_per_km: Option<f64>,
    /// Average moving pace, s/km.
    pub average_s_per_km: Option<f64>,
    /// The run's moving time, distance and heart rate in short bins.
    pub bins: &'a SpeedBins,
    /// The runner's normal pace and run length from their history, when known.
    pub anchor: Option<Anchor>,
    /// What the watch recorded of a structured workout, when it ran one.
    pub watch_workout: Option<&'a str>,
    /// Max HR as judged, bpm.
    pub max_hr_bpm: Option<f64>,
    /// The watch's laps: (moving s, m) each.
    pub laps: &'a [(f64, f64)],
}

/// The session type of a running or walking activity; `None` for other sports.
///
/// ```
/// use runaudit::analyze::speed_bins::SpeedBins;
/// use runaudit::activity::Sport;
/// use runaudit::classify::session::{session_type, SessionFacts, SessionType};
/// use runaudit::profile::{SessionRules, Source, Sourced};
/// use runaudit::units::Units;
/// // 100 minutes with nothing hard in it and no history, with long runs from 90 minutes: long.
/// let mut rules = SessionRules::default();
/// rules.long_moving_s = Sourced::new(5400.0, Source::Flag);
/// let facts = SessionFacts { sport: Sport::Running, moving_s: 6000.0, walking_s: 0.0, hr: None,
///     recovery: false, intent: None,
///     normal_s_per_km: None, average_s_per_km: Some(330.0), bins: &SpeedBins::default(),
///     anchor: None, watch_workout: None, max_hr_bpm: None, laps: &[] };
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
    let mut walking_sport_run = false;
    let done = |kind, evidence, not_believed, walking_sport_run| {
        Some(Session {
            kind,
            evidence,
            not_believed,
            walking_sport_run,
            units,
        })
    };
    match f.sport {
        Sport::Walking | Sport::Hiking => {
            let run = running_share(f.bins, rules.running_pace_max_s_per_km.value);
            if !(run > 0.0 && run >= rules.walk_sport_running_share.value) {
                return done(SessionType::Walk, Evidence::WalkingSport, None, false);
            }
            walking_sport_run = true;
        }
        Sport::Running | Sport::Unknown => {}
        _ => return None,
    }
    let walked = if f.moving_s > 0.0 {
        f.walking_s / f.moving_s
    } else {
        0.0
    };
    if walked >= rules.walk_share_min.value {
        let evidence = Evidence::Walked { share: walked };
        return done(SessionType::Walk, evidence, None, walking_sport_run);
    }
    if f.recovery {
        let evidence = Evidence::PassedRecovery;
        return done(SessionType::Recovery, evidence, None, walking_sport_run);
    }
    if let Some(recorded) = f.watch_workout {
        let evidence = Evidence::WatchWorkout {
            recorded: recorded.to_string(),
        };
        return done(SessionType::Workout, evidence, None, walking_sport_run);
    }
    let hr = f.hr.filter(|h| h.trusted_s() >= rules.hr_min_s.value);
    let hard_stats = hr
        .zip(hard)
        .map(|(h, t)| (h.effort(t.bpm), h.blocks_above(t.bpm), t));
    let has_distance = f.bins.distance_m() > 0.0 && f.average_s_per_km.is_some();
    let rep_rules = RepRules::from_rules(rules);
    let normal = f.anchor.map(|a| a.normal_s_per_km);
    let laps = FastBlocks {
        reps: lap_reps(f.laps, normal, &rep_rules),
        ..FastBlocks::default()
    };
    if let Some(Structure::Intervals {
        reps,
        total_s,
        pace_s_per_km,
    }) = laps.structure(&rep_rules)
    {
        let evidence = Evidence::LapReps {
            reps,
            total_s,
            pace_s_per_km,
        };
        return done(SessionType::Workout, evidence, None, walking_sport_run);
    }
    let (kind, evidence, not_believed) = match f.anchor.filter(|_| has_distance) {
        Some(anchor) => anchored(f, anchor, hard_stats, rules),
        None => unanchored(f, hr, hard_stats, ceiling_bpm, has_distance, rules),
    };
    done(kind, evidence, not_believed, walking_sport_run)
}

/// The type, its evidence and a declared intent not believed.
type Typed = (SessionType, Evidence, Option<NotBelieved>);

/// Heart rate above the hard threshold: its time, its blocks, the threshold.
type HardStats = (super::effort::EffortStats, usize, HardThreshold);

/// The type read against the runner's normal pace: a race, a long run (a workout when it holds
/// enough tempo or repetitions), intervals or tempo, steady, easy.
fn anchored(
    f: &SessionFacts,
    a: Anchor,
    hard_stats: Option<HardStats>,
    rules: &SessionRules,
) -> Typed {
    let normal = a.normal_s_per_km;
    let rep_rules = RepRules::from_rules(rules);
    let blocks = fast_blocks(f.bins, normal, &rep_rules);
    let declared_race = f.intent == Some(IntentLabel::Race);
    match raced(f.bins, &blocks, normal, &RaceRules::from_rules(rules)) {
        Some(Raced::Paced {
            distance,
            pace_s_per_km,
            even_share,
        }) => {
            let evidence = Evidence::RacePace {
                distance,
                pace_s_per_km,
                normal_s_per_km: normal,
                even_share,
            };
            return (SessionType::Race, evidence, None);
        }
        Some(Raced::MarathonLength { distance_m }) => {
            return (
                SessionType::Race,
                Evidence::MarathonLength { distance_m },
                None,
            );
        }
        None => {}
    }
    // A declared race off a standard distance (a trail race, a relay leg) is believed when run
    // hard by heart rate or clearly faster than normal.
    if declared_race {
        let hard_run = hard_stats
            .is_some_and(|(e, _, _)| e.above_s >= rules.race_hard_share.value * e.trusted_s);
        let fast = f
            .average_s_per_km
            .is_some_and(|p| p <= normal - rules.race_faster_s_per_km.value);
        if hard_run || fast {
            let hard_s = hard_stats.map(|(e, _, _)| e.above_s);
            return (SessionType::Race, Evidence::Raced { hard_s }, None);
        }
    }
    let mut not_believed = declared_race.then_some(NotBelieved(IntentLabel::Race));
    // A run the runner called easy or recovery is long only from `long_run_min`: their word
    // outranks a length judged against their median.
    let long_from = match f.intent {
        Some(IntentLabel::Easy | IntentLabel::Recovery) => rules.long_moving_s.value,
        _ => long_from_s(a, rules),
    };
    let (kind, evidence) = if f.moving_s >= long_from {
        long_run(f.moving_s, long_from, Some(&blocks), rules)
    } else {
        match blocks.structure(&rep_rules) {
            Some(structure) => (
                SessionType::Workout,
                structured(structure, normal, Against::Normal),
            ),
            None => match f.average_s_per_km {
                Some(p) if p <= normal - rules.steady_faster_s_per_km.value => {
                    let evidence = Evidence::FasterThanNormal {
                        pace_s_per_km: p,
                        normal_s_per_km: normal,
                    };
                    (SessionType::Steady, evidence)
                }
                pace_s_per_km => {
                    let evidence = Evidence::AboutNormal {
                        pace_s_per_km,
                        normal_s_per_km: normal,
                    };
                    (SessionType::Easy, evidence)
                }
            },
        }
    };
    if f.intent == Some(IntentLabel::Long) && kind != SessionType::Long {
        if f.moving_s >= rules.declared_long_share.value * long_from && !kind.is_hard() {
            let evidence = Evidence::DeclaredLong {
                moving_s: f.moving_s,
            };
            return (SessionType::Long, evidence, None);
        }
        not_believed = Some(NotBelieved(IntentLabel::Long));
    }
    (kind, evidence, not_believed)
}

/// A run long by its moving time (`long_from_s` or more): a long run, or a workout when its fast
/// `blocks` hold `long_workout_tempo_min` of tempo or `long_workout_reps_min` of repetitions (a
/// fast finish stays a long run).
fn long_run(
    moving_s: f64,
    long_from_s: f64,
    blocks: Option<&FastBlocks>,
    rules: &SessionRules,
) -> (SessionType, Evidence) {
    let (tempo_s, reps_s) = blocks.map_or((0.0, 0.0), |b| (b.tempo_s(), b.reps_s()));
    if tempo_s >= rules.long_workout_tempo_s.value || reps_s >= rules.long_workout_reps_s.value {
        let evidence = Evidence::LongWithWork {
            moving_s,
            tempo_s,
            reps_s,
        };
        return (SessionType::Workout, evidence);
    }
    let evidence = Evidence::LongMoving {
        moving_s,
        min_s: long_from_s,
    };
    (SessionType::Long, evidence)
}

/// From when a run is long: `long_run_min` at most, else the share of the runner's median moving
/// time (`long_run_median_pct`), but never under the floor (`long_run_floor_min`).
///
/// ```
/// use runaudit::classify::session::{long_from_s, Anchor, AnchorFrom};
/// use runaudit::profile::SessionRules;
/// let r = SessionRules::default();
/// let with = |median| Anchor { normal_s_per_km: 330.0, median_moving_s: median, runs: 9,
///     from: AnchorFrom::Before };
/// // median 45 min → 1.6 × 45 = 72 min; median 30 min → the 60-min floor; 70 min → 95 at most.
/// assert_eq!(long_from_s(with(Some(2700.0)), &r), 4320.0);
/// assert_eq!(long_from_s(with(Some(1800.0)), &r), 3600.0);
/// assert_eq!(long_from_s(with(Some(4200.0)), &r), 5700.0);
/// assert_eq!(long_from_s(with(None), &r), 5700.0);
/// ```
pub fn long_from_s(a: Anchor, rules: &SessionRules) -> f64 {
    let cap = rules.long_moving_s.value;
    match a.median_moving_s {
        Some(median) => (rules.long_median_factor.value * median)
            .max(rules.long_floor_s.value)
            .min(cap),
        None => cap,
    }
}

/// The type without a normal pace to read the run against (no history, or no distance): heart
/// rate against the hard threshold and the easy ceiling, fast blocks in the run's own pace, or,
/// without distance, heart rate rising and falling as repetitions do.
fn unanchored(
    f: &SessionFacts,
    hr: Option<&HrProfile>,
    hard_stats: Option<HardStats>,
    ceiling_bpm: Option<f64>,
    has_distance: bool,
    rules: &SessionRules,
) -> Typed {
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
            return (SessionType::Race, Evidence::Raced { hard_s }, None);
        }
    }
    let hr_reps = (!has_distance)
        .then(|| f.max_hr_bpm.map(|m| (heart_rate_reps(f.bins, m, rules), m)))
        .flatten()
        .filter(|&(rises, _)| rises >= rules.hr_reps_min.value);
    let measured = match hr_reps {
        Some((rises, max_hr_bpm)) => (
            SessionType::Workout,
            Evidence::HeartRateReps { rises, max_hr_bpm },
        ),
        None => measure(f, hr, hard_stats, ceiling_bpm, rules),
    };
    let not_believed = match f.intent {
        Some(IntentLabel::Race) => Some(NotBelieved(IntentLabel::Race)),
        Some(IntentLabel::Long) if measured.0 != SessionType::Long => {
            let from_s = rules.declared_long_share.value * rules.long_moving_s.value;
            if f.moving_s >= from_s && !measured.0.is_hard() {
                let evidence = Evidence::DeclaredLong {
                    moving_s: f.moving_s,
                };
                return (SessionType::Long, evidence, None);
            }
            Some(NotBelieved(IntentLabel::Long))
        }
        _ => None,
    };
    (measured.0, measured.1, not_believed)
}

/// The evidence of intervals or a tempo block, read against `against_s_per_km`.
fn structured(structure: Structure, against_s_per_km: f64, against: Against) -> Evidence {
    match structure {
        Structure::Intervals {
            reps,
            total_s,
            pace_s_per_km,
        } => Evidence::Intervals {
            reps,
            total_s,
            pace_s_per_km,
            against_s_per_km,
            against,
        },
        Structure::Tempo {
            block_s,
            pace_s_per_km,
        } => Evidence::Tempo {
            block_s,
            pace_s_per_km,
            against_s_per_km,
            against,
        },
    }
}

/// The run's own median moving pace, s/km, when it is a running pace: what a run without history
/// is read against (a run-walk's median is a walking pace, and reads as no structure).
fn own_pace(bins: &SpeedBins, pace_max_s_per_km: f64) -> Option<f64> {
    let mut speeds: Vec<f64> = bins
        .bins
        .iter()
        .filter(|b| b.moving_s > 0.0)
        .map(|b| f64::from(b.distance_m) / f64::from(b.moving_s))
        .collect();
    speeds.sort_by(f64::total_cmp);
    let median = quantile(&speeds, MEDIAN);
    (median >= 1000.0 / pace_max_s_per_km).then(|| 1000.0 / median)
}

/// Share of moving time run at `pace_max_s_per_km` or faster.
fn running_share(bins: &SpeedBins, pace_max_s_per_km: f64) -> f64 {
    let run_m_s = 1000.0 / pace_max_s_per_km;
    let (mut moving, mut running) = (0.0, 0.0);
    for b in &bins.bins {
        let m = f64::from(b.moving_s);
        moving += m;
        if m > 0.0 && f64::from(b.distance_m) >= run_m_s * m {
            running += m;
        }
    }
    if moving > 0.0 {
        running / moving
    } else {
        0.0
    }
}

/// Rises of heart rate by `hr_rep_rise_bpm` or more to `hr_rep_peak_max_hr_pct` of max HR or
/// more, each followed by a fall of the same size before the next counts: how repetitions show
/// in heart rate when no distance was recorded.
///
/// ```
/// use runaudit::analyze::speed_bins::SpeedBins;
/// use runaudit::classify::session::heart_rate_reps;
/// use runaudit::profile::SessionRules;
/// // 5 × (2 min at 175, 2 min at 130) in 5-s bins, max HR 190: 175 ≥ 80% × 190 = 152.
/// let mut hr = Vec::new();
/// for _ in 0..5 { hr.extend([130.0f32; 24]); hr.extend([175.0f32; 24]); }
/// hr.extend([130.0f32; 24]);
/// let bins = SpeedBins { bin_s: 5.0, bins: vec![Default::default(); hr.len()], hr_bpm: hr };
/// assert_eq!(heart_rate_reps(&bins, 190.0, &SessionRules::default()), 5);
/// ```
pub fn heart_rate_reps(bins: &SpeedBins, max_hr_bpm: f64, rules: &SessionRules) -> usize {
    let rise = rules.hr_rep_rise_bpm.value;
    let peak = rules.hr_rep_peak_share.value * max_hr_bpm;
    let (mut rises, mut high) = (0, false);
    let (mut low_bpm, mut high_bpm) = (f64::INFINITY, 0.0f64);
    for &bpm in bins.hr_bpm.iter().filter(|&&b| b > 0.0) {
        let bpm = f64::from(bpm);
        if high {
            high_bpm = high_bpm.max(bpm);
            if bpm <= high_bpm - rise {
                high = false;
                low_bpm = bpm;
            }
        } else {
            low_bpm = low_bpm.min(bpm);
            if bpm >= low_bpm + rise && bpm >= peak {
                rises += 1;
                high = true;
                high_bpm = bpm;
            }
        }
    }
    rises
}

/// The type from heart rate and the run's own pace alone: long (a workout with enough tempo or
/// repetitions in it), workout (heart rate above the hard threshold, or repetitions or tempo
/// against the run's own median pace), steady or easy.
fn measure(
    f: &SessionFacts,
    hr: Option<&HrProfile>,
    hard_stats: Option<HardStats>,
    ceiling_bpm: Option<f64>,
    rules: &SessionRules,
) -> (SessionType, Evidence) {
    let rep_rules = RepRules::from_rules(rules);
    let own = own_pace(f.bins, rules.running_pace_max_s_per_km.value)
        .map(|own| (own, fast_blocks(f.bins, own, &rep_rules)));
    if f.moving_s >= rules.long_moving_s.value {
        let blocks = own.as_ref().map(|(_, b)| b);
        return long_run(f.moving_s, rules.long_moving_s.value, blocks, rules);
    }
    if let Some((e, blocks, hard)) = hard_stats {
        if blocks >= rules.workout_blocks_min.value {
            return (SessionType::Workout, Evidence::HardBlocks { blocks, hard });
        }
        if e.above_s >= rules.workout_hard_s.value {
            let hard_s = e.above_s;
            return (SessionType::Workout, Evidence::HardTime { hard_s, hard });
        }
    }
    if let Some((own, blocks)) = &own {
        if let Some(structure) = blocks.structure(&rep_rules) {
            return (
                SessionType::Workout,
                structured(structure, *own, Against::OwnMedian),
            );
        }
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
        if self.walking_sport_run {
            s.push_str("; the file says walking, but it was run");
        }
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
            Evidence::WatchWorkout { recorded } => format!("the watch recorded a {recorded}"),
            Evidence::LapReps {
                reps,
                total_s,
                pace_s_per_km,
            } => format!(
                "{reps} fast laps with slower laps between, {} in all at {}",
                fmt_duration(*total_s),
                pace(*pace_s_per_km)
            ),
            Evidence::Intervals {
                reps,
                total_s,
                pace_s_per_km,
                against_s_per_km,
                against,
            } => format!(
                "{reps} repetitions, {} in all at {} ({} {})",
                fmt_duration(*total_s),
                pace(*pace_s_per_km),
                against.words(),
                pace(*against_s_per_km)
            ),
            Evidence::Tempo {
                block_s,
                pace_s_per_km,
                against_s_per_km,
                against,
            } => format!(
                "{} at {} ({} {})",
                fmt_duration(*block_s),
                pace(*pace_s_per_km),
                against.words(),
                pace(*against_s_per_km)
            ),
            Evidence::RacePace {
                distance,
                pace_s_per_km,
                normal_s_per_km,
                even_share,
            } => format!(
                "{} at {}, evenly ({:.0}% at or under normal pace {})",
                distance.name(),
                pace(*pace_s_per_km),
                even_share * 100.0,
                pace(*normal_s_per_km)
            ),
            Evidence::MarathonLength { distance_m } => {
                format!("{:.1} km, a marathon's length", distance_m / 1000.0)
            }
            Evidence::LongWithWork {
                moving_s,
                tempo_s,
                reps_s,
            } => format!(
                "{} moving with {} of tempo and {} of repetitions",
                fmt_duration(*moving_s),
                fmt_duration(*tempo_s),
                fmt_duration(*reps_s)
            ),
            Evidence::FasterThanNormal {
                pace_s_per_km,
                normal_s_per_km,
            } => format!(
                "{} without repetitions, faster than normal pace {}",
                pace(*pace_s_per_km),
                pace(*normal_s_per_km)
            ),
            Evidence::AboutNormal {
                pace_s_per_km: Some(p),
                normal_s_per_km,
            } => format!(
                "{}, about normal pace {} or slower, no repetitions",
                pace(*p),
                pace(*normal_s_per_km)
            ),
            Evidence::AboutNormal {
                pace_s_per_km: None,
                ..
            } => "no distance, and nothing hard in the heart rate".into(),
            Evidence::HeartRateReps { rises, max_hr_bpm } => format!(
                "no distance; heart rate rose {rises} times to near max HR {max_hr_bpm:.0} bpm"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::speed_bins::Bin;
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

    fn facts(hr: Option<&HrProfile>) -> SessionFacts<'_> {
        SessionFacts {
            sport: Sport::Running,
            moving_s: 2400.0,
            walking_s: 0.0,
            hr,
            recovery: false,
            intent: None,
            normal_s_per_km: Some(330.0),
            average_s_per_km: Some(340.0),
            bins: &NO_BINS,
            anchor: None,
            watch_workout: None,
            max_hr_bpm: None,
            laps: &[],
        }
    }

    static NO_BINS: SpeedBins = SpeedBins {
        bin_s: 5.0,
        bins: Vec::new(),
        hr_bpm: Vec::new(),
    };

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
        assert_eq!(kind(&facts(Some(&p))), SessionType::Workout);
    }

    #[test]
    fn a_tempo_is_fifteen_minutes_above_the_hard_threshold() {
        // 10 min at 140, 16 min at 166, 10 min at 140: one block, 960 s ≥ 900 s.
        let mut bpm = vec![140u8; 600];
        bpm.extend([166u8; 960]);
        bpm.extend([140u8; 600]);
        let p = hr(&bpm);
        assert_eq!(kind(&facts(Some(&p))), SessionType::Workout);
        // 14 minutes is not enough: steady (14 of 34 min above the ceiling = 41% < 50%) → easy.
        let mut bpm = vec![140u8; 600];
        bpm.extend([166u8; 840]);
        bpm.extend([140u8; 600]);
        let p = hr(&bpm);
        assert_eq!(kind(&facts(Some(&p))), SessionType::Easy);
    }

    #[test]
    fn mostly_between_the_ceiling_and_the_hard_threshold_is_steady() {
        // 40 min at 155: above 146.2, below 163.4.
        let p = hr(&[155u8; 2400]);
        assert_eq!(kind(&facts(Some(&p))), SessionType::Steady);
    }

    #[test]
    fn easy_for_want_of_evidence_says_what_was_missing() {
        // No thresholds at all: with heart rate, the evidence must not claim there was none.
        let p = hr(&[150u8; 2400]);
        let evidence = |hr| {
            session_type(&facts(hr), None, None, &SessionRules::default(), Units::Km)
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

    /// 5-s bins of running at `pace` s/km for `seconds`.
    fn bins_at(out: &mut Vec<Bin>, seconds: u32, pace: f64) {
        for _ in 0..seconds / 5 {
            out.push(Bin {
                moving_s: 5.0,
                distance_m: (5000.0 / pace) as f32,
            });
        }
    }

    #[test]
    fn intervals_without_history_are_read_against_the_runs_own_median_pace() {
        // 15 min at 5:45/km, 6 × (3 min at 4:00/km, 2 min at 6:30/km), 10 min at 5:45/km: the
        // median 5-s pace is 5:45, the repetitions beat it by 105 s/km with slower running on
        // both sides.
        let mut bins = Vec::new();
        bins_at(&mut bins, 900, 345.0);
        for _ in 0..6 {
            bins_at(&mut bins, 180, 240.0);
            bins_at(&mut bins, 120, 390.0);
        }
        bins_at(&mut bins, 600, 345.0);
        let run = SpeedBins {
            bin_s: 5.0,
            bins,
            hr_bpm: Vec::new(),
        };
        let mut f = facts(None);
        f.bins = &run;
        let got = session_type(&f, None, None, &SessionRules::default(), Units::Km).unwrap();
        assert_eq!(got.kind, SessionType::Workout);
        assert_eq!(
            got.sentence(),
            "workout: 6 repetitions, 18:00 in all at 4:00/km (the run's own median pace 5:45/km)"
        );
        // A run-walk (4 min at 6:00/km, 4 min walking at 12:00/km): its median is a walking
        // pace, so nothing is read against it.
        let mut bins = Vec::new();
        for _ in 0..5 {
            bins_at(&mut bins, 240, 360.0);
            bins_at(&mut bins, 240, 720.0);
        }
        let run = SpeedBins {
            bin_s: 5.0,
            bins,
            hr_bpm: Vec::new(),
        };
        f.bins = &run;
        assert_eq!(kind(&f), SessionType::Easy);
    }

    #[test]
    fn a_declared_race_is_believed_only_when_run_hard() {
        let hard = hr(&[170u8; 1500]);
        let mut f = facts(Some(&hard));
        f.intent = Some(IntentLabel::Race);
        assert_eq!(kind(&f), SessionType::Race);
        let easy = hr(&[135u8; 1500]);
        let mut f = facts(Some(&easy));
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
        let mut f = facts(None);
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
        let mut f = facts(None);
        f.walking_s = 1300.0; // 54% of 2400 s
        assert_eq!(kind(&f), SessionType::Walk);
        f.walking_s = 0.0;
        f.recovery = true;
        assert_eq!(kind(&f), SessionType::Recovery);
        f.sport = Sport::Cycling;
        assert!(session_type(&f, None, None, &SessionRules::default(), Units::Km).is_none());
    }
}
