//! The GPX and TCX readers on real files from other parsers' test suites: every file reads or
//! fails cleanly, the counts and times agree with gpxpy/tcxreader (reference.tsv), and GPX
//! positions and times agree point for point with the `gpx` crate.

mod common;

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use runaudit::activity::{track_length_m, Activity};
use runaudit::read::{gpx, tcx};
use runaudit::ReadError;

/// Every `.gpx` and `.tcx` file under `dir`, as paths relative to it, sorted.
fn xml_files(dir: &Path) -> Vec<String> {
    runaudit_testkit::fuzz::files_below(dir)
        .iter()
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("gpx" | "tcx")))
        .filter_map(|p| p.strip_prefix(dir).ok())
        .map(|rel| rel.to_string_lossy().into_owned())
        .collect()
}

/// Reads one file with the reader its extension names; `Err` for a read error.
fn read(dir: &Path, rel: &str) -> Result<Vec<Activity>, ReadError> {
    let bytes = std::fs::read(dir.join(rel))?;
    if rel.ends_with(".gpx") {
        gpx::parse(&bytes).map(|a| vec![a])
    } else {
        tcx::parse(&bytes)
    }
}

/// The reference.tsv rows for GPX (gpxpy) and TCX (tcxreader), by path, as column → value.
fn reference(dir: &Path) -> HashMap<String, HashMap<String, String>> {
    let text = std::fs::read_to_string(dir.join("reference.tsv")).unwrap_or_default();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    lines
        .map(|line| {
            header
                .iter()
                .zip(line.split('\t'))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<HashMap<_, _>>()
        })
        .filter(|row| {
            matches!(
                row.get("parser").map(String::as_str),
                Some("gpxpy" | "tcxreader")
            )
        })
        .filter_map(|row| Some((row.get("path")?.clone(), row)))
        .collect()
}

/// A reference time: RFC 3339, or without a zone (then UTC, as our readers take it).
fn ref_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(|t| t.and_utc())
        })
}

#[test]
fn every_real_xml_file_reads_or_fails_cleanly() {
    let Some(dir) = common::real_fixtures("every_real_xml_file_reads_or_fails_cleanly") else {
        return;
    };
    let files = xml_files(&dir);
    assert!(
        files.len() >= 40,
        "expected the fixture set, found {} files",
        files.len()
    );
    for rel in &files {
        let outcome = std::panic::catch_unwind(|| read(&dir, rel));
        match outcome {
            Ok(Ok(acts)) => {
                let n: usize = acts.iter().map(|a| a.samples.len()).sum();
                println!(
                    "{rel}: {} activities, {n} samples, warnings {:?}",
                    acts.len(),
                    acts.iter().flat_map(|a| &a.warnings).collect::<Vec<_>>()
                );
                // An untimed track's samples all carry the one time the file gives.
                for a in acts.iter().filter(|a| a.untimed.is_none()) {
                    assert!(
                        a.samples.windows(2).all(|w| w[0].time < w[1].time),
                        "{rel}: order"
                    );
                }
            }
            Ok(Err(e)) => println!("{rel}: error: {e}"),
            Err(_) => panic!("{rel}: the reader panicked"),
        }
    }
}

/// One disagreement with a reference parser, for the report.
fn differ(
    out: &mut Vec<String>,
    rel: &str,
    what: &str,
    ours: impl std::fmt::Debug,
    theirs: impl std::fmt::Debug,
) {
    out.push(format!(
        "{rel}: {what}: ours {ours:?}, reference {theirs:?}"
    ));
}

