//! The erasure ledger's storage: which clients were erased and on which day — opaque ids and
//! days, no personal data — kept in the database (`erasure_ledger`, insert-only) and mirrored in
//! `erasure-ledger.json` beside it, so that whatever replaces the database (a restore, a
//! recovery, an archive import, a file copied back by hand) can have every erasure re-applied
//! (`record::erasure`) before it is used: an old backup never brings an erased client back.

use crate::atomic_file::write_bytes_atomically;
use crate::db::practice::Practice;
use crate::error::{Error, Result};
use crate::ids::ClientId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// One erasure: the client's id and the day they were erased.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    pub client_id: ClientId,
    pub erased_on: NaiveDate,
}

/// The ledger file's entries (none when there is no file yet). A file that cannot be read is an
/// error: carrying on without it could bring an erased client back.
pub(crate) fn read_file(path: &Path) -> Result<Vec<LedgerEntry>> {
    match std::fs::read(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(Error::file(path, &e)),
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| Error::File {
            path: path.display().to_string(),
            message: format!("the erasure ledger cannot be read: {e}"),
        }),
    }
}

/// The entries of the ledger table.
fn read_table(conn: &rusqlite::Connection) -> Result<Vec<LedgerEntry>> {
    let mut stmt =
        conn.prepare("SELECT client_id, erased_on FROM erasure_ledger ORDER BY erased_on")?;
    let rows = stmt.query_map([], |r| {
        Ok(LedgerEntry {
            client_id: r.get(0)?,
            erased_on: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every entry of `lists`, once per client (the earliest day kept).
pub(crate) fn union(lists: &[&[LedgerEntry]]) -> Vec<LedgerEntry> {
    let mut by_client: BTreeMap<ClientId, NaiveDate> = BTreeMap::new();
    for entry in lists.iter().flat_map(|l| l.iter()) {
        by_client
            .entry(entry.client_id)
            .and_modify(|d| *d = (*d).min(entry.erased_on))
            .or_insert(entry.erased_on);
    }
    let mut all: Vec<LedgerEntry> = by_client
        .into_iter()
        .map(|(client_id, erased_on)| LedgerEntry {
            client_id,
            erased_on,
        })
        .collect();
    all.sort_by_key(|e| (e.erased_on, e.client_id));
    all
}

/// Writes the union of the file and the table to the ledger file (none for a practice in
/// memory), whole or not at all.
pub(crate) fn record_in_file(practice: &Practice) -> Result<()> {
    let Some(path) = practice.ledger_file() else {
        return Ok(());
    };
    let file = read_file(path)?;
    let table = read_table(practice.conn())?;
    let all = union(&[&file, &table]);
    if all.len() == file.len() && file.iter().all(|e| all.contains(e)) {
        return Ok(());
    }
    let json = serde_json::to_vec_pretty(&all).expect("the ledger serialises");
    write_bytes_atomically(path, &json)
}

impl Practice {
    /// The whole ledger: the table's entries and the file's.
    pub fn erasure_ledger(&self) -> Result<Vec<LedgerEntry>> {
        let file = match self.ledger_file() {
            Some(path) => read_file(path)?,
            None => Vec::new(),
        };
        Ok(union(&[&file, &read_table(self.conn())?]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_union_keeps_each_client_once_with_the_earliest_day() {
        let id = ClientId::new();
        let day = |d: &str| d.parse::<NaiveDate>().unwrap();
        let a = [LedgerEntry {
            client_id: id,
            erased_on: day("2026-06-02"),
        }];
        let b = [LedgerEntry {
            client_id: id,
            erased_on: day("2026-06-01"),
        }];
        assert_eq!(union(&[&a, &b]), b.to_vec());
    }
}
