//! Maps the decoded messages of one FIT file to activities: one per session, with the records, laps
//! and timer pauses that fall inside the session's time span.

use chrono::{DateTime, Utc};

use span::{duration, nearest_span, span, Span, FAR_S};

mod jump;
mod span;

use super::declared;
use super::messages::{Others, TimerEvent, TotalsMsg};
use super::record::RecordMsg;
use super::samples;
use crate::activity::{
    Activity, DeviceSummary, Format, Lap, Pause, Recorded, Rpe, Sport, TextSource, TimerSpan,
    Warning,
};
use crate::read::{altimeter, repair};

/// What one FIT file (one chunk of a chained input) gave.
#[derive(Debug, Default)]
pub(crate) struct Mapped {
    /// One activity per session that has samples.
    pub activities: Vec<Activity>,
    /// Number of session messages seen (so session indices continue across chained files).
    pub sessions: usize,
    /// The `file_id` type (`activity`, `settings`, ...), when given.
    pub file_type: Option<String>,
    /// Record messages in the file, with or without a timestamp.
    pub records: usize,
}

/// Maps one FIT file's messages; session indices start at `first_session`.
pub(crate) fn map_chunk(others: &Others, records_in: &[RecordMsg], first_session: usize) -> Mapped {
    let file_id = others.file_id.as_ref();
    let device = file_id.and_then(|f| f.device.clone());
    let altitude_source = altimeter::source(device.as_deref(), others.barometer);
    let spans: Vec<Span> = others.sessions.iter().map(span).collect();
    let records: Vec<&RecordMsg> = records_in.iter().collect();
    let mut out = Mapped {
        sessions: spans.len(),
        file_type: file_id.and_then(|f| f.file_type.clone()),
        records: records.len(),
        ..Mapped::default()
    };
    if records.is_empty() {
        return out;
    }
    let timers = &others.timers;
    let laps: Vec<&TotalsMsg> = others.laps.iter().collect();
    let mut shell = Activity::new(Format::Fit);
    shell.device = device;
    shell.altitude_source = altitude_source;
    shell.utc_offset_s = others.utc_offset_s;
    shell.watch_max_hr_bpm = others.zones_max_hr_bpm.or(others.profile_max_hr_bpm);
    if spans.is_empty() {
        shell.texts = declared::texts(others, None, &laps);
        shell.sub_sport = others.sub_sport;
        let a = without_session(shell, others.sport, &records, &laps, timers);
        if !a.samples.is_empty() {
            out.activities.push(a);
        }
        return out;
    }
    let undone = jump::undo(&spans, records_in, timers);
    let (records, timers, jumps) = match &undone {
        Some(u) => (
            u.records.iter().collect::<Vec<_>>(),
            &u.timers,
            u.warnings.as_slice(),
        ),
        None => (records, timers, &[][..]),
    };
    let (by_session, far) = assign_records(&spans, &records, Recorded::Sessions);
    let laps_by = group(&spans, &laps, lap_start);
    let timers_by = group(&spans, timers, |t| Some(t.time));
    let mut skipped = Vec::new();
    for (i, s) in spans.iter().enumerate() {
        let mut a = shell.clone();
        a.session = first_session.saturating_add(i);
        a.sport = s.msg.sport.unwrap_or(Sport::Unknown);
        // The `sport` message names one sub-sport for the file: a fallback only when the file
        // holds one session (as its name is, see `declared`).
        a.sub_sport = s
            .msg
            .sub_sport
            .or(others.sub_sport.filter(|_| spans.len() == 1));
        a.summary = summary(s);
        let recs = by_session.get(i).map(Vec::as_slice).unwrap_or_default();
        fill(&mut a, recs, laps_by.get(i), timers_by.get(i));
        let session_laps = laps_by.get(i).map(Vec::as_slice).unwrap_or_default();
        a.texts = declared::texts(others, Some(s.msg), session_laps);
        a.rpe = s.msg.rpe.map(|value| Rpe {
            value,
            source: TextSource::FitWorkoutRpe,
        });
        if a.samples.is_empty() {
            skipped.push((a.session, a.sport));
        } else {
            out.activities.push(a);
        }
    }
    for a in &mut out.activities {
        a.warnings.extend(jumps.iter().cloned());
    }
    if let Some(warning) = far {
        out.activities
            .iter_mut()
            .for_each(|a| a.warnings.push(warning.clone()));
    }
    if !skipped.is_empty() {
        let warning = Warning::FitSessionsWithoutRecords { sessions: skipped };
        out.activities
            .iter_mut()
            .for_each(|a| a.warnings.push(warning.clone()));
    }
    out
}

