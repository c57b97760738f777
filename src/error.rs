//! Errors the library returns. Messages say what is wrong and, where it helps, what to do; the
//! caller prefixes the file name (`path: message`).

use thiserror::Error;

/// Why a file could not be read into activities.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The file system refused.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// Neither FIT, GPX nor TCX by content.
    #[error("not a FIT, GPX or TCX file ({0})")]
    UnknownFormat(String),
    /// The file is larger than the configured cap.
    #[error("file is {size} bytes, over the {limit}-byte limit (raise it with --max-file-size)")]
    TooLarge {
        /// Size of the input in bytes.
        size: u64,
        /// The cap in bytes.
        limit: u64,
    },
    /// A FIT file whose structure is broken before any activity data could be read.
    #[error("invalid FIT file: {0}")]
    Fit(String),
    /// Malformed XML (GPX or TCX).
    #[error("invalid {format} XML at byte {offset}: {message}")]
    Xml {
        /// `GPX` or `TCX`.
        format: &'static str,
        /// Byte offset of the problem.
        offset: u64,
        /// What the XML reader said.
        message: String,
    },
    /// A gzip stream that does not decompress.
    #[error("broken gzip data: {0}")]
    Gzip(String),
    /// A zip archive that cannot be listed.
    #[error("broken zip archive: {0}")]
    Zip(String),
    /// A GPX with positions but no times: a planned route, not a recording.
    #[error("no timestamps: this is a route or a track without times, not a recorded activity")]
    NoTimestamps,
    /// The file parsed but holds no recorded samples (a settings, workout or course file, say).
    #[error("no activity samples in the file ({0})")]
    NoActivity(String),
    /// A decoder panicked; caught at the per-file boundary.
    #[error("internal decoder failure: {0} (please report this file)")]
    Panic(String),
}
