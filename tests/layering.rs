//! The layering rule of `src/lib.rs`, checked on the source: a file imports only its own layer
//! or the layers below it, and no two files import each other. Test modules are exempt. Reads
//! `use` declarations and paths (`crate::…`, `super::…`, a child module's name) as text.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Top-level modules by layer, bottom first, as `src/lib.rs` states them.
const LAYERS: &[&[&str]] = &[
    &["units", "words", "safe", "error"],
    &["activity"],
    &["read"],
    &["analyze"],
    &["profile", "note", "baseline", "classify"],
    &["config", "run"],
    &["pipeline", "batch", "squad"],
    &["report"],
    &["output"],
    &["check", "audit", "team", "infer", "cli", "exit_code"],
];

/// One source file: its module path (`["read", "fit", "walk"]`) and its code without comments
/// and without inline test modules.
struct Source {
    file: PathBuf,
    module: Vec<String>,
    code: String,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files
        .into_iter()
        .filter_map(|file| {
            let rel = file.strip_prefix(&root).ok()?.to_path_buf();
            let name = rel.file_stem()?.to_str()?.to_string();
            if matches!(name.as_str(), "main" | "tests" | "testfit") || name.ends_with("_tests") {
                return None;
            }
            let mut module: Vec<String> = rel
                .parent()
                .into_iter()
                .flat_map(|p| p.components())
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if !matches!(name.as_str(), "mod" | "lib") {
                module.push(name);
            }
            let text = fs::read_to_string(&file).ok()?;
            // `pub(super)` and `pub(crate)` name a module but import nothing.
            let code = without_tests(&strip_comments(&text))
                .replace("pub(super)", "pub")
                .replace("pub(crate)", "pub");
            Some(Source {
                file: rel,
                module,
                code,
            })
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The code before an inline `#[cfg(test)] mod tests {`.
fn without_tests(code: &str) -> String {
    let lines: Vec<&str> = code.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if l.trim() == "#[cfg(test)]" {
            let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
            if next
                .is_some_and(|n| n.trim_start().starts_with("mod ") && n.trim_end().ends_with('{'))
            {
                return lines[..i].join("\n");
            }
        }
    }
    code.to_string()
}

/// Every path the code names that starts at `crate`, `super`, `self` or a child module, as
/// segments, with `use` trees expanded (`super::{a, b::C}` gives `super::a` and `super::b::C`).
fn paths(code: &str, children: &BTreeSet<String>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || !(word(chars[i - 1]) || chars[i - 1] == ':');
        if starts_word && (chars[i].is_alphabetic() || chars[i] == '_') {
            let (found, end) = read_tree(&chars, i, Vec::new());
            for path in found {
                let rooted = path.first().is_some_and(|first| {
                    matches!(first.as_str(), "crate" | "super" | "self")
                        || (children.contains(first) && path.len() > 1)
                });
                if rooted {
                    out.push(path);
                }
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// The paths of a `use` tree (or a plain path) starting at `start` after `prefix`, and where it
/// ends.
fn read_tree(chars: &[char], start: usize, prefix: Vec<String>) -> (Vec<Vec<String>>, usize) {
    let mut segs = prefix;
    let mut i = start;
    loop {
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        let s = i;
        while chars
            .get(i)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_')
        {
            i += 1;
        }
        if i > s {
            segs.push(chars[s..i].iter().collect());
        }
        if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
            i += 2;
            match chars.get(i) {
                Some('{') => {
                    let mut all = Vec::new();
                    i += 1;
                    loop {
                        let (found, end) = read_tree(chars, i, segs.clone());
                        all.extend(found);
                        i = end;
                        while chars.get(i).is_some_and(|c| *c != ',' && *c != '}') {
                            i += 1;
                        }
                        match chars.get(i) {
                            Some(',') => i += 1,
                            _ => return (all, i + 1),
                        }
                        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                            i += 1;
                        }
                        if chars.get(i) == Some(&'}') {
                            return (all, i + 1);
                        }
                    }
                }
                Some('*') => return (vec![segs], i + 1),
                _ => continue,
            }
        }
        return (vec![segs], i);
    }
}

/// The source file a path from `from` goes through, if it is a file of the crate.
fn target<'a>(
    from: &[String],
    path: &[String],
    modules: &'a BTreeMap<Vec<String>, usize>,
) -> Option<&'a usize> {
    let mut abs: Vec<String> = Vec::new();
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate") => rest = &path[1..],
        Some("super") | Some("self") => {
            abs = from.to_vec();
            while let Some(first) = rest.first() {
                match first.as_str() {
                    "super" => {
                        abs.pop();
                    }
                    "self" => {}
                    _ => break,
                }
                rest = &rest[1..];
            }
        }
        _ => abs = from.to_vec(),
    }
    abs.extend(rest.iter().cloned());
    (1..=abs.len())
        .rev()
        .find_map(|n| modules.get(&abs[..n]))
        .or_else(|| modules.get(&Vec::new()).filter(|_| abs.is_empty()))
}

