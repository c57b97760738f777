//! Speed of each stage: decoding per format (the fast FIT path beside fitparser), the analysis of
//! one run, the whole per-file pipeline, and whole audits of the demo season and of a generated
//! batch of hour-long runs. Numbers are recorded in `docs/speed.md`; nothing here asserts a time.
//! Run with `cargo bench -p runaudit-benches` (this is its own crate, so criterion is built only
//! here).

mod common {
    pub mod batch;
}

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use runaudit::analyze::analyze;
use runaudit::config::Config;
use runaudit::pipeline::process_bytes;
use runaudit::read::fit::{parse_with, Decoder};
use runaudit::read::{read_bytes, ReadOptions};
use runaudit::units::Units;

use common::batch;

/// The workspace root (this crate is `benches/`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = root().join("fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn config() -> Config {
    Config {
        progress: false,
        format: runaudit::config::OutputFormat::Json,
        ..Config::default()
    }
}

/// The hour-long run of the generated batch as FIT, GPX and TCX.
fn hour_files() -> [(&'static str, Vec<u8>); 3] {
    let activity = batch::hour_run(0).build().activity;
    [
        ("fit", runaudit_testkit::fit::write(&activity)),
        ("gpx", runaudit_testkit::gpx::write(&activity)),
        ("tcx", runaudit_testkit::tcx::write(&activity)),
    ]
}

fn decode_fit(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode FIT");
    let hour = runaudit_testkit::fit::write(&batch::hour_run(0).build().activity);
    let long = fixture("season/activities/2025-01-11-long.fit");
    let ultra = runaudit_testkit::fit::write(&batch::twelve_hours().build().activity);
    group.sample_size(20);
    for (name, bytes) in [
        ("hour run", &hour),
        ("season long run", &long),
        ("12-hour run", &ultra),
    ] {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        for (path, decoder) in [("fast", Decoder::Auto), ("fitparser", Decoder::Fitparser)] {
            group.bench_function(format!("{name}, {path}"), |b| {
                b.iter(|| parse_with(black_box(bytes), decoder))
            });
        }
    }
    group.finish();
}

fn decode_xml(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode XML");
    let [_, (_, gpx), (_, tcx)] = hour_files();
    let files = [
        ("hour run.gpx", gpx),
        ("hour run.tcx", tcx),
        ("recovery.gpx", fixture("runs/recovery.gpx")),
        ("tempo.tcx", fixture("runs/tempo.tcx")),
    ];
    for (name, bytes) in &files {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| read_bytes(black_box(bytes), &ReadOptions::default()))
        });
    }
    group.finish();
}

fn analysis(c: &mut Criterion) {
    let activity = batch::hour_run(0).build().activity;
    c.bench_function("analyze/hour run, km splits", |b| {
        b.iter(|| analyze(black_box(&activity), Units::Km))
    });
}

fn whole_pipeline(c: &mut Criterion) {
    let mut group = c.benchmark_group("pipeline (read, analyze, HR profile)");
    let config = config();
    for (format, bytes) in hour_files() {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("hour run.{format}"), |b| {
            b.iter(|| process_bytes("run", black_box(&bytes), &config))
        });
    }
    group.finish();
}

fn audit_dir(c: &mut Criterion, name: &str, dir: &Path) {
    let config = config();
    let mut group = c.benchmark_group("audit");
    group.sample_size(10);
    group.bench_function(name, |b| {
        b.iter(|| {
            let mut out = Vec::new();
            let mut diag = Vec::new();
            runaudit::audit::audit(&[dir.to_path_buf()], &config, &mut out, &mut diag)
                .expect("writes to memory");
            black_box(out.len())
        })
    });
    group.finish();
}

fn audits(c: &mut Criterion) {
    let season = root().join("fixtures/season");
    audit_dir(c, "demo season (57 files), JSON", &season);
    let tmp = tempfile::tempdir().expect("temp dir");
    for i in 0..100 {
        let bytes = runaudit_testkit::fit::write(&batch::hour_run(i).build().activity);
        std::fs::write(tmp.path().join(format!("run-{i:03}.fit")), bytes).expect("writes");
    }
    audit_dir(c, "100 hour-long FIT runs, JSON", tmp.path());
}

criterion_group!(
    benches,
    decode_fit,
    decode_xml,
    analysis,
    whole_pipeline,
    audits
);
criterion_main!(benches);
