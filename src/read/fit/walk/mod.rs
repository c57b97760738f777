//! A structure walker over raw FIT bytes: it checks headers, message framing and CRCs itself, keeps
//! every complete message, and writes a sanitized copy of each FIT file (chained files apart) that
//! fitparser can decode without tripping over the inputs that make it panic, print or give up.

mod layout;
mod resync;

use super::crc;
use crate::activity::{FramingBreak, Resync, Warning};
use crate::error::ReadError;
use layout::Layout;

/// The byte that replaces a field's base type when its size is not a multiple of the type's size
/// (FIT base type `byte`), so the decoder reads it as raw bytes.
const BASE_TYPE_BYTE: u8 = 0x0D;
/// Size of the header written into every sanitized copy.
const COPY_HEADER_LEN: usize = 14;

/// What the walker found in a file.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    /// One entry per FIT file in the input (chained files give several).
    pub chunks: Vec<Chunk>,
    /// Structural problems repaired or skipped.
    pub warnings: Vec<Warning>,
    /// The file's length when it ends before the data its header declares (cut short).
    pub cut_at: Option<usize>,
}

/// One FIT file inside the input.
#[derive(Debug)]
pub(crate) struct Chunk {
    /// Byte offset of its header in the input.
    pub offset: usize,
    /// A self-contained FIT file holding its complete messages: 14-byte header with the true data
    /// size, developer fields removed, odd-sized fields retyped as bytes, a zero CRC.
    pub copy: Vec<u8>,
    /// Number of complete messages (definitions and data) kept.
    pub messages: usize,
}

/// The fixed part of a FIT file header.
#[derive(Debug, Clone, Copy)]
struct Header {
    size: usize,
    protocol: u8,
    profile: [u8; 2],
    data_size: usize,
    crc: Option<u16>,
}

/// Why the walk over a chunk's messages stopped before the end of its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// A message starting at this offset does not fit in the bytes available.
    Cut(usize),
    /// A data message at this offset uses a local type that has no definition.
    Undefined(usize, u8),
}

/// Walks the whole input. Fails only when not even the first header is usable.
pub(crate) fn walk(bytes: &[u8]) -> Result<Walk, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Fit("the file is empty".to_string()));
    }
    let mut out = Walk::default();
    let mut pos = 0usize;
    while pos < bytes.len() {
        let rest = bytes.get(pos..).unwrap_or_default();
        let header = match parse_header(rest) {
            Ok(h) => h,
            Err(why) if pos == 0 => return Err(ReadError::Fit(why)),
            Err(_) => {
                out.warnings.push(trailing_warning(rest, pos));
                break;
            }
        };
        match walk_chunk(bytes, pos, header, &mut out) {
            Some(next) => pos = next,
            None => break,
        }
    }
    Ok(out)
}

/// Describes bytes after the last FIT file that do not start another one.
fn trailing_warning(rest: &[u8], pos: usize) -> Warning {
    if rest.iter().all(|&b| b == 0) {
        Warning::FitPadding {
            bytes: rest.len(),
            from_byte: pos,
        }
    } else {
        Warning::FitTrailingBytes {
            bytes: rest.len(),
            from_byte: pos,
        }
    }
}

/// Reads a FIT file header at the start of `rest`.
fn parse_header(rest: &[u8]) -> Result<Header, String> {
    let size = match rest.first() {
        None => return Err("the file is empty".to_string()),
        Some(&s) => usize::from(s),
    };
    if size < 12 {
        return Err(format!(
            "header size byte is {size}, but a FIT header is 12 or 14 bytes"
        ));
    }
    let fixed = match rest.get(..12) {
        Some(f) => f,
        None => {
            return Err(format!(
                "only {} bytes, too short for a FIT header",
                rest.len()
            ))
        }
    };
    if fixed.get(8..12) != Some(b".FIT".as_slice()) {
        return Err("no \".FIT\" signature at bytes 8 to 11".to_string());
    }
    if rest.len() < size {
        return Err(format!(
            "only {} bytes, shorter than its {size}-byte header",
            rest.len()
        ));
    }
    let le16 = |i: usize| rest.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let data_size = rest
        .get(4..8)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .unwrap_or(0);
    Ok(Header {
        size,
        protocol: rest.get(1).copied().unwrap_or(0x10),
        profile: [
            rest.get(2).copied().unwrap_or(0),
            rest.get(3).copied().unwrap_or(0),
        ],
        data_size: usize::try_from(data_size).unwrap_or(usize::MAX),
        crc: if size >= 14 { le16(12) } else { None },
    })
}

