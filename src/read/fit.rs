//! FIT reader (skeleton; being written).
use crate::activity::Activity;
use crate::error::ReadError;

/// Reads every session of a FIT file (chained files included) as one activity each.
pub fn parse(_bytes: &[u8]) -> Result<Vec<Activity>, ReadError> {
    Err(ReadError::Fit("FIT reading is not built yet".into()))
}
