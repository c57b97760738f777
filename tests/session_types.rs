//! Session types on the patterns a coach names (testkit `catalog::patterns`): each written as a
//! FIT file after six weeks of the same runner's ordinary running, audited together, and typed as
//! a coach types it. Then the real files in `../shared` whose own names or laps say what they were.

mod common;

use std::collections::BTreeMap;

use common::runaudit;
use runaudit_testkit::catalog::{pattern_files, patterns, PATTERNS_PROFILE_TOML};
use serde_json::Value;

/// `runaudit audit DIR --format json` of the background weeks and the patterns: file name →
/// (type, evidence sentence).
fn audited() -> BTreeMap<String, (String, String)> {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in pattern_files() {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let profile = dir.path().join("profile.toml");
    std::fs::write(&profile, PATTERNS_PROFILE_TOML).unwrap();
    let out = runaudit()
        .arg("audit")
        .arg(dir.path())
        .args(["--format", "json", "--profile"])
        .arg(&profile)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let file = r["file"].as_str().unwrap();
            let name = file.rsplit(['/', '\\']).next().unwrap().to_string();
            let kind = r["session_type"].as_str().unwrap_or("none").to_string();
            let why = r["session_evidence"].as_str().unwrap_or("").to_string();
            (name, (kind, why))
        })
        .collect()
}

#[test]
fn each_pattern_gets_the_type_a_coach_gives_it() {
    let got = audited();
    let mut wrong = Vec::new();
    for p in patterns() {
        let (kind, why) = got.get(&p.file).cloned().unwrap_or_default();
        if kind != p.expected {
            wrong.push(format!(
                "{}: {kind} ({why}), expected {}",
                p.file, p.expected
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
    // The ordinary runs are easy or long, never a workout.
    let background: Vec<_> = got
        .iter()
        .filter(|(f, _)| f.ends_with("-base.fit"))
        .collect();
    assert_eq!(background.len(), 30);
    for (file, (kind, why)) in background {
        assert!(kind == "easy" || kind == "long", "{file}: {kind} ({why})");
    }
}

#[test]
fn the_evidence_says_what_decided() {
    let got = audited();
    let find = |part: &str| {
        got.iter()
            .find(|(f, _)| f.contains(part))
            .map(|(_, v)| v.1.clone())
            .unwrap()
    };
    assert!(
        find("10x400").starts_with("workout: 10 repetitions"),
        "{}",
        find("10x400")
    );
    assert!(
        find("half-marathon").starts_with("race: half marathon at 4:40/km"),
        "{}",
        find("half-marathon")
    );
    assert!(
        find("walking-sport").ends_with("the file says walking, but it was run"),
        "{}",
        find("walking-sport")
    );
    assert!(
        find("gps-off").contains("heart rate rose 6 times"),
        "{}",
        find("gps-off")
    );
}
