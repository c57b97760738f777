//! `runaudit check FILE...`: read a few files (in parallel, output in the order given), judge the
//! runs together, print a table per run (or JSON/CSV), and name every file that failed.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::audit::{collect, judge, tally, Outcome};
use crate::config::Config;
use crate::pipeline::{Processed, RunRecord};
use crate::read::archive::Input;
use crate::report::svg::names::{base_name, UniqueNames};
use crate::report::svg::{run_svg, RunView};
use crate::report::{self, FileResult, OutputFormat};

/// Runs `check` over `files`, writing results to `out` and one `path: reason` line per failed
/// file to `diag`. Output keeps the order of the files given.
pub fn check(
    files: &[PathBuf],
    config: &Config,
    out: &mut dyn Write,
    diag: &mut dyn Write,
) -> io::Result<Outcome> {
    if let Some(dir) = &config.svg_dir {
        create_dir(dir)?;
    }
    let inputs: Vec<Input> = files.iter().cloned().map(Input::File).collect();
    let per_input = collect(&inputs, config);
    let outcome = tally(&per_input, diag);
    // Judge the runs together, then put every entry back in the order the files were given.
    let mut runs = Vec::new();
    let mut slots = Vec::new();
    for p in per_input.into_iter().flatten() {
        match p {
            Processed::Run(r) => {
                slots.push(Err(runs.len()));
                runs.push(*r);
            }
            e @ Processed::Error { .. } => slots.push(Ok(e.into_result())),
        }
    }
    judge(&mut runs, config);
    if let Some(dir) = &config.svg_dir {
        write_run_svgs(&runs, dir, config)?;
    }
    let mut runs: Vec<Option<FileResult>> = runs
        .into_iter()
        .map(|r| Some(FileResult::Run(Box::new(r.report))))
        .collect();
    let results: Vec<FileResult> = slots
        .into_iter()
        .filter_map(|slot| match slot {
            Ok(error) => Some(error),
            Err(i) => runs.get_mut(i).and_then(Option::take),
        })
        .collect();
    render(out, &results, config)?;
    Ok(outcome)
}

/// Writes per-run results in the configured format.
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

/// Creates an output folder (and its parents); the error names the folder.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| named(dir, "cannot create folder", e))
}

/// Writes one output file; the error names the file.
pub fn write_file(path: &Path, contents: &str) -> io::Result<()> {
    std::fs::write(path, contents).map_err(|e| named(path, "cannot write", e))
}

/// An I/O error whose message says what failed on which path (kept one line for `main`).
fn named(path: &Path, what: &str, e: io::Error) -> io::Error {
    let kind = if e.kind() == io::ErrorKind::BrokenPipe {
        io::ErrorKind::Other
    } else {
        e.kind()
    };
    io::Error::new(kind, format!("{what} {}: {e}", path.display()))
}

/// Writes one SVG per judged run into `dir` (in parallel); returns each run's file name, in the
/// order of `runs`. Names come from the start time and file stem, made unique in that order.
pub fn write_run_svgs(runs: &[RunRecord], dir: &Path, config: &Config) -> io::Result<Vec<String>> {
    let mut unique = UniqueNames::default();
    let names: Vec<String> = runs
        .iter()
        .map(|r| unique.svg_name(&base_name(&r.report)))
        .collect();
    crate::audit::with_threads(config.threads, || {
        runs.par_iter()
            .zip(names.par_iter())
            .try_for_each(|(run, name)| {
                let svg = run_svg(RunView {
                    report: &run.report,
                    series: run.plot.as_ref(),
                    units: config.units,
                })
                .map_err(io::Error::other)?;
                write_file(&dir.join(name), &svg)
            })
    })?;
    Ok(names)
}
