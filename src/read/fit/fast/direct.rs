//! The fast path's reader for the messages other than `record` that the mapper uses (file_id,
//! session, lap, event, device_info, sport, workout, activity) and for developer field
//! descriptions, straight from the bytes with fitparser's profile names and scales, so the fast
//! path needs no fitparser pass.

use std::collections::{HashMap, HashSet};

use fitparser::profile::field_types::{
    Event, EventType, LocalDeviceType, Manufacturer, SourceType,
};
use fitparser::profile::{get_field_variant_as_string, FieldDataType, MesgNum};
use fitparser::Value;

use crate::activity::{Sport, SubSport};
use crate::read::fit::messages::{
    device_name, fit_text, rpe, timer_event, utc_offset, watch_max_hr, FileIdMsg, Others,
    TimerEvent, TotalsMsg,
};
use crate::read::fit::time::fit_time;

/// FIT base type `string`.
const STRING: u8 = 0x07;

/// A message the fast path reads itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    FileId,
    Sport,
    Session,
    Lap,
    Event,
    DeviceInfo,
    FieldDescription,
    Workout,
    Activity,
    Zones,
    UserProfile,
}

/// Where one field the fast path reads lies in a data message (after its header byte).
#[derive(Debug, Clone, Copy)]
struct Field {
    num: u8,
    at: usize,
    size: u8,
    base_type: u8,
}

/// How the fast path reads the data messages of one definition that is not a `record`.
#[derive(Debug, Clone)]
pub(super) struct OtherDef {
    target: Target,
    fields: Vec<Field>,
}

/// The message the fast path reads for a global message number.
fn target(global: u16) -> Option<Target> {
    Some(match global {
        0 => Target::FileId,
        12 => Target::Sport,
        18 => Target::Session,
        19 => Target::Lap,
        21 => Target::Event,
        23 => Target::DeviceInfo,
        206 => Target::FieldDescription,
        26 => Target::Workout,
        34 => Target::Activity,
        7 => Target::Zones,
        3 => Target::UserProfile,
        _ => return None,
    })
}

/// The field numbers read of each message (see the profile in fitparser's `profile/decode.rs`).
fn wanted(target: Target, num: u8) -> bool {
    match target {
        Target::FileId => matches!(num, 0 | 1 | 2 | 8),
        Target::Sport => matches!(num, 0 | 1 | 3),
        Target::Session => {
            matches!(
                num,
                2 | 5 | 6 | 7 | 8 | 9 | 16 | 17 | 22 | 23 | 110 | 193 | 253
            )
        }
        Target::Lap => matches!(num, 2 | 7 | 8 | 9 | 15 | 16 | 21 | 22 | 23 | 253),
        Target::Event => matches!(num, 0 | 1 | 253),
        Target::DeviceInfo => matches!(num, 1 | 25),
        Target::FieldDescription => matches!(num, 0..=3 | 6..=8),
        Target::Workout => num == 8,
        Target::Activity => matches!(num, 5 | 253),
        Target::Zones => num == 1,
        Target::UserProfile => matches!(num, 9 | 11),
    }
}

/// The names the runner or the device gave (`sport.name`, `session.sport_profile_name`,
/// `workout.wkt_name`): read from the bytes when they are strings, of any other type ignored,
/// as the adapter does (see [`fit_text`]).
fn name_field(target: Target, num: u8) -> bool {
    matches!(
        (target, num),
        (Target::Sport, 3) | (Target::Session, 110) | (Target::Workout, 8)
    )
}

/// Size of an integer base type (masked with 0x9F); `None` for text, floating point, 64-bit and
/// unknown types.
fn int_size(base_type: u8) -> Option<u8> {
    match base_type {
        0x00 | 0x01 | 0x02 | 0x0A | 0x0D => Some(1),
        0x83 | 0x84 | 0x8B => Some(2),
        0x85 | 0x86 | 0x8C => Some(4),
        _ => None,
    }
}

