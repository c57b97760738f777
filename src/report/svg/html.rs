//! `index.html` for an audit folder: the season SVG, the summary counts, the training calendar
//! and a table of runs (session type, verdict, flags), each linking its own SVG. Plain HTML and inline CSS: works offline, no JavaScript.

use std::fmt::Write as _;

use super::calendar::calendar;
use super::html_calendar;
use super::theme::verdict_look;
use crate::classify::judge::JudgedAs;
use crate::run::RunReport;
use crate::safe::markup;
use crate::units::{fmt_distance, fmt_duration, fmt_pace, Units};

/// A run and the relative path of its SVG.
#[derive(Debug, Clone, Copy)]
pub struct Linked<'a> {
    /// The run.
    pub report: &'a RunReport,
    /// Its SVG, relative to the index (e.g. `runs/2025-01-07T0630_easy.svg`).
    pub href: &'a str,
}

/// A file that could not be read, for the list at the end.
#[derive(Debug, Clone, Copy)]
pub struct Failed<'a> {
    /// The file.
    pub file: &'a str,
    /// Why.
    pub error: &'a str,
}

const STYLE: &str = "body{font-family:sans-serif;margin:2em;color:#222;max-width:1100px}\
table{border-collapse:collapse;font-size:14px}th,td{padding:3px 8px;text-align:left;\
border-bottom:1px solid #ddd}td.n{text-align:right}img{max-width:100%;border:1px solid #ddd}\
.v{font-weight:bold}";

/// The page. Every text passes [`markup`] (names and paths come from files).
pub fn index_html(runs: &[Linked], failed: &[Failed], season_href: &str, units: Units) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<title>runaudit season report</title>\n");
    let _ = writeln!(
        h,
        "<style>{STYLE}{}</style>\n</head>\n<body>",
        html_calendar::STYLE
    );
    h.push_str("<h1>Season report</h1>\n");
    let _ = writeln!(h, "<p>{}</p>", markup(&summary(runs)));
    let _ = writeln!(
        h,
        "<p><img src=\"{}\" alt=\"Season charts: pace timeline, weekly volume, heart rate against pace\"></p>",
        markup(season_href)
    );
    let reports: Vec<&RunReport> = runs.iter().map(|r| r.report).collect();
    html_calendar::write(&mut h, &calendar(&reports));
    h.push_str(
        "<h2>Runs</h2>\n<table>\n<tr><th>date</th><th>distance</th><th>moving</th>\
<th>pace</th><th>HR</th><th>session</th><th>verdict</th><th>reasons</th><th>flags</th>\
<th>report</th><th>file</th></tr>\n",
    );
    for r in runs {
        row(&mut h, r, units);
    }
    h.push_str("</table>\n");
    if !failed.is_empty() {
        h.push_str("<h2>Files that could not be read</h2>\n<ul>\n");
        for f in failed {
            let _ = writeln!(h, "<li>{}: {}</li>", markup(f.file), markup(f.error));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// "56 activities: 14 recovery, ..."
fn summary(runs: &[Linked]) -> String {
    let count = |v: JudgedAs| runs.iter().filter(|r| verdict(r.report) == v).count();
    format!(
        "{} activities: {} recovery, {} not recovery, {} inconclusive, {} not judged (not running).",
        runs.len(),
        count(JudgedAs::Recovery),
        count(JudgedAs::NotRecovery),
        count(JudgedAs::Inconclusive),
        count(JudgedAs::Skipped),
    )
}

fn verdict(r: &RunReport) -> JudgedAs {
    r.judgement
        .as_ref()
        .map_or(JudgedAs::Skipped, |j| j.verdict)
}

/// One table row.
fn row(h: &mut String, r: &Linked, units: Units) {
    let a = &r.report.analysis;
    let pace = a.average_pace_s_per_km();
    let v = verdict(r.report);
    let look = verdict_look(v);
    let reasons = r
        .report
        .judgement
        .as_ref()
        .map(|j| j.reasons().join("; "))
        .unwrap_or_default();
    let c = look.color;
    let session = r
        .report
        .judgement
        .as_ref()
        .and_then(|j| j.session.as_ref())
        .map_or("-", |s| s.kind.as_str());
    let flags: Vec<String> = r.report.flags.iter().map(|f| f.sentence()).collect();
    let _ = writeln!(
        h,
        "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
<td class=\"n\">{}</td><td>{}</td><td class=\"v\" style=\"color:rgb({},{},{})\">{}</td>\
<td>{}</td><td>{}</td><td><a href=\"{}\">SVG</a></td><td>{}</td></tr>",
        a.start.format("%Y-%m-%d %H:%M"),
        markup(&fmt_distance(a.distance_m, units)),
        fmt_duration(a.moving_s),
        markup(&fmt_pace(pace, units)),
        a.hr_avg_bpm.map_or("-".to_string(), |h| format!("{h:.0}")),
        markup(session),
        c.0 / 2,
        c.1 / 2,
        c.2 / 2,
        markup(look.label),
        markup(&reasons),
        markup(&flags.join("; ")),
        markup(r.href),
        markup(&r.report.file),
    );
}
