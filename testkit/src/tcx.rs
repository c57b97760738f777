//! Writes an [`Activity`] as a Garmin TrainingCenterDatabase (TCX v2) file: one `<Activity>`
//! with its laps, a `<Track>` per stretch between pauses, and ActivityExtension speed/cadence.

use std::io;

use runaudit::activity::{Activity, Lap, Sample, Sport, TextSource};

use crate::xml_out::{close, document, iso_z, open, text, Xml};

/// The `Sport` attribute: TCX knows only Running, Biking and Other.
fn sport_name(sport: Sport) -> &'static str {
    match sport {
        Sport::Running => "Running",
        Sport::Cycling => "Biking",
        _ => "Other",
    }
}

/// Writes `activity` as TCX. Lap totals come from the activity's laps; dropouts are left out; its
/// `TcxNotes` and `TcxPlanName` texts become `Notes` and `Training/Plan/Name`.
pub fn write(activity: &Activity) -> Vec<u8> {
    document(|w| body(w, activity))
}

fn body(w: &mut Xml, a: &Activity) -> io::Result<()> {
    open(
        w,
        "TrainingCenterDatabase",
        &[
            (
                "xmlns",
                "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2",
            ),
            (
                "xmlns:ns3",
                "http://www.garmin.com/xmlschemas/ActivityExtension/v2",
            ),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    )?;
    open(w, "Activities", &[])?;
    open(w, "Activity", &[("Sport", sport_name(a.sport))])?;
    if let Some(first) = a.samples.first() {
        text(w, "Id", &iso_z(first.time))?;
    }
    for (i, lap) in a.laps.iter().enumerate() {
        // A lap owns the samples up to and including its end; the first also owns the start.
        let prev_end = i.checked_sub(1).and_then(|j| a.laps.get(j)).map(|l| l.end);
        let samples: Vec<&Sample> = a
            .samples
            .iter()
            .filter(|s| s.time <= lap.end && prev_end.is_none_or(|p| s.time > p))
            .collect();
        write_lap(w, a, lap, &samples)?;
    }
    let text_of = |source| a.texts.iter().find(|t| t.source == source);
    if let Some(notes) = text_of(TextSource::TcxNotes) {
        text(w, "Notes", &notes.text)?;
    }
    if let Some(plan) = text_of(TextSource::TcxPlanName) {
        open(w, "Training", &[("VirtualPartner", "false")])?;
        open(
            w,
            "Plan",
            &[("Type", "Workout"), ("IntervalWorkout", "false")],
        )?;
        text(w, "Name", &plan.text)?;
        close(w, "Plan")?;
        close(w, "Training")?;
    }
    creator(w)?;
    close(w, "Activity")?;
    close(w, "Activities")?;
    close(w, "TrainingCenterDatabase")
}

fn bpm(w: &mut Xml, name: &str, value: u8) -> io::Result<()> {
    open(w, name, &[])?;
    text(w, "Value", &value.to_string())?;
    close(w, name)
}

fn write_lap(w: &mut Xml, a: &Activity, lap: &Lap, samples: &[&Sample]) -> io::Result<()> {
    open(w, "Lap", &[("StartTime", &iso_z(lap.start))])?;
    let elapsed_s = (lap.end - lap.start).num_milliseconds() as f64 / 1000.0;
    text(
        w,
        "TotalTimeSeconds",
        &format!("{:.1}", lap.timer_s.unwrap_or(elapsed_s)),
    )?;
    text(
        w,
        "DistanceMeters",
        &format!("{:.2}", lap.distance_m.unwrap_or(0.0)),
    )?;
    text(w, "Calories", "0")?;
    if let Some(avg) = lap.avg_hr_bpm {
        bpm(
            w,
            "AverageHeartRateBpm",
            avg.round().clamp(1.0, 255.0) as u8,
        )?;
    }
    if let Some(max) = lap.max_hr_bpm {
        bpm(w, "MaximumHeartRateBpm", max)?;
    }
    text(w, "Intensity", "Active")?;
    text(w, "TriggerMethod", "Manual")?;
    let mut open_track = false;
    let mut prev: Option<&Sample> = None;
    for s in samples {
        let paused = prev.is_some_and(|p| {
            a.pauses
                .iter()
                .any(|x| x.start >= p.time && x.end <= s.time)
        });
        if paused && open_track {
            close(w, "Track")?;
            open_track = false;
        }
        if !open_track {
            open(w, "Track", &[])?;
            open_track = true;
        }
        trackpoint(w, a.sport, s)?;
        prev = Some(s);
    }
    if open_track {
        close(w, "Track")?;
    }
    close(w, "Lap")
}

fn trackpoint(w: &mut Xml, sport: Sport, s: &Sample) -> io::Result<()> {
    open(w, "Trackpoint", &[])?;
    text(w, "Time", &iso_z(s.time))?;
    if let Some(p) = s.position {
        open(w, "Position", &[])?;
        text(w, "LatitudeDegrees", &format!("{:.7}", p.lat_deg))?;
        text(w, "LongitudeDegrees", &format!("{:.7}", p.lon_deg))?;
        close(w, "Position")?;
    }
    if let Some(alt) = s.altitude_m {
        text(w, "AltitudeMeters", &format!("{alt:.1}"))?;
    }
    if let Some(d) = s.distance_m {
        text(w, "DistanceMeters", &format!("{d:.2}"))?;
    }
    if let Some(hr) = s.hr_bpm.filter(|&h| h > 0) {
        bpm(w, "HeartRateBpm", hr)?;
    }
    let run_cadence = s.cadence_spm.filter(|_| sport == Sport::Running);
    if s.speed_m_s.is_some() || run_cadence.is_some() {
        open(w, "Extensions", &[])?;
        open(w, "ns3:TPX", &[])?;
        if let Some(v) = s.speed_m_s {
            text(w, "ns3:Speed", &format!("{v:.3}"))?;
        }
        if let Some(spm) = run_cadence {
            text(w, "ns3:RunCadence", &format!("{:.0}", (spm / 2.0).floor()))?;
        }
        close(w, "ns3:TPX")?;
        close(w, "Extensions")?;
    }
    close(w, "Trackpoint")
}

fn creator(w: &mut Xml) -> io::Result<()> {
    open(w, "Creator", &[("xsi:type", "Device_t")])?;
    text(w, "Name", "runaudit synth")?;
    text(w, "UnitId", "0")?;
    text(w, "ProductID", "0")?;
    open(w, "Version", &[])?;
    for (name, v) in [
        ("VersionMajor", "0"),
        ("VersionMinor", "1"),
        ("BuildMajor", "0"),
        ("BuildMinor", "0"),
    ] {
        text(w, name, v)?;
    }
    close(w, "Version")?;
    close(w, "Creator")
}
