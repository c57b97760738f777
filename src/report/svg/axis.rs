//! A plotters axis over `f64` whose tick positions we choose (round paces, Mondays, 1-2-5
//! steps) instead of plotters' own, so ticks read well and stay the same for the same data.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};

/// A linear axis from `lo` to `hi` with ticks at `keys`.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// Value at the start of the axis.
    pub lo: f64,
    /// Value at the end of the axis.
    pub hi: f64,
    /// Tick values (those outside `lo..=hi` are dropped).
    pub keys: Vec<f64>,
}

impl Axis {
    /// An axis over `lo..hi` ticked at `keys`; a zero-width range is widened by one unit.
    pub fn new(lo: f64, hi: f64, keys: Vec<f64>) -> Axis {
        let hi = if hi > lo { hi } else { lo + 1.0 };
        let keys = keys.into_iter().filter(|k| *k >= lo && *k <= hi).collect();
        Axis { lo, hi, keys }
    }
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let share = (value - self.lo) / (self.hi - self.lo);
        let px = f64::from(limit.0) + share * f64::from(limit.1 - limit.0);
        // Values far outside are held just past the edge (a non-finite value to the start).
        let (a, b) = (
            f64::from(limit.0.min(limit.1)),
            f64::from(limit.0.max(limit.1)),
        );
        if px.is_finite() {
            px.clamp(a - 1000.0, b + 1000.0).round() as i32
        } else {
            limit.0
        }
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.keys.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_linearly_and_keeps_keys_inside() {
        // 0..10 onto pixels 100..200: 2.5 → 125; on a y axis (200 down to 100) 2.5 → 175.
        let a = Axis::new(0.0, 10.0, vec![-5.0, 0.0, 5.0, 10.0, 15.0]);
        assert_eq!(a.map(&2.5, (100, 200)), 125);
        assert_eq!(a.map(&2.5, (200, 100)), 175);
        assert_eq!(a.keys, vec![0.0, 5.0, 10.0]);
        assert_eq!(a.key_points(3usize).len(), 0, "no light grid");
    }
}
