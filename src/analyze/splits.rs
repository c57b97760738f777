//! Splits every kilometer or mile of cumulative distance, and the device's laps, each as a
//! [`Segment`]; the figures of the stretches are computed in parallel.

use chrono::{DateTime, Utc};
use rayon::prelude::*;

use crate::activity::Lap;
use crate::analyze::analysis::Segment;
use crate::analyze::segment::{segment, Span};
use crate::analyze::track::{seconds_between, Track};

/// A last stretch shorter than this, meters, is folded into the split before it (it is rounding,
/// not running).
pub const MIN_PARTIAL_M: f64 = 1.0;
/// At most this many splits, more than any activity ever recorded needs (the Race Across America
/// is 4,800 km): a corrupt odometer must not allocate or compute without bound. The last one takes
/// whatever distance is left.
pub const MAX_SPLITS: usize = 10_000;

/// Time at which the cumulative distance first reaches `target_m`, linear between the two
/// samples that straddle it; the first sample's time if it starts at or past the target.
///
/// ```
/// use chrono::{Duration, TimeZone, Utc};
/// use runaudit::activity::{Activity, Format, Sample};
/// use runaudit::analyze::splits::boundary_time;
/// use runaudit::analyze::track::Track;
/// let t0 = Utc.timestamp_opt(0, 0).unwrap();
/// let mut a = Activity::new(Format::Fit);
/// for (t, d) in [(0, 0.0), (10, 990.0), (20, 1010.0)] {
///     let mut s = Sample::at(t0 + Duration::seconds(t));
///     s.distance_m = Some(d);
///     a.samples.push(s);
/// }
/// let track = Track::build(&a).unwrap();
/// // 1000 m is half way from 990 m (t=10) to 1010 m (t=20): t = 15 s.
/// assert_eq!(boundary_time(&track, 1000.0), 15.0);
/// ```
pub fn boundary_time(track: &Track, target_m: f64) -> f64 {
    let k = track.distance_m.partition_point(|&d| d < target_m);
    let before = k.checked_sub(1).and_then(|i| {
        Some((
            *track.t_s.get(i)?,
            *track.distance_m.get(i)?,
            *track.t_s.get(k)?,
            *track.distance_m.get(k)?,
        ))
    });
    match before {
        // d0 < target <= d1, so d1 > d0.
        Some((t0, d0, t1, d1)) => t0 + (t1 - t0) * (target_m - d0) / (d1 - d0),
        None if k == 0 => track.t_s.first().copied().unwrap_or(0.0),
        None => track.end_s(),
    }
}

/// The spans of the splits: one every `split_m` of cumulative distance, the last one partial.
/// Empty when the run covered under [`MIN_PARTIAL_M`] or `split_m` is not positive.
pub fn split_spans(track: &Track, split_m: f64) -> Vec<Span> {
    let total = track.total_m();
    if total < MIN_PARTIAL_M || split_m <= 0.0 || !split_m.is_finite() {
        return Vec::new();
    }
    let origin_m = track.distance_m.first().copied().unwrap_or(0.0);
    let mut spans = Vec::new();
    let mut from = (0.0, origin_m);
    for j in 1..MAX_SPLITS {
        let along = j as f64 * split_m;
        if along > total - MIN_PARTIAL_M {
            break;
        }
        let target = origin_m + along;
        let t = boundary_time(track, target);
        spans.push(span(from, (t, target)));
        from = (t, target);
    }
    spans.push(span(from, (track.end_s(), origin_m + total)));
    spans
}

/// A span from (time, distance) to (time, distance).
fn span(from: (f64, f64), to: (f64, f64)) -> Span {
    Span {
        start_s: from.0,
        end_s: to.0,
        start_m: from.1,
        end_m: to.1,
    }
}

/// Splits every `split_m` meters, numbered from 1, figures computed in parallel.
pub fn splits(track: &Track, split_m: f64) -> Vec<Segment> {
    segments(track, &split_spans(track, split_m))
}

