//! The runner and the rule set: every threshold a verdict uses, with where it came from (flag,
//! profile file, inferred from history, default), so that any verdict can be reproduced.

use serde::{Deserialize, Serialize};

use crate::note::Note;
use crate::units::METERS_PER_MILE;

/// Where a value came from; precedence is flag > profile file > inferred > default.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A command-line flag.
    Flag,
    /// A TOML profile file: the one named with `--profile`, else the saved profile.
    ProfileFile,
    /// Inferred from the runs given (with how).
    Inferred,
    /// Computed from other values (e.g. Tanaka from age, a ceiling from LTHR).
    Derived,
    /// The built-in default.
    Default,
}

/// A value with its source and, for inferred values, a note on how it was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Where it came from.
    pub source: Source,
    /// How it was inferred or derived (in JSON, its words); none for flags, files and defaults.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
    /// The profile file it came from (`--profile`, `RUNAUDIT_PROFILE` or the saved profile).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl<T> Sourced<T> {
    /// A value with a source and no note.
    pub fn new(value: T, source: Source) -> Self {
        Sourced {
            value,
            source,
            note: None,
            file: None,
        }
    }

    /// A value read from the profile file `file`.
    pub fn from_file(value: T, file: &str) -> Self {
        Sourced {
            value,
            source: Source::ProfileFile,
            note: None,
            file: Some(file.to_string()),
        }
    }

    /// A value with a source and a note.
    pub fn noted(value: T, source: Source, note: Note) -> Self {
        Sourced {
            value,
            source,
            note: Some(note),
            file: None,
        }
    }
}

/// Seconds per km that 1:00/mi adds to a pace: 60 / 1.609344 = 37.28 s/km.
pub const ONE_MIN_PER_MILE_S_PER_KM: f64 = 60.0 / (METERS_PER_MILE / 1000.0);

/// The recovery rule set (`docs/design.md`): "these runs should max out at 60 minutes";
/// 1–2 min/mi slower than normal pace; conversational effort for "the majority of the run", read
/// as ≥ 90% of moving time at or below the easy ceiling (Seiler zone 1, talk test ≈ VT1, Foster
/// 2008) and no block above it longer than 3 minutes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSet {
    /// Longest moving time of a recovery run, seconds (60 min).
    pub max_moving_s: Sourced<f64>,
    /// How much slower than normal pace a recovery run must at least be, s/km (1:00/mi).
    pub slower_min_s_per_km: Sourced<f64>,
    /// The slow edge of the recovery band, s/km (2:00/mi); slower still is fine (walking).
    pub slower_max_s_per_km: Sourced<f64>,
    /// Share of trusted-HR moving time that must be at or below the easy ceiling (0.90).
    pub easy_share_min: Sourced<f64>,
    /// Longest continuous block above the ceiling, seconds (180).
    pub max_block_above_s: Sourced<f64>,
    /// Highest perceived effort (RPE, 1–10) of a recovery run, when the runner recorded one (4:
    /// the article's "RPE 2–4").
    pub easy_rpe_max: Sourced<f64>,
    /// Trailing window for the normal-pace baseline, days (42).
    pub baseline_window_days: Sourced<u32>,
    /// Fewest runs in the window for a baseline (5).
    pub baseline_min_runs: Sourced<usize>,
    /// What makes a run a workout, a long run, steady or a walk.
    pub session: SessionRules,
    /// Calendar days after a hard day in which a run should be a recovery run (1: the next day).
    pub recovery_window_days: Sourced<u32>,
    /// Days before a run whose heart rate infers its max HR (365: max HR falls with age).
    pub max_hr_window_days: Sourced<u32>,
}

