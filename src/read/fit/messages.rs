//! What decoding one FIT file gives, as plain values: the records, and the few fields of the other
//! messages the mapper reads (file_id, session, lap, event, device_info, sport, workout,
//! activity). Both decoders (`fast/` and the fitparser adapter) fill these, so both paths meet in
//! one mapping layer.

use chrono::{DateTime, Utc};

use super::record::RecordMsg;
use crate::activity::{capped, Sport, SubSport};
use crate::error::Overflow;
use crate::read::budget;

/// What decoding one sanitized FIT file gave.
#[derive(Debug, Default)]
pub(crate) struct Decoded {
    /// What the mapper reads from the messages other than records.
    pub others: Others,
    /// The `record` messages, in file order, at most the room the caller gave.
    pub records: Vec<RecordMsg>,
    /// Records beyond that room, not kept (see `read::budget::MAX_SAMPLES`).
    pub dropped_records: usize,
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
#[derive(Debug, Clone, PartialEq, Default)]
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
    /// `sub_sport` (sessions only, field 6), from its profile name.
    pub sub_sport: Option<SubSport>,
    /// `sport_profile_name` (sessions only, field 110), see [`fit_text`].
    pub profile_name: Option<String>,
    /// `workout_rpe` (sessions only, field 193) as perceived effort 1–10, see [`rpe`].
    pub rpe: Option<f64>,
    /// `intensity` (laps only, field 23), its profile name (`active`, `rest`, ...) or number.
    pub intensity: Option<String>,
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
    /// The `name` (field 3) of the first `sport` message that gives one, see [`fit_text`].
    pub sport_name: Option<String>,
    /// The `sub_sport` (field 1) of the first `sport` message that gives one.
    pub sub_sport: Option<SubSport>,
    /// The `wkt_name` (field 8) of the first `workout` message that gives one.
    pub workout_name: Option<String>,
    /// The first plausible UTC offset an `activity` message gives, see [`utc_offset`].
    pub utc_offset_s: Option<i32>,
    /// `zones_target.max_heart_rate` (message 7, field 1), the first plausible one.
    pub zones_max_hr_bpm: Option<u8>,
    /// `user_profile.default_max_running_heart_rate` (message 3, field 9), else its
    /// `default_max_heart_rate` (field 11), the first plausible one.
    pub profile_max_hr_bpm: Option<u8>,
    /// The first list that went over the file's budget (`read::budget`): the file is refused.
    pub overflow: Option<Overflow>,
}

impl Decoded {
    /// Keeps a record while fewer than `room` are kept; counts it as dropped after that.
    pub fn push_record(&mut self, r: RecordMsg, room: usize) {
        if self.records.len() < room {
            self.records.push(r);
        } else {
            self.dropped_records = self.dropped_records.saturating_add(1);
        }
    }
}

impl Others {
    /// Keeps a session, or notes the overflow when the file already has the most allowed.
    pub fn push_session(&mut self, s: TotalsMsg) {
        push_within(
            &mut self.sessions,
            s,
            Overflow::Sessions,
            &mut self.overflow,
        );
    }

    /// Keeps a lap, or notes the overflow.
    pub fn push_lap(&mut self, l: TotalsMsg) {
        push_within(&mut self.laps, l, Overflow::Laps, &mut self.overflow);
    }

    /// Keeps a timer event, if any, or notes the overflow.
    pub fn push_timer(&mut self, t: Option<TimerEvent>) {
        if let Some(t) = t {
            push_within(
                &mut self.timers,
                t,
                Overflow::TimerEvents,
                &mut self.overflow,
            );
        }
    }
}

/// Pushes `item` while `list` is under the budget's limit for `what`; else notes the overflow.
fn push_within<T>(list: &mut Vec<T>, item: T, what: Overflow, overflow: &mut Option<Overflow>) {
    if list.len() < budget::limit(what) {
        list.push(item);
    } else {
        overflow.get_or_insert(what);
    }
}

