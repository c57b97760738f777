//! A demo season of one runner (12 weeks, 4-5 runs a week) built to exercise the recovery rules:
//! each file's kind is designed so its verdict is clear for the profile in [`PROFILE_TOML`].

use chrono::{DateTime, Duration, TimeZone, Utc};
use runaudit::activity::Sport;

use super::{Fixture, Output};
use crate::apple::{self, AppleWorkout, ExportOptions};
use crate::fit::FitOptions;
use crate::{Hr, RunSpec, SplitMix64, Synth};

/// The runner's profile: the easy ceiling is 85% of LTHR = 146 bpm.
pub const PROFILE_TOML: &str = "# Demo runner for fixtures/season (see MANIFEST.tsv)\n\
max_hr = 190\nresting_hr = 50\nlthr = 172\nage = 38\n";

/// The verdict a correct analyzer gives a file for the demo runner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// Every recovery criterion passes.
    Recovery,
    /// At least one criterion fails.
    NotRecovery,
    /// None fails but at least one cannot be judged.
    Inconclusive,
    /// Not a run: not judged.
    Skipped,
    /// The file cannot be read.
    Error,
}

impl Expected {
    /// The name used in `MANIFEST.tsv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Expected::Recovery => "recovery",
            Expected::NotRecovery => "not_recovery",
            Expected::Inconclusive => "inconclusive",
            Expected::Skipped => "skipped",
            Expected::Error => "error",
        }
    }
}

/// What a season file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Normal pace ~5:30/km, HR 140-150, 45-55 min.
    Easy,
    /// 38-45 min at ~6:40/km, HR ≤ 134.
    Recovery,
    /// 95-110 min at ~5:45/km.
    Long,
    /// 20-25 min at 4:45/km, HR 165-172, inside warm-up and cool-down.
    Tempo,
    /// 400 m or 1 km repeats with jogged recoveries.
    Intervals,
    /// A recovery run with walk breaks.
    RecoveryWalk,
    /// A recovery run recorded without heart rate.
    RecoveryNoHr,
    /// Meant as recovery, run at 5:45/km.
    RecoveryTooFast,
    /// Meant as recovery, 75 minutes long.
    RecoveryTooLong,
    /// Meant as recovery, with a 6-minute climb at HR 156-160.
    RecoveryHrSurge,
    /// A bike ride.
    Cycling,
    /// A FIT cut off before its first record.
    BrokenTruncated,
    /// A FIT whose header is zeroed.
    BrokenHeader,
    /// A GPX route without times.
    Route,
}

impl Kind {
    /// The name used in `MANIFEST.tsv` and file names.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Easy => "easy",
            Kind::Recovery => "recovery",
            Kind::Long => "long",
            Kind::Tempo => "tempo",
            Kind::Intervals => "intervals",
            Kind::RecoveryWalk => "recovery_walk",
            Kind::RecoveryNoHr => "recovery_no_hr",
            Kind::RecoveryTooFast => "recovery_too_fast",
            Kind::RecoveryTooLong => "recovery_too_long",
            Kind::RecoveryHrSurge => "recovery_hr_surge",
            Kind::Cycling => "cycling",
            Kind::BrokenTruncated => "broken_truncated",
            Kind::BrokenHeader => "broken_header",
            Kind::Route => "route",
        }
    }

    /// The verdict for the demo runner.
    pub fn expected(self) -> Expected {
        match self {
            Kind::Recovery | Kind::RecoveryWalk => Expected::Recovery,
            Kind::RecoveryNoHr => Expected::Inconclusive,
            Kind::Cycling => Expected::Skipped,
            Kind::BrokenTruncated | Kind::BrokenHeader | Kind::Route => Expected::Error,
            _ => Expected::NotRecovery,
        }
    }

    /// Why, in a few words (the numbers are appended from the truth).
    fn reason(self) -> &'static str {
        match self {
            Kind::Easy => "normal pace, HR above 146 for the last third",
            Kind::Recovery => "short, slow, HR under 146 throughout",
            Kind::Long => "over 60 min; HR above 146 late",
            Kind::Tempo => "tempo block at 4:45/km, HR 165-172",
            Kind::Intervals => "repeats faster than normal, HR up to 176",
            Kind::RecoveryWalk => "recovery with walk breaks (walking counts as moving)",
            Kind::RecoveryNoHr => "short and slow but no heart rate: effort unknown",
            Kind::RecoveryTooFast => "pace under 20 s/km slower than normal (needs 37.3)",
            Kind::RecoveryTooLong => "75 min of moving time (max 60)",
            Kind::RecoveryHrSurge => "6-min climb at HR 156-160: 15% above 146, one block > 3 min",
            Kind::Cycling => "cycling, not a run",
            Kind::BrokenTruncated => "truncated at byte 64, before the first record",
            Kind::BrokenHeader => "14-byte header zeroed: no .FIT signature",
            Kind::Route => "a planned route: no timestamps",
        }
    }

    /// True for runs that count towards the normal-pace baseline when judged not recovery.
    fn is_readable_run(self) -> bool {
        !matches!(self.expected(), Expected::Skipped | Expected::Error)
    }
}

