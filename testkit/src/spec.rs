//! Describing a synthetic run: when and where it starts, how often the watch records, and the
//! blocks it is made of (run, walk, stand, pause, lap marker), in builder style.

use chrono::{DateTime, Utc};
use runaudit::activity::{Position, Sport, SubSport};

/// Heart rate over a block: constant, or a straight ramp from the first to the second value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hr {
    /// The same value all through the block.
    Constant(u8),
    /// From `.0` bpm at the block's start to `.1` bpm at its end.
    Ramp(u8, u8),
}

impl Hr {
    /// The heart rate at `fraction` (0..=1) of the block, rounded to a whole bpm.
    ///
    /// ```
    /// use runaudit_testkit::Hr;
    /// assert_eq!(Hr::Ramp(140, 150).at(0.5), 145);
    /// assert_eq!(Hr::Constant(130).at(0.9), 130);
    /// ```
    pub fn at(self, fraction: f64) -> u8 {
        match self {
            Hr::Constant(bpm) => bpm,
            Hr::Ramp(from, to) => {
                let f = fraction.clamp(0.0, 1.0);
                let bpm = f64::from(from) + (f64::from(to) - f64::from(from)) * f;
                bpm.round().clamp(0.0, 255.0) as u8
            }
        }
    }
}

/// A stretch of running or walking at a steady speed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Move {
    /// How long the block lasts, in seconds of timer time.
    pub duration_s: u32,
    /// Steady speed in meters per second.
    pub speed_m_s: f64,
    /// Heart rate over the block.
    pub hr: Hr,
    /// Cadence in steps per minute, both legs.
    pub cadence_spm: f64,
    /// True for a walking block (counted in `Truth::walking_s`).
    pub walking: bool,
    /// Altitude change over the block in meters (negative for a descent).
    pub climb_m: f64,
    /// Power in watts, if the watch records it.
    pub power_w: Option<u16>,
}

/// One piece of a run, in order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Block {
    /// Running or walking.
    Move(Move),
    /// Standing still with the timer running (a traffic light): samples with speed 0.
    Stand {
        /// Seconds standing.
        duration_s: u32,
        /// Heart rate while standing.
        hr: Hr,
    },
    /// The timer stopped: no samples, a `Pause` in the activity.
    Pause {
        /// Seconds with the timer stopped.
        duration_s: u32,
    },
    /// The lap button: a lap ends at the last sample before this marker.
    Lap,
}

/// How a watch guiding a workout marks a lap (FIT lap `intensity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LapIntensity {
    /// `active` (0): a work step, and every lap of a plain run.
    Active,
    /// `rest` (1).
    Rest,
    /// `warmup` (2).
    Warmup,
    /// `cooldown` (3).
    Cooldown,
    /// `recovery` (4).
    Recovery,
    /// `interval` (5).
    Interval,
}

impl LapIntensity {
    /// The FIT `intensity` enum value.
    pub fn fit_code(self) -> u8 {
        match self {
            LapIntensity::Active => 0,
            LapIntensity::Rest => 1,
            LapIntensity::Warmup => 2,
            LapIntensity::Cooldown => 3,
            LapIntensity::Recovery => 4,
            LapIntensity::Interval => 5,
        }
    }
}

/// How often the watch writes a sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sampling {
    /// A fixed interval in seconds (1 s is "every second" recording).
    Every(u32),
    /// Garmin-style "smart recording": irregular intervals of 1 to 8 s, drawn from the seed.
    Smart {
        /// Seed of the interval sequence.
        seed: u64,
    },
}

