//! Cumulative distance per sample: the device's own odometer when the file has one, else the
//! geodesic length between GPS fixes with spikes dropped and pauses never bridged.

use geo::{Distance, Haversine, Point};

use crate::activity::{Position, Sample, Sport};
use crate::analyze::analysis::DistanceSource;

/// Fixes rejected in a row after which the next one becomes the new anchor (nothing counted): the
/// receiver has relocated, or the anchor itself was the spike.
pub const MAX_REJECTED_IN_A_ROW: usize = 5;

/// Share of a run's time that the samples carrying the device's distance must span when fewer
/// than half the samples carry it.
pub const MIN_SPAN_SHARE: f64 = 0.9;

/// What a GPS fix may imply before it is taken for a spike.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpikeLimits {
    /// Highest plausible speed from the last kept fix, meters per second.
    pub max_speed_m_s: f64,
    /// Highest plausible rise in speed from one interval to the next, meters per second².
    pub max_accel_m_s2: f64,
}

/// On foot: 12 m/s and 6 m/s², faster than any runner holds for a second.
pub const ON_FOOT_LIMITS: SpikeLimits = SpikeLimits {
    max_speed_m_s: 12.0,
    max_accel_m_s2: 6.0,
};

/// Any other sport (unknown ones included, so no real fix is lost): 35 m/s and 10 m/s².
pub const OTHER_LIMITS: SpikeLimits = SpikeLimits {
    max_speed_m_s: 35.0,
    max_accel_m_s2: 10.0,
};

impl SpikeLimits {
    /// Limits for a sport: 12 m/s and 6 m/s² on foot (faster than any runner holds for a
    /// second), 35 m/s and 10 m/s² otherwise (unknown sports included, so no real fix is lost).
    pub fn for_sport(sport: Sport) -> SpikeLimits {
        match sport {
            Sport::Running | Sport::Walking | Sport::Hiking => ON_FOOT_LIMITS,
            _ => OTHER_LIMITS,
        }
    }
}

/// The cumulative distance track, where it came from, and how many readings of that source it
/// left out as spikes (GPS fixes, or odometer readings). The device's odometer is used when
/// [`device_distance`] gives one and it moves at all; else GPS when any fix exists; else all zeros
/// with [`DistanceSource::None`].
pub fn cumulative(
    samples: &[Sample],
    t_s: &[f64],
    pauses_s: &[(f64, f64)],
    sport: Sport,
) -> (Vec<f64>, DistanceSource, usize) {
    let limits = SpikeLimits::for_sport(sport);
    match device_distance(samples, t_s, limits) {
        Some(d) if total(&d.meters) > 0.0 => (d.meters, DistanceSource::Device, d.spikes),
        device => {
            let gps = gps_distance(samples, t_s, pauses_s, limits);
            match (fill_by_time(&gps, t_s), device) {
                (Some(d), _) => (d, DistanceSource::Gps, spikes(samples, &gps)),
                (None, Some(d)) => (d.meters, DistanceSource::Device, d.spikes),
                (None, None) => (vec![0.0; samples.len()], DistanceSource::None, 0),
            }
        }
    }
}

/// Usable GPS fixes that [`gps_distance`] left out (`kept` is its output for `samples`).
fn spikes(samples: &[Sample], kept: &[Option<f64>]) -> usize {
    samples
        .iter()
        .zip(kept)
        .filter(|(s, k)| k.is_none() && s.position.and_then(point).is_some())
        .count()
}

/// Last minus first value of a cumulative track (0 when empty).
fn total(d: &[f64]) -> f64 {
    match (d.first(), d.last()) {
        (Some(a), Some(b)) => b - a,
        _ => 0.0,
    }
}

/// Later odometer readings looked at before a jump is taken for a spike: a jump that none of the
/// next this many readings reaches again is one the odometer fell back from.
pub const ODOMETER_LOOKAHEAD: usize = 5;

