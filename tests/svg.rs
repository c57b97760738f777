//! SVG reports end to end: `check --svg` and `audit --out` write the files, the index links
//! resolve and escape names, and the bytes are deterministic (snapshots). That every report draws
//! to pixels that are not blank is checked by `tests/render/` (its own crate, so resvg is built
//! only there).

mod common;

use std::path::{Path, PathBuf};

use common::{root, runaudit};

fn svgs_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("output folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "svg"))
        .collect();
    v.sort();
    v
}

/// Fails unless `text` is well-formed XML (every element closed, every entity known).
fn assert_well_formed(text: &str) {
    if let Err(e) = common::well_formed_xml(text) {
        panic!("{e}");
    }
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).expect("readable output")
}

#[test]
fn check_svg_writes_one_report_per_run() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("reports");
    let runs = root().join("fixtures/runs");
    runaudit()
        .arg("check")
        .arg("--svg")
        .arg(&out)
        .args(["easy-5k.fit", "no-hr.gpx", "walk-breaks.fit", "tempo.tcx"].map(|f| runs.join(f)))
        .assert()
        .success()
        .stdout(
            predicates::str::contains("RECOVERY").or(predicates::str::contains("INCONCLUSIVE")),
        );
    let files = svgs_in(&out);
    assert_eq!(files.len(), 4, "{files:?}");
    for f in &files {
        let svg = read(f);
        assert!(svg.starts_with("<svg"), "{}", f.display());
        assert!(svg.contains("<text"), "text stays text");
        assert_well_formed(&svg);
    }
    let no_hr = files
        .iter()
        .find(|f| f.to_string_lossy().contains("no-hr"))
        .expect("the no-HR run's SVG");
    assert!(read(no_hr).contains("no heart rate recorded"));
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn audit_out_writes_runs_season_and_an_index_whose_links_resolve() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("season-report");
    let assert = runaudit()
        .arg("audit")
        .arg("--profile")
        .arg(root().join("fixtures/season/profile.toml"))
        .arg("--out")
        .arg(&out)
        .arg(root().join("fixtures/season"))
        .assert()
        .code(1); // the season has broken files on purpose
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(
        stdout.contains("Season 2025-01-06"),
        "the table still goes to stdout"
    );
    let weeks = std::fs::read_to_string(out.join("weeks.csv")).expect("weeks.csv");
    assert_eq!(
        weeks.lines().count(),
        1 + 12,
        "a header and the season's 12 ISO weeks"
    );
    assert_well_formed(&read(&out.join("season.svg")));
    let html = read(&out.join("index.html"));
    let links: Vec<&str> = html
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(links.len() >= 40, "{} links", links.len());
    for link in &links {
        assert!(out.join(link).is_file(), "{link} does not resolve");
    }
    assert_eq!(links.len(), svgs_in(&out.join("runs")).len());
    assert!(html.contains("src=\"season.svg\""));
    assert!(!html.contains("<script"), "no JavaScript");
    assert!(html.contains("broken-header.fit"), "failed files listed");
    // A ride is listed, titled as a ride and not judged.
    let ride = svgs_in(&out.join("runs"))
        .into_iter()
        .find(|p| p.to_string_lossy().contains("2025-02-07-cycling"))
        .map(|p| read(&p))
        .expect("the ride");
    assert!(ride.contains("Ride · Fri 7 Feb 2025"), "title of the ride");
    assert!(ride.contains("NOT JUDGED"));
}

#[test]
fn names_with_markup_are_escaped_in_html_and_svg() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    let odd = input.join("a<b>&\"c'.fit");
    std::fs::copy(root().join("fixtures/runs/easy-5k.fit"), &odd).expect("copy");
    let out = tmp.path().join("out");
    runaudit()
        .arg("audit")
        .arg("--out")
        .arg(&out)
        .arg(&input)
        .assert()
        .success();
    let html = read(&out.join("index.html"));
    assert!(html.contains("a&lt;b&gt;&amp;&quot;c&#39;.fit"), "{html}");
    assert!(!html.contains("a<b>"));
    let run = svgs_in(&out.join("runs")).pop().expect("one run SVG");
    let name = run
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    assert!(name.ends_with("_a_b___c_.svg"), "{name}");
    let svg = read(&run);
    assert!(svg.contains("a&lt;b&gt;&amp;"), "escaped in the SVG too");
    assert_well_formed(&svg);
}

#[test]
fn an_unwritable_output_folder_is_one_error_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("not-a-folder");
    std::fs::write(&file, "x").expect("write");
    let assert = runaudit()
        .arg("check")
        .arg("--svg")
        .arg(file.join("sub"))
        .arg(root().join("fixtures/runs/easy-5k.fit"))
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: cannot create folder"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

