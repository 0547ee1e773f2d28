//! The whole practice as one documented JSON file that re-imports losslessly into an empty
//! Hairline — so a clinic can always take its data elsewhere, or back.
//!
//! # Format (`format_version` 1)
//!
//! ```text
//! {
//!   "format": "hairline-archive",
//!   "format_version": 1,
//!   "app_version": "0.1.0",          // the Hairline that wrote it
//!   "schema_version": 1,             // the database schema the tables follow (migrations/)
//!   "exported_at": "2026-06-15T12:00:00Z",
//!   "tables": {
//!     "clients": { "columns": ["id", "number", ...], "rows": [["0190…", 1, ...], ...] },
//!     ...
//!   },
//!   "row_counts": { "clients": 240, ... }   // last: written as the tables are read
//! }
//! ```
//!
//! Every table of the schema is included, column for column as stored (ids are UUID text, days
//! ISO dates, instants RFC 3339 UTC, booleans 0/1, codes their snake-case text; see the
//! migrations for each column's meaning). Columns SQLite computes (generated columns) and the
//! search index are left out: they are rebuilt from the rows. Signed sessions, amendments and
//! the audit trail are included as they are (its hash chain with it); the import appends one
//! `import_archive` entry to that chain, and re-applies this practice's erasure ledger. An archive
//! imports only into an empty practice, of its own schema version or of a later one whose tables
//! have the same columns ([`SAME_ARCHIVED_TABLES_SINCE`]).
//!
//! Staff accounts are not carried (`staff_accounts`, `password_sign_ins`): a PIN's hash is
//! guessed in minutes once it is out of the practice's hands. The staff themselves are; after an
//! import the first screen creates the owner's account and a manager gives the others setup codes.

use crate::db::administration::Administration;
use crate::db::practice::Practice;
use crate::db::schema::{SAME_ARCHIVED_TABLES_SINCE, SCHEMA_VERSION};
use crate::error::{Error, Result};
use crate::exchange::archive_rows::{check_form_rows, check_value, declared_types};
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use ts_rs::TS;

const FORMAT: &str = "hairline-archive";
const FORMAT_VERSION: u32 = 1;

/// Columns a table's rows are imported without, then set once every row is in: a session's
/// signature, since the schema's triggers freeze a signed session and its zones.
const SET_LAST: &[(&str, &[&str])] = &[("sessions", &["signed_at", "signed_by"])];

/// What an export or an import of an archive covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ArchiveSummary {
    #[ts(type = "number")]
    pub schema_version: i64,
    pub exported_at: DateTime<Utc>,
    /// Rows per table.
    #[ts(type = "Record<string, number>")]
    pub row_counts: BTreeMap<String, u64>,
}

#[derive(Serialize, Deserialize)]
struct TableDump {
    columns: Vec<String>,
    rows: Vec<Vec<Json>>,
}

#[derive(Deserialize)]
struct Archive {
    format: String,
    format_version: u32,
    schema_version: i64,
    exported_at: DateTime<Utc>,
    row_counts: BTreeMap<String, u64>,
    tables: BTreeMap<String, TableDump>,
}

/// The tables of how staff sign in, which never leave the practice (see the module's note).
const NOT_ARCHIVED: &[&str] = &[
    "staff_accounts",
    "password_sign_ins",
    "paired_devices",
    "pairing_codes",
];

/// The practice's own tables, in creation order: no SQLite internals, no full-text index (a
/// virtual table) or the shadow tables that hold it, no sign-in secrets' hashes.
fn data_tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' AS virtual FROM sqlite_schema
         WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
    )?;
    let all: Vec<(String, bool)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let virtuals: Vec<&str> = all.iter().filter(|t| t.1).map(|t| t.0.as_str()).collect();
    Ok(all
        .iter()
        .filter(|(name, virtual_)| {
            !virtual_
                && !virtuals.iter().any(|v| name.starts_with(&format!("{v}_")))
                && !NOT_ARCHIVED.contains(&name.as_str())
        })
        .map(|(name, _)| name.clone())
        .collect())
}

/// A table's stored columns (generated ones excluded), in order.
fn stored_columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT name FROM pragma_table_xinfo('{table}') WHERE hidden = 0 ORDER BY cid"
    ))?;
    let columns = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(columns)
}

fn to_json(table: &str, value: Value) -> Result<Json> {
    Ok(match value {
        Value::Null => Json::Null,
        Value::Integer(i) => Json::from(i),
        Value::Real(f) => Json::from(f),
        Value::Text(t) => Json::from(t),
        Value::Blob(_) => {
            return Err(Error::refused(
                None,
                format!("Table {table} holds binary data, which this archive format cannot carry"),
            ))
        }
    })
}