/// The device's laps over their [start, end] times, clamped to the samples, numbered from 1.
pub fn laps(track: &Track, laps: &[Lap], first: DateTime<Utc>) -> Vec<Segment> {
    let end = track.end_s();
    let spans: Vec<Span> = laps
        .iter()
        .map(|lap| {
            let a = seconds_between(first, lap.start).clamp(0.0, end);
            let b = seconds_between(first, lap.end).clamp(a, end);
            Span::between(track, a, b)
        })
        .collect();
    segments(track, &spans)
}

/// Figures for each span, in parallel.
fn segments(track: &Track, spans: &[Span]) -> Vec<Segment> {
    spans
        .par_iter()
        .enumerate()
        .map(|(i, s)| segment(track, i.saturating_add(1), *s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::{Activity, Format, Sample};
    use chrono::{Duration, TimeZone};

    fn track(rows: &[(i64, f64)]) -> (Track, DateTime<Utc>) {
        let t0 = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
        let mut a = Activity::new(Format::Fit);
        for &(t, d) in rows {
            let mut s = Sample::at(t0 + Duration::seconds(t));
            s.distance_m = Some(d);
            a.samples.push(s);
        }
        (Track::build(&a).unwrap(), t0)
    }

    #[test]
    fn split_boundary_interpolated_by_hand() {
        // t=0 d=0, t=10 d=990, t=20 d=1010, t=30 d=1500.
        // 1 km lies 10/20 of the way from 990 to 1010: t = 10 + 0.5·10 = 15 s.
        // Split 1: 0..15 s, 1000 m, all moving → pace 15 s/km.
        // Split 2 (partial): 15..30 s, 500 m → pace 15 / 0.5 = 30 s/km.
        let (tr, _) = track(&[(0, 0.0), (10, 990.0), (20, 1010.0), (30, 1500.0)]);
        let s = splits(&tr, 1000.0);
        assert_eq!(s.len(), 2);
        let (a, b) = (&s[0], &s[1]);
        assert_eq!((a.index, a.start_s, a.end_s), (1, 0.0, 15.0));
        assert_eq!(a.distance_m, 1000.0);
        assert_eq!(a.moving_s, 15.0);
        assert_eq!(a.pace_s_per_km, Some(15.0));
        assert_eq!((b.index, b.start_s, b.end_s), (2, 15.0, 30.0));
        assert_eq!(b.distance_m, 500.0);
        assert_eq!(b.pace_s_per_km, Some(30.0));
    }

    #[test]
    fn exact_multiple_has_no_empty_tail_and_offset_odometer() {
        // The odometer starts at 50 m; 2000 m run in 400 s at 5 m/s: two full splits at 200 s.
        let (tr, _) = track(&[(0, 50.0), (200, 1050.0), (400, 2050.0)]);
        let s = split_spans(&tr, 1000.0);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].end_s, 200.0);
        assert_eq!(s[1].end_m, 2050.0);
    }

    #[test]
    fn a_corrupt_odometer_gives_at_most_max_splits() {
        // 42,000 km in 100 s (an odometer a corrupt definition scaled): 10,000 splits, the last
        // one holding the 32,001 km left.
        let (tr, _) = track(&[(0, 0.0), (100, 4.2e7)]);
        let s = split_spans(&tr, 1000.0);
        assert_eq!(s.len(), MAX_SPLITS);
        let last = s.last().copied().unwrap();
        assert_eq!((last.start_m, last.end_m), (9_999_000.0, 4.2e7));
    }

    #[test]
    fn laps_are_clamped_to_the_samples() {
        // Samples 0..100 s at 3 m/s; a lap from -20 s to 40 s is clamped to 0..40: 120 m.
        let (tr, t0) = track(&[(0, 0.0), (50, 150.0), (100, 300.0)]);
        let lap = Lap {
            start: t0 - Duration::seconds(20),
            end: t0 + Duration::seconds(40),
            timer_s: None,
            distance_m: None,
            avg_hr_bpm: None,
            max_hr_bpm: None,
        };
        let l = laps(&tr, &[lap], t0);
        assert_eq!(l.len(), 1);
        assert_eq!((l[0].start_s, l[0].end_s), (0.0, 40.0));
        assert_eq!(l[0].distance_m, 120.0);
    }
}
