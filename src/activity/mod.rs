//! The one normalized model of a recorded activity: every reader in `read/` produces it and every
//! algorithm in `analyze/` consumes it. Times are UTC; units are in the field names.

mod sport;
mod text;
mod warning;

use chrono::{DateTime, Utc};
use geo::{Distance, Haversine, Point};
use serde::Serialize;

pub use sport::{Sport, SubSport};
pub use text::{capped, Rpe, Text, TextSource, MAX_TEXT_CHARS};
pub use warning::{FramingBreak, Kept, Recorded, Resync, Warning};

/// The file format an activity was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Garmin/ANT FIT binary.
    Fit,
    /// GPS Exchange Format 1.0 or 1.1.
    Gpx,
    /// Garmin Training Center XML.
    Tcx,
    /// A workout of the iPhone Health app's export (`export.xml` with its route GPX).
    #[serde(rename = "apple_health")]
    AppleHealth,
}

impl Format {
    /// The lower-case name used in output (`fit`, `gpx`, `tcx`, `apple_health`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Fit => "fit",
            Format::Gpx => "gpx",
            Format::Tcx => "tcx",
            Format::AppleHealth => "apple_health",
        }
    }
}

/// A WGS84 position in decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Position {
    /// Latitude in degrees, -90..=90.
    pub lat_deg: f64,
    /// Longitude in degrees, -180..=180.
    pub lon_deg: f64,
}

/// One recorded sample (a FIT record, a GPX trkpt, a TCX Trackpoint).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sample {
    /// When the sample was recorded (UTC).
    pub time: DateTime<Utc>,
    /// GPS fix, if the sample has one.
    pub position: Option<Position>,
    /// Altitude above sea level in meters (enhanced altitude preferred in FIT).
    pub altitude_m: Option<f64>,
    /// The device's own cumulative distance in meters since the start of the activity.
    pub distance_m: Option<f64>,
    /// The device's instantaneous speed in meters per second.
    pub speed_m_s: Option<f64>,
    /// Heart rate in beats per minute; `None` for missing, 0 and 255 (dropout markers).
    pub hr_bpm: Option<u8>,
    /// Cadence in steps per minute counting both legs (FIT running cadence is per leg: doubled).
    pub cadence_spm: Option<f64>,
    /// Power in watts.
    pub power_w: Option<u16>,
    /// Temperature in degrees Celsius.
    pub temperature_c: Option<f64>,
}

impl Sample {
    /// A sample with only a time; readers fill in the rest.
    pub fn at(time: DateTime<Utc>) -> Sample {
        Sample {
            time,
            position: None,
            altitude_m: None,
            distance_m: None,
            speed_m_s: None,
            hr_bpm: None,
            cadence_spm: None,
            power_w: None,
            temperature_c: None,
        }
    }

    /// Fills this sample's missing fields from `other` (two records of one instant merged).
    pub fn fill_missing_from(&mut self, other: &Sample) {
        self.position = self.position.or(other.position);
        self.altitude_m = self.altitude_m.or(other.altitude_m);
        self.distance_m = self.distance_m.or(other.distance_m);
        self.speed_m_s = self.speed_m_s.or(other.speed_m_s);
        self.hr_bpm = self.hr_bpm.or(other.hr_bpm);
        self.cadence_spm = self.cadence_spm.or(other.cadence_spm);
        self.power_w = self.power_w.or(other.power_w);
        self.temperature_c = self.temperature_c.or(other.temperature_c);
    }
}

/// A device lap (FIT lap message, TCX `<Lap>`), with the totals the device wrote, if any.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Lap {
    /// Start of the lap (UTC).
    pub start: DateTime<Utc>,
    /// End of the lap (UTC): start plus the device's elapsed time, else the next lap's start,
    /// else the last sample's time.
    pub end: DateTime<Utc>,
    /// The device's total timer time for the lap in seconds (pauses excluded).
    pub timer_s: Option<f64>,
    /// The device's distance for the lap in meters.
    pub distance_m: Option<f64>,
    /// The device's average heart rate for the lap.
    pub avg_hr_bpm: Option<f64>,
    /// The device's maximum heart rate for the lap.
    pub max_hr_bpm: Option<u8>,
}

/// A stretch in which the device's timer was stopped (FIT stop/start events, a new GPX segment).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pause {
    /// When the timer stopped (UTC).
    pub start: DateTime<Utc>,
    /// When the timer started again (UTC).
    pub end: DateTime<Utc>,
}

/// The device timer's running span: its first start to its last stop (FIT timer events).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TimerSpan {
    /// The first timer start (UTC).
    pub start: DateTime<Utc>,
    /// The last timer stop (UTC).
    pub stop: DateTime<Utc>,
}

/// Where the altitude values came from, when the file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AltitudeSource {
    /// A barometric altimeter.
    Barometric,
    /// GPS altitude.
    Gps,
    /// The file does not say.
    Unknown,
}

/// The totals the device itself computed (FIT session, TCX laps summed), for comparison.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct DeviceSummary {
    /// The session's start time (UTC).
    pub start: Option<DateTime<Utc>>,
    /// Total elapsed time in seconds, pauses included.
    pub elapsed_s: Option<f64>,
    /// Total timer time in seconds, pauses excluded.
    pub timer_s: Option<f64>,
    /// Total distance in meters.
    pub distance_m: Option<f64>,
    /// Average heart rate.
    pub avg_hr_bpm: Option<f64>,
    /// Maximum heart rate.
    pub max_hr_bpm: Option<u8>,
    /// Total ascent in meters.
    pub ascent_m: Option<f64>,
    /// Total descent in meters.
    pub descent_m: Option<f64>,
}

