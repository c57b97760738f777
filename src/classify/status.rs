//! PASS, FAIL or UNKNOWN: the outcome of one criterion, shared by the criteria and their reasons.

/// A criterion's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Met.
    Pass,
    /// Not met.
    Fail,
    /// Cannot be judged from what the file and the profile give.
    Unknown,
}
