//! An export written from fuzzed parts (`runaudit_testkit::bundle`): the sidecar, the activity
//! files and their paths are mutated, and the zip around them is always well formed, so inputs
//! reach the sidecar join and the readers behind it (the `export_zip` target mutates the zip's
//! own bytes, and most of its inputs stop at a CRC). Then as `audit` meets it: discovered with its
//! sidecar, every input through the per-file pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;
use runaudit_testkit::bundle;
use runaudit_testkit::fuzz::{audit_export_zip, fuzz_config};

fuzz_target!(|data: &[u8]| {
    let _ = audit_export_zip(&bundle::to_zip(data), &fuzz_config());
});
