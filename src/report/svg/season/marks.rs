//! Marks the season panels draw on top: flag arrows from a hard day to the flagged day (solid for
//! hard after hard, dotted for not recovery after hard, with a white halo so they show on any
//! fill), the dashed outline of a declared recovery that was not, and the clipped-run triangles.

use plotters::prelude::*;

use crate::report::svg::draw::{err, Area, Drawn};
use crate::report::svg::theme::{ALERT, INK, PAPER};

/// Points along the polyline `pts` split into dashes of `on` px with `off` px gaps.
fn dashes(pts: &[(i32, i32)], on: f64, off: f64) -> Vec<Vec<(i32, i32)>> {
    let mut out = Vec::new();
    let mut carry = 0.0; // distance already walked into the current on/off period
    for pair in pts.windows(2) {
        let (Some(&(x0, y0)), Some(&(x1, y1))) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let (dx, dy) = (f64::from(x1 - x0), f64::from(y1 - y0));
        let len = dx.hypot(dy);
        let at = |t: f64| {
            let f = if len > 0.0 { t / len } else { 0.0 };
            (x0 + (dx * f).round() as i32, y0 + (dy * f).round() as i32)
        };
        let mut t = 0.0;
        while t < len {
            let phase = carry % (on + off);
            if phase < on {
                let end = (t + on - phase).min(len);
                out.push(vec![at(t), at(end)]);
                carry += end - t;
                t = end;
            } else {
                let end = (t + on + off - phase).min(len);
                carry += end - t;
                t = end;
            }
        }
    }
    out
}

/// An arrow along `pts` ending in a head at the last point; dotted or solid.
pub fn arrow(area: &Area, pts: &[(i32, i32)], dotted: bool) -> Drawn {
    area.draw(&PathElement::new(pts.to_vec(), PAPER.stroke_width(7)))
        .map_err(err)?;
    if dotted {
        for d in dashes(pts, 4.0, 3.0) {
            area.draw(&PathElement::new(d, ALERT.stroke_width(3)))
                .map_err(err)?;
        }
    } else {
        area.draw(&PathElement::new(pts.to_vec(), ALERT.stroke_width(3)))
            .map_err(err)?;
    }
    let n = pts.len();
    let (Some(&(x1, y1)), Some(&(x0, y0))) =
        (pts.get(n.wrapping_sub(1)), pts.get(n.wrapping_sub(2)))
    else {
        return Ok(());
    };
    let (dx, dy) = (f64::from(x1 - x0), f64::from(y1 - y0));
    let len = dx.hypot(dy).max(1.0);
    let (ux, uy) = (dx / len, dy / len);
    let p = |along: f64, across: f64| {
        (
            x1 + (ux * along - uy * across).round() as i32,
            y1 + (uy * along + ux * across).round() as i32,
        )
    };
    let head = vec![p(0.0, 0.0), p(-8.0, 5.0), p(-8.0, -5.0)];
    area.draw(&Polygon::new(head.clone(), ALERT.filled()))
        .map_err(err)?;
    let mut closed = head.clone();
    closed.extend(head.first().copied());
    area.draw(&PathElement::new(closed, PAPER.stroke_width(1)))
        .map_err(err)
}

/// A thick dashed outline `pad` px outside the box (left, top, right, bottom).
pub fn dashed_outline(area: &Area, (l, t, r, b): (i32, i32, i32, i32), pad: i32) -> Drawn {
    let (l, t, r, b) = (l - pad, t - pad, r + pad, b + pad);
    let ring = [(l, t), (r, t), (r, b), (l, b), (l, t)];
    for d in dashes(&ring, 6.0, 4.0) {
        area.draw(&PathElement::new(d, INK.stroke_width(3)))
            .map_err(err)?;
    }
    Ok(())
}

/// Which way a clipped run lies off the axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Off {
    /// Above the top.
    Up,
    /// Below the bottom.
    Down,
    /// Left of the start.
    Left,
    /// Right of the end.
    Right,
}

/// A run outside the axis: a triangle at the edge point `(x, y)` pointing off the axis.
pub fn off_axis(area: &Area, (x, y): (i32, i32), off: Off, color: RGBColor) -> Drawn {
    let (tip, a, b) = match off {
        Off::Up => ((x, y - 7), (x - 6, y + 3), (x + 6, y + 3)),
        Off::Down => ((x, y + 7), (x - 6, y - 3), (x + 6, y - 3)),
        Off::Left => ((x - 7, y), (x + 3, y - 6), (x + 3, y + 6)),
        Off::Right => ((x + 7, y), (x - 3, y - 6), (x - 3, y + 6)),
    };
    area.draw(&Polygon::new(vec![tip, a, b], color.filled()))
        .map_err(err)?;
    area.draw(&PathElement::new(vec![tip, a, b, tip], INK.stroke_width(1)))
        .map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_alternate_along_the_path() {
        // 20 px with 4 on, 3 off: dashes at 0–4, 7–11, 14–18 (the 4th starts at 21 > 20).
        let d = dashes(&[(0, 0), (20, 0)], 4.0, 3.0);
        assert_eq!(
            d,
            vec![
                vec![(0, 0), (4, 0)],
                vec![(7, 0), (11, 0)],
                vec![(14, 0), (18, 0)]
            ]
        );
    }
}
