//! SVG reports end to end: `check --svg` and `audit --out` write the files, the index links
//! resolve and escape names, the bytes are deterministic (snapshots), and every SVG renders to a
//! PNG that is not blank. PNGs go to `target/svg-png/` for a person to look at.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{root, runaudit};

/// Renders an SVG to pixels (system fonts when there are any) and saves the PNG under
/// `target/svg-png/<name>.png`; returns (share of non-white pixels, distinct colours).
fn render(svg: &str, name: &str) -> (f64, usize) {
    let mut opt = resvg::usvg::Options::default();
    let db = opt.fontdb_mut();
    db.load_system_fonts();
    // Generic families map to Arial/Courier by default; point them at what Linux usually has.
    db.set_sans_serif_family("DejaVu Sans");
    db.set_monospace_family("DejaVu Sans Mono");
    let tree = resvg::usvg::Tree::from_str(svg, &opt).expect("a valid SVG");
    let size = tree.size().to_int_size();
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("a non-empty canvas");
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    let out = root().join("target/svg-png");
    std::fs::create_dir_all(&out).expect("target/ writable");
    pixmap
        .save_png(out.join(format!("{name}.png")))
        .expect("PNG written");
    let mut colours = BTreeSet::new();
    let mut inked = 0usize;
    for px in pixmap.pixels() {
        let c = (px.red(), px.green(), px.blue(), px.alpha());
        if c != (255, 255, 255, 255) {
            inked += 1;
        }
        if colours.len() < 1000 {
            colours.insert(c);
        }
    }
    (inked as f64 / pixmap.pixels().len() as f64, colours.len())
}

fn assert_not_blank(svg: &str, name: &str) {
    let (inked, colours) = render(svg, name);
    // A blank or near-blank report would be < 1% ink; ours draw bars, bands, lines and text.
    assert!(
        inked > 0.03,
        "{name}: only {:.1}% of pixels drawn",
        inked * 100.0
    );
    assert!(colours >= 8, "{name}: only {colours} colours");
}

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
        let stem = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        assert_not_blank(&svg, &format!("check-{stem}"));
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
    let season = read(&out.join("season.svg"));
    assert_not_blank(&season, "season");
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
    // One demo-season run to look at.
    let run = svgs_in(&out.join("runs"))
        .into_iter()
        .find(|p| p.to_string_lossy().contains("recovery-hr-surge"))
        .expect("the HR-surge run");
    assert_not_blank(&read(&run), "season-run-hr-surge");
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
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("still valid XML");
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
        assert_not_blank(&svg, &format!("snap-{file}"));
        insta::assert_snapshot!(format!("run_{}", file.replace('.', "_")), svg);
    }
}

#[test]
fn a_real_hour_long_run_renders() {
    let Some(real) = common::real_fixtures("a_real_hour_long_run_renders") else {
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
        assert_not_blank(&svg, name);
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
    assert_not_blank(&season, "season-3y");
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
