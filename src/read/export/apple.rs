//! The iPhone Health export's `export.xml`, read as a stream in two passes of constant memory:
//! the first (here) keeps the workouts (few, small) and their events, statistics and metadata;
//! the second ([`super::apple_join`]) only the records inside some workout's window.

use std::io::BufRead;

use chrono::{DateTime, Duration, Utc};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::activity::MAX_TEXT_CHARS;
use crate::read::budget::MAX_LAPS;
use crate::read::xml::parse_time;

use super::apple_stream::clean;
use super::{Place, SidecarProblem, SidecarWarning};

/// Workouts kept from one export (ten a day for 27 years); the rest are named in one warning.
pub const MAX_WORKOUTS: usize = 100_000;

/// Longest activity type kept, characters (real ones are under 40).
const MAX_NAME_CHARS: usize = 60;

/// Longest route path kept, characters (real ones are under 60).
const MAX_PATH_CHARS: usize = 300;

/// Distinct `sourceName`s told apart when joining heart rate; later ones share one slot.
const MAX_SOURCES: usize = 255;

/// What a workout event marks, of those that matter for moving time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// The runner paused the workout, or the watch did (auto-pause: `motionPaused`).
    Pause,
    /// The workout resumed (`resume`, `motionResumed`).
    Resume,
}

/// One heart-rate reading joined to a workout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// Milliseconds from the workout's start.
    pub at_ms: i32,
    /// Beats per minute.
    pub bpm: u8,
    /// The reading's source (the export's `sourceName`s numbered in the order first seen).
    pub source: u8,
}

/// One record over a span joined to a workout: steps taken, or meters covered, between two
/// instants.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// Milliseconds from the workout's start to the record's start.
    pub from_ms: i32,
    /// Milliseconds from the workout's start to the record's end.
    pub to_ms: i32,
    /// Steps, or meters.
    pub value: f32,
    /// The record's source, numbered like [`Reading::source`].
    pub source: u8,
}

/// One `<Workout>` of the export, with what the second pass joined to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Workout {
    /// Its position among the export's workouts, from 1.
    pub number: usize,
    /// The activity type without `HKWorkoutActivityType` (`Running`, `Cycling`, ...).
    pub activity_type: String,
    /// Its `sourceName`, numbered like the readings' sources.
    pub source: u8,
    /// The device's hardware name (`Watch6,1`), when the `device` attribute gives one.
    pub hardware: Option<String>,
    /// Start (UTC).
    pub start: DateTime<Utc>,
    /// End (UTC).
    pub end: DateTime<Utc>,
    /// The UTC offset written in its start date, seconds: the offset in force when the export
    /// was made, not necessarily when the workout was.
    pub written_offset_s: i32,
    /// `duration` in seconds (the time the workout ran, pauses excluded).
    pub duration_s: Option<f64>,
    /// Distance in meters from its statistics (iOS 16+) or `totalDistance` (older exports).
    pub distance_m: Option<f64>,
    /// Average heart rate from its statistics.
    pub avg_hr_bpm: Option<f64>,
    /// Maximum heart rate from its statistics.
    pub max_hr_bpm: Option<f64>,
    /// `HKElevationAscended`, meters.
    pub ascent_m: Option<f64>,
    /// `HKIndoorWorkout` is 1.
    pub indoor: bool,
    /// `HKTimeZone` (`Europe/Berlin`), when written.
    pub time_zone: Option<String>,
    /// The name an app gave it (`HKWorkoutBrandName`), when written.
    pub name: Option<String>,
    /// Pause and resume events in file order.
    pub events: Vec<(DateTime<Utc>, EventKind)>,
    /// The route's `FileReference` path (`/workout-routes/route_….gpx`).
    pub route: Option<String>,
    /// Heart-rate readings inside its window, one source, sorted by time (second pass).
    pub heart_rate: Vec<Reading>,
    /// Step counts inside its window, one source, sorted by time (second pass): the cadence.
    pub steps: Vec<Span>,
    /// Distance records (`DistanceWalkingRunning`, ...) inside its window in meters, one
    /// source, sorted by time (second pass): the watch's odometer.
    pub distance: Vec<Span>,
    /// The runner's effort rating 1–10 (`HKQuantityTypeIdentifierWorkoutEffortScore`), when
    /// rated (second pass).
    pub effort: Option<f64>,
}

