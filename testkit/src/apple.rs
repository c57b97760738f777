//! Writes activities as an iPhone Health export (`apple_health_export/export.xml` and
//! `workout-routes/route_*.gpx`), the way iOS does: dates with the export-time UTC offset, the
//! heart rate as separate `Record`s every few seconds (with another app's duplicates and resting
//! readings outside the workouts), workouts with events, statistics and metadata, the inline DTD
//! malformed as since iOS 16, and a stray control character.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use chrono::{DateTime, Duration, FixedOffset, Offset, Utc};
use runaudit::activity::{Activity, Sport};
use zip::write::SimpleFileOptions;

/// The watch's source name (with the curly apostrophe iOS writes).
pub const WATCH: &str = "Runner\u{2019}s Apple Watch";
/// Another app that copies the watch's heart rate into Health.
pub const OTHER_APP: &str = "Strava";
/// What the other app adds to each copied reading, bpm: a join that counted its copies would
/// move the average by half of this.
pub const OTHER_APP_OFFSET_BPM: u8 = 12;
/// The resting heart rate written outside the workouts, bpm.
pub const RESTING_BPM: u8 = 52;

/// One workout to write.
#[derive(Debug, Clone)]
pub struct AppleWorkout<'a> {
    /// The activity: its sport, samples (route and heart rate) and pauses.
    pub activity: &'a Activity,
    /// The distance the workout's statistics give, meters.
    pub distance_m: f64,
    /// `HKTimeZone`, when written.
    pub time_zone: Option<&'a str>,
    /// `HKWorkoutBrandName`, when written.
    pub name: Option<&'a str>,
    /// The runner's effort rating, 1–10, written as a `WorkoutEffortScore` record.
    pub effort: Option<u8>,
    /// `HKIndoorWorkout` = 1 and no route.
    pub indoor: bool,
    /// The distance as the old `totalDistance` attribute instead of statistics (before iOS 16).
    pub legacy: bool,
}

impl<'a> AppleWorkout<'a> {
    /// An outdoor workout with a route and nothing else set.
    pub fn new(activity: &'a Activity, distance_m: f64) -> AppleWorkout<'a> {
        AppleWorkout {
            activity,
            distance_m,
            time_zone: None,
            name: None,
            effort: None,
            indoor: false,
            legacy: false,
        }
    }
}

/// How the export is written.
#[derive(Debug, Clone, Copy)]
pub struct ExportOptions {
    /// The UTC offset in force when the export was made, seconds (every date carries it).
    pub export_offset_s: i32,
    /// Seconds between heart-rate records during a workout.
    pub hr_every_s: i64,
    /// Another app's copies of the workout's heart rate.
    pub duplicates: bool,
    /// Resting readings every 10 minutes for two hours before and after each workout.
    pub resting: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            export_offset_s: 3600,
            hr_every_s: 5,
            duplicates: true,
            resting: true,
        }
    }
}

/// The head of `export.xml`: the declaration and a DTD with an `ATTLIST` left open, as iOS 16
/// and later write it (strict parsers refuse the file).
pub const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE HealthData [\n\
<!-- HealthKit Export Version: 14 -->\n\
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>\n\
<!ATTLIST HealthData\n  locale CDATA #REQUIRED\n>\n\
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>\n\
<!ATTLIST Record\n  type          CDATA #REQUIRED\n  unit          CDATA #IMPLIED\n  value         CDATA #IMPLIED\n  sourceName    CDATA #REQUIRED\n\
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>\n\
<!ATTLIST Workout\n  workoutActivityType   CDATA #REQUIRED\n  duration              CDATA #IMPLIED\n>\n\
]>\n";

/// A date as the export writes it: local time at `offset_s` and the offset.
pub fn date(t: DateTime<Utc>, offset_s: i32) -> String {
    let offset = FixedOffset::east_opt(offset_s).unwrap_or_else(|| Utc.fix());
    t.with_timezone(&offset)
        .format("%Y-%m-%d %H:%M:%S %z")
        .to_string()
}

/// Escapes text for an attribute value.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The export's activity type for a sport.
fn activity_type(sport: Sport) -> &'static str {
    match sport {
        Sport::Running | Sport::Unknown => "HKWorkoutActivityTypeRunning",
        Sport::Walking => "HKWorkoutActivityTypeWalking",
        Sport::Hiking => "HKWorkoutActivityTypeHiking",
        Sport::Cycling => "HKWorkoutActivityTypeCycling",
        Sport::Swimming => "HKWorkoutActivityTypeSwimming",
        Sport::Other => "HKWorkoutActivityTypeTraditionalStrengthTraining",
    }
}

