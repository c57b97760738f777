//! Turning a [`RunSpec`] into an [`Activity`] and the [`Truth`] it holds by construction: the
//! samples, laps, pauses and device totals a watch would have written for that run.

use chrono::{DateTime, Duration, Utc};
use runaudit::activity::{
    Activity, DeviceSummary, Format, Lap, Pause, Sample, Sport, Text, TextSource,
};
use serde::Serialize;

use crate::path::{along, jitter, SplitMix64};
use crate::spec::{Block, Hr, RunSpec, Sampling};

/// A synthetic activity and the figures that are true of it by construction.
#[derive(Debug, Clone, PartialEq)]
pub struct Synth {
    /// What a reader should produce from the written file (up to the file format's precision).
    pub activity: Activity,
    /// The exact figures of the run.
    pub truth: Truth,
}

/// The exact figures of a synthetic run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Truth {
    /// Distance run in meters (the device's cumulative distance at the last sample).
    pub distance_m: f64,
    /// First sample to last sample in seconds, pauses included.
    pub elapsed_s: f64,
    /// Timer time in seconds: elapsed minus pauses (stands included).
    pub timer_s: f64,
    /// Timer time in seconds excluding pauses and stands (walking included).
    pub moving_s: f64,
    /// Seconds spent in walking blocks.
    pub walking_s: f64,
    /// Seconds standing with the timer running.
    pub stand_s: f64,
    /// Seconds with the timer stopped.
    pub paused_s: f64,
    /// Time-weighted heart rate: each sample's value held over the interval it ends (pauses and
    /// dropouts excluded); `None` without heart rate.
    pub avg_hr_bpm: Option<f64>,
    /// Highest heart-rate sample.
    pub max_hr_bpm: Option<u8>,
    /// Sum of the climbs in meters.
    pub gain_m: f64,
    /// Sum of the descents in meters (positive).
    pub loss_m: f64,
}

impl Truth {
    /// Average moving pace in seconds per km; `None` without distance.
    pub fn pace_s_per_km(&self) -> Option<f64> {
        (self.distance_m > 0.0).then(|| self.moving_s / (self.distance_m / 1000.0))
    }
}

/// The values one sample carries, before position and time.
struct Values {
    speed_m_s: f64,
    hr: Hr,
    cadence_spm: Option<f64>,
    power_w: Option<u16>,
}

/// Sample generation state.
struct Gen<'a> {
    spec: &'a RunSpec,
    t_s: i64,
    distance_m: f64,
    altitude_m: f64,
    interval_rng: SplitMix64,
    noise_rng: SplitMix64,
    altitude_rng: SplitMix64,
    samples: Vec<Sample>,
    pauses: Vec<Pause>,
    lap_ends: Vec<usize>,
    resume: bool,
}

impl Gen<'_> {
    fn time(&self, t_s: i64) -> DateTime<Utc> {
        self.spec.start + Duration::seconds(t_s)
    }

    fn next_step(&mut self) -> u32 {
        match self.spec.sampling {
            Sampling::Every(s) => s.max(1),
            Sampling::Smart { .. } => self.interval_rng.next_in(1, 8),
        }
    }

    fn emit(&mut self, v: &Values, fraction: f64) {
        let mut s = Sample::at(self.time(self.t_s));
        let mut position = along(self.spec.origin, self.spec.bearing_deg, self.distance_m);
        if let Some((noise_m, _)) = self.spec.gps_noise {
            position = jitter(position, noise_m, &mut self.noise_rng);
        }
        s.position = Some(position);
        let mut altitude_m = self.altitude_m;
        if let Some((noise_m, _)) = self.spec.altitude_noise {
            altitude_m += noise_m * (2.0 * self.altitude_rng.next_unit() - 1.0);
        }
        if let Some((n, height_m)) = self.spec.altitude_spike {
            if (1..=n).contains(&self.samples.len()) {
                altitude_m += height_m;
            }
        }
        s.altitude_m = Some(altitude_m);
        s.distance_m = Some(self.distance_m);
        s.speed_m_s = Some(v.speed_m_s);
        let dropout = self
            .spec
            .hr_dropout_every
            .is_some_and(|n| (self.samples.len() + 1).is_multiple_of(n));
        s.hr_bpm = (self.spec.with_hr && !dropout).then(|| v.hr.at(fraction));
        s.cadence_spm = v.cadence_spm;
        s.power_w = v.power_w;
        self.samples.push(s);
    }

    /// Samples one timer-running block of `duration_s` at constant speed and climb.
    fn block(&mut self, duration_s: u32, v: &Values, climb_m: f64) {
        if self.samples.is_empty() || self.resume {
            self.emit(v, 0.0);
            self.resume = false;
        }
        let (d0, a0) = (self.distance_m, self.altitude_m);
        let mut done_s = 0u32;
        while done_s < duration_s {
            let step = self.next_step().min(duration_s - done_s);
            done_s += step;
            self.t_s += i64::from(step);
            let fraction = f64::from(done_s) / f64::from(duration_s);
            self.distance_m = d0 + v.speed_m_s * f64::from(done_s);
            self.altitude_m = a0 + climb_m * fraction;
            self.emit(v, fraction);
        }
    }

    fn pause(&mut self, duration_s: u32) {
        if self.samples.is_empty() || duration_s == 0 {
            return;
        }
        let start = self.time(self.t_s);
        self.t_s += i64::from(duration_s);
        self.pauses.push(Pause {
            start,
            end: self.time(self.t_s),
        });
        self.resume = true;
    }
}

