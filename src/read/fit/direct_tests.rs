//! Unit tests of the fast path's reader for session, lap, event, device_info and file_id
//! messages on crafted files, against numbers worked out from the FIT profile.

use crate::read::fit::decode::{self, Decoded};
use crate::read::fit::fast;
use crate::read::fit::testfit::{definition, fit_file, T0};

/// The fast path's and fitparser's reading of the same data; they must agree.
fn both(data: &[u8]) -> Decoded {
    let file = fit_file(data);
    let full = decode::decode(&file).map(|d| (d.others, d.undecodable));
    match fast::decode(&file) {
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
    let lap = laps.first().copied().unwrap_or_default();
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
    assert!(fast::decode(&fit_file(&sub_sport)).is_err());
    assert!(fast::decode(&fit_file(&name)).is_ok());
    assert!(fast::decode(&fit_file(&maker)).is_err());
}
