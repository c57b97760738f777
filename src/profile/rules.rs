//! The rule table: every threshold that decides a verdict, a session type or a flag, declared once
//! ([`RULES`]) with its profile key, unit, default, valid range, source and doc line; the defaults,
//! the profile-file keys, `--rule KEY=VALUE`, validation and the README's key list all come from it.

use serde::Serialize;

use super::sourced::{Source, Sourced};
use crate::units::METERS_PER_MILE;

/// The recovery rule set and the session-type rules, as the judging reads them (values in the
/// units the code uses: seconds, s/km, shares). Built only from [`RULES`]: its `Default` is the
/// table's defaults, and the JSON `rules` block is this struct.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSet {
    /// Longest moving time of a recovery run, seconds.
    pub max_moving_s: Sourced<f64>,
    /// How much slower than normal pace a recovery run must at least be, s/km.
    pub slower_min_s_per_km: Sourced<f64>,
    /// The slow edge of the recovery band, s/km; slower still is fine (walking).
    pub slower_max_s_per_km: Sourced<f64>,
    /// Share of trusted-HR moving time that must be at or below the easy ceiling.
    pub easy_share_min: Sourced<f64>,
    /// Longest continuous block above the ceiling, seconds.
    pub max_block_above_s: Sourced<f64>,
    /// Highest perceived effort (RPE, 1–10) of a recovery run, when the runner recorded one.
    pub easy_rpe_max: Sourced<f64>,
    /// Trailing window for the normal-pace baseline, days.
    pub baseline_window_days: Sourced<u32>,
    /// Fewest runs in the window for a baseline.
    pub baseline_min_runs: Sourced<usize>,
    /// What makes a run a workout, a long run, steady or a walk.
    pub session: SessionRules,
    /// Calendar days after a hard day in which a run should be a recovery run.
    pub recovery_window_days: Sourced<u32>,
    /// Days before a run whose heart rate infers its max HR.
    pub max_hr_window_days: Sourced<u32>,
    /// A run's heart-rate peak is its highest mean over this long, seconds ...
    pub max_hr_peak_s: Sourced<f64>,
    /// ... run at this share of normal speed or faster.
    pub max_hr_peak_speed_share: Sourced<f64>,
    /// The easy ceiling as a share of LTHR, when no LT1 is given.
    pub easy_lthr_share: Sourced<f64>,
    /// The easy ceiling as a share of heart-rate reserve, when resting HR is known.
    pub easy_hrr_share: Sourced<f64>,
    /// The easy ceiling as a share of max HR, the last rung.
    pub easy_max_hr_share: Sourced<f64>,
    /// Least share of moving time with trusted heart rate for heart rate to judge effort.
    pub hr_coverage_min: Sourced<f64>,
    /// Shortest run that counts toward the normal-pace baseline, meters.
    pub baseline_min_distance_m: Sourced<f64>,
    /// Climb per km from which a run is judged on grade-adjusted pace, m/km.
    pub hilly_climb_m_per_km: Sourced<f64>,
    /// Training load per run and fitness, fatigue and form over the season.
    pub load: LoadRules,
}

/// The training-load rules: heart-rate zone points, session RPE, the fitness and fatigue
/// time constants and the form zones (values in the code's units: shares, points per hour).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadRules {
    /// Resting HR the heart-rate reserve is read from when the runner gave none, bpm.
    pub resting_hr_bpm: Sourced<f64>,
    /// Max HR the reserve is read by when none was given, inferred or derived, bpm.
    pub max_hr_bpm: Sourced<f64>,
    /// Where zones 2 to 5 begin, as shares of heart-rate reserve.
    pub zone_from_hrr: [Sourced<f64>; 4],
    /// Points per hour in zones 1 to 5.
    pub points_per_hour: [Sourced<f64>; 5],
    /// Session-RPE load: points per hour per RPE point.
    pub rpe_points_per_hour: Sourced<f64>,
    /// Days over which fitness is weighted.
    pub fitness_days: Sourced<u32>,
    /// Days over which fatigue is weighted.
    pub fatigue_days: Sourced<u32>,
    /// Form above this share of fitness is fresh.
    pub fresh_above: Sourced<f64>,
    /// Form from this share of fitness up to fresh is grey.
    pub grey_from: Sourced<f64>,
    /// Form from this share of fitness up to grey is optimal; below it, high risk.
    pub optimal_from: Sourced<f64>,
}

/// The thresholds that give every run its session type (values in the code's units).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionRules {
    /// The hard threshold as a share of LTHR.
    pub hard_lthr_share: Sourced<f64>,
    /// The hard threshold as a share of max HR when no LTHR is known.
    pub hard_max_hr_share: Sourced<f64>,
    /// Blocks of a minute or more above the hard threshold that make a workout.
    pub workout_blocks_min: Sourced<usize>,
    /// Time above the hard threshold that makes a workout (tempo, threshold), seconds.
    pub workout_hard_s: Sourced<f64>,
    /// Share of trusted HR time above the easy ceiling that makes a run steady.
    pub steady_share_min: Sourced<f64>,
    /// Moving time from which a run is a long run, seconds.
    pub long_moving_s: Sourced<f64>,
    /// Share of moving time walked from which an activity is a walk.
    pub walk_share_min: Sourced<f64>,
    /// Share of trusted HR time above the hard threshold that makes a declared race believed.
    pub race_hard_share: Sourced<f64>,
    /// Share of the long-run time from which a run declared long is believed.
    pub declared_long_share: Sourced<f64>,
    /// Trusted heart-rate time from which heart rate counts toward the type, seconds.
    pub hr_min_s: Sourced<f64>,
    /// Days before a run whose runs anchor its normal pace and long-run time.
    pub type_window_days: Sourced<u32>,
    /// The percentile of those runs' speeds taken as normal pace, a share (0.40).
    pub type_speed_share: Sourced<f64>,
    /// Fewest runs in that window for an anchor (else the same span around the run).
    pub type_min_runs: Sourced<usize>,
    /// A fast block holds while its smoothed pace beats normal by this much, s/km.
    pub rep_hold_faster_s_per_km: Sourced<f64>,
    /// A repetition's mean pace beats normal by at least this much, s/km.
    pub rep_faster_s_per_km: Sourced<f64>,
    /// Pace is smoothed over this much time before it is compared, seconds.
    pub rep_smooth_s: Sourced<f64>,
    /// A slower dip shorter than this does not end a block, seconds.
    pub rep_dip_max_s: Sourced<f64>,
    /// Shortest repetition, moving seconds.
    pub rep_min_s: Sourced<f64>,
    /// Longest repetition, moving seconds.
    pub rep_max_s: Sourced<f64>,
    /// A stop this close to a block's edge is rest, seconds.
    pub rest_stop_within_s: Sourced<f64>,
    /// Running this long beside a block is rest when slower by `rest_slower`, seconds.
    pub rest_window_s: Sourced<f64>,
    /// How much slower rest runs than the repetition, a share of its pace.
    pub rest_slower: Sourced<f64>,
    /// A long repetition lasts at least this long, moving seconds.
    pub intervals_long_rep_s: Sourced<f64>,
    /// Intervals: at least this many long repetitions ...
    pub intervals_long_reps_min: Sourced<usize>,
    /// ... adding up to at least this much, seconds.
    pub intervals_long_reps_total_s: Sourced<f64>,
    /// Or at least this many repetitions ...
    pub intervals_few_reps_min: Sourced<usize>,
    /// ... adding up to at least this much, seconds.
    pub intervals_few_reps_total_s: Sourced<f64>,
    /// Or at least this many repetitions ...
    pub intervals_many_reps_min: Sourced<usize>,
    /// ... adding up to at least this much, seconds.
    pub intervals_many_reps_total_s: Sourced<f64>,
    /// A tempo block lasts at least this long, moving seconds.
    pub tempo_min_s: Sourced<f64>,
    /// A tempo block beats normal pace by at least this much, s/km.
    pub tempo_faster_s_per_km: Sourced<f64>,
    /// A race lasts at least this long, moving seconds.
    pub race_min_s: Sourced<f64>,
    /// A race's average beats normal pace by at least this much, s/km.
    pub race_faster_s_per_km: Sourced<f64>,
    /// Share of a race's moving time at or faster than normal pace.
    pub race_even_share: Sourced<f64>,
    /// A watch may read this share short of a standard race distance.
    pub race_short: Sourced<f64>,
    /// Or this share long.
    pub race_long: Sourced<f64>,
    /// No run shorter than this is long, moving seconds.
    pub long_floor_s: Sourced<f64>,
    /// A run is long from this multiple of the window's median moving time.
    pub long_median_factor: Sourced<f64>,
    /// A long run is a workout from this much tempo, seconds.
    pub long_workout_tempo_s: Sourced<f64>,
    /// Or from this much time in repetitions, seconds.
    pub long_workout_reps_s: Sourced<f64>,
    /// A run without structure is steady when this much faster than normal, s/km.
    pub steady_faster_s_per_km: Sourced<f64>,
    /// Moving at this pace or faster is running, not walking, s/km.
    pub running_pace_max_s_per_km: Sourced<f64>,
    /// A file that says walking is a run when this share of it was running.
    pub walk_sport_running_share: Sourced<f64>,
    /// Without distance: heart-rate rises that make repetitions.
    pub hr_reps_min: Sourced<usize>,
    /// A rise is at least this many beats per minute.
    pub hr_rep_rise_bpm: Sourced<f64>,
    /// ... to at least this share of max HR.
    pub hr_rep_peak_share: Sourced<f64>,
    /// A verdict or type re-judged with heart-rate thresholds this much either side, bpm.
    pub borderline_hr_bpm: Sourced<f64>,
    /// ... and normal pace this much either side, s/km.
    pub borderline_pace_s_per_km: Sourced<f64>,
}