#[test]
fn counts_and_times_agree_with_gpxpy_and_tcxreader() {
    let Some(dir) = common::real_fixtures("counts_and_times_agree_with_gpxpy_and_tcxreader") else {
        return;
    };
    let reference = reference(&dir);
    let mut disagreements = Vec::new();
    let mut unexplained = Vec::new();
    for rel in xml_files(&dir) {
        let Some(row) = reference.get(&rel) else {
            continue;
        };
        let col = |k: &str| row.get(k).map(String::as_str).unwrap_or_default();
        if col("status") != "ok" {
            println!(
                "{rel}: reference parser failed ({}); ours: {:?}",
                col("error"),
                read(&dir, &rel).map(|a| a.iter().map(|x| x.samples.len()).sum::<usize>())
            );
            continue;
        }
        let ref_points: usize = col("n_points").parse().unwrap_or(0);
        let acts = match read(&dir, &rel) {
            Ok(acts) => acts,
            Err(e) => {
                // Acceptable: nothing recorded, or points without any time.
                let pre_gps = ref_time(col("end")).is_some_and(|t| t.year() < 1980);
                if ref_points > 0 && !col("start").is_empty() && !pre_gps {
                    unexplained.push(format!(
                        "{rel}: we fail ({e}) where the reference reads {ref_points} timed points"
                    ));
                } else {
                    println!(
                        "{rel}: ours {e}; reference {ref_points} points, start {:?}",
                        col("start")
                    );
                }
                continue;
            }
        };
        let samples: Vec<_> = acts.iter().flat_map(|a| &a.samples).collect();
        let warnings: Vec<String> = acts
            .iter()
            .flat_map(|a| &a.warnings)
            .map(ToString::to_string)
            .collect();
        let dropped = warnings
            .iter()
            .any(|w| w.contains("dropped") || w.contains("merged"));
        let mut here = Vec::new();
        // A track read without times: its length is gpxpy's 2-D length (within 1%: gpxpy's
        // haversine takes the equatorial radius, 0.11% over our mean one); its times are not
        // the points'.
        let untimed: Vec<_> = acts
            .iter()
            .filter_map(|a| Some((a, a.untimed.as_ref()?)))
            .collect();
        for (a, u) in &untimed {
            let ours = track_length_m(&a.samples, &u.segment_starts);
            let ours = ours.last().copied().unwrap_or(0.0);
            let theirs: f64 = col("length_2d_m").parse().unwrap_or(f64::NAN);
            println!("{rel}: untimed track, length {ours:.0} m, gpxpy {theirs:.0} m");
            // A missing reference length (NaN) is a disagreement too.
            let agrees = (ours - theirs).abs() <= 0.01 * theirs;
            if !agrees {
                unexplained.push(format!(
                    "{rel}: untimed length {ours:.0} m vs {theirs:.0} m"
                ));
            }
        }
        if samples.len() != ref_points {
            differ(&mut here, &rel, "n_points", samples.len(), ref_points);
            if !(dropped && samples.len() < ref_points) {
                unexplained.push(format!("{rel}: n_points {} vs {ref_points}", samples.len()));
            }
        }
        let hr_points = samples.iter().filter(|s| s.hr_bpm.is_some()).count();
        let ref_hr: usize = col("n_hr_points").parse().unwrap_or(0);
        if hr_points != ref_hr {
            differ(&mut here, &rel, "n_hr_points", hr_points, ref_hr);
            if !dropped {
                unexplained.push(format!("{rel}: n_hr_points {hr_points} vs {ref_hr}"));
            }
        }
        let hr_max = samples.iter().filter_map(|s| s.hr_bpm).max().map(f64::from);
        let ref_hr_max = col("hr_max_pts").parse::<f64>().ok();
        if hr_max != ref_hr_max {
            differ(&mut here, &rel, "hr_max_pts", hr_max, ref_hr_max);
            unexplained.push(format!("{rel}: hr_max {hr_max:?} vs {ref_hr_max:?}"));
        }
        for (what, ours, theirs) in [
            (
                "start",
                samples.first().map(|s| s.time),
                ref_time(col("start")),
            ),
            ("end", samples.last().map(|s| s.time), ref_time(col("end"))),
        ] {
            let close = match (ours, theirs) {
                (Some(a), Some(b)) => (a - b).num_milliseconds().abs() <= 1000,
                (a, b) => a == b,
            };
            if !close {
                differ(&mut here, &rel, what, ours, theirs);
                if !dropped && untimed.is_empty() {
                    unexplained.push(format!("{rel}: {what} {ours:?} vs {theirs:?}"));
                }
            }
        }
        if !here.is_empty() {
            println!("{}\n  our warnings: {warnings:?}", here.join("\n"));
        }
        disagreements.extend(here);
    }
    println!(
        "{} disagreements, {} unexplained",
        disagreements.len(),
        unexplained.len()
    );
    assert!(
        unexplained.is_empty(),
        "unexplained disagreements:\n{}",
        unexplained.join("\n")
    );
}

