//! Max HR inferred from a long history is robust: artefact peaks of one run each are not
//! corroborated by a second run and never set it, and each run's value comes from the year
//! before it, so a chest strap's bad first season does not follow the runner for a decade.

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::{json, runaudit};
use runaudit_testkit::{fit, Hr, RunSpec};
use serde_json::Value;

#[test]
fn artefact_peaks_are_not_corroborated_and_old_ones_age_out() {
    let dir = tempfile::tempdir().unwrap();
    let first = Utc.with_ymd_and_hms(2023, 1, 3, 7, 0, 0).unwrap();
    // 30 runs over two years, every 24 days. Clean peaks cycle through 185..=194 bpm; in the
    // first year two runs carry a strap artefact held for 3 minutes: 214 and 218 bpm (4 apart,
    // so neither corroborates the other), under the 220 that the gate sets aside by itself.
    for i in 0..30u32 {
        let start = first + Duration::days(24 * i64::from(i));
        let peak = match i {
            3 => 214,
            7 => 218,
            _ => 185 + (i % 10) as u8,
        };
        let spec = RunSpec::new(start)
            .run(900, 3.0, Hr::Ramp(120, 150))
            .run(600, 3.6, Hr::Ramp(150, peak))
            .run(180, 3.6, Hr::Constant(peak))
            .run(600, 3.0, Hr::Ramp(peak, 140));
        let path = dir.path().join(format!("run-{i:02}.fit"));
        std::fs::write(path, fit::write(&spec.build().activity)).unwrap();
    }
    let out = runaudit()
        .args(["audit", "--format", "json", "--no-profile"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let runs: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let max_hr = |e: &Value| e["profile"]["max_hr_bpm"]["value"].as_f64();
    for e in &runs {
        let Some(m) = max_hr(e) else { continue };
        assert!(
            (185.0..=196.0).contains(&m),
            "{}: max HR {m}: {}",
            e["file"],
            e["profile"]["max_hr_bpm"]["note"]
        );
    }
    // The last run's max HR comes from the year before it, and says which runs it rests on.
    let last = runs.last().unwrap();
    let note = last["profile"]["max_hr_bpm"]["note"].as_str().unwrap();
    assert!(note.contains("365 days before"), "{note}");
    assert!(note.contains("2024-"), "{note}");
    assert!(runs.iter().filter(|e| max_hr(e).is_some()).count() >= 25);
}

/// The max HR the runner set on the watch, as the FIT file carries it (`zones_target`, else
/// `user_profile`): the values are the devices', read by both decoders alike.
#[test]
fn the_watch_s_own_max_hr_is_a_rung_with_its_source() {
    let Some(real) = common::real_fixtures("the_watch_s_own_max_hr_is_a_rung_with_its_source")
    else {
        return;
    };
    for (file, bpm) in [
        ("jimmykane-fit-parser/test/garmin-stamina.fit", 206.0),
        ("fitdecode/tests/files/garmin-fenix-5-run.fit", 183.0),
    ] {
        let watch = json(
            runaudit()
                .args(["check", "--format", "json"])
                .arg(real.join(file)),
        );
        let max = &watch[0]["profile"]["max_hr_bpm"];
        assert_eq!(
            (max["value"].as_f64(), max["source"].as_str()),
            (Some(bpm), Some("watch")),
            "{file}"
        );
        // A max HR given on the command line outranks the watch's.
        let args = ["check", "--format", "json", "--max-hr", "190"];
        let flag = json(runaudit().args(args).arg(real.join(file)));
        assert_eq!(flag[0]["profile"]["max_hr_bpm"]["source"], "flag", "{file}");
    }
}