/// One activity: a FIT session, a GPX file's tracks, a TCX `<Activity>`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activity {
    /// The format of the file it came from.
    pub format: Format,
    /// Index of this activity within its file (FIT session, TCX activity), from 0.
    pub session: usize,
    /// The sport the file names.
    pub sport: Sport,
    /// Where or how (treadmill, trail, track, ...), when the file or its export says.
    pub sub_sport: Option<SubSport>,
    /// The recording device, e.g. `garmin/fr110`, when the file names it.
    pub device: Option<String>,
    /// Samples in time order.
    pub samples: Vec<Sample>,
    /// Device laps in time order.
    pub laps: Vec<Lap>,
    /// Timer pauses the file recorded, in time order, not overlapping.
    pub pauses: Vec<Pause>,
    /// True when the file records the device timer's stops and starts (FIT timer events), so
    /// `pauses` is the whole truth about pauses; false when pauses must be inferred from gaps.
    pub timer_events: bool,
    /// The timer's first start to its last stop, when the file records both in that order.
    pub timer_span: Option<TimerSpan>,
    /// The device's own totals.
    pub summary: DeviceSummary,
    /// Where altitude came from.
    pub altitude_source: AltitudeSource,
    /// What the reader repaired or dropped; each serializes as its sentence.
    pub warnings: Vec<Warning>,
    /// The names, descriptions and notes the runner gave it, in the order they declare intent
    /// (the first that says something wins).
    pub texts: Vec<Text>,
    /// The runner's perceived effort, when the file or the export beside it records it.
    pub rpe: Option<Rpe>,
    /// The file's local time minus UTC, seconds (FIT `activity.local_timestamp`), when it says.
    pub utc_offset_s: Option<i32>,
    /// The maximum heart rate set on the watch, bpm (FIT `zones_target.max_heart_rate`, else
    /// `user_profile`'s default max running or max heart rate), when the file carries it.
    pub watch_max_hr_bpm: Option<u8>,
    /// `Some` when most of the file's points lie outside its timed ones (a GPX track without
    /// times, or with times on a few points at one end): every
    /// sample carries the one time the file has, the distance is the track's length, and the
    /// run's time and pace are unknown.
    pub untimed: Option<UntimedTrack>,
}

impl Activity {
    /// An empty activity of the given format; readers fill it in.
    pub fn new(format: Format) -> Activity {
        Activity {
            format,
            session: 0,
            sport: Sport::Unknown,
            sub_sport: None,
            device: None,
            samples: Vec::new(),
            laps: Vec::new(),
            pauses: Vec::new(),
            timer_events: false,
            timer_span: None,
            summary: DeviceSummary::default(),
            altitude_source: AltitudeSource::Unknown,
            warnings: Vec::new(),
            texts: Vec::new(),
            rpe: None,
            utc_offset_s: None,
            watch_max_hr_bpm: None,
            untimed: None,
        }
    }
}

/// A track read without times: where its segments start, so that its length never bridges two
/// (the jump from one `<trk>` or `<trkseg>` to the next is not run).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct UntimedTrack {
    /// Indices of the samples that start a new segment (the first sample's 0 left out),
    /// ascending.
    pub segment_starts: Vec<usize>,
}

/// The cumulative great-circle length along the samples' positions, meters (haversine on the
/// mean Earth radius, 6,371,008.8 m), never across a segment start (`segment_starts`,
/// ascending). Samples without a position hold the length so far.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use runaudit::activity::{track_length_m, Position, Sample};
/// let t0 = Utc.timestamp_opt(0, 0).unwrap();
/// let at = |lat_deg: f64| {
///     let mut s = Sample::at(t0);
///     s.position = Some(Position { lat_deg, lon_deg: 8.0 });
///     s
/// };
/// // 0.001° of latitude is 6,371,008.8 m × π / 180 / 1000 = 111.195 m; the second sample has
/// // no position.
/// let samples = [at(47.0), Sample::at(t0), at(47.001), at(47.002)];
/// let d = track_length_m(&samples, &[]);
/// assert_eq!(d[..2], [0.0, 0.0]);
/// assert!((d[2] - 111.195).abs() < 0.001 && (d[3] - 222.390).abs() < 0.001, "{d:?}");
/// // A new segment at the third sample: the jump to it is not counted.
/// let d = track_length_m(&samples, &[2]);
/// assert!(d[2] == 0.0 && (d[3] - 111.195).abs() < 0.001, "{d:?}");
/// ```
pub fn track_length_m(samples: &[Sample], segment_starts: &[usize]) -> Vec<f64> {
    let mut last: Option<Point<f64>> = None;
    let mut total_m = 0.0;
    samples
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if segment_starts.binary_search(&i).is_ok() {
                last = None;
            }
            let p = s
                .position
                .filter(|p| p.lat_deg.is_finite() && p.lon_deg.is_finite())
                .map(|p| Point::new(p.lon_deg, p.lat_deg));
            if let Some(p) = p {
                let d = last.map_or(0.0, |a| Haversine.distance(a, p));
                if d.is_finite() {
                    total_m += d;
                }
                last = Some(p);
            }
            total_m
        })
        .collect()
}
