//! End-to-end tests of `parse` on crafted FIT files.

use super::testfit::{definition, fit_file, run_data, T0};
use super::time::FIT_EPOCH_UNIX_S;
use super::*;
use crate::activity::{Pause, Sport, TextSource};
use chrono::{TimeZone, Utc};

fn at(fit_s: u32) -> chrono::DateTime<Utc> {
    Utc.timestamp_opt(i64::from(fit_s) + FIT_EPOCH_UNIX_S, 0)
        .single()
        .unwrap_or_default()
}

fn one(bytes: &[u8]) -> Activity {
    match parse(bytes) {
        Ok(mut v) if v.len() == 1 => v.remove(0),
        other => panic!("expected one activity, got {other:?}"),
    }
}

#[test]
fn reads_the_crafted_run() {
    let a = one(&fit_file(&run_data(0)));
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    assert_eq!(a.sport, Sport::Running);
    assert_eq!(a.device.as_deref(), Some("garmin/hrm1"));
    assert_eq!(a.samples.len(), 10);
    assert_eq!(a.samples.first().map(|s| s.time), Some(at(T0)));
    assert_eq!(a.samples.last().map(|s| s.time), Some(at(T0 + 9)));
    // HR 120 + i; cadence 80 per leg -> 160 steps/min for running.
    assert_eq!(a.samples.last().and_then(|s| s.hr_bpm), Some(129));
    assert_eq!(a.samples.first().and_then(|s| s.cadence_spm), Some(160.0));
    // Timer: start 0, stop 4, start 6, stop_all 9 -> one pause 4..6.
    assert!(a.timer_events);
    assert_eq!(
        a.pauses,
        vec![Pause {
            start: at(T0 + 4),
            end: at(T0 + 6)
        }]
    );
    assert_eq!(a.summary.start, Some(at(T0)));
    assert_eq!(a.summary.elapsed_s, Some(9.0));
}

#[test]
fn developer_field_of_size_255_does_not_panic() {
    let a = one(&fit_file(&run_data(255)));
    assert_eq!(a.samples.len(), 10);
}

#[test]
fn truncated_run_keeps_records_without_session() {
    // Cutting the CRC and 3 bytes of the session leaves 10 records and no session message.
    let file = fit_file(&run_data(0));
    let a = one(&file[..file.len() - 5]);
    assert_eq!(a.samples.len(), 10);
    assert!(a
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::FitCutShort { .. })));
    assert!(a.warnings.contains(&Warning::FitNoSession { records: 10 }));
}

#[test]
fn chained_runs_give_two_sessions() {
    let mut both = fit_file(&run_data(0));
    both.extend(fit_file(&run_data(0)));
    match parse(&both) {
        Ok(v) => {
            let sessions: Vec<usize> = v.iter().map(|a| a.session).collect();
            assert_eq!(sessions, vec![0, 1]);
            assert!(v.iter().all(|a| a.samples.len() == 10));
        }
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn settings_file_is_no_activity() {
    // file_id with type 2 (settings) and nothing else.
    let mut data = definition(0, 0, &[(0, 1, 0x00)]);
    data.extend_from_slice(&[0x00, 2]);
    match parse(&fit_file(&data)) {
        Err(ReadError::NoActivity(why)) => assert_eq!(why, "a FIT settings file"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn hostile_headers_are_errors_not_panics() {
    let mut short = vec![255u8, 0x10, 0, 0, 0, 0, 0, 0];
    short.extend_from_slice(b".FIT");
    for bytes in [vec![0x0Eu8], short, vec![]] {
        assert!(parse(&bytes).is_err());
    }
}

#[test]
fn every_prefix_of_a_file_is_handled() {
    // Each cut of the crafted run (with developer fields) either reads or errors; none panics.
    let file = fit_file(&run_data(3));
    let ok = (0..file.len())
        .filter(|&n| parse(&file[..n]).is_ok())
        .count();
    // Every prefix that holds at least one complete record (definition bytes and the first
    // record are well inside the file) reads; the shortest ones cannot.
    assert!(ok > file.len() / 2, "{ok} of {}", file.len());
}

/// [`run_data`] with a `workout` (local 4) and a `sport` (local 5) message naming the run with
/// `wkt_name` and `name` as given (8-byte string fields), and an `activity` (local 6) whose local
/// time is `offset_s` after its UTC time.
fn named_run(wkt_name: &[u8; 8], sport_name: &[u8; 8], offset_s: i64) -> Vec<u8> {
    let mut d = run_data(0);
    d.extend(definition(4, 26, &[(8, 8, 0x07)]));
    d.push(0x04);
    d.extend_from_slice(wkt_name);
    d.extend(definition(5, 12, &[(0, 1, 0x00), (3, 8, 0x07)]));
    d.push(0x05);
    d.push(1);
    d.extend_from_slice(sport_name);
    d.extend(definition(6, 34, &[(253, 4, 0x86), (5, 4, 0x86)]));
    d.push(0x06);
    let local = u32::try_from(i64::from(T0 + 9) + offset_s).unwrap_or(0);
    d.extend_from_slice(&(T0 + 9).to_le_bytes());
    d.extend_from_slice(&local.to_le_bytes());
    fit_file(&d)
}

#[test]
fn names_that_are_no_utf8_are_read_lossily_by_both_decoders() {
    // wkt_name: 0xFF 0xC3 then "Run"; the sport name "Lauf" cut inside a two-byte "ä" (0xC3),
    // no NUL at all. fitparser alone would drop both; both decoders read the same texts.
    let file = named_run(b"\xFF\xC3Run\0\0\0", b"Intervl\xC3", 3600);
    let a = one(&file);
    let texts: Vec<(TextSource, &str)> = a
        .texts
        .iter()
        .map(|t| (t.source, t.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        vec![
            (TextSource::FitWorkoutName, "\u{FFFD}\u{FFFD}Run"),
            (TextSource::FitSportName, "Intervl\u{FFFD}"),
        ]
    );
    assert_eq!(a.utc_offset_s, Some(3600));
    for decoder in [Decoder::Fitparser, Decoder::FastOnly] {
        assert_eq!(parse_with(&file, decoder).ok(), Some(vec![a.clone()]));
    }
}

#[test]
fn every_byte_in_a_name_is_handled() {
    // Each byte value at each position of an 8-byte name: never a panic, the decoders agree,
    // the texts are trimmed and not empty.
    for at in 0..8 {
        for b in 0..=255u8 {
            let mut name = *b"Tempo 5k";
            if let Some(x) = name.get_mut(at) {
                *x = b;
            }
            let file = named_run(&name, b"Run\0\0\0\0\0", 0);
            let a = one(&file);
            assert!(a
                .texts
                .iter()
                .all(|t| !t.text.is_empty() && t.text.trim() == t.text));
            let full = parse_with(&file, Decoder::Fitparser).ok();
            assert_eq!(full, Some(vec![a]), "byte {b:#04x} at {at}");
        }
    }
}

#[test]
fn an_absurd_local_time_gives_no_offset() {
    // 20 hours and 10 seconds are no time zones.
    for offset in [72_000, 10, -(T0 as i64 + 9)] {
        assert_eq!(
            one(&named_run(b"x\0\0\0\0\0\0\0", b"\0\0\0\0\0\0\0\0", offset)).utc_offset_s,
            None
        );
    }
}
