//! Moving time per interval between samples: the device timer's rule when the file records its
//! stops, else the gap and slow-speed rules; plus which moving intervals were walking.

use crate::analyze::distance::pause_between;

/// A gap longer than this, in seconds, at under [`PAUSE_SPEED_M_S`] is a pause.
pub const PAUSE_GAP_S: f64 = 10.0;
/// Average speed under which a long gap is a pause, meters per second.
pub const PAUSE_SPEED_M_S: f64 = 0.5;
/// A 30-minute mile in meters per second: any interval slower than this counts as stopped.
pub const STOPPED_SPEED_M_S: f64 = 1609.344 / 1800.0;
/// Cadence under which a moving interval is walking, steps per minute.
pub const WALKING_CADENCE_SPM: f64 = 140.0;
/// Speed under which a moving interval without cadence is walking, meters per second.
pub const WALKING_SPEED_M_S: f64 = 1.9;

/// How moving time is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MovingRule {
    /// The device timer: every second outside a recorded pause is moving. Used when the file
    /// records timer events, and when there is no distance to judge speed by.
    Timer,
    /// Inferred: recorded pauses (GPX segment gaps) excluded, a gap over [`PAUSE_GAP_S`] at under
    /// [`PAUSE_SPEED_M_S`] is a pause, and an interval under [`STOPPED_SPEED_M_S`] is stopped.
    Speed,
}

/// Shortest stretch, seconds, over which an interval's speed is judged. Devices that record at
/// 1 Hz often update their odometer only every 2–4 s, so single 1 s intervals read 0 m/s.
pub const SPEED_WINDOW_S: f64 = 5.0;
/// Most samples a speed window reaches out on each side.
pub const MAX_WINDOW_SAMPLES: usize = 32;

/// Speed of each interval between consecutive samples, meters per second, from the cleaned
/// distance track. An interval shorter than [`SPEED_WINDOW_S`] is widened one sample at a time,
/// alternately forward and back, until the window spans that long; a window never crosses a
/// recorded pause. The device's instantaneous speed is not used, so every file is judged by the
/// same distance its pace comes from. Cost: O(samples) (at most [`MAX_WINDOW_SAMPLES`] a side).
///
/// ```
/// use runaudit::analyze::moving::interval_speeds;
/// // 1 Hz samples, an odometer that steps 9 m every 3 s: each 1 s interval is judged over
/// // a 5 s window holding 15 m or so, never as 0 m/s.
/// let t = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0];
/// let d = [0.0, 0.0, 0.0, 9.0, 9.0, 9.0, 18.0, 18.0, 18.0, 27.0];
/// let v = interval_speeds(&t, &d, &[]);
/// assert!(v.iter().all(|s| (1.8..=3.6).contains(s)), "{v:?}");
/// ```
pub fn interval_speeds(t_s: &[f64], distance_m: &[f64], pauses_s: &[(f64, f64)]) -> Vec<f64> {
    let at = |i: usize| Some((*t_s.get(i)?, *distance_m.get(i)?));
    let n = t_s.len().min(distance_m.len());
    (0..n.saturating_sub(1))
        .map(|i| {
            let (Some((ta, _)), Some((tb, _))) = (at(i), at(i + 1)) else {
                return 0.0;
            };
            let (mut lo, mut hi) = (i, i + 1);
            if !pause_between(pauses_s, ta, tb) {
                for step in 0..2 * MAX_WINDOW_SAMPLES {
                    let span = at(hi).zip(at(lo)).map_or(0.0, |(h, l)| h.0 - l.0);
                    if span >= SPEED_WINDOW_S {
                        break;
                    }
                    let forward = step % 2 == 0;
                    let grown = widen(&at, pauses_s, lo, hi, forward)
                        .or_else(|| widen(&at, pauses_s, lo, hi, !forward));
                    let Some(g) = grown else { break };
                    (lo, hi) = g;
                }
            }
            let unpaused = unpaused_s(pauses_s, ta, tb);
            match (at(lo), at(hi)) {
                (Some((t0, d0)), Some((t1, d1))) if (lo, hi) != (i, i + 1) && t1 > t0 => {
                    (d1 - d0) / (t1 - t0)
                }
                (Some((_, d0)), Some((_, d1))) if unpaused > 0.0 => (d1 - d0) / unpaused,
                _ => 0.0,
            }
        })
        .collect()
}

/// The window [lo, hi] grown by one sample forward or back, unless that leaves the track or
/// crosses a pause.
fn widen(
    at: &impl Fn(usize) -> Option<(f64, f64)>,
    pauses_s: &[(f64, f64)],
    lo: usize,
    hi: usize,
    forward: bool,
) -> Option<(usize, usize)> {
    let (a, b) = if forward {
        (hi, hi.checked_add(1)?)
    } else {
        (lo.checked_sub(1)?, lo)
    };
    let ((ta, _), (tb, _)) = (at(a)?, at(b)?);
    if pause_between(pauses_s, ta, tb) {
        return None;
    }
    Some(if forward { (lo, b) } else { (a, hi) })
}