fn from_json(table: &str, column: &str, value: &Json) -> Result<Value> {
    Ok(match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or(f64::NAN)),
        },
        Json::String(s) => Value::Text(s.clone()),
        _ => {
            return Err(Error::validation(
                format!("tables.{table}.{column}"),
                format!("{table}.{column} holds a list or object; archives hold plain values only"),
            ))
        }
    })
}

/// The first of `columns` a failed constraint's message names (`CHECK constraint failed:
/// spacing_days BETWEEN 1 AND 120`, `NOT NULL constraint failed: plans.notes`), if any.
fn constrained_column<'a>(message: &str, columns: &'a [String]) -> Option<&'a str> {
    let (_, rule) = message.split_once("constraint failed")?;
    let words: Vec<&str> = rule
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .collect();
    columns
        .iter()
        .find(|c| words.contains(&c.as_str()))
        .map(String::as_str)
}

/// A plain value (text, number, list of them) as JSON text.
fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("plain values serialise")
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// What an archive's header says besides its tables.
struct Header {
    schema_version: i64,
    exported_at: DateTime<Utc>,
}

/// How an export treats a row it cannot read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Fail the export.
    Strict,
    /// Keep the rows read so far, note the problem, go on with the next table (salvage).
    Salvage,
}

/// What a salvage export saved and what it could not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SalvageReport {
    pub summary: ArchiveSummary,
    /// One line per table that could not be read whole: how many rows were saved, and why not more.
    pub problems: Vec<String>,
}

/// Streams the archive of the database behind `conn` to `out`: the header, every table, then
/// the row counts (known only once each table is written). Returns the summary and, when
/// salvaging, the tables that could not be read whole.
fn write_archive(
    conn: &Connection,
    header: &Header,
    out: &mut dyn std::io::Write,
    reading: Reading,
) -> Result<(ArchiveSummary, Vec<String>)> {
    let io = |e: std::io::Error| Error::File {
        path: "archive".into(),
        message: e.to_string(),
    };
    write!(
        out,
        "{{\n\"format\": {},\n\"format_version\": {FORMAT_VERSION},\n\"app_version\": {},\n\"schema_version\": {},\n\"exported_at\": {},\n\"tables\": {{",
        json(FORMAT),
        json(env!("CARGO_PKG_VERSION")),
        header.schema_version,
        json(&header.exported_at),
    )
    .map_err(io)?;
    let mut row_counts = BTreeMap::new();
    let mut problems = Vec::new();
    for (t, table) in data_tables(conn)?.iter().enumerate() {
        let columns = stored_columns(conn, table)?;
        write!(
            out,
            "{}\n{}: {{\"columns\": {}, \"rows\": [",
            if t == 0 { "" } else { "," },
            json(table.as_str()),
            json(&columns)
        )
        .map_err(io)?;
        let mut written = 0u64;
        let mut table_rows = || -> Result<()> {
            let list = columns
                .iter()
                .map(|c| quoted(c))
                .collect::<Vec<_>>()
                .join(", ");
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT {list} FROM {} ORDER BY rowid",
                    quoted(table)
                ))
                .or_else(|_| conn.prepare(&format!("SELECT {list} FROM {}", quoted(table))))?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let values = (0..columns.len())
                    .map(|i| to_json(table, row.get::<_, Value>(i)?))
                    .collect::<Result<Vec<_>>>()?;
                let comma = if written == 0 { "" } else { "," };
                write!(out, "{comma}\n{}", json(&values)).map_err(io)?;
                written += 1;
            }
            Ok(())
        };
        match (table_rows(), reading) {
            (Ok(()), _) => {}
            (Err(e @ Error::File { .. }), _) | (Err(e), Reading::Strict) => return Err(e),
            (Err(e), Reading::Salvage) => {
                problems.push(format!("{table}: {written} rows saved, then: {e}"))
            }
        }
        row_counts.insert(table.clone(), written);
        write!(out, "]}}").map_err(io)?;
    }
    writeln!(out, "\n}},\n\"row_counts\": {}\n}}", json(&row_counts)).map_err(io)?;
    out.flush().map_err(io)?;
    Ok((
        ArchiveSummary {
            schema_version: header.schema_version,
            exported_at: header.exported_at,
            row_counts,
        },
        problems,
    ))
}