/// The thresholds that give every run its session type. Sources: Seiler's three-zone model
/// (zone 3 from about 87% of max HR, above the second threshold), Friel's LTHR run zones (zone 4
/// from 95% of LTHR), Daniels (a long run is a hard day; 90 minutes as its lower bound here).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionRules {
    /// The hard threshold as a share of LTHR (0.95, Friel zone 4).
    pub hard_lthr_share: Sourced<f64>,
    /// The hard threshold as a share of max HR when no LTHR is known (0.87, Seiler zone 3).
    pub hard_max_hr_share: Sourced<f64>,
    /// Blocks of a minute or more above the hard threshold that make a workout (3).
    pub workout_blocks_min: Sourced<usize>,
    /// Time above the hard threshold that makes a workout (tempo, threshold), seconds (15 min).
    pub workout_hard_s: Sourced<f64>,
    /// Fast blocks in pace alone that make an interval workout (3).
    pub workout_repeats_min: Sourced<usize>,
    /// Share of trusted HR time above the easy ceiling that makes a run steady (0.5).
    pub steady_share_min: Sourced<f64>,
    /// Moving time from which a run is a long run, seconds (90 min).
    pub long_moving_s: Sourced<f64>,
    /// Share of moving time walked from which an activity is a walk (0.5).
    pub walk_share_min: Sourced<f64>,
}

impl Default for SessionRules {
    fn default() -> Self {
        SessionRules {
            hard_lthr_share: Sourced::new(0.95, Source::Default),
            hard_max_hr_share: Sourced::new(0.87, Source::Default),
            workout_blocks_min: Sourced::new(3, Source::Default),
            workout_hard_s: Sourced::new(15.0 * 60.0, Source::Default),
            workout_repeats_min: Sourced::new(3, Source::Default),
            steady_share_min: Sourced::new(0.5, Source::Default),
            long_moving_s: Sourced::new(90.0 * 60.0, Source::Default),
            walk_share_min: Sourced::new(0.5, Source::Default),
        }
    }
}

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

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet {
            max_moving_s: Sourced::new(3600.0, Source::Default),
            slower_min_s_per_km: Sourced::new(ONE_MIN_PER_MILE_S_PER_KM, Source::Default),
            slower_max_s_per_km: Sourced::new(2.0 * ONE_MIN_PER_MILE_S_PER_KM, Source::Default),
            easy_share_min: Sourced::new(0.90, Source::Default),
            max_block_above_s: Sourced::new(180.0, Source::Default),
            easy_rpe_max: Sourced::new(4.0, Source::Default),
            baseline_window_days: Sourced::new(42, Source::Default),
            baseline_min_runs: Sourced::new(5, Source::Default),
            session: SessionRules::default(),
            recovery_window_days: Sourced::new(1, Source::Default),
            max_hr_window_days: Sourced::new(365, Source::Default),
        }
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
    /// 85% of lactate-threshold HR (Friel zone 1 top).
    Lthr,
    /// 72% of heart-rate reserve (Karvonen).
    HrReserve,
    /// 75% of maximum HR.
    MaxHr,
}

