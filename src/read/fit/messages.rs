//! What decoding one FIT file gives, as plain values: the records, and the few fields of the other
//! messages the mapper reads (file_id, session, lap, event, device_info, sport). Both decoders
//! (`fast/` and the fitparser adapter) fill these, so both paths meet in one mapping layer.

use chrono::{DateTime, Utc};

use super::record::RecordMsg;
use crate::activity::Sport;

/// What decoding one sanitized FIT file gave.
#[derive(Debug, Default)]
pub(crate) struct Decoded {
    /// What the mapper reads from the messages other than records.
    pub others: Others,
    /// The `record` messages, in file order.
    pub records: Vec<RecordMsg>,
    /// Data messages the decoder could not decode (skipped).
    pub undecodable: usize,
    /// Why the stream stopped early, if it did.
    pub stream_error: Option<String>,
}

/// A timer start or stop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TimerEvent {
    /// When it happened.
    pub time: DateTime<Utc>,
    /// True for a start, false for a stop.
    pub start: bool,
}

/// The fields of a `session` or `lap` message the mapper reads, scaled as the FIT profile says
/// (`None` for absent or invalid).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct TotalsMsg {
    /// `timestamp` (the end), UTC.
    pub timestamp: Option<DateTime<Utc>>,
    /// `start_time`, UTC.
    pub start_time: Option<DateTime<Utc>>,
    /// `total_elapsed_time` in seconds.
    pub elapsed_s: Option<f64>,
    /// `total_timer_time` in seconds.
    pub timer_s: Option<f64>,
    /// `total_distance` in meters.
    pub distance_m: Option<f64>,
    /// `avg_heart_rate` in bpm, as written.
    pub avg_hr_bpm: Option<f64>,
    /// `max_heart_rate` in bpm, as written.
    pub max_hr_bpm: Option<f64>,
    /// `total_ascent` in meters.
    pub ascent_m: Option<f64>,
    /// `total_descent` in meters.
    pub descent_m: Option<f64>,
    /// `sport` (sessions only), from its profile name.
    pub sport: Option<Sport>,
}

/// What the first `file_id` message says.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct FileIdMsg {
    /// The file type's profile name (`activity`, `settings`, ...) or number.
    pub file_type: Option<String>,
    /// `manufacturer/product` (see [`device_name`]).
    pub device: Option<String>,
}

/// Everything the mapper reads from one FIT file's messages other than records.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Others {
    /// The first `file_id` message.
    pub file_id: Option<FileIdMsg>,
    /// True when a `device_info` message describes a barometer.
    pub barometer: bool,
    /// `session` messages in file order.
    pub sessions: Vec<TotalsMsg>,
    /// `lap` messages in file order.
    pub laps: Vec<TotalsMsg>,
    /// Timer starts and stops from `event` messages, in file order.
    pub timers: Vec<TimerEvent>,
    /// The sport of the first `sport` message that gives one.
    pub sport: Option<Sport>,
}

/// The device name as `manufacturer/product`, product being the Garmin product name, else the
/// product name string, else the product number, whichever the file gives first.
pub(crate) fn device_name(
    maker: Option<String>,
    garmin_product: Option<String>,
    product_name: Option<String>,
    product: Option<String>,
) -> Option<String> {
    let product = garmin_product.or(product_name).or(product);
    match (maker, product) {
        (Some(m), Some(p)) => Some(format!("{m}/{p}")),
        (Some(m), None) => Some(m),
        (None, Some(p)) => Some(p),
        (None, None) => None,
    }
}

/// A timer start or stop from an `event` message (its `event` is `timer`, its `event_type` named);
/// other events give `None`.
pub(crate) fn timer_event(
    timer: bool,
    event_type: Option<&str>,
    time: Option<DateTime<Utc>>,
) -> Option<TimerEvent> {
    if !timer {
        return None;
    }
    let start = match event_type? {
        "start" => true,
        "stop" | "stop_all" | "stop_disable" | "stop_disable_all" => false,
        _ => return None,
    };
    Some(TimerEvent { time: time?, start })
}
