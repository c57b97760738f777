//! The profile as the user writes it (a TOML file, runner flags, `--rule KEY=VALUE`), checked
//! into a [`Profile`] with typed errors that name the file and line, or the flag.

use std::collections::BTreeMap;

use super::rules::{nearest, RuleDef, RuleError, RuleSet, RULES};
use super::runner::{Profile, Runner};
use super::sourced::{Source, Sourced};
use crate::units::METERS_PER_MILE;

/// The runner keys a profile file may hold beside the rules (all optional).
pub const RUNNER_KEYS: &[&str] = &[
    "normal_pace",
    "max_hr",
    "resting_hr",
    "lthr",
    "lt1_hr",
    "age",
    "time_zone",
    "units",
    "as_of",
];

/// Why a value the user gave is refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ValueError {
    /// A rule's value (unknown key, not a number, out of range).
    #[error(transparent)]
    Rule(#[from] RuleError),
    /// A TOML value of the wrong kind.
    #[error("must be {expected}, not {found}")]
    WrongType {
        /// What the key takes.
        expected: &'static str,
        /// The TOML type given.
        found: &'static str,
    },
    /// A pace that cannot be read.
    #[error("cannot read pace {0:?}: write it as m:ss/km or m:ss/mi, e.g. 10:00/mi")]
    Pace(String),
    /// A pace outside 1:00 to 59:59.
    #[error("pace {0:?} is outside 1:00 to 59:59 per km or mile")]
    PaceRange(String),
    /// Not an IANA time zone.
    #[error("{0:?} is not a time zone name (IANA, e.g. Europe/Berlin)")]
    TimeZone(String),
    /// Not a heart rate a person has.
    #[error("{0} is not a heart rate (25 to 250 bpm)")]
    HeartRate(f64),
    /// Not an age.
    #[error("{0} is not an age (5 to 110)")]
    Age(f64),
    /// A day not written YYYY-MM-DD.
    #[error("must be a day written YYYY-MM-DD, not {0:?}")]
    Date(String),
    /// Units other than km and mi.
    #[error("must be km or mi, not {0:?}")]
    Units(String),
    /// `--rule` given a runner key (`max_hr`), which has its own flag.
    #[error("{key} is the runner's, not a rule: give it as --{} or in the profile file", key.replace('_', "-"))]
    RunnerKey {
        /// The key.
        key: String,
    },
    /// `--rule` without `=`.
    #[error("write it as KEY=VALUE, e.g. long_run_min=100")]
    RuleSyntax,
}

/// A profile, rule or command-line value refused, with where it was given.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProfileError {
    /// The file is not TOML.
    #[error("{file}:{line}: {message}")]
    Syntax {
        /// The file, as shown to the user.
        file: String,
        /// 1-based line.
        line: usize,
        /// The TOML parser's words.
        message: String,
    },
    /// A key of the file.
    #[error("{file}:{line}: {key}: {error}")]
    Key {
        /// The file, as shown to the user.
        file: String,
        /// 1-based line of the value.
        line: usize,
        /// The key.
        key: String,
        /// What is wrong.
        error: ValueError,
    },
    /// A command-line flag (`--max-hr`, `--rule long_run_min=5`).
    #[error("{flag}: {error}")]
    Flag {
        /// The flag as given.
        flag: String,
        /// What is wrong.
        error: ValueError,
    },
    /// Resting HR at or above max HR.
    #[error("resting HR {rest} is not below max HR {max}")]
    RestingNotBelowMax {
        /// Resting HR, bpm.
        rest: f64,
        /// Max HR, bpm.
        max: f64,
    },
}

/// A rule set by the user, in the rule's unit, already checked.
#[derive(Debug, Clone, Copy)]
pub struct RuleValue {
    /// The rule.
    pub def: &'static RuleDef,
    /// The value, in `def.unit`.
    pub value: f64,
}

