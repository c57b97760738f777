//! The fast FIT path: reads the `record` messages of a sanitized copy (see `walk/`) straight
//! from the bytes with no allocation per message, and the few other messages the mapper uses
//! through `direct.rs`, so it gives exactly what the full decoder gives without calling it.

mod direct;

use super::messages::Decoded;
use super::record::{CompressedDistance, RecordMsg};
use super::time::fit_time;
use direct::OtherDef;

/// Global message number of `record`.
const RECORD: u16 = 20;
/// Size of the sanitized copy's header.
const HEADER_LEN: usize = 14;

/// A record field the fast path reads, with the base type and size the FIT profile gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    Lat,
    Lon,
    Altitude,
    HeartRate,
    Cadence,
    Distance,
    Speed,
    Power,
    CompressedSpeedDistance,
    Temperature,
    FractionalCadence,
    EnhancedSpeed,
    EnhancedAltitude,
}

/// The record field number's use, base type (masked with 0x9F, as fitparser reads it) and size.
fn record_field(num: u8) -> Option<(Use, u8, u8)> {
    Some(match num {
        0 => (Use::Lat, 0x85, 4),
        1 => (Use::Lon, 0x85, 4),
        2 => (Use::Altitude, 0x84, 2),
        3 => (Use::HeartRate, 0x02, 1),
        4 => (Use::Cadence, 0x02, 1),
        5 => (Use::Distance, 0x86, 4),
        6 => (Use::Speed, 0x84, 2),
        7 => (Use::Power, 0x84, 2),
        8 => (Use::CompressedSpeedDistance, 0x0D, 3),
        13 => (Use::Temperature, 0x01, 1),
        53 => (Use::FractionalCadence, 0x02, 1),
        73 => (Use::EnhancedSpeed, 0x86, 4),
        78 => (Use::EnhancedAltitude, 0x86, 4),
        _ => return None,
    })
}

/// Base types whose values fitparser may fail to convert (text, floating point) or turn into a
/// time that overflows (64-bit): a record holding one, or another message holding one that
/// fitparser's profile may reject (see `direct::profile_accepts`), makes the fast path decline.
fn risky(base_type: u8) -> bool {
    matches!(base_type, 0x07 | 0x88 | 0x89 | 0x8E | 0x8F | 0x90)
}

/// Record fields that the profile itself types as `float32` with no scale (`grit`, `flow`, as
/// mountain-bike Garmins write them): fitparser passes their values through unconverted.
fn float_by_profile(num: u8, base_type: u8) -> bool {
    matches!((num, base_type), (114 | 115, 0x88))
}

/// Where a record field the fast path reads lies in a data message (after its header byte).
#[derive(Debug, Clone, Copy)]
struct Slot {
    at: usize,
    what: Use,
}

/// A definition as the fast path uses it.
#[derive(Debug, Default)]
struct Def {
    /// A `record` definition (its messages are decoded here).
    record: bool,
    /// How to read it when it is another message the mapper uses (see `direct.rs`).
    other: Option<OtherDef>,
    /// Big-endian fields.
    big: bool,
    /// Bytes of fields in each data message.
    len: usize,
    /// Offset of a `uint32` timestamp (field 253), if defined.
    timestamp_at: Option<usize>,
    /// The record fields read here.
    slots: Vec<Slot>,
}

