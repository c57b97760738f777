//! Issue 14, items 3–7: patterns of real exports (a clock that jumps, points out of order or
//! untimed, records outside the timer, sparse heart rate) written by the fixture writer with known
//! ground truth, read back through the whole reader, and measured.

use chrono::{DateTime, TimeZone, Utc};
use runaudit::activity::Warning;
use runaudit::analyze::ElapsedSource;
use runaudit_testkit::fit::FitOptions;
use runaudit_testkit::{fit, gpx, quirks, read_one, Hr, RunSpec};

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 4, 6, 7, 0, 0)
        .single()
        .unwrap_or_default()
}

#[test]
fn a_clock_jump_of_three_days_keeps_the_run() {
    // 10.5 km: 25 min at 3 m/s, a 1 min pause, 33 min 20 s at 3 m/s (1 s recording). After 40%
    // of the 3 501 records the clock jumps +3 days; the 2 101 records after it are moved back.
    let synth = RunSpec::new(start())
        .run(1500, 3.0, Hr::Constant(140))
        .pause(60)
        .run(2000, 3.0, Hr::Constant(150))
        .build();
    let jumped = quirks::clock_jump(&synth.activity, 0.4, 3 * 86_400);
    let (a, r) = read_one(&fit::write(&jumped));
    let moved =
        synth.activity.samples.len() - (synth.activity.samples.len() as f64 * 0.4).round() as usize;
    assert!(
        a.warnings.contains(&Warning::FitClockJump {
            jump_s: 259_200.0,
            records: moved
        }),
        "{:?}",
        a.warnings
    );
    assert!(!a
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::FitRecordsFarOutside { .. })));
    assert_eq!(a.samples.len(), synth.activity.samples.len());
    within_1(r.distance_m, synth.truth.distance_m);
    within_1(r.moving_s, synth.truth.moving_s);
}

/// 4.6 km: 25 min 33 s at 3 m/s, a fix every second (GPX distance is geodesic).
fn phone_run() -> runaudit_testkit::Synth {
    RunSpec::new(start())
        .run(1533, 3.0, Hr::Constant(145))
        .build()
}

fn within_1(ours: f64, truth: f64) {
    assert!((ours - truth).abs() <= 1.0, "{ours} vs {truth}");
}

fn within_1_percent(ours: f64, truth: f64) {
    assert!((ours - truth).abs() <= 0.01 * truth, "{ours} vs {truth}");
}

#[test]
fn interleaved_gpx_points_are_sorted_not_dropped() {
    // Each point swapped with the next or the one after: half the points step 1–2 s back.
    let synth = phone_run();
    let (a, r) = read_one(&gpx::write(&quirks::interleave(&synth.activity, 3)));
    assert_eq!(a.samples.len(), synth.activity.samples.len());
    assert!(a
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::XmlPointsSorted { points, .. } if *points > 400)));
    assert!(!a
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::XmlPointsBackwards { .. })));
    within_1_percent(r.distance_m, synth.truth.distance_m);
    within_1_percent(r.moving_s, synth.truth.moving_s);
}

#[test]
fn sparse_gpx_times_are_interpolated_by_distance() {
    // A time on every 30th point only: the 1 482 points between are timed by distance.
    let synth = phone_run();
    let (a, r) = read_one(&gpx::write_sparse_times(&synth.activity, 30));
    assert_eq!(a.samples.len(), synth.activity.samples.len());
    assert!(a
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::GpxTimesInterpolated { .. })));
    within_1_percent(r.distance_m, synth.truth.distance_m);
    within_1_percent(r.moving_s, synth.truth.moving_s);
    // 1 km splits: 4 whole ones, each 333 s at 3 m/s (within the 30 s between timed points' noise).
    let whole: Vec<f64> = r.splits.iter().take(4).map(|s| s.moving_s).collect();
    assert!(whole.iter().all(|m| (m - 333.3).abs() <= 5.0), "{whole:?}");
}

