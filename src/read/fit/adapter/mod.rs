//! The fitparser adapter: runs fitparser's streaming decoder over one sanitized FIT file (see
//! `walk/`) and turns its named values into the plain messages the mapper reads, with UTC times.
//! It is the fallback when the fast path declines and the fast path's oracle in tests. The names
//! (string fields) it reads from the bytes itself, since fitparser drops a string that is not
//! valid UTF-8 (`adapter/texts.rs`).

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};
use fitparser::de::{DecodeOption, FitDataMessage, FitObject, FitStreamProcessor};
use fitparser::profile::MesgNum;
use fitparser::{FitDataField, Value};

use super::messages::{
    device_name, rpe, timer_event, utc_offset, watch_max_hr, Decoded, FileIdMsg, Others, TotalsMsg,
};
use super::record::{CompressedDistance, RecordMsg};
use super::time::FIT_EPOCH_UNIX_S;
use crate::activity::{Sport, SubSport};
use crate::error::ReadError;
use texts::{Names, RawTexts};

mod texts;

/// The kinds of FIT message the mapper reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `file_id`: file type and creator.
    FileId,
    /// `record`: one sample.
    Record,
    /// `lap`.
    Lap,
    /// `session`: one activity within the file.
    Session,
    /// `event`: timer starts and stops among others.
    Event,
    /// `device_info`: sensors, including a barometer.
    DeviceInfo,
    /// `sport`: the sport when no session says it, and its name.
    Sport,
    /// `workout`: the name of the workout followed.
    Workout,
    /// `zones_target`: the max HR set on the watch.
    ZonesTarget,
    /// `user_profile`: the default max HR set on the watch.
    UserProfile,
    /// `activity`: the local time offset.
    Activity,
}

/// One decoded message of a kind the mapper uses.
#[derive(Debug, Clone)]
struct Message {
    /// What kind of message it is.
    pub kind: Kind,
    /// Its fields as fitparser decoded them (profile names, scaled values).
    pub fields: Vec<FitDataField>,
    /// Its string fields, read from the bytes.
    pub names: Names,
}

impl Message {
    /// The value of the named field, if present and valid.
    pub fn value(&self, name: &str) -> Option<&Value> {
        self.fields
            .iter()
            .find(|f| f.name() == name)
            .map(|f| f.value())
            .filter(|v| !matches!(v, Value::Invalid))
    }

    /// A numeric field as f64 (scale and offset already applied); `None` when absent or not a
    /// single finite number.
    pub fn num(&self, name: &str) -> Option<f64> {
        let v = self.value(name)?;
        let x: f64 = match v {
            Value::Timestamp(_) | Value::String(_) | Value::Array(_) | Value::Invalid => {
                return None
            }
            other => other.clone().try_into().ok()?,
        };
        x.is_finite().then_some(x)
    }

    /// A time field converted to UTC at once.
    pub fn time(&self, name: &str) -> Option<DateTime<Utc>> {
        match self.value(name)? {
            Value::Timestamp(t) => Some(t.with_timezone(&Utc)),
            _ => None,
        }
    }

    /// A `local_date_time` field as FIT seconds. fitparser counts it from the FIT epoch taken
    /// as this machine's local time; the same epoch is subtracted again here.
    pub fn local_fit_s(&self, name: &str) -> Option<i64> {
        let Value::Timestamp(t) = self.value(name)? else {
            return None;
        };
        let epoch = NaiveDate::from_ymd_opt(1989, 12, 31)?.and_hms_opt(0, 0, 0)?;
        let epoch = Local.from_local_datetime(&epoch).single()?;
        Some(t.signed_duration_since(epoch).num_seconds())
    }

    /// A `date_time` field as FIT seconds.
    pub fn fit_s(&self, name: &str) -> Option<i64> {
        self.time(name)
            .map(|t| t.timestamp().saturating_sub(FIT_EPOCH_UNIX_S))
    }

    /// A field as text: strings and named enums as written, numbers in decimal.
    pub fn text(&self, name: &str) -> Option<String> {
        match self.value(name)? {
            Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Value::Timestamp(_) | Value::Array(_) | Value::Invalid => None,
            other => self.num(name).map(|_| other.to_string()),
        }
    }
}

