//! Time-weighted means (heart rate, cadence) and heart-rate extremes. A plain mean of samples
//! over-weights stretches where the device recorded densely; weighting by time does not.

/// A running time-weighted mean.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TimeWeighted {
    /// Sum of weights, seconds.
    pub weight_s: f64,
    /// Sum of value · weight.
    pub sum: f64,
}

impl TimeWeighted {
    /// Adds `value` held for `weight_s` seconds.
    pub fn add(&mut self, value: f64, weight_s: f64) {
        self.weight_s += weight_s;
        self.sum += value * weight_s;
    }

    /// The mean; `None` when no time was added.
    ///
    /// ```
    /// use runaudit::analyze::hr::TimeWeighted;
    /// // 120 bpm for 10 s, then 150 bpm for 2 s: (1200 + 300) / 12 = 125 (the plain mean is 135).
    /// let mut m = TimeWeighted::default();
    /// m.add(120.0, 10.0);
    /// m.add(150.0, 2.0);
    /// assert_eq!(m.mean(), Some(125.0));
    /// ```
    pub fn mean(&self) -> Option<f64> {
        (self.weight_s > 0.0).then(|| self.sum / self.weight_s)
    }
}

/// Longest a heart-rate reading stands for the samples after it, seconds: phone apps log a strap's
/// value every few seconds to a minute; a longer silence is a dropout, not a steady heart.
pub const HR_HOLD_S: f64 = 120.0;

/// Heart rate held forward: each sample's own reading, else the last reading at most
/// [`HR_HOLD_S`] before it.
///
/// ```
/// use runaudit::analyze::hr::held;
/// let t = [0.0, 1.0, 2.0, 60.0, 200.0];
/// let hr = [Some(150), None, None, Some(140), None];
/// // 200 s is 140 s after the last reading: past the 120-s hold.
/// assert_eq!(held(hr, &t), vec![Some(150), Some(150), Some(150), Some(140), None]);
/// ```
pub fn held(hr_bpm: impl IntoIterator<Item = Option<u8>>, t_s: &[f64]) -> Vec<Option<u8>> {
    let mut last: Option<(u8, f64)> = None;
    hr_bpm
        .into_iter()
        .zip(t_s)
        .map(|(h, &t)| match h {
            Some(h) => {
                last = Some((h, t));
                Some(h)
            }
            None => last.filter(|&(_, at)| t - at <= HR_HOLD_S).map(|(h, _)| h),
        })
        .collect()
}

/// The highest heart-rate sample.
///
/// ```
/// use runaudit::analyze::hr::hr_max;
/// assert_eq!(hr_max(&[Some(120), None, Some(171), Some(150)]), Some(171));
/// ```
pub fn hr_max(hr_bpm: &[Option<u8>]) -> Option<u8> {
    hr_bpm.iter().flatten().copied().max()
}

/// How many samples carry a heart rate.
pub fn hr_samples(hr_bpm: &[Option<u8>]) -> usize {
    hr_bpm.iter().filter(|h| h.is_some()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_mean_is_none() {
        assert_eq!(TimeWeighted::default().mean(), None);
    }

    #[test]
    fn counts_and_max() {
        let hr = [None, Some(100), Some(180), None];
        assert_eq!(hr_samples(&hr), 2);
        assert_eq!(hr_max(&hr), Some(180));
        assert_eq!(hr_max(&[None]), None);
    }
}
