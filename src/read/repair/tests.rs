//! Unit tests of the format-independent sample repair.

use super::*;
use crate::activity::{Format, Position, Sport};
use crate::words::plural;
use chrono::Duration;

/// The activity's warnings as their sentences.
fn texts(a: &Activity) -> Vec<String> {
    a.warnings.iter().map(ToString::to_string).collect()
}

fn t(s: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 5, 1, 7, 0, 0)
        .single()
        .unwrap_or_default()
        + Duration::seconds(s)
}

fn at(lat_deg: f64, lon_deg: f64, s: i64) -> Sample {
    let mut x = Sample::at(t(s));
    x.position = Some(Position { lat_deg, lon_deg });
    x
}

fn run(samples: Vec<Sample>) -> Activity {
    let mut a = Activity::new(Format::Gpx);
    a.sport = Sport::Running;
    a.samples = samples;
    a
}

#[test]
fn clean_samples_give_no_warning() {
    // 0.00003° of latitude per second is about 3.3 m/s: a plausible run.
    let mut a = run((0..5)
        .map(|i| at(46.0 + 0.00003 * i as f64, 13.0, i))
        .collect());
    activity(&mut a);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    assert_eq!(a.samples.len(), 5);
}

#[test]
fn bad_positions_and_elevations_are_dropped_and_counted() {
    let mut s = vec![
        at(f64::NAN, 13.0, 0),
        at(46.0, f64::INFINITY, 1),
        at(-90.5, 13.0, 2),
        at(46.0, 180.5, 3),
        at(46.0, 13.0, 4),
    ];
    s[0].altitude_m = Some(-501.0);
    s[1].altitude_m = Some(9_001.0);
    s[2].altitude_m = Some(f64::NAN);
    s[3].altitude_m = Some(8_848.0);
    let mut a = run(s);
    activity(&mut a);
    // 4 positions out of range or not finite, 3 elevations; the points themselves stay (their
    // times and other fields are still good).
    assert_eq!(a.samples.len(), 5);
    assert_eq!(a.samples.iter().filter(|s| s.position.is_some()).count(), 1);
    assert_eq!(
        a.samples.iter().filter(|s| s.altitude_m.is_some()).count(),
        1
    );
    assert_eq!(
        texts(&a),
        vec![
            "dropped 4 positions with NaN, infinite or out-of-range coordinates".to_string(),
            "dropped 3 elevations outside -500…9000 m or not a number".to_string(),
        ]
    );
}

#[test]
fn heart_rate_dropouts_become_missing() {
    let mut s: Vec<Sample> = (0..3).map(|i| Sample::at(t(i))).collect();
    s[0].hr_bpm = Some(0);
    s[1].hr_bpm = Some(140);
    s[2].hr_bpm = Some(255);
    let mut a = run(s);
    activity(&mut a);
    let hr: Vec<Option<u8>> = a.samples.iter().map(|s| s.hr_bpm).collect();
    assert_eq!(hr, vec![None, Some(140), None]);
    assert_eq!(
        texts(&a),
        vec!["2 heart rates of 0 or 255 (sensor dropout) read as missing".to_string()]
    );
}

#[test]
fn backwards_and_repeated_times_are_sorted_and_merged() {
    // Times 0, 2, 1, 2, 2: one step back (2 → 1). Sorted: 0, 1, 2, 2, 2. The first repeat of 2
    // only adds a heart rate (merged, silently); the second brings a different one (kept, counted).
    let mut s: Vec<Sample> = [0, 2, 1, 2, 2].iter().map(|&i| Sample::at(t(i))).collect();
    s[3].hr_bpm = Some(150);
    s[4].hr_bpm = Some(151);
    let mut a = run(s);
    activity(&mut a);
    let times: Vec<DateTime<Utc>> = a.samples.iter().map(|s| s.time).collect();
    assert_eq!(times, vec![t(0), t(1), t(2), t(2)]);
    assert_eq!(a.samples[2].hr_bpm, Some(150));
    assert_eq!(
        texts(&a),
        vec![
            "1 sample went back in time; samples were sorted by time".to_string(),
            "1 sample shares the timestamp of the sample before with different values (both kept)"
                .to_string(),
        ]
    );
}

