//! A run's name made comparable: lower case, accents folded ("récup" is "recup"), shorthand
//! spelled out ("w/u" is "wu"), cut into words with the punctuation between them kept, so a
//! reader can ask for a word's neighbours within one clause.

/// Time units a number can carry ("90s", "2 min", "10'"), in the folded spelling.
#[rustfmt::skip]
pub const TIME_UNITS: &[&str] = &[
    "'", "\"", "s", "sec", "secs", "sek", "seg", "second", "seconds", "sekunden", "segundos", "min",
    "mins", "minute", "minutes", "minuten", "minutos",
];

/// Distance units a number can carry ("800m", "5k", "3 mi").
#[rustfmt::skip]
pub const DISTANCE_UNITS: &[&str] = &[
    "m", "k", "km", "kp", "mi", "mile", "miles", "meter", "meters", "metres", "metros",
];

/// A text folded and cut into words.
#[derive(Debug)]
pub struct Text {
    /// The folded text.
    folded: String,
    /// Each word's byte range in `folded`.
    spans: Vec<(usize, usize)>,
}

impl Text {
    /// Folds `raw` and cuts it into words: runs of letters and digits.
    pub fn new(raw: &str) -> Text {
        let folded = spell_out(&fold(raw));
        let mut spans = Vec::new();
        let mut start = None;
        for (at, c) in folded.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(at),
                (false, Some(s)) => {
                    spans.push((s, at));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            spans.push((s, folded.len()));
        }
        Text { folded, spans }
    }

    /// How many words.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Word `i`, `""` past the end.
    pub fn word(&self, i: usize) -> &str {
        self.spans
            .get(i)
            .and_then(|&(s, e)| self.folded.get(s..e))
            .unwrap_or("")
    }

    /// What stands between word `i - 1` (or the start) and word `i` (or the end).
    pub fn gap_before(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(p) => self.spans.get(p).map_or(self.folded.len(), |s| s.1),
            None => 0,
        };
        let end = self.spans.get(i).map_or(self.folded.len(), |s| s.0);
        self.folded.get(start..end).unwrap_or("")
    }

    /// What stands between word `i` and the next word (or the end).
    pub fn gap_after(&self, i: usize) -> &str {
        self.gap_before(i + 1)
    }

    /// Whether words `i < j` are in one clause: no comma, bracket, plus sign, full stop,
    /// spaced dash and the like between them.
    pub fn joined(&self, i: usize, j: usize) -> bool {
        i < j && j < self.len() && (i + 1..=j).all(|k| !is_break(self.gap_before(k)))
    }

    /// The word after `i` in the same clause.
    pub fn next(&self, i: usize) -> Option<&str> {
        self.joined(i, i + 1).then(|| self.word(i + 1))
    }

    /// The word before `i` in the same clause.
    pub fn prev(&self, i: usize) -> Option<&str> {
        let p = i.checked_sub(1)?;
        self.joined(p, i).then(|| self.word(p))
    }

    /// Whether any word of the text is one of `words`.
    pub fn has_any(&self, words: &[&str]) -> bool {
        (0..self.len()).any(|i| words.contains(&self.word(i)))
    }

    /// Whether the text names a year ("Silvesterlauf 2023"): four digits from 1980 to 2039
    /// that are not part of a date ("2023-05-04", "04.05.2023").
    pub fn has_year(&self) -> bool {
        (0..self.len()).any(|i| {
            let w = self.word(i);
            let in_date = |gap: &str, other: usize| {
                matches!(gap, "-" | "/" | ".") && is_digits(self.word(other))
            };
            w.len() == 4
                && w.parse::<u32>().is_ok_and(|y| (1980..=2039).contains(&y))
                && !(i > 0 && in_date(self.gap_before(i), i - 1))
                && !(i + 1 < self.len() && in_date(self.gap_after(i), i + 1))
        })
    }

    /// Word `i` as a number with its unit ("200m" is 200 and "m"; "2 min" is 2 and "min";
    /// "10'" is 10 and "'"); the unit is `""` when none follows.
    pub fn amount(&self, i: usize) -> Option<(u32, &str)> {
        let (value, unit) = number_and_rest(self.word(i))?;
        if unit.is_empty() {
            Some((value, self.unit_after(i)))
        } else {
            unit.chars()
                .all(char::is_alphabetic)
                .then_some((value, unit))
        }
    }

    /// The unit written after word `i`: a prime or quote ("10'"), or a unit word ("2 min",
    /// "400 m"); `""` when none.
    pub fn unit_after(&self, i: usize) -> &str {
        let gap = self.gap_after(i);
        if gap.starts_with('\'') {
            return "'";
        }
        if gap.starts_with('"') {
            return "\"";
        }
        match self.next(i) {
            Some(u) if TIME_UNITS.contains(&u) || DISTANCE_UNITS.contains(&u) => u,
            _ => "",
        }
    }
}

/// Whether `w` is all digits.
pub fn is_digits(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

/// The leading number of `w` and what follows it: "6x800" is 6 and "x800".
pub fn number_and_rest(w: &str) -> Option<(u32, &str)> {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    let value = w.get(..digits)?.parse().ok()?;
    Some((value, w.get(digits..)?))
}

/// Whether the punctuation between two words ends a clause.
fn is_break(gap: &str) -> bool {
    gap.chars().any(|c| ",;:!?()[]{}|+&\n".contains(c))
        || [". ", " -", "- ", " /", "/ "]
            .iter()
            .any(|p| gap.contains(p))
        || gap.ends_with('.')
}

/// Lower case with the accents of the Latin alphabets folded and a few look-alikes unified
/// ("×" is "x", curly quotes and primes are plain quotes, dashes are hyphens).
fn fold(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => out.push('a'),
            'ç' | 'ć' | 'č' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => out.push('i'),
            'ñ' | 'ń' | 'ň' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ś' | 'š' => out.push('s'),
            'ź' | 'ż' | 'ž' => out.push('z'),
            'ł' => out.push('l'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            '×' => out.push('x'),
            '’' | '‘' | '′' | '´' | '`' => out.push('\''),
            '″' | '“' | '”' | '„' => out.push('"'),
            '–' | '—' | '−' => out.push('-'),
            // Combining accents, as in text written decomposed ("e" + U+0301).
            '\u{300}'..='\u{36f}' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Runners' slash shorthand spelled out: "w/u" → "wu", "c/d" → "cd", "w/o" → "without",
/// "w/" → "with".
fn spell_out(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    let mut rest = folded;
    let mut after_word = false;
    while let Some(c) = rest.chars().next() {
        if !after_word {
            let replaced = [
                ("w/u", "wu"),
                ("c/d", "cd"),
                ("w/o", "without"),
                ("w/", "with "),
            ]
            .iter()
            .find(|(short, _)| {
                rest.strip_prefix(short).is_some_and(|after| {
                    short.ends_with('/') || !after.starts_with(char::is_alphanumeric)
                })
            });
            if let Some((short, long)) = replaced {
                out.push_str(long);
                rest = rest.get(short.len()..).unwrap_or("");
                after_word = long.ends_with(char::is_alphanumeric);
                continue;
            }
        }
        out.push(c);
        after_word = c.is_alphanumeric();
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    out
}
