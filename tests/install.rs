//! What makes runaudit feel installed: the saved profile and its precedence, `profile --from`,
//! `--generate` (man page and completions), JSON Lines, and paths from stdin.

mod common;

use std::path::{Path, PathBuf};

use common::{root, runaudit};
use serde_json::Value;

/// A home of its own: `XDG_CONFIG_HOME` and `HOME` in a temporary folder.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn saved_profile(&self) -> PathBuf {
        self.dir.path().join("config/runaudit/profile.toml")
    }

    fn save(&self, text: &str) -> PathBuf {
        let p = self.saved_profile();
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    fn runaudit(&self) -> assert_cmd::Command {
        let mut cmd = runaudit();
        cmd.env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("HOME", self.dir.path());
        cmd
    }
}

fn run_file() -> PathBuf {
    root().join("fixtures/runs/easy-5k.fit")
}

/// The JSON a command prints; it may exit 1 (the demo season has broken files on purpose), never 2.
fn json(cmd: &mut assert_cmd::Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn lthr(v: &Value) -> &Value {
    &v[0]["profile"]["runner"]["lthr_bpm"]
}

#[test]
fn the_saved_profile_is_read_and_named_as_the_source() {
    let home = Home::new();
    let saved = home.save("lthr = 172\n");
    let v = json(
        home.runaudit()
            .args(["check", "--format", "json"])
            .arg(run_file()),
    );
    assert_eq!(lthr(&v)["value"], 172.0);
    assert_eq!(lthr(&v)["source"], "profile_file");
    assert_eq!(lthr(&v)["file"], saved.display().to_string());
    // A flag still wins over it.
    let v = json(
        home.runaudit()
            .args(["check", "--format", "json", "--lthr", "165"])
            .arg(run_file()),
    );
    assert_eq!(
        (lthr(&v)["value"].clone(), lthr(&v)["source"].clone()),
        (165.0.into(), "flag".into())
    );
}

#[test]
fn no_profile_ignores_it_and_a_named_profile_replaces_it() {
    let home = Home::new();
    home.save("lthr = 172\n");
    let v = json(
        home.runaudit()
            .args(["check", "--format", "json", "--no-profile"])
            .arg(run_file()),
    );
    assert_eq!(lthr(&v), &Value::Null);
    let named = home.dir.path().join("other.toml");
    std::fs::write(&named, "max_hr = 191\n").unwrap();
    let v = json(
        home.runaudit()
            .args(["check", "--format", "json", "--profile"])
            .arg(&named)
            .arg(run_file()),
    );
    assert_eq!(lthr(&v), &Value::Null, "the saved profile is not merged in");
    assert_eq!(v[0]["profile"]["runner"]["max_hr_bpm"]["value"], 191.0);
    // RUNAUDIT_PROFILE names the file instead of the saved place.
    let v = json(
        home.runaudit()
            .env("RUNAUDIT_PROFILE", &named)
            .args(["check", "--format", "json"])
            .arg(run_file()),
    );
    assert_eq!(
        v[0]["profile"]["runner"]["max_hr_bpm"]["file"],
        named.display().to_string()
    );
}

#[test]
fn a_broken_profile_is_one_error_naming_the_file_and_line() {
    let home = Home::new();
    let saved = home.save("lthr = 172\nmax_hr = \"high\"\n");
    let out = home
        .runaudit()
        .arg("check")
        .arg(run_file())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("error: {}:2: ", saved.display())),
        "{stderr}"
    );
    // A key that is not a profile key is named too.
    home.save("lthr = 172\n\nthreshold_hr = 170\n");
    let out = home
        .runaudit()
        .arg("check")
        .arg(run_file())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(":3: "));
    // A named profile that is not there is an error; a saved one that is not there is not.
    let out = home
        .runaudit()
        .args(["check", "--profile", "/nonexistent/me.toml"])
        .arg(run_file())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let empty = Home::new();
    empty
        .runaudit()
        .arg("check")
        .arg(run_file())
        .assert()
        .success();
}