/// The unit a rule is written in (profile file, `--rule`, README); the code reads it converted
/// (minutes to seconds, s/mi to s/km, percent to a share).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Minutes (seconds inside).
    Minutes,
    /// Seconds.
    Seconds,
    /// Seconds per mile (seconds per km inside).
    SecondsPerMile,
    /// Seconds per kilometer.
    SecondsPerKm,
    /// Heartbeats per minute.
    Bpm,
    /// Kilometers (meters inside).
    Kilometers,
    /// A percentage (a share from 0 to 1 inside).
    Percent,
    /// Perceived effort on the 1–10 scale.
    Rpe,
    /// Whole calendar days.
    Days,
    /// A whole number of things.
    Count,
    /// Meters of climb per kilometer.
    MetersPerKm,
    /// Load points per hour.
    PointsPerHour,
}

impl Unit {
    /// A value written in this unit, in the unit the code reads.
    ///
    /// ```
    /// use runaudit::profile::Unit;
    /// assert_eq!(Unit::Minutes.to_internal(90.0), 5400.0);
    /// assert_eq!(Unit::Percent.to_internal(87.0), 0.87);
    /// // 60 s/mi = 60 / 1.609344 = 37.28 s/km
    /// assert!((Unit::SecondsPerMile.to_internal(60.0) - 37.282).abs() < 1e-3);
    /// ```
    pub fn to_internal(self, value: f64) -> f64 {
        match self {
            Unit::Minutes => value * 60.0,
            Unit::SecondsPerMile => value / (METERS_PER_MILE / 1000.0),
            Unit::Percent => value / 100.0,
            Unit::Kilometers => value * 1000.0,
            Unit::Seconds
            | Unit::SecondsPerKm
            | Unit::Bpm
            | Unit::Rpe
            | Unit::Days
            | Unit::Count
            | Unit::MetersPerKm
            | Unit::PointsPerHour => value,
        }
    }

    /// The unit as the README and error messages write it.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Minutes => "min",
            Unit::Seconds => "s",
            Unit::SecondsPerMile => "s/mi",
            Unit::SecondsPerKm => "s/km",
            Unit::Bpm => "bpm",
            Unit::Kilometers => "km",
            Unit::Percent => "%",
            Unit::Rpe => "RPE",
            Unit::Days => "days",
            Unit::Count => "count",
            Unit::MetersPerKm => "m/km",
            Unit::PointsPerHour => "points/h",
        }
    }

    /// Whether only whole numbers are valid.
    pub fn whole(self) -> bool {
        matches!(self, Unit::Days | Unit::Count)
    }
}

/// Where a rule's value lives in the [`RuleSet`], by the type the code reads.
enum Slot<'a> {
    Real(&'a mut Sourced<f64>),
    Days(&'a mut Sourced<u32>),
    Count(&'a mut Sourced<usize>),
}

/// One threshold: its key, unit, default, valid range, source and doc line, and where it lives.
pub struct RuleDef {
    /// The profile-file key, also the `KEY` of `--rule KEY=VALUE`.
    pub key: &'static str,
    /// Its field in the JSON `rules` block (`session.` for the session-type rules).
    pub field: &'static str,
    /// The unit `default`, `min`, `max` and a user's value are written in.
    pub unit: Unit,
    /// The built-in value.
    pub default: f64,
    /// The smallest valid value.
    pub min: f64,
    /// The largest valid value.
    pub max: f64,
    /// Where the default comes from (paper, coach, study, or this design).
    pub source: &'static str,
    /// What the rule decides, in one line.
    pub doc: &'static str,
    slot: fn(&mut RuleSet) -> Slot<'_>,
}

impl std::fmt::Debug for RuleDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleDef").field("key", &self.key).finish()
    }
}

/// Why a rule value is refused (the caller adds the file and line, or the flag).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RuleError {
    /// No rule has this key.
    #[error("not a profile key{}", nearest.map(|n| format!(" (did you mean {n:?}?)")).unwrap_or_default())]
    UnknownKey {
        /// The key given.
        key: String,
        /// The nearest key, when one is close.
        nearest: Option<&'static str>,
    },
    /// Not a number.
    #[error("must be a number, not {text:?}")]
    NotANumber {
        /// The key.
        key: &'static str,
        /// What was given.
        text: String,
    },
    /// A fraction where only whole numbers are valid.
    #[error("must be a whole number of {}, not {value}", unit.symbol())]
    NotWhole {
        /// The key.
        key: &'static str,
        /// The unit.
        unit: Unit,
        /// The value given.
        value: f64,
    },
    /// Outside the valid range.
    #[error("must be {min} to {max} {}, not {value}", unit.symbol())]
    OutOfRange {
        /// The key.
        key: &'static str,
        /// The unit.
        unit: Unit,
        /// The smallest valid value.
        min: f64,
        /// The largest valid value.
        max: f64,
        /// The value given.
        value: f64,
    },
}

impl RuleDef {
    /// The rule whose profile key is `key`; an unknown key names the nearest one.
    ///
    /// ```
    /// use runaudit::profile::RuleDef;
    /// assert_eq!(RuleDef::find("long_run_min").unwrap().default, 95.0);
    /// let e = RuleDef::find("long_run_mins").unwrap_err();
    /// assert!(e.to_string().contains("did you mean \"long_run_min\"?"), "{e}");
    /// ```
    pub fn find(key: &str) -> Result<&'static RuleDef, RuleError> {
        RULES
            .iter()
            .find(|d| d.key == key)
            .ok_or_else(|| RuleError::UnknownKey {
                key: key.to_string(),
                nearest: nearest(key, RULES.iter().map(|d| d.key)),
            })
    }

    /// A value in the rule's unit, checked: finite, whole where the unit counts, in range.
    ///
    /// ```
    /// use runaudit::profile::RuleDef;
    /// let long = RuleDef::find("long_run_min").unwrap();
    /// assert_eq!(long.check(100.0), Ok(100.0));
    /// assert!(long.check(0.0).is_err() && long.check(f64::NAN).is_err());
    /// ```
    pub fn check(&self, value: f64) -> Result<f64, RuleError> {
        if self.unit.whole() && value.is_finite() && value.fract() != 0.0 {
            return Err(RuleError::NotWhole {
                key: self.key,
                unit: self.unit,
                value,
            });
        }
        if value.is_finite() && (self.min..=self.max).contains(&value) {
            Ok(value)
        } else {
            Err(RuleError::OutOfRange {
                key: self.key,
                unit: self.unit,
                min: self.min,
                max: self.max,
                value,
            })
        }
    }

    /// A value typed as text (`--rule KEY=VALUE`), parsed and checked.
    pub fn parse(&self, text: &str) -> Result<f64, RuleError> {
        let value = text
            .trim()
            .parse::<f64>()
            .map_err(|_| RuleError::NotANumber {
                key: self.key,
                text: text.to_string(),
            })?;
        self.check(value)
    }

    /// Sets the rule in `rules` to `value` (in the rule's unit, already checked).
    pub fn set(&self, rules: &mut RuleSet, value: f64, source: Source, file: Option<&str>) {
        let internal = self.unit.to_internal(value);
        let file = file.map(str::to_string);
        match (self.slot)(rules) {
            Slot::Real(s) => *s = sourced(internal, source, file),
            // Whole and in range (see `check`): the casts are exact.
            Slot::Days(s) => *s = sourced(internal as u32, source, file),
            Slot::Count(s) => *s = sourced(internal as usize, source, file),
        }
    }
}

