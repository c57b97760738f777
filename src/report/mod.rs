//! Renderers: the same per-run results as a table, JSON or CSV, written into any `impl Write`.
//! One small file per format, plus the SVG reports; the records they render are in [`crate::run`].

pub mod csv;
pub mod json;
pub mod season;
pub mod svg;
pub mod table;
pub mod team;
pub mod team_html;
