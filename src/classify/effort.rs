//! Effort as heart rate sees it: how much trusted moving time was at or below the easy ceiling,
//! and the longest continuous block above it. A run is reduced to a compact [`HrProfile`] once
//! (so a season never holds its samples), from which any ceiling can be judged exactly: heart
//! rates are whole bpm, so "above 146.2" is "above 146".

use serde::Serialize;

use super::gate::{HrPoint, Untrusted};

/// Heart-rate time at and above the easy ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EffortStats {
    /// Moving time with trusted heart rate, seconds.
    pub trusted_s: f64,
    /// Trusted moving time at or below the ceiling, seconds.
    pub at_or_below_s: f64,
    /// Trusted moving time above the ceiling, seconds.
    pub above_s: f64,
    /// The longest continuous block above the ceiling, in moving seconds. Untrusted samples
    /// neither extend nor break a block; a trusted sample at or below the ceiling ends it.
    pub longest_above_s: f64,
}

/// A run's heart rate, reduced for judging effort against any ceiling and for inferring max HR.
#[derive(Debug, Clone, PartialEq)]
pub struct HrProfile {
    /// Trusted moving seconds at each whole bpm (index = bpm).
    trusted_s_by_bpm: Vec<f64>,
    /// Longest block of trusted moving time above each whole bpm (index = bpm).
    longest_above_by_bpm: Vec<f64>,
    /// Blocks of at least [`BLOCK_MIN_S`] of trusted moving time above each whole bpm.
    blocks_above_by_bpm: Vec<u16>,
    /// Moving time the trust gate set aside, by rule.
    pub untrusted: Untrusted,
    /// The run's high sustained heart rate: 99th percentile of the 30-s rolling mean of trusted
    /// heart rate, bpm. `None` with under 5 minutes of trusted heart rate.
    pub peak_30s_bpm: Option<f64>,
}

/// A block above a heart rate counts as a block (an interval, a climb) from this long, seconds.
pub const BLOCK_MIN_S: f64 = 60.0;

/// Length of the rolling mean used for max-HR inference, seconds.
pub const ROLLING_S: f64 = 30.0;
/// Percentile of the rolling mean taken as the run's peak.
pub const PEAK_PERCENTILE: f64 = 0.99;
/// Least span of trusted heart rate for a run's peak, seconds (5 minutes).
pub const PEAK_MIN_SPAN_S: f64 = 300.0;
/// Longest gap one sample's heart rate stands for in the rolling mean, seconds.
pub const PEAK_MAX_SAMPLE_S: f64 = 5.0;
/// Share of the rolling window that must hold samples for its mean to count.
pub const PEAK_WINDOW_FILL: f64 = 0.9;
/// One slot per heart rate a file can hold (a byte: 0 to 255 bpm).
const BPM_SLOTS: usize = 256;
/// The highest heart rate a file can hold, bpm.
const BPM_TOP: f64 = 255.0;

