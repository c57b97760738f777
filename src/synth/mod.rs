//! Synthetic runs with known ground truth, and the writers that turn them into FIT, GPX and TCX
//! files: the project's own honest fixtures (describe a run, know every figure by construction).

mod build;
pub mod catalog;
pub mod fit;
mod fit_encode;
pub mod fuzz;
pub mod gpx;
pub mod mutate;
mod path;
mod spec;
pub mod tcx;
mod xml_out;

pub use build::{Synth, Truth};
pub use path::SplitMix64;
pub use spec::{Block, Hr, Move, RunSpec, Sampling};
