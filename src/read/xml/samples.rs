//! Clean-up both XML readers apply once a file is read: time order, duplicate timestamps,
//! pauses at segment breaks, heart-rate dropouts and the per-leg running cadence rule.

use chrono::{DateTime, Utc};

use crate::activity::{Activity, Pause, Sample, Sport};

/// A gap longer than this between a segment's last point and the next segment's first point is
/// a pause (the same 10 s the analysis uses for inferred pauses); shorter is a glitch.
const SEGMENT_PAUSE_MIN_S: i64 = 10;

/// Heart rate from element text, rounded; `None` for 0 and 255 (dropout markers) and nonsense.
pub(crate) fn parse_hr(text: &str) -> Option<u8> {
    let bpm = super::parse_f64(text)?.round();
    (bpm >= 1.0 && bpm <= 254.0).then_some(bpm as u8)
}

/// Turns segment breaks (GPX `<trkseg>`/`<trk>`, TCX `<Track>`) followed by a time gap into
/// [`Pause`]s.
#[derive(Debug, Default)]
pub(crate) struct SegmentPauses {
    break_pending: bool,
}

impl SegmentPauses {
    /// A new segment starts.
    pub(crate) fn segment_break(&mut self) {
        self.break_pending = true;
    }

    /// A sample at `time` follows the sample at `last`: after a segment break with a gap longer
    /// than [`SEGMENT_PAUSE_MIN_S`], the gap becomes a pause.
    pub(crate) fn on_sample(
        &mut self,
        last: Option<DateTime<Utc>>,
        time: DateTime<Utc>,
        pauses: &mut Vec<Pause>,
    ) {
        if std::mem::take(&mut self.break_pending) {
            if let Some(start) = last {
                if (time - start).num_seconds() > SEGMENT_PAUSE_MIN_S {
                    pauses.push(Pause { start, end: time });
                }
            }
        }
    }
}

