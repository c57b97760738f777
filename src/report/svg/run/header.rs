//! The top of a run report: the title (activity and start), the one-line summary, the file line,
//! the verdict badge and one chip per recovery criterion with its evidence.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::view::{RunView, CHIP_H, HEADER_H, WIDTH};
use crate::activity::Sport;
use crate::classify::judge::JudgedAs;
use crate::report::svg::draw::{fit, marker, rect, text, Area, Drawn, TextStyle};
use crate::report::svg::theme::{self, status_look, verdict_look, GREY, INK};
use crate::run::RunReport;
use crate::units::{fmt_distance, fmt_duration, fmt_pace};

/// Height of the header with its chip rows and the gap below them, px.
pub fn height(report: &RunReport) -> i32 {
    HEADER_H + chip_rows(report) * CHIP_H + 14
}

/// Title, the one-line summary, the verdict badge and the criteria chips.
pub fn draw(root: &Area, view: RunView) -> Drawn {
    let r = view.report;
    let a = &r.analysis;
    let title = format!(
        "{} · {}",
        activity_word(r.sport),
        a.start.format("%a %-d %b %Y, %H:%M UTC")
    );
    text(
        root,
        &title,
        (20, 22),
        TextStyle::new(theme::TITLE_PX, INK).bold(),
    )?;
    let pace = a.average_pace_s_per_km();
    let mut line = format!(
        "{} · moving {} of {} elapsed · {} average",
        fmt_distance(a.distance_m, view.units),
        fmt_duration(a.moving_s),
        fmt_duration(a.elapsed_s),
        fmt_pace(pace, view.units),
    );
    if let Some(gap) = a.gap_s_per_km {
        line.push_str(&format!(" (GAP {})", fmt_pace(Some(gap), view.units)));
    }
    if a.walking_s >= 1.0 {
        line.push_str(&format!(" · walking {}", fmt_duration(a.walking_s)));
    }
    if let (Some(avg), Some(max)) = (a.hr_avg_bpm, a.hr_max_bpm) {
        line.push_str(&format!(" · HR {avg:.0} avg, {max} max"));
    }
    text(
        root,
        &fit(&line, (WIDTH - 40) as f64, theme::BODY_PX),
        (20, 50),
        TextStyle::new(theme::BODY_PX, INK),
    )?;
    let what = r.what_it_was();
    let file = format!("{} ({}, {})", r.file, r.format.as_str(), r.sport.as_str());
    let file = if what.is_empty() {
        file
    } else {
        format!("{what} · {file}")
    };
    text(
        root,
        &fit(&file, (WIDTH - 40) as f64, theme::SMALL_PX),
        (20, 72),
        TextStyle::new(theme::SMALL_PX, GREY),
    )?;
    let verdict = r
        .judgement
        .as_ref()
        .map_or(JudgedAs::Skipped, |j| j.verdict);
    badge(root, verdict)?;
    chips(root, view)
}

/// The verdict in a coloured box at the top right, with its marker shape.
fn badge(root: &Area, verdict: JudgedAs) -> Drawn {
    let look = verdict_look(verdict);
    let label = if verdict == JudgedAs::Skipped {
        "NOT JUDGED (not a run)"
    } else {
        look.label
    };
    // Bold capitals run about a fifth wider than the plain-text estimate.
    let w = (theme::text_width_px(label, theme::CAPTION_PX) * 1.25).ceil() as i32 + 48;
    let x0 = WIDTH - 20 - w;
    rect(
        root,
        (x0, 6),
        (WIDTH - 20, 38),
        look.color.mix(0.18),
        Some(look.color),
    )?;
    marker(root, look.shape, (x0 + 18, 22), 7, look.color)?;
    text(
        root,
        label,
        (x0 + 34, 22),
        TextStyle::new(theme::CAPTION_PX, INK).bold(),
    )
}

/// One chip per criterion: the status in a coloured box, the criterion and the evidence.
fn chips(root: &Area, view: RunView) -> Drawn {
    let top = HEADER_H;
    let Some(j) = view
        .report
        .judgement
        .as_ref()
        .filter(|j| !j.criteria.is_empty())
    else {
        let why = match &view.report.judgement {
            Some(_) => format!(
                "{} is not judged by the recovery rules",
                view.report.sport.as_str()
            ),
            None => "not judged".to_string(),
        };
        return text(
            root,
            &why,
            (20, top + CHIP_H / 2),
            TextStyle::new(theme::BODY_PX, GREY),
        );
    };
    for (i, c) in j.criteria.iter().enumerate() {
        let y = top + i as i32 * CHIP_H;
        let (color, label) = status_look(c.status);
        rect(
            root,
            (20, y + 3),
            (112, y + CHIP_H - 3),
            color.mix(0.25),
            Some(color),
        )?;
        text(
            root,
            label,
            (66, y + CHIP_H / 2),
            TextStyle::new(theme::SMALL_PX, INK)
                .bold()
                .anchor(HPos::Center),
        )?;
        text(
            root,
            c.kind.as_str(),
            (122, y + CHIP_H / 2),
            TextStyle::new(theme::BODY_PX, INK).bold(),
        )?;
        // Long evidence steps down a size before it is cut.
        let room = (WIDTH - 220) as f64;
        let detail = c.detail();
        let px = if theme::text_width_px(&detail, theme::BODY_PX) <= room {
            theme::BODY_PX
        } else {
            theme::SMALL_PX
        };
        text(
            root,
            &fit(&detail, room, px),
            (200, y + CHIP_H / 2),
            TextStyle::new(px, INK),
        )?;
    }
    Ok(())
}

/// Chip rows under the header: one per criterion, or one line when not judged.
fn chip_rows(report: &RunReport) -> i32 {
    match &report.judgement {
        Some(j) if !j.criteria.is_empty() => j.criteria.len() as i32,
        _ => 1,
    }
}

/// What the title calls an activity of this sport (a file that does not say is judged as a run).
fn activity_word(sport: Sport) -> &'static str {
    match sport {
        Sport::Running | Sport::Unknown => "Run",
        Sport::Walking => "Walk",
        Sport::Hiking => "Hike",
        Sport::Cycling => "Ride",
        Sport::Swimming => "Swim",
        Sport::Other => "Activity",
    }
}
