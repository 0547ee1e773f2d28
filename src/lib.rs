//! Hairline's core: the clinical record of a scalp micropigmentation clinic over SQLite.
//!
//! Every rule lives here — validation, dates, signing, audit — behind the use cases on
//! [`Practice`]. It knows nothing of Tauri or the UI, and it is the only code that speaks SQL.

pub mod access;
pub mod actor;
pub mod api;
pub mod atomic_file;
pub mod bindings;
pub mod cancel;
pub mod catalogue;
pub mod clinic;
pub mod clock;
mod codes;
pub mod consent;
pub mod dates;
pub mod db;
pub mod demo;
pub mod error;
pub mod exchange;
pub mod ids;
pub mod paging;
pub mod photos;
pub mod record;
pub mod schedule;
mod validate;
pub mod vocab;

pub use actor::Actor;
pub use cancel::Cancel;
pub use catalogue::needles::{Needle, NeedleInput};
pub use catalogue::pigments::{
    Pigment, PigmentCatalogue, PigmentInput, PigmentLot, PigmentLotInput,
};
pub use catalogue::traceability::{LotUse, LotUsePage};
pub use clinic::settings::{ClinicSettings, TouchUpRules, TouchUpSuggestion};
pub use clinic::sites::{OpeningHours, Site, SiteInput};
pub use clinic::staff::{Staff, StaffInput};
pub use clock::{Clock, FixedClock, SystemClock};
pub use consent::{
    AnsweredQuestion, Consent, ConsentAction, ConsentStatus, ConsentTemplate, ConsentTemplateInput,
    PhotoChoices, ScreeningAnswer, ScreeningQuestion, ScreeningRisk, SignConsentInput,
    WithdrawConsentInput,
};
pub use db::administration::Administration;
pub use db::audit::{AuditEntry, AuditPage};
pub use db::audit_chain::{ChainBreak, ChainReport};
pub use db::backup::{
    backup_database_file, backup_due, backup_folder_for, list_backups, rotate_backups, BackupFile,
    BackupInfo, BackupPolicy, CopyProgress, RestoreReport,
};
pub use db::backup_photos::{
    photo_store_beside, remove_unreferenced_photos, PhotoBackup, RestoredPhotos, BACKUP_PHOTOS,
};
pub use db::backup_space::{backup_space, BackupSpace};
pub use db::erasure_ledger::LedgerEntry;
pub use db::home::{storage_warning, CheckpointReport, StorageRisk, StorageWarning};
pub use db::integrity::{
    check_file, CheckDepth, IntegrityCheckKind, IntegrityProblem, IntegrityReport,
};
pub use db::practice::Practice;
pub use db::recovery::{newest_good_backup, recover_from_backup, RecoveryReport};
pub use db::schema::{APPLICATION_ID, SAME_ARCHIVED_TABLES_SINCE, SCHEMA_VERSION};
pub use demo::{DemoSpec, DemoSummary};
pub use error::{ApiError, Error, ErrorCode, Result};
pub use exchange::archive::{salvage_archive, ArchiveSummary, SalvageReport};
pub use exchange::encoding::{decode_csv, read_csv_file, DecodedCsv};
pub use exchange::import::{
    import_setup_of, read_import_setup, DuplicateDecision, DuplicateMatch, DuplicateReason,
    ImportDecision, ImportPhase, ImportProgress, ImportReport, ImportRequest, ImportSetup,
    ImportStatus, RowProblem,
};
pub use exchange::loose_date::DateOrder;
pub use exchange::mapping::{apply_mapping_text, mapping_text, ClientField, ImportMapping};
pub use exchange::subject_access::{RecallWithContacts, SubjectAccessExport};
pub use ids::*;
pub use paging::{PageRequest, MAX_PAGE_ROWS};
pub use photos::{
    Photo, PhotoComparison, PhotoDetails, PhotoEdit, PhotoFormat, PhotoImportItem,
    PhotoImportOutcome, PhotoImportProgress, PhotoStatus, PhotoStore, StoredImage, ViewTimeline,
};
pub use record::client_record::{ClientRecord, PlanRecord, PreviousSettings};
pub use record::clients::{Client, ClientInput, ClientSummary};
pub use record::contraindications::{
    Clearance, Contraindication, ContraindicationInput, ContraindicationKind,
};
pub use record::erasure::ErasureReport;
pub use record::plans::{Plan, PlanDefaults, PlanInput, PlanStatus};
pub use record::search::{ArchiveFilter, ClientPage};
pub use record::session_pages::{ClientOverview, PlanOverview, SessionPage};
pub use record::sessions::{Amendment, ConsentAcknowledgement, Session, SessionInput, ZoneSetting};
pub use schedule::appointments::{Appointment, AppointmentInput, CalendarQuery, ChairEntry};
pub use schedule::recalls::{ClientRecalls, ContactAttempt, ContactInput, Recall};
pub use schedule::summary::{
    CalendarSummary, CalendarSummaryQuery, DayLoad, PractitionerDays, SiteDays,
};
pub use schedule::worklist::{
    RecallCounts, Urgency, UrgencyCounts, WorklistPage, WorklistQuery, WorklistRow,
};
pub use validate::Problems;
pub use vocab::*;
