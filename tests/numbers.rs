//! The patterns of issue 14 written by the fixture writer with known ground truth, read back
//! through the whole reader, and measured: elevation by altitude source, altitude spikes,
//! phone-app distance.

use chrono::{DateTime, TimeZone, Utc};
use runaudit::activity::AltitudeSource;
use runaudit::analyze::elevation::{gain_by, ElevationRule};
use runaudit::analyze::track::Track;
use runaudit::analyze::DistanceSource;
use runaudit_testkit::fit::{self, FitOptions};
use runaudit_testkit::{gpx, read_one, Hr, RunSpec};

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 4, 6, 7, 0, 0)
        .single()
        .unwrap_or_default()
}

/// 40 min over a hill: flat, 30 m up, 30 m down, 20 m up. Gain 50 m, loss 30 m.
fn hilly() -> RunSpec {
    RunSpec::new(start())
        .run(600, 3.0, Hr::Constant(140))
        .run(600, 2.8, Hr::Constant(150))
        .climb(30.0)
        .run(600, 3.2, Hr::Constant(145))
        .climb(-30.0)
        .run(600, 2.9, Hr::Constant(150))
        .climb(20.0)
}

fn barometric_fit(spec: &RunSpec) -> Vec<u8> {
    let opts = FitOptions {
        barometer: true,
        ..FitOptions::default()
    };
    fit::write_with(&spec.build().activity, &opts)
}

#[test]
fn a_spike_at_the_start_is_not_a_climb() {
    // Samples 1..=3 read 90 m high (a fenix 2 opens at 142 m, then 55 m). Truth: +50 m.
    let spec = hilly().altitude_spike(3, 90.0);
    let truth = spec.build().truth;
    let (a, r) = read_one(&barometric_fit(&spec));
    assert_eq!(a.altitude_source, AltitudeSource::Barometric);
    let ours = r.elevation_gain_m.expect("altitude");
    // Each of the two climbs may leave up to the hysteresis (5 σ of a clean trace: the FIT
    // altitude's 0.2 m step) uncounted at its top: 47.5..=50.
    assert!((47.5..=50.0).contains(&ours), "{ours} vs {}", truth.gain_m);
    let splits: f64 = r.splits.iter().filter_map(|s| s.elevation_gain_m).sum();
    assert!((splits - ours).abs() < 1e-9, "splits sum to the total");
}

#[test]
fn barometric_altitude_is_counted_closely() {
    // A clean barometer: every meter of the 50 m counts (its noise is the 0.2 m step).
    let spec = hilly();
    let truth = spec.build().truth;
    let (a, r) = read_one(&barometric_fit(&spec));
    assert_eq!(a.altitude_source, AltitudeSource::Barometric);
    let ours = r.elevation_gain_m.expect("altitude");
    // Up to the hysteresis (the 0.2 m FIT step) is left at the top of each climb.
    assert!((47.5..=50.0).contains(&ours), "{ours} vs {}", truth.gain_m);
    assert_eq!(r.device_ascent_m, spec.build().activity.summary.ascent_m);
}

#[test]
fn gps_altitude_noise_is_smoothed_away() {
    // ±3 m of GPS altitude noise every second over the same hill, as a phone's GPX. The
    // hysteresis from the trace's own noise comes within 15% of the true 50 m; a barometer's
    // fixed band (5 s average, 1 m) on the same samples would count the noise several times over.
    let spec = hilly().altitude_noise(3.0, 17);
    let truth = spec.build().truth;
    let (a, r) = read_one(&gpx::write(&spec.build().activity));
    assert_eq!(a.altitude_source, AltitudeSource::Gps);
    let ours = r.elevation_gain_m.expect("altitude");
    assert!(
        (ours - truth.gain_m).abs() <= 0.15 * truth.gain_m,
        "{ours} vs {}",
        truth.gain_m
    );
    let track = Track::build(&a).expect("samples");
    let alt: Vec<Option<f64>> = a.samples.iter().map(|s| s.altitude_m).collect();
    let baro = ElevationRule {
        smooth_s: 5.0,
        hysteresis_m: 1.0,
    };
    let as_if_baro = gain_by(&track.t_s, &alt, baro).expect("altitude").gain_m;
    assert!(as_if_baro > 3.0 * truth.gain_m, "{as_if_baro}");
}

