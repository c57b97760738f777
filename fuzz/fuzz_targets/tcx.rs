//! The TCX reader on arbitrary bytes: any input is a value or an error, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = runaudit::read::tcx::parse(data);
});
