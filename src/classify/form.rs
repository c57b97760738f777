//! Fitness, fatigue and form per calendar day from the runs' loads (Banister's impulse-response
//! model as Coggan's performance manager shows it): fitness is the 42-day and fatigue the 7-day
//! exponentially weighted load, form their difference; form zones as a share of fitness follow
//! intervals.icu's bands.

use chrono::NaiveDate;
use serde::Serialize;

use crate::profile::LoadRules;

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

impl FormZone {
    /// The zone in words, as tables and charts name it.
    pub fn words(self) -> &'static str {
        match self {
            FormZone::Fresh => "fresh",
            FormZone::Grey => "grey zone",
            FormZone::Optimal => "optimal training",
            FormZone::HighRisk => "high risk",
        }
    }
}

impl Form {
    /// Form as a share of fitness, `None` before there is any fitness to compare with.
    pub fn share(&self) -> Option<f64> {
        (self.fitness.is_finite() && self.fitness > 0.0).then(|| self.form / self.fitness)
    }

    /// The zone by the rules' bands, `None` before there is any fitness to compare with.
    ///
    /// ```
    /// use runaudit::classify::form::{Form, FormZone};
    /// use runaudit::profile::LoadRules;
    /// let rules = LoadRules::default();
    /// let f = |fitness: f64, fatigue: f64| Form { fitness, fatigue, form: fitness - fatigue }.zone(&rules);
    /// assert_eq!(f(50.0, 40.0), Some(FormZone::Fresh));     // +20%
    /// assert_eq!(f(50.0, 52.0), Some(FormZone::Grey));      // −4%
    /// assert_eq!(f(50.0, 60.0), Some(FormZone::Optimal));   // −20%
    /// assert_eq!(f(50.0, 70.0), Some(FormZone::HighRisk));  // −40%
    /// assert_eq!(f(0.0, 0.0), None);
    /// ```
    pub fn zone(&self, rules: &LoadRules) -> Option<FormZone> {
        let share = self.share()?;
        Some(if share > rules.fresh_above.value {
            FormZone::Fresh
        } else if share >= rules.grey_from.value {
            FormZone::Grey
        } else if share >= rules.optimal_from.value {
            FormZone::Optimal
        } else {
            FormZone::HighRisk
        })
    }
}

/// The series never spans more days than this (a century): a file dated decades off cannot make
/// it unbounded.
pub const MAX_SPAN_DAYS: u64 = 36_525;

/// What the runner's training was before the first load seen: fitness and fatigue both at the
/// mean daily load of the first `fitness_days` (the season's first six weeks, or all of it when
/// shorter), as if that load had been steady before. Without it every season would open with
/// fatigue far above a fitness still building from zero, in the high-risk zone for weeks.
///
/// ```
/// use chrono::NaiveDate;
/// use runaudit::classify::form::seed;
/// use runaudit::profile::LoadRules;
/// let d = |n| NaiveDate::from_ymd_opt(2026, 3, n).unwrap();
/// // 60 + 90 over the 10 days from the 1st to the 10th: 15 a day.
/// let s = seed(&[(d(1), 60.0), (d(10), 90.0)], &LoadRules::default());
/// assert_eq!((s.fitness, s.fatigue, s.form), (15.0, 15.0, 0.0));
/// ```
pub fn seed(loads: &[(NaiveDate, f64)], rules: &LoadRules) -> Form {
    let (Some(first), Some(last)) = (
        loads.iter().map(|l| l.0).min(),
        loads.iter().map(|l| l.0).max(),
    ) else {
        return Form::default();
    };
    let window = i64::from(rules.fitness_days.value.max(1));
    let days = ((last - first).num_days() + 1).clamp(1, window);
    let sum: f64 = loads
        .iter()
        .filter(|l| (l.0 - first).num_days() < days)
        .map(|l| l.1)
        .sum();
    let mean = sum / days as f64;
    Form {
        fitness: mean,
        fatigue: mean,
        form: 0.0,
    }
}