/// One file of the season with its truth.
#[derive(Debug, Clone, PartialEq)]
pub struct SeasonRun {
    /// File name inside `fixtures/season/activities/`.
    pub file: String,
    /// The runner's name for it in the export's `activities.csv` (`None`: not in the export).
    pub name: Option<&'static str>,
    /// The runner's perceived effort in the export (1–10), when recorded.
    pub rpe: Option<u8>,
    /// What it is.
    pub kind: Kind,
    /// The synthetic activity and its truth.
    pub synth: Synth,
    /// How it is written.
    pub output: Output,
}

/// First Monday of the season.
fn season_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 6, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

/// A little variation: `base` ± `spread`, drawn from `rng`.
fn vary(rng: &mut SplitMix64, base: f64, spread: f64) -> f64 {
    base + (rng.next_unit() * 2.0 - 1.0) * spread
}

fn minutes(rng: &mut SplitMix64, low: u32, high: u32) -> u32 {
    rng.next_in(low, high) * 60
}

fn speed(pace_s_per_km: f64) -> f64 {
    1000.0 / pace_s_per_km
}

/// Recovery running: a 3-minute warm-up then `duration_s` more at ~6:40/km, HR ≤ 134.
fn recovery_body(spec: RunSpec, rng: &mut SplitMix64, duration_s: u32) -> RunSpec {
    let v = speed(vary(rng, 400.0, 8.0));
    spec.run(180, v, Hr::Ramp(104, 124))
        .cadence(162.0)
        .run(duration_s, v, Hr::Ramp(124, 134))
        .cadence(162.0)
}

fn tempo(spec: RunSpec, rng: &mut SplitMix64) -> RunSpec {
    spec.run(720, 3.0, Hr::Ramp(125, 145))
        .lap()
        .run(minutes(rng, 20, 25), speed(285.0), Hr::Ramp(165, 172))
        .cadence(182.0)
        .lap()
        .run(600, 2.8, Hr::Ramp(152, 135))
}

fn intervals(mut spec: RunSpec, rng: &mut SplitMix64) -> RunSpec {
    let long_reps = rng.next_in(0, 1) == 1;
    spec = spec.run(720, 2.9, Hr::Ramp(125, 145)).lap();
    let (reps, rep_m, rep_pace, jog_s) = if long_reps {
        (5, 1000.0, 240.0, 120)
    } else {
        (8, 400.0, 225.0, 90)
    };
    for _ in 0..reps {
        spec = spec
            .run_m(rep_m, speed(rep_pace), Hr::Ramp(158, 176))
            .cadence(186.0)
            .lap()
            .run(jog_s, 2.2, Hr::Ramp(160, 138))
            .lap();
    }
    spec.run(600, 2.8, Hr::Ramp(140, 130))
}

fn long(spec: RunSpec, rng: &mut SplitMix64) -> RunSpec {
    let v = speed(vary(rng, 345.0, 6.0));
    let half = minutes(rng, 48, 55);
    spec.run(half, v, Hr::Ramp(136, 144))
        .climb(35.0)
        .run(half, v, Hr::Ramp(144, 153))
        .climb(-35.0)
        .laps_every_m(5000.0)
}

