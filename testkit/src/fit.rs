//! Writes an [`Activity`] as a FIT activity file (protocol 2.0) the way a running watch does:
//! file_id, the workout followed (if named), timer events, records, laps, session, activity;
//! plus mutators that break files on purpose so readers can be tested against damage.

use chrono::{DateTime, Utc};
use runaudit::activity::{Activity, Lap, Sample, Sport, SubSport, TextSource};

use crate::fit_encode::{Encoder, Msg, FIT_EPOCH_UNIX_S, V};
use crate::LapIntensity;

/// What to exercise in a reader beyond a plain file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FitOptions {
    /// Write records with compressed timestamp headers when less than 32 s after the last
    /// timestamp (a full timestamp otherwise, e.g. after a pause).
    pub compressed_timestamps: bool,
    /// Declare a developer field (`developer_data_id` + `field_description`) named
    /// [`DEV_FIELD_NAME`] and write it in every record: the sample's index.
    pub developer_field: bool,
    /// Write a `device_info` describing a barometer (source type local, device type
    /// barometer), as watches with one do: the altitude is barometric.
    pub barometer: bool,
    /// Seconds after the first record at which the timer start event is written (records before
    /// the start, as watches that log while finding GPS do).
    pub timer_start_after_s: u32,
    /// Seconds before the last record at which the final timer stop is written (records after the
    /// stop, as watches that log until the activity is saved do).
    pub timer_stop_before_s: u32,
    /// Leave out the session and activity messages (a watch that stopped its timer but lost power
    /// before saving): the reader builds the activity from the records and timer events alone.
    pub no_session: bool,
}

/// The developer field's name: each record's 0-based index, as a `uint16`.
pub const DEV_FIELD_NAME: &str = "sample_index";

/// Writes `activity` as a FIT file with default options.
pub fn write(activity: &Activity) -> Vec<u8> {
    write_with(activity, &FitOptions::default())
}

/// FIT timestamp: seconds since 1989-12-31T00:00:00Z.
fn fit_time(t: DateTime<Utc>) -> u32 {
    u32::try_from(t.timestamp().saturating_sub(FIT_EPOCH_UNIX_S)).unwrap_or(0)
}

/// Degrees to FIT semicircles (2^31 per 180°).
fn semicircles(deg: f64) -> i32 {
    (deg * 2_147_483_648.0 / 180.0)
        .round()
        .clamp(-2_147_483_647.0, 2_147_483_647.0) as i32
}

/// A scaled unsigned value (`(value + offset) × scale`), or the invalid marker.
fn scaled(value: Option<f64>, scale: f64, offset: f64) -> u32 {
    value.map_or(u32::MAX, |v| {
        ((v + offset) * scale).round().clamp(0.0, 4_294_967_294.0) as u32
    })
}

/// The FIT `sport` enum value.
fn sport_code(sport: Sport) -> u8 {
    match sport {
        Sport::Running => 1,
        Sport::Cycling => 2,
        Sport::Swimming => 5,
        Sport::Walking => 11,
        Sport::Hiking => 17,
        Sport::Other | Sport::Unknown => 0,
    }
}

/// The FIT `sub_sport` enum value (0, generic, when the activity names none).
fn sub_sport_code(sub: Option<SubSport>) -> u8 {
    match sub {
        None => 0,
        Some(SubSport::Treadmill) => 1,
        Some(SubSport::Road) => 2, // street
        Some(SubSport::Trail) => 3,
        Some(SubSport::Track) => 4,
        Some(SubSport::Indoor) => 45,  // indoor_running
        Some(SubSport::Virtual) => 58, // virtual_activity
        Some(SubSport::Other) => 59,   // obstacle
    }
}

/// Which optional record fields the file carries (a field is written in every record or none).
struct Layout {
    position: bool,
    altitude: bool,
    hr: bool,
    cadence: bool,
    power: bool,
}

impl Layout {
    fn of(samples: &[Sample]) -> Layout {
        Layout {
            position: samples.iter().any(|s| s.position.is_some()),
            altitude: samples.iter().any(|s| s.altitude_m.is_some()),
            hr: samples.iter().any(|s| s.hr_bpm.is_some()),
            cadence: samples.iter().any(|s| s.cadence_spm.is_some()),
            power: samples.iter().any(|s| s.power_w.is_some()),
        }
    }
}

