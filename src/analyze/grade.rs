//! Grade-adjusted distance: each stretch of a run weighted by what its grade costs a runner, so
//! that a hilly run's pace can be compared with a flat one. The grade is measured over about
//! 30 m of distance on lightly smoothed altitude; the cost is Strava's 2017 grade-adjusted-pace
//! curve, as measured by uploading constant-grade runs (A. Schroeder's reverse engineering of
//! Strava's GAP); Minetti et al. 2002 (J Appl Physiol 93:1039) is the documented alternative.

/// Strava's 2017 cost curve: grade in percent → cost relative to flat running; linear between.
pub const STRAVA_2017: [(f64, f64); 21] = [
    (-45.0, 2.096),
    (-30.0, 1.495),
    (-25.0, 1.273),
    (-20.0, 1.081),
    (-15.0, 0.941),
    (-10.0, 0.876),
    (-8.0, 0.876),
    (-6.0, 0.891),
    (-4.0, 0.918),
    (-2.0, 0.960),
    (0.0, 1.000),
    (2.0, 1.055),
    (4.0, 1.135),
    (6.0, 1.228),
    (8.0, 1.337),
    (10.0, 1.459),
    (15.0, 1.846),
    (20.0, 2.297),
    (25.0, 2.727),
    (30.0, 3.158),
    (45.0, 4.286),
];

/// Grades are clamped to ± this many percent before the curve is read.
pub const MAX_GRADE_PCT: f64 = 45.0;
/// The grade at a point is measured over about this much distance around it, meters.
pub const GRADE_SPAN_M: f64 = 30.0;
/// Altitude is smoothed by a running median over this many samples.
pub const MEDIAN_SAMPLES: usize = 5;
/// Under this much distance in the grade's span the grade is taken as flat, meters.
const MIN_SPAN_M: f64 = 10.0;

/// What running at `grade_pct` costs relative to flat running, by Strava's 2017 curve.
///
/// ```
/// use runaudit::analyze::grade::cost_factor;
/// assert_eq!(cost_factor(0.0), 1.0);
/// assert_eq!(cost_factor(10.0), 1.459);
/// // halfway between 10% (1.459) and 15% (1.846)
/// assert!((cost_factor(12.5) - 1.6525).abs() < 1e-9);
/// // steeper than 45% reads as 45%
/// assert_eq!(cost_factor(80.0), 4.286);
/// ```
pub fn cost_factor(grade_pct: f64) -> f64 {
    if !grade_pct.is_finite() {
        return 1.0;
    }
    let g = grade_pct.clamp(-MAX_GRADE_PCT, MAX_GRADE_PCT);
    let upper = STRAVA_2017.partition_point(|&(x, _)| x < g);
    match (
        upper.checked_sub(1).and_then(|i| STRAVA_2017.get(i)),
        STRAVA_2017.get(upper),
    ) {
        (Some(&(x0, y0)), Some(&(x1, y1))) if x1 > x0 => y0 + (y1 - y0) * (g - x0) / (x1 - x0),
        (_, Some(&(_, y))) | (Some(&(_, y)), None) => y,
        (None, None) => 1.0,
    }
}

/// Cumulative grade-adjusted distance at each sample, meters (0 at the first), from the
/// cumulative distance and the altitude of each sample. Without altitude a stretch counts flat.
///
/// ```
/// use runaudit::analyze::grade::grade_adjusted_cumulative;
/// // 1 km up a constant 10% grade, a sample every 10 m: 1 km × 1.459.
/// let d: Vec<f64> = (0..=100).map(|i| 10.0 * i as f64).collect();
/// let alt: Vec<Option<f64>> = d.iter().map(|x| Some(0.1 * x)).collect();
/// let gad = grade_adjusted_cumulative(&d, &alt);
/// assert!((gad[100] - 1459.0).abs() < 0.5);
/// ```
pub fn grade_adjusted_cumulative(distance_m: &[f64], altitude_m: &[Option<f64>]) -> Vec<f64> {
    let altitude = median_smoothed(altitude_m, MEDIAN_SAMPLES);
    let n = distance_m.len();
    let mut out = Vec::with_capacity(n);
    let mut total = 0.0;
    out.extend((n > 0).then_some(0.0));
    // The span's ends move forward with the interval (two pointers).
    let (mut lo, mut hi) = (0usize, 0usize);
    let half = GRADE_SPAN_M / 2.0;
    for k in 0..n.saturating_sub(1) {
        let (Some(&d0), Some(&d1)) = (distance_m.get(k), distance_m.get(k + 1)) else {
            break;
        };
        // lo: the last sample at or before k at least `half` before it (or the first).
        while distance_m
            .get(lo + 1)
            .is_some_and(|&d| lo < k && d0 - d >= half)
        {
            lo += 1;
        }
        hi = hi.max(k + 1);
        while hi + 1 < n && distance_m.get(hi).is_some_and(|&d| d - d1 < half) {
            hi += 1;
        }
        let step = (d1 - d0).max(0.0);
        let grade = grade_between(distance_m, &altitude, lo, hi);
        total += step * grade.map_or(1.0, cost_factor);
        out.push(total);
    }
    out
}

