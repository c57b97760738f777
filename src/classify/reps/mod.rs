//! Fast blocks against the runner's own normal pace: repetitions with rest on both sides and
//! sustained tempo blocks, found in a run's [`SpeedBins`]. Judged against the runner's history
//! (their normal pace), never against the run's own average, so that stops, hills and a fast
//! finish do not make an easy run look structured.

use crate::analyze::speed_bins::{Bin, SpeedBins};
use crate::profile::SessionRules;

/// The numbers that find repetitions and tempo blocks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RepRules {
    /// A block holds while its smoothed pace beats normal pace by this much, s/km (17.5).
    pub hold_faster_s_per_km: f64,
    /// A repetition's mean pace beats normal pace by at least this much, s/km (35).
    pub rep_faster_s_per_km: f64,
    /// Pace is smoothed over this much elapsed time before it is compared, s (15).
    pub smooth_s: f64,
    /// A slower dip shorter than this does not end a block, s (20).
    pub dip_max_s: f64,
    /// Shortest repetition, moving s (20).
    pub rep_min_s: f64,
    /// Longest repetition, moving s (20 min); a longer block is a tempo block or a race.
    pub rep_max_s: f64,
    /// A stop within this much elapsed time of a block's edge is rest, s (30).
    pub rest_stop_within_s: f64,
    /// Running after (and before) a block is rest when this much of it, or all of it up to the
    /// next block, is slower than the block by [`RepRules::rest_slower`], moving s (60).
    pub rest_window_s: f64,
    /// How much slower rest runs than the repetition, as a share of its pace (0.15).
    pub rest_slower: f64,
    /// A tempo block lasts at least this long, moving s (15 min).
    pub tempo_min_s: f64,
    /// A tempo block's mean pace beats normal pace by at least this much, s/km (30).
    pub tempo_faster_s_per_km: f64,
    /// A long repetition lasts at least this long, moving s (50).
    pub long_rep_s: f64,
    /// Intervals: at least this many long repetitions (3) ...
    pub long_reps_min: usize,
    /// ... adding up to at least this much, moving s (4 min);
    pub long_reps_total_s: f64,
    /// or at least this many repetitions (2) ...
    pub few_reps_min: usize,
    /// ... adding up to at least this much, moving s (10 min);
    pub few_reps_total_s: f64,
    /// or at least this many repetitions (6) ...
    pub many_reps_min: usize,
    /// ... adding up to at least this much, moving s (5 min).
    pub many_reps_total_s: f64,
}

impl RepRules {
    /// The numbers as the rule table sets them (see `profile::rules`).
    pub fn from_rules(r: &SessionRules) -> RepRules {
        RepRules {
            hold_faster_s_per_km: r.rep_hold_faster_s_per_km.value,
            rep_faster_s_per_km: r.rep_faster_s_per_km.value,
            smooth_s: r.rep_smooth_s.value,
            dip_max_s: r.rep_dip_max_s.value,
            rep_min_s: r.rep_min_s.value,
            rep_max_s: r.rep_max_s.value,
            rest_stop_within_s: r.rest_stop_within_s.value,
            rest_window_s: r.rest_window_s.value,
            rest_slower: r.rest_slower.value,
            tempo_min_s: r.tempo_min_s.value,
            tempo_faster_s_per_km: r.tempo_faster_s_per_km.value,
            long_rep_s: r.intervals_long_rep_s.value,
            long_reps_min: r.intervals_long_reps_min.value,
            long_reps_total_s: r.intervals_long_reps_total_s.value,
            few_reps_min: r.intervals_few_reps_min.value,
            few_reps_total_s: r.intervals_few_reps_total_s.value,
            many_reps_min: r.intervals_many_reps_min.value,
            many_reps_total_s: r.intervals_many_reps_total_s.value,
        }
    }
}

/// A bin counts as moving when at least this share of it was.
const MOVING_SHARE: f64 = 0.5;