/// Decodes a sanitized FIT file, keeping at most `room` records, catching any panic in the
/// decoder.
pub(crate) fn decode(copy: &[u8], room: usize) -> Result<Decoded, ReadError> {
    catch_unwind(AssertUnwindSafe(|| decode_unguarded(copy, room))).map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        ReadError::Panic(format!("FIT decoder: {what}"))
    })
}

/// The decoding loop proper.
fn decode_unguarded(copy: &[u8], room: usize) -> Decoded {
    let mut processor = FitStreamProcessor::new();
    processor.add_option(DecodeOption::SkipHeaderCrcValidation);
    processor.add_option(DecodeOption::SkipDataCrcValidation);
    let mut out = Decoded::default();
    let mut distance = CompressedDistance::default();
    let mut raw = RawTexts::default();
    let mut input = copy;
    while !input.is_empty() {
        let (rest, object) = match processor.deserialize_next(input) {
            Ok(next) => next,
            Err(e) => {
                out.stream_error = Some(e.to_string());
                break;
            }
        };
        let bytes = input
            .get(..input.len().saturating_sub(rest.len()))
            .unwrap_or_default();
        input = rest;
        match object {
            FitObject::DataMessage(mut msg) => {
                let names = raw.names(bytes);
                drop_shadowed(&mut msg);
                let compressed = compressed_distance(&mut distance, &msg);
                match processor.decode_message(msg) {
                    Ok(decoded) => {
                        let Some(kind) = kind_of(decoded.kind()) else {
                            continue;
                        };
                        let message = Message {
                            kind,
                            fields: decoded.into_vec(),
                            names,
                        };
                        if kind == Kind::Record {
                            let mut r = record(&message);
                            if compressed.is_some() {
                                r.distance_m = compressed;
                            }
                            out.push_record(r, room);
                        } else {
                            push_other(&mut out.others, &message);
                        }
                    }
                    Err(_) => out.undecodable += 1,
                }
            }
            FitObject::Crc(_) => break,
            FitObject::DefinitionMessage(_) => raw.define(bytes),
            FitObject::Header(_) => {}
        }
    }
    out
}

/// Reads the fields of a record decoded by fitparser.
fn record(m: &Message) -> RecordMsg {
    RecordMsg {
        timestamp: m.time("timestamp"),
        lat_semicircles: m.num("position_lat"),
        lon_semicircles: m.num("position_long"),
        altitude_m: m.num("enhanced_altitude").or_else(|| m.num("altitude")),
        distance_m: m.num("distance"),
        speed_m_s: m.num("enhanced_speed").or_else(|| m.num("speed")),
        hr_bpm: m.num("heart_rate"),
        cadence_rpm: m.num("cadence"),
        fractional_cadence_rpm: m.num("fractional_cadence"),
        power_w: m.num("power"),
        temperature_c: m.num("temperature"),
    }
}

/// Adds one message other than a record, decoded by fitparser, to what the mapper reads.
fn push_other(others: &mut Others, m: &Message) {
    match m.kind {
        Kind::FileId if others.file_id.is_none() => {
            others.file_id = Some(FileIdMsg {
                file_type: m.text("type"),
                device: device_name(
                    m.text("manufacturer"),
                    m.text("garmin_product"),
                    m.text("product_name"),
                    m.text("product"),
                ),
            });
        }
        Kind::Session => others.push_session(totals(m)),
        Kind::Lap => others.push_lap(totals(m)),
        Kind::Event => others.push_timer(timer_event(
            m.text("event").as_deref() == Some("timer"),
            m.text("event_type").as_deref(),
            m.time("timestamp"),
        )),
        Kind::DeviceInfo => {
            others.barometer |= ["local_device_type", "device_type"]
                .iter()
                .any(|name| m.text(name).as_deref() == Some("barometer"));
        }
        Kind::Sport => {
            if others.sport.is_none() {
                others.sport = m.text("sport").map(|n| Sport::from_name(&n));
            }
            if others.sport_name.is_none() {
                others.sport_name = m.names.get(3);
            }
            if others.sub_sport.is_none() {
                others.sub_sport = m
                    .text("sub_sport")
                    .and_then(|n| SubSport::from_fit_name(&n));
            }
        }
        Kind::Workout if others.workout_name.is_none() => others.workout_name = m.names.get(8),
        Kind::ZonesTarget if others.zones_max_hr_bpm.is_none() => {
            others.zones_max_hr_bpm = watch_max_hr(m.num("max_heart_rate").map(|v| v as i64));
        }
        Kind::UserProfile if others.profile_max_hr_bpm.is_none() => {
            let max = |name| watch_max_hr(m.num(name).map(|v| v as i64));
            others.profile_max_hr_bpm =
                max("default_max_running_heart_rate").or(max("default_max_heart_rate"));
        }
        Kind::Activity if others.utc_offset_s.is_none() => {
            others.utc_offset_s = m
                .local_fit_s("local_timestamp")
                .zip(m.fit_s("timestamp"))
                .and_then(|(l, u)| utc_offset(l, u));
        }
        _ => {}
    }
}

