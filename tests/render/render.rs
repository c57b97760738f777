//! Every kind of SVG report drawn to pixels with resvg: each must parse and must not come out
//! blank. PNGs go to `target/svg-png/` for a person to look at. The reports are made by the
//! library's `check` and `audit` from command-line arguments, as the binary makes them.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Parser;
use runaudit::cli::{Cli, Command};

/// The workspace root (this crate is `tests/render/`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `runaudit ARGS` through the library (the profile file of `--profile`, if any, read as
/// the binary reads it) and returns whether every file was read.
fn runaudit(args: &[&str]) -> bool {
    let cli = Cli::try_parse_from(std::iter::once("runaudit").chain(args.iter().copied()))
        .expect("valid arguments");
    let (Some(command), None) = (cli.command, cli.generate) else {
        panic!("a check or audit command: {args:?}");
    };
    let (common, paths) = match &command {
        Command::Check { common, files } => (common, files),
        Command::Audit { common, paths, .. } => (common, paths),
        Command::Profile { .. } | Command::Team { .. } => {
            panic!("not a check or audit command: {args:?}")
        }
    };
    let profile = common.profile.as_ref().map(|p| {
        let text = std::fs::read_to_string(p).expect("the profile file");
        (p.display().to_string(), text)
    });
    let profile = profile.as_ref().map(|(p, t)| (p.as_str(), t.as_str()));
    let mut config = common
        .to_config(false, true, profile)
        .expect("valid settings");
    config.progress = false;
    let (mut out, mut diag) = (Vec::new(), Vec::new());
    let outcome = match &command {
        Command::Check { .. } => runaudit::check::check(paths, &config, &mut out, &mut diag),
        _ => runaudit::audit::audit(paths, &config, &mut out, &mut diag),
    }
    .expect("reports written");
    runaudit::exit_code::ExitCode::from(outcome) == runaudit::exit_code::ExitCode::Success
}

