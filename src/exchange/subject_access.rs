//! A client's complete record for a subject-access request: everything Hairline holds about one
//! person — profile, plans, sessions with zones and amendments, the lots used on them, bookings,
//! recalls with every contact attempt, and the audit trail of their record — as one JSON document.

use crate::catalogue::pigments::PigmentLot;
use crate::db::audit::{entry_from_row, AuditEntry, ABOUT_CLIENT, AUDIT_COLUMNS};
use crate::db::practice::Practice;
use crate::error::Result;
use crate::ids::ClientId;
use crate::record::client_record::ClientRecord;
use crate::schedule::appointments::Appointment;
use crate::schedule::recalls::{ContactAttempt, Recall};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// Everything held about one client.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SubjectAccessExport {
    pub exported_at: DateTime<Utc>,
    pub record: ClientRecord,
    /// The pigment lots used on the client's sessions, with pigment, lot number and expiry.
    pub pigment_lots: Vec<PigmentLot>,
    /// Every booking, past and future.
    pub appointments: Vec<Appointment>,
    /// Every recall (next session, touch-up) with the log of contact attempts.
    pub recalls: Vec<RecallWithContacts>,
    /// Every change made to the client's record, oldest first.
    pub audit: Vec<AuditEntry>,
}

/// A recall and every attempt to reach the client about it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RecallWithContacts {
    pub recall: Recall,
    pub contacts: Vec<ContactAttempt>,
}

impl Practice {
    /// One client's complete record (see [`SubjectAccessExport`]).
    pub fn subject_access_export(&self, id: ClientId) -> Result<SubjectAccessExport> {
        let record = self.client_record(id)?;
        let conn = self.conn();
        let mut lots = Vec::new();
        for lot in conn
            .prepare(
                "SELECT DISTINCT z.pigment_lot_id FROM session_zones z JOIN sessions s ON s.id = z.session_id
                 WHERE s.client_id = ?1 ORDER BY z.pigment_lot_id",
            )?
            .query_map([id], |r| r.get(0))?
        {
            if let Some(lot) = crate::catalogue::pigments::load_lot(conn, lot?)? {
                lots.push(lot);
            }
        }
        let audit = conn
            .prepare(&format!(
                "SELECT {AUDIT_COLUMNS} FROM audit_log a WHERE {ABOUT_CLIENT} ORDER BY a.at, a.id"
            ))?
            .query_map([id], entry_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let recalls = self
            .client_recalls(id)?
            .into_iter()
            .map(|recall| {
                let contacts = self.recall_contacts(recall.id)?;
                Ok(RecallWithContacts { recall, contacts })
            })
            .collect::<Result<_>>()?;
        Ok(SubjectAccessExport {
            exported_at: self.clock().now(),
            record,
            pigment_lots: lots,
            appointments: self.client_appointments(id)?,
            recalls,
            audit,
        })
    }

    /// Writes one client's complete record as indented JSON to the file at `path` (whole or
    /// not at all).
    pub fn subject_access_export_to(&self, id: ClientId, path: &std::path::Path) -> Result<()> {
        let export = self.subject_access_export(id)?;
        crate::atomic_file::write_atomically(path, |out| {
            serde_json::to_writer_pretty(out, &export)
                .map_err(|e| crate::error::Error::file(path, &e.into()))
        })
    }
}
