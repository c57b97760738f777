//! Unit tests of the warnings' sentences, worked out by hand: nouns and verbs in the right
//! number, offsets, CRCs and the optional parts.

use super::*;
use chrono::TimeZone;

fn text(w: Warning) -> String {
    w.to_string()
}

#[test]
fn counts_agree_with_their_nouns_and_verbs() {
    assert_eq!(
        text(Warning::GpsTeleports { fixes: 1 }),
        "1 GPS fix implied an impossible speed (a GPS teleport) and was left out of the \
         distance"
    );
    assert_eq!(
        text(Warning::GpsTeleports { fixes: 3 }),
        "3 GPS fixes implied an impossible speed (a GPS teleport) and were left out of the \
         distance"
    );
    assert_eq!(
        text(Warning::OdometerSpikes { readings: 1 }),
        "1 distance reading jumped impossibly far and the device fell back from it: left out \
         of the distance"
    );
    assert_eq!(
        text(Warning::OdometerSpikes { readings: 2 }),
        "2 distance readings jumped impossibly far and the device fell back from them: left out \
         of the distance"
    );
    assert_eq!(
        text(Warning::SamplesCapped {
            kept: 345_600,
            dropped: 7
        }),
        "more samples than one file may keep: the first 345600 (four days at one a second) \
         were read, 7 more dropped"
    );
    assert_eq!(
        text(Warning::FitTrailingBytes {
            bytes: 1,
            from_byte: 40
        }),
        "1 byte after the FIT data (from byte 40) is not a FIT file and was ignored"
    );
    assert_eq!(
        text(Warning::FitTrailingBytes {
            bytes: 8,
            from_byte: 40
        }),
        "8 bytes after the FIT data (from byte 40) are not a FIT file and were ignored"
    );
    assert_eq!(
        text(Warning::SameTimeConflicts { samples: 1 }),
        "1 sample shares the timestamp of the sample before with different values (both kept)"
    );
    assert_eq!(
        text(Warning::SameTimeConflicts { samples: 2 }),
        "2 samples share the timestamp of the sample before with different values (both kept)"
    );
    assert_eq!(
        text(Warning::XmlPointsBackwards { points: 1 }),
        "dropped 1 point whose time went backwards within its segment"
    );
    assert_eq!(
        text(Warning::XmlPointsBackwards { points: 4 }),
        "dropped 4 points whose time went backwards within their segment"
    );
    assert_eq!(
        text(Warning::TcxZoneless { times: 1 }),
        "1 time without a time zone was read as UTC"
    );
    assert_eq!(
        text(Warning::GpxTrackUntimed {
            untimed: 291,
            points: 296
        }),
        "the track's times are missing (291 of 296 track points have none): its length is \
         measured, its time and pace are unknown"
    );
    assert_eq!(
        text(Warning::GpxZoneless { times: 2 }),
        "2 times had no time zone and were read as UTC"
    );
}

#[test]
fn offsets_crcs_and_optional_parts() {
    // CRCs in upper-case hex, four digits; the chained-file place only after byte 0.
    assert_eq!(
        text(Warning::FitDataCrc {
            file_at_byte: 0,
            said: 0xB1D5,
            computed: 0x0A0E
        }),
        "data CRC mismatch (file says 0xB1D5, computed 0x0A0E): data kept"
    );
    assert_eq!(
        text(Warning::FitDataCrc {
            file_at_byte: 2310,
            said: 0xB1D5,
            computed: 0x0A0E
        }),
        "data CRC mismatch in the FIT file chained at byte 2310 (file says 0xB1D5, computed \
         0x0A0E): data kept"
    );
    assert_eq!(
        text(Warning::FitCutShort {
            len_bytes: 700,
            kept_messages: 1,
            incomplete_at_byte: None
        }),
        "file cut short at byte 700: kept 1 complete message"
    );
    assert_eq!(
        text(Warning::FitCutShort {
            len_bytes: 700,
            kept_messages: 19,
            incomplete_at_byte: Some(690)
        }),
        "file cut short at byte 700: kept 19 complete messages (the message at byte 690 is \
         incomplete)"
    );
    assert_eq!(
        text(Warning::CadenceDoubled {
            median_per_min: 84.4,
            sport_assumed: false
        }),
        "cadence read as per leg (median 84/min) and doubled to steps/min"
    );
    assert_eq!(
        text(Warning::CadenceDoubled {
            median_per_min: 85.0,
            sport_assumed: true
        }),
        "cadence read as per leg (median 85/min) and doubled to steps/min; the file does not \
         name the sport, so a run was assumed"
    );
    assert_eq!(
        text(Warning::BadElevations {
            elevations: 1,
            min_m: -500.0,
            max_m: 9_000.0
        }),
        "dropped 1 elevation outside -500…9000 m or not a number"
    );
}

