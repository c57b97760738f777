//! `runaudit audit` end to end on the demo season written by the project's own fixture writer:
//! every file's verdict is the one its kind was written as (fixtures/season/MANIFEST.tsv), output
//! does not depend on the thread count, archives and duplicates are handled.

mod common;

use std::collections::HashMap;
use std::io::Write;

use common::{root, runaudit};
use serde_json::Value;

fn season_json(extra: &[&str]) -> (Option<i32>, Vec<u8>, String) {
    let out = runaudit()
        .arg("audit")
        .arg(root().join("fixtures/season"))
        .arg("--profile")
        .arg(root().join("fixtures/season/profile.toml"))
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// file name → expected verdict (recovery, not_recovery, inconclusive, skipped, error).
fn manifest() -> HashMap<String, String> {
    manifest_rows()
        .into_iter()
        .map(|r| (r.file, r.verdict))
        .collect()
}

/// One line of `MANIFEST.tsv`: what the fixture writer made each file to be.
struct Row {
    file: String,
    verdict: String,
    session_type: String,
    flags: String,
}

fn manifest_rows() -> Vec<Row> {
    let text = std::fs::read_to_string(root().join("fixtures/season/MANIFEST.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Some(Row {
                file: cols.first()?.to_string(),
                verdict: cols.get(2)?.to_string(),
                session_type: cols.get(3)?.to_string(),
                flags: cols.get(4)?.to_string(),
            })
        })
        .collect()
}

#[test]
fn demo_season_types_flags_and_intents_match_the_manifest() {
    let (_, stdout, _) = season_json(&[]);
    let json: Value = serde_json::from_slice(&stdout).unwrap();
    let by_name: HashMap<String, &Value> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (file_name(e), e))
        .collect();
    let mut checked = 0;
    for row in manifest_rows().iter().filter(|r| r.verdict != "error") {
        let e = by_name[&row.file];
        let got_type = e["session_type"].as_str().unwrap_or("-");
        let flags: Vec<&str> = e["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["flag"].as_str().unwrap())
            .collect();
        let got_flags = if flags.is_empty() {
            "-".to_string()
        } else {
            flags.join(",")
        };
        assert_eq!(
            (got_type, got_flags.as_str()),
            (row.session_type.as_str(), row.flags.as_str()),
            "{}: {}",
            row.file,
            e["session_evidence"]
        );
        checked += 1;
    }
    assert!(checked >= 50);
    // The export's names are read: the intervals' "5x1000 (2 min jog recoveries)" is a workout,
    // "Recovery run" was meant as recovery, "Morning Run" declares nothing.
    let intent = |file: &str| by_name[file]["intent"]["label"].as_str().map(String::from);
    assert_eq!(
        intent("2025-01-14-intervals.fit").as_deref(),
        Some("workout")
    );
    assert_eq!(
        intent("2025-02-26-recovery-too-fast.fit").as_deref(),
        Some("recovery")
    );
    assert_eq!(intent("2025-01-08-easy.fit"), None);
    assert_eq!(by_name["2025-01-14-intervals.fit"]["rpe"]["value"], 8.0);
}

#[test]
fn weekly_flag_columns_sum_to_the_manifest_flags_of_each_kind() {
    // weeks.csv has one column per flag kind, named as the JSON names the flag; each column's
    // sum over the season equals the runs the fixture writer planned to carry that flag.
    let dir = tempfile::tempdir().unwrap();
    runaudit()
        .arg("audit")
        .arg(root().join("fixtures/season"))
        .arg("--profile")
        .arg(root().join("fixtures/season/profile.toml"))
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    let csv = std::fs::read_to_string(dir.path().join("weeks.csv")).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let planned_rows = manifest_rows();
    let mut kinds_seen = 0;
    for name in [
        "hard_after_hard",
        "not_recovery_after_hard",
        "meant_recovery_was_not",
    ] {
        let col = header.iter().position(|h| *h == name).expect(name);
        let summed: usize = rows.iter().map(|r| r[col].parse::<usize>().unwrap()).sum();
        let planned = planned_rows
            .iter()
            .filter(|r| r.flags.split(',').any(|f| f == name))
            .count();
        assert_eq!(summed, planned, "{name}");
        kinds_seen += usize::from(planned > 0);
    }
    assert_eq!(kinds_seen, 3, "the demo season carries every kind of flag");
}

