//! Unit tests of the session mapping helpers.

use super::*;
use chrono::TimeZone;

fn at(s: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_600_000_000 + s, 0)
        .single()
        .unwrap_or_default()
}

fn ev(s: i64, start: bool) -> TimerEvent {
    TimerEvent { time: at(s), start }
}

#[test]
fn pauses_pair_each_stop_with_the_next_start() {
    // start 0, stop 10, stop 12 (already stopped), start 20, stop_all 30:
    // one pause 10..20; the final stop opens no pause.
    let p = pauses(&[
        ev(0, true),
        ev(10, false),
        ev(12, false),
        ev(20, true),
        ev(30, false),
    ]);
    assert_eq!(
        p,
        vec![Pause {
            start: at(10),
            end: at(20)
        }]
    );
}

#[test]
fn pauses_ignore_zero_length_and_sort_events() {
    // Unsorted input: stop 5, start 0, start 5 -> stop at 5 and start at 5 is no pause.
    let p = pauses(&[ev(5, false), ev(0, true), ev(5, true)]);
    assert!(p.is_empty());
}

#[test]
fn items_go_to_the_nearest_session() {
    // Sessions 0..100 and 100..200 (s), one 300..400. A time of 100 ties and goes to the later
    // session; 101.5 s past the first session's end is beyond the 2 s slack but inside the second;
    // 250 is 50 s from the second and 50 s from the third: the later wins; 1000 is nearest the third.
    let msg = TotalsMsg::default();
    let spans =
        [(0, 100), (100, 200), (300, 400)].map(|(a, b)| Span::new(&msg, Some(at(a)), Some(at(b))));
    let idx: Vec<usize> = [50, 100, 199, 201, 250, 1000, -5]
        .iter()
        .map(|&s| nearest_span(&spans, at(s)).0)
        .collect();
    assert_eq!(idx, vec![0, 1, 1, 1, 2, 2, 0]);
}

#[test]
fn heart_rate_markers_are_missing() {
    assert_eq!(hr_u8(0.0), None);
    assert_eq!(hr_u8(255.0), None);
    assert_eq!(hr_u8(142.0), Some(142));
}

#[test]
fn records_far_outside_every_session_are_dropped() {
    // One session 0..100 s. Records at 50 s, 2 h after its end (kept: a device may record past
    // the session) and 30000 s (8.3 h) after its end (dropped as a corrupt time).
    let session = TotalsMsg::default();
    let spans = [Span::new(&session, Some(at(0)), Some(at(100)))];
    let record = |s: i64| RecordMsg {
        timestamp: Some(at(s)),
        ..RecordMsg::default()
    };
    let rs = [record(50), record(7300), record(30100)];
    let refs: Vec<&RecordMsg> = rs.iter().collect();
    let (groups, warning) = assign_records(&spans, &refs, Recorded::Sessions);
    assert_eq!(groups.iter().map(Vec::len).collect::<Vec<_>>(), vec![2]);
    assert_eq!(
        warning,
        Some(Warning::FitRecordsFarOutside {
            records: 1,
            first: at(30100),
            outside: Recorded::Sessions,
        })
    );
}

#[test]
fn the_timer_span_needs_a_start_first_and_a_stop_last() {
    // start 0, stop 10, start 20, stop 30: 0..30. A file opening with a stop: none.
    let span = timer_span(&[ev(20, true), ev(0, true), ev(10, false), ev(30, false)]);
    assert_eq!(
        span,
        Some(TimerSpan {
            start: at(0),
            stop: at(30)
        })
    );
    assert_eq!(
        timer_span(&[ev(10, false), ev(20, true), ev(30, false)]),
        None
    );
    assert_eq!(
        timer_span(&[ev(0, true), ev(30, false), ev(40, true)]),
        None
    );
}
