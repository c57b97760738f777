//! A stable-Rust fuzz driver: runs seeded mutants through a target on a worker thread, catching
//! panics and flagging any input that runs over a time limit as a hang (by seed and index, so it
//! can be replayed with [`crate::mutate::nth`]), and the seeds it starts from. Shared by
//! `tests/fuzz.rs` and `examples/fuzz.rs`; the file walker also lists real files for other tests.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use runaudit::activity::Format;
use runaudit::config::Config;
use runaudit::pipeline::{process_bytes, process_input, Processed};
use runaudit::read::archive::{discover_exports, ArchiveCache};
use runaudit::read::ReadOptions;

use crate::fit::{self, FitOptions};
use crate::mutate::{self, Kind};
use crate::{gpx, tcx, Hr, RunSpec};

/// What is fuzzed with each input.
pub type Target = Arc<dyn Fn(&[u8]) -> Result<(), String> + Send + Sync>;

/// One fuzz campaign over one set of seed files.
pub struct Campaign {
    /// The seed files.
    pub seeds: Arc<Vec<Vec<u8>>>,
    /// Binary or XML mutators.
    pub kind: Kind,
    /// The campaign's seed (inputs are `mutate::nth(seeds, kind, seed, index)`).
    pub seed: u64,
    /// How many inputs.
    pub inputs: u64,
    /// Longer than this is a hang.
    pub time_limit: Duration,
}

/// A finding, named by the index of the input that caused it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Index of the input (replay with `mutate::nth(seeds, kind, seed, index)`).
    pub index: u64,
    /// The panic message, the target's complaint, or "hang".
    pub what: String,
}

/// The outcome of a campaign.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Inputs run.
    pub inputs: u64,
    /// Panics, and failures the target reported (such as a caught decoder panic).
    pub failures: Vec<Finding>,
    /// Inputs that ran over the time limit.
    pub hangs: Vec<Finding>,
    /// Wall time of the whole campaign.
    pub elapsed: Duration,
    /// The slowest input that finished, and its time.
    pub slowest: Option<(u64, Duration)>,
}

/// A worker thread that runs the target on inputs it is sent.
struct Worker {
    send: mpsc::Sender<(u64, Vec<u8>)>,
    recv: mpsc::Receiver<(u64, Result<(), String>, Duration)>,
}

impl Worker {
    fn spawn(target: Target) -> Worker {
        let (send, inputs) = mpsc::channel::<(u64, Vec<u8>)>();
        let (results, recv) = mpsc::channel();
        thread::spawn(move || {
            for (index, bytes) in inputs {
                let started = Instant::now();
                let outcome = catch_unwind(AssertUnwindSafe(|| target(&bytes)))
                    .unwrap_or_else(|p| Err(format!("panic: {}", panic_text(&p))));
                if results.send((index, outcome, started.elapsed())).is_err() {
                    return;
                }
            }
        });
        Worker { send, recv }
    }
}

/// Runs a campaign. A hung input's worker is abandoned (it keeps its thread) and a fresh one
/// takes over, so one hang does not stop the run.
pub fn run(campaign: &Campaign, target: Target) -> Report {
    let started = Instant::now();
    let mut report = Report::default();
    let mut worker = Worker::spawn(Arc::clone(&target));
    for index in 0..campaign.inputs {
        let bytes = mutate::nth(&campaign.seeds, campaign.kind, campaign.seed, index);
        if worker.send.send((index, bytes)).is_err() {
            worker = Worker::spawn(Arc::clone(&target));
            continue;
        }
        report.inputs += 1;
        match worker.recv.recv_timeout(campaign.time_limit) {
            Ok((i, outcome, took)) => {
                if report.slowest.is_none_or(|(_, t)| took > t) {
                    report.slowest = Some((i, took));
                }
                if let Err(what) = outcome {
                    report.failures.push(Finding { index: i, what });
                }
            }
            Err(_) => {
                report.hangs.push(Finding {
                    index,
                    what: "hang".to_string(),
                });
                worker = Worker::spawn(Arc::clone(&target));
            }
        }
    }
    report.elapsed = started.elapsed();
    report
}

