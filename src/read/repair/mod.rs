//! Format-independent sample validation run after every reader: values no device can record are
//! dropped, time order is enforced, and each repair is counted in one warning, never silent.

use chrono::{DateTime, TimeZone, Utc};

use crate::activity::{Activity, Sample, Sport, Warning};

/// Lowest plausible elevation, meters (the Dead Sea shore is −430 m).
pub const MIN_ELEVATION_M: f64 = -500.0;
/// Highest plausible elevation, meters (Everest is 8,849 m).
pub const MAX_ELEVATION_M: f64 = 9_000.0;
/// Activities starting before this year are flagged: no GPS watch export is older.
pub const FIRST_PLAUSIBLE_YEAR: i32 = 2000;
/// A gap between two samples, seconds, that cuts a recording into stretches (the same 6 hours by
/// which FIT records far outside every session are taken for corrupt times).
pub const STRAY_GAP_S: i64 = 6 * 3600;
/// A stretch holding under 1/20 of the samples, apart from the largest, is stray.
pub const STRAY_SHARE_DIVISOR: usize = 20;

/// Validates and repairs one activity's samples in place, adding a counted warning per kind of
/// repair:
/// - positions with NaN, infinite or out-of-range coordinates (|lat| > 90°, |lon| > 180°) and
///   elevations outside −500…9,000 m (or not finite) are dropped from their sample;
/// - heart rates of 0 or 255 (dropout markers) become missing;
/// - other non-finite values (distance, speed, cadence, temperature) become missing;
/// - samples out of time order are sorted; a sample repeating a timestamp is merged into the
///   sample before when they do not conflict, else counted;
/// - samples more than 6 hours from the rest of the recording, in a stretch too small to be part
///   of it, are dropped as corrupt times (a year-2090 record in a 2024 run, sorted to the end,
///   would otherwise stretch the run over 66 years);
/// - a start before 2000 is flagged. (GPS teleports are counted where the distance is worked out:
///   `analyze::distance::cumulative`.)
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use runaudit::activity::{Activity, Format, Position, Sample};
/// let t0 = Utc.with_ymd_and_hms(2021, 5, 1, 7, 0, 0).unwrap();
/// let mut a = Activity::new(Format::Gpx);
/// let mut s = Sample::at(t0);
/// s.position = Some(Position { lat_deg: 91.0, lon_deg: 13.0 });
/// s.hr_bpm = Some(255);
/// a.samples.push(s);
/// runaudit::read::repair::activity(&mut a);
/// assert_eq!(a.samples[0].position, None);
/// assert_eq!(a.samples[0].hr_bpm, None);
/// assert_eq!(a.warnings.len(), 2);
/// ```
pub fn activity(act: &mut Activity) {
    let mut counts = Counts::default();
    for s in &mut act.samples {
        counts.add(clean_sample(s));
    }
    counts.warn(&mut act.warnings);
    order_samples(act);
    drop_stray_samples(act);
    flag_early_start(act);
}

/// What [`clean_sample`] removed from one sample.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    positions: usize,
    elevations: usize,
    hr_dropouts: usize,
    non_finite: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.positions += other.positions;
        self.elevations += other.elevations;
        self.hr_dropouts += other.hr_dropouts;
        self.non_finite += other.non_finite;
    }

    fn warn(&self, warnings: &mut Vec<Warning>) {
        if self.positions > 0 {
            warnings.push(Warning::BadPositions {
                positions: self.positions,
            });
        }
        if self.elevations > 0 {
            warnings.push(Warning::BadElevations {
                elevations: self.elevations,
                min_m: MIN_ELEVATION_M,
                max_m: MAX_ELEVATION_M,
            });
        }
        if self.hr_dropouts > 0 {
            warnings.push(Warning::HrDropouts {
                heart_rates: self.hr_dropouts,
            });
        }
        if self.non_finite > 0 {
            warnings.push(Warning::NonFinite {
                values: self.non_finite,
            });
        }
    }
}

/// Clears the fields of one sample that no device can record; returns what was cleared.
fn clean_sample(s: &mut Sample) -> Counts {
    let mut c = Counts::default();
    if s.position.is_some_and(|p| {
        !(p.lat_deg.is_finite()
            && p.lon_deg.is_finite()
            && p.lat_deg.abs() <= 90.0
            && p.lon_deg.abs() <= 180.0)
    }) {
        s.position = None;
        c.positions = 1;
    }
    if s.altitude_m
        .is_some_and(|e| !(MIN_ELEVATION_M..=MAX_ELEVATION_M).contains(&e))
    {
        s.altitude_m = None;
        c.elevations = 1;
    }
    if matches!(s.hr_bpm, Some(0) | Some(255)) {
        s.hr_bpm = None;
        c.hr_dropouts = 1;
    }
    for v in [
        &mut s.distance_m,
        &mut s.speed_m_s,
        &mut s.cadence_spm,
        &mut s.temperature_c,
    ] {
        if v.is_some_and(|x| !x.is_finite()) {
            *v = None;
            c.non_finite += 1;
        }
    }
    c
}

