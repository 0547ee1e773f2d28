//! Small input checks shared by every use case; each failure names the field it concerns.

use crate::error::{Error, FieldProblem, Result};
use chrono::NaiveDate;

/// Every problem of one form, collected field by field so that they are reported together —
/// a person learns all of them from one save, not one per save. Public for the workstation's
/// own checks made before anything is sent (`hairline_client::pair`).
#[derive(Debug, Default)]
pub struct Problems {
    fields: Vec<FieldProblem>,
    /// An error that concerns no field (or is not a validation error): reported first.
    other: Option<Error>,
}

impl Problems {
    /// The checked value, or `None` after keeping the error to report.
    pub fn check<T>(&mut self, checked: Result<T>) -> Option<T> {
        match checked {
            Ok(value) => Some(value),
            Err(error) => {
                self.keep(error);
                None
            }
        }
    }

    /// Keeps one more error to report.
    pub fn keep(&mut self, error: Error) {
        match error {
            Error::Validation { field, message } => {
                self.fields.push(FieldProblem { field, message })
            }
            Error::Invalid(problems) => self.fields.extend(problems),
            other => {
                self.other.get_or_insert(other);
            }
        }
    }

    /// Whether `field` already has a problem (so a rule that builds on it can stay silent).
    pub(crate) fn has(&self, field: &str) -> bool {
        self.fields.iter().any(|p| p.field == field)
    }

    /// What the form's checked fields build (`Some` once each was read), when nothing was
    /// wrong; else the error to report, as [`Problems::finish`].
    pub fn finish_with<T>(self, built: Option<T>) -> Result<T> {
        self.finish()?;
        Ok(built.expect("a field that was not read left a problem behind"))
    }

    /// Nothing was wrong; or the error to report: any non-field error first, one field's
    /// problem as itself, several as [`Error::Invalid`].
    pub fn finish(self) -> Result<()> {
        if let Some(other) = self.other {
            return Err(other);
        }
        let mut fields = self.fields;
        match fields.len() {
            0 => Ok(()),
            1 => {
                let FieldProblem { field, message } = fields.remove(0);
                Err(Error::Validation { field, message })
            }
            _ => Err(Error::Invalid(fields)),
        }
    }
}

/// A choice the person must make (sent as null until made): the value, or `field` named with
/// `message` while it is unchosen, never read as some value.
pub(crate) fn chosen<T>(field: &str, message: impl Into<String>, value: Option<T>) -> Result<T> {
    value.ok_or_else(|| Error::validation(field, message))
}

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
    fn problems_report_every_field_at_once_and_one_as_itself() {
        let mut problems = Problems::default();
        assert_eq!(
            problems.check(required_text("a", "A", "x", 5)),
            Some("x".to_owned())
        );
        assert!(Problems::default().finish().is_ok());
        problems.check(required_text("first_name", "First name", "", 5));
        let one = std::mem::take(&mut problems).finish().unwrap_err();
        assert!(matches!(one, Error::Validation { .. }), "{one:?}");

        problems.check(required_text("first_name", "First name", "", 5));
        problems.check(whole_in("age", "Age", 300, 0, 130));
        assert!(problems.has("age") && !problems.has("email"));
        let both = problems.finish().unwrap_err();
        assert_eq!(both.field(), Some("first_name"));
        assert_eq!(
            both.to_string(),
            "First name is required (and 1 more problem)"
        );
        let api = both.to_api();
        let fields: Vec<_> = api.problems.unwrap().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["first_name", "age"]);
    }

    #[test]
    fn number_in_rejects_nan_and_out_of_range() {
        assert!(number_in("d", "Depth", f64::NAN, 0.1, 3.0, " mm").is_err());
        assert!(number_in("d", "Depth", 3.01, 0.1, 3.0, " mm").is_err());
        assert_eq!(number_in("d", "Depth", 0.1, 0.1, 3.0, " mm").unwrap(), 0.1);
    }
}