impl RuleValue {
    /// Reads `KEY=VALUE` as `--rule` takes it.
    ///
    /// ```
    /// use runaudit::profile::RuleValue;
    /// let r = RuleValue::parse("long_run_min=100").unwrap();
    /// assert_eq!((r.def.key, r.value), ("long_run_min", 100.0));
    /// let e = RuleValue::parse("long_run_min=5").unwrap_err();
    /// assert_eq!(e.to_string(), "--rule long_run_min=5: must be 10 to 600 min, not 5");
    /// assert!(RuleValue::parse("long_run").is_err());
    /// let e = RuleValue::parse("max_hr=190").unwrap_err().to_string();
    /// assert!(e.ends_with("max_hr is the runner's, not a rule: give it as --max-hr or in the profile file"), "{e}");
    /// ```
    pub fn parse(text: &str) -> Result<RuleValue, ProfileError> {
        let flag = |error| ProfileError::Flag {
            flag: format!("--rule {text}"),
            error,
        };
        let (key, value) = text
            .split_once('=')
            .ok_or_else(|| flag(ValueError::RuleSyntax))?;
        let key = key.trim();
        if RUNNER_KEYS.contains(&key) {
            return Err(flag(ValueError::RunnerKey { key: key.into() }));
        }
        let def = RuleDef::find(key).map_err(|e| flag(e.into()))?;
        let value = def.parse(value).map_err(|e| flag(e.into()))?;
        Ok(RuleValue { def, value })
    }
}

/// The keys of a profile file, or the runner flags and `--rule`s (all optional).
#[derive(Debug, Clone, Default)]
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
    /// `km` or `mi` (checked as the file is read).
    pub units: Option<String>,
    /// The day the file's inferred values are true at, `"YYYY-MM-DD"` (checked as read).
    pub as_of: Option<chrono::NaiveDate>,
    /// The rules set (see [`RULES`]), in the order given.
    pub rules: Vec<RuleValue>,
    /// The 1-based line of each key, for errors found after reading (resting above max HR).
    pub lines: BTreeMap<String, usize>,
}

/// The TOML type's name, for errors.
fn type_name(v: &toml::Value) -> &'static str {
    match v {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a float",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    }
}

fn number(v: &toml::Value) -> Result<f64, ValueError> {
    match v {
        toml::Value::Integer(i) => Ok(*i as f64),
        toml::Value::Float(f) => Ok(*f),
        other => Err(ValueError::WrongType {
            expected: "a number",
            found: type_name(other),
        }),
    }
}

fn text(v: &toml::Value) -> Result<String, ValueError> {
    match v {
        toml::Value::String(s) => Ok(s.clone()),
        other => Err(ValueError::WrongType {
            expected: "a string",
            found: type_name(other),
        }),
    }
}

/// The 1-based line of byte `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.get(..at).map_or(1, |t| t.matches('\n').count() + 1)
}

impl ProfileFile {
    /// Reads a profile's TOML; an error names the file and the line, e.g.
    /// `me.toml:2: max_hr: must be a number, not a string`.
    ///
    /// ```
    /// use runaudit::profile::ProfileFile;
    /// assert_eq!(ProfileFile::parse("max_hr = 190", "me.toml").unwrap().max_hr, Some(190.0));
    /// let e = ProfileFile::parse("lthr = 170\nmax_hr = \"high\"", "me.toml").unwrap_err();
    /// assert_eq!(e.to_string(), "me.toml:2: max_hr: must be a number, not a string");
    /// let e = ProfileFile::parse("\nlong_run_mins = 100", "me.toml").unwrap_err();
    /// assert!(e.to_string().starts_with("me.toml:2: long_run_mins: not a profile key"), "{e}");
    /// let e = ProfileFile::parse("units = \"miles\"", "me.toml").unwrap_err();
    /// assert_eq!(e.to_string(), "me.toml:1: units: must be km or mi, not \"miles\"");
    /// ```
    pub fn parse(text: &str, path: &str) -> Result<ProfileFile, ProfileError> {
        let table: BTreeMap<String, toml::Spanned<toml::Value>> =
            toml::from_str(text).map_err(|e| ProfileError::Syntax {
                file: path.to_string(),
                line: e.span().map_or(1, |s| line_of(text, s.start)),
                message: e.message().trim_end().to_string(),
            })?;
        // In file order, so the first mistake is the one reported.
        let mut entries: Vec<_> = table.into_iter().collect();
        entries.sort_by_key(|(_, v)| v.span().start);
        let mut keys = ProfileFile::default();
        for (key, value) in entries {
            let line = line_of(text, value.span().start);
            keys.set(&key, value.get_ref())
                .map_err(|error| ProfileError::Key {
                    file: path.to_string(),
                    line,
                    key: key.clone(),
                    error,
                })?;
            keys.lines.insert(key, line);
        }
        Ok(keys)
    }