impl CeilingRung {
    /// The rung in words, for tables and reports.
    pub fn describe(self) -> &'static str {
        match self {
            CeilingRung::Lt1 => "aerobic threshold (LT1) as given",
            CeilingRung::Lthr => "85% of lactate-threshold HR",
            CeilingRung::HrReserve => "72% of heart-rate reserve (Karvonen)",
            CeilingRung::MaxHr => "75% of max HR",
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
}

/// The easy ceiling from the best thing the runner gave: LT1; else 85% LTHR; else 72% of HR
/// reserve (needs resting and max HR); else 75% of max HR. `max_hr` is the resolved maximum
/// (given, inferred or Tanaka), passed separately because it may come from history.
///
/// ```
/// use runaudit::profile::{easy_ceiling, CeilingRung, Runner, Source, Sourced};
/// let mut r = Runner::default();
/// assert_eq!(easy_ceiling(&r, None), None);
/// // 75% of 190 = 142.5
/// assert_eq!(easy_ceiling(&r, Some(190.0)).unwrap().bpm, 142.5);
/// // 50 + 0.72 × (190 − 50) = 150.8
/// r.resting_hr_bpm = Some(Sourced::new(50.0, Source::Flag));
/// let c = easy_ceiling(&r, Some(190.0)).unwrap();
/// assert!((c.bpm - 150.8).abs() < 1e-9 && c.rung == CeilingRung::HrReserve);
/// // 85% of 172 = 146.2
/// r.lthr_bpm = Some(Sourced::new(172.0, Source::Flag));
/// assert!((easy_ceiling(&r, Some(190.0)).unwrap().bpm - 146.2).abs() < 1e-9);
/// ```
pub fn easy_ceiling(runner: &Runner, max_hr: Option<f64>) -> Option<EasyCeiling> {
    if let Some(lt1) = &runner.lt1_hr_bpm {
        return Some(EasyCeiling {
            bpm: lt1.value,
            rung: CeilingRung::Lt1,
        });
    }
    if let Some(lthr) = &runner.lthr_bpm {
        return Some(EasyCeiling {
            bpm: 0.85 * lthr.value,
            rung: CeilingRung::Lthr,
        });
    }
    let max = max_hr?;
    if let Some(rest) = &runner.resting_hr_bpm {
        if rest.value < max {
            return Some(EasyCeiling {
                bpm: rest.value + 0.72 * (max - rest.value),
                rung: CeilingRung::HrReserve,
            });
        }
    }
    Some(EasyCeiling {
        bpm: 0.75 * max,
        rung: CeilingRung::MaxHr,
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

/// The keys a `--profile` TOML file may hold (all optional).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    /// Normal pace, e.g. `"10:00/mi"` or `"5:30/km"`.
    pub normal_pace: Option<String>,
    /// Maximum HR, bpm.
    pub max_hr: Option<f64>,
    /// Resting HR, bpm.
    pub resting_hr: Option<f64>,
    /// Lactate-threshold HR, bpm.
    pub lthr: Option<f64>,
    /// Aerobic-threshold (LT1) HR, bpm.
    pub lt1_hr: Option<f64>,
    /// Age, years.
    pub age: Option<f64>,
    /// Time zone, an IANA name such as `"Europe/Berlin"`.
    pub time_zone: Option<String>,
    /// `km` or `mi`.
    pub units: Option<String>,
    /// Longest recovery run, minutes (60).
    pub max_moving_min: Option<f64>,
    /// Least slowdown vs normal pace, seconds per mile (60).
    pub slower_min_s_per_mi: Option<f64>,
    /// Slow edge of the band, seconds per mile (120).
    pub slower_max_s_per_mi: Option<f64>,
    /// Least share of moving time at or below the easy ceiling, percent (90).
    pub easy_share_min_pct: Option<f64>,
    /// Longest block above the ceiling, seconds (180).
    pub max_block_above_s: Option<f64>,
    /// Highest perceived effort of a recovery run, RPE 1–10 (4).
    pub easy_rpe_max: Option<f64>,
    /// Baseline window, days (42).
    pub baseline_window_days: Option<u32>,
    /// Fewest runs for a baseline (5).
    pub baseline_min_runs: Option<usize>,
    /// Moving time from which a run is a long run, minutes (90).
    pub long_run_min: Option<f64>,
    /// The hard threshold as a percentage of LTHR (95).
    pub hard_lthr_pct: Option<f64>,
    /// The hard threshold as a percentage of max HR (87).
    pub hard_max_hr_pct: Option<f64>,
    /// Minutes above the hard threshold that make a workout (15).
    pub workout_hard_min: Option<f64>,
    /// Share of moving time walked from which an activity is a walk, percent (50).
    pub walk_share_min_pct: Option<f64>,
    /// Calendar days after a hard day that should hold only recovery runs, walks or rest (1).
    pub recovery_window_days: Option<u32>,
    /// Days before a run whose heart rate infers its max HR (365).
    pub max_hr_window_days: Option<u32>,
}

impl ProfileFile {
    /// Reads a profile's TOML; an error names the file and the line, e.g.
    /// `me.toml:3: invalid type: string "x", expected f64`.
    ///
    /// ```
    /// use runaudit::profile::ProfileFile;
    /// assert_eq!(ProfileFile::parse("max_hr = 190", "me.toml").unwrap().max_hr, Some(190.0));
    /// let e = ProfileFile::parse("lthr = 170\nmax_hr = \"high\"", "me.toml").unwrap_err();
    /// assert!(e.starts_with("me.toml:2: "), "{e}");
    /// ```
    pub fn parse(text: &str, path: &str) -> Result<ProfileFile, String> {
        toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| {
                text.get(..s.start)
                    .map_or(1, |t| t.matches('\n').count() + 1)
            });
            format!("{path}:{line}: {}", e.message().trim_end())
        })
    }
}

