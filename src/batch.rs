//! Many files through the pipeline: rayon across inputs (output order fixed, so any thread count
//! gives the same bytes), a progress bar on stderr, duplicates counted once, the date filter, and
//! judging the runs together. Both commands run their inputs through here; what they write is
//! `crate::output`'s business.

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::activity::{Format, Warning};
use crate::classify::form::morning_of_each;
use crate::classify::judge::{judge_all, Candidate};
use crate::classify::pattern::{flags, hard_while_fatigued, DayRun};
use crate::config::Config;
use crate::pipeline::{process_input, Processed, RunRecord};
use crate::read::archive::{discover_exports, ArchiveCache, ExportRef, Input};
use crate::read::export::SidecarWarning;
use crate::run::DaySource;

/// What a command run produced, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Inputs read (at least one activity).
    pub files_ok: usize,
    /// Inputs that could not be read or searched.
    pub files_failed: usize,
}

/// A file that could not be read or searched, and why in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The file, as given or found.
    pub file: String,
    /// Why.
    pub error: String,
}

/// A batch, read and judged.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Judged runs and failed files, in output order.
    pub entries: Vec<Processed>,
    /// Every failure in the order it was met, for stderr.
    pub failures: Vec<Failure>,
    /// Inputs read and failed.
    pub outcome: Outcome,
    /// Problems in the exports' summary files: each costs no run, and no input counts as failed.
    pub notes: Vec<SidecarWarning>,
}

impl Batch {
    /// The judged runs, in output order.
    pub fn runs(&self) -> Vec<&RunRecord> {
        self.entries
            .iter()
            .filter_map(|p| match p {
                Processed::Run(r) => Some(r.as_ref()),
                Processed::Error { .. } => None,
            })
            .collect()
    }
}

/// Two activities whose starts are this close are candidates for being the same one, seconds.
pub const SAME_START_S: i64 = 10;
/// ... and whose distances differ by at most this share (or 50 m).
pub const SAME_DISTANCE_SHARE: f64 = 0.03;

/// `check`: the files given, each entry in the order given (a file's activities in file order),
/// the runs judged together.
pub fn files(files: &[PathBuf], config: &Config) -> Batch {
    let inputs: Vec<Input> = files.iter().cloned().map(Input::File).collect();
    let per_input = collect(&inputs, &[], config);
    let (outcome, failures) = tally(&per_input);
    let mut entries: Vec<Processed> = per_input.into_iter().flatten().collect();
    judge_entries(&mut entries, config);
    Batch {
        entries,
        failures,
        outcome,
        notes: Vec::new(),
    }
}

/// `check --format jsonl`: the files given, each judged on its own (what needs the whole season
/// — the normal-pace baseline, an inferred max HR — comes only from `audit`), handed to `emit`
/// in the order given as soon as the file and those before it are done.
pub fn stream_files(
    files: &[PathBuf],
    config: &Config,
    mut emit: impl FnMut(Vec<Processed>) -> io::Result<()>,
) -> io::Result<Outcome> {
    let inputs: Vec<Input> = files.iter().cloned().map(Input::File).collect();
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Vec<Processed>)>();
    let mut outcome = Outcome::default();
    std::thread::scope(|scope| {
        let inputs = &inputs;
        scope.spawn(move || {
            with_threads(config.threads, inputs.len(), || {
                inputs
                    .par_iter()
                    .enumerate()
                    .for_each_with(tx, |tx, (i, input)| {
                        let mut entries =
                            process_input(input, None, &mut ArchiveCache::default(), config);
                        judge_entries(&mut entries, config);
                        // The receiver only goes away when writing failed; the rest is not needed.
                        let _ = tx.send((i, entries));
                    });
            });
        });
        let mut pending = std::collections::BTreeMap::new();
        let mut next = 0;
        for (i, entries) in rx {
            pending.insert(i, entries);
            while let Some(entries) = pending.remove(&next) {
                next += 1;
                if entries.iter().any(|p| matches!(p, Processed::Error { .. })) {
                    outcome.files_failed += 1;
                } else {
                    outcome.files_ok += 1;
                }
                emit(entries)?;
            }
        }
        Ok(outcome)
    })
}

