//! The season's training calendar: one row per week (ISO week and Monday on the left), Monday to
//! Sunday across, each day filled and lettered by its hardest session with a count when there
//! were more, rest days empty; flag arrows between days and dashed outlines from `marks.rs`.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::legend::session_boxes;
use super::marks::{arrow, dashed_outline};
use super::view::{cell_box, CELL_GAP, CELL_H};
use crate::report::svg::calendar::{day_index, row_label, Calendar, LinkKind, WEEKDAYS};
use crate::report::svg::draw::{caption, rect, text, Area, Drawn, TextStyle};
use crate::report::svg::theme::{self, session_look, ALERT, GREY, INK, LIGHT_GREY, PAPER};

/// The calendar panel at `top`.
pub fn draw(root: &Area, top: i32, cal: &Calendar) -> Drawn {
    caption(
        root,
        top,
        &format!(
            "Training calendar, the last {} weeks: each day by its hardest session (×2: two that day)",
            cal.rows.len()
        ),
    )?;
    session_boxes(root, top + 36)?;
    flag_keys(root, top + 60)?;
    for (col, initial) in WEEKDAYS.iter().enumerate() {
        let (l, t, r, _) = cell_box(top, 0, col as i64);
        text(
            root,
            initial,
            ((l + r) / 2, t - 12),
            TextStyle::new(theme::SMALL_PX, GREY)
                .bold()
                .anchor(HPos::Center),
        )?;
    }
    for (i, row) in cal.rows.iter().enumerate() {
        let (_, t, _, b) = cell_box(top, i as i64, 0);
        text(
            root,
            &row_label(row),
            (20, (t + b) / 2),
            TextStyle::new(theme::SMALL_PX, GREY),
        )?;
        for (col, day) in row.days.iter().enumerate() {
            let bx = cell_box(top, i as i64, col as i64);
            cell(root, bx, day)?;
        }
    }
    links(root, top, cal)
}

/// One day's cell.
fn cell(
    root: &Area,
    (l, t, r, b): (i32, i32, i32, i32),
    day: &crate::report::svg::calendar::Day,
) -> Drawn {
    let Some(kind) = day.hardest() else {
        return rect(root, (l, t), (r, b), PAPER.to_rgba(), Some(LIGHT_GREY));
    };
    let look = session_look(kind);
    rect(root, (l, t), (r, b), look.color.to_rgba(), None)?;
    let mid = (t + b) / 2;
    text(
        root,
        look.letter,
        ((l + r) / 2, mid),
        TextStyle::new(theme::SMALL_PX, look.ink)
            .bold()
            .anchor(HPos::Center),
    )?;
    if day.entries.len() > 1 {
        text(
            root,
            &format!("×{}", day.entries.len()),
            ((l + r) / 2 + 10, mid),
            TextStyle::new(theme::SMALL_PX, look.ink),
        )?;
    }
    if day.second_hard {
        // Two hard sessions on one day: a "!!" badge at the left of the cell.
        rect(
            root,
            (l + 2, t + 2),
            (l + 20, b - 2),
            ALERT.to_rgba(),
            Some(PAPER),
        )?;
        text(
            root,
            "!!",
            (l + 11, mid),
            TextStyle::new(theme::SMALL_PX, PAPER)
                .bold()
                .anchor(HPos::Center),
        )?;
    }
    if day.meant_recovery_was_not {
        dashed_outline(root, (l, t, r, b), 3)?;
    }
    Ok(())
}

/// The flag arrows: from the hard day to the flagged day across the gap between them; a flag
/// across a week's end leaves the hard day to the right and enters the flagged day from the left.
fn links(root: &Area, top: i32, cal: &Calendar) -> Drawn {
    let rows = cal.rows.len() as i64;
    let place = |date| {
        let k = day_index(cal, date)?;
        (k >= 0 && k < rows * 7).then(|| cell_box(top, k.div_euclid(7), k.rem_euclid(7)))
    };
    let reach = CELL_GAP / 2 + 10;
    for link in &cal.links {
        let dotted = link.kind == LinkKind::NotRecoveryAfterHard;
        let (from, to) = (place(link.from), place(link.to));
        match (from, to) {
            (Some(f), Some(t)) if f.1 == t.1 => {
                let y = (f.1 + f.3) / 2;
                if t.0 - f.2 <= CELL_GAP {
                    arrow(root, &[(f.2 - 10, y), (t.0 + 10, y)], dotted)?;
                } else {
                    // Two or more days apart in one week: over the top of the cells between.
                    let (fx, tx) = ((f.0 + f.2) / 2, (t.0 + t.2) / 2);
                    let up = f.1 - 3;
                    arrow(
                        root,
                        &[(fx, f.1 + 4), (fx, up), (tx, up), (tx, t.1 + 4)],
                        dotted,
                    )?;
                }
            }
            (f, t) => {
                if let Some(f) = f {
                    let y = (f.1 + f.3) / 2;
                    arrow(root, &[(f.2 - 10, y), (f.2 + reach, y)], dotted)?;
                }
                if let Some(t) = t {
                    let y = (t.1 + t.3) / 2;
                    arrow(root, &[(t.0 - reach, y), (t.0 + 10, y)], dotted)?;
                }
            }
        }
    }
    Ok(())
}

/// The second legend line: the flag arrows, the dashed outline, the count and the badge.
fn flag_keys(root: &Area, y: i32) -> Drawn {
    let small = TextStyle::new(theme::SMALL_PX, INK);
    let mut x = 20;
    for (dotted, label) in [
        (false, "hard after hard"),
        (true, "not recovery after hard"),
    ] {
        arrow(root, &[(x, y), (x + 30, y)], dotted)?;
        text(root, label, (x + 38, y), small)?;
        x += 38 + theme::text_width_px(label, theme::SMALL_PX).ceil() as i32 + 18;
    }
    rect(
        root,
        (x + 3, y - CELL_H / 2 + 3),
        (x + 27, y + CELL_H / 2 - 3),
        LIGHT_GREY.to_rgba(),
        None,
    )?;
    dashed_outline(
        root,
        (x + 3, y - CELL_H / 2 + 3, x + 27, y + CELL_H / 2 - 3),
        3,
    )?;
    let label = "declared recovery, judged not";
    text(root, label, (x + 38, y), small)?;
    x += 38 + theme::text_width_px(label, theme::SMALL_PX).ceil() as i32 + 18;
    rect(
        root,
        (x, y - 8),
        (x + 18, y + 8),
        ALERT.to_rgba(),
        Some(PAPER),
    )?;
    let badge = TextStyle::new(theme::SMALL_PX, PAPER)
        .bold()
        .anchor(HPos::Center);
    text(root, "!!", (x + 9, y), badge)?;
    text(root, "two hard sessions that day", (x + 26, y), small)?;
    Ok(())
}
