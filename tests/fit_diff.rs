//! Differential test of the two FIT decoders: the fast path (with its fallback) must give exactly
//! the activities fitparser gives — samples, laps, sessions, pauses, totals and warnings — or both
//! must fail with the same error, on every real FIT file and on thousands of mutated inputs.

mod common;

use chrono::{TimeZone, Utc};
use runaudit::read::fit::{parse_with, Decoder};
use runaudit_testkit::fit::{chain, write_with, FitOptions};
use runaudit_testkit::{Hr, RunSpec, SplitMix64};

/// Both decoders' results as comparable text for errors, values for activities.
fn same(bytes: &[u8]) -> Result<(), String> {
    let fast = parse_with(bytes, Decoder::Auto);
    let full = parse_with(bytes, Decoder::Fitparser);
    match (&fast, &full) {
        (Ok(a), Ok(b)) if a == b => Ok(()),
        (Err(a), Err(b)) if a.to_string() == b.to_string() => Ok(()),
        (Ok(a), Ok(b)) => Err(first_difference(a, b)),
        _ => Err(format!(
            "fast {:?} vs fitparser {:?}",
            fast.as_ref().map(Vec::len).map_err(ToString::to_string),
            full.as_ref().map(Vec::len).map_err(ToString::to_string)
        )),
    }
}

/// Where two lists of activities first differ, in words.
fn first_difference(a: &[runaudit::Activity], b: &[runaudit::Activity]) -> String {
    if a.len() != b.len() {
        return format!("{} activities vs {}", a.len(), b.len());
    }
    for (x, y) in a.iter().zip(b) {
        if x.samples.len() != y.samples.len() {
            return format!("{} samples vs {}", x.samples.len(), y.samples.len());
        }
        if let Some((s, t)) = x.samples.iter().zip(&y.samples).find(|(s, t)| s != t) {
            return format!("sample {s:?} vs {t:?}");
        }
        if x.warnings != y.warnings {
            return format!("warnings {:?} vs {:?}", x.warnings, y.warnings);
        }
        if x != y {
            return format!("activity {x:?} vs {y:?}");
        }
    }
    "equal".to_string()
}

#[test]
fn fast_path_equals_fitparser_on_every_real_fit_file() {
    let Some(dir) = common::real_fixtures("fast_path_equals_fitparser_on_every_real_fit_file")
    else {
        return;
    };
    let files = common::fit_files(&dir);
    let mut differ = Vec::new();
    let mut fast = 0usize;
    let mut seen = Direct::default();
    let mut declined = std::collections::BTreeMap::new();
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        match parse_with(&bytes, Decoder::FastOnly) {
            Ok(activities) => {
                fast += 1;
                seen.add(&activities);
            }
            Err(e) => *declined.entry(e.to_string()).or_insert(0usize) += 1,
        }
        if let Err(why) = same(&bytes) {
            differ.push(format!("{}: {why}", path.display()));
        }
    }
    println!(
        "{fast} of {} real FIT files took the fast path",
        files.len()
    );
    println!("the others (error or fallback): {declined:#?}");
    println!("read by the fast path alone: {seen:?}");
    assert!(differ.is_empty(), "{differ:#?}");
    // The fast path reads sessions, laps, timer events, file_id and device_info itself (no
    // fitparser at all), so the comparison above covers session totals, laps and device names on
    // most real files, and pauses and barometers (rarer in the recordings) on some.
    assert!(
        seen.sessions >= fast
            && seen.with_totals * 2 >= fast
            && seen.with_laps * 2 >= fast
            && seen.with_device * 2 >= fast
            && seen.with_pauses > 0
            && seen.barometric > 0,
        "{seen:?} of {fast} files"
    );
    // The fast path is worth having only if it takes nearly every file that reads (the others
    // fall back to fitparser; files that are no activity fail in both paths alike).
    let fell_back: usize = declined
        .iter()
        .filter(|(why, _)| why.contains("fast FIT path declined"))
        .map(|(_, n)| n)
        .sum();
    assert!(fell_back * 10 <= fast, "{fell_back} fell back, {fast} fast");
}

/// What the fast path alone read on the real files: sessions with their totals, and files with
/// laps, pauses (timer events), a device name (file_id), a barometer (device_info).
#[derive(Debug, Default)]
struct Direct {
    sessions: usize,
    with_totals: usize,
    with_laps: usize,
    with_pauses: usize,
    with_device: usize,
    barometric: usize,
}

