//! The FIT CRC-16 (the FIT SDK's `fit_crc.c`, which is CRC-16/ARC), so the reader can check header
//! and file checksums itself and report a mismatch as a warning instead of an error. The `crc`
//! crate computes it a byte at a time from a table built at compile time.

use ::crc::{Crc, CRC_16_ARC};

/// CRC-16/ARC: polynomial 0x8005 reflected (0xA001), start 0, no final xor.
const FIT_CRC: Crc<u16> = Crc::<u16>::new(&CRC_16_ARC);

/// The FIT CRC of `bytes`.
pub(crate) fn crc16(bytes: &[u8]) -> u16 {
    FIT_CRC.checksum(bytes)
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
        // The published check value of CRC-16/ARC for the ASCII bytes "123456789" is 0xBB3D.
        assert_eq!(crc16(b"123456789"), 0xBB3D);
    }

    #[test]
    fn matches_the_sdk_nibble_table() {
        // fit_crc.c folds each byte low nibble first through a 16-entry table; the byte table must
        // give the same value on every byte value.
        const TABLE: [u16; 16] = [
            0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800,
            0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
        ];
        let nibble = |crc: u16, n: u8| {
            let t = |i: u16| TABLE[usize::from(i & 0xF)];
            ((crc >> 4) & 0x0FFF) ^ t(crc) ^ t(u16::from(n))
        };
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        let sdk = bytes
            .iter()
            .fold(0u16, |c, &b| nibble(nibble(c, b & 0x0F), b >> 4));
        assert_eq!(crc16(&bytes), sdk);
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
}
