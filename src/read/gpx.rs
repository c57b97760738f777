//! GPX 1.0/1.1 reader: every `<trk>`/`<trkseg>`/`<trkpt>` of a file streamed into one
//! [`Activity`], with heart rate, cadence, temperature, speed and power taken from the
//! extensions of any vendor by local name (Garmin `gpxtpx:`/`ns3:`, Cluetrust `gpxdata:`, …).

use chrono::{DateTime, Utc};

use super::budget::MAX_SAMPLES;
use super::repair;
use super::xml::{self, Node, Segments, TextCollector, Walker};
use crate::activity::{
    capped, Activity, Format, Kept, Position, Sample, Sport, SubSport, Text, TextSource,
    UntimedTrack, Warning,
};
use crate::error::ReadError;
use crate::words::plural;

/// Reads a GPX file's tracks as one activity.
///
/// Track points need valid coordinates; points lacking them are dropped with a counted warning.
/// Points without a usable time between timed ones get a time interpolated by distance; untimed
/// points before the first or after the last timed one are dropped. A track where those would be
/// most of its points is read for its length alone ([`Activity::untimed`]): every point carries the
/// first time the file gives (its first timed point's, else its own `metadata/time`), with a
/// warning; with no time at all it is [`ReadError::UntimedTrack`]. A new segment or track after a
/// gap of more than 10 s records a pause. A file cut short keeps the points read before the cut,
/// with a warning.
///
/// ```
/// let gpx = br#"<gpx version="1.1" creator="Test"><trk><type>running</type><trkseg>
///   <trkpt lat="46.5" lon="13.7"><time>2020-05-01T07:00:00Z</time></trkpt>
///   <trkpt lat="46.5001" lon="13.7"><time>2020-05-01T07:00:01Z</time></trkpt>
/// </trkseg></trk></gpx>"#;
/// let activity = runaudit::read::gpx::parse(gpx).unwrap();
/// assert_eq!(activity.samples.len(), 2);
/// assert_eq!(activity.sport, runaudit::activity::Sport::Running);
/// ```
pub fn parse(bytes: &[u8]) -> Result<Activity, ReadError> {
    let (text, decode_warning) = xml::decode(bytes);
    let mut reader = GpxReader::default();
    reader.act.warnings.extend(decode_warning);
    let mut walker = Walker::new(&text);
    loop {
        match walker.next_node() {
            Ok(Node::Start(e)) => reader.start(&e),
            Ok(Node::End) => reader.end(),
            Ok(Node::Text(t)) => reader.text.push(&t),
            Ok(Node::Eof) => break,
            Err(stop) => {
                let kept = Kept::TrackPoints(reader.act.samples.len());
                match stop.keep_warning(kept) {
                    Some(warning) if !reader.act.samples.is_empty() => {
                        reader.act.warnings.push(warning);
                        break;
                    }
                    _ => return Err(stop.into_error("GPX")),
                }
            }
        }
    }
    reader.finish()
}

/// The elements the reader cares about, by lower-cased local name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Gpx,
    Trk,
    Trkseg,
    Trkpt,
    Type,
    Ele,
    Time,
    Speed,
    Hr,
    Cad,
    Temp,
    Power,
    Rte,
    Wpt,
    Name,
    Desc,
    Metadata,
    Other,
}

fn classify(local: &str) -> Tag {
    let mut buf = [0u8; 16];
    let Some(name) = buf.get_mut(..local.len()) else {
        return Tag::Other;
    };
    name.copy_from_slice(local.as_bytes());
    name.make_ascii_lowercase();
    match &*name {
        b"trkpt" => Tag::Trkpt,
        b"ele" => Tag::Ele,
        b"time" => Tag::Time,
        b"hr" | b"heartrate" | b"heart_rate" => Tag::Hr,
        b"cad" | b"cadence" => Tag::Cad,
        b"atemp" | b"temp" | b"temperature" => Tag::Temp,
        b"speed" => Tag::Speed,
        b"power" | b"watts" | b"powerinwatts" => Tag::Power,
        b"trkseg" => Tag::Trkseg,
        b"trk" => Tag::Trk,
        b"type" => Tag::Type,
        b"gpx" => Tag::Gpx,
        b"rte" => Tag::Rte,
        b"wpt" => Tag::Wpt,
        b"name" => Tag::Name,
        b"desc" => Tag::Desc,
        b"metadata" => Tag::Metadata,
        _ => Tag::Other,
    }
}