/// For the recovery screen: writes what can still be read of a damaged database file to an
/// archive at `dest`, without opening the file as a practice (nothing is written to it). Tables
/// are read row by row; a table that breaks off keeps the rows before the damage, and the
/// report says which tables and why. The archive imports into an empty practice if no row it
/// kept points at one it lost.
pub fn salvage_archive(
    database: &std::path::Path,
    dest: &std::path::Path,
    now: DateTime<Utc>,
) -> Result<SalvageReport> {
    let (conn, schema_version) = crate::db::integrity::open_read_only(database)?;
    let header = Header {
        schema_version,
        exported_at: now,
    };
    let (summary, problems) = crate::atomic_file::write_atomically(dest, |out| {
        write_archive(&conn, &header, out, Reading::Salvage)
    })?;
    Ok(SalvageReport { summary, problems })
}

impl Practice {
    /// Writes the whole practice as an archive to `out`, from one consistent read of the
    /// database (writes made meanwhile are not half in it).
    pub fn export_archive(&self, out: &mut dyn std::io::Write) -> Result<ArchiveSummary> {
        let tx = Transaction::new_unchecked(self.conn(), TransactionBehavior::Deferred)?;
        let header = Header {
            schema_version: self.schema_version()?,
            exported_at: self.clock().now(),
        };
        let (summary, _) = write_archive(&tx, &header, out, Reading::Strict)?;
        Ok(summary)
    }

    /// Writes the archive to the file at `path`: into `path.partial` first, fsynced, then
    /// renamed, so `path` never names half an archive.
    pub fn export_archive_to(&self, path: &std::path::Path) -> Result<ArchiveSummary> {
        crate::atomic_file::write_atomically(path, |out| self.export_archive(out))
    }

