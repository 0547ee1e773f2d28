//! The rows an archive brings are held to the rules the app's forms are held to, so an archive
//! can never put into the record what no form would have let in: every value of the kind its
//! column stores (a whole number, a number, text; a day, an instant, a time zone that can be
//! read as one), then each site, client, plan, session and appointment read back as the app
//! reads it and checked by its form's own validator. A bad row is refused naming its table, row
//! and field (`tables.sites.rows[0].time_zone`).

use crate::clinic::sites;
use crate::error::{Error, Result};
use crate::record::{clients, plans, sessions};
use crate::schedule::appointments;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::types::{FromSql, ValueRef};
use rusqlite::Connection;
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// Where a row's field is, as the archive names it.
fn at(table: &str, row: usize, column: &str) -> String {
    format!("tables.{table}.rows[{row}].{column}")
}

/// Each stored column of `table` with the type its schema declares (`INTEGER`, `REAL`, `TEXT`).
pub(super) fn declared_types(conn: &Connection, table: &str) -> Result<BTreeMap<String, String>> {
    let mut stmt =
        conn.prepare("SELECT name, upper(type) FROM pragma_table_xinfo(?1) WHERE hidden = 0")?;
    let types = stmt
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(types)
}

/// A year written with four digits, as every date the app writes is.
fn ordinary_year(year: i32) -> bool {
    (0..=9999).contains(&year)
}

/// What the column called `column` holds when it holds text, by the schema's naming: days
/// (`…_on`, `until`, `…_until`, `date_of_birth`), instants (`at`, `…_at`) and time zones.
fn check_text(column: &str, text: &str) -> std::result::Result<(), String> {
    let day = column.ends_with("_on") || column.ends_with("until") || column == "date_of_birth";
    let instant = column == "at" || column.ends_with("_at");
    if day {
        match NaiveDate::column_result(ValueRef::Text(text.as_bytes())) {
            Ok(d) if ordinary_year(d.year()) && text.len() == 10 => Ok(()),
            _ => Err(format!(
                "\"{text}\" is not a day (YYYY-MM-DD, years 0 to 9999)"
            )),
        }
    } else if instant {
        match DateTime::<Utc>::column_result(ValueRef::Text(text.as_bytes())) {
            Ok(t) if ordinary_year(t.year()) => Ok(()),
            _ => Err(format!(
                "\"{text}\" is not a date and time (years 0 to 9999)"
            )),
        }
    } else if column == "time_zone" {
        sites::parse_time_zone(column, text)
            .map(drop)
            .map_err(|e| e.to_string())
    } else {
        Ok(())
    }
}

/// Refuses a value that is not of the kind its column stores, naming the row and field.
pub(super) fn check_value(
    table: &str,
    row: usize,
    column: &str,
    declared: &str,
    value: &Json,
) -> Result<()> {
    let problem = match (declared, value) {
        (_, Json::Null) => None,
        ("INTEGER", Json::Bool(_)) => None,
        ("INTEGER", Json::Number(n)) if n.as_i64().is_some() => None,
        ("INTEGER", Json::Number(n)) => {
            Some(format!("{n} is not a whole number the app can store"))
        }
        ("REAL", Json::Number(n)) if n.as_f64().is_some_and(f64::is_finite) => None,
        ("REAL", Json::Number(n)) => Some(format!("{n} is not a number the app can store")),
        ("INTEGER" | "REAL", _) => Some("holds text where a number belongs".to_owned()),
        (_, Json::String(text)) => check_text(column, text).err(),
        (_, Json::Number(_) | Json::Bool(_)) => {
            Some("holds a number where text belongs".to_owned())
        }
        // Lists and objects are refused by the reader of values.
        _ => None,
    };
    match problem {
        None => Ok(()),
        Some(problem) => Err(Error::validation(
            at(table, row, column),
            format!("Row {row} of {table}: {column} {problem}"),
        )),
    }
}