/// The spec of a season file of `kind` starting at `start`.
fn spec_for(kind: Kind, start: DateTime<Utc>, seed: u64) -> RunSpec {
    let mut rng = SplitMix64::new(seed);
    let base = RunSpec::new(start)
        .smart_recording(seed)
        .bearing(f64::from(rng.next_in(0, 359)));
    match kind {
        Kind::Easy | Kind::BrokenTruncated | Kind::BrokenHeader | Kind::Route => {
            let v = speed(vary(&mut rng, 330.0, 5.0));
            base.run(300, v, Hr::Ramp(122, 140))
                .run(minutes(&mut rng, 40, 50), v, Hr::Ramp(140, 150))
                .laps_every_m(1000.0)
        }
        Kind::Recovery => {
            let d = minutes(&mut rng, 35, 42);
            recovery_body(base, &mut rng, d)
        }
        Kind::RecoveryNoHr => recovery_body(base, &mut rng, 2400).no_hr(),
        Kind::RecoveryTooLong => recovery_body(base, &mut rng, 72 * 60),
        Kind::RecoveryTooFast => base.run(180, speed(345.0), Hr::Ramp(110, 130)).run(
            2220,
            speed(345.0),
            Hr::Ramp(130, 138),
        ),
        Kind::RecoveryWalk => {
            let mut s = base;
            for _ in 0..5 {
                s = s
                    .run(360, speed(400.0), Hr::Ramp(124, 133))
                    .cadence(162.0)
                    .walk(60, 1.4, Hr::Ramp(120, 110));
            }
            s
        }
        Kind::RecoveryHrSurge => recovery_body(base, &mut rng, 900)
            .run(30, 2.5, Hr::Ramp(134, 156))
            .run(360, 2.5, Hr::Ramp(156, 160))
            .climb(45.0)
            .run(30, 2.5, Hr::Ramp(156, 134))
            .run(900, 2.5, Hr::Ramp(132, 130))
            .climb(-45.0),
        Kind::Long => long(base, &mut rng),
        Kind::Tempo => tempo(base, &mut rng),
        Kind::Intervals => intervals(base, &mut rng),
        Kind::Cycling => base
            .sport(Sport::Cycling)
            .run(minutes(&mut rng, 55, 70), 7.5, Hr::Ramp(120, 136))
            .power(185),
    }
}

/// (week, weekday 0 = Monday) → kind and output: Tue tempo/intervals, Wed recovery, Thu easy,
/// Sat long, every other Sun recovery; the special kinds and other formats replace some of them.
fn plan() -> Vec<(i64, i64, Kind, Output)> {
    let fit = Output::Fit(FitOptions::default());
    let mut out = Vec::new();
    for w in 0..12i64 {
        let tue = if w % 2 == 0 {
            Kind::Tempo
        } else {
            Kind::Intervals
        };
        let wed = if w == 0 { Kind::Easy } else { Kind::Recovery };
        let mut days = vec![(1, tue), (2, wed), (3, Kind::Easy), (5, Kind::Long)];
        if w % 2 == 0 {
            days.push((6, if w == 0 { Kind::Easy } else { Kind::Recovery }));
        }
        for (day, kind) in days {
            let kind = match (w, day) {
                (3, 2) => Kind::RecoveryWalk,
                (6, 6) => Kind::Tempo,
                (4, 6) => Kind::RecoveryNoHr,
                (7, 2) => Kind::RecoveryTooFast,
                (8, 6) => Kind::RecoveryTooLong,
                (10, 2) => Kind::RecoveryHrSurge,
                (6, 3) => Kind::BrokenTruncated,
                (11, 3) => Kind::BrokenHeader,
                _ => kind,
            };
            let output = match (w, day, kind) {
                (_, _, Kind::BrokenTruncated) => Output::FitTruncated(64),
                (_, _, Kind::BrokenHeader) => Output::FitNoHeader,
                (2 | 8, 3, _) | (5, 2, _) => Output::Gpx,
                (3 | 9, 5, _) | (6, 6, _) => Output::Tcx,
                (4 | 10, 1, _) => Output::FitGz,
                (9, 3, _) | (1, 2, _) => Output::Fit(FitOptions {
                    compressed_timestamps: true,
                    developer_field: w == 1,
                    barometer: false,
                    ..FitOptions::default()
                }),
                _ => fit,
            };
            out.push((w, day, kind, output));
        }
    }
    out.push((4, 4, Kind::Cycling, fit));
    out.push((9, 4, Kind::Cycling, Output::Tcx));
    out.push((5, 0, Kind::Route, Output::Route));
    out.sort_by_key(|&(w, d, _, _)| (w, d));
    out
}

