//! `runaudit team` on the demo squad (`fixtures/squad`): each athlete judged exactly as `audit` of
//! their folder alone, the coach's table as expected, the machine formats carrying the athlete,
//! the pages' links resolving, and hostile athlete names kept inside the output folder.

mod common;

use common::{broken_links, root, runaudit};
use serde_json::Value;

const SQUAD: &str = "fixtures/squad";
const ATHLETES: [&str; 3] = ["ana", "ben", "cleo"];

fn team(args: &[&str]) -> String {
    let out = runaudit()
        .current_dir(root())
        .args(["team", SQUAD, "--color", "never"])
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// `audit` of one athlete's folder alone, with their profile file when they have one.
fn solo(athlete: &str) -> Value {
    let dir = format!("{SQUAD}/{athlete}");
    let profile = format!("{dir}/profile.toml");
    let mut cmd = runaudit();
    cmd.current_dir(root()).args(["audit", "--format", "json"]);
    if root().join(&profile).is_file() {
        cmd.args(["--profile", &profile]);
    } else {
        cmd.arg("--no-profile");
    }
    let out = cmd.arg(&dir).output().expect("runs");
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn each_athlete_is_judged_exactly_as_their_solo_audit() {
    let doc: Value = serde_json::from_str(&team(&["--format", "json"])).expect("json");
    let athletes = doc["athletes"].as_array().expect("athletes");
    assert_eq!(athletes.len(), 3);
    for (a, name) in athletes.iter().zip(ATHLETES) {
        assert_eq!(a["athlete"], name);
        let runs = &a["runs"];
        assert!(runs.as_array().is_some_and(|r| r.len() >= 15), "{name}");
        assert_eq!(runs, &solo(name), "{name}: team and solo audit differ");
        assert!(a["summary"]["weeks"].is_array());
    }
    // ana strings hard days; ben recovers; cleo has no heart rate and nothing this week.
    let attention = |i: usize| athletes[i]["summary"]["attention"].clone();
    assert_eq!(
        attention(0),
        serde_json::json!([
            "hard_after_hard",
            "no_recovery_after_hard",
            "meant_recovery_was_not"
        ])
    );
    assert_eq!(attention(1), serde_json::json!([]));
    assert_eq!(attention(2), serde_json::json!(["no_data_this_week"]));
    assert_eq!(doc["today"], "2026-11-29");
}

#[test]
fn the_demo_squads_table_is_the_expected_one() {
    let table = team(&[]);
    let expected_path = root().join("tests/expected/team_table.txt");
    if std::env::var_os("RUNAUDIT_BLESS_TEAM").is_some() {
        std::fs::write(&expected_path, &table).expect("written");
    }
    let expected = std::fs::read_to_string(&expected_path).expect("expected table");
    assert_eq!(table, expected, "RUNAUDIT_BLESS_TEAM=1 rewrites it");
    // At most about 15 lines per athlete (blank lines between blocks aside).
    for block in table.split("\n\n").filter(|b| !b.starts_with("Squad")) {
        assert!(block.lines().count() <= 15, "{block}");
    }
}

#[test]
fn weeks_and_today_set_the_window() {
    let t = team(&["--weeks", "2", "--today", "2026-11-19"]);
    assert!(
        t.starts_with("Squad 2026-11-09 to 2026-11-19 (2 weeks;"),
        "{t}"
    );
    // On Thu 19 Nov cleo had run that week: nobody lacks data.
    assert!(t.contains("  no data this week            nobody"), "{t}");
}

#[test]
fn csv_and_jsonl_carry_the_athlete_on_every_run() {
    let csv = team(&["--format", "csv"]);
    let mut lines = csv.lines();
    assert!(lines.next().is_some_and(|h| h.starts_with("athlete,file,")));
    let rows: Vec<&str> = lines.collect();
    let jsonl = team(&["--format", "jsonl"]);
    let objects: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(rows.len(), objects.len());
    for name in ATHLETES {
        let solo_runs = solo(name).as_array().map_or(0, Vec::len);
        assert_eq!(
            rows.iter()
                .filter(|r| r.starts_with(&format!("{name},")))
                .count(),
            solo_runs
        );
        let mine: Vec<&Value> = objects.iter().filter(|o| o["athlete"] == name).collect();
        assert_eq!(mine.len(), solo_runs);
        assert!(mine.iter().all(|o| o["file"]
            .as_str()
            .is_some_and(|f| f.contains(&format!("/{name}/")))));
    }
}

#[test]
fn out_writes_the_team_page_and_each_athletes_season_and_every_link_resolves() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("report");
    team(&["--out", out.to_str().expect("utf-8")]);
    let index = std::fs::read_to_string(out.join("index.html")).expect("team page");
    for name in ATHLETES {
        assert!(
            index.contains(&format!("href=\"{name}/index.html\"")),
            "{name}"
        );
        for f in ["index.html", "season.svg", "weeks.csv"] {
            assert!(out.join(name).join(f).is_file(), "{name}/{f}");
        }
        assert!(out
            .join(name)
            .join("runs")
            .read_dir()
            .is_ok_and(|mut d| d.next().is_some()));
    }
    assert!(!index.contains("<script"), "no script needed");
    assert_eq!(broken_links(&out), Vec::new());
}

#[test]
fn hostile_names_from_team_toml_stay_inside_and_are_escaped() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let squad = tmp.path().join("squad");
    std::fs::create_dir(&squad).expect("mkdir");
    let ben = root().join(SQUAD).join("ben");
    std::fs::write(
        squad.join("team.toml"),
        format!(
            "[[athlete]]\nname = \"../../escape <b>\\u001b[31m\"\npath = {:?}\n\
             [[athlete]]\nname = \"=cmd|' /C calc'!A0\"\npath = {:?}\n",
            ben.display().to_string(),
            ben.display().to_string()
        ),
    )
    .expect("team.toml");
    let out = tmp.path().join("report");
    let run = |format: &str| {
        runaudit()
            .args(["team", "--color", "never", "--format", format, "--out"])
            .arg(&out)
            .arg(&squad)
            .output()
            .expect("runs")
    };
    let table = run("table");
    assert!(table.status.success());
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(!text.contains('\x1b'), "{text}");
    assert!(text.contains(r"../../escape <b>\e[31m"), "{text}");
    // Everything written is below the output folder, in one slugged folder per athlete.
    let mut top: Vec<String> = std::fs::read_dir(&out)
        .expect("out")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    top.sort();
    assert_eq!(top, ["cmd-c-calc-a0", "escape-b-31m", "index.html"]);
    assert_eq!(
        std::fs::read_dir(tmp.path()).expect("tmp").count(),
        2,
        "nothing beside squad/ and report/"
    );
    let page = std::fs::read_to_string(out.join("index.html")).expect("page");
    assert!(page.contains("../../escape &lt;b&gt;[31m"), "{page}");
    assert!(!page.contains("<b>"));
    let csv = run("csv");
    let text = String::from_utf8_lossy(&csv.stdout);
    assert!(text.contains("\n'=cmd|"), "{text}");
    assert_eq!(broken_links(&out), Vec::new());
}

#[test]
fn a_squad_folder_without_athletes_is_a_usage_error_naming_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = runaudit()
        .args(["team"])
        .arg(tmp.path())
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no athletes"), "{err}");
}

#[test]
fn the_real_files_as_a_squad_are_judged_as_each_folder_alone() {
    // Each project folder of ../shared/fixtures/real is one "athlete": real devices' files,
    // damaged ones included; each folder's runs must be what its solo audit gives.
    let Some(real) = common::real_fixtures("the_real_files_as_a_squad") else {
        return;
    };
    let out = runaudit()
        .args(["team", "--format", "json"])
        .arg(&real)
        .output()
        .expect("runs");
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    let athletes = doc["athletes"].as_array().expect("athletes");
    assert!(athletes.len() >= 5, "{}", athletes.len());
    for a in athletes {
        let name = a["athlete"].as_str().expect("name");
        let solo = runaudit()
            .args(["audit", "--no-profile", "--format", "json"])
            .arg(real.join(name))
            .output()
            .expect("runs");
        let solo: Value = serde_json::from_slice(&solo.stdout).expect("json");
        assert_eq!(a["runs"], solo, "{name}");
    }
}