/// The reader target: [`runaudit::read::read_bytes`] on the input; any result is fine, a panic
/// (caught by the driver) is a finding.
pub fn reader_target() -> Target {
    let opts = ReadOptions::default();
    Arc::new(move |bytes: &[u8]| {
        let _ = runaudit::read::read_bytes(bytes, &opts);
        Ok(())
    })
}

/// The whole per-file pipeline: [`runaudit::pipeline::process_bytes`]; a decoder panic it caught
/// (its "internal decoder failure" entry) is a finding too.
pub fn pipeline_target() -> Target {
    let config = Config::default();
    Arc::new(move |bytes: &[u8]| {
        for p in process_bytes("fuzz-input", bytes, &config) {
            if let Processed::Error { error, .. } = p {
                if error.starts_with("internal decoder failure") {
                    return Err(error);
                }
            }
        }
        Ok(())
    })
}

/// The product's 256 MiB file limit, scaled down as the coverage-guided targets' `-max_len` is.
pub const FUZZ_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// What the coverage-guided targets (`fuzz/`) and their regression test run with: the defaults,
/// files capped at [`FUZZ_MAX_BYTES`].
pub fn fuzz_config() -> Config {
    Config {
        read: ReadOptions {
            max_file_size: FUZZ_MAX_BYTES,
        },
        ..Config::default()
    }
}

/// An export zip as `audit` meets it, for the `export_zip` and `export_bundle` fuzz targets and
/// their regression test: the bytes written to a temp file of this process and thread (discovery
/// opens top-level archives only from disk), found with their sidecar, and every input through
/// the per-file pipeline. Empty when the file cannot be written.
pub fn audit_export_zip(bytes: &[u8], config: &Config) -> Vec<Processed> {
    thread_local! {
        static PATH: PathBuf = {
            let thread = format!("{:?}", thread::current().id()).replace(['(', ')'], "");
            std::env::temp_dir().join(format!("runaudit-fuzz-{}-{thread}.zip", std::process::id()))
        };
    }
    let path = PATH.with(PathBuf::clone);
    if std::fs::write(&path, bytes).is_err() {
        return Vec::new();
    }
    let found = discover_exports(std::slice::from_ref(&path), config.read.max_file_size);
    let mut cache = ArchiveCache::default();
    let mut out = Vec::new();
    for (i, input) in found.inputs.iter().enumerate() {
        let export = found.exports.get(i).and_then(Option::as_ref);
        out.extend(process_input(input, export, &mut cache, config));
    }
    out
}

/// Every file below `dir`, sorted (folders that cannot be read are skipped).
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The files of `format` below `dir` (gzipped ones count for their inner format) of at most
/// `max_bytes`, as seeds.
pub fn file_seeds(dir: &Path, format: Format, max_bytes: u64) -> Vec<Vec<u8>> {
    let ending = format!(".{}", format.as_str());
    files_below(dir)
        .into_iter()
        .filter(|path| {
            let name = path.to_string_lossy().to_ascii_lowercase();
            name.strip_suffix(".gz").unwrap_or(&name).ends_with(&ending)
        })
        .filter(|path| std::fs::metadata(path).is_ok_and(|m| m.len() <= max_bytes))
        .filter_map(|path| std::fs::read(path).ok())
        .collect()
}

