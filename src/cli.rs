//! The command line (clap derive) and its translation into a plain [`Config`]. Only this file
//! knows clap; everything after it takes `Config`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::Config;
use crate::config::OutputFormat;
use crate::profile::{resolve, ProfileFile};
use crate::read::ReadOptions;
use crate::units::Units;

const EXAMPLES: &str = "\
Examples:
  runaudit check morning.fit                        splits, totals and the recovery verdict
  runaudit check --units mi --normal-pace 10:00/mi a.gpx b.tcx.gz
  runaudit check --format json run.fit              the same as JSON (one object per run)
  runaudit audit ~/exports/strava.zip --lthr 172    a whole season, judged run by run
  runaudit audit runs/ --since 2026-09-01 --profile me.toml --format csv
  runaudit check --svg reports/ run.fit             also an SVG report per run
  runaudit audit runs/ --out report/                also runs/*.svg, season.svg, index.html
";

/// Analyze running-watch exports (FIT, GPX, TCX): splits, pace, heart rate, recovery verdicts.
#[derive(Debug, Parser)]
#[command(name = "runaudit", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyze a few files: one table per run with splits and laps.
    // The output folder is one flattened option (`out_dir`, see `CommonArgs`) so `main` needs no
    // per-command plumbing; `check` spells it `--svg`.
    #[command(after_help = EXAMPLES)]
    #[command(mut_arg("out_dir", |a| a.long("svg").help("Write one SVG report per run into DIR")))]
    Check {
        /// FIT, GPX or TCX files, optionally gzip-compressed.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Shared options.
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Audit a season: files, folders (recursive) and zip export archives, judged together.
    #[command(after_help = EXAMPLES)]
    Audit {
        /// Files, folders or .zip exports (Strava, Garmin).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Only runs on or after this day (YYYY-MM-DD, UTC).
        #[arg(long, value_name = "DATE")]
        since: Option<NaiveDate>,
        /// Only runs on or before this day (YYYY-MM-DD, UTC).
        #[arg(long, value_name = "DATE")]
        until: Option<NaiveDate>,
        /// Shared options.
        #[command(flatten)]
        common: CommonArgs,
    },
}

/// Units for splits and paces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitsArg {
    /// Kilometers.
    Km,
    /// Miles.
    Mi,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Tables for people.
    Table,
    /// A JSON array, one object per run.
    Json,
    /// CSV, one row per run.
    Csv,
}

/// When to use colors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// When stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Options shared by every subcommand.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Split and pace units [default: km].
    #[arg(long, value_enum)]
    pub units: Option<UnitsArg>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: FormatArg,
    /// Colors in the table.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Largest input file accepted, in MiB (after decompression).
    #[arg(long, value_name = "MIB", default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_file_size: u64,
    /// The runner's normal pace, e.g. 10:00/mi or 5:30/km (default: from history).
    #[arg(long, value_name = "PACE", help_heading = "Runner")]
    pub normal_pace: Option<String>,
    /// Maximum heart rate, bpm (default: from the runs' heart rate, else from --age).
    #[arg(long, value_name = "BPM", help_heading = "Runner")]
    pub max_hr: Option<f64>,
    /// Resting heart rate, bpm (enables the heart-rate-reserve ceiling).
    #[arg(long, value_name = "BPM", help_heading = "Runner")]
    pub resting_hr: Option<f64>,
    /// Lactate-threshold heart rate, bpm (ceiling: 85% of it).
    #[arg(long, value_name = "BPM", help_heading = "Runner")]
    pub lthr: Option<f64>,
    /// Aerobic-threshold (LT1) heart rate, bpm: the easy ceiling itself.
    #[arg(long, value_name = "BPM", help_heading = "Runner")]
    pub lt1_hr: Option<f64>,
    /// Age in years (max HR by Tanaka when nothing better is known).
    #[arg(long, value_name = "YEARS", help_heading = "Runner")]
    pub age: Option<f64>,
    /// Write SVG reports into DIR: runs/NAME.svg per run, season.svg and index.html.
    #[arg(long = "out", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// A TOML profile with the same keys (normal_pace, max_hr, resting_hr, lthr, lt1_hr, age,
    /// units) and the rule thresholds; flags win over it.
    #[arg(long, value_name = "FILE", help_heading = "Runner")]
    pub profile: Option<PathBuf>,
}

impl CommonArgs {
    /// The plain configuration. `stdout_is_terminal` and `no_color` decide `--color auto`;
    /// `profile_text` is the content of the `--profile` file, read by the caller. An error names
    /// the flag or key at fault.
    pub fn to_config(
        &self,
        stdout_is_terminal: bool,
        no_color: bool,
        profile_text: Option<&str>,
    ) -> Result<Config, String> {
        let file: Option<ProfileFile> = profile_text
            .map(|t| toml::from_str(t).map_err(|e| format!("--profile: {}", e.message())))
            .transpose()?;
        let flags = ProfileFile {
            normal_pace: self.normal_pace.clone(),
            max_hr: self.max_hr,
            resting_hr: self.resting_hr,
            lthr: self.lthr,
            lt1_hr: self.lt1_hr,
            age: self.age,
            ..ProfileFile::default()
        };
        let profile = resolve(&flags, file.as_ref())?;
        let units = match (self.units, file.as_ref().and_then(|f| f.units.as_deref())) {
            (Some(UnitsArg::Km), _) => Units::Km,
            (Some(UnitsArg::Mi), _) => Units::Mi,
            (None, Some("mi")) => Units::Mi,
            (None, Some("km")) | (None, None) => Units::Km,
            (None, Some(other)) => {
                return Err(format!("--profile: units must be km or mi, not {other:?}"))
            }
        };
        Ok(Config {
            units,
            format: match self.format {
                FormatArg::Table => OutputFormat::Table,
                FormatArg::Json => OutputFormat::Json,
                FormatArg::Csv => OutputFormat::Csv,
            },
            color: match self.color {
                ColorArg::Always => true,
                ColorArg::Never => false,
                ColorArg::Auto => stdout_is_terminal && !no_color,
            },
            threads: self.threads.map(usize::from),
            read: ReadOptions {
                max_file_size: self.max_file_size.saturating_mul(1024 * 1024),
            },
            profile,
            since: None,
            until: None,
            progress: true,
            svg_dir: self.out_dir.clone(),
        })
    }
}