/// Every season file with its truth, in date order.
pub fn season_runs() -> Vec<SeasonRun> {
    plan()
        .into_iter()
        .map(|(w, day, kind, output)| {
            let index = w * 7 + day;
            let start =
                season_start() + Duration::days(index) + Duration::minutes(390 + (index % 5) * 10);
            let seed = u64::try_from(index).unwrap_or(0) + 1000;
            let synth = spec_for(kind, start, seed).build();
            let file = match kind {
                Kind::Route => format!("route-planned.{}", output.extension()),
                _ => format!(
                    "{}-{}.{}",
                    start.format("%Y-%m-%d"),
                    kind.as_str().replace('_', "-"),
                    output.extension()
                ),
            };
            let (name, rpe) = name_for(kind, w, day);
            SeasonRun {
                file,
                name,
                rpe,
                kind,
                synth,
                output,
            }
        })
        .collect()
}

/// What the runner called a run in week `w`, on `day` (0 = Monday), and the effort they felt:
/// realistic names, some defaults that declare nothing, none for a planned route.
fn name_for(kind: Kind, w: i64, day: i64) -> (Option<&'static str>, Option<u8>) {
    let pick = |names: &[&'static str]| {
        names
            .get(usize::try_from(w).unwrap_or(0) % names.len())
            .copied()
    };
    match kind {
        Kind::Easy => (
            pick(&[
                "Morning Run",
                "Easy 8k",
                "easy with 6 strides",
                "Lauf am Morgen",
                "Base run",
            ]),
            None,
        ),
        Kind::Recovery => (
            pick(&[
                "Recovery jog",
                "Recovery 🐢",
                "Regen run",
                "recovery run",
                "Footing de récup",
            ]),
            (day == 2).then_some(3),
        ),
        Kind::Long => (
            pick(&[
                "Sunday long run with the club",
                "Long run 17k",
                "LSD",
                "Lange duurloop",
            ]),
            None,
        ),
        Kind::Tempo if day == 6 => (Some("Sunday tempo with friends"), Some(7)),
        Kind::Tempo => (pick(&["Tempo 20' @ HM pace", "Threshold Tuesday"]), Some(7)),
        Kind::Intervals => (
            pick(&["5x1000 (2 min jog recoveries)", "8 x 400 w/ 90s recovery"]),
            Some(8),
        ),
        Kind::RecoveryWalk => (Some("Recovery run/walk"), Some(2)),
        Kind::RecoveryNoHr => (Some("Recovery (forgot the HR strap)"), None),
        Kind::RecoveryTooFast => (Some("Recovery run"), None),
        Kind::RecoveryTooLong => (Some("Easy recovery jog"), None),
        Kind::RecoveryHrSurge => (Some("Recovery over the hill"), None),
        Kind::Cycling => (Some("Afternoon Ride"), None),
        Kind::BrokenTruncated => (Some("Easy 10k"), None),
        Kind::BrokenHeader => (Some("Morning Run"), None),
        Kind::Route => (None, None),
    }
}

