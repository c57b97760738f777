//! A whole export zip (sidecar and activity files, zips inside zips) as `audit` meets it:
//! discovered with its sidecar, then every input through the per-file pipeline. Discovery only
//! opens top-level archives from disk, so the bytes go to one temp file per process.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use runaudit::config::Config;
use runaudit::pipeline::process_input;
use runaudit::read::archive::{discover_exports, ArchiveCache};
use runaudit::read::ReadOptions;

/// The product's 256 MiB limit, scaled down as `-max_len` is.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

fn zip_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("runaudit-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temp dir for the fuzz input");
        dir.join("export.zip")
    })
}

fuzz_target!(|data: &[u8]| {
    let path = zip_path();
    if std::fs::write(path, data).is_err() {
        return;
    }
    let config = Config {
        read: ReadOptions {
            max_file_size: MAX_BYTES,
        },
        ..Config::default()
    };
    let found = discover_exports(std::slice::from_ref(path), MAX_BYTES);
    let mut cache = ArchiveCache::default();
    for (i, input) in found.inputs.iter().enumerate() {
        let export = found.exports.get(i).and_then(Option::as_ref);
        let _ = process_input(input, export, &mut cache, &config);
    }
});