/// Builds the one activity of a file that has records but no session message.
fn without_session(
    mut a: Activity,
    sport: Option<Sport>,
    records: &[&RecordMsg],
    laps: &[&TotalsMsg],
    timers: &[TimerEvent],
) -> Activity {
    a.sport = sport.unwrap_or(Sport::Unknown);
    a.warnings.push(Warning::FitNoSession {
        records: records.len(),
    });
    // Without a session, the timer's first start and last stop are what was recorded.
    let timed = TotalsMsg::default();
    let within_timer = timer_span(timers).map(|t| {
        let spans = [Span::new(&timed, Some(t.start), Some(t.stop))];
        assign_records(&spans, records, Recorded::Timer)
    });
    let records = match &within_timer {
        Some((groups, far)) => {
            a.warnings.extend(far.clone());
            groups.first().map(Vec::as_slice).unwrap_or_default()
        }
        None => records,
    };
    fill(
        &mut a,
        records,
        Some(&laps.to_vec()),
        Some(&timers.to_vec()),
    );
    a
}

/// Fills samples, laps, pauses and the timer flag of an activity whose sport is already set.
fn fill(
    a: &mut Activity,
    records: &[&RecordMsg],
    laps: Option<&Vec<&TotalsMsg>>,
    timers: Option<&Vec<TimerEvent>>,
) {
    let built = samples::build(records, a.sport);
    a.samples = built.samples;
    a.warnings.extend(built.warnings);
    if a.sport == Sport::Unknown {
        // FIT defines running cadence per leg, but a session that names no sport leaves open
        // whether the device wrote it so: the same rule as for GPX and TCX decides.
        repair::cadence_per_leg_doubled(a);
    }
    let last = a.samples.last().map(|s| s.time);
    a.laps = laps.map(|l| build_laps(l, last)).unwrap_or_default();
    let timers = timers.map(Vec::as_slice).unwrap_or_default();
    a.timer_events = !timers.is_empty();
    a.timer_span = timer_span(timers);
    a.pauses = pauses(timers);
}

/// Puts each item in the session whose span (with slack) is closest to its time: inside it when
/// possible; ties go to the later session (a boundary instant starts the next one). Items without
/// a time go to the first session.
fn group<'a, T: Clone>(
    spans: &[Span<'a>],
    items: &[T],
    time: impl Fn(&T) -> Option<DateTime<Utc>>,
) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = vec![Vec::new(); spans.len()];
    for item in items {
        let index = time(item).map_or(0, |t| nearest_span(spans, t).0);
        if let Some(bucket) = out.get_mut(index) {
            bucket.push(item.clone());
        }
    }
    out
}

/// Groups records by session as [`group`] does, in one pass, leaving out records that lie more
/// than [`FAR_S`] from every session's span (a corrupt time, such as a year-2085 record among
/// 2021 ones); returns the groups and a warning on the dropped records.
fn assign_records<'a>(
    spans: &[Span],
    records: &[&'a RecordMsg],
    outside: Recorded,
) -> (Vec<Vec<&'a RecordMsg>>, Option<Warning>) {
    let mut out: Vec<Vec<&RecordMsg>> = vec![Vec::new(); spans.len()];
    if let Some(first) = out.first_mut() {
        first.reserve(records.len());
    }
    let mut far = Vec::new();
    for r in records {
        let (index, d) = r.timestamp.map_or((0, 0.0), |t| nearest_span(spans, t));
        if d > FAR_S && d.is_finite() {
            far.push(r.timestamp);
        } else if let Some(bucket) = out.get_mut(index) {
            bucket.push(*r);
        }
    }
    let warning = far
        .first()
        .copied()
        .flatten()
        .map(|first| Warning::FitRecordsFarOutside {
            records: far.len(),
            first,
            outside,
        });
    (out, warning)
}