/// The session type a correct analyzer gives a file for the demo runner (`-` when none).
pub fn expected_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Recovery | Kind::RecoveryWalk => "recovery",
        Kind::Long => "long",
        Kind::Tempo | Kind::Intervals => "workout",
        Kind::Easy
        | Kind::RecoveryNoHr
        | Kind::RecoveryTooFast
        | Kind::RecoveryTooLong
        | Kind::RecoveryHrSurge => "easy",
        Kind::Cycling | Kind::BrokenTruncated | Kind::BrokenHeader | Kind::Route => "-",
    }
}

/// True for the kinds that make a hard day (workout, race, long run).
fn is_hard(kind: Kind) -> bool {
    matches!(kind, Kind::Tempo | Kind::Intervals | Kind::Long)
}

/// The season-pattern flags a correct analyzer gives run `index`, from the plan alone: a hard
/// run the day after a hard day; a run that is neither hard, a recovery nor inconclusive the day
/// after one; a run the runner called recovery that is judged not recovery.
pub fn expected_flags(runs: &[SeasonRun], index: usize) -> Vec<&'static str> {
    let Some(me) = runs.get(index) else {
        return Vec::new();
    };
    let read = |r: &SeasonRun| r.kind.is_readable_run() && r.kind != Kind::Cycling;
    if !read(me) {
        return Vec::new();
    }
    let day = |r: &SeasonRun| {
        r.synth
            .activity
            .samples
            .first()
            .map(|s| s.time.date_naive())
    };
    let hard_day_before = runs.iter().any(|r| {
        read(r)
            && is_hard(r.kind)
            && day(r)
                .zip(day(me))
                .is_some_and(|(a, b)| b - a == Duration::days(1))
    });
    let mut flags = Vec::new();
    if hard_day_before {
        if is_hard(me.kind) {
            flags.push("hard_after_hard");
        } else if me.kind.expected() == Expected::NotRecovery {
            flags.push("not_recovery_after_hard");
        }
    }
    let declared_recovery = matches!(
        me.kind,
        Kind::Recovery
            | Kind::RecoveryWalk
            | Kind::RecoveryNoHr
            | Kind::RecoveryTooFast
            | Kind::RecoveryTooLong
            | Kind::RecoveryHrSurge
    );
    if declared_recovery && me.kind.expected() == Expected::NotRecovery {
        flags.push("meant_recovery_was_not");
    }
    flags
}

/// The export's `activities.csv`, as Strava writes it (English header, the columns runaudit
/// reads among others, `Distance` twice: km then meters).
fn activities_csv(runs: &[SeasonRun]) -> String {
    let mut out = String::from(
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,\
         Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,\
         Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,\
         Max Speed,Average Speed,Elevation Gain,Perceived Exertion\n",
    );
    for (i, r) in runs.iter().enumerate() {
        let Some(name) = r.name else { continue };
        let Some(start) = r.synth.activity.samples.first().map(|s| s.time) else {
            continue;
        };
        let t = &r.synth.truth;
        let kind = if r.kind == Kind::Cycling {
            "Ride"
        } else {
            "Run"
        };
        out.push_str(&format!(
            "{},\"{}\",\"{}\",{kind},,{:.0},{:.2},,,false,,,activities/{},,,{:.0},{:.0},{:.1},,,,{}\n",
            13_000_000_000u64 + i as u64,
            start.format("%b %-d, %Y, %-I:%M:%S %p"),
            name.replace('"', "\"\""),
            t.elapsed_s,
            t.distance_m / 1000.0,
            r.file,
            t.elapsed_s,
            t.moving_s,
            t.distance_m,
            r.rpe.map(|v| format!("{v}.0")).unwrap_or_default(),
        ));
    }
    out
}

