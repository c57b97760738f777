//! The specs behind the committed `fixtures/`: a few single runs (`fixtures/runs/`), a demo
//! season (`fixtures/season/`), the same season as an Apple Health export
//! (`fixtures/season-apple/export.zip`) and a demo squad (`fixtures/squad/`).
//! `examples/make_fixtures.rs` writes them; `tests/synth.rs` checks the committed files are byte
//! for byte what these functions give.

mod history;
mod patterns;
mod season;
mod squad;

use std::io::Write;

use chrono::{DateTime, TimeZone, Utc};
use flate2::write::GzEncoder;
use flate2::{Compression, GzBuilder};

use crate::fit::{self, FitOptions};
use crate::{gpx, tcx, Hr, RunSpec, Synth};

pub use history::history_files;
pub use patterns::{pattern_files, patterns, Pattern, PATTERNS_PROFILE_TOML};
pub use season::{
    baseline, season, season_apple, season_runs, Expected, Kind, SeasonRun, PROFILE_TOML,
};
pub use squad::squad;

/// One file to write under `fixtures/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixture {
    /// Path relative to `fixtures/`, with `/` separators (`runs/easy-5k.fit`).
    pub path: String,
    /// The file's exact content.
    pub bytes: Vec<u8>,
}

/// How a synthetic activity is written to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// FIT with the given options.
    Fit(FitOptions),
    /// Gzipped FIT (`.fit.gz`).
    FitGz,
    /// GPX with the Garmin TrackPointExtension.
    Gpx,
    /// GPX with position, time and elevation only (the `gpx` crate).
    GpxPlain,
    /// TCX.
    Tcx,
    /// FIT cut after this many bytes.
    FitTruncated(usize),
    /// FIT whose 14-byte header is zeroed.
    FitNoHeader,
    /// GPX route without times.
    Route,
}

impl Output {
    /// The file name extension (`fit`, `fit.gz`, `gpx`, `tcx`).
    pub fn extension(self) -> &'static str {
        match self {
            Output::Fit(_) | Output::FitTruncated(_) | Output::FitNoHeader => "fit",
            Output::FitGz => "fit.gz",
            Output::Gpx | Output::GpxPlain | Output::Route => "gpx",
            Output::Tcx => "tcx",
        }
    }

    /// The bytes of `synth` written this way.
    pub fn write(self, synth: &Synth) -> Vec<u8> {
        let a = &synth.activity;
        match self {
            Output::Fit(opts) => fit::write_with(a, &opts),
            Output::FitGz => gzip(&fit::write(a)),
            Output::Gpx => gpx::write(a),
            Output::GpxPlain => gpx::write_plain(a),
            Output::Tcx => tcx::write(a),
            Output::FitTruncated(at) => fit::truncate(&fit::write(a), at),
            Output::FitNoHeader => fit::destroy_header(&fit::write(a)),
            Output::Route => gpx::write_route(a),
        }
    }
}

/// Gzip with a fixed header (no name, mtime 0), so the bytes are reproducible.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc: GzEncoder<Vec<u8>> = GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), Compression::best());
    if enc.write_all(bytes).is_err() {
        return Vec::new();
    }
    enc.finish().unwrap_or_default()
}

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .unwrap_or_default()
}

/// An easy 5 km at 5:30/km (3.03 m/s = 1650 s), HR 140→150, a 30 s stop at a light halfway,
/// auto laps every km.
pub fn easy_5k() -> RunSpec {
    RunSpec::new(at(2025, 4, 1, 6, 30))
        .run(825, 1000.0 / 330.0, Hr::Ramp(140, 145))
        .stand(30, Hr::Constant(132))
        .run(825, 1000.0 / 330.0, Hr::Ramp(145, 150))
        .climb(12.0)
        .laps_every_m(1000.0)
}

/// A 30-minute recovery run at 6:40/km (2.5 m/s), HR 118→133.
pub fn recovery_30() -> RunSpec {
    RunSpec::new(at(2025, 4, 2, 6, 45))
        .bearing(90.0)
        .run(180, 2.5, Hr::Ramp(105, 124))
        .cadence(162.0)
        .run(1620, 2.5, Hr::Ramp(124, 133))
        .cadence(162.0)
}