fn sourced<T>(value: T, source: Source, file: Option<String>) -> Sourced<T> {
    Sourced {
        value,
        source,
        note: None,
        file,
    }
}

/// The candidate closest to a mistyped `key`, when it is close (a third of its letters, at
/// least three edits).
///
/// ```
/// use runaudit::profile::nearest;
/// assert_eq!(nearest("max_hrr", ["lthr", "max_hr"]), Some("max_hr"));
/// assert_eq!(nearest("colour", ["lthr", "max_hr"]), None);
/// ```
pub fn nearest(
    key: &str,
    candidates: impl IntoIterator<Item = &'static str>,
) -> Option<&'static str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(key, c), c))
        .min()
        .filter(|&(d, _)| d <= 3.max(key.len() / 3))
        .map(|(_, c)| c)
}

/// Levenshtein distance between two keys (ASCII in practice; chars otherwise).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

impl Default for RuleSet {
    fn default() -> Self {
        let mut rules = RuleSet::blank();
        for def in RULES {
            def.set(&mut rules, def.default, Source::Default, None);
        }
        rules
    }
}

impl Default for LoadRules {
    fn default() -> Self {
        RuleSet::default().load
    }
}

impl Default for SessionRules {
    fn default() -> Self {
        RuleSet::default().session
    }
}

impl RuleSet {
    /// Every field at zero, before the table's defaults are set (see `Default`).
    fn blank() -> RuleSet {
        let real = || Sourced::new(0.0, Source::Default);
        RuleSet {
            max_moving_s: real(),
            slower_min_s_per_km: real(),
            slower_max_s_per_km: real(),
            easy_share_min: real(),
            max_block_above_s: real(),
            easy_rpe_max: real(),
            baseline_window_days: Sourced::new(0, Source::Default),
            baseline_min_runs: Sourced::new(0, Source::Default),
            session: SessionRules {
                hard_lthr_share: real(),
                hard_max_hr_share: real(),
                workout_blocks_min: Sourced::new(0, Source::Default),
                workout_hard_s: real(),
                steady_share_min: real(),
                long_moving_s: real(),
                walk_share_min: real(),
                race_hard_share: real(),
                declared_long_share: real(),
                hr_min_s: real(),
                type_window_days: Sourced::new(0, Source::Default),
                type_speed_share: real(),
                type_min_runs: Sourced::new(0, Source::Default),
                rep_hold_faster_s_per_km: real(),
                rep_faster_s_per_km: real(),
                rep_smooth_s: real(),
                rep_dip_max_s: real(),
                rep_min_s: real(),
                rep_max_s: real(),
                rest_stop_within_s: real(),
                rest_window_s: real(),
                rest_slower: real(),
                intervals_long_rep_s: real(),
                intervals_long_reps_min: Sourced::new(0, Source::Default),
                intervals_long_reps_total_s: real(),
                intervals_few_reps_min: Sourced::new(0, Source::Default),
                intervals_few_reps_total_s: real(),
                intervals_many_reps_min: Sourced::new(0, Source::Default),
                intervals_many_reps_total_s: real(),
                tempo_min_s: real(),
                tempo_faster_s_per_km: real(),
                race_min_s: real(),
                race_faster_s_per_km: real(),
                race_even_share: real(),
                race_short: real(),
                race_long: real(),
                long_floor_s: real(),
                long_median_factor: real(),
                long_workout_tempo_s: real(),
                long_workout_reps_s: real(),
                steady_faster_s_per_km: real(),
                running_pace_max_s_per_km: real(),
                walk_sport_running_share: real(),
                hr_reps_min: Sourced::new(0, Source::Default),
                hr_rep_rise_bpm: real(),
                hr_rep_peak_share: real(),
                borderline_hr_bpm: real(),
                borderline_pace_s_per_km: real(),
            },
            recovery_window_days: Sourced::new(0, Source::Default),
            max_hr_window_days: Sourced::new(0, Source::Default),
            max_hr_peak_s: real(),
            max_hr_peak_speed_share: real(),
            easy_lthr_share: real(),
            easy_hrr_share: real(),
            easy_max_hr_share: real(),
            hr_coverage_min: real(),
            baseline_min_distance_m: real(),
            hilly_climb_m_per_km: real(),
            load: LoadRules {
                resting_hr_bpm: real(),
                max_hr_bpm: real(),
                zone_from_hrr: [real(), real(), real(), real()],
                points_per_hour: [real(), real(), real(), real(), real()],
                rpe_points_per_hour: real(),
                fitness_days: Sourced::new(0, Source::Default),
                fatigue_days: Sourced::new(0, Source::Default),
                fresh_above: real(),
                grey_from: real(),
                optimal_from: real(),
            },
        }
    }
}

/// The profile keys and their rules, as a markdown table for `docs/rules.md` (between its
/// `<!-- rules:begin -->` and `<!-- rules:end -->` markers; a test keeps the two equal).
pub fn markdown() -> String {
    let mut out = String::from(
        "| key | unit | default | valid | what it decides | source |\n|---|---|---|---|---|---|\n",
    );
    for d in RULES {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} to {} | {} | {} |\n",
            d.key,
            d.unit.symbol(),
            d.default,
            d.min,
            d.max,
            d.doc,
            d.source
        ));
    }
    out
}