impl Workout {
    /// A workout of the given span with nothing else known yet.
    pub fn new(number: usize, start: DateTime<Utc>, end: DateTime<Utc>) -> Workout {
        Workout {
            number,
            activity_type: String::new(),
            source: 0,
            hardware: None,
            start,
            end,
            written_offset_s: 0,
            duration_s: None,
            distance_m: None,
            avg_hr_bpm: None,
            max_hr_bpm: None,
            ascent_m: None,
            indoor: false,
            time_zone: None,
            name: None,
            events: Vec::new(),
            route: None,
            heart_rate: Vec::new(),
            steps: Vec::new(),
            distance: Vec::new(),
            effort: None,
        }
    }
}

/// The export's `sourceName`s, numbered in the order first seen (raw attribute bytes, so a name
/// compares equal however it is escaped, as long as the export escapes it the same way).
#[derive(Debug, Default)]
pub struct Sources(Vec<String>);

impl Sources {
    /// The number of `name`, given one if it is new and there is room; else the shared slot.
    pub(super) fn number(&mut self, name: &str) -> u8 {
        if let Some(i) = self.0.iter().position(|n| n == name) {
            return u8::try_from(i).unwrap_or(u8::MAX);
        }
        if self.0.len() < MAX_SOURCES {
            self.0.push(name.to_string());
            return u8::try_from(self.0.len() - 1).unwrap_or(u8::MAX);
        }
        u8::MAX
    }

    /// The number of `name` if it has one.
    pub(super) fn find(&self, name: &str) -> Option<u8> {
        self.0
            .iter()
            .position(|n| n == name)
            .map(|i| u8::try_from(i).unwrap_or(u8::MAX))
    }
}

/// Parses an export date, `2023-01-02 07:15:00 +0100` (the ISO forms are taken too): the instant
/// and the offset written.
///
/// ```
/// use runaudit::read::export::apple::parse_date;
/// let (t, offset) = parse_date("2023-01-02 07:15:00 +0100").unwrap();
/// assert_eq!((t.to_rfc3339(), offset), ("2023-01-02T06:15:00+00:00".to_string(), 3600));
/// ```
pub fn parse_date(text: &str) -> Option<(DateTime<Utc>, i32)> {
    let s = text.trim().as_bytes();
    // Joins the date and its zone when a space parts them, in a buffer on the stack.
    let mut buf = [0u8; 40];
    let mut n = 0;
    for (i, &b) in s.iter().enumerate() {
        if i == 19 && b == b' ' {
            continue;
        }
        *buf.get_mut(n)? = b;
        n += 1;
    }
    let joined = std::str::from_utf8(buf.get(..n)?).ok()?;
    let (time, _) = parse_time(joined)?;
    let offset = written_offset(joined.get(19..).unwrap_or_default());
    Some((time, offset))
}

/// The offset in a zone suffix (`+0100`, `-05:00`, `Z`), seconds east of UTC; 0 when none.
fn written_offset(zone: &str) -> i32 {
    let digits: String = zone.chars().filter(char::is_ascii_digit).collect();
    let (h, m) = (
        digits.get(..2).and_then(|d| d.parse::<i32>().ok()),
        digits.get(2..4).and_then(|d| d.parse::<i32>().ok()),
    );
    let value = h.unwrap_or(0) * 3600 + m.unwrap_or(0) * 60;
    if zone.starts_with('-') {
        -value
    } else {
        value
    }
}

/// A distance in `unit` (`km`, `mi`, `m`, `ft`, `yd`), in meters; `None` for other units.
pub(super) fn meters(value: f64, unit: &str) -> Option<f64> {
    let factor = match unit.trim() {
        "km" => 1000.0,
        "m" => 1.0,
        "mi" => 1609.344,
        "ft" => 0.3048,
        "yd" => 0.9144,
        "cm" => 0.01,
        _ => return None,
    };
    Some(value * factor).filter(|m| m.is_finite() && *m >= 0.0)
}

/// A duration in `unit` (`min`, `s`, `hr`), in seconds.
fn seconds(value: f64, unit: &str) -> Option<f64> {
    let factor = match unit.trim() {
        "min" => 60.0,
        "s" | "sec" => 1.0,
        "hr" | "h" => 3600.0,
        _ => return None,
    };
    Some(value * factor).filter(|s| s.is_finite() && *s >= 0.0)
}