/// Decodes a sanitized FIT file the fast way, without fitparser: records here, file_id, session,
/// lap, event, device_info, sport and developer field descriptions in `direct.rs`, every other
/// message skipped by its size. `Err` names what it does not handle; the caller then decodes the
/// whole file with fitparser. It declines when:
/// - a `record` field it reads has another base type or size than the profile's, or a record
///   field number appears twice;
/// - a record holds a text, floating-point or 64-bit field (fitparser may reject it), other
///   than the profile's own `float32` fields `grit` and `flow`;
/// - another message holds a 64-bit field, or a text or floating-point field that fitparser's
///   profile does not convert (a text in an enum field, say: fitparser would reject the message);
/// - a field the mapper reads of another message is not an integer (a text for `product_name`),
///   or a developer field description's `developer_data_index`, `field_definition_number`,
///   `fit_base_type_id`, `scale` or `offset` has another type than the profile's;
/// - any message's `timestamp` (253) is not a single `uint32`, or appears twice;
/// - a message other than a record has a compressed-timestamp header;
/// - a data message has no definition or is cut short.
///
/// It keeps at most `room` records and counts the rest as dropped.
pub(crate) fn decode(copy: &[u8], room: usize) -> Result<Decoded, &'static str> {
    let data_size = copy
        .get(4..8)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or("no header")?;
    let data_end = HEADER_LEN.saturating_add(usize::try_from(data_size).unwrap_or(usize::MAX));
    let data = copy.get(HEADER_LEN..data_end).ok_or("data size")?;
    let mut defs: [Option<Def>; 16] = Default::default();
    let mut state = State::default();
    let mut out = Decoded::default();
    let mut i = 0usize;
    while let Some(&h) = data.get(i) {
        if h & 0x80 == 0 && h & 0x40 != 0 {
            let (def, len) = definition(data.get(i..).unwrap_or_default())?;
            if def.record {
                let fit = data.len().saturating_sub(i) / def.len.saturating_add(1);
                let left = room.saturating_sub(out.records.len());
                out.records.reserve(fit.min(left));
            }
            if let Some(slot) = defs.get_mut(usize::from(h & 0x0F)) {
                *slot = Some(def);
            }
            i = i.saturating_add(len);
            continue;
        }
        let compressed = h & 0x80 != 0;
        let local = if compressed {
            (h >> 5) & 0x03
        } else {
            h & 0x0F
        };
        let def = defs
            .get(usize::from(local))
            .and_then(Option::as_ref)
            .ok_or("a data message without definition")?;
        let end = i.saturating_add(1).saturating_add(def.len);
        let msg = data.get(i..end).ok_or("a message cut short")?;
        let body = msg.get(1..).unwrap_or_default();
        let native = def
            .timestamp_at
            .and_then(|at| u32_at(body, at, def.big))
            .filter(|&t| t != u32::MAX);
        if let Some(t) = native {
            state.base_s = i64::from(t);
        }
        if def.record {
            let mut time_s = native.map(i64::from);
            if compressed {
                let t = state.advance(h & 0x1F);
                time_s = time_s.or(Some(t));
            }
            if out.records.len() < room {
                let mut r = state.record(body, def);
                r.timestamp = time_s.and_then(fit_time);
                out.push_record(r, room);
            } else {
                // Over the budget: counted, not decoded.
                out.dropped_records = out.dropped_records.saturating_add(1);
            }
        } else if compressed {
            return Err("a compressed timestamp on a message other than a record");
        } else if let Some(other) = &def.other {
            direct::read(other, body, def.big, &mut out.others, &mut out.undecodable);
        }
        i = end;
    }
    Ok(out)
}

/// What carries over from one message to the next: the last full timestamp (for compressed
/// headers) and the compressed distance counter.
#[derive(Debug, Default)]
struct State {
    base_s: i64,
    distance: CompressedDistance,
}

impl State {
    /// The time of a compressed-timestamp header with a 5-bit offset, as the FIT SDK (and
    /// fitparser) compute it from the last timestamp: same upper bits, plus 32 when the offset
    /// rolled over. It becomes the new base.
    fn advance(&mut self, offset: u8) -> i64 {
        let offset = i64::from(offset);
        let mut t = offset.saturating_add(self.base_s & !31);
        if offset < (self.base_s & 31) {
            t = t.saturating_add(32);
        }
        self.base_s = t;
        t
    }

    /// The fields of one record message (without its timestamp). Where two fields give the same
    /// value, the same one wins as in the fitparser path (`adapter::drop_shadowed`): a valid
    /// enhanced field over the plain one, a valid `compressed_speed_distance` over both.
    fn record(&mut self, body: &[u8], def: &Def) -> RecordMsg {
        let mut r = RecordMsg::default();
        let big = def.big;
        let (mut plain_altitude, mut plain_speed, mut compressed) = (None, None, None);
        for slot in &def.slots {
            let at = slot.at;
            match slot.what {
                Use::Lat => r.lat_semicircles = i32_at(body, at, big),
                Use::Lon => r.lon_semicircles = i32_at(body, at, big),
                Use::Altitude => plain_altitude = u16_at(body, at, big).map(altitude),
                Use::EnhancedAltitude => {
                    r.altitude_m = scaled_u32(body, at, big, 1.0).map(altitude)
                }
                Use::HeartRate => r.hr_bpm = u8_at(body, at),
                Use::Cadence => r.cadence_rpm = u8_at(body, at),
                Use::Distance => r.distance_m = scaled_u32(body, at, big, 100.0),
                Use::Speed => plain_speed = u16_at(body, at, big).map(|v| v / 1000.0),
                Use::EnhancedSpeed => r.speed_m_s = scaled_u32(body, at, big, 1000.0),
                Use::Power => r.power_w = u16_at(body, at, big),
                Use::Temperature => r.temperature_c = i8_at(body, at),
                Use::FractionalCadence => {
                    r.fractional_cadence_rpm = u8_at(body, at).map(|v| v / 128.0)
                }
                Use::CompressedSpeedDistance => compressed = packed24(body, at),
            }
        }
        r.altitude_m = r.altitude_m.or(plain_altitude);
        r.speed_m_s = r.speed_m_s.or(plain_speed);
        if let Some(packed) = compressed {
            r.speed_m_s = Some(f64::from(packed & 0x0FFF) / 100.0);
            r.distance_m = Some(self.distance.add(packed));
        }
        r
    }
}

/// `enhanced_altitude` from its raw value: scale 5, offset 500.
fn altitude(raw: f64) -> f64 {
    raw / 5.0 - 500.0
}

