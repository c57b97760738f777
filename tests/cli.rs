//! The command line as a user meets it: exit codes, error lines, formats, time zones.

mod common;

use common::{real_fixtures, root, runaudit};

fn fixture_runs() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("fixtures/runs"))
        .expect("fixtures/runs exists")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

#[test]
fn usage_errors_exit_2() {
    runaudit().assert().code(2);
    runaudit().args(["check"]).assert().code(2);
    runaudit()
        .args(["check", "--units", "furlong", "x.fit"])
        .assert()
        .code(2);
    runaudit()
        .args(["check", "-j", "0", "x.fit"])
        .assert()
        .code(2);
}

#[test]
fn help_shows_examples() {
    runaudit()
        .args(["check", "--help"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Examples:"));
}

#[test]
fn a_bad_file_is_one_line_and_the_rest_are_still_reported() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.fit");
    std::fs::write(&bad, b"this is not a FIT file at all").unwrap();
    let missing = dir.path().join("missing.gpx");
    let good = fixture_runs().into_iter().next().expect("a fixture run");
    let out = runaudit()
        .args(["check", "--format", "json"])
        .arg(&bad)
        .arg(&good)
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "one line per bad file: {stderr}");
    assert!(
        lines[0].starts_with(&format!("{}: ", bad.display())),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with(&format!("{}: ", missing.display())),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries = json.as_array().unwrap();
    assert_eq!(entries.len(), 3);
    assert!(entries[0]["error"].is_string());
    assert!(entries[1]["distance_m"].as_f64().unwrap() > 100.0);
    assert!(entries[2]["error"].is_string());
}

#[test]
fn all_good_files_exit_0_in_every_format() {
    for format in ["table", "json", "csv"] {
        runaudit()
            .args(["check", "--format", format])
            .args(fixture_runs())
            .assert()
            .success();
    }
}

#[test]
fn output_does_not_depend_on_the_time_zone() {
    let mut files = fixture_runs();
    if let Some(real) = real_fixtures("time zone") {
        files.push(real.join("fitdecode/tests/files/2013-02-06-12-11-14.fit"));
        files.push(real.join("python-tcxparser/tests/files/test.tcx"));
    }
    let run = |tz: &str| {
        runaudit()
            .env("TZ", tz)
            .args(["check", "--format", "json"])
            .args(&files)
            .output()
            .unwrap()
            .stdout
    };
    let utc = run("UTC");
    assert!(!utc.is_empty());
    assert_eq!(utc, run("America/New_York"));
    assert_eq!(utc, run("Asia/Kolkata"));
}

#[test]
fn json_has_the_contract_fields() {
    let out = runaudit()
        .args(["check", "--format", "json"])
        .args(fixture_runs())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for run in json.as_array().unwrap() {
        for key in [
            "file",
            "format",
            "session",
            "sport",
            "start",
            "elapsed_s",
            "moving_s",
            "distance_m",
            "samples",
            "hr_samples",
            "hr_avg_bpm",
            "hr_max_bpm",
            "elevation_gain_m",
            "warnings",
            "splits",
            "laps",
        ] {
            assert!(run.get(key).is_some(), "missing {key} in {run}");
        }
        for split in run["splits"].as_array().unwrap() {
            for key in [
                "index",
                "distance_m",
                "moving_s",
                "pace_s_per_km",
                "hr_avg_bpm",
                "hr_max_bpm",
                "elevation_gain_m",
                "cadence_spm",
            ] {
                assert!(split.get(key).is_some(), "missing split {key}");
            }
        }
    }
}
