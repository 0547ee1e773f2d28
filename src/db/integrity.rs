//! Is the database whole? SQLite's `quick_check` for every start, and on demand the full
//! check — `integrity_check`, `foreign_key_check`, the search index's own check and the audit
//! trail's hash chain — as a structured report the recovery screen can show, over the open
//! practice or a file on disk.

use crate::db::practice::Practice;
use crate::db::schema::{refuse_foreign_or_newer, APPLICATION_ID};
use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// How thorough a check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckDepth {
    /// `PRAGMA quick_check`: page structure only, fast enough for every start.
    Quick,
    /// `integrity_check` (indexes too), `foreign_key_check`, the search index's check and the
    /// audit trail's hash chain.
    Full,
}

/// Which check found a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IntegrityCheckKind {
    /// SQLite's page, b-tree and index structure.
    Structure,
    /// A row that points at a row that does not exist.
    ForeignKeys,
    /// The full-text index behind client search.
    SearchIndex,
    /// The audit trail's hash chain: an entry changed, removed, inserted or moved.
    AuditTrail,
}

/// One thing wrong with the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IntegrityProblem {
    pub check: IntegrityCheckKind,
    pub detail: String,
}

/// The outcome of a check. `ok` is true exactly when `problems` is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IntegrityReport {
    pub depth: CheckDepth,
    pub ok: bool,
    pub problems: Vec<IntegrityProblem>,
}

/// The most problem lines SQLite is asked to list.
const MAX_PROBLEMS: u32 = 100;

fn problem(check: IntegrityCheckKind, detail: impl Into<String>) -> IntegrityProblem {
    IntegrityProblem {
        check,
        detail: detail.into(),
    }
}

/// Runs `PRAGMA {pragma}(n)`; a database too damaged to run it at all is a problem, not an error.
fn structure_problems(conn: &Connection, pragma: &str) -> Vec<IntegrityProblem> {
    let lines = conn
        .prepare(&format!("PRAGMA {pragma}({MAX_PROBLEMS})"))
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        });
    match lines {
        Ok(lines) => lines
            .into_iter()
            .filter(|line| line != "ok")
            .map(|line| problem(IntegrityCheckKind::Structure, line))
            .collect(),
        Err(e) => vec![problem(IntegrityCheckKind::Structure, e.to_string())],
    }
}

fn foreign_key_problems(conn: &Connection) -> Vec<IntegrityProblem> {
    let rows = conn
        .prepare("PRAGMA foreign_key_check")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| {
                let table: String = r.get(0)?;
                let rowid: Option<i64> = r.get(1)?;
                let parent: String = r.get(2)?;
                Ok(format!(
                    "a row of {table} (rowid {}) points at a missing row of {parent}",
                    rowid.map_or("-".to_owned(), |id| id.to_string())
                ))
            })?
            .take(MAX_PROBLEMS as usize)
            .collect::<rusqlite::Result<Vec<_>>>()
        });
    match rows {
        Ok(rows) => rows
            .into_iter()
            .map(|detail| problem(IntegrityCheckKind::ForeignKeys, detail))
            .collect(),
        Err(e) => vec![problem(IntegrityCheckKind::ForeignKeys, e.to_string())],
    }
}

/// FTS5's own consistency check. The index is contentless (`content=''`, `contentless_delete=1`),
/// so there is no content table to compare it with: `rank` 0 asks for the index's internal
/// structure only (segments, doclists, the tombstones of deleted rows) — `rank` 1 is accepted
/// too but has nothing more to compare. It is an `INSERT` of a command row, so it needs a
/// writable connection; it changes nothing.
fn search_index_problems(conn: &Connection) -> Vec<IntegrityProblem> {
    match conn.execute(
        "INSERT INTO client_search (client_search, rank) VALUES ('integrity-check', 0)",
        [],
    ) {
        Ok(_) => Vec::new(),
        Err(e) => vec![problem(
            IntegrityCheckKind::SearchIndex,
            format!("client search index: {e}"),
        )],
    }
}

