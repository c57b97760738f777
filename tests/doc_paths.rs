//! The docs point only at what a clone has: every repository path named in the README, `docs/`
//! and the comments of the Rust sources exists, every relative link and its heading resolve, the
//! files a module doc names beside it exist, and no source cites a file outside the repository.

use std::fs;
use std::path::{Path, PathBuf};

/// Where a path in the docs may start; a token starting otherwise is not a repository path.
const REPO_DIRS: &[&str] = &[
    "src/",
    "docs/",
    "tests/",
    "testkit/",
    "benches/",
    "examples/",
    "fixtures/",
    "fuzz/",
    "scripts/",
    ".ci/",
];

/// Paths the docs name that a build or a campaign makes, not a clone.
const GENERATED: &[&str] = &["fuzz/artifacts"];

/// The real device files, the one place outside the repository the docs may name: tests read
/// them when they are there and say they were skipped when not.
const REAL_FILES: &str = "../shared/fixtures/real";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file below `dir` (relative to the root) ending in `ext`, skipping build output.
fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root().join(dir)];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let name = e.file_name();
            if p.is_dir() {
                if !matches!(name.to_str(), Some("target" | "corpus" | ".git")) {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn rel(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

/// The `inline code` spans of a line.
fn code_spans(line: &str) -> impl Iterator<Item = &str> {
    line.split('`').skip(1).step_by(2)
}

/// A repository path as the docs write it (`src/read/`, `docs/speed.md#runs`,
/// `src/report/csv.rs:12`), when the span is one; globs and placeholders are not.
fn repo_path(span: &str) -> Option<&str> {
    if !REPO_DIRS.iter().any(|d| span.starts_with(d)) || span.contains(char::is_whitespace) {
        return None;
    }
    if span.contains(['*', '<', '{']) || span.contains("...") {
        return None;
    }
    let path = span.split(['#', ':']).next().unwrap_or(span);
    Some(path.trim_end_matches('/'))
}

fn exists(path: &str) -> bool {
    GENERATED.contains(&path) || root().join(path).exists()
}

/// GitHub's anchor for a heading: lower case, spaces to `-`, other punctuation dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The lines of a markdown text outside fenced code blocks.
fn prose(text: &str) -> Vec<&str> {
    let mut fenced = false;
    text.lines()
        .filter(|l| {
            if l.trim_start().starts_with("```") {
                fenced = !fenced;
                return false;
            }
            !fenced
        })
        .collect()
}

fn anchors(md: &Path) -> Vec<String> {
    let text = fs::read_to_string(md).unwrap_or_default();
    prose(&text)
        .into_iter()
        .filter_map(|l| l.strip_prefix('#'))
        .map(|h| anchor(h.trim_start_matches('#')))
        .collect()
}

/// The targets of the `[text](target)` links of a line.
fn link_targets(line: &str) -> impl Iterator<Item = &str> {
    line.split("](").skip(1).filter_map(|s| s.split(')').next())
}

fn markdown_files() -> Vec<PathBuf> {
    let mut md = vec![root().join("README.md")];
    md.extend(files("docs", "md"));
    md
}

#[test]
fn the_docs_have_a_design_and_the_records() {
    for f in [
        "design.md",
        "numbers.md",
        "bad-files.md",
        "speed.md",
        "fuzzing.md",
    ] {
        assert!(root().join("docs").join(f).is_file(), "docs/{f} is missing");
    }
}

#[test]
fn paths_and_links_in_the_markdown_exist() {
    let mut missing = Vec::new();
    for md in markdown_files() {
        let text = fs::read_to_string(&md).expect("readable markdown");
        for line in prose(&text) {
            if cites_outside(line) {
                missing.push(format!("{}: cites a file outside the repository", rel(&md)));
            }
            for span in code_spans(line) {
                if let Some(path) = repo_path(span).filter(|p| !exists(p)) {
                    missing.push(format!("{}: `{path}`", rel(&md)));
                }
            }
            for target in link_targets(line).filter(|t| !t.contains("://")) {
                let (file, heading) = target.split_once('#').unwrap_or((target, ""));
                let dir = md.parent().unwrap_or(Path::new("."));
                let file = if file.is_empty() {
                    md.clone()
                } else {
                    dir.join(file)
                };
                if !file.exists() {
                    missing.push(format!("{}: link {target}", rel(&md)));
                } else if !heading.is_empty() && !anchors(&file).iter().any(|a| a == heading) {
                    missing.push(format!("{}: no heading for {target}", rel(&md)));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn source_comments_name_only_files_the_repository_has() {
    let mut wrong = Vec::new();
    for dir in ["src", "testkit/src", "tests", "benches", "examples"] {
        for file in files(dir, "rs") {
            let text = fs::read_to_string(&file).expect("readable source");
            let here = file.parent().unwrap_or(Path::new("."));
            for (i, line) in text.lines().enumerate() {
                let comment = line.trim_start();
                if !comment.starts_with("//") {
                    continue;
                }
                let at = format!("{}:{}", rel(&file), i + 1);
                if cites_outside(comment) {
                    wrong.push(format!("{at}: cites a file outside the repository"));
                }
                for span in code_spans(comment) {
                    if let Some(path) = repo_path(span) {
                        if !exists(path) {
                            wrong.push(format!("{at}: `{path}` does not exist"));
                        }
                    } else if comment.starts_with("//!") && is_module_file(span) {
                        // A module doc names the files of its own folder or its parent's.
                        let beside = [Some(here), here.parent()]
                            .into_iter()
                            .flatten()
                            .any(|d| d.join(span).exists());
                        if !beside {
                            wrong.push(format!("{at}: `{span}` is not beside it"));
                        }
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Whether a line names the old shared design or anything beside the checkout but the real
/// device files.
fn cites_outside(line: &str) -> bool {
    line.contains("DESIGN.md") || line.contains("../shared") && !line.contains(REAL_FILES)
}

/// `walk.rs`, `adapter/texts.rs`: a Rust file named relative to a module.
fn is_module_file(span: &str) -> bool {
    span.ends_with(".rs")
        && span
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '/' | '.'))
}

#[test]
fn the_checks_catch_what_they_look_for() {
    assert_eq!(repo_path("src/read/fit/"), Some("src/read/fit"));
    assert_eq!(
        repo_path("docs/numbers.md#elevation-gain"),
        Some("docs/numbers.md")
    );
    assert_eq!(repo_path("fuzz/corpus/<target>/seed-*"), None);
    assert_eq!(repo_path("runs/"), None);
    assert!(exists("src/read/fit/adapter/mod.rs"));
    assert!(!exists("src/read/fit/adapter.rs"));
    assert!(is_module_file("adapter/texts.rs") && !is_module_file("Cargo.toml"));
    assert!(cites_outside("Details: `../shared/DESIGN.md`."));
    assert!(!cites_outside("files in `../shared/fixtures/real`"));
    assert_eq!(
        anchor(" Repairs that change the numbers"),
        "repairs-that-change-the-numbers"
    );
    assert_eq!(
        anchor("JSON, JSON Lines and CSV"),
        "json-json-lines-and-csv"
    );
    let line = "see [numbers](docs/numbers.md#elevation-gain) and [w](https://x.org)";
    assert_eq!(
        link_targets(line).collect::<Vec<_>>(),
        ["docs/numbers.md#elevation-gain", "https://x.org"]
    );
}