/// Plans the reading of a definition's data messages; `Ok(None)` for messages the mapper does not
/// read. Fields are (number, size, base type masked with 0x9F, offset). Declines (`Err`) a read
/// field of a type fitparser would read differently: text where the profile has a number, a
/// number where it has text, a floating-point or 64-bit value, or (for a developer field
/// description) a type that makes fitparser reject every such message.
pub(super) fn plan(
    global: u16,
    fields: &[(u8, u8, u8, usize)],
) -> Result<Option<OtherDef>, &'static str> {
    let Some(target) = target(global) else {
        return Ok(None);
    };
    let mut def = OtherDef {
        target,
        fields: Vec::new(),
    };
    for &(num, size, base_type, at) in fields {
        if !wanted(target, num) {
            continue;
        }
        let text = matches!(
            (target, num),
            (Target::FileId, 8) | (Target::FieldDescription, 3 | 8)
        );
        let ok = if name_field(target, num) {
            true
        } else if text {
            base_type == STRING
        } else if target == Target::FieldDescription {
            description_field_ok(num, size, base_type)
        } else {
            int_size(base_type).is_some()
        };
        if !ok {
            return Err("a field the mapper reads has an unusual type");
        }
        if def.fields.iter().any(|f| f.num == num) {
            return Err("a field the mapper reads is defined twice");
        }
        def.fields.push(Field {
            num,
            at,
            size,
            base_type,
        });
    }
    Ok(Some(def))
}

/// A developer field description's field of a type fitparser accepts in every message:
/// `developer_data_index`, `field_definition_number` and `scale` as one `uint8`, `offset` as one
/// `sint8`, `fit_base_type_id` as one integer.
fn description_field_ok(num: u8, size: u8, base_type: u8) -> bool {
    match num {
        0 | 1 | 6 => (base_type, size) == (0x02, 1),
        7 => (base_type, size) == (0x01, 1),
        2 => int_size(base_type) == Some(size),
        _ => false,
    }
}

/// True when fitparser's profile converts a value of each of these text or floating-point fields
/// of a message (a text in an enum field, say, makes it reject the whole message). Asked once
/// per definition; 64-bit fields are not tried (their value decides) and count as rejected.
pub(super) fn profile_accepts(global: u16, risky: &[(u8, u8, u8)]) -> bool {
    let mut probe = HashMap::new();
    for &(num, size, base_type) in risky {
        let (one, width) = match base_type {
            STRING => (Value::String("x".to_string()), size),
            0x88 => (Value::Float32(1.0), 4),
            0x89 => (Value::Float64(1.0), 8),
            _ => return false,
        };
        let n = usize::from(size / width.max(1));
        let value = if n > 1 {
            Value::Array(vec![one; n])
        } else {
            one
        };
        probe.insert(num, value);
    }
    let mut accumulators = HashMap::new();
    MesgNum::from(global)
        .decode_message(&mut probe, &mut accumulators, &HashSet::new())
        .is_ok()
}

/// Reads one data message of a planned definition into `others`; a developer field description
/// fitparser would reject counts in `undecodable`.
pub(super) fn read(
    def: &OtherDef,
    body: &[u8],
    big: bool,
    others: &mut Others,
    undecodable: &mut usize,
) {
    let msg = Msg { def, body, big };
    match def.target {
        Target::FileId if others.file_id.is_none() => others.file_id = Some(file_id(&msg)),
        Target::Session => others.push_session(totals(&msg, Totals::SESSION)),
        Target::Lap => others.push_lap(totals(&msg, Totals::LAP)),
        Target::Event => others.push_timer(event(&msg)),
        Target::DeviceInfo => others.barometer |= barometer(&msg),
        Target::Sport => {
            if others.sport.is_none() {
                others.sport = msg.sport(0);
            }
            if others.sport_name.is_none() {
                others.sport_name = msg.name(3);
            }
            if others.sub_sport.is_none() {
                others.sub_sport = msg.sub_sport(1);
            }
        }
        Target::Workout if others.workout_name.is_none() => others.workout_name = msg.name(8),
        Target::Activity if others.utc_offset_s.is_none() => {
            others.utc_offset_s = msg
                .int(5)
                .zip(msg.int(253))
                .and_then(|(l, u)| utc_offset(l, u));
        }
        Target::Zones if others.zones_max_hr_bpm.is_none() => {
            others.zones_max_hr_bpm = watch_max_hr(msg.int(1));
        }
        Target::UserProfile if others.profile_max_hr_bpm.is_none() => {
            others.profile_max_hr_bpm = watch_max_hr(msg.int(9)).or(watch_max_hr(msg.int(11)));
        }
        Target::FieldDescription if !description_accepted(&msg) => *undecodable += 1,
        _ => {}
    }
}

