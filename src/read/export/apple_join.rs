//! The second pass over `export.xml`: the heart-rate, step and distance records and effort
//! ratings inside some workout's window (found by binary search over the workouts ordered by
//! start), kept within [`MAX_RECORDS`], one source per workout.

use std::io::BufRead;

use chrono::{DateTime, Utc};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::read::budget::MAX_SAMPLES;

use super::apple::{meters, number, parse_date, FirstPass, Reading, Sources, Span, Workout};
use super::apple_stream::clean;
use super::{Place, SidecarProblem, SidecarWarning};

/// Heart-rate, step and distance records kept from one export over all its workouts (8 to 16
/// bytes each: at most 64 MiB), about 5,500 hours of workouts at one heart-rate reading every
/// 5 s; the rest are named in one warning.
pub const MAX_RECORDS: usize = 4_000_000;

/// The workouts ordered by start, with the latest end up to each, for finding the windows that
/// hold an instant.
struct Windows {
    /// (start, end, workout index), sorted by start.
    spans: Vec<(DateTime<Utc>, DateTime<Utc>, usize)>,
    /// `latest_end[i]`: the latest end among `spans[..=i]`.
    latest_end: Vec<DateTime<Utc>>,
}

impl Windows {
    fn new(workouts: &[Workout]) -> Windows {
        let mut spans: Vec<_> = workouts
            .iter()
            .enumerate()
            .map(|(i, w)| (w.start, w.end, i))
            .collect();
        spans.sort_by_key(|s| (s.0, s.2));
        let mut latest = DateTime::<Utc>::MIN_UTC;
        let latest_end = spans
            .iter()
            .map(|s| {
                latest = latest.max(s.1);
                latest
            })
            .collect();
        Windows { spans, latest_end }
    }

    /// The workouts whose window (start and end included) holds `t`.
    fn holding(&self, t: DateTime<Utc>) -> impl Iterator<Item = usize> + '_ {
        let upto = self.spans.partition_point(|s| s.0 <= t);
        (0..upto)
            .rev()
            .take_while(move |&i| self.latest_end.get(i).is_some_and(|e| *e >= t))
            .filter_map(move |i| self.spans.get(i).filter(|s| s.1 >= t).map(|s| s.2))
    }
}

/// A `<Record>` the second pass keeps.
enum Kept {
    HeartRate,
    Steps,
    Distance,
    Effort,
}

/// What the second pass keeps of one `<Record>`.
struct Kind {
    kept: Kept,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    value: f64,
    source: u8,
}

