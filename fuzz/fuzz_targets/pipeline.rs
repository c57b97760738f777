//! One file through the whole pipeline as `check` runs it: read, analyze, then its runs judged
//! together, with the fuzz targets' configuration (files capped at 16 MiB).
#![no_main]

use libfuzzer_sys::fuzz_target;
use runaudit::batch::judge_entries;
use runaudit::pipeline::process_bytes;
use runaudit_testkit::fuzz::fuzz_config;

fuzz_target!(|data: &[u8]| {
    let config = fuzz_config();
    let mut processed = process_bytes("fuzz", data, &config);
    judge_entries(&mut processed, &config);
});