impl Direct {
    fn add(&mut self, activities: &[runaudit::Activity]) {
        let any = |f: &dyn Fn(&runaudit::Activity) -> bool| usize::from(activities.iter().any(f));
        self.sessions += activities.len();
        self.with_totals += any(&|a| a.summary.timer_s.is_some() && a.summary.start.is_some());
        self.with_laps += any(&|a| !a.laps.is_empty());
        self.with_pauses += any(&|a| !a.pauses.is_empty());
        self.with_device += any(&|a| a.device.is_some());
        self.barometric +=
            any(&|a| a.altitude_source == runaudit::activity::AltitudeSource::Barometric);
    }
}

/// Small FIT files of our own writer (a few kilobytes, so thousands of mutations stay quick):
/// plain (with a workout name, RPE and UTC offset, so mutations hit strings), with compressed
/// timestamps, with a developer field, two files chained.
fn seeds() -> Vec<Vec<u8>> {
    let start = Utc
        .with_ymd_and_hms(2025, 3, 1, 7, 0, 0)
        .single()
        .unwrap_or_default();
    let short = RunSpec::new(start)
        .run(150, 3.0, Hr::Ramp(130, 140))
        .hr_dropouts_every(9)
        .gps_noise(2.0, 5)
        .laps_every_m(200.0)
        .name("Tempo 4×1k")
        .rpe(6)
        .utc_offset_s(3600)
        .build()
        .activity;
    let paused = RunSpec::new(start)
        .smart_recording(7)
        .run(120, 2.8, Hr::Ramp(125, 135))
        .pause(40)
        .run(120, 2.8, Hr::Constant(140))
        .climb(6.0)
        .build()
        .activity;
    let opts = |c, d| FitOptions {
        compressed_timestamps: c,
        developer_field: d,
        barometer: false,
        ..FitOptions::default()
    };
    let plain = write_with(&short, &opts(false, false));
    let paused = write_with(&paused, &opts(true, false));
    let chained = chain(&[plain.clone(), paused.clone()]);
    vec![
        plain,
        write_with(&short, &opts(true, true)),
        paused,
        chained,
    ]
}

/// One deterministic mutation: flip a byte, cut the file, or insert bytes.
fn mutate(bytes: &[u8], rng: &mut SplitMix64) -> Vec<u8> {
    let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX).max(1);
    let at = rng.next_in(0, len - 1) as usize;
    let mut out = bytes.to_vec();
    match rng.next_in(0, 5) {
        0 | 1 => {
            if let Some(b) = out.get_mut(at) {
                *b ^= 1u8 << rng.next_in(0, 7);
            }
        }
        2 => {
            if let Some(b) = out.get_mut(at) {
                *b = rng.next_in(0, 255) as u8;
            }
        }
        3 => out.truncate(at),
        4 => {
            let n = rng.next_in(1, 4) as usize;
            for _ in 0..n {
                out.insert(at.min(out.len()), rng.next_in(0, 255) as u8);
            }
        }
        _ => {
            // Several flips at once, in the first kilobyte (definitions live there).
            for _ in 0..3 {
                let i = rng.next_in(0, len.min(1024) - 1) as usize;
                if let Some(b) = out.get_mut(i) {
                    *b = rng.next_in(0, 255) as u8;
                }
            }
        }
    }
    out
}

#[test]
fn fast_path_equals_fitparser_on_mutated_files() {
    let mut rng = SplitMix64::new(0x05EE_DF17);
    let mut differ = Vec::new();
    let mut checked = 0usize;
    let mut fast = 0usize;
    for (k, seed) in seeds().iter().enumerate() {
        assert!(same(seed).is_ok(), "seed {k} differs unmutated");
        for round in 0..750 {
            let bytes = mutate(seed, &mut rng);
            checked += 1;
            if parse_with(&bytes, Decoder::FastOnly).is_ok() {
                fast += 1;
            }
            if let Err(why) = same(&bytes) {
                differ.push(format!("seed {k} round {round}: {why}"));
            }
        }
    }
    assert_eq!(checked, 3000);
    // Most mutations leave the definitions alone, so the fast path itself is what is compared.
    assert!(
        fast > checked / 2,
        "only {fast} of {checked} took the fast path"
    );
    assert!(differ.is_empty(), "{} differ: {:#?}", differ.len(), differ);
}
