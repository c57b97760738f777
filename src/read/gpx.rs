//! GPX reader (skeleton; being written).
use crate::activity::Activity;
use crate::error::ReadError;

/// Reads a GPX file's tracks as one activity.
pub fn parse(_bytes: &[u8]) -> Result<Activity, ReadError> {
    Err(ReadError::UnknownFormat(
        "GPX reading is not built yet".into(),
    ))
}
