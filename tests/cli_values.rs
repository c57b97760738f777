//! Command-line values at their edges: paths on stdin taken as bytes (a name that is not UTF-8,
//! NUL-separated lists), and `-j` far beyond the inputs.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{root, runaudit};
use serde_json::Value;

fn runs(stdout: &[u8]) -> Vec<Value> {
    let v: Value = serde_json::from_slice(stdout).expect("JSON on stdout");
    v.as_array().expect("an array").clone()
}

fn fixture(name: &str) -> PathBuf {
    root().join("fixtures/runs").join(name)
}

/// `runaudit ARGS -` with `stdin`.
fn with_stdin(args: &[&str], stdin: Vec<u8>) -> std::process::Output {
    runaudit()
        .args(args)
        .arg("-")
        .write_stdin(stdin)
        .output()
        .expect("ran")
}

fn assert_success(out: &std::process::Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
}

#[cfg(unix)]
fn bytes(p: &Path) -> &[u8] {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes()
}

/// A copy of `name` in `dir` under a name that is not UTF-8.
#[cfg(unix)]
fn not_utf8_copy(dir: &Path, name: &str) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    let path = dir.join(std::ffi::OsStr::from_bytes(b"run-\xff\xfe.fit"));
    std::fs::copy(fixture(name), &path).expect("copy");
    path
}

#[cfg(unix)]
#[test]
fn a_stdin_path_that_is_not_utf8_is_read_with_the_others() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let odd = not_utf8_copy(tmp.path(), "easy-5k.fit");
    let stdin = [bytes(&fixture("tempo.tcx")), b"\n", bytes(&odd), b"\n"].concat();
    let out = with_stdin(&["check", "--format", "json"], stdin);
    assert_success(&out);
    assert_eq!(runs(&out.stdout).len(), 2);
}

#[cfg(unix)]
#[test]
fn a_missing_stdin_path_that_is_not_utf8_is_one_error_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let missing = [bytes(tmp.path()), b"/gone-\xff.fit"].concat();
    let stdin = [&missing[..], b"\n", bytes(&fixture("tempo.tcx")), b"\n"].concat();
    let out = with_stdin(&["check", "--format", "json"], stdin);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("gone-"), "{stderr}");
    let entries = runs(&out.stdout);
    assert_eq!(entries.len(), 2, "the error entry and the run");
    assert_eq!(
        entries.iter().filter(|e| e.get("error").is_some()).count(),
        1
    );
}

#[cfg(unix)]
#[test]
fn nul_separated_stdin_paths_may_hold_a_newline() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("morning\nruns");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::copy(fixture("easy-5k.fit"), dir.join("easy-5k.fit")).expect("copy");
    let stdin = [bytes(&dir), b"\0", bytes(&fixture("tempo.tcx")), b"\0"].concat();
    let out = with_stdin(&["audit", "--format", "json"], stdin);
    assert_success(&out);
    assert_eq!(runs(&out.stdout).len(), 2);
}

/// `-j 65535` on two files: two workers, not 65,535 threads started first (which took minutes).
/// The limit is a hang guard, far above the second this takes.
#[test]
fn a_huge_thread_count_is_capped_at_the_inputs() {
    let files = [fixture("easy-5k.fit"), fixture("tempo.tcx")];
    let run = |threads: &str| {
        runaudit()
            .args(["check", "--format", "json", "-j", threads])
            .args(&files)
            .timeout(Duration::from_secs(60))
            .output()
            .expect("ran")
    };
    let huge = run("65535");
    assert_success(&huge);
    assert_eq!(huge.stdout, run("1").stdout);
}