    /// Sets one key from its TOML value.
    fn set(&mut self, key: &str, v: &toml::Value) -> Result<(), ValueError> {
        match key {
            "normal_pace" => self.normal_pace = Some(text(v)?),
            "max_hr" => self.max_hr = Some(number(v)?),
            "resting_hr" => self.resting_hr = Some(number(v)?),
            "lthr" => self.lthr = Some(number(v)?),
            "lt1_hr" => self.lt1_hr = Some(number(v)?),
            "age" => self.age = Some(number(v)?),
            "time_zone" => self.time_zone = Some(text(v)?),
            "as_of" => {
                let day = match v {
                    toml::Value::Datetime(d) => d.to_string(),
                    other => text(other)?,
                };
                let date = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                    .map_err(|_| ValueError::Date(day.clone()))?;
                self.as_of = Some(date);
            }
            "units" => {
                let units = text(v)?;
                if !matches!(units.as_str(), "km" | "mi") {
                    return Err(ValueError::Units(units));
                }
                self.units = Some(units);
            }
            _ => {
                let def = RuleDef::find(key).map_err(|_| RuleError::UnknownKey {
                    key: key.to_string(),
                    nearest: nearest(
                        key,
                        RUNNER_KEYS
                            .iter()
                            .copied()
                            .chain(RULES.iter().map(|d| d.key)),
                    ),
                })?;
                let value = def.check(number(v)?)?;
                self.rules.push(RuleValue { def, value });
            }
        }
        Ok(())
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
pub fn parse_pace(text: &str) -> Result<f64, ValueError> {
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
    let bad = || ValueError::Pace(text.to_string());
    let secs = match num.split_once(':') {
        Some((m, s)) => {
            let m: u32 = m.trim().parse().map_err(|_| bad())?;
            let s: u32 = s.trim().parse().map_err(|_| bad())?;
            if s >= 60 {
                return Err(bad());
            }
            f64::from(m.saturating_mul(60).saturating_add(s))
        }
        None => num.trim().parse::<f64>().map_err(|_| bad())?,
    };
    if !(secs.is_finite() && secs > 60.0 && secs < 3600.0) {
        return Err(ValueError::PaceRange(text.to_string()));
    }
    Ok(if per_mile {
        secs / (METERS_PER_MILE / 1000.0)
    } else {
        secs
    })
}

/// Checks an IANA time zone name (`Europe/Berlin`, `America/New_York`, `UTC`).
///
/// ```
/// use runaudit::profile::check_time_zone;
/// assert_eq!(check_time_zone("Europe/Berlin").unwrap(), "Europe/Berlin");
/// assert!(check_time_zone("Mars/Olympus").is_err());
/// ```
pub fn check_time_zone(name: &str) -> Result<String, ValueError> {
    name.trim()
        .parse::<chrono_tz::Tz>()
        .map(|tz| tz.name().to_string())
        .map_err(|_| ValueError::TimeZone(name.to_string()))
}

/// Checks a heart rate a person typed: 25 to 250 bpm.
pub fn check_hr(bpm: f64) -> Result<f64, ValueError> {
    if bpm.is_finite() && (25.0..=250.0).contains(&bpm) {
        Ok(bpm)
    } else {
        Err(ValueError::HeartRate(bpm))
    }
}

fn check_age(years: f64) -> Result<f64, ValueError> {
    if years.is_finite() && (5.0..=110.0).contains(&years) {
        Ok(years)
    } else {
        Err(ValueError::Age(years))
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

impl FromFile<'_> {
    /// An error at `key`'s line of this file.
    pub fn error(&self, key: &str, error: ValueError) -> ProfileError {
        ProfileError::Key {
            file: self.path.to_string(),
            line: self.keys.lines.get(key).copied().unwrap_or(1),
            key: key.to_string(),
            error,
        }
    }
}

/// One runner value from the flag, else the file, checked, with its source.
fn pick<T, U>(
    flag: Option<&T>,
    file: Option<(&T, FromFile)>,
    flag_name: &str,
    key: &str,
    check: impl Fn(&T) -> Result<U, ValueError>,
) -> Result<Option<Sourced<U>>, ProfileError> {
    match (flag, file) {
        (Some(v), _) => check(v)
            .map(|v| Some(Sourced::new(v, Source::Flag)))
            .map_err(|error| ProfileError::Flag {
                flag: format!("--{flag_name}"),
                error,
            }),
        (None, Some((v, f))) => check(v)
            .map(|v| Some(Sourced::from_file(v, f.path)))
            .map_err(|error| f.error(key, error)),
        (None, None) => Ok(None),
    }
}

/// Builds the profile from the flags (runner flags and `--rule`s) and the profile file: flag >
/// file > default (inferred values are filled in later, from the runs). Errors name the flag, or
/// the key, the file and its line.
///
/// ```
/// use runaudit::profile::{resolve, FromFile, ProfileFile, RuleValue, Source};
/// let flags = ProfileFile { max_hr: Some(188.0), ..Default::default() };
/// let keys = ProfileFile::parse("max_hr = 190\nlthr = 172\nmax_moving_min = 45\nlong_run_min = 80", "me.toml").unwrap();
/// let flags = ProfileFile { rules: vec![RuleValue::parse("long_run_min=100").unwrap()], ..flags };
/// let p = resolve(&flags, Some(FromFile { keys: &keys, path: "me.toml" })).unwrap();
/// let max = p.runner.max_hr_bpm.unwrap();
/// assert_eq!((max.value, max.source), (188.0, Source::Flag));
/// let lthr = p.runner.lthr_bpm.unwrap();
/// assert_eq!((lthr.source, lthr.file.as_deref()), (Source::ProfileFile, Some("me.toml")));
/// assert_eq!(p.rules.max_moving_s.value, 2700.0);
/// // --rule wins over the file: 100 min = 6000 s.
/// assert_eq!((p.rules.session.long_moving_s.value, p.rules.session.long_moving_s.source), (6000.0, Source::Flag));
/// let bad = ProfileFile { max_hr: Some(400.0), ..Default::default() };
/// assert_eq!(resolve(&bad, None).unwrap_err().to_string(), "--max-hr: 400 is not a heart rate (25 to 250 bpm)");
/// ```
pub fn resolve(flags: &ProfileFile, file: Option<FromFile>) -> Result<Profile, ProfileError> {
    let empty = ProfileFile::default();
    let keys = file.map_or(&empty, |f| f.keys);
    let hr = |v: &f64| check_hr(*v);
    let runner = Runner {
        normal_pace_s_per_km: pick(
            flags.normal_pace.as_ref(),
            keys.normal_pace.as_ref().zip(file),
            "normal-pace",
            "normal_pace",
            |p: &String| parse_pace(p),
        )?,
        max_hr_bpm: pick(
            flags.max_hr.as_ref(),
            keys.max_hr.as_ref().zip(file),
            "max-hr",
            "max_hr",
            hr,
        )?,
        resting_hr_bpm: pick(
            flags.resting_hr.as_ref(),
            keys.resting_hr.as_ref().zip(file),
            "resting-hr",
            "resting_hr",
            hr,
        )?,
        lthr_bpm: pick(
            flags.lthr.as_ref(),
            keys.lthr.as_ref().zip(file),
            "lthr",
            "lthr",
            hr,
        )?,
        lt1_hr_bpm: pick(
            flags.lt1_hr.as_ref(),
            keys.lt1_hr.as_ref().zip(file),
            "lt1-hr",
            "lt1_hr",
            hr,
        )?,
        age_years: pick(
            flags.age.as_ref(),
            keys.age.as_ref().zip(file),
            "age",
            "age",
            |v: &f64| check_age(*v),
        )?,
        time_zone: pick(
            flags.time_zone.as_ref(),
            keys.time_zone.as_ref().zip(file),
            "time-zone",
            "time_zone",
            |z: &String| check_time_zone(z),
        )?,
        as_of: file.and_then(|f| f.keys.as_of),
    };
    if let (Some(rest), Some(max)) = (&runner.resting_hr_bpm, &runner.max_hr_bpm) {
        if rest.value >= max.value {
            return Err(ProfileError::RestingNotBelowMax {
                rest: rest.value,
                max: max.value,
            });
        }
    }
    let mut rules = RuleSet::default();
    if let Some(f) = file {
        for r in &f.keys.rules {
            r.def
                .set(&mut rules, r.value, Source::ProfileFile, Some(f.path));
        }
    }
    for r in &flags.rules {
        r.def.set(&mut rules, r.value, Source::Flag, None);
    }
    Ok(Profile { runner, rules })
}
