//! The synthetic writers checked against independent parsers (fitparser, the gpx crate,
//! quick-xml), and the committed fixtures checked to be exactly what the catalog regenerates.

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use fitparser::profile::MesgNum;
use fitparser::{FitDataRecord, Value};
use runaudit_testkit::fit::{self, FitOptions};
use runaudit_testkit::{catalog, gpx as synth_gpx, tcx, Hr, RunSpec, Synth};

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0)
        .single()
        .unwrap_or_default()
}

/// 10 min easy with a 2-min pause, a lap marker, a standing minute and HR dropouts.
fn sample_run() -> Synth {
    RunSpec::new(start())
        .run(300, 3.0, Hr::Ramp(130, 140))
        .climb(6.0)
        .lap()
        .pause(120)
        .run(200, 3.1, Hr::Constant(142))
        .cadence(171.0)
        .stand(60, Hr::Constant(120))
        .run(100, 3.2, Hr::Constant(145))
        .climb(-6.0)
        .hr_dropouts_every(50)
        .build()
}

fn field<'a>(r: &'a FitDataRecord, name: &str) -> Option<&'a Value> {
    r.fields()
        .iter()
        .find(|f| f.name() == name)
        .map(|f| f.value())
}

fn num(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::UInt8(x) => Some(f64::from(*x)),
        Value::UInt16(x) => Some(f64::from(*x)),
        Value::UInt32(x) => Some(f64::from(*x)),
        Value::SInt32(x) => Some(f64::from(*x)),
        Value::Float64(x) => Some(*x),
        Value::Float32(x) => Some(f64::from(*x)),
        _ => None,
    }
}

fn time(v: Option<&Value>) -> Option<DateTime<Utc>> {
    match v? {
        Value::Timestamp(t) => Some(t.with_timezone(&Utc)),
        _ => None,
    }
}

fn of_kind(records: &[FitDataRecord], kind: MesgNum) -> Vec<&FitDataRecord> {
    records.iter().filter(|r| r.kind() == kind).collect()
}

fn check_fit_records(synth: &Synth, bytes: &[u8]) {
    let records = fitparser::from_bytes(bytes).expect("fitparser reads the file");
    let recs = of_kind(&records, MesgNum::Record);
    let samples = &synth.activity.samples;
    assert_eq!(recs.len(), samples.len());
    for (r, s) in recs.iter().zip(samples) {
        assert_eq!(time(field(r, "timestamp")), Some(s.time));
        let p = s.position.expect("synthetic samples have positions");
        let lat = num(field(r, "position_lat")).expect("lat") * 180.0 / 2f64.powi(31);
        let lon = num(field(r, "position_long")).expect("lon") * 180.0 / 2f64.powi(31);
        assert!((lat - p.lat_deg).abs() < 1e-6 && (lon - p.lon_deg).abs() < 1e-6);
        let d = num(field(r, "distance")).expect("distance");
        assert!((d - s.distance_m.unwrap_or(-1.0)).abs() < 0.006, "{d}");
        let alt = num(field(r, "enhanced_altitude")).expect("altitude");
        assert!((alt - s.altitude_m.unwrap_or(-1.0)).abs() < 0.11, "{alt}");
        let v = num(field(r, "enhanced_speed")).expect("speed");
        assert!((v - s.speed_m_s.unwrap_or(-1.0)).abs() < 0.0006);
        assert_eq!(
            num(field(r, "heart_rate")),
            Some(f64::from(s.hr_bpm.unwrap_or(0)))
        );
        let cad = num(field(r, "cadence")).expect("cadence")
            + num(field(r, "fractional_cadence")).unwrap_or(0.0);
        assert!(
            (2.0 * cad - s.cadence_spm.unwrap_or(-1.0)).abs() < 0.02,
            "{cad}"
        );
    }
}

#[test]
fn fit_records_round_trip_through_fitparser() {
    let synth = sample_run();
    check_fit_records(&synth, &fit::write(&synth.activity));
}

