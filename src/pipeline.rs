//! One file through the whole pipeline: read → analyze → a compact per-run record (the report
//! plus what judging needs; never the samples). A bad file becomes one error entry; a panic in a
//! dependency is caught here, at the per-file boundary, as the last guard.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::activity::{Activity, TextSource, Warning};
use crate::analyze::analysis::DistanceSource;
use crate::analyze::analyze_track;
use crate::analyze::series::PlotSeries;
use crate::analyze::speed_bins::SpeedBins;
use crate::analyze::track::Track;
use crate::classify::effort::HrProfile;
use crate::classify::gate::{gate, HrPoint};
use crate::classify::{HillFacts, PaceFacts};
use crate::config::Config;
use crate::error::ReadError;
use crate::read;
use crate::read::archive::{ArchiveCache, ExportRef, Input, Stored};
use crate::read::export::apple::Workout;
use crate::read::export::apple_workout::Route;
use crate::read::export::find;
use crate::read::export::merge::apply;
use crate::run::{FileResult, RunReport};

/// Heart rates above this are set aside when no max HR is given (no human heart beats faster in
/// a run), bpm.
pub const PHYSIOLOGICAL_MAX_HR_BPM: f64 = 220.0;

/// What is kept of one run after its samples are gone.
#[derive(Debug, Clone)]
pub struct RunRecord {
    /// The measurements (judgement filled in later).
    pub report: RunReport,
    /// What the pace criterion needs.
    pub pace: PaceFacts,
    /// Heart rate reduced for the effort criterion; `None` without heart rate.
    pub hr: Option<HrProfile>,
    /// Moving time, distance and heart rate in short bins, for the session type.
    pub bins: SpeedBins,
    /// What the watch recorded of a structured workout (FIT laps marked work and rest in turn).
    pub watch_workout: Option<String>,
    /// The watch's laps, (moving s, m) each, for the session type.
    pub laps: Vec<(f64, f64)>,
    /// The max HR set on the watch, bpm, when the file carries it.
    pub watch_max_hr_bpm: Option<f64>,
    /// A bounded plot series for the SVG report; built only when SVG output was asked for.
    pub plot: Option<PlotSeries>,
}

/// A run, or a file that could not be read.
#[derive(Debug, Clone)]
pub enum Processed {
    /// One activity.
    Run(Box<RunRecord>),
    /// The file failed.
    Error {
        /// The file.
        file: String,
        /// Why, in one line.
        error: String,
    },
}

impl Processed {
    /// The output entry.
    pub fn into_result(self) -> FileResult {
        match self {
            Processed::Run(r) => FileResult::Run(Box::new(r.report)),
            Processed::Error { file, error } => FileResult::Error { file, error },
        }
    }
}

/// Reads and analyzes every activity of one input. Never panics: a file that cannot be read
/// gives exactly one [`Processed::Error`].
pub fn process_input(
    input: &Input,
    export: Option<&ExportRef>,
    cache: &mut ArchiveCache,
    config: &Config,
) -> Vec<Processed> {
    let label = input.label();
    let read = catch_unwind(AssertUnwindSafe(|| match input {
        Input::File(path) => read::read_path(path, &config.read),
        Input::ZipEntry { archive, index, .. } => cache
            .read(archive, *index, config.read.max_file_size)
            .and_then(|bytes| read::read_bytes(&bytes, &config.read)),
        Input::AppleWorkout {
            workouts,
            index,
            route,
            ..
        } => apple_workout(workouts.get(*index), route.as_ref(), cache, config),
    }))
    .unwrap_or_else(|panic| Err(ReadError::Panic(panic_message(&panic))));
    let read = read.map(|mut activities| {
        if let Some(e) = export {
            activities.iter_mut().for_each(|a| with_export(a, e));
        }
        activities
    });
    finish(&label, read, config)
}

/// Reads one Apple Health workout with its route file, if it has one.
fn apple_workout(
    workout: Option<&Workout>,
    place: Option<&Stored>,
    cache: &mut ArchiveCache,
    config: &Config,
) -> Result<Vec<Activity>, ReadError> {
    let w = workout.ok_or_else(|| ReadError::NoActivity("no such workout".into()))?;
    let Some(path) = w.route.as_deref() else {
        return Ok(read::read_apple_workout(w, Route::None));
    };
    let bytes = match place {
        None => return Ok(read::read_apple_workout(w, Route::Missing(path))),
        Some(Stored::File(file)) => read::file_bytes(file, &config.read),
        Some(Stored::ZipEntry { archive, index }) => {
            cache.read(archive, *index, config.read.max_file_size)
        }
    };
    Ok(match bytes {
        Ok(bytes) => read::read_apple_workout(
            w,
            Route::Bytes {
                path,
                bytes: &bytes,
            },
        ),
        Err(e) => read::read_apple_workout(
            w,
            Route::Unreadable {
                path,
                reason: e.to_string(),
            },
        ),
    })
}

/// Adds what the export beside the file says of the activity: the runner's names, RPE, sport.
fn with_export(activity: &mut Activity, export: &ExportRef) {
    let start = activity
        .samples
        .first()
        .map(|s| s.time)
        .or(activity.summary.start);
    let Some(start) = start else { return };
    if let Some(found) = find(&export.index, export.path.as_deref(), start) {
        apply(activity, found, export.kind);
    }
}

