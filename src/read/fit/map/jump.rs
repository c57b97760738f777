//! A watch clock that jumps (by hours or days) in the middle of a run: the records after the jump
//! that continue the session are moved back to follow on from the last record before it.

use chrono::{DateTime, Duration, Utc};

use super::span::{distance_s, nearest_span, Span, FAR_S};
use crate::activity::Warning;
use crate::read::fit::messages::TimerEvent;
use crate::read::fit::record::RecordMsg;

/// The longest record interval carried over a jump, in seconds: the jumped records follow the last
/// one before the jump after the interval between the last two (1 s when recording every second),
/// capped here so that a pause just before the jump is not repeated.
const MAX_STEP_S: i64 = 10;

/// Records and timer events with jumped clocks moved back, and a warning per jump.
#[derive(Debug)]
pub(super) struct Undone {
    /// All records, in file order, jumped ones moved back.
    pub records: Vec<RecordMsg>,
    /// All timer events, jumped ones moved back.
    pub timers: Vec<TimerEvent>,
    /// One [`Warning::FitClockJump`] per jump.
    pub warnings: Vec<Warning>,
}

/// One jump: the clock's offset from the first jumped record on.
#[derive(Debug, Clone, Copy)]
struct Jump {
    offset: Duration,
    records: usize,
}

/// Finds records that lie more than [`FAR_S`] outside every session while the record before them
/// (in file order) was in one, and moves them back to continue that session when it covers them:
/// moved back they lie inside the session's span, and their distance is no less than the last
/// record's and no more than the session's total. Later records keep the same offset until the
/// next jump. `None` when no record jumped.
///
/// A jump of +3 days after record 400: record 401 at 07:06:41 + 3 days follows record 400 at
/// 07:06:40 one second later, so the offset is 3 days and 1 s − 1 s = 259 200 s.
pub(super) fn undo(spans: &[Span], records: &[RecordMsg], timers: &[TimerEvent]) -> Option<Undone> {
    let far = |t: DateTime<Utc>| nearest_span(spans, t).1 > FAR_S;
    if !records.iter().filter_map(|r| r.timestamp).any(far) {
        return None;
    }
    let mut out = records.to_vec();
    let mut offset = Duration::zero();
    let mut jumps: Vec<Jump> = Vec::new();
    // The last record placed in a session: its (moved) time, the distance reached, its session.
    let mut last: Option<(DateTime<Utc>, Option<f64>, usize)> = None;
    let mut step = Duration::seconds(1);
    for r in &mut out {
        let Some(raw) = r.timestamp else {
            continue;
        };
        let mut t = raw - offset;
        let (mut index, d) = nearest_span(spans, t);
        if d > FAR_S && d.is_finite() {
            let Some((at, reached, session)) = last else {
                continue;
            };
            let moved = at + step;
            if !continues(spans.get(session), moved, reached, r.distance_m) {
                continue;
            }
            offset = raw - moved;
            jumps.push(Jump { offset, records: 0 });
            (t, index) = (moved, session);
        }
        if offset != Duration::zero() {
            r.timestamp = Some(t);
            if let Some(j) = jumps.last_mut() {
                j.records += 1;
            }
        }
        if let Some((at, _, _)) = last {
            let interval = t - at;
            if interval > Duration::zero() {
                step = interval.min(Duration::seconds(MAX_STEP_S));
            }
        }
        let reached = r.distance_m.or(last.and_then(|l| l.1));
        last = Some((t, reached, index));
    }
    if jumps.is_empty() {
        return None;
    }
    let timers = timers
        .iter()
        .map(|e| moved_event(spans, &jumps, *e))
        .collect();
    let warnings = jumps
        .iter()
        .map(|j| Warning::FitClockJump {
            jump_s: j.offset.num_milliseconds() as f64 / 1000.0,
            records: j.records,
        })
        .collect();
    Some(Undone {
        records: out,
        timers,
        warnings,
    })
}

/// True when a record moved to `t` with distance `distance_m` continues the session: `t` inside its
/// span, the distance not below the one reached and not above the session's total (0.5% slack).
fn continues(
    session: Option<&Span>,
    t: DateTime<Utc>,
    reached_m: Option<f64>,
    distance_m: Option<f64>,
) -> bool {
    let Some(s) = session else {
        return false;
    };
    let inside = distance_s(s, t.timestamp_millis()) == 0.0;
    let grows = match (reached_m, distance_m) {
        (Some(before), Some(now)) => now >= before,
        _ => true,
    };
    let covered = match (s.msg.distance_m, distance_m) {
        (Some(total), Some(now)) => now <= total * 1.005 + 1.0,
        _ => true,
    };
    inside && grows && covered
}

/// A timer event far outside every session moved back by the first jump's offset that puts it
/// inside one; other events as they are.
fn moved_event(spans: &[Span], jumps: &[Jump], e: TimerEvent) -> TimerEvent {
    if nearest_span(spans, e.time).1 <= FAR_S {
        return e;
    }
    jumps
        .iter()
        .map(|j| e.time - j.offset)
        .find(|&t| nearest_span(spans, t).1 == 0.0)
        .map_or(e, |time| TimerEvent { time, ..e })
}