impl Default for RepRules {
    /// The rule table's defaults.
    fn default() -> Self {
        RepRules::from_rules(&SessionRules::default())
    }
}

/// A stretch of bins `start..end` run faster than the hold pace.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Block {
    /// First bin.
    pub start: usize,
    /// One past the last bin.
    pub end: usize,
    /// Moving time, s.
    pub moving_s: f64,
    /// Distance, m.
    pub distance_m: f64,
}

impl Block {
    /// Mean moving speed, m/s.
    pub fn speed_m_s(&self) -> f64 {
        if self.moving_s > 0.0 {
            self.distance_m / self.moving_s
        } else {
            0.0
        }
    }

    /// Mean moving pace, s/km; `None` without distance.
    pub fn pace_s_per_km(&self) -> Option<f64> {
        (self.distance_m > 0.0).then(|| 1000.0 * self.moving_s / self.distance_m)
    }
}

/// What fast running a run holds, against a normal pace.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FastBlocks {
    /// Repetitions: fast enough, 20 s to 20 min, rest on both sides.
    pub reps: Vec<Block>,
    /// Tempo blocks: sustained, fast enough.
    pub tempo: Vec<Block>,
    /// Every block that held the hold pace, repetitions and tempo blocks included.
    pub blocks: Vec<Block>,
}

/// The structure a run's fast blocks make.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Structure {
    /// Intervals: enough repetitions, long enough in total.
    Intervals {
        /// Repetitions.
        reps: usize,
        /// Their moving time together, s.
        total_s: f64,
        /// Their mean pace, s/km.
        pace_s_per_km: f64,
    },
    /// A sustained tempo block.
    Tempo {
        /// The longest tempo block's moving time, s.
        block_s: f64,
        /// Its mean pace, s/km.
        pace_s_per_km: f64,
    },
}

impl FastBlocks {
    /// Moving time in repetitions, s.
    pub fn reps_s(&self) -> f64 {
        self.reps.iter().map(|b| b.moving_s).sum()
    }

    /// Moving time in tempo blocks, s.
    pub fn tempo_s(&self) -> f64 {
        self.tempo.iter().map(|b| b.moving_s).sum()
    }

    /// Intervals or tempo, when the blocks make either (intervals first). By default intervals
    /// are at least 3 repetitions of 50 s or more that add up to 4 minutes, or 2 repetitions
    /// that add up to 10 minutes, or 6 repetitions (of 20 s or more) that add up to 5 minutes:
    /// 10 × 200 m is a session, 6 to 8 strides are not.
    ///
    /// ```
    /// use runaudit::classify::reps::{Block, FastBlocks, RepRules, Structure};
    /// let rep = |s: f64| Block { start: 0, end: 1, moving_s: s, distance_m: s * 4.0 };
    /// // 5 × 3:30: intervals, 17:30 in all at 4:10/km.
    /// let b = FastBlocks { reps: vec![rep(210.0); 5], ..Default::default() };
    /// assert_eq!(b.structure(&RepRules::default()), Some(Structure::Intervals { reps: 5, total_s: 1050.0, pace_s_per_km: 250.0 }));
    /// // 8 strides of 20 s: 2:40 in all, not a session.
    /// let b = FastBlocks { reps: vec![rep(20.0); 8], ..Default::default() };
    /// assert_eq!(b.structure(&RepRules::default()), None);
    /// ```
    pub fn structure(&self, rules: &RepRules) -> Option<Structure> {
        let total_s = self.reps_s();
        let long: Vec<&Block> = self
            .reps
            .iter()
            .filter(|b| b.moving_s >= rules.long_rep_s)
            .collect();
        let long_s: f64 = long.iter().map(|b| b.moving_s).sum();
        let n = self.reps.len();
        let intervals = (long.len() >= rules.long_reps_min && long_s >= rules.long_reps_total_s)
            || (n >= rules.few_reps_min && total_s >= rules.few_reps_total_s)
            || (n >= rules.many_reps_min && total_s >= rules.many_reps_total_s);
        if intervals {
            let distance_m: f64 = self.reps.iter().map(|b| b.distance_m).sum();
            return Some(Structure::Intervals {
                reps: n,
                total_s,
                pace_s_per_km: 1000.0 * total_s / distance_m.max(f64::MIN_POSITIVE),
            });
        }
        let longest = self
            .tempo
            .iter()
            .max_by(|a, b| a.moving_s.total_cmp(&b.moving_s))?;
        Some(Structure::Tempo {
            block_s: longest.moving_s,
            pace_s_per_km: longest.pace_s_per_km()?,
        })
    }
}

