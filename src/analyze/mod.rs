//! What happened in a run: distance, moving time, splits, laps, elevation, heart rate, drift, as
//! DESIGN.md defines them. One algorithm a file; this module ties them together.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::activity::Activity;
use crate::units::Units;
use track::Track;

pub mod distance;
pub mod drift;
pub mod elevation;
pub mod hr;
pub mod moving;
pub mod segment;
pub mod series;
pub mod splits;
pub mod track;

#[cfg(test)]
mod tests;

/// Where the activity's distance came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DistanceSource {
    /// The device's cumulative distance (FIT record `distance`, TCX `DistanceMeters`).
    Device,
    /// Geodesic distance between GPS fixes, spikes dropped.
    Gps,
    /// Neither: no distance.
    None,
}

/// Figures for one stretch of a run: a split or a lap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// 1-based number of the split or lap.
    pub index: usize,
    /// Start of the stretch, seconds after the first sample.
    pub start_s: f64,
    /// End of the stretch, seconds after the first sample.
    pub end_s: f64,
    /// Distance covered, meters.
    pub distance_m: f64,
    /// Moving time, seconds (pauses and stops excluded, walking included).
    pub moving_s: f64,
    /// Moving pace, seconds per kilometer; `None` when no distance was covered.
    pub pace_s_per_km: Option<f64>,
    /// Time-weighted average heart rate over the moving time.
    pub hr_avg_bpm: Option<f64>,
    /// Maximum heart rate.
    pub hr_max_bpm: Option<u8>,
    /// Elevation gain, meters, after hysteresis.
    pub elevation_gain_m: Option<f64>,
    /// Elevation loss, meters, after hysteresis.
    pub elevation_loss_m: Option<f64>,
    /// Time-weighted average cadence, steps per minute.
    pub cadence_spm: Option<f64>,
    /// Share of moving time spent walking, 0..=1.
    pub walking_share: f64,
}

/// Aerobic decoupling: speed per heartbeat in the first vs the second half.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Drift {
    /// Computed: positive means HR rose relative to speed (the usual drift).
    Assessed {
        /// Decoupling in percent: (EF first half / EF second half − 1) · 100.
        decoupling_pct: f64,
    },
    /// Not computed, with the reason.
    NotAssessable {
        /// Why not (too short, too unsteady, no HR).
        reason: String,
    },
}

/// Everything measured on one activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// Time of the first sample (UTC).
    pub start: DateTime<Utc>,
    /// Last minus first sample time, seconds.
    pub elapsed_s: f64,
    /// Moving time, seconds.
    pub moving_s: f64,
    /// Time spent walking (moving, but slower than the walking threshold), seconds.
    pub walking_s: f64,
    /// Distance, meters.
    pub distance_m: f64,
    /// Where the distance came from.
    pub distance_source: DistanceSource,
    /// Number of samples.
    pub samples: usize,
    /// Samples with a heart rate.
    pub hr_samples: usize,
    /// Time-weighted average heart rate over moving time.
    pub hr_avg_bpm: Option<f64>,
    /// Maximum heart rate sample.
    pub hr_max_bpm: Option<u8>,
    /// Elevation gain, meters, after hysteresis.
    pub elevation_gain_m: Option<f64>,
    /// Elevation loss, meters, after hysteresis.
    pub elevation_loss_m: Option<f64>,
    /// Time-weighted average cadence over moving time, steps per minute.
    pub cadence_spm: Option<f64>,
    /// Splits every km or mile; the last one may be partial.
    pub splits: Vec<Segment>,
    /// The device's laps.
    pub laps: Vec<Segment>,
    /// Aerobic decoupling.
    pub drift: Drift,
}

impl Analysis {
    /// Average moving pace, s/km; `None` for a run too short to have one (see
    /// [`crate::units::average_pace_s_per_km`]).
    pub fn average_pace_s_per_km(&self) -> Option<f64> {
        crate::units::average_pace_s_per_km(self.distance_m, self.moving_s)
    }
}

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
    Some(Analysis {
        start: first.time,
        elapsed_s: track::seconds_between(first.time, last).max(0.0),
        moving_s: whole.moving_s,
        walking_s: whole.walking_s,
        distance_m: track.total_m(),
        distance_source: track.source,
        samples: activity.samples.len(),
        hr_samples: hr::hr_samples(&track.hr_bpm),
        hr_avg_bpm: whole.hr.mean(),
        hr_max_bpm: hr::hr_max(&track.hr_bpm),
        elevation_gain_m: track.elevation.as_ref().map(|e| e.gain_m),
        elevation_loss_m: track.elevation.as_ref().map(|e| e.loss_m),
        cadence_spm: whole.cadence.mean(),
        splits: splits::splits(track, units.split_m()),
        laps: splits::laps(track, &activity.laps, first.time),
        drift: drift::drift(track),
    })
}
