//! Shared machinery of the XML readers (GPX, TCX): root-element sniffing for format detection, a
//! hardened event walker over quick-xml (no DOCTYPE, capped depth, truncation told apart from
//! malformed XML), and the sample clean-up both readers need.

mod samples;
mod text;
mod time;
mod untimed;

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::activity::{Kept, Warning};
use crate::error::ReadError;

pub(crate) use samples::{finish_samples, is_hr_dropout, parse_hr, Segments};
pub(crate) use text::{parse_f64, TextCollector};
pub(crate) use time::parse_time;
pub(crate) use untimed::interpolate_times;

/// Deepest element nesting accepted; real GPX/TCX files stay below 10.
pub(crate) const MAX_DEPTH: usize = 128;

/// The name of the first element of an XML document, skipping a BOM, the XML declaration,
/// comments, processing instructions and a DOCTYPE. Looks at the first 4 KiB only.
pub(crate) fn root_element(bytes: &[u8]) -> Option<&str> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let mut i = 0;
    while i < head.len() {
        if head[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &head[i + 1..];
        match rest.first() {
            Some(b'?') | Some(b'!') => {
                i += 1;
            }
            Some(_) => {
                let end = rest
                    .iter()
                    .position(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
                    .unwrap_or(rest.len());
                return std::str::from_utf8(&rest[..end])
                    .ok()
                    .filter(|s| !s.is_empty());
            }
            None => return None,
        }
    }
    None
}

/// The input as text: UTF-8 as is (a BOM is left for quick-xml to skip, so byte offsets stay
/// those of the file); a UTF-8 sequence cut by truncation is trimmed; anything else is read as
/// ISO-8859-1 with a warning (the numbers, all ASCII, are unaffected).
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, Option<Warning>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), None),
        Err(e) if e.error_len().is_none() => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            (
                Cow::Borrowed(std::str::from_utf8(valid).unwrap_or_default()),
                None,
            )
        }
        Err(e) => {
            let latin1: String = bytes.iter().map(|&b| char::from(b)).collect();
            let warning = Warning::XmlNotUtf8 {
                first_bad_byte: e.valid_up_to(),
            };
            (Cow::Owned(latin1), Some(warning))
        }
    }
}

/// The element name without its namespace prefix (`gpxtpx:hr` → `hr`).
pub(crate) fn local_name<'n>(e: &'n BytesStart<'_>) -> &'n str {
    let name = e.name().0;
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// The raw value of the attribute whose local name is `key`, if present and well formed.
pub(crate) fn attribute<'e>(e: &'e BytesStart<'_>, key: &str) -> Option<Cow<'e, str>> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let name = a.key.0;
        let local = name.rsplit_once(':').map_or(name, |(_, l)| l);
        (local == key).then_some(a.value)
    })
}

/// An attribute value with entity references resolved (for free text such as a creator name).
pub(crate) fn attribute_text(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        (a.key.0 == key).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(|_| a.value.to_string(), |v| v.into_owned())
        })
    })
}

/// One step of the walk: an element opens (empty elements open and then close), closes, or
/// some character data (with references resolved) appears.
pub(crate) enum Node<'a> {
    /// An element starts.
    Start(BytesStart<'a>),
    /// The innermost open element ends.
    End,
    /// Character data inside the innermost open element.
    Text(Cow<'a, str>),
    /// The document ended with every element closed.
    Eof,
}

/// Why a walk stopped before a clean end.
pub(crate) struct Stop {
    /// True when the input simply ends early (inside markup or with elements still open), as a
    /// file cut short by a dead battery does; false for malformed or refused XML.
    pub truncated: bool,
    /// True when the XML was refused (a DOCTYPE, nesting over the cap) rather than damaged:
    /// nothing of such a file is kept.
    pub refused: bool,
    /// Byte offset where the reader stopped.
    pub offset: u64,
    /// What went wrong, in plain words.
    pub message: String,
}

impl Stop {
    /// The warning a reader gives when it keeps what it read before a cut or damage; `None` when
    /// the XML was refused, so nothing may be kept.
    pub(crate) fn keep_warning(&self, kept: Kept) -> Option<Warning> {
        let (at_byte, reason) = (self.offset, self.message.clone());
        if self.refused {
            None
        } else if self.truncated {
            Some(Warning::XmlCutShort {
                at_byte,
                reason,
                kept,
            })
        } else {
            Some(Warning::XmlDamaged {
                at_byte,
                reason,
                kept,
            })
        }
    }

    /// The error a reader returns when it cannot keep anything.
    pub(crate) fn into_error(self, format: &'static str) -> ReadError {
        ReadError::Xml {
            format,
            offset: self.offset,
            message: self.message,
        }
    }
}

/// A pull parser over in-memory XML that borrows text from the input, refuses DOCTYPE, caps
/// nesting at [`MAX_DEPTH`] and tells truncation apart from malformed XML.
pub(crate) struct Walker<'a> {
    reader: Reader<&'a [u8]>,
    /// Bytes skipped before the reader's input (a BOM), added to reported offsets.
    skipped: u64,
    depth: usize,
    pending_end: bool,
}

