//! What a reader repaired, dropped or doubted in a file, as data: one variant per kind of
//! warning, put into words once, by `Display` (`sentences.rs`). JSON and CSV carry those words;
//! no code reads them back.

mod sentences;

use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};

use super::sport::Sport;

/// One thing a reader (or the distance computation) repaired, dropped or doubted. Counts are never
/// zero; byte offsets count from the start of the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// Zero bytes after the last FIT file in the input.
    FitPadding {
        /// How many.
        bytes: usize,
        /// Where they start.
        from_byte: usize,
    },
    /// Bytes after the last FIT file that do not start another one.
    FitTrailingBytes {
        /// How many.
        bytes: usize,
        /// Where they start.
        from_byte: usize,
    },
    /// A FIT header whose size is neither 12 nor 14 bytes, read anyway.
    FitHeaderSize {
        /// The size its first byte gives.
        size_bytes: usize,
        /// Where the header is.
        at_byte: usize,
    },
    /// A FIT header that declares no data while bytes follow; they were read as data.
    FitNoDeclaredData {
        /// Where the header is.
        at_byte: usize,
        /// Bytes after the header.
        following_bytes: usize,
    },
    /// A FIT header that declares more data than the file holds, while the file ends with its own
    /// CRC: the declared size is wrong, and the data there was read.
    FitWrongDataSize {
        /// Where the header is.
        at_byte: usize,
        /// The data size the header declares.
        declared_bytes: usize,
        /// The data the file holds before its CRC.
        data_bytes: usize,
    },
    /// A 14-byte FIT header whose CRC does not match; the data was kept.
    FitHeaderCrc {
        /// Where the header is.
        at_byte: usize,
        /// The CRC the file gives.
        said: u16,
        /// The CRC of the header's first 12 bytes.
        computed: u16,
    },
    /// A FIT file whose data CRC does not match; the data was kept.
    FitDataCrc {
        /// Where that FIT file starts: 0, or where it is chained after another.
        file_at_byte: usize,
        /// The CRC the file gives.
        said: u16,
        /// The CRC of header and data.
        computed: u16,
    },
    /// The input ends where a FIT file's 2-byte CRC should be.
    FitCrcMissing {
        /// The input's length.
        len_bytes: usize,
    },
    /// The input ends before the data its FIT header declares; the complete messages were kept.
    FitCutShort {
        /// The input's length.
        len_bytes: usize,
        /// Complete messages kept.
        kept_messages: usize,
        /// Where the incomplete message at the end starts, when the cut is inside one.
        incomplete_at_byte: Option<usize>,
    },
    /// A FIT message that runs past the end of the data its header declares.
    FitPastDeclaredEnd {
        /// Where the message starts.
        at_byte: usize,
        /// Where the declared data ends.
        end_byte: usize,
        /// Complete messages kept before it.
        kept_messages: usize,
    },
    /// A FIT data message of an undefined local type after which no message parses: the rest of
    /// that FIT file's data was skipped.
    FitUndefinedType {
        /// Where the message starts.
        at_byte: usize,
        /// Its local message type.
        local_type: u8,
        /// Messages kept before it.
        kept_messages: usize,
        /// Bytes of data skipped from it on.
        skipped_bytes: usize,
    },
    /// Damaged FIT data: places where the message framing broke and messages parse again further
    /// on, the bytes between skipped.
    FitResynced {
        /// The first few places, in file order.
        places: Vec<Resync>,
        /// How many more places were skipped the same way.
        more: usize,
    },
    /// FIT data messages the decoder could not decode, skipped.
    FitUndecodable {
        /// How many.
        messages: usize,
        /// Where their FIT file starts.
        file_at_byte: usize,
    },
    /// The decoder stopped before the end of a FIT file's data.
    FitDecodingStopped {
        /// Where that FIT file starts.
        file_at_byte: usize,
        /// The complete messages the walker found in it.
        messages: usize,
        /// The decoder's own message.
        error: String,
    },
    /// Several FIT files chained in one input.
    FitChained {
        /// How many.
        files: usize,
    },
    /// FIT times counted from the device's power-up (its clock was not set): dates are wrong.
    FitRelativeTimes,
    /// FIT records after a jump of the watch's clock that continue the session (its span, timer
    /// and distance cover them), moved back to follow on from the record before the jump.
    FitClockJump {
        /// The jump in seconds (positive: the clock jumped ahead).
        jump_s: f64,
        /// How many records were moved back.
        records: usize,
    },
    /// FIT records far (more than 6 hours) outside every session's time span, or outside the
    /// timer's first start and last stop in a file without sessions, taken for corrupt times and
    /// dropped.
    FitRecordsFarOutside {
        /// How many.
        records: usize,
        /// The time of the first.
        first: DateTime<Utc>,
        /// What they lie outside.
        outside: Recorded,
    },
    /// Samples in small stretches more than 6 hours from the rest of the recording, taken for
    /// corrupt times and dropped.
    StraySamples {
        /// How many.
        samples: usize,
        /// The time of the first.
        first: DateTime<Utc>,
    },
    /// FIT sessions that hold no record, left out.
    FitSessionsWithoutRecords {
        /// Each one's index in the file and sport.
        sessions: Vec<(usize, Sport)>,
    },
    /// A FIT file with records but no session message: one activity from all its records.
    FitNoSession {
        /// Records in the file.
        records: usize,
    },
    /// FIT records without a timestamp, dropped.
    FitUntimedRecords {
        /// How many.
        records: usize,
    },
    /// FIT records timed before the record before them; the samples were sorted by time.
    FitRecordsBackwards {
        /// How many.
        records: usize,
    },
    /// FIT records that repeat the record before exactly, dropped.
    FitDuplicateRecords {
        /// How many.
        records: usize,
    },
    /// An XML file that is not UTF-8, read as ISO-8859-1.
    XmlNotUtf8 {
        /// Where the first byte that is not UTF-8 is.
        first_bad_byte: usize,
    },
    /// An XML file that ends early; what was read before the end was kept.
    XmlCutShort {
        /// Where the reader stopped.
        at_byte: u64,
        /// The XML reader's reason.
        reason: String,
        /// What was kept.
        kept: Kept,
    },
    /// An XML file damaged part way; what was read before the damage was kept.
    XmlDamaged {
        /// Where the reader stopped.
        at_byte: u64,
        /// The XML reader's reason.
        reason: String,
        /// What was kept.
        kept: Kept,
    },
    /// GPX track points without valid coordinates, dropped.
    GpxBadPositions {
        /// How many.
        points: usize,
    },
    /// GPX track points without a usable time between timed ones, timed by distance.
    GpxTimesInterpolated {
        /// How many.
        points: usize,
    },
    /// GPX track points without a usable time (missing, unreadable or before 1980) before the
    /// first or after the last timed one, dropped.
    GpxUntimed {
        /// How many.
        points: usize,
    },
    /// A GPX track whose points mostly have no usable time: read for its length, with its time
    /// and pace unknown.
    GpxTrackUntimed {
        /// Points without a usable time.
        untimed: usize,
        /// All the track's points.
        points: usize,
    },
    /// GPX times without a time zone, read as UTC.
    GpxZoneless {
        /// How many.
        times: usize,
    },
    /// TCX trackpoints without a usable time (missing, unreadable or before 1980), dropped.
    TcxUntimed {
        /// How many.
        trackpoints: usize,
    },
    /// TCX trackpoints with an incomplete or invalid position, read without it.
    TcxBadPositions {
        /// How many.
        trackpoints: usize,
    },
    /// TCX times without a time zone, read as UTC.
    TcxZoneless {
        /// How many.
        times: usize,
    },
    /// GPX or TCX points whose time went backwards within their segment, dropped.
    XmlPointsBackwards {
        /// How many.
        points: usize,
    },
    /// GPX or TCX points a few seconds out of time order within their segment, sorted into place.
    XmlPointsSorted {
        /// How many.
        points: usize,
        /// How far out of order a point may be and still be sorted, in seconds.
        within_s: i64,
    },
    /// GPX or TCX segments out of time order, sorted by time.
    XmlSegmentsSorted,
    /// GPX or TCX points that repeat the previous timestamp, merged into that point.
    XmlPointsMerged {
        /// How many.
        points: usize,
    },
    /// Positions with NaN, infinite or out-of-range coordinates, dropped.
    BadPositions {
        /// How many.
        positions: usize,
    },
    /// Elevations outside the plausible range or not a number, dropped.
    BadElevations {
        /// How many.
        elevations: usize,
        /// The lowest plausible elevation in meters.
        min_m: f64,
        /// The highest plausible elevation in meters.
        max_m: f64,
    },
    /// Heart rates of 0 or 255 (sensor dropout), read as missing.
    HrDropouts {
        /// How many.
        heart_rates: usize,
    },
    /// Values that were not finite numbers, dropped.
    NonFinite {
        /// How many.
        values: usize,
    },
    /// Samples that went back in time; the samples were sorted by time.
    SamplesBackwards {
        /// How many.
        samples: usize,
    },
    /// Samples that share the timestamp of the sample before but not its values; both kept.
    SameTimeConflicts {
        /// How many.
        samples: usize,
    },
    /// An activity that starts before the first plausible year: the device clock was probably
    /// wrong.
    EarlyStart {
        /// When it starts.
        start: DateTime<Utc>,
        /// The first plausible year.
        first_plausible_year: i32,
    },
    /// Cadence read as per leg and doubled to steps per minute.
    CadenceDoubled {
        /// The median cadence as written, per minute.
        median_per_min: f64,
        /// True when the file names no sport, so a run was assumed.
        sport_assumed: bool,
    },
    /// GPS fixes implying an impossible speed (teleports), left out of the distance.
    GpsTeleports {
        /// How many.
        fixes: usize,
    },
    /// Odometer readings that jumped impossibly far and that the device fell back from (corrupt
    /// records), left out of the distance.
    OdometerSpikes {
        /// How many.
        readings: usize,
    },
    /// More samples than one file may keep (`read::budget::MAX_SAMPLES`, four days at 1 Hz): the
    /// first were kept, the rest dropped unread.
    SamplesCapped {
        /// Samples kept, the cap.
        kept: usize,
        /// Records or points dropped after it.
        dropped: usize,
    },
    /// The file's sport says walking or hiking, but most of it was run: typed as a run.
    WalkingSportRun,
    /// An Apple Health workout whose route file is not in the export: read without positions,
    /// its distance from the workout's statistics.
    AppleRouteMissing {
        /// The route's path as `export.xml` gives it.
        path: String,
    },
    /// An Apple Health workout whose route file cannot be read: read without positions, its
    /// distance from the workout's statistics.
    AppleRouteUnreadable {
        /// The route's path as `export.xml` gives it.
        path: String,
        /// Why, as the GPX reader says.
        reason: String,
    },
}

/// The span of a FIT activity that records are measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// Every session's span.
    Sessions,
    /// The timer's first start to its last stop (a file without sessions).
    Timer,
}

/// One place where a FIT file's message framing broke, and where messages parse again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resync {
    /// Where the message that broke the framing starts.
    pub at_byte: usize,
    /// How it broke.
    pub cause: FramingBreak,
    /// Where messages parse again.
    pub resumed_byte: usize,
    /// True when the data message just before was dropped: the new chain starts inside it, so it
    /// had swallowed bytes of the next message.
    pub dropped_previous: bool,
}

/// What broke the framing of FIT messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FramingBreak {
    /// A data message of this local type, which has no definition.
    UndefinedType(u8),
    /// A message that runs past the end of the data.
    Overrun,
}

/// What an XML reader kept of a file that ends early or is damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// This many GPX track points.
    TrackPoints(usize),
    /// Whatever was read (TCX: activities, laps and trackpoints).
    WhatWasRead,
}

/// A warning serializes as its sentence, so JSON `warnings` is an array of strings.
impl Serialize for Warning {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests;
