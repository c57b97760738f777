//! An axis range that survives real data: the values inside outlier fences around the quartiles
//! (and at least their 2nd–98th percentile) plus a margin, so one 70 min/km walk or a mis-recorded
//! file does not flatten every other run. Values outside are drawn clipped at the edge, never
//! dropped.

/// Share cut off at each end before the margin.
pub const TAIL: f64 = 0.02;

/// The `q`-quantile (0..=1) of `values` by linear interpolation between order statistics;
/// non-finite values are ignored, `None` when none is left.
///
/// ```
/// use runaudit::report::svg::robust::quantile;
/// // Sorted 1, 2, 3, 4, 5: position 0.5 × 4 = 2 → 3; position 0.1 × 4 = 0.4 → 1.4.
/// assert_eq!(quantile(&[5.0, 1.0, 3.0, 2.0, 4.0], 0.5), Some(3.0));
/// assert!((quantile(&[5.0, 1.0, 3.0, 2.0, 4.0], 0.1).unwrap() - 1.4).abs() < 1e-9);
/// ```
pub fn quantile(values: &[f64], q: f64) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let last = v.len().checked_sub(1)?;
    let pos = q.clamp(0.0, 1.0) * last as f64;
    let i = pos.floor() as usize;
    let lo = *v.get(i)?;
    let hi = v.get(i + 1).copied().unwrap_or(lo);
    Some(lo + (hi - lo) * (pos - i as f64))
}

/// The range to plot `values` on: the values' extent, but not past fences of `k` interquartile
/// ranges beyond the quartiles (Tukey's outlier fences, with the spread taken as at least
/// `3 × min_margin` so a tight cluster does not cut its own neighbours), and always covering the
/// [`TAIL`]–(1 − [`TAIL`]) quantiles; then widened by `share` of the span and at least
/// `min_margin` on each side.
///
/// ```
/// use runaudit::report::svg::robust::robust_range;
/// // 99 runs at 5:00 to 6:38/km (one second apart), one 70:00/km walk and one 1:30/km file.
/// let mut paces: Vec<f64> = (0..99).map(|k| 300.0 + f64::from(k)).collect();
/// paces.extend([4200.0, 90.0]);
/// let (fast, slow) = robust_range(&paces, 2.0, 0.08, 10.0).unwrap();
/// // Sorted (90, 300, ..., 398, 4200): quartiles at positions 25 and 75, 324 s and 374 s; the
/// // fences 2 × 50 s beyond them (224 s, 474 s) keep 300..398 and cut both outliers. The span
/// // 98 s widened by 8% (7.84 s, so the 10 s minimum) each side.
/// assert_eq!((fast, slow), (290.0, 408.0));
/// ```
pub fn robust_range(values: &[f64], k: f64, share: f64, min_margin: f64) -> Option<(f64, f64)> {
    let q1 = quantile(values, 0.25)?;
    let q3 = quantile(values, 0.75)?;
    let spread = (q3 - q1).max(3.0 * min_margin);
    let (fence_lo, fence_hi) = (q1 - k * spread, q3 + k * spread);
    let inside = |v: &&f64| v.is_finite() && **v >= fence_lo && **v <= fence_hi;
    let lo = values
        .iter()
        .filter(inside)
        .copied()
        .fold(f64::INFINITY, f64::min);
    let hi = values
        .iter()
        .filter(inside)
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    let lo = lo.min(quantile(values, TAIL)?);
    let hi = hi.max(quantile(values, 1.0 - TAIL)?);
    let margin = ((hi - lo) * share).max(min_margin);
    Some((lo - margin, hi + margin))
}

/// Where a value falls against a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clip {
    /// Inside.
    In,
    /// Below the low end.
    Low,
    /// Above the high end.
    High,
}

/// Whether `v` is inside `lo..=hi`, below or above it.
pub fn clip(v: f64, (lo, hi): (f64, f64)) -> Clip {
    if v < lo {
        Clip::Low
    } else if v > hi {
        Clip::High
    } else {
        Clip::In
    }
}