impl<'a> Walker<'a> {
    /// A walker over `text`, which may start with a BOM.
    pub(crate) fn new(text: &'a str) -> Walker<'a> {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = Reader::from_str(body);
        // A damaged end tag closes the innermost element instead of ending the read.
        reader.config_mut().check_end_names = false;
        Walker {
            reader,
            skipped: text.len().saturating_sub(body.len()) as u64,
            depth: 0,
            pending_end: false,
        }
    }

    /// Byte offset of the reader in the input.
    pub(crate) fn offset(&self) -> u64 {
        self.reader.buffer_position().saturating_add(self.skipped)
    }

    /// The next node, or why the walk cannot go on.
    pub(crate) fn next_node(&mut self) -> Result<Node<'a>, Stop> {
        if self.pending_end {
            self.pending_end = false;
            self.depth = self.depth.saturating_sub(1);
            return Ok(Node::End);
        }
        loop {
            let event = self.reader.read_event().map_err(|e| self.stop_on(e))?;
            match event {
                Event::Start(e) => return self.open(e),
                Event::Empty(e) => {
                    self.pending_end = true;
                    return self.open(e);
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(Node::End);
                }
                Event::Text(t) => return Ok(Node::Text(t.into_inner())),
                Event::CData(t) => return Ok(Node::Text(t.into_inner())),
                Event::GeneralRef(r) => {
                    if let Some(c) = resolve_reference(&r) {
                        return Ok(Node::Text(Cow::Owned(c.to_string())));
                    }
                }
                Event::DocType(_) => {
                    return Err(self.refuse(
                        "DOCTYPE declarations are refused (they can define entities); \
                         GPX and TCX files never need one",
                    ))
                }
                Event::Eof if self.depth > 0 => {
                    return Err(Stop {
                        truncated: true,
                        refused: false,
                        offset: self.offset(),
                        message: format!(
                            "the file ends with {} still open",
                            crate::words::plural(self.depth, "element", "elements")
                        ),
                    })
                }
                Event::Eof => return Ok(Node::Eof),
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            }
        }
    }

    fn open(&mut self, e: BytesStart<'a>) -> Result<Node<'a>, Stop> {
        self.depth = self.depth.saturating_add(1);
        if self.depth > MAX_DEPTH {
            return Err(self.refuse("elements nested more than 128 deep; refused"));
        }
        Ok(Node::Start(e))
    }

    fn refuse(&self, message: &str) -> Stop {
        Stop {
            truncated: false,
            refused: true,
            offset: self.offset(),
            message: message.to_string(),
        }
    }

    fn stop_on(&self, e: quick_xml::Error) -> Stop {
        Stop {
            truncated: matches!(e, quick_xml::Error::Syntax(_)),
            refused: false,
            offset: self.reader.error_position().saturating_add(self.skipped),
            message: e.to_string(),
        }
    }
}

/// The character a general reference stands for: the five predefined entities and character
/// references; `None` for anything else (there is no DTD to define more).
fn resolve_reference(r: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    match &**r {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
