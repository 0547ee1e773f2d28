//! The audit trail: who changed which record, when, from what to what — written in the same
//! transaction as the change itself, so a write and its audit entry exist together or not at all.

use crate::db::practice::{Practice, Write};
use crate::error::Result;
use crate::ids::{AuditId, StaffId};
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

/// One row of the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AuditEntry {
    pub id: AuditId,
    pub at: DateTime<Utc>,
    /// `None` when Hairline itself made the change.
    pub actor_id: Option<StaffId>,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    #[ts(type = "unknown")]
    pub before: Option<serde_json::Value>,
    #[ts(type = "unknown")]
    pub after: Option<serde_json::Value>,
}

impl Write<'_> {
    /// Records `action` on `entity` `entity_id`, with the record as it was and as it is now.
    pub(crate) fn audit<B: Serialize, A: Serialize>(
        &self,
        entity: &str,
        entity_id: &impl ToString,
        action: &str,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<()> {
        let before = before.map(snapshot);
        let after = after.map(snapshot);
        self.tx
            .prepare_cached(
                "INSERT INTO audit_log (id, at, actor_id, entity, entity_id, action, before, after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                AuditId::new(),
                self.now,
                self.actor.staff_id(),
                entity,
                entity_id.to_string(),
                action,
                before,
                after
            ])?;
        Ok(())
    }
}

/// A record as JSON. Every record type is plain data, so serialising it cannot fail.
fn snapshot(record: &impl Serialize) -> String {
    serde_json::to_string(record).expect("records serialise to JSON")
}

/// Columns of [`AuditEntry`] (alias `a` for audit_log).
pub(crate) const AUDIT_COLUMNS: &str =
    "a.id, a.at, a.actor_id, a.entity, a.entity_id, a.action, a.before, a.after";

pub(crate) fn entry_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: row.get("id")?,
        at: row.get("at")?,
        actor_id: row.get("actor_id")?,
        entity: row.get("entity")?,
        entity_id: row.get("entity_id")?,
        action: row.get("action")?,
        before: row.get("before")?,
        after: row.get("after")?,
    })
}

/// Which audit entries concern one client (alias `a`, parameter `?1` the client's id): the
/// client's own, and those of their plans and sessions (discarded ones included: their
/// snapshots name the client).
pub(crate) const ABOUT_CLIENT: &str = "a.entity_id = ?1
    OR a.entity_id IN (SELECT id FROM plans WHERE client_id = ?1)
    OR a.entity_id IN (SELECT id FROM sessions WHERE client_id = ?1)
    OR json_extract(a.before, '$.client_id') = ?1
    OR json_extract(a.after, '$.client_id') = ?1";

impl Practice {
    /// Every audit entry about one record, oldest first.
    pub fn audit_trail(&self, entity_id: &impl ToString) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log a WHERE a.entity_id = ?1 ORDER BY a.at, a.id"
        ))?;
        let rows = stmt.query_map([entity_id.to_string()], entry_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
