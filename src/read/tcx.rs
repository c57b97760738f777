//! TCX (Garmin Training Center XML) reader: one [`Activity`] per `<Activity>`, with its laps,
//! trackpoints and the ActivityExtension fields (speed, run cadence, watts), streamed.

use chrono::{DateTime, Duration, Utc};
use quick_xml::events::BytesStart;

use super::xml::{self, Node, Segments, Walker};
use crate::activity::{Activity, DeviceSummary, Format, Lap, Position, Sample, Sport};
use crate::error::ReadError;

/// Reads every `<Activity>` of a TCX file.
///
/// Trackpoints without a time are dropped with a counted warning; activities without any
/// trackpoint are left out. `RunCadence` (per leg) is doubled to steps per minute. A file cut
/// short keeps what was read before the cut, with a warning.
///
/// ```
/// let tcx = br#"<TrainingCenterDatabase><Activities><Activity Sport="Running">
///   <Id>2020-05-01T07:00:00Z</Id><Lap StartTime="2020-05-01T07:00:00Z"><Track>
///   <Trackpoint><Time>2020-05-01T07:00:00Z</Time></Trackpoint>
/// </Track></Lap></Activity></Activities></TrainingCenterDatabase>"#;
/// let activities = runaudit::read::tcx::parse(tcx).unwrap();
/// assert_eq!(activities.len(), 1);
/// assert_eq!(activities[0].laps.len(), 1);
/// ```
pub fn parse(bytes: &[u8]) -> Result<Vec<Activity>, ReadError> {
    let (text, decode_warning) = xml::decode(bytes);
    let mut reader = TcxReader::default();
    let mut walker = Walker::new(&text);
    let truncation = loop {
        match walker.next_node() {
            Ok(Node::Start(e)) => reader.start(&e),
            Ok(Node::End) => reader.end(),
            Ok(Node::Text(t)) => reader.text(&t),
            Ok(Node::Eof) => break None,
            Err(stop) if stop.truncated && reader.n_trackpoints > 0 => {
                break Some(format!(
                    "file ends early at byte {} ({}); kept what was read before it",
                    stop.offset, stop.message
                ));
            }
            Err(stop) => return Err(stop.into_error("TCX")),
        }
    };
    if let Some(open) = reader.current.take() {
        reader.finish_activity(open);
    }
    let mut activities = reader.done;
    if let Some(last) = activities.last_mut() {
        last.warnings.extend(truncation);
    }
    if let Some(first) = activities.first_mut() {
        first.warnings.extend(decode_warning);
    }
    if activities.is_empty() {
        return Err(
            match (reader.n_activities, reader.n_untimed, reader.n_courses) {
                (0, _, 0) => ReadError::NoActivity("TCX has no activities".into()),
                (0, _, _) => ReadError::NoActivity(
                    "TCX has courses but no activities: a plan, not a recording".into(),
                ),
                (_, 0, _) => ReadError::NoActivity("TCX activities have no trackpoints".into()),
                _ => ReadError::NoTimestamps,
            },
        );
    }
    Ok(activities)
}

/// The elements the reader cares about, by local name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Activity,
    Id,
    Creator,
    Name,
    Lap,
    TotalTimeSeconds,
    DistanceMeters,
    AverageHeartRateBpm,
    MaximumHeartRateBpm,
    Value,
    Track,
    Trackpoint,
    Time,
    Position,
    LatitudeDegrees,
    LongitudeDegrees,
    AltitudeMeters,
    HeartRateBpm,
    Cadence,
    Speed,
    RunCadence,
    Watts,
    Course,
    Other,
}

