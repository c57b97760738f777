//! The sentences of the warnings: the one place a [`Warning`] becomes words, exactly as the
//! readers have always written them.

use std::fmt;

use super::{FramingBreak, Kept, Recorded, Resync, Warning};
use crate::words::plural;

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::FitPadding { bytes, from_byte } => write!(
                f,
                "{} of padding after the FIT data (from byte {from_byte}) ignored",
                plural(*bytes, "zero byte", "zero bytes")
            ),
            Warning::FitTrailingBytes { bytes, from_byte } => write!(
                f,
                "{} after the FIT data (from byte {from_byte}) {} not a FIT file and {} ignored",
                plural(*bytes, "byte", "bytes"),
                if *bytes == 1 { "is" } else { "are" },
                was_were(*bytes)
            ),
            Warning::FitHeaderSize {
                size_bytes,
                at_byte,
            } => write!(
                f,
                "unusual FIT header size {size_bytes} at byte {at_byte}; read it anyway"
            ),
            Warning::FitNoDeclaredData {
                at_byte,
                following_bytes,
            } => write!(
                f,
                "the header at byte {at_byte} declares no data but {following_bytes} bytes \
                 follow; read them as data"
            ),
            Warning::FitWrongDataSize {
                at_byte,
                declared_bytes,
                data_bytes,
            } => write!(
                f,
                "the header at byte {at_byte} declares {declared_bytes} bytes of data, but the \
                 file ends after {data_bytes} with a matching CRC: the declared size is wrong, \
                 read what is there"
            ),
            Warning::FitHeaderCrc {
                at_byte,
                said,
                computed,
            } => write!(
                f,
                "header CRC mismatch at byte {at_byte} (file says 0x{said:04X}, computed \
                 0x{computed:04X}): data kept"
            ),
            Warning::FitDataCrc {
                file_at_byte,
                said,
                computed,
            } => {
                f.write_str("data CRC mismatch")?;
                if *file_at_byte != 0 {
                    write!(f, " in the FIT file chained at byte {file_at_byte}")?;
                }
                write!(
                    f,
                    " (file says 0x{said:04X}, computed 0x{computed:04X}): data kept"
                )
            }
            Warning::FitCrcMissing { len_bytes } => write!(
                f,
                "file cut short at byte {len_bytes}: the 2-byte CRC after the data is missing"
            ),
            Warning::FitCutShort {
                len_bytes,
                kept_messages,
                incomplete_at_byte,
            } => {
                write!(
                    f,
                    "file cut short at byte {len_bytes}: kept {}",
                    plural(*kept_messages, "complete message", "complete messages")
                )?;
                match incomplete_at_byte {
                    Some(at) => write!(f, " (the message at byte {at} is incomplete)"),
                    None => Ok(()),
                }
            }
            Warning::FitPastDeclaredEnd {
                at_byte,
                end_byte,
                kept_messages,
            } => write!(
                f,
                "the message at byte {at_byte} runs past the end of the data the header declares \
                 (byte {end_byte}): kept {} before it",
                plural(*kept_messages, "complete message", "complete messages")
            ),
            Warning::FitUndefinedType {
                at_byte,
                local_type,
                kept_messages,
                skipped_bytes,
            } => write!(
                f,
                "the message at byte {at_byte} uses local message type {local_type}, which has no \
                 definition and no later message parses: kept {} before it, skipped the \
                 remaining {} of data",
                plural(*kept_messages, "message", "messages"),
                plural(*skipped_bytes, "byte", "bytes")
            ),
            Warning::FitResynced { places, more } => {
                f.write_str("damaged FIT data: ")?;
                for (i, place) in places.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{place}")?;
                }
                if *more > 0 {
                    write!(f, "; {more} more such places were skipped the same way")?;
                }
                Ok(())
            }
            Warning::FitUndecodable {
                messages,
                file_at_byte,
            } => write!(
                f,
                "{} of the FIT file at byte {file_at_byte} could not be decoded and skipped",
                plural(*messages, "message", "messages")
            ),
            Warning::FitDecodingStopped {
                file_at_byte,
                messages,
                error,
            } => write!(
                f,
                "decoding the FIT file at byte {file_at_byte} stopped early after {}: {error}",
                plural(*messages, "message", "messages")
            ),
            Warning::FitChained { files } => {
                write!(f, "{files} FIT files are chained in this file")
            }
            Warning::FitRelativeTimes => f.write_str(
                "timestamps are relative to the device's power-up (its clock was not set), so \
                 dates are wrong",
            ),
            Warning::FitClockJump { jump_s, records } => write!(
                f,
                "the watch's clock jumped by {:+.0} s ({:+.1} days) in the middle of the run: {} \
                 moved back to continue it",
                jump_s,
                jump_s / 86_400.0,
                plural(*records, "record", "records"),
            ),
            Warning::FitRecordsFarOutside {
                records,
                first,
                outside,
            } => write!(
                f,
                "{} more than 6 hours outside {} (the first at {}) dropped",
                plural(*records, "record", "records"),
                match outside {
                    Recorded::Sessions => "every session",
                    Recorded::Timer => "the timer's first start and last stop",
                },
                first.format("%Y-%m-%dT%H:%M:%SZ")
            ),
            Warning::StraySamples { samples, first } => write!(
                f,
                "{} more than 6 hours from the rest of the recording, too few to be part of it (a \
                 corrupt time; the first at {}), dropped",
                plural(*samples, "sample", "samples"),
                first.format("%Y-%m-%dT%H:%M:%SZ")
            ),
            Warning::FitSessionsWithoutRecords { sessions } => {
                f.write_str("sessions without records were left out: ")?;
                for (i, (index, sport)) in sessions.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{index} ({})", sport.as_str())?;
                }
                Ok(())
            }
            Warning::FitNoSession { records } => write!(
                f,
                "the file has no session message (cut short?): one activity from all {records} \
                 records"
            ),
            Warning::FitUntimedRecords { records } => write!(
                f,
                "{} without a timestamp dropped",
                plural(*records, "record", "records")
            ),
            Warning::FitRecordsBackwards { records } => write!(
                f,
                "{} had a timestamp earlier than the record before; samples were sorted by time",
                plural(*records, "record", "records")
            ),
            Warning::FitDuplicateRecords { records } => write!(
                f,
                "{} dropped, each an exact copy of the record before",
                plural(*records, "record", "records")
            ),
            Warning::XmlNotUtf8 { first_bad_byte } => write!(
                f,
                "the file is not UTF-8 (first bad byte at {first_bad_byte}); read as ISO-8859-1"
            ),
            Warning::XmlCutShort {
                at_byte,
                reason,
                kept,
            } => write!(
                f,
                "file ends early at byte {at_byte} ({reason}); kept {kept} read before it"
            ),
            Warning::XmlDamaged {
                at_byte,
                reason,
                kept,
            } => write!(
                f,
                "the XML is damaged at byte {at_byte} ({reason}); kept {kept} read before it, the \
                 rest is lost"
            ),
            Warning::GpxBadPositions { points } => write!(
                f,
                "dropped {} with missing or invalid coordinates",
                plural(*points, "track point", "track points")
            ),
            Warning::GpxTimesInterpolated { points } => write!(
                f,
                "{} without a time between timed ones timed by distance",
                plural(*points, "track point", "track points")
            ),
            Warning::GpxUntimed { points } => write!(
                f,
                "dropped {} without a usable time (missing, unreadable or before 1980) before the first or \
                 after the last timed one",
                plural(*points, "track point", "track points")
            ),
            Warning::GpxTrackUntimed { untimed, points } => write!(
                f,
                "the track's times are missing ({untimed} of {} have none): its length is \
                 measured, its time and pace are unknown",
                plural(*points, "track point", "track points")
            ),
            Warning::GpxZoneless { times } => write!(
                f,
                "{} no time zone and {} read as UTC",
                plural(*times, "time had", "times had"),
                was_were(*times)
            ),
            Warning::TcxUntimed { trackpoints } => write!(
                f,
                "{} without a usable time (missing, unreadable or before 1980) {} dropped",
                plural(*trackpoints, "trackpoint", "trackpoints"),
                was_were(*trackpoints)
            ),
            Warning::TcxBadPositions { trackpoints } => write!(
                f,
                "{} with an incomplete or invalid position {} read without it",
                plural(*trackpoints, "trackpoint", "trackpoints"),
                was_were(*trackpoints)
            ),
            Warning::TcxZoneless { times } => write!(
                f,
                "{} without a time zone {} read as UTC",
                plural(*times, "time", "times"),
                was_were(*times)
            ),
            Warning::XmlPointsBackwards { points } => write!(
                f,
                "dropped {} whose time went backwards within {} segment",
                plural(*points, "point", "points"),
                if *points == 1 { "its" } else { "their" }
            ),
            Warning::XmlPointsSorted { points, within_s } => write!(
                f,
                "sorted {} up to {within_s} s out of time order into place",
                plural(*points, "point", "points"),
            ),
            Warning::XmlSegmentsSorted => {
                f.write_str("segments were out of time order and were sorted by time")
            }
            Warning::XmlPointsMerged { points } => write!(
                f,
                "{} the previous timestamp and {} merged into it",
                plural(*points, "point repeated", "points repeated"),
                was_were(*points)
            ),
            Warning::BadPositions { positions } => write!(
                f,
                "dropped {} with NaN, infinite or out-of-range coordinates",
                plural(*positions, "position", "positions")
            ),
            Warning::BadElevations {
                elevations,
                min_m,
                max_m,
            } => write!(
                f,
                "dropped {} outside {min_m}…{max_m} m or not a number",
                plural(*elevations, "elevation", "elevations")
            ),
            Warning::HrDropouts { heart_rates } => write!(
                f,
                "{} of 0 or 255 (sensor dropout) read as missing",
                plural(*heart_rates, "heart rate", "heart rates")
            ),
            Warning::NonFinite { values } => write!(
                f,
                "dropped {} that were not finite numbers",
                plural(*values, "value", "values")
            ),
            Warning::SamplesBackwards { samples } => write!(
                f,
                "{} went back in time; samples were sorted by time",
                plural(*samples, "sample", "samples")
            ),
            Warning::SameTimeConflicts { samples } => write!(
                f,
                "{} the timestamp of the sample before with different values (both kept)",
                plural(*samples, "sample shares", "samples share")
            ),
            Warning::EarlyStart {
                start,
                first_plausible_year,
            } => write!(
                f,
                "the activity starts on {}, before {first_plausible_year}: the device clock was \
                 probably wrong",
                start.format("%Y-%m-%d")
            ),
            Warning::CadenceDoubled {
                median_per_min,
                sport_assumed,
            } => {
                write!(
                    f,
                    "cadence read as per leg (median {median_per_min:.0}/min) and doubled to \
                     steps/min"
                )?;
                if *sport_assumed {
                    f.write_str("; the file does not name the sport, so a run was assumed")?;
                }
                Ok(())
            }
            Warning::GpsTeleports { fixes } => write!(
                f,
                "{} implied an impossible speed (a GPS teleport) and {} left out of the distance",
                plural(*fixes, "GPS fix", "GPS fixes"),
                was_were(*fixes)
            ),
            Warning::OdometerSpikes { readings } => write!(
                f,
                "{} jumped impossibly far and the device fell back from {}: left out of the \
                 distance",
                plural(*readings, "distance reading", "distance readings"),
                it_them(*readings)
            ),
            Warning::SamplesCapped { kept, dropped } => write!(
                f,
                "more samples than one file may keep: the first {kept} (four days at one a \
                 second) were read, {dropped} more dropped"
            ),
            Warning::WalkingSportRun => write!(
                f,
                "the file says walking, but most of it was run: typed as a run"
            ),
            Warning::AppleRouteMissing { path } => write!(
                f,
                "the workout's route {path} is not in the export: read without positions, the \
                 distance from the workout's statistics"
            ),
            Warning::AppleRouteUnreadable { path, reason } => write!(
                f,
                "the workout's route {path} cannot be read ({reason}): read without positions, \
                 the distance from the workout's statistics"
            ),
        }
    }
}