/// `audit`: every activity under the paths (folders searched, archives opened) as a season: runs
/// by start time, duplicates counted once, the date filter applied, judged together; then the
/// failed files by name.
pub fn season(paths: &[PathBuf], config: &Config) -> Batch {
    let found = discover_exports(paths, config.read.max_file_size);
    let mut failures: Vec<Failure> = found
        .errors
        .into_iter()
        .map(|e| Failure {
            file: e.label,
            error: e.error.to_string(),
        })
        .collect();
    let mut outcome = Outcome {
        files_ok: 0,
        files_failed: failures.len(),
    };
    let per_input = collect(&found.inputs, &found.exports, config);
    let (read, mut read_failures) = tally(&per_input);
    outcome.files_ok += read.files_ok;
    outcome.files_failed += read.files_failed;
    let mut runs: Vec<RunRecord> = per_input
        .into_iter()
        .flatten()
        .filter_map(|p| match p {
            Processed::Run(r) => Some(*r),
            Processed::Error { .. } => None,
        })
        .collect();
    sort_runs(&mut runs);
    let mut runs = dedupe(runs);
    runs.retain(|r| in_date_range(r, config));
    judge(&mut runs.iter_mut().collect::<Vec<_>>(), config);
    failures.append(&mut read_failures);
    let mut errors: Vec<&Failure> = failures.iter().collect();
    errors.sort_by(|a, b| a.file.cmp(&b.file));
    let entries = runs
        .into_iter()
        .map(|r| Processed::Run(Box::new(r)))
        .chain(errors.into_iter().map(|f| Processed::Error {
            file: f.file.clone(),
            error: f.error.clone(),
        }))
        .collect();
    Batch {
        entries,
        failures,
        outcome,
        notes: found.warnings,
    }
}

