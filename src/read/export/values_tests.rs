//! Dates in the spellings exports use, numbers with either decimal mark, durations, and
//! Windows-1252 text.

use chrono::{DateTime, TimeZone, Utc};

use super::values::{decode, parse_date, parse_number, parse_seconds};

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<DateTime<Utc>> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).single()
}

#[test]
fn english_date_with_am_pm() {
    // 2:43:11 PM is 14:43:11; 12:05 AM is 00:05, 12:05 PM is 12:05.
    assert_eq!(
        parse_date("Oct 7, 2020, 2:43:11 PM"),
        utc(2020, 10, 7, 14, 43, 11)
    );
    assert_eq!(
        parse_date("Jan 1, 2021, 12:05:00 AM"),
        utc(2021, 1, 1, 0, 5, 0)
    );
    assert_eq!(
        parse_date("Jan 1, 2021, 12:05:00 PM"),
        utc(2021, 1, 1, 12, 5, 0)
    );
    // Newer exports put a narrow no-break space before PM.
    assert_eq!(
        parse_date("Oct 7, 2020, 2:43:11\u{202f}PM"),
        utc(2020, 10, 7, 14, 43, 11)
    );
    assert_eq!(parse_date("Oct 7, 2020, 13:43:11 PM"), None);
}

#[test]
fn early_export_iso_date() {
    assert_eq!(
        parse_date("2018-09-12 15:02:23"),
        utc(2018, 9, 12, 15, 2, 23)
    );
    assert_eq!(
        parse_date("2018-09-12T15:02:23Z"),
        utc(2018, 9, 12, 15, 2, 23)
    );
    assert_eq!(
        parse_date("2018-09-12 15:02:23.000+00:00"),
        utc(2018, 9, 12, 15, 2, 23)
    );
}

#[test]
fn translated_dates() {
    let want = utc(2020, 10, 7, 14, 43, 11);
    for text in [
        "07.10.2020, 14:43:11",   // German
        "7. 10. 2020 14:43:11",   // Czech
        "7 oct. 2020, 14:43:11",  // French
        "7 oct 2020, 14:43:11",   // Spanish
        "7 okt. 2020 14:43:11",   // Dutch
        "7. Okt. 2020, 14:43:11", // German with a month name
        "7 de octubre de 2020, 14:43:11",
        "7 ott 2020, 14:43:11",       // Italian
        "7 de out. de 2020 14:43:11", // Portuguese
        "7 oct 2020, 2:43:11 p. m.",
    ] {
        assert_eq!(parse_date(text), want, "{text}");
    }
    assert_eq!(
        parse_date("3 juil. 2021, 06:00:00"),
        utc(2021, 7, 3, 6, 0, 0)
    );
    assert_eq!(
        parse_date("3 juin 2021, 06:00:00"),
        utc(2021, 6, 3, 6, 0, 0)
    );
    assert_eq!(parse_date("1. März 2021 06:00"), utc(2021, 3, 1, 6, 0, 0));
    // Russian month; Chinese and Korean put the afternoon word before the time.
    assert_eq!(parse_date("7 окт. 2020 г., 14:43:11"), want);
    assert_eq!(parse_date("2020年10月7日 下午2:43:11"), want);
    assert_eq!(parse_date("2020. 10. 7. 오후 2:43:11"), want);
    assert_eq!(parse_date("2020/10/07 14:43:11"), want);
}

#[test]
fn dates_that_are_not_understood() {
    for text in [
        "",
        "yesterday",
        "Oct 7, 2020",         // no time
        "2020-02-30 10:00:00", // no such day
        "Oct Nov 7, 2020, 10:00:00",
        "7, 2020, 10:00:00",
        "99999999999-01-01 10:00:00",
        "2020-01-01 25:00:00",
        "10/07/20 10:00:00", // two-digit year
        "2020-01-01 10:",
        "::::",
    ] {
        assert_eq!(parse_date(text), None, "{text}");
    }
}

#[test]
fn numbers_with_either_decimal_mark() {
    assert_eq!(parse_number("10020.5"), Some(10020.5));
    assert_eq!(parse_number(" 7.0 "), Some(7.0));
    assert_eq!(parse_number("10,02"), Some(10.02));
    assert_eq!(parse_number("1,234.5"), Some(1234.5));
    assert_eq!(parse_number("1.234,5"), Some(1234.5));
    assert_eq!(parse_number("1 234,5"), Some(1234.5));
    assert_eq!(parse_number("1,234,567"), Some(1234567.0));
    assert_eq!(parse_number(""), None);
    assert_eq!(parse_number("abc"), None);
    assert_eq!(parse_number("NaN"), None);
    assert_eq!(parse_number("inf"), None);
}

#[test]
fn durations() {
    assert_eq!(parse_seconds("2700"), Some(2700.0));
    assert_eq!(parse_seconds("2700.5"), Some(2700.5));
    // 1:02:03 = 3600 + 120 + 3 = 3723 s; 45:30 = 2730 s.
    assert_eq!(parse_seconds("1:02:03"), Some(3723.0));
    assert_eq!(parse_seconds("45:30"), Some(2730.0));
    assert_eq!(parse_seconds("-5"), None);
    assert_eq!(parse_seconds("1:2:3:4"), None);
    assert_eq!(parse_seconds("1::3"), None);
}

#[test]
fn windows_1252_when_not_utf8() {
    let (text, not_utf8) = decode("Schöne Runde".as_bytes());
    assert_eq!((text.as_ref(), not_utf8), ("Schöne Runde", false));
    // 0xF6 is ö in Latin-1; 0x92 is ’ and 0x80 € in Windows-1252.
    let (text, not_utf8) = decode(b"Sch\xf6ne Runde \x92 \x80");
    assert_eq!((text.as_ref(), not_utf8), ("Schöne Runde ’ €", true));
}
