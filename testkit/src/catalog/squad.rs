//! A demo squad for `runaudit team` (`fixtures/squad/`): three athletes over six weeks. `ana`
//! strings hard days together and calls an easy run recovery; `ben` recovers well; `cleo` runs
//! without heart rate, has no profile file and stopped nine days before the others.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::{Fixture, Output};
use crate::fit::FitOptions;
use crate::{Hr, RunSpec};

/// Weeks in the squad's history.
pub const WEEKS: i64 = 6;

/// `ana`'s profile: easy ceiling 85% of 170 = 144 bpm, hard threshold 95% = 161 bpm.
pub const ANA_PROFILE: &str =
    "# ana: strings hard days together\nmax_hr = 188\nresting_hr = 48\nlthr = 170\n";
/// `ben`'s profile: easy ceiling 85% of 174 = 147 bpm.
pub const BEN_PROFILE: &str = "# ben: recovers well\nmax_hr = 192\nresting_hr = 52\nlthr = 174\n";

/// The first Monday of the squad's history.
fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 19, 6, 30, 0)
        .single()
        .unwrap_or_default()
}

fn speed(pace_s_per_km: f64) -> f64 {
    1000.0 / pace_s_per_km
}

/// What one run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Day {
    /// 400 m repeats at 3:45/km with jogs.
    Intervals,
    /// 20 to 24 minutes at 4:45/km inside warm-up and cool-down (cadence 182, so the heart
    /// rate never follows the step rate).
    Tempo,
    /// 45 minutes at ~5:30/km, HR 128-142.
    Easy,
    /// Named "Recovery jog" but run as the easy run.
    EasyCalledRecovery,
    /// 40 minutes at 6:40/km, HR ≤ 132.
    Recovery,
    /// 100 minutes at 5:45/km.
    Long,
}

fn spec(day: Day, s: RunSpec, w: i64) -> RunSpec {
    match day {
        Day::Intervals => {
            let mut s = s.run(720, 2.9, Hr::Ramp(120, 140));
            for _ in 0..8 {
                s = s
                    .run_m(400.0, speed(225.0), Hr::Ramp(158, 176))
                    .cadence(186.0)
                    .run(90, 2.2, Hr::Ramp(160, 138));
            }
            s.run(600, 2.8, Hr::Ramp(138, 128))
        }
        Day::Tempo => s
            .run(720, 3.0, Hr::Ramp(120, 140))
            .run(
                1200 + (w % 3) as u32 * 120,
                speed(285.0),
                Hr::Ramp(164, 171),
            )
            .cadence(182.0)
            .run(600, 2.8, Hr::Ramp(150, 132)),
        Day::Easy => s.run(
            2700,
            speed(330.0 + (w % 4) as f64 * 3.0),
            Hr::Ramp(128, 142),
        ),
        Day::EasyCalledRecovery => s
            .run(2700, speed(332.0), Hr::Ramp(130, 142))
            .name("Recovery jog"),
        Day::Recovery => s.run(2400, speed(400.0), Hr::Ramp(112, 132)),
        Day::Long => s.run(3000, speed(345.0), Hr::Ramp(132, 142)).run(
            3000,
            speed(345.0),
            Hr::Ramp(140, 146),
        ),
    }
}

/// (athlete, weekday 0 = Monday, what) for one week `w`.
fn week(athlete: &str, w: i64) -> Vec<(i64, Day)> {
    match athlete {
        // Tue workout, Wed workout again, Thu easy, Sat long, Sun an easy run called recovery.
        "ana" => vec![
            (1, Day::Intervals),
            (2, Day::Tempo),
            (3, Day::Easy),
            (5, Day::Long),
            (6, Day::EasyCalledRecovery),
        ],
        // Tue workout, Wed recovery, Thu easy, Sat long, Sun recovery.
        "ben" => vec![
            (
                1,
                if w % 2 == 0 {
                    Day::Intervals
                } else {
                    Day::Tempo
                },
            ),
            (2, Day::Recovery),
            (3, Day::Easy),
            (5, Day::Long),
            (6, Day::Recovery),
        ],
        // Tue intervals, Thu easy, Sat long, Sun recovery; nothing after the fifth week's
        // Thursday.
        _ => vec![
            (1, Day::Intervals),
            (3, Day::Easy),
            (5, Day::Long),
            (6, Day::Recovery),
        ]
        .into_iter()
        .filter(|&(d, _)| w < WEEKS - 2 || (w == WEEKS - 2 && d <= 3))
        .collect(),
    }
}

/// The files of `fixtures/squad/`: `ana/`, `ben/` (each with its `profile.toml`) and `cleo/`,
/// one FIT file per run, sampled every 5 s.
pub fn squad() -> Vec<Fixture> {
    let mut out = Vec::new();
    for (a, athlete) in ["ana", "ben", "cleo"].into_iter().enumerate() {
        for w in 0..WEEKS {
            for (d, day) in week(athlete, w) {
                let at = start() + Duration::days(w * 7 + d) + Duration::minutes(a as i64 * 25);
                let s = RunSpec::new(at)
                    .interval_s(5)
                    .bearing(((w * 7 + d) * 37 % 360) as f64);
                let mut s = spec(day, s, w);
                if athlete == "cleo" {
                    s = s.no_hr();
                }
                out.push(Fixture {
                    path: format!("squad/{athlete}/{}.fit", at.format("%Y-%m-%d")),
                    bytes: Output::Fit(FitOptions::default()).write(&s.build()),
                });
            }
        }
    }
    for (athlete, profile) in [("ana", ANA_PROFILE), ("ben", BEN_PROFILE)] {
        out.push(Fixture {
            path: format!("squad/{athlete}/profile.toml"),
            bytes: profile.as_bytes().to_vec(),
        });
    }
    out
}
