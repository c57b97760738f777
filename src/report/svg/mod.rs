//! SVG reports a runner or coach opens: one per run (after judging, so the verdict is known) and
//! one per season, plus the offline `index.html` of an audit folder. Rendered with plotters'
//! SVG backend; text stays `<text>`; the same input gives the same bytes.

pub mod axis;
pub mod calendar;
mod draw;
pub mod format;
pub mod html;
pub mod html_calendar;
pub mod names;
pub mod period;
pub mod robust;
pub mod run;
pub mod season;
pub mod theme;

pub use html::index_html;
pub use run::{run_svg, RunView};
pub use season::season_svg;