/// Cadence per leg as FIT's whole `cadence` and `fractional_cadence` (1/128) fields.
fn per_leg(spm: f64) -> (u8, u8) {
    let leg = (spm / 2.0).clamp(0.0, 254.0);
    let mut whole = leg.floor();
    let mut frac = ((leg - whole) * 128.0).round();
    if frac >= 128.0 {
        whole += 1.0;
        frac = 0.0;
    }
    (whole as u8, frac as u8)
}

fn record(s: &Sample, layout: &Layout, with_time: bool) -> Msg {
    let mut m = Msg::new(20);
    if with_time {
        m = m.f(253, V::U32(fit_time(s.time)));
    }
    if layout.position {
        let (lat, lon) = s.position.map_or((i32::MAX, i32::MAX), |p| {
            (semicircles(p.lat_deg), semicircles(p.lon_deg))
        });
        m = m.f(0, V::I32(lat)).f(1, V::I32(lon));
    }
    m = m.f(5, V::U32(scaled(s.distance_m, 100.0, 0.0)));
    if layout.altitude {
        m = m.f(78, V::U32(scaled(s.altitude_m, 5.0, 500.0)));
    }
    m = m.f(73, V::U32(scaled(s.speed_m_s, 1000.0, 0.0)));
    if layout.hr {
        // A dropout is written as 0, as straps that lose contact do.
        m = m.f(3, V::U8(s.hr_bpm.unwrap_or(0)));
    }
    if layout.cadence {
        let (whole, frac) = s.cadence_spm.map_or((u8::MAX, u8::MAX), per_leg);
        m = m.f(4, V::U8(whole)).f(53, V::U8(frac));
    }
    if layout.power {
        m = m.f(7, V::U16(s.power_w.unwrap_or(u16::MAX)));
    }
    m
}

fn timer_event(t: DateTime<Utc>, start: bool) -> Msg {
    Msg::new(21)
        .f(253, V::U32(fit_time(t)))
        .f(0, V::Enum(0)) // timer
        .f(1, V::Enum(if start { 0 } else { 4 })) // start / stop_all
        .f(3, V::U32(0))
        .f(4, V::U8(0))
}

fn millis(seconds: f64) -> V {
    V::U32((seconds * 1000.0).round().clamp(0.0, 4_294_967_294.0) as u32)
}

fn lap_msg(
    lap: &Lap,
    index: usize,
    last: bool,
    sport: Sport,
    intensity: Option<LapIntensity>,
) -> Msg {
    let elapsed_s = (lap.end - lap.start).num_milliseconds() as f64 / 1000.0;
    let mut m = Msg::new(19)
        .f(254, V::U16(u16::try_from(index).unwrap_or(u16::MAX)))
        .f(253, V::U32(fit_time(lap.end)))
        .f(0, V::Enum(9)) // lap
        .f(1, V::Enum(1)) // stop
        .f(2, V::U32(fit_time(lap.start)))
        .f(7, millis(elapsed_s))
        .f(8, millis(lap.timer_s.unwrap_or(elapsed_s)))
        .f(9, V::U32(scaled(lap.distance_m, 100.0, 0.0)));
    if let (Some(avg), Some(max)) = (lap.avg_hr_bpm, lap.max_hr_bpm) {
        m = m
            .f(15, V::U8(avg.round().clamp(0.0, 254.0) as u8))
            .f(16, V::U8(max));
    }
    m = m
        .f(24, V::Enum(if last { 7 } else { 0 })) // session_end / manual
        .f(25, V::Enum(sport_code(sport)));
    if let Some(i) = intensity {
        m = m.f(23, V::Enum(i.fit_code()));
    }
    m
}

