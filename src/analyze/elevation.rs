//! Elevation gain and loss: altitude spikes removed, the altitude smoothed, then counted with a
//! hysteresis set from the trace's own noise (a quiet barometer gets a fine one, wandering GPS
//! altitude a coarse one), so that noise does not add up to a phantom climb.

/// Fastest plausible climb or descent between two altitude samples, meters per second (time
/// steps under 1 s count as 1 s). Faster is a spike: a barometer settling, a GPS fix arriving.
pub const MAX_VERTICAL_M_S: f64 = 5.0;

/// Altitudes rejected in a row after which the next one becomes the new level (nothing counted):
/// the altitude has really moved, or the level before it was itself the spike.
pub const MAX_ALT_REJECTED_IN_A_ROW: usize = 5;

/// Width of the centered moving average applied to every altitude before counting, seconds.
pub const SMOOTH_S: f64 = 10.0;

/// The noise is measured on the smoothed altitude against the straight line between the
/// altitudes this many seconds before and after (a line, so that a steady climb is not noise).
pub const NOISE_LAG_S: f64 = 10.0;

/// Neighbours further apart than this many [`NOISE_LAG_S`] (a gap, a pause) give no noise
/// reading.
pub const NOISE_MAX_SPAN_LAGS: f64 = 4.0;

/// Hysteresis in units of the trace's noise: a pure-noise trace leaves a band of ±5 σ around
/// its anchor about once in a few million samples, while a real climb leaves it within meters.
/// Chosen by leave-one-device-out on the shared barometric FIT files (`docs/numbers.md`).
pub const HYSTERESIS_SIGMAS: f64 = 5.0;

/// Noise readings a trace needs for its own hysteresis; with fewer, [`FALLBACK_HYSTERESIS_M`].
pub const MIN_NOISE_READINGS: usize = 20;

/// Hysteresis of a trace too short to measure its noise, meters (a barometer's typical band).
pub const FALLBACK_HYSTERESIS_M: f64 = 1.0;

/// Differences between consecutive altitudes under this are float rounding, not the
/// recording's step, meters.
pub const MIN_STEP_M: f64 = 0.005;

/// Factor from the median absolute value to the standard deviation of a normal variable.
const MAD_TO_SIGMA: f64 = 1.4826;

/// Variance, in σ², of an altitude's distance from the line between its two neighbours when
/// all three carry independent noise and it lies midway: 1 + ½² + ½².
const MIDWAY_VARIANCE: f64 = 1.5;

/// How altitude is turned into gain and loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ElevationRule {
    /// Width of the centered moving average over time, seconds (0: no smoothing).
    pub smooth_s: f64,
    /// Hysteresis applied to the smoothed altitude, meters.
    pub hysteresis_m: f64,
}

/// A trace's altitude noise, measured after smoothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Noise {
    /// Standard deviation of the smoothed altitude around its local straight line, meters,
    /// from the median absolute deviation (robust to the bends at hilltops).
    pub sigma_m: f64,
    /// Smallest step between two consecutive raw altitudes (the recording's resolution, 0.2 m
    /// in FIT), meters; 0 when the altitude never changes.
    pub step_m: f64,
    /// How many samples gave a reading.
    pub readings: usize,
}

impl Noise {
    /// The hysteresis for this noise: [`HYSTERESIS_SIGMAS`] σ, never under the recording's
    /// step; [`FALLBACK_HYSTERESIS_M`] with fewer than [`MIN_NOISE_READINGS`] readings.
    ///
    /// ```
    /// use runaudit::analyze::elevation::Noise;
    /// let n = Noise { sigma_m: 0.2, step_m: 0.2, readings: 1000 };
    /// assert!((n.hysteresis_m() - 1.0).abs() < 1e-12);
    /// ```
    pub fn hysteresis_m(&self) -> f64 {
        if self.readings < MIN_NOISE_READINGS {
            FALLBACK_HYSTERESIS_M
        } else {
            (HYSTERESIS_SIGMAS * self.sigma_m).max(self.step_m)
        }
    }
}