/// Finds the fast blocks of a run against `normal_s_per_km`.
///
/// ```
/// use runaudit::analyze::speed_bins::{Bin, SpeedBins};
/// use runaudit::classify::reps::{fast_blocks, RepRules};
/// // Normal 5:30/km. 10 min easy at 2.9 m/s, 4 min at 4:00/km (4.17 m/s), 10 min easy.
/// let bin = |v: f32| Bin { moving_s: 5.0, distance_m: 5.0 * v };
/// let mut bins = vec![bin(2.9); 120];
/// bins.extend(vec![bin(1000.0 / 240.0); 48]);
/// bins.extend(vec![bin(2.9); 120]);
/// let run = SpeedBins { bin_s: 5.0, bins, hr_bpm: Vec::new() };
/// let b = fast_blocks(&run, 330.0, &RepRules::default());
/// assert_eq!(b.reps.len(), 1);
/// assert!((b.reps[0].moving_s - 240.0).abs() <= 5.0);
/// ```
pub fn fast_blocks(run: &SpeedBins, normal_s_per_km: f64, rules: &RepRules) -> FastBlocks {
    let hold_pace = normal_s_per_km - rules.hold_faster_s_per_km;
    if !(hold_pace > 0.0 && run.bin_s > 0.0) {
        return FastBlocks::default();
    }
    let hold_m_s = 1000.0 / hold_pace;
    let bins = &run.bins;
    let moving = |b: &Bin| f64::from(b.moving_s) >= MOVING_SHARE * run.bin_s;
    let smoothed = smooth(bins, rules.smooth_s, run.bin_s);
    let fast: Vec<bool> = bins
        .iter()
        .zip(&smoothed)
        .map(|(b, &v)| moving(b) && v >= hold_m_s)
        .collect();
    let raw_fast =
        |b: &Bin| moving(b) && f64::from(b.distance_m) >= hold_m_s * f64::from(b.moving_s);
    let blocks: Vec<Block> = blocks(&fast, bins, rules.dip_max_s, run.bin_s)
        .into_iter()
        .filter_map(|b| trimmed(bins, b, raw_fast))
        .collect();

    let rep_pace = normal_s_per_km - rules.rep_faster_s_per_km;
    let tempo_pace = normal_s_per_km - rules.tempo_faster_s_per_km;
    let beats = |b: &Block, pace: f64| b.pace_s_per_km().is_some_and(|p| p <= pace);
    let reps = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| beats(b, rep_pace))
        .filter(|(_, b)| (rules.rep_min_s..=rules.rep_max_s).contains(&b.moving_s))
        .filter(|&(i, b)| {
            let before = i
                .checked_sub(1)
                .and_then(|k| blocks.get(k))
                .map_or(0, |p| p.end);
            let after = blocks.get(i + 1).map_or(bins.len(), |n| n.start);
            rested(bins, run.bin_s, b, before, after, rules)
        })
        .map(|(_, b)| *b)
        .collect();
    let tempo = blocks
        .iter()
        .filter(|b| b.moving_s >= rules.tempo_min_s && beats(b, tempo_pace))
        .copied()
        .collect();
    FastBlocks {
        reps,
        tempo,
        blocks,
    }
}