/// The track point being read.
struct Point {
    /// `None` when lat/lon are missing, not numbers or out of range.
    position: Option<Position>,
    time: Option<DateTime<Utc>>,
    /// The point's fields; its time is set when the point is complete.
    sample: Sample,
}

/// Streaming state: the open-element stack, the point being read and counts for warnings.
struct GpxReader {
    act: Activity,
    stack: Vec<Tag>,
    /// The text of the leaf element being read.
    text: TextCollector<Tag>,
    point: Option<Point>,
    segments: Segments,
    sport: Option<Sport>,
    n_trkpt: usize,
    /// Points dropped over the file's budget ([`MAX_SAMPLES`]).
    n_capped: usize,
    n_bad_position: usize,
    n_untimed: usize,
    /// Per sample: whether its point had a usable time (untimed ones are interpolated later).
    timed: Vec<bool>,
    n_zoneless: usize,
    n_hr_dropouts: usize,
    n_routes: usize,
    n_waypoints: usize,
    /// The first `trk/name`, `trk/desc` and `metadata/name` (GPX 1.0: `gpx/name`), in that order.
    texts: [Option<Text>; 3],
    /// The file's own time (`metadata/time`; GPX 1.0: `gpx/time`): when it was written.
    file_time: Option<DateTime<Utc>>,
}

impl Default for GpxReader {
    fn default() -> Self {
        GpxReader {
            act: Activity::new(Format::Gpx),
            stack: Vec::with_capacity(16),
            text: TextCollector::default(),
            point: None,
            segments: Segments::default(),
            sport: None,
            n_trkpt: 0,
            n_capped: 0,
            n_bad_position: 0,
            n_untimed: 0,
            timed: Vec::new(),
            n_zoneless: 0,
            n_hr_dropouts: 0,
            n_routes: 0,
            n_waypoints: 0,
            texts: [None, None, None],
            file_time: None,
        }
    }
}

impl GpxReader {
    fn start(&mut self, e: &quick_xml::events::BytesStart<'_>) {
        let tag = classify(xml::local_name(e));
        let parent = self.stack.last().copied();
        self.stack.push(tag);
        let collect = match tag {
            Tag::Gpx if parent.is_none() => {
                self.act.device = xml::attribute_text(e, "creator").and_then(|c| capped(&c));
                false
            }
            Tag::Trk | Tag::Trkseg => {
                self.segments.mark(self.act.samples.len());
                false
            }
            Tag::Trkpt if parent == Some(Tag::Trkseg) => {
                self.point = Some(Point {
                    position: position(e),
                    time: None,
                    sample: Sample::at(DateTime::<Utc>::MIN_UTC),
                });
                false
            }
            Tag::Type => parent == Some(Tag::Trk) && self.sport.is_none(),
            Tag::Name | Tag::Desc => matches!(parent, Some(Tag::Trk | Tag::Metadata | Tag::Gpx)),
            Tag::Ele | Tag::Time if parent == Some(Tag::Trkpt) => self.point.is_some(),
            Tag::Time => matches!(parent, Some(Tag::Metadata | Tag::Gpx)),
            Tag::Speed | Tag::Hr | Tag::Cad | Tag::Temp | Tag::Power => self.point.is_some(),
            Tag::Rte => {
                self.n_routes += 1;
                false
            }
            Tag::Wpt => {
                self.n_waypoints += 1;
                false
            }
            _ => false,
        };
        if collect {
            self.text.start(self.stack.len(), tag);
        }
    }

    fn end(&mut self) {
        if let Some(tag) = self.text.end(self.stack.len()) {
            self.field(tag);
        }
        if self.stack.pop() == Some(Tag::Trkpt) {
            if let Some(point) = self.point.take() {
                self.finish_point(point);
            }
        }
    }

