//! One Apple Health workout as an [`Activity`]: the route's positions and altitude (or, without
//! a route, the heart-rate readings' instants with the workout's distance spread over them), the
//! heart rate, step cadence and the watch's distance records joined by time, pauses from its
//! events, its sport, time zone, name and effort.

use chrono::{DateTime, Offset, TimeZone, Utc};
use geo::{Distance, Haversine, Point};

use crate::activity::{
    Activity, DeviceSummary, Format, Pause, Rpe, Sample, Sport, SubSport, Text, TextSource,
    TimerSpan, Warning,
};
use crate::read::gpx;

use super::apple::{reading_time, EventKind, Reading, Workout};

/// Farthest a heart-rate reading may be from a route point and still give it its heart rate,
/// seconds: the watch writes one about every 5 s during a workout; a longer gap is a dropout.
pub const MAX_HR_GAP_S: i64 = 15;

/// Largest share by which the watch's distance (the workout's statistics) may differ from the
/// route's length and still be spread along the route: beyond it the route is incomplete or
/// the statistics are another measure, and the route's length stands.
pub const MAX_ROUTE_SCALE: f64 = 0.05;

/// The route of a workout, as the caller found it.
#[derive(Debug)]
pub enum Route<'a> {
    /// The workout has no route (indoor, or recorded without GPS).
    None,
    /// The route file's bytes.
    Bytes {
        /// The path `export.xml` gives.
        path: &'a str,
        /// The file's content.
        bytes: &'a [u8],
    },
    /// The export names a route file it does not hold.
    Missing(&'a str),
    /// The route file could not be read.
    Unreadable {
        /// The path `export.xml` gives.
        path: &'a str,
        /// Why.
        reason: String,
    },
}

/// The sport of an Apple workout activity type (`Running`, `Walking`, `Cycling`, ...): the
/// few told apart, every other type [`Sport::Other`] (listed, not judged).
///
/// ```
/// use runaudit::activity::Sport;
/// use runaudit::read::export::apple_workout::sport;
/// assert_eq!(sport("Running"), Sport::Running);
/// assert_eq!(sport("Hiking"), Sport::Hiking);
/// assert_eq!(sport("HandCycling"), Sport::Cycling);
/// assert_eq!(sport("WheelchairRunPace"), Sport::Other);
/// assert_eq!(sport("Other"), Sport::Other);
/// ```
pub fn sport(activity_type: &str) -> Sport {
    match activity_type {
        "Running" => Sport::Running,
        "Walking" => Sport::Walking,
        "Hiking" => Sport::Hiking,
        "Cycling" | "HandCycling" => Sport::Cycling,
        "Swimming" => Sport::Swimming,
        _ => Sport::Other,
    }
}

/// The workout as an activity (not yet repaired: the caller runs the readers' common checks).
pub fn activity(w: &Workout, route: Route<'_>) -> Activity {
    let mut a = Activity::new(Format::AppleHealth);
    a.sport = sport(&w.activity_type);
    let indoor = match a.sport {
        Sport::Running | Sport::Walking => SubSport::Treadmill,
        _ => SubSport::Indoor,
    };
    a.sub_sport = w.indoor.then_some(indoor);
    a.device = Some(match &w.hardware {
        Some(hw) => format!("apple/{hw}"),
        None => "apple/health".to_string(),
    });
    let mut samples = match route {
        Route::Bytes { path, bytes } => match gpx::parse(bytes) {
            Ok(track) if !track.samples.is_empty() => {
                a.warnings.extend(track.warnings);
                Some(track.samples)
            }
            Ok(_) => {
                a.warnings.push(Warning::AppleRouteUnreadable {
                    path: path.to_string(),
                    reason: "no track points".to_string(),
                });
                None
            }
            Err(e) => {
                a.warnings.push(Warning::AppleRouteUnreadable {
                    path: path.to_string(),
                    reason: e.to_string(),
                });
                None
            }
        },
        Route::Missing(path) => {
            a.warnings.push(Warning::AppleRouteMissing {
                path: path.to_string(),
            });
            None
        }
        Route::Unreadable { path, reason } => {
            a.warnings.push(Warning::AppleRouteUnreadable {
                path: path.to_string(),
                reason,
            });
            None
        }
        Route::None => None,
    }
    .unwrap_or_else(|| untracked_samples(w));
    // A route gives the shape at one point a second, the watch its total; without a route, the
    // watch's distance records are the odometer (a treadmill's), else the total is spread over
    // the moving time by the analysis.
    let recorded = w.distance.iter().map(|r| f64::from(r.value)).sum::<f64>();
    let total = w.distance_m.or((recorded > 0.0).then_some(recorded));
    if samples.iter().any(|s| s.position.is_some()) {
        if let Some(total) = total {
            spread_along_route(&mut samples, total);
        }
    } else {
        odometer(&mut samples, w);
    }
    join_heart_rate(&mut samples, w);
    join_cadence(&mut samples, w);
    a.samples = samples;
    a.pauses = pauses(w);
    a.timer_events = true;
    a.timer_span = Some(TimerSpan {
        start: w.start,
        stop: w.end,
    });
    a.summary = DeviceSummary {
        start: Some(w.start),
        elapsed_s: Some((w.end - w.start).num_milliseconds() as f64 / 1000.0),
        timer_s: w.duration_s,
        distance_m: w.distance_m,
        avg_hr_bpm: w.avg_hr_bpm,
        max_hr_bpm: w
            .max_hr_bpm
            .filter(|v| (1.0..255.0).contains(v))
            .map(|v| v.round() as u8),
        ascent_m: w.ascent_m,
        descent_m: None,
    };
    a.utc_offset_s = Some(local_offset_s(w));
    a.texts = w
        .name
        .as_deref()
        .and_then(|n| Text::new(TextSource::AppleWorkoutName, n))
        .into_iter()
        .collect();
    a.rpe = w.effort.map(|value| Rpe {
        value,
        source: TextSource::AppleEffortScore,
    });
    a
}

