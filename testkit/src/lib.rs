//! runaudit's dev-only test kit: synthetic runs with known ground truth, the FIT, GPX and TCX writers
//! that make them the project's own honest fixtures (describe a run, know every figure by
//! construction), and the mutators and fuzz driver that break them; for tests, benches and examples.

pub mod apple;
mod build;
pub mod bundle;
pub mod catalog;
pub mod fit;
mod fit_encode;
pub mod fuzz;
pub mod gpx;
pub mod hostile;
pub mod mutate;
mod path;
pub mod quirks;
mod spec;
pub mod tcx;
mod xml_out;

pub use build::{Synth, Truth};
pub use path::SplitMix64;
pub use spec::{Block, Hr, LapIntensity, Move, RunSpec, Sampling};

/// The one activity `bytes` hold, read back through the whole reader, with its analysis in
/// kilometers: what a written fixture gives. Panics (a test failure) on anything else.
pub fn read_one(bytes: &[u8]) -> (runaudit::Activity, runaudit::analyze::Analysis) {
    let acts = runaudit::read::read_bytes(bytes, &runaudit::read::ReadOptions::default())
        .expect("the file reads");
    let [a] = acts.as_slice() else {
        panic!("{} activities, not one", acts.len())
    };
    let r = runaudit::analyze::analyze(a, runaudit::units::Units::Km).expect("samples");
    (a.clone(), r)
}
