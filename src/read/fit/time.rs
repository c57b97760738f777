//! FIT time: seconds since the FIT epoch (1989-12-31T00:00:00Z), and the threshold below which a
//! time counts from the device's power-up instead. Shared by both decoders and the reader.

use chrono::{DateTime, TimeZone, Utc};

/// Seconds from the Unix epoch to the FIT epoch (1989-12-31T00:00:00Z).
pub(crate) const FIT_EPOCH_UNIX_S: i64 = 631_065_600;
/// FIT times below this many seconds after the FIT epoch are relative (device clock not set).
pub(crate) const FIT_MIN_ABSOLUTE_S: i64 = 0x1000_0000;

/// A FIT time (seconds since 1989-12-31T00:00:00Z) as UTC, as fitparser computes it.
pub(crate) fn fit_time(fit_s: i64) -> Option<DateTime<Utc>> {
    Utc.timestamp_opt(FIT_EPOCH_UNIX_S.checked_add(fit_s)?, 0)
        .single()
}

/// True when a UTC time read from a FIT file is a relative time (before 1998-07, counted from
/// power-up).
pub(crate) fn is_relative(t: DateTime<Utc>) -> bool {
    t.timestamp().saturating_sub(FIT_EPOCH_UNIX_S) < FIT_MIN_ABSOLUTE_S
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_time_counts_from_the_fit_epoch() {
        // 0 s is 1989-12-31T00:00:00Z = 631065600 s after the Unix epoch.
        assert_eq!(fit_time(0).map(|t| t.timestamp()), Some(631_065_600));
    }

    #[test]
    fn relative_times_are_below_2_to_the_28_seconds() {
        // 0x10000000 s = 268435456 s after the FIT epoch is 1998-07-04; one second less is
        // relative.
        let fit = |s: i64| fit_time(s).unwrap_or_default();
        assert!(is_relative(fit(0x1000_0000 - 1)));
        assert!(!is_relative(fit(0x1000_0000)));
    }
}