/// Small seed files written by our own writers, so fuzzing needs no outside files: two short
/// runs per format (one with pauses, dropouts and, for FIT, compressed timestamps and a
/// developer field).
pub fn synth_seeds(format: Format) -> Vec<Vec<u8>> {
    let start = Utc
        .with_ymd_and_hms(2024, 6, 1, 7, 0, 0)
        .single()
        .unwrap_or_default();
    let plain = RunSpec::new(start).run(40, 3.0, Hr::Ramp(120, 130)).build();
    let damaged = RunSpec::new(start)
        .run(20, 3.0, Hr::Constant(140))
        .pause(30)
        .run(20, 2.5, Hr::Ramp(140, 150))
        .hr_dropouts_every(7)
        .build();
    let laps = RunSpec::new(start)
        .altitude(300.0)
        .run_m(1_000.0, 3.2, Hr::Ramp(125, 150))
        .climb(25.0)
        .walk(60, 1.4, Hr::Constant(130))
        .run_m(1_000.0, 3.0, Hr::Ramp(135, 155))
        .laps_every_m(500.0)
        .cadence(172.0)
        .power(250)
        .gps_noise(3.0, 7)
        .build();
    let stops = RunSpec::new(start)
        .smart_recording(11)
        .run(30, 2.8, Hr::Constant(128))
        .stand(20, Hr::Constant(110))
        .no_hr()
        .build();
    let rich = FitOptions {
        compressed_timestamps: true,
        developer_field: true,
        barometer: false,
        ..FitOptions::default()
    };
    let runs = [&plain, &damaged, &laps, &stops];
    match format {
        Format::Fit => {
            let mut out: Vec<Vec<u8>> = runs.iter().map(|r| fit::write(&r.activity)).collect();
            out.push(fit::write_with(&damaged.activity, &rich));
            out
        }
        Format::Gpx => runs.iter().map(|r| gpx::write(&r.activity)).collect(),
        Format::Tcx => runs.iter().map(|r| tcx::write(&r.activity)).collect(),
        // An Apple workout's route is a GPX file; its export.xml is not a per-file input.
        Format::AppleHealth => runs
            .iter()
            .map(|r| crate::apple::route_gpx(&r.activity))
            .collect(),
    }
}

/// The text of a caught panic.
fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn campaign(inputs: u64, limit_ms: u64) -> Campaign {
        Campaign {
            seeds: Arc::new(vec![vec![1, 2, 3, 4, 5, 6, 7, 8]]),
            kind: Kind::Binary,
            seed: 1,
            inputs,
            time_limit: Duration::from_millis(limit_ms),
        }
    }

    #[test]
    fn panics_and_complaints_are_findings() {
        // The target panics on inputs starting with byte 1 and complains on empty ones; the
        // rest pass. Every input is accounted for.
        let target: Target = Arc::new(|b: &[u8]| match b.first() {
            Some(1) => panic!("boom"),
            None => Err("empty".to_string()),
            _ => Ok(()),
        });
        let r = run(&campaign(200, 2000), target);
        assert_eq!(r.inputs, 200);
        assert!(r.hangs.is_empty());
        assert!(r.failures.iter().any(|f| f.what == "panic: boom"));
        let replayed = r
            .failures
            .iter()
            .filter(|f| f.what == "panic: boom")
            .all(|f| {
                let seeds = vec![vec![1, 2, 3, 4, 5, 6, 7, 8]];
                mutate::nth(&seeds, Kind::Binary, 1, f.index).first() == Some(&1)
            });
        assert!(replayed);
    }

    #[test]
    fn a_slow_input_is_a_hang_and_the_run_goes_on() {
        // Inputs whose first byte is 0 sleep past the 50 ms limit.
        let target: Target = Arc::new(|b: &[u8]| {
            if b.first() == Some(&0) {
                thread::sleep(Duration::from_millis(300));
            }
            Ok(())
        });
        let r = run(&campaign(300, 50), target);
        assert_eq!(r.inputs, 300);
        let seeds = vec![vec![1, 2, 3, 4, 5, 6, 7, 8]];
        let slow = (0..300)
            .filter(|&i| mutate::nth(&seeds, Kind::Binary, 1, i).first() == Some(&0))
            .count();
        assert!(slow > 0);
        assert_eq!(r.hangs.len(), slow);
    }
}
