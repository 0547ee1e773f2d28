//! Row-mapping helpers shared by the tables that store JSON or are read through one filtered
//! query per type: a JSON column read by name, and "every row of this SELECT, mapped".

use crate::error::{Error, Result};
use rusqlite::{Connection, Params, Row};
use serde::de::DeserializeOwned;

/// Reads the JSON text in `column` as a `T`; a malformed value is a conversion error naming it.
pub(crate) fn json_column<T: DeserializeOwned>(row: &Row<'_>, column: &str) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    serde_json::from_str(&text).map_err(|e| {
        let index = row.as_ref().column_index(column).unwrap_or_default();
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Reads the row `sql` selects with `params` through `map`, only to find whether it can be read:
/// a value that cannot be (an unknown code, a malformed day) is a validation error naming the
/// column it was selected as. For rows that came from a file rather than from a form.
pub(crate) fn check_readable<T>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
    map: fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let read = stmt.query_row(params, map).map(drop);
    match read {
        Ok(()) | Err(rusqlite::Error::QueryReturnedNoRows) => Ok(()),
        Err(e) => {
            let index = match &e {
                rusqlite::Error::FromSqlConversionFailure(i, ..)
                | rusqlite::Error::IntegralValueOutOfRange(i, _)
                | rusqlite::Error::InvalidColumnType(i, ..) => Some(*i),
                _ => None,
            };
            match index.and_then(|i| stmt.column_name(i).ok()) {
                Some(name) => Err(Error::validation(
                    name,
                    format!("{name} cannot be read: {e}"),
                )),
                None => Err(e.into()),
            }
        }
    }
}

/// Every row `sql` selects with `params`, mapped by `map` (statement cached).
pub(crate) fn all<T>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
    map: fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, map)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
