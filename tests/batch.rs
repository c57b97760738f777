//! A batch never loses a file: 300 files written by our own writer (mixed formats, distinct start
//! times), 30 of them broken in ways that must fail, give exactly 270 runs and 30 error entries,
//! the 30 named on stderr, exit code 1, and the same JSON for one and two threads.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{Duration, TimeZone, Utc};
use common::runaudit;
use runaudit_testkit::{fit, gpx, tcx, Hr, RunSpec};
use serde_json::Value;

const FILES: usize = 300;
const BROKEN: usize = 30;

/// A short run starting `i` days after the first, so no two are taken for duplicates.
fn run_bytes(i: usize) -> (Vec<u8>, &'static str) {
    let start = Utc
        .with_ymd_and_hms(2024, 1, 1, 7, 0, 0)
        .single()
        .unwrap_or_default()
        + Duration::days(i as i64);
    let bpm = 120 + (i % 20) as u8;
    let synth = RunSpec::new(start)
        .run(90, 2.8, Hr::Ramp(bpm, bpm + 5))
        .build();
    match i % 3 {
        0 => (fit::write(&synth.activity), "fit"),
        1 => (gpx::write(&synth.activity), "gpx"),
        _ => (tcx::write(&synth.activity), "tcx"),
    }
}

/// The `k`-th broken file and its extension: empty, garbage, a FIT header without data, or a
/// GPX or TCX cut before its first point.
fn broken_bytes(k: usize) -> (Vec<u8>, &'static str) {
    match k % 5 {
        0 => (Vec::new(), "fit"),
        1 => (b"this is not an activity file at all".repeat(k + 1), "gpx"),
        2 => (fit_header_only(), "fit"),
        3 => (cut_before_first_point(&run_bytes(1).0, "<trkpt"), "gpx"),
        _ => (
            cut_before_first_point(&run_bytes(2).0, "<Trackpoint"),
            "tcx",
        ),
    }
}

/// The document up to a few bytes into its first point.
fn cut_before_first_point(xml: &[u8], tag: &str) -> Vec<u8> {
    let at = xml
        .windows(tag.len())
        .position(|w| w == tag.as_bytes())
        .unwrap_or(0);
    xml.get(..at + 3).unwrap_or_default().to_vec()
}

/// A 14-byte FIT header declaring no data, and nothing after it.
fn fit_header_only() -> Vec<u8> {
    let mut h = vec![14u8, 0x20, 0x08, 0x08, 0, 0, 0, 0];
    h.extend_from_slice(b".FIT");
    h.extend_from_slice(&[0, 0]);
    h
}

/// Writes the batch (every tenth file broken); returns the names of the broken files.
fn write_batch(dir: &Path) -> BTreeSet<String> {
    let mut broken = BTreeSet::new();
    for i in 0..FILES {
        let (bytes, name) = if i % (FILES / BROKEN) == 5 {
            let (bytes, ext) = broken_bytes(broken.len());
            let name = format!("broken-{i:03}.{ext}");
            broken.insert(name.clone());
            (bytes, name)
        } else {
            let (bytes, ext) = run_bytes(i);
            (bytes, format!("run-{i:03}.{ext}"))
        };
        std::fs::write(dir.join(&name), bytes).expect("temp dir is writable");
    }
    broken
}

fn audit(dir: &Path, threads: &str) -> (Option<i32>, Vec<u8>, String) {
    let out = runaudit()
        .arg("audit")
        .arg(dir)
        .args(["--format", "json", "-j", threads])
        .output()
        .expect("runs");
    (
        out.status.code(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn three_hundred_files_thirty_broken_lose_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = write_batch(dir.path());
    assert_eq!(broken.len(), BROKEN);
    let (code, json1, stderr) = audit(dir.path(), "1");
    assert_eq!(code, Some(1), "{stderr}");
    let entries: Value = serde_json::from_slice(&json1).expect("JSON");
    let entries = entries.as_array().expect("an array");
    let name = |e: &Value| {
        e["file"]
            .as_str()
            .and_then(|f| f.rsplit('/').next())
            .unwrap_or_default()
            .to_string()
    };
    let errors: BTreeSet<String> = entries
        .iter()
        .filter(|e| e.get("error").is_some())
        .map(name)
        .collect();
    let runs = entries.iter().filter(|e| e.get("error").is_none()).count();
    assert_eq!(runs, FILES - BROKEN);
    assert_eq!(errors, broken);
    // stderr: one line per broken file, naming it, and no other file.
    let named: BTreeSet<String> = stderr
        .lines()
        .filter_map(|l| l.split(": ").next())
        .filter_map(|p| p.rsplit('/').next())
        .filter(|n| n.starts_with("broken-") || n.starts_with("run-"))
        .map(str::to_string)
        .collect();
    assert_eq!(named, broken, "{stderr}");
    assert_eq!(stderr.lines().count(), BROKEN, "{stderr}");
    let (code2, json2, _) = audit(dir.path(), "2");
    assert_eq!(code2, Some(1));
    assert!(json1 == json2, "-j1 and -j2 give different JSON");
}
