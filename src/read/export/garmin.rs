//! Garmin Connect's data export summary, `DI_CONNECT/DI-Connect-Fitness/*summarizedActivities.json`:
//! one object per activity with its name, type, start and totals, in Garmin's units (epoch
//! milliseconds, centimetres, milliseconds). One bad activity is a warning, not a lost file.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::warning::{quoted, Place, SidecarProblem, Tally};
use super::{ExportActivity, SidecarWarning, MAX_SIDECAR_BYTES};

/// The key of the activity list.
const LIST_KEY: &str = "summarizedActivitiesExport";

/// The keys of an activity this reader uses; the others are skipped while parsing, so a large
/// file costs memory for these only.
const USED_KEYS: &[&str] = &[
    "activityId",
    "name",
    "activityType",
    "description",
    "startTimeGmt",
    "distance",
    "duration",
    "elapsedDuration",
    "movingDuration",
];

/// Reads a `summarizedActivities.json` (`[{"summarizedActivitiesExport": [{...}, ...]}]`, or
/// the object without the outer list); `label` names the file in warnings. Returns the
/// activities it could read, in file order, and the problems found.
///
/// Per activity: `startTimeGmt` (epoch ms) is required, since Garmin activities are matched by
/// start time; `distance` is centimetres, `elapsedDuration`, `movingDuration` and `duration`
/// are milliseconds (`elapsed_s` is `elapsedDuration`, else `duration`, the timer time, which
/// equals it when the watch was never paused). `file` is always `None`: the FIT files of a
/// Garmin export are named by upload, not by `activityId`. A truncated file keeps the
/// activities before the cut.
///
/// ```
/// use runaudit::read::export::garmin::read_summarized_activities;
/// let json = r#"[{"summarizedActivitiesExport": [
///     {"activityId": 1, "name": "Easy", "activityType": "running",
///      "startTimeGmt": 1602081791000, "distance": 801250.0, "elapsedDuration": 2700000.0}]}]"#;
/// let (acts, warnings) = read_summarized_activities(json.as_bytes(), "summary.json");
/// assert!(warnings.is_empty());
/// assert_eq!(acts[0].distance_m, Some(8012.5)); // 801 250 cm
/// assert_eq!(acts[0].elapsed_s, Some(2700.0)); // 2 700 000 ms
/// ```
pub fn read_summarized_activities(
    bytes: &[u8],
    label: &str,
) -> (Vec<ExportActivity>, Vec<SidecarWarning>) {
    let mut tally = Tally::new(label);
    let activities = read(bytes, &mut tally);
    (activities, tally.finish())
}

/// The reading behind [`read_summarized_activities`], warnings into `tally`.
fn read(bytes: &[u8], tally: &mut Tally) -> Vec<ExportActivity> {
    if tally.refuses_size(bytes.len(), MAX_SIDECAR_BYTES) {
        return Vec::new();
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if body.trim_ascii().is_empty() {
        tally.push(Place::File, SidecarProblem::Empty);
        return Vec::new();
    }
    let mut found = Found::default();
    let mut de = serde_json::Deserializer::from_slice(body);
    let parsed = Top(&mut found).deserialize(&mut de).and_then(|()| de.end());
    let activities = found
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| activity(item.as_ref(), i + 1, tally))
        .collect();
    // After the activities' own warnings, so that the warnings are in file order.
    if let Err(e) = parsed {
        let read = found.items.len();
        let problem = if e.is_eof() {
            SidecarProblem::TruncatedJson { read }
        } else {
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let message = e.to_string();
            let message = message
                .strip_suffix(&suffix)
                .unwrap_or(&message)
                .to_string();
            SidecarProblem::BadJson { message, read }
        };
        tally.push(Place::Line(e.line() as u64), problem);
    } else if !found.list {
        tally.push(Place::File, SidecarProblem::NoActivityList);
    }
    activities
}

