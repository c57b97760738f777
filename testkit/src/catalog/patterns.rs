//! The session patterns a coach names, each written as a FIT file after six weeks of the same
//! runner's ordinary running (normal pace about 5:36/km), with the type a coach gives it: the
//! cases the session types are checked on, because they are the ones a pace-only or heart-rate-
//! only rule gets wrong (a group long run with traffic stops, easy running with strides, a
//! track session with GPS off, a half marathon with a default name).

use chrono::{DateTime, Duration, TimeZone, Utc};
use runaudit::activity::Sport;

use crate::{fit, Hr, RunSpec};

/// The runner's max HR and LTHR, for the profile the patterns are judged with.
pub const PATTERNS_PROFILE_TOML: &str = "max_hr = 190\nlthr = 172\nresting_hr = 50\n";

/// One pattern: its file name, the type a coach gives it, and the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The file name (`2025-03-10-group-long-run.fit`).
    pub file: String,
    /// The session type expected (`long`, `easy`, `workout`, `race`, `recovery`).
    pub expected: &'static str,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

fn speed(pace_s_per_km: f64) -> f64 {
    1000.0 / pace_s_per_km
}

/// The first day of the background weeks.
fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 27, 7, 0, 0)
        .single()
        .unwrap_or_default()
        + Duration::days(n)
}

/// Warm-up: 15 minutes of easy running.
fn warm(s: RunSpec) -> RunSpec {
    s.run(900, speed(345.0), Hr::Ramp(120, 140))
}

/// Cool-down: 10 minutes of easy running.
fn cool(s: RunSpec) -> RunSpec {
    s.run(600, speed(350.0), Hr::Ramp(150, 135))
}

/// Six weeks of ordinary running before the patterns: five runs a week of 40 to 60 minutes at
/// 5:30 to 5:50/km, a 75-minute run on Sundays.
fn background() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for w in 0..6i64 {
        for (d, minutes, pace) in [
            (0, 45u32, 335.0),
            (1, 50, 330.0),
            (3, 40, 345.0),
            (4, 55, 340.0),
            (6, 75, 350.0),
        ] {
            let at = day(w * 7 + d);
            let pace = pace + (w % 3) as f64 * 3.0;
            let spec =
                RunSpec::new(at)
                    .interval_s(2)
                    .run(minutes * 60, speed(pace), Hr::Ramp(128, 142));
            let bytes = fit::write(&spec.build().activity);
            out.push((format!("{}-base.fit", at.format("%Y-%m-%d")), bytes));
        }
    }
    out
}