/// The device's odometer at every sample, and how many of its readings were left out as spikes.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceDistance {
    /// Cumulative meters at each sample.
    pub meters: Vec<f64>,
    /// Readings left out as spikes (see [`device_distance`]).
    pub spikes: usize,
}

/// The device's cumulative distance, made non-decreasing (a step backwards is held flat) and
/// interpolated in time where a sample lacks it; `None` when fewer than half the samples carry it
/// and those that do span less than [`MIN_SPAN_SHARE`] of the run's time (a phone app writes it
/// on only some records, all through the run).
///
/// A reading is left out as a spike when reaching it implies a speed over
/// `limits.max_speed_m_s` (time steps under 1 s count as 1 s) and the odometer falls back from
/// it: there are later readings and none of the next [`ODOMETER_LOOKAHEAD`] is as high. That is a
/// corrupt record, which held flat would have carried its jump to the end of the run. A real
/// odometer never falls back, so a catch-up after lost signal, however fast, is kept (the last
/// reading too: nothing after it says it was wrong).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use runaudit::activity::{Sample, Sport};
/// use runaudit::analyze::distance::{device_distance, SpikeLimits};
/// let t0 = Utc.timestamp_opt(0, 0).unwrap();
/// let mut s: Vec<Sample> = (0..5).map(|i| Sample::at(t0 + chrono::Duration::seconds(i))).collect();
/// let limits = SpikeLimits::for_sport(Sport::Running);
/// let t = [0.0, 1.0, 2.0, 3.0, 4.0];
/// for (x, d) in s.iter_mut().zip([0.0, 10.0, 8.0, 13.0, 16.0]) {
///     x.distance_m = Some(d);
/// }
/// // Backwards at t=2: held at 10.
/// let d = device_distance(&s, &t, limits).unwrap();
/// assert_eq!((d.meters, d.spikes), (vec![0.0, 10.0, 10.0, 13.0, 16.0], 0));
/// // A reading of 40,000 km at t=3 that the odometer falls back from: left out, and t=3 is
/// // interpolated between 10 m and 16 m.
/// s[3].distance_m = Some(4.0e7);
/// let d = device_distance(&s, &t, limits).unwrap();
/// assert_eq!((d.meters, d.spikes), (vec![0.0, 10.0, 10.0, 13.0, 16.0], 1));
/// ```
pub fn device_distance(
    samples: &[Sample],
    t_s: &[f64],
    limits: SpikeLimits,
) -> Option<DeviceDistance> {
    let mut readings: Vec<Option<f64>> = samples
        .iter()
        .map(|s| s.distance_m.filter(|d| d.is_finite() && *d >= 0.0))
        .collect();
    let spikes = drop_odometer_spikes(&mut readings, t_s, limits.max_speed_m_s);
    let mut running = f64::NEG_INFINITY;
    let known: Vec<Option<f64>> = readings
        .iter()
        .map(|d| {
            running = running.max((*d)?);
            Some(running)
        })
        .collect();
    let carried = known.iter().filter(|k| k.is_some()).count();
    let carried_t = || {
        known
            .iter()
            .zip(t_s)
            .filter(|(k, _)| k.is_some())
            .map(|(_, &t)| t)
    };
    let span_s = match (carried_t().next(), carried_t().next_back(), t_s.last()) {
        (Some(a), Some(b), Some(&end)) if end > 0.0 => (b - a) / end,
        _ => 0.0,
    };
    // Phone apps write the distance on only some records: enough when those span the run.
    let enough =
        carried.saturating_mul(2) >= samples.len() || (carried >= 2 && span_s >= MIN_SPAN_SHARE);
    if carried == 0 || !enough {
        return None;
    }
    Some(DeviceDistance {
        meters: fill_by_time(&known, t_s)?,
        spikes,
    })
}