/// A form's refusal of an archive row, as the archive names it: the row, then the form's field.
fn refusal(table: &str, row: usize, error: Error) -> Error {
    let where_ = match error.field() {
        Some(field) => at(table, row, field),
        None => format!("tables.{table}.rows[{row}]"),
    };
    let what = match &error {
        Error::Storage(e) => format!("cannot be read: {e}"),
        other => other.to_string(),
    };
    Error::validation(where_, format!("Row {row} of {table}: {what}"))
}

/// The record's tables whose rows a form writes, in the order a row may refer to another.
const FORM_TABLES: &[&str] = &["sites", "clients", "plans", "sessions", "appointments"];

/// Reads back every imported row of the record's tables as the app reads it and holds it to its
/// form's validator. `ids` are each table's row ids in archive order; `today` as for the forms.
pub(super) fn check_form_rows(
    conn: &Connection,
    ids: &BTreeMap<String, Vec<rusqlite::types::Value>>,
    today: NaiveDate,
) -> Result<()> {
    for table in FORM_TABLES {
        let Some(rows) = ids.get(*table) else {
            continue;
        };
        for (row, id) in rows.iter().enumerate() {
            let rusqlite::types::Value::Text(id) = id else {
                return Err(Error::validation(
                    at(table, row, "id"),
                    format!("Row {row} of {table}: id is not an id"),
                ));
            };
            let bad_id = || {
                Error::validation(
                    at(table, row, "id"),
                    format!("Row {row} of {table}: \"{id}\" is not an id"),
                )
            };
            let checked = match *table {
                "sites" => sites::check_stored(conn, id.parse().map_err(|_| bad_id())?),
                "clients" => clients::check_stored(conn, id.parse().map_err(|_| bad_id())?, today),
                "plans" => plans::check_stored(conn, id.parse().map_err(|_| bad_id())?),
                "sessions" => {
                    sessions::check_stored(conn, id.parse().map_err(|_| bad_id())?, today)
                }
                _ => appointments::check_stored(conn, id.parse().map_err(|_| bad_id())?),
            };
            checked.map_err(|e| refusal(table, row, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_value_must_be_of_its_columns_kind() {
        let ok = |column: &str, declared: &str, value: Json| {
            check_value("t", 0, column, declared, &value).is_ok()
        };
        assert!(ok("performed_on", "TEXT", json!("2026-06-15")));
        assert!(ok(
            "created_at",
            "TEXT",
            json!("2026-06-15 10:00:00.000+00:00")
        ));
        assert!(ok("created_at", "TEXT", json!("2026-06-15T10:00:00Z")));
        assert!(ok("time_zone", "TEXT", json!("Asia/Dubai")));
        assert!(ok("spacing_days", "INTEGER", json!(14)));
        assert!(ok("depth_mm", "REAL", json!(1.2)));
        assert!(ok("notes", "TEXT", Json::Null));
        for (column, declared, value) in [
            ("performed_on", "TEXT", json!("+262142-12-31")),
            ("performed_on", "TEXT", json!("-0001-01-01")),
            ("performed_on", "TEXT", json!("2026-02-30")),
            ("snoozed_until", "TEXT", json!("soon")),
            ("created_at", "TEXT", json!("yesterday")),
            ("time_zone", "TEXT", json!("Mars/Olympus")),
            ("time_zone", "TEXT", json!("")),
            ("spacing_days", "INTEGER", json!(1e308)),
            ("spacing_days", "INTEGER", json!(u64::MAX)),
            ("spacing_days", "INTEGER", json!("14")),
            ("depth_mm", "REAL", json!("1.2")),
            ("notes", "TEXT", json!(7)),
        ] {
            let error = check_value("t", 3, column, declared, &value).unwrap_err();
            assert_eq!(
                error.field(),
                Some(format!("tables.t.rows[3].{column}").as_str()),
                "{column} {value}"
            );
        }
    }
}