#[test]
fn a_start_before_2000_is_flagged() {
    let mut a = run(vec![Sample::at(
        Utc.with_ymd_and_hms(1999, 12, 31, 23, 0, 0)
            .single()
            .unwrap_or_default(),
    )]);
    activity(&mut a);
    assert_eq!(
        texts(&a),
        vec![
            "the activity starts on 1999-12-31, before 2000: the device clock was probably wrong"
                .to_string()
        ]
    );
    // A FIT relative-time warning already explains it: no second flag.
    let mut b = run(a.samples.clone());
    b.warnings = vec![Warning::FitRelativeTimes];
    activity(&mut b);
    assert_eq!(b.warnings.len(), 1);
}

#[test]
fn plural_wording() {
    assert_eq!(plural(1, "point", "points"), "1 point");
    assert_eq!(plural(0, "point", "points"), "0 points");
    assert_eq!(plural(2, "fix", "fixes"), "2 fixes");
}

#[test]
fn cadence_rule() {
    // A file that names no sport gets the running rule, with a note that a run was assumed.
    let mut unnamed = run(vec![Sample::at(t(0))]);
    unnamed.sport = Sport::Unknown;
    if let Some(s) = unnamed.samples.first_mut() {
        s.cadence_spm = Some(47.0);
    }
    assert!(cadence_per_leg_doubled(&mut unnamed));
    assert_eq!(
        unnamed.samples.first().and_then(|s| s.cadence_spm),
        Some(94.0)
    );
    assert_eq!(
        unnamed.warnings,
        vec![Warning::CadenceDoubled {
            median_per_min: 47.0,
            sport_assumed: true
        }]
    );

    let mut jog = run((0..3).map(|i| Sample::at(t(i))).collect());
    for (s, c) in jog.samples.iter_mut().zip([0.0, 85.0, 90.0]) {
        s.cadence_spm = Some(c);
    }
    // Non-zero median of 85, 90 is 90 (upper middle) < 120: doubled.
    assert!(cadence_per_leg_doubled(&mut jog));
    let doubled: Vec<_> = jog.samples.iter().filter_map(|s| s.cadence_spm).collect();
    assert_eq!(doubled, vec![0.0, 170.0, 180.0]);
    // Already both legs (median 172): unchanged.
    assert!(!cadence_per_leg_doubled(&mut jog));
    // Cycling rpm is never doubled.
    let mut ride = run(vec![Sample::at(t(0))]);
    ride.sport = Sport::Cycling;
    if let Some(s) = ride.samples.first_mut() {
        s.cadence_spm = Some(88.0);
    }
    assert!(!cadence_per_leg_doubled(&mut ride));
}

#[test]
fn stray_samples_far_from_the_recording_are_dropped() {
    // 100 samples a second apart, then a record decades later (a corrupt time, sorted to the
    // end) and three around a garbage time 10 days on: 4 stray samples, each stretch under 1/20
    // of the 104. Left in, they would stretch a 99-second run over 66 years.
    let mut s: Vec<Sample> = (0..100).map(|i| at(46.0, 13.0, i)).collect();
    s.insert(40, at(46.0, 13.0, 66 * 365 * 86_400));
    s.extend((0..3).map(|i| at(46.0, 13.0, 10 * 86_400 + i)));
    let mut a = run(s);
    activity(&mut a);
    assert_eq!(a.samples.len(), 100);
    assert_eq!(a.samples.last().map(|s| s.time), Some(t(99)));
    assert!(
        a.warnings.contains(&Warning::StraySamples {
            samples: 4,
            first: t(10 * 86_400)
        }),
        "{:?}",
        a.warnings
    );
}

#[test]
fn the_days_of_a_multi_day_recording_are_kept() {
    // Three days of 50, 40 and 10 samples, nights of 12 h between: each day holds 1/20 of the
    // samples or more, so nothing is stray.
    let day = |d: i64, n: i64| (0..n).map(move |i| at(46.0, 13.0, d * 86_400 + i));
    let mut a = run(day(0, 50).chain(day(1, 40)).chain(day(2, 10)).collect());
    activity(&mut a);
    assert_eq!(a.samples.len(), 100);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn a_sparse_log_keeps_its_points() {
    // One point a day for five days: every point is alone, so none can be told stray.
    let mut a = run((0..5).map(|d| at(46.0, 13.0, d * 86_400)).collect());
    activity(&mut a);
    assert_eq!(a.samples.len(), 5);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}
