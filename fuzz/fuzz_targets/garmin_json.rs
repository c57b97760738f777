//! Garmin's `summarizedActivities.json` sidecar on arbitrary bytes: summaries or warnings, never
//! a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = runaudit::read::export::garmin::read_summarized_activities(
        data,
        "summarizedActivities.json",
    );
});
