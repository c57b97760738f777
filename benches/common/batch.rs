//! Generated inputs for the speed measurements, written by the project's own FIT writer
//! (`runaudit_testkit`): a season of hour-long runs and one 12-hour run. Shared by
//! `benches/pipeline.rs` and `examples/speed_batch.rs`.

use chrono::{Duration, TimeZone, Utc};
use runaudit_testkit::{Hr, RunSpec};

/// The `i`-th hour-long run of a season: one a day from 2023-01-01, 1 s recording, km laps, a
/// one-minute stop at a light, pace and heart rate varying from run to run.
pub fn hour_run(i: u32) -> RunSpec {
    let start = Utc
        .with_ymd_and_hms(2023, 1, 1, 6, 30, 0)
        .single()
        .unwrap_or_default()
        + Duration::days(i64::from(i));
    let speed_m_s = 2.6 + f64::from(i % 7) * 0.1;
    let hr0 = 128 + (i % 5) as u8 * 3;
    RunSpec::new(start)
        .bearing(f64::from(i % 360))
        .run(1770, speed_m_s, Hr::Ramp(hr0, hr0 + 10))
        .climb(15.0)
        .stand(60, Hr::Constant(hr0))
        .run(1770, speed_m_s, Hr::Ramp(hr0 + 8, hr0 + 16))
        .climb(-15.0)
        .laps_every_m(1000.0)
}

/// A 12-hour ultra: 1 s recording, alternating running and walking.
pub fn twelve_hours() -> RunSpec {
    let start = Utc
        .with_ymd_and_hms(2024, 6, 1, 5, 0, 0)
        .single()
        .unwrap_or_default();
    let mut spec = RunSpec::new(start).laps_every_m(5000.0);
    for _ in 0..12 {
        spec = spec
            .run(3000, 2.4, Hr::Ramp(128, 142))
            .climb(40.0)
            .walk(600, 1.3, Hr::Ramp(120, 112))
            .climb(-40.0);
    }
    spec
}