/// The normal pace for the run at `index`: median moving pace of the other readable runs not
/// meant to be recovery-passing in the 42 days before it, with how many there were.
pub fn baseline(runs: &[SeasonRun], index: usize) -> Option<(f64, usize)> {
    let me = runs.get(index)?;
    let start = me.synth.activity.samples.first()?.time;
    let mut paces: Vec<f64> = runs
        .iter()
        .enumerate()
        .filter(|(j, r)| {
            *j != index
                && r.kind.is_readable_run()
                && r.kind != Kind::Cycling
                && r.kind.expected() != Expected::Recovery
                && r.synth
                    .activity
                    .samples
                    .first()
                    .is_some_and(|s| s.time < start && s.time >= start - Duration::days(42))
        })
        .filter_map(|(_, r)| r.synth.truth.pace_s_per_km())
        .collect();
    paces.sort_by(f64::total_cmp);
    let n = paces.len();
    let median = match n {
        0 => return None,
        _ if n % 2 == 1 => *paces.get(n / 2)?,
        _ => (*paces.get(n / 2 - 1)? + *paces.get(n / 2)?) / 2.0,
    };
    Some((median, n))
}

fn mm_ss(seconds: f64) -> String {
    let s = seconds.round().max(0.0) as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// The manifest's "why" column for run `index`.
fn why(runs: &[SeasonRun], index: usize) -> String {
    let Some(r) = runs.get(index) else {
        return String::new();
    };
    let t = &r.synth.truth;
    let mut out = r.kind.reason().to_string();
    if r.kind.expected() == Expected::Error || r.kind == Kind::Cycling {
        return out;
    }
    out.push_str(&format!("; moving {}", mm_ss(t.moving_s)));
    if let Some(p) = t.pace_s_per_km() {
        out.push_str(&format!(", pace {}/km", mm_ss(p)));
    }
    if let Some((normal, n)) = baseline(runs, index).filter(|&(_, n)| n >= 5) {
        out.push_str(&format!(" (normal {}/km from {n} runs)", mm_ss(normal)));
    }
    if let Some(max) = t.max_hr_bpm {
        out.push_str(&format!(", max HR {max}"));
    }
    out
}

/// The files of `fixtures/season/`, laid out as a Strava bulk export: `activities/` and
/// `activities.csv`, plus `profile.toml` and `MANIFEST.tsv` (each file's expected verdict,
/// session type and flags).
pub fn season() -> Vec<Fixture> {
    let runs = season_runs();
    let mut manifest = String::from("file\tkind\texpected\ttype\tflags\twhy\n");
    let mut out = Vec::new();
    for (i, r) in runs.iter().enumerate() {
        let flags = expected_flags(&runs, i);
        manifest.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\n",
            r.file,
            r.kind.as_str(),
            r.kind.expected().as_str(),
            expected_type(r.kind),
            if flags.is_empty() {
                "-".to_string()
            } else {
                flags.join(",")
            },
            why(&runs, i)
        ));
        out.push(Fixture {
            path: format!("season/activities/{}", r.file),
            bytes: r.output.write(&r.synth),
        });
    }
    out.push(Fixture {
        path: "season/activities.csv".to_string(),
        bytes: activities_csv(&runs).into_bytes(),
    });
    out.push(Fixture {
        path: "season/profile.toml".to_string(),
        bytes: PROFILE_TOML.as_bytes().to_vec(),
    });
    out.push(Fixture {
        path: "season/MANIFEST.tsv".to_string(),
        bytes: manifest.into_bytes(),
    });
    out
}

/// The demo season as an Apple Watch runner's iPhone Health export (`season-apple/export.zip`):
/// every readable run and ride of [`season_runs`] as a workout with its route, its heart rate as
/// `Record`s (with another app's copies and resting readings around it), its name as
/// `HKWorkoutBrandName` and its perceived effort as an effort score; the time zone Berlin, the
/// export made at +0100. The broken files and the planned route have no workout.
pub fn season_apple() -> Vec<Fixture> {
    let runs = season_runs();
    let workouts: Vec<AppleWorkout<'_>> = runs
        .iter()
        .filter(|r| r.kind.is_readable_run() || r.kind == Kind::Cycling)
        .map(|r| AppleWorkout {
            time_zone: Some("Europe/Berlin"),
            name: r.name,
            effort: r.rpe,
            ..AppleWorkout::new(&r.synth.activity, r.synth.truth.distance_m)
        })
        .collect();
    let files = apple::export(&workouts, &ExportOptions::default());
    vec![Fixture {
        path: "season-apple/export.zip".to_string(),
        bytes: apple::zip(&files),
    }]
}