/// Sorts samples by time (stable), merges a sample into the one before when both have the same
/// time and no field in conflict (a device writing position and distance as separate records),
/// and counts same-time samples that disagree (both kept, as the file has them).
fn order_samples(act: &mut Activity) {
    if act.untimed.is_some() {
        // One time for every sample: nothing to order or merge.
        return;
    }
    let samples = &mut act.samples;
    let pairs = || samples.iter().zip(samples.iter().skip(1));
    if pairs().all(|(a, b)| a.time < b.time) {
        return;
    }
    let backwards = pairs().filter(|(a, b)| b.time < a.time).count();
    if backwards > 0 {
        samples.sort_by_key(|s| s.time);
    }
    samples.dedup_by(|later, earlier| {
        let merge = later.time == earlier.time && complementary(earlier, later);
        if merge {
            earlier.fill_missing_from(later);
        }
        merge
    });
    let conflicting = samples
        .iter()
        .zip(samples.iter().skip(1))
        .filter(|(a, b)| a.time == b.time)
        .count();
    if backwards > 0 {
        act.warnings
            .push(Warning::SamplesBackwards { samples: backwards });
    }
    if conflicting > 0 {
        act.warnings.push(Warning::SameTimeConflicts {
            samples: conflicting,
        });
    }
}

/// Drops stray samples: the samples (sorted by time) are cut into stretches wherever two
/// neighbours are more than [`STRAY_GAP_S`] apart, and every stretch but the largest that holds
/// under 1/[`STRAY_SHARE_DIVISOR`] of the samples is dropped, unless that would drop half the
/// samples or more (a sparse log then keeps all its points). A multi-day recording keeps its days;
/// a corrupt record, or a few with garbage times, go.
fn drop_stray_samples(act: &mut Activity) {
    let samples = &act.samples;
    let n = samples.len();
    let mut stretches: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, pair) in samples.windows(2).enumerate() {
        if let [a, b] = pair {
            if b.time.signed_duration_since(a.time).num_seconds() > STRAY_GAP_S {
                stretches.push(start..i.saturating_add(1));
                start = i.saturating_add(1);
            }
        }
    }
    if start == 0 {
        return;
    }
    stretches.push(start..n);
    let largest = stretches.iter().map(|r| r.len()).max().unwrap_or(0);
    let stray = |r: &std::ops::Range<usize>| {
        r.len() < largest && r.len().saturating_mul(STRAY_SHARE_DIVISOR) < n
    };
    let dropped: usize = stretches.iter().filter(|r| stray(r)).map(|r| r.len()).sum();
    if dropped == 0 || dropped.saturating_mul(2) >= n {
        return;
    }
    let first = stretches
        .iter()
        .find(|r| stray(r))
        .and_then(|r| samples.get(r.start))
        .map(|s| s.time);
    let keep: Vec<bool> = stretches
        .iter()
        .flat_map(|r| std::iter::repeat_n(!stray(r), r.len()))
        .collect();
    let mut flags = keep.iter();
    act.samples
        .retain(|_| flags.next().copied().unwrap_or(true));
    if let Some(first) = first {
        act.warnings.push(Warning::StraySamples {
            samples: dropped,
            first,
        });
    }
}

/// True when no field is present in both samples with different values.
fn complementary(a: &Sample, b: &Sample) -> bool {
    fn agree<T: PartialEq>(x: Option<T>, y: Option<T>) -> bool {
        match (x, y) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        }
    }
    agree(a.position, b.position)
        && agree(a.altitude_m, b.altitude_m)
        && agree(a.distance_m, b.distance_m)
        && agree(a.speed_m_s, b.speed_m_s)
        && agree(a.hr_bpm, b.hr_bpm)
        && agree(a.cadence_spm, b.cadence_spm)
        && agree(a.power_w, b.power_w)
        && agree(a.temperature_c, b.temperature_c)
}

/// Flags a start before [`FIRST_PLAUSIBLE_YEAR`], unless a reader already said why (a FIT
/// device clock that was never set: [`Warning::FitRelativeTimes`]).
fn flag_early_start(act: &mut Activity) {
    let Some(first) = act.samples.first().map(|s| s.time) else {
        return;
    };
    let explained = act.warnings.contains(&Warning::FitRelativeTimes);
    if first >= earliest_plausible() || explained {
        return;
    }
    act.warnings.push(Warning::EarlyStart {
        start: first,
        first_plausible_year: FIRST_PLAUSIBLE_YEAR,
    });
}

fn earliest_plausible() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(FIRST_PLAUSIBLE_YEAR, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Applies the per-leg cadence rule to cadence read as written (GPX extensions, TCX `<Cadence>`,
/// FIT records of a session that names no sport).
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
    act.warnings.push(Warning::CadenceDoubled {
        median_per_min: median,
        sport_assumed: act.sport == Sport::Unknown,
    });
    true
}

#[cfg(test)]
mod tests;
