//! Workout structure written as notation, the same in every language: repetitions ("6x800",
//! "3 x 2 km", "8×200", "3x10'", "4 by 1 mile"), ladders ("1-2-3-2-1 min"), rep distances in
//! the plural ("Yasso 800s"), on/off seconds ("30/30") and whatever follows an "@" (the
//! vocabulary judges "@ T").

use super::text::{is_digits, number_and_rest, Text, TIME_UNITS};

/// One piece of notation, by word position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Repetitions written from word `from` to word `to`; `short` when each rep is a stride's
    /// length (50–200 m, at most a minute).
    Reps { from: usize, to: usize, short: bool },
    /// A ladder of at least three steps, from word `from` to word `to`.
    Ladder { from: usize, to: usize },
    /// Rep distances in the plural ("800s", "400s").
    Distances(usize),
    /// Seconds on and off, from word `from` to word `to` ("30/30", "45/15"); never a date.
    OnOff { from: usize, to: usize },
    /// The word right after an "@".
    At(usize),
}

/// Words that mean "times" between two numbers: "4 by 1 mile", "5 mal 1000 m", "6 fois 400".
const TIMES: &[&str] = &["x", "by", "mal", "fois", "veces", "keer"];

/// Distances run as reps, meters, when written in the plural ("Yasso 800s", "400s").
const REP_DISTANCES: &[u32] = &[200, 300, 400, 600, 800, 1000, 1200, 1600, 2000];

/// Every piece of notation in the text.
pub fn marks(text: &Text) -> Vec<Mark> {
    let mut out = Vec::new();
    for i in 0..text.len() {
        if let Some((to, short)) = reps(text, i) {
            out.push(Mark::Reps { from: i, to, short });
        }
        if number_and_rest(text.word(i))
            .is_some_and(|(v, unit)| unit == "s" && REP_DISTANCES.contains(&v))
        {
            out.push(Mark::Distances(i));
        }
        if on_off(text, i) {
            out.push(Mark::OnOff { from: i, to: i + 1 });
        }
        if text.gap_before(i).contains('@') {
            out.push(Mark::At(i));
        }
    }
    out.extend(ladders(text));
    out
}

/// Repetitions starting at word `i`: where they end and whether each rep is stride-short.
fn reps(text: &Text, i: usize) -> Option<(usize, bool)> {
    let (count, rest) = number_and_rest(text.word(i))?;
    if !(2..=60).contains(&count) {
        return None;
    }
    let spaced = |k: usize| {
        text.gap_after(k)
            .chars()
            .all(|c| c.is_whitespace() || c == '(')
    };
    let next = text.word(i + 1);
    let (to, size) = if let Some(size) = rest.strip_prefix('x').filter(|s| !s.is_empty()) {
        (i, size) // "6x800"
    } else if rest == "x" && spaced(i) {
        (i + 1, next) // "6x 800"
    } else if !rest.is_empty() {
        return None;
    } else if TIMES.contains(&next) && spaced(i) && spaced(i + 1) {
        (i + 2, text.word(i + 2)) // "6 x 800"
    } else if let Some(size) = next.strip_prefix('x').filter(|_| spaced(i)) {
        (i + 1, size) // "6 x800"
    } else if text.gap_after(i).trim() == "*" {
        (i + 1, next) // "6*800"
    } else {
        return None;
    };
    let (value, unit) = number_and_rest(size)?;
    let unit = if unit.is_empty() {
        text.unit_after(to)
    } else {
        unit
    };
    Some((to, stride_length(value, unit)))
}

/// Whether words `i` and `i + 1` are seconds on and off: two numbers from 10 to 60 joined by a
/// slash, the second above 12 so it is no month ("30/30", "45/15"), not part of a date.
fn on_off(text: &Text, i: usize) -> bool {
    let slash = |k: usize| text.gap_after(k) == "/" && is_digits(text.word(k + 1));
    let seconds = |k: usize| {
        text.word(k)
            .parse::<u32>()
            .ok()
            .filter(|s| (10..=60).contains(s))
    };
    is_digits(text.word(i))
        && slash(i)
        && !slash(i + 1)
        && !(i > 0 && slash(i - 1))
        && seconds(i).is_some()
        && seconds(i + 1).is_some_and(|s| s > 12)
}

/// Whether a rep of `value` `unit` is no longer than a stride.
fn stride_length(value: u32, unit: &str) -> bool {
    match unit {
        "" | "m" | "meter" | "meters" | "metres" | "metros" => (50..=200).contains(&value),
        "'" | "min" | "mins" | "minute" | "minutes" | "minuten" | "minutos" => value <= 1,
        _ => TIME_UNITS.contains(&unit) && value <= 60,
    }
}

/// Ladders: numbers joined by hyphens ("1-2-3-2-1", "400-800-1200-800-400"), at least four
/// steps, or three followed by a unit ("3-2-1 min"); never a date ("2023-05-04", "04-05-23").
fn ladders(text: &Text) -> Vec<Mark> {
    let step = |k: usize| {
        number_and_rest(text.word(k)).is_some_and(|(_, unit)| unit.chars().all(char::is_alphabetic))
    };
    let hyphen = |k: usize| text.gap_after(k).replace(['\'', '"'], "") == "-";
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let mut j = i;
        while step(j) && hyphen(j) && step(j + 1) {
            j += 1;
        }
        let steps = j + 1 - i;
        if steps >= 3 {
            let date = steps == 3 && (i..=j).any(|k| text.word(k).len() == 4);
            let unit = !is_digits(text.word(j)) || !text.unit_after(j).is_empty();
            if !date && (steps >= 4 || unit) {
                out.push(Mark::Ladder { from: i, to: j });
            }
        }
        i = j + 1;
    }
    out
}
