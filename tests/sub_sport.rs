//! The sub-sport (treadmill, trail, track, ...) is kept: from FIT sessions through both decoders,
//! from GPX `trk/type`, from a Strava export's activity type beside a TCX file (TCX itself names
//! none), from a real multisport FIT file, and per run in JSON.

mod common;

use std::path::Path;

use chrono::{TimeZone, Utc};

use common::{file_name, json, runaudit};
use runaudit::activity::{Activity, Sport, SubSport};
use runaudit::read::fit::{parse_with, Decoder};
use runaudit_testkit::{fit, gpx, tcx, Hr, RunSpec};
use serde_json::Value;

const ALL: [SubSport; 7] = [
    SubSport::Treadmill,
    SubSport::Indoor,
    SubSport::Virtual,
    SubSport::Track,
    SubSport::Trail,
    SubSport::Road,
    SubSport::Other,
];

/// Ten minutes of easy running on 1 January 2025 plus `day` days, 08:00 UTC.
fn on(day: i64, sub: Option<SubSport>) -> Activity {
    let start = Utc.with_ymd_and_hms(2025, 1, 1, 8, 0, 0).unwrap() + chrono::Duration::days(day);
    let spec = RunSpec::new(start).run(600, 3.0, Hr::Ramp(130, 140));
    match sub {
        Some(s) => spec.sub_sport(s).build().activity,
        None => spec.build().activity,
    }
}

fn synth(sub: Option<SubSport>) -> Activity {
    on(0, sub)
}

#[test]
fn fit_sessions_give_their_sub_sport_through_both_decoders() {
    for sub in ALL.into_iter().map(Some).chain([None]) {
        let bytes = fit::write(&synth(sub));
        for decoder in [Decoder::FastOnly, Decoder::Fitparser] {
            let got = parse_with(&bytes, decoder).unwrap();
            assert_eq!(
                (got[0].sport, got[0].sub_sport),
                (Sport::Running, sub),
                "{decoder:?}"
            );
        }
    }
}

#[test]
fn gpx_track_types_give_their_sub_sport() {
    // `<type>treadmill_running</type>` and the like, as Garmin Connect names them; the `gpx`
    // crate's writer too. `Other` has no GPX name: it reads as a plain run.
    for sub in ALL {
        let a = synth(Some(sub));
        let want = (sub != SubSport::Other).then_some(sub);
        for bytes in [gpx::write(&a), gpx::write_plain(&a)] {
            let got = runaudit::read::gpx::parse(&bytes).unwrap();
            assert_eq!(
                (got.sport, got.sub_sport),
                (Sport::Running, want),
                "{sub:?}"
            );
        }
    }
    let plain = runaudit::read::gpx::parse(&gpx::write(&synth(None))).unwrap();
    assert_eq!(plain.sub_sport, None);
}

/// `audit DIR --format json`: file name → (sport, sub_sport).
fn sub_sports(dir: &Path) -> Vec<(String, Value, Value)> {
    json(runaudit().arg("audit").arg(dir).args(["--format", "json"]))
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let name = file_name(e["file"].as_str().unwrap()).to_string();
            (name, e["sport"].clone(), e["sub_sport"].clone())
        })
        .collect()
}

#[test]
fn a_strava_export_names_the_sub_sport_a_tcx_file_cannot() {
    // Two TCX runs (TCX knows only Running, Biking, Other) and one FIT treadmill run; the export
    // calls the first TCX a "Virtual Run", the second a plain "Run", and the FIT file's own
    // treadmill outranks the export's "Trail Run".
    let dir = tempfile::tempdir().unwrap();
    let acts = dir.path().join("activities");
    std::fs::create_dir(&acts).unwrap();
    std::fs::write(acts.join("1.tcx"), tcx::write(&on(0, None))).unwrap();
    std::fs::write(acts.join("2.tcx"), tcx::write(&on(1, None))).unwrap();
    let treadmill = on(2, Some(SubSport::Treadmill));
    std::fs::write(acts.join("3.fit"), fit::write(&treadmill)).unwrap();
    std::fs::write(
        dir.path().join("activities.csv"),
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename\n\
         1,\"Jan 1, 2025, 8:00:00 AM\",Zwift,Virtual Run,600,1.8,activities/1.tcx\n\
         2,\"Jan 2, 2025, 8:00:00 AM\",Easy,Run,600,1.8,activities/2.tcx\n\
         3,\"Jan 3, 2025, 8:00:00 AM\",Belt,Trail Run,600,1.8,activities/3.fit\n",
    )
    .unwrap();
    let got = sub_sports(dir.path());
    let row = |name: &str| {
        got.iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, s, sub)| (s.as_str().unwrap_or("-"), sub.as_str()))
    };
    assert_eq!(row("1.tcx"), Some(("running", Some("virtual"))), "{got:?}");
    assert_eq!(row("2.tcx"), Some(("running", None)), "{got:?}");
    assert_eq!(
        row("3.fit"),
        Some(("running", Some("treadmill"))),
        "{got:?}"
    );
}

#[test]
fn a_real_multisport_fit_file_names_its_trail_run() {
    // The FIT SDK's multisport example: its running session says `trail`; both decoders agree.
    let Some(real) = common::real_fixtures("a_real_multisport_fit_file_names_its_trail_run") else {
        return;
    };
    let path = real.join("muktihari-fit/testdata/from_official_sdk/activity_multisport.fit");
    let bytes = std::fs::read(path).unwrap();
    for decoder in [Decoder::Auto, Decoder::Fitparser] {
        let got: Vec<(Sport, Option<SubSport>)> = parse_with(&bytes, decoder)
            .unwrap()
            .iter()
            .map(|a| (a.sport, a.sub_sport))
            .collect();
        assert!(
            got.contains(&(Sport::Running, Some(SubSport::Trail))),
            "{decoder:?}: {got:?}"
        );
    }
}

#[test]
fn a_garmin_summary_s_activity_type_names_the_sub_sport_the_file_does_not() {
    use runaudit::read::export::merge::{apply, ExportKind};
    use runaudit::read::export::ExportActivity;
    let summary = |t: &str| ExportActivity {
        activity_type: Some(t.to_string()),
        ..Default::default()
    };
    let mut a = on(0, None);
    apply(&mut a, &summary("treadmill_running"), ExportKind::Garmin);
    assert_eq!(a.sub_sport, Some(SubSport::Treadmill));
    // What the file says wins; a plain "running" adds nothing.
    let mut a = on(0, Some(SubSport::Track));
    apply(&mut a, &summary("indoor_running"), ExportKind::Garmin);
    assert_eq!(a.sub_sport, Some(SubSport::Track));
    let mut a = on(0, None);
    apply(&mut a, &summary("running"), ExportKind::Garmin);
    assert_eq!(a.sub_sport, None);
}