/// The workout's span: its timer's, else its samples'.
fn span(a: &Activity) -> (DateTime<Utc>, DateTime<Utc>) {
    let first = a.samples.first().map(|s| s.time).unwrap_or_default();
    let last = a.samples.last().map(|s| s.time).unwrap_or(first);
    match a.timer_span {
        Some(t) => (t.start.min(first), t.stop.max(last)),
        None => (first, last),
    }
}

/// The route file's path, as iOS names it (local time of the start).
fn route_path(a: &Activity, offset_s: i32, n: usize) -> String {
    let (start, _) = span(a);
    let local = start + Duration::seconds(i64::from(offset_s));
    format!(
        "/workout-routes/route_{}_{n}.gpx",
        local.format("%Y-%m-%d_%-I.%M%P")
    )
}

/// The heart-rate readings of the watch during the workout: the first sample with a heart rate
/// at or after each tick of `every_s`.
fn hr_readings(a: &Activity, every_s: i64) -> Vec<(DateTime<Utc>, u8)> {
    let mut out = Vec::new();
    let mut next: Option<DateTime<Utc>> = None;
    for s in &a.samples {
        let Some(hr) = s.hr_bpm else { continue };
        if next.is_none_or(|n| s.time >= n) {
            out.push((s.time, hr));
            next = Some(s.time + Duration::seconds(every_s.max(1)));
        }
    }
    out
}

/// Steps in each stretch of about 10 s of the workout that has a cadence: (from, to, steps).
fn step_counts(a: &Activity) -> Vec<(DateTime<Utc>, DateTime<Utc>, f64)> {
    let mut out = Vec::new();
    let mut chunk: Option<(DateTime<Utc>, DateTime<Utc>, f64)> = None;
    for pair in a.samples.windows(2) {
        let (p, s) = (&pair[0], &pair[1]);
        let dt = (s.time - p.time).num_milliseconds() as f64 / 1000.0;
        let Some(c) = s.cadence_spm.filter(|_| dt > 0.0 && dt <= 10.0) else {
            out.extend(chunk.take());
            continue;
        };
        let ch = chunk.get_or_insert((p.time, s.time, 0.0));
        ch.1 = s.time;
        ch.2 += c * dt / 60.0;
        if (ch.1 - ch.0).num_seconds() >= 10 {
            out.extend(chunk.take());
        }
    }
    out.extend(chunk);
    out
}

/// Meters covered in each stretch of about 10 s, from the samples' cumulative distance:
/// (from, to, meters). Nothing for samples without one.
fn distances(a: &Activity) -> Vec<(DateTime<Utc>, DateTime<Utc>, f64)> {
    let mut out = Vec::new();
    let mut open: Option<(DateTime<Utc>, f64)> = None;
    for s in &a.samples {
        let Some(d) = s.distance_m else { continue };
        match open {
            None => open = Some((s.time, d)),
            Some((from, d0)) if (s.time - from).num_seconds() >= 10 => {
                out.push((from, s.time, (d - d0).max(0.0)));
                open = Some((s.time, d));
            }
            Some(_) => {}
        }
    }
    out
}

/// One `<Record>` line.
fn record(kind: &str, unit: &str, source: &str, t: DateTime<Utc>, value: &str, off: i32) -> String {
    let d = date(t, off);
    format!(
        " <Record type=\"{kind}\" sourceName=\"{}\" sourceVersion=\"10.1\" unit=\"{unit}\" \
         creationDate=\"{d}\" startDate=\"{d}\" endDate=\"{d}\" value=\"{value}\"/>\n",
        esc(source)
    )
}

