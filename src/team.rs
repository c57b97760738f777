//! `runaudit team DIR`: a coach's squad. Each athlete is audited on their own, exactly as
//! `audit` of their folder would (one season batch each, in turn, parallel inside), reduced to
//! a small digest and dropped before the next, so memory stays near the largest athlete's.

use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::batch::{self, Outcome};
use crate::config::{Config, OutputFormat};
use crate::output::{self, INDEX_HTML};
use crate::profile::ProfileError;
use crate::read::squad::{self, Athlete};
use crate::report::table::TableStyle;
use crate::report::team_html::{team_html, Row};
use crate::report::{csv, json, team};
use crate::run::FileResult;
use crate::safe::{path_component, terminal};
use crate::squad::{summarize, AthleteSummary, Digest, Window};

/// The plain settings of `team`.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamSettings {
    /// ISO weeks in the view, this one the last.
    pub weeks: u32,
    /// The day the view is for; `None`: the latest activity of the squad.
    pub today: Option<NaiveDate>,
    /// Table, JSON, JSON Lines or CSV.
    pub format: OutputFormat,
    /// Units and colours of the table.
    pub style: TableStyle,
    /// Where the pages go (`--out`).
    pub out_dir: Option<PathBuf>,
}

/// Builds an athlete's configuration from their profile file (its path as shown, its text), as
/// `audit --profile FILE` (or `--no-profile`) would.
pub type AthleteConfig<'a> = dyn Fn(Option<(&str, &str)>) -> Result<Config, ProfileError> + 'a;

/// One athlete once audited.
struct Done {
    name: String,
    digest: Digest,
    /// Their folder under `--out`, relative to it.
    slug: Option<String>,
    /// Where their runs' JSON lies in the spool (`--format json`).
    spooled: std::ops::Range<u64>,
}

/// Runs `team` over the squad folder `dir`.
pub fn team(
    dir: &Path,
    settings: &TeamSettings,
    athlete_config: &AthleteConfig,
    out: &mut dyn Write,
    diag: &mut dyn Write,
) -> io::Result<Outcome> {
    let squad = squad::list(dir).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    for s in &squad.skipped {
        writeln!(
            diag,
            "warning: {}: not a folder or a zip export; skipped",
            terminal(&s.display().to_string())
        )?;
    }
    if let Some(d) = &settings.out_dir {
        output::create_dir(d)?;
    }
    let mut spool = match settings.format {
        OutputFormat::Json => Some(tempfile::tempfile()?),
        _ => None,
    };
    let mut slugs = Slugs::default();
    let mut outcome = Outcome::default();
    let mut done = Vec::new();
    for athlete in &squad.athletes {
        let config = match config_of(athlete, athlete_config) {
            Ok(c) => c,
            Err(e) => {
                writeln!(
                    diag,
                    "{}: {}",
                    terminal(&athlete.name),
                    terminal(&e.to_string())
                )?;
                outcome.files_failed += 1;
                continue;
            }
        };
        let slug = settings.out_dir.as_ref().map(|_| slugs.take(&athlete.name));
        let first = done.is_empty();
        let one = audit_one(
            athlete, config, settings, slug, first, &mut spool, out, diag,
        )?;
        outcome.files_ok += one.1.files_ok;
        outcome.files_failed += one.1.files_failed;
        done.push(one.0);
    }
    let today = settings
        .today
        .or_else(|| done.iter().filter_map(|d| d.digest.last_day()).max())
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let window = Window {
        today,
        weeks: settings.weeks,
    };
    let summaries: Vec<AthleteSummary> = done
        .iter()
        .map(|d| summarize(&d.name, &d.digest, window))
        .collect();
    match (settings.format, spool.as_mut()) {
        (OutputFormat::Table, _) => team::write(out, &summaries, window, &settings.style)?,
        (OutputFormat::Json, Some(spool)) => write_json(out, &done, &summaries, window, spool)?,
        _ => {}
    }
    out.flush()?;
    if let Some(d) = &settings.out_dir {
        let hrefs: Vec<Option<String>> = done
            .iter()
            .map(|d| d.slug.as_ref().map(|s| format!("{s}/{INDEX_HTML}")))
            .collect();
        let rows: Vec<Row> = summaries
            .iter()
            .zip(&hrefs)
            .map(|(summary, href)| Row {
                summary,
                href: href.as_deref(),
            })
            .collect();
        output::write_file(&d.join(INDEX_HTML), team_html(&rows, window).as_bytes())?;
    }
    Ok(outcome)
}

/// An athlete's configuration: their profile file read, or none.
fn config_of(athlete: &Athlete, athlete_config: &AthleteConfig) -> Result<Config, String> {
    let profile = match &athlete.profile {
        Some(p) => {
            let text = squad::read_small(p).map_err(|e| e.to_string())?;
            Some((p.display().to_string(), text))
        }
        None => None,
    };
    athlete_config(profile.as_ref().map(|(p, t)| (p.as_str(), t.as_str())))
        .map_err(|e| e.to_string())
}

