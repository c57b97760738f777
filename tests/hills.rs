//! The pace criterion sees hills (issue 23 item 2): a "recovery" run up and down a hill and a
//! hill-repeat session, slow by the watch, are judged on grade-adjusted pace against a normal
//! pace that is itself grade-adjusted; the same run on the flat is judged exactly as before.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::runaudit;
use runaudit_testkit::fit::{self, FitOptions};
use runaudit_testkit::{Hr, RunSpec};
use serde_json::Value;

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 5, 20, 7, 0, 0)
        .single()
        .unwrap_or_default()
}

/// A barometric FIT file (clean altitude, as a watch with a barometer records it).
fn write(dir: &std::path::Path, name: &str, spec: &RunSpec) -> std::path::PathBuf {
    let opts = FitOptions {
        barometer: true,
        ..FitOptions::default()
    };
    let path = dir.join(name);
    std::fs::write(&path, fit::write_with(&spec.build().activity, &opts)).unwrap();
    path
}

/// 5 km at 6:15/km (2.667 m/s), easy heart rate: ten times 250 m up 20 m (8%) and 250 m down,
/// or all of it flat.
fn recovery(at: DateTime<Utc>, hilly: bool) -> RunSpec {
    let mut spec = RunSpec::new(at).altitude(200.0);
    for _ in 0..10 {
        spec = spec.run(94, 2.667, Hr::Constant(130));
        if hilly {
            spec = spec.climb(20.0);
        }
        spec = spec.run(94, 2.667, Hr::Constant(130));
        if hilly {
            spec = spec.climb(-20.0);
        }
    }
    spec
}

fn check(path: &std::path::Path) -> Value {
    let out = runaudit()
        .args([
            "check",
            "--format",
            "json",
            "--no-profile",
            "--normal-pace",
            "5:30/km",
            "--lthr",
            "172",
        ])
        .arg(path)
        .output()
        .unwrap();
    let runs: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    runs.into_iter().next().unwrap()
}

fn pace_criterion(run: &Value) -> &Value {
    run["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "pace")
        .unwrap()
}

#[test]
fn a_hilly_recovery_run_passed_on_raw_pace_fails_on_grade_adjusted_pace() {
    let dir = tempfile::tempdir().unwrap();
    // Normal 5:30/km = 330 s/km: slow enough from 330 + 37.28 = 367.3 s/km. The raw 375 s/km
    // passes; up at 8% costs 1.337, down 0.876: about 1.1 on average, GAP near 340 s/km.
    let flat = check(&write(dir.path(), "flat.fit", &recovery(start(), false)));
    let p = pace_criterion(&flat);
    assert_eq!(p["status"], "pass", "{p}");
    assert!(!p["detail"].as_str().unwrap().contains("grade-adjusted"));
    assert_eq!(flat["verdict"], "recovery");
    assert!(flat["profile"].get("normal_gap_s_per_km").is_none());

    let hilly = check(&write(dir.path(), "hilly.fit", &recovery(start(), true)));
    let raw = hilly["pace_s_per_km"].as_f64().unwrap_or_else(|| {
        hilly["moving_s"].as_f64().unwrap() / hilly["distance_m"].as_f64().unwrap() * 1000.0
    });
    assert!(raw > 367.3, "raw pace {raw} would pass");
    let p = pace_criterion(&hilly);
    assert_eq!(p["status"], "fail", "{p}");
    let gap = p["value"].as_f64().unwrap();
    assert!((325.0..360.0).contains(&gap), "GAP {gap}");
    assert!((gap - hilly["gap_s_per_km"].as_f64().unwrap()).abs() < 1e-6);
    let detail = p["detail"].as_str().unwrap();
    // 200 m of climb over 5 km is 40 m/km; the elevation rule's hysteresis keeps a little less.
    assert!(
        detail.starts_with("on grade-adjusted pace (climbing 3")
            && detail.contains("raw average 6:15/km"),
        "{detail}"
    );
    assert_eq!(hilly["verdict"], "not_recovery");
    assert_eq!(hilly["profile"]["normal_gap_s_per_km"]["value"], 330.0);
}

#[test]
fn a_hill_repeat_session_is_not_passed_by_its_slow_raw_pace() {
    // Eight times two minutes up a 12% hill at 2.6 m/s (312 m, +37.4 m) and two minutes jogging
    // down at 2.2 m/s (264 m): raw 2.4 m/s = 417 s/km, slower than the 367 s/km required; GAP
    // up 312 × 1.61 and down 264 × 0.93 make about 3.1 m/s = 320 s/km, far too fast.
    let dir = tempfile::tempdir().unwrap();
    let mut spec = RunSpec::new(start()).altitude(100.0);
    for _ in 0..8 {
        spec = spec
            .run(120, 2.6, Hr::Constant(168))
            .climb(37.4)
            .run(120, 2.2, Hr::Constant(140))
            .climb(-37.4);
    }
    let run = check(&write(dir.path(), "hills.fit", &spec));
    let p = pace_criterion(&run);
    assert_eq!(p["status"], "fail", "{p}");
    let detail = p["detail"].as_str().unwrap();
    assert!(detail.starts_with("on grade-adjusted pace"), "{detail}");
    assert!(p["value"].as_f64().unwrap() < 345.0, "{p}");
}

#[test]
fn the_grade_adjusted_normal_pace_comes_from_the_same_runs() {
    // Six flat runs at 5:30/km in the three weeks before, then the hilly recovery run: the
    // inferred normal pace and its grade-adjusted twin are both 330 s/km (flat runs' GAP is
    // their pace), and the hilly run fails on GAP.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..6 {
        let at = start() - Duration::days(3 * (i + 1));
        let spec = RunSpec::new(at)
            .altitude(50.0)
            .run(1800, 1000.0 / 330.0, Hr::Constant(150));
        write(dir.path(), &format!("flat-{i}.fit"), &spec);
    }
    write(dir.path(), "hilly.fit", &recovery(start(), true));
    let out = runaudit()
        .args(["audit", "--format", "json", "--no-profile", "--lthr", "172"])
        .arg(dir.path())
        .output()
        .unwrap();
    let runs: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let hilly = runs.last().unwrap();
    let normal = hilly["profile"]["normal_pace_s_per_km"]["value"]
        .as_f64()
        .unwrap();
    let normal_gap = hilly["profile"]["normal_gap_s_per_km"]["value"]
        .as_f64()
        .unwrap();
    assert!((normal - 330.0).abs() < 1.0, "{normal}");
    assert!(
        (normal_gap - normal).abs() < 0.5,
        "{normal_gap} vs {normal}"
    );
    assert_eq!(pace_criterion(hilly)["status"], "fail");
}
