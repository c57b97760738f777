//! Garmin `summarizedActivities.json` snippets: the unit conversions worked by hand, a bad
//! activity among good ones, a truncated file, and files that are not the summary.

use chrono::{TimeZone, Utc};

use super::garmin::read_summarized_activities;
use super::{Place, SidecarProblem, SidecarWarning};

fn read(json: &str) -> (Vec<super::ExportActivity>, Vec<SidecarWarning>) {
    read_summarized_activities(json.as_bytes(), "garmin/summarizedActivities.json")
}

fn lines(warnings: &[SidecarWarning]) -> Vec<String> {
    warnings.iter().map(ToString::to_string).collect()
}

/// Two runs and, between them, an activity whose start is not a time.
const TWO_RUNS_AND_A_BAD_ONE: &str = r#"[{"summarizedActivitiesExport": [
  {"activityId": 5843210001, "name": "Easy run", "activityType": "running",
   "startTimeGmt": 1602081791000.0, "startTimeLocal": 1602088991000.0,
   "distance": 1002050.0, "duration": 3240500.0, "elapsedDuration": 3301000.0,
   "movingDuration": 3238000.0, "description": "Recovery, legs heavy"},
  {"activityId": 5843210002, "name": "Broken", "activityType": "running",
   "startTimeGmt": "yesterday", "distance": 500000.0},
  {"activityId": 5843210003, "name": "Treadmill", "activityType": "treadmill_running",
   "startTimeGmt": 1536764543000, "distance": 500000, "duration": 1800000}
]}]"#;

#[test]
fn two_activities_and_one_malformed() {
    let (acts, warnings) = read(TWO_RUNS_AND_A_BAD_ONE);
    assert_eq!(acts.len(), 2);
    let easy = &acts[0];
    assert_eq!(easy.id.as_deref(), Some("5843210001"));
    assert_eq!(easy.file, None);
    // 1 602 081 791 000 ms after the epoch = 2020-10-07 14:43:11 UTC (startTimeLocal is +2 h).
    assert_eq!(
        easy.start,
        Utc.with_ymd_and_hms(2020, 10, 7, 14, 43, 11).single()
    );
    assert_eq!(easy.activity_type.as_deref(), Some("running"));
    assert_eq!(
        easy.texts().collect::<Vec<_>>(),
        ["Easy run", "Recovery, legs heavy"]
    );
    // 1 002 050 cm / 100 = 10 020.5 m.
    assert_eq!(easy.distance_m, Some(10020.5));
    // elapsedDuration 3 301 000 ms / 1000 = 3301 s (not duration, the timer time);
    // movingDuration 3 238 000 ms = 3238 s.
    assert_eq!(easy.elapsed_s, Some(3301.0));
    assert_eq!(easy.moving_s, Some(3238.0));
    assert_eq!(easy.rpe, None);

    let treadmill = &acts[1];
    // 1 536 764 543 000 ms = 2018-09-12 15:02:23 UTC; 500 000 cm = 5000 m; no elapsedDuration,
    // so duration 1 800 000 ms = 1800 s.
    assert_eq!(
        treadmill.start,
        Utc.with_ymd_and_hms(2018, 9, 12, 15, 2, 23).single()
    );
    assert_eq!(
        treadmill.activity_type.as_deref(),
        Some("treadmill_running")
    );
    assert_eq!(treadmill.distance_m, Some(5000.0));
    assert_eq!(treadmill.elapsed_s, Some(1800.0));
    assert_eq!(treadmill.moving_s, None);

    assert_eq!(
        lines(&warnings),
        [
            "garmin/summarizedActivities.json: activity 2 (id 5843210002): `startTimeGmt` value \
             `\"yesterday\"` not understood; left empty",
            "garmin/summarizedActivities.json: activity 2 (id 5843210002): no usable \
             `startTimeGmt`; skipped",
        ]
    );
}

#[test]
fn an_entry_that_is_not_an_object_and_bad_totals() {
    let json = r#"[{"summarizedActivitiesExport": [
      42,
      {"startTimeGmt": 1602081791000, "distance": -5, "activityType": {"typeKey": "trail_running"},
       "movingDuration": null}
    ]}]"#;
    let (acts, warnings) = read(json);
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0].distance_m, None);
    assert_eq!(acts[0].moving_s, None);
    assert_eq!(acts[0].activity_type.as_deref(), Some("trail_running"));
    assert_eq!(
        lines(&warnings),
        [
            "garmin/summarizedActivities.json: activity 1: not a JSON object; skipped",
            "garmin/summarizedActivities.json: activity 2: `distance` value `-5` not \
             understood; left empty",
        ]
    );
}

#[test]
fn truncated_file_keeps_the_activities_before_the_cut() {
    let cut = TWO_RUNS_AND_A_BAD_ONE
        .find("\"Treadmill\"")
        .expect("the third activity");
    let (acts, warnings) = read(&TWO_RUNS_AND_A_BAD_ONE[..cut]);
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0].name.as_deref(), Some("Easy run"));
    // The bad second activity is still read (and skipped); the cut is on line 8.
    let last = warnings.last().expect("a warning for the cut");
    assert_eq!(last.at, Place::Line(8));
    assert_eq!(last.problem, SidecarProblem::TruncatedJson { read: 2 });
}

#[test]
fn the_list_without_the_outer_array_and_other_keys() {
    let json = r#"{"other": [1, {"x": 2}], "summarizedActivitiesExport": [
      {"startTimeGmt": 1602081791000, "name": "  "}]}"#;
    let (acts, warnings) = read(json);
    assert!(warnings.is_empty(), "{:?}", lines(&warnings));
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0].name, None);
}

#[test]
fn files_that_are_not_the_summary() {
    let (acts, warnings) = read(r#"[{"userProfile": {}}, 3, "x"]"#);
    assert!(acts.is_empty());
    assert_eq!(warnings[0].problem, SidecarProblem::NoActivityList);

    let (acts, warnings) = read("not json");
    assert!(acts.is_empty());
    assert!(matches!(
        warnings[0].problem,
        SidecarProblem::BadJson { read: 0, .. }
    ));
    assert_eq!(
        lines(&warnings),
        ["garmin/summarizedActivities.json:1: not valid JSON (expected ident); read the 0 activity \
          entries before it"]
    );

    let (_, warnings) = read(" \n");
    assert_eq!(warnings[0].problem, SidecarProblem::Empty);
}

#[test]
fn no_prefix_of_a_file_panics() {
    let text = TWO_RUNS_AND_A_BAD_ONE;
    for (end, _) in text.char_indices() {
        let (acts, _) = read(&text[..end]);
        assert!(acts.len() <= 2);
    }
    let deep = "[".repeat(100_000);
    let (_, warnings) = read(&deep);
    assert!(!warnings.is_empty());
}
