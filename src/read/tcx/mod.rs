//! TCX (Garmin Training Center XML) reader: one [`Activity`] per `<Activity>`, with its laps,
//! trackpoints and the ActivityExtension fields (speed, run cadence, watts), streamed.

use chrono::{DateTime, Utc};
use quick_xml::events::BytesStart;

use super::budget::{self, MAX_LAPS, MAX_SAMPLES, MAX_SESSIONS};
use super::repair;
use super::xml::{self, Node, Segments, TextCollector, Walker};
use crate::activity::{
    capped, Activity, Format, Kept, Position, Sample, Sport, SubSport, Text, TextSource, Warning,
};
use crate::error::{Overflow, ReadError};

mod laps;
use laps::{build_laps, summarize, LapBuf};

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
            Ok(Node::Start(e)) => {
                reader.start(&e);
                if let Some(what) = reader.overflow {
                    return Err(budget::refuse(what));
                }
            }
            Ok(Node::End) => reader.end(),
            Ok(Node::Text(t)) => reader.text.push(&t),
            Ok(Node::Eof) => break None,
            Err(stop) => match stop.keep_warning(Kept::WhatWasRead) {
                Some(warning) if reader.n_trackpoints > 0 => break Some(warning),
                _ => return Err(stop.into_error("TCX")),
            },
        }
    };
    if let Some(open) = reader.current.take() {
        reader.finish_activity(open);
    }
    if let Some(what) = reader.overflow {
        return Err(budget::refuse(what));
    }
    let capped = (reader.n_capped > 0).then_some(Warning::SamplesCapped {
        kept: MAX_SAMPLES,
        dropped: reader.n_capped,
    });
    let mut activities = reader.done;
    for a in &mut activities {
        a.warnings.extend(capped.clone());
    }
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
    Notes,
    Training,
    Plan,
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
        "Notes" => Tag::Notes,
        "Training" => Tag::Training,
        "Plan" => Tag::Plan,
        _ => Tag::Other,
    }
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
    n_hr_dropouts: usize,
    /// `Training/Plan/Name`, then `Notes`: the texts, in the order they declare intent.
    texts: [Option<Text>; 2],
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
    text: TextCollector<Tag>,
    current: Option<ActivityBuf>,
    point: Option<PointBuf>,
    done: Vec<Activity>,
    n_activities: usize,
    n_courses: usize,
    n_trackpoints: usize,
    n_untimed: usize,
    /// Timed trackpoints dropped over the file's budget ([`MAX_SAMPLES`]).
    n_capped: usize,
    /// The first list that went over the file's budget: the file is refused.
    overflow: Option<Overflow>,
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
                    if a.laps.len() >= MAX_LAPS {
                        self.overflow.get_or_insert(Overflow::Laps);
                        return;
                    }
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
            | Tag::Training
            | Tag::Plan
            | Tag::Position
            | Tag::HeartRateBpm
            | Tag::AverageHeartRateBpm
            | Tag::MaximumHeartRateBpm => false,
            _ => self.current.is_some(),
        };
        if collect {
            self.text.start(self.stack.len(), tag);
        }
    }

    fn new_activity(&mut self, e: &BytesStart<'_>) -> ActivityBuf {
        let mut act = Activity::new(Format::Tcx);
        act.session = self.n_activities;
        self.n_activities += 1;
        let sport = xml::attribute(e, "Sport");
        act.sport = sport.as_deref().map_or(Sport::Unknown, Sport::from_name);
        // The schema's sports are Running, Biking and Other; a file that names more is read.
        act.sub_sport = sport.as_deref().and_then(SubSport::from_name);
        ActivityBuf {
            act,
            id_time: None,
            laps: Vec::new(),
            segments: Segments::default(),
            run_cadence: false,
            n_untimed: 0,
            n_zoneless: 0,
            n_bad_position: 0,
            n_hr_dropouts: 0,
            texts: [None, None],
        }
    }

    fn end(&mut self) {
        if let Some(tag) = self.text.end(self.stack.len()) {
            self.field(tag);
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
        let text = self.text.text();
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
                (Tag::Value, Some(Tag::HeartRateBpm)) => {
                    s.hr_bpm = xml::parse_hr(text);
                    if let Some(a) = self.current.as_mut() {
                        a.n_hr_dropouts += usize::from(xml::is_hr_dropout(text));
                    }
                }
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
            (Tag::Name, Some(Tag::Creator), Some(Tag::Activity)) => a.act.device = capped(text),
            (Tag::Name, Some(Tag::Plan), Some(Tag::Training)) => {
                a.texts[0] = Text::new(TextSource::TcxPlanName, text)
            }
            (Tag::Notes, Some(Tag::Activity), _) => {
                a.texts[1] = Text::new(TextSource::TcxNotes, text)
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
        if self.n_trackpoints >= MAX_SAMPLES {
            self.n_capped += 1;
            return;
        }
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
        act.texts = buf.texts.into_iter().flatten().collect();
        if act.samples.is_empty() {
            return;
        }
        let counts = [
            (
                buf.n_untimed,
                Warning::TcxUntimed {
                    trackpoints: buf.n_untimed,
                },
            ),
            (
                buf.n_bad_position,
                Warning::TcxBadPositions {
                    trackpoints: buf.n_bad_position,
                },
            ),
            (
                buf.n_zoneless,
                Warning::TcxZoneless {
                    times: buf.n_zoneless,
                },
            ),
            (
                buf.n_hr_dropouts,
                Warning::HrDropouts {
                    heart_rates: buf.n_hr_dropouts,
                },
            ),
        ];
        act.warnings
            .extend(counts.into_iter().filter(|(n, _)| *n > 0).map(|(_, w)| w));
        xml::finish_samples(&mut act, &buf.segments);
        if !buf.run_cadence {
            repair::cadence_per_leg_doubled(&mut act);
        }
        act.laps = build_laps(&buf.laps);
        act.summary = summarize(
            &act.laps,
            buf.id_time.or(act.samples.first().map(|s| s.time)),
        );
        if self.done.len() >= MAX_SESSIONS {
            self.overflow.get_or_insert(Overflow::Sessions);
            return;
        }
        self.done.push(act);
    }
}

#[cfg(test)]
mod tests;
