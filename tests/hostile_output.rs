//! Hostile text from files (names, descriptions, creators, FIT product names, file and zip entry
//! names, export sidecars, an unreadable file's first bytes) reaches no output raw: the tables,
//! stderr, CSV, every SVG and HTML page under `--out`, the profile TOML (issue 22: 3, 4, 5, 8).

mod common;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{Duration, TimeZone, Utc};
use common::runaudit;
use runaudit_testkit::{fit as synth_fit, gpx as synth_gpx, tcx as synth_tcx, Hr, RunSpec};

/// Seventeen texts an attacker would try: terminal escapes (retitle, clear, device control,
/// 8-bit CSI), a carriage return that hides what came before, NUL, BEL, BS, DEL, tab, newline,
/// bidi overrides and isolates, XML noncharacters, markup, and the four starts of a formula.
const HOSTILE: [&str; 17] = [
    "\x1b]0;pwned\x07",
    "\x1b[2J\x1b[H",
    "ok\rRECOVERY",
    "a\0b",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\u{202e}nur\u{202c}",
    "bell\x07\x08\x08",
    "tab\there",
    "new\nline",
    "del\x7f",
    "csi\u{9b}31m",
    "\x1bP+q\x1b\\",
    "iso\u{2066}late\u{2069}",
    "</text><script>alert(1)</script>\u{fffe}",
];

/// What every run's name adds: a declared recovery run, so the name is the run's intent and is
/// shown in the table, the CSV and the SVG (and flagged when the run is not one).
const DECLARES: &str = " recovery run";

fn start(day: i64) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 4, 1, 6, 30, 0)
        .single()
        .unwrap_or_default()
        + Duration::days(day)
}

fn spec(day: i64) -> RunSpec {
    RunSpec::new(start(day)).run(1800, 3.0, Hr::Ramp(130, 150))
}

/// `text` as a file name: no `/`, no NUL (the only bytes a Linux name cannot hold).
fn file_name(i: usize, text: &str, ext: &str) -> String {
    let clean: String = text.chars().filter(|c| !matches!(c, '/' | '\0')).collect();
    format!("{clean}-{i:02}.{ext}")
}

/// One file per hostile text, by turns GPX (name, description, creator), TCX (plan name, notes)
/// and FIT (workout name, product name), each named after its text.
fn hostile_files(dir: &Path) -> Vec<PathBuf> {
    HOSTILE
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let s = spec(i as i64).name(&format!("{h}{DECLARES}")).notes(h);
            let mut activity = s.build().activity;
            let (bytes, ext) = match i % 3 {
                0 => {
                    let gpx = String::from_utf8(synth_gpx::write(&activity)).expect("UTF-8");
                    let creator = quick_xml::escape::escape(*h);
                    let gpx = gpx.replacen(
                        "creator=\"runaudit synth\"",
                        &format!("creator=\"{creator}\""),
                        1,
                    );
                    (gpx.into_bytes(), "gpx")
                }
                1 => (synth_tcx::write(&activity), "tcx"),
                _ => {
                    activity.device = Some(h.to_string());
                    (synth_fit::write(&activity), "fit")
                }
            };
            let path = dir.join(file_name(i, h, ext));
            std::fs::write(&path, bytes).expect("write");
            path
        })
        .collect()
}

/// A zip whose entries have hostile names: a run, and a file that is no activity and starts
/// with a terminal escape (its error line quotes the root element it names).
fn hostile_zip(dir: &Path) -> PathBuf {
    let run = synth_gpx::write(&spec(40).name("easy\x1b[31m run").build().activity);
    let path = dir.join("=export\x1b[5m.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    let options = zip::write::SimpleFileOptions::default();
    let entries: [(&str, &[u8]); 2] = [
        ("=cmd\x1b]0;zip\x07/run\r.gpx", &run),
        (
            "bad\u{202e}\x1b[2J.gpx",
            b"<?xml version=\"1.0\"?><gpx\x1b]0;pwned\x07/>",
        ),
    ];
    for (name, bytes) in entries {
        zip.start_file(name, options).expect("entry");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("zip");
    path
}

/// A folder with every hostile file, the zip, and an unreadable file whose name and first bytes
/// are escapes.
fn hostile_folder() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).expect("mkdir");
    hostile_files(&dir);
    hostile_zip(&dir);
    std::fs::write(
        dir.join("junk\x1b]2;title\x07.fit"),
        b"\x1b]0;pwned\x07\x1b[2J not a FIT file at all",
    )
    .expect("write");
    (tmp, dir)
}

