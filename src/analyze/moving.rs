//! Moving time per interval between samples: the device timer's rule when the file records its
//! stops, else the gap and slow-speed rules; plus which moving intervals were walking.

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

/// Moving seconds of each interval between consecutive samples (`t_s.len() - 1` values, each
/// between 0 and the interval's length). An interval's speed is its distance over its unpaused
/// time, taken from the cleaned distance track; the device's instantaneous speed is not used,
/// so every file is judged by the same distance that its pace is computed from.
///
/// ```
/// use runaudit::analyze::moving::{moving_intervals, MovingRule};
/// // 10 s at 3 m/s, a 60 s gap covering 5 m (0.08 m/s: a pause), 10 s at 3 m/s.
/// let t = [0.0, 10.0, 70.0, 80.0];
/// let d = [0.0, 30.0, 35.0, 65.0];
/// let m = moving_intervals(&t, &d, &[], MovingRule::Speed);
/// assert_eq!(m, vec![10.0, 0.0, 10.0]);
/// ```
pub fn moving_intervals(
    t_s: &[f64],
    distance_m: &[f64],
    pauses_s: &[(f64, f64)],
    rule: MovingRule,
) -> Vec<f64> {
    let mut pause_idx = 0;
    t_s.windows(2)
        .zip(distance_m.windows(2))
        .map(|(t, d)| {
            let (t0, t1, d0, d1) = match (t, d) {
                (&[t0, t1], &[d0, d1]) => (t0, t1, d0, d1),
                _ => return 0.0,
            };
            let dt = (t1 - t0).max(0.0);
            let unpaused = (dt - paused_within(pauses_s, &mut pause_idx, t0, t1)).max(0.0);
            match rule {
                MovingRule::Timer => unpaused,
                MovingRule::Speed => {
                    let speed = if unpaused > 0.0 {
                        (d1 - d0) / unpaused
                    } else {
                        0.0
                    };
                    let pause = dt > PAUSE_GAP_S && speed < PAUSE_SPEED_M_S;
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
/// the interval's speed is under [`WALKING_SPEED_M_S`]. `judge_speed` is false when there is no
/// distance (speed then says nothing); `applies` is false for sports where walking has no meaning
/// (cycling, swimming), giving all `false`.
pub fn walking_intervals(
    t_s: &[f64],
    distance_m: &[f64],
    cadence_spm: &[Option<f64>],
    moving_s: &[f64],
    judge_speed: bool,
    applies: bool,
) -> Vec<bool> {
    let ends = t_s
        .windows(2)
        .zip(distance_m.windows(2))
        .zip(cadence_spm.get(1..).unwrap_or_default());
    ends.zip(moving_s)
        .map(|(((t, d), cadence), &moving)| {
            if !applies || moving <= 0.0 {
                return false;
            }
            match (cadence, t, d) {
                (Some(c), _, _) => *c < WALKING_CADENCE_SPM,
                (None, &[_, _], &[d0, d1]) => judge_speed && (d1 - d0) / moving < WALKING_SPEED_M_S,
                _ => false,
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
        let m = moving_intervals(&t, &d, &[(15.0, 42.0)], MovingRule::Timer);
        assert_eq!(m, vec![10.0, 5.0, 0.0, 0.0, 8.0, 10.0]);
        assert_eq!(m.iter().sum::<f64>(), 33.0);
    }

    #[test]
    fn gap_rule_and_stopped_rule() {
        // 0..5: 15 m in 5 s (3 m/s) moving. 5..25: 20 s gap, 6 m (0.3 m/s) → pause.
        // 25..30: 4 m in 5 s (0.8 m/s < 0.894) → stopped. 30..31: 3 m (3 m/s) moving.
        // 31..45: 14 s gap but 42 m (3 m/s) → moving (a GPS gap while running).
        // Moving = 5 + 1 + 14 = 20 s.
        let t = [0.0, 5.0, 25.0, 30.0, 31.0, 45.0];
        let d = [0.0, 15.0, 21.0, 25.0, 28.0, 70.0];
        let m = moving_intervals(&t, &d, &[], MovingRule::Speed);
        assert_eq!(m, vec![5.0, 0.0, 0.0, 1.0, 14.0]);
    }

    #[test]
    fn recorded_pauses_are_excluded_under_the_speed_rule_too() {
        // A GPX segment gap 10..70: 30 m before, 30 m after, 0 m across.
        let t = [0.0, 10.0, 70.0, 80.0];
        let d = [0.0, 30.0, 30.0, 60.0];
        let m = moving_intervals(&t, &d, &[(10.0, 70.0)], MovingRule::Speed);
        assert_eq!(m, vec![10.0, 0.0, 10.0]);
    }

    #[test]
    fn walking_by_cadence_else_by_speed() {
        // Interval 0 ends at cadence 120 (< 140): walking although 3 m/s.
        // Interval 1 ends at cadence 170: running. Interval 2: no cadence, 1.5 m/s < 1.9:
        // walking. Interval 3: no cadence, 2.5 m/s: running. Interval 4: not moving.
        let t = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
        let d = [0.0, 3.0, 6.0, 7.5, 10.0, 10.0];
        let c = [None, Some(120.0), Some(170.0), None, None, None];
        let m = [1.0, 1.0, 1.0, 1.0, 0.0];
        let w = walking_intervals(&t, &d, &c, &m, true, true);
        assert_eq!(w, vec![true, false, true, false, false]);
        assert_eq!(
            walking_intervals(&t, &d, &c, &m, true, false),
            vec![false; 5]
        );
    }
}
