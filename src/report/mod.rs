//! Renderers: the same per-run results as a table, JSON or CSV, written into any `impl Write`.
//! One small file per format; the result structs here are the JSON contract.

pub mod csv;
pub mod json;
pub mod season;
pub mod svg;
pub mod table;

use serde::Serialize;

use crate::activity::{Activity, Format, Sport, Warning};
use crate::analyze::{Analysis, Units, METERS_PER_MILE};
use crate::classify::judge::Judgement;

/// Output format chosen with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// Human-readable tables.
    #[default]
    Table,
    /// One JSON array of [`FileResult`].
    Json,
    /// One CSV row per activity.
    Csv,
}

/// Everything reported for one activity: where it came from and what was measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunReport {
    /// The file the activity was read from, as given on the command line or found in a folder.
    pub file: String,
    /// The file's format.
    pub format: Format,
    /// Index of the activity within its file (FIT session), from 0.
    pub session: usize,
    /// The sport the file names.
    pub sport: Sport,
    /// The recording device, when the file names it.
    pub device: Option<String>,
    /// The measurements.
    #[serde(flatten)]
    pub analysis: Analysis,
    /// What the reader repaired or dropped; each serializes as its sentence.
    pub warnings: Vec<Warning>,
    /// Other files holding the same activity (same start, same distance), counted once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<String>,
    /// The recovery verdict, its criteria and the profile used; absent until judged.
    #[serde(flatten)]
    pub judgement: Option<Judgement>,
}

impl RunReport {
    /// Pairs an activity's identity with its analysis.
    pub fn new(file: &str, activity: &Activity, analysis: Analysis) -> RunReport {
        RunReport {
            file: file.to_string(),
            format: activity.format,
            session: activity.session,
            sport: activity.sport,
            device: activity.device.clone(),
            analysis,
            warnings: activity.warnings.clone(),
            duplicates: Vec::new(),
            judgement: None,
        }
    }
}

/// One entry of the output: a run, or a file that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FileResult {
    /// An activity read and analyzed.
    Run(Box<RunReport>),
    /// A file that could not be read.
    Error {
        /// The file.
        file: String,
        /// Why, in one line.
        error: String,
    },
}

/// Formats seconds as `m:ss` or `h:mm:ss`, rounding to the nearest second.
///
/// ```
/// use runaudit::report::fmt_duration;
/// assert_eq!(fmt_duration(330.4), "5:30");
/// assert_eq!(fmt_duration(3723.0), "1:02:03");
/// assert_eq!(fmt_duration(59.6), "1:00");
/// ```
pub fn fmt_duration(seconds: f64) -> String {
    if !seconds.is_finite() || seconds < 0.0 {
        return "-".to_string();
    }
    let total = seconds.round() as u64;
    let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Formats a pace given in seconds per km as `m:ss/km` or `m:ss/mi`.
///
/// ```
/// use runaudit::report::fmt_pace;
/// use runaudit::analyze::Units;
/// assert_eq!(fmt_pace(Some(330.0), Units::Km), "5:30/km");
/// // 372.82 s/km × 1.609344 = 600.0 s/mi
/// assert_eq!(fmt_pace(Some(372.823), Units::Mi), "10:00/mi");
/// assert_eq!(fmt_pace(None, Units::Km), "-");
/// ```
pub fn fmt_pace(pace_s_per_km: Option<f64>, units: Units) -> String {
    match pace_s_per_km {
        Some(p) if p.is_finite() && p > 0.0 => match units {
            Units::Km => format!("{}/km", fmt_duration(p)),
            Units::Mi => format!("{}/mi", fmt_duration(p * METERS_PER_MILE / 1000.0)),
        },
        _ => "-".to_string(),
    }
}

/// Formats a distance in meters as km or miles with two decimals.
///
/// ```
/// use runaudit::report::fmt_distance;
/// use runaudit::analyze::Units;
/// assert_eq!(fmt_distance(5012.0, Units::Km), "5.01 km");
/// assert_eq!(fmt_distance(1609.344, Units::Mi), "1.00 mi");
/// ```
pub fn fmt_distance(distance_m: f64, units: Units) -> String {
    match units {
        Units::Km => format!("{:.2} km", distance_m / 1000.0),
        Units::Mi => format!("{:.2} mi", distance_m / METERS_PER_MILE),
    }
}