/// A session's or lap's fields from fitparser's names.
fn totals(m: &Message) -> TotalsMsg {
    let session = m.kind == Kind::Session;
    TotalsMsg {
        timestamp: m.time("timestamp"),
        start_time: m.time("start_time"),
        elapsed_s: m.num("total_elapsed_time"),
        timer_s: m.num("total_timer_time"),
        distance_m: m.num("total_distance"),
        avg_hr_bpm: m.num("avg_heart_rate"),
        max_hr_bpm: m.num("max_heart_rate"),
        ascent_m: m.num("total_ascent"),
        descent_m: m.num("total_descent"),
        sport: session
            .then(|| m.text("sport"))
            .flatten()
            .map(|n| Sport::from_name(&n)),
        sub_sport: session
            .then(|| m.text("sub_sport"))
            .flatten()
            .and_then(|n| SubSport::from_fit_name(&n)),
        profile_name: session.then(|| m.names.get(110)).flatten(),
        rpe: session
            .then(|| m.num("workout_rpe"))
            .flatten()
            .and_then(rpe),
        intensity: (!session).then(|| m.text("intensity")).flatten(),
    }
}

/// Global message number of `record`, and the field number of its `compressed_speed_distance`.
const RECORD_MESG: u16 = 20;
const COMPRESSED_SPEED_DISTANCE_FIELD: u8 = 8;

/// Drops the record fields whose value fitparser would expand into a name another field of the
/// same record also gives (`altitude` and `enhanced_altitude`, say): which of the two it keeps
/// depends on hash order, so one file could read differently from run to run. Valid enhanced
/// fields win over the plain ones, and a valid `compressed_speed_distance` over every speed and
/// distance field (the fast path in `fast/` applies the same order).
fn drop_shadowed(msg: &mut FitDataMessage) {
    if msg.global_message_number() != RECORD_MESG {
        return;
    }
    let fields = msg.fields_mut();
    let shadowed: &[(u8, &[u8])] = &[(78, &[2]), (73, &[6]), (8, &[5, 6, 73])];
    for (winner, losers) in shadowed {
        if fields.contains_key(winner) {
            for loser in *losers {
                fields.remove(loser);
            }
        }
    }
}

/// Accumulates the record's compressed distance, if it has one; returns the distance in meters.
fn compressed_distance(acc: &mut CompressedDistance, msg: &FitDataMessage) -> Option<f64> {
    if msg.global_message_number() != RECORD_MESG {
        return None;
    }
    let Value::Array(bytes) = msg.fields().get(&COMPRESSED_SPEED_DISTANCE_FIELD)? else {
        return None;
    };
    let byte = |i: usize| match bytes.get(i) {
        Some(Value::Byte(b)) => Some(u32::from(*b)),
        _ => None,
    };
    let packed = byte(0)? | (byte(1)? << 8) | (byte(2)? << 16);
    Some(acc.add(packed))
}

