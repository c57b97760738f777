//! The FIT binary layer for the synthetic writer: field values with their base types, definition
//! messages emitted on demand, normal and compressed-timestamp headers, and the FIT CRC-16
//! (CRC-16/ARC from the `crc` crate, computed here rather than borrowed from the reader it tests).

use crc::{Crc, CRC_16_ARC};

/// The FIT CRC-16: CRC-16/ARC, as the FIT SDK's `fit_crc.c` computes it.
const FIT_CRC: Crc<u16> = Crc::<u16>::new(&CRC_16_ARC);

/// FIT epoch (1989-12-31T00:00:00Z) as a Unix time.
pub(crate) const FIT_EPOCH_UNIX_S: i64 = 631_065_600;

/// A field value with the FIT base type it is written as.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum V {
    /// `enum` (0x00).
    Enum(u8),
    /// `uint8` (0x02).
    U8(u8),
    /// `uint16` (0x84).
    U16(u16),
    /// `sint32` (0x85).
    I32(i32),
    /// `uint32` (0x86).
    U32(u32),
    /// `uint32z` (0x8C).
    U32z(u32),
    /// A null-terminated `string` (0x07).
    Str(String),
    /// `byte` array (0x0D).
    Bytes(Vec<u8>),
}

impl V {
    fn base_type(&self) -> u8 {
        match self {
            V::Enum(_) => 0x00,
            V::U8(_) => 0x02,
            V::U16(_) => 0x84,
            V::I32(_) => 0x85,
            V::U32(_) => 0x86,
            V::U32z(_) => 0x8C,
            V::Str(_) => 0x07,
            V::Bytes(_) => 0x0D,
        }
    }

    fn bytes(&self) -> Vec<u8> {
        match self {
            V::Enum(v) | V::U8(v) => vec![*v],
            V::U16(v) => v.to_le_bytes().to_vec(),
            V::I32(v) => v.to_le_bytes().to_vec(),
            V::U32(v) | V::U32z(v) => v.to_le_bytes().to_vec(),
            V::Str(s) => {
                let mut b = s.as_bytes().to_vec();
                b.push(0);
                b
            }
            V::Bytes(b) => b.clone(),
        }
    }
}

/// One message to write: a global message number, its fields, and developer fields given as
/// (field number, developer data index, value).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Msg {
    /// Global message number (20 = record, 19 = lap, …).
    pub global: u16,
    /// Field number and value, in the order written.
    pub fields: Vec<(u8, V)>,
    /// Developer fields: field number, developer data index, value.
    pub dev: Vec<(u8, u8, V)>,
}

impl Msg {
    /// An empty message of `global` type.
    pub fn new(global: u16) -> Msg {
        Msg {
            global,
            ..Msg::default()
        }
    }

    /// Adds a field.
    pub fn f(mut self, num: u8, value: V) -> Msg {
        self.fields.push((num, value));
        self
    }
}

/// The FIT CRC of `bytes`.
fn crc16(bytes: &[u8]) -> u16 {
    FIT_CRC.checksum(bytes)
}

/// A definition as the bytes of its definition message (after the header byte).
type Definition = Vec<u8>;

/// Writes messages, emitting a definition whenever a local type is bound to a new layout.
#[derive(Debug, Default)]
pub(crate) struct Encoder {
    data: Vec<u8>,
    locals: [Option<Definition>; 16],
    next_local: usize,
}

fn definition(msg: &Msg) -> Definition {
    let mut d = vec![0u8, 0u8];
    d.extend_from_slice(&msg.global.to_le_bytes());
    d.push(u8::try_from(msg.fields.len()).unwrap_or(u8::MAX));
    for (num, v) in &msg.fields {
        d.extend_from_slice(&[*num, field_size(v), v.base_type()]);
    }
    if !msg.dev.is_empty() {
        d.push(u8::try_from(msg.dev.len()).unwrap_or(u8::MAX));
        for (num, index, v) in &msg.dev {
            d.extend_from_slice(&[*num, field_size(v), *index]);
        }
    }
    d
}

fn field_size(v: &V) -> u8 {
    u8::try_from(v.bytes().len()).unwrap_or(u8::MAX)
}