/// Seconds of [t0, t1] outside the pauses.
fn unpaused_s(pauses_s: &[(f64, f64)], t0: f64, t1: f64) -> f64 {
    let mut cursor = pauses_s.partition_point(|p| p.1 <= t0);
    ((t1 - t0) - paused_within(pauses_s, &mut cursor, t0, t1)).max(0.0)
}

/// Moving seconds of each interval between consecutive samples (`t_s.len() - 1` values, each
/// between 0 and the interval's unpaused length). Under [`MovingRule::Speed`] the gap rule
/// reads the interval's own average speed (its distance over its unpaused time) and the
/// stopped rule reads `speeds_m_s` (from [`interval_speeds`]).
///
/// ```
/// use runaudit::analyze::moving::{interval_speeds, moving_intervals, MovingRule};
/// // 10 s at 3 m/s, a 60 s gap covering 5 m (0.08 m/s: a pause), 10 s at 3 m/s.
/// let t = [0.0, 10.0, 70.0, 80.0];
/// let d = [0.0, 30.0, 35.0, 65.0];
/// let v = interval_speeds(&t, &d, &[]);
/// let m = moving_intervals(&t, &d, &v, &[], MovingRule::Speed);
/// assert_eq!(m, vec![10.0, 0.0, 10.0]);
/// ```
pub fn moving_intervals(
    t_s: &[f64],
    distance_m: &[f64],
    speeds_m_s: &[f64],
    pauses_s: &[(f64, f64)],
    rule: MovingRule,
) -> Vec<f64> {
    let mut pause_idx = 0;
    t_s.windows(2)
        .zip(distance_m.windows(2))
        .zip(speeds_m_s)
        .map(|((t, d), &speed)| {
            let (t0, t1, d0, d1) = match (t, d) {
                (&[t0, t1], &[d0, d1]) => (t0, t1, d0, d1),
                _ => return 0.0,
            };
            let dt = (t1 - t0).max(0.0);
            let unpaused = (dt - paused_within(pauses_s, &mut pause_idx, t0, t1)).max(0.0);
            match rule {
                MovingRule::Timer => unpaused,
                MovingRule::Speed => {
                    let own = if unpaused > 0.0 {
                        (d1 - d0) / unpaused
                    } else {
                        0.0
                    };
                    let pause = dt > PAUSE_GAP_S && own < PAUSE_SPEED_M_S;
                    if pause || speed < STOPPED_SPEED_M_S {
                        0.0
                    } else {
                        unpaused
                    }
                }
            }
        })
        .collect()
}

/// Seconds of [t0, t1] inside the sorted, disjoint pauses. `next` is a cursor that only moves
/// forward, so a pass over all intervals is O(samples + pauses).
fn paused_within(pauses_s: &[(f64, f64)], next: &mut usize, t0: f64, t1: f64) -> f64 {
    while pauses_s.get(*next).is_some_and(|p| p.1 <= t0) {
        *next += 1;
    }
    pauses_s
        .get(*next..)
        .unwrap_or_default()
        .iter()
        .take_while(|p| p.0 < t1)
        .map(|p| (p.1.min(t1) - p.0.max(t0)).max(0.0))
        .sum()
}

