//! Reading the runner's intent from a name or note, on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = runaudit::classify::intent::read_intent(&text);
});
