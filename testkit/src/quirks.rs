//! Patterns seen in real exports, applied to a synthetic activity whose truth is known: a watch
//! clock that jumps mid-run, points written out of order, heart rate only now and then.

use chrono::Duration;
use runaudit::activity::Activity;

use crate::path::SplitMix64;

/// The activity with the clock jumping by `jump_s` seconds after the first `fraction` (0..=1) of
/// its samples: later samples, pauses and laps are `jump_s` later. The device totals (session start,
/// elapsed, timer, distance) stay true, as a watch keeps them from its timer.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use runaudit_testkit::{quirks, Hr, RunSpec};
/// let start = Utc.with_ymd_and_hms(2025, 1, 6, 7, 0, 0).unwrap();
/// let a = RunSpec::new(start).run(100, 3.0, Hr::Constant(140)).build().activity;
/// let jumped = quirks::clock_jump(&a, 0.4, 3 * 86_400);
/// assert_eq!((jumped.samples[40].time - jumped.samples[39].time).num_seconds(), 259_201);
/// ```
pub fn clock_jump(activity: &Activity, fraction: f64, jump_s: i64) -> Activity {
    let mut a = activity.clone();
    let at = (a.samples.len() as f64 * fraction.clamp(0.0, 1.0)).round() as usize;
    let Some(from) = a.samples.get(at).map(|s| s.time) else {
        return a;
    };
    let jump = Duration::seconds(jump_s);
    for s in a.samples.iter_mut().skip(at) {
        s.time += jump;
    }
    for p in a.pauses.iter_mut().filter(|p| p.start >= from) {
        p.start += jump;
        p.end += jump;
    }
    for l in &mut a.laps {
        if l.start >= from {
            l.start += jump;
        }
        if l.end >= from {
            l.end += jump;
        }
    }
    a
}

/// The activity with its samples interleaved out of order, as a phone app that writes heart rate
/// and position as they arrive: each sample swapped with the next (1 s back at 1 s recording) or
/// the one after (2 s back), drawn from `seed`. Times stay those of the truth; only the order in the
/// file changes.
pub fn interleave(activity: &Activity, seed: u64) -> Activity {
    let mut a = activity.clone();
    let mut rng = SplitMix64::new(seed);
    let mut i = 0usize;
    while i + 2 < a.samples.len() {
        let reach = rng.next_in(1, 2) as usize;
        a.samples.swap(i, i + reach);
        i += reach + 1;
    }
    a
}

/// The activity with heart rate kept only on samples `low_s..=high_s` seconds apart (drawn from
/// `seed`), as phone apps that log a strap's value now and then do; other samples have none.
pub fn sparse_hr(activity: &Activity, low_s: u32, high_s: u32, seed: u64) -> Activity {
    let mut a = activity.clone();
    let mut rng = SplitMix64::new(seed);
    let mut next = a.samples.first().map(|s| s.time);
    for s in &mut a.samples {
        match next {
            Some(t) if s.time >= t => {
                next = Some(s.time + Duration::seconds(i64::from(rng.next_in(low_s, high_s))));
            }
            _ => s.hr_bpm = None,
        }
    }
    a
}
