//! Speed of each stage on the project's own fixtures: decoding per format, the analysis of one
//! run, and a whole audit of the demo season (read, analyze, judge). Numbers are recorded in the
//! README; nothing here asserts a time.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use runaudit::analyze::{analyze, Units};
use runaudit::config::Config;
use runaudit::read::{read_bytes, ReadOptions};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode");
    for name in [
        "season/2025-01-11-long.fit",
        "runs/recovery.gpx",
        "runs/tempo.tcx",
    ] {
        let bytes = fixture(name);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| read_bytes(black_box(&bytes), &ReadOptions::default()))
        });
    }
    group.finish();
}

fn analysis(c: &mut Criterion) {
    let bytes = fixture("season/2025-01-11-long.fit");
    let activities = read_bytes(&bytes, &ReadOptions::default()).expect("fixture reads");
    let activity = activities.first().expect("one activity");
    c.bench_function("analyze/long run, km splits", |b| {
        b.iter(|| analyze(black_box(activity), Units::Km))
    });
}

fn season_audit(c: &mut Criterion) {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/season");
    let config = Config {
        progress: false,
        ..Config::default()
    };
    let mut group = c.benchmark_group("audit");
    group.sample_size(20);
    group.bench_function("demo season (57 files), JSON", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            let mut diag = Vec::new();
            runaudit::audit::audit(std::slice::from_ref(&dir), &config, &mut out, &mut diag)
                .expect("writes to memory");
            black_box(out.len())
        })
    });
    group.finish();
}

criterion_group!(benches, decode, analysis, season_audit);
criterion_main!(benches);
