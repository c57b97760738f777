//! The command line (clap derive) and its translation into a plain [`Config`]. Only this file
//! knows clap; everything after it takes `Config`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::analyze::Units;
use crate::config::Config;
use crate::read::ReadOptions;
use crate::report::OutputFormat;

const EXAMPLES: &str = "\
Examples:
  runaudit check morning.fit                 splits and totals for one run
  runaudit check --units mi a.gpx b.tcx.gz   per-mile splits for two files
  runaudit check --format json run.fit       the same as JSON (one array, one object per run)
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
    #[command(after_help = EXAMPLES)]
    Check {
        /// FIT, GPX or TCX files, optionally gzip-compressed.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
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
    /// Split and pace units.
    #[arg(long, value_enum, default_value = "km")]
    pub units: UnitsArg,
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
}

impl CommonArgs {
    /// The plain configuration; `stdout_is_terminal` and `no_color` decide `--color auto`.
    pub fn to_config(&self, stdout_is_terminal: bool, no_color: bool) -> Config {
        Config {
            units: match self.units {
                UnitsArg::Km => Units::Km,
                UnitsArg::Mi => Units::Mi,
            },
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
        }
    }
}
