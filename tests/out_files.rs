//! The files runaudit writes (`audit --out`, `check --svg`, `profile --save`): each written whole
//! by a rename, never through a symbolic link planted in the folder, no temporary file left, and
//! a saved profile created by one writer only unless `--force`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{root, runaudit};

/// Every file under `dir` (a link to a file included) by its path relative to `dir`.
fn tree(dir: &Path) -> BTreeMap<PathBuf, PathBuf> {
    runaudit_testkit::fuzz::files_below(dir)
        .into_iter()
        .map(|p| (p.strip_prefix(dir).expect("below").to_path_buf(), p))
        .collect()
}

fn audit_into(out: &Path) -> assert_cmd::assert::Assert {
    runaudit()
        .current_dir(root())
        .args(["audit", "--profile", "fixtures/season/profile.toml"])
        .args(["--format", "json", "--out"])
        .arg(out)
        .arg("fixtures/season")
        .assert()
}

#[cfg(unix)]
#[test]
fn audit_out_replaces_planted_links_and_leaves_their_targets_alone() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().expect("tempdir");
    let fresh = tmp.path().join("fresh");
    audit_into(&fresh).code(1);
    let expected = tree(&fresh);
    let first_run = expected
        .keys()
        .find(|k| k.starts_with("runs"))
        .expect("a run SVG")
        .clone();

    // The folder an attacker prepared: every file runaudit will write is a link to a file of
    // the victim's.
    let out = tmp.path().join("out");
    let victim = tmp.path().join("victim");
    std::fs::create_dir_all(out.join("runs")).expect("mkdir");
    std::fs::create_dir(&victim).expect("mkdir");
    let planted = [
        PathBuf::from("index.html"),
        PathBuf::from("weeks.csv"),
        PathBuf::from("season.svg"),
        first_run,
    ];
    for (i, rel) in planted.iter().enumerate() {
        let target = victim.join(format!("file{i}"));
        std::fs::write(&target, format!("victim's file {i}\n")).expect("write");
        symlink(&target, out.join(rel)).expect("symlink");
    }

    audit_into(&out).code(1);

    for (i, _) in planted.iter().enumerate() {
        assert_eq!(
            std::fs::read_to_string(victim.join(format!("file{i}"))).expect("read"),
            format!("victim's file {i}\n"),
            "a planted link was written through"
        );
    }
    let written = tree(&out);
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "the same files, no temporary file left"
    );
    for (rel, path) in &written {
        let meta = std::fs::symlink_metadata(path).expect("there");
        assert!(
            meta.file_type().is_file(),
            "{} is not a regular file",
            rel.display()
        );
        assert_eq!(
            std::fs::read(path).expect("read"),
            std::fs::read(&expected[rel]).expect("read"),
            "{}",
            rel.display()
        );
    }
}

#[cfg(unix)]
#[test]
fn a_runs_folder_that_is_a_link_is_refused_before_reading() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir_all(&out).expect("mkdir");
    std::fs::create_dir(&elsewhere).expect("mkdir");
    std::os::unix::fs::symlink(&elsewhere, out.join("runs")).expect("symlink");
    let assert = audit_into(&out).code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert_eq!(
        stderr.lines().count(),
        1,
        "one error, nothing read: {stderr}"
    );
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("runs is a symbolic link"), "{stderr}");
    assert!(
        tree(&elsewhere).is_empty(),
        "nothing written where the link points"
    );
    let left: Vec<_> = std::fs::read_dir(&out)
        .expect("listable")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, ["runs"], "only the link");
    let runs = std::fs::symlink_metadata(out.join("runs")).expect("there");
    assert!(runs.file_type().is_symlink());
}

#[cfg(unix)]
#[test]
fn check_svg_replaces_a_planted_link() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let run = root().join("fixtures/runs/easy-5k.fit");
    let fresh = tmp.path().join("fresh");
    runaudit()
        .args(["check", "--svg"])
        .arg(&fresh)
        .arg(&run)
        .assert()
        .success();
    let expected = tree(&fresh);
    let (name, _) = expected.iter().next().expect("one SVG");
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let victim = tmp.path().join("victim.txt");
    std::fs::write(&victim, "victim\n").expect("write");
    std::os::unix::fs::symlink(&victim, out.join(name)).expect("symlink");
    runaudit()
        .args(["check", "--svg"])
        .arg(&out)
        .arg(&run)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "victim\n");
    let written = tree(&out);
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(std::fs::symlink_metadata(out.join(name))
        .expect("there")
        .file_type()
        .is_file());
    assert_eq!(
        std::fs::read(out.join(name)).expect("read"),
        std::fs::read(&expected[name]).expect("read")
    );
}

/// `profile --save` from eight threads at once, 200 times over, each round into a new place:
/// one creates the profile, seven are told it exists, and the file is whole. The season is an
/// empty folder, so the saves meet (with a look-then-write save, 2 to 5 of them said "saved"
/// within the first 25 rounds).
#[test]
fn of_concurrent_profile_saves_exactly_one_wins() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let season = tmp.path().join("season");
    std::fs::create_dir(&season).expect("mkdir");
    let config = runaudit::cli::profile_config(None, Some(1), &[]);
    let from = [season];
    const WRITERS: usize = 8;
    for round in 0..200 {
        let target = tmp
            .path()
            .join(format!("round{round}"))
            .join("profile.toml");
        let start = std::sync::Barrier::new(WRITERS);
        let results: Vec<Result<(), std::io::Error>> = std::thread::scope(|s| {
            let writers: Vec<_> = (0..WRITERS)
                .map(|_| {
                    let (target, start, config, from) = (&target, &start, &config, &from);
                    s.spawn(move || {
                        start.wait();
                        let (mut out, mut diag) = (Vec::new(), Vec::new());
                        runaudit::infer::profile(
                            from,
                            config,
                            Some(target),
                            false,
                            &mut out,
                            &mut diag,
                        )
                        .map(|_| ())
                    })
                })
                .collect();
            writers
                .into_iter()
                .map(|w| w.join().expect("no panic"))
                .collect()
        });
        let won = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(won, 1, "round {round}: {won} saves said saved");
        for e in results.iter().filter_map(|r| r.as_ref().err()) {
            assert!(e.to_string().contains("add --force"), "{e}");
            assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists, "{e}");
        }
        let text = std::fs::read_to_string(&target).expect("saved");
        let keys: toml::Table = toml::from_str(&text).expect("the saved profile parses");
        assert!(keys.contains_key("units"), "{text}");
        assert!(text.ends_with("# age = 40\n"), "whole: {text}");
    }
}

#[test]
fn profile_save_leaves_no_temporary_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let target = tmp.path().join("conf").join("profile.toml");
    for force in [false, true] {
        let mut cmd = runaudit();
        cmd.env("RUNAUDIT_PROFILE", &target)
            .args(["profile", "--save", "--from"])
            .arg(root().join("fixtures/runs/easy-5k.fit"));
        if force {
            cmd.arg("--force");
        }
        cmd.assert().success();
    }
    let files: Vec<PathBuf> = tree(&tmp.path().join("conf")).into_keys().collect();
    assert_eq!(files, vec![PathBuf::from("profile.toml")]);
}
