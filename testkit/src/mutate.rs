//! Seeded mutators for fuzzing the readers on stable Rust: byte-level damage (flips, truncation,
//! insertion, duplication, splicing, interesting values) and XML-aware damage (tags, numbers,
//! text). The same (seed, index) always gives the same input, so any finding can be replayed.

use runaudit::activity::Format;

use crate::SplitMix64;

/// Whether a seed is binary (FIT) or text (GPX, TCX); text also gets the XML-aware mutators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// FIT and other binary input.
    Binary,
    /// GPX and TCX.
    Xml,
}

impl Kind {
    /// The kind of a format's files.
    pub fn of(format: Format) -> Kind {
        match format {
            Format::Fit => Kind::Binary,
            Format::Gpx | Format::Tcx | Format::AppleHealth => Kind::Xml,
        }
    }
}

/// Bytes that break parsers more often than random ones.
const INTERESTING_8: [u8; 8] = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, 0x0D, 0x0A];
/// Multi-byte little-endian values for numeric positions (sizes, counts, timestamps).
const INTERESTING_32: [u32; 8] = [
    0,
    1,
    0x7FFF,
    0xFFFF,
    0x7FFF_FFFF,
    0x8000_0000,
    0xFFFF_FFFF,
    0x1000_0000,
];
/// Replacements for numbers in XML text.
const XML_NUMBERS: [&str; 14] = [
    "NaN",
    "inf",
    "-inf",
    "-1",
    "0",
    "255",
    "1e308",
    "-1e308",
    "99999999999999999999999",
    "",
    "1.7976931348623157e309",
    "-90.0000001",
    "180.5",
    "2e-400",
];
/// Fragments spliced into XML.
const XML_FRAGMENTS: [&str; 14] = [
    "<",
    ">",
    "</",
    "&amp;",
    "&#0;",
    "&#xFFFFFF;",
    "&undefined;",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>",
    "<?pi?>",
    "<!--",
    "\u{FEFF}",
    "\"",
];

