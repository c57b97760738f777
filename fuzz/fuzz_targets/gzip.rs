//! Gzip-wrapped activity files (seeded with `.fit.gz`, `.gpx.gz`, `.tcx.gz`) through the format
//! detection and the reader behind it. The size limit is the product's, scaled down as `-max_len`
//! is: 16 MiB of decompressed output instead of 256 MiB.
#![no_main]

use libfuzzer_sys::fuzz_target;
use runaudit::read::{read_bytes, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        max_file_size: 16 * 1024 * 1024,
    };
    let _ = read_bytes(data, &opts);
});
