//! Issue 22's memory budget, on hostile inputs the testkit writes on the spot: a flood of 2-byte
//! FIT records is capped with a warning (both FIT decoders), a lap flood is refused while the
//! batch goes on, nested zips are spooled and their tree budgeted, free text is capped.

mod common;

use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use runaudit::activity::{Warning, MAX_TEXT_CHARS};
use runaudit::error::Overflow;
use runaudit::read::archive::{discover_within, ArchiveSource, Input};
use runaudit::read::budget::{MAX_LAPS, MAX_SAMPLES, MAX_SESSIONS};
use runaudit::read::fit::{parse_with, Decoder};
use runaudit::read::{read_bytes, ReadOptions};
use runaudit::ReadError;
use runaudit_testkit::{fit, gpx, hostile, Hr, RunSpec};

#[test]
fn a_flood_of_two_byte_records_is_capped_with_a_warning_by_both_decoders() {
    // 1,000 records over the cap: 2 bytes each in the file, a sample each once decoded. The
    // first MAX_SAMPLES are kept, the 1,000 after them dropped and counted.
    let bytes = hostile::fit_compressed_records(MAX_SAMPLES + 1_000);
    for decoder in [Decoder::Auto, Decoder::Fitparser] {
        let acts = parse_with(&bytes, decoder).expect("reads");
        let [a] = acts.as_slice() else {
            panic!("{decoder:?}: {} activities", acts.len())
        };
        assert_eq!(a.samples.len(), MAX_SAMPLES, "{decoder:?}");
        let capped = Warning::SamplesCapped {
            kept: MAX_SAMPLES,
            dropped: 1_000,
        };
        assert!(
            a.warnings.contains(&capped),
            "{decoder:?}: {:?}",
            a.warnings
        );
    }
}

#[test]
fn a_flood_inside_gzip_is_capped_the_same() {
    // The shape: the records gzipped (they compress some 300 to 1).
    let bytes = hostile::fit_compressed_records(MAX_SAMPLES + 5);
    let gz = gzip(&bytes);
    assert!(
        gz.len() * 100 < bytes.len(),
        "{} -> {}",
        bytes.len(),
        gz.len()
    );
    let acts = read_bytes(&gz, &ReadOptions::default()).expect("reads");
    assert_eq!(
        acts.iter().map(|a| a.samples.len()).sum::<usize>(),
        MAX_SAMPLES
    );
}

#[test]
fn a_flood_of_laps_is_refused_with_a_typed_error() {
    // One lap over the budget: 5 bytes each.
    let bytes = hostile::fit_laps(MAX_LAPS + 1);
    match read_bytes(&bytes, &ReadOptions::default()) {
        Err(ReadError::OverBudget {
            what: Overflow::Laps,
            limit,
        }) => assert_eq!(limit, MAX_LAPS as u64),
        other => panic!("{other:?}"),
    }
    // At the budget it reads.
    let bytes = hostile::fit_laps(MAX_LAPS);
    let acts = read_bytes(&bytes, &ReadOptions::default()).expect("reads");
    assert_eq!(acts.len(), 1);
}

#[test]
fn chained_files_without_sessions_count_against_the_session_budget() {
    // Each chained file of 10 records without a session gives an activity: 501 are one over
    // the budget of 500 (about 100 bytes each: a 50 KB file).
    let one = hostile::fit_laps(0);
    let chained = fit::chain(&vec![one; MAX_SESSIONS + 1]);
    match read_bytes(&chained, &ReadOptions::default()) {
        Err(ReadError::OverBudget {
            what: Overflow::Sessions,
            ..
        }) => {}
        other => panic!("{:?}", other.map(|a| a.len())),
    }
}

#[test]
fn the_batch_goes_on_past_a_refused_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bomb = dir.path().join("laps.fit");
    let good = dir.path().join("good.fit");
    std::fs::write(&bomb, hostile::fit_laps(MAX_LAPS + 1)).expect("write");
    std::fs::write(&good, common::good_fit()).expect("write");
    let out = common::runaudit()
        .args(["check", "--format", "json", "--color", "never"])
        .arg(&bomb)
        .arg(&good)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("laps.fit") && stderr.contains("refused: more than 100000 laps"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("good.fit"), "{stdout}");
}

#[test]
fn a_huge_gpx_creator_is_cut_at_read_time() {
    // A 1 MB creator keeps MAX_TEXT_CHARS characters, the last an ellipsis.
    let bytes = hostile::gpx_long_creator(1 << 20);
    let acts = read_bytes(&bytes, &ReadOptions::default()).expect("reads");
    let device = acts
        .first()
        .and_then(|a| a.device.clone())
        .unwrap_or_default();
    assert_eq!(device.chars().count(), MAX_TEXT_CHARS);
    assert!(device.ends_with("A…"), "{}", device.len());
}

