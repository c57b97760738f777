//! The rule table at run time: `--rule KEY=VALUE` and the profile file change a rule without
//! recompiling, and a wrong key or value is one clear usage error.

mod common;

use common::{root, runaudit};

/// A 96-minute run of the demo season (moving 5760 s), checked alone: no name declares it long.
fn long_run() -> std::path::PathBuf {
    root().join("fixtures/season/activities/2025-01-11-long.fit")
}

/// The one run's JSON from `check --format json` with extra arguments.
fn check_json(args: &[&str]) -> serde_json::Value {
    let out = runaudit()
        .args(["check", "--format", "json", "--no-profile"])
        .args(args)
        .arg(long_run())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let runs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    runs[0].clone()
}

fn long_rule(run: &serde_json::Value) -> &serde_json::Value {
    &run["profile"]["rules"]["session"]["long_moving_s"]
}

#[test]
fn rule_flag_moves_when_a_run_counts_as_long() {
    // Without the flag, the table's default decides (90 min today: 96 min is long).
    let run = check_json(&[]);
    assert_eq!(run["moving_s"], 5760.0);
    assert_eq!(long_rule(&run)["source"], "default");
    let default_s = long_rule(&run)["value"].as_f64().unwrap();
    assert_eq!(run["session_type"] == "long", 5760.0 >= default_s);
    // 96 min ≥ 90 min: long.
    let run = check_json(&["--rule", "long_run_min=90"]);
    assert_eq!(run["session_type"], "long", "{}", run["session_evidence"]);
    // 96 min < 100 min: no longer long; the rules block says the flag set 6000 s.
    let run = check_json(&["--rule", "long_run_min=100"]);
    assert_ne!(run["session_type"], "long", "{}", run["session_evidence"]);
    assert_eq!(long_rule(&run)["value"], 6000.0);
    assert_eq!(long_rule(&run)["source"], "flag");
    // Repeatable, the last one of a key wins: 95 min ≤ 96 min is long again.
    let run = check_json(&["--rule", "long_run_min=100", "--rule", "long_run_min=95"]);
    assert_eq!(run["session_type"], "long");
}

#[test]
fn profile_file_sets_a_rule_and_the_flag_wins_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("me.toml");
    std::fs::write(&file, "# a coach's rules\nlong_run_min = 100\n").unwrap();
    let file = file.to_str().unwrap();
    let out = runaudit()
        .args(["check", "--format", "json", "--profile", file])
        .arg(long_run())
        .output()
        .unwrap();
    let runs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_ne!(runs[0]["session_type"], "long");
    assert_eq!(long_rule(&runs[0])["source"], "profile_file");
    assert_eq!(long_rule(&runs[0])["file"], file);
    let out = runaudit()
        .args(["check", "--format", "json", "--profile", file])
        .args(["--rule", "long_run_min=90"])
        .arg(long_run())
        .output()
        .unwrap();
    let runs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(runs[0]["session_type"], "long");
    assert_eq!(long_rule(&runs[0])["source"], "flag");
}

/// Runs `check` with one bad input and returns stderr, asserting a usage error (exit 2).
fn usage_error(args: &[&str]) -> String {
    let out = runaudit()
        .arg("check")
        .args(args)
        .arg(long_run())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn a_wrong_rule_is_a_usage_error_that_says_what_to_write() {
    let e = usage_error(&["--rule", "long_run_mins=100"]);
    assert!(
        e.contains("not a profile key (did you mean \"long_run_min\"?)"),
        "{e}"
    );
    let e = usage_error(&["--rule", "long_run_min=5"]);
    assert!(e.contains("must be 10 to 600 min, not 5"), "{e}");
    let e = usage_error(&["--rule", "long_run_min=soon"]);
    assert!(e.contains("must be a number, not \"soon\""), "{e}");
    let e = usage_error(&["--rule", "recovery_window_days=1.5"]);
    assert!(e.contains("must be a whole number of days, not 1.5"), "{e}");
    let e = usage_error(&["--rule", "long_run_min"]);
    assert!(e.contains("KEY=VALUE"), "{e}");
}

#[test]
fn a_wrong_rule_in_the_profile_file_names_the_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("me.toml");
    std::fs::write(&file, "max_hr = 190\n\nhard_max_hr_pct = 120\n").unwrap();
    let e = usage_error(&["--profile", file.to_str().unwrap()]);
    assert_eq!(
        e,
        format!(
            "error: {}:3: hard_max_hr_pct: must be 50 to 100 %, not 120\n",
            file.display()
        )
    );
}