/// Reads a definition message at the start of `bytes`; returns it and its length.
fn definition(bytes: &[u8]) -> Result<(Def, usize), &'static str> {
    let cut = "a definition cut short";
    let big = *bytes.get(2).ok_or(cut)? == 1;
    let g = [*bytes.get(3).ok_or(cut)?, *bytes.get(4).ok_or(cut)?];
    let global = if big {
        u16::from_be_bytes(g)
    } else {
        u16::from_le_bytes(g)
    };
    let n = usize::from(*bytes.get(5).ok_or(cut)?);
    let len = 6usize.saturating_add(n.saturating_mul(3));
    let fields = bytes.get(6..len).ok_or(cut)?;
    let mut def = Def {
        record: global == RECORD,
        big,
        ..Def::default()
    };
    let mut seen = [false; 256];
    let mut at = 0usize;
    let mut planned = Vec::new();
    let mut risky_fields = Vec::new();
    for f in fields.chunks_exact(3) {
        let (num, size, base_type) = (f[0], f[1], f[2] & 0x9F);
        if std::mem::replace(&mut seen[usize::from(num)], true) && (def.record || num == 253) {
            return Err("a field defined twice");
        }
        if num == 253 {
            if (base_type, size) != (0x86, 4) {
                return Err("a timestamp that is not a uint32");
            }
            def.timestamp_at = Some(at);
            planned.push((num, size, base_type, at));
        } else if def.record {
            match record_field(num) {
                Some((what, bt, sz)) if (bt, sz) == (base_type, size) => {
                    def.slots.push(Slot { at, what })
                }
                Some(_) => return Err("a record field of an unusual type or size"),
                None if risky(base_type) && !float_by_profile(num, base_type) => {
                    return Err("a record field of a risky type")
                }
                None => {}
            }
        } else {
            planned.push((num, size, base_type, at));
            if risky(base_type) {
                risky_fields.push((num, size, base_type));
            }
        }
        at = at.saturating_add(usize::from(size));
    }
    if !risky_fields.is_empty() && !direct::profile_accepts(global, &risky_fields) {
        return Err("a text, floating-point or 64-bit field fitparser's profile may reject");
    }
    def.other = direct::plan(global, &planned)?;
    def.len = at;
    Ok((def, len))
}

/// `N` bytes at `at`, in little-endian order.
fn le_bytes<const N: usize>(body: &[u8], at: usize, big: bool) -> Option<[u8; N]> {
    let mut b: [u8; N] = body.get(at..at.checked_add(N)?)?.try_into().ok()?;
    if big {
        b.reverse();
    }
    Some(b)
}

/// A `uint8` (invalid 0xFF → `None`) as f64.
fn u8_at(body: &[u8], at: usize) -> Option<f64> {
    body.get(at)
        .filter(|&&v| v != u8::MAX)
        .map(|&v| f64::from(v))
}

/// A `sint8` (invalid 0x7F → `None`) as f64.
fn i8_at(body: &[u8], at: usize) -> Option<f64> {
    body.get(at)
        .map(|&v| i8::from_le_bytes([v]))
        .filter(|&v| v != i8::MAX)
        .map(f64::from)
}

/// A `uint16` (invalid 0xFFFF → `None`) as f64.
fn u16_at(body: &[u8], at: usize, big: bool) -> Option<f64> {
    le_bytes::<2>(body, at, big)
        .map(u16::from_le_bytes)
        .filter(|&v| v != u16::MAX)
        .map(f64::from)
}

/// A raw `uint32`, invalid or not.
fn u32_at(body: &[u8], at: usize, big: bool) -> Option<u32> {
    le_bytes::<4>(body, at, big).map(u32::from_le_bytes)
}

/// A `uint32` (invalid 0xFFFFFFFF → `None`) divided by its scale.
fn scaled_u32(body: &[u8], at: usize, big: bool, scale: f64) -> Option<f64> {
    u32_at(body, at, big)
        .filter(|&v| v != u32::MAX)
        .map(|v| f64::from(v) / scale)
}

/// A `sint32` (invalid 0x7FFFFFFF → `None`) as f64.
fn i32_at(body: &[u8], at: usize, big: bool) -> Option<f64> {
    le_bytes::<4>(body, at, big)
        .map(i32::from_le_bytes)
        .filter(|&v| v != i32::MAX)
        .map(f64::from)
}

/// Three bytes packed little-endian (byte arrays have no byte order); `None` when all three are
/// 0xFF (an invalid byte array).
fn packed24(body: &[u8], at: usize) -> Option<u32> {
    let b = body.get(at..at.checked_add(3)?)?;
    if b.iter().all(|&x| x == 0xFF) {
        return None;
    }
    Some(b.iter().rev().fold(0u32, |acc, &x| acc << 8 | u32::from(x)))
}

#[cfg(test)]
mod tests;
