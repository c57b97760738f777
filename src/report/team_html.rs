//! The squad's `index.html`: one row per athlete (attention first) with the last weeks' calendar
//! strip, sessions, hard days, easy share, form and what needs attention, linking each athlete's
//! own season page. Plain HTML and inline CSS: works offline, no JavaScript.

use std::fmt::Write as _;

use super::svg::html_calendar::colours;
use super::svg::theme::{session_look, SESSION_ORDER};
use super::team::zone_words;
use crate::safe::markup;
use crate::squad::{attention_order, AthleteSummary, StripDay, Window};
use crate::units::Percent;

/// An athlete's summary and the relative link to their season page (`None`: no page).
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// The summary.
    pub summary: &'a AthleteSummary,
    /// Their page, relative to the team page (`ana/index.html`).
    pub href: Option<&'a str>,
}

const STYLE: &str = "body{font-family:sans-serif;margin:2em;color:#222;max-width:1300px}\
table.team{border-collapse:collapse;font-size:14px}table.team th,table.team td{padding:4px 8px;\
text-align:left;border-bottom:1px solid #ddd;vertical-align:middle}td.n{text-align:right}\
.strip{white-space:nowrap;font-size:11px;font-weight:bold}.strip span{display:inline-block;\
width:1.5em;height:1.5em;line-height:1.5em;text-align:center;margin:0 1px 1px 0;\
background:#f0f0f0;color:#999}.strip span.flag{box-shadow:inset 0 0 0 2px #b40000}\
.strip span.mon{margin-left:5px}.att{color:#b40000;font-weight:bold}.ok{color:#2a7a2a}\
.key span{display:inline-block;padding:1px 6px;margin-right:6px}small{color:#666}\
td.d{white-space:nowrap}";

/// The page. Every text passes [`markup`] (athlete names come from folder names and files).
pub fn team_html(rows: &[Row], window: Window) -> String {
    let mut order: Vec<&Row> = rows.iter().collect();
    order.sort_by(|a, b| attention_order(a.summary, b.summary));
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<title>runaudit squad report</title>\n");
    let _ = writeln!(h, "<style>{STYLE}</style>\n</head>\n<body>");
    h.push_str("<h1>Squad report</h1>\n");
    let _ = writeln!(
        h,
        "<p>{} athletes, weeks {} to {}; &ldquo;this week&rdquo; is {} to {}. Athletes needing \
attention come first; each name opens that athlete's season report.</p>",
        rows.len(),
        window.first_monday(),
        window.today,
        window.recent_from(),
        window.today
    );
    h.push_str("<p class=\"key\">");
    for k in SESSION_ORDER {
        let _ = write!(
            h,
            "<span style=\"{}\">{} {}</span>",
            colours(k),
            session_look(k).letter,
            k.as_str()
        );
    }
    h.push_str(
        "<br>One square a day, Monday first, the hardest session of the day; a red frame marks \
a flagged day (hard after hard, not recovery after hard, or a recovery run that was not).</p>\n",
    );
    h.push_str(
        "<table class=\"team\">\n<tr><th>athlete</th><th>calendar</th><th>sessions</th>\
<th>hard days</th><th>easy share</th><th>form</th><th>last run</th><th>this week</th></tr>\n",
    );
    for r in order {
        row(&mut h, r);
    }
    h.push_str("</table>\n</body>\n</html>\n");
    h
}

/// One athlete's row.
fn row(h: &mut String, r: &Row) {
    let a = r.summary;
    let name = markup(&a.athlete);
    let name = match r.href {
        Some(href) => format!("<a href=\"{}\">{name}</a>", markup(href)),
        None => name.into_owned(),
    };
    let share = a
        .easy_share_sessions
        .map_or("-".to_string(), |s| Percent(s).to_string());
    let attention = if a.attention.is_empty() {
        "<span class=\"ok\">nothing to look at</span>".to_string()
    } else {
        let why: Vec<&str> = a.attention.iter().map(|w| w.words()).collect();
        format!("<span class=\"att\">{}</span>", markup(&why.join(", ")))
    };
    let _ = writeln!(
        h,
        "<tr><td>{name}</td><td class=\"strip\">{}</td><td class=\"n\">{}</td>\
<td class=\"n\">{}</td><td class=\"n\">{share}</td><td>{}</td><td class=\"d\">{}</td><td>{attention}</td></tr>",
        strip(&a.days),
        a.sessions,
        a.after_hard.hard_days,
        form_cell(a),
        a.last_day.map_or("-".to_string(), |d| d.to_string()),
    );
}

/// Form as a number and its zone, the fitness and fatigue behind it in small print.
fn form_cell(a: &AthleteSummary) -> String {
    match &a.form {
        Some(f) => format!(
            "{:.1} {}<br><small>fitness {:.1} · fatigue {:.1} · a week ago {:.1}</small>",
            f.form.form,
            zone_words(f),
            f.form.fitness,
            f.form.fatigue,
            f.week_before
        ),
        None => "unknown<br><small>no load: no heart rate with max and resting HR, no RPE</small>"
            .to_string(),
    }
}

/// The calendar strip: one square a day, a gap before each Monday.
fn strip(days: &[StripDay]) -> String {
    let mut s = String::new();
    for (i, d) in days.iter().enumerate() {
        let mut class = Vec::new();
        if d.flagged {
            class.push("flag");
        }
        if i > 0 && d.date.format("%u").to_string() == "1" {
            class.push("mon");
        }
        let class = if class.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", class.join(" "))
        };
        let date = d.date.format("%a %Y-%m-%d");
        match d.hardest {
            Some(k) => {
                let _ = write!(
                    s,
                    "<span{class} style=\"{}\" title=\"{date}: {}{}\">{}</span>",
                    colours(k),
                    k.as_str(),
                    if d.sessions > 1 {
                        format!(" (+{} more)", d.sessions - 1)
                    } else {
                        String::new()
                    },
                    session_look(k).letter
                );
            }
            None => {
                let _ = write!(s, "<span{class} title=\"{date}: rest\">·</span>");
            }
        }
    }
    s
}