impl HrProfile {
    /// Reduces a run. An interval's heart rate is that of the sample that ends it; its weight is
    /// its moving time.
    ///
    /// ```
    /// use runaudit::classify::effort::HrProfile;
    /// use runaudit::classify::gate::{HrPoint, Untrusted};
    /// // 10 intervals of 1 s: 140 bpm, except 4 s at 160 in the middle; ceiling 150.
    /// let hr = [140, 140, 140, 160, 160, 160, 160, 140, 140, 140, 140];
    /// let pts = HrPoint::every_second(&hr);
    /// let p = HrProfile::build(&pts, &vec![true; pts.len()], Untrusted::default());
    /// let e = p.effort(150.0);
    /// assert_eq!((e.trusted_s, e.at_or_below_s, e.above_s, e.longest_above_s), (10.0, 6.0, 4.0, 4.0));
    /// // a ceiling of 165 has nothing above it
    /// assert_eq!(p.effort(165.0).above_s, 0.0);
    /// ```
    pub fn build(points: &[HrPoint], trusted: &[bool], untrusted: Untrusted) -> HrProfile {
        let mut trusted_s_by_bpm = vec![0.0; BPM_SLOTS];
        let (mut lo, mut hi) = (BPM_SLOTS - 1, 0usize);
        for (p, &ok) in points.iter().zip(trusted) {
            if let Some(hr) = p.hr_bpm.filter(|_| ok) {
                let b = usize::from(hr);
                if let Some(slot) = trusted_s_by_bpm.get_mut(b) {
                    *slot += p.moving_dt_s;
                }
                lo = lo.min(b);
                hi = hi.max(b);
            }
        }
        let mut longest_above_by_bpm = vec![0.0; BPM_SLOTS];
        let mut blocks_above_by_bpm = vec![0u16; BPM_SLOTS];
        // Above any bpm below the lowest trusted value, every trusted sample is above: the
        // blocks are then the runs of trusted samples, the same as at `lo - 1`.
        for b in lo.saturating_sub(1)..hi {
            let (longest, blocks) = blocks_above(points, trusted, b);
            if let (Some(l), Some(n)) = (
                longest_above_by_bpm.get_mut(b),
                blocks_above_by_bpm.get_mut(b),
            ) {
                (*l, *n) = (longest, blocks);
            }
        }
        let below = lo.saturating_sub(1);
        let fill = longest_above_by_bpm.get(below).copied().unwrap_or(0.0);
        let fill_blocks = blocks_above_by_bpm.get(below).copied().unwrap_or(0);
        longest_above_by_bpm
            .iter_mut()
            .take(below)
            .for_each(|v| *v = fill);
        blocks_above_by_bpm
            .iter_mut()
            .take(below)
            .for_each(|v| *v = fill_blocks);
        HrProfile {
            trusted_s_by_bpm,
            longest_above_by_bpm,
            blocks_above_by_bpm,
            untrusted,
            peak_30s_bpm: peak_rolling_mean(points, trusted),
        }
    }

    /// Trusted moving seconds at each whole bpm (index = bpm), for a zone-point load.
    pub fn trusted_s_by_bpm(&self) -> &[f64] {
        &self.trusted_s_by_bpm
    }

    /// Moving time with trusted heart rate, seconds.
    pub fn trusted_s(&self) -> f64 {
        self.trusted_s_by_bpm.iter().sum()
    }

    /// Blocks of at least [`BLOCK_MIN_S`] with trusted heart rate above `bpm`.
    pub fn blocks_above(&self, bpm: f64) -> usize {
        let cut = bpm.floor().clamp(0.0, BPM_TOP) as usize;
        usize::from(self.blocks_above_by_bpm.get(cut).copied().unwrap_or(0))
    }

    /// Effort against a ceiling in bpm.
    pub fn effort(&self, ceiling_bpm: f64) -> EffortStats {
        let cut = ceiling_bpm.floor().clamp(0.0, BPM_TOP) as usize;
        let at_or_below_s: f64 = self.trusted_s_by_bpm.iter().take(cut + 1).sum();
        let above_s: f64 = self.trusted_s_by_bpm.iter().skip(cut + 1).sum();
        EffortStats {
            trusted_s: at_or_below_s + above_s,
            at_or_below_s,
            above_s,
            longest_above_s: self.longest_above_by_bpm.get(cut).copied().unwrap_or(0.0),
        }
    }
}

/// The longest block of trusted moving time with heart rate above `bpm`, and how many blocks
/// lasted at least [`BLOCK_MIN_S`].
fn blocks_above(points: &[HrPoint], trusted: &[bool], bpm: usize) -> (f64, u16) {
    let (mut best, mut block, mut blocks) = (0.0f64, 0.0f64, 0u16);
    for (p, &ok) in points.iter().zip(trusted) {
        let Some(hr) = p.hr_bpm.filter(|_| ok) else {
            continue;
        };
        if usize::from(hr) > bpm {
            block += p.moving_dt_s;
            best = best.max(block);
        } else {
            if block >= BLOCK_MIN_S {
                blocks = blocks.saturating_add(1);
            }
            block = 0.0;
        }
    }
    if block >= BLOCK_MIN_S {
        blocks = blocks.saturating_add(1);
    }
    (best, blocks)
}

