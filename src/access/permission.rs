//! What a command needs its caller to be allowed to do. Each command in the table names one
//! (the table is the only place that says which); the roles map to sets of these
//! ([`crate::access::roles`]), and the core's dispatch refuses a caller without it.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Needs nobody signed in: the installation's facts, the sign-in screen, signing in.
    Open,
    /// Anyone signed in: their own account (PIN, password), the staff and sites lists.
    Account,
    /// Find clients and read or change their contact details.
    ClientContact,
    /// Read the clinical record: contraindications, medications, plans, sessions, notes.
    ClinicalRecord,
    /// Create and change plans; record, sign and amend sessions.
    RecordSessions,
    /// Photos of a client.
    Photos,
    /// Sign and withdraw a client's consents and read them (screening answers included).
    Consent,
    /// Whether a client's consents hold today, without what they answered.
    ConsentStatus,
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
    /// Pair workstations with a clinic server, list and revoke them.
    Devices,
}

impl Permission {
    /// What the permission allows, in words, for a refusal's message.
    pub fn in_words(self) -> &'static str {
        match self {
            Permission::Open => "open Hairline",
            Permission::Account => "use their own account",
            Permission::ClientContact => "find clients and change their contact details",
            Permission::ClinicalRecord => "read the clinical record",
            Permission::RecordSessions => "record, sign and amend sessions and plans",
            Permission::Photos => "see and add client photos",
            Permission::Consent => "take and read consents",
            Permission::ConsentStatus => "see whether a client's consents hold",
            Permission::ConsentTemplates => "edit consent templates",
            Permission::CatalogueView => "see the pigment and needle catalogue",
            Permission::Catalogue => "change the catalogue",
            Permission::Calendar => "use the calendar",
            Permission::Recalls => "work the recall list",
            Permission::Staff => "manage staff, their roles and passwords",
            Permission::ClinicSettings => "change sites and the clinic's rules",
            Permission::DataSafety => "back up and check the database",
            Permission::Restore => "restore or recover the database",
            Permission::Import => "import clients",
            Permission::Export => "export client records or the whole practice",
            Permission::Erasure => "erase a client",
            Permission::SampleClinic => "load the sample clinic",
            Permission::Audit => "read the audit trail",
            Permission::Devices => "pair and revoke the workstations of a clinic server",
        }
    }

    /// The permission's code, as the UI and messages name it.
    pub fn code(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}