/// The character a terminal must not receive raw: any control but `\n`, and the bidi controls
/// and separators.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `text` without the colour sequences runaudit writes itself (`ESC [ digits ; m`).
fn without_own_colours(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 2..];
        let params = tail
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(tail.len());
        if tail[params..].starts_with('m') {
            rest = &tail[params + 1..];
        } else {
            // Not a colour: keep the ESC so the check below sees it.
            out.push('\x1b');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

fn assert_terminal_safe(what: &str, bytes: &[u8], colour: bool) {
    let text = String::from_utf8_lossy(bytes);
    let text = if colour {
        without_own_colours(&text)
    } else {
        text.into_owned()
    };
    let bad: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.chars().any(unsafe_char))
        .collect();
    assert!(bad.is_empty(), "{what}: raw controls in {bad:#?}");
}

#[test]
fn check_and_audit_tables_show_every_control_escaped() {
    let (_tmp, dir) = hostile_folder();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("list")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for colour in ["never", "always"] {
        let check = runaudit()
            .arg("check")
            .args(&files)
            .args(["--color", colour])
            .output()
            .expect("runs");
        // The junk file and the zip (`check` reads no archives) fail.
        assert_eq!(check.status.code(), Some(1));
        assert_terminal_safe("check stdout", &check.stdout, colour == "always");
        assert_terminal_safe("check stderr", &check.stderr, false);
        // Every hostile run was read and its name shown, escaped.
        let out = String::from_utf8_lossy(&check.stdout);
        assert_eq!(out.matches("  declared ").count(), HOSTILE.len(), "{out}");
        assert!(out.contains(r"\e]0;pwned\x07 recovery run"), "name: {out}");
        assert!(out.contains(r"ok\rRECOVERY recovery run"), "name: {out}");
        assert!(out.contains(r", \e]0;pwned\x07)"), "GPX creator: {out}");
        assert!(out.contains(r"development/\eP+q\e\)"), "FIT product: {out}");
        let err = String::from_utf8_lossy(&check.stderr);
        assert!(err.contains(r"junk\e]2;title\x07.fit: "), "{err}");

        let audit = runaudit()
            .arg("audit")
            .arg(&dir)
            .args(["--color", colour])
            .output()
            .expect("runs");
        assert_eq!(audit.status.code(), Some(1));
        assert_terminal_safe("audit stdout", &audit.stdout, colour == "always");
        assert_terminal_safe("audit stderr", &audit.stderr, false);
        let out = String::from_utf8_lossy(&audit.stdout);
        assert!(
            out.contains(r"=export\e[5m.zip!=cmd\e]0;zip\x07/run\r.gpx"),
            "{out}"
        );
        let err = String::from_utf8_lossy(&audit.stderr);
        assert!(err.contains(r"bad\u{202e}\e[2J.gpx: "), "{err}");
        assert!(err.contains(r"<gpx\e]0;pwned\x07>"), "{err}");
    }
}

/// The CSV's free-text columns, and those that hold a word of runaudit's own (an enum or a
/// time); every other column is a number.
const TEXT_COLUMNS: [&str; 5] = ["file", "intent_text", "reasons", "warnings", "error"];
const WORD_COLUMNS: [&str; 7] = [
    "format",
    "sport",
    "start",
    "verdict",
    "session_type",
    "intent",
    "intent_source",
];

