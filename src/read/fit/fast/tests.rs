//! Unit tests of the fast FIT path on crafted files: byte order, scales, invalid markers,
//! compressed timestamps, the other messages `direct.rs` reads (checked against fitparser), and
//! the cases it leaves to fitparser.

use super::*;
use crate::read::budget::MAX_SAMPLES;
use crate::read::fit::adapter;
use crate::read::fit::testfit::{definition, fit_file, run_data, T0};

fn fast(data: &[u8]) -> Result<Decoded, &'static str> {
    decode(&fit_file(data), MAX_SAMPLES)
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
    let full = adapter::decode(&file, MAX_SAMPLES).map(|d| d.others);
    match decode(&file, MAX_SAMPLES) {
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
fn both_decoders_keep_the_room_given_and_count_the_rest() {
    // The 10-record run with room for 4: records at 0..3 s kept, 6 dropped and counted; the
    // other messages (4 timer events, the session) are read as before.
    let file = fit_file(&run_data(0));
    let full = adapter::decode(&file, 4).map(|d| (d.records, d.dropped_records));
    match decode(&file, 4) {
        Ok(d) => {
            assert_eq!(d.records.len(), 4);
            assert_eq!(d.dropped_records, 6);
            assert_eq!(d.others.timers.len(), 4);
            assert_eq!(d.others.sessions.len(), 1);
            assert_eq!(d.records.last().and_then(|r| r.hr_bpm), Some(123.0));
            assert_eq!(full.ok(), Some((d.records, 6)));
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

// The other messages, read by `direct.rs`: the fast path and fitparser must agree.

/// The fast path's and fitparser's reading of the same data; they must agree.
fn both(data: &[u8]) -> Decoded {
    let file = fit_file(data);
    let full = adapter::decode(&file, MAX_SAMPLES).map(|d| (d.others, d.undecodable));
    match decode(&file, MAX_SAMPLES) {
        Ok(d) => {
            assert_eq!(full.ok(), Some((d.others.clone(), d.undecodable)));
            d
        }
        Err(why) => panic!("declined: {why}"),
    }
}

#[test]
fn reads_a_big_endian_lap_with_profile_scales() {
    // Lap (19), big-endian: timestamp T0 + 100, start_time T0, total_elapsed_time 90500 ms ->
    // 90.5 s, total_timer_time 80000 -> 80 s, total_distance 123456 cm -> 1234.56 m,
    // avg_heart_rate 140, max_heart_rate 0xFF (invalid), total_ascent 12 m, total_descent as
    // uint16z 0 (invalid).
    let mut d = vec![0x40, 0, 1, 0, 19, 9];
    for f in [
        [253, 4, 0x86],
        [2, 4, 0x86],
        [7, 4, 0x86],
        [8, 4, 0x86],
        [9, 4, 0x86],
        [15, 1, 0x02],
        [16, 1, 0x02],
        [21, 2, 0x84],
        [22, 2, 0x8B],
    ] {
        d.extend_from_slice(&f);
    }
    d.push(0x00);
    for v in [T0 + 100, T0, 90_500, 80_000, 123_456] {
        d.extend_from_slice(&v.to_be_bytes());
    }
    d.extend_from_slice(&[140, 0xFF]);
    d.extend_from_slice(&12u16.to_be_bytes());
    d.extend_from_slice(&0u16.to_be_bytes());
    let laps = both(&d).others.laps;
    let lap = laps.first().cloned().unwrap_or_default();
    assert_eq!(laps.len(), 1);
    assert_eq!(lap.start_time.map(|t| t.timestamp()), Some(1_000_000_000));
    assert_eq!(lap.timestamp.map(|t| t.timestamp()), Some(1_000_000_100));
    assert_eq!(lap.elapsed_s, Some(90.5));
    assert_eq!(lap.timer_s, Some(80.0));
    assert_eq!(lap.distance_m, Some(1234.56));
    assert_eq!(lap.avg_hr_bpm, Some(140.0));
    assert_eq!(lap.max_hr_bpm, None);
    assert_eq!(lap.ascent_m, Some(12.0));
    assert_eq!(lap.descent_m, None);
}

/// A file_id with manufacturer `maker`, product `product` and product name `name` (16 bytes).
fn file_id(maker: u16, product: u16, name: &str) -> Vec<u8> {
    let mut d = definition(
        0,
        0,
        &[(0, 1, 0x00), (1, 2, 0x84), (2, 2, 0x84), (8, 16, 0x07)],
    );
    d.extend_from_slice(&[0x00, 4]);
    d.extend_from_slice(&maker.to_le_bytes());
    d.extend_from_slice(&product.to_le_bytes());
    let mut text = name.as_bytes().to_vec();
    text.resize(16, 0);
    d.extend_from_slice(&text);
    d
}

#[test]
fn product_reads_as_fitparser_subfields_say() {
    // Garmin (1) product 1 is the garmin_product `hrm1`, ahead of the name; Suunto (23) has no
    // product subfield, so the name comes first; Favero (263) product 12 is a favero_product,
    // which the device name does not use; without a name the plain product number is used.
    let device = |data: Vec<u8>| both(&data).others.file_id.and_then(|f| f.device);
    assert_eq!(device(file_id(1, 1, "x")).as_deref(), Some("garmin/hrm1"));
    assert_eq!(
        device(file_id(23, 99, " Ambit ")).as_deref(),
        Some("suunto/Ambit")
    );
    assert_eq!(
        device(file_id(263, 12, "")).as_deref(),
        Some("favero_electronics")
    );
    assert_eq!(device(file_id(23, 99, "")).as_deref(), Some("suunto/99"));
    let file_type = both(&file_id(1, 1, ""))
        .others
        .file_id
        .and_then(|f| f.file_type);
    assert_eq!(file_type.as_deref(), Some("activity"));
}

#[test]
fn a_barometer_is_a_local_device_of_type_4() {
    // device_info: device_type 4 is local_device_type `barometer` only with source_type 5
    // (local); with source_type 1 (antplus) it is an ANT+ device type.
    let info = |source: u8| {
        let mut d = definition(0, 23, &[(1, 1, 0x02), (25, 1, 0x00)]);
        d.extend_from_slice(&[0x00, 4, source]);
        both(&d).others.barometer
    };
    assert!(info(5));
    assert!(!info(1));
}

#[test]
fn a_field_description_fitparser_rejects_counts_as_undecodable() {
    // fit_base_type_id 0x03 is no base type: fitparser rejects the message; 0x02 (uint8) is fine.
    let description = |base: u8| {
        let mut d = definition(
            0,
            206,
            &[(0, 1, 0x02), (1, 1, 0x02), (2, 1, 0x02), (3, 8, 0x07)],
        );
        d.extend_from_slice(&[0x00, 0, 0, base]);
        d.extend_from_slice(b"power\0\0\0");
        both(&d).undecodable
    };
    assert_eq!(description(0x03), 1);
    assert_eq!(description(0x02), 0);
}

#[test]
fn declines_text_where_the_profile_has_an_enum() {
    // session sub_sport (6) is an enum: a text there makes fitparser reject the message; a text
    // in sport_profile_name (110) is fine; manufacturer as text is a field the mapper reads.
    let sub_sport = definition(0, 18, &[(6, 4, 0x07)]);
    let name = definition(0, 18, &[(110, 4, 0x07)]);
    let maker = definition(0, 0, &[(1, 4, 0x07)]);
    assert!(decode(&fit_file(&sub_sport), MAX_SAMPLES).is_err());
    assert!(decode(&fit_file(&name), MAX_SAMPLES).is_ok());
    assert!(decode(&fit_file(&maker), MAX_SAMPLES).is_err());
}
