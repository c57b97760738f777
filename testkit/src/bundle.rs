//! An export as plain parts, the input of the structure-aware `export_bundle` fuzz target: each
//! part is a line `==> PATH` and the bytes after it, up to the next such line. [`to_zip`] writes
//! the parts as a zip with valid CRCs, so that mutations reach the sidecar join and the readers
//! behind it instead of stopping at a broken archive. A path through a `.zip` (`UploadedFiles.zip/
//! 7000000.fit`) puts the part inside that zip, one level down, as Garmin's export holds its
//! activity files.
//!
//! ```
//! use runaudit_testkit::bundle;
//! let b = bundle::write(&[("activities.csv", b"Activity ID\n1\n"), ("up.zip/1.fit", b"x")]);
//! assert_eq!(
//!     bundle::parse(&b),
//!     vec![("activities.csv".to_string(), &b"Activity ID\n1\n"[..]), ("up.zip/1.fit".to_string(), &b"x"[..])]
//! );
//! let zip = bundle::to_zip(&b);
//! assert!(zip.starts_with(b"PK"));
//! ```

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

/// Zip entries: each name with its bytes.
type Entries = Vec<(String, Vec<u8>)>;

/// What starts a part's path line (at the start of the input, or after a newline).
pub const MARK: &[u8] = b"==> ";

/// The parts of a bundle: each path with its bytes. Bytes before the first mark are ignored, a
/// path is cut at its newline (a mark with no newline after it is a path with no bytes), and a
/// part's bytes end at the newline before the next mark.
pub fn parse(data: &[u8]) -> Vec<(String, &[u8])> {
    let mut starts: Vec<usize> = Vec::new();
    if data.starts_with(MARK) {
        starts.push(0);
    }
    let mut i = 0;
    while let Some(k) = find(data.get(i..).unwrap_or_default(), b"\n==> ") {
        starts.push(i + k + 1);
        i += k + 1;
    }
    let mut parts = Vec::with_capacity(starts.len());
    for (n, &start) in starts.iter().enumerate() {
        let end = starts
            .get(n + 1)
            .map_or(data.len(), |&next| next.saturating_sub(1));
        let part = data.get(start + MARK.len()..end).unwrap_or_default();
        let (path, bytes) = match part.iter().position(|&b| b == b'\n') {
            Some(nl) => (&part[..nl], &part[nl + 1..]),
            None => (part, &[][..]),
        };
        parts.push((String::from_utf8_lossy(path).into_owned(), bytes));
    }
    parts
}

/// A bundle of these parts (the inverse of [`parse`] for bytes that hold no `\n==> `).
pub fn write(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, (path, bytes)) in parts.iter().enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(MARK);
        out.extend_from_slice(path.as_bytes());
        out.push(b'\n');
        out.extend_from_slice(bytes);
    }
    out
}

/// The bundle as a zip (stored, no compression): each part an entry, parts whose path goes
/// through a `.zip` gathered into that inner zip. Entry names the zip writer refuses are left
/// out.
pub fn to_zip(data: &[u8]) -> Vec<u8> {
    let mut outer: Entries = Vec::new();
    let mut inner: Vec<(String, Entries)> = Vec::new();
    for (path, bytes) in parse(data) {
        let lower = path.to_ascii_lowercase();
        match lower.find(".zip/") {
            Some(at) => {
                let (zip_name, rest) = path.split_at(at + ".zip".len());
                let entry = (rest.trim_start_matches('/').to_string(), bytes.to_vec());
                match inner.iter_mut().find(|(name, _)| name == zip_name) {
                    Some((_, entries)) => entries.push(entry),
                    None => inner.push((zip_name.to_string(), vec![entry])),
                }
            }
            None => outer.push((path, bytes.to_vec())),
        }
    }
    for (name, entries) in inner {
        outer.push((name, zip_of(&entries)));
    }
    zip_of(&outer)
}

/// A stored zip of the entries (those the writer refuses left out).
fn zip_of(entries: &Entries) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in entries {
        if zip.start_file(name.as_str(), stored).is_ok() {
            let _ = zip.write_all(bytes);
        }
    }
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// Where `needle` first occurs in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_round_trip_and_noise_before_the_first_mark_is_ignored() {
        let parts: [(&str, &[u8]); 3] = [("a.csv", b"x,y\n1,2"), ("b.fit", b""), ("c", b"\n\n")];
        let b = write(&parts);
        let back: Vec<(String, &[u8])> = parse(&b);
        let want: Vec<(String, &[u8])> = parts.iter().map(|(p, b)| (p.to_string(), *b)).collect();
        assert_eq!(back, want);
        let mut noisy = b"junk".to_vec();
        noisy.push(b'\n');
        noisy.extend_from_slice(&b);
        assert_eq!(parse(&noisy), want);
        assert_eq!(
            parse(b"==> only-a-path"),
            vec![("only-a-path".to_string(), &b""[..])]
        );
        assert!(parse(b"no mark at all").is_empty());
    }

    #[test]
    fn parts_through_a_zip_go_inside_it() {
        let b = write(&[
            ("summary.json", b"[]"),
            ("Up/Part1.zip/1.fit", b"one"),
            ("Up/Part1.zip/2.fit", b"two"),
        ]);
        let zip = to_zip(&b);
        let mut outer = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
        let names: Vec<String> = outer.file_names().map(str::to_string).collect();
        assert_eq!(names, vec!["summary.json", "Up/Part1.zip"]);
        let mut inner_bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut outer.by_name("Up/Part1.zip").unwrap(),
            &mut inner_bytes,
        )
        .unwrap();
        let inner = zip::ZipArchive::new(Cursor::new(inner_bytes)).unwrap();
        let names: Vec<&str> = inner.file_names().collect();
        assert_eq!(names, vec!["1.fit", "2.fit"]);
    }
}