#[test]
fn resyncs_list_the_first_places_then_a_count() {
    let w = Warning::FitResynced {
        places: vec![
            Resync {
                at_byte: 100,
                cause: FramingBreak::UndefinedType(5),
                resumed_byte: 93,
                dropped_previous: true,
            },
            Resync {
                at_byte: 200,
                cause: FramingBreak::Overrun,
                resumed_byte: 201,
                dropped_previous: false,
            },
        ],
        more: 2,
    };
    assert_eq!(
        text(w),
        "damaged FIT data: the message at byte 100 uses local message type 5, which has no \
         definition: dropped the damaged message before it and resumed at byte 93; the \
         message at byte 200 runs past the end of the data: skipped 1 byte and resumed at \
         byte 201; 2 more such places were skipped the same way"
    );
}

#[test]
fn sessions_times_and_kept_points() {
    assert_eq!(
        text(Warning::FitSessionsWithoutRecords {
            sessions: vec![(1, Sport::Running), (3, Sport::Unknown)]
        }),
        "sessions without records were left out: 1 (running), 3 (unknown)"
    );
    let t = Utc
        .with_ymd_and_hms(2085, 1, 2, 3, 4, 5)
        .single()
        .unwrap_or_default();
    assert_eq!(
        text(Warning::FitRecordsFarOutside {
            records: 1,
            first: t,
            outside: Recorded::Sessions,
        }),
        "1 record more than 6 hours outside every session (the first at \
         2085-01-02T03:04:05Z) dropped"
    );
    assert_eq!(
        text(Warning::FitRecordsFarOutside {
            records: 2,
            first: t,
            outside: Recorded::Timer,
        }),
        "2 records more than 6 hours outside the timer's first start and last stop (the first \
         at 2085-01-02T03:04:05Z) dropped"
    );
    assert_eq!(
        text(Warning::FitClockJump {
            jump_s: 259_200.0,
            records: 465
        }),
        "the watch's clock jumped by +259200 s (+3.0 days) in the middle of the run: 465 records \
         moved back to continue it"
    );
    assert_eq!(
        text(Warning::XmlPointsSorted {
            points: 2,
            within_s: 5
        }),
        "sorted 2 points up to 5 s out of time order into place"
    );
    assert_eq!(
        text(Warning::GpxTimesInterpolated { points: 1 }),
        "1 track point without a time between timed ones timed by distance"
    );
    assert_eq!(
        text(Warning::EarlyStart {
            start: t,
            first_plausible_year: 2000
        }),
        "the activity starts on 2085-01-02, before 2000: the device clock was probably wrong"
    );
    assert_eq!(
        text(Warning::XmlCutShort {
            at_byte: 812,
            reason: "the file ends with 3 elements still open".to_string(),
            kept: Kept::TrackPoints(1)
        }),
        "file ends early at byte 812 (the file ends with 3 elements still open); kept the 1 \
         track point read before it"
    );
    assert_eq!(
        text(Warning::XmlDamaged {
            at_byte: 90,
            reason: "bad".to_string(),
            kept: Kept::WhatWasRead
        }),
        "the XML is damaged at byte 90 (bad); kept what was read before it, the rest is lost"
    );
}

#[test]
fn serializes_as_its_sentence() {
    let w = vec![Warning::FitChained { files: 2 }, Warning::FitRelativeTimes];
    assert_eq!(
        serde_json::to_string(&w).ok().as_deref(),
        Some(
            "[\"2 FIT files are chained in this file\",\"timestamps are relative to the \
             device's power-up (its clock was not set), so dates are wrong\"]"
        )
    );
}