/// The files of the export: `apple_health_export/export.xml` and the route files, each path
/// with its bytes.
pub fn export(workouts: &[AppleWorkout<'_>], opts: &ExportOptions) -> Vec<(String, Vec<u8>)> {
    let off = opts.export_offset_s;
    let mut xml = String::from(HEAD);
    let export_time = workouts
        .iter()
        .map(|w| span(w.activity).1)
        .max()
        .unwrap_or_default()
        + Duration::days(1);
    let _ = write!(
        xml,
        "<HealthData locale=\"en_GB\">\n <ExportDate value=\"{}\"/>\n <Me HKCharacteristicTypeIdentifierDateOfBirth=\"1987-05-01\" HKCharacteristicTypeIdentifierBiologicalSexDescription=\"HKBiologicalSexFemale\"/>\n",
        date(export_time, off)
    );
    // A step count from the phone, its source name holding a stray vertical tab.
    if let Some(w) = workouts.first() {
        let t = span(w.activity).0 - Duration::hours(3);
        xml.push_str(&record(
            "HKQuantityTypeIdentifierStepCount",
            "count",
            "Runner\u{0b}s iPhone",
            t,
            "412",
            off,
        ));
    }
    // The watch's heart rate: resting readings around each workout, and the workout's own.
    for w in workouts {
        let (start, end) = span(w.activity);
        if opts.resting {
            for k in 1..=12 {
                let before = start - Duration::minutes(10 * k);
                xml.push_str(&record(
                    "HKQuantityTypeIdentifierHeartRate",
                    "count/min",
                    WATCH,
                    before,
                    &RESTING_BPM.to_string(),
                    off,
                ));
            }
        }
        for (t, hr) in hr_readings(w.activity, opts.hr_every_s) {
            xml.push_str(&record(
                "HKQuantityTypeIdentifierHeartRate",
                "count/min",
                WATCH,
                t,
                &hr.to_string(),
                off,
            ));
        }
        if opts.resting {
            for k in 1..=12 {
                let after = end + Duration::minutes(10 * k);
                xml.push_str(&record(
                    "HKQuantityTypeIdentifierHeartRate",
                    "count/min",
                    WATCH,
                    after,
                    &(RESTING_BPM + 3).to_string(),
                    off,
                ));
            }
        }
    }
    // The watch's step counts during each workout, every 10 s, from the samples' cadence; and
    // the phone's copies of them (in the runner's pocket), which must not add to the cadence.
    for w in workouts {
        for (from, to, steps) in step_counts(w.activity) {
            for (source, n) in [(WATCH, steps), ("Runner\u{2019}s iPhone", steps * 0.9)] {
                let _ = writeln!(
                    xml,
                    " <Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"{}\" unit=\"count\" creationDate=\"{}\" startDate=\"{}\" endDate=\"{}\" value=\"{n:.1}\"/>",
                    esc(source),
                    date(to, off),
                    date(from, off),
                    date(to, off)
                );
            }
        }
    }
    // The watch's distance records every 10 s from the samples' odometer (or their positions),
    // and the phone's own, shorter ones.
    for w in workouts {
        for (from, to, meters) in distances(w.activity) {
            for (source, m) in [(WATCH, meters), ("Runner\u{2019}s iPhone", meters * 0.9)] {
                let _ = writeln!(
                    xml,
                    " <Record type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" sourceName=\"{}\" unit=\"km\" creationDate=\"{}\" startDate=\"{}\" endDate=\"{}\" value=\"{:.6}\"/>",
                    esc(source),
                    date(to, off),
                    date(from, off),
                    date(to, off),
                    m / 1000.0
                );
            }
        }
    }
    // Another app's copies, one second later and higher.
    if opts.duplicates {
        for w in workouts {
            for (t, hr) in hr_readings(w.activity, opts.hr_every_s) {
                xml.push_str(&record(
                    "HKQuantityTypeIdentifierHeartRate",
                    "count/min",
                    OTHER_APP,
                    t + Duration::seconds(1),
                    &hr.saturating_add(OTHER_APP_OFFSET_BPM).to_string(),
                    off,
                ));
            }
        }
    }
    for w in workouts {
        if let Some(effort) = w.effort {
            let (_, end) = span(w.activity);
            xml.push_str(&record(
                "HKQuantityTypeIdentifierWorkoutEffortScore",
                "appleEffortScore",
                "Fitness",
                end,
                &effort.to_string(),
                off,
            ));
        }
    }
    let mut files = Vec::new();
    for (n, w) in workouts.iter().enumerate() {
        let route = (!w.indoor).then(|| route_path(w.activity, off, n));
        xml.push_str(&workout(w, route.as_deref(), off));
        if let Some(path) = route {
            files.push((format!("apple_health_export{path}"), route_gpx(w.activity)));
        }
    }
    xml.push_str("</HealthData>\n");
    files.insert(
        0,
        (
            "apple_health_export/export.xml".to_string(),
            xml.into_bytes(),
        ),
    );
    files
}

/// One `<Workout>` element.
fn workout(w: &AppleWorkout<'_>, route: Option<&str>, off: i32) -> String {
    let a = w.activity;
    let (start, end) = span(a);
    let paused: i64 = a
        .pauses
        .iter()
        .map(|p| (p.end - p.start).num_seconds())
        .sum();
    let duration_min = ((end - start).num_seconds() - paused) as f64 / 60.0;
    let km = w.distance_m / 1000.0;
    let mut x = String::new();
    let legacy = if w.legacy {
        format!(" totalDistance=\"{km:.4}\" totalDistanceUnit=\"km\"")
    } else {
        String::new()
    };
    let _ = writeln!(
        x,
        " <Workout workoutActivityType=\"{}\" duration=\"{duration_min:.4}\" durationUnit=\"min\"{legacy} \
         sourceName=\"{}\" sourceVersion=\"10.1\" device=\"{}\" creationDate=\"{}\" startDate=\"{}\" endDate=\"{}\">",
        activity_type(a.sport),
        esc(WATCH),
        esc("<<HKDevice: 0x283d4a8f0>, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:10.1>"),
        date(end, off),
        date(start, off),
        date(end, off),
    );
    let meta = |x: &mut String, key: &str, value: &str| {
        let _ = writeln!(
            x,
            "  <MetadataEntry key=\"{key}\" value=\"{}\"/>",
            esc(value)
        );
    };
    meta(&mut x, "HKIndoorWorkout", if w.indoor { "1" } else { "0" });
    if let Some(tz) = w.time_zone {
        meta(&mut x, "HKTimeZone", tz);
    }
    if let Some(name) = w.name {
        meta(&mut x, "HKWorkoutBrandName", name);
    }
    meta(&mut x, "HKAverageMETs", "9.8 kcal/hr·kg");
    let _ = writeln!(
        x,
        "  <WorkoutEvent type=\"HKWorkoutEventTypeSegment\" date=\"{}\" duration=\"5.2\" durationUnit=\"min\"/>",
        date(start, off)
    );
    for p in &a.pauses {
        let _ = writeln!(
            x,
            "  <WorkoutEvent type=\"HKWorkoutEventTypePause\" date=\"{}\"/>\n  <WorkoutEvent type=\"HKWorkoutEventTypeResume\" date=\"{}\"/>",
            date(p.start, off),
            date(p.end, off)
        );
    }
    let hrs: Vec<u8> = a.samples.iter().filter_map(|s| s.hr_bpm).collect();
    if !w.legacy {
        if let (Some(min), Some(max)) = (hrs.iter().min(), hrs.iter().max()) {
            let avg = hrs.iter().map(|&h| f64::from(h)).sum::<f64>() / hrs.len() as f64;
            let _ = writeln!(
                x,
                "  <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" startDate=\"{}\" endDate=\"{}\" average=\"{avg:.1}\" minimum=\"{min}\" maximum=\"{max}\" unit=\"count/min\"/>",
                date(start, off),
                date(end, off)
            );
        }
        let kind = if a.sport == Sport::Cycling {
            "HKQuantityTypeIdentifierDistanceCycling"
        } else {
            "HKQuantityTypeIdentifierDistanceWalkingRunning"
        };
        let _ = writeln!(
            x,
            "  <WorkoutStatistics type=\"{kind}\" startDate=\"{}\" endDate=\"{}\" sum=\"{km:.4}\" unit=\"km\"/>",
            date(start, off),
            date(end, off)
        );
    }
    if let Some(path) = route {
        let _ = writeln!(
            x,
            "  <WorkoutRoute sourceName=\"{}\" sourceVersion=\"10.1\" creationDate=\"{}\" startDate=\"{}\" endDate=\"{}\">\n   <MetadataEntry key=\"HKMetadataKeySyncVersion\" value=\"2\"/>\n   <FileReference path=\"{path}\"/>\n  </WorkoutRoute>",
            esc(WATCH),
            date(end, off),
            date(start, off),
            date(end, off)
        );
    }
    x.push_str(" </Workout>\n");
    x
}

/// The route GPX as iOS writes it: positions, elevation, UTC times, speed and accuracy
/// extensions; no heart rate.
pub fn route_gpx(a: &Activity) -> Vec<u8> {
    let mut g = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"Apple Health Export\" \
         xmlns=\"http://www.topografix.com/GPX/1/1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n",
    );
    let (start, _) = span(a);
    let _ = write!(
        g,
        " <metadata>\n  <time>{}</time>\n </metadata>\n <trk>\n  <name>Route {}</name>\n  <trkseg>\n",
        start.format("%Y-%m-%dT%H:%M:%SZ"),
        start.format("%Y-%m-%d %-I:%M%P")
    );
    for s in &a.samples {
        let Some(p) = s.position else { continue };
        let ele = s
            .altitude_m
            .map(|e| format!("<ele>{e:.6}</ele>"))
            .unwrap_or_default();
        let _ = writeln!(
            g,
            "   <trkpt lon=\"{:.9}\" lat=\"{:.9}\">{ele}<time>{}</time><extensions><speed>{:.6}</speed><course>-1.0</course><hAcc>4.8</hAcc><vAcc>3.2</vAcc></extensions></trkpt>",
            p.lon_deg,
            p.lat_deg,
            s.time.format("%Y-%m-%dT%H:%M:%SZ"),
            s.speed_m_s.unwrap_or(0.0)
        );
    }
    g.push_str("  </trkseg>\n </trk>\n</gpx>\n");
    g.into_bytes()
}

