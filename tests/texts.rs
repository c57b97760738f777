//! What files declare beyond their numbers — names, notes, perceived effort, the local time
//! offset, a device's workout structure — written by the fixture writer and read back in each
//! format, and surveyed on the real files (../shared/fixtures/real).

mod common;

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use runaudit::activity::{Activity, Text, TextSource, MAX_TEXT_CHARS};
use runaudit::read::{fit, gpx, tcx};
use runaudit_testkit::fit::{write_workout, FitOptions};
use runaudit_testkit::{gpx as synth_gpx, tcx as synth_tcx, Hr, LapIntensity, RunSpec};

fn spec() -> RunSpec {
    let start = Utc
        .with_ymd_and_hms(2025, 4, 2, 17, 30, 0)
        .single()
        .unwrap_or_default();
    RunSpec::new(start).run(300, 3.0, Hr::Ramp(130, 150))
}

fn one_fit(bytes: &[u8]) -> Activity {
    let mut all = fit::parse(bytes).expect("reads");
    assert_eq!(all.len(), 1);
    all.remove(0)
}

fn texts(a: &Activity) -> Vec<(TextSource, &str)> {
    a.texts
        .iter()
        .map(|t| (t.source, t.text.as_str()))
        .collect()
}

fn fit_of(spec: &RunSpec) -> Vec<u8> {
    write_workout(
        &spec.build().activity,
        &FitOptions::default(),
        &spec.lap_intensities,
    )
}

#[test]
fn fit_workout_name_rpe_and_offset_round_trip() {
    // RPE 7 is written as 70 and read back as 7; UTC+02:00 is 7200 s.
    let s = spec().name("  Tempo 5k ").rpe(7).utc_offset_s(7200);
    let a = one_fit(&fit_of(&s));
    assert_eq!(texts(&a), vec![(TextSource::FitWorkoutName, "Tempo 5k")]);
    assert_eq!(
        a.rpe.map(|r| (r.value, r.source)),
        Some((7.0, TextSource::FitWorkoutRpe))
    );
    assert_eq!(a.utc_offset_s, Some(7200));
    // Both decoders agree.
    let full = fit::parse_with(&fit_of(&s), fit::Decoder::Fitparser).expect("reads");
    assert_eq!(full, vec![a]);
}

#[test]
fn fit_without_extras_reads_no_texts_and_offset_zero() {
    // The writer gives the local time as UTC when no offset is set: offset 0, no name, no RPE.
    let a = one_fit(&fit_of(&spec()));
    assert!(a.texts.is_empty());
    assert_eq!(a.rpe, None);
    assert_eq!(a.utc_offset_s, Some(0));
}

#[test]
fn fit_negative_and_quarter_hour_offsets_are_kept_absurd_ones_ignored() {
    // -05:00 and +05:45 (Nepal) are time zones; 20 h and 7 s are not.
    for (offset, read) in [
        (-18_000, Some(-18_000)),
        (20_700, Some(20_700)),
        (72_000, None),
        (7, None),
    ] {
        let a = one_fit(&fit_of(&spec().utc_offset_s(offset)));
        assert_eq!(a.utc_offset_s, read, "{offset}");
    }
}

#[test]
fn fit_lap_intensities_in_turn_read_as_a_structured_workout() {
    // Warm-up, 3 × (fast, jog), cool-down: 8 laps, 3 work and 3 rest between warm-up and
    // cool-down.
    use LapIntensity::{Active, Cooldown, Recovery, Warmup};
    let mut s = spec().lap();
    for _ in 0..3 {
        s = s
            .run(120, 4.5, Hr::Constant(170))
            .lap()
            .run(90, 2.0, Hr::Constant(140))
            .lap();
    }
    let s = s.run(300, 3.0, Hr::Constant(140)).lap_intensities(&[
        Warmup, Active, Recovery, Active, Recovery, Active, Recovery, Cooldown,
    ]);
    let a = one_fit(&fit_of(&s));
    assert_eq!(a.laps.len(), 8);
    assert_eq!(
        texts(&a),
        vec![(
            TextSource::FitLapIntensity,
            "structured workout: 3 work laps, 3 rest laps"
        )]
    );
    // Every lap active (a plain run with auto laps) declares nothing.
    let plain = spec()
        .laps_every_m(300.0)
        .lap_intensities(&[Active, Active, Active]);
    assert!(one_fit(&fit_of(&plain)).texts.is_empty());
}

