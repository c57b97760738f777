//! The long fuzz run: seeded mutants of our own runs, `fixtures/` and every real file in
//! `../shared/fixtures/real`, per format, through each reader and the whole per-file pipeline.
//!
//! `cargo run --release --example fuzz -- --per-format 100000 --seed 1 [--target reader|pipeline]
//! [--max-seed-bytes N]` (seeds over N bytes, 256 KiB by default, are left out: mutating a 2 MB
//! file costs a hundred small ones and reaches the same code)
//! `cargo run --release --example fuzz -- --replay fit:1234 --seed 1 > input.fit` (one input)

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use runaudit::Format;
use runaudit_testkit::fuzz::{self, Campaign, Target};
use runaudit_testkit::mutate::{self, Kind};

struct Args {
    per_format: u64,
    seed: u64,
    replay: Option<(Format, u64)>,
    target: Option<String>,
    max_seed_bytes: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        per_format: 10_000,
        seed: 1,
        replay: None,
        target: None,
        max_seed_bytes: 256 * 1024,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--per-format" => args.per_format = value.parse().map_err(|e| format!("{e}"))?,
            "--seed" => args.seed = value.parse().map_err(|e| format!("{e}"))?,
            "--target" => args.target = Some(value),
            "--max-seed-bytes" => {
                args.max_seed_bytes = value.parse().map_err(|e| format!("{e}"))?
            }
            "--replay" => {
                let (f, i) = value.split_once(':').ok_or("--replay FORMAT:INDEX")?;
                let index = i.parse().map_err(|e| format!("{e}"))?;
                args.replay = Some((format_named(f)?, index));
            }
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    Ok(args)
}

fn format_named(name: &str) -> Result<Format, String> {
    [Format::Fit, Format::Gpx, Format::Tcx]
        .into_iter()
        .find(|f| f.as_str() == name)
        .ok_or(format!("unknown format {name}"))
}

/// Our own seeds, then `fixtures/` and `../shared/fixtures/real` files of the format
/// (gzipped ones count for their inner format).
fn seeds(format: Format, max_bytes: u64) -> Vec<Vec<u8>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = fuzz::synth_seeds(format);
    for dir in [root.join("fixtures"), root.join("../shared/fixtures/real")] {
        out.extend(fuzz::file_seeds(&dir, format, max_bytes));
    }
    out
}

fn main() -> std::process::ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    if let Some((format, index)) = args.replay {
        let seeds = seeds(format, args.max_seed_bytes);
        let bytes = mutate::nth(&seeds, Kind::of(format), args.seed, index);
        use std::io::Write;
        let _ = std::io::stdout().write_all(&bytes);
        return std::process::ExitCode::SUCCESS;
    }
    let mut bad = 0usize;
    for format in [Format::Fit, Format::Gpx, Format::Tcx] {
        let seeds = Arc::new(seeds(format, args.max_seed_bytes));
        let targets: [(&str, Target); 2] = [
            ("reader", fuzz::reader_target()),
            ("pipeline", fuzz::pipeline_target()),
        ];
        for (name, target) in targets {
            if args.target.as_deref().is_some_and(|t| t != name) {
                continue;
            }
            let c = Campaign {
                seeds: Arc::clone(&seeds),
                kind: Kind::of(format),
                seed: args.seed,
                inputs: args.per_format,
                time_limit: Duration::from_secs(2),
            };
            let r = fuzz::run(&c, target);
            println!(
                "{} {name}: {} inputs from {} seeds, seed {}, {:.1?}, {} failures, {} hangs, slowest {:?}",
                format.as_str(),
                r.inputs,
                seeds.len(),
                args.seed,
                r.elapsed,
                r.failures.len(),
                r.hangs.len(),
                r.slowest
            );
            for f in r.failures.iter().chain(&r.hangs).take(20) {
                println!("  {}:{} {}", format.as_str(), f.index, f.what);
            }
            bad += r.failures.len() + r.hangs.len();
        }
    }
    if bad > 0 {
        std::process::ExitCode::from(1)
    } else {
        std::process::ExitCode::SUCCESS
    }
}
