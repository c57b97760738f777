//! The Health export reader on small hand-written `export.xml` texts: the two passes, the join
//! by window and source, the cadence from step counts, pauses and the time zone.

use chrono::{DateTime, TimeZone, Utc};

use super::apple::{parse_date, read_workouts, EventKind, FirstPass};
use super::apple_join::join_records;
use super::apple_workout::{activity, local_offset_s, Route};
use crate::activity::{Sport, SubSport};

fn utc(h: u32, m: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2023, 1, 2, h, m, s)
        .single()
        .expect("a valid time")
}

/// Two passes over one text, as discovery does.
fn read(xml: &str) -> FirstPass {
    let mut first = read_workouts(xml.as_bytes(), "export.xml");
    let warnings = join_records(xml.as_bytes(), "export.xml", &mut first);
    first.warnings.extend(warnings);
    first
}

const WATCH: &str = "Ann’s Apple Watch";

fn hr(source: &str, time: &str, bpm: u32) -> String {
    format!(
        "<Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"{source}\" unit=\"count/min\" startDate=\"{time}\" endDate=\"{time}\" value=\"{bpm}\"/>\n"
    )
}

/// Records first (as in real exports), then a 20-minute run from 07:15 to 07:35 at +0100
/// (06:15–06:35 UTC) paused from 07:20 to 07:22, and a ride.
fn export() -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData [\n<!ATTLIST Record\n  type CDATA\n]>\n<HealthData locale=\"en\">\n",
    );
    // Resting before the run, the run's own readings, another app's copies (+20), resting after.
    x += &hr(WATCH, "2023-01-02 07:00:00 +0100", 55);
    x += &hr(WATCH, "2023-01-02 07:15:00 +0100", 120);
    x += &hr(WATCH, "2023-01-02 07:15:05 +0100", 130);
    x += &hr(WATCH, "2023-01-02 07:34:55 +0100", 150);
    x += &hr("Strava", "2023-01-02 07:15:01 +0100", 140);
    x += &hr("Strava", "2023-01-02 07:15:06 +0100", 150);
    x += &hr(WATCH, "2023-01-02 07:50:00 +0100", 58);
    // Steps: 85 in 30 s (170 a minute) from the watch, and the phone's copy.
    x += "<Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"Ann’s Apple Watch\" startDate=\"2023-01-02 07:15:00 +0100\" endDate=\"2023-01-02 07:15:30 +0100\" value=\"85\"/>\n";
    x += "<Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"Ann’s iPhone\" startDate=\"2023-01-02 07:15:00 +0100\" endDate=\"2023-01-02 07:15:30 +0100\" value=\"60\"/>\n";
    x += "<Record type=\"HKQuantityTypeIdentifierWorkoutEffortScore\" sourceName=\"Fitness\" startDate=\"2023-01-02 07:35:00 +0100\" endDate=\"2023-01-02 07:35:00 +0100\" value=\"4\"/>\n";
    x += "<Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" duration=\"18\" durationUnit=\"min\" sourceName=\"Ann’s Apple Watch\" device=\"&lt;&lt;HKDevice: 0x1&gt;, name:Apple Watch, hardware:Watch7,2, software:10.0&gt;\" startDate=\"2023-01-02 07:15:00 +0100\" endDate=\"2023-01-02 07:35:00 +0100\">\n";
    x += " <MetadataEntry key=\"HKIndoorWorkout\" value=\"1\"/>\n <MetadataEntry key=\"HKTimeZone\" value=\"America/New_York\"/>\n";
    x += " <WorkoutEvent type=\"HKWorkoutEventTypePause\" date=\"2023-01-02 07:20:00 +0100\"/>\n <WorkoutEvent type=\"HKWorkoutEventTypeMotionResumed\" date=\"2023-01-02 07:22:00 +0100\"/>\n";
    x += " <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" average=\"141\" minimum=\"120\" maximum=\"150\" unit=\"count/min\"/>\n";
    x += " <WorkoutStatistics type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" sum=\"2.5\" unit=\"mi\"/>\n";
    x += " <WorkoutRoute sourceName=\"Ann’s Apple Watch\">\n  <MetadataEntry key=\"HKTimeZone\" value=\"Asia/Tokyo\"/>\n  <FileReference path=\"/workout-routes/route_1.gpx\"/>\n </WorkoutRoute>\n";
    x += "</Workout>\n";
    x += "<Workout workoutActivityType=\"HKWorkoutActivityTypeCycling\" duration=\"1\" durationUnit=\"hr\" totalDistance=\"30\" totalDistanceUnit=\"km\" sourceName=\"Ann’s Apple Watch\" startDate=\"2023-01-03 17:00:00 +0100\" endDate=\"2023-01-03 18:00:00 +0100\"/>\n";
    x += "</HealthData>\n";
    x
}

#[test]
fn dates_carry_the_instant_and_the_offset_written() {
    // 07:15 at +0100 is 06:15 UTC; at -0530, 12:45 UTC.
    assert_eq!(
        parse_date("2023-01-02 07:15:00 +0100"),
        Some((utc(6, 15, 0), 3600))
    );
    assert_eq!(
        parse_date("2023-01-02 07:15:00 -0530"),
        Some((utc(12, 45, 0), -19800))
    );
    assert_eq!(parse_date("2023-01-02"), None);
}