impl Encoder {
    /// Binds `msg`'s layout to a local type (reusing one already bound to it) and returns it.
    /// Local type 0 is kept for compressed-timestamp records.
    fn bind(&mut self, msg: &Msg, compressed: bool) -> u8 {
        let def = definition(msg);
        let slot = if compressed {
            0
        } else if let Some(i) =
            (1..16).find(|&i| self.locals.get(i).is_some_and(|d| d.as_ref() == Some(&def)))
        {
            i
        } else {
            self.next_local = self.next_local % 15 + 1;
            self.next_local
        };
        let local = u8::try_from(slot).unwrap_or(0);
        let bound = self.locals.get(slot).and_then(|d| d.as_ref());
        if bound != Some(&def) {
            let dev_flag = if msg.dev.is_empty() { 0 } else { 0x20 };
            self.data.push(0x40 | dev_flag | local);
            self.data.extend_from_slice(&def);
            if let Some(d) = self.locals.get_mut(slot) {
                *d = Some(def);
            }
        }
        local
    }

    fn body(&mut self, msg: &Msg) {
        for (_, v) in &msg.fields {
            self.data.extend(v.bytes());
        }
        for (_, _, v) in &msg.dev {
            self.data.extend(v.bytes());
        }
    }

    /// Writes `msg` with a normal header.
    pub fn write(&mut self, msg: &Msg) {
        let local = self.bind(msg, false);
        self.data.push(local);
        self.body(msg);
    }

    /// Writes `msg` (which must not hold a timestamp field) with a compressed-timestamp header
    /// carrying the low five bits of the timestamp.
    pub fn write_compressed(&mut self, msg: &Msg, time_offset: u8) {
        let local = self.bind(msg, true);
        self.data.push(0x80 | (local << 5) | (time_offset & 0x1F));
        self.body(msg);
    }

    /// Writes `count` copies of `msg` with compressed-timestamp headers, one second apart after
    /// FIT time `after`: as `count` calls of [`Encoder::write_compressed`], bound once.
    pub fn write_compressed_seconds(&mut self, msg: &Msg, after: u32, count: usize) {
        let local = self.bind(msg, true);
        let mut body = Vec::new();
        for v in msg
            .fields
            .iter()
            .map(|f| &f.1)
            .chain(msg.dev.iter().map(|d| &d.2))
        {
            body.extend(v.bytes());
        }
        self.data.reserve(count.saturating_mul(body.len() + 1));
        let mut t = after;
        for _ in 0..count {
            t = t.wrapping_add(1);
            self.data.push(0x80 | (local << 5) | (t & 0x1F) as u8);
            self.data.extend_from_slice(&body);
        }
    }

    /// The complete file: 14-byte header with its CRC, the data, the file CRC.
    pub fn finish(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.data.len() + 16);
        out.push(14);
        out.push(0x20); // protocol 2.0
        out.extend_from_slice(&2132u16.to_le_bytes()); // profile 21.32
        let size = u32::try_from(self.data.len()).unwrap_or(u32::MAX);
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(b".FIT");
        let header_crc = crc16(&out);
        out.extend_from_slice(&header_crc.to_le_bytes());
        out.extend_from_slice(&self.data);
        let file_crc = crc16(&out);
        out.extend_from_slice(&file_crc.to_le_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_definition_is_written_once_per_layout() {
        let mut e = Encoder::default();
        let m = Msg::new(20).f(253, V::U32(1)).f(3, V::U8(140));
        e.write(&m);
        e.write(&m);
        // definition: header + 5 fixed bytes + 2 fields × 3 = 12; each data message 1 + 4 + 1 = 6.
        assert_eq!(e.data.len(), 12 + 6 + 6);
        assert_eq!(e.data.first(), Some(&0x41));
    }

    #[test]
    fn the_crc_is_crc16_arc() {
        // The published check value of CRC-16/ARC for the ASCII bytes "123456789" is 0xBB3D.
        assert_eq!(crc16(b"123456789"), 0xBB3D);
    }

    #[test]
    fn header_and_file_crcs_check_out() {
        let bytes = Encoder::default().finish();
        // Header of 14 bytes and a 2-byte file CRC over it; the CRC over all 16 bytes is 0.
        assert_eq!(bytes.len(), 16);
        assert_eq!(crc16(&bytes), 0);
        assert_eq!(crc16(bytes.get(..14).unwrap_or(&[])), 0);
    }
}
