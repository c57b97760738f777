//! Writes an [`Activity`] as GPX 1.1: with Garmin's TrackPointExtension (heart rate, cadence per
//! leg) through quick-xml, as a plain track through the `gpx` crate, or as a route with no times.

use std::io;

use geo::Point;
use runaudit::activity::{Activity, Sample, Sport, SubSport, TextSource};

use crate::xml_out::{close, document, iso_z, open, text, Xml};

const CREATOR: &str = "runaudit synth";

/// The track's name: the activity's `GpxTrackName` text, else a fixed one.
fn track_name(a: &Activity) -> &str {
    text_of(a, TextSource::GpxTrackName).unwrap_or("Synthetic activity")
}

/// The activity's first text from `source`.
fn text_of(a: &Activity, source: TextSource) -> Option<&str> {
    a.texts
        .iter()
        .find(|t| t.source == source)
        .map(|t| t.text.as_str())
}

/// The name Garmin Connect writes in `<type>`: its activity type key for running with a
/// sub-sport (`treadmill_running`, `trail_running`, ...), else the sport.
fn type_name(a: &Activity) -> &'static str {
    match (a.sport, a.sub_sport) {
        (Sport::Running, Some(SubSport::Treadmill)) => "treadmill_running",
        (Sport::Running, Some(SubSport::Trail)) => "trail_running",
        (Sport::Running, Some(SubSport::Track)) => "track_running",
        (Sport::Running, Some(SubSport::Indoor)) => "indoor_running",
        (Sport::Running, Some(SubSport::Virtual)) => "virtual_run",
        (Sport::Running, Some(SubSport::Road)) => "street_running",
        (Sport::Cycling, _) => "cycling",
        (Sport::Walking, _) => "walking",
        (Sport::Hiking, _) => "hiking",
        (Sport::Swimming, _) => "swimming",
        (Sport::Running, _) => "running",
        (Sport::Other | Sport::Unknown, _) => "other",
    }
}

