//! Aerobic decoupling (HR drift): speed per heartbeat in the first vs the second half of the
//! moving time after a warm-up, only for runs long, steady and HR-covered enough to mean it.

use crate::analyze::analysis::Drift;
use crate::analyze::hr::TimeWeighted;
use crate::analyze::track::Track;

/// Moving time trimmed from the start as warm-up, seconds.
pub const WARM_UP_S: f64 = 600.0;
/// Least moving time for a drift figure, seconds.
pub const MIN_MOVING_S: f64 = 2400.0;
/// Least share of moving time with a heart rate.
pub const MIN_HR_COVERAGE: f64 = 0.9;
/// Largest coefficient of variation of per-minute speed (after the warm-up) for a steady run.
pub const MAX_SPEED_CV: f64 = 0.15;
/// Largest share of moving time spent walking.
pub const MAX_WALKING_SHARE: f64 = 0.1;
/// Length of the buckets whose speeds are compared for steadiness, moving seconds.
const BUCKET_S: f64 = 60.0;
/// More buckets than this (over 69 days of moving time) is not a run to assess.
const MAX_BUCKETS: usize = 100_000;

/// Sums over a window of moving time.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Window {
    moving_s: f64,
    distance_m: f64,
    walking_s: f64,
    hr: TimeWeighted,
}

impl Window {
    /// Mean moving speed, meters per second.
    fn speed_m_s(&self) -> f64 {
        if self.moving_s > 0.0 {
            self.distance_m / self.moving_s
        } else {
            0.0
        }
    }

    /// Efficiency factor: speed per beat per minute; `None` without HR or movement.
    fn efficiency(&self) -> Option<f64> {
        let hr = self.hr.mean().filter(|h| *h > 0.0)?;
        let speed = self.speed_m_s();
        (speed > 0.0).then(|| speed / hr)
    }
}

/// Aerobic decoupling of a run, or why it cannot be assessed.
///
/// After trimming the first [`WARM_UP_S`] of moving time, the rest is cut into halves of equal
/// moving time; each half's efficiency is its mean moving speed over its time-weighted HR, and
/// decoupling is (EF first / EF second − 1) · 100. Assessed only with at least [`MIN_MOVING_S`]
/// of moving time, HR on at least [`MIN_HR_COVERAGE`] of it, at most [`MAX_WALKING_SHARE`]
/// walking, and per-minute speed varying by at most [`MAX_SPEED_CV`] (coefficient of variation).
pub fn drift(track: &Track) -> Drift {
    let clock = moving_clock(&track.moving_s);
    let total_s = clock.last().copied().unwrap_or(0.0);
    match assess(track, &clock, total_s) {
        Ok(decoupling_pct) => Drift::Assessed { decoupling_pct },
        Err(reason) => Drift::NotAssessable { reason },
    }
}

/// The decoupling, or the reason in words.
fn assess(track: &Track, clock: &[f64], total_s: f64) -> Result<f64, String> {
    if total_s < MIN_MOVING_S {
        return Err(format!(
            "moving time {:.0} min is under the {:.0} min needed",
            total_s / 60.0,
            MIN_MOVING_S / 60.0
        ));
    }
    let whole = window(track, clock, 0.0, total_s);
    let coverage = whole.hr.weight_s / total_s;
    if coverage < MIN_HR_COVERAGE {
        return Err(format!(
            "heart rate covers {:.0}% of moving time, {:.0}% needed",
            coverage * 100.0,
            MIN_HR_COVERAGE * 100.0
        ));
    }
    let walking = whole.walking_s / total_s;
    if walking > MAX_WALKING_SHARE {
        return Err(format!(
            "walked {:.0}% of moving time, at most {:.0}% for a steady run",
            walking * 100.0,
            MAX_WALKING_SHARE * 100.0
        ));
    }
    let cv = speed_cv(track, clock, WARM_UP_S, total_s)?;
    if cv > MAX_SPEED_CV {
        return Err(format!(
            "pace too unsteady: per-minute speed varies by {:.0}% (coefficient of variation), \
             at most {:.0}%",
            cv * 100.0,
            MAX_SPEED_CV * 100.0
        ));
    }
    let half = (WARM_UP_S + total_s) / 2.0;
    let first = window(track, clock, WARM_UP_S, half).efficiency();
    let second = window(track, clock, half, total_s).efficiency();
    match (first, second) {
        (Some(ef1), Some(ef2)) => Ok((ef1 / ef2 - 1.0) * 100.0),
        _ => Err("no speed or heart rate in one of the halves".into()),
    }
}

