//! Where a synthetic runner is: a geodesic from the origin (so the distance between two fixes is
//! exactly the distance run between them), plus a tiny seeded generator for noise and jitter.

use geo::{Destination, Geodesic, Point};
use runaudit::activity::Position;

/// SplitMix64 (Steele, Lea, Flood 2014; Vigna's reference code): a small, seeded, fully
/// deterministic generator, so the same spec always gives the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `[0, 1)` (the top 53 bits).
    pub fn next_unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A uniform integer in `low..=high` (`low` when `high < low`).
    pub fn next_in(&mut self, low: u32, high: u32) -> u32 {
        let span = u64::from(high.saturating_sub(low)) + 1;
        let offset = u32::try_from(self.next_u64() % span).unwrap_or(0);
        low.saturating_add(offset)
    }
}

/// The position `distance_m` along the geodesic that leaves `origin` at `bearing_deg`.
pub(crate) fn along(origin: Position, bearing_deg: f64, distance_m: f64) -> Position {
    let p = Geodesic.destination(
        Point::new(origin.lon_deg, origin.lat_deg),
        bearing_deg,
        distance_m,
    );
    Position {
        lat_deg: p.y(),
        lon_deg: p.x(),
    }
}

/// `position` moved by up to `noise_m` meters in a random direction.
pub(crate) fn jitter(position: Position, noise_m: f64, rng: &mut SplitMix64) -> Position {
    let bearing_deg = rng.next_unit() * 360.0;
    let distance_m = rng.next_unit() * noise_m;
    along(position, bearing_deg, distance_m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Distance;

    #[test]
    fn splitmix_matches_reference_output() {
        // Vigna's splitmix64.c seeded with 0 first returns 0xe220a8397b1dcdaf.
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn next_in_stays_in_range() {
        let mut rng = SplitMix64::new(7);
        assert!((0..1000).all(|_| (1..=8).contains(&rng.next_in(1, 8))));
    }

    #[test]
    fn fixes_along_a_geodesic_are_as_far_apart_as_the_distance_run() {
        // 1234.5 m and 2234.5 m along a bearing of 30°: the fixes are 1000 m apart.
        let origin = Position {
            lat_deg: 47.0,
            lon_deg: 8.0,
        };
        let a = along(origin, 30.0, 1234.5);
        let b = along(origin, 30.0, 2234.5);
        let d = Geodesic.distance(
            Point::new(a.lon_deg, a.lat_deg),
            Point::new(b.lon_deg, b.lat_deg),
        );
        assert!((d - 1000.0).abs() < 0.001, "{d}");
    }
}