fn classify(local: &str) -> Tag {
    match local {
        "Trackpoint" => Tag::Trackpoint,
        "Time" => Tag::Time,
        "Position" => Tag::Position,
        "LatitudeDegrees" => Tag::LatitudeDegrees,
        "LongitudeDegrees" => Tag::LongitudeDegrees,
        "AltitudeMeters" => Tag::AltitudeMeters,
        "DistanceMeters" => Tag::DistanceMeters,
        "HeartRateBpm" => Tag::HeartRateBpm,
        "Value" => Tag::Value,
        "Cadence" => Tag::Cadence,
        "Speed" => Tag::Speed,
        "RunCadence" => Tag::RunCadence,
        "Watts" => Tag::Watts,
        "Track" => Tag::Track,
        "Lap" => Tag::Lap,
        "TotalTimeSeconds" => Tag::TotalTimeSeconds,
        "AverageHeartRateBpm" => Tag::AverageHeartRateBpm,
        "MaximumHeartRateBpm" => Tag::MaximumHeartRateBpm,
        "Activity" => Tag::Activity,
        "Id" => Tag::Id,
        "Creator" => Tag::Creator,
        "Name" => Tag::Name,
        "Course" => Tag::Course,
        _ => Tag::Other,
    }
}

/// A lap as the file writes it, plus the times of its first and last trackpoints.
#[derive(Debug, Default)]
struct LapBuf {
    start: Option<DateTime<Utc>>,
    timer_s: Option<f64>,
    distance_m: Option<f64>,
    avg_hr_bpm: Option<f64>,
    max_hr_bpm: Option<u8>,
    first_point: Option<DateTime<Utc>>,
    last_point: Option<DateTime<Utc>>,
}

/// The activity being read.
struct ActivityBuf {
    act: Activity,
    id_time: Option<DateTime<Utc>>,
    laps: Vec<LapBuf>,
    segments: Segments,
    run_cadence: bool,
    n_untimed: usize,
    n_zoneless: usize,
    n_bad_position: usize,
}

/// The trackpoint being read.
struct PointBuf {
    time: Option<DateTime<Utc>>,
    lat_deg: Option<f64>,
    lon_deg: Option<f64>,
    run_cadence: Option<f64>,
    sample: Sample,
}

/// Streaming state: open-element stack, the activity and trackpoint being read, and counts.
#[derive(Default)]
struct TcxReader {
    stack: Vec<Tag>,
    collecting: Option<(usize, Tag)>,
    text: String,
    current: Option<ActivityBuf>,
    point: Option<PointBuf>,
    done: Vec<Activity>,
    n_activities: usize,
    n_courses: usize,
    n_trackpoints: usize,
    n_untimed: usize,
}

impl TcxReader {
    fn start(&mut self, e: &BytesStart<'_>) {
        let tag = classify(xml::local_name(e));
        self.stack.push(tag);
        let in_point = self.point.is_some();
        let collect = match tag {
            Tag::Activity => {
                if let Some(open) = self.current.take() {
                    self.finish_activity(open);
                }
                self.current = Some(self.new_activity(e));
                false
            }
            Tag::Lap => {
                if let Some(a) = self.current.as_mut() {
                    let start = xml::attribute(e, "StartTime").and_then(|t| xml::parse_time(&t));
                    a.laps.push(LapBuf {
                        start: start.map(|(t, _)| t),
                        ..LapBuf::default()
                    });
                }
                false
            }
            Tag::Track => {
                if let Some(a) = self.current.as_mut() {
                    a.segments.mark(a.act.samples.len());
                }
                false
            }
            Tag::Trackpoint if self.current.is_some() => {
                self.point = Some(PointBuf {
                    time: None,
                    lat_deg: None,
                    lon_deg: None,
                    run_cadence: None,
                    sample: Sample::at(DateTime::<Utc>::MIN_UTC),
                });
                false
            }
            Tag::Course => {
                self.n_courses += 1;
                false
            }
            Tag::Speed | Tag::RunCadence | Tag::Watts => in_point,
            Tag::Other
            | Tag::Trackpoint
            | Tag::Creator
            | Tag::Position
            | Tag::HeartRateBpm
            | Tag::AverageHeartRateBpm
            | Tag::MaximumHeartRateBpm => false,
            _ => self.current.is_some(),
        };
        if collect {
            self.text.clear();
            self.collecting = Some((self.stack.len(), tag));
        }
    }

    fn new_activity(&mut self, e: &BytesStart<'_>) -> ActivityBuf {
        let mut act = Activity::new(Format::Tcx);
        act.session = self.n_activities;
        self.n_activities += 1;
        act.sport = xml::attribute(e, "Sport").map_or(Sport::Unknown, |s| Sport::from_name(&s));
        ActivityBuf {
            act,
            id_time: None,
            laps: Vec::new(),
            segments: Segments::default(),
            run_cadence: false,
            n_untimed: 0,
            n_zoneless: 0,
            n_bad_position: 0,
        }
    }

