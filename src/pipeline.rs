//! One file through the whole pipeline: read → analyze → report entry. A bad file becomes one
//! error entry; a panic in a dependency is caught here, at the per-file boundary, as the last guard.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use crate::analyze::analyze;
use crate::config::Config;
use crate::error::ReadError;
use crate::read;
use crate::report::{FileResult, RunReport};

/// Reads and analyzes every activity in one file. Never panics: a file that cannot be read gives
/// exactly one [`FileResult::Error`].
pub fn process_file(path: &Path, config: &Config) -> Vec<FileResult> {
    let label = path.display().to_string();
    let outcome = catch_unwind(AssertUnwindSafe(|| read::read_path(path, &config.read)))
        .unwrap_or_else(|panic| Err(ReadError::Panic(panic_message(&panic))));
    match outcome {
        Ok(activities) => reports(&label, activities, config),
        Err(error) => vec![FileResult::Error {
            file: label,
            error: error.to_string(),
        }],
    }
}

/// Analyzes activities read from a file labelled `label`.
pub fn reports(label: &str, activities: Vec<crate::Activity>, config: &Config) -> Vec<FileResult> {
    let analyzed = catch_unwind(AssertUnwindSafe(|| {
        activities
            .iter()
            .filter_map(|a| analyze(a, config.units).map(|an| RunReport::new(label, a, an)))
            .map(|r| FileResult::Run(Box::new(r)))
            .collect::<Vec<_>>()
    }));
    match analyzed {
        Ok(runs) if runs.is_empty() => vec![FileResult::Error {
            file: label.to_string(),
            error: ReadError::NoActivity("no samples with a time".into()).to_string(),
        }],
        Ok(runs) => runs,
        Err(panic) => vec![FileResult::Error {
            file: label.to_string(),
            error: ReadError::Panic(panic_message(&panic)).to_string(),
        }],
    }
}

/// The text of a caught panic, for the error line.
fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}