/// Blanks the odometer readings [`device_distance`] leaves out as spikes; returns how many. A
/// jump is measured from the highest reading kept so far; the first reading, with nothing before
/// it, from the next one.
fn drop_odometer_spikes(readings: &mut [Option<f64>], t_s: &[f64], max_speed_m_s: f64) -> usize {
    // A spike is one the odometer falls back from: an odometer that never falls back (every real
    // file) has none, and costs no list of its readings.
    if readings.iter().flatten().is_sorted() {
        return 0;
    }
    let carried: Vec<(usize, f64, f64)> = readings
        .iter()
        .zip(t_s)
        .enumerate()
        .filter_map(|(i, (d, &t))| Some((i, t, (*d)?)))
        .collect();
    let too_far = |from: (f64, f64), to: (f64, f64)| {
        (to.1 - from.1).abs() > max_speed_m_s * (to.0 - from.0).abs().max(1.0)
    };
    let mut highest: Option<(f64, f64)> = None;
    let mut spikes = 0;
    for (k, &(i, t, d)) in carried.iter().enumerate() {
        let next = carried.get(k.saturating_add(1)..).unwrap_or_default();
        let ahead = next.get(..ODOMETER_LOOKAHEAD).unwrap_or(next);
        // Fell back: later readings exist and none reaches this one again.
        let fell_back = !ahead.is_empty() && ahead.iter().all(|&(_, _, later)| later < d);
        let jump = match (highest, ahead.first()) {
            (Some(h), _) => d > h.1 && too_far(h, (t, d)),
            (None, Some(&(_, t1, d1))) => d > d1 && too_far((t1, d1), (t, d)),
            (None, None) => false,
        };
        if jump && fell_back {
            if let Some(slot) = readings.get_mut(i) {
                *slot = None;
            }
            spikes += 1;
        } else if highest.is_none_or(|h| d >= h.1) {
            highest = Some((t, d));
        }
    }
    spikes
}

/// Cumulative GPS distance at each sample whose fix was kept (`None` elsewhere).
///
/// A fix is dropped, and its jump not counted, when reaching it from the last kept fix implies a
/// speed over `limits.max_speed_m_s` or a rise in speed over `limits.max_accel_m_s2` (time steps
/// under 1 s count as 1 s). After [`MAX_REJECTED_IN_A_ROW`] drops in a row the next fix is taken
/// as a new anchor without counting the jump. Nothing is counted between two fixes with a pause
/// between them. Distances are haversine on the GRS80 mean radius.
pub fn gps_distance(
    samples: &[Sample],
    t_s: &[f64],
    pauses_s: &[(f64, f64)],
    limits: SpikeLimits,
) -> Vec<Option<f64>> {
    let mut out = vec![None; samples.len()];
    let mut anchor: Option<Anchor> = None;
    let mut total_m = 0.0;
    let mut rejected = 0;
    for ((s, &t), slot) in samples.iter().zip(t_s).zip(out.iter_mut()) {
        let Some(p) = s.position.and_then(point) else {
            continue;
        };
        let fresh = Anchor {
            point: p,
            t_s: t,
            speed_m_s: None,
        };
        let Some(a) = anchor else {
            anchor = Some(fresh);
            *slot = Some(total_m);
            continue;
        };
        if pause_between(pauses_s, a.t_s, t) || rejected >= MAX_REJECTED_IN_A_ROW {
            anchor = Some(fresh);
            rejected = 0;
            *slot = Some(total_m);
            continue;
        }
        let d = Haversine.distance(a.point, p);
        let step_s = (t - a.t_s).max(1.0);
        let speed = d / step_s;
        let accel = a.speed_m_s.map_or(0.0, |v0| (speed - v0) / step_s);
        if !d.is_finite() || speed > limits.max_speed_m_s || accel > limits.max_accel_m_s2 {
            rejected += 1;
            continue;
        }
        total_m += d;
        rejected = 0;
        anchor = Some(Anchor {
            speed_m_s: Some(speed),
            ..fresh
        });
        *slot = Some(total_m);
    }
    out
}

