//! The adapter's reader of name fields (`sport.name`, `session.sport_profile_name`,
//! `workout.wkt_name`) from the bytes: fitparser drops a string that is not valid UTF-8, while a
//! name cut inside a character is still worth its start, so the adapter reads it as the fast path
//! does, locating the field by the definition it parses alongside fitparser.

use crate::read::fit::messages::fit_text;

/// FIT base type `string` (masked with 0x9F).
const STRING: u8 = 0x07;

/// The messages whose names are read: `sport`, `session`, `workout`.
const NAMED: [u16; 3] = [12, 18, 26];

/// Where the string fields of one local message type lie in its data messages (after the header
/// byte): field number, offset, size.
#[derive(Debug, Clone, Default)]
struct Layout {
    strings: Vec<(u8, usize, usize)>,
}

/// The string-field layouts of the current definitions, by local message type.
#[derive(Debug, Default)]
pub(super) struct RawTexts {
    locals: [Option<Layout>; 16],
}

/// The names read from one data message: field number and text.
#[derive(Debug, Clone, Default)]
pub(super) struct Names(Vec<(u8, String)>);

impl Names {
    /// The text of field `num`, if it is a string with something in it.
    pub(super) fn get(&self, num: u8) -> Option<String> {
        self.0
            .iter()
            .find(|(n, _)| *n == num)
            .map(|(_, t)| t.clone())
    }
}

impl RawTexts {
    /// Takes note of a definition message (its bytes, header byte first). The sanitized copy has
    /// no developer fields, so the fields alone lay out the data messages.
    pub(super) fn define(&mut self, bytes: &[u8]) {
        let Some(&header) = bytes.first() else {
            return;
        };
        let big = bytes.get(2) == Some(&1);
        let global = match (bytes.get(3), bytes.get(4)) {
            (Some(&a), Some(&b)) if big => u16::from_be_bytes([a, b]),
            (Some(&a), Some(&b)) => u16::from_le_bytes([a, b]),
            _ => return,
        };
        let n = bytes.get(5).map_or(0, |&n| usize::from(n));
        let fields = bytes
            .get(6..6usize.saturating_add(n.saturating_mul(3)))
            .unwrap_or_default();
        let mut layout = Layout::default();
        let mut at = 0usize;
        for f in fields.chunks_exact(3) {
            let (num, size, base_type) = (f[0], usize::from(f[1]), f[2] & 0x9F);
            if base_type == STRING && NAMED.contains(&global) {
                layout.strings.push((num, at, size));
            }
            at = at.saturating_add(size);
        }
        if let Some(slot) = self.locals.get_mut(usize::from(header & 0x0F)) {
            *slot = Some(layout);
        }
    }

    /// The names in a data message (its bytes, header byte first).
    pub(super) fn names(&self, bytes: &[u8]) -> Names {
        let Some(&header) = bytes.first() else {
            return Names::default();
        };
        let local = if header & 0x80 != 0 {
            (header >> 5) & 0x03
        } else {
            header & 0x0F
        };
        let body = bytes.get(1..).unwrap_or_default();
        let Some(Some(layout)) = self.locals.get(usize::from(local)) else {
            return Names::default();
        };
        let mut names = Vec::new();
        for &(num, at, size) in &layout.strings {
            let text = body.get(at..at.saturating_add(size)).and_then(fit_text);
            if let Some(text) = text.filter(|_| !names.iter().any(|(n, _)| *n == num)) {
                names.push((num, text));
            }
        }
        Names(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_found_by_its_definition() {
        // Local type 2 defines a workout (26): sport enum (1 byte), wkt_name string (8 bytes).
        let mut raw = RawTexts::default();
        raw.define(&[0x42, 0, 0, 26, 0, 2, 4, 1, 0x00, 8, 8, 0x07]);
        let names = raw.names(b"\x02\x01Hills\xC3\0\0");
        assert_eq!(names.get(8).as_deref(), Some("Hills\u{FFFD}"));
        assert_eq!(names.get(4), None);
        // A data message of an undefined local type, and one cut short, give nothing.
        assert_eq!(raw.names(b"\x05\x01Hills").get(8), None);
        assert_eq!(raw.names(b"\x02").get(8), None);
    }
}
