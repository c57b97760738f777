//! Turning a sidecar's text into values: Strava dates in their several spellings and languages,
//! numbers with either decimal mark, durations, and bytes that are not UTF-8 (UTF-16, Latin-1).

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

/// The bytes as text, and whether they were not UTF-8: UTF-8 as is, anything else as
/// Windows-1252 (Latin-1 with typographic marks in 0x80–0x9F), which never fails.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), false),
        Err(_) => (Cow::Owned(bytes.iter().map(|&b| cp1252(b)).collect()), true),
    }
}

/// UTF-16 text (a byte-order mark `FF FE` or `FE FF` first, as spreadsheets save "Unicode
/// text") as UTF-8 bytes; `None` for anything else. Unpaired surrogates become U+FFFD.
pub(crate) fn utf16_to_utf8(bytes: &[u8]) -> Option<Vec<u8>> {
    let (little_endian, rest) = match bytes {
        [0xff, 0xfe, rest @ ..] => (true, rest),
        [0xfe, 0xff, rest @ ..] => (false, rest),
        _ => return None,
    };
    let units = rest.chunks_exact(2).map(|pair| {
        let pair = [
            pair.first().copied().unwrap_or(0),
            pair.last().copied().unwrap_or(0),
        ];
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    Some(text.into_bytes())
}

/// Windows-1252 characters for 0x80–0x9F; the five bytes it leaves undefined stay C1 controls.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// One Windows-1252 byte as a character.
fn cp1252(b: u8) -> char {
    match b {
        0x80..=0x9f => CP1252_HIGH
            .get(usize::from(b - 0x80))
            .copied()
            .unwrap_or(char::REPLACEMENT_CHARACTER),
        _ => char::from(b),
    }
}

/// A number as exports write it: `10020.5`, `10,02` (a lone comma is a decimal mark),
/// `1,234.5` or `1.234,5` (the last mark is the decimal one), `1 234,5`. `None` when empty,
/// not a number, or not finite.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(x) = text.parse::<f64>() {
        return x.is_finite().then_some(x);
    }
    let kept: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    let last_dot = kept.rfind('.');
    let last_comma = kept.rfind(',');
    let plain = match (last_dot, last_comma) {
        (Some(d), Some(c)) if c > d => kept.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => kept.replace(',', ""),
        (None, Some(_)) if kept.matches(',').count() == 1 => kept.replace(',', "."),
        (None, Some(_)) => kept.replace(',', ""),
        _ => kept,
    };
    plain.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// A duration in seconds: a number of seconds, or `h:mm:ss` / `mm:ss`. `None` when empty,
/// unreadable or negative.
pub(crate) fn parse_seconds(text: &str) -> Option<f64> {
    let text = text.trim();
    if !text.contains(':') {
        return parse_number(text).filter(|&s| s >= 0.0);
    }
    let mut total = 0.0;
    let mut parts = 0;
    for part in text.split(':') {
        parts += 1;
        let x = parse_number(part).filter(|&x| x >= 0.0)?;
        total = total * 60.0 + x;
    }
    (parts <= 3).then_some(total)
}

/// A piece of a date string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    /// A run of ASCII digits: its value and how many digits.
    Number(u32, usize),
    /// A run of letters.
    Word(&'a str),
    /// `:`.
    Colon,
    /// `.`.
    Dot,
    /// Any other separator.
    Other,
}

/// Splits a date string into numbers, words and separators; `None` for a number too long to
/// be part of a date.
fn tokens(text: &str) -> Option<Vec<Token<'_>>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = if c.is_ascii_digit() {
            rest.find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len())
        } else if c.is_alphabetic() {
            rest.find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len())
        } else {
            c.len_utf8()
        };
        let (piece, tail) = rest.split_at(len);
        out.push(if c.is_ascii_digit() {
            if piece.len() > 9 {
                return None;
            }
            Token::Number(piece.parse().ok()?, piece.len())
        } else if c.is_alphabetic() {
            Token::Word(piece)
        } else if c == ':' {
            Token::Colon
        } else if c == '.' {
            Token::Dot
        } else {
            Token::Other
        });
        rest = tail;
    }
    Some(out)
}