#[test]
fn fit_session_laps_and_timer_events_match_the_truth() {
    let synth = sample_run();
    let t = synth.truth;
    let records = fitparser::from_bytes(&fit::write(&synth.activity)).expect("parses");
    let session = *of_kind(&records, MesgNum::Session)
        .first()
        .expect("one session");
    // 300 + 200 + 60 + 100 = 660 s timer time, 120 s paused → 780 s elapsed.
    assert_eq!((t.timer_s, t.elapsed_s), (660.0, 780.0));
    assert_eq!(num(field(session, "total_timer_time")), Some(660.0));
    assert_eq!(num(field(session, "total_elapsed_time")), Some(780.0));
    // 900 + 620 + 0 + 320 = 1840 m.
    assert_eq!(t.distance_m, 1840.0);
    assert_eq!(num(field(session, "total_distance")), Some(1840.0));
    assert_eq!(time(field(session, "start_time")), Some(start()));
    assert_eq!(num(field(session, "max_heart_rate")), Some(145.0));
    let avg = num(field(session, "avg_heart_rate")).expect("avg hr");
    assert_eq!(Some(avg), t.avg_hr_bpm.map(f64::round));
    assert_eq!(of_kind(&records, MesgNum::Lap).len(), 2);
    // Timer: start, stop_all + start around the pause, stop_all at the end.
    let events: Vec<String> = of_kind(&records, MesgNum::Event)
        .iter()
        .filter_map(|e| field(e, "event_type").map(|v| v.to_string()))
        .collect();
    assert_eq!(events, vec!["start", "stop_all", "start", "stop_all"]);
    assert_eq!(of_kind(&records, MesgNum::Activity).len(), 1);
}

#[test]
fn compressed_timestamps_and_developer_fields_parse() {
    let synth = sample_run();
    let opts = FitOptions {
        compressed_timestamps: true,
        developer_field: true,
        barometer: false,
        ..FitOptions::default()
    };
    let bytes = fit::write_with(&synth.activity, &opts);
    assert!(
        bytes.len() < fit::write(&synth.activity).len(),
        "compressed headers save 4 bytes a record"
    );
    check_fit_records(&synth, &bytes);
    let records = fitparser::from_bytes(&bytes).expect("parses");
    let recs = of_kind(&records, MesgNum::Record);
    for (i, r) in recs.iter().enumerate() {
        assert_eq!(
            num(field(r, fit::DEV_FIELD_NAME)),
            Some(i as f64),
            "record {i}"
        );
    }
}

#[test]
fn mutated_fit_files_fail_or_carry_on_as_documented() {
    let synth = sample_run();
    let bytes = fit::write(&synth.activity);
    let n = of_kind(
        &fitparser::from_bytes(&bytes).expect("parses"),
        MesgNum::Record,
    )
    .len();
    let chained = fit::chain(&[bytes.clone(), bytes.clone()]);
    let both = fitparser::from_bytes(&chained).expect("chained files parse");
    assert_eq!(of_kind(&both, MesgNum::Record).len(), 2 * n);
    assert!(fitparser::from_bytes(&fit::corrupt_crc(&bytes)).is_err());
    assert!(fitparser::from_bytes(&fit::truncate(&bytes, bytes.len() / 2)).is_err());
    assert!(fitparser::from_bytes(&fit::destroy_header(&bytes)).is_err());
    let padded = fit::append_zeros(&bytes, 16);
    assert_eq!(padded.len(), bytes.len() + 16);
}

#[test]
fn same_spec_same_bytes() {
    let a = sample_run();
    let b = sample_run();
    assert_eq!(fit::write(&a.activity), fit::write(&b.activity));
    assert_eq!(synth_gpx::write(&a.activity), synth_gpx::write(&b.activity));
    assert_eq!(tcx::write(&a.activity), tcx::write(&b.activity));
}

fn check_gpx_track(synth: &Synth, bytes: &[u8]) {
    let g = gpx::read(bytes).expect("the gpx crate reads it");
    let track = g.tracks.first().expect("one track");
    // One segment before the pause and one after.
    assert_eq!(track.segments.len(), 2);
    let points: Vec<&gpx::Waypoint> = track
        .segments
        .iter()
        .flat_map(|s| s.points.iter())
        .collect();
    assert_eq!(points.len(), synth.activity.samples.len());
    for (p, s) in points.iter().zip(&synth.activity.samples) {
        let pos = s.position.expect("position");
        assert!(
            (p.point().y() - pos.lat_deg).abs() < 1e-7
                && (p.point().x() - pos.lon_deg).abs() < 1e-7
        );
        let t: time::OffsetDateTime = p.time.expect("time").into();
        assert_eq!(t.unix_timestamp(), s.time.timestamp());
        assert!((p.elevation.unwrap_or(0.0) - s.altitude_m.unwrap_or(-1.0)).abs() < 0.06);
    }
}

