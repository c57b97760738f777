//! Whole-activity tests of [`analyze`](super::analyze) on activities built by hand.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::activity::{Activity, Format, Lap, Pause, Position, Sample, Sport};
use crate::units::METERS_PER_MILE;

fn t0() -> DateTime<Utc> {
    Utc.timestamp_opt(1_700_000_000, 0).unwrap()
}

fn at(t: i64) -> DateTime<Utc> {
    t0() + Duration::seconds(t)
}

/// A FIT-like activity from (t, device distance) rows.
fn device_run(rows: &[(i64, f64)]) -> Activity {
    let mut a = Activity::new(Format::Fit);
    a.sport = Sport::Running;
    for &(t, d) in rows {
        let mut s = Sample::at(at(t));
        s.distance_m = Some(d);
        a.samples.push(s);
    }
    a
}

#[test]
fn no_samples_is_none() {
    assert_eq!(analyze(&Activity::new(Format::Gpx), Units::Km), None);
}

#[test]
fn device_pause_is_not_moving_time() {
    // 1 Hz every 10 s from 0 to 120 s at 3 m/s, timer stopped 40..70 (no distance gained).
    // Timer rule: moving = 120 - 30 = 90 s. Distance 90 s · 3 = 270 m.
    let rows: Vec<(i64, f64)> = (0..=12)
        .map(|i| {
            let t = 10 * i;
            let running_s = t.min(40) + (t - 70).max(0);
            (t, 3.0 * running_s as f64)
        })
        .collect();
    let mut a = device_run(&rows);
    a.timer_events = true;
    a.pauses.push(Pause {
        start: at(40),
        end: at(70),
    });
    let r = analyze(&a, Units::Km).unwrap();
    assert_eq!(r.elapsed_s, 120.0);
    assert_eq!(r.moving_s, 90.0);
    assert_eq!(r.distance_m, 270.0);
}

#[test]
fn timer_rule_keeps_standing_still_but_gap_rule_does_not() {
    // 0..60 at 3 m/s (180 m), standing 60..120 sampled every 5 s, 120..180 at 3 m/s.
    // Timer events, no pauses: moving = 180 s (the device timer ran while standing).
    // No timer events: the 12 still intervals are under 0.894 m/s → stopped: moving 120 s.
    let mut rows: Vec<(i64, f64)> = (0..=12).map(|i| (5 * i, 15.0 * i as f64)).collect();
    rows.extend((13..=24).map(|i| (5 * i, 180.0)));
    rows.extend((25..=36).map(|i| (5 * i, 180.0 + 15.0 * (i - 24) as f64)));
    let mut a = device_run(&rows);
    a.timer_events = true;
    assert_eq!(analyze(&a, Units::Km).unwrap().moving_s, 180.0);
    a.timer_events = false;
    let r = analyze(&a, Units::Km).unwrap();
    assert_eq!(r.moving_s, 120.0);
    // 360 m in 120 s of moving: one partial split at 333.3 s/km.
    assert_eq!(r.splits.len(), 1);
    assert!((r.splits[0].pace_s_per_km.unwrap() - 333.333).abs() < 0.001);
}

#[test]
fn whole_run_hr_is_time_weighted_over_moving_time() {
    // t=0 HR 100, t=1 HR 120, t=2 HR 120, t=12 HR 150, t=42 HR 90 with no distance gained
    // from 12 to 42 (stopped, excluded). Moving intervals: 1 s at 120, 1 s at 120, 10 s at
    // 150 → (240 + 1500) / 12 = 145. Plain mean of the samples: 116. Max 150.
    let mut a = device_run(&[(0, 0.0), (1, 3.0), (2, 6.0), (12, 36.0), (42, 36.0)]);
    for (s, hr) in a.samples.iter_mut().zip([100, 120, 120, 150, 90]) {
        s.hr_bpm = Some(hr);
    }
    let r = analyze(&a, Units::Km).unwrap();
    assert_eq!(r.moving_s, 12.0);
    assert_eq!(r.hr_avg_bpm, Some(145.0));
    assert_eq!(r.hr_max_bpm, Some(150));
    assert_eq!(r.hr_samples, 5);
}

