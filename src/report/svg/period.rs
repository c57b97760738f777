//! How a season's dates are grouped and labelled: weeks for up to a year of runs, months for up
//! to five years, years beyond, so a whole history still gets readable bars and date ticks.

use chrono::{Datelike, Duration, NaiveDate};

/// Most date ticks on one axis.
pub const MAX_TICKS: usize = 14;

/// The bucket for volume bars and the unit of date ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Weeks starting on Monday.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

impl Period {
    /// The period for a season spanning `days`: at most about 60 bars.
    pub fn for_span(days: f64) -> Period {
        if days <= 366.0 {
            Period::Week
        } else if days <= 5.0 * 366.0 {
            Period::Month
        } else {
            Period::Year
        }
    }

    /// Which bucket `date` falls in, counted from the bucket holding `base` (0).
    pub fn bucket(self, base: NaiveDate, date: NaiveDate) -> usize {
        let n = match self {
            Period::Week => (week_start(date) - week_start(base)).num_days() / 7,
            Period::Month => {
                i64::from(date.year() - base.year()) * 12 + i64::from(date.month())
                    - i64::from(base.month())
            }
            Period::Year => i64::from(date.year() - base.year()),
        };
        usize::try_from(n).unwrap_or(0)
    }

    /// First day of bucket `k` counted from the bucket holding `base`.
    pub fn start(self, base: NaiveDate, k: usize) -> NaiveDate {
        let k = i64::try_from(k).unwrap_or(0);
        match self {
            Period::Week => week_start(base) + Duration::weeks(k),
            Period::Month => {
                let months = i64::from(base.year()) * 12 + i64::from(base.month0()) + k;
                first_of_month(months)
            }
            Period::Year => {
                let year = i64::from(base.year()) + k;
                i32::try_from(year)
                    .ok()
                    .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
                    .unwrap_or(base)
            }
        }
    }

    /// A tick label for a bucket starting on `date`.
    pub fn label(self, date: NaiveDate) -> String {
        let format = match self {
            Period::Week => "%-d %b",
            Period::Month => "%b %Y",
            Period::Year => "%Y",
        };
        date.format(format).to_string()
    }

    /// The adjective for a chart title: "Weekly", "Monthly", "Yearly".
    pub fn adjective(self) -> &'static str {
        match self {
            Period::Week => "Weekly",
            Period::Month => "Monthly",
            Period::Year => "Yearly",
        }
    }

    /// The axis title under bucket ticks.
    pub fn axis_title(self) -> &'static str {
        match self {
            Period::Week => "week starting (Monday)",
            Period::Month => "month",
            Period::Year => "year",
        }
    }

    /// Bucket indices to label on an axis of `n` buckets: all up to [`MAX_TICKS`], else every
    /// k-th.
    pub fn tick_buckets(n: usize) -> Vec<usize> {
        let step = n.div_ceil(MAX_TICKS).max(1);
        (0..n).filter(|k| k % step == 0).collect()
    }

    /// Date ticks for a timeline of `last_day` days from `base`, as day offsets from `base`:
    /// bucket starts (not before `base`), thinned to at most [`MAX_TICKS`].
    pub fn day_ticks(self, base: NaiveDate, last_day: f64) -> Vec<f64> {
        let last = base + Duration::days(last_day.max(0.0).ceil() as i64);
        let n = self.bucket(base, last) + 2;
        Period::tick_buckets(n)
            .into_iter()
            .map(|k| (self.start(base, k) - base).num_days() as f64)
            .filter(|&d| d >= 0.0 && d <= last_day + 0.5)
            .collect()
    }
}

/// Monday of the week of `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The first day of a month counted as `year * 12 + month0`.
fn first_of_month(months: i64) -> NaiveDate {
    let year = i32::try_from(months.div_euclid(12)).unwrap_or(2000);
    let month = u32::try_from(months.rem_euclid(12) + 1).unwrap_or(1);
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2025-01-09 is a Thursday; its Monday is 2025-01-06.
        assert_eq!(week_start(d(2025, 1, 9)), d(2025, 1, 6));
    }

    #[test]
    fn the_period_grows_with_the_span() {
        // 12 weeks → weeks; 3 years → 36 months; 36 years → 36 years.
        assert_eq!(Period::for_span(84.0), Period::Week);
        assert_eq!(Period::for_span(3.0 * 365.0), Period::Month);
        assert_eq!(Period::for_span(36.0 * 365.0), Period::Year);
    }

    #[test]
    fn buckets_and_their_starts() {
        let base = d(2024, 11, 20); // a Wednesday; its week starts Monday 2024-11-18
        assert_eq!(Period::Week.bucket(base, d(2024, 11, 25)), 1);
        assert_eq!(Period::Week.start(base, 1), d(2024, 11, 25));
        // November 2024 → February 2025 is 3 months on; 2024 → 2026 is 2 years on.
        assert_eq!(Period::Month.bucket(base, d(2025, 2, 28)), 3);
        assert_eq!(Period::Month.start(base, 3), d(2025, 2, 1));
        assert_eq!(Period::Year.bucket(base, d(2026, 1, 1)), 2);
        assert_eq!(Period::Year.start(base, 2), d(2026, 1, 1));
        // A date before the base is clamped to the first bucket.
        assert_eq!(Period::Month.bucket(base, d(2024, 1, 1)), 0);
    }

    #[test]
    fn labels_name_the_year_once_it_matters() {
        assert_eq!(Period::Week.label(d(2025, 3, 3)), "3 Mar");
        assert_eq!(Period::Month.label(d(2025, 3, 1)), "Mar 2025");
        assert_eq!(Period::Year.label(d(2025, 1, 1)), "2025");
    }

    #[test]
    fn ticks_thin_out() {
        // 29 buckets: step ceil(29 / 14) = 3 → 0, 3, ..., 27 (10 ticks).
        let t = Period::tick_buckets(29);
        assert_eq!(t.len(), 10);
        assert_eq!(t.get(1), Some(&3));
        // Monthly ticks from 2024-11-20 over 100 days: Dec 1 (11 days on), Jan 1 (42), Feb 1 (73).
        let days = Period::Month.day_ticks(d(2024, 11, 20), 100.0);
        assert_eq!(days, vec![11.0, 42.0, 73.0]);
    }
}
