//! The FIT reader against real files from many devices (../shared/fixtures/real): every file reads
//! or fails cleanly, and the files fitdecode reads agree with it on counts, times, HR and distance.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use runaudit::activity::Warning;
use runaudit::read::fit::parse;
use runaudit::{Activity, ReadError};

/// Seconds from the Unix epoch to the FIT epoch, for reference times written as `int:<fit s>`.
const FIT_EPOCH_UNIX_S: i64 = 631_065_600;

#[test]
fn every_real_fit_file_reads_or_fails_cleanly() {
    let Some(dir) = common::real_fixtures("every_real_fit_file_reads_or_fails_cleanly") else {
        return;
    };
    let files = common::fit_files(&dir);
    assert!(files.len() > 100, "only {} FIT files found", files.len());
    let started = std::time::Instant::now();
    let mut panics = Vec::new();
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let result = std::panic::catch_unwind(|| parse(&bytes));
        let rel = path
            .strip_prefix(&dir)
            .unwrap_or(path)
            .display()
            .to_string();
        match result {
            Err(_) => panics.push(rel),
            Ok(Err(ReadError::Panic(why))) => panics.push(format!("{rel}: {why}")),
            Ok(Err(e)) => println!("{rel}: error: {e}"),
            Ok(Ok(acts)) => {
                let n: usize = acts.iter().map(|a| a.samples.len()).sum();
                let warnings: Vec<String> = acts
                    .iter()
                    .flat_map(|a| &a.warnings)
                    .map(ToString::to_string)
                    .collect();
                println!("{rel}: {} activities, {n} samples {warnings:?}", acts.len());
            }
        }
    }
    println!("{} files in {:?}", files.len(), started.elapsed());
    assert!(panics.is_empty(), "decoder panics: {panics:#?}");
}

/// One row of reference.tsv, by column name.
struct Row(BTreeMap<String, String>);

impl Row {
    fn get(&self, k: &str) -> &str {
        self.0.get(k).map(String::as_str).unwrap_or("")
    }
    fn num(&self, k: &str) -> Option<f64> {
        self.get(k).parse().ok()
    }
    fn time(&self, k: &str) -> Option<DateTime<Utc>> {
        let v = self.get(k);
        match v.strip_prefix("int:") {
            Some(fit_s) => fit_s
                .parse::<i64>()
                .ok()
                .and_then(|s| DateTime::from_timestamp(s + FIT_EPOCH_UNIX_S, 0)),
            None => DateTime::parse_from_rfc3339(v)
                .ok()
                .map(|t| t.with_timezone(&Utc)),
        }
    }
}

fn reference_rows(dir: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(dir.join("reference.tsv")).unwrap_or_default();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    lines
        .map(|l| {
            Row(header
                .iter()
                .zip(l.split('\t'))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect())
        })
        .filter(|r| r.get("format") == "fit" && r.get("parser") == "fitdecode")
        .filter(|r| r.get("status") == "ok")
        .collect()
}

/// The differences between what we read and the reference row, empty when they agree.
fn differences(acts: &[Activity], row: &Row) -> Vec<String> {
    let mut out = Vec::new();
    let n: usize = acts.iter().map(|a| a.samples.len()).sum();
    // fitdecode counts every record; we drop exact duplicates and untimed records and say so.
    let dropped: usize =
        acts.iter()
            .flat_map(|a| &a.warnings)
            .filter_map(|w| match w {
                Warning::FitDuplicateRecords { records }
                | Warning::FitUntimedRecords { records } => Some(*records),
                _ => None,
            })
            .sum();
    if row.num("n_points") != Some((n + dropped) as f64) {
        out.push(format!(
            "points {n} (+{dropped} dropped) vs {}",
            row.get("n_points")
        ));
    }
    let last_dist = acts
        .iter()
        .flat_map(|a| &a.samples)
        .filter_map(|s| s.distance_m)
        .next_back();
    let agree = match (last_dist, row.num("last_rec_dist_m")) {
        (Some(a), Some(b)) => (a - b).abs() <= 0.05,
        (None, None) => true,
        _ => false,
    };
    if !agree {
        out.push(format!(
            "last record distance {last_dist:?} vs {}",
            row.get("last_rec_dist_m")
        ));
    }
    let first = acts
        .iter()
        .filter_map(|a| a.samples.first())
        .map(|s| s.time)
        .min();
    let last = acts
        .iter()
        .filter_map(|a| a.samples.last())
        .map(|s| s.time)
        .max();
    for (name, ours, key) in [("start", first, "start"), ("end", last, "end")] {
        let theirs = row.time(key);
        let close = match (ours, theirs) {
            (Some(a), Some(b)) => (a - b).num_seconds().abs() <= 1,
            (None, None) => true,
            _ => false,
        };
        if !close {
            out.push(format!("{name} {ours:?} vs {}", row.get(key)));
        }
    }
    let hr = acts
        .iter()
        .flat_map(|a| &a.samples)
        .filter_map(|s| s.hr_bpm)
        .max();
    if hr.map(f64::from) != row.num("hr_max_pts") {
        out.push(format!("max HR {hr:?} vs {}", row.get("hr_max_pts")));
    }
    let dists: Vec<f64> = acts.iter().filter_map(|a| a.summary.distance_m).collect();
    let dist = (!dists.is_empty()).then(|| dists.iter().sum::<f64>());
    let agree = match (dist, row.num("sess_distance_m")) {
        (Some(a), Some(b)) => (a - b).abs() <= 0.05,
        (None, None) => true,
        _ => false,
    };
    if !agree {
        out.push(format!(
            "distance {dist:?} vs {}",
            row.get("sess_distance_m")
        ));
    }
    out
}

