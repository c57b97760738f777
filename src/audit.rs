//! `runaudit audit PATH...`: every activity under the paths, judged as a season; the season
//! table (or JSON/CSV) on stdout and, with `--out DIR`, an SVG per run, the season SVG and an
//! index page.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::batch::{self, Outcome};
use crate::config::Config;
use crate::output::{self, View};

/// Runs `audit` over `paths`, writing the season to `out` and one `path: reason` line per failed
/// file to `diag`.
pub fn audit(
    paths: &[PathBuf],
    config: &Config,
    out: &mut dyn Write,
    diag: &mut dyn Write,
) -> io::Result<Outcome> {
    if let Some(dir) = &config.svg_dir {
        output::create_out_dir(dir)?;
    }
    let batch = batch::season(paths, config);
    output::write_failures(diag, &batch.failures)?;
    output::write_notes(diag, &batch.notes)?;
    let svg_names = match &config.svg_dir {
        // Checked again: `runs/` may have been swapped for a link while the season was read.
        Some(dir) => output::write_run_svgs(&batch.runs(), &output::create_out_dir(dir)?, config)?,
        None => Vec::new(),
    };
    let results: Vec<_> = batch.entries.into_iter().map(|p| p.into_result()).collect();
    output::write_results(out, &results, config, View::Season)?;
    if let Some(dir) = &config.svg_dir {
        output::write_season(dir, &results, &svg_names, config)?;
    }
    Ok(batch.outcome)
}