/// Which intervals were walking: moving, and either the cadence of the sample that ends the
/// interval is known (non-zero) and under [`WALKING_CADENCE_SPM`], or the cadence is unknown and
/// the interval's speed (from [`interval_speeds`]) is under [`WALKING_SPEED_M_S`]. `judge_speed`
/// is false when there is no distance (speed then says nothing); `applies` is false for sports
/// where walking has no meaning (cycling, swimming), giving all `false`.
pub fn walking_intervals(
    speeds_m_s: &[f64],
    cadence_spm: &[Option<f64>],
    moving_s: &[f64],
    judge_speed: bool,
    applies: bool,
) -> Vec<bool> {
    speeds_m_s
        .iter()
        .zip(cadence_spm.get(1..).unwrap_or_default())
        .zip(moving_s)
        .map(|((speed, cadence), &moving)| {
            if !applies || moving <= 0.0 {
                return false;
            }
            match cadence {
                Some(c) => *c < WALKING_CADENCE_SPM,
                None => judge_speed && *speed < WALKING_SPEED_M_S,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_pauses_are_subtracted_under_the_timer_rule() {
        // Samples every 10 s from 0 to 60; the timer stopped from 15 to 42 (27 s).
        // Moving = 60 - 27 = 33 s: intervals 10, 5, 0, 8, 10, 10 (the one 10..20 loses 5 s,
        // 20..30 and 30..40 are inside, 40..50 loses 2 s).
        let t = [0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0];
        let d = [0.0; 7];
        let m = moving_intervals(&t, &d, &[0.0; 6], &[(15.0, 42.0)], MovingRule::Timer);
        assert_eq!(m, vec![10.0, 5.0, 0.0, 0.0, 8.0, 10.0]);
        assert_eq!(m.iter().sum::<f64>(), 33.0);
    }

    #[test]
    fn gap_rule_and_stopped_rule() {
        // Intervals of at least 5 s are judged on their own.
        // 0..5: 15 m (3 m/s) moving. 5..25: 20 s gap, 6 m (0.3 m/s) → pause.
        // 25..30: 4 m (0.8 m/s < 0.894) → stopped. 30..35: 15 m (3 m/s) moving.
        // 35..49: 14 s gap but 42 m (3 m/s) → moving (a GPS gap while running).
        // Moving = 5 + 5 + 14 = 24 s.
        let t = [0.0, 5.0, 25.0, 30.0, 35.0, 49.0];
        let d = [0.0, 15.0, 21.0, 25.0, 40.0, 82.0];
        let v = interval_speeds(&t, &d, &[]);
        assert_eq!(v, vec![3.0, 0.3, 0.8, 3.0, 3.0]);
        let m = moving_intervals(&t, &d, &v, &[], MovingRule::Speed);
        assert_eq!(m, vec![5.0, 0.0, 0.0, 5.0, 14.0]);
    }

    #[test]
    fn coarse_odometer_is_not_read_as_stops() {
        // 1 Hz, odometer steps 9 m every 3 s (3 m/s). Interval 0..1 alone reads 0 m/s; widened
        // forward to 0..2, back (none), forward 0..3, forward 0..4, forward 0..5: 9 m / 5 s =
        // 1.8 m/s ≥ 0.894 → moving. Every interval is moving: 9 s.
        let t: Vec<f64> = (0..10).map(f64::from).collect();
        let d = [0.0, 0.0, 0.0, 9.0, 9.0, 9.0, 18.0, 18.0, 18.0, 27.0];
        let v = interval_speeds(&t, &d, &[]);
        assert_eq!(v.first(), Some(&1.8));
        let m = moving_intervals(&t, &d, &v, &[], MovingRule::Speed);
        assert_eq!(m.iter().sum::<f64>(), 9.0);
    }

    #[test]
    fn speed_windows_stop_at_pauses() {
        // 1 Hz 0..3 at 3 m/s, pause 3..60, then 1 Hz 60..63 at 3 m/s. The window of 0..1 can
        // grow to 0..3 only (3 s, 9 m): 3 m/s; nothing is averaged with the pause.
        let t = [0.0, 1.0, 2.0, 3.0, 60.0, 61.0, 62.0, 63.0];
        let d = [0.0, 3.0, 6.0, 9.0, 9.0, 12.0, 15.0, 18.0];
        let v = interval_speeds(&t, &d, &[(3.0, 60.0)]);
        assert_eq!(v, vec![3.0, 3.0, 3.0, 0.0, 3.0, 3.0, 3.0]);
    }

    #[test]
    fn recorded_pauses_are_excluded_under_the_speed_rule_too() {
        // A GPX segment gap 10..70: 30 m before, 30 m after, 0 m across.
        let t = [0.0, 10.0, 70.0, 80.0];
        let d = [0.0, 30.0, 30.0, 60.0];
        let v = interval_speeds(&t, &d, &[(10.0, 70.0)]);
        let m = moving_intervals(&t, &d, &v, &[(10.0, 70.0)], MovingRule::Speed);
        assert_eq!(m, vec![10.0, 0.0, 10.0]);
    }

    #[test]
    fn walking_by_cadence_else_by_speed() {
        // Interval 0 ends at cadence 120 (< 140): walking although 3 m/s.
        // Interval 1 ends at cadence 170: running. Interval 2: no cadence, 1.5 m/s < 1.9:
        // walking. Interval 3: no cadence, 2.5 m/s: running. Interval 4: not moving.
        let v = [3.0, 3.0, 1.5, 2.5, 0.0];
        let c = [None, Some(120.0), Some(170.0), None, None, None];
        let m = [1.0, 1.0, 1.0, 1.0, 0.0];
        let w = walking_intervals(&v, &c, &m, true, true);
        assert_eq!(w, vec![true, false, true, false, false]);
        assert_eq!(walking_intervals(&v, &c, &m, true, false), vec![false; 5]);
    }
}