impl fmt::Display for Resync {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.cause {
            FramingBreak::UndefinedType(local) => write!(
                f,
                "the message at byte {} uses local message type {local}, which has no \
                 definition: ",
                self.at_byte
            )?,
            FramingBreak::Overrun => write!(
                f,
                "the message at byte {} runs past the end of the data: ",
                self.at_byte
            )?,
        }
        if self.dropped_previous {
            write!(
                f,
                "dropped the damaged message before it and resumed at byte {}",
                self.resumed_byte
            )
        } else {
            write!(
                f,
                "skipped {} and resumed at byte {}",
                plural(
                    self.resumed_byte.saturating_sub(self.at_byte),
                    "byte",
                    "bytes"
                ),
                self.resumed_byte
            )
        }
    }
}

impl fmt::Display for Kept {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kept::TrackPoints(n) => {
                write!(f, "the {}", plural(*n, "track point", "track points"))
            }
            Kept::WhatWasRead => f.write_str("what was"),
        }
    }
}

/// "was" for one, "were" for any other count.
fn was_were(n: usize) -> &'static str {
    if n == 1 {
        "was"
    } else {
        "were"
    }
}

/// "it" for one, "them" for more.
fn it_them(n: usize) -> &'static str {
    if n == 1 {
        "it"
    } else {
        "them"
    }
}