#[test]
fn gpx_positions_and_times_agree_with_the_gpx_crate() {
    let Some(dir) = common::real_fixtures("gpx_positions_and_times_agree_with_the_gpx_crate")
    else {
        return;
    };
    let mut compared = 0;
    let mut mismatched = Vec::new();
    for rel in xml_files(&dir).into_iter().filter(|f| f.ends_with(".gpx")) {
        let Ok(bytes) = std::fs::read(dir.join(&rel)) else {
            continue;
        };
        let theirs = match ::gpx::read(bytes.as_slice()) {
            Ok(g) => g,
            Err(e) => {
                println!(
                    "{rel}: gpx crate refuses: {e}; ours: {:?}",
                    gpx::parse(&bytes).map(|a| a.samples.len())
                );
                continue;
            }
        };
        let their_points: Vec<(f64, f64, i128)> = theirs
            .tracks
            .iter()
            .flat_map(|t| &t.segments)
            .flat_map(|s| &s.points)
            .filter_map(|p| {
                let t = time::OffsetDateTime::from(p.time?);
                Some((p.point().y(), p.point().x(), t.unix_timestamp_nanos()))
            })
            .collect();
        let (ours, repairs): (Vec<(f64, f64, i128)>, Vec<String>) = match gpx::parse(&bytes) {
            Ok(a) if a.untimed.is_some() => {
                // Read without times: every point kept, in the file's order, as theirs.
                let all: Vec<(f64, f64)> = theirs
                    .tracks
                    .iter()
                    .flat_map(|t| &t.segments)
                    .flat_map(|s| &s.points)
                    .map(|p| (p.point().y(), p.point().x()))
                    .collect();
                let ours: Vec<(f64, f64)> = a
                    .samples
                    .iter()
                    .filter_map(|s| s.position.map(|p| (p.lat_deg, p.lon_deg)))
                    .collect();
                compared += 1;
                if ours != all {
                    mismatched.push(format!(
                        "{rel}: untimed, {} points vs gpx crate {}",
                        ours.len(),
                        all.len()
                    ));
                }
                continue;
            }
            Ok(a) => (
                a.samples
                    .iter()
                    .filter_map(|s| {
                        let p = s.position?;
                        Some((
                            p.lat_deg,
                            p.lon_deg,
                            i128::from(s.time.timestamp_nanos_opt()?),
                        ))
                    })
                    .collect(),
                a.warnings.iter().map(ToString::to_string).collect(),
            ),
            Err(e) => {
                println!(
                    "{rel}: ours: {e}; gpx crate: {} timed points",
                    their_points.len()
                );
                // 1980-01-01 in ns: earlier times are a broken clock, which we refuse.
                let pre_gps = their_points.iter().all(|p| p.2 < 315_532_800_000_000_000);
                if !their_points.is_empty() && !pre_gps {
                    mismatched.push(format!(
                        "{rel}: we fail ({e}), gpx has {} timed points",
                        their_points.len()
                    ));
                }
                continue;
            }
        };
        compared += 1;
        if ours == their_points {
            continue;
        }
        // Where our reader repaired the track (merged repeated times, dropped points going
        // back in time), every point we kept must still be one of theirs, in their order.
        let repaired = repairs
            .iter()
            .any(|w| w.contains("merged") || w.contains("dropped"));
        let mut rest = their_points.iter();
        let subsequence = ours.iter().all(|p| rest.any(|q| q == p));
        let first = ours.iter().zip(&their_points).position(|(a, b)| a != b);
        let msg = format!(
            "{rel}: {} points vs gpx crate {}; first difference at {first:?}: ours {:?} theirs {:?}; \
             our repairs {repairs:?}",
            ours.len(),
            their_points.len(),
            first.and_then(|i| ours.get(i)),
            first.and_then(|i| their_points.get(i)),
        );
        println!("{msg}");
        if !(repaired && subsequence) {
            mismatched.push(msg);
        }
    }
    println!(
        "compared {compared} files with the gpx crate, {} differ",
        mismatched.len()
    );
    assert!(compared > 10);
    assert!(mismatched.is_empty(), "{}", mismatched.join("\n"));
}
