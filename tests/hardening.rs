//! Hostile and damaged inputs, each built by our own writer and then broken on purpose: every
//! one gives activities with a warning naming the repair, or one clean error; none panics, hangs
//! or allocates by what a header claims.

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use runaudit::activity::Activity;
use runaudit::read::archive::{discover, ArchiveCache, Input};
use runaudit::read::{read_bytes, ReadOptions};
use runaudit::ReadError;
use runaudit_testkit::{catalog, fit, gpx, tcx, Hr, RunSpec};

fn at(y: i32, mo: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, 7, 0, 0)
        .single()
        .unwrap_or_default()
}

/// A 2-minute run with heart rate, starting at `start`.
fn run_at(start: DateTime<Utc>) -> Activity {
    RunSpec::new(start)
        .run(120, 3.0, Hr::Ramp(130, 140))
        .build()
        .activity
}

fn run() -> Activity {
    run_at(at(2024, 6, 1))
}

fn read(bytes: &[u8]) -> Result<Vec<Activity>, ReadError> {
    read_bytes(bytes, &ReadOptions::default())
}

/// The one activity read, or a panic naming what came back.
fn one(bytes: &[u8]) -> Activity {
    match read(bytes) {
        Ok(mut v) if v.len() == 1 => v.remove(0),
        other => panic!("expected one activity, got {other:?}"),
    }
}

fn warned(a: &Activity, part: &str) -> bool {
    a.warnings.iter().any(|w| w.to_string().contains(part))
}

/// The FIT CRC-16 (CRC-16/ARC: reflected polynomial 0xA001, initial 0), bit by bit, to re-seal
/// files edited on purpose.
fn fit_crc(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &b in bytes {
        crc ^= u16::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xA001
            } else {
                crc >> 1
            };
        }
    }
    crc
}

fn reseal(file: &mut [u8]) {
    let n = file.len();
    let crc = fit_crc(&file[..n - 2]);
    file[n - 2..].copy_from_slice(&crc.to_le_bytes());
}

// ---- FIT ----

#[test]
fn fit_header_size_15_with_a_short_buffer_is_an_error() {
    let mut bytes = vec![15u8, 0x10, 0, 0, 0, 0, 0, 0];
    bytes.extend_from_slice(b".FIT");
    let err = read(&bytes)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.starts_with("invalid FIT file"), "{err}");
}

#[test]
fn fit_one_byte_file_is_an_error() {
    // A single 0x0E (the usual header size) detects as nothing: too short to say FIT.
    assert!(matches!(read(&[0x0E]), Err(ReadError::UnknownFormat(_))));
    assert!(matches!(
        runaudit::read::fit::parse(&[0x0E]),
        Err(ReadError::Fit(_))
    ));
}

