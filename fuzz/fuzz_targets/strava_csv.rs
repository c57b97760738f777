//! Strava's `activities.csv` sidecar on arbitrary bytes: rows or warnings, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = runaudit::read::export::strava::read_activities_csv(data, "activities.csv");
});
