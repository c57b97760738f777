//! What the runner's history says: the normal pace (median moving pace of the other, non-recovery
//! runs in a trailing window) and the maximum heart rate (the highest sustained heart rate seen).

use crate::words::plural;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// One earlier run as the baseline sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PastRun {
    /// Start time.
    pub start: DateTime<Utc>,
    /// Average moving pace, s/km.
    pub pace_s_per_km: f64,
    /// Whether it was itself judged a recovery run (those are left out).
    pub was_recovery: bool,
}

/// A normal pace inferred from history, with the evidence a reader needs to trust it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaceBaseline {
    /// Median moving pace, s/km.
    pub pace_s_per_km: f64,
    /// Runs it was taken from.
    pub runs: usize,
    /// First run in the window.
    pub from: DateTime<Utc>,
    /// Last run in the window.
    pub to: DateTime<Utc>,
    /// Lower quartile of the paces, s/km.
    pub q1_s_per_km: f64,
    /// Upper quartile of the paces, s/km.
    pub q3_s_per_km: f64,
}

/// The median moving pace of the runs that started in the `window_days` before `at` (the run under
/// test itself starts at `at` and is not included), leaving out recovery runs; `Err` says why
/// there is none (fewer than `min_runs`).
///
/// ```
/// use chrono::{TimeZone, Utc, Duration};
/// use runaudit::baseline::{normal_pace, PastRun};
/// let at = Utc.with_ymd_and_hms(2026, 10, 1, 7, 0, 0).unwrap();
/// let past = |days: i64, pace: f64, rec: bool| PastRun {
///     start: at - Duration::days(days), pace_s_per_km: pace, was_recovery: rec };
/// let history = [past(50, 200.0, false), past(40, 330.0, false), past(30, 320.0, false),
///     past(20, 340.0, false), past(10, 335.0, false), past(5, 325.0, false), past(2, 420.0, true)];
/// // in the window (42 days): 330, 320, 340, 335, 325 (the 420 recovery run left out) → median 330
/// let b = normal_pace(&history, at, 42, 5).unwrap();
/// assert_eq!((b.pace_s_per_km, b.runs), (330.0, 5));
/// assert!(normal_pace(&history, at, 42, 6).is_err());
/// ```
pub fn normal_pace(
    history: &[PastRun],
    at: DateTime<Utc>,
    window_days: u32,
    min_runs: usize,
) -> Result<PaceBaseline, String> {
    let from = at - Duration::days(i64::from(window_days));
    let mut window: Vec<&PastRun> = history
        .iter()
        .filter(|r| r.start >= from && r.start < at && !r.was_recovery)
        .filter(|r| r.pace_s_per_km.is_finite() && r.pace_s_per_km > 0.0)
        .collect();
    if window.len() < min_runs.max(1) {
        return Err(format!(
            "only {} in the {window_days} days before, {min_runs} needed",
            plural(window.len(), "non-recovery run", "non-recovery runs")
        ));
    }
    window.sort_by_key(|r| r.start);
    let (first, last) = match (window.first(), window.last()) {
        (Some(f), Some(l)) => (f.start, l.start),
        _ => return Err("no runs".into()),
    };
    let mut paces: Vec<f64> = window.iter().map(|r| r.pace_s_per_km).collect();
    paces.sort_by(f64::total_cmp);
    Ok(PaceBaseline {
        pace_s_per_km: quantile(&paces, MEDIAN),
        runs: paces.len(),
        from: first,
        to: last,
        q1_s_per_km: quantile(&paces, 0.25),
        q3_s_per_km: quantile(&paces, 0.75),
    })
}

/// The median, as a quantile for [`quantile`].
pub const MEDIAN: f64 = 0.5;

/// Linear-interpolated quantile of sorted values (the median of an even count is the mean of the
/// middle two).
///
/// ```
/// use runaudit::baseline::quantile;
/// assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.5), 2.5);
/// assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.25), 2.0);
/// ```
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = (sorted.len() - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    let (a, b) = (
        sorted.get(lo).copied().unwrap_or(f64::NAN),
        sorted.get(hi).copied().unwrap_or(f64::NAN),
    );
    a + (b - a) * (pos - lo as f64)
}

/// Runs with clean heart rate needed before a maximum heart rate is inferred from them: one or two
/// easy runs say little about the top of the range, and a max HR inferred from them would put the
/// easy ceiling so low that every run fails. The same count the normal pace needs.
pub const MIN_RUNS_FOR_MAX_HR: usize = 5;

/// Two runs' peaks within this of each other corroborate one another, bpm.
pub const CORROBORATE_BPM: f64 = 3.0;

/// A maximum heart rate inferred from runs, with the runs it stands on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InferredMaxHr<T> {
    /// The value, bpm: the highest run peak that another run comes within
    /// [`CORROBORATE_BPM`] of.
    pub bpm: f64,
    /// The run that reached it and the run that corroborates it.
    pub from: (T, T),
    /// Runs with a peak considered.
    pub runs: usize,
}

/// The maximum heart rate inferred from each run's high sustained heart rate (the 99th percentile
/// of its 30-s rolling mean of trusted heart rate): the highest peak that a second run comes
/// within [`CORROBORATE_BPM`] of, so that one run's artefact (a chest strap on a dry morning, a
/// 245-bpm spike sequence the gate let through) never sets it. `None` when fewer than
/// [`MIN_RUNS_FOR_MAX_HR`] runs have enough clean heart rate, or when no two peaks agree.
/// Each peak comes with a tag (the run's date, say) that says where the value came from.
///
/// ```
/// use runaudit::baseline::infer_max_hr;
/// let peaks = [(Some(171.0), 'a'), (None, 'b'), (Some(186.4), 'c'), (Some(150.0), 'd'),
///              (Some(160.0), 'e'), (Some(184.0), 'f')];
/// let m = infer_max_hr(peaks).unwrap();
/// assert_eq!((m.bpm, m.from, m.runs), (186.4, ('c', 'f'), 5));
/// // One artefact of 241 has no second run near it: the clean 186.4 stands.
/// let peaks = [(Some(241.0), 'x'), (Some(186.4), 'c'), (Some(184.0), 'f'), (Some(160.0), 'e'),
///              (Some(150.0), 'd')];
/// assert_eq!(infer_max_hr(peaks).unwrap().bpm, 186.4);
/// // Four runs with heart rate are too few.
/// assert_eq!(infer_max_hr([(Some(171.0), 1), (Some(186.4), 2), (Some(150.0), 3), (Some(160.0), 4)]), None);
/// ```
pub fn infer_max_hr<T: Copy>(
    peaks: impl IntoIterator<Item = (Option<f64>, T)>,
) -> Option<InferredMaxHr<T>> {
    let mut peaks: Vec<(f64, T)> = peaks
        .into_iter()
        .filter_map(|(p, t)| p.filter(|p| p.is_finite()).map(|p| (p, t)))
        .collect();
    if peaks.len() < MIN_RUNS_FOR_MAX_HR {
        return None;
    }
    peaks.sort_by(|a, b| b.0.total_cmp(&a.0));
    let runs = peaks.len();
    peaks.windows(2).find_map(|w| match w {
        [(top, t1), (next, t2)] if top - next <= CORROBORATE_BPM => Some(InferredMaxHr {
            bpm: *top,
            from: (*t1, *t2),
            runs,
        }),
        _ => None,
    })
}