/// A tempo run: 10 min warm-up, 20 min at 4:45/km (3.51 m/s) HR 165→172, 10 min cool-down,
/// with a lap at each change; smart recording.
pub fn tempo() -> RunSpec {
    RunSpec::new(at(2025, 4, 3, 17, 30))
        .smart_recording(3)
        .run(600, 2.9, Hr::Ramp(120, 145))
        .lap()
        .run(1200, 1000.0 / 285.0, Hr::Ramp(165, 172))
        .cadence(182.0)
        .lap()
        .run(600, 2.7, Hr::Ramp(155, 135))
}

/// Two 15-minute stretches at 5:30/km around a 2-minute pause (timer stopped).
pub fn paused() -> RunSpec {
    RunSpec::new(at(2025, 4, 4, 7, 0))
        .bearing(180.0)
        .run(900, 1000.0 / 330.0, Hr::Ramp(135, 146))
        .pause(120)
        .run(900, 1000.0 / 330.0, Hr::Ramp(140, 148))
}

/// A recovery run with walk breaks: 4 × (6 min at 2.5 m/s, 1 min walking at 1.4 m/s).
pub fn walk_breaks() -> RunSpec {
    let mut spec = RunSpec::new(at(2025, 4, 5, 8, 0)).bearing(45.0);
    for _ in 0..4 {
        spec =
            spec.run(360, 2.5, Hr::Ramp(124, 133))
                .cadence(162.0)
                .walk(60, 1.4, Hr::Ramp(118, 110));
    }
    spec
}

/// 20 minutes at 5:45/km without a heart-rate sensor.
pub fn no_hr() -> RunSpec {
    RunSpec::new(at(2025, 4, 6, 9, 0))
        .bearing(270.0)
        .run(1200, 1000.0 / 345.0, Hr::Constant(0))
        .no_hr()
}

/// A 30-minute easy run at 5:35/km, HR 138→148 (written gzipped).
pub fn easy_gz() -> RunSpec {
    RunSpec::new(at(2025, 4, 7, 6, 30))
        .bearing(300.0)
        .run(1800, 1000.0 / 335.0, Hr::Ramp(138, 148))
}

/// 10 minutes with HR dropouts, written with compressed timestamps and a developer field.
pub fn compressed_dev() -> RunSpec {
    RunSpec::new(at(2025, 4, 8, 6, 30))
        .run(600, 3.0, Hr::Ramp(130, 140))
        .hr_dropouts_every(25)
        .gps_noise(2.0, 11)
}

/// The single-run fixtures (`fixtures/runs/`): name, spec, output.
pub fn run_specs() -> Vec<(&'static str, RunSpec, Output)> {
    let plain = Output::Fit(FitOptions::default());
    vec![
        ("easy-5k", easy_5k(), plain),
        ("recovery", recovery_30(), Output::Gpx),
        ("tempo", tempo(), Output::Tcx),
        ("paused", paused(), plain),
        ("walk-breaks", walk_breaks(), plain),
        ("no-hr", no_hr(), Output::GpxPlain),
        ("easy", easy_gz(), Output::FitGz),
        (
            "compressed-dev",
            compressed_dev(),
            Output::Fit(FitOptions {
                compressed_timestamps: true,
                developer_field: true,
                barometer: false,
                ..FitOptions::default()
            }),
        ),
    ]
}

/// The files of `fixtures/runs/`.
pub fn runs() -> Vec<Fixture> {
    run_specs()
        .into_iter()
        .map(|(name, spec, out)| Fixture {
            path: format!("runs/{name}.{}", out.extension()),
            bytes: out.write(&spec.build()),
        })
        .collect()
}

/// Every fixture file: the single runs, the season (with its profile and manifest) and the
/// season as an Apple Health export, and the demo squad.
pub fn all() -> Vec<Fixture> {
    let mut out = runs();
    out.extend(season());
    out.extend(season_apple());
    out.extend(squad());
    out
}
