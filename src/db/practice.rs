//! An open practice database and the transaction helper every write goes through.

use crate::actor::Actor;
use crate::clock::Clock;
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, TransactionBehavior};

/// An open practice database: the clinic's whole record, and the clock its rules read.
pub struct Practice {
    pub(in crate::db) conn: Connection,
    pub(in crate::db) clock: Box<dyn Clock>,
    /// The photo folder beside the database file (`photos/`); none for a database in memory.
    pub(in crate::db) photo_folder: Option<std::path::PathBuf>,
    /// The erasure ledger file beside the database file; none for a database in memory.
    pub(in crate::db) ledger_file: Option<std::path::PathBuf>,
    /// What a check found wrong with the database, once it found something: every write
    /// transaction is refused from then on (see [`Practice::refuse_writes`]).
    pub(in crate::db) damage: Option<String>,
}

impl Practice {
    /// The connection, for closing it explicitly.
    pub(crate) fn into_connection(self) -> Connection {
        self.conn
    }

    /// The connection, for the few operations that need it exclusively (a restore).
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// The schema version of the open database (equal to [`crate::db::schema::SCHEMA_VERSION`] once open).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// The practice's photo folder: `photos/` beside its database file.
    pub fn photo_folder(&self) -> Result<&std::path::Path> {
        self.photo_folder.as_deref().ok_or_else(|| {
            Error::refused(
                None,
                "This practice is held in memory and has no photo folder",
            )
        })
    }

    /// The erasure ledger file beside the database (none for a database in memory).
    pub(crate) fn ledger_file(&self) -> Option<&std::path::Path> {
        self.ledger_file.as_deref()
    }

    /// The clock this practice reads "now" and "today" from.
    pub fn clock(&self) -> &dyn Clock {
        &*self.clock
    }

    /// Read access for queries. Only the core speaks SQL.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Hands back the connection's page cache (it fills again from the operating system's file
    /// cache as queries need it); a failure only leaves the cache as it was.
    pub(crate) fn release_page_cache(&self) {
        if let Err(e) = self.conn.release_memory() {
            eprintln!("hairline: could not release a connection's page cache: {e}");
        }
    }

    /// Direct connection access for tests that must prove the database's own guards
    /// (e.g. a raw UPDATE of a signed session). Not for application code.
    #[doc(hidden)]
    pub fn raw_connection(&self) -> &Connection {
        &self.conn
    }

    /// From now on, refuses every write ([`Error::RecordDamaged`] naming `damage`, what a
    /// check found): a damaged database is not written to until it is restored.
    pub(crate) fn refuse_writes(&mut self, damage: String) {
        self.damage = Some(damage);
    }

    /// Writes are allowed again: a full check found the database sound after all.
    pub(crate) fn allow_writes(&mut self) {
        self.damage = None;
    }

    /// Runs `work` in one `BEGIN IMMEDIATE` transaction: committed if it returns `Ok`, rolled
    /// back (nothing written, audit included) if it returns `Err`. Refused once a check found
    /// the database damaged ([`Practice::refuse_writes`]).
    pub(crate) fn write<T>(
        &mut self,
        actor: Actor,
        work: impl FnOnce(&Write<'_>) -> Result<T>,
    ) -> Result<T> {
        if let Some(damage) = &self.damage {
            return Err(Error::RecordDamaged(damage.clone()));
        }
        let now = self.clock.now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Actor::Staff(id) = actor {
            let known: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM staff WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if !known {
                return Err(Error::validation(
                    "actor",
                    format!("No staff member with id {id} exists; sign in as someone who does"),
                ));
            }
        }
        let write = Write {
            tx: &tx,
            now,
            actor,
        };
        let out = work(&write)?;
        tx.commit()?;
        Ok(out)
    }
}

/// The context of one write transaction: the transaction, the instant it happens at,
/// and who is making it (for the audit trail).
pub struct Write<'a> {
    pub(crate) tx: &'a Transaction<'a>,
    pub(crate) now: DateTime<Utc>,
    pub(crate) actor: Actor,
}
