//! Erasure of a client's personal data on an explicit, confirmed request — in one transaction,
//! leaving no trace in the database file, its WAL, its search index or the photo folder — while
//! the clinic keeps what it must: that the record existed (the client shown as "Erased client
//! #N", the dates of sessions, appointments and consents) and which pigment and cartridge lots
//! were used (a signed session's zones), without identity.
//!
//! What is erased, all in one transaction: names, date of birth, contact details, the client's
//! reference in the clinic's previous system, the skin and hair profile, medications, allergies,
//! notes, every contraindication; the notes of the client's plans; the notes, skin reaction and
//! pain score of every session, signed ones included, and every amendment; the answers, both
//! signatures and the reason of every consent (the consent's date, kind and the clinic's text
//! stay); every photo (its row here, its file after commit); the notes of appointments, the
//! reasons given for declining a recall and the notes of every contact; and in every audit entry
//! about the client, everything but the record's identifiers and dates (the entry is marked
//! redacted and the redaction is recorded by an entry of its own, so the chain still verifies:
//! see `docs/AUDIT-CHAIN.md`).
//!
//! The legal records (signed sessions, amendments, consents, the audit trail) are insert-only
//! by the schema's triggers. The erasure gets past them the one way the schema allows: it records
//! the client in the erasure ledger, opens the erasure guard for that client, redacts, and
//! closes the guard before commit ([`Practice::reapply_erasure_ledger`] re-applies the ledger
//! after every restore, recovery and archive import).
//!
//! No trace: `secure_delete` is on for every connection, so freed cells and pages are zeroed;
//! the search index is merged (`optimize`) so its old segments are freed too; then `VACUUM`
//! rewrites the file and a `wal_checkpoint(TRUNCATE)` empties the WAL. Photo files are removed
//! after commit; a removal that fails is resumed by erasing the client again. Backups taken
//! before the erasure still hold the data until rotation removes them, and a restore of one
//! erases the client again.

use crate::actor::Actor;
use crate::db::audit::ABOUT_CLIENT;
use crate::db::audit_chain::{self, Redacted, RedactionRecord, REDACT_ACTION, REDACT_ENTITY};
use crate::db::erasure_ledger::{self, LedgerEntry};
use crate::db::practice::{Practice, Write};
use crate::error::{Error, Result};
use crate::ids::ClientId;
use crate::photos::{PhotoFormat, PhotoStore};
use crate::record::clients::{self, Client};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value as Json};
use ts_rs::TS;

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErasureReport {
    pub client_id: ClientId,
    pub number: u32,
    /// How the client appears from now on: "Erased client #N".
    pub shown_as: String,
    pub sessions_kept: u32,
    pub signed_sessions_kept: u32,
    pub audit_entries_scrubbed: u32,
    /// False if another connection kept the file from being rewritten or the WAL from being
    /// emptied: the personal data is gone from every table, but old page images may remain
    /// until [`Practice::compact`] succeeds (the app retries it when idle).
    pub traces_cleared: bool,
}

/// The keys an audit snapshot keeps through a redaction: identifiers, dates and states, which
/// say that a record existed and how it moved, never who it was about or what was written.
const KEPT_KEYS: &[&str] = &[
    "id",
    "client_id",
    "plan_id",
    "session_id",
    "appointment_id",
    "recall_id",
    "template_version_id",
    "practitioner_id",
    "site_id",
    "number",
    "version",
    "kind",
    "action",
    "state",
    "status",
    "created_at",
    "updated_at",
    "archived_at",
    "recorded_at",
    "signed_at",
    "signed_by",
    "signed_on",
    "performed_on",
    "starts_at",
    "ends_at",
    "due_on",
];

/// Whether `typed` confirms the erasure of `client`: their full name (case, accents and spacing
/// as shown, compared without regard to case or repeated spaces) or their number (`12` or `#12`).
fn confirms(typed: &str, client: &Client) -> bool {
    let squeeze = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let typed = squeeze(typed);
    typed == squeeze(&client.full_name())
        || typed.trim_start_matches('#') == client.number.to_string()
}

