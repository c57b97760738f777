//! Every input the coverage-guided fuzzer (`fuzz/`) found, kept minimized under
//! `fuzz/regressions/<target>/`, and every committed seed, fed again to that target's entry point:
//! no panic, and a bounded result.

use std::path::{Path, PathBuf};

use runaudit::batch::judge_entries;
use runaudit::pipeline::{process_bytes, Processed};
use runaudit::read::archive::{is_activity_name, open, read_entry, ArchiveSource};
use runaudit::read::budget::MAX_SAMPLES;
use runaudit::read::{read_bytes, ReadOptions};
use runaudit_testkit::fuzz::{audit_export_zip, fuzz_config, FUZZ_MAX_BYTES as MAX_BYTES};

/// What an entry point gave: how many items (activities, rows, runs), and each error line.
struct Outcome {
    items: usize,
    errors: Vec<String>,
}

fn entries(processed: Vec<Processed>) -> Outcome {
    let mut errors = Vec::new();
    let mut items = 0;
    for p in processed {
        match p {
            Processed::Run(_) => items += 1,
            Processed::Error { error, .. } => errors.push(error),
        }
    }
    Outcome { items, errors }
}

fn read(result: Result<Vec<runaudit::Activity>, runaudit::ReadError>) -> Outcome {
    match result {
        Ok(activities) => {
            // The memory budget (issue 22): no file keeps more than MAX_SAMPLES samples.
            let samples: usize = activities.iter().map(|a| a.samples.len()).sum();
            assert!(
                samples <= MAX_SAMPLES,
                "{samples} samples kept from one file"
            );
            Outcome {
                items: activities.len(),
                errors: Vec::new(),
            }
        }
        Err(e) => Outcome {
            items: 0,
            errors: vec![e.to_string()],
        },
    }
}

/// As the `zip_archive` target reads it: every entry, activity entries through the readers.
fn zip_archive(bytes: &[u8], opts: &ReadOptions) -> Outcome {
    let mut out = Outcome {
        items: 0,
        errors: Vec::new(),
    };
    let Ok(mut zip) = open(&ArchiveSource::Memory(bytes.into())) else {
        return out;
    };
    for index in 0..zip.len() {
        let name = zip.name_for_index(index).unwrap_or_default().to_string();
        match read_entry(&mut zip, index, MAX_BYTES) {
            Ok(entry) if is_activity_name(&name) => {
                let r = read(read_bytes(&entry, opts));
                out.items += r.items;
                out.errors.extend(r.errors);
            }
            Ok(_) => {}
            Err(e) => out.errors.push(e.to_string()),
        }
    }
    out
}

fn run_target(target: &str, bytes: &[u8]) -> Outcome {
    let config = fuzz_config();
    let opts = config.read;
    match target {
        "fit" => read(runaudit::read::fit::parse(bytes)),
        "gpx" => read(runaudit::read::gpx::parse(bytes).map(|a| vec![a])),
        "tcx" => read(runaudit::read::tcx::parse(bytes)),
        "gzip" | "detect" => read(read_bytes(bytes, &opts)),
        "zip_archive" => zip_archive(bytes, &opts),
        "strava_csv" => {
            let (rows, _) =
                runaudit::read::export::strava::read_activities_csv(bytes, "activities.csv");
            Outcome {
                items: rows.len(),
                errors: Vec::new(),
            }
        }
        "garmin_json" => {
            let (rows, _) = runaudit::read::export::garmin::read_summarized_activities(
                bytes,
                "summarizedActivities.json",
            );
            Outcome {
                items: rows.len(),
                errors: Vec::new(),
            }
        }
        "intent" => {
            let text = String::from_utf8_lossy(bytes);
            let label = runaudit::classify::intent::read_intent(&text);
            Outcome {
                items: usize::from(label.is_some()),
                errors: Vec::new(),
            }
        }
        "export_zip" => entries(audit_export_zip(bytes, &config)),
        "export_bundle" => entries(audit_export_zip(
            &runaudit_testkit::bundle::to_zip(bytes),
            &config,
        )),
        "pipeline" => {
            let mut processed = process_bytes("fuzz", bytes, &config);
            judge_entries(&mut processed, &config);
            entries(processed)
        }
        other => panic!("fuzz/regressions/{other}: no such fuzz target"),
    }
}

/// `(target, file)` for every kept finding (`fuzz/regressions/<target>/*`) and every committed
/// seed (`fuzz/corpus/<target>/seed-*`, so each target's dispatch is exercised even before it
/// has a finding).
fn inputs() -> Vec<(String, PathBuf)> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut out = Vec::new();
    for (dir, seeds_only) in [("regressions", false), ("corpus", true)] {
        let Ok(targets) = std::fs::read_dir(fuzz.join(dir)) else {
            continue;
        };
        for target in targets {
            let target = target.unwrap().path();
            let name = target.file_name().unwrap().to_string_lossy().to_string();
            for file in std::fs::read_dir(&target).unwrap() {
                let file = file.unwrap().path();
                let seed = file
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("seed-"));
                if seed || !seeds_only {
                    out.push((name.clone(), file));
                }
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_fuzz_finding_and_seed_reads_without_panic_and_stays_bounded() {
    let inputs = inputs();
    let targets: std::collections::BTreeSet<&str> =
        inputs.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        targets.len(),
        12,
        "every fuzz target has seeds: {targets:?}"
    );
    for (target, file) in &inputs {
        let bytes = std::fs::read(file).unwrap();
        let out = run_target(target, &bytes);
        // No input can hold more activities, rows or runs than the bytes read (at most
        // MAX_BYTES once unpacked), and every failure is one line naming what went wrong.
        assert!(
            out.items as u64 <= MAX_BYTES,
            "{}: {} items from {} bytes",
            file.display(),
            out.items,
            bytes.len()
        );
        for e in &out.errors {
            assert!(
                !e.is_empty() && !e.contains('\n'),
                "{}: {e:?}",
                file.display()
            );
            assert!(
                !e.contains("internal decoder failure"),
                "{}: {e}",
                file.display()
            );
        }
    }
}