    /// Stores the collected text of a finished leaf element.
    fn field(&mut self, tag: Tag) {
        let text = self.text.text();
        if tag == Tag::Type {
            self.sport = Some(Sport::from_name(text.trim()));
            self.act.sub_sport = SubSport::from_name(text.trim());
            return;
        }
        if let Some((i, source)) = text_slot(tag, self.stack.iter().rev().nth(1).copied()) {
            if let Some(slot) = self.texts.get_mut(i).filter(|t| t.is_none()) {
                *slot = Text::new(source, text);
            }
            return;
        }
        let Some(point) = self.point.as_mut() else {
            if tag == Tag::Time && self.file_time.is_none() {
                self.file_time = xml::parse_time(text).map(|(time, _)| time);
            }
            return;
        };
        let s = &mut point.sample;
        match tag {
            Tag::Time => match xml::parse_time(text) {
                Some((time, zoned)) => {
                    point.time = Some(time);
                    self.n_zoneless += usize::from(!zoned);
                }
                None => point.time = None,
            },
            Tag::Ele => s.altitude_m = xml::parse_f64(text),
            Tag::Speed => s.speed_m_s = xml::parse_f64(text).filter(|v| *v >= 0.0),
            Tag::Hr => {
                s.hr_bpm = xml::parse_hr(text);
                self.n_hr_dropouts += usize::from(xml::is_hr_dropout(text));
            }
            Tag::Cad => s.cadence_spm = xml::parse_f64(text).filter(|v| *v >= 0.0),
            Tag::Temp => s.temperature_c = xml::parse_f64(text),
            Tag::Power => {
                s.power_w = xml::parse_f64(text)
                    .filter(|w| (0.0..=65535.0).contains(w))
                    .map(|w| w.round() as u16)
            }
            _ => {}
        }
    }

    fn finish_point(&mut self, point: Point) {
        self.n_trkpt += 1;
        let Some(position) = point.position else {
            self.n_bad_position += 1;
            return;
        };
        if self.act.samples.len() >= MAX_SAMPLES {
            self.n_capped += 1;
            return;
        }
        let mut sample = point.sample;
        sample.time = point.time.unwrap_or(DateTime::<Utc>::MIN_UTC);
        sample.position = Some(position);
        self.timed.push(point.time.is_some());
        self.act.samples.push(sample);
    }

    fn finish(mut self) -> Result<Activity, ReadError> {
        if self.n_trkpt == 0 {
            let what = match (self.n_routes, self.n_waypoints) {
                (0, 0) => "GPX has no track points".to_string(),
                (r, w) => format!(
                    "GPX has no track points, only {} and {}: a plan, not a recording",
                    plural(r, "route", "routes"),
                    plural(w, "waypoint", "waypoints")
                ),
            };
            return Err(ReadError::NoActivity(what));
        }
        if self.act.samples.is_empty() {
            return Err(ReadError::NoActivity(
                "GPX has no track point with valid coordinates".into(),
            ));
        }
        // The points from the first timed one to the last keep (or are given) a time.
        let first = self.timed.iter().position(|t| *t);
        let last = self.timed.iter().rposition(|t| *t);
        let spanned = first.zip(last).map_or(0, |(f, l)| l + 1 - f);
        if spanned * UNTIMED_TRACK_SHARE < self.act.samples.len() {
            let n_timed = self.timed.iter().filter(|t| **t).count();
            self.untimed_track(n_timed)?;
        } else {
            self.timed_track();
        }
        self.act.sport = self.sport.unwrap_or(Sport::Unknown);
        self.act.texts = self.texts.into_iter().flatten().collect();
        if self.act.untimed.is_none() {
            xml::finish_samples(&mut self.act, &self.segments);
        }
        repair::cadence_per_leg_doubled(&mut self.act);
        Ok(self.act)
    }

    /// A track whose timed points span under half of it: all points kept, each carrying the
    /// first time the file gives; [`ReadError::UntimedTrack`] when it gives none.
    fn untimed_track(&mut self, n_timed: usize) -> Result<(), ReadError> {
        let first_timed = self
            .timed
            .iter()
            .zip(&self.act.samples)
            .find(|(t, _)| **t)
            .map(|(_, s)| s.time);
        let Some(time) = first_timed.or(self.file_time) else {
            let starts = self.segments.starts(self.act.samples.len());
            let length = crate::activity::track_length_m(&self.act.samples, &starts);
            return Err(ReadError::UntimedTrack {
                length_m: length.last().copied().unwrap_or(0.0),
            });
        };
        for s in &mut self.act.samples {
            s.time = time;
        }
        self.act.untimed = Some(UntimedTrack {
            segment_starts: self.segments.starts(self.act.samples.len()),
        });
        self.act.warnings.push(Warning::GpxTrackUntimed {
            untimed: self.act.samples.len() - n_timed,
            points: self.act.samples.len(),
        });
        self.push_counted_warnings();
        Ok(())
    }

    /// A timed track: untimed points between timed ones timed by distance, the others dropped.
    fn timed_track(&mut self) {
        let (interpolated, removed) =
            xml::interpolate_times(&mut self.act.samples, &self.timed, &mut self.segments);
        self.n_untimed = removed;
        if interpolated > 0 {
            self.act.warnings.push(Warning::GpxTimesInterpolated {
                points: interpolated,
            });
        }
        self.push_counted_warnings();
    }

