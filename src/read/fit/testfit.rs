//! A tiny FIT writer for the reader's unit tests: just enough to frame definitions, data messages,
//! headers and CRCs (the full writer lives in `synth`).

use super::crc::crc16;

/// FIT seconds of the test run's start (2021-09-09T01:46:40Z).
pub(crate) const T0: u32 = 1_000_000_000 - 631_065_600;

/// A FIT file around `data`: 14-byte header with a correct header CRC, then the file CRC.
pub(crate) fn fit_file(data: &[u8]) -> Vec<u8> {
    let mut out = vec![14u8, 0x20, 0x08, 0x08];
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(b".FIT");
    let header_crc = crc16(&out);
    out.extend_from_slice(&header_crc.to_le_bytes());
    out.extend_from_slice(data);
    let file_crc = crc16(&out);
    out.extend_from_slice(&file_crc.to_le_bytes());
    out
}

/// A little-endian definition message; fields are (number, size, base type).
pub(crate) fn definition(local: u8, global: u16, fields: &[(u8, u8, u8)]) -> Vec<u8> {
    definition_dev(local, global, fields, &[])
}

/// A definition message with developer fields (number, size, developer index) when any are given.
pub(crate) fn definition_dev(
    local: u8,
    global: u16,
    fields: &[(u8, u8, u8)],
    devs: &[(u8, u8, u8)],
) -> Vec<u8> {
    let dev_flag = if devs.is_empty() { 0 } else { 0x20 };
    let mut out = vec![0x40 | dev_flag | local, 0, 0];
    out.extend_from_slice(&global.to_le_bytes());
    out.push(fields.len() as u8);
    for f in fields {
        out.extend_from_slice(&[f.0, f.1, f.2]);
    }
    if !devs.is_empty() {
        out.push(devs.len() as u8);
        for d in devs {
            out.extend_from_slice(&[d.0, d.1, d.2]);
        }
    }
    out
}

/// The data of a 10-second run: file_id (garmin hrm1), 10 records one second apart with heart
/// rate 120..129 and cadence 80 rpm per leg, timer start at 0 s, stop at 4 s, start at 6 s,
/// stop_all at 9 s, and a running session from 0 s lasting 9 s. `dev_bytes` adds a developer
/// field of that size to every record (0 for none).
pub(crate) fn run_data(dev_bytes: u8) -> Vec<u8> {
    let mut d = definition(0, 0, &[(0, 1, 0x00), (1, 2, 0x84), (2, 2, 0x84)]);
    d.extend_from_slice(&[0x00, 4, 1, 0, 1, 0]);
    let devs: &[(u8, u8, u8)] = if dev_bytes > 0 {
        &[(0, dev_bytes, 0)]
    } else {
        &[]
    };
    d.extend(definition_dev(
        1,
        20,
        &[(253, 4, 0x86), (3, 1, 0x02), (4, 1, 0x02)],
        devs,
    ));
    d.extend(definition(
        2,
        21,
        &[(253, 4, 0x86), (0, 1, 0x00), (1, 1, 0x00)],
    ));
    let event = |d: &mut Vec<u8>, s: u32, kind: u8| {
        d.push(0x02);
        d.extend_from_slice(&(T0 + s).to_le_bytes());
        d.extend_from_slice(&[0, kind]);
    };
    event(&mut d, 0, 0);
    for i in 0..10u32 {
        d.push(0x01);
        d.extend_from_slice(&(T0 + i).to_le_bytes());
        d.extend_from_slice(&[120 + i as u8, 80]);
        d.extend(std::iter::repeat_n(0xAB, usize::from(dev_bytes)));
        match i {
            4 => event(&mut d, 4, 1),
            6 => event(&mut d, 6, 0),
            9 => event(&mut d, 9, 4),
            _ => {}
        }
    }
    d.extend(definition(
        3,
        18,
        &[(253, 4, 0x86), (2, 4, 0x86), (7, 4, 0x86), (5, 1, 0x00)],
    ));
    d.push(0x03);
    for v in [T0 + 9, T0, 9000] {
        d.extend_from_slice(&v.to_le_bytes());
    }
    d.push(1);
    d
}

/// Number of messages in [`run_data`]: 4 definitions, 1 file_id, 10 records, 4 events, 1 session.
pub(crate) const RUN_MESSAGES: usize = 20;