/// The last kept GPS fix.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    point: Point<f64>,
    t_s: f64,
    /// Speed of the interval that reached this fix; `None` after a pause or at the start.
    speed_m_s: Option<f64>,
}

/// A usable fix as a geo point (x = longitude); `None` for out-of-range values and the 0,0
/// placeholder some devices write before a fix.
fn point(p: Position) -> Option<Point<f64>> {
    let valid = p.lat_deg.is_finite()
        && p.lon_deg.is_finite()
        && p.lat_deg.abs() <= 90.0
        && p.lon_deg.abs() <= 180.0
        && !(p.lat_deg == 0.0 && p.lon_deg == 0.0);
    valid.then(|| Point::new(p.lon_deg, p.lat_deg))
}

/// True when a pause overlaps the open interval (a, b). `pauses_s` is sorted and disjoint.
pub fn pause_between(pauses_s: &[(f64, f64)], a: f64, b: f64) -> bool {
    let first_ending_after = pauses_s.partition_point(|p| p.1 <= a);
    pauses_s
        .get(first_ending_after)
        .is_some_and(|p| p.0 < b && p.1 > a)
}

/// Fills the gaps of a track known at some samples: linear in time between the known neighbours,
/// held flat before the first and after the last known value. `None` when nothing is known.
///
/// ```
/// use runaudit::analyze::distance::fill_by_time;
/// // known at t=0 (0 m) and t=4 (100 m); t=1 is a quarter of the way: 25 m.
/// let d = fill_by_time(&[None, Some(0.0), None, Some(100.0), None], &[-1.0, 0.0, 1.0, 4.0, 5.0]);
/// assert_eq!(d, Some(vec![0.0, 0.0, 25.0, 100.0, 100.0]));
/// ```
pub fn fill_by_time(known: &[Option<f64>], t_s: &[f64]) -> Option<Vec<f64>> {
    let mut out: Vec<f64> = Vec::with_capacity(known.len());
    let mut prev: Option<(f64, f64)> = None;
    for (i, (k, &t)) in known.iter().zip(t_s).enumerate() {
        let Some(v) = *k else { continue };
        let gap_t = t_s.get(out.len()..i).unwrap_or_default();
        for &tj in gap_t {
            out.push(match prev {
                Some((t0, v0)) if t > t0 => v0 + (v - v0) * (tj - t0) / (t - t0),
                _ => v,
            });
        }
        out.push(v);
        prev = Some((t, v));
    }
    let (_, last) = prev?;
    out.resize(known.len(), last);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone, Utc};

    fn track(fixes: &[(i64, f64, f64)]) -> (Vec<Sample>, Vec<f64>) {
        let t0 = Utc.timestamp_opt(1_600_000_000, 0).unwrap();
        let samples = fixes
            .iter()
            .map(|&(t, lat, lon)| {
                let mut s = Sample::at(t0 + Duration::seconds(t));
                s.position = Some(Position {
                    lat_deg: lat,
                    lon_deg: lon,
                });
                s
            })
            .collect();
        let t_s = fixes.iter().map(|f| f.0 as f64).collect();
        (samples, t_s)
    }

    /// Degrees of latitude for a distance in meters on the mean-radius sphere.
    fn lat_for(m: f64) -> f64 {
        (m / 6_371_008.8).to_degrees()
    }

    /// Running north at 3 m/s (1 Hz) for 12 m; the fix at t=2 jumps 500 m east (500 m/s).
    fn spiked_run() -> (Vec<Sample>, Vec<f64>) {
        track(&[
            (0, 0.0, 10.0),
            (1, lat_for(3.0), 10.0),
            (2, lat_for(6.0), 10.0 + 500.0 / 111_195.0),
            (3, lat_for(9.0), 10.0),
            (4, lat_for(12.0), 10.0),
        ])
    }

    #[test]
    fn gps_spike_is_dropped_not_counted() {
        // Running north at 3 m/s (1 Hz); the fix at t=2 jumps 500 m east (500 m/s): dropped.
        // t=3 is measured from t=1: 6 m. Total 4 steps of 3 m = 12 m, the spike adds nothing.
        let (s, t) = spiked_run();
        let d = gps_distance(&s, &t, &[], SpikeLimits::for_sport(Sport::Running));
        assert_eq!(d.get(2), Some(&None));
        let end = d.get(4).copied().flatten().unwrap();
        assert!((end - 12.0).abs() < 0.01, "{end}");
    }

    #[test]
    fn spikes_are_counted_only_when_gps_is_the_distance() {
        // The same run with its 500 m sideways spike at t=2: from GPS, one fix is left out and
        // counted; with an odometer on every sample, GPS is not used and nothing is counted.
        let (mut s, t) = spiked_run();
        let (d, source, spikes) = cumulative(&s, &t, &[], Sport::Running);
        assert_eq!((source, spikes), (DistanceSource::Gps, 1));
        assert!((total(&d) - 12.0).abs() < 0.01);
        for (i, x) in s.iter_mut().enumerate() {
            x.distance_m = Some(3.0 * i as f64);
        }
        let (_, source, spikes) = cumulative(&s, &t, &[], Sport::Running);
        assert_eq!((source, spikes), (DistanceSource::Device, 0));
    }

    #[test]
    fn gps_acceleration_spike_is_dropped() {
        // 3 m/s, then a fix 11 m on (11 m/s is under 12 m/s, but +8 m/s in 1 s is over 6 m/s²):
        // dropped. The next fix, 6 m past t=1, counts. Total 3 + 6 + 3 = 12 m.
        let (s, t) = track(&[
            (0, lat_for(0.0), 10.0),
            (1, lat_for(3.0), 10.0),
            (2, lat_for(14.0), 10.0),
            (3, lat_for(9.0), 10.0),
            (4, lat_for(12.0), 10.0),
        ]);
        let d = gps_distance(&s, &t, &[], SpikeLimits::for_sport(Sport::Running));
        assert_eq!(d.get(2), Some(&None));
        let end = d.get(4).copied().flatten().unwrap();
        assert!((end - 12.0).abs() < 0.01, "{end}");
    }

    #[test]
    fn gps_never_counts_across_a_pause() {
        // 10 m, then a pause from t=10 to t=100 during which the runner moves 400 m, then 10 m.
        let (s, t) = track(&[
            (0, lat_for(0.0), 10.0),
            (10, lat_for(10.0), 10.0),
            (100, lat_for(410.0), 10.0),
            (110, lat_for(420.0), 10.0),
        ]);
        let d = gps_distance(
            &s,
            &t,
            &[(10.0, 100.0)],
            SpikeLimits::for_sport(Sport::Running),
        );
        let end = d.get(3).copied().flatten().unwrap();
        assert!((end - 20.0).abs() < 0.01, "{end}");
    }

    #[test]
    fn gps_reanchors_after_a_relocation() {
        // The first fix is 2 km off (a cold start). The next five fixes are rejected, the sixth
        // (t=6) becomes the anchor, and from there 1 m/s counts: t=6..=8 → 2 m.
        let mut fixes = vec![(0, lat_for(2000.0), 10.0)];
        fixes.extend((1..=8).map(|t| (t, lat_for(t as f64), 10.0)));
        let (s, t) = track(&fixes);
        let d = gps_distance(&s, &t, &[], SpikeLimits::for_sport(Sport::Running));
        let end = d.get(8).copied().flatten().unwrap();
        assert!((end - 2.0).abs() < 0.01, "{end}");
    }

    #[test]
    fn device_distance_needs_half_the_samples() {
        let (mut s, t) = track(&[(0, 1.0, 1.0), (1, 1.0, 1.0), (2, 1.0, 1.0)]);
        if let Some(x) = s.get_mut(0) {
            x.distance_m = Some(5.0);
        }
        assert_eq!(
            device_distance(&s, &t, SpikeLimits::for_sport(Sport::Running)),
            None
        );
    }
}
