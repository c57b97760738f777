//! The figures of one stretch of a run (a split, a lap, the whole run): moving time, pace,
//! time-weighted heart rate and cadence, elevation, walking share. Intervals cut by the
//! stretch's ends are prorated by time.

use crate::analyze::analysis::Segment;
use crate::analyze::hr::{hr_max, TimeWeighted};
use crate::analyze::track::Track;

/// A stretch of a run in time and distance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// Start, seconds since the first sample.
    pub start_s: f64,
    /// End, seconds since the first sample.
    pub end_s: f64,
    /// Cumulative distance at the start, meters.
    pub start_m: f64,
    /// Cumulative distance at the end, meters.
    pub end_m: f64,
}

impl Span {
    /// The span between two times, with distances read off the track.
    pub fn between(track: &Track, start_s: f64, end_s: f64) -> Span {
        Span {
            start_s,
            end_s,
            start_m: track.distance_at(start_s),
            end_m: track.distance_at(end_s),
        }
    }
}

/// Time sums over a stretch: what a [`Segment`] is made from.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Totals {
    /// Moving seconds.
    pub moving_s: f64,
    /// Walking seconds (part of the moving seconds).
    pub walking_s: f64,
    /// Heart rate weighted by moving seconds.
    pub hr: TimeWeighted,
    /// Cadence weighted by moving seconds (intervals without cadence left out).
    pub cadence: TimeWeighted,
}

/// Sums moving, walking, heart rate and cadence over [start_s, end_s]. An interval's share is its
/// moving seconds times the fraction of it inside the stretch; its heart rate and cadence are
/// those of the sample that ends it (heart rate as it held: the last reading up to 2 minutes
/// before, so sparse readings count for the time they stood for).
pub fn totals(track: &Track, start_s: f64, end_s: f64) -> Totals {
    let mut acc = Totals::default();
    let first = track
        .t_s
        .partition_point(|&x| x <= start_s)
        .saturating_sub(1);
    let from = |i: usize| i.saturating_add(first);
    let intervals = tail(&track.t_s, first)
        .windows(2)
        .zip(tail(&track.moving_s, first))
        .zip(tail(&track.walking, first))
        .zip(tail(&track.hr_held_bpm, from(1)))
        .zip(tail(&track.cadence_spm, from(1)));
    for ((((t, &moving), &walking), hr), cadence) in intervals {
        let &[t0, t1] = t else { continue };
        if t0 >= end_s {
            break;
        }
        let inside = t1.min(end_s) - t0.max(start_s);
        if t1 <= t0 || inside <= 0.0 || moving <= 0.0 {
            continue;
        }
        let m = moving * inside / (t1 - t0);
        acc.moving_s += m;
        if walking {
            acc.walking_s += m;
        }
        if let Some(h) = hr {
            acc.hr.add(f64::from(*h), m);
        }
        if let Some(c) = cadence {
            acc.cadence.add(*c, m);
        }
    }
    acc
}

/// `v[from..]`, empty when `from` is past the end.
fn tail<T>(v: &[T], from: usize) -> &[T] {
    v.get(from..).unwrap_or_default()
}

/// The figures of one stretch, numbered `index`.
///
/// ```
/// use chrono::{Duration, TimeZone, Utc};
/// use runaudit::activity::{Activity, Format, Sample};
/// use runaudit::analyze::segment::{segment, Span};
/// use runaudit::analyze::track::Track;
/// // 0 → 300 m in 100 s at 3 m/s: pace 100 s / 0.3 km = 333.3 s/km.
/// let t0 = Utc.timestamp_opt(0, 0).unwrap();
/// let mut a = Activity::new(Format::Fit);
/// for (t, d) in [(0, 0.0), (50, 150.0), (100, 300.0)] {
///     let mut s = Sample::at(t0 + Duration::seconds(t));
///     s.distance_m = Some(d);
///     a.samples.push(s);
/// }
/// let track = Track::build(&a).unwrap();
/// let seg = segment(&track, 1, Span::between(&track, 0.0, 100.0));
/// assert_eq!(seg.moving_s, 100.0);
/// assert!((seg.pace_s_per_km.unwrap() - 333.333).abs() < 0.001);
/// ```
pub fn segment(track: &Track, index: usize, span: Span) -> Segment {
    let acc = totals(track, span.start_s, span.end_s);
    let distance_m = (span.end_m - span.start_m).max(0.0);
    let inside = track.t_s.partition_point(|&x| x < span.start_s)
        ..track.t_s.partition_point(|&x| x <= span.end_s);
    let after_start = track.t_s.partition_point(|&x| x <= span.start_s)..inside.end;
    let sum_in = |v: &[f64]| v.get(after_start.clone()).map(|s| s.iter().sum::<f64>());
    let elevation = track.elevation.as_ref();
    let grade_adjusted_m = track
        .grade_adjusted_at(span.end_s)
        .zip(track.grade_adjusted_at(span.start_s))
        .map(|(end, start)| (end - start).max(0.0));
    Segment {
        index,
        start_s: span.start_s,
        end_s: span.end_s,
        distance_m,
        moving_s: acc.moving_s,
        pace_s_per_km: pace_s_per_km(acc.moving_s, distance_m),
        hr_avg_bpm: acc.hr.mean(),
        hr_max_bpm: track.hr_bpm.get(inside).and_then(hr_max),
        elevation_gain_m: elevation.map(|e| sum_in(&e.gain_at_m).unwrap_or(0.0)),
        elevation_loss_m: elevation.map(|e| sum_in(&e.loss_at_m).unwrap_or(0.0)),
        cadence_spm: acc.cadence.mean(),
        walking_share: share(acc.walking_s, acc.moving_s),
        grade_adjusted_distance_m: grade_adjusted_m,
        gap_s_per_km: grade_adjusted_m.and_then(|g| pace_s_per_km(acc.moving_s, g)),
    }
}

