//! The per-sample arrays every analysis reads, built once per activity: time since the first
//! sample, cleaned cumulative distance, heart rate, cadence, elevation, and per-interval
//! moving and walking.

use chrono::{DateTime, Utc};

use crate::activity::{Activity, Sport};
use crate::analyze::analysis::DistanceSource;
use crate::analyze::distance;
use crate::analyze::elevation::{self, Elevation};
use crate::analyze::grade;
use crate::analyze::hr;
use crate::analyze::moving::{self, MovingRule};

/// An activity as arrays. Interval `i` runs from sample `i` to sample `i + 1`; an interval takes
/// the heart rate and cadence of the sample that ends it.
#[derive(Debug, Clone, PartialEq)]
pub struct Track {
    /// Seconds since the first sample, non-decreasing (a step back in time is held flat).
    pub t_s: Vec<f64>,
    /// Cumulative distance, meters, non-decreasing, starting wherever the source starts.
    pub distance_m: Vec<f64>,
    /// Where the distance came from.
    pub source: DistanceSource,
    /// Readings of the distance's source left out as spikes: GPS fixes implying an impossible
    /// speed (a "teleport"), or odometer readings the device fell back from.
    pub distance_spikes: usize,
    /// Heart rate per sample.
    pub hr_bpm: Vec<Option<u8>>,
    /// Heart rate per sample as it held: the last reading at or before the sample, for up to
    /// [`crate::analyze::hr::HR_HOLD_S`] (what time-weighted means use, so that a strap value an
    /// app logs now and then counts for the time it stood for).
    pub hr_held_bpm: Vec<Option<u8>>,
    /// Cadence per sample, steps per minute; `None` for missing, zero or invalid values.
    pub cadence_spm: Vec<Option<f64>>,
    /// Moving seconds per interval (`samples - 1` values).
    pub moving_s: Vec<f64>,
    /// Whether each interval was walking (`samples - 1` values).
    pub walking: Vec<bool>,
    /// Gain and loss by the trace's own noise; `None` when no sample has an altitude.
    pub elevation: Option<Elevation>,
    /// Cumulative grade-adjusted distance at each sample, meters from 0 (see
    /// [`crate::analyze::grade`]); `None` when no sample has an altitude.
    pub grade_adjusted_m: Option<Vec<f64>>,
}

impl Track {
    /// Builds the arrays; `None` when the activity has no samples.
    pub fn build(activity: &Activity) -> Option<Track> {
        let samples = &activity.samples;
        let first = samples.first()?.time;
        let t_s = times(samples.iter().map(|s| s.time), first);
        let pauses_s = pauses(activity, first);
        let (distance_m, source, distance_spikes) = if let Some(u) = &activity.untimed {
            // No time to test a fix against: the track's plain length.
            let length = crate::activity::track_length_m(samples, &u.segment_starts);
            (length, DistanceSource::Gps, 0)
        } else {
            distance::cumulative(samples, &t_s, &pauses_s, activity.sport)
        };
        let (distance_m, source) = match activity.summary.distance_m {
            Some(total) if source == DistanceSource::None && total > 0.0 => (
                spread_over_timer(&t_s, &pauses_s, total),
                DistanceSource::Session,
            ),
            _ => (distance_m, source),
        };
        let measured = matches!(source, DistanceSource::Device | DistanceSource::Gps);
        let rule = if activity.timer_events || !measured {
            MovingRule::Timer
        } else {
            MovingRule::Speed
        };
        let speed_m_s = moving::interval_speeds(&t_s, &distance_m, &pauses_s);
        let mut moving_s = moving::moving_intervals(&t_s, &distance_m, &speed_m_s, &pauses_s, rule);
        if activity.untimed.is_some() {
            // Unknown, not a made-up pace: no interval counts as moving.
            moving_s.iter_mut().for_each(|m| *m = 0.0);
        }
        let cadence_spm: Vec<Option<f64>> = samples
            .iter()
            .map(|s| s.cadence_spm.filter(|c| c.is_finite() && *c > 0.0))
            .collect();
        let walking_applies = !matches!(activity.sport, Sport::Cycling | Sport::Swimming);
        let walking = moving::walking_intervals(
            &speed_m_s,
            &cadence_spm,
            &moving_s,
            measured,
            walking_applies,
        );
        let altitude: Vec<Option<f64>> = samples.iter().map(|s| s.altitude_m).collect();
        // An untimed track's altitude is smoothed and measured point by point (one a second).
        let point_t_s: Vec<f64>;
        let elevation_t_s: &[f64] = if activity.untimed.is_some() {
            point_t_s = (0..samples.len()).map(|i| i as f64).collect();
            &point_t_s
        } else {
            &t_s
        };
        // The grade's cost is a runner's (and a walker's): no grade-adjusted distance for bikes
        // and swims.
        let grade_adjusted_m = (walking_applies && altitude.iter().any(Option::is_some))
            .then(|| grade::grade_adjusted_cumulative(&distance_m, &altitude));
        Some(Track {
            grade_adjusted_m,
            hr_held_bpm: hr::held(samples.iter().map(|s| s.hr_bpm), &t_s),
            hr_bpm: samples.iter().map(|s| s.hr_bpm).collect(),
            elevation: elevation::gain(elevation_t_s, &altitude),
            t_s,
            distance_m,
            source,
            distance_spikes,
            cadence_spm,
            moving_s,
            walking,
        })
    }