/// The [`PEAK_PERCENTILE`] of the time-weighted [`ROLLING_S`] rolling mean of trusted heart
/// rate, taken at each sample; `None` with under 5 minutes of trusted samples. Never a single
/// sample: a one-second spike moves a 30-s mean by a few bpm at most.
fn peak_rolling_mean(points: &[HrPoint], trusted: &[bool]) -> Option<f64> {
    let pts: Vec<(f64, f64)> = points
        .iter()
        .zip(trusted)
        .filter(|(_, &ok)| ok)
        .filter_map(|(p, _)| p.hr_bpm.map(|h| (p.t_s, f64::from(h))))
        .collect();
    let span = pts.last()?.0 - pts.first()?.0;
    if span < PEAK_MIN_SPAN_S {
        return None;
    }
    let mut means = Vec::with_capacity(pts.len());
    let (mut start, mut sum, mut weight) = (0usize, 0.0, 0.0);
    for i in 1..pts.len() {
        let (Some(&(t0, _)), Some(&(t1, h1))) = (pts.get(i - 1), pts.get(i)) else {
            continue;
        };
        let dt = (t1 - t0).min(PEAK_MAX_SAMPLE_S);
        sum += h1 * dt;
        weight += dt;
        while let (Some(&(ts, _)), Some(&(ts1, hs1))) = (pts.get(start), pts.get(start + 1)) {
            if t1 - ts <= ROLLING_S || start + 1 >= i {
                break;
            }
            let w = (ts1 - ts).min(PEAK_MAX_SAMPLE_S);
            sum -= hs1 * w;
            weight -= w;
            start += 1;
        }
        let window = pts.get(start).map_or(0.0, |&(ts, _)| t1 - ts);
        if window >= ROLLING_S * PEAK_WINDOW_FILL && weight > 0.0 {
            means.push(sum / weight);
        }
    }
    if means.is_empty() {
        return None;
    }
    means.sort_by(f64::total_cmp);
    let k = ((means.len() - 1) as f64 * PEAK_PERCENTILE).round() as usize;
    means.get(k).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untrusted_samples_neither_count_nor_break_blocks() {
        // above(1) above(1) untrusted(1) above(1) below(1): block = 3 s of trusted above-time.
        let p = HrPoint::every_second(&[150, 160, 160, 0, 160, 140]);
        let trusted = [true, true, true, false, true, true];
        let e = HrProfile::build(&p, &trusted, Untrusted::default()).effort(150.0);
        assert_eq!(e.trusted_s, 4.0);
        assert_eq!(e.above_s, 3.0);
        assert_eq!(e.longest_above_s, 3.0);
    }

    #[test]
    fn a_ceiling_below_every_sample_makes_the_whole_run_one_block() {
        // 5 trusted seconds all at 160; ceiling 100 → one block of 5 s.
        let p = HrPoint::every_second(&[160, 160, 160, 160, 160, 160]);
        let e = HrProfile::build(&p, &[true; 6], Untrusted::default()).effort(100.0);
        assert_eq!((e.above_s, e.longest_above_s), (5.0, 5.0));
    }

    #[test]
    fn peak_ignores_a_single_spike_but_sees_a_sustained_effort() {
        // 10 min at 140 with one 1-s sample at 200: the 30-s mean moves by ~2 bpm only.
        let mut hr = vec![140u8; 600];
        hr[300] = 200;
        let p = HrPoint::every_second(&hr);
        let peak = HrProfile::build(&p, &vec![true; 600], Untrusted::default()).peak_30s_bpm;
        assert!(peak.unwrap() < 143.0, "{peak:?}");
        // 10 min at 140 then 2 min at 185: the 99th percentile of the rolling mean is 185.
        let mut hr = vec![140u8; 600];
        hr.extend(std::iter::repeat_n(185u8, 120));
        let p = HrPoint::every_second(&hr);
        let peak = HrProfile::build(&p, &vec![true; 720], Untrusted::default()).peak_30s_bpm;
        assert!((peak.unwrap() - 185.0).abs() < 0.5, "{peak:?}");
    }
}
