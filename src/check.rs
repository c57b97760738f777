//! `runaudit check FILE...`: read a few files (in parallel, output in the order given), judge the
//! runs together, print a table per run (or JSON/CSV), and name every file that failed.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::batch::{self, Outcome};
use crate::config::{Config, OutputFormat};
use crate::output::{self, View};
use crate::pipeline::{Processed, RunRecord};

/// Runs `check` over `files`, writing results to `out` and one `path: reason` line per failed
/// file to `diag`. Output keeps the order of the files given.
pub fn check(
    files: &[PathBuf],
    config: &Config,
    out: &mut dyn Write,
    diag: &mut dyn Write,
) -> io::Result<Outcome> {
    if let Some(dir) = &config.svg_dir {
        output::create_dir(dir)?;
    }
    if config.format == OutputFormat::Jsonl {
        return stream(files, config, out, diag);
    }
    let batch = batch::files(files, config);
    output::write_failures(diag, &batch.failures)?;
    if let Some(dir) = &config.svg_dir {
        output::write_run_svgs(&batch.runs(), dir, config)?;
    }
    let results: Vec<_> = batch.entries.into_iter().map(|p| p.into_result()).collect();
    output::write_results(out, &results, config, View::PerRun)?;
    Ok(batch.outcome)
}

/// `check --format jsonl`: each file judged on its own, its lines written as soon as it and the
/// files before it are done; SVGs, when asked for, once all are read.
fn stream(
    files: &[PathBuf],
    config: &Config,
    out: &mut dyn Write,
    diag: &mut dyn Write,
) -> io::Result<Outcome> {
    let mut kept: Vec<RunRecord> = Vec::new();
    let outcome = batch::stream_files(files, config, |entries| {
        let mut results = Vec::with_capacity(entries.len());
        for p in entries {
            if let Processed::Error { file, error } = &p {
                output::write_failure(diag, file, error)?;
            }
            if let (Processed::Run(run), Some(_)) = (&p, &config.svg_dir) {
                kept.push(run.as_ref().clone());
            }
            results.push(p.into_result());
        }
        output::write_results(out, &results, config, View::PerRun)
    })?;
    if let Some(dir) = &config.svg_dir {
        output::write_run_svgs(&kept.iter().collect::<Vec<_>>(), dir, config)?;
    }
    Ok(outcome)
}