fn session_msg(a: &Activity, end: DateTime<Utc>) -> Msg {
    let s = &a.summary;
    let start = s.start.unwrap_or(end);
    let mut m = Msg::new(18)
        .f(254, V::U16(0))
        .f(253, V::U32(fit_time(end)))
        .f(0, V::Enum(8)) // session
        .f(1, V::Enum(1)) // stop
        .f(2, V::U32(fit_time(start)))
        .f(5, V::Enum(sport_code(a.sport)))
        .f(6, V::Enum(sub_sport_code(a.sub_sport)))
        .f(7, millis(s.elapsed_s.unwrap_or(0.0)))
        .f(8, millis(s.timer_s.unwrap_or(0.0)))
        .f(9, V::U32(scaled(s.distance_m, 100.0, 0.0)));
    if let (Some(avg), Some(max)) = (s.avg_hr_bpm, s.max_hr_bpm) {
        m = m
            .f(16, V::U8(avg.round().clamp(0.0, 254.0) as u8))
            .f(17, V::U8(max));
    }
    let meters =
        |v: Option<f64>| V::U16(v.map_or(u16::MAX, |x| x.round().clamp(0.0, 65534.0) as u16));
    m = m
        .f(22, meters(s.ascent_m))
        .f(23, meters(s.descent_m))
        .f(25, V::U16(0))
        .f(26, V::U16(u16::try_from(a.laps.len()).unwrap_or(u16::MAX)));
    if let Some(rpe) = a.rpe {
        // workout_rpe: the Borg CR10 value ×10.
        m = m.f(
            193,
            V::U8((rpe.value * 10.0).round().clamp(0.0, 254.0) as u8),
        );
    }
    m
}

/// The `workout` message of the workout the activity followed, when its texts name one.
fn workout_msg(a: &Activity) -> Option<Msg> {
    let name = a
        .texts
        .iter()
        .find(|t| t.source == TextSource::FitWorkoutName)?;
    Some(
        Msg::new(26)
            .f(4, V::Enum(sport_code(a.sport)))
            .f(8, V::Str(fit_string(&name.text))),
    )
}

/// `text` cut at a character boundary to the 254 bytes a FIT string field holds before its NUL.
fn fit_string(text: &str) -> String {
    let mut end = text.len().min(254);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default().to_string()
}

fn header_msgs(start: DateTime<Utc>, device: Option<&str>, opts: &FitOptions) -> Vec<Msg> {
    let mut file_id = Msg::new(0)
        .f(0, V::Enum(4)) // activity file
        .f(1, V::U16(255)) // manufacturer: development
        .f(2, V::U16(0))
        .f(3, V::U32z(20_250_101))
        .f(4, V::U32(fit_time(start)));
    if let Some(name) = device {
        // product_name: read back as `development/<name>`.
        file_id = file_id.f(8, V::Str(fit_string(name)));
    }
    let mut out = vec![file_id];
    if opts.developer_field {
        out.push(
            Msg::new(207)
                .f(1, V::Bytes(b"runaudit-synth\0\0".to_vec()))
                .f(3, V::U8(0)),
        );
        out.push(
            Msg::new(206)
                .f(0, V::U8(0))
                .f(1, V::U8(0))
                .f(2, V::U8(0x84))
                .f(3, V::Str(DEV_FIELD_NAME.to_string()))
                .f(8, V::Str("count".to_string())),
        );
    }
    if opts.barometer {
        out.push(
            Msg::new(23)
                .f(253, V::U32(fit_time(start)))
                .f(25, V::Enum(5)) // source_type: local
                .f(1, V::U8(4)), // device_type: barometer
        );
    }
    out.push(timer_event(
        start + chrono::Duration::seconds(i64::from(opts.timer_start_after_s)),
        true,
    ));
    out
}

/// Writes `activity` as a FIT file with `opts`.
pub fn write_with(activity: &Activity, opts: &FitOptions) -> Vec<u8> {
    write_workout(activity, opts, &[])
}