#[test]
fn demo_season_session_evidence_is_data_that_says_what_the_sentence_says() {
    let (_, stdout, _) = season_json(&[]);
    let json: Value = serde_json::from_slice(&stdout).unwrap();
    let mut kinds = std::collections::BTreeSet::new();
    for e in json.as_array().unwrap() {
        let Some(kind) = e["session_type"].as_str() else {
            continue;
        };
        let data = &e["session_evidence_data"];
        let sentence = data["sentence"].as_str().unwrap();
        // "workout: <evidence>[; declared ... but not run as one]"
        let said = e["session_evidence"].as_str().unwrap();
        let evidence = said.strip_prefix(&format!("{kind}: ")).unwrap();
        assert!(evidence.starts_with(sentence), "{said} vs {data}");
        assert_eq!(
            data["not_believed"].is_null(),
            !said.contains("but not run as one"),
            "{said}"
        );
        if let Some(n) = data["blocks"].as_u64() {
            assert!(sentence.starts_with(&format!("{n} ")), "{sentence}");
        }
        if let Some(bpm) = data["hard_threshold"]["bpm"].as_f64() {
            assert!(sentence.contains(&format!("{bpm:.0} bpm")), "{sentence}");
        }
        if let Some(bpm) = data["easy_ceiling_bpm"].as_f64() {
            assert!(sentence.contains(&format!("{bpm:.0} bpm")), "{sentence}");
        }
        kinds.insert(data["kind"].as_str().unwrap().to_string());
    }
    assert!(kinds.len() >= 4, "{kinds:?}");
}

fn file_name(v: &Value) -> String {
    let f = v["file"].as_str().unwrap();
    f.rsplit('/').next().unwrap().to_string()
}

#[test]
fn demo_season_verdicts_match_the_kinds_it_was_written_as() {
    let (code, stdout, stderr) = season_json(&[]);
    assert_eq!(code, Some(1), "broken files in the season make exit 1");
    let json: Value = serde_json::from_slice(&stdout).unwrap();
    let expected = manifest();
    let mut seen = 0;
    for entry in json.as_array().unwrap() {
        let name = file_name(entry);
        let want = expected
            .get(&name)
            .unwrap_or_else(|| panic!("{name} not in the manifest"));
        let got = match entry.get("error") {
            Some(_) => "error",
            None => entry["verdict"].as_str().unwrap(),
        };
        assert_eq!(got, want, "{name}: {entry}");
        if got == "error" {
            assert!(stderr.contains(&name), "error for {name} not on stderr");
        }
        seen += 1;
    }
    assert_eq!(
        seen,
        expected.len(),
        "every manifest file has exactly one entry"
    );
}

#[test]
fn one_and_two_threads_give_the_same_bytes() {
    let (_, j1, _) = season_json(&["-j1"]);
    let (_, j2, _) = season_json(&["-j2"]);
    assert!(!j1.is_empty());
    assert_eq!(j1, j2);
}

#[test]
fn runs_come_in_date_order_and_since_until_filter() {
    let (_, stdout, _) = season_json(&["--since", "2025-02-01", "--until", "2025-02-28"]);
    let json: Value = serde_json::from_slice(&stdout).unwrap();
    let starts: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["start"].as_str())
        .collect();
    assert!(!starts.is_empty());
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    assert!(
        starts.iter().all(|s| s.starts_with("2025-02")),
        "{starts:?}"
    );
}

#[test]
fn a_zip_export_with_a_nested_zip_and_a_duplicate_is_read_and_counted_once() {
    let runs = root().join("fixtures/runs");
    let fit = std::fs::read(runs.join("easy-5k.fit")).unwrap();
    let gz = std::fs::read(runs.join("easy.fit.gz")).unwrap();
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut inner = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    inner.start_file("activity_1.fit", opts).unwrap();
    inner.write_all(&fit).unwrap();
    let inner = inner.finish().unwrap().into_inner();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.zip");
    let mut outer = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    outer.start_file("activities/1.fit.gz", opts).unwrap();
    outer.write_all(&gz).unwrap();
    outer.start_file("garmin/uploads.zip", opts).unwrap();
    outer.write_all(&inner).unwrap();
    outer.start_file("activities/2.fit", opts).unwrap();
    outer.write_all(&fit).unwrap();
    outer.start_file("activities/broken.fit", opts).unwrap();
    outer.write_all(b"not a fit file").unwrap();
    outer.finish().unwrap();
    let out = runaudit()
        .args(["audit", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("export.zip!activities/broken.fit: "),
        "{stderr}"
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries = json.as_array().unwrap();
    let runs: Vec<&Value> = entries
        .iter()
        .filter(|e| e.get("error").is_none())
        .collect();
    // easy-5k.fit appears twice (once in the nested zip): one run, the other named a duplicate.
    let easy: Vec<&&Value> = runs
        .iter()
        .filter(|r| {
            r["distance_m"].as_f64().unwrap() > 4900.0 && r["distance_m"].as_f64().unwrap() < 5100.0
        })
        .collect();
    assert_eq!(easy.len(), 1, "{runs:?}");
    assert_eq!(easy[0]["duplicates"].as_array().unwrap().len(), 1);
    assert!(entries.iter().any(|e| e["file"]
        .as_str()
        .unwrap()
        .contains("uploads.zip!activity_1.fit")
        || e["duplicates"]
            .to_string()
            .contains("uploads.zip!activity_1.fit")));
}
