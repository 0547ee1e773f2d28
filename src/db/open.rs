//! Opening a practice database — the one way in: refuse a stranger's or a newer file without
//! writing to it, set the connection's pragmas on purpose, back up and migrate an older schema.

use crate::clock::Clock;
use crate::db::data_folder::{erasure_ledger_beside, photo_folder_beside};
use crate::db::practice::Practice;
use crate::db::schema::{migrations, refuse_foreign_or_newer, MIGRATION_SQL};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// The WAL's size in pages at which a commit copies it back itself (see `prepare`).
pub const WAL_BACKSTOP_PAGES: i64 = 10_000;

impl Practice {
    /// Opens (creating if missing) the practice database at `path` and brings its schema up to
    /// date. A database written by a newer Hairline, or a file that is not a Hairline database,
    /// is refused before anything is written to it.
    pub fn open(path: impl AsRef<Path>, clock: impl Clock + 'static) -> Result<Self> {
        let path = path.as_ref();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        Self::prepare(conn, clock, Some(path))
    }

    /// A read-only connection to the open practice database at `path` (already opened, and
    /// migrated, by its writer): the same pragmas, but no migration, no erasure-ledger re-apply,
    /// a smaller page cache, and `query_only`, so that nothing read through it can write.
    pub(crate) fn open_reader(path: &Path, clock: impl Clock + 'static) -> Result<Self> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // SQLite copies the WAL back into the database inside the commit that passes this many
        // pages, and that one save waits for the copy and an fsync of the database file (on the
        // clinic server, saves of 20 workstations waited up to a second behind it). Upkeep copies
        // it beside the writer every few seconds instead (the service's `checkpoint_beside_writer`);
        // this is the backstop if upkeep falls behind (40 MB of WAL; SQLite's default is 1,000).
        conn.pragma_update(None, "wal_autocheckpoint", WAL_BACKSTOP_PAGES)?;
        // 4 MiB of page cache each: a few readers beside the writer's 16 MiB (the operating
        // system's file cache holds the rest).
        conn.pragma_update(None, "cache_size", -4_096)?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(Self {
            conn,
            clock: Box::new(clock),
            photo_folder: Some(photo_folder_beside(path)),
            ledger_file: Some(erasure_ledger_beside(path)),
            damage: None,
        })
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory(clock: impl Clock + 'static) -> Result<Self> {
        Self::prepare(Connection::open_in_memory()?, clock, None)
    }

    fn prepare(
        mut conn: Connection,
        clock: impl Clock + 'static,
        path: Option<&Path>,
    ) -> Result<Self> {
        let label = path.map_or(":memory:".to_owned(), |p| p.display().to_string());
        // Read-only checks first: nothing below may write to a file we are going to refuse.
        refuse_foreign_or_newer(&conn, &label)?;

        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // WAL: readers never block the writer, and a crash mid-write leaves the last commit intact.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: every commit is fsynced (WAL included) before it returns. A clinic record must
        // survive a power cut the moment the practitioner sees "saved"; NORMAL could lose the last
        // transactions on power loss, which is not acceptable for a signed session note.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // SQLite copies the WAL back into the database inside the commit that passes this many
        // pages, and that one save waits for the copy and an fsync of the database file (on the
        // clinic server, saves of 20 workstations waited up to a second behind it). Upkeep copies
        // it beside the writer every few seconds instead (the service's `checkpoint_beside_writer`);
        // this is the backstop if upkeep falls behind (40 MB of WAL; SQLite's default is 1,000).
        conn.pragma_update(None, "wal_autocheckpoint", WAL_BACKSTOP_PAGES)?;
        // 16 MiB of page cache (the default is 2 MiB): the pages every screen reads (the search
        // index's upper levels, today's calendar) stay in memory, and the rest comes from the
        // operating system's file cache. 64 MiB kept a workstation's idle footprint 35 MiB higher
        // on the 100k-client clinic for no visible gain (search answers in ~10 ms either way).
        conn.pragma_update(None, "cache_size", -16_384)?;
        // Deleted and overwritten content is zeroed, not left in free space: client data that is
        // erased or corrected must not linger in the file (see `erasure`).
        conn.pragma_update(None, "secure_delete", true)?;

        migrate(&mut conn, path, MIGRATION_SQL, clock.now())?;
        let mut practice = Self {
            conn,
            clock: Box::new(clock),
            photo_folder: path.map(photo_folder_beside),
            ledger_file: path.map(erasure_ledger_beside),
            damage: None,
        };
        // A file put in place by a recovery, or copied back by hand, never brings back a client
        // erased here.
        practice.reapply_erasure_ledger(&[])?;
        Ok(practice)
    }

    /// Brings the open database's schema up to date (after a restore of an older backup).
    pub(crate) fn migrate_to_latest(&mut self) -> Result<()> {
        let now = self.clock.now();
        migrate(&mut self.conn, None, MIGRATION_SQL, now)
    }
}

/// Applies the migrations `sql` the database lacks. An existing database file (version above 0)
/// that needs migrating is first backed up, verified, into the backups folder beside it
/// ([`crate::db::backup::backup_folder_for`]); if that backup fails, nothing is migrated.
fn migrate(
    conn: &mut Connection,
    path: Option<&Path>,
    sql: &'static [&'static str],
    now: DateTime<Utc>,
) -> Result<()> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let target = sql.len() as i64;
    if let Some(path) = path {
        if version > 0 && version < target {
            crate::db::backup::before_migration(conn, path, version, now)?;
        }
    }
    if version >= target {
        return Ok(());
    }
    // SQLite's procedure for changing a table's definition: foreign keys off while the
    // migrations run (a rebuilt table is briefly absent), every reference checked afterwards.
    conn.pragma_update(None, "foreign_keys", false)?;
    let migrated = migrations(sql)
        .to_latest(conn)
        .map_err(|e| Error::Migration(e.to_string()));
    conn.pragma_update(None, "foreign_keys", true)?;
    migrated?;
    let dangling: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })?;
    if dangling > 0 {
        return Err(Error::Migration(format!(
            "{dangling} rows refer to records that do not exist after migrating"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations(MIGRATION_SQL).validate().unwrap();
    }

    /// A database one schema version behind is backed up (verified, at its old version) before
    /// it is migrated; a new database and an up-to-date one are not.
    #[test]
    fn an_existing_database_is_backed_up_before_it_is_migrated() {
        static NEXT: &[&str] = &[
            include_str!("../../migrations/0001_clinical_record.sql"),
            "CREATE TABLE later_feature (id INTEGER PRIMARY KEY);",
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("clinic.sqlite");
        let now: DateTime<Utc> = "2026-06-15T12:00:00Z".parse().unwrap();
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, Some(&path), &NEXT[..1], now).unwrap();
        let backups = crate::db::backup::backup_folder_for(&path);
        assert!(!backups.exists(), "a new database needs no backup");
        migrate(&mut conn, Some(&path), NEXT, now).unwrap();
        let made: Vec<_> = std::fs::read_dir(&backups).unwrap().collect();
        assert_eq!(made.len(), 1);
        let backup = made[0].as_ref().unwrap().path();
        assert!(backup
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("before-migration-v1-"));
        assert_eq!(crate::db::integrity::verify_file(&backup).unwrap(), 1);
        migrate(&mut conn, Some(&path), NEXT, now).unwrap();
        assert_eq!(
            std::fs::read_dir(&backups).unwrap().count(),
            1,
            "up to date: no backup"
        );
    }
}