impl RunSpec {
    /// Builds the activity and its truth. Deterministic: the same spec gives the same result.
    pub fn build(&self) -> Synth {
        let seed = match self.sampling {
            Sampling::Smart { seed } => seed,
            Sampling::Every(_) => 0,
        };
        let mut g = Gen {
            spec: self,
            t_s: 0,
            distance_m: 0.0,
            altitude_m: self.start_altitude_m,
            interval_rng: SplitMix64::new(seed),
            noise_rng: SplitMix64::new(self.gps_noise.map_or(0, |(_, s)| s)),
            altitude_rng: SplitMix64::new(self.altitude_noise.map_or(0, |(_, s)| s)),
            samples: Vec::new(),
            pauses: Vec::new(),
            lap_ends: Vec::new(),
            resume: false,
        };
        let legs = matches!(self.sport, Sport::Running | Sport::Walking | Sport::Hiking);
        let mut truth = Truth {
            distance_m: 0.0,
            elapsed_s: 0.0,
            timer_s: 0.0,
            moving_s: 0.0,
            walking_s: 0.0,
            stand_s: 0.0,
            paused_s: 0.0,
            avg_hr_bpm: None,
            max_hr_bpm: None,
            gain_m: 0.0,
            loss_m: 0.0,
        };
        for block in &self.blocks {
            match *block {
                Block::Move(m) => {
                    let v = Values {
                        speed_m_s: m.speed_m_s,
                        hr: m.hr,
                        cadence_spm: legs.then_some(m.cadence_spm),
                        power_w: m.power_w,
                    };
                    g.block(m.duration_s, &v, m.climb_m);
                    truth.moving_s += f64::from(m.duration_s);
                    if m.walking {
                        truth.walking_s += f64::from(m.duration_s);
                    }
                    truth.gain_m += m.climb_m.max(0.0);
                    truth.loss_m += (-m.climb_m).max(0.0);
                }
                Block::Stand { duration_s, hr } => {
                    let cadence_spm = legs.then_some(0.0);
                    let v = Values {
                        speed_m_s: 0.0,
                        hr,
                        cadence_spm,
                        power_w: None,
                    };
                    g.block(duration_s, &v, 0.0);
                    truth.stand_s += f64::from(duration_s);
                }
                Block::Pause { duration_s } => g.pause(duration_s),
                Block::Lap => {
                    let last = g.samples.len().saturating_sub(1);
                    if last > 0 {
                        g.lap_ends.push(last);
                    }
                }
            }
        }
        let Gen {
            samples,
            pauses,
            mut lap_ends,
            distance_m,
            ..
        } = g;
        lap_ends.extend(auto_lap_ends(&samples, self.laps_every_m));
        lap_ends.push(samples.len().saturating_sub(1));
        lap_ends.sort_unstable();
        lap_ends.dedup();
        lap_ends.retain(|&i| i > 0);

        truth.distance_m = distance_m;
        truth.paused_s = pauses.iter().map(|p| seconds(p.start, p.end)).sum();
        truth.elapsed_s = match (samples.first(), samples.last()) {
            (Some(a), Some(b)) => seconds(a.time, b.time),
            _ => 0.0,
        };
        truth.timer_s = truth.elapsed_s - truth.paused_s;
        let (avg, max) = hr_stats(&samples, &pauses);
        truth.avg_hr_bpm = avg;
        truth.max_hr_bpm = max;

        let laps = make_laps(&samples, &pauses, &lap_ends);
        let activity = Activity {
            sport: self.sport,
            sub_sport: self.sub_sport,
            laps,
            timer_events: true,
            summary: DeviceSummary {
                start: samples.first().map(|s| s.time),
                elapsed_s: Some(truth.elapsed_s),
                timer_s: Some(truth.timer_s),
                distance_m: Some(truth.distance_m),
                avg_hr_bpm: avg.map(f64::round),
                max_hr_bpm: max,
                ascent_m: Some(truth.gain_m.round()),
                descent_m: Some(truth.loss_m.round()),
            },
            samples,
            pauses,
            texts: self.texts(),
            rpe: self.rpe.map(|v| runaudit::activity::Rpe {
                value: f64::from(v),
                source: runaudit::activity::TextSource::FitWorkoutRpe,
            }),
            utc_offset_s: self.utc_offset_s,
            ..Activity::new(Format::Fit)
        };
        Synth { activity, truth }
    }
}

