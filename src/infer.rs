//! `runaudit profile --from PATH...`: what a season says of the runner (normal pace at its end,
//! maximum heart rate), written as a commented profile TOML that `--profile` and the saved
//! profile accept.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::baseline::{normal_pace, PastRun};
use crate::batch::{self, Batch, Outcome};
use crate::classify::judge::{is_judged, JudgedAs};
use crate::config::Config;
use crate::output;
use crate::pipeline::RunRecord;
use crate::profile::Source;
use crate::safe::toml_comment;
use crate::units::{Pace, Units};

/// What a season gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Inferred {
    /// Runs judged (running activities).
    pub runs: usize,
    /// First and last day of the season, `YYYY-MM-DD`.
    pub span: Option<(String, String)>,
    /// Normal pace at the end of the season, s/km, with the run count and the middle half.
    pub normal_pace: Option<(f64, usize, f64, f64)>,
    /// Maximum heart rate inferred from the runs, bpm, with the note of how.
    pub max_hr: Option<(f64, String)>,
    /// Time zones whose UTC offset matches every file that states its local time (the first is
    /// the suggestion), with how many files said.
    pub time_zones: (Vec<&'static str>, usize),
}

/// The IANA zones whose offset at each start equals the offset the file gave, most common regions
/// first; at most `limit`.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use runaudit::infer::zones_matching;
/// // +1 h in January and +2 h in July: central European time.
/// let seen = [(Utc.with_ymd_and_hms(2025, 1, 10, 7, 0, 0).unwrap(), 3600),
///             (Utc.with_ymd_and_hms(2025, 7, 10, 7, 0, 0).unwrap(), 7200)];
/// let z = zones_matching(&seen, 50);
/// assert_eq!(z[0], "Europe/Berlin");
/// assert!(!z.contains(&"Europe/London"));
/// ```
pub fn zones_matching(
    seen: &[(chrono::DateTime<chrono::Utc>, i32)],
    limit: usize,
) -> Vec<&'static str> {
    use chrono::Offset;
    if seen.is_empty() {
        return Vec::new();
    }
    let mut zones: Vec<&'static str> = chrono_tz::TZ_VARIANTS
        .iter()
        .filter(|tz| {
            let name = tz.name();
            name.contains('/') && !name.starts_with("Etc/") && !name.starts_with("SystemV/")
        })
        .filter(|tz| {
            seen.iter()
                .all(|(t, offset)| t.with_timezone(*tz).offset().fix().local_minus_utc() == *offset)
        })
        .map(|tz| tz.name())
        .collect();
    // The zones most runners live in first, then by region and name.
    const COMMON: &[&str] = &[
        "Europe/London",
        "Europe/Berlin",
        "Europe/Paris",
        "Europe/Madrid",
        "Europe/Amsterdam",
        "America/New_York",
        "America/Chicago",
        "America/Denver",
        "America/Los_Angeles",
        "America/Toronto",
        "America/Sao_Paulo",
        "Asia/Tokyo",
        "Asia/Kolkata",
        "Asia/Shanghai",
        "Australia/Sydney",
        "Pacific/Auckland",
        "Africa/Johannesburg",
    ];
    let rank = |z: &str| {
        let region = [
            "Europe/",
            "America/",
            "Asia/",
            "Australia/",
            "Africa/",
            "Pacific/",
        ]
        .iter()
        .position(|p| z.starts_with(p))
        .unwrap_or(9);
        (
            COMMON.iter().position(|c| *c == z).unwrap_or(COMMON.len()),
            region,
        )
    };
    zones.sort_by_key(|z| (rank(z), *z));
    zones.truncate(limit);
    zones
}

/// Reads the season's judged runs: the normal pace over the baseline window before the last run's
/// end, and the max HR the judge inferred (only when the configuration did not give one).
pub fn infer(batch: &Batch, config: &Config) -> Inferred {
    let runs: Vec<_> = batch
        .runs()
        .into_iter()
        .filter(|r| is_judged(r.report.sport))
        .collect();
    let rules = &config.profile.rules;
    let history: Vec<PastRun> = runs
        .iter()
        .filter(|r| r.pace.distance_m >= rules.baseline_min_distance_m.value)
        .filter_map(|r| {
            let a = &r.report.analysis;
            Some(PastRun {
                start: a.start,
                pace_s_per_km: a.average_pace_s_per_km()?,
                was_recovery: r.report.judgement.as_ref().map(|j| j.verdict)
                    == Some(JudgedAs::Recovery),
            })
        })
        .collect();
    let end = runs
        .iter()
        .map(|r| r.report.analysis.start + chrono::Duration::seconds(1))
        .max();
    let normal = end.and_then(|end| {
        normal_pace(
            &history,
            end,
            rules.baseline_window_days.value,
            rules.baseline_min_runs.value,
        )
        .ok()
    });
    // Max HR is inferred per run from the year before it: the last run's is today's.
    let max_hr = runs
        .iter()
        .rev()
        .filter_map(|r| {
            r.report
                .judgement
                .as_ref()?
                .profile
                .as_ref()?
                .max_hr_bpm
                .as_ref()
        })
        .find(|m| m.source == Source::Inferred)
        .map(|m| {
            let note = m.note.as_ref().map(ToString::to_string).unwrap_or_default();
            (m.value, note)
        });
    let seen: Vec<(chrono::DateTime<chrono::Utc>, i32)> = runs
        .iter()
        .filter_map(|r| Some((r.report.analysis.start, r.report.utc_offset_s?)))
        .collect();
    let time_zones = (zones_matching(&seen, 6), seen.len());
    let day = |r: &&RunRecord| r.report.analysis.start.format("%Y-%m-%d").to_string();
    Inferred {
        runs: runs.len(),
        span: runs.first().zip(runs.last()).map(|(a, b)| (day(a), day(b))),
        normal_pace: normal.map(|b| (b.pace_s_per_km, b.runs, b.q1_s_per_km, b.q3_s_per_km)),
        max_hr,
        time_zones,
    }
}