/// A snapshot with only its [`KEPT_KEYS`]; a snapshot that is not an object keeps nothing.
fn redact(snapshot: Option<String>) -> Option<String> {
    let value: Json = serde_json::from_str(&snapshot?).unwrap_or(Json::Null);
    let kept: serde_json::Map<String, Json> = match value {
        Json::Object(object) => object
            .into_iter()
            .filter(|(key, _)| KEPT_KEYS.contains(&key.as_str()))
            .collect(),
        _ => serde_json::Map::new(),
    };
    Some(Json::Object(kept).to_string())
}

/// Whether the client is in the erasure ledger.
pub(crate) fn is_erased(conn: &rusqlite::Connection, id: ClientId) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM erasure_ledger WHERE client_id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

/// Erases client `id` inside the write `w` (see the module documentation): records it in the
/// ledger as erased on `erased_on`, opens the guard, erases and redacts, writes the `erase` and
/// `redact` audit entries, and closes the guard. `reapplied` says the erasure is the ledger's,
/// re-applied to a restored or imported database.
pub(crate) fn erase_in(
    w: &Write<'_>,
    id: ClientId,
    erased_on: NaiveDate,
    reapplied: bool,
) -> Result<ErasureReport> {
    let tx = w.tx;
    let client = clients::load(tx, id)?;
    tx.execute(
        "INSERT INTO erasure_ledger (client_id, erased_on) VALUES (?1, ?2)",
        params![id, erased_on],
    )?;
    tx.execute("INSERT INTO erasure_guard (client_id) VALUES (?1)", [id])?;

    // The audit entries first, while every record they are about is still there to find them by.
    let entries: Vec<(String, u64, Option<String>, Option<String>)> = tx
        .prepare(&format!(
            "SELECT {} FROM audit_log a WHERE ({ABOUT_CLIENT}) AND a.seq IS NOT NULL ORDER BY a.seq",
            "a.id, a.seq, a.before, a.after"
        ))?
        .query_map([id], |r| {
            Ok((r.get(0)?, r.get::<_, i64>(1)? as u64, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut redacted = Vec::with_capacity(entries.len());
    {
        let mut update = tx.prepare(
            "UPDATE audit_log SET before = ?2, after = ?3, redacted_at = ?4 WHERE id = ?1",
        )?;
        for (entry, seq, before, after) in entries {
            update.execute(params![entry, redact(before), redact(after), w.now])?;
            let hash = audit_chain::current_content_hash(tx, &entry)?;
            redacted.push(Redacted {
                seq,
                redacted_hash: audit_chain::to_hex(&hash),
            });
        }
    }

    let last_name = format!("client #{}", client.number);
    tx.execute(
        "UPDATE clients SET first_name = 'Erased', last_name = ?2, date_of_birth = NULL, phone = '',
            email = '', address = '', preferred_contact = 'phone', care_reminders_consent = 0,
            marketing_consent = 0, fitzpatrick = NULL, hair_loss_pattern = NULL, indication = NULL,
            hair_coverage = NULL, hair_length = NULL, sun_exposure = NULL, medications = '',
            allergies = '', notes = '', external_reference = '', client_since = NULL,
            archived_at = coalesce(archived_at, ?3), updated_at = ?3
         WHERE id = ?1",
        params![id, last_name, w.now],
    )?;
    for sql in [
        "DELETE FROM contraindications WHERE client_id = ?1",
        "UPDATE plans SET notes = '' WHERE client_id = ?1",
        "UPDATE sessions SET notes = '', skin_reaction = NULL, pain_score = NULL WHERE client_id = ?1",
        "DELETE FROM amendments WHERE session_id IN (SELECT id FROM sessions WHERE client_id = ?1)",
        "UPDATE consents SET answers = '[]', reason = '',
            client_signature = CASE WHEN client_signature IS NULL THEN NULL ELSE '' END,
            practitioner_signature = CASE WHEN practitioner_signature IS NULL THEN NULL ELSE '' END
         WHERE client_id = ?1",
        // Photo files go after commit; a file another client's photo shares stays.
        "INSERT OR IGNORE INTO photo_files_to_remove (sha256, format, client_id)
            SELECT p.sha256, p.format, p.client_id FROM photos p WHERE p.client_id = ?1
              AND NOT EXISTS (SELECT 1 FROM photos o WHERE o.sha256 = p.sha256 AND o.client_id <> ?1)",
        "DELETE FROM photos WHERE client_id = ?1",
        "UPDATE appointments SET notes = '' WHERE client_id = ?1",
        "UPDATE recalls SET declined_reason = '' WHERE client_id = ?1",
        "UPDATE recall_contacts SET note = '' WHERE recall_id IN (SELECT id FROM recalls WHERE client_id = ?1)",
    ] {
        tx.execute(sql, [id])?;
    }
    // Merge the search index so the segments holding the old name's tokens are freed.
    tx.execute(
        "INSERT INTO client_search (client_search) VALUES ('optimize')",
        [],
    )?;

    let after = clients::load(tx, id)?;
    let (sessions_kept, signed_sessions_kept): (u32, u32) = tx.query_row(
        "SELECT count(*), count(signed_at) FROM sessions WHERE client_id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let report = ErasureReport {
        client_id: id,
        number: client.number,
        shown_as: after.full_name(),
        sessions_kept,
        signed_sessions_kept,
        audit_entries_scrubbed: redacted.len() as u32,
        traces_cleared: false,
    };
    // No personal data: the client's number, counts, and whether the ledger re-applied it.
    let record = json!({
        "number": report.number,
        "shown_as": report.shown_as,
        "erased_on": erased_on,
        "sessions_kept": sessions_kept,
        "signed_sessions_kept": signed_sessions_kept,
        "audit_entries_scrubbed": report.audit_entries_scrubbed,
        "reapplied": reapplied,
    });
    w.audit("client", &id, "erase", None::<&()>, Some(&record))?;
    if !redacted.is_empty() {
        let record = RedactionRecord { entries: redacted };
        w.audit(
            REDACT_ENTITY,
            &id,
            REDACT_ACTION,
            None::<&()>,
            Some(&record),
        )?;
    }
    tx.execute("DELETE FROM erasure_guard WHERE client_id = ?1", [id])?;
    Ok(report)
}

/// The report of an erasure that was committed earlier, from what the database holds now.
fn report_of(conn: &rusqlite::Connection, id: ClientId) -> Result<ErasureReport> {
    let client = clients::load(conn, id)?;
    let (sessions_kept, signed_sessions_kept): (u32, u32) = conn.query_row(
        "SELECT count(*), count(signed_at) FROM sessions WHERE client_id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let scrubbed: Option<u32> = conn
        .query_row(
            "SELECT json_extract(after, '$.audit_entries_scrubbed') FROM audit_log
             WHERE entity_id = ?1 AND action = 'erase' ORDER BY seq DESC LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    Ok(ErasureReport {
        client_id: id,
        number: client.number,
        shown_as: client.full_name(),
        sessions_kept,
        signed_sessions_kept,
        audit_entries_scrubbed: scrubbed.unwrap_or(0),
        traces_cleared: false,
    })
}

impl Practice {
    /// Erases a client's personal data (see the module documentation for exactly what), in one
    /// transaction, then removes their photo files from the photo store. The request must be
    /// confirmed by typing the client's full name or number into `confirmation`; anything else is
    /// refused with nothing changed. A client already erased is refused — unless photo files of
    /// their erasure are still to be removed (a removal failed): then this resumes it.
    pub fn erase_client(
        &mut self,
        actor: Actor,
        id: ClientId,
        confirmation: &str,
    ) -> Result<ErasureReport> {
        let today = self.clock().today();
        let client = clients::load(self.conn(), id)?;
        let mut report = if is_erased(self.conn(), id)? {
            if self.pending_photo_files(Some(id))? == 0 {
                return Err(Error::refused(
                    None,
                    format!("Client #{} has already been erased", client.number),
                ));
            }
            report_of(self.conn(), id)?
        } else {
            if !confirms(confirmation, &client) {
                return Err(Error::validation(
                    "confirmation",
                    format!(
                        "To erase this client, type their full name ({}) or their number (#{}) exactly",
                        client.full_name(),
                        client.number
                    ),
                ));
            }
            let report = self.write(actor, |w| erase_in(w, id, today, false))?;
            erasure_ledger::record_in_file(self)?;
            report
        };
        self.remove_pending_photo_files(Some(id))?;
        // The erasure is committed; clearing old page images is best effort from here.
        report.traces_cleared = self.compact().unwrap_or(false);
        Ok(report)
    }

    /// Erases again every client of the ledger (the file's, the table's and `also`'s) that this
    /// database holds but has not erased — after a restore, a recovery or an archive import —
    /// each in its own transaction, as Hairline; then brings the file up to date and removes the
    /// photo files those erasures left. Returns how many clients were erased.
    pub(crate) fn reapply_erasure_ledger(&mut self, also: &[LedgerEntry]) -> Result<u32> {
        let file = match self.ledger_file() {
            Some(path) => erasure_ledger::read_file(path)?,
            None => Vec::new(),
        };
        let mut erased = 0;
        for entry in erasure_ledger::union(&[&file, also]) {
            let present: bool = self.conn().query_row(
                "SELECT EXISTS (SELECT 1 FROM clients WHERE id = ?1)",
                [entry.client_id],
                |r| r.get(0),
            )?;
            if !present || is_erased(self.conn(), entry.client_id)? {
                continue;
            }
            self.write(Actor::System, |w| {
                erase_in(w, entry.client_id, entry.erased_on, true)
            })?;
            erased += 1;
        }
        erasure_ledger::record_in_file(self)?;
        if erased > 0 {
            // Files the erasures left: best effort here, retried by erasing the client again.
            let _ = self.remove_pending_photo_files(None);
            let _ = self.compact();
        }
        Ok(erased)
    }

    /// How many photo files erasures still have to remove (of one client, or of all).
    fn pending_photo_files(&self, client: Option<ClientId>) -> Result<u32> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM photo_files_to_remove WHERE ?1 IS NULL OR client_id = ?1",
            [client],
            |r| r.get(0),
        )?)
    }

    /// Removes the photo files erasures left to remove (of one client, or of all), each row
    /// deleted once its file is gone. A file that cannot be removed stays listed, and the error
    /// says so: erasing the client again resumes.
    pub(crate) fn remove_pending_photo_files(&mut self, client: Option<ClientId>) -> Result<()> {
        let pending: Vec<(String, PhotoFormat)> = self
            .conn()
            .prepare(
                "SELECT sha256, format FROM photo_files_to_remove WHERE ?1 IS NULL OR client_id = ?1",
            )?
            .query_map([client], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if pending.is_empty() {
            return Ok(());
        }
        let Some(folder) = self.photo_folder().ok().map(std::path::Path::to_path_buf) else {
            // A practice in memory has no photo files.
            self.conn()
                .execute("DELETE FROM photo_files_to_remove", [])?;
            return Ok(());
        };
        let store = PhotoStore::new(&folder);
        let mut failed = Vec::new();
        for (sha256, format) in pending {
            match store.remove(&sha256, format) {
                Ok(()) => {
                    self.conn().execute(
                        "DELETE FROM photo_files_to_remove WHERE sha256 = ?1",
                        [&sha256],
                    )?;
                }
                Err(e) => failed.push(e.to_string()),
            }
        }
        if let Some(first) = failed.first() {
            return Err(Error::refused(
                None,
                format!(
                    "The client's record is erased, but {} photo file{} could not be removed from the photo folder ({first}). Erase the client again to retry",
                    failed.len(),
                    if failed.len() == 1 { "" } else { "s" }
                ),
            ));
        }
        Ok(())
    }

    /// Rewrites the database file without free pages (`VACUUM`) and empties the WAL, so no old
    /// page image of deleted or overwritten data remains. True when both completed; false when
    /// another connection was reading (try again when idle).
    pub fn compact(&self) -> Result<bool> {
        self.conn().execute_batch("VACUUM")?;
        Ok(self.checkpoint()?.complete)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redacted_snapshot_keeps_only_identifiers_dates_and_states() {
        let out = redact(Some(
            r#"{"id":"x","notes":"secret","first_name":"Ana","version":3,"zones":[1]}"#.into(),
        ))
        .unwrap();
        assert_eq!(out, r#"{"id":"x","version":3}"#);
        assert_eq!(redact(Some("\"text\"".into())).unwrap(), "{}");
        assert_eq!(redact(None), None);
    }
}
