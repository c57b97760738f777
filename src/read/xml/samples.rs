//! Clean-up both XML readers apply once a file is read: time order, duplicate timestamps,
//! pauses between segments, heart-rate dropouts and the per-leg running cadence rule.

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use crate::activity::{Activity, Pause, Sample, Warning};

/// A gap longer than this between a segment's last point and the next segment's first point is
/// a pause (the same 10 s the analysis uses for inferred pauses); shorter is a glitch.
const SEGMENT_PAUSE_MIN_S: i64 = 10;
/// A point out of time order by at most this many seconds against its neighbours is sorted into
/// place, not dropped.
const SORT_WITHIN_S: i64 = 5;

/// Heart rate from element text, rounded; `None` for 0 and 255 (dropout markers) and nonsense.
pub(crate) fn parse_hr(text: &str) -> Option<u8> {
    let bpm = super::text::parse_f64(text)?.round();
    (1.0..=254.0).contains(&bpm).then_some(bpm as u8)
}

/// True for the heart-rate dropout markers 0 and 255, which [`parse_hr`] reads as missing; the
/// readers count them for a warning.
pub(crate) fn is_hr_dropout(text: &str) -> bool {
    super::text::parse_f64(text).is_some_and(|bpm| bpm.round() == 0.0 || bpm.round() == 255.0)
}

/// Where segments (GPX `<trkseg>`/`<trk>`, TCX `<Track>`) start in the sample list. A device
/// records a segment in time order, so order within a segment and order between segments are
/// repaired differently (see [`finish_samples`]).
#[derive(Debug, Default)]
pub(crate) struct Segments {
    starts: Vec<usize>,
}

impl Segments {
    /// A new segment starts at sample index `at` (the number of samples read so far).
    pub(crate) fn mark(&mut self, at: usize) {
        if self.starts.last() != Some(&at) {
            self.starts.push(at);
        }
    }

    /// Where segments start among `len` samples, ascending, the first sample's 0 left out.
    pub(crate) fn starts(&self, len: usize) -> Vec<usize> {
        let mut starts: Vec<usize> = self
            .starts
            .iter()
            .copied()
            .filter(|&s| s > 0 && s < len)
            .collect();
        starts.dedup();
        starts
    }

    /// Follows the removal of the samples whose `keep` flag is false: each start moves back by the
    /// samples removed before it.
    pub(crate) fn remove(&mut self, keep: &[bool]) {
        let mut removed_before = Vec::with_capacity(keep.len() + 1);
        let mut removed = 0usize;
        for &k in keep {
            removed_before.push(removed);
            removed += usize::from(!k);
        }
        removed_before.push(removed);
        for s in &mut self.starts {
            let r = removed_before.get(*s).copied().unwrap_or(removed);
            *s = s.saturating_sub(r);
        }
        self.starts.dedup();
    }

    /// The segments as index ranges covering `0..len`.
    fn ranges(&self, len: usize) -> Vec<std::ops::Range<usize>> {
        let mut bounds: Vec<usize> = self.starts.iter().copied().filter(|&s| s < len).collect();
        bounds.insert(0, 0);
        bounds.dedup();
        let ends = bounds.iter().skip(1).copied().chain(std::iter::once(len));
        bounds
            .iter()
            .copied()
            .zip(ends)
            .map(|(a, b)| a..b)
            .collect()
    }
}

