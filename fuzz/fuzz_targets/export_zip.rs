//! A whole export zip (sidecar and activity files, zips inside zips) as `audit` meets it:
//! discovered with its sidecar, then every input through the per-file pipeline. Discovery only
//! opens top-level archives from disk, so the bytes go to one temp file per process.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use runaudit::config::Config;
use runaudit::read::ReadOptions;
use runaudit_testkit::fuzz::audit_export_zip;

/// The product's 256 MiB limit, scaled down as `-max_len` is.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// One temp file per process: discovery opens top-level archives only from disk.
fn zip_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("runaudit-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temp dir for the fuzz input");
        dir.join("export.zip")
    })
}

fuzz_target!(|data: &[u8]| {
    let config = Config {
        read: ReadOptions {
            max_file_size: MAX_BYTES,
        },
        ..Config::default()
    };
    let _ = audit_export_zip(data, zip_path(), &config);
});