/// Parses a pace such as `10:00/mi`, `5:30/km`, `5:30` (per km) or `330` (seconds per km) into
/// seconds per km.
///
/// ```
/// use runaudit::profile::parse_pace;
/// assert_eq!(parse_pace("5:30/km"), Ok(330.0));
/// // 600 s per 1.609344 km = 372.82 s/km
/// assert!((parse_pace("10:00/mi").unwrap() - 372.823).abs() < 1e-3);
/// assert!(parse_pace("fast").is_err());
/// assert!(parse_pace("0:00/km").is_err());
/// ```
pub fn parse_pace(text: &str) -> Result<f64, String> {
    let t = text.trim().to_ascii_lowercase();
    let (num, per_mile) = if let Some(n) = t.strip_suffix("/mi") {
        (n, true)
    } else if let Some(n) = t.strip_suffix("/mile") {
        (n, true)
    } else if let Some(n) = t.strip_suffix("/km") {
        (n, false)
    } else {
        (t.as_str(), false)
    };
    let secs = match num.split_once(':') {
        Some((m, s)) => {
            let m: u32 = m.trim().parse().map_err(|_| bad_pace(text))?;
            let s: u32 = s.trim().parse().map_err(|_| bad_pace(text))?;
            if s >= 60 {
                return Err(bad_pace(text));
            }
            f64::from(m * 60 + s)
        }
        None => num.trim().parse::<f64>().map_err(|_| bad_pace(text))?,
    };
    if !(secs.is_finite() && secs > 60.0 && secs < 3600.0) {
        return Err(format!(
            "pace {text:?} is outside 1:00 to 59:59 per km or mile"
        ));
    }
    Ok(if per_mile {
        secs / (METERS_PER_MILE / 1000.0)
    } else {
        secs
    })
}

fn bad_pace(text: &str) -> String {
    format!("cannot read pace {text:?}: write it as m:ss/km or m:ss/mi, e.g. 10:00/mi")
}

/// Checks an IANA time zone name (`Europe/Berlin`, `America/New_York`, `UTC`).
///
/// ```
/// use runaudit::profile::check_time_zone;
/// assert_eq!(check_time_zone("Europe/Berlin").unwrap(), "Europe/Berlin");
/// assert!(check_time_zone("Mars/Olympus").is_err());
/// ```
pub fn check_time_zone(name: &str) -> Result<String, String> {
    name.trim()
        .parse::<chrono_tz::Tz>()
        .map(|tz| tz.name().to_string())
        .map_err(|_| format!("{name:?} is not a time zone name (IANA, e.g. Europe/Berlin)"))
}

/// Checks a heart rate a person typed: 25 to 250 bpm.
pub fn check_hr(name: &str, bpm: f64) -> Result<f64, String> {
    if bpm.is_finite() && (25.0..=250.0).contains(&bpm) {
        Ok(bpm)
    } else {
        Err(format!("{name} {bpm} is not a heart rate (25 to 250 bpm)"))
    }
}

/// A profile file as read: its keys and the path that names it in sources and errors.
#[derive(Debug, Clone, Copy)]
pub struct FromFile<'a> {
    /// The keys.
    pub keys: &'a ProfileFile,
    /// The file, as shown to the user.
    pub path: &'a str,
}

