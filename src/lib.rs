//! runaudit: reads running-watch exports (FIT, GPX, TCX), computes splits, pace and heart rate the
//! way Strava and Garmin define them, and judges whether each run was a genuine recovery run.
//!
//! The pipeline is the module layout: [`read`] → [`activity`] → [`analyze`] → [`report`].

pub mod activity;
pub mod analyze;
pub mod audit;
pub mod baseline;
pub mod classify;
pub mod error;
pub mod profile;
pub mod read;
pub mod report;
pub mod words;

pub use activity::{Activity, Format, Sample, Sport};
pub use error::ReadError;
pub mod check;
pub mod cli;
pub mod config;
pub mod pipeline;