    fn text(&mut self, t: &str) {
        if self.collecting.is_some() {
            self.text.push_str(t);
        }
    }

    fn end(&mut self) {
        if let Some((depth, tag)) = self.collecting {
            if depth == self.stack.len() {
                self.collecting = None;
                self.field(tag);
            }
        }
        match self.stack.pop() {
            Some(Tag::Trackpoint) => {
                if let Some(point) = self.point.take() {
                    self.finish_point(point);
                }
            }
            Some(Tag::Activity) => {
                if let Some(open) = self.current.take() {
                    self.finish_activity(open);
                }
            }
            _ => {}
        }
    }

    /// The tag `up` levels above the innermost open element.
    fn ancestor(&self, up: usize) -> Option<Tag> {
        let i = self.stack.len().checked_sub(up.checked_add(1)?)?;
        self.stack.get(i).copied()
    }

    /// Stores the collected text of a finished leaf element.
    fn field(&mut self, tag: Tag) {
        let parent = self.ancestor(1);
        let text = self.text.as_str();
        if let Some(p) = self.point.as_mut() {
            let s = &mut p.sample;
            match (tag, parent) {
                (Tag::Time, Some(Tag::Trackpoint)) => {
                    p.time = xml::parse_time(text).map(|(t, zoned)| {
                        if let Some(a) = self.current.as_mut() {
                            a.n_zoneless += usize::from(!zoned);
                        }
                        t
                    })
                }
                (Tag::LatitudeDegrees, _) => p.lat_deg = xml::parse_f64(text),
                (Tag::LongitudeDegrees, _) => p.lon_deg = xml::parse_f64(text),
                (Tag::AltitudeMeters, _) => s.altitude_m = xml::parse_f64(text),
                (Tag::DistanceMeters, _) => {
                    s.distance_m = xml::parse_f64(text).filter(|d| *d >= 0.0)
                }
                (Tag::Value, Some(Tag::HeartRateBpm)) => s.hr_bpm = xml::parse_hr(text),
                (Tag::Cadence, _) => s.cadence_spm = xml::parse_f64(text).filter(|c| *c >= 0.0),
                (Tag::RunCadence, _) => p.run_cadence = xml::parse_f64(text).filter(|c| *c >= 0.0),
                (Tag::Speed, _) => s.speed_m_s = xml::parse_f64(text).filter(|v| *v >= 0.0),
                (Tag::Watts, _) => {
                    s.power_w = xml::parse_f64(text)
                        .filter(|w| (0.0..=65535.0).contains(w))
                        .map(|w| w.round() as u16)
                }
                _ => {}
            }
            return;
        }
        let grandparent = self.ancestor(2);
        let Some(a) = self.current.as_mut() else {
            return;
        };
        match (tag, parent, grandparent) {
            (Tag::Id, Some(Tag::Activity), _) => a.id_time = xml::parse_time(text).map(|t| t.0),
            (Tag::Name, Some(Tag::Creator), Some(Tag::Activity)) => {
                a.act.device = Some(text.trim().to_string()).filter(|d| !d.is_empty())
            }
            (Tag::TotalTimeSeconds, Some(Tag::Lap), _) => {
                if let Some(lap) = a.laps.last_mut() {
                    lap.timer_s = xml::parse_f64(text).filter(|t| *t >= 0.0);
                }
            }
            (Tag::DistanceMeters, Some(Tag::Lap), _) => {
                if let Some(lap) = a.laps.last_mut() {
                    lap.distance_m = xml::parse_f64(text).filter(|d| *d >= 0.0);
                }
            }
            (Tag::Value, Some(Tag::AverageHeartRateBpm), Some(Tag::Lap)) => {
                if let Some(lap) = a.laps.last_mut() {
                    lap.avg_hr_bpm = xml::parse_f64(text).filter(|h| *h > 0.0);
                }
            }
            (Tag::Value, Some(Tag::MaximumHeartRateBpm), Some(Tag::Lap)) => {
                if let Some(lap) = a.laps.last_mut() {
                    lap.max_hr_bpm = xml::parse_hr(text);
                }
            }
            _ => {}
        }
    }