fn write_nested(dir: &std::path::Path, count: usize, pad: usize) -> PathBuf {
    let path = dir.join("export.zip");
    std::fs::write(&path, hostile::nested_zips(count, pad)).expect("write");
    path
}

#[test]
fn nested_zips_are_spooled_not_held_in_memory() {
    // 8 inner zips of 64 KiB padding each: their runs are listed, each from a spooled archive.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_nested(dir.path(), 8, 64 << 10);
    let d = discover_within(&[path], 1 << 30, 1 << 30);
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    assert_eq!(d.inputs.len(), 8);
    for input in &d.inputs {
        match input {
            Input::ZipEntry { archive, label, .. } => {
                assert!(label.ends_with(".zip!run.gpx"), "{label}");
                assert!(
                    matches!(**archive, ArchiveSource::Spooled(_)),
                    "{label}: {archive:?}"
                );
            }
            other => panic!("{}", other.label()),
        }
    }
}

#[test]
fn an_archive_tree_over_its_budget_is_named_and_listed_no_further() {
    // 8 inner zips of 64 KiB padding and a small run: the outer zip's entries (the inner zips)
    // are about 8 × 66 KB = 518 KiB, each inner zip's own entries about 64.4 KiB more. With a
    // 300 KiB budget the outer listing is already over it: nothing is listed.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_nested(dir.path(), 8, 64 << 10);
    let d = discover_within(std::slice::from_ref(&path), 1 << 30, 300 << 10);
    assert!(d.inputs.is_empty(), "{:?}", d.inputs.len());
    let [e] = d.errors.as_slice() else {
        panic!("{:?}", d.errors)
    };
    assert_eq!(e.label, path.display().to_string());
    assert!(matches!(e.error, ReadError::ArchiveTooLarge { limit } if limit == 300 << 10));
    // 700 KiB: the outer listing fits (182 KiB left), two inner zips fit (53 KiB left), the
    // third does not: two runs listed, the archive named once.
    let d = discover_within(std::slice::from_ref(&path), 1 << 30, 700 << 10);
    assert_eq!(d.inputs.len(), 2);
    assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
}

#[test]
fn max_file_size_has_an_upper_bound_and_no_overflow() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.fit");
    std::fs::write(&good, common::good_fit()).expect("write");
    // 2^44 MiB is 2^64 bytes: a usage error, not every file read as empty.
    let out = common::runaudit()
        .args(["check", "--max-file-size", "17592186044416"])
        .arg(&good)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1..=4096"), "{stderr}");
    // The largest allowed value reads the file.
    common::runaudit()
        .args(["check", "--max-file-size", "4096", "--format", "json"])
        .arg(&good)
        .assert()
        .success();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

/// Writes the full-size inputs into `$HOSTILE_OUT` for measuring peak memory with
/// `/usr/bin/time -v runaudit check` (ignored: 16 M records and 2 GiB of zip padding to write):
/// the 93 KB flood, the same at the largest file the default `--max-file-size` allows
/// (256 MiB decompressed), a four-day run with every field at the sample cap, the nested zips.
#[test]
#[ignore]
fn write_full_size_inputs() {
    let Some(out) = std::env::var_os("HOSTILE_OUT").map(PathBuf::from) else {
        return;
    };
    std::fs::create_dir_all(&out).expect("folder");
    let fit = hostile::fit_compressed_records(16_000_000);
    std::fs::write(out.join("flood.fit.gz"), gzip(&fit)).expect("write");
    let fit = hostile::fit_compressed_records(((256 << 20) - 100) / 2);
    std::fs::write(out.join("flood-256mib.fit.gz"), gzip(&fit)).expect("write");
    let start = Utc.with_ymd_and_hms(2024, 3, 1, 7, 0, 0).single();
    let synth = RunSpec::new(start.unwrap_or_default())
        .run(MAX_SAMPLES as u32, 2.8, Hr::Ramp(130, 140))
        .cadence(170.0)
        .power(250)
        .build();
    std::fs::write(out.join("four-days.fit"), fit::write(&synth.activity)).expect("write");
    std::fs::write(out.join("four-days.gpx"), gpx::write(&synth.activity)).expect("write");
    std::fs::write(out.join("nested.zip"), hostile::nested_zips(8, 250 << 20)).expect("write");
}

/// Writes the small hostile inputs kept as fuzz regressions (`fuzz/regressions/gzip/`), each a
/// few kilobytes gzipped; `tests/fuzz_regressions.rs` replays them.
#[test]
#[ignore]
fn write_fuzz_regressions() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/gzip");
    std::fs::create_dir_all(&dir).expect("folder");
    let files = [
        (
            "record-flood.fit.gz",
            hostile::fit_compressed_records(MAX_SAMPLES + 1_000),
        ),
        ("lap-flood.fit.gz", hostile::fit_laps(MAX_LAPS + 1)),
        ("long-creator.gpx.gz", hostile::gpx_long_creator(1 << 20)),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.join(name), gzip(&bytes)).expect("write");
    }
}
