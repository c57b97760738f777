//! The plain settings every command runs on, built from the command line before any work starts.
//! Nothing past this point reads clap types.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::profile::Profile;
use crate::read::ReadOptions;
use crate::units::Units;

/// Settings shared by `check` and `audit`.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Split length and pace units.
    pub units: Units,
    /// Table, JSON or CSV.
    pub format: OutputFormat,
    /// ANSI colors in the table.
    pub color: bool,
    /// Worker threads; `None` lets rayon choose (one per core).
    pub threads: Option<usize>,
    /// Input limits.
    pub read: ReadOptions,
    /// The runner and the rules.
    pub profile: Profile,
    /// Only runs on or after this day (UTC).
    pub since: Option<NaiveDate>,
    /// Only runs on or before this day (UTC).
    pub until: Option<NaiveDate>,
    /// Draw a progress bar on stderr.
    pub progress: bool,
    /// Where SVG reports go (`check --svg DIR`: one per run; `audit --out DIR`: `runs/`,
    /// `season.svg`, `index.html`). When set, each run also keeps a small plot series.
    pub svg_dir: Option<PathBuf>,
    /// Every run's line in the season table (`--runs`), not only the summary and flagged runs.
    pub every_run: bool,
}

impl Config {
    /// The maximum heart rate the runner gave (flag or profile file), if any.
    pub fn given_max_hr(&self) -> Option<f64> {
        self.profile.runner.max_hr_bpm.as_ref().map(|m| m.value)
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            units: Units::Km,
            format: OutputFormat::Table,
            color: false,
            threads: None,
            read: ReadOptions::default(),
            profile: Profile::default(),
            since: None,
            until: None,
            progress: false,
            svg_dir: None,
            every_run: false,
        }
    }
}

/// Output format chosen with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// Human-readable tables.
    #[default]
    Table,
    /// One JSON array of [`crate::run::FileResult`].
    Json,
    /// One CSV row per activity.
    Csv,
    /// One JSON object per line: a run, or a `{"file", "error"}` entry.
    Jsonl,
}
