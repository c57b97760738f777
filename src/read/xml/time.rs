//! RFC 3339 / ISO 8601 timestamps as GPX and TCX write them, parsed by hand: this runs once per
//! track point, so it must be much cheaper than a general date parser.

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// Earliest year accepted as a recording time.
const FIRST_YEAR: u32 = 1980;

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM|±HHMM|±HH]` (a space may replace `T`).
/// Returns the UTC time and whether the text named a zone; a time without a zone is taken as
/// UTC and the caller warns. Fractions beyond nanoseconds are truncated. A year before 1980
/// (GPS time begins 1980-01-06) is not a recording time but a zeroed or broken clock, such as
/// the 1901-12-13T20:45:52 of a 32-bit time at its minimum: `None`.
pub(crate) fn parse_time(text: &str) -> Option<(DateTime<Utc>, bool)> {
    let s = text.trim().as_bytes();
    let year = digits(s, 0, 4).filter(|&y| y >= FIRST_YEAR)?;
    let month = digits(s, 5, 2)?;
    let day = digits(s, 8, 2)?;
    let hour = digits(s, 11, 2)?;
    let minute = digits(s, 14, 2)?;
    let second = digits(s, 17, 2)?;
    let separators_ok = s.get(4) == Some(&b'-')
        && s.get(7) == Some(&b'-')
        && matches!(s.get(10), Some(b'T' | b't' | b' '))
        && s.get(13) == Some(&b':')
        && s.get(16) == Some(&b':');
    if !separators_ok {
        return None;
    }
    let (nanos, rest) = fraction(s.get(19..)?)?;
    let (offset_s, zoned) = zone(rest)?;
    // A leap second (:60) is folded into the next second by adding it as a duration.
    let leap = u32::from(second == 60);
    let naive = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?.and_hms_nano_opt(
        hour,
        minute,
        second - leap,
        nanos,
    )?;
    let shift = Duration::seconds(i64::from(leap) - i64::from(offset_s));
    Some((naive.and_utc().checked_add_signed(shift)?, zoned))
}

/// The unsigned decimal number in `s[at..at + n]`, all digits.
fn digits(s: &[u8], at: usize, n: usize) -> Option<u32> {
    let field = s.get(at..at.checked_add(n)?)?;
    field.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// An optional `.fraction` as nanoseconds, and what follows it.
fn fraction(s: &[u8]) -> Option<(u32, &[u8])> {
    let Some(rest) = s.strip_prefix(b".").or_else(|| s.strip_prefix(b",")) else {
        return Some((0, s));
    };
    let n = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    if n == 0 {
        return None;
    }
    let mut nanos = 0u32;
    for i in 0..9 {
        let d = if i < n {
            rest.get(i).map_or(0, |c| u32::from(c - b'0'))
        } else {
            0
        };
        nanos = nanos * 10 + d;
    }
    Some((nanos, rest.get(n..)?))
}

/// The zone suffix as seconds east of UTC and whether there was one.
fn zone(s: &[u8]) -> Option<(i32, bool)> {
    match s.first() {
        None => Some((0, false)),
        Some(b'Z' | b'z') if s.len() == 1 => Some((0, true)),
        Some(&sign @ (b'+' | b'-')) => {
            let hours = digits(s, 1, 2)?;
            let minutes = match s.len() {
                3 => 0,
                5 => digits(s, 3, 2)?,
                6 if s.get(3) == Some(&b':') => digits(s, 4, 2)?,
                _ => return None,
            };
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = i32::try_from(hours * 3600 + minutes * 60).ok()?;
            Some((if sign == b'-' { -offset } else { offset }, true))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> Option<String> {
        parse_time(text).map(|(t, _)| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
    }

    #[test]
    fn zulu_with_and_without_fraction() {
        assert_eq!(
            utc("2017-07-29T14:46:35Z").as_deref(),
            Some("2017-07-29T14:46:35Z")
        );
        assert_eq!(
            utc(" 2017-07-29T14:46:35.000Z\n").as_deref(),
            Some("2017-07-29T14:46:35Z")
        );
        // Seven fraction digits (seen in real files) are kept to the nanosecond.
        assert_eq!(
            utc("2010-12-13T20:45:52.2073437Z").as_deref(),
            Some("2010-12-13T20:45:52.207343700Z")
        );
    }

    #[test]
    fn offsets_are_converted_to_utc() {
        // 15:43:13.994 at +01:00 is 14:43:13.994 UTC.
        assert_eq!(
            utc("2015-12-11T15:43:13.994+01:00").as_deref(),
            Some("2015-12-11T14:43:13.994Z")
        );
        // 23:30 at -0230 is 02:00 UTC the next day.
        assert_eq!(
            utc("2020-01-31T23:30:00-0230").as_deref(),
            Some("2020-02-01T02:00:00Z")
        );
    }

    #[test]
    fn a_time_without_zone_is_utc_and_flagged() {
        let parsed = parse_time("2013-01-01T12:00:04");
        assert_eq!(parsed.map(|(_, zoned)| zoned), Some(false));
        assert_eq!(
            utc("2013-01-01T12:00:04").as_deref(),
            Some("2013-01-01T12:00:04Z")
        );
    }

    #[test]
    fn nonsense_is_rejected() {
        for bad in [
            "",
            "2013-13-01T00:00:00Z",
            "2013-01-01",
            "2013-01-01T25:00:00Z",
            "2013-01-01T00:00:00.Z",
            "2013-01-01T00:00:00Q",
            "2013-02-30T00:00:00Z",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