/// The local time minus UTC at the workout's start, seconds: from its `HKTimeZone` when the
/// export names a zone it knows, else the offset written in its dates (the one in force when the
/// export was made; right unless the clocks changed between the workout and the export).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use runaudit::read::export::apple::Workout;
/// use runaudit::read::export::apple_workout::local_offset_s;
/// // A July run in Berlin, exported in winter (+0100): summer time is +2 h.
/// let start = Utc.with_ymd_and_hms(2023, 7, 1, 5, 0, 0).unwrap();
/// let mut w = Workout::new(1, start, start);
/// w.written_offset_s = 3600;
/// w.time_zone = Some("Europe/Berlin".into());
/// assert_eq!(local_offset_s(&w), 7200);
/// w.time_zone = None;
/// assert_eq!(local_offset_s(&w), 3600);
/// ```
pub fn local_offset_s(w: &Workout) -> i32 {
    w.time_zone
        .as_deref()
        .and_then(|z| z.parse::<chrono_tz::Tz>().ok())
        .map(|tz| {
            tz.offset_from_utc_datetime(&w.start.naive_utc())
                .fix()
                .local_minus_utc()
        })
        .unwrap_or(w.written_offset_s)
}

/// Samples for a workout without a route: its start, each heart-rate reading's instant and its
/// end (the distance, from the workout's statistics, is spread over the moving time).
fn untracked_samples(w: &Workout) -> Vec<Sample> {
    let mut times: Vec<DateTime<Utc>> = std::iter::once(w.start)
        .chain(
            w.heart_rate
                .iter()
                .map(|r| reading_time(w, r))
                .filter(|t| *t > w.start && *t < w.end),
        )
        .chain(std::iter::once(w.end))
        .collect();
    times.dedup();
    times.into_iter().map(Sample::at).collect()
}

/// The watch's own distance for the workout spread along the route: each sample's cumulative
/// distance is its share of the route's length times the watch's total (what the runner saw on
/// the watch, as a FIT file's odometer is), when the two differ by at most
/// [`MAX_ROUTE_SCALE`]; else the samples are left to the route's length.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use runaudit::activity::{Position, Sample};
/// use runaudit::read::export::apple_workout::spread_along_route;
/// let t = Utc.with_ymd_and_hms(2023, 1, 2, 6, 0, 0).unwrap();
/// let at = |i: i64, lat: f64| Sample {
///     position: Some(Position { lat_deg: lat, lon_deg: 0.0 }),
///     ..Sample::at(t + chrono::Duration::seconds(i))
/// };
/// // Two legs of 0.001° of latitude (111.2 m each, 222.4 m): the watch says 220 m.
/// let mut samples = vec![at(0, 0.0), at(40, 0.001), at(80, 0.002)];
/// spread_along_route(&mut samples, 220.0);
/// assert_eq!(samples[1].distance_m.map(f64::round), Some(110.0));
/// assert_eq!(samples[2].distance_m, Some(220.0));
/// ```
pub fn spread_along_route(samples: &mut [Sample], total_m: f64) {
    let mut cum = Vec::with_capacity(samples.len());
    let mut run = 0.0;
    let mut last: Option<Point> = None;
    for s in samples.iter() {
        if let Some(p) = s.position {
            let here = Point::new(p.lon_deg, p.lat_deg);
            if let Some(prev) = last {
                run += Haversine.distance(prev, here);
            }
            last = Some(here);
        }
        cum.push(run);
    }
    let scale = total_m / run;
    if !(run > 0.0 && scale.is_finite() && (scale - 1.0).abs() <= MAX_ROUTE_SCALE) {
        return;
    }
    for (s, c) in samples.iter_mut().zip(cum) {
        s.distance_m = Some(c * scale);
    }
}