/// Samples split into segments: a new one after each pause. Samples without position are left
/// out (a GPX point needs one).
fn segments(a: &Activity) -> Vec<Vec<&Sample>> {
    let mut out: Vec<Vec<&Sample>> = vec![Vec::new()];
    let mut prev: Option<&Sample> = None;
    for s in a.samples.iter().filter(|s| s.position.is_some()) {
        let paused = prev.is_some_and(|p| {
            a.pauses
                .iter()
                .any(|x| x.start >= p.time && x.end <= s.time)
        });
        if paused {
            out.push(Vec::new());
        }
        if let Some(seg) = out.last_mut() {
            seg.push(s);
        }
        prev = Some(s);
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Writes `activity` as GPX 1.1 with `gpxtpx:hr` and `gpxtpx:cad` (per leg: spm / 2 for running,
/// as Garmin writes it) and a new `<trkseg>` after each pause. Dropouts are left out.
pub fn write(activity: &Activity) -> Vec<u8> {
    document(|w| body(w, activity, Times::Every(1)))
}

/// Writes `activity` as [`write`] does, but gives only every `every`-th point (and the last) a
/// `<time>`, as some route tools and phone apps do.
pub fn write_sparse_times(activity: &Activity, every: usize) -> Vec<u8> {
    document(|w| body(w, activity, Times::Every(every.max(1))))
}

/// Writes `activity` as [`write`] does, but with no `<time>` on any point, as a route planner
/// or a track exported without times; the file's own `metadata/time` only when `file_time`.
pub fn write_untimed(activity: &Activity, file_time: bool) -> Vec<u8> {
    document(|w| body(w, activity, Times::None { file_time }))
}

/// Which times a written GPX carries.
#[derive(Clone, Copy)]
enum Times {
    /// The file's time, and every `n`-th point's (and the last's).
    Every(usize),
    /// No point's; the file's own when `file_time`.
    None { file_time: bool },
}

fn body(w: &mut Xml, a: &Activity, times: Times) -> io::Result<()> {
    open(
        w,
        "gpx",
        &[
            ("version", "1.1"),
            ("creator", CREATOR),
            ("xmlns", "http://www.topografix.com/GPX/1/1"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xmlns:gpxtpx",
                "http://www.garmin.com/xmlschemas/TrackPointExtension/v1",
            ),
            (
                "xsi:schemaLocation",
                "http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd",
            ),
        ],
    )?;
    let file_time = !matches!(times, Times::None { file_time: false });
    if let Some(first) = a.samples.first().filter(|_| file_time) {
        open(w, "metadata", &[])?;
        text(w, "time", &iso_z(first.time))?;
        close(w, "metadata")?;
    }
    open(w, "trk", &[])?;
    text(w, "name", track_name(a))?;
    if let Some(desc) = text_of(a, TextSource::GpxTrackDescription) {
        text(w, "desc", desc)?;
    }
    text(w, "type", type_name(a))?;
    let points = a.samples.iter().filter(|s| s.position.is_some()).count();
    let mut index = 0usize;
    for seg in segments(a) {
        open(w, "trkseg", &[])?;
        for s in seg {
            let timed = match times {
                Times::Every(n) => index.is_multiple_of(n) || index + 1 == points,
                Times::None { .. } => false,
            };
            trkpt(w, s, timed)?;
            index += 1;
        }
        close(w, "trkseg")?;
    }
    close(w, "trk")?;
    close(w, "gpx")
}

fn trkpt(w: &mut Xml, s: &Sample, timed: bool) -> io::Result<()> {
    let Some(p) = s.position else {
        return Ok(());
    };
    let (lat, lon) = (format!("{:.7}", p.lat_deg), format!("{:.7}", p.lon_deg));
    open(w, "trkpt", &[("lat", &lat), ("lon", &lon)])?;
    if let Some(ele) = s.altitude_m {
        text(w, "ele", &format!("{ele:.1}"))?;
    }
    if timed {
        text(w, "time", &iso_z(s.time))?;
    }
    if s.hr_bpm.is_some() || s.cadence_spm.is_some() {
        open(w, "extensions", &[])?;
        open(w, "gpxtpx:TrackPointExtension", &[])?;
        if let Some(hr) = s.hr_bpm {
            text(w, "gpxtpx:hr", &hr.to_string())?;
        }
        if let Some(spm) = s.cadence_spm {
            text(w, "gpxtpx:cad", &format!("{:.0}", (spm / 2.0).floor()))?;
        }
        close(w, "gpxtpx:TrackPointExtension")?;
        close(w, "extensions")?;
    }
    close(w, "trkpt")
}

fn waypoint(s: &Sample, with_time: bool) -> Option<gpx::Waypoint> {
    let p = s.position?;
    // Rounded to 7 decimals (~1 cm) so the crate's full-precision output is short and stable.
    let round7 = |deg: f64| (deg * 1e7).round() / 1e7;
    let mut wp = gpx::Waypoint::new(Point::new(round7(p.lon_deg), round7(p.lat_deg)));
    wp.elevation = s.altitude_m;
    if with_time {
        let t = time::OffsetDateTime::from_unix_timestamp(s.time.timestamp()).ok()?;
        wp.time = Some(t.into());
    }
    Some(wp)
}

fn with_gpx_crate(g: &gpx::Gpx) -> Vec<u8> {
    let mut out = Vec::new();
    match gpx::write(g, &mut out) {
        Ok(()) => out,
        Err(_) => Vec::new(),
    }
}

fn empty_gpx() -> gpx::Gpx {
    gpx::Gpx {
        version: gpx::GpxVersion::Gpx11,
        creator: Some(CREATOR.to_string()),
        ..gpx::Gpx::default()
    }
}

/// Writes position, time and elevation only, through the `gpx` crate (which cannot write
/// extensions): a GPX from a watch without sensors, or an export that dropped them.
pub fn write_plain(activity: &Activity) -> Vec<u8> {
    let mut track = gpx::Track::new();
    track.name = Some(track_name(activity).to_string());
    track.description = text_of(activity, TextSource::GpxTrackDescription).map(str::to_string);
    track.type_ = Some(type_name(activity).to_string());
    for seg in segments(activity) {
        let mut ts = gpx::TrackSegment::new();
        ts.points = seg.into_iter().filter_map(|s| waypoint(s, true)).collect();
        track.segments.push(ts);
    }
    let mut g = empty_gpx();
    g.tracks.push(track);
    with_gpx_crate(&g)
}

/// Writes the path as a GPX `<rte>` with no times: a planned route, not a recording.
pub fn write_route(activity: &Activity) -> Vec<u8> {
    let mut route = gpx::Route::new();
    route.name = Some("Planned route".to_string());
    route.points = activity
        .samples
        .iter()
        .filter_map(|s| waypoint(s, false))
        .collect();
    let mut g = empty_gpx();
    g.routes.push(route);
    with_gpx_crate(&g)
}
