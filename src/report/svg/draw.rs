//! Small drawing helpers over the plotters SVG backend shared by the run and season reports:
//! text, markers, captions, legend entries and a "nothing to draw" panel. Coordinates are pixels
//! of the root area.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::Axis;
use super::theme::{self, Shape, FONT, GREY, INK, LIGHT_GREY};
use crate::safe::markup_chars;
use plotters::chart::{ChartContext, MeshStyle};

/// The whole canvas.
pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
/// Drawing result; errors are only internal (drawing into a string) and carried as text.
pub type Drawn = Result<(), String>;

/// Turns a plotters error into text.
pub fn err<E: std::fmt::Display>(e: E) -> String {
    format!("drawing the SVG: {e}")
}

/// A chart in one of the reports' panels.
pub type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<Axis, Axis>>;

/// Left and right margins of every chart, px.
const CHART_MARGIN_LEFT: u32 = 20;
const CHART_MARGIN_RIGHT: u32 = 30;
/// Room for the y tick labels and title, px.
const Y_LABELS_PX: u32 = 70;

/// A chart over `area` with the reports' margins, `x_labels_px` of room under it for the x ticks
/// and title, and the given axes.
pub fn panel_chart<'a, 'b>(
    area: &'a Area<'b>,
    x_labels_px: u32,
    x: Axis,
    y: Axis,
) -> Result<Chart<'a, 'b>, String> {
    ChartBuilder::on(area)
        .margin_left(CHART_MARGIN_LEFT)
        .margin_right(CHART_MARGIN_RIGHT)
        .margin_top(6)
        .x_label_area_size(x_labels_px)
        .y_label_area_size(Y_LABELS_PX)
        .build_cartesian_2d(x, y)
        .map_err(err)
}

/// The mesh of a chart in the reports' style: small grey tick labels and titles, grid lines in
/// light grey at `grid_alpha`. Callers add their titles and formatters, then `draw()`.
pub fn panel_mesh<'a, 'c, 'b>(
    chart: &'c mut Chart<'a, 'b>,
    grid_alpha: f64,
) -> MeshStyle<'a, 'c, Axis, Axis, SVGBackend<'b>> {
    let mut mesh = chart.configure_mesh();
    mesh.label_style(axis_font())
        .axis_desc_style(axis_font())
        .bold_line_style(LIGHT_GREY.mix(grid_alpha));
    mesh
}

/// How a line of text is set.
#[derive(Clone, Copy)]
pub struct TextStyle {
    /// Size, px.
    pub px: f64,
    /// Colour.
    pub color: RGBColor,
    /// Bold.
    pub bold: bool,
    /// Horizontal anchor.
    pub h: HPos,
}

impl TextStyle {
    /// Regular, left-aligned text of `px` in `color`.
    pub fn new(px: f64, color: RGBColor) -> TextStyle {
        TextStyle {
            px,
            color,
            bold: false,
            h: HPos::Left,
        }
    }

    /// The same, bold.
    pub fn bold(self) -> TextStyle {
        TextStyle { bold: true, ..self }
    }

    /// The same, anchored at `h`.
    pub fn anchor(self, h: HPos) -> TextStyle {
        TextStyle { h, ..self }
    }
}

/// plotters writes an SVG font-size as its size / 1.24, so sizes are scaled up by that much to
/// come out in px (13 px comes out as `13.000000000000002`: no f64 survives the round trip).
pub fn font_size(px: f64) -> f64 {
    px * 1.24
}

/// Axis tick labels and titles: small grey text.
fn axis_font() -> plotters::style::TextStyle<'static> {
    (FONT, font_size(theme::SMALL_PX)).into_font().color(&GREY)
}

/// Draws one line of text with its baseline-ish centre at `y` (vertically centred). Every text of
/// the SVG reports passes here: what XML forbids is removed ([`markup_chars`]) and plotters
/// escapes the rest.
pub fn text(area: &Area, s: &str, (x, y): (i32, i32), style: TextStyle) -> Drawn {
    let mut font = (FONT, font_size(style.px)).into_font();
    if style.bold {
        font = font.style(FontStyle::Bold);
    }
    let ts = font
        .color(&style.color)
        .pos(Pos::new(style.h, VPos::Center));
    area.draw(&Text::new(markup_chars(s).into_owned(), (x, y), ts))
        .map_err(err)
}