/// Repetitions the watch's laps show: a lap at least [`RepRules::rest_slower`] faster than the
/// laps on both sides of it (a lap button pressed for each repetition and each rest, or a
/// workout's steps), 20 s to 20 min long, and, with a normal pace known, beating it by
/// [`RepRules::rep_faster_s_per_km`]. Laps of one length (auto-laps every kilometer or mile) say
/// nothing of the runner's plan and give none. Each repetition's `start..end` is its lap index.
///
/// ```
/// use runaudit::classify::reps::{lap_reps, RepRules};
/// // 4 × (1 km in 4:30, 60 s jogging 150 m) after a 10-min warm-up: four repetitions.
/// let mut laps = vec![(600.0, 1800.0)];
/// for _ in 0..4 { laps.push((270.0, 1000.0)); laps.push((60.0, 150.0)); }
/// let reps = lap_reps(&laps, None, &RepRules::default());
/// assert_eq!(reps.len(), 4);
/// // Auto-laps of 1 km at alternating paces are no plan.
/// let auto = [(300.0, 1000.0), (240.0, 1000.0), (300.0, 1000.0), (240.0, 1000.0), (300.0, 1000.0)];
/// assert!(lap_reps(&auto, None, &RepRules::default()).is_empty());
/// ```
pub fn lap_reps(laps: &[(f64, f64)], normal_s_per_km: Option<f64>, rules: &RepRules) -> Vec<Block> {
    let mut lengths: Vec<f64> = laps.iter().map(|l| l.1).filter(|&d| d > 0.0).collect();
    lengths.sort_by(f64::total_cmp);
    let (Some(&shortest), Some(&longest)) = (lengths.get(1), lengths.iter().rev().nth(1)) else {
        return Vec::new();
    };
    // Every lap but the shortest and the longest (a run's remainder, a last lap to the door)
    // of one length: auto-laps.
    if longest <= shortest * (1.0 + AUTO_LAP_SPREAD) {
        return Vec::new();
    }
    let speed = |l: &(f64, f64)| if l.0 > 0.0 { l.1 / l.0 } else { 0.0 };
    let rep_pace = normal_s_per_km.map(|n| n - rules.rep_faster_s_per_km);
    laps.iter()
        .enumerate()
        .filter(|&(i, lap)| {
            let v = speed(lap);
            let rest = |k: Option<usize>| {
                k.and_then(|k| laps.get(k))
                    .is_none_or(|n| speed(n) <= v / (1.0 + rules.rest_slower))
            };
            let fast_enough = rep_pace.is_none_or(|p| v > 0.0 && 1000.0 / v <= p);
            v > 0.0
                && (rules.rep_min_s..=rules.rep_max_s).contains(&lap.0)
                && fast_enough
                && rest(i.checked_sub(1))
                && rest(Some(i + 1))
                && i > 0
                && i + 1 < laps.len()
        })
        .map(|(i, lap)| Block {
            start: i,
            end: i + 1,
            moving_s: lap.0,
            distance_m: lap.1,
        })
        .collect()
}

/// Laps whose lengths differ by at most this share are auto-laps of one length.
const AUTO_LAP_SPREAD: f64 = 0.05;

/// Each bin's speed over a centred window of about `window_s`, m/s (0 where nothing moved).
fn smooth(bins: &[Bin], window_s: f64, bin_s: f64) -> Vec<f64> {
    let half = (window_s / bin_s / 2.0).floor() as usize;
    (0..bins.len())
        .map(|k| {
            let lo = k.saturating_sub(half);
            let hi = (k + half + 1).min(bins.len());
            let (m, d) = sums(bins.get(lo..hi).unwrap_or_default());
            if m > 0.0 {
                d / m
            } else {
                0.0
            }
        })
        .collect()
}

/// Moving seconds and meters of some bins.
fn sums(bins: &[Bin]) -> (f64, f64) {
    bins.iter().fold((0.0, 0.0), |(m, d), b| {
        (m + f64::from(b.moving_s), d + f64::from(b.distance_m))
    })
}