/// The files as a zip (`export.zip` as the Health app shares it), entries stored in order.
pub fn zip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in files {
        if w.start_file(name.as_str(), opts).is_err() || w.write_all(bytes).is_err() {
            return Vec::new();
        }
    }
    w.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// Writes a multi-year `export.xml` for measuring memory and time (not kept in the repository):
/// for each of `days` days, resting heart rate every 4 minutes from the watch (with a motion
/// context entry); every other day a 45-minute indoor run with a reading every 5 s from the
/// watch and a copy from another app; the workouts after all records, as iOS orders them.
/// 1,000 days make 300 MB.
pub fn write_long_export(out: &mut impl Write, days: i64) -> std::io::Result<()> {
    let off = 3600;
    let base = DateTime::<Utc>::from_timestamp(1_546_322_400, 0).unwrap_or_default(); // 2019-01-01 06:00 UTC
    out.write_all(HEAD.as_bytes())?;
    writeln!(
        out,
        "<HealthData locale=\"en_US\">\n <ExportDate value=\"{}\"/>",
        date(base + Duration::days(days), off)
    )?;
    let device = esc("<<HKDevice: 0x283d4a8f0>, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:9.1>");
    let mut starts = Vec::new();
    for day in 0..days {
        let t0 = base + Duration::days(day);
        for k in 0..360 {
            let d = date(t0 + Duration::minutes(4 * k), off);
            writeln!(
                out,
                " <Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"{}\" sourceVersion=\"9.1\" device=\"{device}\" unit=\"count/min\" creationDate=\"{d}\" startDate=\"{d}\" endDate=\"{d}\" value=\"{}\">\n  <MetadataEntry key=\"HKMetadataKeyHeartRateMotionContext\" value=\"1\"/>\n </Record>",
                esc(WATCH),
                55 + (k * 7 + day) % 11
            )?;
        }
        if day % 2 == 0 {
            let start = t0 + Duration::hours(1);
            starts.push(start);
            for k in 0..540 {
                let d = date(start + Duration::seconds(5 * k), off);
                for source in [WATCH, OTHER_APP] {
                    writeln!(
                        out,
                        " <Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"{}\" sourceVersion=\"9.1\" unit=\"count/min\" creationDate=\"{d}\" startDate=\"{d}\" endDate=\"{d}\" value=\"{}\"/>",
                        esc(source),
                        130 + k / 30
                    )?;
                }
            }
        }
    }
    for start in starts {
        let end = start + Duration::minutes(45);
        let (s, e) = (date(start, off), date(end, off));
        writeln!(
            out,
            " <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" duration=\"45\" durationUnit=\"min\" sourceName=\"{}\" sourceVersion=\"9.1\" creationDate=\"{e}\" startDate=\"{s}\" endDate=\"{e}\">\n  <MetadataEntry key=\"HKIndoorWorkout\" value=\"1\"/>\n  <MetadataEntry key=\"HKTimeZone\" value=\"Europe/Berlin\"/>\n  <WorkoutStatistics type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" startDate=\"{s}\" endDate=\"{e}\" sum=\"8.1\" unit=\"km\"/>\n </Workout>",
            esc(WATCH)
        )?;
    }
    writeln!(out, "</HealthData>")
}
