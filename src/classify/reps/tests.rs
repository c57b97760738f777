//! The workout patterns a coach names, written as 5-s bins, against a normal pace of 5:30/km
//! unless said otherwise.

use super::*;

const NORMAL: f64 = 330.0;

/// A run built from stretches: running at a pace (s/km) or standing.
#[derive(Default)]
struct Run(Vec<Bin>);

impl Run {
    /// `seconds` of running at `pace` s/km.
    fn at(mut self, seconds: u32, pace: f64) -> Run {
        for _ in 0..seconds / 5 {
            self.0.push(Bin {
                moving_s: 5.0,
                distance_m: (5000.0 / pace) as f32,
            });
        }
        self
    }

    /// `meters` at `pace` s/km.
    fn meters(self, meters: f64, pace: f64) -> Run {
        let seconds = (meters * pace / 1000.0 / 5.0).round() as u32 * 5;
        self.at(seconds, pace)
    }

    /// `seconds` standing still.
    fn stop(mut self, seconds: u32) -> Run {
        self.0
            .extend(std::iter::repeat_n(Bin::default(), (seconds / 5) as usize));
        self
    }

    /// `n` times the same stretch.
    fn times(mut self, n: usize, each: impl Fn(Run) -> Run) -> Run {
        for _ in 0..n {
            self = each(self);
        }
        self
    }

    fn blocks(self, normal: f64) -> FastBlocks {
        let run = SpeedBins {
            bin_s: 5.0,
            bins: self.0,
            hr_bpm: Vec::new(),
        };
        fast_blocks(&run, normal, &RepRules::default())
    }
}

fn warm() -> Run {
    Run::default().at(15 * 60, 345.0)
}