/// The `index`-th mutant of `seeds` for `seed`: one seed file (and a second one to splice from)
/// chosen by the index, then one to four stacked mutations. Empty `seeds` give an empty input.
pub fn nth(seeds: &[Vec<u8>], kind: Kind, seed: u64, index: u64) -> Vec<u8> {
    let mut rng = SplitMix64::new(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let n = seeds.len() as u64;
    if n == 0 {
        return Vec::new();
    }
    let pick = |r: &mut SplitMix64| seeds.get((r.next_u64() % n) as usize);
    let mut bytes = pick(&mut rng).cloned().unwrap_or_default();
    let other = pick(&mut rng).cloned().unwrap_or_default();
    let rounds = 1 + rng.next_u64() % 4;
    for _ in 0..rounds {
        mutate(&mut bytes, &other, kind, &mut rng);
    }
    bytes
}

/// Applies one randomly chosen mutation to `bytes` (`other` is the splice partner).
pub fn mutate(bytes: &mut Vec<u8>, other: &[u8], kind: Kind, rng: &mut SplitMix64) {
    let choices = match kind {
        Kind::Binary => 9,
        Kind::Xml => 13,
    };
    match rng.next_u64() % choices {
        0 => flip_bit(bytes, rng),
        1 => set_byte(bytes, rng),
        2 => interesting_byte(bytes, rng),
        3 => interesting_word(bytes, rng),
        4 => truncate(bytes, rng),
        5 => insert_random(bytes, rng),
        6 => duplicate_chunk(bytes, rng),
        7 => delete_chunk(bytes, rng),
        8 => splice(bytes, other, rng),
        9 => mutate_number(bytes, rng),
        10 => insert_fragment(bytes, rng),
        11 => mutate_tag(bytes, rng),
        _ => nest_deeply(bytes, rng),
    }
}

/// A position in `0..len` (0 when empty).
fn pos(len: usize, rng: &mut SplitMix64) -> usize {
    if len == 0 {
        0
    } else {
        (rng.next_u64() % len as u64) as usize
    }
}

/// A chunk length from 1 to `max`, small ones more likely.
fn chunk_len(max: usize, rng: &mut SplitMix64) -> usize {
    let cap = match rng.next_u64() % 3 {
        0 => 4,
        1 => 64,
        _ => 4096,
    };
    1 + pos(max.clamp(1, cap), rng)
}

fn flip_bit(bytes: &mut [u8], rng: &mut SplitMix64) {
    let i = pos(bytes.len(), rng);
    let bit = 1u8 << (rng.next_u64() % 8);
    if let Some(b) = bytes.get_mut(i) {
        *b ^= bit;
    }
}

fn set_byte(bytes: &mut [u8], rng: &mut SplitMix64) {
    let i = pos(bytes.len(), rng);
    let v = rng.next_u64() as u8;
    if let Some(b) = bytes.get_mut(i) {
        *b = v;
    }
}

fn interesting_byte(bytes: &mut [u8], rng: &mut SplitMix64) {
    let i = pos(bytes.len(), rng);
    let v = INTERESTING_8
        .get(pos(INTERESTING_8.len(), rng))
        .copied()
        .unwrap_or(0);
    if let Some(b) = bytes.get_mut(i) {
        *b = v;
    }
}

/// Overwrites 2 or 4 bytes with an interesting little-endian value.
fn interesting_word(bytes: &mut [u8], rng: &mut SplitMix64) {
    let v = INTERESTING_32
        .get(pos(INTERESTING_32.len(), rng))
        .copied()
        .unwrap_or(0)
        .to_le_bytes();
    let width = if rng.next_u64().is_multiple_of(2) {
        2
    } else {
        4
    };
    let i = pos(bytes.len(), rng);
    if let (Some(dst), Some(src)) = (bytes.get_mut(i..i.saturating_add(width)), v.get(..width)) {
        dst.copy_from_slice(src);
    }
}

fn truncate(bytes: &mut Vec<u8>, rng: &mut SplitMix64) {
    let at = pos(bytes.len(), rng);
    bytes.truncate(at);
}

fn insert_random(bytes: &mut Vec<u8>, rng: &mut SplitMix64) {
    let at = pos(bytes.len().saturating_add(1), rng);
    let n = chunk_len(16, rng);
    let fill: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
    bytes.splice(at..at, fill);
}

fn duplicate_chunk(bytes: &mut Vec<u8>, rng: &mut SplitMix64) {
    let from = pos(bytes.len(), rng);
    let n = chunk_len(bytes.len().saturating_sub(from), rng);
    let Some(chunk) = bytes.get(from..from.saturating_add(n)).map(<[u8]>::to_vec) else {
        return;
    };
    let to = pos(bytes.len().saturating_add(1), rng);
    bytes.splice(to..to, chunk);
}

fn delete_chunk(bytes: &mut Vec<u8>, rng: &mut SplitMix64) {
    let from = pos(bytes.len(), rng);
    let n = chunk_len(bytes.len().saturating_sub(from), rng);
    let to = from.saturating_add(n).min(bytes.len());
    if from < to {
        bytes.drain(from..to);
    }
}

/// A prefix of `bytes` followed by a suffix of `other`.
fn splice(bytes: &mut Vec<u8>, other: &[u8], rng: &mut SplitMix64) {
    let cut = pos(bytes.len().saturating_add(1), rng);
    let from = pos(other.len().saturating_add(1), rng);
    bytes.truncate(cut);
    bytes.extend_from_slice(other.get(from..).unwrap_or_default());
}

/// Replaces a run of digits (with sign, point and exponent) by an interesting number.
fn mutate_number(bytes: &mut Vec<u8>, rng: &mut SplitMix64) {
    let start = pos(bytes.len(), rng);
    let Some(i) = bytes
        .get(start..)
        .and_then(|rest| rest.iter().position(u8::is_ascii_digit))
        .map(|k| start.saturating_add(k))
    else {
        return;
    };
    let is_num = |b: &u8| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'e' | b'E' | b'+');
    let end = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|b| !is_num(b)))
        .map_or(bytes.len(), |k| i.saturating_add(k));
    let with = XML_NUMBERS
        .get(pos(XML_NUMBERS.len(), rng))
        .copied()
        .unwrap_or("");
    bytes.splice(i..end, with.bytes());
}