    /// The warnings every track gets for what was dropped or doubted while reading.
    fn push_counted_warnings(&mut self) {
        let warnings = &mut self.act.warnings;
        if self.n_bad_position > 0 {
            warnings.push(Warning::GpxBadPositions {
                points: self.n_bad_position,
            });
        }
        if self.n_untimed > 0 {
            warnings.push(Warning::GpxUntimed {
                points: self.n_untimed,
            });
        }
        if self.n_zoneless > 0 {
            warnings.push(Warning::GpxZoneless {
                times: self.n_zoneless,
            });
        }
        if self.n_hr_dropouts > 0 {
            warnings.push(Warning::HrDropouts {
                heart_rates: self.n_hr_dropouts,
            });
        }
        if self.n_capped > 0 {
            warnings.push(Warning::SamplesCapped {
                kept: MAX_SAMPLES,
                dropped: self.n_capped,
            });
        }
    }
}

/// A track is read as untimed when fewer than one point in this many lies between its first and
/// its last timed point (the others would be dropped).
const UNTIMED_TRACK_SHARE: usize = 2;

/// Where the text of a `name` or `desc` element goes (its index in `GpxReader::texts`), by its
/// parent.
fn text_slot(tag: Tag, parent: Option<Tag>) -> Option<(usize, TextSource)> {
    match (tag, parent?) {
        (Tag::Name, Tag::Trk) => Some((0, TextSource::GpxTrackName)),
        (Tag::Desc, Tag::Trk) => Some((1, TextSource::GpxTrackDescription)),
        (Tag::Name, Tag::Metadata | Tag::Gpx) => Some((2, TextSource::GpxMetadataName)),
        _ => None,
    }
}