/// The watch's odometer from its distance records: each sample's cumulative distance is the
/// records that ended before it plus the elapsed share of the one it falls in (the watch's own
/// measure, as a FIT file's `distance` field is). Nothing is set without records.
fn odometer(samples: &mut [Sample], w: &Workout) {
    if w.distance.is_empty() {
        return;
    }
    // Cumulative meters at each record's end.
    let mut done = Vec::with_capacity(w.distance.len());
    let mut sum = 0.0f64;
    for r in &w.distance {
        sum += f64::from(r.value);
        done.push(sum);
    }
    for s in samples.iter_mut() {
        let at = (s.time - w.start).num_milliseconds();
        // Records that started at or before the sample.
        let i = w.distance.partition_point(|r| i64::from(r.from_ms) <= at);
        let before = i
            .checked_sub(1)
            .and_then(|k| Some((w.distance.get(k)?, done.get(k)?)));
        s.distance_m = Some(match before {
            None => 0.0,
            Some((r, &end_sum)) if at >= i64::from(r.to_ms) => end_sum,
            Some((r, &end_sum)) => {
                let share =
                    (at - i64::from(r.from_ms)) as f64 / f64::from(r.to_ms - r.from_ms).max(1.0);
                end_sum - f64::from(r.value) * (1.0 - share)
            }
        });
    }
}

/// Gives each sample the heart rate of the nearest reading within [`MAX_HR_GAP_S`].
fn join_heart_rate(samples: &mut [Sample], w: &Workout) {
    let readings: &[Reading] = &w.heart_rate;
    if readings.is_empty() {
        return;
    }
    let gap_ms = MAX_HR_GAP_S * 1000;
    for s in samples.iter_mut() {
        let at = (s.time - w.start).num_milliseconds();
        let i = readings.partition_point(|r| i64::from(r.at_ms) < at);
        let nearest = [i.checked_sub(1), Some(i)]
            .into_iter()
            .flatten()
            .filter_map(|k| readings.get(k))
            .min_by_key(|r| (i64::from(r.at_ms) - at).abs());
        s.hr_bpm = nearest
            .filter(|r| (i64::from(r.at_ms) - at).abs() <= gap_ms)
            .map(|r| r.bpm);
    }
}

/// Gives each sample the cadence of the step-count record that spans it: its steps over its
/// span, per minute (both legs, as the samples count cadence).
fn join_cadence(samples: &mut [Sample], w: &Workout) {
    if w.steps.is_empty() {
        return;
    }
    for s in samples.iter_mut() {
        let at = (s.time - w.start).num_milliseconds();
        let i = w.steps.partition_point(|c| i64::from(c.from_ms) <= at);
        let spanning = i
            .checked_sub(1)
            .and_then(|k| w.steps.get(k))
            .filter(|c| at <= i64::from(c.to_ms));
        if let Some(c) = spanning {
            let minutes = f64::from(c.to_ms - c.from_ms) / 60_000.0;
            s.cadence_spm = Some(f64::from(c.value) / minutes).filter(|v| v.is_finite());
        }
    }
}

/// The workout's pauses: each pause (or auto-pause) to the next resume, or to the end.
fn pauses(w: &Workout) -> Vec<Pause> {
    let mut events = w.events.clone();
    events.sort_by_key(|e| e.0);
    let mut out: Vec<Pause> = Vec::new();
    let mut paused: Option<DateTime<Utc>> = None;
    for (at, kind) in events {
        match (kind, paused) {
            (EventKind::Pause, None) => paused = Some(at),
            (EventKind::Resume, Some(from)) => {
                if at > from {
                    out.push(Pause {
                        start: from,
                        end: at,
                    });
                }
                paused = None;
            }
            _ => {}
        }
    }
    if let Some(from) = paused.filter(|f| *f < w.end) {
        out.push(Pause {
            start: from,
            end: w.end,
        });
    }
    out
}
