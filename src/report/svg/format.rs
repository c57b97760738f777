//! Axis and label helpers for the SVG reports: pace ticks on round seconds and plain number ticks
//! (units and their words are in `crate::units`; text escaping is `crate::safe::markup`).

/// Seconds as `m:ss` for tick labels (negative and non-finite values give `-`).
pub fn min_sec(seconds: f64) -> String {
    if !seconds.is_finite() || seconds < 0.0 {
        return "-".to_string();
    }
    let total = seconds.round() as u64;
    format!("{}:{:02}", total / 60, total % 60)
}

/// Round pace ticks (seconds) covering `lo..=hi`: the smallest step of 5, 10, 15, 30, 60, 120 or
/// 300 s that gives at most `max_ticks` ticks, starting at the first multiple of the step.
pub fn pace_ticks(lo: f64, hi: f64, max_ticks: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi < lo || max_ticks == 0 {
        return Vec::new();
    }
    let span = hi - lo;
    let step = [5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0]
        .into_iter()
        .find(|s| ((span / s).floor() as usize) < max_ticks)
        .unwrap_or(600.0);
    let mut out = Vec::new();
    let mut t = (lo / step).ceil() * step;
    while t <= hi + 1e-9 && out.len() < 64 {
        out.push(t);
        t += step;
    }
    out
}

/// Round ticks for a plain number axis (bpm, m, km, minutes): steps of 1, 2 or 5 × 10ⁿ, at most
/// `max_ticks` of them.
pub fn nice_ticks(lo: f64, hi: f64, max_ticks: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo || max_ticks < 2 {
        return Vec::new();
    }
    let raw = (hi - lo) / (max_ticks - 1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let mut out = Vec::new();
    let mut t = (lo / step).ceil() * step;
    while t <= hi + step * 1e-9 && out.len() < 64 {
        out.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        t += step;
    }
    out
}

/// A tick value without trailing zeros: 2 → "2", 2.5 → "2.5".
pub fn trim_num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_sec_rounds_to_the_second() {
        assert_eq!(min_sec(329.6), "5:30");
        assert_eq!(min_sec(60.0), "1:00");
        assert_eq!(min_sec(-1.0), "-");
    }

    #[test]
    fn pace_ticks_pick_round_steps() {
        // 4:50–6:10 spans 80 s; at most 6 ticks: 5 s → 17, 10 s → 9, 15 s → 80/15 = 5.3 → 6.
        // First multiple of 15 from 290 is 300, then 315, 330, 345, 360 (375 > 370).
        assert_eq!(
            pace_ticks(290.0, 370.0, 6),
            vec![300.0, 315.0, 330.0, 345.0, 360.0]
        );
        // 80 s with at most 3 ticks: 15 s → 6 > 3, 30 s → 3 ≤ 3: 300, 330, 360.
        assert_eq!(pace_ticks(290.0, 370.0, 3), vec![300.0, 330.0, 360.0]);
        assert!(pace_ticks(10.0, 5.0, 4).is_empty());
    }

    #[test]
    fn nice_ticks_use_1_2_5_steps() {
        // 100–180 bpm, 5 ticks: raw step 20 → 20: 100, 120, 140, 160, 180.
        assert_eq!(
            nice_ticks(100.0, 180.0, 5),
            vec![100.0, 120.0, 140.0, 160.0, 180.0]
        );
        // 0–47 min, 6 ticks: raw 9.4 → 10: 0, 10, 20, 30, 40.
        assert_eq!(nice_ticks(0.0, 47.0, 6), vec![0.0, 10.0, 20.0, 30.0, 40.0]);
    }

    #[test]
    fn trim_num_drops_trailing_zeros() {
        assert_eq!(trim_num(2.50), "2.5");
        assert_eq!(trim_num(3.0), "3");
    }
}
