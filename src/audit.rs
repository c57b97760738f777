//! Running the pipeline over many inputs: discovery, rayon across files (output order fixed, so
//! any thread count gives the same bytes), a progress bar on stderr, duplicates counted once, the
//! date filter, and judging the runs together.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::check::{create_dir, write_file, write_run_svgs};
use crate::classify::judge::{judge_all, Candidate};
use crate::config::Config;
use crate::pipeline::{process_input, Processed, RunRecord};
use crate::read::archive::{discover, ArchiveCache, Input};
use crate::report::svg::html::{Failed, Linked};
use crate::report::{self, season, svg, FileResult, OutputFormat, RunReport};

/// What a command run produced, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Inputs read (at least one activity).
    pub files_ok: usize,
    /// Inputs that could not be read or searched.
    pub files_failed: usize,
}

/// Two activities whose starts are this close are candidates for being the same one, seconds.
pub const SAME_START_S: i64 = 10;
/// ... and whose distances differ by at most this share (or 50 m).
pub const SAME_DISTANCE_SHARE: f64 = 0.03;

/// Processes every input in parallel; the result is in input order, one list per input.
pub fn collect(inputs: &[Input], config: &Config) -> Vec<Vec<Processed>> {
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
    let results = with_threads(config.threads, || {
        inputs
            .par_iter()
            .map_init(ArchiveCache::default, |cache, input| {
                let r = process_input(input, cache, config);
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

/// Runs `f` on a rayon pool of `threads` workers (the global pool when `None`).
pub fn with_threads<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> T {
    match threads.and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok()) {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

/// Writes one `file: error` line per failed entry to `diag`, in input order, and counts the
/// inputs read and failed.
pub fn tally(per_input: &[Vec<Processed>], diag: &mut dyn Write) -> Outcome {
    let mut outcome = Outcome::default();
    for processed in per_input {
        let mut failed = false;
        for p in processed {
            if let Processed::Error { file, error } = p {
                let _ = writeln!(diag, "{file}: {error}");
                failed = true;
            }
        }
        if failed {
            outcome.files_failed += 1;
        } else {
            outcome.files_ok += 1;
        }
    }
    outcome
}

/// Splits processed inputs into runs and error entries.
pub fn split_results(per_input: Vec<Vec<Processed>>) -> (Vec<RunRecord>, Vec<FileResult>) {
    let mut runs = Vec::new();
    let mut errors = Vec::new();
    for p in per_input.into_iter().flatten() {
        match p {
            Processed::Run(r) => runs.push(*r),
            e @ Processed::Error { .. } => errors.push(e.into_result()),
        }
    }
    (runs, errors)
}

/// Judges runs together (normal pace from each run's history, max HR from all of them) and
/// stores each judgement in its report.
pub fn judge(runs: &mut [RunRecord], config: &Config) {
    let candidates: Vec<Candidate> = runs
        .iter()
        .map(|r| Candidate {
            start: r.report.analysis.start,
            sport: r.report.sport,
            pace: &r.pace,
            hr: r.hr.as_ref(),
        })
        .collect();
    let judgements = judge_all(&candidates, &config.profile, config.units);
    for (run, j) in runs.iter_mut().zip(judgements) {
        run.report.judgement = Some(j);
    }
}

/// Orders runs by start time (then file, then session) so output never depends on threads.
pub fn sort_runs(runs: &mut [RunRecord]) {
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
pub fn dedupe(runs: Vec<RunRecord>) -> Vec<RunRecord> {
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

/// How much a copy of an activity holds: format first (FIT, TCX, GPX), then samples.
fn richness(run: &RunRecord) -> (u8, usize) {
    let format = match run.report.format {
        crate::activity::Format::Fit => 3,
        crate::activity::Format::Tcx => 2,
        crate::activity::Format::Gpx => 1,
    };
    (format, run.report.analysis.samples)
}

/// Keeps runs whose start day (UTC) is within `--since`/`--until`.
pub fn in_date_range(run: &RunRecord, config: &Config) -> bool {
    let day = run.report.analysis.start.date_naive();
    config.since.is_none_or(|s| day >= s) && config.until.is_none_or(|u| day <= u)
}

/// `runaudit audit PATH...`: every activity under the paths, judged as a season.
pub fn audit(
    paths: &[PathBuf],
    config: &Config,
    out: &mut dyn Write,
    diag: &mut dyn Write,
) -> io::Result<Outcome> {
    if let Some(dir) = &config.svg_dir {
        create_dir(&dir.join("runs"))?;
    }
    let (inputs, discovery_errors) = discover(paths, config.read.max_file_size);
    let mut outcome = Outcome::default();
    let mut errors = Vec::new();
    for e in discovery_errors {
        writeln!(diag, "{}: {}", e.label, e.error)?;
        outcome.files_failed += 1;
        errors.push(FileResult::Error {
            file: e.label,
            error: e.error.to_string(),
        });
    }
    let per_input = collect(&inputs, config);
    let read_outcome = tally(&per_input, diag);
    outcome.files_ok += read_outcome.files_ok;
    outcome.files_failed += read_outcome.files_failed;
    let (mut runs, mut read_errors) = split_results(per_input);
    errors.append(&mut read_errors);
    sort_runs(&mut runs);
    let mut runs = dedupe(runs);
    runs.retain(|r| in_date_range(r, config));
    judge(&mut runs, config);
    errors.sort_by(|a, b| error_file(a).cmp(error_file(b)));
    let svg_names = match &config.svg_dir {
        Some(dir) => write_run_svgs(&runs, &dir.join("runs"), config)?,
        None => Vec::new(),
    };
    let reports: Vec<FileResult> = runs
        .into_iter()
        .map(|r| FileResult::Run(Box::new(r.report)))
        .chain(errors)
        .collect();
    match config.format {
        OutputFormat::Table => season::write(out, &reports, &season::style(config))?,
        OutputFormat::Json => report::json::write(out, &reports)?,
        OutputFormat::Csv => report::csv::write(out, &reports)?,
    }
    out.flush()?;
    if let Some(dir) = &config.svg_dir {
        write_season(dir, &reports, &svg_names, config)?;
    }
    Ok(outcome)
}

/// Writes `season.svg` and `index.html` into `dir`; `svg_names` are the run SVGs under `runs/`,
/// in the order of the runs in `reports`.
fn write_season(
    dir: &Path,
    reports: &[FileResult],
    svg_names: &[String],
    config: &Config,
) -> io::Result<()> {
    let runs: Vec<&RunReport> = reports
        .iter()
        .filter_map(|r| match r {
            FileResult::Run(run) => Some(run.as_ref()),
            FileResult::Error { .. } => None,
        })
        .collect();
    let svg = svg::season_svg(&runs, config.units).map_err(io::Error::other)?;
    write_file(&dir.join(SEASON_SVG), &svg)?;
    let hrefs: Vec<String> = svg_names.iter().map(|n| format!("runs/{n}")).collect();
    let linked: Vec<Linked> = runs
        .iter()
        .zip(&hrefs)
        .map(|(report, href)| Linked { report, href })
        .collect();
    let failed: Vec<Failed> = reports
        .iter()
        .filter_map(|r| match r {
            FileResult::Error { file, error } => Some(Failed { file, error }),
            FileResult::Run(_) => None,
        })
        .collect();
    let html = svg::index_html(&linked, &failed, SEASON_SVG, config.units);
    write_file(&dir.join(INDEX_HTML), &html)
}

/// The season chart's file name in an `--out` folder.
pub const SEASON_SVG: &str = "season.svg";
/// The index page's file name in an `--out` folder.
pub const INDEX_HTML: &str = "index.html";

fn error_file(r: &FileResult) -> &str {
    match r {
        FileResult::Error { file, .. } => file,
        FileResult::Run(run) => &run.file,
    }
}