/// Repairs time order and records segment pauses, with a counted warning for each repair:
/// 1. Within a segment, a point repeating the previous timestamp is merged into it (missing
///    fields filled in), then the fewest points are set aside that leave the times non-decreasing;
///    a point set aside that lies within 5 s of the points kept on either side of it in the file
///    (a phone app writing heart rate and position a second or two apart) is sorted into place,
///    the others are dropped (a clock glitch far ahead or behind costs one point, not a teleport).
/// 2. A gap of more than 10 s between one segment's last point and the next segment's first
///    point is a [`Pause`].
/// 3. Segments written out of order are sorted by time (stable).
/// 4. Repeated timestamps where sorted segments meet are merged the same way.
///
/// Pauses that end up overlapping or holding samples are discarded.
pub(crate) fn finish_samples(act: &mut Activity, segments: &Segments) {
    if is_strictly_ordered(&act.samples) {
        // The common case: nothing to repair, only pauses between segments.
        for range in segments.ranges(act.samples.len()).iter().skip(1) {
            let before = range.start.checked_sub(1).and_then(|i| act.samples.get(i));
            if let (Some(a), Some(b)) = (before, act.samples.get(range.start)) {
                if (b.time - a.time).num_seconds() > SEGMENT_PAUSE_MIN_S {
                    act.pauses.push(Pause {
                        start: a.time,
                        end: b.time,
                    });
                }
            }
        }
        clean_pauses(act);
        return;
    }
    let samples = std::mem::take(&mut act.samples);
    let mut kept = Vec::with_capacity(samples.len());
    let mut dropped = 0usize;
    let mut sorted = 0usize;
    let mut merged = 0usize;
    let mut previous_last: Option<DateTime<Utc>> = None;
    for range in segments.ranges(samples.len()) {
        let Some(segment) = samples.get(range) else {
            continue;
        };
        let mut segment = Cow::Borrowed(segment);
        if !is_strictly_ordered(&segment) {
            merged += merge_repeats(segment.to_mut());
        }
        let (keep, near) = with_near_points(&segment, longest_time_ordered(&segment));
        dropped += segment.len().saturating_sub(keep.len());
        sorted += near;
        let first = keep.first().and_then(|&i| segment.get(i)).map(|s| s.time);
        if let (Some(start), Some(end)) = (previous_last, first) {
            if (end - start).num_seconds() > SEGMENT_PAUSE_MIN_S {
                act.pauses.push(Pause { start, end });
            }
        }
        kept.extend(keep.iter().filter_map(|&i| segment.get(i)).copied());
        if !keep.is_empty() {
            previous_last = kept.last().map(|s: &Sample| s.time);
        }
    }
    if sorted > 0 {
        act.warnings.push(Warning::XmlPointsSorted {
            points: sorted,
            within_s: SORT_WITHIN_S,
        });
    }
    if dropped > 0 {
        act.warnings
            .push(Warning::XmlPointsBackwards { points: dropped });
    }
    if !is_time_ordered(&kept) {
        kept.sort_by_key(|s| s.time);
        act.warnings.push(Warning::XmlSegmentsSorted);
    }
    merged += merge_repeats(&mut kept);
    if merged > 0 {
        act.warnings
            .push(Warning::XmlPointsMerged { points: merged });
    }
    act.samples = kept;
    clean_pauses(act);
}

/// Merges each point into the previous one when both have the same time; returns how many.
fn merge_repeats(samples: &mut Vec<Sample>) -> usize {
    let before = samples.len();
    samples.dedup_by(|later, earlier| {
        let same = later.time == earlier.time;
        if same {
            earlier.fill_missing_from(later);
        }
        same
    });
    before.saturating_sub(samples.len())
}

fn is_time_ordered(samples: &[Sample]) -> bool {
    samples
        .iter()
        .zip(samples.iter().skip(1))
        .all(|(a, b)| a.time <= b.time)
}

fn is_strictly_ordered(samples: &[Sample]) -> bool {
    samples
        .iter()
        .zip(samples.iter().skip(1))
        .all(|(a, b)| a.time < b.time)
}

