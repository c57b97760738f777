//! The FIT CRC-16 (the nibble-table variant of the FIT SDK's `fit_crc.c`), so the reader can check
//! header and file checksums itself and report a mismatch as a warning instead of an error.

const CRC_TABLE: [u16; 16] = [
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800, 0xB401,
    0x5000, 0x9C01, 0x8801, 0x4400,
];

/// Continues a FIT CRC over more bytes; start with 0.
pub(crate) fn update(crc: u16, bytes: &[u8]) -> u16 {
    bytes
        .iter()
        .fold(crc, |acc, &byte| step(step(acc, byte & 0x0F), byte >> 4))
}

/// The FIT CRC of `bytes`.
pub(crate) fn crc16(bytes: &[u8]) -> u16 {
    update(0, bytes)
}

/// Folds one nibble (0..=15) into the CRC.
fn step(crc: u16, nibble: u8) -> u16 {
    let table = |i: u16| CRC_TABLE.get(usize::from(i & 0x0F)).copied().unwrap_or(0);
    let tmp = table(crc);
    ((crc >> 4) & 0x0FFF) ^ tmp ^ table(u16::from(nibble))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_input_is_zero() {
        assert_eq!(crc16(&[]), 0);
    }

    #[test]
    fn matches_crc16_arc() {
        // The FIT CRC is CRC-16/ARC (poly 0x8005 reflected, init 0); its published check value for
        // the ASCII bytes "123456789" is 0xBB3D.
        assert_eq!(crc16(b"123456789"), 0xBB3D);
    }

    #[test]
    fn appending_the_crc_little_endian_gives_zero() {
        // A property of reflected CRCs: running the CRC over data followed by its own CRC (low byte
        // first) gives 0. This is how a FIT file with its trailing CRC checks out.
        let data = b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT";
        let c = crc16(data);
        let mut all = data.to_vec();
        all.extend_from_slice(&c.to_le_bytes());
        assert_eq!(crc16(&all), 0);
    }

    #[test]
    fn update_is_incremental() {
        assert_eq!(update(crc16(b"1234"), b"56789"), crc16(b"123456789"));
    }
}
