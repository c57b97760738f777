//! Finding where FIT messages parse again after damage (a data message of an undefined local
//! type, typically a byte lost or inserted in transfer): the first position from which a chain
//! of well-formed messages follows, judged strictly so random bytes are not taken for messages.

use super::layout::Layout;
use crate::activity::{Resync, Warning};

/// Messages that must parse in a row before a position is trusted.
const CHAIN: usize = 4;
/// The same for files that use compressed-timestamp headers, where a random byte is far more
/// often a plausible header (any byte ≥ 0x80 with a defined local type).
const CHAIN_COMPRESSED: usize = 12;
/// FIT base types (the low 5 bits with the endian flag), for judging definitions.
const BASE_TYPES: [u8; 17] = [
    0x00, 0x01, 0x02, 0x83, 0x84, 0x85, 0x86, 0x07, 0x88, 0x89, 0x0A, 0x8B, 0x8C, 0x0D, 0x8E, 0x8F,
    0x90,
];

/// The first position in `from..data.len()` where a chain of messages parses with the layouts
/// known so far (and definitions found on the way); `None` when there is none.
pub(super) fn find(
    data: &[u8],
    from: usize,
    layouts: &[Option<Layout>; 16],
    compressed_seen: bool,
) -> Option<usize> {
    let need = if compressed_seen {
        CHAIN_COMPRESSED
    } else {
        CHAIN
    };
    (from..data.len()).find(|&p| chain_holds(data, p, layouts, compressed_seen, need))
}

/// True when `need` messages parse in a row from `p`, or at least two reach the end of the data
/// exactly.
fn chain_holds(
    data: &[u8],
    mut p: usize,
    layouts: &[Option<Layout>; 16],
    compressed_ok: bool,
    need: usize,
) -> bool {
    let mut layouts = *layouts;
    let mut n = 0usize;
    while n < need {
        if p == data.len() {
            return n >= 2;
        }
        let Some(len) = message_len(data, p, &mut layouts, compressed_ok) else {
            return false;
        };
        p = match p.checked_add(len) {
            Some(next) if next <= data.len() => next,
            _ => return false,
        };
        n += 1;
    }
    true
}

/// Length of a strictly well-formed message at `p` (recording a definition's layout).
fn message_len(
    data: &[u8],
    p: usize,
    layouts: &mut [Option<Layout>; 16],
    compressed_ok: bool,
) -> Option<usize> {
    let h = *data.get(p)?;
    let local = if h & 0x80 != 0 {
        if !compressed_ok {
            return None;
        }
        (h >> 5) & 0x03
    } else if h & 0x40 != 0 {
        return definition_len(data, p, h, layouts);
    } else if h & 0x30 != 0 {
        // Bits 4 and 5 of a data message header are reserved (zero).
        return None;
    } else {
        h & 0x0F
    };
    let layout = (*layouts.get(usize::from(local))?)?;
    1usize
        .checked_add(layout.field_bytes)?
        .checked_add(layout.dev_bytes)
}

/// Length of a definition at `p` whose reserved bits and bytes are zero, architecture is 0 or
/// 1, and fields all have a known base type and a size; records its layout.
fn definition_len(
    data: &[u8],
    p: usize,
    h: u8,
    layouts: &mut [Option<Layout>; 16],
) -> Option<usize> {
    if h & 0x10 != 0 {
        return None;
    }
    let fixed = data.get(p..p.checked_add(6)?)?;
    if fixed.get(1) != Some(&0) || fixed.get(2).is_none_or(|&a| a > 1) {
        return None;
    }
    let n_fields = usize::from(*fixed.get(5)?);
    let fields_start = p.checked_add(6)?;
    let fields_end = fields_start.checked_add(n_fields.checked_mul(3)?)?;
    let fields = data.get(fields_start..fields_end)?;
    if n_fields == 0
        || fields
            .chunks_exact(3)
            .any(|f| f[1] == 0 || !BASE_TYPES.contains(&f[2]))
    {
        return None;
    }
    let field_bytes = fields.chunks_exact(3).map(|f| usize::from(f[1])).sum();
    let (dev_bytes, end) = if h & 0x20 != 0 {
        let n_dev = usize::from(*data.get(fields_end)?);
        let dev_start = fields_end.checked_add(1)?;
        let dev_end = dev_start.checked_add(n_dev.checked_mul(3)?)?;
        let devs = data.get(dev_start..dev_end)?;
        (
            devs.chunks_exact(3).map(|d| usize::from(d[1])).sum(),
            dev_end,
        )
    } else {
        (0, fields_end)
    };
    *layouts.get_mut(usize::from(h & 0x0F))? = Some(Layout {
        field_bytes,
        dev_bytes,
    });
    end.checked_sub(p)
}

/// Places described in detail in a warning; the rest are counted.
pub(super) const DETAILED: usize = 3;

/// One warning for the resynchronizations of a chunk: the first few in detail, then a count.
pub(super) fn warning(resyncs: &[Resync], count: usize) -> Option<Warning> {
    if resyncs.is_empty() {
        return None;
    }
    Some(Warning::FitResynced {
        places: resyncs.iter().take(DETAILED).copied().collect(),
        more: count.saturating_sub(DETAILED),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::fit::testfit::definition;

    fn record_layout() -> [Option<Layout>; 16] {
        let mut l = [None; 16];
        l[0] = Some(Layout {
            field_bytes: 4,
            dev_bytes: 0,
        });
        l
    }

    #[test]
    fn finds_the_next_chain_of_data_messages() {
        // Two garbage bytes (0x3B: reserved bits set; 0x05: undefined type), then four 5-byte
        // data messages of local type 0: the chain starts at index 2.
        let mut data = vec![0x3B, 0x05];
        for _ in 0..4 {
            data.extend_from_slice(&[0x00, 1, 2, 3, 4]);
        }
        assert_eq!(find(&data, 0, &record_layout(), false), Some(2));
    }

    #[test]
    fn a_definition_counts_and_defines() {
        // A definition of local type 1 (one 2-byte field) then two of its messages reach the end.
        let mut data = vec![0xFF];
        data.extend(definition(1, 20, &[(3, 2, 0x84)]));
        data.extend_from_slice(&[0x01, 7, 7, 0x01, 8, 8]);
        assert_eq!(find(&data, 0, &[None; 16], false), Some(1));
    }

    #[test]
    fn random_bytes_give_no_chain() {
        // Local type 0 is defined, but no run of 0x00 headers five bytes apart exists.
        let data: Vec<u8> = (1..=200u8).collect();
        assert_eq!(find(&data, 0, &record_layout(), false), None);
        // Compressed headers (0x80) are only believed once the file has used them.
        let compressed = vec![0x80; 40];
        assert_eq!(find(&compressed, 0, &record_layout(), false), None);
        assert_eq!(find(&compressed, 0, &record_layout(), true), Some(0));
    }
}