#[test]
fn csv_text_cells_start_no_formula_and_numbers_stay_numbers() {
    let (_tmp, dir) = hostile_folder();
    // Named from inside the folder, so the file column starts with what the names start with.
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let run = runaudit()
        .current_dir(&dir)
        .args(["check", "--format", "csv", "--"])
        .args(&names)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let mut reader = csv::Reader::from_reader(run.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    // 17 hostile runs, the zip (`check` reads no archives) and the junk file.
    assert_eq!(rows.len(), HOSTILE.len() + 2);
    let mut intents = Vec::new();
    for row in &rows {
        for name in TEXT_COLUMNS {
            let cell = row.get(col(name)).unwrap_or_default();
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{name} starts a formula: {cell:?}"
            );
            assert!(!cell.chars().any(unsafe_char), "{name}: {cell:?}");
        }
        let numbers = runaudit::report::csv::COLUMNS
            .iter()
            .filter(|c| !TEXT_COLUMNS.contains(c) && !WORD_COLUMNS.contains(c));
        for name in numbers {
            let cell = row.get(col(name)).unwrap_or_default();
            assert!(
                cell.is_empty() || cell.parse::<f64>().is_ok(),
                "{name} is no number: {cell:?}"
            );
        }
        intents.push(row.get(col("intent_text")).unwrap_or_default().to_string());
    }
    for formula in ["=HYPERLINK(", "+cmd", "-2+3", "@SUM(A1)"] {
        assert!(
            intents
                .iter()
                .any(|i| i.starts_with(&format!("'{formula}"))),
            "{formula} kept behind a quote: {intents:?}"
        );
    }
    let files: Vec<&str> = rows.iter().filter_map(|r| r.get(col("file"))).collect();
    for start in [
        "'=HYPERLINK(",
        "'+cmd",
        "'-2+3",
        "'@SUM(A1)",
        r"'=export\e[5m.zip",
    ] {
        assert!(
            files.iter().any(|f| f.starts_with(start)),
            "{start}: {files:?}"
        );
    }
}

/// The characters XML 1.0 does not allow in a document.
fn xml_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

fn files_below(dir: &Path, ext: &str) -> Vec<PathBuf> {
    runaudit_testkit::fuzz::files_below(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect()
}

#[test]
fn every_svg_and_html_page_is_well_formed() {
    let (tmp, dir) = hostile_folder();
    let out = tmp.path().join("out");
    let run = runaudit()
        .arg("audit")
        .arg(&dir)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let svgs = files_below(&out, "svg");
    // A page per run (17 hostile, one in the zip) and the season.
    assert_eq!(svgs.len(), HOSTILE.len() + 2, "{svgs:?}");
    let mut invalid = Vec::new();
    for svg in &svgs {
        let text = std::fs::read_to_string(svg).expect("UTF-8");
        let parsed = common::well_formed_xml(&text);
        if parsed.is_err() || text.chars().any(xml_forbidden) || text.contains("<script") {
            invalid.push(svg.display().to_string());
        }
    }
    assert!(invalid.is_empty(), "not valid XML: {invalid:#?}");
    let html = std::fs::read_to_string(out.join("index.html")).expect("index");
    assert!(!html.chars().any(xml_forbidden), "index.html");
    assert!(!html.contains("<script"), "index.html");
    // The file name (its slashes dropped) is shown, escaped.
    assert!(
        html.contains("&lt;text&gt;&lt;script&gt;alert(1)"),
        "escaped, not lost"
    );
}

/// The keys (and values) of a profile TOML.
fn keys(text: &str) -> BTreeMap<String, String> {
    let table: toml::Table = toml::from_str(text).expect("the profile parses");
    table
        .into_iter()
        .map(|(k, v)| (k, format!("{v:?}")))
        .collect()
}

#[test]
fn a_newline_in_a_from_path_adds_no_key_to_the_profile() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let plain = tmp.path().join("plain");
    let hostile = tmp.path().join("d\nlthr = 90\n#");
    for dir in [&plain, &hostile] {
        std::fs::create_dir(dir).expect("mkdir");
        for day in 0..6 {
            let bytes = synth_gpx::write(&spec(day * 2).build().activity);
            std::fs::write(dir.join(format!("{day}.gpx")), bytes).expect("write");
        }
    }
    let profile = |dir: &Path| {
        let run = runaudit()
            .args(["profile", "--from"])
            .arg(dir)
            .output()
            .expect("runs");
        assert!(run.status.success(), "{run:?}");
        String::from_utf8(run.stdout).expect("UTF-8")
    };
    let (want, got) = (profile(&plain), profile(&hostile));
    assert_eq!(keys(&got), keys(&want), "{got}");
    assert!(got.contains(r"d\nlthr = 90\n#`"), "{got}");
    // Saved the same way: --save writes the same text to $RUNAUDIT_PROFILE.
    let saved = tmp.path().join("saved.toml");
    let run = runaudit()
        .env("RUNAUDIT_PROFILE", &saved)
        .args(["profile", "--save", "--from"])
        .arg(&hostile)
        .output()
        .expect("runs");
    assert!(run.status.success(), "{run:?}");
    let text = std::fs::read_to_string(&saved).expect("saved");
    assert_eq!(keys(&text), keys(&want), "{text}");
}