/// Processes every input in parallel; the result is in input order, one list per input.
/// `exports` holds, for each input at the same position, the export summary that describes it
/// (shorter than `inputs` where none do).
pub fn collect(
    inputs: &[Input],
    exports: &[Option<ExportRef>],
    config: &Config,
) -> Vec<Vec<Processed>> {
    let bar = (config.progress && io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(inputs.len() as u64),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed} {msg}")
        {
            bar.set_style(style);
        }
        bar
    });
    let results = with_threads(config.threads, inputs.len(), || {
        inputs
            .par_iter()
            .enumerate()
            .map_init(ArchiveCache::default, |cache, (i, input)| {
                let export = exports.get(i).and_then(Option::as_ref);
                let r = process_input(input, export, cache, config);
                if let Some(bar) = &bar {
                    bar.inc(1);
                }
                r
            })
            .collect()
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    results
}

/// Worker threads per core at most, whatever `-j` asks: decoding is CPU-bound, and every worker
/// holds a file's memory.
pub const MAX_THREADS_PER_CORE: usize = 4;

/// Runs `f`, which has `work` items to share out, on a rayon pool of `threads` workers (the
/// global pool, one worker per core, when `None`). The pool never has more workers than items
/// nor more than [`MAX_THREADS_PER_CORE`] per core (see [`pool_size`]).
pub fn with_threads<T: Send>(
    threads: Option<usize>,
    work: usize,
    f: impl FnOnce() -> T + Send,
) -> T {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let pool = threads.and_then(|n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(pool_size(n, work, cores))
            .build()
            .ok()
    });
    match pool {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

/// The workers of a pool for `asked` threads (`-j`), `work` items and `cores` cores: at most
/// one per item and [`MAX_THREADS_PER_CORE`] per core, at least one.
///
/// ```
/// use runaudit::batch::pool_size;
/// // -j 65535 on two files: two workers. -j 100 on 500 files, 2 cores: 4 × 2 = 8.
/// assert_eq!(pool_size(65535, 2, 2), 2);
/// assert_eq!(pool_size(100, 500, 2), 8);
/// assert_eq!(pool_size(3, 500, 2), 3);
/// assert_eq!(pool_size(8, 0, 2), 1);
/// ```
pub fn pool_size(asked: usize, work: usize, cores: usize) -> usize {
    asked
        .min(work)
        .min(cores.max(1).saturating_mul(MAX_THREADS_PER_CORE))
        .max(1)
}

/// Counts the inputs read and failed, and lists every failed entry in input order.
fn tally(per_input: &[Vec<Processed>]) -> (Outcome, Vec<Failure>) {
    let mut outcome = Outcome::default();
    let mut failures = Vec::new();
    for processed in per_input {
        let before = failures.len();
        for p in processed {
            if let Processed::Error { file, error } = p {
                failures.push(Failure {
                    file: file.clone(),
                    error: error.clone(),
                });
            }
        }
        if failures.len() > before {
            outcome.files_failed += 1;
        } else {
            outcome.files_ok += 1;
        }
    }
    (outcome, failures)
}

/// Judges the runs among `entries` together, as `check` does; the failed files stay as they are.
/// Public for the fuzz targets.
pub fn judge_entries(entries: &mut [Processed], config: &Config) {
    let mut runs: Vec<&mut RunRecord> = entries
        .iter_mut()
        .filter_map(|p| match p {
            Processed::Run(r) => Some(r.as_mut()),
            Processed::Error { .. } => None,
        })
        .collect();
    judge(&mut runs, config);
}

/// Judges runs together (normal pace and max HR from each run's history), stores each judgement
/// in its report and flags the season's pattern. Public for the fuzz targets,
/// which judge the runs of one file as `check` does.
pub fn judge(runs: &mut [&mut RunRecord], config: &Config) {
    let candidates: Vec<Candidate> = runs
        .iter()
        .map(|r| Candidate {
            start: r.report.analysis.start,
            sport: r.report.sport,
            pace: &r.pace,
            hr: r.hr.as_ref(),
            walking_s: r.report.analysis.walking_s,
            intent: r.report.intent.as_ref().map(|i| i.label),
            rpe: r.report.rpe.map(|r| r.value),
            bins: &r.bins,
            watch_workout: r.watch_workout.as_deref(),
            laps: &r.laps,
            watch_max_hr_bpm: r.watch_max_hr_bpm,
        })
        .collect();
    let judgements = judge_all(&candidates, &config.profile, config.units);
    for (run, j) in runs.iter_mut().zip(judgements) {
        if j.session.as_ref().is_some_and(|s| s.walking_sport_run) {
            run.report.warnings.push(Warning::WalkingSportRun);
        }
        run.report.judgement = Some(j);
    }
    pattern(runs, config);
    form(runs, config);
}

/// Each run's fitness, fatigue and form on the morning of its day (after [`pattern`] has set
/// the days), and the flag for a hard session on a morning in the high-risk zone. Nothing when
/// the loads span less than the fatigue window (one file, a few days): form says nothing then.
fn form(runs: &mut [&mut RunRecord], config: &Config) {
    let rules = &config.profile.rules.load;
    let days: Vec<_> = runs
        .iter()
        .map(|r| (r.report.day, r.report.day_run().load))
        .collect();
    let loaded = || days.iter().filter(|(_, l)| l.is_some()).map(|(d, _)| *d);
    let span = loaded()
        .max()
        .zip(loaded().min())
        .map(|(b, a)| (b - a).num_days());
    if span.is_none_or(|s| s < i64::from(rules.fatigue_days.value)) {
        return;
    }
    for (r, morning) in runs.iter_mut().zip(morning_of_each(&days, rules)) {
        r.report.form = Some(morning);
        if let Some(flag) = hard_while_fatigued(&r.report.day_run(), &morning, rules) {
            r.report.flags.push(flag);
        }
    }
}

/// Puts each run on the runner's calendar day (the file's local time, else the profile's time
/// zone, else UTC) and flags the season's pattern: what followed each hard day.
fn pattern(runs: &mut [&mut RunRecord], config: &Config) {
    let zone: Option<chrono_tz::Tz> = config
        .profile
        .runner
        .time_zone
        .as_ref()
        .and_then(|z| z.value.parse().ok());
    if let Some(zone) = zone {
        for r in runs.iter_mut() {
            if r.report.day_source == DaySource::Utc {
                r.report.day = r.report.analysis.start.with_timezone(&zone).date_naive();
                r.report.day_source = DaySource::ProfileTimeZone;
            }
        }
    }
    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_by_key(|&i| runs.get(i).map(|r| r.report.analysis.start));
    let days: Vec<DayRun> = order
        .iter()
        .filter_map(|&i| runs.get(i))
        .map(|r| r.report.day_run())
        .collect();
    let window = config.profile.rules.recovery_window_days.value;
    for (&i, f) in order.iter().zip(flags(&days, window)) {
        if let Some(r) = runs.get_mut(i) {
            r.report.flags = f;
        }
    }
}

/// Orders runs by start time (then file, then session) so output never depends on threads.
fn sort_runs(runs: &mut [RunRecord]) {
    runs.sort_by(|a, b| {
        (a.report.analysis.start, &a.report.file, a.report.session).cmp(&(
            b.report.analysis.start,
            &b.report.file,
            b.report.session,
        ))
    });
}

/// Drops runs that are the same activity as another (start within [`SAME_START_S`], distance
/// within [`SAME_DISTANCE_SHARE`] or 50 m), keeping the richest copy (FIT over TCX over GPX, then
/// more samples) and naming the others in its `duplicates`. Expects runs sorted by start.
fn dedupe(runs: Vec<RunRecord>) -> Vec<RunRecord> {
    let mut kept: Vec<RunRecord> = Vec::with_capacity(runs.len());
    for run in runs {
        let start = run.report.analysis.start;
        let dist = run.report.analysis.distance_m;
        let twin = kept
            .iter_mut()
            .rev()
            .take_while(|k| (start - k.report.analysis.start).num_seconds() <= SAME_START_S);
        let mut found = None;
        for (pos, k) in twin.enumerate() {
            let kd = k.report.analysis.distance_m;
            let close = (dist - kd).abs() <= (SAME_DISTANCE_SHARE * dist.max(kd)).max(50.0);
            if close && k.report.sport == run.report.sport {
                found = Some(pos);
                break;
            }
        }
        match found.and_then(|pos| kept.len().checked_sub(pos + 1)) {
            Some(idx) => {
                if let Some(k) = kept.get_mut(idx) {
                    if richness(&run) > richness(k) {
                        let mut run = run;
                        run.report.duplicates.push(k.report.file.clone());
                        run.report.duplicates.append(&mut k.report.duplicates);
                        *k = run;
                    } else {
                        k.report.duplicates.push(run.report.file.clone());
                    }
                }
            }
            None => kept.push(run),
        }
    }
    kept
}

/// How much a copy of an activity holds: format first (FIT, TCX, an Apple Health workout, GPX),
/// then samples.
fn richness(run: &RunRecord) -> (u8, usize) {
    let format = match run.report.format {
        Format::Fit => 4,
        Format::Tcx => 3,
        Format::AppleHealth => 2,
        Format::Gpx => 1,
    };
    (format, run.report.analysis.samples)
}

/// Keeps runs whose start day (UTC) is within `--since`/`--until`.
fn in_date_range(run: &RunRecord, config: &Config) -> bool {
    let day = run.report.analysis.start.date_naive();
    config.since.is_none_or(|s| day >= s) && config.until.is_none_or(|u| day <= u)
}