    /// Seconds from the first to the last sample.
    pub fn end_s(&self) -> f64 {
        self.t_s.last().copied().unwrap_or(0.0)
    }

    /// Total distance, meters (last minus first).
    pub fn total_m(&self) -> f64 {
        match (self.distance_m.first(), self.distance_m.last()) {
            (Some(a), Some(b)) => b - a,
            _ => 0.0,
        }
    }

    /// Cumulative distance at time `t`, linear between the samples around it.
    pub fn distance_at(&self, t: f64) -> f64 {
        self.value_at(&self.distance_m, t)
    }

    /// Cumulative grade-adjusted distance at time `t`, linear between the samples around it;
    /// `None` without altitude.
    pub fn grade_adjusted_at(&self, t: f64) -> Option<f64> {
        Some(self.value_at(self.grade_adjusted_m.as_deref()?, t))
    }

    /// A per-sample cumulative value at time `t`, linear between the samples around it, held
    /// at its ends.
    fn value_at(&self, values: &[f64], t: f64) -> f64 {
        let after = self.t_s.partition_point(|&x| x <= t);
        let (Some(i), Some(&d1)) = (after.checked_sub(1), values.get(after)) else {
            // Before the first or at/after the last sample: hold the end value.
            let held = if after == 0 {
                values.first()
            } else {
                values.last()
            };
            return held.copied().unwrap_or(0.0);
        };
        let (Some(&t0), Some(&t1), Some(&d0)) =
            (self.t_s.get(i), self.t_s.get(after), values.get(i))
        else {
            return 0.0;
        };
        if t1 > t0 {
            d0 + (d1 - d0) * (t - t0) / (t1 - t0)
        } else {
            d0
        }
    }
}

/// A cumulative distance that grows evenly over the timer's running time to `total_m` (pauses
/// excluded): where a session's distance goes when no record carries one.
///
/// ```
/// use runaudit::analyze::track::spread_over_timer;
/// // 0..10 s, paused 4..6 s: 8 running seconds share 800 m.
/// let d = spread_over_timer(&[0.0, 4.0, 6.0, 10.0], &[(4.0, 6.0)], 800.0);
/// assert_eq!(d, vec![0.0, 400.0, 400.0, 800.0]);
/// ```
pub fn spread_over_timer(t_s: &[f64], pauses_s: &[(f64, f64)], total_m: f64) -> Vec<f64> {
    let zeros = vec![0.0; t_s.len()];
    let speeds = vec![0.0; t_s.len().saturating_sub(1)];
    let running = moving::moving_intervals(t_s, &zeros, &speeds, pauses_s, MovingRule::Timer);
    let all: f64 = running.iter().sum();
    let mut at = 0.0;
    let mut out = Vec::with_capacity(t_s.len());
    out.push(0.0);
    for r in running {
        at += r;
        out.push(if all > 0.0 { total_m * at / all } else { 0.0 });
    }
    out.truncate(t_s.len());
    out
}

/// Seconds since `first` for each time, made non-decreasing.
fn times(times: impl Iterator<Item = DateTime<Utc>>, first: DateTime<Utc>) -> Vec<f64> {
    let mut latest: f64 = 0.0;
    times
        .map(|t| {
            latest = latest.max(seconds_between(first, t));
            latest
        })
        .collect()
}

/// `b - a` in seconds (millisecond resolution).
pub fn seconds_between(a: DateTime<Utc>, b: DateTime<Utc>) -> f64 {
    (b - a).num_milliseconds() as f64 / 1000.0
}

/// The activity's pauses in seconds since the first sample, sorted, empty ones dropped, overlaps
/// merged; records before the timer's first start and after its last stop lie in pauses too.
fn pauses(activity: &Activity, first: DateTime<Utc>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = activity
        .pauses
        .iter()
        .map(|p| {
            (
                seconds_between(first, p.start),
                seconds_between(first, p.end),
            )
        })
        .filter(|p| p.1 > p.0)
        .collect();
    if let Some(span) = activity.timer_span {
        let last = activity.samples.last().map_or(first, |s| s.time);
        let end_s = seconds_between(first, last);
        out.push((-1.0, seconds_between(first, span.start)));
        out.push((seconds_between(first, span.stop), end_s + 1.0));
        out.retain(|p| p.1 > p.0.max(0.0) && p.0 < end_s);
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::with_capacity(out.len());
    for p in out {
        match merged.last_mut() {
            Some(last) if p.0 <= last.1 => last.1 = last.1.max(p.1),
            _ => merged.push(p),
        }
    }
    merged
}
