//! The demo squad's pages (`team --out`: the team page and each athlete's season report) in a
//! real browser: headless Chromium loads every page, a console message (a script error) or a
//! link that does not resolve fails, and a screenshot of each page is kept in `target/browser/`.
//! Skipped without Chromium, unless `RUNAUDIT_REQUIRE_BROWSER=1` (set by `.ci/run`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{broken_links, root, runaudit};

/// The browser, when one is installed.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// What a page load said: the console messages Chromium logged (our pages run no script, so
/// any is a fault) and whether the screenshot was written.
struct Load {
    console: Vec<String>,
    screenshot_bytes: u64,
}

/// Loads `page` headless and writes its screenshot to `png`.
fn load(browser: &Path, page: &Path, png: &Path, profile: &Path) -> Load {
    let url = format!("file://{}", page.display());
    let out = Command::new(browser)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--hide-scrollbars",
            "--window-size=1280,2000",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(out.status.success(), "{url}: chromium failed: {out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    Load {
        console: stderr
            .lines()
            .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
            .map(str::to_string)
            .collect(),
        screenshot_bytes: std::fs::metadata(png).map_or(0, |m| m.len()),
    }
}

#[test]
fn the_demo_squads_pages_load_in_chromium_without_errors_and_every_link_resolves() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("RUNAUDIT_REQUIRE_BROWSER").is_none_or(|v| v != "1"),
            "RUNAUDIT_REQUIRE_BROWSER=1 but no chromium on PATH"
        );
        eprintln!("browser test skipped: no chromium on PATH");
        return;
    };
    let shots = root().join("target/browser");
    let out = shots.join("squad");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&shots).expect("target/browser");
    let profile = tempfile::tempdir().expect("tempdir");

    // The detector itself: a page with a script error is caught.
    let bad = profile.path().join("bad.html");
    std::fs::write(&bad, "<!DOCTYPE html><p>x</p><script>nope();</script>").expect("write");
    let caught = load(
        &browser,
        &bad,
        &profile.path().join("bad.png"),
        profile.path(),
    );
    assert!(!caught.console.is_empty(), "a script error went unseen");

    runaudit()
        .current_dir(root())
        .args(["team", "fixtures/squad", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(broken_links(&out), Vec::new());
    let mut pages: Vec<PathBuf> = runaudit_testkit::fuzz::files_below(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 4, "the team page and three athletes' pages");
    for page in &pages {
        let rel = page.strip_prefix(&out).expect("below");
        let name = rel.to_string_lossy().replace(['/', '\\'], "_");
        let png = shots.join(name.replace(".html", ".png"));
        let got = load(&browser, page, &png, profile.path());
        assert_eq!(got.console, Vec::<String>::new(), "{}", rel.display());
        assert!(
            got.screenshot_bytes > 10_000,
            "{}: no screenshot",
            rel.display()
        );
    }
}
