//! Unit tests of the TCX reader on crafted documents.

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
    assert!(a.warnings.iter().any(|w| matches!(
        w,
        Warning::XmlCutShort {
            at_byte,
            kept: Kept::WhatWasRead,
            ..
        } if *at_byte == cut as u64
    )));
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
    let point = "<Trackpoint><Time>2020-05-01T07:00:00Z</Time><Cadence>84</Cadence></Trackpoint>";
    let text = tcx(&format!("<Activity Sport=\"Running\"><Lap StartTime=\"2020-05-01T07:00:00Z\"><Track>{point}</Track></Lap></Activity>"));
    let activities = parse(text.as_bytes()).unwrap_or_default();
    let cadence = activities
        .first()
        .and_then(|a| a.samples.first())
        .and_then(|s| s.cadence_spm);
    assert_eq!(cadence, Some(168.0));
}