#[test]
fn fit_4_gib_data_size_reads_the_whole_file() {
    let clean = fit::write(&run());
    let mut file = clean.clone();
    file[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
    file[12..14].copy_from_slice(&[0, 0]); // header CRC 0: "not computed"
    reseal(&mut file);
    let a = one(&file);
    assert_eq!(a.samples.len(), one(&clean).samples.len());
    assert!(
        warned(&a, "declares 4294967295 bytes of data"),
        "{:?}",
        a.warnings
    );
}

#[test]
fn fit_sixteen_trailing_zeros_are_padding() {
    let clean = fit::write(&run());
    let a = one(&fit::append_zeros(&clean, 16));
    assert_eq!(a.samples.len(), one(&clean).samples.len());
    assert!(warned(&a, "16 zero bytes of padding"), "{:?}", a.warnings);
}

#[test]
fn fit_trailing_garbage_is_ignored_with_a_warning() {
    let mut file = fit::write(&run());
    let end = file.len();
    file.extend_from_slice(b"\x01\x02garbage after the end");
    let a = one(&file);
    assert!(
        warned(&a, &format!("(from byte {end}) are not a FIT file")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn fit_bad_crc_is_repaired_with_a_warning() {
    let clean = fit::write(&run());
    let a = one(&fit::corrupt_crc(&clean));
    assert_eq!(a.samples.len(), one(&clean).samples.len());
    assert!(warned(&a, "data CRC mismatch"), "{:?}", a.warnings);
}

#[test]
fn fit_relative_timestamps_are_flagged() {
    // 1990-01-02 is about 2 days after the FIT epoch: a time below 0x10000000 is relative.
    let a = one(&fit::write(&run_at(at(1990, 1, 2))));
    assert!(
        warned(&a, "relative to the device's power-up"),
        "{:?}",
        a.warnings
    );
    // Flagged once: the format-independent pre-2000 check sees the reason is given.
    assert!(!warned(&a, "before 2000"), "{:?}", a.warnings);
}

#[test]
fn fit_a_lost_byte_is_resynchronized() {
    // A byte removed in the middle of the records (as a CRLF → LF transfer does), the header's
    // size and the CRC fixed up: the walker resynchronizes and nearly every sample survives.
    let clean = fit::write(&run());
    let mut file = clean.clone();
    file.remove(clean.len() / 2);
    let size = u32::from_le_bytes([file[4], file[5], file[6], file[7]]) - 1;
    file[4..8].copy_from_slice(&size.to_le_bytes());
    file[12..14].copy_from_slice(&[0, 0]);
    reseal(&mut file);
    let a = one(&file);
    let n = one(&clean).samples.len();
    assert!(warned(&a, "resumed at byte"), "{:?}", a.warnings);
    assert!(a.samples.len() + 3 >= n, "{} of {n}", a.samples.len());
}

// ---- XML ----

#[test]
fn xml_200k_levels_of_nesting_are_refused_fast() {
    let mut text = String::from("<gpx version=\"1.1\">");
    text.push_str(&"<a>".repeat(200_000));
    let started = Instant::now();
    let err = read(text.as_bytes())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("nested more than 128"), "{err}");
    // The cap stops the reader at depth 129; generous bound for a loaded debug build.
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn xml_internal_entity_expansion_is_refused() {
    let mut text =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [\n<!ENTITY a \"aaaaaaaaaa\">\n");
    for i in 1..10 {
        let prev = format!("&e{};", i - 1).repeat(10);
        text.push_str(&format!("<!ENTITY e{i} \"{prev}\">\n"));
    }
    text.push_str("]>\n<gpx><trk><name>&e9;</name></trk></gpx>");
    for body in [
        text.clone(),
        text.replace("<gpx>", "<TrainingCenterDatabase>"),
    ] {
        let err = read(body.as_bytes())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("DOCTYPE declarations are refused"), "{err}");
    }
}

#[test]
fn xml_huge_attribute_and_text_values_are_harmless() {
    let gpx = String::from_utf8(gpx::write(&run())).unwrap_or_default();
    let huge_number = "1".repeat(4 << 20);
    let huge_attr = gpx.replacen("lat=\"", &format!("lat=\"{huge_number}"), 1);
    let huge_text = gpx.replacen("<ele>", &format!("<ele>{huge_number}"), 1);
    let started = Instant::now();
    for text in [huge_attr, huge_text] {
        let a = one(text.as_bytes());
        // The damaged point loses its position or elevation; the other points read.
        assert!(a.samples.len() >= 100, "{}", a.samples.len());
    }
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn gzip_bomb_is_stopped_at_the_size_cap() {
    let zeros = vec![0u8; 4 << 20];
    let bomb = catalog::gzip(&zeros);
    assert!(bomb.len() < 64 * 1024);
    let opts = ReadOptions {
        max_file_size: 1 << 20,
    };
    assert!(matches!(
        read_bytes(&bomb, &opts),
        Err(ReadError::TooLarge { limit, .. }) if limit == 1 << 20
    ));
}

/// A zip with one stored-deflated entry of `len` zero bytes named `name`.
fn zip_of(name: &str, content: &[u8]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    z.start_file(name, opts).expect("zip entry");
    z.write_all(content).expect("zip write");
    z.finish().expect("zip finish");
    out.into_inner()
}

fn read_zip_entries(path: PathBuf, max: u64) -> Vec<Result<usize, String>> {
    let (inputs, errors) = discover(&[path], max);
    let mut cache = ArchiveCache::default();
    let mut out: Vec<Result<usize, String>> =
        errors.iter().map(|e| Err(e.error.to_string())).collect();
    for input in inputs {
        if let Input::ZipEntry { archive, index, .. } = input {
            out.push(
                cache
                    .read(&archive, index, max)
                    .map(|b| b.len())
                    .map_err(|e| e.to_string()),
            );
        }
    }
    out
}

#[test]
fn zip_bomb_and_lying_entry_sizes_are_capped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bomb = zip_of("a.fit", &vec![0u8; 4 << 20]);
    let path = dir.path().join("bomb.zip");
    std::fs::write(&path, &bomb).expect("write");
    let got = read_zip_entries(path, 1 << 20);
    assert_eq!(got.len(), 1);
    assert!(
        got[0].as_ref().is_err_and(|e| e.contains("limit")),
        "{got:?}"
    );
    // The same entry whose headers claim 100 bytes: never more than the cap is read.
    let mut lying = bomb.clone();
    for sig in [[0x50u8, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x01, 0x02]] {
        let size_at = if sig[2] == 3 { 22 } else { 24 };
        if let Some(i) = lying.windows(4).position(|w| w == sig) {
            lying[i + size_at..i + size_at + 4].copy_from_slice(&100u32.to_le_bytes());
        }
    }
    let path = dir.path().join("lying.zip");
    std::fs::write(&path, &lying).expect("write");
    for r in read_zip_entries(path, 1 << 20) {
        assert!(r.as_ref().map_or(true, |&n| n <= 1 << 20), "{r:?}");
    }
}

#[test]
fn zips_nested_too_deep_are_an_error_not_a_descent() {
    let mut inner = zip_of("run.gpx", &gpx::write(&run()));
    for level in 0..6 {
        inner = zip_of(&format!("level{level}.zip"), &inner);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("deep.zip");
    std::fs::write(&path, &inner).expect("write");
    let (inputs, errors) = discover(&[path], 1 << 24);
    assert!(inputs.is_empty());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].error.to_string().contains("nested deeper than 4"));
}

// ---- samples, any format ----

/// `run()` with `edit` applied to its samples, written as each format.
fn written_as_each_format(edit: impl Fn(&mut Activity)) -> Vec<(&'static str, Vec<u8>)> {
    let mut a = run();
    edit(&mut a);
    vec![
        ("fit", fit::write(&a)),
        ("gpx", gpx::write(&a)),
        ("tcx", tcx::write(&a)),
    ]
}

#[test]
fn out_of_range_elevations_are_dropped_and_counted() {
    // Both too high: FIT cannot even encode an altitude below -500 m.
    for (format, bytes) in written_as_each_format(|a| {
        a.samples[10].altitude_m = Some(20_000.0);
        a.samples[11].altitude_m = Some(12_000.0);
    }) {
        let a = one(&bytes);
        assert!(
            warned(&a, "dropped 2 elevations outside -500…9000 m"),
            "{format}: {:?}",
            a.warnings
        );
        assert!(a
            .samples
            .iter()
            .all(|s| s.altitude_m.is_none_or(|e| (-500.0..=9000.0).contains(&e))));
    }
}

#[test]
fn out_of_range_coordinates_are_dropped_and_counted_in_xml() {
    let gpx = String::from_utf8(gpx::write(&run())).unwrap_or_default();
    let bad = gpx
        .replacen("lat=\"", "lat=\"NaN", 1)
        .replacen("lon=\"", "lon=\"-", 3);
    let a = one(bad.as_bytes());
    assert!(
        warned(&a, "with missing or invalid coordinates"),
        "{:?}",
        a.warnings
    );
    let tcx = String::from_utf8(tcx::write(&run())).unwrap_or_default();
    let bad = tcx.replacen("<LatitudeDegrees>", "<LatitudeDegrees>95", 1);
    let a = one(bad.as_bytes());
    assert!(
        warned(&a, "1 trackpoint with an incomplete or invalid position"),
        "{:?}",
        a.warnings
    );
}

#[test]
fn heart_rate_dropouts_are_missing_and_counted() {
    let gpx = String::from_utf8(gpx::write(&run())).unwrap_or_default();
    let tcx = String::from_utf8(tcx::write(&run())).unwrap_or_default();
    let gpx = gpx
        .replacen(">130<", ">0<", 1)
        .replacen(">131<", ">255<", 1);
    let tcx = tcx.replacen("<Value>130</Value>", "<Value>0</Value>", 1);
    for (text, n) in [(gpx, 2), (tcx, 1)] {
        let a = one(text.as_bytes());
        assert!(
            warned(&a, &format!("{n} heart rate")) && warned(&a, "(sensor dropout)"),
            "{:?}",
            a.warnings
        );
        assert!(a
            .samples
            .iter()
            .all(|s| s.hr_bpm.is_none_or(|h| h > 0 && h < 255)));
    }
}

#[test]
fn fit_heart_rate_zero_and_positions_beyond_the_poles_are_dropped_and_counted() {
    // Our writer puts HR 0 and a latitude of 100° (1,193,046,471 semicircles, a valid int32)
    // into the FIT records as given: the reader keeps neither, and says how many it dropped.
    let mut a = run();
    a.samples[10].hr_bpm = Some(0);
    a.samples[11].hr_bpm = Some(0);
    if let Some(p) = a.samples[12].position.as_mut() {
        p.lat_deg = 100.0;
    }
    let got = one(&fit::write(&a));
    assert!(
        warned(
            &got,
            "2 heart rates of 0 or 255 (sensor dropout) read as missing"
        ),
        "{:?}",
        got.warnings
    );
    assert!(
        warned(
            &got,
            "dropped 1 position with NaN, infinite or out-of-range coordinates"
        ),
        "{:?}",
        got.warnings
    );
    assert_eq!(got.samples[10].hr_bpm, None);
    assert_eq!(got.samples[11].hr_bpm, None);
    assert_eq!(got.samples[12].position, None);
    assert!(got.samples[13].position.is_some());
}

#[test]
fn backwards_timestamps_are_repaired_in_every_format() {
    for (format, bytes) in written_as_each_format(|a| a.samples.swap(20, 40)) {
        let a = one(&bytes);
        assert!(
            a.samples.windows(2).all(|w| w[0].time < w[1].time),
            "{format}: not in order"
        );
        assert!(
            a.warnings.iter().any(|w| {
                let w = w.to_string();
                w.contains("back") || w.contains("earlier")
            }),
            "{format}: {:?}",
            a.warnings
        );
    }
}

#[test]
fn duplicate_timestamps_are_merged_or_flagged_in_every_format() {
    for (format, bytes) in written_as_each_format(|a| {
        let t = a.samples[30].time;
        a.samples[31].time = t;
    }) {
        let a = one(&bytes);
        assert!(
            a.samples.windows(2).all(|w| w[0].time <= w[1].time),
            "{format}: not in order"
        );
        let repeats = a
            .samples
            .windows(2)
            .filter(|w| w[0].time == w[1].time)
            .count();
        assert!(
            repeats == 0
                || a.warnings
                    .iter()
                    .any(|w| w.to_string().contains("timestamp")),
            "{format}: {:?}",
            a.warnings
        );
    }
}

#[test]
fn dates_before_2000_are_flagged_for_xml() {
    for bytes in [
        gpx::write(&run_at(at(1995, 3, 1))),
        tcx::write(&run_at(at(1995, 3, 1))),
    ] {
        let a = one(&bytes);
        assert!(warned(&a, "before 2000"), "{:?}", a.warnings);
    }
}

#[test]
fn gps_teleports_are_counted_in_a_warning() {
    // One fix moved 1° of latitude (111 km) away for one second, in a run whose distance comes
    // from GPS (the odometer removed): the distance leaves it out and the output says so.
    let config = runaudit::config::Config::default();
    for (format, bytes) in written_as_each_format(|a| {
        for s in &mut a.samples {
            s.distance_m = None;
        }
        if let Some(p) = a.samples[50].position.as_mut() {
            p.lat_deg += 1.0;
        }
    }) {
        let results = runaudit::pipeline::process_bytes(format, &bytes, &config);
        let [runaudit::pipeline::Processed::Run(run)] = results.as_slice() else {
            panic!("{format}: expected one run, got {results:?}");
        };
        let w = &run.report.warnings;
        assert!(
            w.iter().any(|w| w
                .to_string()
                .starts_with("1 GPS fix implied an impossible speed")),
            "{format}: {w:?}"
        );
        // The 1° jump is out of the distance: 120 s at 3.0 m/s is 360 m, within 1%.
        let d = run.report.analysis.distance_m;
        assert!((d - 360.0).abs() < 3.6, "{format}: {d} m");
    }
}

#[test]
fn real_strava_file_with_lost_bytes_is_read_past_the_damage() {
    // A Strava Android export whose bytes were damaged in transfer: other parsers stop at byte
    // 7471 ("local message 11 not defined") and keep 8% of it. Resynchronized, it reads to the
    // end: the records' last distance matches the session's own total (11,274 m in
    // reference.tsv) within 1%.
    let Some(dir) = common::real_fixtures("hardening") else {
        return;
    };
    let path = dir.join("python-fitparse/tests/files/strava-android-app-201.10-b1218918.fit");
    let bytes = std::fs::read(path).expect("fixture");
    let a = one(&bytes);
    assert!(warned(&a, "resumed at byte 7470"), "{:?}", a.warnings);
    let last_m = a
        .samples
        .iter()
        .filter_map(|s| s.distance_m)
        .fold(0.0, f64::max);
    assert!((last_m - 11_274.04).abs() < 112.0, "{last_m}");
}
