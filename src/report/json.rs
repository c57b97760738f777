//! JSON output: a top-level array of [`FileResult`], pretty-printed, in input order; or JSON
//! Lines, one compact object per line, for streams and map steps.

use std::io::{self, Write};

use crate::run::FileResult;

/// Writes the results as one JSON array followed by a newline.
pub fn write(out: &mut dyn Write, results: &[FileResult]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, results).map_err(io::Error::other)?;
    writeln!(out)
}

/// Writes each result as one JSON object on a line of its own (JSON Lines).
pub fn write_lines(out: &mut dyn Write, results: &[FileResult]) -> io::Result<()> {
    for r in results {
        serde_json::to_writer(&mut *out, r).map_err(io::Error::other)?;
        writeln!(out)?;
    }
    Ok(())
}

/// One result with the athlete's name as its first field (`team --format jsonl`).
#[derive(serde::Serialize)]
struct Tagged<'a> {
    athlete: &'a str,
    #[serde(flatten)]
    result: &'a FileResult,
}

/// Writes each result as one JSON object on a line, `athlete` its first field.
pub fn write_lines_of(
    out: &mut dyn Write,
    athlete: &str,
    results: &[FileResult],
) -> io::Result<()> {
    for result in results {
        serde_json::to_writer(&mut *out, &Tagged { athlete, result }).map_err(io::Error::other)?;
        writeln!(out)?;
    }
    Ok(())
}
