//! Calendar days are the runner's: a run just before midnight UTC is on the next day where the
//! file's local time or the profile's time zone says so, and the flags follow those days.

mod common;

use chrono::{DateTime, TimeZone, Utc};
use common::runaudit;
use runaudit_testkit::{fit, gpx, Hr, RunSpec};
use serde_json::Value;

/// 40 minutes starting at `start`: easy, or a tempo of 20 minutes at HR 176 (clear of the cadence, 170 steps a minute, so no cadence lock) inside it.
fn run(start: DateTime<Utc>, tempo: bool) -> RunSpec {
    let s = RunSpec::new(start).run(600, 3.0, Hr::Ramp(120, 135));
    let s = if tempo {
        s.run(1200, 4.2, Hr::Constant(176))
    } else {
        s.run(1200, 3.0, Hr::Constant(138))
    };
    s.run(600, 3.0, Hr::Ramp(135, 130))
}

fn audit(dir: &std::path::Path, extra: &[&str]) -> Vec<Value> {
    let out = runaudit()
        .args([
            "audit",
            "--format",
            "json",
            "--lthr",
            "172",
            "--normal-pace",
            "5:00/km",
        ])
        .args(extra)
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array().unwrap().clone()
}

fn day(e: &Value) -> (&str, &str) {
    (
        e["day"].as_str().unwrap(),
        e["day_source"].as_str().unwrap(),
    )
}

#[test]
fn a_run_before_midnight_utc_is_on_the_local_day() {
    let dir = tempfile::tempdir().unwrap();
    // 22:30 UTC on 14 Jan is 23:30 in Berlin (UTC+1) and 07:30 on 15 Jan in Tokyo (UTC+9).
    let start = Utc.with_ymd_and_hms(2025, 1, 14, 22, 30, 0).unwrap();
    let tokyo = run(start, false).utc_offset_s(9 * 3600).build();
    std::fs::write(dir.path().join("tokyo.fit"), fit::write(&tokyo.activity)).unwrap();
    let phone = run(start + chrono::Duration::days(2), false).build();
    std::fs::write(dir.path().join("phone.gpx"), gpx::write(&phone.activity)).unwrap();
    let runs = audit(dir.path(), &[]);
    assert_eq!(day(&runs[0]), ("2025-01-15", "file"));
    assert_eq!(day(&runs[1]), ("2025-01-16", "utc"));
    // The profile's zone moves the GPX (which says nothing) but not the FIT (which says).
    let runs = audit(dir.path(), &["--time-zone", "Asia/Kolkata"]);
    assert_eq!(day(&runs[0]), ("2025-01-15", "file"));
    // 22:30 UTC + 5:30 = 04:00 the next day.
    assert_eq!(day(&runs[1]), ("2025-01-17", "profile_time_zone"));
    let runs = audit(dir.path(), &["--time-zone", "Europe/Berlin"]);
    assert_eq!(day(&runs[1]), ("2025-01-16", "profile_time_zone"));
}

#[test]
fn flags_follow_local_days_across_midnight() {
    let dir = tempfile::tempdir().unwrap();
    // A tempo at 20:00 UTC on Tuesday, an easy run at 23:30 UTC the same UTC day: in UTC both are
    // on Tuesday (an easy run the same day is no flag), in Berlin the easy run is on Wednesday,
    // the day after the hard day.
    let tue = Utc.with_ymd_and_hms(2025, 1, 14, 20, 0, 0).unwrap();
    let late = Utc.with_ymd_and_hms(2025, 1, 14, 23, 30, 0).unwrap();
    for (name, spec) in [
        ("a-tempo.gpx", run(tue, true)),
        ("b-easy.gpx", run(late, false)),
    ] {
        std::fs::write(dir.path().join(name), gpx::write(&spec.build().activity)).unwrap();
    }
    let utc = audit(dir.path(), &[]);
    assert_eq!(
        utc[0]["session_type"], "workout",
        "{}",
        utc[0]["session_evidence"]
    );
    assert_eq!(utc[1]["flags"], Value::Array(vec![]));
    let berlin = audit(dir.path(), &["--time-zone", "Europe/Berlin"]);
    assert_eq!(berlin[1]["day"], "2025-01-15");
    assert_eq!(berlin[1]["flags"][0]["flag"], "not_recovery_after_hard");
}

#[test]
fn a_bad_time_zone_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = runaudit()
        .args(["audit", "--time-zone", "Mars/Olympus"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--time-zone"));
}