/// Gain and loss by the trace's own noise: [`despike`], [`smooth`] over [`SMOOTH_S`], [`noise`],
/// then the hysteresis [`Noise::hysteresis_m`]; `None` when no sample has an altitude. `t_s` is
/// seconds since the start, one per altitude.
///
/// ```
/// use runaudit::analyze::elevation::gain;
/// // 10 minutes climbing 0.05 m/s in 0.2 m steps (a barometer's resolution): 30 m.
/// let t: Vec<f64> = (0..=600).map(f64::from).collect();
/// let alt: Vec<Option<f64>> = t.iter().map(|t| Some((t * 0.05 / 0.2).floor() * 0.2)).collect();
/// let e = gain(&t, &alt).unwrap();
/// assert!((e.gain_m - 30.0).abs() <= 1.0, "{}", e.gain_m);
/// ```
pub fn gain(t_s: &[f64], altitude_m: &[Option<f64>]) -> Option<Elevation> {
    let kept = despike(t_s, altitude_m);
    let smoothed = smooth(t_s, &kept.altitude_m, &kept.new_level, SMOOTH_S);
    let noise = noise(t_s, &kept.altitude_m, &smoothed, &kept.new_level);
    counted(&smoothed, &kept.new_level, noise.hysteresis_m())
}

/// Gain and loss by a fixed `rule` (no noise estimate): [`despike`], [`smooth`], then the
/// hysteresis.
///
/// ```
/// use runaudit::analyze::elevation::{gain_by, ElevationRule};
/// // A 90 m spike for one sample at the start, then a 10 m climb in 1 m steps.
/// let t: Vec<f64> = (0..13).map(f64::from).collect();
/// let mut alt = vec![Some(50.0), Some(140.0)];
/// alt.extend((0..=10).map(|i| Some(50.0 + f64::from(i))));
/// let rule = ElevationRule { smooth_s: 0.0, hysteresis_m: 1.0 };
/// assert_eq!(gain_by(&t, &alt, rule).unwrap().gain_m, 10.0);
/// ```
pub fn gain_by(t_s: &[f64], altitude_m: &[Option<f64>], rule: ElevationRule) -> Option<Elevation> {
    let kept = despike(t_s, altitude_m);
    let smoothed = smooth(t_s, &kept.altitude_m, &kept.new_level, rule.smooth_s);
    counted(&smoothed, &kept.new_level, rule.hysteresis_m)
}

