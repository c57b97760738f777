//! `runaudit check FILE...`: read a few files (in parallel, output in the order given), judge the
//! runs together, print a table per run (or JSON/CSV), and name every file that failed.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::audit::{collect, judge, tally, Outcome};
use crate::config::Config;
use crate::pipeline::Processed;
use crate::read::archive::Input;
use crate::report::{self, FileResult, OutputFormat};

/// Runs `check` over `files`, writing results to `out` and one `path: reason` line per failed
/// file to `diag`. Output keeps the order of the files given.
pub fn check(
    files: &[PathBuf],
    config: &Config,
    out: &mut dyn Write,
    diag: &mut dyn Write,
) -> io::Result<Outcome> {
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