#[test]
fn elapsed_runs_from_the_timer_start_to_its_stop() {
    // Records from 2 min before the timer start (standing, finding GPS) to 3 min after its stop
    // (standing, saving): 2 100 s of records, 1 800 s of timer.
    let synth = RunSpec::new(start())
        .stand(120, Hr::Constant(90))
        .run(1800, 3.0, Hr::Constant(145))
        .stand(180, Hr::Constant(100))
        .build();
    let opts = FitOptions {
        timer_start_after_s: 120,
        timer_stop_before_s: 180,
        ..FitOptions::default()
    };
    let (_, r) = read_one(&fit::write_with(&synth.activity, &opts));
    assert_eq!(synth.truth.elapsed_s, 2100.0);
    assert_eq!(r.elapsed_source, ElapsedSource::Timer);
    assert!((r.elapsed_s - 1800.0).abs() < 1e-9, "{}", r.elapsed_s);
    assert!((r.moving_s - 1800.0).abs() <= 1.0, "{}", r.moving_s);
    // The same records in GPX have no timer: first to last record.
    let (_, r) = read_one(&gpx::write(&synth.activity));
    assert_eq!(r.elapsed_source, ElapsedSource::Records);
    assert!((r.elapsed_s - 2100.0).abs() < 1e-9, "{}", r.elapsed_s);
}

#[test]
fn sparse_heart_rate_counts_for_the_time_it_stood_for() {
    // 15 min at 170 bpm with a reading every 5 s, then 15 min at 130 bpm with one every 60 s (an
    // app logging the strap now and then); the truth is (170 × 900 + 130 × 900) / 1800 = 150.
    // Each reading held until the next: the 170 read at 900 s stands until the first 130 at
    // 960 s, so (170 × 959 + 130 × 841) / 1800 = 151.31, within the 2 bpm Strava agreement.
    // Weighting each reading by the one-second interval that ends at it gave
    // (180 × 170 + 15 × 130) / 195 = 167.
    let start = chrono::Utc.with_ymd_and_hms(2025, 5, 1, 7, 0, 0).unwrap();
    let mut a = runaudit_testkit::RunSpec::new(start)
        .run(900, 3.0, runaudit_testkit::Hr::Constant(170))
        .run(900, 3.0, runaudit_testkit::Hr::Constant(130))
        .build()
        .activity;
    for (i, s) in a.samples.iter_mut().enumerate() {
        let every = if i <= 900 { 5 } else { 60 };
        if i % every != 0 {
            s.hr_bpm = None;
        }
    }
    let analysis = runaudit::analyze::analyze(&a, runaudit::units::Units::Km).unwrap();
    let avg = analysis.hr_avg_bpm.unwrap();
    assert!((avg - 151.311).abs() < 0.01, "average HR {avg}");
}

/// Found by the `pipeline` fuzz target: one corrupt record turned a 12-minute run into
/// 42,940 km (and 42,941 splits). Its odometer read 40,000 km and the next record fell back.
#[test]
fn a_corrupt_odometer_reading_is_left_out() {
    // The phone run (4.6 km at 3 m/s, 1 s recording), in FIT; record 600 reads 40,000 km.
    let synth = phone_run();
    let mut a = synth.activity.clone();
    if let Some(s) = a.samples.get_mut(600) {
        s.distance_m = Some(4.0e7);
    }
    let (read, r) = read_one(&fit::write(&a));
    let track = runaudit::analyze::track::Track::build(&read).expect("samples");
    assert_eq!(track.distance_spikes, 1);
    // The run's report says so, in the odometer's words (not as GPS teleports).
    let processed =
        runaudit::pipeline::process_bytes("spiked.fit", &fit::write(&a), &Default::default());
    let [runaudit::pipeline::Processed::Run(run)] = processed.as_slice() else {
        panic!("one run expected");
    };
    assert!(
        run.report
            .warnings
            .contains(&Warning::OdometerSpikes { readings: 1 }),
        "{:?}",
        run.report.warnings
    );
    within_1(r.distance_m, synth.truth.distance_m);
    assert_eq!(r.splits.len(), 5);
}

/// Found by the `pipeline` fuzz target: a file cut short before its session, with a record whose
/// time reads 2090, spread a 12-minute run over 66 years.
#[test]
fn a_record_decades_outside_the_timer_is_dropped_without_a_session() {
    // The phone run in FIT without a session message; record 600's time is 66 years on.
    let synth = phone_run();
    let mut a = synth.activity.clone();
    let far = start() + chrono::Duration::days(66 * 365);
    if let Some(s) = a.samples.get_mut(600) {
        s.time = far;
    }
    let opts = FitOptions {
        no_session: true,
        ..FitOptions::default()
    };
    let (read, r) = read_one(&fit::write_with(&a, &opts));
    assert!(
        read.warnings.contains(&Warning::FitRecordsFarOutside {
            records: 1,
            first: far,
            outside: runaudit::activity::Recorded::Timer,
        }),
        "{:?}",
        read.warnings
    );
    assert_eq!(read.samples.len(), synth.activity.samples.len() - 1);
    within_1(r.elapsed_s, synth.truth.elapsed_s);
    within_1(r.distance_m, synth.truth.distance_m);
}