/// The same input gives the same bytes, whatever the thread count.
fn audit_files(threads: &str, out: &Path) -> (String, String, String) {
    runaudit()
        .current_dir(root())
        .args([
            "audit",
            "--profile",
            "fixtures/season/profile.toml",
            "--units",
            "mi",
        ])
        .args(["-j", threads, "--out"])
        .arg(out)
        .arg("fixtures/season")
        .assert()
        .code(1);
    let run = svgs_in(&out.join("runs"))
        .into_iter()
        .find(|p| p.to_string_lossy().contains("2025-03-05-recovery"))
        .expect("a recovery run");
    (
        read(&out.join("season.svg")),
        read(&out.join("index.html")),
        read(&run),
    )
}

#[test]
fn reports_are_deterministic_and_match_snapshots() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let a = audit_files("1", &tmp.path().join("a"));
    let b = audit_files("3", &tmp.path().join("b"));
    assert!(a == b, "same bytes with 1 and 3 threads");
    insta::assert_snapshot!("season_mi_svg", a.0);
    insta::assert_snapshot!("season_mi_index_html", a.1);
    insta::assert_snapshot!("season_mi_recovery_run_svg", a.2);
}

#[test]
fn run_reports_match_snapshots() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let runs = root().join("fixtures/runs");
    for (file, flags) in [
        (
            "easy-5k.fit",
            vec!["--normal-pace", "5:00/km", "--max-hr", "190"],
        ),
        ("no-hr.gpx", vec![]),
        ("paused.fit", vec!["--units", "mi"]),
    ] {
        let out = tmp.path().join(file);
        runaudit()
            .current_dir(&runs)
            .arg("check")
            .args(&flags)
            .arg("--svg")
            .arg(&out)
            .arg(file)
            .assert()
            .success();
        let svg = read(svgs_in(&out).first().expect("one SVG"));
        insta::assert_snapshot!(format!("run_{}", file.replace('.', "_")), svg);
    }
}

#[test]
fn a_real_hour_long_run_gets_a_report_with_heart_rate() {
    let Some(real) = common::real_fixtures("a_real_hour_long_run_gets_a_report_with_heart_rate")
    else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    for (name, file) in [
        (
            "real-fenix2",
            "fitdecode/tests/files/activity-small-fenix2-run.fit",
        ),
        (
            "real-fr110",
            "fitdecode/tests/files/2013-02-06-12-11-14.fit",
        ),
    ] {
        let out = tmp.path().join(name);
        runaudit()
            .args(["check", "--max-hr", "190", "--svg"])
            .arg(&out)
            .arg(real.join(file))
            .assert()
            .success();
        let svg = read(svgs_in(&out).first().expect("one SVG"));
        assert!(!svg.contains("no heart rate recorded"), "{name} has HR");
    }
}

/// The texts of the `m:ss` tick labels of an SVG, in seconds.
fn pace_ticks_in(svg: &str) -> Vec<u32> {
    svg.split('>')
        .filter_map(|s| s.split('<').next())
        .filter_map(|t| {
            let (m, s) = t.trim().split_once(':')?;
            (s.len() == 2).then_some(())?;
            Some(m.parse::<u32>().ok()? * 60 + s.parse::<u32>().ok()?)
        })
        .collect()
}

#[test]
fn a_three_year_history_with_outliers_keeps_its_pace_axis_and_calendar() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("history");
    std::fs::create_dir_all(&input).expect("mkdir");
    for (name, bytes) in runaudit_testkit::catalog::history_files() {
        std::fs::write(input.join(name), bytes).expect("write a run");
    }
    let out = tmp.path().join("out");
    runaudit()
        .args(["audit", "--max-hr", "190", "--lthr", "172", "--out"])
        .arg(&out)
        .arg(&input)
        .assert()
        .success();
    let season = read(&out.join("season.svg"));
    assert!(season.contains("Training calendar, the last 26 weeks"));
    assert!(season.contains("Before the calendar, by month"));
    // The 70 min/km walk and the 1:30/km file are drawn at the edge, not on the axis: every pace
    // tick lies between 3:00 and 9:00 per km.
    let note = season
        .split('>')
        .find(|t| t.contains("off the pace axis"))
        .unwrap_or_default();
    assert!(
        note.contains("fastest 1:30, slowest 70:"),
        "outliers named: {note}"
    );
    let ticks = pace_ticks_in(&season);
    assert!(!ticks.is_empty());
    assert!(
        ticks.iter().all(|&t| (180..=540).contains(&t)),
        "pace ticks {ticks:?}"
    );
    let html = read(&out.join("index.html"));
    assert!(html.contains("<table class=\"cal\""));
}
