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
    /// A GPX track without a single time, not even the file's own: its length is known, not
    /// when it was run.
    #[error(
        "no timestamps: a track of {:.2} km with no time at all, not even the file's, so it \
         cannot be dated (a route or a track without times, not a recorded activity)",
        length_m / 1000.0
    )]
    UntimedTrack {
        /// The track's geometric length, meters.
        length_m: f64,
    },
    /// The file parsed but holds no recorded samples (a settings, workout or course file, say).
    #[error("no activity samples in the file ({0})")]
    NoActivity(String),
    /// A file holding more of something than a file's memory budget allows (`read::budget`).
    #[error("refused: more than {limit} {what}, over the memory budget of one file")]
    OverBudget {
        /// What there was too much of.
        what: Overflow,
        /// The most allowed.
        limit: u64,
    },
    /// An archive whose entries, nested archives included, decompress to more than the budget
    /// of one archive tree.
    #[error(
        "refused: the archive tree holds more than {limit} bytes decompressed (its entries and \
         nested archives together)"
    )]
    ArchiveTooLarge {
        /// The budget in bytes.
        limit: u64,
    },
    /// Not a regular file (a FIFO, socket or device would block or never end): skipped.
    #[error("not a regular file but {0}; skipped")]
    NotRegularFile(FileKind),
    /// A decoder panicked; caught at the per-file boundary.
    #[error("internal decoder failure: {0} (please report this file)")]
    Panic(String),
}

/// What a file held more of than its memory budget allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overflow {
    /// Sessions (FIT `session` messages, TCX activities).
    Sessions,
    /// Laps.
    Laps,
    /// FIT timer start and stop events.
    TimerEvents,
}

impl std::fmt::Display for Overflow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Overflow::Sessions => "sessions",
            Overflow::Laps => "laps",
            Overflow::TimerEvents => "timer events",
        })
    }
}

/// What a path is when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A named pipe.
    Fifo,
    /// A Unix socket.
    Socket,
    /// A character device.
    CharDevice,
    /// A block device.
    BlockDevice,
    /// A folder.
    Folder,
    /// Anything else.
    Other,
}

impl std::fmt::Display for FileKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FileKind::Fifo => "a FIFO (named pipe)",
            FileKind::Socket => "a socket",
            FileKind::CharDevice => "a character device",
            FileKind::BlockDevice => "a block device",
            FileKind::Folder => "a folder",
            FileKind::Other => "a special file",
        })
    }
}

/// Panics silenced by [`install_quiet_panic_hook`] so far.
static SILENCED_PANICS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Installs a panic hook for the binary that prints nothing for a panic raised inside a
/// dependency (the per-file boundary catches it and prints the one `path: internal decoder
/// failure` line), and the usual message for a panic in our own code (a bug worth seeing).
/// `RUST_BACKTRACE` set keeps every message, for debugging.
pub fn install_quiet_panic_hook() {
    let default = std::panic::take_hook();
    let verbose = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
    std::panic::set_hook(Box::new(move |info| {
        let file = info.location().map(|l| l.file()).unwrap_or_default();
        if !verbose && is_dependency_source(file) {
            SILENCED_PANICS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        } else {
            default(info);
        }
    }));
}

/// How many panics the quiet hook has silenced in this process.
pub fn silenced_panics() -> usize {
    SILENCED_PANICS.load(std::sync::atomic::Ordering::Relaxed)
}

/// True for a source path outside this crate: a registry or git checkout of a dependency, or
/// the standard library (our own files are `src/...` relative to the crate).
fn is_dependency_source(file: &str) -> bool {
    !(file.starts_with("src/") || file.starts_with("src\\"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependency_paths_are_told_from_ours() {
        assert!(is_dependency_source(
            "/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/fitparser-0.11.0/src/de/mod.rs"
        ));
        assert!(is_dependency_source(
            "/rustc/abc/library/core/src/slice/index.rs"
        ));
        assert!(!is_dependency_source("src/read/fit/walk.rs"));
    }

    #[test]
    fn the_hook_silences_a_panic_inside_a_dependency() {
        // chrono's `NaiveDateTime + TimeDelta` panics on overflow inside chrono's own source
        // file (no #[track_caller]), like a decoder bug would.
        install_quiet_panic_hook();
        let before = silenced_panics();
        let caught =
            std::panic::catch_unwind(|| chrono::NaiveDateTime::MAX + chrono::TimeDelta::MAX);
        assert!(caught.is_err());
        if std::env::var_os("RUST_BACKTRACE").is_none_or(|v| v == "0") {
            assert_eq!(silenced_panics(), before + 1);
        }
        let _ = std::panic::take_hook();
    }
}