/// Indices of a longest subsequence with increasing times (patience sorting, O(n log n)); all
/// indices when the slice is already in order. Repeated times are merged before this runs.
fn longest_time_ordered(samples: &[Sample]) -> Vec<usize> {
    if is_time_ordered(samples) {
        return (0..samples.len()).collect();
    }
    // tails[k]: index of the smallest possible last sample of an ordered run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; samples.len()];
    for (i, s) in samples.iter().enumerate() {
        let k = tails.partition_point(|&t| samples.get(t).is_some_and(|x| x.time < s.time));
        if let Some(slot) = previous.get_mut(i) {
            *slot = k.checked_sub(1).and_then(|j| tails.get(j).copied());
        }
        match tails.get_mut(k) {
            Some(t) => *t = i,
            None => tails.push(i),
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        run.push(i);
        at = previous.get(i).copied().flatten();
    }
    run.reverse();
    run
}

/// `keep` (indices in time order) with the points left out of it that lie within
/// [`SORT_WITHIN_S`] of the kept points before and after them in the file, in time order (stable;
/// repeated times are merged later); returns the indices and how many were added.
fn with_near_points(samples: &[Sample], keep: Vec<usize>) -> (Vec<usize>, usize) {
    if keep.len() == samples.len() {
        return (keep, 0);
    }
    let window = chrono::Duration::seconds(SORT_WITHIN_S);
    let time = |i: usize| samples.get(i).map(|s| s.time);
    let mut out = keep.clone();
    let mut next_kept = 0usize;
    for (i, s) in samples.iter().enumerate() {
        while keep.get(next_kept).is_some_and(|&k| k < i) {
            next_kept += 1;
        }
        if keep.get(next_kept) == Some(&i) {
            continue;
        }
        let before = next_kept.checked_sub(1).and_then(|j| keep.get(j).copied());
        let after = keep.get(next_kept).copied();
        let near_before = before.and_then(time).is_none_or(|t| s.time >= t - window);
        let near_after = after.and_then(time).is_none_or(|t| s.time <= t + window);
        if near_before && near_after && (before.is_some() || after.is_some()) {
            out.push(i);
        }
    }
    let added = out.len().saturating_sub(keep.len());
    out.sort_by_key(|&i| (time(i), i));
    (out, added)
}

/// Keeps the pauses that are in order, do not overlap and contain no sample.
fn clean_pauses(act: &mut Activity) {
    let samples = &act.samples;
    act.pauses.retain(|p| p.end > p.start);
    act.pauses.sort_by_key(|p| p.start);
    let mut last_end: Option<DateTime<Utc>> = None;
    act.pauses.retain(|p| {
        let after_previous = last_end.is_none_or(|e| p.start >= e);
        let i = samples.partition_point(|s| s.time <= p.start);
        let empty = samples.get(i).is_none_or(|s| s.time >= p.end);
        let keep = after_previous && empty;
        if keep {
            last_end = Some(p.end);
        }
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::Format;
    use chrono::TimeZone;

    fn t(s: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_500_000_000 + s, 0)
            .single()
            .unwrap_or_default()
    }

    fn activity(times: &[i64]) -> Activity {
        let mut a = Activity::new(Format::Gpx);
        a.samples = times.iter().map(|&s| Sample::at(t(s))).collect();
        a
    }

    #[test]
    fn hr_dropouts_are_none() {
        assert_eq!(parse_hr(" 142 "), Some(142));
        assert_eq!(parse_hr("141.6"), Some(142));
        assert_eq!(parse_hr("0"), None);
        assert_eq!(parse_hr("255"), None);
        assert_eq!(parse_hr("x"), None);
        assert!(is_hr_dropout("0") && is_hr_dropout(" 255 ") && !is_hr_dropout("254"));
    }

    fn times(a: &Activity) -> Vec<DateTime<Utc>> {
        a.samples.iter().map(|s| s.time).collect()
    }

    #[test]
    fn a_point_going_back_in_its_segment_is_dropped() {
        // 0, 1, 2, 1, 3 in one segment: the second 1 goes back; dropping it leaves 0, 1, 2, 3.
        let mut a = activity(&[0, 1, 2, 1, 3]);
        finish_samples(&mut a, &Segments::default());
        assert_eq!(times(&a), vec![t(0), t(1), t(2), t(3)]);
        // A point far ahead (1000) costs that point only: 0, 1, 1000, 2, 3 → 0, 1, 2, 3.
        let mut a = activity(&[0, 1, 1000, 2, 3]);
        finish_samples(&mut a, &Segments::default());
        assert_eq!(times(&a), vec![t(0), t(1), t(2), t(3)]);
        assert_eq!(a.warnings, vec![Warning::XmlPointsBackwards { points: 1 }]);
    }

    #[test]
    fn segments_out_of_order_are_sorted_and_duplicates_merged() {
        // Segment A = 100, 101; segment B = 0, 1, 1 (the repeat carries HR 150).
        let mut a = activity(&[100, 101, 0, 1, 1]);
        if let Some(s) = a.samples.get_mut(4) {
            s.hr_bpm = Some(150);
        }
        let mut seg = Segments::default();
        seg.mark(0);
        seg.mark(2);
        finish_samples(&mut a, &seg);
        assert_eq!(times(&a), vec![t(0), t(1), t(100), t(101)]);
        assert_eq!(a.samples.get(1).and_then(|s| s.hr_bpm), Some(150));
        // Sorted + merged warnings; the file-order "pause" 101 → 0 goes backwards: none kept.
        assert_eq!(
            a.warnings,
            vec![
                Warning::XmlSegmentsSorted,
                Warning::XmlPointsMerged { points: 1 }
            ]
        );
        assert!(a.pauses.is_empty());
    }

    #[test]
    fn segment_gap_over_ten_seconds_is_a_pause() {
        // Segments [0, 1], [11], [72]: 1 → 11 is 10 s (not more), 11 → 72 is 61 s: a pause.
        let mut a = activity(&[0, 1, 11, 72]);
        let mut seg = Segments::default();
        seg.mark(0);
        seg.mark(2);
        seg.mark(3);
        finish_samples(&mut a, &seg);
        assert_eq!(
            a.pauses,
            vec![Pause {
                start: t(11),
                end: t(72)
            }]
        );
    }

    #[test]
    fn pauses_holding_samples_are_dropped() {
        let mut a = activity(&[0, 5, 30]);
        a.pauses = vec![
            Pause {
                start: t(0),
                end: t(30),
            },
            Pause {
                start: t(5),
                end: t(30),
            },
        ];
        finish_samples(&mut a, &Segments::default());
        // The first pause contains the sample at 5 s; the second holds none.
        assert_eq!(
            a.pauses,
            vec![Pause {
                start: t(5),
                end: t(30)
            }]
        );
    }
}
