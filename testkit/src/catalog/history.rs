//! A generated three-year history of one runner for the season report's tests: a workout, a
//! recovery run, an easy run and a long run most weeks, walks, flagged weeks (easy after a hard
//! day, two hard days in a row, a declared recovery run too fast), and two files that would
//! flatten a naive pace axis: a 70 min/km walk and a mis-recorded run at 1:30/km.

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::{fit, gpx, Hr, RunSpec};

/// Weeks in the history.
pub const WEEKS: i64 = 156;

/// First Monday of the history.
fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2022, 1, 3, 6, 30, 0)
        .single()
        .unwrap_or_default()
}

fn speed(pace_s_per_km: f64) -> f64 {
    1000.0 / pace_s_per_km
}

fn easy(s: RunSpec, w: i64) -> RunSpec {
    let v = speed(330.0 + (w % 7) as f64 * 3.0);
    s.run(2700, v, Hr::Ramp(128, 142))
}

fn recovery(s: RunSpec) -> RunSpec {
    s.run(2400, speed(400.0), Hr::Ramp(112, 128))
}

fn workout(s: RunSpec, w: i64) -> RunSpec {
    let mut s = s.run(720, 2.9, Hr::Ramp(125, 145));
    for _ in 0..(5 + w % 3) {
        s = s
            .run(240, speed(235.0), Hr::Ramp(160, 176))
            .run(120, 2.2, Hr::Ramp(160, 138));
    }
    s.run(600, 2.8, Hr::Ramp(140, 130))
}

fn long(s: RunSpec, w: i64) -> RunSpec {
    s.run(
        3000 + (w % 4) as u32 * 300,
        speed(345.0),
        Hr::Ramp(134, 144),
    )
    .run(2700, speed(345.0), Hr::Ramp(144, 150))
}

fn walk(s: RunSpec) -> RunSpec {
    s.walk(2400, 1.4, Hr::Ramp(95, 105))
}

/// What one file of the history is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Day {
    Workout,
    Recovery,
    /// Declared "Recovery run" (a GPX name), run at easy pace.
    DeclaredRecovery,
    Easy,
    Long,
    Walk,
    /// 10 minutes of walking (780 m) and 45 standing with the timer running: about 70 min/km.
    SlowWalk,
    /// A run recorded with a wrong wheel/GPS setting: 1:30/km.
    MisRecorded,
}

/// The plan: (days after the first Monday, what).
fn plan() -> Vec<(i64, Day)> {
    let mut out = Vec::new();
    for w in 0..WEEKS {
        let d = w * 7;
        out.push((d + 1, Day::Workout));
        // Every 5th week the day after the workout is easy (not recovery after hard).
        out.push((d + 2, if w % 5 == 4 { Day::Easy } else { Day::Recovery }));
        // Every 11th week a Thursday workout and a Friday long run (hard after hard).
        match w % 11 {
            10 => {
                out.push((d + 3, Day::Workout));
                out.push((d + 4, Day::Long));
            }
            _ => out.push((d + 3, Day::Easy)),
        }
        if w % 3 == 0 {
            out.push((d + 4, Day::Walk));
        }
        out.push((d + 5, Day::Long));
        if w % 6 == 2 {
            out.push((d + 6, Day::DeclaredRecovery));
        }
    }
    out.push((WEEKS * 7 - 60, Day::SlowWalk));
    out.push((WEEKS * 7 - 200, Day::MisRecorded));
    out.sort_by_key(|&(d, _)| d);
    out
}

/// Every file of the history: (file name, bytes), in date order.
pub fn history_files() -> Vec<(String, Vec<u8>)> {
    plan()
        .into_iter()
        .enumerate()
        .map(|(i, (day, what))| {
            let w = day / 7;
            let at = start() + Duration::days(day) + Duration::minutes((i % 4) as i64 * 20);
            let s = RunSpec::new(at).interval_s(5).bearing((i % 360) as f64);
            let name = format!("{}-{i:04}", at.format("%Y-%m-%d"));
            let spec = match what {
                Day::Workout => workout(s, w),
                Day::Recovery => recovery(s),
                Day::DeclaredRecovery => easy(s, w),
                Day::Easy => easy(s, w),
                Day::Long => long(s, w),
                Day::Walk => walk(s),
                Day::SlowWalk => s
                    .walk(600, 1.3, Hr::Constant(95))
                    .stand(2680, Hr::Constant(80)),
                Day::MisRecorded => s.run(1800, speed(90.0), Hr::Ramp(120, 135)),
            };
            let synth = spec.build();
            if what == Day::DeclaredRecovery {
                let text = String::from_utf8_lossy(&gpx::write(&synth.activity)).replace(
                    "<name>Synthetic activity</name>",
                    "<name>Recovery run</name>",
                );
                (format!("{name}.gpx"), text.into_bytes())
            } else {
                (format!("{name}.fit"), fit::write(&synth.activity))
            }
        })
        .collect()
}