/// The morning form of every day from the first load's day to `until` (inclusive), starting
/// from `start` (see [`seed`]): each day's values before that day's load. `loads` are (day,
/// load) in any order, several a day allowed.
///
/// ```
/// use chrono::NaiveDate;
/// use runaudit::classify::form::{mornings, Form};
/// use runaudit::profile::LoadRules;
/// // 100 points a day for 21 days: on the 22nd morning fitness is 100 (1 − e^(−21/42)) = 39.35,
/// // fatigue 100 (1 − e^(−21/7)) = 95.02, form −55.67.
/// let d0 = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
/// let loads: Vec<_> = (0..21).map(|i| (d0 + chrono::Days::new(i), 100.0)).collect();
/// let days = mornings(&loads, d0 + chrono::Days::new(21), &LoadRules::default(), Form::default());
/// let last = days.last().unwrap().1;
/// assert!((last.fitness - 39.347).abs() < 1e-3);
/// assert!((last.fatigue - 95.021).abs() < 1e-3);
/// assert!((last.form + 55.674).abs() < 1e-3);
/// ```
pub fn mornings(
    loads: &[(NaiveDate, f64)],
    until: NaiveDate,
    rules: &LoadRules,
    start: Form,
) -> Vec<(NaiveDate, Form)> {
    let mut sorted: Vec<(NaiveDate, f64)> = loads.to_vec();
    sorted.sort_by_key(|&(d, _)| d);
    let Some(&(first, _)) = sorted.first() else {
        return Vec::new();
    };
    let first = first.max(
        until
            .checked_sub_days(chrono::Days::new(MAX_SPAN_DAYS))
            .unwrap_or(NaiveDate::MIN),
    );
    let k_fit = 1.0 - (-1.0 / f64::from(rules.fitness_days.value.max(1))).exp();
    let k_fat = 1.0 - (-1.0 / f64::from(rules.fatigue_days.value.max(1))).exp();
    let (mut fitness, mut fatigue) = (start.fitness, start.fatigue);
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

/// The morning form of each day a run was on, in the order given, from the [`seed`]: `runs`
/// are each run's day and load (`None` for a run without one). A day before the first load
/// has no fitness yet ([`Form::default`]).
///
/// ```
/// use chrono::NaiveDate;
/// use runaudit::classify::form::morning_of_each;
/// use runaudit::profile::LoadRules;
/// let d = |n| NaiveDate::from_ymd_opt(2026, 3, n).unwrap();
/// // 100 on the 1st and 40 on the 3rd: the seed is 140 / 3 = 46.667 a day. With
/// // k = 1 − e^(−1/7) = 0.13312, fatigue on the 2nd is 46.667 + (100 − 46.667) k = 53.766 and
/// // on the 3rd 53.766 (1 − k) = 46.609, for both runs of the 3rd.
/// let runs = [(d(1), Some(100.0)), (d(3), Some(40.0)), (d(3), None)];
/// let f = morning_of_each(&runs, &LoadRules::default());
/// assert!((f[0].fatigue - 46.667).abs() < 1e-3 && f[0].form == 0.0);
/// assert!((f[1].fatigue - 46.609).abs() < 1e-3 && f[2] == f[1]);
/// ```
pub fn morning_of_each(runs: &[(NaiveDate, Option<f64>)], rules: &LoadRules) -> Vec<Form> {
    let loads: Vec<(NaiveDate, f64)> = runs.iter().filter_map(|&(d, l)| Some((d, l?))).collect();
    let Some(until) = runs.iter().map(|r| r.0).max() else {
        return Vec::new();
    };
    let series = mornings(&loads, until, rules, seed(&loads, rules));
    runs.iter()
        .map(|&(day, _)| at(&series, day).unwrap_or_default())
        .collect()
}

/// The form on the morning of `day` in a series from [`mornings`], `None` outside it.
pub fn at(series: &[(NaiveDate, Form)], day: NaiveDate) -> Option<Form> {
    let first = series.first()?.0;
    let i = usize::try_from((day - first).num_days()).ok()?;
    series.get(i).map(|&(_, f)| f)
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
        let m = mornings(&loads, day(15), &LoadRules::default(), Form::default());
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
        let twice = mornings(
            &[(day(0), 50.0), (day(0), 50.0)],
            day(1),
            &LoadRules::default(),
            Form::default(),
        );
        let once = mornings(
            &[(day(0), 100.0)],
            day(1),
            &LoadRules::default(),
            Form::default(),
        );
        assert_eq!(twice, once);
    }

    #[test]
    fn the_first_morning_has_no_fitness() {
        let m = mornings(
            &[(day(3), 80.0)],
            day(3),
            &LoadRules::default(),
            Form::default(),
        );
        assert_eq!(m, vec![(day(3), Form::default())]);
        assert_eq!(m[0].1.zone(&LoadRules::default()), None);
        assert!(mornings(&[], day(3), &LoadRules::default(), Form::default()).is_empty());
    }
}