/// The grade from sample `lo` to `hi`, percent; `None` without altitude at both ends or over
/// too short a span.
fn grade_between(
    distance_m: &[f64],
    altitude: &[Option<f64>],
    lo: usize,
    hi: usize,
) -> Option<f64> {
    let span = distance_m.get(hi)? - distance_m.get(lo)?;
    let rise = (*altitude.get(hi)?)? - (*altitude.get(lo)?)?;
    (span >= MIN_SPAN_M).then(|| 100.0 * rise / span)
}

/// A running median over `window` samples of the altitudes that are present, the window
/// shrunk evenly at the ends (so that a straight climb stays straight); a missing altitude stays
/// missing.
fn median_smoothed(altitude_m: &[Option<f64>], window: usize) -> Vec<Option<f64>> {
    let half = window / 2;
    let mut buf: Vec<f64> = Vec::with_capacity(window);
    (0..altitude_m.len())
        .map(|i| {
            altitude_m.get(i).copied().flatten()?;
            buf.clear();
            let reach = half.min(i).min(altitude_m.len() - 1 - i);
            let (lo, hi) = (i - reach, i + reach + 1);
            buf.extend(altitude_m.get(lo..hi)?.iter().flatten());
            buf.sort_by(f64::total_cmp);
            buf.get(buf.len() / 2).copied()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `meters` of running on a constant `grade_pct`, a sample every 5 m.
    fn constant(meters: f64, grade_pct: f64) -> f64 {
        let n = (meters / 5.0) as usize;
        let d: Vec<f64> = (0..=n).map(|i| 5.0 * i as f64).collect();
        let alt: Vec<Option<f64>> = d
            .iter()
            .map(|x| Some(100.0 + grade_pct / 100.0 * x))
            .collect();
        grade_adjusted_cumulative(&d, &alt)
            .last()
            .copied()
            .unwrap_or(0.0)
            / meters
    }

    #[test]
    fn constant_grade_runs_give_the_curves_factors() {
        for &(grade, factor) in STRAVA_2017.iter() {
            let got = constant(1000.0, grade);
            assert!((got - factor).abs() < 1e-9, "{grade}%: {got} vs {factor}");
        }
    }

    #[test]
    fn a_flat_run_and_one_without_altitude_are_their_distance() {
        let d: Vec<f64> = (0..=200).map(|i| 5.0 * i as f64).collect();
        let flat: Vec<Option<f64>> = vec![Some(12.0); d.len()];
        assert_eq!(grade_adjusted_cumulative(&d, &flat).last(), Some(&1000.0));
        assert_eq!(
            grade_adjusted_cumulative(&d, &vec![None; d.len()]).last(),
            Some(&1000.0)
        );
    }

    #[test]
    fn an_out_and_back_over_a_hill_costs_more_than_flat() {
        // 500 m up at 6% (1.228), 500 m down at -6% (0.891): 1000 m → 614 + 445.5 = 1059.5 m,
        // less the few meters around the top where the 30-m span straddles it.
        let d: Vec<f64> = (0..=200).map(|i| 5.0 * i as f64).collect();
        let alt: Vec<Option<f64>> = d
            .iter()
            .map(|&x| {
                Some(if x <= 500.0 {
                    0.06 * x
                } else {
                    30.0 - 0.06 * (x - 500.0)
                })
            })
            .collect();
        let gad = *grade_adjusted_cumulative(&d, &alt).last().unwrap_or(&0.0);
        assert!((gad - 1059.5).abs() < 6.0, "{gad}");
    }

    #[test]
    fn one_altitude_spike_barely_moves_the_distance() {
        // A 1 km flat run with one fix reading 30 m high: the 5-sample median removes it.
        let d: Vec<f64> = (0..=200).map(|i| 5.0 * i as f64).collect();
        let mut alt: Vec<Option<f64>> = vec![Some(50.0); d.len()];
        alt[100] = Some(80.0);
        assert_eq!(grade_adjusted_cumulative(&d, &alt).last(), Some(&1000.0));
    }

    #[test]
    fn nothing_in_nothing_out() {
        assert!(grade_adjusted_cumulative(&[], &[]).is_empty());
        assert_eq!(grade_adjusted_cumulative(&[0.0], &[None]), vec![0.0]);
    }
}
