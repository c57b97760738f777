//! Unit tests of the hardened XML walker, the text collector and the input decoding.

use super::text::MAX_TEXT_BYTES;
use super::*;

fn walk(text: &str) -> Result<usize, Stop> {
    let mut w = Walker::new(text);
    let mut starts = 0;
    loop {
        match w.next_node()? {
            Node::Start(_) => starts += 1,
            Node::Eof => return Ok(starts),
            _ => {}
        }
    }
}

#[test]
fn counts_empty_and_nested_elements() {
    // <a>, <b/> and <c> are three element starts.
    assert_eq!(walk("<a><b/><c>x</c></a>").ok(), Some(3));
}

#[test]
fn a_bom_is_skipped_and_counted_in_offsets() {
    let (text, _) = decode(b"\xef\xbb\xbf<a><b/>");
    let mut w = Walker::new(&text);
    let mut stop = None;
    while stop.is_none() {
        match w.next_node() {
            Ok(Node::Eof) => break,
            Ok(_) => {}
            Err(s) => stop = Some(s),
        }
    }
    // 3 BOM bytes + "<a><b/>" (7 bytes): the file ends at byte 10 with <a> open.
    let got = stop.map(|s| (s.truncated, s.offset, s.message));
    assert_eq!(
        got.as_ref().map(|g| (g.0, g.1)),
        Some((true, 10)),
        "{got:?}"
    );
}

#[test]
fn doctype_is_refused() {
    let stop = walk("<!DOCTYPE gpx [<!ENTITY x \"y\">]><gpx>&x;</gpx>").err();
    assert!(stop.is_some_and(|s| !s.truncated && s.message.contains("DOCTYPE")));
}

#[test]
fn deep_nesting_is_refused() {
    // 129 nested elements: one more than MAX_DEPTH.
    let text = "<a>".repeat(129) + &"</a>".repeat(129);
    let stop = walk(&text).err();
    assert!(stop.is_some_and(|s| !s.truncated && s.message.contains("nested")));
    // 128 is fine.
    let text = "<a>".repeat(128) + &"</a>".repeat(128);
    assert_eq!(walk(&text).ok(), Some(128));
}

#[test]
fn truncation_is_told_apart_from_malformed_xml() {
    assert!(walk("<a><b>1</b><b>2").err().is_some_and(|s| s.truncated));
    assert!(walk("<a><b>1</b><b attr=\"")
        .err()
        .is_some_and(|s| s.truncated));
    for malformed in ["<a><b>1</b></a></a>", "<a>&bogus</a>"] {
        let stop = walk(malformed).err();
        assert!(
            stop.as_ref().is_some_and(|s| !s.truncated && !s.refused),
            "{malformed}: {:?}",
            stop.map(|s| s.message)
        );
    }
}

#[test]
fn a_damaged_end_tag_closes_the_innermost_element() {
    // </c> closes <b>: three starts, and the walk ends cleanly.
    assert_eq!(walk("<a><b>1</c><d/></a>").ok(), Some(3));
}

#[test]
fn references_are_resolved_in_text() {
    let mut w = Walker::new("<a>R&amp;D&#65;</a>");
    let mut text = String::new();
    while let Ok(node) = w.next_node() {
        match node {
            Node::Text(t) => text.push_str(&t),
            Node::Eof => break,
            _ => {}
        }
    }
    assert_eq!(text, "R&DA");
}

#[test]
fn collector_keeps_the_text_of_the_open_leaf_only() {
    let mut c = TextCollector::default();
    c.push("ignored");
    c.start(3, 'x');
    c.push("12");
    c.push(".5");
    assert_eq!(c.end(4), None);
    assert_eq!(c.end(3), Some('x'));
    assert_eq!(c.text(), "12.5");
    // Text past MAX_TEXT_BYTES is dropped, at a character boundary: 4095 ASCII bytes leave
    // room for one more byte, too little for the 2-byte "é".
    c.start(1, 'y');
    c.push(&"a".repeat(MAX_TEXT_BYTES - 1));
    c.push("éé");
    assert_eq!(c.text().len(), MAX_TEXT_BYTES - 1);
}

#[test]
fn latin1_input_is_read_with_a_warning() {
    // 0xE9 is é in ISO-8859-1 and invalid on its own in UTF-8.
    let (text, warning) = decode(b"<name>caf\xe9</name>");
    assert_eq!(text, "<name>café</name>");
    // "<name>caf" is 9 bytes: the first bad byte is at 9.
    assert_eq!(warning, Some(Warning::XmlNotUtf8 { first_bad_byte: 9 }));
    // A multi-byte sequence cut at the end is trimmed, not a Latin-1 case.
    let (text, warning) = decode(b"<a>\xc3");
    assert_eq!((text.as_ref(), warning), ("<a>", None));
}