#[test]
fn ten_times_400_is_intervals() {
    // 400 m at 3:45/km (90 s), 200 m jog at 6:30/km between.
    let b = warm()
        .times(10, |r| r.meters(400.0, 225.0).meters(200.0, 390.0))
        .at(10 * 60, 345.0)
        .blocks(NORMAL);
    assert_eq!(b.reps.len(), 10, "{:?}", b.reps);
    match b.structure(&RepRules::default()) {
        Some(Structure::Intervals {
            reps,
            pace_s_per_km,
            ..
        }) => {
            assert_eq!(reps, 10);
            assert!((pace_s_per_km - 225.0).abs() < 8.0, "{pace_s_per_km}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn five_times_1200_with_walking_rest_is_intervals() {
    // 1200 m at 4:05/km (about 4:54), 2 min walking at 12:00/km between.
    let b = warm()
        .times(5, |r| r.meters(1200.0, 245.0).at(120, 720.0))
        .at(10 * 60, 345.0)
        .blocks(NORMAL);
    assert_eq!(b.reps.len(), 5);
    assert!(matches!(
        b.structure(&RepRules::default()),
        Some(Structure::Intervals { reps: 5, .. })
    ));
}

#[test]
fn ten_times_200_is_intervals_but_strides_are_not() {
    // 10 × 200 m at 3:30/km (40 s) with 200 m jog: 6:40 of reps.
    let b = warm()
        .times(10, |r| r.meters(200.0, 210.0).meters(200.0, 400.0))
        .blocks(NORMAL);
    assert!(
        matches!(
            b.structure(&RepRules::default()),
            Some(Structure::Intervals { reps: 10, .. })
        ),
        "{:?}",
        b.reps
    );
    // Easy 40 min, then 6 strides of 20 s at 3:30/km with a minute easy between.
    let b = Run::default()
        .at(40 * 60, 345.0)
        .times(6, |r| r.at(20, 210.0).at(60, 360.0))
        .blocks(NORMAL);
    assert_eq!(b.structure(&RepRules::default()), None, "{:?}", b.reps);
}

#[test]
fn three_sprints_of_100_m_are_not_a_session() {
    // 100 m at 3:00/km is 18 s: shorter than a repetition.
    let b = warm()
        .times(3, |r| r.meters(100.0, 180.0).stop(60))
        .at(20 * 60, 345.0)
        .blocks(NORMAL);
    // (5-s bins round each 18-s sprint to 20 s at most)
    assert!(b.reps_s() <= 60.0, "{:?}", b.reps);
    assert_eq!(b.structure(&RepRules::default()), None);
}

#[test]
fn a_twenty_minute_tempo_is_tempo() {
    // 20 min at 4:40/km, 50 s/km faster than normal.
    let b = warm().at(20 * 60, 280.0).at(10 * 60, 345.0).blocks(NORMAL);
    match b.structure(&RepRules::default()) {
        Some(Structure::Tempo {
            block_s,
            pace_s_per_km,
        }) => {
            assert!((block_s - 1200.0).abs() <= 15.0, "{block_s}");
            assert!((pace_s_per_km - 280.0).abs() < 3.0);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn fartlek_90_30_is_intervals() {
    // 10 × (90 s at 4:30/km, 30 s at 6:00/km): the 30 s are rest though the next 60 s are not
    // all slower.
    let b = warm()
        .times(10, |r| r.at(90, 270.0).at(30, 360.0))
        .at(10 * 60, 345.0)
        .blocks(NORMAL);
    assert_eq!(b.reps.len(), 10, "{:?}", b.reps);
    assert!(matches!(
        b.structure(&RepRules::default()),
        Some(Structure::Intervals { .. })
    ));
}

#[test]
fn a_group_long_run_with_traffic_stops_has_no_reps() {
    // Normal 5:36/km; 2 h at 5:15/km, stopping 45 s every 10 min: fast enough to hold a block,
    // not to make a repetition or a tempo block.
    let b = Run::default()
        .times(12, |r| r.at(10 * 60, 315.0).stop(45))
        .blocks(336.0);
    assert!(!b.blocks.is_empty());
    assert!(b.reps.is_empty(), "{:?}", b.reps);
    assert_eq!(b.structure(&RepRules::default()), None);
}

#[test]
fn a_progression_long_run_has_no_reps_and_little_tempo() {
    // 90 min: 60 at 6:00/km, 15 at 5:20, 10 at 5:00, 5 at 4:45/km (normal 5:30). The last 15
    // minutes hold tempo pace (4:55/km on average), with no rest before them: a tempo block
    // too short to make a long run a workout, and no repetition.
    let b = Run::default()
        .at(60 * 60, 360.0)
        .at(15 * 60, 320.0)
        .at(10 * 60, 300.0)
        .at(5 * 60, 285.0)
        .blocks(NORMAL);
    assert!(b.reps.is_empty(), "{:?}", b.reps);
    assert!((b.tempo_s() - 900.0).abs() <= 10.0, "{:?}", b.tempo);
}

#[test]
fn an_easy_run_has_no_blocks() {
    let b = Run::default().at(45 * 60, 345.0).blocks(NORMAL);
    assert_eq!(b, FastBlocks::default());
}

#[test]
fn two_long_reps_make_intervals() {
    // 2 × 6 min at 4:20/km with 3 min jog: 12 minutes of repetitions.
    let b = warm()
        .times(2, |r| r.at(360, 260.0).at(180, 380.0))
        .at(600, 345.0)
        .blocks(NORMAL);
    assert!(
        matches!(
            b.structure(&RepRules::default()),
            Some(Structure::Intervals { reps: 2, .. })
        ),
        "{:?}",
        b.reps
    );
}

#[test]
fn a_slow_dip_shorter_than_20_s_does_not_end_a_block() {
    // 3 min fast, 10 s slower, 3 min fast: one block of 6 min 10 s.
    let b = warm()
        .at(180, 260.0)
        .at(10, 340.0)
        .at(180, 260.0)
        .at(600, 345.0)
        .blocks(NORMAL);
    assert_eq!(b.blocks.len(), 1, "{:?}", b.blocks);
    assert_eq!(b.reps.len(), 1);
}