/// Shortens `s` to fit `width_px` at `px`, ending in `…` when cut.
pub fn fit(s: &str, width_px: f64, px: f64) -> String {
    let max = (width_px / (px * 0.56)).floor().max(1.0) as usize;
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// Draws a verdict marker centred at `c` with radius `r`.
pub fn marker(area: &Area, shape: Shape, (x, y): (i32, i32), r: i32, color: RGBColor) -> Drawn {
    let fill = color.filled();
    let edge = INK.stroke_width(1);
    match shape {
        Shape::Circle => {
            area.draw(&Circle::new((x, y), r, fill)).map_err(err)?;
            area.draw(&Circle::new((x, y), r, edge)).map_err(err)
        }
        Shape::Triangle => {
            let pts = vec![(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)];
            area.draw(&Polygon::new(pts.clone(), fill)).map_err(err)?;
            let mut closed = pts;
            closed.push((x, y - r - 1));
            area.draw(&PathElement::new(closed, edge)).map_err(err)
        }
        Shape::Square => {
            let s = r.saturating_sub(1).max(1);
            area.draw(&Rectangle::new([(x - s, y - s), (x + s, y + s)], fill))
                .map_err(err)?;
            area.draw(&Rectangle::new([(x - s, y - s), (x + s, y + s)], edge))
                .map_err(err)
        }
        Shape::Cross => {
            let st = GREY.stroke_width(2);
            area.draw(&PathElement::new(vec![(x - r, y - r), (x + r, y + r)], st))
                .map_err(err)?;
            area.draw(&PathElement::new(vec![(x - r, y + r), (x + r, y - r)], st))
                .map_err(err)
        }
    }
}

/// A filled rectangle from `a` to `b` with a 1-px outline of `edge` (if any).
pub fn rect(
    area: &Area,
    a: (i32, i32),
    b: (i32, i32),
    fill: RGBAColor,
    edge: Option<RGBColor>,
) -> Drawn {
    area.draw(&Rectangle::new([a, b], fill.filled()))
        .map_err(err)?;
    if let Some(e) = edge {
        area.draw(&Rectangle::new([a, b], e.stroke_width(1)))
            .map_err(err)?;
    }
    Ok(())
}

/// A panel's caption: bold, at the left margin, 14 px below the panel's `top`.
pub fn caption(area: &Area, top: i32, s: &str) -> Drawn {
    text(
        area,
        s,
        (20, top + 14),
        TextStyle::new(theme::CAPTION_PX, INK).bold(),
    )
}

/// A framed panel with a caption and one centred sentence, for data the file does not have
/// ("no heart rate recorded").
pub fn empty_panel(
    area: &Area,
    top: i32,
    height: i32,
    width: i32,
    title: &str,
    why: &str,
) -> Drawn {
    caption(area, top, title)?;
    rect(
        area,
        (20, top + 30),
        (width - 20, top + height - 10),
        RGBColor(248, 248, 248).to_rgba(),
        Some(LIGHT_GREY),
    )?;
    text(
        area,
        why,
        (width / 2, top + 20 + height / 2),
        TextStyle::new(theme::BODY_PX, GREY).anchor(HPos::Center),
    )
}

/// A horizontal legend entry: a swatch (or marker) and its label; returns the x after it.
pub fn legend_item(
    area: &Area,
    x: i32,
    y: i32,
    swatch: Swatch,
    label: &str,
) -> Result<i32, String> {
    match swatch {
        Swatch::Box(c) => rect(area, (x, y - 6), (x + 16, y + 6), c, None)?,
        Swatch::Line(c) => area
            .draw(&PathElement::new(
                vec![(x, y), (x + 16, y)],
                c.stroke_width(3),
            ))
            .map_err(err)?,
        Swatch::Dashed(c) => {
            for k in 0..3 {
                area.draw(&PathElement::new(
                    vec![(x + k * 6, y), (x + k * 6 + 4, y)],
                    c.stroke_width(2),
                ))
                .map_err(err)?;
            }
        }
        Swatch::Marker(shape, c) => marker(area, shape, (x + 8, y), 5, c)?,
    }
    text(
        area,
        label,
        (x + 22, y),
        TextStyle::new(theme::SMALL_PX, INK),
    )?;
    Ok(x + 22 + theme::text_width_px(label, theme::SMALL_PX).ceil() as i32 + 18)
}

/// What a legend entry shows.
#[derive(Debug, Clone, Copy)]
pub enum Swatch {
    /// A filled box.
    Box(RGBAColor),
    /// A solid line.
    Line(RGBColor),
    /// A dashed line.
    Dashed(RGBColor),
    /// A verdict marker.
    Marker(Shape, RGBColor),
}

/// A dashed horizontal line from `x0` to `x1` at `y`, in pixels.
pub fn dashed_h(area: &Area, x0: i32, x1: i32, y: i32, color: RGBColor) -> Drawn {
    let mut x = x0;
    while x < x1 {
        let end = (x + 6).min(x1);
        area.draw(&PathElement::new(
            vec![(x, y), (end, y)],
            color.stroke_width(2),
        ))
        .map_err(err)?;
        x += 10;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        // 100 px at 10 px: 100 / 5.6 = 17 characters at most.
        assert_eq!(fit("short", 100.0, 10.0), "short");
        let cut = fit("abcdefghijklmnopqrstuvwxyz", 100.0, 10.0);
        assert_eq!(cut.chars().count(), 17);
        assert!(cut.ends_with('…'));
    }
}
