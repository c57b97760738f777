//! Putting what an export says of an activity into the activity read from its file: the runner's
//! name, description and note before the file's own texts (the export is what they typed last),
//! their perceived effort where the file has none, the sport and sub-sport where the file is mute.

use crate::activity::{Activity, Rpe, Sport, SubSport, Text, TextSource};

use super::ExportActivity;

/// Which export a summary came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// Strava's `activities.csv`.
    Strava,
    /// Garmin's summarized activities.
    Garmin,
}

/// Adds the export's view of an activity to it.
///
/// ```
/// use runaudit::activity::{Activity, Format, Sport, TextSource};
/// use runaudit::read::export::{merge::{apply, ExportKind}, ExportActivity};
/// let mut a = Activity::new(Format::Fit);
/// let e = ExportActivity { name: Some("Easy 8k".into()), activity_type: Some("Run".into()),
///     rpe: Some(3.0), ..Default::default() };
/// apply(&mut a, &e, ExportKind::Strava);
/// assert_eq!((a.texts[0].source, a.texts[0].text.as_str()), (TextSource::StravaName, "Easy 8k"));
/// assert_eq!((a.sport, a.rpe.unwrap().value), (Sport::Running, 3.0));
/// ```
pub fn apply(activity: &mut Activity, export: &ExportActivity, kind: ExportKind) {
    let sources = match kind {
        ExportKind::Strava => [
            TextSource::StravaName,
            TextSource::StravaDescription,
            TextSource::StravaPrivateNote,
        ],
        ExportKind::Garmin => [
            TextSource::GarminName,
            TextSource::GarminDescription,
            TextSource::GarminDescription,
        ],
    };
    let texts: Vec<Text> = [&export.name, &export.description, &export.private_note]
        .into_iter()
        .zip(sources)
        .filter_map(|(t, source)| Text::new(source, t.as_deref()?))
        .collect();
    activity.texts.splice(0..0, texts);
    if activity.rpe.is_none() {
        activity.rpe = export
            .rpe
            .filter(|v| (1.0..=10.0).contains(v))
            .map(|value| Rpe {
                value,
                source: TextSource::StravaPerceivedExertion,
            });
    }
    if activity.sub_sport.is_none() {
        activity.sub_sport = export
            .activity_type
            .as_deref()
            .and_then(SubSport::from_name);
    }
    if matches!(activity.sport, Sport::Unknown | Sport::Other) {
        if let Some(sport) = export
            .activity_type
            .as_deref()
            .map(Sport::from_name)
            .filter(|s| !matches!(s, Sport::Unknown | Sport::Other))
        {
            activity.sport = sport;
        }
    }
}
