//! Unit tests of the structure walker on crafted byte buffers.

use super::*;
use crate::read::fit::testfit::{definition, definition_dev, fit_file, run_data, RUN_MESSAGES};

/// The walk's warnings as their sentences.
fn notes(w: &Walk) -> Vec<String> {
    w.warnings.iter().map(ToString::to_string).collect()
}

fn walked(bytes: &[u8]) -> Walk {
    match walk(bytes) {
        Ok(w) => w,
        Err(e) => panic!("walk failed: {e}"),
    }
}

#[test]
fn valid_file_is_copied_unchanged() {
    let data = run_data(0);
    let w = walked(&fit_file(&data));
    assert!(w.warnings.is_empty(), "{:?}", w.warnings);
    assert_eq!(w.chunks.len(), 1);
    let copy = &w.chunks[0].copy;
    // 14-byte header + data + 2-byte CRC; without developer fields the data is untouched.
    assert_eq!(copy.len(), 14 + data.len() + 2);
    assert_eq!(&copy[14..14 + data.len()], data.as_slice());
    assert_eq!(&copy[4..8], &(data.len() as u32).to_le_bytes());
    assert_eq!(w.chunks[0].messages, RUN_MESSAGES);
}

#[test]
fn truncated_file_keeps_complete_messages() {
    let file = fit_file(&run_data(0));
    // Dropping 5 bytes removes the CRC and 3 bytes of the last (session) message.
    let cut = &file[..file.len() - 5];
    let w = walked(cut);
    assert_eq!(w.chunks[0].messages, RUN_MESSAGES - 1);
    let expected = format!(
        "file cut short at byte {}: kept {} complete messages",
        cut.len(),
        RUN_MESSAGES - 1
    );
    assert!(
        notes(&w).iter().any(|m| m.starts_with(&expected)),
        "{:?}",
        notes(&w)
    );
}

#[test]
fn missing_crc_is_a_warning() {
    let file = fit_file(&run_data(0));
    let w = walked(&file[..file.len() - 2]);
    assert_eq!(w.chunks[0].messages, RUN_MESSAGES);
    assert!(notes(&w)
        .iter()
        .any(|m| m.contains("CRC after the data is missing")));
}

#[test]
fn bad_data_crc_is_a_warning_and_data_is_kept() {
    let mut file = fit_file(&run_data(0));
    let n = file.len();
    let said = u16::from_le_bytes([file[n - 2], file[n - 1]]);
    file[n - 1] ^= 0xFF;
    let w = walked(&file);
    assert_eq!(w.chunks[0].messages, RUN_MESSAGES);
    let expected = format!(
        "data CRC mismatch (file says 0x{:04X}, computed 0x{said:04X}): data kept",
        said ^ 0xFF00
    );
    assert_eq!(notes(&w), vec![expected]);
}

#[test]
fn bad_header_crc_is_a_warning() {
    let mut file = fit_file(&run_data(0));
    file[12] ^= 0x01;
    let w = walked(&file);
    assert_eq!(w.chunks[0].messages, RUN_MESSAGES);
    assert!(notes(&w)
        .iter()
        .any(|m| m.starts_with("header CRC mismatch at byte 0")));
    // The data CRC covers the header too, so it no longer matches either.
    assert!(notes(&w).iter().any(|m| m.starts_with("data CRC mismatch")));
}

#[test]
fn trailing_zeros_are_padding() {
    let mut file = fit_file(&run_data(0));
    let end = file.len();
    file.extend_from_slice(&[0u8; 10]);
    let w = walked(&file);
    assert_eq!(w.chunks.len(), 1);
    assert_eq!(
        notes(&w),
        vec![format!(
            "10 zero bytes of padding after the FIT data (from byte {end}) ignored"
        )]
    );
}

#[test]
fn trailing_garbage_is_ignored_with_a_warning() {
    let mut file = fit_file(&run_data(0));
    file.extend_from_slice(b"garbage!");
    let w = walked(&file);
    assert_eq!(w.chunks.len(), 1);
    assert!(notes(&w)[0].starts_with("8 bytes after the FIT data"));
}