/// Maximal runs of fast bins; a slower dip of moving bins shorter than `dip_max_s` between two
/// fast bins is bridged, a stop is not.
fn blocks(fast: &[bool], bins: &[Bin], dip_max_s: f64, bin_s: f64) -> Vec<Block> {
    let max_dip_bins = (dip_max_s / bin_s).ceil() as usize;
    let mut out = Vec::new();
    let mut k = 0;
    while k < fast.len() {
        if !fast.get(k).copied().unwrap_or(false) {
            k += 1;
            continue;
        }
        let start = k;
        let mut end = k + 1;
        let mut j = end;
        loop {
            // Skip a dip of slower but moving bins.
            let mut dip = 0;
            while j < fast.len() && !fast[j] && bins[j].moving_s > 0.0 && dip < max_dip_bins {
                j += 1;
                dip += 1;
            }
            if dip < max_dip_bins && j < fast.len() && fast[j] {
                while j < fast.len() && fast[j] {
                    j += 1;
                }
                end = j;
            } else {
                break;
            }
        }
        let (moving_s, distance_m) = sums(bins.get(start..end).unwrap_or_default());
        out.push(Block {
            start,
            end,
            moving_s,
            distance_m,
        });
        k = end;
    }
    out
}

/// A block without the edge bins that only the smoothing made fast; `None` when nothing is left.
fn trimmed(bins: &[Bin], b: Block, fast: impl Fn(&Bin) -> bool) -> Option<Block> {
    let inner = bins.get(b.start..b.end)?;
    let first = inner.iter().position(&fast)?;
    let last = inner.iter().rposition(&fast)?;
    let (start, end) = (b.start + first, b.start + last + 1);
    let (moving_s, distance_m) = sums(bins.get(start..end)?);
    Some(Block {
        start,
        end,
        moving_s,
        distance_m,
    })
}

/// Whether a block has rest on both sides: a stop (or the run's edge) within
/// [`RepRules::rest_stop_within_s`], or slower running after it (and before it), looked at up
/// to [`RepRules::rest_window_s`] of moving time or the next (previous) block.
fn rested(
    bins: &[Bin],
    bin_s: f64,
    b: &Block,
    before: usize,
    after: usize,
    rules: &RepRules,
) -> bool {
    let near = (rules.rest_stop_within_s / bin_s).ceil() as usize;
    let stop = |range: std::ops::Range<usize>| {
        range.into_iter().any(|k| {
            bins.get(k)
                .is_none_or(|x| f64::from(x.moving_s) < MOVING_SHARE * bin_s)
        })
    };
    let slow_enough =
        |m: f64, d: f64| m > 0.0 && d / m <= b.speed_m_s() / (1.0 + rules.rest_slower);
    // After: a stop soon, or the run ends soon, or the running up to the window is slower.
    let after_rest = b.end + near > bins.len() || stop(b.end..(b.end + near).min(bins.len())) || {
        let (m, d) = window(
            bins.get(b.end..after.max(b.end)).unwrap_or_default().iter(),
            rules.rest_window_s,
        );
        slow_enough(m, d)
    };
    let before_rest = b.start < near || stop(b.start.saturating_sub(near)..b.start) || {
        let (m, d) = window(
            bins.get(before.min(b.start)..b.start)
                .unwrap_or_default()
                .iter()
                .rev(),
            rules.rest_window_s,
        );
        slow_enough(m, d)
    };
    after_rest && before_rest
}

/// Moving seconds and meters of bins taken in order until `window_s` of moving time.
fn window<'a>(bins: impl Iterator<Item = &'a Bin>, window_s: f64) -> (f64, f64) {
    let (mut m, mut d) = (0.0, 0.0);
    for b in bins {
        if m >= window_s {
            break;
        }
        m += f64::from(b.moving_s);
        d += f64::from(b.distance_m);
    }
    (m, d)
}

#[cfg(test)]
mod tests;
