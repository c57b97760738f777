//! TCX laps: a lap's end from its timer time and trackpoints, and the device totals summed over
//! laps (a TCX file has no session summary of its own).

use chrono::{DateTime, Duration, Utc};

use crate::activity::{DeviceSummary, Lap};

/// A lap as the file writes it, plus the times of its first and last trackpoints.
#[derive(Debug, Default)]
pub(super) struct LapBuf {
    pub(super) start: Option<DateTime<Utc>>,
    pub(super) timer_s: Option<f64>,
    pub(super) distance_m: Option<f64>,
    pub(super) avg_hr_bpm: Option<f64>,
    pub(super) max_hr_bpm: Option<u8>,
    pub(super) first_point: Option<DateTime<Utc>>,
    pub(super) last_point: Option<DateTime<Utc>>,
}

/// Laps with their ends: the later of start + timer time and the lap's last trackpoint (a
/// pause inside the lap makes the timer time short), never past the next lap's start.
pub(super) fn build_laps(bufs: &[LapBuf]) -> Vec<Lap> {
    let starts: Vec<Option<DateTime<Utc>>> =
        bufs.iter().map(|l| l.start.or(l.first_point)).collect();
    let mut laps = Vec::with_capacity(bufs.len());
    for (i, lap) in bufs.iter().enumerate() {
        let Some(Some(start)) = starts.get(i).copied() else {
            continue;
        };
        let by_timer = lap
            .timer_s
            .and_then(|s| Duration::try_milliseconds((s * 1000.0).round() as i64))
            .and_then(|d| start.checked_add_signed(d));
        let mut end = [by_timer, lap.last_point]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(start);
        let next_start = starts.iter().skip(i + 1).flatten().next().copied();
        if let Some(next) = next_start.filter(|n| *n >= start) {
            end = end.min(next);
        }
        laps.push(Lap {
            start,
            end: end.max(start),
            timer_s: lap.timer_s,
            distance_m: lap.distance_m,
            avg_hr_bpm: lap.avg_hr_bpm,
            max_hr_bpm: lap.max_hr_bpm,
        });
    }
    laps
}

/// The device totals: lap timer times and distances summed, the highest lap maximum, and the
/// lap averages weighted by timer time (only when every lap has both).
pub(super) fn summarize(laps: &[Lap], start: Option<DateTime<Utc>>) -> DeviceSummary {
    let sum = |f: fn(&Lap) -> Option<f64>| {
        laps.iter()
            .filter_map(f)
            .fold(None, |acc: Option<f64>, v| Some(acc.unwrap_or(0.0) + v))
    };
    let weighted: Option<(f64, f64)> = laps.iter().try_fold((0.0, 0.0), |(hr_s, s), lap| {
        Some((hr_s + lap.avg_hr_bpm? * lap.timer_s?, s + lap.timer_s?))
    });
    DeviceSummary {
        start: laps.first().map(|l| l.start).or(start),
        timer_s: sum(|l| l.timer_s),
        distance_m: sum(|l| l.distance_m),
        avg_hr_bpm: weighted.filter(|(_, s)| *s > 0.0).map(|(hr_s, s)| hr_s / s),
        max_hr_bpm: laps.iter().filter_map(|l| l.max_hr_bpm).max(),
        ..DeviceSummary::default()
    }
}