fn imports() -> (Vec<Source>, BTreeSet<(usize, usize)>) {
    let sources = sources();
    let modules: BTreeMap<Vec<String>, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.module.clone(), i))
        .collect();
    let mut edges = BTreeSet::new();
    for (i, s) in sources.iter().enumerate() {
        let children: BTreeSet<String> = modules
            .keys()
            .filter(|m| m.len() == s.module.len() + 1 && m.starts_with(&s.module))
            .filter_map(|m| m.last().cloned())
            .collect();
        for p in paths(&s.code, &children) {
            if let Some(&j) = target(&s.module, &p, &modules) {
                // A file naming its own child module in `mod x;` or a path to itself is no import.
                if j != i && !sources[j].module.is_empty() {
                    edges.insert((i, j));
                }
            }
        }
    }
    (sources, edges)
}

fn layer(module: &[String]) -> Option<usize> {
    let top = module.first()?;
    LAYERS.iter().position(|l| l.contains(&top.as_str()))
}

#[test]
fn no_two_files_import_each_other() {
    let (sources, edges) = imports();
    let cycles: Vec<String> = edges
        .iter()
        .filter(|(a, b)| a < b && edges.contains(&(*b, *a)))
        .map(|(a, b)| {
            format!(
                "{} <-> {}",
                sources[*a].file.display(),
                sources[*b].file.display()
            )
        })
        .collect();
    assert!(
        cycles.is_empty(),
        "files that import each other:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn no_file_imports_a_higher_layer() {
    let (sources, edges) = imports();
    let up: Vec<String> = edges
        .iter()
        .filter_map(|(a, b)| {
            let (la, lb) = (layer(&sources[*a].module)?, layer(&sources[*b].module)?);
            (lb > la).then(|| {
                format!(
                    "{} (layer {}) imports {} (layer {})",
                    sources[*a].file.display(),
                    la + 1,
                    sources[*b].file.display(),
                    lb + 1
                )
            })
        })
        .collect();
    assert!(up.is_empty(), "imports up the layers:\n{}", up.join("\n"));
}

#[test]
fn every_top_module_has_a_layer() {
    let (sources, _) = imports();
    let missing: BTreeSet<String> = sources
        .iter()
        .filter(|s| !s.module.is_empty() && layer(&s.module).is_none())
        .filter_map(|s| s.module.first().cloned())
        .collect();
    assert!(
        missing.is_empty(),
        "modules with no layer in LAYERS: {missing:?}"
    );
}

#[test]
fn the_checker_sees_a_cycle_and_a_climb() {
    // Two made-up files: a/mod.rs uses a::b::X through its child, b uses super::Y back.
    let modules: BTreeMap<Vec<String>, usize> = [
        (vec!["a".to_string()], 0),
        (vec!["a".to_string(), "b".to_string()], 1),
    ]
    .into_iter()
    .collect();
    let child: BTreeSet<String> = ["b".to_string()].into_iter().collect();
    let down = paths("use b::X;", &child);
    assert_eq!(target(&["a".to_string()], &down[0], &modules), Some(&1));
    let up = paths("use super::Y;", &BTreeSet::new());
    assert_eq!(
        target(&["a".to_string(), "b".to_string()], &up[0], &modules),
        Some(&0)
    );
    assert_eq!(layer(&["report".to_string()]), Some(7));
    assert!(layer(&["units".to_string()]) < layer(&["activity".to_string()]));
}