#[test]
fn agrees_with_fitdecode_on_running_files() {
    let Some(dir) = common::real_fixtures("agrees_with_fitdecode_on_running_files") else {
        return;
    };
    let rows = reference_rows(&dir);
    assert!(rows.len() > 50, "only {} reference rows", rows.len());
    let (mut running, mut running_ok) = (0usize, 0usize);
    println!("{:<60} {:<4} differences", "file", "run");
    for row in &rows {
        let path = dir.join(row.get("path"));
        let Ok(bytes) = std::fs::read(&path) else {
            println!("{:<60} missing", row.get("path"));
            continue;
        };
        let is_running = row.get("run_with_hr") == "yes" || row.get("sport").contains("running");
        let diffs = match parse(&bytes) {
            Ok(acts) => differences(&acts, row),
            Err(e) if row.num("n_points") == Some(0.0) => {
                println!("{:<60} (no points; we say: {e})", row.get("path"));
                Vec::new()
            }
            Err(e) => vec![format!("error: {e}")],
        };
        running += usize::from(is_running);
        running_ok += usize::from(is_running && diffs.is_empty());
        if !diffs.is_empty() {
            let run = if is_running { "yes" } else { "" };
            println!("{:<60} {run:<4} {}", row.get("path"), diffs.join("; "));
        }
    }
    println!("running files agreeing: {running_ok} of {running}");
    assert!(running > 10, "only {running} running files");
    assert!(
        running_ok * 100 >= running * 95,
        "only {running_ok} of {running} running files agree with fitdecode"
    );
}

#[test]
fn mutated_real_files_never_panic() {
    // Deterministic byte flips (xorshift) in a few real files from different devices: each
    // mutant reads or fails with an error, and no decoder panic is caught either.
    let Some(dir) = common::real_fixtures("mutated_real_files_never_panic") else {
        return;
    };
    let names = [
        "fitdecode/tests/files/garmin-fenix-5-run.fit",
        "fitdecode/tests/files/developer-types-sample.fit",
        "fitdecode/tests/files/compressed-speed-distance.fit",
        "python-fitparse/tests/files/coros-pace-2-cycling-misaligned-fields.fit",
        "muktihari-fit/testdata/from_official_sdk/activity_multisport.fit",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut panics = Vec::new();
    for name in names {
        let Ok(original) = std::fs::read(dir.join(name)) else {
            continue;
        };
        for round in 0..40 {
            let mut bytes = original.clone();
            for _ in 0..(1 + next() % 8) {
                let i = (next() % bytes.len() as u64) as usize;
                if let Some(b) = bytes.get_mut(i) {
                    *b = next() as u8;
                }
            }
            match std::panic::catch_unwind(|| parse(&bytes)) {
                Err(_) => panics.push(format!("{name} round {round}: escaped panic")),
                Ok(Err(ReadError::Panic(why))) => {
                    panics.push(format!("{name} round {round}: {why}"))
                }
                Ok(_) => {}
            }
        }
    }
    assert!(panics.is_empty(), "{panics:#?}");
}
