//! Track points without a time between timed ones (GPX tracks whose points carry a time only now
//! and then): given times interpolated by distance, so they count for distance and splits.

use chrono::{DateTime, Duration, Utc};
use geo::{Distance, Haversine, Point};

use super::samples::Segments;
use crate::activity::Sample;

/// Gives each untimed sample (`timed[i]` false) between two timed ones a time interpolated by the
/// great-circle distance along the points, and removes the untimed samples before the first and
/// after the last timed one, or between two timed ones whose times do not increase; `segments` is
/// kept in step. Returns (interpolated, removed).
///
/// Timed at 0 s and 30 s with untimed points 100 m and 200 m along a 300 m stretch: 10 s and 20 s.
pub(crate) fn interpolate_times(
    samples: &mut Vec<Sample>,
    timed: &[bool],
    segments: &mut Segments,
) -> (usize, usize) {
    let is_timed = |i: usize| timed.get(i).copied().unwrap_or(true);
    let mut keep = vec![true; samples.len()];
    let mut interpolated = 0usize;
    let mut previous: Option<usize> = None;
    for i in 0..samples.len() {
        if !is_timed(i) {
            continue;
        }
        let from = previous.map_or(0, |p| p + 1);
        let gap = from..i;
        if let Some(p) = previous.filter(|_| !gap.is_empty()) {
            if fill(samples, p, i) {
                interpolated += gap.len();
            } else {
                gap.for_each(|j| keep[j] = false);
            }
        } else {
            gap.for_each(|j| keep[j] = false);
        }
        previous = Some(i);
    }
    let tail = previous.map_or(0, |p| p + 1);
    keep.iter_mut().skip(tail).for_each(|k| *k = false);
    let removed = keep.iter().filter(|k| !**k).count();
    if removed > 0 {
        segments.remove(&keep);
        let mut flags = keep.iter();
        samples.retain(|_| flags.next().copied().unwrap_or(true));
    }
    (interpolated, removed)
}

/// Times samples `a + 1 .. b` by their distance along the points from `a` to `b`; false (nothing
/// done) when the times do not increase or a point lacks a position.
fn fill(samples: &mut [Sample], a: usize, b: usize) -> bool {
    let (Some(ta), Some(tb)) = (
        samples.get(a).map(|s| s.time),
        samples.get(b).map(|s| s.time),
    ) else {
        return false;
    };
    let Some(stretch) = samples.get(a..=b) else {
        return false;
    };
    let mut along = Vec::with_capacity(stretch.len());
    let mut total = 0.0;
    for pair in stretch.windows(2) {
        let [p, q] = pair else { continue };
        let (Some(p), Some(q)) = (p.position, q.position) else {
            return false;
        };
        total += Haversine.distance(
            Point::new(p.lon_deg, p.lat_deg),
            Point::new(q.lon_deg, q.lat_deg),
        );
        along.push(total);
    }
    if tb <= ta {
        return false;
    }
    let span_ms = (tb - ta).num_milliseconds() as f64;
    let count = b - a - 1;
    for (k, s) in samples.iter_mut().skip(a + 1).take(count).enumerate() {
        let d = along.get(k).copied().unwrap_or(0.0);
        // Without distance (all points in one place) the times are spread evenly.
        let share = if total > 0.0 {
            d / total
        } else {
            (k + 1) as f64 / (count + 1) as f64
        };
        s.time = at(ta, span_ms * share);
    }
    true
}

fn at(t: DateTime<Utc>, ms: f64) -> DateTime<Utc> {
    t + Duration::milliseconds(ms.round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::Position;
    use chrono::TimeZone;

    fn point(lat_deg: f64, s: i64) -> Sample {
        let mut p = Sample::at(
            Utc.timestamp_opt(1_500_000_000 + s, 0)
                .single()
                .unwrap_or_default(),
        );
        p.position = Some(Position {
            lat_deg,
            lon_deg: 8.0,
        });
        p
    }

    #[test]
    fn untimed_points_are_timed_by_distance() {
        // Timed at 0 s and 30 s, 0.0009° of latitude apart (≈100 m) each step: untimed points at
        // ≈100 m and ≈200 m of 300 m get 10 s and 20 s. One untimed point before the first timed
        // one and one after the last are removed.
        let mut samples = vec![
            point(47.0, 0),
            point(47.0, 0),
            point(47.0009, 0),
            point(47.0018, 0),
            point(47.0027, 30),
            point(47.0036, 0),
        ];
        let timed = [false, true, false, false, true, false];
        let mut segments = Segments::default();
        let (interpolated, removed) = interpolate_times(&mut samples, &timed, &mut segments);
        assert_eq!((interpolated, removed), (2, 2));
        let secs: Vec<i64> = samples
            .iter()
            .map(|s| s.time.timestamp() - 1_500_000_000)
            .collect();
        assert_eq!(secs, vec![0, 10, 20, 30]);
    }
}
