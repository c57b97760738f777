//! A whole export zip (sidecar and activity files, zips inside zips) as `audit` meets it:
//! discovered with its sidecar, then every input through the per-file pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;
use runaudit_testkit::fuzz::{audit_export_zip, fuzz_config};

fuzz_target!(|data: &[u8]| {
    let _ = audit_export_zip(data, &fuzz_config());
});