/// Puts samples in time order (stable sort, with a warning), merges samples with the same
/// timestamp into the first (missing fields taken from the later ones, with a warning), and keeps
/// only pauses that are in order, do not overlap and contain no sample.
pub(crate) fn finish_samples(act: &mut Activity) {
    let samples = &mut act.samples;
    let backwards = samples
        .iter()
        .zip(samples.iter().skip(1))
        .filter(|(a, b)| b.time < a.time)
        .count();
    if backwards > 0 {
        samples.sort_by_key(|s| s.time);
        act.warnings.push(format!(
            "{backwards} points went back in time; samples were sorted by time"
        ));
    }
    let before = samples.len();
    samples.dedup_by(|later, earlier| {
        let same = later.time == earlier.time;
        if same {
            merge_into(earlier, later);
        }
        same
    });
    let merged = before.saturating_sub(samples.len());
    if merged > 0 {
        act.warnings.push(format!(
            "{merged} points repeated an earlier timestamp and were merged into it"
        ));
    }
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

fn merge_into(kept: &mut Sample, other: &Sample) {
    kept.position = kept.position.or(other.position);
    kept.altitude_m = kept.altitude_m.or(other.altitude_m);
    kept.distance_m = kept.distance_m.or(other.distance_m);
    kept.speed_m_s = kept.speed_m_s.or(other.speed_m_s);
    kept.hr_bpm = kept.hr_bpm.or(other.hr_bpm);
    kept.cadence_spm = kept.cadence_spm.or(other.cadence_spm);
    kept.power_w = kept.power_w.or(other.power_w);
    kept.temperature_c = kept.temperature_c.or(other.temperature_c);
}

/// Applies the per-leg cadence rule to cadence read as written (GPX extensions, TCX `<Cadence>`).
///
/// Garmin's TrackPointExtension `cad` (and Strava's export of it) is per leg for foot sports:
/// strides per minute, about 80–95 when running, 50–65 walking. Cadence is doubled to steps per
/// minute when the sport is running (or unnamed) and the median non-zero cadence is below 120,
/// or the sport is walking/hiking and the median is below 80; a median above those is already
/// both legs (a per-leg 120 would be 240 steps/min). Cycling, swimming and other sports keep
/// their value (rpm, strokes). Returns whether the values were doubled.
pub(crate) fn cadence_per_leg_doubled(act: &mut Activity) -> bool {
    let mut values: Vec<f64> = act
        .samples
        .iter()
        .filter_map(|s| s.cadence_spm)
        .filter(|&c| c > 0.0)
        .collect();
    if values.is_empty() {
        return false;
    }
    values.sort_by(f64::total_cmp);
    let median = values.get(values.len() / 2).copied().unwrap_or(0.0);
    let per_leg_below = match act.sport {
        Sport::Running | Sport::Unknown => 120.0,
        Sport::Walking | Sport::Hiking => 80.0,
        Sport::Cycling | Sport::Swimming | Sport::Other => return false,
    };
    if median >= per_leg_below {
        return false;
    }
    for s in &mut act.samples {
        s.cadence_spm = s.cadence_spm.map(|c| c * 2.0);
    }
    let unnamed = if act.sport == Sport::Unknown {
        "; the file does not name the sport, so a run was assumed"
    } else {
        ""
    };
    act.warnings.push(format!(
        "cadence read as per leg (median {median:.0}/min) and doubled to steps/min{unnamed}"
    ));
    true
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
    }

    #[test]
    fn out_of_order_and_duplicate_times_are_fixed_with_warnings() {
        // Times 0, 2, 1, 2, 3: one step back (2 → 1), then 2 repeats once after sorting.
        let mut a = activity(&[0, 2, 1, 2, 3]);
        if let Some(s) = a.samples.get_mut(3) {
            s.hr_bpm = Some(150);
        }
        finish_samples(&mut a);
        let times: Vec<_> = a.samples.iter().map(|s| s.time).collect();
        assert_eq!(times, vec![t(0), t(1), t(2), t(3)]);
        // The repeated t=2 sample lent its heart rate to the kept one.
        assert_eq!(a.samples.get(2).and_then(|s| s.hr_bpm), Some(150));
        assert_eq!(a.warnings.len(), 2);
    }

    #[test]
    fn segment_gap_over_ten_seconds_is_a_pause() {
        let mut pauses = Vec::new();
        let mut seg = SegmentPauses::default();
        seg.on_sample(Some(t(0)), t(100), &mut pauses); // no break: no pause
        seg.segment_break();
        seg.on_sample(Some(t(100)), t(110), &mut pauses); // 10 s: not more than 10
        seg.segment_break();
        seg.on_sample(Some(t(110)), t(171), &mut pauses); // 61 s: a pause
        assert_eq!(
            pauses,
            vec![Pause {
                start: t(110),
                end: t(171)
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
        finish_samples(&mut a);
        // The first pause contains the sample at 5 s; the second holds none.
        assert_eq!(
            a.pauses,
            vec![Pause {
                start: t(5),
                end: t(30)
            }]
        );
    }

    #[test]
    fn cadence_rule() {
        let mut run = activity(&[0, 1, 2]);
        run.sport = Sport::Running;
        for (s, c) in run.samples.iter_mut().zip([0.0, 85.0, 90.0]) {
            s.cadence_spm = Some(c);
        }
        // Non-zero median of 85, 90 is 90 (upper middle) < 120: doubled.
        assert!(cadence_per_leg_doubled(&mut run));
        let doubled: Vec<_> = run.samples.iter().filter_map(|s| s.cadence_spm).collect();
        assert_eq!(doubled, vec![0.0, 170.0, 180.0]);
        // Already both legs (median 172): unchanged.
        assert!(!cadence_per_leg_doubled(&mut run));
        // Cycling rpm is never doubled.
        let mut ride = activity(&[0]);
        ride.sport = Sport::Cycling;
        if let Some(s) = ride.samples.first_mut() {
            s.cadence_spm = Some(88.0);
        }
        assert!(!cadence_per_leg_doubled(&mut ride));
    }
}
