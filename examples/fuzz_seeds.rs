//! Writes the small seed corpora of the coverage-guided fuzz targets (`fuzz/`) from our own
//! fixture writers and `fixtures/`: `cargo run --example fuzz_seeds`. Every seed is named
//! `seed-*` (the grown corpus is not kept) and is under 64 KiB.

use std::fs;
use std::path::{Path, PathBuf};

use runaudit::read::export::strava::read_activities_csv;
use runaudit::Format;
use runaudit_testkit::bundle;
use runaudit_testkit::catalog::gzip;
use runaudit_testkit::fuzz::synth_seeds;

/// Largest seed written, bytes.
const MAX_SEED_BYTES: usize = 64 * 1024;

type Seeds = Vec<(String, Vec<u8>)>;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = root.join("fixtures");
    let corpus = root.join("fuzz/corpus");
    let fit = named("synth", "fit", synth_seeds(Format::Fit));
    let gpx = named("synth", "gpx", synth_seeds(Format::Gpx));
    let tcx = named("synth", "tcx", synth_seeds(Format::Tcx));
    let csv = fs::read(fixtures.join("season/activities.csv"))?;
    let csv_head = head_lines(&csv, 6);
    let first = |s: &Seeds| s.first().map(|(_, b)| b.clone()).unwrap_or_default();

    let mut gz: Seeds = [(&fit, "fit"), (&gpx, "gpx"), (&tcx, "tcx")]
        .iter()
        .map(|(s, ext)| (format!("synth.{ext}.gz"), gzip(&first(s))))
        .collect();
    gz.push((
        "easy.fit.gz".into(),
        fs::read(fixtures.join("runs/easy.fit.gz"))?,
    ));

    let mut detect: Seeds = vec![
        ("synth.fit".into(), first(&fit)),
        ("synth.gpx".into(), first(&gpx)),
        ("synth.tcx".into(), first(&tcx)),
    ];
    detect.extend(gz.iter().take(1).cloned());

    let archive = vec![(
        "activities.zip".to_string(),
        bundle::to_zip(&bundle::write(&[
            ("a/run.fit", &first(&fit)),
            ("a/run.gpx.gz", &gzip(&first(&gpx))),
            ("a/run.tcx", &first(&tcx)),
            ("nested.zip/inner/run.fit", &first(&fit)),
            ("notes.txt", b"not an activity"),
        ])),
    )];

    let strava_rows = strava_sidecar(&csv_head);
    let garmin = garmin_json();
    // Each export as parts (the export_bundle target's input) and as the zip they make.
    let bundles = vec![
        (
            "strava".to_string(),
            bundle::write(&[
                ("activities.csv", &strava_rows),
                ("activities/2025-01-07-tempo.fit", &first(&fit)),
                ("activities/2025-01-08-easy.gpx.gz", &gzip(&first(&gpx))),
            ]),
        ),
        (
            "garmin".to_string(),
            bundle::write(&[
                (
                    "DI_CONNECT/DI-Connect-Fitness/r@example.com_0_summarizedActivities.json",
                    &garmin,
                ),
                (
                    "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/7000000.fit",
                    &first(&fit),
                ),
            ]),
        ),
    ];
    let export: Seeds = bundles
        .iter()
        .map(|(name, parts)| (format!("{name}.zip"), bundle::to_zip(parts)))
        .collect();
    let bundles: Seeds = bundles
        .into_iter()
        .map(|(name, parts)| (format!("{name}.bundle"), parts))
        .collect();

    let mut strava = vec![("head.csv".to_string(), csv_head.clone())];
    let mut broken = csv_head.clone();
    broken.truncate(broken.len() * 2 / 3);
    broken.extend_from_slice(b"\n999,\"Oct 7, 2020, 2:43:11 PM\",Caf\xe9 run \"oops,Run\n");
    strava.push(("broken.csv".into(), broken));

    let mut intent = Seeds::new();
    let (activities, _) = read_activities_csv(&csv, "activities.csv");
    let mut texts: Vec<String> = activities
        .iter()
        .flat_map(|a| a.texts().map(str::to_string).collect::<Vec<_>>())
        .collect();
    texts.sort();
    texts.dedup();
    texts.extend(
        [
            "6x800 (400 recoveries)",
            "Long run w/ last 5k at MP",
            "not a recovery run",
            "Regenerationslauf nach dem Marathon",
            "pre-race shakeout, race tomorrow",
        ]
        .map(str::to_string),
    );
    for (i, t) in texts.iter().enumerate() {
        intent.push((format!("{i:02}.txt"), t.clone().into_bytes()));
    }

    let mut pipeline = detect.clone();
    pipeline.extend(fit.iter().skip(1).cloned());

    let targets: Vec<(&str, Seeds)> = vec![
        ("fit", fit),
        ("gpx", gpx),
        ("tcx", tcx),
        ("gzip", gz),
        ("detect", detect),
        ("zip_archive", archive),
        ("strava_csv", strava),
        ("garmin_json", vec![("summaries.json".into(), garmin)]),
        ("export_zip", export),
        ("export_bundle", bundles),
        ("pipeline", pipeline),
        ("intent", intent),
    ];
    for (target, seeds) in targets {
        let dir = corpus.join(target);
        fs::create_dir_all(&dir)?;
        let mut kept = 0;
        for (name, bytes) in seeds {
            if bytes.len() > MAX_SEED_BYTES {
                continue;
            }
            fs::write(seed_path(&dir, &name), bytes)?;
            kept += 1;
        }
        println!("{target}: {kept} seeds in {}", dir.display());
    }
    Ok(())
}

fn named(stem: &str, ext: &str, seeds: Vec<Vec<u8>>) -> Seeds {
    seeds
        .into_iter()
        .enumerate()
        .map(|(i, b)| (format!("{stem}-{i}.{ext}"), b))
        .collect()
}

fn seed_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("seed-{name}"))
}

/// The first `n` lines of `bytes`.
fn head_lines(bytes: &[u8], n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for line in bytes.split_inclusive(|&b| b == b'\n').take(n) {
        out.extend_from_slice(line);
    }
    out
}

/// The head of the season's `activities.csv`, its first two rows pointing at the files the
/// export seed holds.
fn strava_sidecar(head: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(head)
        .replacen(
            "activities/2025-01-08-easy.fit",
            "activities/2025-01-08-easy.gpx.gz",
            1,
        )
        .into_bytes()
}

/// A Garmin summary in the shape of `summarizedActivities.json`: epoch ms, centimetres, ms.
fn garmin_json() -> Vec<u8> {
    br#"[{"summarizedActivitiesExport": [
 {"activityId": 1, "name": "Easy", "activityType": "running", "startTimeGmt": 1717225260000,
  "distance": 801250.0, "duration": 2700000.0, "elapsedDuration": 2700000.0},
 {"activityId": 2, "name": "6x800 (400 recoveries)", "activityType": "track_running",
  "startTimeGmt": 1717311600000.0, "distance": 1200000, "duration": 3600000},
 {"activityId": 3, "name": "Ride", "activityType": "cycling", "startTimeLocal": 1717311600000}
]}]"#
        .to_vec()
}
