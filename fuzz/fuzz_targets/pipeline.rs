//! One file through the whole pipeline as `check` runs it: read, analyze, then its runs judged
//! together. The size limit is the product's, scaled down as `-max_len` is: 16 MiB.
#![no_main]

use libfuzzer_sys::fuzz_target;
use runaudit::batch::judge;
use runaudit::config::Config;
use runaudit::pipeline::{process_bytes, Processed};
use runaudit::read::ReadOptions;

fuzz_target!(|data: &[u8]| {
    let config = Config {
        read: ReadOptions {
            max_file_size: 16 * 1024 * 1024,
        },
        ..Config::default()
    };
    let mut processed = process_bytes("fuzz", data, &config);
    let mut runs: Vec<_> = processed
        .iter_mut()
        .filter_map(|p| match p {
            Processed::Run(r) => Some(r.as_mut()),
            Processed::Error { .. } => None,
        })
        .collect();
    judge(&mut runs, &config);
});
