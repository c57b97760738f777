//! The summary files beside the activity files in a bulk export (Strava's `activities.csv`,
//! Garmin's `*summarizedActivities.json`): what the runner wrote and chose for each activity,
//! read leniently, and matched to the activity files; and the iPhone Health export's
//! `export.xml`, whose workouts are the activities themselves (`apple*`). Pure parsing: bytes
//! in, values out.
//!
//! Bad sidecars never cost a run: every problem is a [`SidecarWarning`] and the readers return
//! whatever they could read.

pub mod apple;
pub mod apple_join;
pub mod apple_stream;
pub mod apple_workout;
pub mod garmin;
pub mod merge;
pub mod strava;

mod columns;
mod values;
mod warning;

#[cfg(test)]
mod apple_tests;
#[cfg(test)]
mod garmin_tests;
#[cfg(test)]
mod strava_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod values_tests;

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

pub use warning::{Place, SidecarProblem, SidecarWarning};

/// Largest sidecar read, in bytes; a larger one is refused with one warning.
pub const MAX_SIDECAR_BYTES: usize = 64 * 1024 * 1024;

/// How far apart, in seconds, an activity file's start and an export activity's start may be
/// and still match (Garmin, or a Strava file the export does not name).
pub const MATCH_WINDOW_S: i64 = 180;

/// One activity as an export's summary file describes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ExportActivity {
    /// The export's id for the activity (Strava `Activity ID`, Garmin `activityId`), as written.
    pub id: Option<String>,
    /// The activity file inside the export it describes, as written (`activities/123.fit.gz`),
    /// when known. Always `None` for Garmin: its FIT files match by start time, not by the
    /// number in their names.
    pub file: Option<String>,
    /// Start time, UTC, when known.
    pub start: Option<DateTime<Utc>>,
    /// The export's activity type as written (`Run`, `Lauf`, `treadmill_running`, ...).
    pub activity_type: Option<String>,
    /// The activity's name (title) as the runner left it.
    pub name: Option<String>,
    /// The runner's description.
    pub description: Option<String>,
    /// The runner's private note (Strava only).
    pub private_note: Option<String>,
    /// Perceived exertion, 1–10, when recorded.
    pub rpe: Option<f64>,
    /// Distance in meters.
    pub distance_m: Option<f64>,
    /// Elapsed time in seconds, pauses included.
    pub elapsed_s: Option<f64>,
    /// Moving time in seconds.
    pub moving_s: Option<f64>,
}

impl ExportActivity {
    /// The runner's texts in the order that wins when they disagree: name, description,
    /// private note.
    ///
    /// ```
    /// use runaudit::read::export::ExportActivity;
    /// let a = ExportActivity {
    ///     name: Some("Easy 8k".into()),
    ///     private_note: Some("legs heavy".into()),
    ///     ..Default::default()
    /// };
    /// assert_eq!(a.texts().collect::<Vec<_>>(), ["Easy 8k", "legs heavy"]);
    /// ```
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        [&self.name, &self.description, &self.private_note]
            .into_iter()
            .filter_map(|t| t.as_deref())
    }
}

/// An export's activities, indexed for [`find`]: by normalized file path and by start time.
#[derive(Debug, Clone, Default)]
pub struct ExportIndex {
    /// The activities in the order given.
    activities: Vec<ExportActivity>,
    /// [`normalize_path`] of each named file → position in `activities` (the first one wins).
    by_path: HashMap<String, usize>,
    /// Start times with positions in `activities`, sorted by time.
    by_start: Vec<(DateTime<Utc>, usize)>,
}

impl ExportIndex {
    /// Indexes `activities`; activities with neither file nor start are kept but never found.
    pub fn new(activities: Vec<ExportActivity>) -> ExportIndex {
        let mut by_path = HashMap::with_capacity(activities.len());
        let mut by_start = Vec::with_capacity(activities.len());
        for (i, a) in activities.iter().enumerate() {
            if let Some(file) = &a.file {
                by_path.entry(normalize_path(file)).or_insert(i);
            }
            if let Some(start) = a.start {
                by_start.push((start, i));
            }
        }
        by_start.sort_by_key(|&(start, i)| (start, i));
        ExportIndex {
            activities,
            by_path,
            by_start,
        }
    }

    /// The activities in the order given.
    pub fn activities(&self) -> &[ExportActivity] {
        &self.activities
    }

    /// How many activities the index holds.
    pub fn len(&self) -> usize {
        self.activities.len()
    }

    /// True when the index holds no activity.
    pub fn is_empty(&self) -> bool {
        self.activities.is_empty()
    }
}

impl FromIterator<ExportActivity> for ExportIndex {
    fn from_iter<I: IntoIterator<Item = ExportActivity>>(iter: I) -> ExportIndex {
        ExportIndex::new(iter.into_iter().collect())
    }
}

/// A path inside an export as the matcher compares it: forward slashes, lowercase, no leading
/// `./` or `/`, `.gz` kept.
///
/// ```
/// use runaudit::read::export::normalize_path;
/// assert_eq!(normalize_path(r".\Activities\123.FIT.gz"), "activities/123.fit.gz");
/// ```
pub fn normalize_path(path: &str) -> String {
    let slashed = path.trim().replace('\\', "/").to_lowercase();
    let mut rest = slashed.as_str();
    loop {
        if let Some(r) = rest.strip_prefix("./") {
            rest = r;
        } else if let Some(r) = rest.strip_prefix('/') {
            rest = r;
        } else {
            break;
        }
    }
    rest.to_string()
}

/// The export activity describing an activity file: by the file's path inside the export (the
/// path relative to the folder holding the summary file) when the export names it (Strava
/// `Filename`), else by start time within [`MATCH_WINDOW_S`] (Garmin; 3 minutes), the closest
/// wins (on a tie, the first given).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use runaudit::read::export::{find, ExportActivity, ExportIndex};
/// let start = Utc.with_ymd_and_hms(2020, 10, 7, 14, 43, 11).unwrap();
/// let index = ExportIndex::new(vec![ExportActivity { start: Some(start), ..Default::default() }]);
/// // The file starts 2 minutes later: inside the 3-minute window.
/// let later = start + chrono::TimeDelta::seconds(120);
/// assert!(find(&index, None, later).is_some());
/// ```
pub fn find<'a>(
    index: &'a ExportIndex,
    path_in_export: Option<&str>,
    start: DateTime<Utc>,
) -> Option<&'a ExportActivity> {
    if let Some(&i) = path_in_export.and_then(|p| index.by_path.get(&normalize_path(p))) {
        return index.activities.get(i);
    }
    let window = TimeDelta::seconds(MATCH_WINDOW_S);
    let from = start
        .checked_sub_signed(window)
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    let to = start
        .checked_add_signed(window)
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    let first = index.by_start.partition_point(|&(t, _)| t < from);
    let mut best: Option<(TimeDelta, usize)> = None;
    for &(t, i) in index.by_start.iter().skip(first) {
        if t > to {
            break;
        }
        let gap = (t - start).abs();
        if best.is_none_or(|(g, _)| gap < g) {
            best = Some((gap, i));
        }
    }
    best.and_then(|(_, i)| index.activities.get(i))
}
