//! Small helpers the GPX and TCX writers share: UTC times with `Z`, and quick-xml elements
//! written in one call.

use std::io;

use chrono::{DateTime, SecondsFormat, Utc};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// The XML writer both formats use (one-space indentation keeps files small and readable).
pub(crate) type Xml = Writer<Vec<u8>>;

/// A whole document: the XML declaration, what `body` writes, and a final newline. Writing into
/// memory cannot fail short of a bug in `body`; then the result is empty.
pub(crate) fn document(body: impl FnOnce(&mut Xml) -> io::Result<()>) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    let written = w
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| body(&mut w));
    match written {
        Ok(()) => {
            let mut out = w.into_inner();
            out.push(b'\n');
            out
        }
        Err(_) => Vec::new(),
    }
}

/// `2025-01-06T07:00:00Z`.
pub(crate) fn iso_z(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `<name>text</name>`.
pub(crate) fn text(w: &mut Xml, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

/// `<name attr…>`.
pub(crate) fn open(w: &mut Xml, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    let start = BytesStart::new(name).with_attributes(attrs.iter().copied());
    w.write_event(Event::Start(start))
}

/// `</name>`.
pub(crate) fn close(w: &mut Xml, name: &str) -> io::Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_end_in_z() {
        let t = Utc
            .with_ymd_and_hms(2025, 1, 6, 7, 5, 9)
            .single()
            .unwrap_or_default();
        assert_eq!(iso_z(t), "2025-01-06T07:05:09Z");
    }
}
