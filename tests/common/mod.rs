//! Helpers shared by the end-to-end tests: the built binary, the real fixtures beside the checkout
//! and their `reference.tsv`.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The `runaudit` binary under test, blind to the developer's own saved profile: the config
/// folder points at an empty place and `RUNAUDIT_PROFILE` is unset.
pub fn runaudit() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("runaudit").expect("binary built");
    let nowhere = root().join("target/no-config-home");
    cmd.env_remove("NO_COLOR")
        .env_remove("RUNAUDIT_PROFILE")
        .env("XDG_CONFIG_HOME", &nowhere)
        .env("HOME", &nowhere);
    cmd
}

/// What a runaudit command given `--format json` prints, parsed.
pub fn json(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    let out = cmd.output().expect("runaudit runs");
    serde_json::from_slice(&out.stdout).expect("runaudit prints JSON")
}

/// The file name at the end of a `file` path as runaudit prints it.
pub fn file_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/fixtures/real`, or `None` (with a plain message) when this clone has no `../shared`.
/// CI sets `CI=true`, and there the folder must exist.
pub fn real_fixtures(test: &str) -> Option<PathBuf> {
    let dir = root().join("../shared/fixtures/real");
    if dir.join("reference.tsv").is_file() {
        Some(dir)
    } else if std::env::var_os("CI").is_some() {
        panic!("{test}: ../shared/fixtures/real is missing in CI");
    } else {
        // Straight to stderr, past the test harness's output capture, so a plain `cargo test`
        // shows which tests did not run.
        let _ = writeln!(
            std::io::stderr().lock(),
            "{test}: skipped: ../shared/fixtures/real not found beside the checkout"
        );
        None
    }
}

/// Every `.fit` file below `dir`, sorted.
pub fn fit_files(dir: &Path) -> Vec<PathBuf> {
    runaudit_testkit::fuzz::files_below(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("fit")))
        .collect()
}

/// One row of `reference.tsv`, by column name.
#[derive(Debug, Clone)]
pub struct RefRow(pub HashMap<String, String>);

impl RefRow {
    /// The raw cell, empty when absent.
    pub fn get(&self, col: &str) -> &str {
        self.0.get(col).map(String::as_str).unwrap_or("")
    }
    /// The cell as a number, if it is one.
    pub fn num(&self, col: &str) -> Option<f64> {
        self.get(col).parse().ok()
    }
}

/// All rows of `reference.tsv`.
pub fn reference_rows(dir: &Path) -> Vec<RefRow> {
    let text = std::fs::read_to_string(dir.join("reference.tsv")).expect("reference.tsv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    lines
        .map(|line| {
            RefRow(
                header
                    .iter()
                    .zip(line.split('\t'))
                    .map(|(h, v)| (h.to_string(), v.to_string()))
                    .collect(),
            )
        })
        .collect()
}

/// Parses an RFC 3339 time from the reference (a time without zone is UTC, as the parsers wrote).
pub fn ref_time(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&chrono::Utc))
        .ok()
        .or_else(|| {
            chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(|n| n.and_utc())
        })
}

/// `Ok` when `text` is well-formed XML (every element closed, every entity known), else where
/// and why not.
pub fn well_formed_xml(text: &str) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return Ok(()),
            Ok(quick_xml::events::Event::GeneralRef(r)) => {
                let known = matches!(r.resolve_char_ref(), Ok(Some(_)))
                    || matches!(&*r, "amp" | "lt" | "gt" | "quot" | "apos");
                if !known {
                    return Err(format!("unknown entity &{};", &*r));
                }
            }
            Ok(_) => {}
            Err(e) => {
                return Err(format!(
                    "not well-formed at byte {}: {e}",
                    reader.buffer_position()
                ))
            }
        }
    }
}

/// A good 10-minute FIT run with heart rate, to stand beside a hostile input in a batch.
pub fn good_fit() -> Vec<u8> {
    use chrono::TimeZone;
    use runaudit_testkit::{fit, Hr, RunSpec};
    let start = chrono::Utc.with_ymd_and_hms(2024, 3, 1, 7, 0, 0).single();
    let synth = RunSpec::new(start.unwrap_or_default())
        .run(600, 2.8, Hr::Ramp(130, 140))
        .build();
    fit::write(&synth.activity)
}

/// Every `href="..."` and `src="..."` value of an HTML page, entities `&amp;` undone.
pub fn page_links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            rest = &rest[at + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// The links of every `.html` page under `dir` that do not resolve to a file: (page, link).
/// A link with a scheme (`http:`, `file:`) counts as broken: the pages are for the file system.
pub fn broken_links(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut broken = Vec::new();
    for page in runaudit_testkit::fuzz::files_below(dir) {
        if page.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(&page).expect("page reads");
        let base = page.parent().expect("page has a folder");
        for link in page_links(&html) {
            let path = link.split('#').next().unwrap_or("");
            let ok = !path.is_empty() && !path.contains(':') && base.join(path).is_file();
            if !ok {
                broken.push((page.clone(), link));
            }
        }
    }
    broken
}