/// One data message with its definition.
struct Msg<'a> {
    def: &'a OtherDef,
    body: &'a [u8],
    big: bool,
}

impl Msg<'_> {
    /// A single valid integer field, as fitparser keeps it (`None` when absent, invalid, or an
    /// array).
    fn int(&self, num: u8) -> Option<i64> {
        let f = self.def.fields.iter().find(|f| f.num == num)?;
        if int_size(f.base_type)? != f.size {
            return None;
        }
        let mut b: [u8; 4] = [0; 4];
        let bytes = self
            .body
            .get(f.at..f.at.checked_add(usize::from(f.size))?)?;
        let dst = b.get_mut(..bytes.len())?;
        dst.copy_from_slice(bytes);
        if self.big {
            dst.reverse();
        }
        let u = u32::from_le_bytes(b);
        match f.base_type {
            0x00 | 0x02 | 0x0D => (u != 0xFF).then_some(i64::from(u)),
            0x01 => (u != 0x7F).then_some(i64::from(u as u8 as i8)),
            0x84 => (u != 0xFFFF).then_some(i64::from(u)),
            0x83 => (u != 0x7FFF).then_some(i64::from(u as u16 as i16)),
            0x86 => (u != u32::MAX).then_some(i64::from(u)),
            0x85 => (u != 0x7FFF_FFFF).then_some(i64::from(u as i32)),
            _ => (u != 0).then_some(i64::from(u)),
        }
    }

    /// A numeric field divided by its profile scale.
    fn scaled(&self, num: u8, scale: f64) -> Option<f64> {
        self.int(num).map(|v| v as f64 / scale)
    }

    /// A `date_time` field as UTC.
    fn time(&self, num: u8) -> Option<chrono::DateTime<chrono::Utc>> {
        self.int(num).and_then(fit_time)
    }

    /// A `sport` enum field as the activity's sport, by its profile name.
    fn sport(&self, num: u8) -> Option<Sport> {
        self.int(num)
            .map(|v| Sport::from_name(&enum_text(FieldDataType::Sport, v)))
    }

    /// A `sub_sport` enum field, by its profile name.
    fn sub_sport(&self, num: u8) -> Option<SubSport> {
        self.int(num)
            .and_then(|v| SubSport::from_fit_name(&enum_text(FieldDataType::SubSport, v)))
    }

    /// A text field as fitparser keeps it: up to the first NUL, UTF-8 only, trimmed, not empty.
    fn text(&self, num: u8) -> Option<String> {
        let f = self.def.fields.iter().find(|f| f.num == num)?;
        let bytes = self
            .body
            .get(f.at..f.at.checked_add(usize::from(f.size))?)?;
        let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
        let s = std::str::from_utf8(bytes.get(..end)?).ok()?.trim();
        (!s.is_empty()).then(|| s.to_string())
    }

    /// A name field: a string's bytes as [`fit_text`] reads them; `None` for any other type.
    fn name(&self, num: u8) -> Option<String> {
        let f = self.def.fields.iter().find(|f| f.num == num)?;
        if f.base_type != STRING {
            return None;
        }
        fit_text(
            self.body
                .get(f.at..f.at.checked_add(usize::from(f.size))?)?,
        )
    }
}

/// The field numbers of a session's or a lap's totals (they differ from heart rate on).
struct Totals {
    avg_hr: u8,
    max_hr: u8,
    ascent: u8,
    descent: u8,
    sport: Option<u8>,
    sub_sport: Option<u8>,
    profile_name: Option<u8>,
    rpe: Option<u8>,
    intensity: Option<u8>,
}

impl Totals {
    const SESSION: Totals = Totals {
        avg_hr: 16,
        max_hr: 17,
        ascent: 22,
        descent: 23,
        sport: Some(5),
        sub_sport: Some(6),
        profile_name: Some(110),
        rpe: Some(193),
        intensity: None,
    };
    const LAP: Totals = Totals {
        avg_hr: 15,
        max_hr: 16,
        ascent: 21,
        descent: 22,
        sport: None,
        sub_sport: None,
        profile_name: None,
        rpe: None,
        intensity: Some(23),
    };
}

