//! The plain settings every command runs on, built from the command line before any work starts.
//! Nothing past this point reads clap types.

use crate::analyze::Units;
use crate::read::ReadOptions;
use crate::report::OutputFormat;

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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            units: Units::Km,
            format: OutputFormat::Table,
            color: false,
            threads: None,
            read: ReadOptions::default(),
        }
    }
}