/// The noise of a trace: for each smoothed altitude with a neighbour at least [`NOISE_LAG_S`]
/// before and after (both within [`NOISE_MAX_SPAN_LAGS`] lags, no new level between), its
/// distance from the straight line between them; σ is the median of those distances × 1.4826
/// (normal σ from the median absolute deviation) / √1.5 (the line's two ends carry noise too:
/// for independent noise the distance has variance σ² (1 + w² + (1 − w)²), 1.5 σ² midway).
/// `raw_m` (the despiked altitudes) gives the recording's step.
///
/// ```
/// use runaudit::analyze::elevation::noise;
/// // A square wave: 100.3 m for 10 s, 100 m for 10 s, ... Every altitude is 0.3 m off the
/// // line between its neighbours 10 s away (both in the other half), so the median is 0.3 m.
/// let t: Vec<f64> = (0..101).map(f64::from).collect();
/// let alt: Vec<Option<f64>> =
///     (0..101).map(|i| Some(if i % 20 < 10 { 100.3 } else { 100.0 })).collect();
/// let n = noise(&t, &alt, &alt, &[false; 101]);
/// // Samples 10..=90 have both neighbours.
/// assert_eq!(n.readings, 81);
/// assert!((n.sigma_m - 0.3 * 1.4826 / 1.5f64.sqrt()).abs() < 1e-9);
/// assert!((n.step_m - 0.3).abs() < 1e-9);
/// ```
pub fn noise(
    t_s: &[f64],
    raw_m: &[Option<f64>],
    smoothed_m: &[Option<f64>],
    new_level: &[bool],
) -> Noise {
    // (time, altitude, level number) of the present smoothed altitudes.
    let mut level = 0usize;
    let mut points: Vec<(f64, f64, usize)> = Vec::with_capacity(smoothed_m.len());
    for ((alt, &t), &new) in smoothed_m.iter().zip(t_s).zip(new_level) {
        if let Some(a) = *alt {
            level += usize::from(new);
            points.push((t, a, level));
        }
    }
    let mut off: Vec<f64> = Vec::with_capacity(points.len());
    let (mut before, mut after) = (0usize, 0usize);
    for (i, &(t, a, lvl)) in points.iter().enumerate() {
        // The last point at least a lag before, the first at least a lag after.
        while points
            .get(before + 1)
            .is_some_and(|p| p.0 <= t - NOISE_LAG_S)
        {
            before += 1;
        }
        after = after.max(i);
        while points.get(after).is_some_and(|p| p.0 < t + NOISE_LAG_S) {
            after += 1;
        }
        let (Some(&(t0, a0, l0)), Some(&(t1, a1, l1))) = (points.get(before), points.get(after))
        else {
            continue;
        };
        let spans = t0 <= t - NOISE_LAG_S && t1 - t0 <= NOISE_MAX_SPAN_LAGS * NOISE_LAG_S;
        if !spans || l0 != lvl || l1 != lvl {
            continue;
        }
        let w = (t - t0) / (t1 - t0);
        off.push((a - (a0 + w * (a1 - a0))).abs());
    }
    let readings = off.len();
    let median = if readings == 0 {
        0.0
    } else {
        let mid = readings / 2;
        let (_, m, _) = off.select_nth_unstable_by(mid, f64::total_cmp);
        *m
    };
    Noise {
        sigma_m: median * MAD_TO_SIGMA / MIDWAY_VARIANCE.sqrt(),
        step_m: smallest_step(raw_m),
        readings,
    }
}

/// The smallest difference between consecutive present altitudes over [`MIN_STEP_M`].
fn smallest_step(raw_m: &[Option<f64>]) -> f64 {
    let mut last: Option<f64> = None;
    let mut step = f64::INFINITY;
    for a in raw_m.iter().flatten() {
        if let Some(l) = last {
            let d = (a - l).abs();
            if d >= MIN_STEP_M && d < step {
                step = d;
            }
        }
        last = Some(*a);
    }
    if step.is_finite() {
        step
    } else {
        0.0
    }
}

/// Altitudes with the spikes taken out.
#[derive(Debug, Clone, PartialEq)]
pub struct Despiked {
    /// The altitudes kept (`None` for spikes and samples without one).
    pub altitude_m: Vec<Option<f64>>,
    /// True where a kept altitude starts a new level: the step to it is not a climb.
    pub new_level: Vec<bool>,
}

/// Takes the spikes out of a series of altitudes.
///
/// An altitude is a spike when reaching it from the last kept one implies climbing or falling
/// faster than [`MAX_VERTICAL_M_S`]. After [`MAX_ALT_REJECTED_IN_A_ROW`] rejections in a row the
/// next altitude is kept as a new level, and the step to it is never counted. Non-finite
/// altitudes are dropped.
///
/// ```
/// use runaudit::analyze::elevation::despike;
/// let t = [0.0, 2.0, 3.0, 4.0, 5.0];
/// let alt = [Some(55.0), Some(142.4), Some(142.4), Some(56.0), Some(56.2)];
/// let d = despike(&t, &alt);
/// assert_eq!(d.altitude_m, vec![Some(55.0), None, None, Some(56.0), Some(56.2)]);
/// ```
pub fn despike(t_s: &[f64], altitude_m: &[Option<f64>]) -> Despiked {
    let mut kept = vec![None; altitude_m.len()];
    let mut new_level = vec![false; altitude_m.len()];
    let mut last: Option<(f64, f64)> = None;
    let mut rejected = 0usize;
    let slots = kept.iter_mut().zip(new_level.iter_mut());
    for ((alt, &t), (slot, level)) in altitude_m.iter().zip(t_s).zip(slots) {
        let Some(a) = alt.filter(|a| a.is_finite()) else {
            continue;
        };
        let plausible =
            last.is_none_or(|(t0, a0)| (a - a0).abs() / (t - t0).max(1.0) <= MAX_VERTICAL_M_S);
        if plausible || rejected >= MAX_ALT_REJECTED_IN_A_ROW {
            *slot = Some(a);
            *level = !plausible;
            last = Some((t, a));
            rejected = 0;
        } else {
            rejected += 1;
        }
    }
    Despiked {
        altitude_m: kept,
        new_level,
    }
}

