//! What a command needs its caller to be allowed to do. Each command in the table names one;
//! the roles (manager, practitioner, front desk) map to sets of these, and the core's dispatch
//! is where a caller without the permission is refused.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Facts every window needs before anyone works: the installation, who is working.
    Open,
    /// Find clients and read or change their contact details.
    ClientContact,
    /// Read the clinical record: contraindications, medications, plans, sessions, notes.
    ClinicalRecord,
    /// Create and change plans; record, sign and amend sessions.
    RecordSessions,
    /// Photos of a client.
    Photos,
    /// Sign and withdraw a client's consents; read their status.
    Consent,
    /// The clinic's consent templates.
    ConsentTemplates,
    /// Read the catalogue (pigments, lots, needles) and trace lots.
    CatalogueView,
    /// Change the catalogue.
    Catalogue,
    /// The calendar: appointments at every site.
    Calendar,
    /// The recall worklist and contact log.
    Recalls,
    /// Staff, their roles and their sites.
    Staff,
    /// Sites and the clinic's rules.
    ClinicSettings,
    /// Back up and check the database.
    DataSafety,
    /// Replace the practice with a backup; recover a damaged one.
    Restore,
    /// Import clients from another system.
    Import,
    /// Export the whole practice, or everything held about one client.
    Export,
    /// Erase a client's personal data.
    Erasure,
    /// Fill an empty practice with the sample clinic.
    SampleClinic,
    /// Read the audit trail.
    Audit,
}
