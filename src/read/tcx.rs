//! TCX reader (skeleton; being written).
use crate::activity::Activity;
use crate::error::ReadError;

/// Reads every `<Activity>` of a TCX file.
pub fn parse(_bytes: &[u8]) -> Result<Vec<Activity>, ReadError> {
    Err(ReadError::UnknownFormat(
        "TCX reading is not built yet".into(),
    ))
}