/// A centered moving average over `width_s` seconds of the altitudes present; missing ones stay
/// missing, and no average reaches across a new level.
///
/// ```
/// use runaudit::analyze::elevation::smooth;
/// let t = [0.0, 1.0, 2.0, 3.0];
/// let alt = [Some(0.0), Some(3.0), None, Some(6.0)];
/// let none = [false; 4];
/// assert_eq!(smooth(&t, &alt, &none, 2.0), vec![Some(1.5), Some(1.5), None, Some(6.0)]);
/// ```
pub fn smooth(
    t_s: &[f64],
    altitude_m: &[Option<f64>],
    new_level: &[bool],
    width_s: f64,
) -> Vec<Option<f64>> {
    if width_s <= 0.0 {
        return altitude_m.to_vec();
    }
    let mut out = vec![None; altitude_m.len()];
    // (index, time, altitude) of the present altitudes of one level.
    let mut level: Vec<(usize, f64, f64)> = Vec::new();
    for (i, ((alt, &t), &new)) in altitude_m.iter().zip(t_s).zip(new_level).enumerate() {
        let Some(a) = *alt else { continue };
        if new {
            average_into(&level, width_s / 2.0, &mut out);
            level.clear();
        }
        level.push((i, t, a));
    }
    average_into(&level, width_s / 2.0, &mut out);
    out
}

/// Writes into `out` the mean of the values of `level` within `half_s` of each one's time.
fn average_into(level: &[(usize, f64, f64)], half_s: f64, out: &mut [Option<f64>]) {
    let (mut lo, mut hi, mut sum) = (0usize, 0usize, 0.0);
    for &(i, t, _) in level {
        while let Some(&(_, _, a)) = level.get(hi).filter(|p| p.1 <= t + half_s) {
            sum += a;
            hi += 1;
        }
        while let Some(&(_, _, a)) = level.get(lo).filter(|p| p.1 < t - half_s && lo < hi) {
            sum -= a;
            lo += 1;
        }
        if let Some(slot) = out.get_mut(i) {
            *slot = Some(sum / (hi - lo).max(1) as f64);
        }
    }
}

/// Gain and loss over a run, and where each was counted.
#[derive(Debug, Clone, PartialEq)]
pub struct Elevation {
    /// Total gain, meters.
    pub gain_m: f64,
    /// Total loss, meters.
    pub loss_m: f64,
    /// Gain counted at each sample (0 at most samples), meters.
    pub gain_at_m: Vec<f64>,
    /// Loss counted at each sample (0 at most samples), meters.
    pub loss_at_m: Vec<f64>,
}

/// Gain and loss with a hysteresis of `hysteresis_m`; `None` when no sample has an altitude.
///
/// The anchor starts at the first altitude. An altitude more than `hysteresis_m` above the
/// anchor adds its rise to the gain and becomes the anchor; one more than `hysteresis_m` below
/// adds its fall to the loss and becomes the anchor; anything else is ignored. Each rise or fall
/// is counted at the sample that triggers it. Samples without an altitude are skipped.
///
/// ```
/// use runaudit::analyze::elevation::hysteresis;
/// let alt = [Some(100.0), Some(102.0), Some(104.0), Some(101.0), Some(105.0), Some(99.0), Some(110.0)];
/// let e = hysteresis(&alt, 3.0).unwrap();
/// assert_eq!((e.gain_m, e.loss_m), (15.0, 5.0));
/// ```
pub fn hysteresis(altitude_m: &[Option<f64>], hysteresis_m: f64) -> Option<Elevation> {
    counted(altitude_m, &[], hysteresis_m)
}

