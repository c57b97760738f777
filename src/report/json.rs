//! JSON output: a top-level array of [`FileResult`], pretty-printed, in input order.

use std::io::{self, Write};

use crate::run::FileResult;

/// Writes the results as one JSON array followed by a newline.
pub fn write(out: &mut dyn Write, results: &[FileResult]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, results).map_err(io::Error::other)?;
    writeln!(out)
}
