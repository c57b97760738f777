//! Session types on the patterns a coach names (testkit `catalog::patterns`): each written as a
//! FIT file after six weeks of the same runner's ordinary running, audited together, and typed as
//! a coach types it.

mod common;

use std::collections::BTreeMap;

use common::{file_name, json, runaudit};
use runaudit_testkit::catalog::{pattern_files, patterns, PATTERNS_PROFILE_TOML};

/// `runaudit audit DIR --format json` of the background weeks and the patterns: file name →
/// (type, evidence sentence).
fn audited() -> BTreeMap<String, (String, String)> {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in pattern_files() {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let profile = dir.path().join("profile.toml");
    std::fs::write(&profile, PATTERNS_PROFILE_TOML).unwrap();
    let mut cmd = runaudit();
    cmd.arg("audit").arg(dir.path());
    json(cmd.args(["--format", "json", "--profile"]).arg(&profile))
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let name = file_name(r["file"].as_str().unwrap()).to_string();
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

/// Real files from `../shared/fixtures/real` labelled by hand from what the watch recorded (their
/// laps), each typed on its own as `check` types it (no history: these are different runners).
const LABELLED: &[(&str, &str, &str)] = &[
    (
        "jimmykane-fit-parser/test/garmin-stamina.fit",
        "workout",
        "laps: 5 × 800 m at 3:45/km with 5-minute rests",
    ),
    (
        "jimmykane-fit-parser/test/running-with-developer-data.fit",
        "workout",
        "laps: 4 × 1 km at 4:21-4:38/km with 60-s rest laps",
    ),
    (
        "tormoder-fit/testdata/misc/mornindew-broken.fit",
        "long",
        "laps: 10 mile auto-laps at 6:28-7:20/km, 1:54 moving",
    ),
    (
        "fitdecode/tests/files/activity-small-fenix2-run.fit",
        "workout",
        "laps: warm-up, 3 km at 4:40/km, 3 km at 4:14/km, cool-down",
    ),
];

#[test]
fn real_files_labelled_by_their_laps_get_their_type() {
    let Some(real) = common::real_fixtures("real_files_labelled_by_their_laps_get_their_type")
    else {
        return;
    };
    let mut wrong = Vec::new();
    for (file, expected, why) in LABELLED {
        let checked = json(
            runaudit()
                .args(["check", "--format", "json"])
                .arg(real.join(file)),
        );
        let run = &checked[0];
        let kind = run["session_type"].as_str().unwrap_or("none");
        if kind != *expected {
            let evidence = run["session_evidence"].as_str().unwrap_or("");
            wrong.push(format!("{file} ({why}): {evidence}, expected {expected}"));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}