/// Walks one FIT file starting at `pos`; returns where the next one may start, or `None` when the
/// input ends (or is cut) inside this one.
fn walk_chunk(bytes: &[u8], pos: usize, header: Header, out: &mut Walk) -> Option<usize> {
    if header.size != 12 && header.size != 14 {
        out.warnings.push(Warning::FitHeaderSize {
            size_bytes: header.size,
            at_byte: pos,
        });
    }
    check_header_crc(bytes, pos, header, out);
    let data_start = pos.saturating_add(header.size);
    let after_header = bytes.len().saturating_sub(data_start);
    let mut declared_end = data_start.saturating_add(header.data_size);
    if header.data_size == 0 && after_header > 2 {
        out.warnings.push(Warning::FitNoDeclaredData {
            at_byte: pos,
            following_bytes: after_header,
        });
        declared_end = bytes.len().saturating_sub(2);
    } else if declared_end > bytes.len() && ends_with_own_crc(bytes, pos, data_start) {
        out.warnings.push(Warning::FitWrongDataSize {
            at_byte: pos,
            declared_bytes: header.data_size,
            data_bytes: after_header.saturating_sub(2),
        });
        declared_end = bytes.len().saturating_sub(2);
    }
    let avail_end = declared_end.min(bytes.len());
    let data = bytes.get(data_start..avail_end).unwrap_or_default();
    let mut copy = copy_header(header);
    let walked = walk_messages(data, data_start, &mut copy);
    let (messages, stop) = (walked.kept, walked.stop);
    out.warnings
        .extend(resync::warning(&walked.resyncs, walked.resync_count));
    finish_copy(&mut copy);
    out.chunks.push(Chunk {
        offset: pos,
        copy,
        messages,
    });
    match stop {
        Some(Stop::Cut(at)) if avail_end < declared_end => {
            out.cut_at = Some(bytes.len());
            out.warnings.push(Warning::FitCutShort {
                len_bytes: bytes.len(),
                kept_messages: messages,
                incomplete_at_byte: Some(at),
            });
            return None;
        }
        Some(Stop::Cut(at)) => out.warnings.push(Warning::FitPastDeclaredEnd {
            at_byte: at,
            end_byte: declared_end,
            kept_messages: messages,
        }),
        Some(Stop::Undefined(at, local)) => out.warnings.push(Warning::FitUndefinedType {
            at_byte: at,
            local_type: local,
            kept_messages: messages,
            skipped_bytes: avail_end.saturating_sub(at),
        }),
        None if avail_end < declared_end => {
            out.cut_at = Some(bytes.len());
            out.warnings.push(Warning::FitCutShort {
                len_bytes: bytes.len(),
                kept_messages: messages,
                incomplete_at_byte: None,
            });
            return None;
        }
        None => {}
    }
    check_file_crc(bytes, pos, declared_end, out)
}

/// True when the input's last two bytes are the CRC of everything from `pos` before them: the
/// file is complete, whatever its header says about its size.
fn ends_with_own_crc(bytes: &[u8], pos: usize, data_start: usize) -> bool {
    let Some(crc_at) = bytes.len().checked_sub(2).filter(|&c| c >= data_start) else {
        return false;
    };
    let said = bytes
        .get(crc_at..)
        .map(|b| u16::from_le_bytes([b[0], b[1]]));
    said == Some(crc::crc16(bytes.get(pos..crc_at).unwrap_or_default()))
}

/// Warns when a 14-byte header's own CRC (when not 0) does not match bytes 0..12.
fn check_header_crc(bytes: &[u8], pos: usize, header: Header, out: &mut Walk) {
    let Some(said) = header.crc.filter(|&c| c != 0) else {
        return;
    };
    let computed = crc::crc16(bytes.get(pos..pos.saturating_add(12)).unwrap_or_default());
    if said != computed {
        out.warnings.push(Warning::FitHeaderCrc {
            at_byte: pos,
            said,
            computed,
        });
    }
}