/// The device totals of a session.
fn summary(s: &Span) -> DeviceSummary {
    let m = s.msg;
    DeviceSummary {
        start: s.start,
        elapsed_s: m.elapsed_s,
        timer_s: m.timer_s,
        distance_m: m.distance_m,
        avg_hr_bpm: m.avg_hr_bpm.filter(|&h| h > 0.0),
        max_hr_bpm: m.max_hr_bpm.and_then(hr_u8),
        ascent_m: m.ascent_m,
        descent_m: m.descent_m,
    }
}

/// A heart rate as u8, treating 0 and 255 as missing.
pub(crate) fn hr_u8(x: f64) -> Option<u8> {
    (1.0..255.0).contains(&x).then_some(x.round() as u8)
}

/// A lap's start: `start_time`, else its `timestamp` (the lap's end) minus the elapsed time.
fn lap_start(m: &&TotalsMsg) -> Option<DateTime<Utc>> {
    m.start_time.or_else(|| {
        let d = m.elapsed_s.and_then(duration)?;
        m.timestamp.map(|t| t - d)
    })
}

/// Laps in time order; each ends at start + elapsed, else at the next lap's start, else at the
/// last sample.
fn build_laps(messages: &[&TotalsMsg], last_sample: Option<DateTime<Utc>>) -> Vec<Lap> {
    let mut starts: Vec<(DateTime<Utc>, &TotalsMsg)> = messages
        .iter()
        .filter_map(|m| lap_start(m).map(|t| (t, *m)))
        .collect();
    starts.sort_by_key(|(t, _)| *t);
    let mut laps = Vec::with_capacity(starts.len());
    for (i, (start, m)) in starts.iter().enumerate() {
        let next = starts.get(i + 1).map(|(t, _)| *t);
        let end = m
            .elapsed_s
            .and_then(duration)
            .map(|d| *start + d)
            .or(next)
            .or(last_sample)
            .unwrap_or(*start);
        laps.push(Lap {
            start: *start,
            end,
            timer_s: m.timer_s,
            distance_m: m.distance_m,
            avg_hr_bpm: m.avg_hr_bpm.filter(|&h| h > 0.0),
            max_hr_bpm: m.max_hr_bpm.and_then(hr_u8),
        });
    }
    laps
}

/// The first timer start to the last stop, when the earliest event is a start and the latest a
/// stop after it; `None` otherwise (a file whose first event is a stop had its timer running
/// before any event it records).
pub(crate) fn timer_span(events: &[TimerEvent]) -> Option<TimerSpan> {
    let first = events.iter().min_by_key(|e| (e.time, !e.start))?;
    let last = events.iter().max_by_key(|e| (e.time, !e.start))?;
    (first.start && !last.start && last.time > first.time).then_some(TimerSpan {
        start: first.time,
        stop: last.time,
    })
}

/// Pauses from timer events: each stop to the next start after it. A stop that is never followed
/// by a start (the end of the activity) is no pause.
pub(crate) fn pauses(events: &[TimerEvent]) -> Vec<Pause> {
    let mut sorted = events.to_vec();
    sorted.sort_by_key(|e| e.time);
    let mut out = Vec::new();
    let mut stopped: Option<DateTime<Utc>> = None;
    for e in sorted {
        match (e.start, stopped) {
            (false, None) => stopped = Some(e.time),
            (true, Some(since)) => {
                if e.time > since {
                    out.push(Pause {
                        start: since,
                        end: e.time,
                    });
                }
                stopped = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests;