    fn finish_point(&mut self, p: PointBuf) {
        let Some(a) = self.current.as_mut() else {
            return;
        };
        let Some(time) = p.time else {
            a.n_untimed += 1;
            self.n_untimed += 1;
            return;
        };
        self.n_trackpoints += 1;
        let mut sample = p.sample;
        sample.time = time;
        sample.position = match (p.lat_deg, p.lon_deg) {
            (Some(lat_deg), Some(lon_deg))
                if (-90.0..=90.0).contains(&lat_deg) && (-180.0..=180.0).contains(&lon_deg) =>
            {
                Some(Position { lat_deg, lon_deg })
            }
            (None, None) => None,
            _ => {
                a.n_bad_position += 1;
                None
            }
        };
        if let Some(rc) = p.run_cadence {
            // RunCadence is per leg: strides per minute → steps per minute.
            sample.cadence_spm = Some(rc * 2.0);
            a.run_cadence = true;
        }
        if let Some(lap) = a.laps.last_mut() {
            lap.first_point = lap.first_point.or(Some(time));
            lap.last_point = Some(time);
        }
        a.act.samples.push(sample);
    }

    fn finish_activity(&mut self, buf: ActivityBuf) {
        let ActivityBuf { mut act, .. } = buf;
        if act.samples.is_empty() {
            return;
        }
        let counts = [
            (
                buf.n_untimed,
                "trackpoints without a usable time (missing, unreadable or before 1980) were dropped",
            ),
            (
                buf.n_bad_position,
                "trackpoints had an incomplete or invalid position",
            ),
            (
                buf.n_zoneless,
                "times had no time zone and were read as UTC",
            ),
        ];
        for (n, what) in counts {
            if n > 0 {
                act.warnings.push(format!("{n} {what}"));
            }
        }
        xml::finish_samples(&mut act, &buf.segments);
        if !buf.run_cadence {
            xml::cadence_per_leg_doubled(&mut act);
        }
        act.laps = build_laps(&buf.laps);
        act.summary = summarize(
            &act.laps,
            buf.id_time.or(act.samples.first().map(|s| s.time)),
        );
        self.done.push(act);
    }
}

/// Laps with their ends: the later of start + timer time and the lap's last trackpoint (a
/// pause inside the lap makes the timer time short), never past the next lap's start.
fn build_laps(bufs: &[LapBuf]) -> Vec<Lap> {
    let starts: Vec<Option<DateTime<Utc>>> =
        bufs.iter().map(|l| l.start.or(l.first_point)).collect();
    let mut laps = Vec::with_capacity(bufs.len());
    for (i, lap) in bufs.iter().enumerate() {
        let Some(Some(start)) = starts.get(i).copied() else {
            continue;
        };
        let by_timer = lap
            .timer_s
            .and_then(|s| Duration::try_milliseconds((s * 1000.0).round() as i64))
            .and_then(|d| start.checked_add_signed(d));
        let mut end = [by_timer, lap.last_point]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(start);
        let next_start = starts.iter().skip(i + 1).flatten().next().copied();
        if let Some(next) = next_start.filter(|n| *n >= start) {
            end = end.min(next);
        }
        laps.push(Lap {
            start,
            end: end.max(start),
            timer_s: lap.timer_s,
            distance_m: lap.distance_m,
            avg_hr_bpm: lap.avg_hr_bpm,
            max_hr_bpm: lap.max_hr_bpm,
        });
    }
    laps
}