/// A session or a lap: times, `total_*_time` in ms (scale 1000), distance in cm (scale 100).
fn totals(m: &Msg, n: Totals) -> TotalsMsg {
    TotalsMsg {
        timestamp: m.time(253),
        start_time: m.time(2),
        elapsed_s: m.scaled(7, 1000.0),
        timer_s: m.scaled(8, 1000.0),
        distance_m: m.scaled(9, 100.0),
        avg_hr_bpm: m.scaled(n.avg_hr, 1.0),
        max_hr_bpm: m.scaled(n.max_hr, 1.0),
        ascent_m: m.scaled(n.ascent, 1.0),
        descent_m: m.scaled(n.descent, 1.0),
        sport: n.sport.and_then(|num| m.sport(num)),
        sub_sport: n.sub_sport.and_then(|num| m.sub_sport(num)),
        profile_name: n.profile_name.and_then(|num| m.name(num)),
        rpe: n.rpe.and_then(|num| m.scaled(num, 1.0)).and_then(rpe),
        intensity: n
            .intensity
            .and_then(|num| m.int(num))
            .map(|v| enum_text(FieldDataType::Intensity, v)),
    }
}

/// The file type and device of a `file_id`. Its `product` reads as `garmin_product` when the
/// manufacturer is Garmin, Dynastream (OEM) or Tacx, and as `favero_product` (not used) for
/// Favero, as fitparser's subfields do.
fn file_id(m: &Msg) -> FileIdMsg {
    let maker = m.int(1);
    let product = m.int(2);
    let garmin = [
        Manufacturer::Garmin,
        Manufacturer::Dynastream,
        Manufacturer::DynastreamOem,
        Manufacturer::Tacx,
    ]
    .iter()
    .any(|g| Some(g.as_i64()) == maker);
    let favero = maker == Some(Manufacturer::FaveroElectronics.as_i64());
    let garmin_product = product
        .filter(|_| garmin)
        .map(|v| enum_text(FieldDataType::GarminProduct, v));
    let plain_product = product
        .filter(|_| !garmin && !favero)
        .map(|v| v.to_string());
    FileIdMsg {
        file_type: m.int(0).map(|v| enum_text(FieldDataType::File, v)),
        device: device_name(
            maker.map(|v| enum_text(FieldDataType::Manufacturer, v)),
            garmin_product,
            m.text(8),
            plain_product,
        ),
    }
}

/// A timer start or stop from an `event` (event 0 is `timer`), with no text built.
fn event(m: &Msg) -> Option<TimerEvent> {
    let kinds = [
        (EventType::Start, "start"),
        (EventType::Stop, "stop"),
        (EventType::StopAll, "stop_all"),
        (EventType::StopDisable, "stop_disable"),
        (EventType::StopDisableAll, "stop_disable_all"),
    ];
    let raw = m.int(1);
    let event_type = kinds
        .iter()
        .find(|(k, _)| Some(k.as_i64()) == raw)
        .map(|(_, name)| *name);
    timer_event(
        m.int(0) == Some(Event::Timer.as_i64()),
        event_type,
        m.time(253),
    )
}

/// True for a `device_info` whose `device_type` reads as `local_device_type` (source type
/// `local`) `barometer`.
fn barometer(m: &Msg) -> bool {
    m.int(25) == Some(SourceType::Local.as_i64())
        && m.int(1) == Some(LocalDeviceType::Barometer.as_i64())
}

/// True when fitparser accepts a developer field description: `developer_data_index`,
/// `field_definition_number` and a named `fit_base_type_id` present and valid (the types of
/// the others were checked by [`plan`]).
fn description_accepted(m: &Msg) -> bool {
    m.int(0).is_some()
        && m.int(1).is_some()
        && m.int(2)
            .is_some_and(|v| FieldDataType::FitBaseType.is_named_variant(v))
}

/// An enum field's value as fitparser writes it: the profile name when the value has one, else
/// the number in decimal.
fn enum_text(kind: FieldDataType, value: i64) -> String {
    if kind.is_named_variant(value) {
        get_field_variant_as_string(kind, value)
    } else {
        value.to_string()
    }
}
