//! File names for per-run SVGs: start date-time plus the file's stem, made safe for any file
//! system, unique within one output folder, and the same for the same input.

use std::collections::BTreeSet;

use crate::run::RunReport;

/// Longest stem kept in a name, characters.
const MAX_STEM: usize = 60;

/// The base name (no extension) for a run: `2025-01-07T0630_easy-5k`, with `_s1` for a second
/// FIT session.
///
/// ```
/// use runaudit::report::svg::names::stem;
/// assert_eq!(stem("runs/My Run <1>.fit.gz"), "My_Run__1_");
/// assert_eq!(stem("export.zip:activities/42.tcx"), "42");
/// ```
pub fn stem(label: &str) -> String {
    let last = label.rsplit(['/', '\\', ':']).next().unwrap_or(label);
    let mut s = last;
    for ext in [".gz", ".fit", ".gpx", ".tcx", ".FIT", ".GPX", ".TCX"] {
        s = s.strip_suffix(ext).unwrap_or(s);
    }
    let safe: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(MAX_STEM)
        .collect();
    if safe.is_empty() {
        "run".to_string()
    } else {
        safe
    }
}

/// The base name for a run (see [`stem`]).
pub fn base_name(run: &RunReport) -> String {
    let mut name = format!(
        "{}_{}",
        run.analysis.start.format("%Y-%m-%dT%H%M"),
        stem(&run.file)
    );
    if run.session > 0 {
        name.push_str(&format!("_s{}", run.session));
    }
    name
}

/// Gives out unique names: a repeat gets `-2`, `-3`, ... in the order asked.
#[derive(Debug, Default)]
pub struct UniqueNames {
    taken: BTreeSet<String>,
}

impl UniqueNames {
    /// `base` + `.svg`, or with the first free counter.
    pub fn svg_name(&mut self, base: &str) -> String {
        let mut name = format!("{base}.svg");
        let mut k = 2u32;
        while self.taken.contains(&name.to_ascii_lowercase()) {
            name = format!("{base}-{k}.svg");
            k = k.saturating_add(1);
        }
        self.taken.insert(name.to_ascii_lowercase());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_get_counters() {
        let mut u = UniqueNames::default();
        assert_eq!(u.svg_name("a"), "a.svg");
        assert_eq!(u.svg_name("a"), "a-2.svg");
        // Case-insensitive file systems: "A" collides with "a".
        assert_eq!(u.svg_name("A"), "A-3.svg");
    }

    #[test]
    fn stems_are_safe() {
        assert_eq!(stem(r#"a&b"c.fit"#), "a_b_c");
        assert_eq!(stem(".gpx"), "run");
    }
}
