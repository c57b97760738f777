//! FIT reader: bytes → one [`Activity`] per session. The bytes are checked before any decoder sees
//! them, so one bad message never loses the file, and two decoders give the same plain messages,
//! so one mapping serves both.
//!
//! The flow reads one way; no step imports a later one, and the two decoders never import each
//! other:
//! 1. `walk/` checks headers, framing and CRCs, resynchronizes after damage, and writes a
//!    sanitized copy of each FIT file in the input (chained files give several).
//! 2. Each copy is decoded into plain messages (`record.rs`, `messages.rs`: no fitparser types):
//!    by `fast/`, straight from the bytes, or, when it declines, by `adapter/`, which runs
//!    fitparser's decoder and converts its values.
//! 3. `map/` puts the messages of each session together, `samples.rs` turns records into
//!    samples and `declared.rs` gathers the names and the workout structure: the [`Activity`]
//!    values, with the walk's and the decoders' warnings.
//!
//! `time.rs` (the FIT epoch) and `crc.rs` serve every step.

mod adapter;
mod crc;
mod declared;
mod fast;
mod map;
mod messages;
mod record;
mod samples;
#[cfg(test)]
mod testfit;
mod time;
mod walk;

use crate::activity::{Activity, Warning};
use crate::error::{Overflow, ReadError};
use crate::read::budget::{self, MAX_SAMPLES};
use crate::words::plural;
use messages::Decoded;

/// Reads every session of a FIT file (chained files included) as one activity each.
///
/// Structural damage (a cut-off end, bad CRCs, padding, undefined message types) is repaired where
/// possible and reported in each activity's `warnings`; the file fails only when its header is
/// unusable or it holds no recorded samples.
pub fn parse(bytes: &[u8]) -> Result<Vec<Activity>, ReadError> {
    parse_with(bytes, Decoder::Auto)
}

/// Which decoder reads the data messages of a FIT file. Both give the same activities; the choice
/// exists for the differential test and the benches.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoder {
    /// The fast path (`fast/`), falling back to fitparser for a FIT file it does not handle.
    Auto,
    /// fitparser's full-profile decoder only.
    Fitparser,
    /// The fast path only: a FIT file it does not handle is an error saying why.
    FastOnly,
}

/// [`parse`] with a chosen decoder.
#[doc(hidden)]
pub fn parse_with(bytes: &[u8], decoder: Decoder) -> Result<Vec<Activity>, ReadError> {
    let walked = walk::walk(bytes)?;
    let mut file_warnings = walked.warnings;
    let mut activities = Vec::new();
    let mut sessions = 0usize;
    let mut file_types = Vec::new();
    let mut records = 0usize;
    // Records the file may still keep, across chained files (`read::budget`).
    let mut room = MAX_SAMPLES;
    let mut dropped = 0usize;
    for chunk in &walked.chunks {
        let decoded = decode_chunk(&chunk.copy, decoder, room)?;
        if let Some(what) = decoded.others.overflow {
            return Err(budget::refuse(what));
        }
        room = room.saturating_sub(decoded.records.len());
        dropped = dropped.saturating_add(decoded.dropped_records);
        if decoded.undecodable > 0 {
            file_warnings.push(Warning::FitUndecodable {
                messages: decoded.undecodable,
                file_at_byte: chunk.offset,
            });
        }
        if let Some(error) = decoded.stream_error {
            file_warnings.push(Warning::FitDecodingStopped {
                file_at_byte: chunk.offset,
                messages: chunk.messages,
                error,
            });
        }
        let mapped = map::map_chunk(&decoded.others, &decoded.records, sessions);
        sessions = sessions.saturating_add(mapped.sessions);
        if sessions > budget::MAX_SESSIONS {
            return Err(budget::refuse(Overflow::Sessions));
        }
        records = records.saturating_add(mapped.records);
        file_types.extend(mapped.file_type);
        activities.extend(mapped.activities);
        // Chained files without sessions give an activity each: the same budget holds.
        if activities.len() > budget::MAX_SESSIONS {
            return Err(budget::refuse(Overflow::Sessions));
        }
    }
    if activities.is_empty() {
        let mut reason = no_activity_reason(&file_types, records);
        if let Some(len) = walked.cut_at {
            reason.push_str(&format!("; the file is cut short at byte {len}"));
        }
        return Err(ReadError::NoActivity(reason));
    }
    if dropped > 0 {
        file_warnings.push(Warning::SamplesCapped {
            kept: MAX_SAMPLES,
            dropped,
        });
    }
    if walked.chunks.len() > 1 {
        file_warnings.push(Warning::FitChained {
            files: walked.chunks.len(),
        });
    }
    for a in &mut activities {
        if relative_times(a) {
            a.warnings.push(Warning::FitRelativeTimes);
        }
        let mut warnings = file_warnings.clone();
        warnings.append(&mut a.warnings);
        a.warnings = warnings;
    }
    Ok(activities)
}

/// Decodes one sanitized FIT file with the chosen decoder, keeping at most `room` records.
fn decode_chunk(copy: &[u8], decoder: Decoder, room: usize) -> Result<Decoded, ReadError> {
    match decoder {
        Decoder::Fitparser => adapter::decode(copy, room),
        Decoder::Auto => fast::decode(copy, room).or_else(|_| adapter::decode(copy, room)),
        Decoder::FastOnly => fast::decode(copy, room)
            .map_err(|why| ReadError::Fit(format!("the fast FIT path declined: {why}"))),
    }
}

/// Why a FIT file gave no activity, naming its file type when it is not an activity file.
fn no_activity_reason(file_types: &[String], records: usize) -> String {
    let kind = file_types
        .iter()
        .find(|t| t.as_str() != "activity")
        .or(file_types.first());
    match (kind.map(String::as_str), records) {
        (_, n) if n > 0 => format!("{}, none with a timestamp", plural(n, "record", "records")),
        (Some("activity"), _) => "an activity file without records".to_string(),
        (Some(t), _) => format!("a FIT {t} file"),
        (None, _) => "a FIT file without records".to_string(),
    }
}

/// True when the first sample's time is a FIT relative time (before 1998-07, counted from power-up).
fn relative_times(a: &Activity) -> bool {
    a.samples.first().is_some_and(|s| time::is_relative(s.time))
}

#[cfg(test)]
mod tests;
