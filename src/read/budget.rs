//! The memory budget of one file and of one archive tree: how much a reader may keep, so a small
//! hostile file (a few kilobytes of 2-byte FIT records, say) cannot take gigabytes.
//!
//! What one file may allocate is at most three copies of its decompressed bytes (the file's
//! bytes, their gzip output, the FIT walker's sanitized copy) plus [`MAX_SAMPLES`] samples and the capped message lists below,
//! whatever the reader: the FIT fast path and the fitparser fallback keep at most [`MAX_SAMPLES`]
//! records, GPX and TCX at most [`MAX_SAMPLES`] points. Measured on a whole `check`: 176 MiB for
//! 16 million 2-byte records (32 MB), 626 MiB at 256 MiB decompressed (the default
//! `--max-file-size`), 135 MiB for a four-day FIT run with every field; so at most about
//! 3 × the decompressed size + 150 MiB per file, and a batch holds one file per thread.

use crate::error::{Overflow, ReadError};

/// Samples kept from one file: four days at one sample a second. No recording needs more; the
/// rest is dropped with [`Warning::SamplesCapped`](crate::activity::Warning::SamplesCapped).
pub const MAX_SAMPLES: usize = 4 * 24 * 3600;

/// Sessions one file may hold (FIT sessions, TCX activities; a triathlon has five); more
/// refuses the file.
pub const MAX_SESSIONS: usize = 500;

/// Laps, and FIT timer events, one file may hold each (a lap every 10 s for four days is
/// 34,560); more refuses the file.
pub const MAX_LAPS: usize = 100_000;

/// Largest `--max-file-size`, MiB (4 GiB): what one file may allocate grows with its size, and
/// the batch holds one file per thread.
pub const MAX_FILE_SIZE_MIB: u64 = 4096;

/// Decompressed bytes an archive tree may hold in total (the archive's entries, nested archives
/// and their entries): 64 GiB by default, far above any real export.
pub const MAX_ARCHIVE_TREE_BYTES: u64 = 64 << 30;

/// The most the budget allows of `what`.
pub fn limit(what: Overflow) -> usize {
    match what {
        Overflow::Sessions => MAX_SESSIONS,
        Overflow::Laps | Overflow::TimerEvents => MAX_LAPS,
    }
}

/// The error that refuses a file holding more of `what` than the budget allows.
pub(crate) fn refuse(what: Overflow) -> ReadError {
    ReadError::OverBudget {
        what,
        limit: limit(what) as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_days_at_one_hertz() {
        // 4 days × 24 h × 3,600 s = 345,600 samples.
        assert_eq!(MAX_SAMPLES, 345_600);
    }
}
