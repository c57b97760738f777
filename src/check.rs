//! `runaudit check FILE...`: read a few files (in parallel, output in the order given), print a
//! table per run (or JSON/CSV), and name every file that failed on the diagnostics stream.

use std::io::{self, Write};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Config;
use crate::pipeline::process_file;
use crate::report::{self, FileResult, OutputFormat};

/// What a command run produced, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Files read (at least one activity).
    pub files_ok: usize,
    /// Files that could not be read.
    pub files_failed: usize,
}

/// Runs `check` over `files`, writing results to `out` and one `path: reason` line per failed
/// file to `diag`.
pub fn check(
    files: &[PathBuf],
    config: &Config,
    out: &mut dyn Write,
    diag: &mut dyn Write,
) -> io::Result<Outcome> {
    let per_file: Vec<Vec<FileResult>> = with_threads(config.threads, || {
        files.par_iter().map(|p| process_file(p, config)).collect()
    });
    let mut outcome = Outcome {
        files_ok: 0,
        files_failed: 0,
    };
    for results in &per_file {
        let failed = results
            .iter()
            .filter_map(|r| match r {
                FileResult::Error { file, error } => Some((file, error)),
                FileResult::Run(_) => None,
            })
            .inspect(|(file, error)| {
                let _ = writeln!(diag, "{file}: {error}");
            })
            .count();
        if failed > 0 {
            outcome.files_failed += 1;
        } else {
            outcome.files_ok += 1;
        }
    }
    let results: Vec<FileResult> = per_file.into_iter().flatten().collect();
    render(out, &results, config)?;
    Ok(outcome)
}

/// Writes results in the configured format.
pub fn render(out: &mut dyn Write, results: &[FileResult], config: &Config) -> io::Result<()> {
    match config.format {
        OutputFormat::Table => report::table::write(
            out,
            results,
            &report::table::TableStyle {
                units: config.units,
                color: config.color,
            },
        ),
        OutputFormat::Json => report::json::write(out, results),
        OutputFormat::Csv => report::csv::write(out, results),
    }?;
    out.flush()
}

/// Runs `f` on a rayon pool of `threads` workers (the global pool when `None`).
pub fn with_threads<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> T {
    match threads.and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok()) {
        Some(pool) => pool.install(f),
        None => f(),
    }
}