/// Reads bytes already in memory as if they were the file `label` (used by tests and fuzzing).
pub fn process_bytes(label: &str, bytes: &[u8], config: &Config) -> Vec<Processed> {
    let read = catch_unwind(AssertUnwindSafe(|| read::read_bytes(bytes, &config.read)))
        .unwrap_or_else(|panic| Err(ReadError::Panic(panic_message(&panic))));
    finish(label, read, config)
}

/// Records for the activities read, or the one error entry.
fn finish(label: &str, read: Result<Vec<Activity>, ReadError>, config: &Config) -> Vec<Processed> {
    match read {
        Ok(activities) => records(label, &activities, config),
        Err(error) => vec![Processed::Error {
            file: label.to_string(),
            error: error.to_string(),
        }],
    }
}

/// Analyzes activities read from the file `label`.
fn records(label: &str, activities: &[Activity], config: &Config) -> Vec<Processed> {
    let analyzed = catch_unwind(AssertUnwindSafe(|| {
        activities
            .iter()
            .filter_map(|a| record(label, a, config))
            .map(|r| Processed::Run(Box::new(r)))
            .collect::<Vec<_>>()
    }));
    match analyzed {
        Ok(runs) if runs.is_empty() => vec![Processed::Error {
            file: label.to_string(),
            error: ReadError::NoActivity("no samples with a time".into()).to_string(),
        }],
        Ok(runs) => runs,
        Err(panic) => vec![Processed::Error {
            file: label.to_string(),
            error: ReadError::Panic(panic_message(&panic)).to_string(),
        }],
    }
}

/// One activity → one record.
fn record(label: &str, activity: &Activity, config: &Config) -> Option<RunRecord> {
    let (units, max_hr) = (config.units, config.given_max_hr());
    let track = Track::build(activity)?;
    let analysis = analyze_track(activity, &track, units)?;
    let split_m = units.split_m();
    let full_splits = || {
        analysis
            .splits
            .iter()
            .filter(move |s| s.distance_m >= split_m * 0.999)
    };
    let hill = analysis
        .elevation_gain_m
        .zip(analysis.grade_adjusted_distance_m)
        .map(|(climb_m, grade_adjusted_distance_m)| HillFacts {
            climb_m,
            grade_adjusted_distance_m,
            full_split_gaps_s_per_km: full_splits().filter_map(|s| s.gap_s_per_km).collect(),
        });
    let pace = PaceFacts {
        distance_m: analysis.distance_m,
        moving_s: analysis.moving_s,
        full_split_paces_s_per_km: full_splits().filter_map(|s| s.pace_s_per_km).collect(),
        hill,
    };
    let (hr, trusted_hr) = match analysis.hr_samples {
        0 => (None, Vec::new()),
        _ => {
            let (profile, trusted) = hr_profile(&track, max_hr);
            (Some(profile), trusted)
        }
    };
    let plot = config
        .svg_dir
        .is_some()
        .then(|| PlotSeries::build(activity, &track));
    let mut report = RunReport::new(label, activity, analysis);
    match (track.source, track.distance_spikes) {
        (_, 0) => {}
        (DistanceSource::Gps, fixes) => report.warnings.push(Warning::GpsTeleports { fixes }),
        (_, readings) => report.warnings.push(Warning::OdometerSpikes { readings }),
    }
    let watch_workout = activity
        .texts
        .iter()
        .find(|t| t.source == TextSource::FitLapIntensity)
        .map(|t| t.text.clone());
    let laps = report
        .analysis
        .laps
        .iter()
        .map(|l| (l.moving_s, l.distance_m))
        .collect();
    Some(RunRecord {
        laps,
        watch_max_hr_bpm: activity.watch_max_hr_bpm.map(f64::from),
        report,
        pace,
        hr,
        bins: SpeedBins::from_intervals(&track.t_s, &track.distance_m, &track.moving_s)
            .with_hr(&track.t_s, &trusted_hr),
        watch_workout,
        plot,
    })
}

/// Gates the run's heart rate and reduces it; also each sample's heart rate where trusted.
fn hr_profile(track: &Track, max_hr: Option<f64>) -> (HrProfile, Vec<Option<u8>>) {
    let points: Vec<HrPoint> = track
        .t_s
        .iter()
        .enumerate()
        .map(|(i, &t_s)| HrPoint {
            t_s,
            moving_dt_s: i
                .checked_sub(1)
                .and_then(|k| track.moving_s.get(k))
                .copied()
                .unwrap_or(0.0),
            hr_bpm: track.hr_bpm.get(i).copied().flatten(),
            cadence_spm: track.cadence_spm.get(i).copied().flatten(),
        })
        .collect();
    let gated = gate(&points, Some(max_hr.unwrap_or(PHYSIOLOGICAL_MAX_HR_BPM)));
    let trusted_hr = track
        .hr_bpm
        .iter()
        .zip(&gated.trusted)
        .map(|(&hr, &trusted)| hr.filter(|_| trusted))
        .collect();
    (
        HrProfile::build(&points, &gated.trusted, gated.untrusted),
        trusted_hr,
    )
}

/// The text of a caught panic, for the error line.
fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}
