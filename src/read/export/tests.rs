//! The matcher (by path, by start time within the window, the closest winning) and the
//! warnings' one-line wording.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};

use super::{
    find, normalize_path, ExportActivity, ExportIndex, Place, SidecarProblem, SidecarWarning,
    MATCH_WINDOW_S,
};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2020, 10, 7, 14, 43, 11)
        .single()
        .expect("a valid time")
}

fn at(seconds: i64) -> DateTime<Utc> {
    t0() + TimeDelta::seconds(seconds)
}

fn activity(id: &str, file: Option<&str>, start: Option<DateTime<Utc>>) -> ExportActivity {
    ExportActivity {
        id: Some(id.to_string()),
        file: file.map(str::to_string),
        start,
        ..Default::default()
    }
}

fn found<'a>(index: &'a ExportIndex, path: Option<&str>, start: DateTime<Utc>) -> Option<&'a str> {
    find(index, path, start).and_then(|a| a.id.as_deref())
}

#[test]
fn by_path_whatever_the_slashes_and_case() {
    let index = ExportIndex::new(vec![
        activity("a", Some("activities/4455667788.fit.gz"), Some(t0())),
        activity("b", Some("activities/4455667789.gpx"), None),
    ]);
    // The path wins even when the start is far off (a watch with a wrong clock).
    assert_eq!(
        found(&index, Some(r"Activities\4455667789.GPX"), at(-86_400)),
        Some("b")
    );
    assert_eq!(
        found(&index, Some("./activities/4455667788.fit.gz"), at(9_999)),
        Some("a")
    );
    // `.gz` is part of the name: the unpacked file is not the same path, and falls back to time.
    assert_eq!(
        found(&index, Some("activities/4455667788.fit"), at(9_999)),
        None
    );
    assert_eq!(
        found(&index, Some("activities/4455667788.fit"), at(30)),
        Some("a")
    );
}

#[test]
fn by_start_time_inside_and_outside_the_window() {
    let index = ExportIndex::new(vec![activity("a", None, Some(t0()))]);
    assert_eq!(MATCH_WINDOW_S, 180);
    // 2 minutes either side and exactly 3 minutes match; 3 minutes 1 second does not.
    assert_eq!(found(&index, None, at(120)), Some("a"));
    assert_eq!(found(&index, None, at(-120)), Some("a"));
    assert_eq!(found(&index, None, at(180)), Some("a"));
    assert_eq!(found(&index, None, at(-180)), Some("a"));
    assert_eq!(found(&index, None, at(181)), None);
    assert_eq!(found(&index, None, at(-240)), None);
    // A path the export does not name falls back to time.
    assert_eq!(found(&index, Some("activities/9.fit"), at(30)), Some("a"));
}

#[test]
fn the_closest_start_wins() {
    // Starts at -150 s, +100 s, +40 s and +400 s; a file starting at +60 s is 20 s from +40 s.
    let index = ExportIndex::new(vec![
        activity("early", None, Some(at(-150))),
        activity("later", None, Some(at(100))),
        activity("close", None, Some(at(40))),
        activity("far", None, Some(at(400))),
        activity("none", None, None),
    ]);
    assert_eq!(found(&index, None, at(60)), Some("close"));
    // At -100 s: -150 is 50 s away, +40 is 140 s away.
    assert_eq!(found(&index, None, at(-100)), Some("early"));
    // A tie (both 30 s away) goes to the first given.
    let tie = ExportIndex::new(vec![
        activity("first", None, Some(at(-30))),
        activity("second", None, Some(at(30))),
    ]);
    assert_eq!(found(&tie, None, t0()), Some("first"));
    assert_eq!(index.len(), 5);
}

#[test]
fn extreme_times_do_not_overflow() {
    let index = ExportIndex::new(vec![activity("a", None, Some(DateTime::<Utc>::MAX_UTC))]);
    assert_eq!(found(&index, None, DateTime::<Utc>::MAX_UTC), Some("a"));
    assert_eq!(found(&index, None, DateTime::<Utc>::MIN_UTC), None);
    assert!(find(&ExportIndex::default(), Some(""), t0()).is_none());
}

#[test]
fn normalized_paths() {
    assert_eq!(
        normalize_path(" /Activities\\123.FIT.GZ "),
        "activities/123.fit.gz"
    );
    assert_eq!(normalize_path("././a/B.gpx"), "a/b.gpx");
}

#[test]
fn a_warning_is_one_line_naming_the_file_and_the_place() {
    let row = SidecarWarning {
        label: "strava/activities.csv".to_string(),
        at: Place::Line(17),
        problem: SidecarProblem::RowWidth {
            fields: 12,
            expected: 96,
        },
        more: 0,
    };
    assert_eq!(
        row.to_string(),
        "strava/activities.csv:17: row has 12 fields, the header 96; read what is there"
    );
    let activity = SidecarWarning {
        label: "summarizedActivities.json".to_string(),
        at: Place::Activity { index: 3, id: None },
        problem: SidecarProblem::NoStartTime,
        more: 4,
    };
    assert_eq!(
        activity.to_string(),
        "summarizedActivities.json: activity 3: no usable `startTimeGmt`; skipped (4 more like it)"
    );
}
