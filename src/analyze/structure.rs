//! Repeated fast and slow blocks in pace: how an interval session shows itself even without heart
//! rate. Moving time is cut into short bins, the bins' speeds split into a fast and a slow group
//! (two-means), and the fast group's blocks of at least [`MIN_BLOCK_S`] are counted.

use serde::Serialize;

use crate::analyze::track::Track;

/// Length of one bin of moving time, seconds.
pub const BIN_S: f64 = 15.0;
/// A fast block counts from this long: strides of 20 s do not make an interval session, s.
pub const MIN_BLOCK_S: f64 = 45.0;
/// A fast block longer than this is a tempo stretch rather than a repeat, s.
pub const MAX_REPEAT_S: f64 = 20.0 * 60.0;
/// The fast group must be this much faster than the slow one (15%): less is the ordinary wander
/// of a steady run.
pub const FAST_OVER_SLOW: f64 = 1.15;
/// Fewest bins for two groups (2 minutes).
pub const MIN_BINS: usize = 8;
/// The quantiles of speed the two groups' centers start from.
const START_QUANTILES: (f64, f64) = (0.2, 0.8);

/// The pace structure of a run.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct PaceStructure {
    /// Fast blocks of [`MIN_BLOCK_S`] to [`MAX_REPEAT_S`] with slower running or walking between.
    pub repeats: usize,
    /// Mean speed of the fast group, m/s (0 without a split into two groups).
    pub fast_m_s: f64,
    /// Mean speed of the slow group, m/s.
    pub slow_m_s: f64,
    /// Share of the slow group's time spent walking, 0..=1.
    pub slow_walking_share: f64,
}

impl PaceStructure {
    /// How much faster the fast group runs than the slow one (1 when there is no split).
    pub fn contrast(&self) -> f64 {
        if self.slow_m_s > 0.0 {
            self.fast_m_s / self.slow_m_s
        } else {
            1.0
        }
    }
}

/// Finds the fast blocks of a run.
///
/// ```
/// use runaudit::analyze::structure::structure_of_bins;
/// // 6 × (2 min at 4.5 m/s, 2 min at 2.5 m/s) in 15-s bins: 6 repeats, 4.5 vs 2.5 m/s.
/// let mut bins = Vec::new();
/// for _ in 0..6 { bins.extend([(4.5, false); 8]); bins.extend([(2.5, false); 8]); }
/// let s = structure_of_bins(&bins);
/// assert_eq!(s.repeats, 6);
/// assert!((s.fast_m_s - 4.5).abs() < 1e-9 && (s.slow_m_s - 2.5).abs() < 1e-9);
/// // a steady run has no split
/// assert_eq!(structure_of_bins(&[(3.0, false); 60]).repeats, 0);
/// ```
pub fn structure_of_bins(bins: &[(f64, bool)]) -> PaceStructure {
    let speeds: Vec<f64> = bins.iter().map(|b| b.0).collect();
    let Some((slow_c, fast_c)) = two_means(&speeds) else {
        return PaceStructure::default();
    };
    // Fewer than 15% between the groups is the ordinary wander of a steady run.
    if fast_c < FAST_OVER_SLOW * slow_c {
        return PaceStructure::default();
    }
    let cut = (slow_c + fast_c) / 2.0;
    let (mut repeats, mut block) = (0usize, 0.0f64);
    let (mut slow_s, mut slow_walk_s) = (0.0f64, 0.0f64);
    let mut close = |block: f64| {
        if (MIN_BLOCK_S..=MAX_REPEAT_S).contains(&block) {
            repeats += 1;
        }
    };
    for &(speed, walking) in bins {
        if speed >= cut {
            block += BIN_S;
        } else {
            close(block);
            block = 0.0;
            slow_s += BIN_S;
            if walking {
                slow_walk_s += BIN_S;
            }
        }
    }
    close(block);
    PaceStructure {
        repeats,
        fast_m_s: fast_c,
        slow_m_s: slow_c,
        slow_walking_share: if slow_s > 0.0 {
            slow_walk_s / slow_s
        } else {
            0.0
        },
    }
}

/// The pace structure of a track: moving time in [`BIN_S`] bins (pauses and standing left out).
pub fn structure(track: &Track) -> PaceStructure {
    structure_of_bins(&bins(track))
}

/// Moving time in bins: each bin's speed and whether most of it was walking.
fn bins(track: &Track) -> Vec<(f64, bool)> {
    let mut out = Vec::new();
    let (mut moving, mut dist, mut walk) = (0.0f64, 0.0f64, 0.0f64);
    for (i, &dt) in track.moving_s.iter().enumerate() {
        if dt <= 0.0 {
            continue;
        }
        let (Some(&d0), Some(&d1)) = (track.distance_m.get(i), track.distance_m.get(i + 1)) else {
            continue;
        };
        moving += dt;
        dist += (d1 - d0).max(0.0);
        if track.walking.get(i).copied().unwrap_or(false) {
            walk += dt;
        }
        if moving >= BIN_S {
            out.push((dist / moving, walk > moving / 2.0));
            (moving, dist, walk) = (0.0, 0.0, 0.0);
        }
    }
    out
}

/// Two-means on speeds: the centers of a slow and a fast group, `None` for under 8 bins.
fn two_means(speeds: &[f64]) -> Option<(f64, f64)> {
    if speeds.len() < MIN_BINS {
        return None;
    }
    let mut sorted = speeds.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |q: f64| {
        sorted
            .get(((sorted.len() - 1) as f64 * q) as usize)
            .copied()
    };
    let (mut lo, mut hi) = (at(START_QUANTILES.0)?, at(START_QUANTILES.1)?);
    for _ in 0..20 {
        let cut = (lo + hi) / 2.0;
        let (slow, fast): (Vec<f64>, Vec<f64>) = sorted.iter().partition(|&&s| s < cut);
        let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
        let (Some(l), Some(h)) = (mean(&slow), mean(&fast)) else {
            return Some((lo, hi));
        };
        if (l - lo).abs() < 1e-9 && (h - hi).abs() < 1e-9 {
            break;
        }
        (lo, hi) = (l, h);
    }
    Some((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strides_are_too_short_to_be_repeats() {
        // 30 min easy at 3 m/s with 6 strides of 15 s at 5 m/s: no block reaches 45 s.
        let mut bins = vec![(3.0, false); 120];
        for k in 0..6 {
            bins[100 + 3 * k] = (5.0, false);
        }
        assert_eq!(structure_of_bins(&bins).repeats, 0);
    }

    #[test]
    fn walk_breaks_show_as_a_walking_slow_group() {
        // 8 × (4 min running at 2.8 m/s, 1 min walking at 1.4 m/s)
        let mut bins = Vec::new();
        for _ in 0..8 {
            bins.extend([(2.8, false); 16]);
            bins.extend([(1.4, true); 4]);
        }
        let s = structure_of_bins(&bins);
        assert_eq!(s.repeats, 8);
        assert_eq!(s.slow_walking_share, 1.0);
    }

    #[test]
    fn a_tempo_block_longer_than_a_repeat_is_not_counted() {
        // 10 min easy, 25 min fast, 10 min easy
        let mut bins = vec![(3.0, false); 40];
        bins.extend([(4.0, false); 100]);
        bins.extend([(3.0, false); 40]);
        let s = structure_of_bins(&bins);
        assert_eq!(s.repeats, 0);
        assert!(s.contrast() > 1.3);
    }
}
