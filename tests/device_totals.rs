//! Our figures against the device's own session totals on every real single-session FIT file
//! (../shared/fixtures/real): elevation gain on barometric devices (watches and Edge bike
//! computers apart), distance, moving time and average heart rate. `cargo test --test
//! device_totals -- --nocapture` prints the table.

mod common;

use std::path::Path;

use runaudit::activity::{Activity, AltitudeSource, Sport};
use runaudit::analyze::{analyze, Analysis};
use runaudit::read::fit::parse;
use runaudit::units::Units;

/// One file's comparison.
struct Row {
    file: String,
    device: String,
    barometric: bool,
    ours: Analysis,
    act: Activity,
}

/// Within ±`pct` percent or `abs` of the device's figure.
fn close(ours: f64, device: f64, pct: f64, abs: f64) -> bool {
    let d = (ours - device).abs();
    d <= abs || d <= device.abs() * pct / 100.0
}

fn rows(dir: &Path) -> Vec<Row> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for path in common::fit_files(dir) {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        // The same file is in several parsers' test folders: count it once.
        if !seen.insert(bytes.clone()) {
            continue;
        }
        let Ok(acts) = parse(&bytes) else { continue };
        let [act] = acts.as_slice() else { continue };
        let Some(ours) = analyze(act, Units::Km) else {
            continue;
        };
        let file = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .display()
            .to_string();
        out.push(Row {
            file,
            device: act.device.clone().unwrap_or_default(),
            barometric: act.altitude_source == AltitudeSource::Barometric,
            ours,
            act: act.clone(),
        });
    }
    out
}

/// Counts of (agreeing, compared) and the per-file lines.
#[derive(Default)]
struct Tally {
    ok: usize,
    n: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.n += 1;
        self.ok += usize::from(ok);
    }
    fn share(&self) -> f64 {
        if self.n == 0 {
            1.0
        } else {
            self.ok as f64 / self.n as f64
        }
    }
}

fn opt(v: Option<f64>) -> String {
    v.map_or("-".into(), |v| format!("{v:.0}"))
}

#[test]
fn our_totals_agree_with_the_device_session() {
    let Some(dir) = common::real_fixtures("our_totals_agree_with_the_device_session") else {
        return;
    };
    let rows = rows(&dir);
    let (mut elev, mut dist, mut moving, mut hr) = (
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
    );
    // Barometric watches (what runners wear) and Edge bike computers, which count ascent more
    // eagerly than their own traces' noise allows (docs/numbers.md, "Elevation gain").
    let (mut watch, mut edge) = (Tally::default(), Tally::default());
    println!(
        "{:<70} {:<24} {:>4} | {:>6} {:>6} | {:>8} {:>8} | {:>6} {:>6} | {:>5} {:>5}",
        "file", "device", "baro", "gain", "asc", "dist", "sess", "moving", "timer", "hr", "sess"
    );
    for r in &rows {
        let s = &r.act.summary;
        let mut flags = String::new();
        if let (true, Some(asc), Some(gain)) = (r.barometric, s.ascent_m, r.ours.elevation_gain_m) {
            let ok = close(gain, asc, 10.0, 5.0);
            elev.add(ok);
            if r.device.starts_with("garmin/edge") {
                edge.add(ok);
            } else {
                watch.add(ok);
            }
            flags.push(if ok { ' ' } else { 'E' });
        }
        // Pool swims count lengths, a model of their own: left out of the distance goal.
        let swim = r.act.sport == Sport::Swimming;
        if let Some(d) = s.distance_m.filter(|d| *d > 0.0 && !swim) {
            // 10 m: below that a file is a few records long and 1% is under the device's step.
            let ok = close(r.ours.distance_m, d, 1.0, 10.0);
            dist.add(ok);
            flags.push(if ok { ' ' } else { 'D' });
        }
        if let Some(t) = s.timer_s.filter(|t| *t > 0.0) {
            let ok = close(r.ours.moving_s, t, 2.0, 5.0);
            moving.add(ok);
            flags.push(if ok { ' ' } else { 'M' });
        }
        // Under 5 minutes the first samples' weighting decides the average: out of the goal.
        let long = s.timer_s.is_some_and(|t| t >= 300.0);
        let device_hr = s.avg_hr_bpm.filter(|h| *h > 0.0 && long);
        if let (Some(h), Some(ours)) = (device_hr, r.ours.hr_avg_bpm) {
            let ok = (ours - h).abs() <= 2.0;
            hr.add(ok);
            flags.push(if ok { ' ' } else { 'H' });
        }
        println!(
            "{:<70} {:<24} {:>4} | {:>6} {:>6} | {:>8.0} {:>8} | {:>6.0} {:>6} | {:>5} {:>5} {}",
            r.file,
            r.device,
            if r.barometric { "yes" } else { "" },
            opt(r.ours.elevation_gain_m),
            opt(s.ascent_m),
            r.ours.distance_m,
            opt(s.distance_m),
            r.ours.moving_s,
            opt(s.timer_s),
            opt(r.ours.hr_avg_bpm),
            opt(s.avg_hr_bpm),
            flags.trim_end(),
        );
    }
    println!(
        "elevation (barometric, ±10%/5 m): {}/{}; distance (±1%/10 m, no swims): {}/{}; moving (±2%/5 s): {}/{}; avg HR (±2, 5 min or more): {}/{}",
        elev.ok, elev.n, dist.ok, dist.n, moving.ok, moving.n, hr.ok, hr.n
    );
    println!(
        "elevation: barometric watches {}/{}, Edge bike computers {}/{}",
        watch.ok, watch.n, edge.ok, edge.n
    );
    // Before the per-trace noise (5 s, 1 m for every barometer): watches 11/11, Edges 10/13;
    // now 11/11 and 6/13. Held-out watches were the goal (docs/numbers.md).
    assert!(watch.share() >= 0.85, "watches {}/{}", watch.ok, watch.n);
    assert!(elev.share() >= 0.65, "elevation {}/{}", elev.ok, elev.n);
    assert!(
        dist.share() >= 0.98 || dist.ok + 1 >= dist.n,
        "distance {}/{}",
        dist.ok,
        dist.n
    );
    assert!(hr.share() >= 0.95, "avg HR {}/{}", hr.ok, hr.n);
}
