//! Erasure of a client's personal data on an explicit, confirmed request — leaving no trace in
//! the database file, its WAL or its search index — while the clinic keeps what it must: the
//! sessions with their lot traceability (the client shown as "Erased client #N"), the counts,
//! and an audit trail stripped of personal data that records the erasure itself.
//!
//! What is erased: names, date of birth, contact details, the client's reference in the
//! clinic's previous system, consents, the skin and hair profile,
//! medications, allergies, notes, every contraindication (with its details and clearance), the
//! notes of the client's plans, unsigned sessions and appointments, the notes of every recall
//! contact and the reasons given for declining, and the same fields in every audit snapshot of
//! the client and of their plans, sessions, appointments and recalls. Appointment times and
//! recall states stay (the calendar's history and the recall counts). What stays: signed sessions and their
//! amendments exactly as signed — a legal clinical record the triggers keep immutable. They
//! hold no identity (the client is a number), and session notes are clinical observations;
//! clinics are told not to write names or contact details in them.
//!
//! No trace: `secure_delete` is on for every connection (see [`crate::db::practice`]), so freed
//! cells and pages are zeroed; the search index is merged (`optimize`) so its old segments,
//! which hold the name's tokens, are freed too; then `VACUUM` rewrites the file and a
//! `wal_checkpoint(TRUNCATE)` empties the WAL. Backups taken before the erasure still hold the
//! data until rotation removes them (12 months at most with the default policy).

use crate::actor::Actor;
use crate::db::audit::ABOUT_CLIENT;
use crate::db::practice::Practice;
use crate::error::{Error, Result};
use crate::ids::ClientId;
use crate::record::clients::{self, Client};
use rusqlite::params;
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

