//! The training calendar of `index.html` as an HTML table: a row per week, a cell per day with
//! the hardest session's letter on its colour, a title with the date, types and evidence, and
//! the flags marked; the months before it as a small table. No JavaScript; every text escaped.

use std::fmt::Write as _;

use super::calendar::{month_label, row_label, Calendar, Day, WEEKDAYS};
use super::theme::session_look;
use crate::classify::pattern::Flag;
use crate::safe::markup;
use crate::units::Percent;

/// The calendar's CSS, added to the page's.
pub const STYLE: &str = "table.cal td{width:3.2em;height:1.6em;text-align:center;\
border:2px solid #fff;padding:0;font-weight:bold}table.cal td.rest{background:#f6f6f6}\
table.cal th.w{text-align:left;font-weight:normal;color:#666;padding-right:1em}\
table.cal td.flag{box-shadow:inset 0 0 0 3px #b40000}table.cal td.meant{outline:3px dashed #222;\
outline-offset:-3px}.key span{display:inline-block;padding:1px 6px;margin-right:6px}";

/// The calendar section: a key, the months before the calendar (if any) and the weeks.
pub fn write(h: &mut String, cal: &Calendar) {
    if cal.rows.is_empty() {
        return;
    }
    h.push_str("<h2>Training calendar</h2>\n<p class=\"key\">");
    for k in super::theme::SESSION_ORDER {
        let l = session_look(k);
        let _ = write!(
            h,
            "<span style=\"{}\">{} {}</span>",
            colours(k),
            l.letter,
            k.as_str()
        );
    }
    h.push_str(
        "<br>Each day shows its hardest session (×n: sessions that day). A red frame: hard after \
hard or not recovery after hard (the day before was hard); a dashed frame: declared recovery, \
judged not recovery.</p>\n",
    );
    if !cal.months.is_empty() {
        h.push_str(
            "<table>\n<tr><th>month</th><th>sessions</th><th>hard days</th><th>easy share</th></tr>\n",
        );
        for m in &cal.months {
            let share = m
                .sum
                .easy_share_sessions
                .map_or("-".to_string(), |s| Percent(s).to_string());
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{share}</td></tr>",
                month_label(m.first),
                m.sum.sessions,
                m.sum.hard_days
            );
        }
        h.push_str("</table>\n");
    }
    h.push_str("<table class=\"cal\">\n<tr><th></th>");
    for d in WEEKDAYS {
        let _ = write!(h, "<th>{d}</th>");
    }
    h.push_str("</tr>\n");
    for row in &cal.rows {
        let _ = write!(h, "<tr><th class=\"w\">{}</th>", markup(&row_label(row)));
        for day in &row.days {
            cell(h, day);
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n");
}

/// Inline colours of a session type's cell (also the team page's calendar strip).
pub fn colours(k: crate::classify::session::SessionType) -> String {
    let l = session_look(k);
    format!(
        "background:rgb({},{},{});color:rgb({},{},{})",
        l.color.0, l.color.1, l.color.2, l.ink.0, l.ink.1, l.ink.2
    )
}

/// One day's cell.
fn cell(h: &mut String, day: &Day) {
    let date = day.date.format("%a %Y-%m-%d").to_string();
    let Some(kind) = day.hardest() else {
        let _ = write!(h, "<td class=\"rest\" title=\"{date}: rest\"></td>");
        return;
    };
    let mut said: Vec<String> = day.entries.iter().map(|e| e.evidence.clone()).collect();
    said.extend(day.flags.iter().map(Flag::sentence));
    let title = format!("{date}: {}", said.join("; "));
    let mut class = Vec::new();
    if day
        .flags
        .iter()
        .any(|f| !matches!(f, Flag::MeantRecoveryWasNot))
    {
        class.push("flag");
    }
    if day.meant_recovery_was_not {
        class.push("meant");
    }
    let count = if day.entries.len() > 1 {
        format!("<small>×{}</small>", day.entries.len())
    } else {
        String::new()
    };
    let _ = write!(
        h,
        "<td{} style=\"{}\" title=\"{}\">{}{count}</td>",
        if class.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", class.join(" "))
        },
        colours(kind),
        markup(&title),
        session_look(kind).letter,
    );
}