/// A description of a run from which [`RunSpec::build`] makes an activity with known truth.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use runaudit_testkit::{Hr, RunSpec};
/// let start = Utc.with_ymd_and_hms(2025, 1, 6, 7, 0, 0).unwrap();
/// // 10 minutes at 3 m/s, a 2-minute pause, 5 minutes at 2.5 m/s.
/// let synth = RunSpec::new(start)
///     .run(600, 3.0, Hr::Constant(140))
///     .pause(120)
///     .run(300, 2.5, Hr::Constant(130))
///     .build();
/// assert_eq!(synth.truth.distance_m, 600.0 * 3.0 + 300.0 * 2.5);
/// assert_eq!(synth.truth.elapsed_s, 1020.0);
/// assert_eq!(synth.truth.moving_s, 900.0);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RunSpec {
    /// Time of the first sample (UTC).
    pub start: DateTime<Utc>,
    /// Where the run starts.
    pub origin: Position,
    /// Direction of the (geodesic) path, degrees clockwise from north.
    pub bearing_deg: f64,
    /// Altitude at the start in meters.
    pub start_altitude_m: f64,
    /// How often samples are written.
    pub sampling: Sampling,
    /// The sport the file will name.
    pub sport: Sport,
    /// The sub-sport the file will name (FIT `session.sub_sport`, GPX `trk/type`).
    pub sub_sport: Option<SubSport>,
    /// The run, block by block.
    pub blocks: Vec<Block>,
    /// Automatic laps every this many meters (on the first sample at or past each multiple).
    pub laps_every_m: Option<f64>,
    /// False when the watch had no heart-rate sensor.
    pub with_hr: bool,
    /// Every n-th sample's heart rate is a dropout (written as 0 in FIT, left out in XML).
    pub hr_dropout_every: Option<usize>,
    /// GPS noise: fixes moved up to this many meters, from this seed.
    pub gps_noise: Option<(f64, u64)>,
    /// The run's name: FIT `workout.wkt_name`, TCX `Training/Plan/Name`, GPX `trk/name`.
    pub name: Option<String>,
    /// The runner's notes: TCX `Notes`, GPX `trk/desc` (FIT has no place for them).
    pub notes: Option<String>,
    /// Perceived effort 1–10: FIT `session.workout_rpe` (stored ×10).
    pub rpe: Option<u8>,
    /// Local time minus UTC in seconds: FIT `activity.local_timestamp` (without it the writer
    /// gives the local time as UTC).
    pub utc_offset_s: Option<i32>,
    /// FIT lap intensities, lap by lap (laps beyond the list have none).
    pub lap_intensities: Vec<LapIntensity>,
    /// Altitude noise as GPS altitude has it: each altitude moved up to this many meters, from
    /// this seed (the truth's gain and loss stay those of the climbs).
    pub altitude_noise: Option<(f64, u64)>,
    /// An altimeter spike: samples 1..=`.0` read `.1` meters above the truth (a barometer
    /// settling at the start, as a fenix 2 does).
    pub altitude_spike: Option<(usize, f64)>,
}

impl RunSpec {
    /// An empty running spec starting at `start`, 1 s sampling, heading north from Zürich's lake.
    pub fn new(start: DateTime<Utc>) -> RunSpec {
        RunSpec {
            start,
            origin: Position {
                lat_deg: 47.3569,
                lon_deg: 8.5510,
            },
            bearing_deg: 0.0,
            start_altitude_m: 410.0,
            sampling: Sampling::Every(1),
            sport: Sport::Running,
            sub_sport: None,
            blocks: Vec::new(),
            laps_every_m: None,
            with_hr: true,
            hr_dropout_every: None,
            gps_noise: None,
            name: None,
            notes: None,
            rpe: None,
            utc_offset_s: None,
            lap_intensities: Vec::new(),
            altitude_noise: None,
            altitude_spike: None,
        }
    }

    /// Starts at another place.
    pub fn origin(mut self, lat_deg: f64, lon_deg: f64) -> RunSpec {
        self.origin = Position { lat_deg, lon_deg };
        self
    }

    /// Runs in another direction (degrees clockwise from north).
    pub fn bearing(mut self, bearing_deg: f64) -> RunSpec {
        self.bearing_deg = bearing_deg;
        self
    }

    /// Starts at another altitude.
    pub fn altitude(mut self, start_altitude_m: f64) -> RunSpec {
        self.start_altitude_m = start_altitude_m;
        self
    }

    /// Samples every `interval_s` seconds (at least 1).
    pub fn interval_s(mut self, interval_s: u32) -> RunSpec {
        self.sampling = Sampling::Every(interval_s.max(1));
        self
    }

    /// Samples at irregular 1–8 s intervals drawn from `seed`.
    pub fn smart_recording(mut self, seed: u64) -> RunSpec {
        self.sampling = Sampling::Smart { seed };
        self
    }

    /// Names another sport.
    pub fn sport(mut self, sport: Sport) -> RunSpec {
        self.sport = sport;
        self
    }

    /// Names a sub-sport (treadmill, trail, ...).
    pub fn sub_sport(mut self, sub_sport: SubSport) -> RunSpec {
        self.sub_sport = Some(sub_sport);
        self
    }

    /// Runs for `duration_s` at `speed_m_s` (cadence 170 spm).
    pub fn run(self, duration_s: u32, speed_m_s: f64, hr: Hr) -> RunSpec {
        self.moving(duration_s, speed_m_s, hr, 170.0, false)
    }