#[test]
fn the_first_pass_reads_workouts_behind_a_broken_dtd() {
    let first = read(&export());
    assert!(first.warnings.is_empty(), "{:?}", first.warnings);
    let [run, ride] = first.workouts.as_slice() else {
        panic!("{} workouts", first.workouts.len())
    };
    assert_eq!(
        (run.activity_type.as_str(), run.start, run.end),
        ("Running", utc(6, 15, 0), utc(6, 35, 0))
    );
    // 18 min = 1080 s; 2.5 mi = 4023.36 m; the route's own metadata is not the workout's.
    assert_eq!(run.duration_s, Some(1080.0));
    assert_eq!(run.distance_m.map(|d| (d * 100.0).round()), Some(402_336.0));
    assert_eq!(run.time_zone.as_deref(), Some("America/New_York"));
    assert!(run.indoor);
    assert_eq!(run.hardware.as_deref(), Some("Watch7,2"));
    assert_eq!(run.route.as_deref(), Some("/workout-routes/route_1.gpx"));
    assert_eq!(
        run.events,
        vec![
            (utc(6, 20, 0), EventKind::Pause),
            (utc(6, 22, 0), EventKind::Resume)
        ]
    );
    // The ride: 1 hr, 30 km from `totalDistance`, an empty element.
    assert_eq!(
        (ride.duration_s, ride.distance_m),
        (Some(3600.0), Some(30_000.0))
    );
}

#[test]
fn the_second_pass_keeps_the_watch_readings_inside_the_window() {
    let first = read(&export());
    let run = &first.workouts[0];
    // 07:00 and 07:50 are outside; Strava's copies are another source: 120, 130, 150 remain,
    // at 0 s, 5 s and 19:55 = 1,195 s.
    let got: Vec<(i32, u8)> = run.heart_rate.iter().map(|r| (r.at_ms, r.bpm)).collect();
    assert_eq!(got, vec![(0, 120), (5_000, 130), (1_195_000, 150)]);
    assert_eq!(run.steps.len(), 1);
    assert_eq!(run.steps[0].value, 85.0);
    assert_eq!(run.effort, Some(4.0));
    assert!(first.workouts[1].heart_rate.is_empty());
}

#[test]
fn the_activity_has_pauses_cadence_zone_and_treadmill() {
    let first = read(&export());
    let run = &first.workouts[0];
    let a = activity(run, Route::None);
    assert_eq!(
        (a.sport, a.sub_sport),
        (Sport::Running, Some(SubSport::Treadmill))
    );
    // Without a route: start, the reading at 5 s, the reading at 1,195 s, end (the reading at
    // 0 s is the start itself).
    assert_eq!(a.samples.len(), 4);
    let hrs: Vec<Option<u8>> = a.samples.iter().map(|s| s.hr_bpm).collect();
    // The end (1,200 s) takes the reading 5 s before it.
    assert_eq!(hrs, vec![Some(120), Some(130), Some(150), Some(150)]);
    // 85 steps in 30 s = 170 a minute, for the samples at 0 and 5 s only.
    let cadence: Vec<Option<f64>> = a.samples.iter().map(|s| s.cadence_spm).collect();
    assert_eq!(cadence, vec![Some(170.0), Some(170.0), None, None]);
    assert_eq!(a.pauses.len(), 1);
    assert_eq!(
        (a.pauses[0].start, a.pauses[0].end),
        (utc(6, 20, 0), utc(6, 22, 0))
    );
    // New York in January is UTC-5, although the export wrote +0100.
    assert_eq!(a.utc_offset_s, Some(-18_000));
    assert_eq!(local_offset_s(run), -18_000);
    assert_eq!(a.rpe.map(|r| r.value), Some(4.0));
    assert_eq!(a.device.as_deref(), Some("apple/Watch7,2"));

    let ride = activity(&first.workouts[1], Route::None);
    assert_eq!(ride.sport, Sport::Cycling);
    assert_eq!(ride.summary.distance_m, Some(30_000.0));
}

#[test]
fn a_missing_route_is_a_warning_on_the_workout() {
    let first = read(&export());
    let a = activity(
        &first.workouts[0],
        Route::Missing("/workout-routes/route_1.gpx"),
    );
    assert_eq!(a.warnings.len(), 1);
    assert!(a.warnings[0].to_string().contains("is not in the export"));
}

#[test]
fn a_broken_export_keeps_the_workouts_before_the_break() {
    let text = export();
    let cut = text
        .find("<Workout workoutActivityType=\"HKWorkoutActivityTypeCycling\"")
        .expect("ride");
    let broken = format!("{}<Workout <<<\n", &text[..cut]);
    let first = read(&broken);
    assert_eq!(first.workouts.len(), 1);
    assert_eq!(first.warnings.len(), 1);
    assert!(first.warnings[0]
        .to_string()
        .contains("read the 1 workouts before it"));
}

#[test]
fn distance_records_are_a_treadmill_odometer() {
    use super::apple::{Span, Workout};
    let start = utc(6, 0, 0);
    let mut w = Workout::new(1, start, utc(6, 0, 25));
    w.indoor = true;
    w.activity_type = "Running".into();
    // 30 m in the first 10 s, 40 m in the next 10 s.
    w.distance = vec![
        Span {
            from_ms: 0,
            to_ms: 10_000,
            value: 30.0,
            source: 0,
        },
        Span {
            from_ms: 10_000,
            to_ms: 20_000,
            value: 40.0,
            source: 0,
        },
    ];
    // Readings at 5, 10, 15 s give samples at 0, 5, 10, 15 and the end, 25 s.
    w.heart_rate = [5_000, 10_000, 15_000]
        .iter()
        .map(|&at_ms| super::apple::Reading {
            at_ms,
            bpm: 120,
            source: 0,
        })
        .collect();
    let a = activity(&w, Route::None);
    let d: Vec<Option<f64>> = a.samples.iter().map(|s| s.distance_m).collect();
    // 5 s is half of the first record: 15 m; 15 s is 30 + half of 40 = 50 m; 25 s is past
    // the last record: 70 m.
    assert_eq!(
        d,
        vec![Some(0.0), Some(15.0), Some(30.0), Some(50.0), Some(70.0)]
    );
}