/// Builds the profile from the flags and the profile file: flag > file > default (inferred
/// values are filled in later, from the runs). Errors name the flag, or the key and the file.
///
/// ```
/// use runaudit::profile::{resolve, FromFile, ProfileFile, Source};
/// let flags = ProfileFile { max_hr: Some(188.0), ..Default::default() };
/// let keys = ProfileFile { max_hr: Some(190.0), lthr: Some(172.0), max_moving_min: Some(45.0), ..Default::default() };
/// let p = resolve(&flags, Some(FromFile { keys: &keys, path: "me.toml" })).unwrap();
/// let max = p.runner.max_hr_bpm.unwrap();
/// assert_eq!((max.value, max.source), (188.0, Source::Flag));
/// let lthr = p.runner.lthr_bpm.unwrap();
/// assert_eq!((lthr.source, lthr.file.as_deref()), (Source::ProfileFile, Some("me.toml")));
/// assert_eq!(p.rules.max_moving_s.value, 2700.0);
/// let bad = ProfileFile { max_hr: Some(400.0), ..Default::default() };
/// assert!(resolve(&bad, None).unwrap_err().contains("--max-hr"));
/// ```
pub fn resolve(flags: &ProfileFile, file: Option<FromFile>) -> Result<Profile, String> {
    let empty = ProfileFile::default();
    let (file, path) = file.map_or((&empty, ""), |f| (f.keys, f.path));
    let sourced = |v: f64, from_flag: bool| {
        if from_flag {
            Sourced::new(v, Source::Flag)
        } else {
            Sourced::from_file(v, path)
        }
    };
    let pick = |flag: Option<f64>, from_file: Option<f64>| match (flag, from_file) {
        (Some(v), _) => Some((v, true)),
        (None, Some(v)) => Some((v, false)),
        (None, None) => None,
    };
    let name = |from_flag: bool, flag: &str, key: &str| {
        if from_flag {
            format!("--{flag}")
        } else {
            format!("{key} in {path}")
        }
    };
    let hr = |flag: Option<f64>, from_file: Option<f64>, flag_name: &str, key: &str| {
        pick(flag, from_file)
            .map(|(v, f)| check_hr(&name(f, flag_name, key), v).map(|v| sourced(v, f)))
            .transpose()
    };
    let normal_pace = match (&flags.normal_pace, &file.normal_pace) {
        (Some(p), _) => Some(Sourced::new(
            parse_pace(p).map_err(|e| format!("--normal-pace: {e}"))?,
            Source::Flag,
        )),
        (None, Some(p)) => Some(Sourced::from_file(
            parse_pace(p).map_err(|e| format!("normal_pace in {path}: {e}"))?,
            path,
        )),
        (None, None) => None,
    };
    let age = pick(flags.age, file.age)
        .map(|(v, s)| {
            if v.is_finite() && (5.0..=110.0).contains(&v) {
                Ok(sourced(v, s))
            } else {
                Err(format!(
                    "{} {v} is not an age (5 to 110)",
                    name(s, "age", "age")
                ))
            }
        })
        .transpose()?;
    let runner = Runner {
        normal_pace_s_per_km: normal_pace,
        max_hr_bpm: hr(flags.max_hr, file.max_hr, "max-hr", "max_hr")?,
        resting_hr_bpm: hr(
            flags.resting_hr,
            file.resting_hr,
            "resting-hr",
            "resting_hr",
        )?,
        lthr_bpm: hr(flags.lthr, file.lthr, "lthr", "lthr")?,
        lt1_hr_bpm: hr(flags.lt1_hr, file.lt1_hr, "lt1-hr", "lt1_hr")?,
        age_years: age,
        time_zone: match (&flags.time_zone, &file.time_zone) {
            (Some(z), _) => Some(Sourced::new(
                check_time_zone(z).map_err(|e| format!("--time-zone: {e}"))?,
                Source::Flag,
            )),
            (None, Some(z)) => Some(Sourced::from_file(
                check_time_zone(z).map_err(|e| format!("time_zone in {path}: {e}"))?,
                path,
            )),
            (None, None) => None,
        },
    };
    if let (Some(rest), Some(max)) = (&runner.resting_hr_bpm, &runner.max_hr_bpm) {
        if rest.value >= max.value {
            return Err(format!(
                "resting HR {} is not below max HR {}",
                rest.value, max.value
            ));
        }
    }
    Ok(Profile {
        runner,
        rules: rules_from(file, path)?,
    })
}

