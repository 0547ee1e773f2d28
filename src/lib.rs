//! Hairline's core: the clinical record of a scalp micropigmentation clinic over SQLite.
//!
//! Every rule lives here — validation, dates, signing, audit — behind the use cases on
//! [`Practice`]. It knows nothing of Tauri or the UI, and it is the only code that speaks SQL.

pub mod appointments;
pub mod archive;
pub mod audit;
pub mod backup;
pub mod bindings;
pub mod client_record;
pub mod clients;
pub mod clock;
mod codes;
pub mod consent;
pub mod contraindications;
mod csv;
pub mod dates;
pub mod demo;
pub mod erasure;
pub mod error;
pub mod home;
pub mod ics;
pub mod ids;
pub mod import;
pub mod integrity;
pub mod loose_date;
pub mod needles;
pub mod photos;
pub mod pigments;
pub mod plans;
pub mod practice;
pub mod recalls;
pub mod recovery;
mod rows;
pub mod search;
pub mod sessions;
pub mod settings;
pub mod sites;
pub mod staff;
pub mod subject_access;
pub mod traceability;
mod validate;
pub mod vocab;
pub mod worklist;

pub use appointments::{Appointment, AppointmentInput, CalendarQuery, ChairEntry};
pub use archive::{salvage_archive, ArchiveSummary, SalvageReport};
pub use audit::{Actor, AuditEntry};
pub use backup::{
    backup_database_file, backup_due, backup_folder_for, list_backups, rotate_backups, BackupFile,
    BackupInfo, BackupPolicy, CopyProgress, RestoreReport,
};
pub use client_record::{ClientRecord, PlanRecord, PreviousSettings};
pub use clients::{Client, ClientInput, ClientSummary};
pub use clock::{Clock, FixedClock};
pub use consent::{
    AnsweredQuestion, Consent, ConsentAction, ConsentStatus, ConsentTemplate, ConsentTemplateInput,
    PhotoChoices, ScreeningAnswer, ScreeningQuestion, ScreeningRisk, SignConsentInput,
    WithdrawConsentInput,
};
pub use contraindications::{
    Clearance, Contraindication, ContraindicationInput, ContraindicationKind,
};
pub use demo::{DemoSpec, DemoSummary};
pub use erasure::ErasureReport;
pub use error::{ApiError, Error, ErrorCode, Result};
pub use home::{storage_warning, CheckpointReport, StorageRisk, StorageWarning};
pub use ids::*;
pub use import::{
    read_csv_file, read_import_setup, ClientField, DuplicateDecision, DuplicateMatch,
    DuplicateReason, ImportDecision, ImportMapping, ImportProgress, ImportReport, ImportRequest,
    ImportSetup, ImportStatus, RowProblem,
};
pub use integrity::{
    check_file, CheckDepth, IntegrityCheckKind, IntegrityProblem, IntegrityReport,
};
pub use loose_date::DateOrder;
pub use needles::{Needle, NeedleInput};
pub use photos::{
    Photo, PhotoComparison, PhotoDetails, PhotoEdit, PhotoFormat, PhotoImportItem,
    PhotoImportOutcome, PhotoImportProgress, PhotoStatus, PhotoStore, StoredImage, ViewTimeline,
};
pub use pigments::{Pigment, PigmentInput, PigmentLot, PigmentLotInput};
pub use plans::{Plan, PlanDefaults, PlanInput, PlanStatus};
pub use practice::{Practice, APPLICATION_ID, SCHEMA_VERSION};
pub use recalls::{ContactAttempt, ContactInput, Recall};
pub use recovery::{newest_good_backup, recover_from_backup, RecoveryReport};
pub use search::{ArchiveFilter, ClientPage};
pub use sessions::{Amendment, ConsentAcknowledgement, Session, SessionInput, ZoneSetting};
pub use settings::{ClinicSettings, TouchUpRules, TouchUpSuggestion};
pub use sites::{OpeningHours, Site, SiteInput};
pub use staff::{Staff, StaffInput};
pub use subject_access::{RecallWithContacts, SubjectAccessExport};
pub use traceability::LotUse;
pub use vocab::*;
pub use worklist::{RecallCounts, Urgency, WorklistQuery, WorklistRow};
