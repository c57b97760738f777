//! Any bytes through format detection and the reader it picks (seeded with one file of each
//! format). The size limit is the product's, scaled down as `-max_len` is: 16 MiB.
#![no_main]

use libfuzzer_sys::fuzz_target;
use runaudit::read::{read_bytes, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        max_file_size: 16 * 1024 * 1024,
    };
    let _ = read_bytes(data, &opts);
});