/// Verdicts of an audit, by file.
fn verdicts(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("verdict").is_some())
        .map(|r| {
            (
                r["file"].as_str().unwrap().to_string(),
                r["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn profile_from_a_season_gives_a_toml_that_profile_accepts() {
    let home = Home::new();
    let season = root().join("fixtures/season");
    let out = home
        .runaudit()
        .args(["profile", "--from"])
        .arg(&season)
        .output()
        .unwrap();
    // The season holds broken files on purpose: named on stderr, exit 1, the profile still printed.
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let keys: toml::Table = toml::from_str(&text).expect("valid TOML");
    let pace = keys["normal_pace"].as_str().unwrap().to_string();
    let max_hr = keys["max_hr"].as_integer().unwrap();
    assert!(
        pace.ends_with("/km") && (150..=220).contains(&max_hr),
        "{text}"
    );
    let file = home.dir.path().join("inferred.toml");
    std::fs::write(&file, &text).unwrap();
    let with_file = json(
        home.runaudit()
            .args(["audit", "--format", "json", "--profile"])
            .arg(&file)
            .arg(&season),
    );
    let with_flags = json(
        home.runaudit()
            .args([
                "audit",
                "--format",
                "json",
                "--normal-pace",
                &pace,
                "--max-hr",
            ])
            .arg(max_hr.to_string())
            .arg(&season),
    );
    assert_eq!(verdicts(&with_file), verdicts(&with_flags));
    assert!(verdicts(&with_file).len() >= 40);
}

#[test]
fn profile_save_writes_the_saved_profile_and_never_overwrites_without_force() {
    let home = Home::new();
    let season = root().join("fixtures/season");
    let save = |force: bool| {
        let mut cmd = home.runaudit();
        cmd.args(["profile", "--save", "--from"]).arg(&season);
        if force {
            cmd.arg("--force");
        }
        cmd.output().unwrap()
    };
    save(false);
    let saved = std::fs::read_to_string(home.saved_profile()).expect("saved");
    assert!(saved.contains("normal_pace = "));
    home.save("lthr = 172\n");
    let out = save(false);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(home.saved_profile()).unwrap(),
        "lthr = 172\n"
    );
    save(true);
    assert!(std::fs::read_to_string(home.saved_profile())
        .unwrap()
        .contains("normal_pace = "));
}

fn generated(kind: &str) -> String {
    let out = runaudit().args(["--generate", kind]).output().unwrap();
    assert!(out.status.success(), "{kind}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn generated_completions_and_man_page_parse() {
    let bash = generated("complete-bash");
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("runaudit.bash");
    std::fs::write(&script, &bash).unwrap();
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .unwrap();
    assert!(status.success(), "bash -n on the completion");
    for kind in [
        "complete-zsh",
        "complete-fish",
        "complete-powershell",
        "complete-bash",
    ] {
        let text = generated(kind);
        for word in ["check", "audit", "profile", "normal-pace"] {
            assert!(text.contains(word), "{kind} lacks {word}");
        }
    }
    let man = generated("man");
    assert!(
        man.starts_with(".ie") || man.contains(".TH runaudit 1"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert!(man.contains(".SH NAME") && man.contains(".SH SUBCOMMANDS"));
    runaudit()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("runaudit {}\n", env!("CARGO_PKG_VERSION")));
}

fn lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line one JSON object"))
        .collect()
}

#[test]
fn json_lines_are_the_json_objects_one_per_line() {
    let season = root().join("fixtures/season");
    let profile = season.join("profile.toml");
    let run = |format: &str| {
        runaudit()
            .args(["audit", "--format", format, "--profile"])
            .arg(&profile)
            .arg(&season)
            .output()
            .unwrap()
    };
    let array: Value = serde_json::from_slice(&run("json").stdout).unwrap();
    let jsonl = run("jsonl");
    assert_eq!(jsonl.status.code(), Some(1), "the season's broken files");
    assert_eq!(Value::Array(lines(&jsonl.stdout)), array);
    // check: each file judged on its own, in the order given; errors are lines too.
    let files: Vec<PathBuf> = ["easy-5k.fit", "recovery.gpx", "tempo.tcx"]
        .iter()
        .map(|f| root().join("fixtures/runs").join(f))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.fit");
    std::fs::write(&broken, b"not a fit file").unwrap();
    let mut all = files.clone();
    all.insert(1, broken.clone());
    let out = runaudit()
        .args([
            "check",
            "--format",
            "jsonl",
            "-j",
            "2",
            "--max-hr",
            "190",
            "--normal-pace",
            "5:30/km",
        ])
        .args(&all)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 4);
    assert_eq!(got[1]["file"], broken.display().to_string());
    assert!(got[1]["error"].is_string());
    for (line, file) in [&got[0], &got[2], &got[3]].into_iter().zip(&files) {
        let alone: Value = serde_json::from_slice(
            &runaudit()
                .args([
                    "check",
                    "--format",
                    "json",
                    "--max-hr",
                    "190",
                    "--normal-pace",
                    "5:30/km",
                ])
                .arg(file)
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        assert_eq!(line, &alone[0]);
    }
}

#[test]
fn a_dash_reads_paths_from_stdin() {
    let files = ["easy-5k.fit", "tempo.tcx"].map(|f| root().join("fixtures/runs").join(f));
    let stdin = files
        .iter()
        .map(|f| format!("{}\n", f.display()))
        .collect::<String>()
        + "\n";
    let from_stdin = runaudit()
        .args(["check", "--format", "json", "-"])
        .write_stdin(stdin)
        .output()
        .unwrap();
    let from_args = runaudit()
        .args(["check", "--format", "json"])
        .args(&files)
        .output()
        .unwrap();
    assert!(from_stdin.status.success());
    assert_eq!(from_stdin.stdout, from_args.stdout);
    let v: Value = serde_json::from_slice(&from_stdin.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(2));
}

#[test]
fn the_crate_ships_without_the_shared_fixtures() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let table: toml::Table = toml::from_str(&manifest).unwrap();
    let include = table["package"]["include"]
        .as_array()
        .expect("an include list");
    for pattern in include {
        let p = pattern.as_str().unwrap();
        assert!(!p.contains("shared") && !p.starts_with("tests"), "{p}");
    }
    assert!(Path::new(&root().join("src/main.rs")).is_file());
}
