//! A zip held in memory, read as an archive inside an export is: every entry read under the size
//! limit, activity entries through the readers, zips inside it opened one level down.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use runaudit::read::archive::{is_activity_name, open, read_entry, ArchiveSource};
use runaudit::read::{read_bytes, ReadOptions};

/// The product's 256 MiB limit, scaled down as `-max_len` is.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

fn read_archive(bytes: Arc<[u8]>, depth: usize) {
    let Ok(mut zip) = open(&ArchiveSource::Memory(bytes)) else {
        return;
    };
    let opts = ReadOptions {
        max_file_size: MAX_BYTES,
    };
    for index in 0..zip.len() {
        let name = zip.name_for_index(index).unwrap_or_default().to_string();
        let Ok(entry) = read_entry(&mut zip, index, MAX_BYTES) else {
            continue;
        };
        if is_activity_name(&name) {
            let _ = read_bytes(&entry, &opts);
        } else if name.to_ascii_lowercase().ends_with(".zip") && depth < 2 {
            read_archive(entry.into(), depth + 1);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    read_archive(Arc::from(data), 1);
});