impl RunSpec {
    /// The name and notes as each format's texts (FIT, then TCX, then GPX); every writer writes
    /// the ones of its own format.
    fn texts(&self) -> Vec<Text> {
        let (name, notes) = (self.name.as_deref(), self.notes.as_deref());
        [
            (TextSource::FitWorkoutName, name),
            (TextSource::TcxPlanName, name),
            (TextSource::TcxNotes, notes),
            (TextSource::GpxTrackName, name),
            (TextSource::GpxTrackDescription, notes),
        ]
        .into_iter()
        .filter_map(|(source, text)| Text::new(source, text?))
        .collect()
    }
}

/// Seconds from `a` to `b`.
fn seconds(a: DateTime<Utc>, b: DateTime<Utc>) -> f64 {
    (b - a).num_milliseconds() as f64 / 1000.0
}

/// Indices of the first sample at or past each multiple of `every_m`.
fn auto_lap_ends(samples: &[Sample], every_m: Option<f64>) -> Vec<usize> {
    let Some(every_m) = every_m else {
        return Vec::new();
    };
    let mut ends = Vec::new();
    let mut next_m = every_m;
    for (i, s) in samples.iter().enumerate() {
        if s.distance_m.unwrap_or(0.0) >= next_m - 1e-9 {
            ends.push(i);
            while s.distance_m.unwrap_or(0.0) >= next_m - 1e-9 {
                next_m += every_m;
            }
        }
    }
    ends
}