/// The device totals: lap timer times and distances summed, the highest lap maximum, and the
/// lap averages weighted by timer time (only when every lap has both).
fn summarize(laps: &[Lap], start: Option<DateTime<Utc>>) -> DeviceSummary {
    let sum = |f: fn(&Lap) -> Option<f64>| {
        laps.iter()
            .filter_map(f)
            .fold(None, |acc: Option<f64>, v| Some(acc.unwrap_or(0.0) + v))
    };
    let weighted: Option<(f64, f64)> = laps.iter().try_fold((0.0, 0.0), |(hr_s, s), lap| {
        Some((hr_s + lap.avg_hr_bpm? * lap.timer_s?, s + lap.timer_s?))
    });
    DeviceSummary {
        start: laps.first().map(|l| l.start).or(start),
        timer_s: sum(|l| l.timer_s),
        distance_m: sum(|l| l.distance_m),
        avg_hr_bpm: weighted.filter(|(_, s)| *s > 0.0).map(|(hr_s, s)| hr_s / s),
        max_hr_bpm: laps.iter().filter_map(|l| l.max_hr_bpm).max(),
        ..DeviceSummary::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trackpoint(time: &str, hr: u32, run_cadence: u32) -> String {
        format!(
            "<Trackpoint><Time>{time}</Time><Position><LatitudeDegrees>46.5</LatitudeDegrees>\
             <LongitudeDegrees>13.7</LongitudeDegrees></Position><AltitudeMeters>501.2</AltitudeMeters>\
             <DistanceMeters>12.5</DistanceMeters><HeartRateBpm><Value>{hr}</Value></HeartRateBpm>\
             <Extensions><ns3:TPX><ns3:Speed>2.75</ns3:Speed><ns3:RunCadence>{run_cadence}</ns3:RunCadence>\
             <ns3:Watts>240</ns3:Watts></ns3:TPX></Extensions></Trackpoint>"
        )
    }

    fn lap(start: &str, timer_s: f64, dist_m: f64, avg: u32, max: u32, points: &str) -> String {
        format!(
            "<Lap StartTime=\"{start}\"><TotalTimeSeconds>{timer_s}</TotalTimeSeconds>\
             <DistanceMeters>{dist_m}</DistanceMeters><AverageHeartRateBpm><Value>{avg}</Value>\
             </AverageHeartRateBpm><MaximumHeartRateBpm><Value>{max}</Value></MaximumHeartRateBpm>\
             <Track>{points}</Track></Lap>"
        )
    }

    fn tcx(activities: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?><TrainingCenterDatabase \
             xmlns:ns3=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\">\
             <Activities>{activities}</Activities></TrainingCenterDatabase>"
        )
    }

    /// Two laps: lap 1 starts 07:00:00 with 300 s timer time but its last trackpoint is at
    /// 07:06:00 (a 60 s pause inside it); lap 2 starts 07:06:01 with 200 s timer time.
    fn two_lap_run() -> String {
        let lap1 = lap(
            "2020-05-01T07:00:00Z",
            300.0,
            1000.0,
            140,
            150,
            &(trackpoint("2020-05-01T07:00:00Z", 120, 80)
                + &trackpoint("2020-05-01T07:06:00Z", 150, 85)),
        );
        let lap2 = lap(
            "2020-05-01T07:06:01Z",
            200.0,
            700.0,
            155,
            162,
            &(trackpoint("2020-05-01T07:06:01Z", 160, 88)
                + &trackpoint("2020-05-01T07:09:21Z", 255, 90)),
        );
        tcx(&format!(
            "<Activity Sport=\"Running\"><Id>2020-05-01T07:00:00Z</Id>{lap1}{lap2}\
             <Creator xsi:type=\"Device_t\"><Name>Forerunner 245</Name></Creator></Activity>"
        ))
    }

    #[test]
    fn two_laps_with_run_cadence_doubled() {
        let activities = parse(two_lap_run().as_bytes()).map_err(|e| e.to_string());
        let a = activities
            .as_ref()
            .map(|v| v.as_slice())
            .unwrap_or_default();
        assert_eq!(a.len(), 1);
        let a = a.first().expect("one activity");
        assert_eq!(a.sport, Sport::Running);
        assert_eq!(a.device.as_deref(), Some("Forerunner 245"));
        assert_eq!(a.samples.len(), 4);
        let first = a.samples.first().expect("sample");
        // RunCadence 80 per leg = 160 steps/min.
        assert_eq!(first.cadence_spm, Some(160.0));
        assert_eq!(first.hr_bpm, Some(120));
        assert_eq!(first.speed_m_s, Some(2.75));
        assert_eq!(first.power_w, Some(240));
        assert_eq!(first.distance_m, Some(12.5));
        assert_eq!(first.altitude_m, Some(501.2));
        assert_eq!(first.position.map(|p| p.lon_deg), Some(13.7));
        // HR 255 is a dropout.
        assert_eq!(a.samples.last().and_then(|s| s.hr_bpm), None);
        // Lap 1: start + 300 s = 07:05:00, but its last point is 07:06:00 → ends 07:06:00.
        // Lap 2: start + 200 s = 07:09:21, equal to its last point.
        let ends: Vec<String> = a
            .laps
            .iter()
            .map(|l| l.end.format("%H:%M:%S").to_string())
            .collect();
        assert_eq!(ends, vec!["07:06:00", "07:09:21"]);
        // Summary: 300 + 200 = 500 s; 1000 + 700 = 1700 m; max(150, 162) = 162;
        // avg (140·300 + 155·200) / 500 = (42000 + 31000) / 500 = 146.
        assert_eq!(a.summary.timer_s, Some(500.0));
        assert_eq!(a.summary.distance_m, Some(1700.0));
        assert_eq!(a.summary.max_hr_bpm, Some(162));
        assert_eq!(a.summary.avg_hr_bpm, Some(146.0));
        assert_eq!(a.laps.first().and_then(|l| l.avg_hr_bpm), Some(140.0));
    }

    #[test]
    fn activities_are_numbered_and_courses_are_no_activity() {
        let one = format!(
            "<Activity Sport=\"Biking\"><Id>x</Id>{}</Activity>",
            lap(
                "2020-05-02T07:00:00Z",
                1.0,
                1.0,
                100,
                100,
                &trackpoint("2020-05-02T07:00:00Z", 100, 0)
            )
        );
        let two = parse(tcx(&(one.clone() + &one)).as_bytes()).unwrap_or_default();
        let sessions: Vec<_> = two.iter().map(|a| (a.session, a.sport)).collect();
        assert_eq!(sessions, vec![(0, Sport::Cycling), (1, Sport::Cycling)]);
        let course = "<TrainingCenterDatabase><Courses><Course><Name>Loop</Name><Track>\
                      <Trackpoint><Time>2020-05-02T07:00:00Z</Time></Trackpoint></Track>\
                      </Course></Courses></TrainingCenterDatabase>";
        let err = parse(course.as_bytes())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("courses but no activities"), "{err}");
    }

    #[test]
    fn a_truncated_file_keeps_what_was_read() {
        let full = two_lap_run();
        // Cut inside lap 2's first trackpoint: lap 1's two points are complete.
        let cut = full.find("<Time>2020-05-01T07:06:01Z").unwrap_or(0) + 10;
        let activities = parse(full.get(..cut).unwrap_or_default().as_bytes()).unwrap_or_default();
        let a = activities.first().expect("kept");
        assert_eq!(a.samples.len(), 2);
        assert!(a
            .warnings
            .iter()
            .any(|w| w.contains(&format!("file ends early at byte {cut}"))));
    }

    #[test]
    fn doctype_is_refused() {
        let text = format!(
            "<!DOCTYPE x>{}",
            two_lap_run().replace("<?xml version=\"1.0\"?>", "")
        );
        let err = parse(text.as_bytes())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.starts_with("invalid TCX XML") && err.contains("DOCTYPE"),
            "{err}"
        );
    }

    #[test]
    fn cadence_without_run_cadence_follows_the_median_rule() {
        // A running file with only <Cadence> 84 (per leg) → 168 steps/min.
        let point =
            "<Trackpoint><Time>2020-05-01T07:00:00Z</Time><Cadence>84</Cadence></Trackpoint>";
        let text = tcx(&format!("<Activity Sport=\"Running\"><Lap StartTime=\"2020-05-01T07:00:00Z\"><Track>{point}</Track></Lap></Activity>"));
        let activities = parse(text.as_bytes()).unwrap_or_default();
        let cadence = activities
            .first()
            .and_then(|a| a.samples.first())
            .and_then(|s| s.cadence_spm);
        assert_eq!(cadence, Some(168.0));
    }
}
