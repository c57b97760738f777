//! What the season report is drawn from (one [`Dot`] per run) and the page's measures, in a file
//! of their own so the page (`mod.rs`) and each panel import them without importing each other.

use chrono::{NaiveDate, Timelike};

use crate::classify::judge::JudgedAs;
use crate::classify::session::SessionType;
use crate::classify::{CriterionKind, Status};
use crate::run::RunReport;
use crate::units::Units;

/// Width of the season report, px.
pub const WIDTH: i32 = 1000;
/// Height of the header (title and counts), px.
pub const HEADER_H: i32 = 80;
/// Height of the pace-by-date panel, px.
pub const PACE_BY_DATE_H: i32 = 380;
/// Height of the volume panel, px.
pub const VOLUME_H: i32 = 340;
/// Height of the fitness, fatigue and form panel, px.
pub const FITNESS_H: i32 = 400;
/// Height of the heart-rate-against-pace panel, px.
pub const HR_VS_PACE_H: i32 = 340;
/// Room above a plot for its caption and legend, px.
pub const HEAD: i32 = 52;
/// Height of the month summary strip (when the history is longer than the calendar), px.
pub const MONTHS_H: i32 = 200;
/// Left edge of the calendar's first column (week labels to its left), px.
pub const CAL_X0: i32 = 190;
/// Width of a calendar cell, px.
pub const CELL_W: i32 = 96;
/// Gap between calendar columns, where the flag arrows go, px.
pub const CELL_GAP: i32 = 16;
/// Height of a calendar cell, px.
pub const CELL_H: i32 = 20;
/// Distance from one calendar row to the next, px.
pub const ROW_PITCH: i32 = 26;
/// Room above the calendar's first row: caption, two legend lines, weekday initials, px.
pub const CAL_HEAD: i32 = 104;

/// Height of the calendar panel for `rows` weeks, px.
pub fn calendar_height(rows: usize) -> i32 {
    CAL_HEAD + i32::try_from(rows).unwrap_or(0) * ROW_PITCH + 20
}

/// The pixel box of the calendar cell in row `row`, column `col` (0 = Monday) of a panel at
/// `top`: (left, top, right, bottom).
pub fn cell_box(top: i32, row: i64, col: i64) -> (i32, i32, i32, i32) {
    let x = CAL_X0 + i32::try_from(col).unwrap_or(0) * (CELL_W + CELL_GAP);
    let y = top + CAL_HEAD + i32::try_from(row).unwrap_or(0) * ROW_PITCH;
    (x, y, x + CELL_W, y + CELL_H)
}
/// Verdicts in stacking and legend order.
pub const ORDER: [JudgedAs; 3] = [
    JudgedAs::Recovery,
    JudgedAs::Inconclusive,
    JudgedAs::NotRecovery,
];

/// A judged run as the season plots see it.
#[derive(Debug, Clone, Copy)]
pub struct Dot {
    /// Days from the base Monday to the start (time of day as the fraction).
    pub day: f64,
    /// Average pace, seconds per unit shown.
    pub pace: Option<f64>,
    /// Distance in the unit shown.
    pub distance: f64,
    /// The verdict (`Skipped` when not judged).
    pub verdict: JudgedAs,
    /// The session type (`None` when not judged).
    pub kind: Option<SessionType>,
    /// Average heart rate, bpm.
    pub hr: Option<f64>,
    /// The effort criterion passed: the heart rate said easy.
    pub easy_hr: bool,
    /// Normal pace when this run was judged, seconds per unit shown.
    pub normal: Option<f64>,
    /// The recovery band (fast, slow end) when this run was judged, seconds per unit shown.
    pub band: Option<(f64, f64)>,
}

impl Dot {
    /// The run as the plots see it; `base` is the Monday of the first run's week.
    pub fn of(r: &RunReport, base: NaiveDate, units: Units) -> Dot {
        let a = &r.analysis;
        let secs = (a.start.date_naive() - base).num_seconds() as f64
            + f64::from(a.start.time().num_seconds_from_midnight());
        let j = r.judgement.as_ref();
        let p = j.and_then(|j| j.profile.as_ref());
        let normal = p.and_then(|p| p.normal_pace_s_per_km.as_ref().map(|n| n.value));
        let band = p.zip(normal).map(|(p, n)| {
            let (from, to) = p.rules.recovery_band(n);
            (units.pace(from), units.pace(to))
        });
        Dot {
            day: secs / 86_400.0,
            pace: a.average_pace_s_per_km().map(|p| units.pace(p)),
            distance: units.distance(a.distance_m),
            verdict: j.map_or(JudgedAs::Skipped, |j| j.verdict),
            kind: j.and_then(|j| j.session.as_ref()).map(|s| s.kind),
            hr: a.hr_avg_bpm,
            easy_hr: j.is_some_and(|j| {
                j.criteria
                    .iter()
                    .any(|c| c.kind == CriterionKind::Effort && c.status == Status::Pass)
            }),
            normal: normal.map(|n| units.pace(n)),
            band,
        }
    }
}
