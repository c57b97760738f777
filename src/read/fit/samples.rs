//! Turns FIT `record` messages into [`Sample`]s: unit conversion (semicircles to degrees, per-leg
//! cadence to steps per minute), dropout markers, and time order with exact duplicates removed.

use super::record::RecordMsg;
use crate::activity::{Position, Sample, Sport, Warning};

/// Degrees per semicircle: 180 / 2^31.
const DEG_PER_SEMICIRCLE: f64 = 180.0 / 2_147_483_648.0;

/// Samples built from records, with what was dropped or reordered.
#[derive(Debug, Default)]
pub(crate) struct Built {
    /// Samples in time order.
    pub samples: Vec<Sample>,
    /// What was dropped or reordered.
    pub warnings: Vec<Warning>,
}

/// Builds the samples of one activity of the given sport from its records.
pub(crate) fn build(records: &[&RecordMsg], sport: Sport) -> Built {
    let per_leg = matches!(sport, Sport::Running | Sport::Walking | Sport::Hiking);
    let mut out = Built::default();
    let mut untimed = 0usize;
    let mut backwards = 0usize;
    for r in records {
        let Some(s) = sample(r, per_leg) else {
            untimed += 1;
            continue;
        };
        if out.samples.last().is_some_and(|p| s.time < p.time) {
            backwards += 1;
        }
        out.samples.push(s);
    }
    if untimed > 0 {
        out.warnings
            .push(Warning::FitUntimedRecords { records: untimed });
    }
    if backwards > 0 {
        out.warnings
            .push(Warning::FitRecordsBackwards { records: backwards });
    }
    out.samples.sort_by_key(|s| s.time);
    let before = out.samples.len();
    out.samples.dedup();
    let duplicates = before.saturating_sub(out.samples.len());
    if duplicates > 0 {
        out.warnings.push(Warning::FitDuplicateRecords {
            records: duplicates,
        });
    }
    out
}

/// One sample from a record; `None` when the record has no timestamp.
fn sample(r: &RecordMsg, per_leg_cadence: bool) -> Option<Sample> {
    let mut s = Sample::at(r.timestamp?);
    s.position = position(r);
    s.altitude_m = r.altitude_m;
    s.distance_m = r.distance_m.filter(|d| *d >= 0.0);
    s.speed_m_s = r.speed_m_s;
    // Kept as written, 0 included: `read::repair` turns dropouts into missing and counts them.
    s.hr_bpm = r
        .hr_bpm
        .filter(|h| (0.0..=255.0).contains(h))
        .map(|h| h.round() as u8);
    s.cadence_spm = cadence(r, per_leg_cadence);
    s.power_w = r
        .power_w
        .filter(|p| (0.0..65535.0).contains(p))
        .map(|p| p.round() as u16);
    s.temperature_c = r.temperature_c;
    Some(s)
}

/// Position in degrees from semicircles; `None` unless both are present. Out-of-range values are
/// kept as written: `read::repair` drops and counts them, as for every format.
fn position(r: &RecordMsg) -> Option<Position> {
    let lat_deg = r.lat_semicircles? * DEG_PER_SEMICIRCLE;
    let lon_deg = r.lon_semicircles? * DEG_PER_SEMICIRCLE;
    Some(Position { lat_deg, lon_deg })
}

/// Cadence with its fractional part; doubled when the sport counts one leg (running, walking,
/// hiking) so the result is steps per minute, kept as revolutions per minute otherwise.
fn cadence(r: &RecordMsg, per_leg: bool) -> Option<f64> {
    let whole = r.cadence_rpm?;
    let rpm = whole + r.fractional_cadence_rpm.unwrap_or(0.0);
    Some(if per_leg { rpm * 2.0 } else { rpm })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn record(secs: i64) -> RecordMsg {
        RecordMsg {
            timestamp: Utc.timestamp_opt(1_600_000_000 + secs, 0).single(),
            ..RecordMsg::default()
        }
    }

    fn with_hr(secs: i64, hr: f64) -> RecordMsg {
        RecordMsg {
            hr_bpm: Some(hr),
            ..record(secs)
        }
    }

    #[test]
    fn converts_units_and_markers() {
        // 2^30 semicircles = 90 degrees; -2^29 = -45 degrees.
        // Running cadence 85 rpm + 0.5 per leg -> (85.5) * 2 = 171 steps/min.
        let r = RecordMsg {
            lat_semicircles: Some(f64::from(1 << 30)),
            lon_semicircles: Some(f64::from(-(1 << 29))),
            hr_bpm: Some(0.0),
            cadence_rpm: Some(85.0),
            fractional_cadence_rpm: Some(0.5),
            altitude_m: Some(12.5),
            ..record(0)
        };
        let built = build(&[&r], Sport::Running);
        let s = built.samples.first().copied();
        let s = s.filter(|_| built.samples.len() == 1);
        assert_eq!(
            s.and_then(|s| s.position),
            Some(Position {
                lat_deg: 90.0,
                lon_deg: -45.0
            })
        );
        // HR 0 is kept as written; `read::repair` makes it missing (tests/hardening.rs).
        assert_eq!(s.and_then(|s| s.hr_bpm), Some(0));
        assert_eq!(s.and_then(|s| s.cadence_spm), Some(171.0));
        assert_eq!(s.and_then(|s| s.altitude_m), Some(12.5));
        // Cycling keeps rpm as written.
        let built = build(&[&r], Sport::Cycling);
        assert_eq!(
            built.samples.first().and_then(|s| s.cadence_spm),
            Some(85.5)
        );
    }

    #[test]
    fn heart_rate_zero_and_positions_out_of_range_are_kept_for_the_repair() {
        // HR 0 (a dropout) and a latitude of 2^31 - 1 semicircles (just under 180 degrees, beyond
        // the pole) stay as written here: `read::repair` drops and counts them for every format.
        let r = RecordMsg {
            lat_semicircles: Some(f64::from(i32::MAX)),
            lon_semicircles: Some(0.0),
            hr_bpm: Some(0.0),
            ..record(0)
        };
        let built = build(&[&r], Sport::Running);
        let s = built.samples.first();
        assert_eq!(s.and_then(|s| s.hr_bpm), Some(0));
        assert!(s
            .and_then(|s| s.position)
            .is_some_and(|p| p.lat_deg > 179.9 && p.lon_deg == 0.0));
        assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    }

    #[test]
    fn sorts_drops_untimed_and_exact_duplicates() {
        // Times 0, 5, 3, 3 (exact duplicate), one record without time:
        // kept 0, 3, 5; one backwards step (5 -> 3), one duplicate, one untimed.
        let untimed = RecordMsg {
            timestamp: None,
            ..with_hr(0, 100.0)
        };
        let rs = [
            with_hr(0, 100.0),
            with_hr(5, 110.0),
            with_hr(3, 105.0),
            with_hr(3, 105.0),
            untimed,
        ];
        let refs: Vec<&RecordMsg> = rs.iter().collect();
        let built = build(&refs, Sport::Running);
        let hrs: Vec<Option<u8>> = built.samples.iter().map(|s| s.hr_bpm).collect();
        assert_eq!(hrs, vec![Some(100), Some(105), Some(110)]);
        assert_eq!(
            built.warnings,
            vec![
                Warning::FitUntimedRecords { records: 1 },
                Warning::FitRecordsBackwards { records: 1 },
                Warning::FitDuplicateRecords { records: 1 },
            ]
        );
    }
}
