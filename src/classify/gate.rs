//! The heart-rate trust gate: before heart rate judges effort, stretches that cannot be trusted
//! are set aside — dropouts, values above max HR, spikes, and cadence lock (an optical sensor
//! reporting the step rate instead of the pulse).

use serde::Serialize;

/// One sample's heart rate in the time frame of the run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HrPoint {
    /// Seconds since the first sample.
    pub t_s: f64,
    /// Moving time of the interval that ends at this sample, seconds (0 for the first sample).
    pub moving_dt_s: f64,
    /// Heart rate, `None` when missing or a dropout marker.
    pub hr_bpm: Option<u8>,
    /// Cadence, steps per minute.
    pub cadence_spm: Option<f64>,
}

impl HrPoint {
    /// One reading a second, every second moving, no cadence: a run's heart rate as the
    /// examples and tests write it.
    ///
    /// ```
    /// use runaudit::classify::gate::HrPoint;
    /// let pts = HrPoint::every_second(&[140, 150]);
    /// assert_eq!((pts[1].t_s, pts[1].moving_dt_s, pts[1].hr_bpm), (1.0, 1.0, Some(150)));
    /// assert_eq!(pts[0].moving_dt_s, 0.0);
    /// ```
    pub fn every_second(bpm: &[u8]) -> Vec<HrPoint> {
        bpm.iter()
            .enumerate()
            .map(|(i, &h)| HrPoint {
                t_s: i as f64,
                moving_dt_s: if i == 0 { 0.0 } else { 1.0 },
                hr_bpm: Some(h),
                cadence_spm: None,
            })
            .collect()
    }
}

/// A sample this far above (or below) the medians of the 5 samples on each side is a spike, bpm.
pub const SPIKE_BPM: f64 = 25.0;
/// Samples on each side of a possible spike whose median it is compared with.
pub const SPIKE_CONTEXT: usize = 5;
/// Fewest samples with heart rate for a median on one side of a possible spike.
pub const SPIKE_CONTEXT_MIN: usize = 3;
/// HR within this of cadence counts toward cadence lock, bpm.
pub const LOCK_TOLERANCE_BPM: f64 = 3.0;
/// HR tracking cadence for at least this long is cadence lock, seconds.
pub const LOCK_MIN_S: f64 = 60.0;
/// Cadence lock is only looked for at running cadences, steps per minute.
pub const LOCK_MIN_CADENCE_SPM: f64 = 130.0;

/// Moving time set aside by each rule of the gate, seconds.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Untrusted {
    /// No heart rate (missing, 0 or 255).
    pub missing_s: f64,
    /// Above the maximum heart rate.
    pub above_max_s: f64,
    /// Spikes.
    pub spike_s: f64,
    /// Cadence lock.
    pub cadence_lock_s: f64,
}

impl Untrusted {
    /// All untrusted moving time, seconds.
    pub fn total_s(&self) -> f64 {
        self.missing_s + self.above_max_s + self.spike_s + self.cadence_lock_s
    }
}

/// Per-sample trust, and the moving time set aside by each rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Gated {
    /// `true` where the sample's heart rate can be used.
    pub trusted: Vec<bool>,
    /// Moving time set aside, by rule.
    pub untrusted: Untrusted,
}

/// Runs the gate. `max_hr` enables the above-max rule.
///
/// ```
/// use runaudit::classify::gate::{gate, HrPoint};
/// // one 200 bpm spike at t = 10 s in a steady 140
/// let bpm: Vec<u8> = (0..20).map(|i| if i == 10 { 200 } else { 140 }).collect();
/// let pts = HrPoint::every_second(&bpm);
/// let g = gate(&pts, Some(190.0));
/// assert!(!g.trusted[10] && g.trusted[9] && g.trusted[11]);
/// // the spike is above max too; it is counted once, under the first rule that catches it
/// assert_eq!(g.untrusted.above_max_s, 1.0);
/// assert_eq!(g.untrusted.spike_s, 0.0);
/// ```
pub fn gate(points: &[HrPoint], max_hr: Option<f64>) -> Gated {
    let lock = cadence_lock(points);
    let mut trusted = Vec::with_capacity(points.len());
    let mut untrusted = Untrusted::default();
    for (i, p) in points.iter().enumerate() {
        let dt = p.moving_dt_s;
        let ok = match p.hr_bpm {
            None => {
                untrusted.missing_s += dt;
                false
            }
            Some(hr) if max_hr.is_some_and(|m| f64::from(hr) > m) => {
                untrusted.above_max_s += dt;
                false
            }
            Some(_) if is_spike(points, i) => {
                untrusted.spike_s += dt;
                false
            }
            Some(_) if lock.get(i).copied().unwrap_or(false) => {
                untrusted.cadence_lock_s += dt;
                false
            }
            Some(_) => true,
        };
        trusted.push(ok);
    }
    Gated { trusted, untrusted }
}