/// Writes `activity` as a FIT file with `opts`, its laps marked with `intensities` in order (as a
/// watch guiding a workout does; laps beyond the list are not marked).
pub fn write_workout(
    activity: &Activity,
    opts: &FitOptions,
    intensities: &[LapIntensity],
) -> Vec<u8> {
    let mut e = Encoder::default();
    let Some(first) = activity.samples.first() else {
        return e.finish();
    };
    for m in header_msgs(first.time, activity.device.as_deref(), opts) {
        e.write(&m);
    }
    if let Some(m) = workout_msg(activity) {
        e.write(&m);
    }
    let layout = Layout::of(&activity.samples);
    let mut last_ts = fit_time(first.time);
    let mut lap_index = 0usize;
    let mut pauses = activity.pauses.iter().peekable();
    for (i, s) in activity.samples.iter().enumerate() {
        while let Some(p) = pauses.next_if(|p| p.end <= s.time) {
            e.write(&timer_event(p.start, false));
            e.write(&timer_event(p.end, true));
            last_ts = fit_time(p.end);
        }
        let ts = fit_time(s.time);
        let delta = ts.wrapping_sub(last_ts);
        let compress = opts.compressed_timestamps && i > 0 && delta < 32;
        let mut m = record(s, &layout, !compress);
        if opts.developer_field {
            m.dev
                .push((0, 0, V::U16(u16::try_from(i).unwrap_or(u16::MAX))));
        }
        if compress {
            e.write_compressed(&m, (ts & 0x1F) as u8);
        } else {
            e.write(&m);
        }
        last_ts = ts;
        let last_sample = i + 1 == activity.samples.len();
        if last_sample {
            let stop = s.time - chrono::Duration::seconds(i64::from(opts.timer_stop_before_s));
            e.write(&timer_event(stop, false));
        }
        while let Some(lap) = activity.laps.get(lap_index).filter(|l| l.end <= s.time) {
            let last_lap = lap_index + 1 == activity.laps.len();
            if last_lap && !last_sample {
                break;
            }
            let intensity = intensities.get(lap_index).copied();
            e.write(&lap_msg(
                lap,
                lap_index,
                last_lap,
                activity.sport,
                intensity,
            ));
            lap_index += 1;
        }
    }
    if opts.no_session {
        return e.finish();
    }
    let end = activity.samples.last().map_or(first.time, |s| s.time);
    let offset_s = i64::from(activity.utc_offset_s.unwrap_or(0));
    let local_end = u32::try_from(i64::from(fit_time(end)).saturating_add(offset_s)).unwrap_or(0);
    e.write(&session_msg(activity, end));
    e.write(
        &Msg::new(34)
            .f(253, V::U32(fit_time(end)))
            .f(0, millis(activity.summary.timer_s.unwrap_or(0.0)))
            .f(1, V::U16(1))
            .f(2, V::Enum(0)) // manual
            .f(3, V::Enum(26)) // activity
            .f(4, V::Enum(1)) // stop
            .f(5, V::U32(local_end)),
    );
    e.finish()
}

/// Two or more FIT files back to back, as some devices chain them.
pub fn chain(files: &[Vec<u8>]) -> Vec<u8> {
    files.concat()
}

/// The first `at` bytes of `bytes` (a file cut short in transfer).
pub fn truncate(bytes: &[u8], at: usize) -> Vec<u8> {
    bytes.get(..at).unwrap_or(bytes).to_vec()
}

/// `bytes` with the final CRC's bits flipped, so the file CRC no longer checks out.
pub fn corrupt_crc(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if let Some(b) = out.last_mut() {
        *b ^= 0xFF;
    }
    out
}

/// `bytes` followed by `n` zero bytes (padding some export tools leave).
pub fn append_zeros(bytes: &[u8], n: usize) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out.resize(bytes.len().saturating_add(n), 0);
    out
}

/// `bytes` with the 14-byte header overwritten by zeros: no size, no `.FIT` signature.
pub fn destroy_header(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out.iter_mut().take(14).for_each(|b| *b = 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_and_angles_convert() {
        // 1989-12-31T00:00:10Z is 10 s after the FIT epoch; 90° is 2^30 semicircles.
        let t = Utc
            .with_ymd_and_hms(1989, 12, 31, 0, 0, 10)
            .single()
            .unwrap_or_default();
        assert_eq!(fit_time(t), 10);
        assert_eq!(semicircles(90.0), 1 << 30);
        assert_eq!(semicircles(-45.0), -(1 << 29));
    }

    #[test]
    fn cadence_splits_into_legs() {
        // 171 spm → 85.5 per leg → 85 and 64/128; 170 → 85 and 0.
        assert_eq!(per_leg(171.0), (85, 64));
        assert_eq!(per_leg(170.0), (85, 0));
    }

    #[test]
    fn mutators() {
        let b = vec![1u8, 2, 3, 4];
        assert_eq!(truncate(&b, 2), vec![1, 2]);
        assert_eq!(corrupt_crc(&b), vec![1, 2, 3, 0xFB]);
        assert_eq!(append_zeros(&b, 2), vec![1, 2, 3, 4, 0, 0]);
        assert_eq!(chain(&[b.clone(), b.clone()]).len(), 8);
    }
}
