//! Unit tests of the fast FIT path on crafted files: byte order, scales, invalid markers,
//! compressed timestamps, and the cases it leaves to fitparser.

use super::*;
use crate::read::fit::testfit::{definition, fit_file, run_data, T0};

fn fast(data: &[u8]) -> Result<Decoded, &'static str> {
    decode(&fit_file(data))
}

fn records(data: &[u8]) -> Vec<RecordMsg> {
    match fast(data) {
        Ok(d) => d.records,
        Err(why) => panic!("declined: {why}"),
    }
}

#[test]
fn reads_big_endian_records_with_profile_scales() {
    // Record definition, big-endian (arch 1): timestamp u32, enhanced_speed u32, distance u32,
    // altitude u16, heart_rate u8, temperature s8.
    let mut d = vec![0x40, 0, 1, 0, 20, 6];
    for f in [
        [253, 4, 0x86],
        [73, 4, 0x86],
        [5, 4, 0x86],
        [2, 2, 0x84],
        [3, 1, 0x02],
        [13, 1, 0x01],
    ] {
        d.extend_from_slice(&f);
    }
    d.push(0x00);
    d.extend_from_slice(&T0.to_be_bytes());
    d.extend_from_slice(&3250u32.to_be_bytes()); // 3250 / 1000 = 3.25 m/s
    d.extend_from_slice(&12345u32.to_be_bytes()); // 12345 / 100 = 123.45 m
    d.extend_from_slice(&2600u16.to_be_bytes()); // 2600 / 5 - 500 = 20 m
    d.extend_from_slice(&[150, 0xF6]); // 150 bpm, -10 °C
    let r = records(&d);
    assert_eq!(r.len(), 1);
    let r = r.first().copied().unwrap_or_default();
    assert_eq!(r.timestamp.map(|t| t.timestamp()), Some(1_000_000_000));
    assert_eq!(r.speed_m_s, Some(3.25));
    assert_eq!(r.distance_m, Some(123.45));
    assert_eq!(r.altitude_m, Some(20.0));
    assert_eq!(r.hr_bpm, Some(150.0));
    assert_eq!(r.temperature_c, Some(-10.0));
}

#[test]
fn invalid_markers_are_none() {
    // heart_rate 0xFF, position_lat 0x7FFFFFFF, speed 0xFFFF: all invalid.
    let mut d = definition(0, 20, &[(3, 1, 0x02), (0, 4, 0x85), (6, 2, 0x84)]);
    d.push(0x00);
    d.push(0xFF);
    d.extend_from_slice(&i32::MAX.to_le_bytes());
    d.extend_from_slice(&[0xFF, 0xFF]);
    let r = records(&d).first().copied().unwrap_or_default();
    assert_eq!(r, RecordMsg::default());
}

#[test]
fn compressed_timestamps_roll_over_like_the_sdk() {
    // T0 is a multiple of 32. A full timestamp at T0 + 30, then compressed offsets 31, 2, 2:
    // 31 >= 30 -> T0 + 31; 2 < 31 -> rolls over to T0 + 32 + 2 = T0 + 34; 2 == 2 -> T0 + 34.
    let mut d = definition(0, 20, &[(253, 4, 0x86), (3, 1, 0x02)]);
    d.extend(definition(1, 20, &[(3, 1, 0x02)]));
    d.push(0x00);
    d.extend_from_slice(&(T0 + 30).to_le_bytes());
    d.push(100);
    for offset in [31u8, 2, 2] {
        d.push(0x80 | 0x20 | offset); // compressed header, local type 1
        d.push(101);
    }
    let secs: Vec<Option<i64>> = records(&d)
        .iter()
        .map(|r| r.timestamp.map(|t| t.timestamp() - 1_000_000_000))
        .collect();
    assert_eq!(secs, vec![Some(30), Some(31), Some(34), Some(34)]);
}

#[test]
fn leaves_unusual_records_to_fitparser() {
    // heart_rate declared as uint16; a text field in a record; a field defined twice.
    let odd_type = definition(0, 20, &[(3, 2, 0x84)]);
    let text = definition(0, 20, &[(3, 1, 0x02), (100, 4, 0x07)]);
    let twice = definition(0, 20, &[(3, 1, 0x02), (3, 1, 0x02)]);
    for d in [odd_type, text, twice] {
        assert!(fast(&d).is_err());
    }
}

#[test]
fn the_crafted_run_reads_its_other_messages_as_fitparser_does() {
    // 10 records; file_id (garmin hrm1), 4 timer events and the session, all read here, and
    // read alike by fitparser.
    let file = fit_file(&run_data(0));
    let full = crate::read::fit::decode::decode(&file).map(|d| d.others);
    match decode(&file) {
        Ok(d) => {
            assert_eq!(d.records.len(), 10);
            assert_eq!(d.others.timers.len(), 4);
            assert_eq!(d.others.sessions.len(), 1);
            assert_eq!(
                d.others.file_id.as_ref().and_then(|f| f.device.as_deref()),
                Some("garmin/hrm1")
            );
            assert_eq!(d.undecodable, 0);
            assert_eq!(full.ok(), Some(d.others));
        }
        Err(why) => panic!("declined: {why}"),
    }
}

#[test]
fn enhanced_and_compressed_fields_win_over_plain_ones() {
    // speed 2000 (2.0 m/s) with enhanced_speed 3000 (3.0 m/s): enhanced wins; with enhanced_speed
    // invalid, the plain one is used. compressed_speed_distance with speed 250 (2.5 m/s) and
    // counter 32 (2 m) wins over distance 5000 (50 m) and enhanced_speed.
    let mut d = definition(0, 20, &[(6, 2, 0x84), (73, 4, 0x86)]);
    d.push(0x00);
    d.extend_from_slice(&2000u16.to_le_bytes());
    d.extend_from_slice(&3000u32.to_le_bytes());
    d.push(0x00);
    d.extend_from_slice(&2000u16.to_le_bytes());
    d.extend_from_slice(&u32::MAX.to_le_bytes());
    d.extend(definition(
        1,
        20,
        &[(5, 4, 0x86), (73, 4, 0x86), (8, 3, 0x0D)],
    ));
    d.push(0x01);
    d.extend_from_slice(&5000u32.to_le_bytes());
    d.extend_from_slice(&3000u32.to_le_bytes());
    d.extend_from_slice(&(32u32 << 12 | 250).to_le_bytes()[..3]);
    let got: Vec<(Option<f64>, Option<f64>)> = records(&d)
        .iter()
        .map(|r| (r.speed_m_s, r.distance_m))
        .collect();
    assert_eq!(
        got,
        vec![(Some(3.0), None), (Some(2.0), None), (Some(2.5), Some(2.0))]
    );
}
