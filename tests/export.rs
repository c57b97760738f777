//! Bulk exports end to end: the demo season as a Strava export zip and as a Garmin Connect export
//! (summaries in `DI_CONNECT`, FIT files in an uploaded-files zip inside) give the same intents,
//! RPE and session types as the loose folder; a broken `activities.csv` costs no run.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use common::{root, runaudit};
use serde_json::{json, Value};
use zip::write::SimpleFileOptions;

fn audit(path: &Path) -> (Option<i32>, Value, String) {
    let out = runaudit()
        .arg("audit")
        .arg(path)
        .arg("--profile")
        .arg(root().join("fixtures/season/profile.toml"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    (
        out.status.code(),
        serde_json::from_slice(&out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// File name → (intent label, RPE, session type, verdict) for every run read.
fn by_file(v: &Value) -> BTreeMap<String, (Value, Value, Value, Value)> {
    v.as_array()
        .unwrap()
        .iter()
        .filter(|e| e.get("error").is_none())
        .map(|e| {
            let name = e["file"]
                .as_str()
                .unwrap()
                .rsplit(['/', '!'])
                .next()
                .unwrap();
            (
                name.to_string(),
                (
                    e["intent"]["label"].clone(),
                    e["rpe"]["value"].clone(),
                    e["session_type"].clone(),
                    e["verdict"].clone(),
                ),
            )
        })
        .collect()
}

fn stored() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)
}

#[test]
fn a_strava_export_zip_reads_like_the_folder() {
    let season = root().join("fixtures/season");
    let (_, loose, _) = audit(&season);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export_12345.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file("activities.csv", stored()).unwrap();
    zip.write_all(&std::fs::read(season.join("activities.csv")).unwrap())
        .unwrap();
    for entry in std::fs::read_dir(season.join("activities")).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        zip.start_file(format!("activities/{name}"), stored())
            .unwrap();
        zip.write_all(&std::fs::read(&p).unwrap()).unwrap();
    }
    zip.finish().unwrap();
    let (code, zipped, _) = audit(&path);
    assert_eq!(code, Some(1), "the season's broken files");
    let (a, b) = (by_file(&loose), by_file(&zipped));
    assert!(a.len() >= 50);
    assert_eq!(a, b);
    let declared = a.values().filter(|v| v.0.is_string()).count();
    assert!(declared >= 30, "{declared} runs with a declared intent");
}

#[test]
fn a_garmin_export_matches_fit_files_to_summaries_by_start_time() {
    let season = root().join("fixtures/season");
    let (_, loose, _) = audit(&season);
    let loose_entries: Vec<&Value> = loose
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e.get("error").is_none())
        .filter(|e| e["file"].as_str().unwrap().ends_with(".fit"))
        .collect();
    // The summaries: Garmin's names, starts in epoch ms (a minute off, as uploads are), distance
    // in centimetres, duration in ms.
    let summaries: Vec<Value> = loose_entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let name = e["intent"]["text"].as_str()?;
            let start = chrono::DateTime::parse_from_rfc3339(e["start"].as_str()?).ok()?;
            Some(json!({
                "activityId": 9_000_000 + i,
                "name": name,
                "activityType": "running",
                "startTimeGmt": (start.timestamp() + 60) as f64 * 1000.0,
                "distance": e["distance_m"].as_f64()? * 100.0,
                "duration": e["elapsed_s"].as_f64()? * 1000.0,
            }))
        })
        .collect();
    assert!(summaries.len() >= 25);
    let json = serde_json::to_vec(&json!([{ "summarizedActivitiesExport": summaries }])).unwrap();
    // The FIT files, renamed by upload number, in an uploaded-files zip inside the export zip.
    let mut uploads = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut names = BTreeMap::new();
    for (i, e) in loose_entries.iter().enumerate() {
        let file = e["file"].as_str().unwrap();
        let upload = format!("{}.fit", 7_000_000 + i);
        names.insert(upload.clone(), file.rsplit('/').next().unwrap().to_string());
        uploads.start_file(upload, stored()).unwrap();
        uploads.write_all(&std::fs::read(file).unwrap()).unwrap();
    }
    let uploads = uploads.finish().unwrap().into_inner();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garmin-export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file(
        "DI_CONNECT/DI-Connect-Fitness/runner@example.com_0_summarizedActivities.json",
        stored(),
    )
    .unwrap();
    zip.write_all(&json).unwrap();
    zip.start_file(
        "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip",
        stored(),
    )
    .unwrap();
    zip.write_all(&uploads).unwrap();
    zip.finish().unwrap();
    let (code, garmin, stderr) = audit(&path);
    assert_eq!(code, Some(0), "{stderr}");
    let loose = by_file(&loose);
    let garmin = by_file(&garmin);
    assert_eq!(garmin.len(), loose_entries.len());
    for (upload, (intent, _, kind, verdict)) in &garmin {
        let original = &loose[&names[upload]];
        assert_eq!(
            (intent, kind, verdict),
            (&original.0, &original.2, &original.3),
            "{upload} = {}",
            names[upload]
        );
    }
}

#[test]
fn a_broken_activities_csv_is_a_warning_and_every_run_is_still_read() {
    let season = root().join("fixtures/season");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("export");
    std::fs::create_dir_all(copy.join("activities")).unwrap();
    for entry in std::fs::read_dir(season.join("activities")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, copy.join("activities").join(p.file_name().unwrap())).unwrap();
    }
    // Cut in the middle of a row, with a stray quote and Latin-1 bytes in between.
    let mut csv = std::fs::read(season.join("activities.csv")).unwrap();
    csv.truncate(csv.len() / 2);
    csv.extend_from_slice(b"\n999,\"Oct 7, 2020, 2:43:11 PM\",Caf\xe9 run \"oops,Run\n");
    std::fs::write(copy.join("activities.csv"), &csv).unwrap();
    let (code, broken, stderr) = audit(&copy);
    let (_, loose, _) = audit(&season);
    assert_eq!(code, Some(1), "only the season's own broken files fail");
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .collect();
    assert!(!warnings.is_empty(), "{stderr}");
    assert!(
        warnings.iter().all(|w| w.contains("activities.csv")),
        "{warnings:?}"
    );
    let (a, b) = (by_file(&loose), by_file(&broken));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
}
