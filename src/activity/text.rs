//! What the runner wrote about a run, and where: names, descriptions and notes inside the file
//! (FIT workout and sport names, TCX notes, GPX names) or in the export beside it (Strava's
//! `activities.csv`, Garmin's summaries). Read as declared intent by `classify::intent`.

use serde::Serialize;

/// Where a text or a perceived effort came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextSource {
    /// Strava export `Activity Name`.
    StravaName,
    /// Strava export `Activity Description`.
    StravaDescription,
    /// Strava export `Activity Private Note`.
    StravaPrivateNote,
    /// Strava export `Perceived Exertion`.
    StravaPerceivedExertion,
    /// Garmin export summary `name`.
    GarminName,
    /// Garmin export summary `description`.
    GarminDescription,
    /// FIT `workout.wkt_name` (message 26, field 8).
    FitWorkoutName,
    /// FIT `sport.name` (message 12, field 3).
    FitSportName,
    /// FIT `session.sport_profile_name` (message 18, field 110).
    FitSportProfile,
    /// FIT lap `intensity` (message 19, field 23): laps marked active and rest in turn, as a
    /// watch guiding a workout marks them. The text states the device's structure
    /// ("structured workout: N work laps, M rest laps"), not a name anyone gave the run.
    FitLapIntensity,
    /// FIT `session.workout_rpe` (message 18, field 193).
    FitWorkoutRpe,
    /// TCX `Activity/Notes`.
    TcxNotes,
    /// TCX `Training/Plan/Name`.
    TcxPlanName,
    /// GPX `trk/name`.
    GpxTrackName,
    /// GPX `trk/desc`.
    GpxTrackDescription,
    /// GPX `metadata/name`.
    GpxMetadataName,
    /// Apple Health export: the workout's `HKWorkoutBrandName` (the name an app gave it).
    AppleWorkoutName,
    /// Apple Health export: the runner's effort rating of the workout
    /// (`HKQuantityTypeIdentifierWorkoutEffortScore`, iOS 18+).
    AppleEffortScore,
}

impl TextSource {
    /// The name in JSON and CSV (`strava_name`, `fit_workout_name`).
    pub fn as_str(self) -> &'static str {
        match self {
            TextSource::StravaName => "strava_name",
            TextSource::StravaDescription => "strava_description",
            TextSource::StravaPrivateNote => "strava_private_note",
            TextSource::StravaPerceivedExertion => "strava_perceived_exertion",
            TextSource::GarminName => "garmin_name",
            TextSource::GarminDescription => "garmin_description",
            TextSource::FitWorkoutName => "fit_workout_name",
            TextSource::FitSportName => "fit_sport_name",
            TextSource::FitSportProfile => "fit_sport_profile",
            TextSource::FitLapIntensity => "fit_lap_intensity",
            TextSource::FitWorkoutRpe => "fit_workout_rpe",
            TextSource::TcxNotes => "tcx_notes",
            TextSource::TcxPlanName => "tcx_plan_name",
            TextSource::GpxTrackName => "gpx_track_name",
            TextSource::GpxTrackDescription => "gpx_track_description",
            TextSource::GpxMetadataName => "gpx_metadata_name",
            TextSource::AppleWorkoutName => "apple_workout_name",
            TextSource::AppleEffortScore => "apple_effort_score",
        }
    }

    /// Where, in a few words: "Strava name", "FIT workout name".
    pub fn describe(self) -> &'static str {
        match self {
            TextSource::StravaName => "Strava name",
            TextSource::StravaDescription => "Strava description",
            TextSource::StravaPrivateNote => "Strava private note",
            TextSource::StravaPerceivedExertion => "Strava perceived exertion",
            TextSource::GarminName => "Garmin name",
            TextSource::GarminDescription => "Garmin description",
            TextSource::FitWorkoutName => "FIT workout name",
            TextSource::FitSportName => "FIT sport name",
            TextSource::FitSportProfile => "FIT sport profile",
            TextSource::FitLapIntensity => "FIT lap structure",
            TextSource::FitWorkoutRpe => "FIT workout RPE",
            TextSource::TcxNotes => "TCX notes",
            TextSource::TcxPlanName => "TCX plan name",
            TextSource::GpxTrackName => "GPX track name",
            TextSource::GpxTrackDescription => "GPX track description",
            TextSource::GpxMetadataName => "GPX metadata name",
            TextSource::AppleWorkoutName => "Apple workout name",
            TextSource::AppleEffortScore => "Apple effort score",
        }
    }
}

/// One text the runner (or their device) gave the activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    /// Where it was found.
    pub source: TextSource,
    /// The text as written (trimmed, at most [`MAX_TEXT_CHARS`] characters).
    pub text: String,
}

/// The runner's perceived effort and where it was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rpe {
    /// 1 (rest) to 10 (maximal).
    pub value: f64,
    /// Where it was recorded.
    pub source: TextSource,
}

/// Longest text kept, characters: names and notes longer than this are cut.
pub const MAX_TEXT_CHARS: usize = 500;

impl Text {
    /// A text from `source`, trimmed and cut to [`MAX_TEXT_CHARS`]; `None` when empty.
    ///
    /// ```
    /// use runaudit::activity::{Text, TextSource};
    /// assert_eq!(Text::new(TextSource::GpxTrackName, "  Easy 8k ").unwrap().text, "Easy 8k");
    /// assert!(Text::new(TextSource::GpxTrackName, " \n").is_none());
    /// ```
    pub fn new(source: TextSource, text: &str) -> Option<Text> {
        capped(text).map(|text| Text { source, text })
    }
}

/// Free text from a file (a name, a creator, a product) as kept: trimmed, cut at a character
/// boundary to at most [`MAX_TEXT_CHARS`] characters, the last one an ellipsis when cut; `None`
/// when empty. A 50 MB `creator` costs its reading, not a 50 MB table.
///
/// ```
/// use runaudit::activity::{capped, MAX_TEXT_CHARS};
/// assert_eq!(capped(" Forerunner 955 ").as_deref(), Some("Forerunner 955"));
/// let long = capped(&"é".repeat(MAX_TEXT_CHARS + 1)).unwrap();
/// assert_eq!(long.chars().count(), MAX_TEXT_CHARS);
/// assert!(long.ends_with("é…"));
/// assert_eq!(capped("  "), None);
/// ```
pub fn capped(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.char_indices().nth(MAX_TEXT_CHARS) {
        None => Some(t.to_string()),
        Some(_) => {
            let mut cut: String = t.chars().take(MAX_TEXT_CHARS.saturating_sub(1)).collect();
            cut.push('…');
            Some(cut)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_names_are_the_json_names() {
        for s in [
            TextSource::StravaName,
            TextSource::StravaPerceivedExertion,
            TextSource::FitSportProfile,
            TextSource::GpxMetadataName,
            TextSource::AppleEffortScore,
        ] {
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json.trim_matches('"'), s.as_str());
        }
    }
}
