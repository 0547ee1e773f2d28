//! Dates as other systems write them (`1984-05-17`, `17/05/1984`, `17.05.1984`, `17 May 1984`,
//! `May 17, 1984`), with or without a time of day after them (`17/05/1984 14:22`, as a record's
//! creation date is often written, the time is left out), read with the day-first or month-first order the user chose for the whole
//! file — never guessed row by row, where `03/04/1984` would silently mean two different days.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How an all-numbers date like `03/04/1984` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// 03/04/1984 is 3 April (UK, Europe, most of the world).
    DayFirst,
    /// 03/04/1984 is March 4 (US).
    MonthFirst,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_named(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let month = MONTHS.iter().position(|m| word.starts_with(m))? as u32 + 1;
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][month as usize - 1];
    (full.starts_with(&word) || word == "sept").then_some(month)
}

fn real_date(text: &str, year: i32, month: u32, day: u32) -> Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        format!("\"{text}\" is not a real date (year {year}, month {month}, day {day})")
    })
}

/// `text` without a time of day written after the date (`14:22`, `2:22:05 PM`), if it has one.
fn without_time(text: &str) -> &str {
    let mut rest = text;
    let mut had_time = false;
    while let Some((before, last)) = rest.rsplit_once(char::is_whitespace) {
        let clock = last.contains(':')
            && last
                .chars()
                .all(|c| c.is_ascii_digit() || c == ':' || c == '.');
        if clock {
            had_time = true;
        } else if !["am", "pm"].contains(&last.to_lowercase().as_str()) {
            break;
        }
        rest = before.trim_end();
    }
    if had_time {
        rest
    } else {
        text
    }
}

/// Reads `text` as a day. Empty text is no date. A two-digit year is refused as ambiguous, and
/// so is an all-numbers date that reads as two days when no `order` was said.
pub(crate) fn parse(text: &str, order: Option<DateOrder>) -> Result<Option<NaiveDate>, String> {
    let text = without_time(text.trim());
    if text.is_empty() {
        return Ok(None);
    }
    // ISO date, possibly followed by a time ("1984-05-17T00:00:00", "1984-05-17 00:00").
    if let Some(prefix) = text.get(..10) {
        let rest = &text[10..];
        if rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ') {
            if let Ok(day) = NaiveDate::parse_from_str(prefix, "%Y-%m-%d") {
                return Ok(Some(day));
            }
        }
    }
    let parts: Vec<&str> = text
        .split(['/', '.', '-', ' ', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let unreadable = || {
        format!(
            "\"{text}\" is not a date Hairline can read (use e.g. 1984-05-17, 17/05/1984, 17.05.1984 or 17 May 1984)"
        )
    };
    if parts.len() != 3 {
        return Err(unreadable());
    }
    let number = |p: &str| p.parse::<u32>().ok();
    let year_of = |p: &str| -> Result<i32, String> {
        if p.len() == 4 {
            p.parse().map_err(|_| unreadable())
        } else {
            Err(format!(
                "\"{text}\" has a {}-digit year; write the year with four digits",
                p.len()
            ))
        }
    };
    if let Some(i) = parts.iter().position(|p| month_named(p).is_some()) {
        let month = month_named(parts[i]).expect("found above");
        let others: Vec<&str> = parts
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, p)| *p)
            .collect();
        let (day, year) = if others[0].len() == 4 {
            (others[1], others[0])
        } else {
            (others[0], others[1])
        };
        let day = number(day).ok_or_else(unreadable)?;
        return real_date(text, year_of(year)?, month, day).map(Some);
    }
    let [a, b, c] = [parts[0], parts[1], parts[2]];
    if a.len() == 4 {
        let (month, day) = (
            number(b).ok_or_else(unreadable)?,
            number(c).ok_or_else(unreadable)?,
        );
        return real_date(text, year_of(a)?, month, day).map(Some);
    }
    let (a, b) = (
        number(a).ok_or_else(unreadable)?,
        number(b).ok_or_else(unreadable)?,
    );
    let year = year_of(c)?;
    let (day, month) = match order {
        Some(DateOrder::DayFirst) => (a, b),
        Some(DateOrder::MonthFirst) => (b, a),
        None if reads_two_ways(a, b) => {
            return Err(format!(
                "\"{text}\" could be read day first or month first: say which the file uses"
            ))
        }
        // Unsaid, a date can still tell: 25/12 only reads day first, 12/25 only month first.
        None if b > 12 => (b, a),
        None => (a, b),
    };
    real_date(text, year, month, day).map(Some)
}

/// The first two numbers of an all-numbers date (`03/04/1980` → 3 and 4), if `text` is one.
fn leading_numbers(text: &str) -> Option<(u32, u32)> {
    let parts: Vec<&str> = without_time(text.trim()).split(['/', '.', '-']).collect();
    if parts.len() != 3 || parts[0].len() > 2 {
        return None;
    }
    Some((parts[0].parse().ok()?, parts[1].parse().ok()?))
}

