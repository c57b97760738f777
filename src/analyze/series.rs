//! A run's track downsampled to the compact plot series kept after its samples are gone (for the
//! SVG report): at most [`MAX_POINTS`] points (time, distance, heart rate, altitude, walking) plus
//! the pauses, built only when SVG output was asked for.

use crate::activity::Activity;
use crate::analyze::track::{seconds_between, Track};

/// Most points kept per run (a 3-hour run at 1 s keeps one point per 18 s).
pub const MAX_POINTS: usize = 720;

/// One downsampled point: the mean over a bucket of consecutive samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotPoint {
    /// Seconds since the first sample (end of the bucket).
    pub t_s: f32,
    /// Cumulative distance from the start, meters (end of the bucket).
    pub distance_m: f32,
    /// Mean heart rate over the bucket's samples that have one.
    pub hr_bpm: Option<f32>,
    /// Mean altitude over the bucket's samples that have one, meters.
    pub altitude_m: Option<f32>,
    /// Most of the bucket's moving time was walking.
    pub walking: bool,
}

/// A run's plot data.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlotSeries {
    /// Points in time order.
    pub points: Vec<PlotPoint>,
    /// Stretches not moving (timer pauses and stops), seconds since the first sample, merged.
    pub pauses_s: Vec<(f32, f32)>,
}

/// Shortest stop drawn as a pause, seconds.
pub const MIN_PAUSE_S: f64 = 10.0;
/// Share of a gap between samples that must be stopped for the gap to be drawn as a pause.
pub const PAUSE_GAP_SHARE: f64 = 0.5;

impl PlotSeries {
    /// Reduces a track (built from `activity`) to at most [`MAX_POINTS`] points.
    pub fn build(activity: &Activity, track: &Track) -> PlotSeries {
        let n = track.t_s.len();
        let bucket = n.div_ceil(MAX_POINTS).max(1);
        let d0 = track.distance_m.first().copied().unwrap_or(0.0);
        let mut points = Vec::with_capacity(n.div_ceil(bucket));
        let mut start = 0;
        while start < n {
            let end = start.saturating_add(bucket).min(n);
            points.push(point(activity, track, start, end, d0));
            start = end;
        }
        PlotSeries {
            points,
            pauses_s: pauses(activity, track),
        }
    }
}

/// The point for samples `start..end`.
fn point(activity: &Activity, track: &Track, start: usize, end: usize, d0: f64) -> PlotPoint {
    let last = end.saturating_sub(1);
    let hr = mean(
        track
            .hr_bpm
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .filter_map(|h| h.filter(|&b| b > 0).map(f64::from)),
    );
    let alt = mean(
        activity
            .samples
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .filter_map(|s| s.altitude_m.filter(|a| a.is_finite())),
    );
    // Interval i ends at sample i + 1: the intervals ending inside the bucket.
    let (mut walk_s, mut moving_s) = (0.0, 0.0);
    for i in start.saturating_sub(1)..last {
        let m = track.moving_s.get(i).copied().unwrap_or(0.0);
        moving_s += m;
        if track.walking.get(i).copied().unwrap_or(false) {
            walk_s += m;
        }
    }
    PlotPoint {
        t_s: track.t_s.get(last).copied().unwrap_or(0.0) as f32,
        distance_m: (track.distance_m.get(last).copied().unwrap_or(d0) - d0) as f32,
        hr_bpm: hr.map(|h| h as f32),
        altitude_m: alt.map(|a| a as f32),
        walking: moving_s > 0.0 && walk_s * 2.0 > moving_s,
    }
}

/// Mean of the values, `None` when there are none.
fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n.saturating_add(1)));
    (n > 0).then(|| sum / f64::from(n))
}

/// Timer pauses from the file plus intervals the analysis counted as stopped, merged, those of
/// at least [`MIN_PAUSE_S`] kept.
fn pauses(activity: &Activity, track: &Track) -> Vec<(f32, f32)> {
    let first = activity.samples.first().map(|s| s.time);
    let mut spans: Vec<(f64, f64)> = first
        .map(|f| {
            activity
                .pauses
                .iter()
                .map(|p| (seconds_between(f, p.start), seconds_between(f, p.end)))
                .collect()
        })
        .unwrap_or_default();
    for (i, w) in track.t_s.windows(2).enumerate() {
        let (Some(&a), Some(&b)) = (w.first(), w.get(1)) else {
            continue;
        };
        let moving = track.moving_s.get(i).copied().unwrap_or(0.0);
        if b - a - moving > PAUSE_GAP_SHARE * (b - a) && b > a {
            spans.push((a, b));
        }
    }
    spans.retain(|p| p.1 > p.0);
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for p in spans {
        match merged.last_mut() {
            Some(last) if p.0 <= last.1 + 1.0 => last.1 = last.1.max(p.1),
            _ => merged.push(p),
        }
    }
    merged
        .into_iter()
        .filter(|p| p.1 - p.0 >= MIN_PAUSE_S)
        .map(|(a, b)| (a as f32, b as f32))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::{Format, Sample};
    use chrono::{Duration, TimeZone, Utc};

    fn activity(n: i64, step_s: i64) -> Activity {
        let t0 = Utc.timestamp_opt(0, 0).unwrap();
        let mut a = Activity::new(Format::Fit);
        for i in 0..n {
            let mut s = Sample::at(t0 + Duration::seconds(step_s * i));
            s.distance_m = Some(3.0 * (step_s * i) as f64);
            s.hr_bpm = Some(140);
            s.altitude_m = Some(100.0 + i as f64);
            a.samples.push(s);
        }
        a
    }

    #[test]
    fn long_runs_are_bucketed_to_at_most_max_points() {
        // 3600 samples → buckets of ceil(3600 / 720) = 5 → 720 points.
        let a = activity(3600, 1);
        let track = Track::build(&a).expect("samples");
        let s = PlotSeries::build(&a, &track);
        assert_eq!(s.points.len(), 720);
        // The first bucket holds samples 0..5: it ends at t = 4 s, 12 m, mean altitude
        // (100 + 101 + 102 + 103 + 104) / 5 = 102 m.
        let p = s.points.first().copied().expect("a point");
        assert_eq!(
            (p.t_s, p.distance_m, p.altitude_m),
            (4.0, 12.0, Some(102.0))
        );
        assert_eq!(p.hr_bpm, Some(140.0));
        assert!(s.pauses_s.is_empty());
    }

    #[test]
    fn a_timer_pause_is_kept() {
        let mut a = activity(100, 1);
        let t0 = a.samples.first().map(|s| s.time).unwrap_or_default();
        a.pauses.push(crate::activity::Pause {
            start: t0 + Duration::seconds(20),
            end: t0 + Duration::seconds(50),
        });
        let track = Track::build(&a).expect("samples");
        let s = PlotSeries::build(&a, &track);
        // 100 samples fit: one point per sample.
        assert_eq!(s.points.len(), 100);
        assert!(s.pauses_s.iter().any(|p| p.0 <= 20.0 && p.1 >= 50.0));
    }
}