#[test]
fn chained_files_give_two_chunks() {
    let a = fit_file(&run_data(0));
    let b = fit_file(&run_data(0));
    let mut both = a.clone();
    both.extend_from_slice(&b);
    let w = walked(&both);
    assert!(w.warnings.is_empty(), "{:?}", w.warnings);
    let offsets: Vec<usize> = w.chunks.iter().map(|c| c.offset).collect();
    assert_eq!(offsets, vec![0, a.len()]);
}

#[test]
fn broken_first_headers_are_errors() {
    // Header size bytes 15 and 255 with only 12 bytes, a 1-byte file, an empty file, a bad
    // signature and a header size below 12 all fail cleanly.
    let mut short15 = vec![15u8, 0x10, 0, 0, 0, 0, 0, 0];
    short15.extend_from_slice(b".FIT");
    let mut short255 = short15.clone();
    short255[0] = 255;
    let mut no_sig = fit_file(&run_data(0));
    no_sig[9] = b'X';
    let tiny = fit_file(&[]);
    let mut small_size = tiny.clone();
    small_size[0] = 5;
    for bytes in [short15, short255, vec![14u8], vec![], no_sig, small_size] {
        assert!(matches!(walk(&bytes), Err(ReadError::Fit(_))), "{bytes:?}");
    }
}

#[test]
fn developer_fields_are_stripped_from_the_copy() {
    // Records carry a 255-byte developer field; the copy keeps 1 + 6 bytes per record.
    let data = run_data(255);
    let w = walked(&fit_file(&data));
    assert!(w.warnings.is_empty(), "{:?}", w.warnings);
    assert_eq!(w.chunks[0].messages, RUN_MESSAGES);
    // The record definition loses its dev flag and its 1 + 3 developer bytes; the 10 records lose
    // 255 bytes each: the copy's data is 4 + 10 * 255 bytes shorter.
    assert_eq!(w.chunks[0].copy.len(), 14 + data.len() - 4 - 2550 + 2);
    assert!(!w.chunks[0].copy.contains(&0xAB));
}

#[test]
fn odd_sized_fields_are_retyped_as_bytes() {
    // A 3-byte uint16 field (0x84) is not a whole number of values: the copy says byte (0x0D).
    let mut data = definition(0, 20, &[(253, 4, 0x86), (7, 3, 0x84)]);
    data.extend_from_slice(&[0x00, 1, 2, 3, 4, 5, 6, 7]);
    let w = walked(&fit_file(&data));
    assert_eq!(
        &w.chunks[0].copy[14 + 6..14 + 12],
        &[253, 4, 0x86, 7, 3, 0x0D]
    );
}

#[test]
fn undefined_local_type_stops_the_chunk_with_a_warning() {
    let mut data = definition(0, 20, &[(253, 4, 0x86)]);
    data.extend_from_slice(&[0x00, 1, 2, 3, 4]);
    data.extend_from_slice(&[0x05, 9, 9, 9]);
    let w = walked(&fit_file(&data));
    assert_eq!(w.chunks[0].messages, 2);
    // Header 14 + definition 9 + data 5 puts the bad message at byte 28; 4 bytes remain.
    assert!(
        notes(&w)[0].starts_with("the message at byte 28 uses local message type 5"),
        "{:?}",
        notes(&w)
    );
    assert!(notes(&w)[0].contains("remaining 4 bytes"));
}

#[test]
fn developer_definition_cut_in_the_middle_is_truncation() {
    let data = definition_dev(0, 20, &[(253, 4, 0x86)], &[(0, 255, 0)]);
    let file = fit_file(&data);
    let w = walked(&file[..file.len() - 4]);
    assert_eq!(w.chunks[0].messages, 0);
    assert!(notes(&w)[0].starts_with("file cut short at byte"));
}

