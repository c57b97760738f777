//! A run's movement in short bins of elapsed time (moving seconds and meters per bin), kept after
//! the samples are gone so that the session type can read the pace against the runner's normal
//! pace, which is only known once the whole history has been read.

use crate::analyze::track::Track;

/// Width of one bin of elapsed time, seconds.
pub const BIN_S: f64 = 5.0;
/// Most bins kept per run: two days at [`BIN_S`]; a longer recording gets wider bins.
pub const MAX_BINS: usize = 34_560;

/// A peak window counts when at least this many quarters of its bins have heart rate.
const HR_COVER_NUM: usize = 3;
/// Quarters.
const HR_COVER_DEN: usize = 4;

/// One bin of elapsed time.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Bin {
    /// Moving time inside the bin, seconds (0 when the runner stood or the timer was paused).
    pub moving_s: f32,
    /// Distance covered while moving, meters.
    pub distance_m: f32,
}

/// A run's movement, bin by bin from the first sample.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SpeedBins {
    /// Width of each bin, seconds ([`BIN_S`], wider for a recording of over two days).
    pub bin_s: f64,
    /// The bins in time order.
    pub bins: Vec<Bin>,
    /// Each bin's mean heart rate over the samples in it, bpm (0 where none); empty for a run
    /// without heart rate.
    pub hr_bpm: Vec<f32>,
}

impl SpeedBins {
    /// Bins a track: each interval's moving time and distance shared among the bins it spans,
    /// in proportion to the time it spends in each.
    ///
    /// ```
    /// use runaudit::analyze::speed_bins::SpeedBins;
    /// // 20 s at 4 m/s in 1-s samples, all moving: four bins of 5 s and 20 m each.
    /// let b = SpeedBins::from_intervals(
    ///     &(0..=20).map(f64::from).collect::<Vec<_>>(),
    ///     &(0..=20).map(|i| 4.0 * f64::from(i)).collect::<Vec<_>>(),
    ///     &[1.0; 20],
    /// );
    /// assert_eq!(b.bins.len(), 4);
    /// assert!(b.bins.iter().all(|x| x.moving_s == 5.0 && x.distance_m == 20.0));
    /// ```
    pub fn from_intervals(t_s: &[f64], distance_m: &[f64], moving_s: &[f64]) -> SpeedBins {
        let end = t_s.last().copied().unwrap_or(0.0).max(0.0);
        let bin_s = if end / BIN_S > MAX_BINS as f64 {
            end / MAX_BINS as f64
        } else {
            BIN_S
        };
        let count = ((end / bin_s).ceil() as usize).clamp(1, MAX_BINS);
        let mut bins = vec![Bin::default(); count];
        for (i, &moving) in moving_s.iter().enumerate() {
            let (Some(&t0), Some(&t1), Some(&d0), Some(&d1)) = (
                t_s.get(i),
                t_s.get(i + 1),
                distance_m.get(i),
                distance_m.get(i + 1),
            ) else {
                continue;
            };
            let span = t1 - t0;
            if !(span > 0.0 && moving > 0.0) {
                continue;
            }
            let meters = (d1 - d0).max(0.0);
            // Share the interval among the bins it overlaps, by time.
            let mut t = t0;
            while t < t1 {
                let k = ((t / bin_s) as usize).min(count - 1);
                let bin_end = ((k + 1) as f64 * bin_s).max(t);
                let upto = if k + 1 == count { t1 } else { bin_end.min(t1) };
                let share = (upto - t) / span;
                if let Some(bin) = bins.get_mut(k) {
                    bin.moving_s += (moving * share) as f32;
                    bin.distance_m += (meters * share) as f32;
                }
                if upto <= t {
                    break;
                }
                t = upto;
            }
        }
        SpeedBins {
            bin_s,
            bins,
            hr_bpm: Vec::new(),
        }
    }

    /// Bins a track's moving time, distance and heart rate (all of it: the pipeline bins only
    /// the heart rate the gate trusted, see `SpeedBins::with_hr`).
    pub fn from_track(track: &Track) -> SpeedBins {
        SpeedBins::from_intervals(&track.t_s, &track.distance_m, &track.moving_s)
            .with_hr(&track.t_s, &track.hr_bpm)
    }

    /// The highest mean heart rate over `window_s` of elapsed time run at `min_m_s` or faster on
    /// average, bpm; windows where fewer than three quarters of the bins have heart rate do not
    /// count.
    ///
    /// ```
    /// use runaudit::analyze::speed_bins::{Bin, SpeedBins};
    /// // 2 min at 3 m/s and 150 bpm, then 2 min at 4 m/s and 175 bpm, then 1 min standing at 180.
    /// let mut bins = vec![Bin { moving_s: 5.0, distance_m: 15.0 }; 24];
    /// bins.extend(vec![Bin { moving_s: 5.0, distance_m: 20.0 }; 24]);
    /// bins.extend(vec![Bin::default(); 12]);
    /// let mut hr = vec![150.0f32; 24];
    /// hr.extend(vec![175.0; 24]);
    /// hr.extend(vec![180.0; 12]);
    /// let run = SpeedBins { bin_s: 5.0, bins, hr_bpm: hr };
    /// // At 3.8 m/s or faster no window holds a standing bin: 175, not the 180 standing.
    /// assert_eq!(run.peak_hr_at_speed(60.0, 3.8), Some(175.0));
    /// assert_eq!(run.peak_hr_at_speed(60.0, 4.5), None);
    /// ```
    pub fn peak_hr_at_speed(&self, window_s: f64, min_m_s: f64) -> Option<f64> {
        let n = ((window_s / self.bin_s).round() as usize).max(1);
        if self.hr_bpm.len() != self.bins.len() || self.bins.len() < n {
            return None;
        }
        let mut best: Option<f64> = None;
        for (bins, hr) in self.bins.windows(n).zip(self.hr_bpm.windows(n)) {
            let meters: f64 = bins.iter().map(|b| f64::from(b.distance_m)).sum();
            if meters < min_m_s * window_s {
                continue;
            }
            let with_hr: Vec<f64> = hr
                .iter()
                .filter(|&&h| h > 0.0)
                .map(|&h| f64::from(h))
                .collect();
            if with_hr.len() * HR_COVER_DEN < n * HR_COVER_NUM {
                continue;
            }
            let mean = with_hr.iter().sum::<f64>() / with_hr.len() as f64;
            best = Some(best.map_or(mean, |b: f64| b.max(mean)));
        }
        best
    }