    /// Fills this empty practice from an archive, in one transaction: all of it or none of it.
    /// Refused: text that is not a Hairline archive, an archive of another schema version, a
    /// practice that already holds data, rows that break the schema's rules or counts that do
    /// not match the manifest (a truncated file), and rows the app's forms would refuse (see
    /// `archive_rows`) — each naming the table, row and field.
    pub fn import_archive(&mut self, text: &str) -> Result<ArchiveSummary> {
        let today = self.clock().today();
        let archive: Archive = serde_json::from_str(text).map_err(|e| {
            Error::validation("file", format!("This is not a Hairline archive: {e}"))
        })?;
        if archive.format != FORMAT || archive.format_version != FORMAT_VERSION {
            return Err(Error::validation(
                "file",
                format!(
                    "This is not a Hairline archive this version can read (format {:?} version {})",
                    archive.format, archive.format_version
                ),
            ));
        }
        if archive.schema_version > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                found: archive.schema_version,
                supported: SCHEMA_VERSION,
            });
        }
        if archive.schema_version < SAME_ARCHIVED_TABLES_SINCE {
            return Err(Error::refused(
                Some("file"),
                format!(
                    "This archive follows schema version {}; restore it with the Hairline version that wrote it, then export again",
                    archive.schema_version
                ),
            ));
        }
        self.write(crate::actor::Actor::System, |w| {
            let tx = w.tx;
            let tables = data_tables(tx)?;
            for table in &tables {
                let n: i64 = tx.query_row(&format!("SELECT count(*) FROM {}", quoted(table)), [], |r| r.get(0))?;
                if n > 0 {
                    return Err(Error::refused(
                        None,
                        "An archive can only be imported into an empty practice; create a new one first",
                    ));
                }
            }
            tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            let mut signatures = Vec::new();
            let mut ids = BTreeMap::new();
            for (table, dump) in &archive.tables {
                if !tables.contains(table) {
                    return Err(Error::validation(format!("tables.{table}"), format!("This practice has no table {table}")));
                }
                let known = declared_types(tx, table)?;
                if let Some(unknown) = dump.columns.iter().find(|c| !known.contains_key(*c)) {
                    return Err(Error::validation(format!("tables.{table}"), format!("Table {table} has no column {unknown}")));
                }
                let expected = archive.row_counts.get(table).copied().unwrap_or(0);
                if dump.rows.len() as u64 != expected {
                    return Err(Error::validation(format!("tables.{table}"), format!(
                        "Table {table} has {} rows but the manifest says {expected}: the file is incomplete",
                        dump.rows.len()
                    )));
                }
                let last: &[&str] = SET_LAST.iter().find(|(t, _)| t == table).map_or(&[], |(_, c)| c);
                let list = dump.columns.iter().map(|c| quoted(c)).collect::<Vec<_>>().join(", ");
                let marks = vec!["?"; dump.columns.len()].join(", ");
                let mut insert = tx.prepare(&format!("INSERT INTO {} ({list}) VALUES ({marks})", quoted(table)))?;
                for (i, row) in dump.rows.iter().enumerate() {
                    let at = || format!("tables.{table}.rows[{i}]");
                    if row.len() != dump.columns.len() {
                        return Err(Error::validation(at(), format!("Row {i} of {table} has {} values for {} columns", row.len(), dump.columns.len())));
                    }
                    for (v, c) in row.iter().zip(&dump.columns) {
                        check_value(table, i, c, &known[c], v)?;
                    }
                    let mut values = row
                        .iter()
                        .zip(&dump.columns)
                        .map(|(v, c)| from_json(table, c, v))
                        .collect::<Result<Vec<_>>>()?;
                    if let Some(id) = dump.columns.iter().position(|c| c == "id") {
                        ids.entry(table.clone()).or_insert_with(Vec::new).push(values[id].clone());
                    }
                    if !last.is_empty() {
                        let held: Vec<(String, Value)> = dump.columns.iter().zip(values.iter_mut())
                            .filter(|(c, _)| last.contains(&c.as_str()))
                            .map(|(c, v)| (c.clone(), std::mem::replace(v, Value::Null)))
                            .collect();
                        if held.iter().any(|(_, v)| *v != Value::Null) {
                            signatures.push((table.clone(), i, dump, held));
                        }
                    }
                    insert.execute(rusqlite::params_from_iter(values)).map_err(|e| {
                        let field = constrained_column(&e.to_string(), &dump.columns)
                            .map_or_else(at, |c| format!("{}.{c}", at()));
                        Error::validation(field, format!("Row {i} of {table} cannot be imported: {e}"))
                    })?;
                }
            }
            for (table, i, dump, held) in signatures {
                let key = dump.columns.iter().position(|c| c == "id").ok_or_else(|| {
                    Error::validation(format!("tables.{table}"), format!("Table {table} has no id column"))
                })?;
                let sets = held.iter().map(|(c, _)| format!("{} = ?", quoted(c))).collect::<Vec<_>>().join(", ");
                let mut params: Vec<Value> = held.into_iter().map(|(_, v)| v).collect();
                params.push(from_json(&table, "id", &dump.rows[i][key])?);
                tx.execute(&format!("UPDATE {} SET {sets} WHERE id = ?", quoted(&table)), rusqlite::params_from_iter(params))?;
            }
            let dangling: Option<(String, Option<i64>, String)> = tx
                .query_row("SELECT * FROM pragma_foreign_key_check LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .ok();
            if let Some((table, rowid, parent)) = dangling {
                return Err(Error::validation(
                    format!("tables.{table}"),
                    format!("A row of {table} (rowid {}) points at a row of {parent} the archive does not contain", rowid.unwrap_or(0)),
                ));
            }
            check_form_rows(tx, &ids, today)?;
            w.audit_administration(&Administration::ImportArchive {
                exported_at: archive.exported_at.to_rfc3339(),
                rows: archive.row_counts.values().sum(),
            })?;
            Ok(())
        })?;
        // The archive may hold clients this practice's ledger erased: erase them again.
        self.reapply_erasure_ledger(&[])?;
        Ok(ArchiveSummary {
            schema_version: archive.schema_version,
            exported_at: archive.exported_at,
            row_counts: archive.row_counts,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::schema::{migrations, MIGRATION_SQL};
    use std::collections::BTreeMap;

    /// Each archived table's stored columns in a new database migrated to `version`.
    fn archived_shape(version: i64) -> BTreeMap<String, Vec<String>> {
        let mut conn = Connection::open_in_memory().unwrap();
        migrations(&MIGRATION_SQL[..version as usize])
            .to_latest(&mut conn)
            .unwrap();
        data_tables(&conn)
            .unwrap()
            .into_iter()
            .map(|table| {
                let columns = stored_columns(&conn, &table).unwrap();
                (table, columns)
            })
            .collect()
    }

    /// The versions an archive is accepted from are exactly those whose archived tables have
    /// today's columns: raise `SAME_ARCHIVED_TABLES_SINCE` in the migration that changes one.
    #[test]
    fn archives_are_accepted_from_exactly_the_versions_with_today_s_tables() {
        let today = archived_shape(SCHEMA_VERSION);
        for version in SAME_ARCHIVED_TABLES_SINCE..SCHEMA_VERSION {
            assert_eq!(archived_shape(version), today, "schema v{version}");
        }
        assert_ne!(
            archived_shape(SAME_ARCHIVED_TABLES_SINCE - 1),
            today,
            "v{} has today's tables too: SAME_ARCHIVED_TABLES_SINCE can be lowered",
            SAME_ARCHIVED_TABLES_SINCE - 1
        );
    }
}
