//! The strip before the calendar for a long history: one column per month before the calendar's
//! weeks, with the sessions (hard days at their foot) and the easy share of sessions against the
//! 80/20 reference, so ten years still fit one page.

use chrono::Datelike;
use plotters::style::text_anchor::HPos;
use plotters::style::Color;

use super::view::WIDTH;
use crate::classify::month::Month;
use crate::classify::session::SessionType;
use crate::report::svg::draw::{
    caption, dashed_h, legend_item, rect, text, Area, Drawn, Swatch, TextStyle,
};
use crate::report::svg::theme::{self, session_look, GREY, INK, LIGHT_GREY};

/// Left edge of the columns (row names to its left), px.
const X0: i32 = 110;
/// Height of the sessions bars, px.
const BARS_H: i32 = 70;
/// Height of the easy-share strip, px.
const SHARE_H: i32 = 30;

/// The month strip at `top`.
pub fn draw(root: &Area, top: i32, months: &[Month]) -> Drawn {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Ok(());
    };
    caption(
        root,
        top,
        &format!(
            "Before the calendar, by month: {} – {}",
            first.first.format("%b %Y"),
            last.first.format("%b %Y")
        ),
    )?;
    let hard = session_look(SessionType::Workout).color;
    let easy = session_look(SessionType::Recovery).color;
    let x = legend_item(
        root,
        20,
        top + 36,
        Swatch::Box(LIGHT_GREY.to_rgba()),
        "sessions",
    )?;
    let x = legend_item(
        root,
        x,
        top + 36,
        Swatch::Box(hard.to_rgba()),
        "of them on hard days",
    )?;
    let x = legend_item(
        root,
        x,
        top + 36,
        Swatch::Box(easy.to_rgba()),
        "easy share of sessions",
    )?;
    legend_item(
        root,
        x,
        top + 36,
        Swatch::Dashed(INK),
        "80% (Seiler's 80/20, a reference)",
    )?;
    let n = i32::try_from(months.len()).unwrap_or(1).max(1);
    let col = ((WIDTH - 30 - X0) / n).clamp(2, 48);
    let bars_base = top + 60 + BARS_H;
    let share_top = bars_base + 12;
    let share_base = share_top + SHARE_H;
    let most = months
        .iter()
        .map(|m| m.sum.sessions)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let small = TextStyle::new(theme::SMALL_PX, GREY);
    text(root, "sessions", (20, bars_base - BARS_H / 2), small)?;
    text(root, "easy share", (20, share_top + SHARE_H / 2), small)?;
    rect(
        root,
        (X0, share_top),
        (X0 + n * col, share_base),
        LIGHT_GREY.mix(0.25),
        None,
    )?;
    let gap = if col >= 6 { 1 } else { 0 };
    for (i, m) in months.iter().enumerate() {
        let x = X0 + i32::try_from(i).unwrap_or(0) * col;
        let w = &m.sum;
        let h = |count: usize| (count as f64 / most * f64::from(BARS_H)).round() as i32;
        rect(
            root,
            (x + gap, bars_base - h(w.sessions)),
            (x + col - gap, bars_base),
            LIGHT_GREY.to_rgba(),
            None,
        )?;
        rect(
            root,
            (x + gap, bars_base - h(w.hard_days)),
            (x + col - gap, bars_base),
            hard.to_rgba(),
            None,
        )?;
        if let Some(s) = w.easy_share_sessions {
            let sh = (s * f64::from(SHARE_H)).round() as i32;
            rect(
                root,
                (x + gap, share_base - sh),
                (x + col - gap, share_base),
                easy.to_rgba(),
                None,
            )?;
        }
        if col >= 40 {
            let label = format!("{}/{}", w.hard_days, w.sessions);
            text(
                root,
                &label,
                (x + col / 2, bars_base - h(w.sessions) - 8),
                small.anchor(HPos::Center),
            )?;
        }
        let month = m.first.month();
        let label = if col >= 40 {
            Some(m.first.format("%b").to_string())
        } else {
            (month == 1 || i == 0).then(|| m.first.format("%Y").to_string())
        };
        if let Some(label) = label {
            text(
                root,
                &label,
                (x + if col >= 40 { col / 2 } else { 0 }, share_base + 12),
                small.anchor(if col >= 40 { HPos::Center } else { HPos::Left }),
            )?;
        }
        if col >= 40 && (month == 1 || i == 0) {
            text(
                root,
                &m.first.format("%Y").to_string(),
                (x + col / 2, share_base + 28),
                small.anchor(HPos::Center),
            )?;
        }
    }
    let y80 = share_base - (0.8 * f64::from(SHARE_H)).round() as i32;
    dashed_h(root, X0, X0 + n * col, y80, INK)?;
    Ok(())
}
