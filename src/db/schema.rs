//! The schema's identity: the migrations this build carries, the version they reach, and the
//! `application_id` that marks a file as Hairline's — checked before anything is written.

use crate::error::{Error, Result};
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

/// `PRAGMA application_id` of every Hairline database ("HRLN"), so a stranger's SQLite file is
/// recognised as such instead of being migrated.
pub const APPLICATION_ID: i32 = 0x4852_4C4E;

/// Every migration, oldest first. Shipped migrations are never edited: add a new file.
pub(crate) const MIGRATION_SQL: &[&str] = &[
    include_str!("../../migrations/0001_clinical_record.sql"),
    include_str!("../../migrations/0002_calendar_recall.sql"),
    include_str!("../../migrations/0003_photos_consent.sql"),
    include_str!("../../migrations/0004_record_versions.sql"),
    include_str!("../../migrations/0005_external_reference.sql"),
    CHAIN_MIGRATION,
    include_str!("../../migrations/0007_sign_in.sql"),
    include_str!("../../migrations/0008_paired_devices.sql"),
    include_str!("../../migrations/0009_search_count_index.sql"),
    include_str!("../../migrations/0010_search_prefix_index.sql"),
    include_str!("../../migrations/0011_search_active_range.sql"),
];

/// The migration that makes the legal records insert-only and chains the audit trail; the
/// entries written before it are chained by its hook, in the same transaction.
const CHAIN_MIGRATION: &str = include_str!("../../migrations/0006_insert_only_and_chain.sql");

/// The schema version this build of Hairline writes.
pub const SCHEMA_VERSION: i64 = MIGRATION_SQL.len() as i64;

/// The oldest schema version whose archived tables have exactly this version's columns: the
/// migrations after it add only indexes, the search index and its triggers, and tables that
/// never leave the practice. An archive written at any version from here on imports as it is
/// (checked by `exchange::archive`'s tests against the migrations themselves).
pub const SAME_ARCHIVED_TABLES_SINCE: i64 = 7;

pub(crate) fn migrations(sql: &'static [&'static str]) -> Migrations<'static> {
    Migrations::new(
        sql.iter()
            .map(|sql| {
                if *sql == CHAIN_MIGRATION {
                    M::up_with_hook(sql, |tx: &rusqlite::Transaction| {
                        crate::db::audit_chain::seal_unchained(tx)?;
                        Ok(())
                    })
                } else {
                    M::up(sql)
                }
            })
            .collect(),
    )
}

/// Refuses, without writing, a file that belongs to another application or to a newer Hairline.
pub(crate) fn refuse_foreign_or_newer(conn: &Connection, label: &str) -> Result<()> {
    let not_ours = |why: &str| {
        Error::NotAPracticeDatabase(format!("{label} is not a Hairline database: {why}"))
    };
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| not_ours(&e.to_string()))?;
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    let empty_file = version == 0 && app_id == 0 && tables == 0;
    if !empty_file && app_id != APPLICATION_ID {
        return Err(not_ours("it belongs to another application"));
    }
    if version > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}