#[test]
fn sparse_record_distance_is_interpolated_not_replaced_by_gps() {
    // A phone app writes the distance on one record in three; the fixes carry 8 m of noise, so
    // GPS would say more. Truth: 30 min at 3 m/s = 5400 m.
    let synth = RunSpec::new(start())
        .run(1800, 3.0, Hr::Constant(145))
        .gps_noise(8.0, 5)
        .build();
    let mut a = synth.activity.clone();
    for (i, s) in a.samples.iter_mut().enumerate() {
        if i % 3 != 0 {
            s.distance_m = None;
        }
    }
    let (_, r) = read_one(&fit::write(&a));
    assert_eq!(r.distance_source, DistanceSource::Device);
    assert!(
        (r.distance_m - synth.truth.distance_m).abs() <= 3.0,
        "{}",
        r.distance_m
    );
}

#[test]
fn a_treadmill_file_takes_the_session_distance_over_the_timer() {
    // Heart rate only in the records, 6000 m in the session: 20 min, a 5 min pause, 20 min.
    // Spread over the 40 running minutes, half the distance is reached at the pause.
    let synth = RunSpec::new(start())
        .run(1200, 2.5, Hr::Constant(140))
        .pause(300)
        .run(1200, 2.5, Hr::Constant(150))
        .build();
    let mut a = synth.activity.clone();
    for s in &mut a.samples {
        (s.distance_m, s.position, s.speed_m_s) = (None, None, None);
    }
    a.summary.distance_m = Some(6000.0);
    let (_, r) = read_one(&fit::write(&a));
    assert_eq!(r.distance_source, DistanceSource::Session);
    assert!((r.distance_m - 6000.0).abs() < 0.01, "{}", r.distance_m);
    assert!(
        (r.moving_s - synth.truth.moving_s).abs() <= 1.0,
        "{}",
        r.moving_s
    );
    // 1 km splits every 400 s of running: 6 splits, the first 400 s long.
    assert_eq!(r.splits.len(), 6);
    assert!(
        (r.splits[0].moving_s - 400.0).abs() <= 1.0,
        "{}",
        r.splits[0].moving_s
    );
}

#[test]
fn a_gpx_track_without_times_has_its_length_and_no_pace() {
    // 30 min at 3 m/s over a 20 m hill, written as a GPX whose points carry no time (only the
    // file's own metadata time): the track's length is the run's 5400 m (GPS geodesic, within
    // 1%), the time and pace are unknown (no made-up ones), and a warning says why.
    let synth = RunSpec::new(start())
        .run(1800, 3.0, Hr::Constant(140))
        .climb(20.0)
        .build();
    let (a, r) = read_one(&gpx::write_untimed(&synth.activity, true));
    assert!(a.untimed.is_some());
    assert!(
        (r.distance_m - synth.truth.distance_m).abs() <= 0.01 * synth.truth.distance_m,
        "{} vs {}",
        r.distance_m,
        synth.truth.distance_m
    );
    assert_eq!((r.moving_s, r.elapsed_s), (0.0, 0.0));
    assert_eq!(r.average_pace_s_per_km(), None);
    assert!(r.splits.is_empty());
    let gain = r.elevation_gain_m.expect("altitude");
    assert!((gain - 20.0).abs() <= 1.0, "{gain}");
    let warned = a.warnings.iter().map(ToString::to_string);
    assert!(
        warned
            .clone()
            .any(|w| w.starts_with("the track's times are missing")),
        "{:?}",
        warned.collect::<Vec<_>>()
    );
    // Without the file's time there is no date: refused, with the length in the message.
    let err = runaudit::read::read_bytes(
        &gpx::write_untimed(&synth.activity, false),
        &runaudit::read::ReadOptions::default(),
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(err.contains("a track of 5.4"), "{err}");
}
