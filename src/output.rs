//! Where results go and in which shape: the `--format` dispatch to the renderers, the `path:
//! reason` lines on stderr, and the files of `--svg`/`--out` (one SVG per run, the season SVG,
//! the index page). Both commands write through here.

use std::io::{self, Write};
use std::path::Path;

use rayon::prelude::*;

use crate::batch::{with_threads, Failure};
use crate::config::{Config, OutputFormat};
use crate::pipeline::RunRecord;
use crate::read::export::SidecarWarning;
use crate::report::svg::html::{Failed, Linked};
use crate::report::svg::names::{base_name, UniqueNames};
use crate::report::svg::{index_html, run_svg, season_svg, RunView};
use crate::report::table::TableStyle;
use crate::report::{csv, json, season, table};
use crate::run::{season_weeks, FileResult, RunReport};

/// The season chart's file name in an `--out` folder.
pub const SEASON_SVG: &str = "season.svg";
/// The index page's file name in an `--out` folder.
pub const INDEX_HTML: &str = "index.html";
/// The weekly summary's file name in an `--out` folder.
pub const WEEKS_CSV: &str = "weeks.csv";
/// The folder of per-run SVGs in an `--out` folder.
pub const RUNS_DIR: &str = "runs";

/// What the table shows: one block per run (`check`) or the season (`audit`). JSON and CSV are
/// the same for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// A table per run with its splits and criteria.
    PerRun,
    /// One line per run and the season summary.
    Season,
}

/// The table style for a configuration.
pub fn table_style(config: &Config) -> TableStyle {
    TableStyle {
        units: config.units,
        color: config.color,
    }
}

/// Writes the results in the configured format, then flushes.
pub fn write_results(
    out: &mut dyn Write,
    results: &[FileResult],
    config: &Config,
    view: View,
) -> io::Result<()> {
    match (config.format, view) {
        (OutputFormat::Table, View::PerRun) => table::write(out, results, &table_style(config)),
        (OutputFormat::Table, View::Season) => season::write(
            out,
            results,
            &season::SeasonStyle {
                table: table_style(config),
                every_run: config.every_run,
            },
        ),
        (OutputFormat::Json, _) => json::write(out, results),
        (OutputFormat::Jsonl, _) => json::write_lines(out, results),
        (OutputFormat::Csv, _) => csv::write(out, results),
    }?;
    out.flush()
}

/// One `file: error` line per failure.
pub fn write_failures(diag: &mut dyn Write, failures: &[Failure]) -> io::Result<()> {
    for f in failures {
        write_failure(diag, &f.file, &f.error)?;
    }
    Ok(())
}

/// The `file: error` line of one file that could not be read.
pub fn write_failure(diag: &mut dyn Write, file: &str, error: &str) -> io::Result<()> {
    writeln!(diag, "{file}: {error}")
}

/// One `warning: ...` line per problem found in an export's summary files (no run is lost).
pub fn write_notes(diag: &mut dyn Write, notes: &[SidecarWarning]) -> io::Result<()> {
    for n in notes {
        writeln!(diag, "warning: {n}")?;
    }
    Ok(())
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
pub fn write_run_svgs(runs: &[&RunRecord], dir: &Path, config: &Config) -> io::Result<Vec<String>> {
    let mut unique = UniqueNames::default();
    let names: Vec<String> = runs
        .iter()
        .map(|r| unique.svg_name(&base_name(&r.report)))
        .collect();
    with_threads(config.threads, runs.len(), || {
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

/// Writes `season.svg`, `weeks.csv` and `index.html` into `dir`; `svg_names` are the run SVGs under `runs/`,
/// in the order of the runs in `results`.
pub fn write_season(
    dir: &Path,
    results: &[FileResult],
    svg_names: &[String],
    config: &Config,
) -> io::Result<()> {
    let runs: Vec<&RunReport> = results.iter().filter_map(FileResult::run).collect();
    let svg = season_svg(&runs, config.units).map_err(io::Error::other)?;
    write_file(&dir.join(SEASON_SVG), &svg)?;
    let mut weeks_csv = Vec::new();
    csv::write_weeks(&mut weeks_csv, &season_weeks(&runs))?;
    std::fs::write(dir.join(WEEKS_CSV), weeks_csv)
        .map_err(|e| named(&dir.join(WEEKS_CSV), "cannot write", e))?;
    let hrefs: Vec<String> = svg_names
        .iter()
        .map(|n| format!("{RUNS_DIR}/{n}"))
        .collect();
    let linked: Vec<Linked> = runs
        .iter()
        .zip(&hrefs)
        .map(|(report, href)| Linked { report, href })
        .collect();
    let failed: Vec<Failed> = results
        .iter()
        .filter_map(|r| match r {
            FileResult::Error { file, error } => Some(Failed { file, error }),
            FileResult::Run(_) => None,
        })
        .collect();
    let html = index_html(&linked, &failed, SEASON_SVG, config.units);
    write_file(&dir.join(INDEX_HTML), &html)
}
