//! Administration on the record: a backup, a restore, a recovery, an export, an archive import
//! (and an erasure, whose own `erase` entry is written by the erasure) is an audit entry naming
//! who did it and what — files and counts, never a client's personal data.

use crate::actor::Actor;
use crate::db::practice::Practice;
use crate::error::Result;
use serde::Serialize;

/// The audit trail's name for the practice as a whole (`entity` and `entity_id`).
pub(crate) const PRACTICE: &str = "practice";

/// One act of administration and what it concerned.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Administration {
    /// A backup was written to `file`.
    Backup { file: String },
    /// The practice was replaced by the backup `from`; what it was is kept in `safety_backup`.
    Restore { from: String, safety_backup: String },
    /// A damaged database was replaced by the backup `from`.
    Recovery { from: String },
    /// The whole practice was exported as an archive to `file`.
    ExportPractice { file: String, rows: u64 },
    /// One client's record (subject access) was exported to `file`, or shown when `file` is none.
    ExportClientRecord {
        client_id: String,
        file: Option<String>,
    },
    /// The recall worklist was exported as CSV to `file`.
    ExportWorklist { file: String },
    /// Calendar entries were exported as an `.ics` file to `file`.
    ExportCalendar { file: String },
    /// An archive (exported at `exported_at`) filled this practice.
    ImportArchive { exported_at: String, rows: u64 },
}

impl Administration {
    fn action(&self) -> &'static str {
        match self {
            Administration::Backup { .. } => "backup",
            Administration::Restore { .. } => "restore",
            Administration::Recovery { .. } => "recovery",
            Administration::ExportPractice { .. } => "export_practice",
            Administration::ExportClientRecord { .. } => "export_client_record",
            Administration::ExportWorklist { .. } => "export_worklist",
            Administration::ExportCalendar { .. } => "export_calendar",
            Administration::ImportArchive { .. } => "import_archive",
        }
    }

    /// The record it is about: the client for a subject-access export (so the entry is found,
    /// and redacted, with the client's), else the practice.
    fn entity(&self) -> (&'static str, String) {
        match self {
            Administration::ExportClientRecord { client_id, .. } => ("client", client_id.clone()),
            _ => (PRACTICE, PRACTICE.to_owned()),
        }
    }
}

impl crate::db::practice::Write<'_> {
    /// Writes the audit entry of `act` in this transaction.
    pub(crate) fn audit_administration(&self, act: &Administration) -> Result<()> {
        let (entity, id) = act.entity();
        self.audit(entity, &id, act.action(), None::<&()>, Some(act))
    }
}

impl Practice {
    /// Records that `actor` did `act` (after it succeeded). A restore or recovery may have put in
    /// place a database that does not know the staff member who did it: the entry is then
    /// Hairline's and names them as `requested_by`.
    pub fn record_administration(&mut self, actor: Actor, act: &Administration) -> Result<()> {
        let known: bool = match actor.staff_id() {
            None => true,
            Some(id) => self.conn().query_row(
                "SELECT EXISTS (SELECT 1 FROM staff WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?,
        };
        if known {
            return self.write(actor, |w| w.audit_administration(act));
        }
        let mut noted = serde_json::to_value(act).expect("administration serialises");
        noted["requested_by"] = serde_json::json!(actor.staff_id());
        let (entity, id) = act.entity();
        self.write(Actor::System, |w| {
            w.audit(entity, &id, act.action(), None::<&()>, Some(&noted))
        })
    }
}
