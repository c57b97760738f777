//! Elevation gain and loss with a hysteresis, as GoldenCheetah's `ElevationGain` metric does, so
//! that altimeter noise of a meter or two does not add up to a phantom climb.

/// GoldenCheetah's default hysteresis, meters.
pub const HYSTERESIS_M: f64 = 3.0;

/// Gain and loss over a run, and where each was counted.
#[derive(Debug, Clone, PartialEq)]
pub struct Elevation {
    /// Total gain, meters.
    pub gain_m: f64,
    /// Total loss, meters.
    pub loss_m: f64,
    /// Gain counted at each sample (0 at most samples), meters.
    pub gain_at_m: Vec<f64>,
    /// Loss counted at each sample (0 at most samples), meters.
    pub loss_at_m: Vec<f64>,
}

/// Gain and loss with a hysteresis of `hysteresis_m`; `None` when no sample has an altitude.
///
/// The anchor starts at the first altitude. An altitude more than `hysteresis_m` above the
/// anchor adds its rise to the gain and becomes the anchor; one more than `hysteresis_m` below
/// adds its fall to the loss and becomes the anchor; anything else is ignored. Each rise or fall
/// is counted at the sample that triggers it. Samples without an altitude are skipped.
///
/// ```
/// use runaudit::analyze::elevation::hysteresis;
/// let alt = [Some(100.0), Some(102.0), Some(104.0), Some(101.0), Some(105.0), Some(99.0), Some(110.0)];
/// let e = hysteresis(&alt, 3.0).unwrap();
/// assert_eq!((e.gain_m, e.loss_m), (15.0, 5.0));
/// ```
pub fn hysteresis(altitude_m: &[Option<f64>], hysteresis_m: f64) -> Option<Elevation> {
    let mut anchor: Option<f64> = None;
    let mut gain_at_m = vec![0.0; altitude_m.len()];
    let mut loss_at_m = vec![0.0; altitude_m.len()];
    let steps = altitude_m
        .iter()
        .zip(gain_at_m.iter_mut().zip(loss_at_m.iter_mut()));
    for (alt, (gain, loss)) in steps {
        let Some(a) = alt.filter(|a| a.is_finite()) else {
            continue;
        };
        match anchor {
            None => anchor = Some(a),
            Some(last) if a > last + hysteresis_m => {
                *gain = a - last;
                anchor = Some(a);
            }
            Some(last) if a < last - hysteresis_m => {
                *loss = last - a;
                anchor = Some(a);
            }
            Some(_) => {}
        }
    }
    anchor?;
    Some(Elevation {
        gain_m: gain_at_m.iter().sum(),
        loss_m: loss_at_m.iter().sum(),
        gain_at_m,
        loss_at_m,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hysteresis_worked_by_hand() {
        // 100,102,104,101,105,99,110 with 3 m:
        // anchor 100; 102 (not > 103) ignored; 104 > 103 → gain 4, anchor 104;
        // 101 is not < 101 (strict) → ignored; 105 not > 107 → ignored;
        // 99 < 101 → loss 5, anchor 99; 110 > 102 → gain 11, anchor 110.
        // Gain 4 + 11 = 15 (counted at samples 2 and 6), loss 5 (at sample 5).
        let alt = [100.0, 102.0, 104.0, 101.0, 105.0, 99.0, 110.0].map(Some);
        let e = hysteresis(&alt, 3.0).unwrap();
        assert_eq!(e.gain_m, 15.0);
        assert_eq!(e.loss_m, 5.0);
        assert_eq!(e.gain_at_m, vec![0.0, 0.0, 4.0, 0.0, 0.0, 0.0, 11.0]);
        assert_eq!(e.loss_at_m, vec![0.0, 0.0, 0.0, 0.0, 0.0, 5.0, 0.0]);
    }

    #[test]
    fn noise_within_the_hysteresis_adds_nothing() {
        // ±2 m of wobble around 50 m never leaves the 3 m band; missing altitudes skipped.
        let alt = [
            Some(50.0),
            Some(52.0),
            None,
            Some(48.0),
            Some(51.0),
            Some(49.0),
        ];
        let e = hysteresis(&alt, 3.0).unwrap();
        assert_eq!((e.gain_m, e.loss_m), (0.0, 0.0));
    }

    #[test]
    fn no_altitude_is_none() {
        assert_eq!(hysteresis(&[None, None], 3.0), None);
    }
}