/// The second pass: the heart-rate readings inside each workout's window (one source per
/// workout: its own when it has readings, else the one with the most), and the effort rating.
/// Problems with the file were told by the first pass; the second stops silently at them.
pub fn join_records<R: BufRead>(
    input: R,
    label: &str,
    first: &mut FirstPass,
) -> Vec<SidecarWarning> {
    let mut warnings = Vec::new();
    let Ok(input) = clean(input) else {
        return warnings;
    };
    let windows = Windows::new(&first.workouts);
    let mut reader = Reader::from_reader(input);
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut total = 0usize;
    let mut capped = false;
    let mut readings: Vec<Vec<Reading>> = vec![Vec::new(); first.workouts.len()];
    let mut steps: Vec<Vec<Span>> = vec![Vec::new(); first.workouts.len()];
    let mut distance: Vec<Vec<Span>> = vec![Vec::new(); first.workouts.len()];
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(ref e)) | Ok(Event::Empty(ref e))
                if e.local_name().as_ref() == "Record" =>
            {
                let Some(Kind {
                    kept,
                    start: t,
                    end,
                    value,
                    source,
                }) = record(e, &mut first.sources)
                else {
                    buf.clear();
                    continue;
                };
                for i in windows.holding(t) {
                    let (Some(w), Some(list), Some(counts), Some(meters)) = (
                        first.workouts.get_mut(i),
                        readings.get_mut(i),
                        steps.get_mut(i),
                        distance.get_mut(i),
                    ) else {
                        continue;
                    };
                    if total >= MAX_RECORDS
                        || list.len() + counts.len() + meters.len() >= MAX_SAMPLES
                    {
                        capped = true;
                        continue;
                    }
                    match kept {
                        Kept::Steps | Kept::Distance => {
                            let from = i32::try_from((t - w.start).num_milliseconds());
                            let to = i32::try_from((end - w.start).num_milliseconds());
                            if let (Ok(from_ms), Ok(to_ms)) = (from, to) {
                                if to_ms > from_ms && value >= 0.0 {
                                    let into = match kept {
                                        Kept::Steps => &mut *counts,
                                        _ => &mut *meters,
                                    };
                                    into.push(Span {
                                        from_ms,
                                        to_ms,
                                        value: value as f32,
                                        source,
                                    });
                                    total += 1;
                                }
                            }
                        }
                        Kept::Effort => {
                            if (1.0..=10.0).contains(&value) {
                                w.effort = Some(value);
                            }
                        }
                        Kept::HeartRate => {
                            let at_ms = (t - w.start).num_milliseconds();
                            let (Ok(at_ms), Some(bpm)) = (
                                i32::try_from(at_ms),
                                Some(value.round()).filter(|v| (1.0..255.0).contains(v)),
                            ) else {
                                continue;
                            };
                            list.push(Reading {
                                at_ms,
                                bpm: bpm as u8,
                                source,
                            });
                            total += 1;
                        }
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        buf.clear();
    }
    if capped {
        warnings.push(SidecarWarning {
            label: label.to_string(),
            at: Place::File,
            problem: SidecarProblem::OverBudget {
                what: "heart-rate, step and distance records in workouts",
                limit: MAX_RECORDS,
            },
            more: 0,
        });
    }
    let joined = readings.into_iter().zip(steps).zip(distance);
    for (w, ((list, counts), meters)) in first.workouts.iter_mut().zip(joined) {
        w.heart_rate = one_source(list, w.source, |r| r.source, |r| r.at_ms);
        w.steps = one_source(counts, w.source, |s| s.source, |s| s.from_ms);
        w.distance = one_source(meters, w.source, |s| s.source, |s| s.from_ms);
    }
    warnings
}

/// A heart-rate, step-count, distance or effort `<Record>`: what it is, when, its value (a
/// distance in meters) and source.
fn record(e: &BytesStart<'_>, sources: &mut Sources) -> Option<Kind> {
    let (mut kept, mut start, mut end, mut value, mut source) = (None, None, None, None, u8::MAX);
    let mut unit = None;
    for a in e.attributes().with_checks(false).flatten() {
        match a.key.0 {
            "type" => {
                kept = match a.value.as_ref() {
                    "HKQuantityTypeIdentifierHeartRate" => Some(Kept::HeartRate),
                    "HKQuantityTypeIdentifierWorkoutEffortScore" => Some(Kept::Effort),
                    "HKQuantityTypeIdentifierStepCount" => Some(Kept::Steps),
                    "HKQuantityTypeIdentifierDistanceWalkingRunning"
                    | "HKQuantityTypeIdentifierDistanceCycling" => Some(Kept::Distance),
                    _ => return None,
                }
            }
            "sourceName" => {
                source = sources
                    .find(&a.value)
                    .unwrap_or_else(|| sources.number(&a.value))
            }
            "startDate" => start = parse_date(&a.value),
            "endDate" => end = parse_date(&a.value),
            "value" => value = number(&a.value),
            "unit" => unit = Some(a.value.to_string()),
            _ => {}
        }
    }
    let start = start?.0;
    if matches!(kept, Some(Kept::Distance)) {
        value = meters(value?, unit.as_deref().unwrap_or("km"));
    }
    Some(Kind {
        kept: kept?,
        start,
        end: end.map_or(start, |e| e.0),
        value: value?,
        source,
    })
}

/// The records of one source: the workout's own when it has any, else the source with the
/// most (other apps' copies of the same beats or steps are never added to them); sorted by
/// time, one per instant.
fn one_source<T>(
    mut list: Vec<T>,
    own: u8,
    source: impl Fn(&T) -> u8,
    at_ms: impl Fn(&T) -> i32,
) -> Vec<T> {
    let chosen = if list.iter().any(|r| source(r) == own) {
        own
    } else {
        let mut counts = [0usize; 256];
        for r in &list {
            if let Some(c) = counts.get_mut(usize::from(source(r))) {
                *c += 1;
            }
        }
        let best =
            (0..=u8::MAX).max_by_key(|&s| (counts.get(usize::from(s)).copied(), u8::MAX - s));
        best.unwrap_or(own)
    };
    list.retain(|r| source(r) == chosen);
    list.sort_by_key(&at_ms);
    list.dedup_by_key(|r| at_ms(r));
    list.shrink_to_fit();
    list
}