fn insert_fragment(bytes: &mut Vec<u8>, rng: &mut SplitMix64) {
    let at = pos(bytes.len().saturating_add(1), rng);
    let with = XML_FRAGMENTS
        .get(pos(XML_FRAGMENTS.len(), rng))
        .copied()
        .unwrap_or("");
    bytes.splice(at..at, with.bytes());
}

/// Damages an element: renames it, drops its end tag, or repeats its start tag.
fn mutate_tag(bytes: &mut Vec<u8>, rng: &mut SplitMix64) {
    let start = pos(bytes.len(), rng);
    let Some(lt) = bytes
        .get(start..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
        .map(|k| start.saturating_add(k))
    else {
        return;
    };
    let Some(gt) = bytes
        .get(lt..)
        .and_then(|rest| rest.iter().position(|&b| b == b'>'))
        .map(|k| lt.saturating_add(k))
    else {
        return;
    };
    match rng.next_u64() % 3 {
        0 => {
            let name_at = lt.saturating_add(1);
            if let Some(b) = bytes.get_mut(name_at) {
                *b = b'a' + (rng.next_u64() % 26) as u8;
            }
        }
        1 => {
            bytes.drain(lt..=gt);
        }
        _ => {
            let Some(tag) = bytes.get(lt..=gt).map(<[u8]>::to_vec) else {
                return;
            };
            let times = 1 + pos(64, rng);
            let repeated: Vec<u8> = tag.repeat(times);
            bytes.splice(lt..lt, repeated);
        }
    }
}

/// Inserts a few hundred to many thousand nested start tags.
fn nest_deeply(bytes: &mut Vec<u8>, rng: &mut SplitMix64) {
    let at = pos(bytes.len().saturating_add(1), rng);
    let depth = 100usize << pos(8, rng);
    bytes.splice(at..at, b"<x>".repeat(depth));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_and_index_give_the_same_input() {
        let seeds = vec![b"<gpx><trk><trkpt lat=\"1.5\" lon=\"2\"/></trk></gpx>".to_vec()];
        let a = nth(&seeds, Kind::Xml, 7, 42);
        assert_eq!(a, nth(&seeds, Kind::Xml, 7, 42));
        // Different indices give different inputs (at least most of the time).
        let distinct: std::collections::HashSet<Vec<u8>> =
            (0..50).map(|i| nth(&seeds, Kind::Xml, 7, i)).collect();
        assert!(distinct.len() > 25, "{}", distinct.len());
    }

    #[test]
    fn mutators_handle_empty_input() {
        let mut rng = SplitMix64::new(1);
        for _ in 0..500 {
            let mut empty = Vec::new();
            mutate(&mut empty, &[], Kind::Xml, &mut rng);
        }
    }

    #[test]
    fn number_mutation_keeps_the_text_around_numbers() {
        // Only characters of a number are replaced, so "lat=" and " x" survive every time, and
        // at least one of 100 tries changes the input.
        let mut changed = 0;
        for seed in 0..100 {
            let mut rng = SplitMix64::new(seed);
            let mut b = b"lat=12.5e3 x".to_vec();
            mutate_number(&mut b, &mut rng);
            assert!(b.starts_with(b"lat=") && b.ends_with(b" x"), "{b:?}");
            changed += usize::from(b != b"lat=12.5e3 x");
        }
        assert!(changed > 50, "{changed}");
    }
}
