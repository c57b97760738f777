//! runaudit's dev-only test kit: synthetic runs with known ground truth, the FIT, GPX and TCX writers
//! that make them the project's own honest fixtures (describe a run, know every figure by
//! construction), and the mutators and fuzz driver that break them; for tests, benches and examples.

mod build;
pub mod bundle;
pub mod catalog;
pub mod fit;
mod fit_encode;
pub mod fuzz;
pub mod gpx;
pub mod mutate;
mod path;
pub mod quirks;
mod spec;
pub mod tcx;
mod xml_out;

pub use build::{Synth, Truth};
pub use path::SplitMix64;
pub use spec::{Block, Hr, LapIntensity, Move, RunSpec, Sampling};
