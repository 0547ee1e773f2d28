//! Calendar arithmetic for recalls, defined once: adding months clamps to the month's last day
//! (31 Jan + 1 month = 28/29 Feb; 29 Feb 2024 + 5 years = 28 Feb 2029), adding days is exact.

use chrono::{Days, Months, NaiveDate};

/// `day` plus `months` calendar months, clamped to the last day of the target month.
/// Saturates at the last representable date rather than failing.
pub fn add_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// `day` plus `days` days, saturating at the last representable date.
pub fn add_days(day: NaiveDate, days: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn month_ends_and_leap_days_clamp() {
        assert_eq!(add_months(d("2026-01-31"), 1), d("2026-02-28"));
        assert_eq!(add_months(d("2028-01-31"), 1), d("2028-02-29"));
        assert_eq!(add_months(d("2024-02-29"), 60), d("2029-02-28"));
        assert_eq!(add_months(d("2024-02-29"), 48), d("2028-02-29"));
        assert_eq!(add_months(d("2026-08-31"), 1), d("2026-09-30"));
        assert_eq!(add_days(d("2026-02-20"), 14), d("2026-03-06"));
    }
}