#[test]
fn gpx_with_extensions_reads_back() {
    let synth = sample_run();
    let bytes = synth_gpx::write(&synth.activity);
    check_gpx_track(&synth, &bytes);
    let text = String::from_utf8(bytes).expect("utf-8");
    // 171 spm is written per leg: 85.
    assert!(text.contains("<gpxtpx:cad>85</gpxtpx:cad>"));
    assert!(text.contains("<gpxtpx:hr>142</gpxtpx:hr>"));
    assert!(text.contains("<time>2025-03-01T08:00:00Z</time>"));
    // 1 dropout per 50 samples is left out: fewer hr elements than points.
    let hrs = text.matches("<gpxtpx:hr>").count();
    assert_eq!(
        hrs,
        synth
            .activity
            .samples
            .iter()
            .filter(|s| s.hr_bpm.is_some())
            .count()
    );
    assert!(hrs < synth.activity.samples.len());
}

#[test]
fn plain_gpx_and_route_read_back() {
    let synth = sample_run();
    check_gpx_track(&synth, &synth_gpx::write_plain(&synth.activity));
    let route = gpx::read(synth_gpx::write_route(&synth.activity).as_slice()).expect("reads");
    assert!(route.tracks.is_empty());
    let points = &route.routes.first().expect("one route").points;
    assert_eq!(points.len(), synth.activity.samples.len());
    assert!(points.iter().all(|p| p.time.is_none()));
}

/// Every element name in `bytes`, failing on malformed XML.
fn xml_elements(bytes: &[u8]) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut names = Vec::new();
    let mut buf = Vec::new();
    let mut depth = 0i32;
    loop {
        match reader.read_event_into(&mut buf).expect("well-formed XML") {
            quick_xml::events::Event::Start(e) => {
                depth += 1;
                names.push(e.name().as_ref().to_string());
            }
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    assert_eq!(depth, 0, "balanced");
    names
}

#[test]
fn tcx_is_well_formed_with_laps_tracks_and_points() {
    let synth = sample_run();
    let bytes = tcx::write(&synth.activity);
    let names = xml_elements(&bytes);
    let count = |n: &str| names.iter().filter(|x| x.as_str() == n).count();
    assert_eq!(count("Lap"), 2);
    // Lap 1 owns samples 0..=300 (its end); lap 2 the rest, all after the pause: one track each.
    assert_eq!(count("Track"), 2);
    assert_eq!(count("Trackpoint"), synth.activity.samples.len());
    assert_eq!(count("ns3:RunCadence"), synth.activity.samples.len());
    let text = String::from_utf8(bytes).expect("utf-8");
    assert!(text.contains("<Activity Sport=\"Running\">"));
    assert!(text.contains("<TotalTimeSeconds>300.0</TotalTimeSeconds>"));
    assert!(text.contains("<DistanceMeters>900.00</DistanceMeters>"));
}

#[test]
fn geodesic_distance_between_fixes_matches_device_distance() {
    use geo::{Distance, Geodesic, Point};
    let synth = RunSpec::new(start())
        .smart_recording(9)
        .run(3000, 3.0, Hr::Constant(140))
        .build();
    let pts: Vec<Point> = synth
        .activity
        .samples
        .iter()
        .filter_map(|s| s.position.map(|p| Point::new(p.lon_deg, p.lat_deg)))
        .collect();
    let geodesic: f64 = pts.windows(2).map(|w| Geodesic.distance(w[0], w[1])).sum();
    assert!((geodesic - synth.truth.distance_m).abs() < synth.truth.distance_m * 0.001);
}

#[test]
fn committed_fixtures_are_what_the_catalog_generates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let files = catalog::all();
    assert!(!files.is_empty());
    for f in &files {
        let on_disk = std::fs::read(root.join(&f.path)).unwrap_or_else(|e| {
            panic!("{}: {e} (run `cargo run --example make_fixtures`)", f.path)
        });
        assert!(
            on_disk == f.bytes,
            "{} differs from the catalog: run `cargo run --example make_fixtures`",
            f.path
        );
    }
    // And nothing stale lies beside them.
    for dir in [
        "runs",
        "season",
        "season/activities",
        "season-apple",
        "squad/ana",
        "squad/ben",
        "squad/cleo",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).expect("fixture folder") {
            let entry = entry.expect("entry");
            if entry.path().is_dir() {
                continue;
            }
            let name = format!("{dir}/{}", entry.file_name().to_string_lossy());
            assert!(
                files.iter().any(|f| f.path == name),
                "{name} is not in the catalog"
            );
        }
    }
}

/// Seconds of moving time with HR above `ceiling`, and the longest such unbroken stretch, from
/// the samples (each value held over the interval it ends).
fn time_above(synth: &Synth, ceiling: u8) -> (f64, f64) {
    let (mut total, mut block, mut longest) = (0.0, 0.0, 0.0f64);
    for w in synth.activity.samples.windows(2) {
        let dt = (w[1].time - w[0].time).num_seconds() as f64;
        if w[1].hr_bpm.is_some_and(|h| h > ceiling) && w[1].speed_m_s.unwrap_or(0.0) > 0.0 {
            total += dt;
            block += dt;
            longest = longest.max(block);
        } else {
            block = 0.0;
        }
    }
    (total, longest)
}