/// Renders an SVG to pixels (system fonts when there are any) and saves the PNG under
/// `target/svg-png/<name>.png`; returns (share of non-white pixels, distinct colours).
fn render(svg: &str, name: &str) -> (f64, usize) {
    let mut opt = resvg::usvg::Options::default();
    let db = opt.fontdb_mut();
    db.load_system_fonts();
    // Generic families map to Arial/Courier by default; point them at what Linux usually has.
    db.set_sans_serif_family("DejaVu Sans");
    db.set_monospace_family("DejaVu Sans Mono");
    let tree = resvg::usvg::Tree::from_str(svg, &opt)
        .unwrap_or_else(|e| panic!("{name}: not a valid SVG: {e}"));
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

fn assert_not_blank(svg: &Path, name: &str) {
    let text = std::fs::read_to_string(svg).expect("readable SVG");
    let (inked, colours) = render(&text, name);
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

fn one_svg_in(dir: &Path) -> PathBuf {
    let svgs = svgs_in(dir);
    assert_eq!(svgs.len(), 1, "{svgs:?}");
    svgs.into_iter().next().unwrap_or_default()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

#[test]
fn run_reports_render() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let runs = root().join("fixtures/runs");
    for (file, flags) in [
        (
            "easy-5k.fit",
            &["--normal-pace", "5:00/km", "--max-hr", "190"][..],
        ),
        ("no-hr.gpx", &[]),
        ("walk-breaks.fit", &[]),
        ("tempo.tcx", &[]),
        ("paused.fit", &["--units", "mi"]),
    ] {
        let out = tmp.path().join(file);
        let input = runs.join(file);
        let args = [&["check", "--svg", path(&out)], flags, &[path(&input)]].concat();
        assert!(runaudit(&args), "{file} read");
        assert_not_blank(&one_svg_in(&out), &format!("check-{file}"));
    }
}

#[test]
fn a_hilly_run_renders_with_its_grade_adjusted_pace() {
    // Ten times 250 m up 20 m and 250 m down at 6:15/km: GAP ticks beside the pace bars.
    use chrono::TimeZone;
    use runaudit_testkit::fit::{self, FitOptions};
    use runaudit_testkit::{Hr, RunSpec};
    let tmp = tempfile::tempdir().expect("tempdir");
    let at = chrono::Utc
        .with_ymd_and_hms(2025, 5, 20, 7, 0, 0)
        .single()
        .expect("a date");
    let mut spec = RunSpec::new(at).altitude(200.0);
    for _ in 0..10 {
        spec = spec
            .run(94, 2.667, Hr::Constant(130))
            .climb(20.0)
            .run(94, 2.667, Hr::Constant(130))
            .climb(-20.0);
    }
    let opts = FitOptions {
        barometer: true,
        ..FitOptions::default()
    };
    let input = tmp.path().join("hilly.fit");
    std::fs::write(&input, fit::write_with(&spec.build().activity, &opts)).expect("write");
    let out = tmp.path().join("out");
    let args = [
        "check",
        "--normal-pace",
        "5:30/km",
        "--lthr",
        "172",
        "--svg",
    ];
    assert!(runaudit(&[&args[..], &[path(&out), path(&input)]].concat()));
    let svg = one_svg_in(&out);
    let text = std::fs::read_to_string(&svg).expect("the SVG");
    assert!(
        text.contains("grade-adjusted pace (GAP)"),
        "the GAP ticks named"
    );
    assert_not_blank(&svg, "check-hilly");
}

#[test]
fn season_reports_render() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("season");
    let (profile, season) = (
        root().join("fixtures/season/profile.toml"),
        root().join("fixtures/season"),
    );
    let read_all = runaudit(&[
        "audit",
        "--profile",
        path(&profile),
        "--out",
        path(&out),
        path(&season),
    ]);
    assert!(!read_all, "the demo season has broken files on purpose");
    assert_not_blank(&out.join("season.svg"), "season");
    for (part, name) in [
        ("recovery-hr-surge", "season-run-hr-surge"),
        ("2025-02-07-cycling", "season-ride"),
    ] {
        let run = svgs_in(&out.join("runs"))
            .into_iter()
            .find(|p| p.to_string_lossy().contains(part))
            .unwrap_or_else(|| panic!("the run {part}"));
        assert_not_blank(&run, name);
    }
}

#[test]
fn the_apple_season_reports_render() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("apple");
    let (profile, export) = (
        root().join("fixtures/season/profile.toml"),
        root().join("fixtures/season-apple/export.zip"),
    );
    let args = ["audit", "--profile", path(&profile), "--out", path(&out)];
    assert!(runaudit(&[&args[..], &[path(&export)]].concat()));
    assert_not_blank(&out.join("season.svg"), "apple-season");
    let run = svgs_in(&out.join("runs"))
        .into_iter()
        .find(|p| p.to_string_lossy().contains("2025-03-19"))
        .expect("the run with the heart-rate surge");
    assert_not_blank(&run, "apple-run-hr-surge");
}

#[test]
fn a_three_year_history_renders() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("history");
    std::fs::create_dir_all(&input).expect("mkdir");
    for (name, bytes) in runaudit_testkit::catalog::history_files() {
        std::fs::write(input.join(name), bytes).expect("write a run");
    }
    let out = tmp.path().join("out");
    let args = ["audit", "--max-hr", "190", "--lthr", "172", "--out"];
    assert!(runaudit(&[&args[..], &[path(&out), path(&input)]].concat()));
    assert_not_blank(&out.join("season.svg"), "season-3y");
}

#[test]
fn names_with_markup_render() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    std::fs::copy(
        root().join("fixtures/runs/easy-5k.fit"),
        input.join("a<b>&\"c'.fit"),
    )
    .expect("copy");
    let out = tmp.path().join("out");
    assert!(runaudit(&["audit", "--out", path(&out), path(&input)]));
    assert_not_blank(&one_svg_in(&out.join("runs")), "markup-name");
}

/// `../shared/fixtures/real` beside the checkout, or `None` with a plain message (CI, which sets
/// `CI`, must have it).
fn real_fixtures(test: &str) -> Option<PathBuf> {
    let dir = root().join("../shared/fixtures/real");
    if dir.join("reference.tsv").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: ../shared/fixtures/real is missing in CI"
    );
    let _ = writeln!(
        std::io::stderr().lock(),
        "{test}: skipped: ../shared/fixtures/real not found beside the checkout"
    );
    None
}

#[test]
fn real_hour_long_runs_render() {
    let Some(real) = real_fixtures("real_hour_long_runs_render") else {
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
        let input = real.join(file);
        assert!(runaudit(&[
            "check",
            "--max-hr",
            "190",
            "--svg",
            path(&out),
            path(&input)
        ]));
        assert_not_blank(&one_svg_in(&out), name);
    }
}
