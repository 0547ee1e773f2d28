//! The audit trail: who changed which record, when, from what to what — written in the same
//! transaction as the change itself, so a write and its audit entry exist together or not at all.
//! Each entry is a link of the hash chain ([`crate::db::audit_chain`]).

use crate::access::roles;
use crate::actor::{os_user, Actor};
use crate::db::audit_chain::{self, EntryContent};
use crate::db::practice::{Practice, Write};
use crate::error::Result;
use crate::ids::{AuditId, StaffId};
use crate::paging::PageRequest;
use crate::vocab::StaffRole;
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

/// One row of the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AuditEntry {
    pub id: AuditId,
    pub at: DateTime<Utc>,
    /// `None` when Hairline itself or the command-line tool made the change.
    pub actor_id: Option<StaffId>,
    /// Who acted, in words, as they were then: "Dana Reyes (practitioner)", "the command-line
    /// tool (OS user sam)", "Hairline" (absent from entries written before sign-in existed).
    pub actor_label: Option<String>,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    #[ts(type = "unknown")]
    pub before: Option<serde_json::Value>,
    #[ts(type = "unknown")]
    pub after: Option<serde_json::Value>,
    /// True once an erasure has redacted the personal content of its snapshots.
    pub redacted: bool,
}

/// A page of one record's audit history, newest first, and how many entries it has in all.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: u32,
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
        self.append_audit(entity, &entity_id.to_string(), action, before, after)
    }

    /// Appends one entry to the chain: its content hash and its link to the last entry are
    /// computed here, in the transaction that writes it (which holds the write lock, so no other
    /// entry can take its place meanwhile).
    pub(crate) fn append_audit(
        &self,
        entity: &str,
        entity_id: &str,
        action: &str,
        before: Option<String>,
        after: Option<String>,
    ) -> Result<()> {
        let id = AuditId::new().to_string();
        let at = sql_text(&self.now);
        let actor_id = self.actor.staff_id().map(|s| s.to_string());
        let actor_label = self.actor_label()?;
        let content = audit_chain::content_hash(&EntryContent {
            id: &id,
            at: &at,
            actor_id: actor_id.as_deref(),
            entity,
            entity_id,
            action,
            before: before.as_deref(),
            after: after.as_deref(),
            actor_label: Some(&actor_label),
        });
        let (last, previous) = audit_chain::head(self.tx)?;
        let seq = last + 1;
        let link = audit_chain::link_hash(&previous, seq, &content);
        self.tx
            .prepare_cached(
                "INSERT INTO audit_log (id, at, actor_id, entity, entity_id, action, before, after,
                    seq, content_hash, chain_hash, actor_label)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                id,
                at,
                actor_id,
                entity,
                entity_id,
                action,
                before,
                after,
                seq as i64,
                audit_chain::to_hex(&content),
                audit_chain::to_hex(&link),
                actor_label
            ])?;
        Ok(())
    }

    /// Who is acting, in words, as they are now (frozen into each entry).
    fn actor_label(&self) -> Result<String> {
        Ok(match self.actor {
            Actor::System => "Hairline".to_owned(),
            Actor::CommandLine => format!("the command-line tool (OS user {})", os_user()),
            Actor::Staff(id) => {
                let (name, role): (String, StaffRole) = self
                    .tx
                    .prepare_cached("SELECT name, role FROM staff WHERE id = ?1")?
                    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                format!("{name} ({})", roles::in_words(role))
            }
        })
    }
}

/// A value as the text SQLite stores for it (an instant as rusqlite writes it).
fn sql_text(value: &impl rusqlite::ToSql) -> String {
    use rusqlite::types::{ToSqlOutput, Value, ValueRef};
    match value.to_sql().expect("an instant converts to SQL") {
        ToSqlOutput::Borrowed(ValueRef::Text(t)) => String::from_utf8_lossy(t).into_owned(),
        ToSqlOutput::Owned(Value::Text(t)) => t,
        other => unreachable!("an instant is stored as text, not {other:?}"),
    }
}

/// A record as JSON. Every record type is plain data, so serialising it cannot fail.
fn snapshot(record: &impl Serialize) -> String {
    serde_json::to_string(record).expect("records serialise to JSON")
}

/// Columns of [`AuditEntry`] (alias `a` for audit_log).
pub(crate) const AUDIT_COLUMNS: &str = "a.id, a.at, a.actor_id, a.actor_label, a.entity,
    a.entity_id, a.action, a.before, a.after, a.redacted_at";

pub(crate) fn entry_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: row.get("id")?,
        at: row.get("at")?,
        actor_id: row.get("actor_id")?,
        actor_label: row.get("actor_label")?,
        entity: row.get("entity")?,
        entity_id: row.get("entity_id")?,
        action: row.get("action")?,
        before: row.get("before")?,
        after: row.get("after")?,
        redacted: row.get::<_, Option<String>>("redacted_at")?.is_some(),
    })
}

/// Which audit entries concern one client (alias `a`, parameter `?1` the client's id): the
/// client's own, and those of every record of theirs (discarded ones included: their snapshots
/// name the client).
pub(crate) const ABOUT_CLIENT: &str = "a.entity_id = ?1
    OR a.entity_id IN (SELECT id FROM plans WHERE client_id = ?1)
    OR a.entity_id IN (SELECT id FROM sessions WHERE client_id = ?1)
    OR a.entity_id IN (SELECT id FROM appointments WHERE client_id = ?1)
    OR a.entity_id IN (SELECT id FROM recalls WHERE client_id = ?1)
    OR a.entity_id IN (SELECT id FROM consents WHERE client_id = ?1)
    OR a.entity_id IN (SELECT id FROM photos WHERE client_id = ?1)
    OR json_extract(a.before, '$.client_id') = ?1
    OR json_extract(a.after, '$.client_id') = ?1";

impl Practice {
    /// Every audit entry about one record, oldest first (the chain's order; the window reads
    /// the history a page at a time with [`Practice::audit_page`]).
    pub fn audit_trail(&self, entity_id: &impl ToString) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log a WHERE a.entity_id = ?1 ORDER BY a.seq"
        ))?;
        let rows = stmt.query_map([entity_id.to_string()], entry_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One page of a record's history, newest first (the last change is what a manager reading
    /// the history looks for; the record's creation is a scroll away), with how many entries the
    /// record has in all.
    pub fn audit_page(&self, entity_id: &impl ToString, page: PageRequest) -> Result<AuditPage> {
        let conn = self.conn();
        let entity_id = entity_id.to_string();
        let total = conn
            .prepare_cached("SELECT count(*) FROM audit_log a WHERE a.entity_id = ?1")?
            .query_row([&entity_id], |r| r.get(0))?;
        let entries = conn
            .prepare_cached(&format!(
                "SELECT {AUDIT_COLUMNS} FROM audit_log a WHERE a.entity_id = ?1
                 ORDER BY a.seq DESC LIMIT ?2 OFFSET ?3"
            ))?
            .query_map(
                params![entity_id, page.limit(), page.offset()],
                entry_from_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(AuditPage { entries, total })
    }

    /// Verifies the whole audit chain (see [`audit_chain::verify`]).
    pub fn verify_audit_chain(&self) -> Result<audit_chain::ChainReport> {
        audit_chain::verify(self.conn())
    }
}
