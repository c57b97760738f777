//! One FIT `record` message as the few numbers the mapper reads, a plain value that the fast
//! decoder (`fast/`) and the fitparser adapter (`adapter/`) both fill, so both paths meet here.

use chrono::{DateTime, Utc};

/// The record fields the analysis uses, with FIT scale and offset applied (values as fitparser
/// gives them: `None` for absent or invalid).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct RecordMsg {
    /// `timestamp` (field 253, or from a compressed-timestamp header), UTC.
    pub timestamp: Option<DateTime<Utc>>,
    /// `position_lat` in semicircles.
    pub lat_semicircles: Option<f64>,
    /// `position_long` in semicircles.
    pub lon_semicircles: Option<f64>,
    /// `enhanced_altitude` (field 78, or expanded from `altitude`, field 2) in meters.
    pub altitude_m: Option<f64>,
    /// `distance` in meters (field 5, or accumulated from `compressed_speed_distance`).
    pub distance_m: Option<f64>,
    /// `enhanced_speed` (field 73, or expanded from `speed` or `compressed_speed_distance`), m/s.
    pub speed_m_s: Option<f64>,
    /// `heart_rate` in bpm, as written (0 and 255 are dealt with later).
    pub hr_bpm: Option<f64>,
    /// `cadence`, whole revolutions per minute as written (per leg for running).
    pub cadence_rpm: Option<f64>,
    /// `fractional_cadence`, the fraction of a revolution per minute.
    pub fractional_cadence_rpm: Option<f64>,
    /// `power` in watts.
    pub power_w: Option<f64>,
    /// `temperature` in degrees Celsius.
    pub temperature_c: Option<f64>,
}

/// Cumulative distance from records' `compressed_speed_distance` field (FIT SDK rule: the 12-bit
/// distance counter, in 1/16 m, rolls over; each record adds the difference from the previous one).
/// fitparser 0.11 adds the raw counters instead, so the reader does this itself.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct CompressedDistance {
    last: u32,
    total: u64,
}

impl CompressedDistance {
    /// Accumulates the 24-bit little-endian packed field (speed in the low 12 bits, the distance
    /// counter in the high 12); returns the distance in meters.
    pub fn add(&mut self, packed: u32) -> f64 {
        let counter = (packed >> 12) & 0x0FFF;
        let step = counter.wrapping_sub(self.last) & 0x0FFF;
        self.total = self.total.saturating_add(u64::from(step));
        self.last = counter;
        self.total as f64 / 16.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_distance_rolls_over() {
        // Counters 4000, 4095, 20 (1/16 m): 4000, +95 = 4095, +(20 - 4095) mod 4096 = +21 -> 4116.
        // In meters: 250, 255.9375, 257.25.
        let mut d = CompressedDistance::default();
        let got: Vec<f64> = [4000u32, 4095, 20]
            .iter()
            .map(|c| d.add(c << 12 | 300))
            .collect();
        assert_eq!(got, vec![250.0, 255.9375, 257.25]);
    }
}
