//! The iPhone Health export's `export.xml` made readable as a stream: its inline DTD (malformed
//! since iOS 16, so strict parsers stop) is dropped, and stray control characters (`\x0b`) become
//! spaces, without ever holding more than one line of the prologue in memory.

use std::io::{self, BufRead, BufReader, Cursor, Read};

/// Largest prologue (declaration, DTD, comments) searched for the root element, bytes; Apple's
/// DTD is about 10 KB.
pub const MAX_PROLOGUE_BYTES: u64 = 1 << 20;

/// Buffer of the reader handed to the XML parser, bytes.
const BUFFER_BYTES: usize = 256 * 1024;

/// True when the first bytes of a file are those of a Health export (`<!DOCTYPE HealthData` or a
/// `<HealthData` root), whatever the file is called (`export.xml`, `导出.xml`, `exportar.xml`).
///
/// ```
/// use runaudit::read::export::apple_stream::is_health_export;
/// assert!(is_health_export(b"<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData [\n"));
/// assert!(is_health_export(b"<?xml version=\"1.0\"?>\n<HealthData locale=\"en_US\">"));
/// assert!(!is_health_export(b"<?xml version=\"1.0\"?>\n<gpx version=\"1.1\">"));
/// ```
pub fn is_health_export(head: &[u8]) -> bool {
    find(head, b"<!DOCTYPE HealthData").is_some() || root_at(head).is_some()
}

/// Where `needle` first occurs in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Where the `<HealthData` start tag is in `line` (followed by a space, `>` or the end).
fn root_at(line: &[u8]) -> Option<usize> {
    let tag = b"<HealthData";
    let at = find(line, tag)?;
    match line.get(at + tag.len()) {
        None | Some(b' ' | b'>' | b'\t' | b'\r' | b'\n' | b'/') => Some(at),
        Some(_) => None,
    }
}

/// `input` with the DTD left out (everything from the line holding `<!DOCTYPE` up to the root
/// element) and control characters other than tab, newline and carriage return turned into
/// spaces. When no root element shows within [`MAX_PROLOGUE_BYTES`], the prologue is passed on
/// as it is (the XML reader then says what is wrong).
pub fn clean<R: BufRead>(mut input: R) -> io::Result<impl BufRead> {
    let mut head: Vec<u8> = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    let mut in_dtd = false;
    let mut read = 0u64;
    loop {
        line.clear();
        let n = (&mut input)
            .take(MAX_PROLOGUE_BYTES.saturating_sub(read).max(1))
            .read_until(b'\n', &mut line)?;
        read += n as u64;
        if n == 0 {
            break;
        }
        if let Some(at) = root_at(&line) {
            head.extend_from_slice(&line[at..]);
            break;
        }
        if !in_dtd {
            match find(&line, b"<!DOCTYPE") {
                Some(at) => {
                    head.extend_from_slice(&line[..at]);
                    in_dtd = true;
                }
                None => head.extend_from_slice(&line),
            }
        }
        if read >= MAX_PROLOGUE_BYTES {
            break;
        }
    }
    let rest = Cursor::new(head).chain(input);
    Ok(BufReader::with_capacity(BUFFER_BYTES, NoControls(rest)))
}

/// A reader that turns control characters other than tab, newline and carriage return into
/// spaces (XML 1.0 forbids them; real exports hold a few).
struct NoControls<R>(R);

impl<R: Read> Read for NoControls<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.0.read(buf)?;
        for b in buf.iter_mut().take(n) {
            if *b < 0x20 && !matches!(*b, b'\t' | b'\n' | b'\r') {
                *b = b' ';
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &[u8]) -> String {
        let mut out = String::new();
        clean(text)
            .and_then(|mut r| r.read_to_string(&mut out))
            .expect("reads");
        out
    }

    #[test]
    fn the_dtd_is_dropped_whatever_it_holds() {
        // iOS 16's DTD: an ATTLIST left open, which a strict parser refuses.
        let xml = b"<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData [\n<!ATTLIST Record\n  type CDATA\n]>\n<HealthData locale=\"en\">\n <Record/>\n</HealthData>\n";
        assert_eq!(
            cleaned(xml),
            "<?xml version=\"1.0\"?>\n<HealthData locale=\"en\">\n <Record/>\n</HealthData>\n"
        );
    }

    #[test]
    fn control_characters_become_spaces() {
        let xml = b"<HealthData>\n<Record sourceName=\"A\x0bB\"/>\x01</HealthData>";
        assert_eq!(
            cleaned(xml),
            "<HealthData>\n<Record sourceName=\"A B\"/> </HealthData>"
        );
    }

    #[test]
    fn without_a_root_the_input_passes_unchanged() {
        assert_eq!(cleaned(b"<gpx>\n</gpx>\n"), "<gpx>\n</gpx>\n");
    }
}
