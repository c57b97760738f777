//! The runner's declared intent (placeholder for the name reader being written on its branch).

use serde::Serialize;

/// What the runner declared a run to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IntentLabel {
    /// A recovery run.
    Recovery,
    /// An easy run.
    Easy,
    /// A long run.
    Long,
    /// Intervals, tempo, threshold, hills.
    Workout,
    /// A race.
    Race,
}

/// Reads one text; `None` when it declares nothing (placeholder until the name reader lands).
pub fn read_intent(_text: &str) -> Option<IntentLabel> {
    None
}