/// A FIT string field's bytes as text: up to the first NUL, invalid UTF-8 replaced (a name cut
/// inside a character keeps its start), trimmed; `None` when nothing is left. fitparser drops a
/// string that is not valid UTF-8, so both decoders read these bytes themselves.
pub(crate) fn fit_text(bytes: &[u8]) -> Option<String> {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    let text = String::from_utf8_lossy(bytes.get(..end).unwrap_or_default());
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// `session.workout_rpe` as perceived effort: the profile stores the Borg CR10 value ×10, so
/// 10..=100 gives 1–10; 0 (not rated), the invalid 255 and anything else give `None`.
pub(crate) fn rpe(raw: f64) -> Option<f64> {
    (10.0..=100.0).contains(&raw).then_some(raw / 10.0)
}

/// Longest UTC offset kept, seconds (UTC+14:00, Kiribati).
const MAX_OFFSET_S: i64 = 14 * 3600;

/// An `activity` message's `local_timestamp` minus its `timestamp` (both FIT seconds) as the
/// file's UTC offset; `None` beyond ±14 h or off the quarter-hour grid time zones keep to (a
/// device clock set by hand, or a corrupt field).
pub(crate) fn utc_offset(local_s: i64, utc_s: i64) -> Option<i32> {
    let offset = local_s.checked_sub(utc_s)?;
    if offset.abs() <= MAX_OFFSET_S && offset % 900 == 0 {
        i32::try_from(offset).ok()
    } else {
        None
    }
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
    let name = match (maker, product) {
        (Some(m), Some(p)) => format!("{m}/{p}"),
        (Some(m), None) => m,
        (None, Some(p)) => p,
        (None, None) => return None,
    };
    capped(&name)
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

/// Lowest and highest max HR a watch setting is believed at, bpm (an unset field reads 0 or 255).
const WATCH_MAX_HR_BPM: (i64, i64) = (100, 240);

/// A watch's max-HR setting when plausible.
///
/// ```text
/// 185 → Some(185);  0 or 255 (unset) → None
/// ```
pub(crate) fn watch_max_hr(bpm: Option<i64>) -> Option<u8> {
    bpm.filter(|b| (WATCH_MAX_HR_BPM.0..=WATCH_MAX_HR_BPM.1).contains(b))
        .and_then(|b| u8::try_from(b).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_stop_at_the_first_nul_and_survive_bad_bytes() {
        assert_eq!(fit_text(b"Tempo 5k\0junk").as_deref(), Some("Tempo 5k"));
        // "Läufchen" cut inside the two-byte "ä" (0xC3 0xA4), then bytes that are no UTF-8.
        assert_eq!(fit_text(b"L\xC3").as_deref(), Some("L\u{FFFD}"));
        assert_eq!(
            fit_text(&[0xFF, 0xFE, b'x']).as_deref(),
            Some("\u{FFFD}\u{FFFD}x")
        );
        assert_eq!(fit_text(b"  \0Run"), None);
        assert_eq!(fit_text(b""), None);
    }

    #[test]
    fn rpe_is_stored_times_ten() {
        // 70 → 7.0; 0 is "not rated", 255 invalid, 5 (0.5) and 110 (11) are off the scale.
        assert_eq!(rpe(70.0), Some(7.0));
        assert_eq!(rpe(100.0), Some(10.0));
        for raw in [0.0, 5.0, 110.0, 255.0] {
            assert_eq!(rpe(raw), None, "{raw}");
        }
    }

    #[test]
    fn offsets_are_kept_on_the_quarter_hour_within_14_hours() {
        // +2 h = 7200 s; -3:30 = -12600 s; +5:45 (Nepal) = 20700 s; +14 h is the largest.
        assert_eq!(utc_offset(1_000_007_200, 1_000_000_000), Some(7200));
        assert_eq!(
            utc_offset(1_000_000_000 - 12_600, 1_000_000_000),
            Some(-12_600)
        );
        assert_eq!(utc_offset(20_700, 0), Some(20_700));
        assert_eq!(utc_offset(50_400, 0), Some(50_400));
        // 14 h 15 min, 7 seconds, and a local time of 0 (unset) against a real time.
        assert_eq!(utc_offset(51_300, 0), None);
        assert_eq!(utc_offset(7, 0), None);
        assert_eq!(utc_offset(0, 1_000_000_000), None);
    }
}
