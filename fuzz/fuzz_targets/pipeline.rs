//! One file through the whole pipeline as `check` runs it: read, analyze, then its runs judged
//! together. The size limit is the product's, scaled down as `-max_len` is: 16 MiB.
#![no_main]

use libfuzzer_sys::fuzz_target;
use runaudit::batch::judge_entries;
use runaudit::config::Config;
use runaudit::pipeline::process_bytes;
use runaudit::read::ReadOptions;

fuzz_target!(|data: &[u8]| {
    let config = Config {
        read: ReadOptions {
            max_file_size: 16 * 1024 * 1024,
        },
        ..Config::default()
    };
    let mut processed = process_bytes("fuzz", data, &config);
    judge_entries(&mut processed, &config);
});