/// The [`Kind`] of a global message number, for the ones the mapper uses.
fn kind_of(num: MesgNum) -> Option<Kind> {
    match num {
        MesgNum::FileId => Some(Kind::FileId),
        MesgNum::Record => Some(Kind::Record),
        MesgNum::Lap => Some(Kind::Lap),
        MesgNum::Session => Some(Kind::Session),
        MesgNum::Event => Some(Kind::Event),
        MesgNum::DeviceInfo => Some(Kind::DeviceInfo),
        MesgNum::Sport => Some(Kind::Sport),
        MesgNum::Workout => Some(Kind::Workout),
        MesgNum::Activity => Some(Kind::Activity),
        MesgNum::ZonesTarget => Some(Kind::ZonesTarget),
        MesgNum::UserProfile => Some(Kind::UserProfile),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::fit::testfit::{definition, fit_file};
    use chrono::{Local, TimeZone};

    #[test]
    fn compressed_distance_rolls_over_like_the_sdk() {
        // Three records whose 12-bit distance counters read 4000, 4095 and 20 (1/16 m units).
        // SDK accumulation: 4000, +95 = 4095, +(20 - 4095) mod 4096 = +21 -> 4116.
        // In meters: 250, 255.9375, 257.25. (fitparser alone would sum 4000+4095+20.)
        let mut data = definition(0, 20, &[(8, 3, 0x0D)]);
        for counter in [4000u32, 4095, 20] {
            let packed = counter << 12 | 300; // speed 3.00 m/s in the low 12 bits
            data.push(0x00);
            data.extend_from_slice(&packed.to_le_bytes()[..3]);
        }
        let file = fit_file(&data);
        let decoded = match decode(&file, crate::read::budget::MAX_SAMPLES) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        let meters: Vec<Option<f64>> = decoded.records.iter().map(|r| r.distance_m).collect();
        assert_eq!(meters, vec![Some(250.0), Some(255.9375), Some(257.25)]);
    }

    #[test]
    fn enhanced_fields_win_whatever_the_hash_order() {
        // A record with speed 2000 (2.0 m/s) and enhanced_speed 3000 (3.0 m/s), decoded 20 times:
        // fitparser alone keeps either at random; the reader always reads 3.0.
        let mut data = definition(0, 20, &[(6, 2, 0x84), (73, 4, 0x86)]);
        data.push(0x00);
        data.extend_from_slice(&2000u16.to_le_bytes());
        data.extend_from_slice(&3000u32.to_le_bytes());
        let file = fit_file(&data);
        for _ in 0..20 {
            let speed = decode(&file, crate::read::budget::MAX_SAMPLES)
                .ok()
                .and_then(|d| d.records.first().and_then(|r| r.speed_m_s));
            assert_eq!(speed, Some(3.0));
        }
    }

    fn field(name: &str, value: Value) -> FitDataField {
        FitDataField::new(name.to_string(), 0, None, value, String::new())
    }

    #[test]
    fn a_record_reads_its_fields_by_profile_name() {
        // Times are converted to UTC at once; enhanced_altitude (12.5 m) wins over altitude
        // (10 m); 0 heart rate is kept as written (the samples and the repair deal with it).
        let t = Local.timestamp_opt(1_600_000_000, 0).single();
        let mut fields = vec![
            field("position_lat", Value::SInt32(1 << 30)),
            field("heart_rate", Value::UInt8(0)),
            field("fractional_cadence", Value::Float64(0.5)),
            field("altitude", Value::Float64(10.0)),
            field("enhanced_altitude", Value::Float64(12.5)),
        ];
        fields.extend(t.map(|t| field("timestamp", Value::Timestamp(t))));
        let r = record(&Message {
            kind: Kind::Record,
            fields,
            names: Names::default(),
        });
        assert_eq!(r.timestamp.map(|t| t.timestamp()), Some(1_600_000_000));
        assert_eq!(r.lat_semicircles, Some(1_073_741_824.0));
        assert_eq!(r.lon_semicircles, None);
        assert_eq!(r.hr_bpm, Some(0.0));
        assert_eq!(r.fractional_cadence_rpm, Some(0.5));
        assert_eq!(r.altitude_m, Some(12.5));
    }
}