/// The order the all-numbers dates in `samples` show: day-first when some date can only be
/// read that way (`25/12/1980`), month-first when some can only be read the other way
/// (`12/25/1980`); `None` when none of them tells.
pub(crate) fn guess_order<'a>(samples: impl Iterator<Item = &'a str>) -> Option<DateOrder> {
    samples.filter_map(leading_numbers).find_map(|(a, b)| {
        if a > 12 {
            Some(DateOrder::DayFirst)
        } else if b > 12 {
            Some(DateOrder::MonthFirst)
        } else {
            None
        }
    })
}

/// An all-numbers date that reads as two different days depending on the order (`03/04/1980`,
/// not `04/04/1980` or `25/12/1980`).
pub(crate) fn is_ambiguous(text: &str) -> bool {
    leading_numbers(text).is_some_and(|(a, b)| reads_two_ways(a, b))
}

/// Whether a date's first two numbers `a` and `b` make two different days, each read as the
/// month in turn.
fn reads_two_ways(a: u32, b: u32) -> bool {
    a != b && (1..=12).contains(&a) && (1..=12).contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn common_formats_read_the_same_day() {
        for text in [
            "1984-05-17",
            "1984-05-17T00:00:00",
            "17/05/1984",
            "17.05.1984",
            "17-05-1984",
            "17 May 1984",
            "17 may 1984",
            "17-May-1984",
            "May 17, 1984",
            "17 Mai 1984".replace("Mai", "May").as_str(),
            "1984/05/17",
        ] {
            assert_eq!(
                parse(text, Some(DateOrder::DayFirst)),
                Ok(day("1984-05-17")),
                "{text}"
            );
        }
        assert_eq!(
            parse("05/17/1984", Some(DateOrder::MonthFirst)),
            Ok(day("1984-05-17"))
        );
        assert_eq!(
            parse("03/04/1984", Some(DateOrder::DayFirst)),
            Ok(day("1984-04-03"))
        );
        assert_eq!(
            parse("03/04/1984", Some(DateOrder::MonthFirst)),
            Ok(day("1984-03-04"))
        );
        assert_eq!(parse("  ", Some(DateOrder::DayFirst)), Ok(None));
    }

    #[test]
    fn a_time_after_the_date_is_left_out() {
        for text in [
            "17/05/1984 14:22",
            "17/05/1984 14:22:05",
            "17.05.1984 2:22 PM",
            "17 May 1984 09:00",
            "1984-05-17 14:22:05.123",
        ] {
            assert_eq!(
                parse(text, Some(DateOrder::DayFirst)),
                Ok(day("1984-05-17")),
                "{text}"
            );
        }
        // "PM" alone, without a time, is not a time to leave out.
        assert!(parse("17/05/1984 PM", Some(DateOrder::DayFirst)).is_err());
    }

    #[test]
    fn impossible_ambiguous_and_unreadable_dates_say_why() {
        let err = parse("31/02/1990", Some(DateOrder::DayFirst)).unwrap_err();
        assert!(err.contains("not a real date"), "{err}");
        let err = parse("17/05/84", Some(DateOrder::DayFirst)).unwrap_err();
        assert!(err.contains("four digits"), "{err}");
        let err = parse("yesterday", Some(DateOrder::DayFirst)).unwrap_err();
        assert!(err.contains("not a date"), "{err}");
        assert!(parse("17 Maybe 1984", Some(DateOrder::DayFirst)).is_err());
    }

    #[test]
    fn the_order_is_guessed_once_from_unambiguous_dates() {
        assert_eq!(
            guess_order(["03/04/1980", "25/12/1980"].into_iter()),
            Some(DateOrder::DayFirst)
        );
        assert_eq!(
            guess_order(["03/04/1980", "12/25/1980"].into_iter()),
            Some(DateOrder::MonthFirst)
        );
        // Nothing tells: no order is made up.
        assert_eq!(guess_order(["03/04/1980", "04/04/1980"].into_iter()), None);
        assert_eq!(guess_order(["1980-12-25"].into_iter()), None);
    }

    #[test]
    fn only_dates_that_read_as_two_days_are_ambiguous() {
        for text in ["03/04/1980", "12.01.1975", "3-4-1980 10:30"] {
            assert!(is_ambiguous(text), "{text}");
        }
        for text in [
            "04/04/1980",
            "25/12/1980",
            "12/25/1980",
            "1980-03-04",
            "3 April 1980",
            "",
        ] {
            assert!(!is_ambiguous(text), "{text}");
        }
        // With no order said, a date that tells is read; one that does not is refused.
        assert_eq!(parse("25/12/1980", None), Ok(day("1980-12-25")));
        assert_eq!(parse("12/25/1980", None), Ok(day("1980-12-25")));
        let err = parse("03/04/1980", None).unwrap_err();
        assert!(err.contains("day first or month first"), "{err}");
        // A day 0 is no date either way, and said so.
        let err = parse("00/04/1980", None).unwrap_err();
        assert!(err.contains("not a real date"), "{err}");
    }
}