/// The `lat`/`lon` attributes as a position, `None` when either is missing, not a number or out
/// of range.
fn position(e: &quick_xml::events::BytesStart<'_>) -> Option<Position> {
    let lat_deg = xml::parse_f64(&xml::attribute(e, "lat")?)?;
    let lon_deg = xml::parse_f64(&xml::attribute(e, "lon")?)?;
    ((-90.0..=90.0).contains(&lat_deg) && (-180.0..=180.0).contains(&lon_deg))
        .then_some(Position { lat_deg, lon_deg })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gpx(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Garmin Connect" xmlns="http://www.topografix.com/GPX/1/1"
 xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
 xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">{body}</gpx>"#
        )
    }

    fn point(lat: &str, time: &str, ext: &str) -> String {
        format!(
            r#"<trkpt lat="{lat}" lon="13.7"><ele>500.5</ele><time>{time}</time>
<extensions>{ext}</extensions></trkpt>"#
        )
    }

    fn read(text: &str) -> Result<Activity, ReadError> {
        parse(text.as_bytes())
    }

    #[test]
    fn garmin_track_point_extension() {
        let ext = "<gpxtpx:TrackPointExtension><gpxtpx:atemp>21.0</gpxtpx:atemp>\
                   <gpxtpx:hr>142</gpxtpx:hr><gpxtpx:cad>86</gpxtpx:cad>\
                   </gpxtpx:TrackPointExtension>";
        let body = format!(
            "<trk><type>running</type><trkseg>{}{}</trkseg></trk>",
            point("46.5", "2020-05-01T07:00:00Z", ext),
            point("46.5001", "2020-05-01T07:00:01.500Z", ext)
        );
        let a = read(&gpx(&body)).map_err(|e| e.to_string());
        let a = a.as_ref().expect("parses");
        assert_eq!(a.format, Format::Gpx);
        assert_eq!(a.sport, Sport::Running);
        assert_eq!(a.device.as_deref(), Some("Garmin Connect"));
        assert_eq!(a.samples.len(), 2);
        let s = a.samples.get(1).expect("second sample");
        assert_eq!(s.position.map(|p| p.lat_deg), Some(46.5001));
        assert_eq!(s.altitude_m, Some(500.5));
        assert_eq!(s.hr_bpm, Some(142));
        // 86 strides per minute per leg = 172 steps per minute.
        assert_eq!(s.cadence_spm, Some(172.0));
        assert_eq!(s.temperature_c, Some(21.0));
        assert_eq!(s.time.timestamp_subsec_millis(), 500);
        assert!(!a.timer_events);
    }

    #[test]
    fn ns3_prefix_and_dropout_hr() {
        let ext = |hr: u32| {
            format!("<ns3:TrackPointExtension><ns3:hr>{hr}</ns3:hr></ns3:TrackPointExtension>")
        };
        let body = format!(
            "<trk><trkseg>{}{}</trkseg></trk>",
            point("46.5", "2020-05-01T07:00:00Z", &ext(151)),
            point("46.5", "2020-05-01T07:00:01Z", &ext(0))
        );
        let a = read(&gpx(&body)).expect("parses");
        let hr: Vec<_> = a.samples.iter().map(|s| s.hr_bpm).collect();
        assert_eq!(hr, vec![Some(151), None]);
        assert!(a.warnings.contains(&Warning::HrDropouts { heart_rates: 1 }));
        assert_eq!(a.sport, Sport::Unknown);
    }

    #[test]
    fn gpx_1_0_speed_and_cluetrust_power() {
        let text = r#"<gpx version="1.0" creator="eTrex"><trk><trkseg>
<trkpt lat="-33.9" lon="151.2"><time>2009-03-02T14:05:52Z</time><speed>3.25</speed>
<extensions><gpxdata:hr>120</gpxdata:hr><power>250.4</power></extensions></trkpt>
</trkseg></trk></gpx>"#;
        let a = read(text).expect("parses");
        let s = a.samples.first().expect("one sample");
        assert_eq!(s.speed_m_s, Some(3.25));
        assert_eq!(s.hr_bpm, Some(120));
        assert_eq!(s.power_w, Some(250));
        assert_eq!(a.device.as_deref(), Some("eTrex"));
    }

    #[test]
    fn a_new_segment_after_a_gap_is_a_pause() {
        // Segment 1 ends 07:00:01; segment 2 starts 07:05:01: a 300 s pause between them.
        // Segment 3 follows 5 s later: a new segment without a real gap is no pause.
        let body = format!(
            "<trk><trkseg>{}{}</trkseg><trkseg>{}</trkseg><trkseg>{}</trkseg></trk>",
            point("46.5", "2020-05-01T07:00:00Z", ""),
            point("46.5", "2020-05-01T07:00:01Z", ""),
            point("46.5", "2020-05-01T07:05:01Z", ""),
            point("46.5", "2020-05-01T07:05:06Z", ""),
        );
        let a = read(&gpx(&body)).expect("parses");
        assert_eq!(a.samples.len(), 4);
        assert_eq!(a.pauses.len(), 1);
        let p = a.pauses.first().expect("a pause");
        assert_eq!((p.end - p.start).num_seconds(), 300);
        assert!(!a.timer_events);
    }

    #[test]
    fn no_time_at_all_says_the_length() {
        // 1° of longitude on the equator: 6,371,008.8 m × π / 180 = 111,195 m.
        let text =
            gpx(r#"<trk><trkseg><trkpt lat="0" lon="2"/><trkpt lat="0" lon="3"/></trkseg></trk>"#);
        let err = read(&text).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            err.contains("a track of 111.20 km with no time at all"),
            "{err}"
        );
    }

    #[test]
    fn a_track_mostly_without_times_keeps_every_point_at_the_first_time() {
        // Two segments of two points; only the last point has a time (it spans 1 of 4: under
        // half).
        // Every point is kept at that time, and the second segment starts at sample 2.
        let body = format!(
            r#"<metadata><time>2020-04-30T00:00:00Z</time></metadata><trk><trkseg>
            <trkpt lat="1" lon="2"/><trkpt lat="1.001" lon="2"/></trkseg><trkseg>
            <trkpt lat="1.5" lon="2"/>{}</trkseg></trk>"#,
            point("1.501", "2020-05-01T07:00:00Z", "")
        );
        let a = read(&gpx(&body)).expect("parses");
        assert_eq!(a.samples.len(), 4);
        let t = a.samples.first().map(|s| s.time);
        assert!(a.samples.iter().all(|s| Some(s.time) == t));
        assert_eq!(
            t.map(|t| t.to_rfc3339()),
            Some("2020-05-01T07:00:00+00:00".into())
        );
        let untimed = a.untimed.as_ref().expect("untimed");
        assert_eq!(untimed.segment_starts, vec![2]);
        assert_eq!(
            a.warnings,
            vec![Warning::GpxTrackUntimed {
                untimed: 3,
                points: 4
            }]
        );
    }

    #[test]
    fn an_untimed_track_takes_the_file_time() {
        let body = r#"<metadata><time>2020-04-30T06:00:00Z</time></metadata><trk><trkseg>
            <trkpt lat="1" lon="2"/><trkpt lat="1.001" lon="2"/></trkseg></trk>"#;
        let a = read(&gpx(body)).expect("parses");
        assert!(a.untimed.is_some());
        let t = a.samples.first().map(|s| s.time.to_rfc3339());
        assert_eq!(t, Some("2020-04-30T06:00:00+00:00".into()));
    }

    #[test]
    fn routes_only_say_so() {
        let text = gpx(r#"<rte><rtept lat="1" lon="2"/></rte><wpt lat="1" lon="2"/>"#);
        let err = read(&text).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            err.contains("no track points, only 1 route and 1 waypoint"),
            "{err}"
        );
    }

    #[test]
    fn bad_points_are_dropped_with_counted_warnings() {
        let body = format!(
            r#"<trk><trkseg>{}{}{}<trkpt lat="1" lon="2"></trkpt>{}</trkseg></trk>"#,
            point("46.5", "2020-05-01T07:00:00Z", ""),
            point("NaN", "2020-05-01T07:00:01Z", ""),
            point("91", "2020-05-01T07:00:02Z", ""),
            point("46.5", "2020-05-01T07:00:03", ""),
        );
        let a = read(&gpx(&body)).expect("parses");
        // Kept: the first point, the zone-less last one and the untimed one between them (timed
        // by distance); 2 bad positions dropped.
        assert_eq!(a.samples.len(), 3);
        let w: Vec<String> = a.warnings.iter().map(ToString::to_string).collect();
        let w = w.join("\n");
        assert!(
            w.contains("dropped 2 track points with missing or invalid"),
            "{w}"
        );
        assert!(
            w.contains("1 track point without a time between timed ones timed by distance"),
            "{w}"
        );
        assert!(
            w.contains("1 time had no time zone and was read as UTC"),
            "{w}"
        );
    }

    #[test]
    fn doctype_and_deep_nesting_are_refused() {
        let text = format!("<!DOCTYPE gpx [<!ENTITY e \"x\">]>{}", gpx(""));
        let err = read(&text).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            err.starts_with("invalid GPX XML at byte") && err.contains("DOCTYPE"),
            "{err}"
        );
        let deep = gpx(&format!("{}{}", "<x>".repeat(200), "</x>".repeat(200)));
        let err = read(&deep).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("nested more than 128"), "{err}");
    }

    #[test]
    fn a_truncated_file_keeps_the_points_read() {
        let body = format!(
            "<trk><trkseg>{}{}",
            point("46.5", "2020-05-01T07:00:00Z", ""),
            point("46.5", "2020-05-01T07:00:01Z", "")
        );
        let full = gpx(&body);
        // Cut inside the second point's <ele> element: only the first point is complete.
        let cut = full
            .find("500.5</ele><time>2020-05-01T07:00:01Z")
            .unwrap_or(0)
            + 3;
        let a = read(full.get(..cut).unwrap_or_default()).expect("keeps points");
        assert_eq!(a.samples.len(), 1);
        assert!(a.warnings.iter().any(|w| matches!(
            w,
            Warning::XmlCutShort {
                at_byte,
                kept: Kept::TrackPoints(1),
                ..
            } if *at_byte == cut as u64
        )));
        // Cut before any point completes: an error naming the format.
        let early = full
            .get(..full.find("<trkpt").unwrap_or(0) + 10)
            .unwrap_or_default();
        assert!(matches!(
            read(early),
            Err(ReadError::Xml { format: "GPX", .. })
        ));
    }

    #[test]
    fn damage_after_points_keeps_them_and_says_where() {
        // Two points, then an unterminated entity reference: malformed, not cut short.
        let body = format!(
            "<trk><trkseg>{}{}<trkpt lat=\"1\" lon=\"2\"><name>&bogus</name>",
            point("46.5", "2020-05-01T07:00:00Z", ""),
            point("46.5", "2020-05-01T07:00:01Z", "")
        );
        let a = read(&gpx(&body)).expect("keeps the points");
        assert_eq!(a.samples.len(), 2);
        assert!(
            a.warnings.iter().any(|w| matches!(
                w,
                Warning::XmlDamaged {
                    kept: Kept::TrackPoints(2),
                    ..
                }
            )),
            "{:?}",
            a.warnings
        );
    }

    #[test]
    fn malformed_xml_is_an_error_with_offset() {
        let text = gpx("<trk><trkseg></trk>");
        assert!(
            matches!(read(&text), Err(ReadError::Xml { format: "GPX", offset, .. }) if offset > 0)
        );
    }
}