/// The audit chain's verification, naming the first entry that does not match; an erasure left
/// open (a guard row after commit) is a problem too. A schema from before the chain has none.
fn audit_trail_problems(conn: &Connection) -> Vec<IntegrityProblem> {
    let chained: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'chain_hash')",
            [],
            |r| r.get(0),
        )
        .unwrap_or(false);
    if !chained {
        return Vec::new();
    }
    let mut problems = match crate::db::audit_chain::verify(conn) {
        Ok(report) => report
            .first_break
            .map(|b| problem(IntegrityCheckKind::AuditTrail, b.detail))
            .into_iter()
            .collect(),
        Err(e) => vec![problem(IntegrityCheckKind::AuditTrail, e.to_string())],
    };
    let open_guards: i64 = conn
        .query_row("SELECT count(*) FROM erasure_guard", [], |r| r.get(0))
        .unwrap_or(0);
    if open_guards > 0 {
        problems.push(problem(
            IntegrityCheckKind::AuditTrail,
            format!("{open_guards} erasure guard row(s) were left open outside an erasure"),
        ));
    }
    problems
}

/// Runs the checks of `depth` on `conn`. The search index is checked only when `writable`.
pub(crate) fn run_checks(conn: &Connection, depth: CheckDepth, writable: bool) -> IntegrityReport {
    let problems = match depth {
        CheckDepth::Quick => structure_problems(conn, "quick_check"),
        CheckDepth::Full => {
            let mut problems = structure_problems(conn, "integrity_check");
            problems.extend(foreign_key_problems(conn));
            if writable {
                problems.extend(search_index_problems(conn));
            }
            problems.extend(audit_trail_problems(conn));
            problems
        }
    };
    IntegrityReport {
        depth,
        ok: problems.is_empty(),
        problems,
    }
}

/// Opens a Hairline database file read-only (nothing is written to it, not even a WAL) and
/// returns it with its schema version. Refused: a missing file, a file that is not a Hairline
/// database (empty databases included), and one written by a newer Hairline.
pub(crate) fn open_read_only(path: &Path) -> Result<(Connection, i64)> {
    if !path.is_file() {
        return Err(Error::File {
            path: path.display().to_string(),
            message: "there is no such file".into(),
        });
    }
    let label = path.display().to_string();
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| Error::NotAPracticeDatabase(format!("{label} cannot be opened: {e}")))?;
    refuse_foreign_or_newer(&conn, &label)?;
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotAPracticeDatabase(format!(
            "{label} is not a Hairline database: it holds no Hairline data"
        )));
    }
    let version = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok((conn, version))
}

/// Checks a database file without opening it as a practice (no migration, no write): for the
/// recovery screen and the `hairline check` command. The search index needs a writable
/// connection for its check, so a file check covers structure and foreign keys.
pub fn check_file(path: &Path, depth: CheckDepth) -> Result<IntegrityReport> {
    let (conn, _) = open_read_only(path)?;
    Ok(run_checks(&conn, depth, false))
}

/// Requires `path` to be a whole Hairline database: the checks a backup must pass before it is
/// trusted and a file must pass before it is restored. Returns its schema version. A broken audit
/// chain is reported by the full check but does not make a file unusable: a tampered practice
/// must still be backed up and restored, with its evidence.
pub(crate) fn verify_file(path: &Path) -> Result<i64> {
    let (conn, version) = open_read_only(path)?;
    let mut report = run_checks(&conn, CheckDepth::Full, false);
    report
        .problems
        .retain(|p| p.check != IntegrityCheckKind::AuditTrail);
    if let Some(first) = report.problems.first() {
        return Err(Error::Damaged(format!(
            "{} is damaged and cannot be used ({} problem{} found; first: {})",
            path.display(),
            report.problems.len(),
            if report.problems.len() == 1 { "" } else { "s" },
            first.detail
        )));
    }
    Ok(version)
}

impl Practice {
    /// The fast structural check for every start. If it is not `ok`, the app shows the recovery
    /// screen instead of writing further.
    pub fn quick_check(&self) -> IntegrityReport {
        run_checks(self.conn(), CheckDepth::Quick, true)
    }

    /// The full check: structure and indexes, foreign keys, the client search index and the
    /// audit chain.
    pub fn full_check(&self) -> IntegrityReport {
        run_checks(self.conn(), CheckDepth::Full, true)
    }
}
