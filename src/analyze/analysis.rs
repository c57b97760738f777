//! What an analysis reports: the figures of a whole run, of each split and lap, where the
//! distance came from, and the drift verdict. Plain serializable results; the algorithms that
//! fill them are the other files of `analyze`.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// Where the activity's distance came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DistanceSource {
    /// The device's cumulative distance (FIT record `distance`, TCX `DistanceMeters`).
    Device,
    /// Geodesic distance between GPS fixes, spikes dropped.
    Gps,
    /// The device's session total spread evenly over the moving time: the records carry no
    /// distance and no position (a treadmill run with the distance from the footpod or phone).
    Session,
    /// Neither: no distance.
    None,
}

/// What the elapsed time spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ElapsedSource {
    /// The device timer's first start to its last stop (FIT timer events): records before the
    /// start or after the stop do not count.
    Timer,
    /// The first sample to the last.
    Records,
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
    /// Elevation gain, meters (the run's rule, counted where it happened).
    pub elevation_gain_m: Option<f64>,
    /// Elevation loss, meters.
    pub elevation_loss_m: Option<f64>,
    /// Time-weighted average cadence, steps per minute.
    pub cadence_spm: Option<f64>,
    /// Share of moving time spent walking, 0..=1.
    pub walking_share: f64,
    /// Grade-adjusted distance, meters: each stretch weighted by what its grade costs (see
    /// [`crate::analyze::grade`]); `None` without altitude.
    pub grade_adjusted_distance_m: Option<f64>,
    /// Grade-adjusted pace, seconds per kilometer: moving time over the grade-adjusted distance.
    pub gap_s_per_km: Option<f64>,
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
    /// Elapsed time, seconds: the timer's first start to its last stop when the file records
    /// them, else the first sample to the last.
    pub elapsed_s: f64,
    /// What `elapsed_s` spans.
    pub elapsed_source: ElapsedSource,
    /// Moving time, seconds.
    pub moving_s: f64,
    /// Time spent walking (moving, but slower than the walking threshold), seconds.
    pub walking_s: f64,
    /// Distance, meters.
    pub distance_m: f64,
    /// Grade-adjusted distance, meters (see [`crate::analyze::grade`]); `None` without altitude.
    pub grade_adjusted_distance_m: Option<f64>,
    /// Grade-adjusted average pace, seconds per kilometer; `None` without altitude or where
    /// there is no average pace.
    pub gap_s_per_km: Option<f64>,
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
    /// Elevation gain, meters: spikes removed, smoothed, hysteresis from the trace's own noise.
    pub elevation_gain_m: Option<f64>,
    /// Elevation loss, meters, by the same rule.
    pub elevation_loss_m: Option<f64>,
    /// The device's own total ascent (FIT `session.total_ascent`), meters, shown beside ours as
    /// a check; watches without a barometer sum GPS noise into it.
    pub device_ascent_m: Option<f64>,
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
