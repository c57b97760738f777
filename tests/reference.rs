//! End to end over every real file in `../shared/fixtures/real`: nothing panics or hangs, and on
//! single-session running files the numbers agree with what established parsers report
//! (`reference.tsv`): start and elapsed within 1 s, distance within 1% of the device's (FIT, TCX) or
//! 2% of gpxpy's length_2d (GPX), max HR within 1 bpm, HR sample count within 1%.

mod common;

use std::time::Duration;

use common::{real_fixtures, ref_time, reference_rows, runaudit, RefRow};
use runaudit_testkit::fuzz::files_below;
use serde_json::Value;

/// The reference parser whose row a format is compared with.
fn reference_parser(format: &str) -> &'static str {
    match format {
        "fit" => "fitdecode",
        "gpx" => "gpxpy",
        _ => "tcxreader",
    }
}

/// True for the rows the issue compares: a running activity with timestamps, one session, read
/// without error by the reference parser.
fn is_comparable(row: &RefRow) -> bool {
    let sport = row.get("sport").to_ascii_lowercase();
    let running = sport.contains("run") || row.get("run_with_hr") == "yes";
    let one_session = row.get("format") != "fit" || row.num("n_sessions") == Some(1.0);
    row.get("status") == "ok"
        && running
        && one_session
        && ref_time(row.get("start")).is_some()
        && row.num("n_points").unwrap_or(0.0) >= 2.0
}

fn within(ours: Option<f64>, theirs: Option<f64>, tol: f64) -> Result<(), String> {
    match (ours, theirs) {
        (Some(a), Some(b)) if (a - b).abs() <= tol => Ok(()),
        (None, None) => Ok(()),
        (a, b) => Err(format!("ours {a:?} vs reference {b:?} (tolerance {tol})")),
    }
}

/// Compares our JSON for one activity with one reference row; returns the disagreements.
fn compare(ours: &Value, row: &RefRow) -> Vec<String> {
    let mut bad = Vec::new();
    let mut check = |what: &str, r: Result<(), String>| {
        if let Err(e) = r {
            bad.push(format!("{what}: {e}"));
        }
    };
    let our_start = ours["start"].as_str().and_then(ref_time);
    let ref_start = ref_time(row.get("start"));
    let start_diff = match (our_start, ref_start) {
        (Some(a), Some(b)) => Some((a - b).num_milliseconds() as f64 / 1000.0),
        _ => None,
    };
    check("start", within(start_diff, Some(0.0), 1.0));
    check(
        "elapsed_s",
        within(ours["elapsed_s"].as_f64(), row.num("elapsed_s"), 1.0),
    );
    let reference_distance = match row.get("format") {
        "gpx" => row.num("length_2d_m").map(|d| (d, 0.02)),
        "fit" => row
            .num("sess_distance_m")
            .or(row.num("last_rec_dist_m"))
            .map(|d| (d, 0.01)),
        _ => row.num("last_rec_dist_m").map(|d| (d, 0.01)),
    };
    if let Some((d, rel)) = reference_distance {
        check(
            "distance_m",
            within(ours["distance_m"].as_f64(), Some(d), (d * rel).max(1.0)),
        );
    }
    let ref_hr_max = row.num("hr_max_pts");
    check(
        "hr_max_bpm",
        within(ours["hr_max_bpm"].as_f64(), ref_hr_max, 1.0),
    );
    let ref_hr_n = row.num("n_hr_points").unwrap_or(0.0);
    check(
        "hr_samples",
        within(
            ours["hr_samples"].as_f64(),
            Some(ref_hr_n),
            (ref_hr_n * 0.01).max(0.0),
        ),
    );
    bad
}

#[test]
fn every_real_file_reads_without_panic_and_agrees_with_the_reference() {
    let Some(dir) = real_fixtures("reference") else {
        return;
    };
    let rows = reference_rows(&dir);
    let mut compared = 0usize;
    let mut agreed = 0usize;
    let mut report = Vec::new();
    for path in files_below(&dir) {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if !["fit", "gpx", "tcx"].contains(&ext.as_str()) {
            continue;
        }
        let rel = path
            .strip_prefix(&dir)
            .expect("below dir")
            .to_string_lossy()
            .to_string();
        let output = runaudit()
            .args(["check", "--format", "json"])
            .arg(&path)
            .timeout(Duration::from_secs(20))
            .output()
            .expect("runs");
        let code = output.status.code();
        assert!(
            matches!(code, Some(0) | Some(1)),
            "{rel}: exit {code:?} (killed, hung or crashed); stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("ERROR:"),
            "{rel}: stray stderr: {stderr}"
        );
        let json: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{rel}: output is not JSON: {e}"));
        let entries = json.as_array().expect("array");
        assert!(!entries.is_empty(), "{rel}: no entry at all");
        if code == Some(1) {
            assert!(
                stderr
                    .lines()
                    .all(|l| l.starts_with(&path.display().to_string())),
                "{rel}: error lines must name the file: {stderr}"
            );
        }
        let Some(row) = rows
            .iter()
            .find(|r| r.get("path") == rel && r.get("parser") == reference_parser(r.get("format")))
        else {
            continue;
        };
        if !is_comparable(row) {
            continue;
        }
        compared += 1;
        let runs: Vec<&Value> = entries
            .iter()
            .filter(|e| e.get("error").is_none())
            .collect();
        let problems = match runs.as_slice() {
            [one] => compare(one, row),
            [] => vec![format!("no activity: {}", stderr.trim())],
            many => vec![format!("{} activities, expected one", many.len())],
        };
        if problems.is_empty() {
            agreed += 1;
        } else {
            report.push(format!("  {rel}: {}", problems.join("; ")));
        }
    }
    eprintln!(
        "reference: {agreed} of {compared} comparable running files agree\n{}",
        report.join("\n")
    );
    assert!(compared >= 10, "only {compared} comparable files found");
    assert!(
        agreed * 100 >= compared * 95,
        "only {agreed} of {compared} agree:\n{}",
        report.join("\n")
    );
}