#[test]
fn a_file_cut_at_a_message_boundary_names_the_offset() {
    // Drop the CRC (2 bytes) and the whole session message (header + 4 + 4 + 4 + 1 = 14 bytes):
    // the cut falls exactly between two messages, so nothing looks broken but the length.
    let file = fit_file(&run_data(0));
    let cut = &file[..file.len() - 16];
    let w = walked(cut);
    assert_eq!(w.chunks[0].messages, RUN_MESSAGES - 1);
    assert_eq!(
        notes(&w),
        vec![format!(
            "file cut short at byte {}: kept {} complete messages",
            cut.len(),
            RUN_MESSAGES - 1
        )]
    );
    assert_eq!(w.cut_at, Some(cut.len()));
    assert_eq!(walked(&file).cut_at, None);
}

#[test]
fn a_4_gib_data_size_with_a_good_crc_reads_the_file() {
    // Header data size 0xFFFFFFFF; the file's own CRC still matches what precedes it, so the
    // size in the header is the wrong part. The CRC is recomputed after the edit.
    let data = run_data(0);
    let mut file = fit_file(&data);
    file[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
    let n = file.len();
    let crc = crc::crc16(&file[..n - 2]);
    file[n - 2..].copy_from_slice(&crc.to_le_bytes());
    let w = walked(&file);
    assert_eq!(w.chunks[0].messages, RUN_MESSAGES);
    assert!(
        notes(&w)
            .iter()
            .any(|m| m.starts_with("the header at byte 0 declares 4294967295 bytes of data")),
        "{:?}",
        notes(&w)
    );
    // Without a matching CRC it is read as a cut-off file: every message is still kept.
    file[n - 1] ^= 0xFF;
    let w = walked(&file);
    assert_eq!(w.chunks[0].messages, RUN_MESSAGES);
}

#[test]
fn sixteen_trailing_zero_bytes_are_padding() {
    let mut file = fit_file(&run_data(0));
    file.extend_from_slice(&[0u8; 16]);
    let w = walked(&file);
    assert_eq!(w.chunks.len(), 1);
    assert_eq!(w.chunks[0].messages, RUN_MESSAGES);
    assert!(notes(&w)[0].starts_with("16 zero bytes of padding"));
}

#[test]
fn a_lost_byte_is_resynchronized_not_the_end() {
    // Remove a byte inside the third record (a CRLF→LF transfer loses bytes this way); the
    // record swallows the next header and the walker hits an undefined type. It drops the
    // damaged record, resumes at the next message and keeps everything after it.
    let data = run_data(0);
    // file_id definition (6 + 3·3 = 15) + file_id (6) + record definition (15) + event
    // definition (15) + start event (7) = 58; records are 7 bytes, so record 2 starts at 72.
    let mut damaged = data.clone();
    damaged.remove(72 + 2);
    let w = walked(&fit_file(&damaged));
    let note = notes(&w).join("\n");
    assert!(note.contains("resumed at byte"), "{note}");
    // 20 messages, minus the damaged record; everything else is kept.
    assert_eq!(w.chunks[0].messages, RUN_MESSAGES - 1, "{note}");
}

#[test]
fn a_message_running_past_the_end_is_skipped_not_the_end() {
    // Records of local type 0 carry 8 bytes of 0x07 (local type 7 is undefined, so no chain can
    // start inside one). Between record 2 and 3 sits a damaged definition claiming 200 fields
    // (600 bytes, more than the data holds): skipped, and the 5 records after it are kept.
    let record = |d: &mut Vec<u8>| {
        d.push(0x00);
        d.extend_from_slice(&[7; 8]);
    };
    let mut data = definition(0, 20, &[(0, 8, 0x0D)]);
    record(&mut data);
    record(&mut data);
    data.extend_from_slice(&[0x41, 0x00, 0x01, 0x14, 0x00, 200]);
    for _ in 0..5 {
        record(&mut data);
    }
    let w = walked(&fit_file(&data));
    // Definition + 2 + 5 records.
    assert_eq!(w.chunks[0].messages, 8);
    // Header 14 + definition 9 + two 9-byte records: the damaged one is at byte 41; 6 bytes on.
    assert_eq!(
        notes(&w),
        vec![
            "damaged FIT data: the message at byte 41 runs past the end of the data: skipped 6 bytes and resumed at byte 47"
                .to_string()
        ]
    );
}
