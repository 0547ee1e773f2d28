//! Small input checks shared by every use case; each failure names the field it concerns.

use crate::error::{Error, Result};
use chrono::NaiveDate;

/// Trims `value` and requires it to be non-empty and at most `max` characters.
pub(crate) fn required_text(field: &str, label: &str, value: &str, max: usize) -> Result<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(Error::validation(field, format!("{label} is required")));
    }
    bounded_text(field, label, trimmed, max)
}

/// Trims `value` (which may be empty) and requires it to be at most `max` characters.
pub(crate) fn bounded_text(field: &str, label: &str, value: &str, max: usize) -> Result<String> {
    let trimmed = value.trim();
    let length = trimmed.chars().count();
    if length > max {
        return Err(Error::validation(
            field,
            format!("{label} is too long ({length} characters; at most {max})"),
        ));
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Error::validation(
            field,
            format!("{label} contains control characters"),
        ));
    }
    Ok(trimmed.to_owned())
}

/// Requires a finite number within `min..=max` (inclusive), named with its unit for the message.
pub(crate) fn number_in(
    field: &str,
    label: &str,
    value: f64,
    min: f64,
    max: f64,
    unit: &str,
) -> Result<f64> {
    if !value.is_finite() || value < min || value > max {
        let shown = if value.is_finite() && value.abs() < 1e9 {
            format!("{value}{unit}")
        } else if value.is_finite() {
            format!("{value:e}{unit}")
        } else {
            "not a number".to_owned()
        };
        return Err(Error::validation(
            field,
            format!("{label} must be between {min}{unit} and {max}{unit} (got {shown})"),
        ));
    }
    Ok(value)
}

/// Requires a whole number within `min..=max`.
pub(crate) fn whole_in(field: &str, label: &str, value: i64, min: i64, max: i64) -> Result<i64> {
    if value < min || value > max {
        return Err(Error::validation(
            field,
            format!("{label} must be between {min} and {max} (got {value})"),
        ));
    }
    Ok(value)
}

/// Requires a day no later than `today`.
pub(crate) fn not_in_future(
    field: &str,
    label: &str,
    day: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    if day > today {
        return Err(Error::validation(
            field,
            format!("{label} {day} is in the future (today is {today})"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_names_the_field_and_trims() {
        assert_eq!(required_text("f", "Name", "  Ana ", 10).unwrap(), "Ana");
        let err = required_text("first_name", "First name", "   ", 10).unwrap_err();
        assert_eq!(err.field(), Some("first_name"));
        assert_eq!(err.to_string(), "First name is required");
    }

    #[test]
    fn number_in_rejects_nan_and_out_of_range() {
        assert!(number_in("d", "Depth", f64::NAN, 0.1, 3.0, " mm").is_err());
        assert!(number_in("d", "Depth", 3.01, 0.1, 3.0, " mm").is_err());
        assert_eq!(number_in("d", "Depth", 0.1, 0.1, 3.0, " mm").unwrap(), 0.1);
    }
}