/// Audits one athlete as `audit` does, writes what goes out per athlete (machine rows, their
/// pages, their runs' JSON into the spool) and keeps the digest.
#[allow(clippy::too_many_arguments)]
fn audit_one(
    athlete: &Athlete,
    mut config: Config,
    settings: &TeamSettings,
    slug: Option<String>,
    first: bool,
    spool: &mut Option<std::fs::File>,
    out: &mut dyn Write,
    diag: &mut dyn Write,
) -> io::Result<(Done, Outcome)> {
    let page_dir = settings
        .out_dir
        .as_ref()
        .zip(slug.as_ref())
        .map(|(d, s)| d.join(s));
    config.svg_dir = page_dir.clone();
    if let Some(d) = &page_dir {
        output::create_out_dir(d)?;
    }
    let batch = batch::season(std::slice::from_ref(&athlete.path), &config);
    output::write_failures(diag, &batch.failures)?;
    output::write_notes(diag, &batch.notes)?;
    let svg_names = match &page_dir {
        Some(d) => output::write_run_svgs(&batch.runs(), &output::create_out_dir(d)?, &config)?,
        None => Vec::new(),
    };
    let digest = Digest::of(&batch.runs(), batch.failures.len(), &config);
    let outcome = batch.outcome;
    let results: Vec<FileResult> = batch.entries.into_iter().map(|p| p.into_result()).collect();
    if let Some(d) = &page_dir {
        output::write_season(d, &results, &svg_names, &config)?;
    }
    let name = athlete.name.as_str();
    let mut spooled = 0..0;
    match settings.format {
        OutputFormat::Csv => csv::write_with(out, &results, Some(("athlete", name)), first)?,
        OutputFormat::Jsonl => json::write_lines_of(out, name, &results)?,
        OutputFormat::Json => {
            if let Some(f) = spool.as_mut() {
                let start = f.stream_position()?;
                let mut w = io::BufWriter::new(&mut *f);
                serde_json::to_writer_pretty(&mut w, &results).map_err(io::Error::other)?;
                w.flush()?;
                drop(w);
                spooled = start..f.stream_position()?;
            }
        }
        OutputFormat::Table => {}
    }
    Ok((
        Done {
            name: athlete.name.clone(),
            digest,
            slug,
            spooled,
        },
        outcome,
    ))
}

/// The JSON document: `{"today", "weeks", "athletes": [{"athlete", "runs", "summary"}]}`, each
/// athlete's runs copied from the spool as `audit --format json` wrote them.
fn write_json(
    out: &mut dyn Write,
    done: &[Done],
    summaries: &[AthleteSummary],
    window: Window,
    spool: &mut std::fs::File,
) -> io::Result<()> {
    writeln!(
        out,
        "{{\n  \"today\": {},\n  \"weeks\": {},\n  \"athletes\": [",
        compact(&window.today),
        window.weeks
    )?;
    for (i, (d, s)) in done.iter().zip(summaries).enumerate() {
        writeln!(out, "    {{\n      \"athlete\": {},", compact(&d.name))?;
        out.write_all(b"      \"runs\": ")?;
        spool.seek(io::SeekFrom::Start(d.spooled.start))?;
        let mut part = (&mut *spool).take(d.spooled.end.saturating_sub(d.spooled.start));
        io::copy(&mut part, out)?;
        writeln!(out, ",\n      \"summary\": {}", compact(s))?;
        let comma = if i + 1 < done.len() { "," } else { "" };
        writeln!(out, "    }}{comma}")?;
    }
    writeln!(out, "  ]\n}}")
}

/// Compact JSON of a value, for the hand-joined document.
fn compact<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

/// Folder names for athletes under `--out`: [`path_component`] of the name, `-2`, `-3` ... for
/// a repeat.
#[derive(Debug, Default)]
struct Slugs {
    taken: std::collections::BTreeSet<String>,
}

impl Slugs {
    fn take(&mut self, name: &str) -> String {
        let base = path_component(name);
        let mut slug = base.clone();
        let mut k = 2u32;
        while self.taken.contains(&slug) {
            slug = format!("{base}-{k}");
            k = k.saturating_add(1);
        }
        self.taken.insert(slug.clone());
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_and_hostile_names_get_their_own_folder() {
        let mut s = Slugs::default();
        assert_eq!(s.take("Ana"), "ana");
        assert_eq!(s.take("ana"), "ana-2");
        assert_eq!(s.take("../ana"), "ana-3");
        assert_eq!(s.take("a/b"), "a-b");
        assert_eq!(s.take(".."), "athlete");
    }
}
