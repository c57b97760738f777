//! Hostile inputs written on the spot for the memory-budget tests: tiny FIT files that decode to
//! millions of samples or laps, a GPX with a huge `creator`, and zips of zips.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use crate::fit_encode::{Encoder, Msg, V};

/// FIT time of the first record (2021-09-08, an arbitrary plausible date).
const T0: u32 = 1_000_000_000;

/// The `file_id` of an activity file.
fn file_id() -> Msg {
    Msg::new(0)
        .f(0, V::Enum(4)) // activity file
        .f(1, V::U16(255)) // manufacturer: development
        .f(4, V::U32(T0))
}

/// A FIT activity file of `records` records one second apart, each after the first a 2-byte
/// message (a compressed-timestamp header and a heart rate): 16 million of them are 32 MB that
/// gzip to under 100 KB, the amplifier of issue 22.
pub fn fit_compressed_records(records: usize) -> Vec<u8> {
    let mut e = Encoder::default();
    e.write(&file_id());
    e.write(&Msg::new(20).f(253, V::U32(T0)).f(3, V::U8(120)));
    let beat = Msg::new(20).f(3, V::U8(120));
    e.write_compressed_seconds(&beat, T0, records.saturating_sub(1));
    e.finish()
}

/// A FIT activity file with a few records and `laps` lap messages of 5 bytes each.
pub fn fit_laps(laps: usize) -> Vec<u8> {
    let mut e = Encoder::default();
    e.write(&file_id());
    for i in 0..10u32 {
        e.write(&Msg::new(20).f(253, V::U32(T0 + i)).f(3, V::U8(120)));
    }
    let lap = Msg::new(19).f(253, V::U32(T0 + 9));
    for _ in 0..laps {
        e.write(&lap);
    }
    e.finish()
}

/// A GPX track of two points whose `creator` is `chars` characters long.
pub fn gpx_long_creator(chars: usize) -> Vec<u8> {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="{}"><trk><trkseg>"#,
        "A".repeat(chars)
    );
    out.push_str(
        r#"<trkpt lat="46.5" lon="13.7"><time>2021-09-08T07:00:00Z</time></trkpt>
<trkpt lat="46.5001" lon="13.7"><time>2021-09-08T07:00:05Z</time></trkpt>
</trkseg></trk></gpx>"#,
    );
    out.into_bytes()
}

/// A small valid GPX run of two points (what the nested zips carry beside their padding).
fn tiny_gpx() -> Vec<u8> {
    gpx_long_creator(4)
}

/// A zip of `count` inner zips (`inner-0.zip`, …), each holding `pad_bytes` zeros stored
/// uncompressed (`pad.bin`) and a tiny GPX run (`run.gpx`). The outer zip deflates them: 8 inner
/// zips of 250 MiB are 2 MB, the nested archive of issue 22.
pub fn nested_zips(count: usize, pad_bytes: usize) -> Vec<u8> {
    let stored = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(pad_bytes as u64 >= u64::from(u32::MAX));
    let deflated = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(pad_bytes as u64 >= u64::from(u32::MAX) / 2);
    let zeros = vec![0u8; 1 << 20];
    let mut outer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..count {
        let mut inner = zip::ZipWriter::new(Cursor::new(Vec::new()));
        if inner.start_file("pad.bin", stored).is_ok() {
            let mut left = pad_bytes;
            while left > 0 {
                let n = left.min(zeros.len());
                let _ = inner.write_all(zeros.get(..n).unwrap_or_default());
                left -= n;
            }
        }
        if inner.start_file("run.gpx", stored).is_ok() {
            let _ = inner.write_all(&tiny_gpx());
        }
        let inner = inner.finish().map(Cursor::into_inner).unwrap_or_default();
        if outer.start_file(format!("inner-{i}.zip"), deflated).is_ok() {
            let _ = outer.write_all(&inner);
        }
    }
    outer.finish().map(Cursor::into_inner).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_records_take_two_bytes_each() {
        // 14-byte header + file_id (definition 6 + 3×3 = 15, data 1 + 1 + 2 + 4 = 8) + the first
        // record (definition 6 + 2×3 = 12, data 1 + 4 + 1 = 6) + the compressed records'
        // definition (6 + 3 = 9) + 2 bytes per further record + the 2-byte CRC.
        let base = 14 + 15 + 8 + 12 + 6 + 9 + 2;
        assert_eq!(fit_compressed_records(1_001).len(), base + 2 * 1_000);
    }

    #[test]
    fn nested_zips_hold_their_inner_zips() {
        let zip = nested_zips(2, 1000);
        let archive = zip::ZipArchive::new(Cursor::new(zip)).map(|z| z.len());
        assert_eq!(archive.ok(), Some(2));
    }
}
