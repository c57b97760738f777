//! Small helpers shared by the XML readers (GPX, TCX): finding the root element for format
//! detection, local names without namespace prefixes, and number parsing.

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