/// [`hysteresis`], with the anchor moved without counting wherever `new_level` is true.
fn counted(altitude_m: &[Option<f64>], new_level: &[bool], hysteresis_m: f64) -> Option<Elevation> {
    let mut anchor: Option<f64> = None;
    let mut gain_at_m = vec![0.0; altitude_m.len()];
    let mut loss_at_m = vec![0.0; altitude_m.len()];
    let steps = altitude_m
        .iter()
        .zip(gain_at_m.iter_mut().zip(loss_at_m.iter_mut()));
    for (i, (alt, (gain, loss))) in steps.enumerate() {
        let Some(a) = alt.filter(|a| a.is_finite()) else {
            continue;
        };
        if new_level.get(i).copied().unwrap_or(false) {
            anchor = Some(a);
            continue;
        }
        match anchor {
            None => anchor = Some(a),
            Some(last) if a > last + hysteresis_m => {
                *gain = a - last;
                anchor = Some(a);
            }
            Some(last) if a < last - hysteresis_m => {
                *loss = last - a;
                anchor = Some(a);
            }
            Some(_) => {}
        }
    }
    anchor?;
    Some(Elevation {
        gain_m: gain_at_m.iter().sum(),
        loss_m: loss_at_m.iter().sum(),
        gain_at_m,
        loss_at_m,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hysteresis_worked_by_hand() {
        // 100,102,104,101,105,99,110 with 3 m:
        // anchor 100; 102 (not > 103) ignored; 104 > 103 → gain 4, anchor 104;
        // 101 is not < 101 (strict) → ignored; 105 not > 107 → ignored;
        // 99 < 101 → loss 5, anchor 99; 110 > 102 → gain 11, anchor 110.
        // Gain 4 + 11 = 15 (counted at samples 2 and 6), loss 5 (at sample 5).
        let alt = [100.0, 102.0, 104.0, 101.0, 105.0, 99.0, 110.0].map(Some);
        let e = hysteresis(&alt, 3.0).unwrap();
        assert_eq!(e.gain_m, 15.0);
        assert_eq!(e.loss_m, 5.0);
        assert_eq!(e.gain_at_m, vec![0.0, 0.0, 4.0, 0.0, 0.0, 0.0, 11.0]);
        assert_eq!(e.loss_at_m, vec![0.0, 0.0, 0.0, 0.0, 0.0, 5.0, 0.0]);
    }

    #[test]
    fn noise_within_the_hysteresis_adds_nothing() {
        // ±2 m of wobble around 50 m never leaves the 3 m band; missing altitudes skipped.
        let alt = [
            Some(50.0),
            Some(52.0),
            None,
            Some(48.0),
            Some(51.0),
            Some(49.0),
        ];
        let e = hysteresis(&alt, 3.0).unwrap();
        assert_eq!((e.gain_m, e.loss_m), (0.0, 0.0));
    }

    /// A deterministic noise in [-1, 1): a linear congruential generator's top bits.
    fn jitter(state: &mut u64) -> f64 {
        *state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((*state >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
    }

    #[test]
    fn a_steady_climb_is_not_noise() {
        // The square wave of `noise`'s example (0.3 m, period 20 s) on top of a 0.1 m/s climb:
        // the line between neighbours 10 s away takes the climb out, every altitude is still
        // 0.3 m off it: σ = 0.3 × 1.4826 / √1.5 = 0.3632 m, hysteresis 5 σ = 1.816 m.
        let t: Vec<f64> = (0..101).map(f64::from).collect();
        let alt: Vec<Option<f64>> = (0..101)
            .map(|i| Some(0.1 * f64::from(i) + if i % 20 < 10 { 0.3 } else { 0.0 }))
            .collect();
        let n = noise(&t, &alt, &alt, &[false; 101]);
        assert_eq!(n.readings, 81);
        assert!((n.sigma_m - 0.363_158).abs() < 1e-5, "{}", n.sigma_m);
        assert!((n.hysteresis_m() - 1.815_79).abs() < 1e-4);
        // A clean climb has no noise: σ 0, and the hysteresis is the 0.1 m step.
        let clean: Vec<Option<f64>> = (0..101).map(|i| Some(0.1 * f64::from(i))).collect();
        let n = noise(&t, &clean, &clean, &[false; 101]);
        assert!(n.sigma_m < 1e-9 && (n.hysteresis_m() - 0.1).abs() < 1e-9);
    }

    #[test]
    fn readings_do_not_span_a_gap_or_a_new_level() {
        // Samples every second for 30 s, a 60 s gap, 30 s more: only samples with neighbours
        // 10 s away on both sides within 40 s count: 10..=20 and 101..=111 (22 readings).
        let t: Vec<f64> = (0..=30).chain(91..=121).map(f64::from).collect();
        let alt = vec![Some(5.0); t.len()];
        let n = noise(&t, &alt, &alt, &vec![false; t.len()]);
        assert_eq!(n.readings, 22);
        // A new level at 101 s: a reading needs both neighbours on its own level, so in the
        // second part only 111 (neighbours 101 and 121) is left: 11 + 1.
        let mut level = vec![false; t.len()];
        if let Some(i) = t.iter().position(|&x| x == 101.0) {
            level[i] = true;
        }
        let n = noise(&t, &alt, &alt, &level);
        assert_eq!(n.readings, 11 + 1);
    }

    #[test]
    fn a_quantised_barometer_on_a_known_climb_is_counted_within_a_few_percent() {
        // 20 min up 60 m, 10 min down 30 m, 10 min up 20 m (gain 80 m, loss 30 m), one sample a
        // second, ±0.3 m of noise, stored in 0.2 m steps as FIT does.
        let mut state = 7u64;
        let truth = |t: f64| match t {
            t if t <= 1200.0 => 0.05 * t,
            t if t <= 1800.0 => 60.0 - 0.05 * (t - 1200.0),
            t => 30.0 + 0.033_333 * (t - 1800.0),
        };
        let t: Vec<f64> = (0..=2400).map(f64::from).collect();
        let alt: Vec<Option<f64>> = t
            .iter()
            .map(|&t| Some(((truth(t) + 0.3 * jitter(&mut state)) / 0.2).round() * 0.2))
            .collect();
        let e = gain(&t, &alt).expect("altitude");
        assert!((e.gain_m - 80.0).abs() <= 0.03 * 80.0, "{}", e.gain_m);
        assert!((e.loss_m - 30.0).abs() <= 0.05 * 30.0, "{}", e.loss_m);
        // The same trace with a fixed 0.2 m band and no smoothing counts the noise.
        let raw = gain_by(
            &t,
            &alt,
            ElevationRule {
                smooth_s: 0.0,
                hysteresis_m: 0.2,
            },
        );
        assert!(raw.expect("altitude").gain_m > 2.0 * 80.0);
    }

    #[test]
    fn a_short_trace_takes_the_fallback_hysteresis() {
        // 10 samples: fewer than 20 readings, so 1 m; a 0.8 m wobble counts nothing.
        let t: Vec<f64> = (0..10).map(f64::from).collect();
        let alt: Vec<Option<f64>> = (0..10)
            .map(|i| Some(if i % 2 == 0 { 0.0 } else { 0.8 }))
            .collect();
        let n = noise(&t, &alt, &alt, &[false; 10]);
        assert_eq!((n.readings, n.hysteresis_m()), (0, FALLBACK_HYSTERESIS_M));
        assert_eq!(gain(&t, &alt).map(|e| e.gain_m), Some(0.0));
    }

    #[test]
    fn no_altitude_is_none() {
        assert_eq!(hysteresis(&[None, None], 3.0), None);
    }
}