/// Checks the 2-byte CRC after a chunk's data (it covers header and data); returns the offset
/// after it, or `None` when the input ends before it.
fn check_file_crc(bytes: &[u8], pos: usize, data_end: usize, out: &mut Walk) -> Option<usize> {
    let crc_end = data_end.checked_add(2)?;
    let Some(said) = bytes
        .get(data_end..crc_end)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
    else {
        out.warnings.push(Warning::FitCrcMissing {
            len_bytes: bytes.len(),
        });
        return None;
    };
    let computed = crc::crc16(bytes.get(pos..data_end).unwrap_or_default());
    if said != computed {
        out.warnings.push(Warning::FitDataCrc {
            file_at_byte: pos,
            said,
            computed,
        });
    }
    Some(crc_end)
}

/// The 14-byte header of a sanitized copy; the data size is filled in by [`finish_copy`].
fn copy_header(header: Header) -> Vec<u8> {
    let mut copy = Vec::with_capacity(COPY_HEADER_LEN + 2);
    copy.push(COPY_HEADER_LEN as u8);
    copy.push(header.protocol);
    copy.extend_from_slice(&header.profile);
    copy.extend_from_slice(&[0, 0, 0, 0]);
    copy.extend_from_slice(b".FIT");
    copy.extend_from_slice(&[0, 0]);
    copy
}

/// Writes the data size into the copy's header and appends a zero CRC (never checked).
fn finish_copy(copy: &mut Vec<u8>) {
    let data_size = u32::try_from(copy.len().saturating_sub(COPY_HEADER_LEN)).unwrap_or(u32::MAX);
    if let Some(slot) = copy.get_mut(4..8) {
        slot.copy_from_slice(&data_size.to_le_bytes());
    }
    copy.extend_from_slice(&[0, 0]);
}

/// What the walk over one chunk's messages found.
#[derive(Debug, Default)]
struct Messages {
    /// Complete messages kept.
    kept: usize,
    /// Why it stopped early, if it did.
    stop: Option<Stop>,
    /// Places where it lost the framing and found it again.
    /// The first few places where it lost the framing and found it again (a hostile file can
    /// hold millions: only the ones the warning shows are kept).
    resyncs: Vec<Resync>,
    /// How many places in all.
    resync_count: usize,
}

/// Walks the messages in `data` (which starts at input offset `base`), appending sanitized ones to
/// `copy`. After a data message of an undefined local type, or a message running past the end of
/// the data, it resynchronizes: it looks for the next position where a chain of messages parses
/// (after an undefined type from just after the previous data message's start, which that
/// message may have swallowed) and goes on from there.
fn walk_messages(data: &[u8], base: usize, copy: &mut Vec<u8>) -> Messages {
    let mut layouts: [Option<Layout>; 16] = [None; 16];
    let mut out = Messages::default();
    let mut i = 0usize;
    // Start of the last data message and the copy's length before it, for a rollback.
    let mut last_data: Option<(usize, usize)> = None;
    let mut compressed_seen = false;
    while let Some(&h) = data.get(i) {
        let copy_len = copy.len();
        let (step, is_data, cause) = if h & 0x80 == 0 && h & 0x40 != 0 {
            let step = definition(data, i, h, &mut layouts, copy);
            (step, false, FramingBreak::Overrun)
        } else {
            let local = if h & 0x80 != 0 {
                (h >> 5) & 0x03
            } else {
                h & 0x0F
            };
            match layouts.get(usize::from(local)).copied().flatten() {
                Some(layout) => (
                    data_message(data, i, layout, copy),
                    true,
                    FramingBreak::Overrun,
                ),
                None => (None, false, FramingBreak::UndefinedType(local)),
            }
        };
        if let Some(len) = step {
            last_data = is_data.then_some((i, copy_len));
            compressed_seen |= is_data && h & 0x80 != 0;
            i = i.saturating_add(len);
            out.kept += 1;
            continue;
        }
        copy.truncate(copy_len);
        let at = base.saturating_add(i);
        let from = match cause {
            FramingBreak::UndefinedType(_) => last_data.map_or(i, |(start, _)| start),
            FramingBreak::Overrun => i,
        };
        let Some(p) = resync::find(data, from.saturating_add(1), &layouts, compressed_seen) else {
            out.stop = Some(match cause {
                FramingBreak::UndefinedType(local) => Stop::Undefined(at, local),
                FramingBreak::Overrun => Stop::Cut(at),
            });
            return out;
        };
        let dropped_previous = p < i;
        if let (true, Some((_, len))) = (dropped_previous, last_data) {
            copy.truncate(len);
            out.kept = out.kept.saturating_sub(1);
        }
        out.resync_count = out.resync_count.saturating_add(1);
        if out.resyncs.len() < resync::DETAILED {
            out.resyncs.push(Resync {
                at_byte: at,
                cause,
                resumed_byte: base.saturating_add(p),
                dropped_previous,
            });
        }
        last_data = None;
        i = p;
    }
    out
}

