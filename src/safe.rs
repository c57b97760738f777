//! Untrusted text (activity names, creators, product names, paths, zip entry names, messages that
//! quote a file) made safe for the output it reaches: one function per output, applied by the
//! renderers just before the text is written. JSON needs none: serde escapes every control.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Text for a terminal: every control character (C0 with tab, LF, CR, ESC, BEL, BS and NUL; DEL;
/// C1), every bidirectional override, embedding, isolate or mark, and the Unicode line and
/// paragraph separators are shown escaped (`\e`, `\x07`, `\u{202e}`), never written raw, so a
/// name cannot retitle the terminal, clear it, hide a verdict behind a carriage return, reverse
/// the rest of a line or start a new one. Everything else is kept as it is.
///
/// ```
/// use runaudit::safe::terminal;
/// assert_eq!(terminal("Easy 8k · Läufchen"), "Easy 8k · Läufchen");
/// assert_eq!(terminal("\x1b]0;pwned\x07"), r"\e]0;pwned\x07");
/// assert_eq!(terminal("ok\rRECOVERY"), r"ok\rRECOVERY");
/// assert_eq!(terminal("a\0b\u{9b}c\u{202e}d"), r"a\0b\u{9b}c\u{202e}d");
/// ```
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_on_a_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_on_a_terminal(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A text cell of a CSV file: shown as on the terminal (CSV is read on terminals too), then, when
/// it starts with `=`, `+`, `-`, `@`, tab or CR (a spreadsheet would run it as a formula), prefixed
/// with `'` as OWASP advises. Only text columns go through here: a number column keeps `-3.5`.
///
/// ```
/// use runaudit::safe::csv_text;
/// assert_eq!(csv_text("Tempo 5k"), "Tempo 5k");
/// assert_eq!(csv_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(csv_text("-2+3"), "'-2+3");
/// assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
/// assert_eq!(csv_text("\t=1"), r"\t=1");
/// ```
pub fn csv_text(text: &str) -> Cow<'_, str> {
    let shown = terminal(text);
    if shown.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{shown}"))
    } else {
        shown
    }
}

/// Text for SVG or HTML content and attribute values: [`markup_chars`], then `& < > " '` as
/// entities.
///
/// ```
/// use runaudit::safe::markup;
/// assert_eq!(markup(r#"a<b>&"c'"#), "a&lt;b&gt;&amp;&quot;c&#39;");
/// assert_eq!(markup("x\x1b[2Jy\0z"), "x[2Jyz");
/// ```
pub fn markup(text: &str) -> Cow<'_, str> {
    let kept = markup_chars(text);
    if !kept.contains(['&', '<', '>', '"', '\'']) {
        return kept;
    }
    let mut out = String::with_capacity(kept.len() + 16);
    for c in kept.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text for a writer that escapes `& < > " '` itself (plotters' SVG text): the characters XML 1.0
/// forbids (C0 but tab, LF and CR; U+FFFE, U+FFFF) removed, together with DEL, C1 and the bidi
/// controls, which mean nothing in a picture; tab, LF and CR become a space (one line of text).
///
/// ```
/// use runaudit::safe::markup_chars;
/// assert_eq!(markup_chars("Easy 8k <flat>"), "Easy 8k <flat>");
/// assert_eq!(markup_chars("\x1b]0;pwned\x07"), "]0;pwned");
/// assert_eq!(markup_chars("a\tb\u{202e}c\u{fffe}"), "a bc");
/// ```
pub fn markup_chars(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_on_a_terminal) && !text.contains(['\u{fffe}', '\u{ffff}']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            '\u{fffe}' | '\u{ffff}' => {}
            c if unsafe_on_a_terminal(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text inside a TOML comment (`# ...`): one line, its controls escaped as on the terminal, so a
/// folder named `d⏎lthr = 90⏎#` stays inside the comment and adds no key.
///
/// ```
/// use runaudit::safe::toml_comment;
/// assert_eq!(toml_comment("runs/2025"), "runs/2025");
/// assert_eq!(toml_comment("d\nlthr = 90\n#"), r"d\nlthr = 90\n#");
/// ```
pub fn toml_comment(text: &str) -> Cow<'_, str> {
    terminal(text)
}

/// Longest path component [`path_component`] makes, characters.
pub const MAX_COMPONENT: usize = 48;

/// A name as one folder name under an output folder: ASCII letters and digits kept (lower
/// case), every other run of characters one `-`, no `-` at either end, at most
/// [`MAX_COMPONENT`] characters; `athlete` when nothing is left. No `/`, `\`, `.` or `..` can
/// come out, so the folder stays inside the output folder whatever the name says.
///
/// ```
/// use runaudit::safe::path_component;
/// assert_eq!(path_component("Ana López"), "ana-l-pez");
/// assert_eq!(path_component("../../etc/passwd"), "etc-passwd");
/// assert_eq!(path_component("a/b\\c"), "a-b-c");
/// assert_eq!(path_component(".."), "athlete");
/// ```
pub fn path_component(text: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
        if out.len() >= MAX_COMPONENT {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "athlete".to_string()
    } else {
        out.to_string()
    }
}

/// Whether `c` must not reach a terminal raw: a control character (Unicode `Cc`: C0, DEL, C1),
/// a bidirectional formatting character, or a line or paragraph separator.
fn unsafe_on_a_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'              // Arabic letter mark
            | '\u{200e}' | '\u{200f}' // left-to-right and right-to-left marks
            | '\u{2028}' | '\u{2029}' // line and paragraph separators
            | '\u{202a}'..='\u{202e}' // embeddings and overrides
            | '\u{2066}'..='\u{2069}' // isolates
        )
}

