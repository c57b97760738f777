//! The verdict keys the season panels share: the verdicts with their markers (pace by date, heart
//! rate against pace) and with their colours and letters (volume bars).

use plotters::style::Color;

use super::view::ORDER;
use crate::report::svg::draw::{legend_item, Area, Swatch};
use crate::report::svg::theme::verdict_look;

/// Each verdict's marker and name at the left margin; returns the x after them.
pub fn verdict_markers(root: &Area, y: i32) -> Result<i32, String> {
    let mut x = 20;
    for v in ORDER {
        let look = verdict_look(v);
        x = legend_item(
            root,
            x,
            y,
            Swatch::Marker(look.shape, look.color),
            &look.label.to_lowercase(),
        )?;
    }
    Ok(x)
}

/// Each verdict's colour, name and bar letter at the left margin; returns the x after them.
pub fn verdict_boxes(root: &Area, y: i32) -> Result<i32, String> {
    let mut x = 20;
    for v in ORDER {
        let look = verdict_look(v);
        x = legend_item(
            root,
            x,
            y,
            Swatch::Box(look.color.to_rgba()),
            &format!("{} ({})", look.label.to_lowercase(), look.letter),
        )?;
    }
    Ok(x)
}
