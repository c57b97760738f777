//! What a run report is drawn from ([`RunView`]) and the page's measures, in a file of their own so
//! the page (`mod.rs`) and each part it draws import them without importing each other.

use crate::analyze::series::PlotSeries;
use crate::run::RunReport;
use crate::units::Units;

/// Width of a run report, px.
pub const WIDTH: i32 = 960;
/// Height of the header, px.
pub const HEADER_H: i32 = 86;
/// Height of one criterion chip row, px.
pub const CHIP_H: i32 = 30;
/// Height of the pace panel, px.
pub const PACE_H: i32 = 300;
/// Height of the heart-rate panel, px.
pub const HR_H: i32 = 280;
/// Height of the elevation panel, px.
pub const ELEV_H: i32 = 210;

/// Left edge of every plot (room for the y labels), px.
pub const LEFT: i32 = 20;
/// Height of the x label area, px.
pub const X_LABELS: u32 = 44;
/// Room above a plot for its caption and legend, px.
pub const HEAD: i32 = 52;
/// Height of one table or footer line, px.
pub const ROW_H: i32 = 19;

/// What a run report is drawn from.
#[derive(Debug, Clone, Copy)]
pub struct RunView<'a> {
    /// The run, judged.
    pub report: &'a RunReport,
    /// Its plot series (`None` draws "no samples kept" panels).
    pub series: Option<&'a PlotSeries>,
    /// Units shown.
    pub units: Units,
}

/// "km" or "mile" for split labels.
pub fn split_word(units: Units) -> &'static str {
    match units {
        Units::Km => "km",
        Units::Mi => "mile",
    }
}