/// Moving seconds per kilometer; `None` under 1 m or without moving time.
pub fn pace_s_per_km(moving_s: f64, distance_m: f64) -> Option<f64> {
    (distance_m >= 1.0 && moving_s > 0.0).then(|| moving_s / (distance_m / 1000.0))
}

/// `part / whole`, 0 when `whole` is 0.
fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part / whole
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::{Activity, Format, Sample};
    use chrono::{Duration, TimeZone, Utc};

    /// An activity from (t, distance, hr, altitude) rows.
    fn activity(rows: &[(i64, f64, u8, f64)]) -> Activity {
        let t0 = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
        let mut a = Activity::new(Format::Fit);
        for &(t, d, hr, alt) in rows {
            let mut s = Sample::at(t0 + Duration::seconds(t));
            s.distance_m = Some(d);
            s.hr_bpm = Some(hr);
            s.altitude_m = Some(alt);
            a.samples.push(s);
        }
        a
    }

    #[test]
    fn time_weighted_hr_with_uneven_spacing() {
        // Samples at t = 0, 1, 2, 12 with HR 100, 120, 120, 150, all moving at 3 m/s.
        // Intervals take the HR of the sample that ends them: 120 for 1 s, 120 for 1 s, 150 for
        // 10 s: (120 + 120 + 1500) / 12 = 145. The plain mean of the samples is 122.5.
        let a = activity(&[
            (0, 0.0, 100, 0.0),
            (1, 3.0, 120, 0.0),
            (2, 6.0, 120, 0.0),
            (12, 36.0, 150, 0.0),
        ]);
        let track = Track::build(&a).unwrap();
        let seg = segment(&track, 1, Span::between(&track, 0.0, 12.0));
        assert_eq!(seg.hr_avg_bpm, Some(145.0));
        assert_eq!(seg.hr_max_bpm, Some(150));
        assert_eq!(seg.moving_s, 12.0);
    }

    #[test]
    fn intervals_cut_by_the_span_are_prorated() {
        // One 10 s interval at 3 m/s ending at HR 140; the span 2.5..5 s holds a quarter of it:
        // 2.5 s moving, 7.5 m, pace 2.5 / 0.0075 = 333.3 s/km.
        let a = activity(&[(0, 0.0, 100, 0.0), (10, 30.0, 140, 0.0)]);
        let track = Track::build(&a).unwrap();
        let seg = segment(&track, 1, Span::between(&track, 2.5, 5.0));
        assert_eq!(seg.moving_s, 2.5);
        assert_eq!(seg.distance_m, 7.5);
        assert_eq!(seg.hr_avg_bpm, Some(140.0));
        // No sample lies inside 2.5..5, so no max.
        assert_eq!(seg.hr_max_bpm, None);
    }

    #[test]
    fn elevation_goes_to_the_span_that_counted_it() {
        // Altitudes 10 s apart (so the 10 s average leaves each alone) 100, 104 (gain 4 at
        // t=10), 104, 110 (gain 6 at t=30); too few to measure their noise, so the 1 m fallback
        // hysteresis, which passes both.
        let mut a = activity(&[
            (0, 0.0, 100, 100.0),
            (10, 30.0, 100, 104.0),
            (20, 60.0, 100, 104.0),
            (30, 90.0, 100, 110.0),
        ]);
        a.altitude_source = crate::activity::AltitudeSource::Barometric;
        let track = Track::build(&a).unwrap();
        let first = segment(&track, 1, Span::between(&track, 0.0, 15.0));
        let second = segment(&track, 2, Span::between(&track, 15.0, 30.0));
        assert_eq!(first.elevation_gain_m, Some(4.0));
        assert_eq!(second.elevation_gain_m, Some(6.0));
        assert_eq!(second.elevation_loss_m, Some(0.0));
    }
}

#[cfg(test)]
mod grade_tests {
    use super::*;
    use crate::activity::{Activity, Format, Sample};
    use chrono::{Duration, TimeZone, Utc};

    #[test]
    fn a_split_up_a_10_percent_grade_has_the_curves_gap() {
        // 1 km up a constant 10% at 2.5 m/s (400 s), a sample every 4 s (10 m): grade-adjusted
        // 1 km × 1.459 = 1459 m, GAP 400 s / 1.459 km = 274.2 s/km against a pace of 400 s/km.
        let t0 = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
        let mut a = Activity::new(Format::Fit);
        for i in 0..=100 {
            let mut s = Sample::at(t0 + Duration::seconds(4 * i));
            s.distance_m = Some(10.0 * i as f64);
            s.altitude_m = Some(i as f64);
            a.samples.push(s);
        }
        let track = Track::build(&a).unwrap();
        let seg = segment(&track, 1, Span::between(&track, 0.0, 400.0));
        assert!((seg.grade_adjusted_distance_m.unwrap() - 1459.0).abs() < 0.5);
        assert!((seg.gap_s_per_km.unwrap() - 274.16).abs() < 0.1);
        assert!((seg.pace_s_per_km.unwrap() - 400.0).abs() < 1e-9);
        // the first half alone: 500 m → 729.5 m
        let half = segment(&track, 1, Span::between(&track, 0.0, 200.0));
        assert!((half.grade_adjusted_distance_m.unwrap() - 729.5).abs() < 0.5);
    }
}