#[test]
fn walking_is_moving_but_reported() {
    // 100 s at 3 m/s with cadence 170, then 100 s at 1.5 m/s with cadence 110 (walking).
    let mut rows: Vec<(i64, f64)> = (0..=10).map(|i| (10 * i, 30.0 * i as f64)).collect();
    rows.extend((11..=20).map(|i| (10 * i, 300.0 + 15.0 * (i - 10) as f64)));
    let mut a = device_run(&rows);
    for (i, s) in a.samples.iter_mut().enumerate() {
        s.cadence_spm = Some(if i <= 10 { 170.0 } else { 110.0 });
    }
    let r = analyze(&a, Units::Km).unwrap();
    assert_eq!((r.moving_s, r.walking_s), (200.0, 100.0));
    // Cadence: (170·100 + 110·100) / 200 = 140.
    assert_eq!(r.cadence_spm, Some(140.0));
    assert_eq!(r.splits[0].walking_share, 0.5);
}

#[test]
fn gps_distance_with_a_spike_and_segment_gap() {
    // Running north at 3 m/s, 1 Hz, 0..=10 and 15..=20 s; the fix at t=5 is 1.1 km east
    // (dropped); a GPX segment gap (pause) 10..15 across which the fixes jump 500 m (not counted).
    // Counted: 0..10 → 30 m, 15..20 → 15 m: 45 m. Fixes near 0 N 10 E; 1 m of latitude is
    // 1/111195 degrees on the mean-radius sphere.
    let mut a = Activity::new(Format::Gpx);
    a.sport = Sport::Running;
    for t in (0..=10_i64).chain(15..=20) {
        let north_m = 3.0 * t as f64 + if t >= 15 { 500.0 } else { 0.0 };
        let east_deg = if t == 5 { 0.01 } else { 0.0 };
        let mut s = Sample::at(at(t));
        s.position = Some(Position {
            lat_deg: north_m / 111_195.08,
            lon_deg: 10.0 + east_deg,
        });
        a.samples.push(s);
    }
    a.pauses.push(Pause {
        start: at(10),
        end: at(15),
    });
    let r = analyze(&a, Units::Km).unwrap();
    assert_eq!(r.distance_source, DistanceSource::Gps);
    assert!((r.distance_m - 45.0).abs() < 0.01, "{}", r.distance_m);
    // Moving: 20 s minus the 5 s pause.
    assert_eq!(r.moving_s, 15.0);
}

#[test]
fn laps_and_mile_splits() {
    // 2 miles at 4 m/s, 1 Hz (3218.688 m in 804.672 s → samples to t=805).
    let rows: Vec<(i64, f64)> = (0..=805).map(|t| (t, 4.0 * t as f64)).collect();
    let mut a = device_run(&rows);
    a.laps.push(Lap {
        start: at(0),
        end: at(400),
        timer_s: None,
        distance_m: None,
        avg_hr_bpm: None,
        max_hr_bpm: None,
    });
    let r = analyze(&a, Units::Mi).unwrap();
    // 3220 m: two full miles (boundaries at 402.336 s and 804.672 s) and a 1.312 m tail.
    assert_eq!(r.splits.len(), 3);
    assert!((r.splits[0].end_s - 402.336).abs() < 1e-9);
    assert!((r.splits[1].distance_m - METERS_PER_MILE).abs() < 1e-9);
    // 4 m/s = 250 s/km for every full split.
    assert!((r.splits[0].pace_s_per_km.unwrap() - 250.0).abs() < 1e-9);
    assert_eq!(r.laps.len(), 1);
    assert_eq!(r.laps[0].distance_m, 1600.0);
    assert_eq!(r.elevation_gain_m, None);
}