/// A measurement written with its unit in one value (`6725 cm`), in meters.
fn meters_with_unit(text: &str) -> Option<f64> {
    let (value, unit) = text.trim().split_once(' ')?;
    meters(value.parse().ok()?, unit)
}

/// Every attribute of an element as raw (still escaped) bytes, in one pass.
fn attributes(e: &BytesStart<'_>) -> Vec<(String, String)> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .map(|a| (a.key.0.to_string(), a.value.into_owned()))
        .collect()
}

/// An attribute value as text with entity references resolved.
fn text(raw: &str) -> String {
    quick_xml::escape::unescape(raw).map_or_else(|_| raw.to_string(), |u| u.into_owned())
}

/// A number written in an attribute.
pub(super) fn number(raw: &str) -> Option<f64> {
    raw.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// What the first pass found.
#[derive(Debug, Default)]
pub struct FirstPass {
    /// The workouts in file order.
    pub workouts: Vec<Workout>,
    /// The source names seen on workouts.
    pub sources: Sources,
    /// Problems with the file: they cost only the workouts after them.
    pub warnings: Vec<SidecarWarning>,
}

/// The first pass: every `<Workout>` with its metadata, events, statistics and route reference.
/// A broken file keeps the workouts before the break, with a warning.
pub fn read_workouts<R: BufRead>(input: R, label: &str) -> FirstPass {
    let mut out = FirstPass::default();
    let warn = |at: Place, problem: SidecarProblem| SidecarWarning {
        label: label.to_string(),
        at,
        problem,
        more: 0,
    };
    let input = match clean(input) {
        Ok(i) => i,
        Err(e) => {
            out.warnings.push(warn(
                Place::File,
                SidecarProblem::BadXml {
                    message: e.to_string(),
                    at_byte: 0,
                    read: 0,
                },
            ));
            return out;
        }
    };
    let mut reader = Reader::from_reader(input);
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut current: Option<Workout> = None;
    let mut in_route = false;
    let mut seen = 0usize;
    loop {
        let event = reader.read_event_into(&mut buf);
        match event {
            Ok(Event::Start(ref e)) | Ok(Event::Empty(ref e)) => {
                let empty = matches!(event, Ok(Event::Empty(_)));
                match e.local_name().as_ref() {
                    "Workout" => {
                        seen += 1;
                        current = start_workout(e, seen, &mut out.sources);
                        if empty {
                            finish_workout(&mut current, &mut out);
                        }
                    }
                    "WorkoutRoute" => in_route = !empty,
                    name => {
                        if let Some(w) = current.as_mut() {
                            workout_child(w, name, e, in_route);
                        }
                    }
                }
            }
            Ok(Event::End(ref e)) => match e.local_name().as_ref() {
                "Workout" => finish_workout(&mut current, &mut out),
                "WorkoutRoute" => in_route = false,
                _ => {}
            },
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                out.warnings.push(warn(
                    Place::File,
                    SidecarProblem::BadXml {
                        message: e.to_string(),
                        at_byte: reader.error_position(),
                        read: out.workouts.len(),
                    },
                ));
                break;
            }
        }
        buf.clear();
    }
    if seen > MAX_WORKOUTS {
        out.warnings.push(warn(
            Place::File,
            SidecarProblem::OverBudget {
                what: "workouts",
                limit: MAX_WORKOUTS,
            },
        ));
    }
    out
}