/// A Strava export folder whose `activities.csv` names the runs with hostile text and holds a
/// value that does not parse (its warning quotes the value).
fn hostile_export() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("export");
    std::fs::create_dir_all(dir.join("activities")).expect("mkdir");
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record([
        "Activity ID",
        "Activity Date",
        "Activity Name",
        "Activity Type",
        "Activity Description",
        "Filename",
        "Perceived Exertion",
    ])
    .expect("header");
    let rows = [
        ("=cmd|' /C calc'!A0 recovery run", "\x1b]0;pwned\x07", "3"),
        ("\x1b[2J\x1b[H easy run", "ok\rRECOVERY", "\x1b]0;rpe\x07"),
    ];
    for (i, (name, description, rpe)) in rows.iter().enumerate() {
        let file = format!("activities/{i}.gpx");
        let run = spec(i as i64 * 2).build().activity;
        std::fs::write(dir.join(&file), synth_gpx::write(&run)).expect("write");
        let date = start(i as i64 * 2)
            .format("%b %-d, %Y, %-I:%M:%S %p")
            .to_string();
        csv.write_record([
            &format!("{i}"),
            &date,
            *name,
            "Run",
            *description,
            &file,
            *rpe,
        ])
        .expect("row");
    }
    let bytes = csv.into_inner().expect("csv");
    std::fs::write(dir.join("activities.csv"), bytes).expect("write");
    (tmp, dir)
}

#[test]
fn an_exports_own_names_and_warnings_are_escaped_too() {
    let (tmp, dir) = hostile_export();
    let out = tmp.path().join("out");
    let table = runaudit()
        .arg("audit")
        .arg(&dir)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(table.status.success(), "{table:?}");
    assert_terminal_safe("audit stdout", &table.stdout, false);
    assert_terminal_safe("audit stderr", &table.stderr, false);
    let err = String::from_utf8_lossy(&table.stderr);
    assert!(
        err.contains(r"\e]0;rpe\x07"),
        "the bad value is quoted: {err}"
    );
    for svg in files_below(&out, "svg") {
        let text = std::fs::read_to_string(&svg).expect("UTF-8");
        assert!(common::well_formed_xml(&text).is_ok(), "{}", svg.display());
    }
    let csv = runaudit()
        .args(["audit", "--format", "csv"])
        .arg(&dir)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&csv.stdout);
    assert!(
        text.contains(",'=cmd|' /C calc'!A0 recovery run,"),
        "{text}"
    );
    assert!(text.contains(r",\e[2J\e[H easy run,"), "{text}");
    assert!(!text.chars().any(unsafe_char), "{text}");
}