/// Reads the definition message at `data[i]`, records its layout and appends a sanitized copy
/// (no developer fields, odd-sized fields retyped as bytes). Returns its length, or `None` when it
/// does not fit in `data`.
fn definition(
    data: &[u8],
    i: usize,
    h: u8,
    layouts: &mut [Option<Layout>; 16],
    copy: &mut Vec<u8>,
) -> Option<usize> {
    let has_dev = h & 0x20 != 0;
    let fixed = data.get(i..i.checked_add(6)?)?;
    let n_fields = usize::from(*fixed.get(5)?);
    let fields_end = i.checked_add(6)?.checked_add(n_fields.checked_mul(3)?)?;
    let fields = data.get(i.checked_add(6)?..fields_end)?;
    let (dev_bytes, end) = if has_dev {
        let n_dev = usize::from(*data.get(fields_end)?);
        let dev_start = fields_end.checked_add(1)?;
        let dev_end = dev_start.checked_add(n_dev.checked_mul(3)?)?;
        let devs = data.get(dev_start..dev_end)?;
        let sum = devs.chunks_exact(3).map(|d| usize::from(d[1])).sum();
        (sum, dev_end)
    } else {
        (0, fields_end)
    };
    let field_bytes = fields.chunks_exact(3).map(|f| usize::from(f[1])).sum();
    if let Some(slot) = layouts.get_mut(usize::from(h & 0x0F)) {
        *slot = Some(Layout {
            field_bytes,
            dev_bytes,
        });
    }
    copy.push(h & !0x20);
    copy.extend_from_slice(fixed.get(1..)?);
    for f in fields.chunks_exact(3) {
        copy.extend_from_slice(&[f[0], f[1], sanitize_base_type(f[1], f[2])]);
    }
    end.checked_sub(i)
}

/// Reads the data message at `data[i]` and appends it without its developer fields. Returns its
/// length, or `None` when it does not fit in `data`.
fn data_message(data: &[u8], i: usize, layout: Layout, copy: &mut Vec<u8>) -> Option<usize> {
    let len = 1usize
        .checked_add(layout.field_bytes)?
        .checked_add(layout.dev_bytes)?;
    let whole = data.get(i..i.checked_add(len)?)?;
    copy.extend_from_slice(whole.get(..1usize.checked_add(layout.field_bytes)?)?);
    Some(len)
}

/// The base-type byte to give the decoder: the original, or `byte` when the field's size is not a
/// whole number of values of that type (fitparser would print an error and re-type it itself).
fn sanitize_base_type(size: u8, base_type: u8) -> u8 {
    let unit = base_type_size(base_type & 0x9F);
    if size.is_multiple_of(unit) {
        base_type
    } else {
        BASE_TYPE_BYTE
    }
}

/// Size in bytes of one value of a FIT base type, as fitparser reckons it (unknown types: 1).
fn base_type_size(base_type: u8) -> u8 {
    match base_type {
        0x83 | 0x84 | 0x8B => 2,
        0x85 | 0x86 | 0x88 | 0x8C => 4,
        0x89 | 0x8E | 0x8F | 0x90 => 8,
        _ => 1,
    }
}

#[cfg(test)]
mod tests;