/// The eleven patterns, one every other day after the background weeks.
pub fn patterns() -> Vec<Pattern> {
    let at = |n: i64| day(42 + 2 * n);
    let s = |n: i64| RunSpec::new(at(n)).interval_s(2);
    let mut out = Vec::new();
    let mut add = |n: i64, what: &str, expected: &'static str, spec: RunSpec| {
        let bytes = fit::write(&spec.build().activity);
        out.push(Pattern {
            file: format!("{}-{what}.fit", at(n).format("%Y-%m-%d")),
            expected,
            bytes,
        });
    };

    // A group long run with traffic stops: 100 min at normal pace, 14 stops of 40 s, each
    // followed by a minute at 5:15/km to catch the group.
    let mut group = s(0);
    for _ in 0..14 {
        group = group
            .run(300, speed(340.0), Hr::Ramp(135, 145))
            .stand(40, Hr::Constant(125))
            .run(60, speed(315.0), Hr::Constant(150));
    }
    add(
        0,
        "group-long-run",
        "long",
        group.run(900, speed(336.0), Hr::Constant(146)),
    );

    // A progression long run: 100 minutes from 6:00/km to a fast finish of 8 minutes at
    // 5:00/km (20 minutes in all at 5:15/km or faster).
    let mut progression = s(1);
    for (i, (minutes, pace)) in [
        (30, 360.0),
        (30, 345.0),
        (20, 330.0),
        (12, 315.0),
        (8, 300.0),
    ]
    .into_iter()
    .enumerate()
    {
        let bpm = 135 + 6 * i as u8;
        progression = progression.run(minutes * 60, speed(pace), Hr::Ramp(bpm, bpm + 5));
    }
    add(1, "progression-long-run", "long", progression);

    // Easy running and six strides of 20 s with a minute's jog after each.
    let mut strides = s(2).run(2400, speed(340.0), Hr::Ramp(128, 140));
    for _ in 0..6 {
        strides = strides.run(20, speed(225.0), Hr::Ramp(140, 155)).run(
            60,
            speed(380.0),
            Hr::Ramp(150, 138),
        );
    }
    add(
        2,
        "easy-and-strides",
        "easy",
        strides.run(300, speed(345.0), Hr::Constant(135)),
    );

    // 10 × 400 m at 4:00/km with 200 m jogs.
    let mut track = warm(s(3));
    for _ in 0..10 {
        track = track.run_m(400.0, speed(240.0), Hr::Ramp(150, 172)).run_m(
            200.0,
            speed(400.0),
            Hr::Ramp(165, 145),
        );
    }
    add(3, "10x400", "workout", cool(track));

    // 5 × 1200 m at 4:15/km with two minutes' walk between, in a file whose sport says walking.
    let mut walked_rest = warm(s(4)).sport(Sport::Walking);
    for _ in 0..5 {
        walked_rest = walked_rest
            .run_m(1200.0, speed(255.0), Hr::Ramp(150, 172))
            .walk(120, 1.4, Hr::Ramp(165, 135));
    }
    add(4, "5x1200-walking-sport", "workout", cool(walked_rest));

    // A half marathon at 4:40/km with the watch's default name.
    let half = s(5)
        .run_m(21_200.0, speed(280.0), Hr::Ramp(160, 178))
        .name("Morning Run");
    add(5, "half-marathon", "race", half);

    // The day after: a recovery jog, slow and easy.
    add(
        6,
        "recovery-after-race",
        "recovery",
        s(6).run(1800, speed(420.0), Hr::Ramp(115, 128)),
    );

    // 20 minutes at 4:55/km between warm-up and cool-down.
    add(
        7,
        "20-min-tempo",
        "workout",
        cool(warm(s(7)).run(1200, speed(295.0), Hr::Ramp(160, 170))),
    );

    // Fartlek: 12 × (90 s at 4:30/km, 30 s at 6:00/km).
    let mut fartlek = warm(s(8));
    for _ in 0..12 {
        fartlek = fartlek.run(90, speed(270.0), Hr::Ramp(150, 168)).run(
            30,
            speed(360.0),
            Hr::Ramp(165, 158),
        );
    }
    add(8, "fartlek-90-30", "workout", cool(fartlek));

    // Easy running and three 100 m sprints with a walk back.
    let mut sprints = s(9).run(2400, speed(340.0), Hr::Ramp(128, 140));
    for _ in 0..3 {
        sprints = sprints.run_m(100.0, speed(180.0), Hr::Ramp(140, 160)).walk(
            90,
            1.2,
            Hr::Ramp(155, 135),
        );
    }
    add(
        9,
        "3x100m-sprints",
        "easy",
        sprints.run(600, speed(345.0), Hr::Constant(135)),
    );

    out.push(gps_off_track_session(at(10)));
    out
}

/// 6 × 800 m on a track with GPS off: heart rate and time only, no positions or distance.
fn gps_off_track_session(at: DateTime<Utc>) -> Pattern {
    let mut spec = warm(RunSpec::new(at).interval_s(2));
    for _ in 0..6 {
        spec = spec
            .run_m(800.0, speed(250.0), Hr::Ramp(145, 176))
            .stand(90, Hr::Ramp(170, 130));
    }
    let mut activity = cool(spec).build().activity;
    for sample in &mut activity.samples {
        sample.position = None;
        sample.distance_m = None;
        sample.speed_m_s = None;
    }
    for lap in &mut activity.laps {
        lap.distance_m = None;
    }
    activity.summary.distance_m = None;
    Pattern {
        file: format!("{}-track-gps-off.fit", at.format("%Y-%m-%d")),
        expected: "workout",
        bytes: fit::write(&activity),
    }
}

/// The background weeks and the patterns, every file as (name, bytes), in date order.
pub fn pattern_files() -> Vec<(String, Vec<u8>)> {
    let mut files = background();
    files.extend(patterns().into_iter().map(|p| (p.file, p.bytes)));
    files
}
