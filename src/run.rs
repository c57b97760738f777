//! The record of one run as every output shows it: where it came from, what was measured and how
//! it was judged. These structs are the JSON contract (`--format json`).

use serde::Serialize;

use crate::activity::{Activity, Format, Sport, Warning};
use crate::analyze::Analysis;
use crate::classify::judge::Judgement;

/// Everything reported for one activity: where it came from and what was measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunReport {
    /// The file the activity was read from, as given on the command line or found in a folder.
    pub file: String,
    /// The file's format.
    pub format: Format,
    /// Index of the activity within its file (FIT session), from 0.
    pub session: usize,
    /// The sport the file names.
    pub sport: Sport,
    /// The recording device, when the file names it.
    pub device: Option<String>,
    /// The measurements.
    #[serde(flatten)]
    pub analysis: Analysis,
    /// What the reader repaired or dropped; each serializes as its sentence.
    pub warnings: Vec<Warning>,
    /// Other files holding the same activity (same start, same distance), counted once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<String>,
    /// The recovery verdict, its criteria and the profile used; absent until judged.
    #[serde(flatten)]
    pub judgement: Option<Judgement>,
}

impl RunReport {
    /// Pairs an activity's identity with its analysis.
    pub fn new(file: &str, activity: &Activity, analysis: Analysis) -> RunReport {
        RunReport {
            file: file.to_string(),
            format: activity.format,
            session: activity.session,
            sport: activity.sport,
            device: activity.device.clone(),
            analysis,
            warnings: activity.warnings.clone(),
            duplicates: Vec::new(),
            judgement: None,
        }
    }
}

/// One entry of the output: a run, or a file that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FileResult {
    /// An activity read and analyzed.
    Run(Box<RunReport>),
    /// A file that could not be read.
    Error {
        /// The file.
        file: String,
        /// Why, in one line.
        error: String,
    },
}