/// The client fields an audit snapshot of a client holds that are personal data.
const PERSONAL_CLIENT_FIELDS: &[&str] = &[
    "first_name",
    "last_name",
    "date_of_birth",
    "phone",
    "email",
    "address",
    "preferred_contact",
    "care_reminders_consent",
    "marketing_consent",
    "fitzpatrick",
    "hair_loss_pattern",
    "indication",
    "hair_coverage",
    "hair_length",
    "sun_exposure",
    "contraindications",
    "medications",
    "allergies",
    "notes",
    "external_reference",
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

/// Replaces the keys of `replacement` in a JSON object snapshot; other snapshots are left alone.
fn scrub(snapshot: Option<String>, replacement: &serde_json::Map<String, Json>) -> Option<String> {
    let mut value: Json = serde_json::from_str(&snapshot?).ok()?;
    if let Some(object) = value.as_object_mut() {
        for (key, new) in replacement {
            if object.contains_key(key) {
                object.insert(key.clone(), new.clone());
            }
        }
    }
    Some(value.to_string())
}

impl Practice {
    /// Erases a client's personal data (see the module documentation for exactly what), then
    /// removes every photo of the client, row and file, from the practice's photo store. The
    /// request must be confirmed by typing the client's full name or number into
    /// `confirmation`; anything else is refused with nothing changed. A client already erased
    /// is refused.
    pub fn erase_client(
        &mut self,
        actor: Actor,
        id: ClientId,
        confirmation: &str,
    ) -> Result<ErasureReport> {
        let report = self.anonymise_client(actor, id, confirmation)?;
        let has_photos: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM photos WHERE client_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if has_photos {
            self.remove_client_photos(actor, id)?;
        }
        Ok(report)
    }

    /// The anonymisation itself, inside one transaction (photos are removed afterwards).
    fn anonymise_client(
        &mut self,
        actor: Actor,
        id: ClientId,
        confirmation: &str,
    ) -> Result<ErasureReport> {
        let mut report = self.write(actor, |w| {
            let tx = w.tx;
            let client = clients::load(tx, id)?;
            let erased: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM audit_log WHERE entity_id = ?1 AND action = 'erase')",
                [id],
                |r| r.get(0),
            )?;
            if erased {
                return Err(Error::refused(None, format!("Client #{} has already been erased", client.number)));
            }
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
            let last_name = format!("client #{}", client.number);
            tx.execute(
                "UPDATE clients SET first_name = 'Erased', last_name = ?2, date_of_birth = NULL, phone = '',
                    email = '', address = '', preferred_contact = 'phone', care_reminders_consent = 0,
                    marketing_consent = 0, fitzpatrick = NULL, hair_loss_pattern = NULL, indication = NULL,
                    hair_coverage = NULL, hair_length = NULL, sun_exposure = NULL, medications = '',
                    allergies = '', notes = '', external_reference = '',
                    archived_at = coalesce(archived_at, ?3), updated_at = ?3
                 WHERE id = ?1",
                params![id, last_name, w.now],
            )?;
            tx.execute("DELETE FROM contraindications WHERE client_id = ?1", [id])?;
            tx.execute("UPDATE plans SET notes = '' WHERE client_id = ?1", [id])?;
            for sql in [
                "UPDATE sessions SET notes = '' WHERE client_id = ?1 AND signed_at IS NULL",
                "UPDATE appointments SET notes = '' WHERE client_id = ?1",
                "UPDATE recalls SET declined_reason = '' WHERE client_id = ?1",
                "UPDATE recall_contacts SET note = '' WHERE recall_id IN (SELECT id FROM recalls WHERE client_id = ?1)",
            ] {
                tx.execute(sql, [id])?;
            }
            let after = clients::load(tx, id)?;
            let snapshot = serde_json::to_value(&after).expect("records serialise");
            let client_fields: serde_json::Map<String, Json> = PERSONAL_CLIENT_FIELDS
                .iter()
                .map(|k| (k.to_string(), snapshot[*k].clone()))
                .collect();
            // Snapshots of the client's plans, sessions, appointments and recalls: their free
            // text, and the client's name where a snapshot shows it.
            let note_fields = json!({
                "notes": "",
                "note": "",
                "declined_reason": "",
                "client_name": after.full_name(),
            })
            .as_object()
            .expect("an object")
            .clone();
            let entries: Vec<(String, String, Option<String>, Option<String>)> = tx
                .prepare(&format!(
                    "SELECT a.id, a.entity, a.before, a.after FROM audit_log a WHERE {ABOUT_CLIENT}"
                ))?
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut update = tx.prepare("UPDATE audit_log SET before = ?2, after = ?3 WHERE id = ?1")?;
            for (entry, entity, before, after) in &entries {
                let fields = if entity == "client" { &client_fields } else { &note_fields };
                update.execute(params![
                    entry,
                    scrub(before.clone(), fields),
                    scrub(after.clone(), fields)
                ])?;
            }
            // Merge the search index so the segments holding the old name's tokens are freed.
            tx.execute("INSERT INTO client_search (client_search) VALUES ('optimize')", [])?;
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
                audit_entries_scrubbed: entries.len() as u32,
                traces_cleared: false,
            };
            let record = json!({
                "number": report.number,
                "shown_as": report.shown_as,
                "sessions_kept": sessions_kept,
                "signed_sessions_kept": signed_sessions_kept,
                "audit_entries_scrubbed": report.audit_entries_scrubbed,
            });
            w.audit("client", &id, "erase", None::<&()>, Some(&record))?;
            Ok(report)
        })?;
        // The erasure is committed; clearing old page images is best effort from here.
        report.traces_cleared = self.compact().unwrap_or(false);
        Ok(report)
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
    fn scrub_replaces_only_the_keys_present() {
        let replacement = json!({ "notes": "", "phone": "" })
            .as_object()
            .unwrap()
            .clone();
        let out = scrub(Some(r#"{"notes":"secret","id":"x"}"#.into()), &replacement).unwrap();
        assert_eq!(out, r#"{"id":"x","notes":""}"#);
        assert_eq!(scrub(None, &replacement), None);
    }
}
