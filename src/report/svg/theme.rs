//! The look of every SVG report in one place: a colour-blind-safe palette (Okabe–Ito), font
//! sizes, and how each verdict is drawn (colour, label and marker shape, never colour alone).

use plotters::style::RGBColor;

use crate::classify::judge::JudgedAs;
use crate::classify::session::SessionType;
use crate::classify::Status;

/// Okabe–Ito bluish green: recovery, pass.
pub const GREEN: RGBColor = RGBColor(0, 158, 115);
/// Okabe–Ito vermillion: not recovery, fail, time above the ceiling.
pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);
/// Okabe–Ito orange: inconclusive, unknown.
pub const ORANGE: RGBColor = RGBColor(230, 159, 0);
/// Okabe–Ito blue: pace bars, normal pace.
pub const BLUE: RGBColor = RGBColor(0, 114, 178);
/// Okabe–Ito sky blue: the recovery band, walking.
pub const SKY: RGBColor = RGBColor(86, 180, 233);
/// Okabe–Ito reddish purple: heart rate.
pub const PURPLE: RGBColor = RGBColor(204, 121, 167);
/// Okabe–Ito yellow: steady sessions.
pub const YELLOW: RGBColor = RGBColor(240, 228, 66);
/// Pattern flags drawn between days (with a white halo so they show on any cell).
pub const ALERT: RGBColor = RGBColor(180, 0, 0);
/// Text.
pub const INK: RGBColor = RGBColor(34, 34, 34);
/// Secondary text, axes.
pub const GREY: RGBColor = RGBColor(110, 110, 110);
/// Skipped runs, pauses.
pub const LIGHT_GREY: RGBColor = RGBColor(200, 200, 200);
/// Panel backgrounds.
pub const PAPER: RGBColor = RGBColor(255, 255, 255);

/// The font family: generic, so nothing depends on a font being installed.
pub const FONT: &str = "sans-serif";
/// Title size, px.
pub const TITLE_PX: f64 = 24.0;
/// Panel caption size, px.
pub const CAPTION_PX: f64 = 17.0;
/// Body text size, px.
pub const BODY_PX: f64 = 15.0;
/// Axis tick and small-print size, px.
pub const SMALL_PX: f64 = 13.0;

/// The marker a verdict is drawn with in scatter plots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Filled circle.
    Circle,
    /// Filled triangle.
    Triangle,
    /// Filled square.
    Square,
    /// Cross.
    Cross,
}

/// How one verdict is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VerdictLook {
    /// Fill colour.
    pub color: RGBColor,
    /// Marker shape.
    pub shape: Shape,
    /// Label, the same as in the terminal tables.
    pub label: &'static str,
    /// One letter for small spaces (stacked bars).
    pub letter: &'static str,
}

/// The look of a verdict. Same hues as [`crate::report::table::verdict_ansi`] (green, red-ish,
/// yellow-ish, grey), taken from the Okabe–Ito palette.
pub fn verdict_look(v: JudgedAs) -> VerdictLook {
    let (color, shape, letter) = match v {
        JudgedAs::Recovery => (GREEN, Shape::Circle, "R"),
        JudgedAs::NotRecovery => (VERMILLION, Shape::Triangle, "N"),
        JudgedAs::Inconclusive => (ORANGE, Shape::Square, "I"),
        JudgedAs::Skipped => (LIGHT_GREY, Shape::Cross, "S"),
    };
    VerdictLook {
        color,
        shape,
        label: v.label(),
        letter,
    }
}

/// Session types in stacking and legend order, easiest first.
pub const SESSION_ORDER: [SessionType; 7] = [
    SessionType::Recovery,
    SessionType::Easy,
    SessionType::Walk,
    SessionType::Steady,
    SessionType::Long,
    SessionType::Workout,
    SessionType::Race,
];

/// How one session type is drawn: an Okabe–Ito colour and a letter, never colour alone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SessionLook {
    /// Fill colour.
    pub color: RGBColor,
    /// Colour of text on the fill (white on the dark fills).
    pub ink: RGBColor,
    /// One letter: R E S W L X K.
    pub letter: &'static str,
}

/// The look of a session type (colour and letter, the same in the calendar, the volume bars and
/// the pace markers).
pub fn session_look(kind: SessionType) -> SessionLook {
    let white = PAPER;
    let (color, ink, letter) = match kind {
        SessionType::Recovery => (GREEN, white, "R"),
        SessionType::Easy => (SKY, INK, "E"),
        SessionType::Steady => (YELLOW, INK, "S"),
        SessionType::Workout => (VERMILLION, white, "W"),
        SessionType::Long => (BLUE, white, "L"),
        SessionType::Race => (PURPLE, INK, "X"),
        SessionType::Walk => (LIGHT_GREY, INK, "K"),
    };
    SessionLook { color, ink, letter }
}

/// Colour and chip label of a criterion's status.
pub fn status_look(s: Status) -> (RGBColor, &'static str) {
    match s {
        Status::Pass => (GREEN, "PASS"),
        Status::Fail => (VERMILLION, "FAIL"),
        Status::Unknown => (ORANGE, "UNKNOWN"),
    }
}

/// Rough width of `text` at `px`, for layout (no font metrics: about 0.56 em per character in a
/// sans-serif face).
pub fn text_width_px(text: &str, px: f64) -> f64 {
    text.chars().count() as f64 * px * 0.56
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verdict_has_its_own_shape_and_colour() {
        let all = [
            JudgedAs::Recovery,
            JudgedAs::NotRecovery,
            JudgedAs::Inconclusive,
            JudgedAs::Skipped,
        ];
        for (i, a) in all.iter().enumerate() {
            for b in all.iter().skip(i + 1) {
                assert_ne!(verdict_look(*a).shape, verdict_look(*b).shape);
                assert_ne!(verdict_look(*a).color, verdict_look(*b).color);
            }
        }
    }

    #[test]
    fn every_session_type_has_its_own_colour_and_letter() {
        for (i, a) in SESSION_ORDER.iter().enumerate() {
            for b in SESSION_ORDER.iter().skip(i + 1) {
                assert_ne!(session_look(*a).color, session_look(*b).color);
                assert_ne!(session_look(*a).letter, session_look(*b).letter);
            }
        }
    }

    #[test]
    fn text_width_is_proportional() {
        // 10 characters × 20 px × 0.56 = 112 px.
        assert!((text_width_px("0123456789", 20.0) - 112.0).abs() < 1e-9);
    }
}
