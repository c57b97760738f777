//! The only input I/O: bytes on disk → [`Activity`] values. Detects the format from the content
//! (not only the name), unwraps gzip, and hands the bytes to the reader for that format.

pub mod altimeter;
pub mod archive;
pub mod budget;
pub mod export;
pub mod fit;
pub mod gpx;
pub mod repair;
pub mod squad;
pub mod tcx;
mod xml;

use std::io::Read;
use std::path::Path;

use crate::activity::{Activity, AltitudeSource, Format};
use crate::error::{FileKind, ReadError};

/// Limits that protect a batch from one hostile or broken file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Largest input accepted, in bytes, after decompression.
    pub max_file_size: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_size: 256 * 1024 * 1024,
        }
    }
}

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    /// An activity format.
    Activity(Format),
    /// A gzip stream (`.fit.gz`, `.gpx.gz`, `.tcx.gz`).
    Gzip,
}

/// Detects the format from the content: the FIT header's `.FIT` signature, the gzip magic, or the
/// root element of an XML document (`<gpx>` or `<TrainingCenterDatabase>`).
///
/// ```
/// use runaudit::read::{detect, Detected};
/// use runaudit::Format;
/// assert_eq!(detect(b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<gpx version=\"1.1\">"), Some(Detected::Activity(Format::Gpx)));
/// assert_eq!(detect(b"<TrainingCenterDatabase xmlns=\"x\">"), Some(Detected::Activity(Format::Tcx)));
/// assert_eq!(detect(b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT\x00\x00"), Some(Detected::Activity(Format::Fit)));
/// assert_eq!(detect(b"hello"), None);
/// ```
pub fn detect(bytes: &[u8]) -> Option<Detected> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Some(Detected::Gzip);
    }
    if bytes.len() >= 12 && &bytes[8..12] == b".FIT" {
        return Some(Detected::Activity(Format::Fit));
    }
    xml::root_element(bytes).and_then(|root| {
        let local = root.rsplit(':').next().unwrap_or(root);
        if local.eq_ignore_ascii_case("gpx") {
            Some(Detected::Activity(Format::Gpx))
        } else if local == "TrainingCenterDatabase" {
            Some(Detected::Activity(Format::Tcx))
        } else {
            None
        }
    })
}

/// The one path opened even though it is not a regular file, when named: standard input.
pub const STDIN_PATH: &str = "/dev/stdin";

/// Opens `path` for reading only when it is a regular file (a symlink to one is fine): a FIFO,
/// socket or device named like an activity file, an export or a profile would block the batch
/// or never end, so it is refused before it is opened. [`STDIN_PATH`] is opened as it is.
pub fn open_regular(path: &Path) -> Result<std::fs::File, ReadError> {
    if path != Path::new(STDIN_PATH) {
        if let Some(kind) = special_kind(std::fs::metadata(path)?.file_type()) {
            return Err(ReadError::NotRegularFile(kind));
        }
    }
    Ok(std::fs::File::open(path)?)
}

/// What a file type is when it is not a regular file; `None` for a regular file.
fn special_kind(t: std::fs::FileType) -> Option<FileKind> {
    if t.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some(FileKind::Fifo);
        }
        if t.is_socket() {
            return Some(FileKind::Socket);
        }
        if t.is_char_device() {
            return Some(FileKind::CharDevice);
        }
        if t.is_block_device() {
            return Some(FileKind::BlockDevice);
        }
    }
    Some(if t.is_dir() {
        FileKind::Folder
    } else {
        FileKind::Other
    })
}

/// Reads every activity in the file at `path` (gzip is unwrapped).
pub fn read_path(path: &Path, opts: &ReadOptions) -> Result<Vec<Activity>, ReadError> {
    read_bytes(&file_bytes(path, opts)?, opts)
}

/// The bytes of the file at `path`, refused over `opts.max_file_size`.
pub fn file_bytes(path: &Path, opts: &ReadOptions) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > opts.max_file_size {
        return Err(ReadError::TooLarge {
            size,
            limit: opts.max_file_size,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(opts.max_file_size.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads every activity in an in-memory file (gzip is unwrapped).
pub fn read_bytes(bytes: &[u8], opts: &ReadOptions) -> Result<Vec<Activity>, ReadError> {
    if bytes.len() as u64 > opts.max_file_size {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit: opts.max_file_size,
        });
    }
    match detect(bytes) {
        Some(Detected::Gzip) => {
            let inner = gunzip(bytes, opts.max_file_size)?;
            match detect(&inner) {
                Some(Detected::Activity(format)) => read_format(format, &inner),
                Some(Detected::Gzip) => {
                    Err(ReadError::UnknownFormat("gzip inside gzip".to_string()))
                }
                None => Err(ReadError::UnknownFormat(describe(&inner))),
            }
        }
        Some(Detected::Activity(format)) => read_format(format, bytes),
        None => Err(ReadError::UnknownFormat(describe(bytes))),
    }
}

/// Reads with the format's reader, then validates every activity the same way
/// ([`repair::activity`]).
fn read_format(format: Format, bytes: &[u8]) -> Result<Vec<Activity>, ReadError> {
    let mut activities = match format {
        Format::Fit => fit::parse(bytes)?,
        Format::Gpx => vec![gpx::parse(bytes)?],
        Format::Tcx => tcx::parse(bytes)?,
        Format::AppleHealth => {
            return Err(ReadError::UnknownFormat(
                "an Apple Health workout is read from its export, not from bytes".to_string(),
            ))
        }
    };
    activities.iter_mut().for_each(settle);
    Ok(activities)
}

/// The checks every reader's activities go through: the altitude's source where the file does
/// not say, then [`repair::activity`].
fn settle(a: &mut Activity) {
    if a.format != Format::Fit {
        // GPX, TCX and Apple routes do not say; a known barometric device settles it, else it
        // is GPS (phones, and the watches of the TCX era).
        a.altitude_source = match altimeter::source(a.device.as_deref(), false) {
            AltitudeSource::Barometric => AltitudeSource::Barometric,
            _ => AltitudeSource::Gps,
        };
    }
    repair::activity(a);
}

/// One workout of an Apple Health export as an activity, with its route (see
/// [`export::apple_workout::activity`]), checked like every reader's.
pub fn read_apple_workout(
    workout: &export::apple::Workout,
    route: export::apple_workout::Route<'_>,
) -> Vec<Activity> {
    let mut a = export::apple_workout::activity(workout, route);
    settle(&mut a);
    vec![a]
}

/// Decompresses gzip (all members), refusing output larger than `limit` bytes.
fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| ReadError::Gzip(e.to_string()))?;
    if out.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: out.len() as u64,
            limit,
        });
    }
    Ok(out)
}

/// A short description of unrecognized content for the error message.
fn describe(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        "the file is empty".to_string()
    } else if export::apple_stream::is_health_export(bytes) {
        "an Apple Health export.xml: `runaudit audit` reads it, its folder or the export.zip"
            .to_string()
    } else if let Some(root) = xml::root_element(bytes) {
        format!("XML with root element <{root}>")
    } else {
        format!("{} bytes of unrecognized content", bytes.len())
    }
}