/// The escape a reader can type back: `\t`, `\n`, `\r`, `\e`, `\0`, `\x07` for the rest of C0
/// and DEL, `\u{9b}` above.
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str(r"\t"),
        '\n' => out.push_str(r"\n"),
        '\r' => out.push_str(r"\r"),
        '\x1b' => out.push_str(r"\e"),
        '\0' => out.push_str(r"\0"),
        c if u32::from(c) <= 0x7f => {
            let _ = write!(out, r"\x{:02x}", u32::from(c));
        }
        c => {
            let _ = write!(out, r"\u{{{:x}}}", u32::from(c));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character in U+0000–U+00A0 and the bidi block, one at a time.
    fn hostile() -> Vec<char> {
        (0u32..=0xa0)
            .chain(0x2000..=0x206f)
            .chain([0x061c, 0xfffe, 0xffff])
            .filter_map(char::from_u32)
            .collect()
    }

    #[test]
    fn the_terminal_sees_no_control_and_no_bidi_control() {
        for c in hostile() {
            let shown = terminal(&format!("a{c}b")).into_owned();
            let raw_left = shown
                .chars()
                .any(|s| s.is_control() || unsafe_on_a_terminal(s));
            assert!(!raw_left, "{c:?} gave {shown:?}");
        }
        // ESC is 0x1b: `\e`; BEL 0x07: `\x07`; DEL 0x7f: `\x7f`; CSI 0x9b: `\u{9b}`; RLO 202e.
        assert_eq!(
            terminal("\x1b\x07\x7f\u{9b}\u{202e}"),
            r"\e\x07\x7f\u{9b}\u{202e}"
        );
        assert_eq!(terminal("\x08\x0b\x0c"), r"\x08\x0b\x0c");
        // Printable text, including a zero-width joiner inside an emoji, is untouched.
        let kept = "🏃‍♀️ Läufchen «easy» 5:30/km \\e";
        assert!(matches!(terminal(kept), Cow::Borrowed(k) if k == kept));
    }

    #[test]
    fn csv_prefixes_what_a_spreadsheet_would_run() {
        for s in ["=1+1", "+cmd", "-2+3", "@SUM(A1)"] {
            assert_eq!(csv_text(s), format!("'{s}"));
        }
        // Tab and CR are escaped first, so the cell starts with a backslash and needs no quote.
        assert_eq!(csv_text("\r=1"), r"\r=1");
        assert_eq!(csv_text("run 1 = easy"), "run 1 = easy");
        assert_eq!(csv_text(""), "");
    }

    #[test]
    fn markup_is_well_formed_xml_text() {
        for c in hostile() {
            let kept = markup(&format!("a{c}b")).into_owned();
            let bad = kept.chars().any(|k| {
                (k.is_control() && !matches!(k, '\t' | '\n' | '\r'))
                    || matches!(k, '\u{fffe}' | '\u{ffff}')
            });
            assert!(!bad, "{c:?} gave {kept:?}");
        }
        // Escaping runs after removal: "<\x1b>" is "&lt;&gt;", not "&lt;\x1b&gt;".
        assert_eq!(markup("<\x1b>"), "&lt;&gt;");
        assert_eq!(markup("x\ny"), "x y");
    }

    #[test]
    fn a_toml_comment_is_one_line() {
        let c = toml_comment("d\nlthr = 90\r\n#\u{2028}x");
        assert!(!c.contains(['\n', '\r', '\u{2028}']));
        assert_eq!(c, r"d\nlthr = 90\r\n#\u{2028}x");
    }
}