    /// Runs `distance_m` at `speed_m_s`: the duration is rounded to whole seconds.
    pub fn run_m(self, distance_m: f64, speed_m_s: f64, hr: Hr) -> RunSpec {
        let duration_s = if speed_m_s > 0.0 {
            (distance_m / speed_m_s)
                .round()
                .clamp(0.0, f64::from(u32::MAX)) as u32
        } else {
            0
        };
        self.run(duration_s, speed_m_s, hr)
    }

    /// Walks for `duration_s` at `speed_m_s` (cadence 116 spm).
    pub fn walk(self, duration_s: u32, speed_m_s: f64, hr: Hr) -> RunSpec {
        self.moving(duration_s, speed_m_s, hr, 116.0, true)
    }

    fn moving(
        mut self,
        duration_s: u32,
        speed_m_s: f64,
        hr: Hr,
        spm: f64,
        walking: bool,
    ) -> RunSpec {
        self.blocks.push(Block::Move(Move {
            duration_s,
            speed_m_s,
            hr,
            cadence_spm: spm,
            walking,
            climb_m: 0.0,
            power_w: None,
        }));
        self
    }

    /// Applies `f` to the last moving block, if the last block is one.
    fn last_move(mut self, f: impl FnOnce(&mut Move)) -> RunSpec {
        if let Some(Block::Move(m)) = self.blocks.last_mut() {
            f(m);
        }
        self
    }

    /// The last block climbs `climb_m` meters (negative: descends).
    pub fn climb(self, climb_m: f64) -> RunSpec {
        self.last_move(|m| m.climb_m = climb_m)
    }

    /// The last block is at `cadence_spm` steps per minute.
    pub fn cadence(self, cadence_spm: f64) -> RunSpec {
        self.last_move(|m| m.cadence_spm = cadence_spm)
    }

    /// The last block records `power_w` watts.
    pub fn power(self, power_w: u16) -> RunSpec {
        self.last_move(|m| m.power_w = Some(power_w))
    }

    /// Stands still for `duration_s` with the timer running.
    pub fn stand(mut self, duration_s: u32, hr: Hr) -> RunSpec {
        self.blocks.push(Block::Stand { duration_s, hr });
        self
    }

    /// Stops the timer for `duration_s`.
    pub fn pause(mut self, duration_s: u32) -> RunSpec {
        self.blocks.push(Block::Pause { duration_s });
        self
    }

    /// Presses the lap button.
    pub fn lap(mut self) -> RunSpec {
        self.blocks.push(Block::Lap);
        self
    }

    /// Makes a lap every `every_m` meters.
    pub fn laps_every_m(mut self, every_m: f64) -> RunSpec {
        self.laps_every_m = (every_m > 0.0).then_some(every_m);
        self
    }

    /// Records no heart rate at all.
    pub fn no_hr(mut self) -> RunSpec {
        self.with_hr = false;
        self
    }

    /// Makes every `every`-th sample's heart rate a dropout.
    pub fn hr_dropouts_every(mut self, every: usize) -> RunSpec {
        self.hr_dropout_every = (every > 0).then_some(every);
        self
    }

    /// Names the run (FIT workout name, TCX plan name, GPX track name).
    pub fn name(mut self, name: &str) -> RunSpec {
        self.name = Some(name.to_string());
        self
    }

    /// Gives the run the runner's notes.
    pub fn notes(mut self, notes: &str) -> RunSpec {
        self.notes = Some(notes.to_string());
        self
    }

    /// Records a perceived effort, 1–10.
    pub fn rpe(mut self, rpe: u8) -> RunSpec {
        self.rpe = Some(rpe);
        self
    }

    /// Records the local time's offset from UTC, in seconds.
    pub fn utc_offset_s(mut self, offset_s: i32) -> RunSpec {
        self.utc_offset_s = Some(offset_s);
        self
    }

    /// Marks the laps, in order, as a watch guiding a workout does (written in FIT only).
    pub fn lap_intensities(mut self, intensities: &[LapIntensity]) -> RunSpec {
        self.lap_intensities = intensities.to_vec();
        self
    }

    /// Moves each altitude by up to `noise_m` meters up or down, drawn from `seed`.
    pub fn altitude_noise(mut self, noise_m: f64, seed: u64) -> RunSpec {
        self.altitude_noise = Some((noise_m, seed));
        self
    }

    /// Samples 1..=`samples` read `height_m` above the true altitude (a spike at the start).
    pub fn altitude_spike(mut self, samples: usize, height_m: f64) -> RunSpec {
        self.altitude_spike = Some((samples, height_m));
        self
    }

    /// Moves each fix by up to `noise_m` meters, drawn from `seed`.
    pub fn gps_noise(mut self, noise_m: f64, seed: u64) -> RunSpec {
        self.gps_noise = Some((noise_m, seed));
        self
    }
}
