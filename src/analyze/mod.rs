//! What happened in a run: distance, moving time, splits, laps, elevation, heart rate, drift, as
//! `docs/numbers.md` defines them. One algorithm a file; this module ties them together.

use crate::activity::Activity;
use crate::units::Units;
use track::Track;

pub use analysis::{Analysis, DistanceSource, Drift, ElapsedSource, Segment};

pub mod analysis;
pub mod distance;
pub mod drift;
pub mod elevation;
pub mod grade;
pub mod hr;
pub mod moving;
pub mod segment;
pub mod series;
pub mod speed_bins;
pub mod splits;
pub mod track;

#[cfg(test)]
mod tests;

/// Analyzes one activity; `None` only when it has no samples.
///
/// ```
/// use chrono::{Duration, TimeZone, Utc};
/// use runaudit::activity::{Activity, Format, Sample};
/// use runaudit::analyze::{analyze, DistanceSource};
/// use runaudit::units::Units;
/// // 2.5 km at 2.5 m/s, one sample every 10 s.
/// let t0 = Utc.timestamp_opt(0, 0).unwrap();
/// let mut a = Activity::new(Format::Fit);
/// for i in 0..=100 {
///     let mut s = Sample::at(t0 + Duration::seconds(10 * i));
///     s.distance_m = Some(25.0 * i as f64);
///     a.samples.push(s);
/// }
/// let r = analyze(&a, Units::Km).unwrap();
/// assert_eq!((r.elapsed_s, r.moving_s, r.distance_m), (1000.0, 1000.0, 2500.0));
/// assert_eq!(r.distance_source, DistanceSource::Device);
/// assert_eq!(r.splits.len(), 3);
/// assert_eq!(r.splits[0].pace_s_per_km, Some(400.0));
/// ```
pub fn analyze(activity: &Activity, units: Units) -> Option<Analysis> {
    let track = Track::build(activity)?;
    analyze_track(activity, &track, units)
}

/// [`analyze`] on a track already built from `activity` (so callers that also need the
/// per-sample arrays build them once).
pub fn analyze_track(activity: &Activity, track: &Track, units: Units) -> Option<Analysis> {
    let first = activity.samples.first()?;
    let whole = segment::totals(track, 0.0, track.end_s());
    let last = activity.samples.last().map_or(first.time, |s| s.time);
    let (elapsed_s, elapsed_source) = match activity.timer_span {
        Some(span) => (
            track::seconds_between(span.start, span.stop),
            ElapsedSource::Timer,
        ),
        None => (
            track::seconds_between(first.time, last).max(0.0),
            ElapsedSource::Records,
        ),
    };
    let grade_adjusted_m = track
        .grade_adjusted_m
        .as_ref()
        .and_then(|g| g.last().copied());
    Some(Analysis {
        start: first.time,
        elapsed_s,
        elapsed_source,
        moving_s: whole.moving_s,
        walking_s: whole.walking_s,
        distance_m: track.total_m(),
        grade_adjusted_distance_m: grade_adjusted_m,
        gap_s_per_km: grade_adjusted_m
            .and_then(|g| crate::units::average_pace_s_per_km(g, whole.moving_s)),
        distance_source: track.source,
        samples: activity.samples.len(),
        hr_samples: hr::hr_samples(&track.hr_bpm),
        hr_avg_bpm: whole.hr.mean(),
        hr_max_bpm: hr::hr_max(&track.hr_bpm),
        elevation_gain_m: track.elevation.as_ref().map(|e| e.gain_m),
        elevation_loss_m: track.elevation.as_ref().map(|e| e.loss_m),
        device_ascent_m: activity.summary.ascent_m,
        cadence_spm: whole.cadence.mean(),
        // Splits and laps are stretches of time: an untimed track has none.
        splits: if activity.untimed.is_some() {
            Vec::new()
        } else {
            splits::splits(track, units.split_m())
        },
        laps: if activity.untimed.is_some() {
            Vec::new()
        } else {
            splits::laps(track, &activity.laps, first.time)
        },
        drift: drift::drift(track),
    })
}