/// A workout from its start tag; `None` (skipped) without usable start and end dates.
fn start_workout(e: &BytesStart<'_>, position: usize, sources: &mut Sources) -> Option<Workout> {
    let (mut start, mut end) = (None, None);
    let (mut kind, mut source, mut hardware) = (String::new(), 0u8, None);
    let (mut duration, mut duration_unit) = (None, String::from("min"));
    let (mut total, mut total_unit) = (None, String::from("km"));
    for (key, value) in attributes(e) {
        match key.as_str() {
            "workoutActivityType" => {
                let t = text(&value);
                kind = t
                    .strip_prefix("HKWorkoutActivityType")
                    .unwrap_or(&t)
                    .chars()
                    .take(MAX_NAME_CHARS)
                    .collect();
            }
            "sourceName" => source = sources.number(&value),
            "device" => hardware = device_hardware(&text(&value)),
            "startDate" => start = parse_date(&value),
            "endDate" => end = parse_date(&value),
            "duration" => duration = number(&value),
            "durationUnit" => duration_unit = text(&value),
            "totalDistance" => total = number(&value),
            "totalDistanceUnit" => total_unit = text(&value),
            _ => {}
        }
    }
    let ((start, offset), (end, _)) = (start?, end?);
    let mut w = Workout::new(position, start, end.max(start));
    w.activity_type = kind;
    w.source = source;
    w.hardware = hardware;
    w.written_offset_s = offset;
    w.duration_s = duration.and_then(|d| seconds(d, &duration_unit));
    w.distance_m = total
        .and_then(|d| meters(d, &total_unit))
        .filter(|d| *d > 0.0);
    Some(w)
}

/// The `hardware:` part of a `device` attribute (`<<HKDevice: 0x…>, name:Apple Watch, …,
/// hardware:Watch6,1, software:9.0>`).
fn device_hardware(device: &str) -> Option<String> {
    let rest = device.split_once("hardware:")?.1;
    let end = rest.find(", software").or_else(|| rest.find('>'));
    let hw = rest.get(..end.unwrap_or(rest.len()))?.trim();
    (!hw.is_empty()).then(|| hw.chars().take(40).collect())
}

/// Reads one element inside a workout.
fn workout_child(w: &mut Workout, name: &str, e: &BytesStart<'_>, in_route: bool) {
    let attrs = attributes(e);
    let get = |key: &str| {
        attrs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    };
    match name {
        "MetadataEntry" if !in_route => {
            let (Some(key), Some(value)) = (get("key"), get("value")) else {
                return;
            };
            let value = text(value);
            match key {
                "HKIndoorWorkout" => w.indoor = value.trim() == "1",
                "HKTimeZone" => {
                    w.time_zone = Some(value.trim().chars().take(MAX_NAME_CHARS).collect())
                }
                "HKElevationAscended" => w.ascent_m = meters_with_unit(&value),
                "HKWorkoutBrandName" => {
                    w.name = Some(value.trim().chars().take(MAX_TEXT_CHARS).collect())
                }
                _ => {}
            }
        }
        "WorkoutEvent" => {
            let kind = match get("type") {
                Some("HKWorkoutEventTypePause" | "HKWorkoutEventTypeMotionPaused") => {
                    EventKind::Pause
                }
                Some("HKWorkoutEventTypeResume" | "HKWorkoutEventTypeMotionResumed") => {
                    EventKind::Resume
                }
                _ => return,
            };
            let date = get("date").and_then(parse_date);
            if let Some((at, _)) = date {
                if w.events.len() < MAX_LAPS {
                    w.events.push((at, kind));
                }
            }
        }
        "WorkoutStatistics" => {
            let kind = get("type").map(text).unwrap_or_default();
            let unit = get("unit").map(text).unwrap_or_default();
            if kind == "HKQuantityTypeIdentifierHeartRate" {
                w.avg_hr_bpm = get("average").and_then(number);
                w.max_hr_bpm = get("maximum").and_then(number);
            } else if kind.starts_with("HKQuantityTypeIdentifierDistance") {
                if let Some(d) = get("sum")
                    .and_then(number)
                    .and_then(|v| meters(v, &unit))
                    .filter(|d| *d > 0.0)
                {
                    w.distance_m = Some(d);
                }
            }
        }
        "FileReference" if in_route => {
            if let Some(path) = get("path") {
                w.route = Some(text(path).chars().take(MAX_PATH_CHARS).collect());
            }
        }
        _ => {}
    }
}

/// Keeps the workout being read, within [`MAX_WORKOUTS`].
fn finish_workout(current: &mut Option<Workout>, out: &mut FirstPass) {
    if let Some(w) = current.take() {
        if out.workouts.len() < MAX_WORKOUTS {
            out.workouts.push(w);
        }
    }
}

/// The time of a reading.
pub fn reading_time(w: &Workout, r: &Reading) -> DateTime<Utc> {
    w.start + Duration::milliseconds(i64::from(r.at_ms))
}