    /// Adds each bin's mean heart rate over the samples that fall in it (samples at `t_s`
    /// seconds from the start); nothing when no sample has heart rate.
    ///
    /// ```
    /// use runaudit::analyze::speed_bins::SpeedBins;
    /// // 10 s in 1-s samples: 120 bpm for the first 5 s, 150 after; the second bin holds
    /// // t = 5..=10 s.
    /// let t: Vec<f64> = (0..=10).map(f64::from).collect();
    /// let hr: Vec<Option<u8>> = (0..=10).map(|i| Some(if i < 5 { 120 } else { 150 })).collect();
    /// let b = SpeedBins::from_intervals(&t, &t, &[1.0; 10]).with_hr(&t, &hr);
    /// assert_eq!(b.hr_bpm, vec![120.0, 150.0]);
    /// ```
    pub fn with_hr(mut self, t_s: &[f64], hr_bpm: &[Option<u8>]) -> SpeedBins {
        let last = self.bins.len().saturating_sub(1);
        let mut sums = vec![(0.0f64, 0u32); self.bins.len()];
        for (&t, hr) in t_s.iter().zip(hr_bpm) {
            let Some(hr) = hr.filter(|_| t >= 0.0 && self.bin_s > 0.0) else {
                continue;
            };
            let k = ((t / self.bin_s) as usize).min(last);
            if let Some((sum, n)) = sums.get_mut(k) {
                *sum += f64::from(hr);
                *n += 1;
            }
        }
        if sums.iter().any(|&(_, n)| n > 0) {
            self.hr_bpm = sums
                .into_iter()
                .map(|(sum, n)| {
                    if n > 0 {
                        (sum / f64::from(n)) as f32
                    } else {
                        0.0
                    }
                })
                .collect();
        }
        self
    }

    /// Total moving time, seconds.
    pub fn moving_s(&self) -> f64 {
        self.bins.iter().map(|b| f64::from(b.moving_s)).sum()
    }

    /// Total distance, meters.
    pub fn distance_m(&self) -> f64 {
        self.bins.iter().map(|b| f64::from(b.distance_m)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparse_interval_is_shared_among_the_bins_it_spans() {
        // One 12-s interval from t = 3 to 15 s covering 36 m: bin 0 gets 2 s (6 m), bin 1 the
        // whole 5 s (15 m), bin 2 the last 5 s (15 m).
        let b = SpeedBins::from_intervals(&[0.0, 3.0, 15.0], &[0.0, 0.0, 36.0], &[0.0, 12.0]);
        assert_eq!(b.bins.len(), 3);
        let got: Vec<(f32, f32)> = b.bins.iter().map(|x| (x.moving_s, x.distance_m)).collect();
        assert_eq!(got, vec![(2.0, 6.0), (5.0, 15.0), (5.0, 15.0)]);
        assert!((b.distance_m() - 36.0).abs() < 1e-6);
    }

    #[test]
    fn a_pause_leaves_its_bins_empty() {
        // 10 s moving, a 20-s pause (not moving), 10 s moving, at 3 m/s.
        let t = [0.0, 10.0, 30.0, 40.0];
        let d = [0.0, 30.0, 30.0, 60.0];
        let b = SpeedBins::from_intervals(&t, &d, &[10.0, 0.0, 10.0]);
        let moving: Vec<f32> = b.bins.iter().map(|x| x.moving_s).collect();
        assert_eq!(moving, vec![5.0, 5.0, 0.0, 0.0, 0.0, 0.0, 5.0, 5.0]);
    }

    #[test]
    fn a_recording_of_days_gets_wider_bins_not_more() {
        // 4 days in one interval: at most MAX_BINS bins, all the time kept.
        let end = 4.0 * 86_400.0;
        let b = SpeedBins::from_intervals(&[0.0, end], &[0.0, 1000.0], &[end]);
        assert_eq!(b.bins.len(), MAX_BINS);
        assert!((b.bin_s - 10.0).abs() < 1e-9);
        assert!((b.moving_s() - end).abs() < 1.0);
    }

    #[test]
    fn nothing_to_bin_gives_one_empty_bin() {
        let b = SpeedBins::from_intervals(&[0.0], &[0.0], &[]);
        assert_eq!(b.bins, vec![Bin::default()]);
    }
}