/// The profile as commented TOML: what was inferred as keys, the rest as comments to fill in.
///
/// ```
/// use runaudit::infer::{toml, Inferred};
/// use runaudit::units::Units;
/// let i = Inferred { runs: 12, span: Some(("2025-01-06".into(), "2025-02-23".into())),
///     normal_pace: Some((330.0, 9, 320.0, 345.0)), max_hr: None, time_zones: (vec![], 0) };
/// let text = toml(&i, Units::Km, 42, "runs/");
/// assert!(text.contains("\nnormal_pace = \"5:30/km\"\n"));
/// assert!(text.contains("\nas_of = \"2025-02-23\"\n"));
/// assert!(text.contains("\n# max_hr = "));
/// ```
pub fn toml(inferred: &Inferred, units: Units, window_days: u32, from: &str) -> String {
    let mut t = String::new();
    // The paths are the runner's folder names: one escaped line, so a newline in one adds no key.
    let _ = writeln!(
        t,
        "# runaudit profile, inferred by `runaudit profile --from {}`",
        toml_comment(from)
    );
    match &inferred.span {
        Some((first, last)) => {
            let _ = writeln!(t, "# from {} runs, {first} to {last}.", inferred.runs);
        }
        None => {
            let _ = writeln!(t, "# No runs were found there.");
        }
    }
    let _ = writeln!(
        t,
        "# Edit what you know better; flags still win over this file.\n"
    );
    let _ = writeln!(t, "units = \"{}\"\n", units.word());
    let inferred_keys = inferred.normal_pace.is_some() || inferred.max_hr.is_some();
    if let (Some((_, last)), true) = (&inferred.span, inferred_keys) {
        let _ = writeln!(
            t,
            "# The day the values below were inferred at: runs long before it (more than the\n\
             # baseline's or max HR's window) infer their own. Remove it to use them for every run.\n\
             as_of = \"{last}\"\n"
        );
    }
    let pace = |p: f64| Pace(p).show(units).to_string();
    match inferred.normal_pace {
        Some((p, n, q1, q3)) => {
            let _ = writeln!(
                t,
                "# Normal pace: median moving pace of the {n} runs in the {} days up to the last \
                 run (middle half {}–{}).\nnormal_pace = \"{}\"\n",
                window_days,
                pace(q1),
                pace(q3),
                pace(p)
            );
        }
        None => {
            let _ = writeln!(
                t,
                "# Normal pace: too few runs at the end of the season to infer it.\n\
                 # normal_pace = \"{}\"\n",
                pace(330.0)
            );
        }
    }
    match &inferred.max_hr {
        Some((bpm, note)) => {
            let _ = writeln!(t, "# Maximum heart rate: {note}.\nmax_hr = {bpm:.0}\n");
        }
        None => {
            let _ = writeln!(
                t,
                "# Maximum heart rate: too few runs with heart rate to infer it.\n# max_hr = 190\n"
            );
        }
    }
    match &inferred.time_zones {
        (zones, n) if !zones.is_empty() => {
            let _ = writeln!(
                t,
                "# Time zone: the one of these whose UTC offset matches all {n} files that give \
                 their local time: {}.\ntime_zone = \"{}\"\n",
                zones.join(", "),
                zones.first().copied().unwrap_or("UTC")
            );
        }
        (_, 0) => {
            let _ = writeln!(
                t,
                "# Time zone: no file gives its local time; name yours so days are your days.\n\
                 # time_zone = \"Europe/Berlin\"\n"
            );
        }
        (_, n) => {
            let _ = writeln!(
                t,
                "# Time zone: the {n} files that give their local time match no single zone \
                 (you travelled?).\n# time_zone = \"Europe/Berlin\"\n"
            );
        }
    }
    t.push_str(
        "# Not inferred: give what you know (the easy ceiling uses the best of these).\n\
         # lt1_hr = 150\n# lthr = 172\n# resting_hr = 50\n# age = 40\n",
    );
    t
}

/// Runs `profile --from`: reads the season, names failed files on `diag`, and prints the profile
/// TOML to `out`, or writes it to `save_to` (never over an existing file unless `force`).
pub fn profile(
    from: &[PathBuf],
    config: &Config,
    save_to: Option<&Path>,
    force: bool,
    out: &mut dyn Write,
    diag: &mut dyn Write,
) -> io::Result<Outcome> {
    let batch = batch::season(from, config);
    output::write_failures(diag, &batch.failures)?;
    output::write_notes(diag, &batch.notes)?;
    let inferred = infer(&batch, config);
    let shown: Vec<String> = from.iter().map(|p| p.display().to_string()).collect();
    let text = toml(
        &inferred,
        config.units,
        config.profile.rules.baseline_window_days.value,
        &shown.join(" "),
    );
    match save_to {
        None => {
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
        Some(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                output::create_dir(dir)?;
            }
            output::write_new_file(path, text.as_bytes(), force)?;
            writeln!(diag, "saved the profile to {}", path.display())?;
        }
    }
    Ok(batch.outcome)
}
