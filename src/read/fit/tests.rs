//! End-to-end tests of `parse` on crafted FIT files.

use super::testfit::{definition, fit_file, run_data, T0};
use super::time::FIT_EPOCH_UNIX_S;
use super::*;
use crate::activity::{Pause, Sport};
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