#[test]
fn season_verdicts_hold_with_clear_margins() {
    use catalog::{baseline, season_runs, Expected, Kind};
    let runs = season_runs();
    // About 12 weeks of 4-5 runs, a couple of rides, three broken files.
    assert!((50..=60).contains(&runs.len()), "{}", runs.len());
    let ceiling = 146; // 85% of LTHR 172 = 146.2
    for (i, r) in runs.iter().enumerate() {
        let t = &r.synth.truth;
        let (above_s, block_s) = time_above(&r.synth, ceiling);
        let share_above = above_s / t.moving_s.max(1.0);
        let normal = baseline(&runs, i).filter(|&(_, n)| n >= 5).map(|(p, _)| p);
        let pace = t.pace_s_per_km().unwrap_or(0.0);
        let what = format!("{} ({:?})", r.file, r.kind);
        match r.kind {
            Kind::Recovery | Kind::RecoveryWalk | Kind::RecoveryNoHr => {
                let normal = normal.expect("a baseline of at least 5 runs");
                assert!(t.moving_s <= 50.0 * 60.0, "{what}");
                assert!(pace >= normal + 37.3 + 15.0, "{what}: {pace} vs {normal}");
                assert_eq!(above_s, 0.0, "{what}");
                assert_eq!(
                    t.avg_hr_bpm.is_none(),
                    r.kind == Kind::RecoveryNoHr,
                    "{what}"
                );
            }
            Kind::RecoveryTooFast => {
                let normal = normal.expect("baseline");
                assert!(pace <= normal + 37.3 - 15.0, "{what}");
                assert!(t.moving_s <= 50.0 * 60.0 && above_s == 0.0, "{what}");
            }
            Kind::RecoveryTooLong => assert!(t.moving_s >= 70.0 * 60.0 && above_s == 0.0, "{what}"),
            Kind::RecoveryHrSurge => {
                assert!(block_s >= 5.0 * 60.0, "{what}: {block_s}");
                assert!(share_above >= 0.13, "{what}: {share_above}");
            }
            Kind::Easy | Kind::Tempo => assert!(share_above >= 0.2 && block_s >= 300.0, "{what}"),
            Kind::Intervals => {
                // Short reps: no 5-min block, but a fifth of the time above and a fast average.
                assert!(share_above >= 0.2, "{what}");
                assert!(normal.is_none_or(|n| pace <= n + 37.3 - 15.0), "{what}");
            }
            Kind::Long => assert!(t.moving_s >= 90.0 * 60.0, "{what}"),
            Kind::Cycling => assert_eq!(r.synth.activity.sport, runaudit::Sport::Cycling),
            Kind::BrokenTruncated | Kind::BrokenHeader | Kind::Route => {
                assert_eq!(r.kind.expected(), Expected::Error)
            }
        }
    }
}

#[test]
fn season_files_parse_or_break_as_the_manifest_says() {
    use catalog::{season_runs, Expected, Output};
    let mut total = 0usize;
    for r in season_runs() {
        let bytes = r.output.write(&r.synth);
        total += bytes.len();
        let fit_bytes = match r.output {
            Output::FitGz => {
                let mut out = Vec::new();
                std::io::Read::read_to_end(
                    &mut flate2::read::GzDecoder::new(bytes.as_slice()),
                    &mut out,
                )
                .expect("gunzip");
                Some(out)
            }
            Output::Fit(_) | Output::FitTruncated(_) | Output::FitNoHeader => Some(bytes.clone()),
            _ => None,
        };
        let parsed_ok = match (fit_bytes, r.output) {
            (Some(b), _) => fitparser::from_bytes(&b)
                .is_ok_and(|recs| !of_kind(&recs, MesgNum::Record).is_empty()),
            (None, Output::Tcx) => !xml_elements(&bytes).is_empty(),
            (None, _) => gpx::read(bytes.as_slice()).is_ok_and(|g| {
                g.tracks
                    .iter()
                    .flat_map(|t| &t.segments)
                    .flat_map(|s| &s.points)
                    .any(|p| p.time.is_some())
            }),
        };
        assert_eq!(
            parsed_ok,
            r.kind.expected() != Expected::Error,
            "{}",
            r.file
        );
    }
    assert!(total < 6_000_000, "season is {total} bytes");
}