/// Every profile key, as the README lists them (between its `<!-- rules:begin -->` and
/// `<!-- rules:end -->` markers): code spans separated by commas, lines of at most 100
/// characters; the table with units, defaults, ranges and sources is [`markdown`], in
/// `docs/rules.md`.
pub fn key_list() -> String {
    let mut out = String::new();
    let mut line = String::new();
    for (i, d) in RULES.iter().enumerate() {
        let sep = if i + 1 == RULES.len() { "." } else { "," };
        let word = format!("`{}`{sep}", d.key);
        if !line.is_empty() && line.len() + 1 + word.len() > README_WIDTH {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// The README's line width.
const README_WIDTH: usize = 100;

/// Every rule, in the order of the JSON `rules` block.
pub static RULES: &[RuleDef] = &[
    RuleDef {
        key: "max_moving_min",
        field: "max_moving_s",
        unit: Unit::Minutes,
        default: 60.0,
        min: 1.0,
        max: 600.0,
        source: "recovery runs \"should max out at 60 minutes\" (the coach's article)",
        doc: "longest moving time of a recovery run",
        slot: |r| Slot::Real(&mut r.max_moving_s),
    },
    RuleDef {
        key: "slower_min_s_per_mi",
        field: "slower_min_s_per_km",
        unit: Unit::SecondsPerMile,
        default: 60.0,
        min: 1.0,
        max: 600.0,
        source: "1–2 min/mi slower than normal pace (the coach's article)",
        doc: "least slowdown of a recovery run against normal pace",
        slot: |r| Slot::Real(&mut r.slower_min_s_per_km),
    },
    RuleDef {
        key: "slower_max_s_per_mi",
        field: "slower_max_s_per_km",
        unit: Unit::SecondsPerMile,
        default: 120.0,
        min: 1.0,
        max: 900.0,
        source: "1–2 min/mi slower than normal pace (the coach's article)",
        doc: "slow edge of the recovery band (slower still is fine: walking)",
        slot: |r| Slot::Real(&mut r.slower_max_s_per_km),
    },
    RuleDef {
        key: "easy_share_min_pct",
        field: "easy_share_min",
        unit: Unit::Percent,
        default: 90.0,
        min: 0.0,
        max: 100.0,
        source: "conversational \"for the majority of the run\"; Seiler zone 1, talk test ≈ VT1 \
                 (Foster 2008)",
        doc: "least share of heart-rate time at or below the easy ceiling",
        slot: |r| Slot::Real(&mut r.easy_share_min),
    },
    RuleDef {
        key: "max_block_above_s",
        field: "max_block_above_s",
        unit: Unit::Seconds,
        default: 180.0,
        min: 1.0,
        max: 3600.0,
        source: "no sustained block above the easy ceiling (this design: over 3 minutes)",
        doc: "longest continuous block above the easy ceiling in a recovery run",
        slot: |r| Slot::Real(&mut r.max_block_above_s),
    },
    RuleDef {
        key: "easy_rpe_max",
        field: "easy_rpe_max",
        unit: Unit::Rpe,
        default: 4.0,
        min: 1.0,
        max: 10.0,
        source: "RPE 2–4 of 10 (the coach's article)",
        doc: "highest perceived effort of a recovery run, when one was recorded",
        slot: |r| Slot::Real(&mut r.easy_rpe_max),
    },
    RuleDef {
        key: "baseline_window_days",
        field: "baseline_window_days",
        unit: Unit::Days,
        default: 42.0,
        min: 1.0,
        max: 3650.0,
        source: "this design: the runner's last six weeks",
        doc: "trailing window of runs whose median pace is the normal pace",
        slot: |r| Slot::Days(&mut r.baseline_window_days),
    },
    RuleDef {
        key: "baseline_min_runs",
        field: "baseline_min_runs",
        unit: Unit::Count,
        default: 5.0,
        min: 1.0,
        max: 1000.0,
        source: "this design",
        doc: "fewest runs in the window for a normal pace",
        slot: |r| Slot::Count(&mut r.baseline_min_runs),
    },
    RuleDef {
        key: "hard_lthr_pct",
        field: "session.hard_lthr_share",
        unit: Unit::Percent,
        default: 95.0,
        min: 50.0,
        max: 110.0,
        source: "Friel's run zone 4 (from 95% of LTHR)",
        doc: "the hard threshold as a share of lactate-threshold HR",
        slot: |r| Slot::Real(&mut r.session.hard_lthr_share),
    },
    RuleDef {
        key: "hard_max_hr_pct",
        field: "session.hard_max_hr_share",
        unit: Unit::Percent,
        default: 87.0,
        min: 50.0,
        max: 100.0,
        source: "Seiler's zone 3, above the second threshold (about 87% of max HR)",
        doc: "the hard threshold as a share of max HR when no LTHR is known",
        slot: |r| Slot::Real(&mut r.session.hard_max_hr_share),
    },
    RuleDef {
        key: "workout_blocks_min",
        field: "session.workout_blocks_min",
        unit: Unit::Count,
        default: 3.0,
        min: 1.0,
        max: 100.0,
        source: "this design: three efforts make intervals",
        doc: "blocks of a minute or more above the hard threshold that make a workout",
        slot: |r| Slot::Count(&mut r.session.workout_blocks_min),
    },
    RuleDef {
        key: "workout_hard_min",
        field: "session.workout_hard_s",
        unit: Unit::Minutes,
        default: 15.0,
        min: 1.0,
        max: 300.0,
        source: "this design: 15 minutes at threshold is a tempo run",
        doc: "time above the hard threshold that makes a workout",
        slot: |r| Slot::Real(&mut r.session.workout_hard_s),
    },
    RuleDef {
        key: "steady_share_min_pct",
        field: "session.steady_share_min",
        unit: Unit::Percent,
        default: 50.0,
        min: 0.0,
        max: 100.0,
        source: "this design: most of the heart-rate time above easy",
        doc: "share of heart-rate time above the easy ceiling that makes a run steady",
        slot: |r| Slot::Real(&mut r.session.steady_share_min),
    },
    RuleDef {
        key: "long_run_min",
        field: "session.long_moving_s",
        unit: Unit::Minutes,
        default: 95.0,
        min: 10.0,
        max: 600.0,
        source: "Daniels (a long run is a hard day); a study of real runs: long from min(95 min, max(60 min, 1.6 x the median))",
        doc: "moving time from which any run is a long run (shorter ones by the runner's median, see below)",
        slot: |r| Slot::Real(&mut r.session.long_moving_s),
    },
    RuleDef {
        key: "walk_share_min_pct",
        field: "session.walk_share_min",
        unit: Unit::Percent,
        default: 50.0,
        min: 0.0,
        max: 100.0,
        source: "this design: walked for half the moving time or more",
        doc: "share of moving time walked from which an activity is a walk",
        slot: |r| Slot::Real(&mut r.session.walk_share_min),
    },
    RuleDef {
        key: "race_hard_pct",
        field: "session.race_hard_share",
        unit: Unit::Percent,
        default: 25.0,
        min: 0.0,
        max: 100.0,
        source: "this design: a race is run hard for a quarter of it at least",
        doc:
            "share of heart-rate time above the hard threshold that makes a declared race believed",
        slot: |r| Slot::Real(&mut r.session.race_hard_share),
    },
    RuleDef {
        key: "declared_long_pct",
        field: "session.declared_long_share",
        unit: Unit::Percent,
        default: 75.0,
        min: 0.0,
        max: 100.0,
        source: "this design: a run named long is believed a little short of the long-run time",
        doc: "share of the long-run time from which a run declared long is long",
        slot: |r| Slot::Real(&mut r.session.declared_long_share),
    },
    RuleDef {
        key: "session_hr_min_s",
        field: "session.hr_min_s",
        unit: Unit::Seconds,
        default: 300.0,
        min: 0.0,
        max: 36000.0,
        source: "this design: five minutes of trusted heart rate",
        doc: "trusted heart-rate time from which heart rate counts toward the session type",
        slot: |r| Slot::Real(&mut r.session.hr_min_s),
    },
    // Session types from the runner's own pace (issue 21).
    RuleDef {
        key: "type_window_days",
        field: "session.type_window_days",
        unit: Unit::Days,
        default: 42.0,
        min: 7.0,
        max: 365.0,
        source: "six weeks of training, the usual base of a pace zone; a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "days before a run whose runs anchor its normal pace and long-run time for the type",
        slot: |r| Slot::Days(&mut r.session.type_window_days),
    },
    RuleDef {
        key: "type_speed_pct",
        field: "session.type_speed_share",
        unit: Unit::Percent,
        default: 40.0,
        min: 1.0,
        max: 99.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other (86% with the anchor, 71% without)",
        doc: "percentile of those runs' speeds taken as the runner's normal pace for the type",
        slot: |r| Slot::Real(&mut r.session.type_speed_share),
    },
    RuleDef {
        key: "type_min_runs",
        field: "session.type_min_runs",
        unit: Unit::Count,
        default: 3.0,
        min: 1.0,
        max: 100.0,
        source: "this design: three runs say something of a runner's pace",
        doc: "fewest runs in the window for an anchor (else the same span around the run)",
        slot: |r| Slot::Count(&mut r.session.type_min_runs),
    },
    RuleDef {
        key: "rep_hold_faster_s_per_km",
        field: "session.rep_hold_faster_s_per_km",
        unit: Unit::SecondsPerKm,
        default: 17.5,
        min: 0.0,
        max: 300.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "a fast block holds while its 15-s pace beats normal pace by this much",
        slot: |r| Slot::Real(&mut r.session.rep_hold_faster_s_per_km),
    },
    RuleDef {
        key: "rep_faster_s_per_km",
        field: "session.rep_faster_s_per_km",
        unit: Unit::SecondsPerKm,
        default: 35.0,
        min: 0.0,
        max: 300.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "a repetition's mean pace beats normal pace by at least this much",
        slot: |r| Slot::Real(&mut r.session.rep_faster_s_per_km),
    },
    RuleDef {
        key: "rep_smooth_s",
        field: "session.rep_smooth_s",
        unit: Unit::Seconds,
        default: 15.0,
        min: 5.0,
        max: 120.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "pace is smoothed over this much time before it is compared with normal pace",
        slot: |r| Slot::Real(&mut r.session.rep_smooth_s),
    },
    RuleDef {
        key: "rep_dip_max_s",
        field: "session.rep_dip_max_s",
        unit: Unit::Seconds,
        default: 20.0,
        min: 0.0,
        max: 120.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "a slower dip shorter than this does not end a fast block",
        slot: |r| Slot::Real(&mut r.session.rep_dip_max_s),
    },
    RuleDef {
        key: "rep_min_s",
        field: "session.rep_min_s",
        unit: Unit::Seconds,
        default: 20.0,
        min: 5.0,
        max: 600.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other; 100 m sprints and strides last about 20 s",
        doc: "shortest repetition, moving time",
        slot: |r| Slot::Real(&mut r.session.rep_min_s),
    },
    RuleDef {
        key: "rep_max_min",
        field: "session.rep_max_s",
        unit: Unit::Minutes,
        default: 20.0,
        min: 1.0,
        max: 60.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other; a longer block is a tempo or a race",
        doc: "longest repetition, moving time",
        slot: |r| Slot::Real(&mut r.session.rep_max_s),
    },
    RuleDef {
        key: "rest_stop_within_s",
        field: "session.rest_stop_within_s",
        unit: Unit::Seconds,
        default: 30.0,
        min: 0.0,
        max: 300.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "a stop this close to a fast block's edge is rest",
        slot: |r| Slot::Real(&mut r.session.rest_stop_within_s),
    },
    RuleDef {
        key: "rest_window_s",
        field: "session.rest_window_s",
        unit: Unit::Seconds,
        default: 60.0,
        min: 10.0,
        max: 600.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "the running beside a fast block looked at for rest",
        slot: |r| Slot::Real(&mut r.session.rest_window_s),
    },
    RuleDef {
        key: "rest_slower_pct",
        field: "session.rest_slower",
        unit: Unit::Percent,
        default: 15.0,
        min: 0.0,
        max: 100.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "rest runs this much slower than the repetition beside it",
        slot: |r| Slot::Real(&mut r.session.rest_slower),
    },
    RuleDef {
        key: "intervals_long_rep_s",
        field: "session.intervals_long_rep_s",
        unit: Unit::Seconds,
        default: 50.0,
        min: 10.0,
        max: 1200.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "a long repetition (for intervals of long repetitions) lasts at least this long",
        slot: |r| Slot::Real(&mut r.session.intervals_long_rep_s),
    },
    RuleDef {
        key: "intervals_long_reps_min",
        field: "session.intervals_long_reps_min",
        unit: Unit::Count,
        default: 3.0,
        min: 1.0,
        max: 100.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "intervals: at least this many long repetitions ...",
        slot: |r| Slot::Count(&mut r.session.intervals_long_reps_min),
    },
    RuleDef {
        key: "intervals_long_reps_total_min",
        field: "session.intervals_long_reps_total_s",
        unit: Unit::Minutes,
        default: 4.0,
        min: 0.0,
        max: 120.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "... adding up to at least this much",
        slot: |r| Slot::Real(&mut r.session.intervals_long_reps_total_s),
    },
    RuleDef {
        key: "intervals_few_reps_min",
        field: "session.intervals_few_reps_min",
        unit: Unit::Count,
        default: 2.0,
        min: 1.0,
        max: 100.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "or at least this many repetitions ...",
        slot: |r| Slot::Count(&mut r.session.intervals_few_reps_min),
    },
    RuleDef {
        key: "intervals_few_reps_total_min",
        field: "session.intervals_few_reps_total_s",
        unit: Unit::Minutes,
        default: 10.0,
        min: 0.0,
        max: 120.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "... adding up to at least this much",
        slot: |r| Slot::Real(&mut r.session.intervals_few_reps_total_s),
    },
    RuleDef {
        key: "intervals_many_reps_min",
        field: "session.intervals_many_reps_min",
        unit: Unit::Count,
        default: 6.0,
        min: 1.0,
        max: 100.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other: 10 x 200 m is a session, 6 to 8 strides are not",
        doc: "or at least this many repetitions ...",
        slot: |r| Slot::Count(&mut r.session.intervals_many_reps_min),
    },
    RuleDef {
        key: "intervals_many_reps_total_min",
        field: "session.intervals_many_reps_total_s",
        unit: Unit::Minutes,
        default: 5.0,
        min: 0.0,
        max: 120.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "... adding up to at least this much",
        slot: |r| Slot::Real(&mut r.session.intervals_many_reps_total_s),
    },
    RuleDef {
        key: "tempo_min",
        field: "session.tempo_min_s",
        unit: Unit::Minutes,
        default: 15.0,
        min: 1.0,
        max: 120.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other; Daniels' tempo runs last 20 minutes",
        doc: "a tempo block lasts at least this long",
        slot: |r| Slot::Real(&mut r.session.tempo_min_s),
    },
    RuleDef {
        key: "tempo_faster_s_per_km",
        field: "session.tempo_faster_s_per_km",
        unit: Unit::SecondsPerKm,
        default: 30.0,
        min: 0.0,
        max: 300.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "a tempo block beats normal pace by at least this much",
        slot: |r| Slot::Real(&mut r.session.tempo_faster_s_per_km),
    },
    RuleDef {
        key: "race_min",
        field: "session.race_min_s",
        unit: Unit::Minutes,
        default: 15.0,
        min: 1.0,
        max: 600.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other; a 5 k takes 15 minutes or more",
        doc: "a race lasts at least this long",
        slot: |r| Slot::Real(&mut r.session.race_min_s),
    },
    RuleDef {
        key: "race_faster_s_per_km",
        field: "session.race_faster_s_per_km",
        unit: Unit::SecondsPerKm,
        default: 20.0,
        min: 0.0,
        max: 300.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "a race's average pace beats normal pace by at least this much",
        slot: |r| Slot::Real(&mut r.session.race_faster_s_per_km),
    },
    RuleDef {
        key: "race_even_pct",
        field: "session.race_even_share",
        unit: Unit::Percent,
        default: 85.0,
        min: 0.0,
        max: 100.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "share of a race's moving time at or faster than normal pace (raced evenly, no reps)",
        slot: |r| Slot::Real(&mut r.session.race_even_share),
    },
    RuleDef {
        key: "race_short_pct",
        field: "session.race_short",
        unit: Unit::Percent,
        default: 3.0,
        min: 0.0,
        max: 20.0,
        source: "GPS cuts corners: watches read certified courses up to a few percent short",
        doc: "how far short of a standard race distance a watch may read",
        slot: |r| Slot::Real(&mut r.session.race_short),
    },
    RuleDef {
        key: "race_long_pct",
        field: "session.race_long",
        unit: Unit::Percent,
        default: 5.0,
        min: 0.0,
        max: 20.0,
        source: "runners weave and keep the watch running past the line",
        doc: "how far over a standard race distance a watch may read",
        slot: |r| Slot::Real(&mut r.session.race_long),
    },
    RuleDef {
        key: "long_run_floor_min",
        field: "session.long_floor_s",
        unit: Unit::Minutes,
        default: 60.0,
        min: 10.0,
        max: 600.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other; an hour is the shortest long run coaches set",
        doc: "no run shorter than this is a long run",
        slot: |r| Slot::Real(&mut r.session.long_floor_s),
    },
    RuleDef {
        key: "long_run_median_pct",
        field: "session.long_median_factor",
        unit: Unit::Percent,
        default: 160.0,
        min: 100.0,
        max: 500.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "a run is long from this share of the window's median moving time (between the floor and long_run_min)",
        slot: |r| Slot::Real(&mut r.session.long_median_factor),
    },
    RuleDef {
        key: "long_workout_tempo_min",
        field: "session.long_workout_tempo_s",
        unit: Unit::Minutes,
        default: 25.0,
        min: 1.0,
        max: 300.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other; a fast finish stays a long run",
        doc: "a long run is a workout from this much tempo",
        slot: |r| Slot::Real(&mut r.session.long_workout_tempo_s),
    },
    RuleDef {
        key: "long_workout_reps_min",
        field: "session.long_workout_reps_s",
        unit: Unit::Minutes,
        default: 20.0,
        min: 1.0,
        max: 300.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "or from this much time in repetitions",
        slot: |r| Slot::Real(&mut r.session.long_workout_reps_s),
    },
    RuleDef {
        key: "steady_faster_s_per_km",
        field: "session.steady_faster_s_per_km",
        unit: Unit::SecondsPerKm,
        default: 20.0,
        min: 0.0,
        max: 300.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "a run without repetitions or tempo is steady when this much faster than normal pace",
        slot: |r| Slot::Real(&mut r.session.steady_faster_s_per_km),
    },
    RuleDef {
        key: "running_pace_max_s_per_km",
        field: "session.running_pace_max_s_per_km",
        unit: Unit::SecondsPerKm,
        default: 450.0,
        min: 240.0,
        max: 900.0,
        source: "walking turns to running at about 2 m/s (8:20/km); 7:30/km leaves fast walkers walking",
        doc: "moving at this pace or faster is running",
        slot: |r| Slot::Real(&mut r.session.running_pace_max_s_per_km),
    },
    RuleDef {
        key: "walk_sport_running_pct",
        field: "session.walk_sport_running_share",
        unit: Unit::Percent,
        default: 50.0,
        min: 0.0,
        max: 100.0,
        source: "this design: a file whose sport says walking but which was mostly run is a run",
        doc: "share of moving time run from which a file that says walking is typed as a run",
        slot: |r| Slot::Real(&mut r.session.walk_sport_running_share),
    },
    RuleDef {
        key: "hr_reps_min",
        field: "session.hr_reps_min",
        unit: Unit::Count,
        default: 4.0,
        min: 1.0,
        max: 100.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other (track sessions recorded with GPS off)",
        doc: "without distance: rises of heart rate that make repetitions",
        slot: |r| Slot::Count(&mut r.session.hr_reps_min),
    },
    RuleDef {
        key: "hr_rep_rise_bpm",
        field: "session.hr_rep_rise_bpm",
        unit: Unit::Bpm,
        default: 20.0,
        min: 5.0,
        max: 100.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "a heart-rate repetition rises at least this much",
        slot: |r| Slot::Real(&mut r.session.hr_rep_rise_bpm),
    },
    RuleDef {
        key: "hr_rep_peak_max_hr_pct",
        field: "session.hr_rep_peak_share",
        unit: Unit::Percent,
        default: 80.0,
        min: 50.0,
        max: 100.0,
        source: "a study of real runs: rules tuned on one half agreed 87% on the other",
        doc: "... to at least this share of max HR",
        slot: |r| Slot::Real(&mut r.session.hr_rep_peak_share),
    },
    RuleDef {
        key: "borderline_hr_bpm",
        field: "session.borderline_hr_bpm",
        unit: Unit::Bpm,
        default: 5.0,
        min: 0.0,
        max: 30.0,
        source: "this design: about the error of an inferred max HR or a field LTHR test",
        doc: "a verdict or type that flips with heart-rate thresholds this much either side is borderline",
        slot: |r| Slot::Real(&mut r.session.borderline_hr_bpm),
    },
    RuleDef {
        key: "borderline_pace_s_per_km",
        field: "session.borderline_pace_s_per_km",
        unit: Unit::SecondsPerKm,
        default: 10.0,
        min: 0.0,
        max: 60.0,
        source: "this design: about a normal pace's week-to-week wander",
        doc: "... or with normal pace this much either side",
        slot: |r| Slot::Real(&mut r.session.borderline_pace_s_per_km),
    },
    RuleDef {
        key: "recovery_window_days",
        field: "recovery_window_days",
        unit: Unit::Days,
        default: 1.0,
        min: 1.0,
        max: 7.0,
        source: "recovery runs come after hard workouts (the coach's article): the next day",
        doc: "calendar days after a hard day that should hold only recovery runs, walks or rest",
        slot: |r| Slot::Days(&mut r.recovery_window_days),
    },
    RuleDef {
        key: "max_hr_window_days",
        field: "max_hr_window_days",
        unit: Unit::Days,
        default: 365.0,
        min: 30.0,
        max: 3650.0,
        source: "max HR falls with age (Tanaka 2001): a year of runs",
        doc: "days before a run whose heart rate infers its max HR",
        slot: |r| Slot::Days(&mut r.max_hr_window_days),
    },
    RuleDef {
        key: "max_hr_peak_s",
        field: "max_hr_peak_s",
        unit: Unit::Seconds,
        default: 60.0,
        min: 10.0,
        max: 600.0,
        source: "a study of real runs: 60-s peaks at speed, corroborated by a second run within a year",
        doc: "a run's heart-rate peak (for max HR) is its highest mean over this long ...",
        slot: |r| Slot::Real(&mut r.max_hr_peak_s),
    },
    RuleDef {
        key: "max_hr_peak_speed_pct",
        field: "max_hr_peak_speed_share",
        unit: Unit::Percent,
        default: 105.0,
        min: 50.0,
        max: 200.0,
        source: "a study of real runs: a strap's spike while standing or jogging sets nothing",
        doc: "... run at this share of normal speed or faster",
        slot: |r| Slot::Real(&mut r.max_hr_peak_speed_share),
    },
    RuleDef {
        key: "easy_lthr_pct",
        field: "easy_lthr_share",
        unit: Unit::Percent,
        default: 85.0,
        min: 50.0,
        max: 100.0,
        source: "Friel's run zone 1 (up to 85% of LTHR)",
        doc: "the easy ceiling as a share of lactate-threshold HR, when no LT1 is given",
        slot: |r| Slot::Real(&mut r.easy_lthr_share),
    },
    RuleDef {
        key: "easy_hrr_pct",
        field: "easy_hrr_share",
        unit: Unit::Percent,
        default: 72.0,
        min: 30.0,
        max: 100.0,
        source: "Karvonen: 72% of heart-rate reserve (resting + 0.72 × (max − resting))",
        doc: "the easy ceiling as a share of heart-rate reserve, when resting and max HR are known",
        slot: |r| Slot::Real(&mut r.easy_hrr_share),
    },
    RuleDef {
        key: "easy_max_hr_pct",
        field: "easy_max_hr_share",
        unit: Unit::Percent,
        default: 75.0,
        min: 40.0,
        max: 100.0,
        source: "75% of max HR, the common top of the easy zone without LTHR or resting HR",
        doc: "the easy ceiling as a share of max HR, the last rung",
        slot: |r| Slot::Real(&mut r.easy_max_hr_share),
    },
    RuleDef {
        key: "hr_coverage_min_pct",
        field: "hr_coverage_min",
        unit: Unit::Percent,
        default: 80.0,
        min: 0.0,
        max: 100.0,
        source: "this design: judge effort on heart rate only where most of the run has it",
        doc: "least share of moving time with trusted heart rate, else effort is unknown",
        slot: |r| Slot::Real(&mut r.hr_coverage_min),
    },
    RuleDef {
        key: "baseline_min_km",
        field: "baseline_min_distance_m",
        unit: Unit::Kilometers,
        default: 1.0,
        min: 0.0,
        max: 50.0,
        source: "this design: a jog across the car park says nothing of normal pace",
        doc: "shortest run that counts toward the normal-pace baseline",
        slot: |r| Slot::Real(&mut r.baseline_min_distance_m),
    },
    // issue 23: grade-adjusted pace in the pace criterion, load per run, fitness/fatigue/form.
    RuleDef {
        key: "hilly_climb_m_per_km",
        field: "hilly_climb_m_per_km",
        unit: Unit::MetersPerKm,
        default: 10.0,
        min: 1.0,
        max: 200.0,
        source: "this design (issue 23): 10 m of climb per km, where grade-adjusted pace parts \
                 from pace",
        doc: "climb per km from which the pace criterion judges grade-adjusted pace",
        slot: |r| Slot::Real(&mut r.hilly_climb_m_per_km),
    },
    RuleDef {
        key: "load_resting_hr",
        field: "load.resting_hr_bpm",
        unit: Unit::Bpm,
        default: 50.0,
        min: 30.0,
        max: 100.0,
        source: "this design: a trained runner's resting HR; give resting_hr for yours",
        doc: "resting HR the load's heart-rate reserve uses when the runner gave none",
        slot: |r| Slot::Real(&mut r.load.resting_hr_bpm),
    },
    RuleDef {
        key: "load_max_hr",
        field: "load.max_hr_bpm",
        unit: Unit::Bpm,
        default: 185.0,
        min: 120.0,
        max: 230.0,
        source: "Tanaka's 208 − 0.7 × age at 33: a fallback so that every run with heart rate \
                 has a load (raised to the run's own peak); give max_hr or age for yours",
        doc: "max HR the load's heart-rate reserve uses when none was given or inferred",
        slot: |r| Slot::Real(&mut r.load.max_hr_bpm),
    },
    RuleDef {
        key: "load_z2_hrr_pct",
        field: "load.zone_from_hrr.0",
        unit: Unit::Percent,
        default: 60.0,
        min: 40.0,
        max: 65.0,
        source: "a public reverse engineering of Strava's Suffer Score (zones on %HRR)",
        doc: "where load zone 2 begins, as a share of heart-rate reserve",
        slot: |r| Slot::Real(&mut r.load.zone_from_hrr[0]),
    },
    RuleDef {
        key: "load_z3_hrr_pct",
        field: "load.zone_from_hrr.1",
        unit: Unit::Percent,
        default: 70.0,
        min: 66.0,
        max: 75.0,
        source: "a public reverse engineering of Strava's Suffer Score (zones on %HRR)",
        doc: "where load zone 3 begins, as a share of heart-rate reserve",
        slot: |r| Slot::Real(&mut r.load.zone_from_hrr[1]),
    },
    RuleDef {
        key: "load_z4_hrr_pct",
        field: "load.zone_from_hrr.2",
        unit: Unit::Percent,
        default: 80.0,
        min: 76.0,
        max: 85.0,
        source: "a public reverse engineering of Strava's Suffer Score (zones on %HRR)",
        doc: "where load zone 4 begins, as a share of heart-rate reserve",
        slot: |r| Slot::Real(&mut r.load.zone_from_hrr[2]),
    },
    RuleDef {
        key: "load_z5_hrr_pct",
        field: "load.zone_from_hrr.3",
        unit: Unit::Percent,
        default: 90.0,
        min: 86.0,
        max: 99.0,
        source: "a public reverse engineering of Strava's Suffer Score (zones on %HRR)",
        doc: "where load zone 5 begins, as a share of heart-rate reserve",
        slot: |r| Slot::Real(&mut r.load.zone_from_hrr[3]),
    },
    RuleDef {
        key: "load_z1_points_per_h",
        field: "load.points_per_hour.0",
        unit: Unit::PointsPerHour,
        default: 25.0,
        min: 0.0,
        max: 1000.0,
        source: "a public reverse engineering of Strava's Suffer Score / Relative Effort",
        doc: "load points per hour in heart-rate zone 1",
        slot: |r| Slot::Real(&mut r.load.points_per_hour[0]),
    },
    RuleDef {
        key: "load_z2_points_per_h",
        field: "load.points_per_hour.1",
        unit: Unit::PointsPerHour,
        default: 60.0,
        min: 0.0,
        max: 1000.0,
        source: "a public reverse engineering of Strava's Suffer Score / Relative Effort",
        doc: "load points per hour in heart-rate zone 2",
        slot: |r| Slot::Real(&mut r.load.points_per_hour[1]),
    },
    RuleDef {
        key: "load_z3_points_per_h",
        field: "load.points_per_hour.2",
        unit: Unit::PointsPerHour,
        default: 115.0,
        min: 0.0,
        max: 1000.0,
        source: "a public reverse engineering of Strava's Suffer Score / Relative Effort",
        doc: "load points per hour in heart-rate zone 3",
        slot: |r| Slot::Real(&mut r.load.points_per_hour[2]),
    },
    RuleDef {
        key: "load_z4_points_per_h",
        field: "load.points_per_hour.3",
        unit: Unit::PointsPerHour,
        default: 250.0,
        min: 0.0,
        max: 1000.0,
        source: "a public reverse engineering of Strava's Suffer Score / Relative Effort",
        doc: "load points per hour in heart-rate zone 4",
        slot: |r| Slot::Real(&mut r.load.points_per_hour[3]),
    },
    RuleDef {
        key: "load_z5_points_per_h",
        field: "load.points_per_hour.4",
        unit: Unit::PointsPerHour,
        default: 300.0,
        min: 0.0,
        max: 1000.0,
        source: "a public reverse engineering of Strava's Suffer Score / Relative Effort",
        doc: "load points per hour in heart-rate zone 5",
        slot: |r| Slot::Real(&mut r.load.points_per_hour[4]),
    },
    RuleDef {
        key: "load_rpe_points_per_h",
        field: "load.rpe_points_per_hour",
        unit: Unit::PointsPerHour,
        default: 23.0,
        min: 1.0,
        max: 200.0,
        source: "Foster 2001 session RPE (RPE × minutes), scaled so an hour at RPE 5 scores as \
                 an hour in zone 3 (115 points)",
        doc: "load points per hour per RPE point, for runs without heart rate",
        slot: |r| Slot::Real(&mut r.load.rpe_points_per_hour),
    },
    RuleDef {
        key: "fitness_days",
        field: "load.fitness_days",
        unit: Unit::Days,
        default: 42.0,
        min: 7.0,
        max: 365.0,
        source: "Banister's impulse-response model; Coggan's performance manager (CTL, 42 days)",
        doc: "days over which fitness is the exponentially weighted load",
        slot: |r| Slot::Days(&mut r.load.fitness_days),
    },
    RuleDef {
        key: "fatigue_days",
        field: "load.fatigue_days",
        unit: Unit::Days,
        default: 7.0,
        min: 1.0,
        max: 42.0,
        source: "Banister's impulse-response model; Coggan's performance manager (ATL, 7 days)",
        doc: "days over which fatigue is the exponentially weighted load",
        slot: |r| Slot::Days(&mut r.load.fatigue_days),
    },
    RuleDef {
        key: "form_fresh_above_pct",
        field: "load.fresh_above",
        unit: Unit::Percent,
        default: 5.0,
        min: 0.0,
        max: 100.0,
        source: "intervals.icu's form zones (form as a share of fitness): fresh above +5%",
        doc: "form above this share of fitness is fresh",
        slot: |r| Slot::Real(&mut r.load.fresh_above),
    },
    RuleDef {
        key: "form_grey_from_pct",
        field: "load.grey_from",
        unit: Unit::Percent,
        default: -10.0,
        min: -25.0,
        max: -1.0,
        source: "intervals.icu's form zones: grey from −10% to +5%",
        doc: "form from this share of fitness up to fresh is the grey zone",
        slot: |r| Slot::Real(&mut r.load.grey_from),
    },
    RuleDef {
        key: "form_optimal_from_pct",
        field: "load.optimal_from",
        unit: Unit::Percent,
        default: -30.0,
        min: -100.0,
        max: -26.0,
        source: "intervals.icu's form zones: optimal from −30% to −10%, high risk below −30%",
        doc: "form from this share of fitness up to grey is optimal; below it, high risk",
        slot: |r| Slot::Real(&mut r.load.optimal_from),
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The leaf paths of the JSON `rules` block (`session.long_moving_s`, ...).
    fn leaves(v: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
        if let Some(list) = v.as_array() {
            for (i, v) in list.iter().enumerate() {
                leaves(v, &format!("{prefix}.{i}"), out);
            }
            return;
        }
        let Some(map) = v.as_object() else { return };
        if map.contains_key("value") {
            out.insert(prefix.to_string());
            return;
        }
        for (k, v) in map {
            let path = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            leaves(v, &path, out);
        }
    }

    #[test]
    fn every_field_has_exactly_one_rule_and_each_rule_writes_its_field() {
        let json = serde_json::to_value(RuleSet::default()).unwrap();
        let mut fields = BTreeSet::new();
        leaves(&json, "", &mut fields);
        let declared: BTreeSet<String> = RULES.iter().map(|d| d.field.to_string()).collect();
        assert_eq!(declared.len(), RULES.len(), "a field declared twice");
        assert_eq!(fields, declared);
        let keys: BTreeSet<&str> = RULES.iter().map(|d| d.key).collect();
        assert_eq!(keys.len(), RULES.len(), "a key declared twice");
        // Setting a rule from a file marks exactly its own field.
        for d in RULES {
            let mut rules = RuleSet::default();
            d.set(&mut rules, d.default, Source::ProfileFile, Some("me.toml"));
            let json = serde_json::to_string(&rules).unwrap();
            assert_eq!(json.matches("\"me.toml\"").count(), 1, "{}", d.key);
            let v = serde_json::to_value(&rules).unwrap();
            let leaf = d
                .field
                .split('.')
                .fold(&v, |v, k| match k.parse::<usize>() {
                    Ok(i) => &v[i],
                    Err(_) => &v[k],
                });
            assert_eq!(leaf["file"], "me.toml", "{} writes another field", d.key);
        }
    }

    #[test]
    fn defaults_are_valid_and_keep_their_values() {
        for d in RULES {
            assert_eq!(d.check(d.default), Ok(d.default), "{}", d.key);
            assert!(!d.doc.is_empty() && !d.source.is_empty(), "{}", d.key);
        }
        let r = RuleSet::default();
        // 60 min = 3600 s; 60 s/mi = 60 / 1.609344 s/km; 90 min = 5400 s; 87% = 0.87.
        assert_eq!(r.max_moving_s.value, 3600.0);
        assert_eq!(
            r.slower_min_s_per_km.value,
            super::super::ONE_MIN_PER_MILE_S_PER_KM
        );
        assert_eq!(
            r.slower_max_s_per_km.value,
            2.0 * super::super::ONE_MIN_PER_MILE_S_PER_KM
        );
        // Long from 95 min at most, 60 at least, 160% of the median between; 20-min reps at
        // most; normal pace the 40th percentile of 42 days' speeds; 35 s/km faster for a rep.
        assert_eq!(r.session.long_moving_s.value, 5700.0);
        assert_eq!(r.session.long_floor_s.value, 3600.0);
        assert_eq!(r.session.long_median_factor.value, 1.6);
        assert_eq!(r.session.rep_max_s.value, 1200.0);
        assert_eq!(r.session.type_speed_share.value, 0.4);
        assert_eq!(r.session.type_window_days.value, 42);
        assert_eq!(r.session.rep_faster_s_per_km.value, 35.0);
        assert_eq!(r.session.hard_max_hr_share.value, 0.87);
        assert_eq!(r.baseline_window_days.value, 42);
        assert_eq!(r.session.workout_blocks_min.value, 3);
    }

    #[test]
    fn bad_values_are_refused_with_the_reason() {
        let days = RuleDef::find("recovery_window_days").unwrap();
        assert_eq!(
            days.check(1.5),
            Err(RuleError::NotWhole {
                key: "recovery_window_days",
                unit: Unit::Days,
                value: 1.5
            })
        );
        assert_eq!(
            days.check(8.0).unwrap_err().to_string(),
            "must be 1 to 7 days, not 8"
        );
        assert_eq!(
            days.parse("two").unwrap_err().to_string(),
            "must be a number, not \"two\""
        );
        // "walk_share_pct" is four edits from "walk_share_min_pct" ("min_" added).
        assert_eq!(
            RuleDef::find("walk_share_pct").unwrap_err(),
            RuleError::UnknownKey {
                key: "walk_share_pct".into(),
                nearest: Some("walk_share_min_pct")
            }
        );
        assert!(matches!(
            RuleDef::find("colour"),
            Err(RuleError::UnknownKey { nearest: None, .. })
        ));
    }

    /// The README's key list is the table's: between `<!-- rules:begin -->` and
    /// `<!-- rules:end -->` it holds exactly [`markdown`]. `RUNAUDIT_BLESS_README=1` rewrites it.
    #[test]
    fn readme_lists_exactly_the_rule_table() {
        for (file, want) in [("README.md", key_list()), ("docs/rules.md", markdown())] {
            let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap();
            let (begin, end) = ("<!-- rules:begin -->\n", "<!-- rules:end -->");
            let from = text.find(begin).expect("has <!-- rules:begin -->") + begin.len();
            let to = from + text[from..].find(end).expect("has <!-- rules:end -->");
            if std::env::var_os("RUNAUDIT_BLESS_README").is_some() {
                let text = format!("{}{want}{}", &text[..from], &text[to..]);
                std::fs::write(&path, text).unwrap();
                continue;
            }
            assert!(
                text[from..to] == want,
                "{file}'s rule list differs from the rule table (RUNAUDIT_BLESS_README=1 cargo \
                 test readme_lists rewrites it); the table renders:\n{want}"
            );
        }
    }

    /// The numeric literals of a line of code outside strings and comments, as values.
    fn literals(line: &str) -> Vec<f64> {
        let chars: Vec<char> = line.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            let after_word = i
                .checked_sub(1)
                .and_then(|k| chars.get(k))
                .is_some_and(|&p| p.is_alphanumeric() || p == '_' || p == '.');
            if !c.is_ascii_digit() || after_word {
                i += 1;
                continue;
            }
            let mut text = String::new();
            let digit = |k: usize| chars.get(k).is_some_and(|c| c.is_ascii_digit());
            while chars
                .get(i)
                .is_some_and(|c| c.is_ascii_digit() || *c == '_')
            {
                text.push(chars[i]);
                i += 1;
            }
            if chars.get(i) == Some(&'.') && digit(i + 1) {
                text.push('.');
                i += 1;
                while chars
                    .get(i)
                    .is_some_and(|c| c.is_ascii_digit() || *c == '_')
                {
                    text.push(chars[i]);
                    i += 1;
                }
            }
            if chars.get(i) == Some(&'e') && (digit(i + 1) || chars.get(i + 1) == Some(&'-')) {
                text.push('e');
                i += 1;
                while chars
                    .get(i)
                    .is_some_and(|c| c.is_ascii_digit() || *c == '-')
                {
                    text.push(chars[i]);
                    i += 1;
                }
            }
            // A type suffix (`usize`, `f64`) is part of the literal.
            while chars.get(i).is_some_and(|c| c.is_alphanumeric()) {
                i += 1;
            }
            out.extend(text.replace('_', "").parse::<f64>().ok());
        }
        out
    }

    /// The code of a file without its test module, strings, char literals and comments, by line.
    fn code_lines(text: &str) -> Vec<String> {
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        let chars: Vec<char> = text.chars().collect();
        let (mut out, mut i) = (String::new(), 0);
        while let Some(&c) = chars.get(i) {
            match c {
                '/' if chars.get(i + 1) == Some(&'/') => {
                    while chars.get(i + 1).is_some_and(|&c| c != '\n') {
                        i += 1;
                    }
                }
                '"' => {
                    i += 1;
                    while let Some(&c) = chars.get(i).filter(|&&c| c != '"') {
                        // Keep the lines of a string that spans several.
                        if c == '\n' || (c == '\\' && chars.get(i + 1) == Some(&'\n')) {
                            out.push('\n');
                        }
                        i += if c == '\\' { 2 } else { 1 };
                    }
                    out.push_str("\"\"");
                }
                '\'' if chars.get(i + 1) == Some(&'\\') => {
                    i += 2;
                    while chars.get(i).is_some_and(|&c| c != '\'') {
                        i += 1;
                    }
                }
                '\'' if chars.get(i + 2) == Some(&'\'') => i += 2,
                c => out.push(c),
            }
            i += 1;
        }
        out.lines().map(str::to_string).collect()
    }

    /// No number decides anything in `classify/` or `analyze/` outside this table or a named
    /// constant: every numeric literal in their code (tests aside) is in a `const` or `static`
    /// item, or is a unit factor (60, 100, 1000, 3600), 0, 1, 2 or a rounding epsilon. The few
    /// that are neither threshold nor unit are listed here, each with why.
    #[test]
    fn no_threshold_literal_outside_the_table_or_a_named_constant() {
        const ALLOWED: &[(&str, &str)] = &[
            // The intent reader's grammar: counts, rep distances and years in a run's name.
            ("classify/intent/notation.rs", ""),
            ("classify/intent/text.rs", ""),
            // A week has seven days.
            ("classify/pattern.rs", "Duration::days("),
            ("classify/pattern.rs", "7 - days"),
            // The number of JSON fields a criterion and a session type serialize.
            ("classify/mod.rs", "serialize_struct("),
            ("classify/evidence.rs", "serialize_struct("),
            ("classify/load.rs", "serialize_struct("),
            // What a latitude and a longitude are.
            ("analyze/distance.rs", "_deg.abs() <="),
        ];
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src/");
        let mut files = Vec::new();
        let mut dirs = vec![format!("{root}classify"), format!("{root}analyze")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if path.is_dir() {
                    dirs.push(path.to_string_lossy().into_owned());
                } else if name.ends_with(".rs")
                    && name != "tests.rs"
                    && !name.ends_with("_tests.rs")
                {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 20, "found only {files:?}");
        let plain = [0.0, 1.0, 2.0, 60.0, 100.0, 1000.0, 3600.0];
        let mut found = Vec::new();
        for path in files {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path).unwrap();
            let mut in_const = false;
            for (n, line) in code_lines(&text).iter().enumerate() {
                let t = line.trim_start();
                let t = t
                    .strip_prefix("pub(crate) ")
                    .or(t.strip_prefix("pub "))
                    .unwrap_or(t);
                if t.starts_with("const ") || t.starts_with("static ") {
                    in_const = true;
                }
                let allowed = ALLOWED
                    .iter()
                    .any(|(file, what)| rel == *file && line.contains(what));
                let bad = literals(line)
                    .into_iter()
                    .any(|v| !plain.contains(&v) && v.abs() > 1e-6);
                if bad && !in_const && !allowed {
                    found.push(format!("src/{rel}:{}: {}", n + 1, line.trim()));
                }
                if in_const && line.trim_end().ends_with(';') {
                    in_const = false;
                }
            }
        }
        assert!(
            found.is_empty(),
            "numbers that decide belong in the rule table (src/profile/rules.rs) or a named \
             constant:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn literals_are_read_as_values() {
        assert_eq!(
            literals("x.min(5.0) + 1_000usize - v[3]"),
            vec![5.0, 1000.0, 3.0]
        );
        assert_eq!(literals("a.0 + b2 + 1e-9 + 0..20"), vec![1e-9, 0.0]);
    }

    #[test]
    fn edit_distance_counts_edits() {
        // kitten → sitting: k→s, e→i, +g = 3
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