/// Coefficient of variation (population standard deviation over mean) of the speed of each full
/// minute of moving time in [from_s, to_s].
fn speed_cv(track: &Track, clock: &[f64], from_s: f64, to_s: f64) -> Result<f64, String> {
    let buckets = ((to_s - from_s) / BUCKET_S).floor();
    if !(1.0..=MAX_BUCKETS as f64).contains(&buckets) {
        return Err("moving time out of range for a steadiness check".into());
    }
    let speeds: Vec<f64> = (0..buckets as usize)
        .map(|k| {
            let a = from_s + k as f64 * BUCKET_S;
            window(track, clock, a, a + BUCKET_S).speed_m_s()
        })
        .collect();
    let n = speeds.len() as f64;
    let mean = speeds.iter().sum::<f64>() / n;
    if mean <= 0.0 {
        return Err("no distance to judge speed by".into());
    }
    let var = speeds.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / n;
    Ok(var.sqrt() / mean)
}

/// Moving seconds elapsed at each sample (running sum of the intervals' moving time).
fn moving_clock(moving_s: &[f64]) -> Vec<f64> {
    let mut sum = 0.0;
    std::iter::once(0.0)
        .chain(moving_s.iter().map(|m| {
            sum += m;
            sum
        }))
        .collect()
}

/// Sums over moving time [a, b]: an interval contributes the part of its moving time inside,
/// and that fraction of its distance.
fn window(track: &Track, clock: &[f64], a: f64, b: f64) -> Window {
    let mut w = Window::default();
    let first = clock.partition_point(|&c| c <= a).saturating_sub(1);
    let at = |i: usize| i.saturating_add(first);
    let intervals = tail(clock, first)
        .windows(2)
        .zip(tail(&track.distance_m, first).windows(2))
        .zip(tail(&track.walking, first))
        .zip(tail(&track.hr_bpm, at(1)));
    for (((c, d), &walking), hr) in intervals {
        let (&[c0, c1], &[d0, d1]) = (c, d) else {
            continue;
        };
        if c0 >= b {
            break;
        }
        let inside = c1.min(b) - c0.max(a);
        if c1 <= c0 || inside <= 0.0 {
            continue;
        }
        w.moving_s += inside;
        w.distance_m += (d1 - d0) * inside / (c1 - c0);
        if walking {
            w.walking_s += inside;
        }
        if let Some(h) = hr {
            w.hr.add(f64::from(*h), inside);
        }
    }
    w
}

/// `v[from..]`, empty when `from` is past the end.
fn tail<T>(v: &[T], from: usize) -> &[T] {
    v.get(from..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::{Activity, Format, Sample};
    use chrono::{Duration, TimeZone, Utc};

    /// A 1 Hz run of `secs` seconds: speed and HR from the second.
    fn run(secs: i64, speed: impl Fn(i64) -> f64, hr: impl Fn(i64) -> u8) -> Track {
        let t0 = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
        let mut a = Activity::new(Format::Fit);
        let mut d = 0.0;
        for t in 0..=secs {
            if t > 0 {
                d += speed(t);
            }
            let mut s = Sample::at(t0 + Duration::seconds(t));
            s.distance_m = Some(d);
            s.hr_bpm = Some(hr(t));
            s.cadence_spm = Some(170.0);
            a.samples.push(s);
        }
        Track::build(&a).unwrap()
    }

    fn pct(d: Drift) -> f64 {
        match d {
            Drift::Assessed { decoupling_pct } => decoupling_pct,
            Drift::NotAssessable { reason } => panic!("not assessed: {reason}"),
        }
    }

    #[test]
    fn steady_run_with_rising_hr() {
        // 60 min at 3 m/s. Trim 600 s; halves 600..2100 and 2100..3600 of moving time.
        // HR 140 up to t=2100 (intervals ending there), 150 after:
        // EF1 = 3/140, EF2 = 3/150; EF1/EF2 = 150/140 = 1.071428… → 7.14 %.
        let d = drift(&run(3600, |_| 3.0, |t| if t <= 2100 { 140 } else { 150 }));
        assert!((pct(d) - 7.142857).abs() < 1e-4);
    }

    #[test]
    fn steady_run_with_flat_hr_has_no_drift() {
        let d = drift(&run(3000, |_| 3.0, |_| 145));
        assert!(pct(d).abs() < 1e-9);
    }

    #[test]
    fn unsteady_run_is_not_assessable() {
        // Alternating minutes at 4 and 2 m/s: mean 3, sd 1, CV 0.33 > 0.15.
        let d = drift(&run(
            3600,
            |t| if (t - 1) / 60 % 2 == 0 { 4.0 } else { 2.0 },
            |_| 150,
        ));
        match d {
            Drift::NotAssessable { reason } => assert!(reason.contains("unsteady"), "{reason}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn short_run_and_missing_hr_are_not_assessable() {
        let short = drift(&run(1800, |_| 3.0, |_| 150));
        assert!(matches!(short, Drift::NotAssessable { reason } if reason.contains("40 min")));
        // HR 0 is not how the model writes a dropout, but a run of None is: build one by hand.
        let mut track = run(3600, |_| 3.0, |_| 150);
        for h in track.hr_bpm.iter_mut().skip(1000).take(1000) {
            *h = None;
        }
        // 1000 of 3600 s without HR: 72% coverage.
        let no_hr = drift(&track);
        assert!(matches!(no_hr, Drift::NotAssessable { reason } if reason.contains("72%")));
    }
}