#[test]
fn tcx_plan_name_and_notes_round_trip() {
    let s = spec()
        .name("Hill repeats")
        .notes("legs heavy\nafter Sunday's long run");
    let all = tcx::parse(&synth_tcx::write(&s.build().activity)).expect("reads");
    let a = all.first().expect("one activity");
    assert_eq!(
        texts(a),
        vec![
            (TextSource::TcxPlanName, "Hill repeats"),
            (TextSource::TcxNotes, "legs heavy\nafter Sunday's long run"),
        ]
    );
    assert_eq!((a.rpe, a.utc_offset_s), (None, None));
}

#[test]
fn gpx_track_name_and_description_round_trip() {
    let s = spec().name("Morning Run").notes("easy, with Anna");
    let want = vec![
        (TextSource::GpxTrackName, "Morning Run"),
        (TextSource::GpxTrackDescription, "easy, with Anna"),
    ];
    for bytes in [
        synth_gpx::write(&s.build().activity),
        synth_gpx::write_plain(&s.build().activity),
    ] {
        let a = gpx::parse(&bytes).expect("reads");
        assert_eq!(texts(&a), want);
    }
}

#[test]
fn gpx_metadata_name_comes_after_the_track_texts() {
    let gpx_text = r#"<gpx version="1.1" creator="t"><metadata><name>Export 12</name></metadata>
<trk><name> Lauf </name><desc></desc><trkseg>
<trkpt lat="47.0" lon="8.0"><name>a point</name><time>2025-01-01T08:00:00Z</time></trkpt>
<trkpt lat="47.0001" lon="8.0"><time>2025-01-01T08:00:01Z</time></trkpt>
</trkseg></trk></gpx>"#;
    let a = gpx::parse(gpx_text.as_bytes()).expect("reads");
    // The empty desc and the point's name are no texts.
    assert_eq!(
        texts(&a),
        vec![
            (TextSource::GpxTrackName, "Lauf"),
            (TextSource::GpxMetadataName, "Export 12"),
        ]
    );
}

#[test]
fn long_names_are_capped() {
    let long = "x".repeat(3 * MAX_TEXT_CHARS);
    let s = spec().notes(&long).name(&"Ä".repeat(MAX_TEXT_CHARS + 1));
    let a = gpx::parse(&synth_gpx::write(&s.build().activity)).expect("reads");
    assert!(a
        .texts
        .iter()
        .all(|t| t.text.chars().count() == MAX_TEXT_CHARS));
}

/// Trimmed, not empty, at most [`MAX_TEXT_CHARS`].
fn well_formed(t: &Text) -> bool {
    !t.text.is_empty() && t.text.trim() == t.text && t.text.chars().count() <= MAX_TEXT_CHARS
}

#[test]
fn real_files_texts_rpe_and_offsets() {
    let Some(dir) = common::real_fixtures("real_files_texts_rpe_and_offsets") else {
        return;
    };
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut bad = Vec::new();
    for path in runaudit_testkit::fuzz::files_below(&dir) {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let read = match ext.as_deref() {
            Some("fit") => fit::parse(&bytes),
            Some("tcx") => tcx::parse(&bytes),
            Some("gpx") => gpx::parse(&bytes).map(|a| vec![a]),
            _ => continue,
        };
        let rel = path
            .strip_prefix(&dir)
            .unwrap_or(&path)
            .display()
            .to_string();
        for a in read.unwrap_or_default() {
            let device = a.device.clone().unwrap_or_default();
            for t in &a.texts {
                if !well_formed(t) {
                    bad.push(format!("{rel}: {t:?}"));
                }
                seen.entry(format!("{:?}", t.source))
                    .or_default()
                    .push(format!("{rel} [{device}]: {:?}", t.text));
            }
            if let Some(rpe) = a.rpe.map(|r| r.value) {
                assert!((1.0..=10.0).contains(&rpe), "{rel}: rpe {rpe}");
                seen.entry("rpe".into())
                    .or_default()
                    .push(format!("{rel} [{device}]: {rpe}"));
            }
            if let Some(offset) = a.utc_offset_s {
                assert!(offset.abs() <= 14 * 3600 && offset % 900 == 0, "{rel}");
                seen.entry("utc_offset_s".into())
                    .or_default()
                    .push(format!("{rel} [{device}]: {offset}"));
            }
        }
    }
    for (what, files) in &seen {
        println!("{what}: {} activities", files.len());
        for f in files {
            println!("    {f}");
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}
