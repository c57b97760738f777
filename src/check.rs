//! `runaudit check FILE...`: read a few files (in parallel, output in the order given), judge the
//! runs together, print a table per run (or JSON/CSV), and name every file that failed.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::batch::{self, Outcome};
use crate::config::Config;
use crate::output::{self, View};

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
    let batch = batch::files(files, config);
    output::write_failures(diag, &batch.failures)?;
    if let Some(dir) = &config.svg_dir {
        output::write_run_svgs(&batch.runs(), dir, config)?;
    }
    let results: Vec<_> = batch.entries.into_iter().map(|p| p.into_result()).collect();
    output::write_results(out, &results, config, View::PerRun)?;
    Ok(batch.outcome)
}
