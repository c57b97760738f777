//! A short seeded fuzz run in CI: mutants of our own small runs and of the small real files in
//! `../shared/fixtures/real` through each reader and through the whole per-file pipeline; any
//! panic, caught decoder failure or input over 2 s fails the test with its seed and index.
//! `cargo run --release --example fuzz` is the long run.

mod common;

use std::sync::Arc;
use std::time::Duration;

use runaudit::Format;
use runaudit_testkit::fuzz::{self, Campaign, Target};
use runaudit_testkit::mutate::Kind;

/// Real files at most this large join the seeds (bigger ones make the debug-build run slow);
/// TCX allows more, as its three real files are all larger than that.
fn max_real_seed_bytes(format: Format) -> u64 {
    match format {
        Format::Fit | Format::Gpx | Format::AppleHealth => 48 * 1024,
        Format::Tcx => 192 * 1024,
    }
}
const SEED: u64 = 0x5EED_2026;

fn seeds(format: Format) -> Vec<Vec<u8>> {
    let mut out = fuzz::synth_seeds(format);
    let Some(dir) = common::real_fixtures("fuzz") else {
        return out;
    };
    out.extend(fuzz::file_seeds(&dir, format, max_real_seed_bytes(format)));
    out
}

fn campaign(format: Format, inputs: u64) {
    let kind = Kind::of(format);
    let seeds = Arc::new(seeds(format));
    let targets: [(&str, Target, u64); 2] = [
        ("reader", fuzz::reader_target(), inputs),
        ("pipeline", fuzz::pipeline_target(), inputs / 2),
    ];
    for (i, (name, target, n)) in targets.into_iter().enumerate() {
        let c = Campaign {
            seeds: Arc::clone(&seeds),
            kind,
            seed: SEED + i as u64,
            inputs: n,
            time_limit: Duration::from_secs(2),
        };
        let r = fuzz::run(&c, target);
        eprintln!(
            "fuzz {} {name}: {} inputs from {} seeds in {:.1?}, slowest {:?}",
            format.as_str(),
            r.inputs,
            seeds.len(),
            r.elapsed,
            r.slowest
        );
        assert_eq!(r.inputs, n);
        assert!(
            r.failures.is_empty() && r.hangs.is_empty(),
            "{} {name} seed {}: failures {:?}, hangs {:?}",
            format.as_str(),
            c.seed,
            r.failures,
            r.hangs
        );
    }
}

#[test]
fn fit_mutants_never_panic_or_hang() {
    campaign(Format::Fit, 2000);
}

#[test]
fn gpx_mutants_never_panic_or_hang() {
    campaign(Format::Gpx, 2000);
}

#[test]
fn tcx_mutants_never_panic_or_hang() {
    campaign(Format::Tcx, 2000);
}
