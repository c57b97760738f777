//! A session's time span, and how far a time lies from it: the measure by which records, laps and
//! timer events are put into sessions, and by which corrupt or jumped clocks are recognized.

use chrono::{DateTime, Duration, Utc};

use crate::read::fit::messages::TotalsMsg;

/// Seconds a record, lap or event may lie outside a session's span and still belong to it.
pub(super) const SLACK_S: f64 = 2.0;
/// Seconds beyond which a record outside every session's span is taken for a corrupt time: the
/// gap by which any recording is cut into stretches ([`crate::read::repair::STRAY_GAP_S`]).
pub(super) const FAR_S: f64 = crate::read::repair::STRAY_GAP_S as f64;

/// A session's time span and its message.
pub(super) struct Span<'a> {
    /// The session message.
    pub msg: &'a TotalsMsg,
    /// Its start.
    pub start: Option<DateTime<Utc>>,
    /// `start` in Unix milliseconds (all FIT times are whole milliseconds).
    pub start_ms: Option<i64>,
    /// The end in Unix milliseconds.
    pub end_ms: Option<i64>,
}

impl<'a> Span<'a> {
    pub(super) fn new(
        msg: &'a TotalsMsg,
        start: Option<DateTime<Utc>>,
        end: Option<DateTime<Utc>>,
    ) -> Self {
        Span {
            msg,
            start,
            start_ms: start.map(|t| t.timestamp_millis()),
            end_ms: end.map(|t| t.timestamp_millis()),
        }
    }
}

/// A session's span: `start_time` to start + elapsed, else its `timestamp` (which marks its end).
pub(super) fn span(msg: &TotalsMsg) -> Span<'_> {
    let elapsed = msg.elapsed_s.and_then(duration);
    let stamp = msg.timestamp;
    let start = msg
        .start_time
        .or_else(|| stamp.zip(elapsed).map(|(t, d)| t - d));
    let end = start.zip(elapsed).map(|(s, d)| s + d).or(stamp);
    Span::new(msg, start, end)
}

/// Seconds as a chrono duration (millisecond precision); `None` for negative or absurd values.
pub(super) fn duration(seconds: f64) -> Option<Duration> {
    if (0.0..1.0e9).contains(&seconds) {
        Duration::try_milliseconds((seconds * 1000.0).round() as i64)
    } else {
        None
    }
}

/// Index of the span closest to `t` (distance 0 inside, slack included), and that distance in
/// seconds (0 when there is no span).
pub(super) fn nearest_span(spans: &[Span], t: DateTime<Utc>) -> (usize, f64) {
    let t_ms = t.timestamp_millis();
    let mut best = (0usize, f64::INFINITY);
    for (i, s) in spans.iter().enumerate() {
        let d = distance_s(s, t_ms);
        if d <= best.1 {
            best = (i, d);
        }
    }
    if spans.is_empty() {
        best.1 = 0.0;
    }
    best
}

/// Seconds from `t_ms` (Unix ms) to a span, 0 inside it or within the slack; infinite for a span
/// with no time.
pub(super) fn distance_s(s: &Span, t_ms: i64) -> f64 {
    let secs = |ms: i64| ms as f64 / 1000.0;
    let before = s.start_ms.map(|st| secs(st.saturating_sub(t_ms)));
    let after = s.end_ms.map(|e| secs(t_ms.saturating_sub(e)));
    match (before, after) {
        (None, None) => f64::INFINITY,
        (b, a) => {
            let gap = b.unwrap_or(0.0).max(a.unwrap_or(0.0));
            if gap <= SLACK_S {
                0.0
            } else {
                gap
            }
        }
    }
}