/// Month-name beginnings in English, German, French, Spanish, Dutch, Italian, Portuguese and
/// Russian, lowercase; a word starting with one names that month (`Okt.`, `oct.`, `octubre`).
const MONTHS: &[(&str, u32)] = &[
    ("jan", 1),
    ("ene", 1),
    ("gen", 1),
    ("feb", 2),
    ("fév", 2),
    ("fev", 2),
    ("mar", 3),
    ("mär", 3),
    ("mrz", 3),
    ("mrt", 3),
    ("maa", 3),
    ("apr", 4),
    ("avr", 4),
    ("abr", 4),
    ("may", 5),
    ("mai", 5),
    ("mei", 5),
    ("mag", 5),
    ("juin", 6),
    ("jun", 6),
    ("giu", 6),
    ("juil", 7),
    ("jul", 7),
    ("lug", 7),
    ("aug", 8),
    ("aoû", 8),
    ("aou", 8),
    ("ago", 8),
    ("sep", 9),
    ("set", 9),
    ("oct", 10),
    ("okt", 10),
    ("ott", 10),
    ("out", 10),
    ("nov", 11),
    ("dec", 12),
    ("déc", 12),
    ("dez", 12),
    ("dic", 12),
    ("янв", 1),
    ("фев", 2),
    ("мар", 3),
    ("апр", 4),
    ("мая", 5),
    ("май", 5),
    ("июн", 6),
    ("июл", 7),
    ("авг", 8),
    ("сен", 9),
    ("окт", 10),
    ("ноя", 11),
    ("дек", 12),
];

/// Words for before and after noon written before the time (Chinese, Japanese, Korean):
/// `下午2:43:11` is 14:43:11.
const MERIDIEM_WORDS: &[(&str, Meridiem)] = &[
    ("上午", Meridiem::Am),
    ("午前", Meridiem::Am),
    ("오전", Meridiem::Am),
    ("下午", Meridiem::Pm),
    ("午後", Meridiem::Pm),
    ("오후", Meridiem::Pm),
];

/// Before or after noon, for a 12-hour time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meridiem {
    /// Before noon: 12 is 0.
    Am,
    /// After noon: 1 is 13, 12 is 12.
    Pm,
}

/// The month a word names, if it names one.
fn month(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    MONTHS
        .iter()
        .find(|(prefix, _)| word.starts_with(prefix))
        .map(|&(_, m)| m)
}

/// A Strava activity date, UTC: `Oct 7, 2020, 2:43:11 PM` (English), `2018-09-12 15:02:23`
/// (early exports, ISO), `07.10.2020, 14:43:11` (German), `6. 9. 2026 11:18:40` (Czech),
/// `7 oct. 2020, 14:43:11` (French, Spanish, Dutch: a month name in one of eight languages),
/// `2020年10月7日 下午2:43:11`. A date of three numbers is year-month-day when it starts with the
/// year, else day-month-year. The time is required, seconds optional, `AM`/`PM` (also `a. m.`,
/// `p. m.`) after it or `下午`/`오후`/`午後` before it.
///
/// ```text
/// "Oct 7, 2020, 2:43:11 PM" → 2020-10-07T14:43:11Z
/// ```
pub(crate) fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    let tokens = tokens(text)?;
    let mut date: Vec<(u32, usize)> = Vec::with_capacity(3);
    let mut named_month: Option<u32> = None;
    let mut time: Option<(u32, u32, u32)> = None;
    let mut suffix = String::new();
    let mut meridiem: Option<Meridiem> = None;
    let mut i = 0;
    while let Some(&token) = tokens.get(i) {
        i += 1;
        match token {
            Token::Number(h, _) if time.is_none() && tokens.get(i) == Some(&Token::Colon) => {
                let Some(&Token::Number(m, _)) = tokens.get(i + 1) else {
                    return None;
                };
                i += 2;
                let mut s = 0;
                if tokens.get(i) == Some(&Token::Colon) {
                    let Some(&Token::Number(sec, _)) = tokens.get(i + 1) else {
                        return None;
                    };
                    s = sec;
                    i += 2;
                }
                time = Some((h, m, s));
            }
            Token::Number(n, digits) if time.is_none() => date.push((n, digits)),
            Token::Word(w) if time.is_some() => {
                suffix.extend(w.chars().flat_map(char::to_lowercase))
            }
            Token::Word(w) => {
                if let Some(&(_, m)) = MERIDIEM_WORDS.iter().find(|(word, _)| *word == w) {
                    meridiem = Some(m);
                } else if let Some(m) = month(w) {
                    if named_month.replace(m).is_some() {
                        return None;
                    }
                }
            }
            _ => {}
        }
    }
    let (h, m, s) = time?;
    let (year, month, day) = match (named_month, date.as_slice()) {
        (Some(month), &[(a, 4), (b, d)]) if d <= 2 => (a, month, b),
        (Some(month), &[(a, d), (b, 4)]) if d <= 2 => (b, month, a),
        (None, &[(y, 4), (m, _), (d, _)]) => (y, m, d),
        (None, &[(d, _), (m, _), (y, 4)]) => (y, m, d),
        _ => return None,
    };
    match suffix.as_str() {
        "am" => meridiem = Some(Meridiem::Am),
        "pm" => meridiem = Some(Meridiem::Pm),
        _ => {}
    }
    let hour = match meridiem {
        None => h,
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(Meridiem::Am) => h % 12,
        Some(Meridiem::Pm) => h % 12 + 12,
    };
    let day = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let time = NaiveTime::from_hms_opt(hour, m, s)?;
    Some(day.and_time(time).and_utc())
}