/// True when sample `i` stands out by more than [`SPIKE_BPM`] from both the median of the 5
/// samples before it and the median of the 5 after it, in the same direction: a brief excursion,
/// not the edge of a real change.
fn is_spike(points: &[HrPoint], i: usize) -> bool {
    let Some(hr) = points.get(i).and_then(|p| p.hr_bpm) else {
        return false;
    };
    let hr = f64::from(hr);
    let before = points
        .get(i.saturating_sub(SPIKE_CONTEXT)..i)
        .and_then(median_hr);
    let after = points
        .get(i + 1..(i + 1 + SPIKE_CONTEXT).min(points.len()))
        .and_then(median_hr);
    match (before, after) {
        (Some(b), Some(a)) => {
            (hr - b > SPIKE_BPM && hr - a > SPIKE_BPM) || (b - hr > SPIKE_BPM && a - hr > SPIKE_BPM)
        }
        _ => false,
    }
}

/// The median heart rate of a few samples (at least 3 with a value).
fn median_hr(points: &[HrPoint]) -> Option<f64> {
    let mut v: Vec<u8> = points.iter().filter_map(|p| p.hr_bpm).collect();
    if v.len() < SPIKE_CONTEXT_MIN {
        return None;
    }
    v.sort_unstable();
    v.get(v.len() / 2).map(|&m| f64::from(m))
}

/// Marks the samples of every stretch of at least [`LOCK_MIN_S`] in which heart rate stays within
/// [`LOCK_TOLERANCE_BPM`] of a running cadence.
fn cadence_lock(points: &[HrPoint]) -> Vec<bool> {
    let mut out = vec![false; points.len()];
    let tracks = |p: &HrPoint| match (p.hr_bpm, p.cadence_spm) {
        (Some(hr), Some(cad)) => {
            cad >= LOCK_MIN_CADENCE_SPM && (f64::from(hr) - cad).abs() <= LOCK_TOLERANCE_BPM
        }
        _ => false,
    };
    let mut start: Option<usize> = None;
    for i in 0..=points.len() {
        let on = points.get(i).is_some_and(tracks);
        match (on, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let t0 = points.get(s).map_or(0.0, |p| p.t_s);
                let t1 = points.get(i.saturating_sub(1)).map_or(0.0, |p| p.t_s);
                if t1 - t0 >= LOCK_MIN_S {
                    out.iter_mut().take(i).skip(s).for_each(|v| *v = true);
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(
        hr: impl Fn(usize) -> Option<u8>,
        cad: impl Fn(usize) -> Option<f64>,
    ) -> Vec<HrPoint> {
        (0..300)
            .map(|i| HrPoint {
                t_s: i as f64,
                moving_dt_s: if i == 0 { 0.0 } else { 1.0 },
                hr_bpm: hr(i),
                cadence_spm: cad(i),
            })
            .collect()
    }

    #[test]
    fn cadence_lock_over_a_minute_is_set_aside() {
        // HR 140 then, from t=100 to t=199 (100 s), HR equal to a 172 spm cadence.
        let pts = series(
            |i| Some(if (100..200).contains(&i) { 172 } else { 140 }),
            |_| Some(172.0),
        );
        let g = gate(&pts, Some(195.0));
        assert_eq!(g.untrusted.cadence_lock_s, 100.0);
        assert!(g.trusted[99] && !g.trusted[100] && !g.trusted[199] && g.trusted[200]);
    }

    #[test]
    fn a_short_coincidence_with_cadence_is_not_lock() {
        // 30 s of HR = cadence is under LOCK_MIN_S.
        let pts = series(
            |i| Some(if (100..130).contains(&i) { 170 } else { 150 }),
            |_| Some(170.0),
        );
        assert_eq!(gate(&pts, None).untrusted.cadence_lock_s, 0.0);
    }

    #[test]
    fn a_two_sample_spike_is_set_aside_but_a_real_rise_is_not() {
        // 150 steady, two samples at 190 (a spike), later a step up to 180 that stays.
        let pts = series(
            |i| {
                Some(match i {
                    100 | 101 => 190,
                    200.. => 180,
                    _ => 150,
                })
            },
            |_| None,
        );
        let g = gate(&pts, Some(195.0));
        assert_eq!(g.untrusted.spike_s, 2.0);
        assert!(!g.trusted[100] && !g.trusted[101] && g.trusted[200] && g.trusted[199]);
    }

    #[test]
    fn dropouts_and_above_max_are_counted_in_moving_time() {
        // 10 s missing (None), 5 s at 200 with max 190: 10 s and 5 s set aside.
        let pts = series(
            |i| match i {
                50..60 => None,
                150..155 => Some(200),
                _ => Some(150),
            },
            |_| None,
        );
        let g = gate(&pts, Some(190.0));
        assert_eq!(g.untrusted.missing_s, 10.0);
        assert_eq!(g.untrusted.above_max_s, 5.0);
        assert_eq!(g.untrusted.total_s(), 15.0);
    }
}