/// One list entry as an export activity, or `None` (with a warning) when it is not an object
/// or has no usable start.
fn activity(
    item: Option<&Map<String, Value>>,
    index: usize,
    tally: &mut Tally,
) -> Option<ExportActivity> {
    let Some(obj) = item else {
        let at = Place::Activity { index, id: None };
        tally.push(at, SidecarProblem::NotAnObject);
        return None;
    };
    let id = obj.get("activityId").and_then(id_text);
    let at = Place::Activity {
        index,
        id: id.clone(),
    };
    let fields = Fields { obj, at: &at };
    let Some(start) = fields.number("startTimeGmt", tally, epoch_ms) else {
        tally.push(at.clone(), SidecarProblem::NoStartTime);
        return None;
    };
    let elapsed_ms = fields
        .number("elapsedDuration", tally, non_negative)
        .or_else(|| fields.number("duration", tally, non_negative));
    Some(ExportActivity {
        id,
        file: None,
        start: Some(start),
        activity_type: obj.get("activityType").and_then(type_key),
        name: fields.text("name"),
        description: fields.text("description"),
        private_note: None,
        rpe: None,
        distance_m: fields
            .number("distance", tally, non_negative)
            .map(|cm| cm / 100.0),
        elapsed_s: elapsed_ms.map(|ms| ms / 1000.0),
        moving_s: fields
            .number("movingDuration", tally, non_negative)
            .map(|ms| ms / 1000.0),
    })
}

/// One activity object with where it is, for warnings.
struct Fields<'a> {
    /// The activity's keys and values.
    obj: &'a Map<String, Value>,
    /// The activity's place in the file.
    at: &'a Place,
}

impl Fields<'_> {
    /// A text value, trimmed; `None` when missing, not text, or empty.
    fn text(&self, key: &str) -> Option<String> {
        let text = self.obj.get(key)?.as_str()?.trim();
        (!text.is_empty()).then(|| text.to_string())
    }

    /// A number (or a number written as text) converted by `convert`; `None` when missing or
    /// null, with a warning when present but unusable.
    fn number<T>(
        &self,
        key: &str,
        tally: &mut Tally,
        convert: impl Fn(f64) -> Option<T>,
    ) -> Option<T> {
        let value = self.obj.get(key).filter(|v| !v.is_null())?;
        let number = match value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        };
        let converted = number.filter(|x| x.is_finite()).and_then(convert);
        if converted.is_none() {
            tally.push(
                self.at.clone(),
                SidecarProblem::BadValue {
                    column: key.to_string(),
                    value: quoted(&value.to_string()),
                },
            );
        }
        converted
    }
}

/// A value that is not negative.
fn non_negative(x: f64) -> Option<f64> {
    (x >= 0.0).then_some(x)
}

/// Epoch milliseconds as a UTC time, `None` out of range.
fn epoch_ms(ms: f64) -> Option<DateTime<Utc>> {
    // Beyond ±9e15 ms (±285 000 years) chrono has no date, and `as i64` would saturate.
    if ms.abs() >= 9.0e15 {
        return None;
    }
    DateTime::from_timestamp_millis(ms.round() as i64)
}

/// An `activityId` as text: a number without a fraction, or a string.
fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

/// An `activityType`: a string (`running`), or an object with a `typeKey` (as Garmin's API
/// writes it).
fn type_key(v: &Value) -> Option<String> {
    let text = match v {
        Value::String(s) => s.as_str(),
        Value::Object(o) => o.get("typeKey")?.as_str()?,
        _ => return None,
    };
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// What the streaming parse found: whether an activity list was seen, and its entries so far
/// (kept when the parse fails half-way, so a truncated file still yields its first activities).
#[derive(Default)]
struct Found {
    /// A `summarizedActivitiesExport` key was seen.
    list: bool,
    /// The list's entries with their [`USED_KEYS`], `None` for an entry that is not an object.
    items: Vec<Option<Map<String, Value>>>,
}

/// The whole document: a list of containers, or one container.
struct Top<'a>(&'a mut Found);

/// An object that may hold the activity list; anything else is skipped.
struct Container<'a>(&'a mut Found);

/// The activity list: each entry kept as it is parsed.
struct List<'a>(&'a mut Found);

/// One list entry: its [`USED_KEYS`], or `None` when it is not an object.
struct Entry;

impl<'de> DeserializeSeed<'de> for Top<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Top<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of objects or an object")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Container(&mut *self.0))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        Container(self.0).visit_map(map)
    }
}

impl<'de> DeserializeSeed<'de> for Container<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Container<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with a `{LIST_KEY}` list")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == LIST_KEY {
                self.0.list = true;
                map.next_value_seed(List(&mut *self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for List<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for List<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of activities")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element_seed(Entry)? {
            self.0.items.push(item);
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Entry {
    type Value = Option<Map<String, Value>>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Entry {
    type Value = Option<Map<String, Value>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an activity object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut used = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if USED_KEYS.contains(&key.as_str()) {
                let value = map.next_value::<Value>()?;
                used.insert(key, value);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(Some(used))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}
