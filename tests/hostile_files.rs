//! Issue 22 item 6: only regular files are opened. A FIFO among activity files, named like an
//! export zip, a sidecar or the profile is named and skipped at once (and fails the exit code)
//! while the other files are reported; a symlink to a regular file is read as the file.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::time::Duration;

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Stops a hang from hanging the test suite: a FIFO that is opened blocks for ever.
const LIMIT: Duration = Duration::from_secs(60);

#[test]
fn fifos_in_a_folder_are_named_and_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::write(root.join("good.fit"), common::good_fit()).expect("write");
    let fitness = root.join("DI_CONNECT/DI-Connect-Fitness");
    std::fs::create_dir_all(&fitness).expect("folders");
    for fifo in ["stuck.fit", "export.zip", "activities.csv"] {
        mkfifo(&root.join(fifo));
    }
    mkfifo(&fitness.join("me_summarizedActivities.json"));
    let out = common::runaudit()
        .args(["audit", "--color", "never"])
        .arg(root)
        .timeout(LIMIT)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for fifo in [
        "stuck.fit",
        "export.zip",
        "activities.csv",
        "me_summarizedActivities.json",
    ] {
        let line = stderr.lines().find(|l| l.contains(fifo));
        assert!(
            line.is_some_and(|l| l.contains("not a regular file but a FIFO (named pipe)")),
            "{fifo}: {stderr}"
        );
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("good.fit"), "{stdout}");
}

#[test]
fn a_fifo_named_on_the_command_line_is_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.fit");
    let link = dir.path().join("link.fit");
    let fifo = dir.path().join("stuck.gpx");
    std::fs::write(&good, common::good_fit()).expect("write");
    std::os::unix::fs::symlink(&good, &link).expect("symlink");
    mkfifo(&fifo);
    let out = common::runaudit()
        .args(["check", "--color", "never", "--format", "json"])
        .arg(&link)
        .arg(&fifo)
        .timeout(LIMIT)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("stuck.gpx: not a regular file but a FIFO (named pipe); skipped"),
        "{stderr}"
    );
    // The symlink to a regular file is read.
    assert!(String::from_utf8_lossy(&out.stdout).contains("link.fit"));
}

#[test]
fn a_fifo_as_the_profile_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.fit");
    let profile = dir.path().join("profile.toml");
    std::fs::write(&good, common::good_fit()).expect("write");
    mkfifo(&profile);
    let out = common::runaudit()
        .args(["check", "--color", "never", "--profile"])
        .arg(&profile)
        .arg(&good)
        .timeout(LIMIT)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(
        out.status.code().is_some(),
        "killed by the timeout: {stderr}"
    );
    assert!(
        stderr.contains("profile.toml: not a regular file but a FIFO (named pipe)"),
        "{stderr}"
    );
}
