//! Row-mapping helpers shared by the tables that store JSON or are read through one filtered
//! query per type: a JSON column read by name, and "every row of this SELECT, mapped".

use crate::error::Result;
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
