//! Fitness, fatigue and form per calendar day from the runs' loads (Banister's impulse-response
//! model as Coggan's performance manager shows it): fitness is the 42-day and fatigue the 7-day
//! exponentially weighted load, form their difference; form zones as a share of fitness follow
//! intervals.icu's bands.

use chrono::NaiveDate;
use serde::Serialize;

/// Days over which fitness is weighted.
pub const FITNESS_DAYS: f64 = 42.0;
/// Days over which fatigue is weighted.
pub const FATIGUE_DAYS: f64 = 7.0;

/// Form above this share of fitness is fresh (intervals.icu).
pub const FRESH_ABOVE: f64 = 0.05;
/// Form from this share of fitness up to fresh is grey.
pub const GREY_FROM: f64 = -0.10;
/// Form from this share of fitness up to grey is optimal; below it, high risk.
pub const OPTIMAL_FROM: f64 = -0.30;

/// Fitness, fatigue and form on a morning.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Form {
    /// 42-day weighted load.
    pub fitness: f64,
    /// 7-day weighted load.
    pub fatigue: f64,
    /// Fitness − fatigue.
    pub form: f64,
}

/// Where form stands as a share of fitness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FormZone {
    /// Above +5% of fitness.
    Fresh,
    /// From −10% to +5%.
    Grey,
    /// From −30% to −10%.
    Optimal,
    /// Below −30%: fatigue well above fitness.
    HighRisk,
}

impl Form {
    /// The zone, `None` before there is any fitness to compare with.
    ///
    /// ```
    /// use runaudit::classify::form::{Form, FormZone};
    /// let f = |fitness: f64, fatigue: f64| Form { fitness, fatigue, form: fitness - fatigue }.zone();
    /// assert_eq!(f(50.0, 40.0), Some(FormZone::Fresh));     // +20%
    /// assert_eq!(f(50.0, 52.0), Some(FormZone::Grey));      // −4%
    /// assert_eq!(f(50.0, 60.0), Some(FormZone::Optimal));   // −20%
    /// assert_eq!(f(50.0, 70.0), Some(FormZone::HighRisk));  // −40%
    /// assert_eq!(f(0.0, 0.0), None);
    /// ```
    pub fn zone(&self) -> Option<FormZone> {
        if !(self.fitness.is_finite() && self.fitness > 0.0) {
            return None;
        }
        let share = self.form / self.fitness;
        Some(if share > FRESH_ABOVE {
            FormZone::Fresh
        } else if share >= GREY_FROM {
            FormZone::Grey
        } else if share >= OPTIMAL_FROM {
            FormZone::Optimal
        } else {
            FormZone::HighRisk
        })
    }
}

/// The morning form of every day from the first load's day to `until` (inclusive): each day's
/// values before that day's load. `loads` are (day, load) in any order, several a day allowed.
///
/// ```
/// use chrono::NaiveDate;
/// use runaudit::classify::form::mornings;
/// // 100 points a day for 21 days: on the 22nd morning fitness is 100 (1 − e^(−21/42)) = 39.35,
/// // fatigue 100 (1 − e^(−21/7)) = 95.02, form −55.67.
/// let d0 = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
/// let loads: Vec<_> = (0..21).map(|i| (d0 + chrono::Days::new(i), 100.0)).collect();
/// let days = mornings(&loads, d0 + chrono::Days::new(21));
/// let last = days.last().unwrap().1;
/// assert!((last.fitness - 39.347).abs() < 1e-3);
/// assert!((last.fatigue - 95.021).abs() < 1e-3);
/// assert!((last.form + 55.674).abs() < 1e-3);
/// ```
pub fn mornings(loads: &[(NaiveDate, f64)], until: NaiveDate) -> Vec<(NaiveDate, Form)> {
    let mut sorted: Vec<(NaiveDate, f64)> = loads.to_vec();
    sorted.sort_by_key(|&(d, _)| d);
    let Some(&(first, _)) = sorted.first() else {
        return Vec::new();
    };
    let k_fit = 1.0 - (-1.0 / FITNESS_DAYS).exp();
    let k_fat = 1.0 - (-1.0 / FATIGUE_DAYS).exp();
    let (mut fitness, mut fatigue) = (0.0f64, 0.0f64);
    let mut out = Vec::new();
    let mut next = sorted.iter().peekable();
    for day in first.iter_days().take_while(|d| *d <= until) {
        out.push((
            day,
            Form {
                fitness,
                fatigue,
                form: fitness - fatigue,
            },
        ));
        let mut load = 0.0;
        while let Some(&&(d, l)) = next.peek() {
            if d > day {
                break;
            }
            load += l;
            next.next();
        }
        fitness += (load - fitness) * k_fit;
        fatigue += (load - fatigue) * k_fat;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Days;

    fn day(i: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default() + Days::new(i)
    }

    #[test]
    fn three_hand_worked_weeks() {
        // Week 1: 60 a day. Week 2: nothing. Week 3: 150 on day 14, nothing else.
        // With a = e^(−1/42), b = e^(−1/7):
        //   morning of day 7:  fitness 60 (1 − a^7) = 60 × 0.15352 = 9.2111,
        //                      fatigue 60 (1 − b^7) = 60 × 0.63212 = 37.927
        //   morning of day 14: fitness 9.2111 a^7 = 9.2111 × 0.84648 = 7.7970,
        //                      fatigue 37.927 b^7 = 37.927 × 0.36788 = 13.953
        //   morning of day 15: fitness 7.7970 × 0.97647 + 150 × 0.02353 = 11.143,
        //                      fatigue 13.953 × 0.86688 + 150 × 0.13312 = 32.064
        let mut loads: Vec<(NaiveDate, f64)> = (0..7).map(|i| (day(i), 60.0)).collect();
        loads.push((day(14), 150.0));
        let m = mornings(&loads, day(15));
        assert_eq!(m.len(), 16);
        let at = |i: usize| m[i].1;
        let close = |x: f64, y: f64| (x - y).abs() < 1e-3;
        assert!(
            close(at(7).fitness, 9.2111) && close(at(7).fatigue, 37.927),
            "{:?}",
            at(7)
        );
        assert!(
            close(at(14).fitness, 7.7970) && close(at(14).fatigue, 13.953),
            "{:?}",
            at(14)
        );
        assert!(
            close(at(15).fitness, 11.143) && close(at(15).fatigue, 32.064),
            "{:?}",
            at(15)
        );
        assert!(close(at(15).form, 11.143 - 32.064));
        // two loads on one day add up
        let twice = mornings(&[(day(0), 50.0), (day(0), 50.0)], day(1));
        let once = mornings(&[(day(0), 100.0)], day(1));
        assert_eq!(twice, once);
    }

    #[test]
    fn the_first_morning_has_no_fitness() {
        let m = mornings(&[(day(3), 80.0)], day(3));
        assert_eq!(m, vec![(day(3), Form::default())]);
        assert_eq!(m[0].1.zone(), None);
        assert!(mornings(&[], day(3)).is_empty());
    }
}