/// The rule set with the profile file's overrides; `path` names the file.
fn rules_from(file: &ProfileFile, path: &str) -> Result<RuleSet, String> {
    let mut rules = RuleSet::default();
    let positive = |key: &str, v: f64| {
        if v.is_finite() && v > 0.0 {
            Ok(v)
        } else {
            Err(format!(
                "{key} in {path} must be a positive number, not {v}"
            ))
        }
    };
    if let Some(v) = file.max_moving_min {
        rules.max_moving_s = Sourced::from_file(positive("max_moving_min", v)? * 60.0, path);
    }
    let per_km = METERS_PER_MILE / 1000.0;
    if let Some(v) = file.slower_min_s_per_mi {
        rules.slower_min_s_per_km =
            Sourced::from_file(positive("slower_min_s_per_mi", v)? / per_km, path);
    }
    if let Some(v) = file.slower_max_s_per_mi {
        rules.slower_max_s_per_km =
            Sourced::from_file(positive("slower_max_s_per_mi", v)? / per_km, path);
    }
    if let Some(v) = file.easy_share_min_pct {
        if !(v.is_finite() && (0.0..=100.0).contains(&v)) {
            return Err(format!(
                "easy_share_min_pct in {path} must be 0 to 100, not {v}"
            ));
        }
        rules.easy_share_min = Sourced::from_file(v / 100.0, path);
    }
    if let Some(v) = file.easy_rpe_max {
        if !(v.is_finite() && (1.0..=10.0).contains(&v)) {
            return Err(format!("easy_rpe_max in {path} must be 1 to 10, not {v}"));
        }
        rules.easy_rpe_max = Sourced::from_file(v, path);
    }
    if let Some(v) = file.max_block_above_s {
        rules.max_block_above_s = Sourced::from_file(positive("max_block_above_s", v)?, path);
    }
    if let Some(v) = file.baseline_window_days {
        rules.baseline_window_days = Sourced::from_file(v.max(1), path);
    }
    if let Some(v) = file.baseline_min_runs {
        rules.baseline_min_runs = Sourced::from_file(v.max(1), path);
    }
    let percent = |key: &str, v: f64| {
        if v.is_finite() && (0.0..=100.0).contains(&v) {
            Ok(v / 100.0)
        } else {
            Err(format!("{key} in {path} must be 0 to 100, not {v}"))
        }
    };
    if let Some(v) = file.max_hr_window_days {
        rules.max_hr_window_days = Sourced::from_file(v.clamp(30, 3650), path);
    }
    if let Some(v) = file.recovery_window_days {
        rules.recovery_window_days = Sourced::from_file(v.clamp(1, 7), path);
    }
    let session = &mut rules.session;
    if let Some(v) = file.long_run_min {
        session.long_moving_s = Sourced::from_file(positive("long_run_min", v)? * 60.0, path);
    }
    if let Some(v) = file.hard_lthr_pct {
        session.hard_lthr_share = Sourced::from_file(percent("hard_lthr_pct", v)?, path);
    }
    if let Some(v) = file.hard_max_hr_pct {
        session.hard_max_hr_share = Sourced::from_file(percent("hard_max_hr_pct", v)?, path);
    }
    if let Some(v) = file.workout_hard_min {
        session.workout_hard_s = Sourced::from_file(positive("workout_hard_min", v)? * 60.0, path);
    }
    if let Some(v) = file.walk_share_min_pct {
        session.walk_share_min = Sourced::from_file(percent("walk_share_min_pct", v)?, path);
    }
    Ok(rules)
}