/// Time-weighted average and maximum heart rate of `samples` (each value held over the interval
/// it ends; intervals across a pause and dropouts do not count).
fn hr_stats(samples: &[Sample], pauses: &[Pause]) -> (Option<f64>, Option<u8>) {
    let max = samples.iter().filter_map(|s| s.hr_bpm).max();
    let mut weighted = 0.0;
    let mut total_s = 0.0;
    for pair in samples.windows(2) {
        let (Some(a), Some(b)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let across_pause = pauses.iter().any(|p| p.start >= a.time && p.end <= b.time);
        if let (Some(hr), false) = (b.hr_bpm, across_pause) {
            let dt = seconds(a.time, b.time);
            weighted += f64::from(hr) * dt;
            total_s += dt;
        }
    }
    let avg = (total_s > 0.0).then(|| weighted / total_s);
    (avg, max)
}

/// Laps between consecutive lap-end sample indices, with the totals a device would write.
fn make_laps(samples: &[Sample], pauses: &[Pause], ends: &[usize]) -> Vec<Lap> {
    let mut laps = Vec::new();
    let mut start_idx = 0usize;
    for &end_idx in ends {
        let (Some(first), Some(last), Some(part)) = (
            samples.get(start_idx),
            samples.get(end_idx),
            samples.get(start_idx..=end_idx),
        ) else {
            continue;
        };
        let inner: Vec<Pause> = pauses
            .iter()
            .filter(|p| p.start >= first.time && p.end <= last.time)
            .copied()
            .collect();
        let paused_s: f64 = inner.iter().map(|p| seconds(p.start, p.end)).sum();
        let (avg, max) = hr_stats(part, &inner);
        let distance_m = last.distance_m.unwrap_or(0.0) - first.distance_m.unwrap_or(0.0);
        laps.push(Lap {
            start: first.time,
            end: last.time,
            timer_s: Some(seconds(first.time, last.time) - paused_s),
            distance_m: Some(distance_m),
            avg_hr_bpm: avg.map(f64::round),
            max_hr_bpm: max,
        });
        start_idx = end_idx;
    }
    laps
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 1, 6, 7, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn blocks_add_up() {
        // 300 s at 3 m/s climbing 10 m, 60 s standing, 90 s paused, 120 s walking at 1.5 m/s down 4 m.
        // distance 900 + 180 = 1080 m; moving 420 s; timer 480 s; elapsed 570 s.
        let t = RunSpec::new(start())
            .run(300, 3.0, Hr::Constant(140))
            .climb(10.0)
            .stand(60, Hr::Constant(120))
            .pause(90)
            .walk(120, 1.5, Hr::Constant(110))
            .climb(-4.0)
            .build()
            .truth;
        assert_eq!(t.distance_m, 1080.0);
        assert_eq!((t.moving_s, t.timer_s, t.elapsed_s), (420.0, 480.0, 570.0));
        assert_eq!((t.walking_s, t.stand_s, t.paused_s), (120.0, 60.0, 90.0));
        assert_eq!((t.gain_m, t.loss_m), (10.0, 4.0));
        // HR: (140·300 + 120·60 + 110·120) / 480 = 62400 / 480 = 130.
        assert_eq!(t.avg_hr_bpm, Some(130.0));
        assert_eq!(t.max_hr_bpm, Some(140));
    }

    #[test]
    fn samples_at_one_hertz_include_both_ends() {
        // 10 s at 1 Hz: samples at 0..=10 s, 11 of them; the last one at 30 m.
        let a = RunSpec::new(start())
            .run(10, 3.0, Hr::Constant(140))
            .build()
            .activity;
        assert_eq!(a.samples.len(), 11);
        assert_eq!(a.samples.last().and_then(|s| s.distance_m), Some(30.0));
    }

    #[test]
    fn a_pause_leaves_a_gap_and_a_pause_record() {
        // 5 s, pause 60 s, 5 s: samples 0..=5 and 65..=70, one pause 5 → 65.
        let a = RunSpec::new(start())
            .run(5, 3.0, Hr::Constant(140))
            .pause(60)
            .run(5, 3.0, Hr::Constant(140))
            .build()
            .activity;
        assert_eq!(a.samples.len(), 12);
        assert_eq!(a.pauses.len(), 1);
        assert_eq!(
            a.pauses.first().map(|p| (p.end - p.start).num_seconds()),
            Some(60)
        );
    }

    #[test]
    fn auto_laps_fall_on_the_first_sample_past_each_kilometre() {
        // 2500 m at 2.5 m/s (1000 s): laps end at 400 s, 800 s and the last sample (1000 s).
        let a = RunSpec::new(start())
            .run(1000, 2.5, Hr::Constant(140))
            .laps_every_m(1000.0)
            .build()
            .activity;
        let secs: Vec<i64> = a
            .laps
            .iter()
            .map(|l| (l.end - l.start).num_seconds())
            .collect();
        assert_eq!(secs, vec![400, 400, 200]);
    }

    #[test]
    fn smart_recording_is_irregular_but_deterministic() {
        let spec = RunSpec::new(start())
            .smart_recording(3)
            .run(600, 3.0, Hr::Constant(140));
        let a = spec.build().activity;
        assert_eq!(a, spec.build().activity);
        let gaps: Vec<i64> = a
            .samples
            .windows(2)
            .filter_map(|w| Some((w.get(1)?.time - w.first()?.time).num_seconds()))
            .collect();
        assert!(gaps.iter().all(|g| (1..=8).contains(g)));
        assert!(gaps.iter().any(|&g| g > 1));
    }

    #[test]
    fn no_hr_and_dropouts() {
        let a = RunSpec::new(start())
            .run(10, 3.0, Hr::Constant(140))
            .no_hr()
            .build();
        assert!(a.activity.samples.iter().all(|s| s.hr_bpm.is_none()));
        assert_eq!(a.truth.avg_hr_bpm, None);
        // Every 4th of 11 samples drops out: samples 4 and 8 (1-based), i.e. indices 3 and 7.
        let b = RunSpec::new(start())
            .run(10, 3.0, Hr::Constant(140))
            .hr_dropouts_every(4)
            .build();
        let missing: Vec<usize> = b
            .activity
            .samples
            .iter()
            .enumerate()
            .filter(|(_, s)| s.hr_bpm.is_none())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(missing, vec![3, 7]);
    }
}
