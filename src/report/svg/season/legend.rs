//! The keys the season panels share: the verdicts by marker shape (pace by date, heart rate
//! against pace) and the session types by colour and letter (calendar, volume bars, markers).

use plotters::style::Color;

use super::view::ORDER;
use crate::report::svg::draw::{legend_item, Area, Swatch};
use crate::report::svg::theme::{session_look, verdict_look, GREY, SESSION_ORDER};

/// Each verdict's marker shape (in grey: colour is the session type) and name at the left
/// margin; returns the x after them.
pub fn verdict_shapes(root: &Area, y: i32) -> Result<i32, String> {
    let mut x = 20;
    for v in ORDER {
        let look = verdict_look(v);
        x = legend_item(
            root,
            x,
            y,
            Swatch::Marker(look.shape, GREY),
            &look.label.to_lowercase(),
        )?;
    }
    Ok(x)
}

/// Each session type's colour, name and letter at the left margin; returns the x after them.
pub fn session_boxes(root: &Area, y: i32) -> Result<i32, String> {
    let mut x = 20;
    for k in SESSION_ORDER {
        let look = session_look(k);
        x = legend_item(
            root,
            x,
            y,
            Swatch::Box(look.color.to_rgba()),
            &format!("{} ({})", k.as_str(), look.letter),
        )?;
    }
    Ok(x)
}
