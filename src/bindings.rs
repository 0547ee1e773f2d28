//! The TypeScript face of the core: one list of every type the UI sees, rendered with ts-rs,
//! plus the closed vocabularies as arrays so pickers never spell a code list twice.
//!
//! The files are committed under `ui/src/lib/bindings/`; a test fails when they are stale, and
//! `UPDATE_BINDINGS=1 cargo test --test integration bindings` rewrites them (with
//! `api::typescript`, which adds the command table's types and map, and the desktop
//! shell's capability, which grants exactly the command table).

use crate::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use ts_rs::{Config, TS};

/// One generated file: its name (relative to the bindings folder) and its contents.
pub type BindingFile = (PathBuf, String);

/// The file ts-rs renders for `T`.
pub fn binding<T: TS + 'static>() -> BindingFile {
    let cfg = Config::new();
    let path = T::output_path().expect("derived types have an output path");
    let text = T::export_to_string(&cfg).expect("type renders to TypeScript");
    (path, text)
}

macro_rules! bindings_of {
    ($($ty:ty),* $(,)?) => { vec![$(binding::<$ty>()),*] };
}

/// The closed vocabularies: each one's own file, and one `vocabulary.ts` of value arrays.
macro_rules! vocabularies {
    ($($ty:ident),* $(,)?) => {{
        let mut files = bindings_of![$($ty),*];
        files.push(vocabulary_of![$($ty),*]);
        files
    }};
}

macro_rules! vocabulary_of {
    ($($ty:ident),* $(,)?) => {{
        let mut out = String::from("// Generated from the core's closed vocabularies (src/bindings.rs). Do not edit.\n");
        $(out.push_str(&format!("import type {{ {} }} from \"./{}\";\n", stringify!($ty), stringify!($ty)));)*
        $(
            let codes: Vec<String> = $ty::ALL.iter().map(|v| format!("\"{}\"", v.code())).collect();
            out.push_str(&format!(
                "\nexport const {}_VALUES: readonly {}[] = [{}];\n",
                upper_snake(stringify!($ty)),
                stringify!($ty),
                codes.join(", ")
            ));
        )*
        (PathBuf::from("vocabulary.ts"), out)
    }};
}

fn upper_snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// Every binding file of the core, in a stable order.
pub fn core_bindings() -> Vec<BindingFile> {
    let mut files = bindings_of![
        // ids
        ClientId,
        ContraindicationId,
        StaffId,
        PigmentId,
        PigmentLotId,
        NeedleId,
        PlanId,
        SessionId,
        AmendmentId,
        AuditId,
        SiteId,
        AppointmentId,
        RecallId,
        ContactAttemptId,
        PhotoId,
        ConsentTemplateId,
        ConsentTemplateVersionId,
        ConsentId,
        // errors and actors
        ApiError,
        ErrorCode,
        Actor,
        AuditEntry,
        AuditPage,
        // clients
        ClientInput,
        Client,
        ClientSummary,
        ClientPage,
        ArchiveFilter,
        Contraindication,
        ContraindicationInput,
        ContraindicationKind,
        Clearance,
        // catalogue and staff
        Staff,
        StaffInput,
        Pigment,
        PigmentInput,
        PigmentLot,
        PigmentLotInput,
        Needle,
        NeedleInput,
        // plans and sessions
        Plan,
        PlanInput,
        PlanDefaults,
        Session,
        SessionInput,
        ZoneSetting,
        Amendment,
        ClientRecord,
        PlanRecord,
        ClientOverview,
        PlanOverview,
        SessionPage,
        PreviousSettings,
        LotUse,
        LotUsePage,
        ConsentAcknowledgement,
        // photos
        PhotoFormat,
        PhotoStatus,
        PhotoDetails,
        PhotoEdit,
        Photo,
        ViewTimeline,
        PhotoComparison,
        PhotoImportItem,
        PhotoImportProgress,
        PhotoImportOutcome,
        // consent
        ConsentAction,
        ConsentTemplate,
        ConsentTemplateInput,
        ScreeningQuestion,
        ScreeningRisk,
        ScreeningAnswer,
        AnsweredQuestion,
        PhotoChoices,
        SignConsentInput,
        WithdrawConsentInput,
        Consent,
        ConsentStatus,
        // sample clinic
        DemoSpec,
        DemoSummary,
        // settings, sites, calendar and recall
        ClinicSettings,
        TouchUpRules,
        TouchUpSuggestion,
        OpeningHours,
        Site,
        SiteInput,
        Appointment,
        AppointmentInput,
        CalendarQuery,
        CalendarSummaryQuery,
        CalendarSummary,
        SiteDays,
        PractitionerDays,
        DayLoad,
        ChairEntry,
        Recall,
        ClientRecalls,
        ContactAttempt,
        ContactInput,
        WorklistQuery,
        WorklistRow,
        RecallCounts,
        UrgencyCounts,
        // data safety: backups, integrity, the database's home
        BackupPolicy,
        CopyProgress,
        BackupInfo,
        BackupFile,
        RestoreReport,
        PhotoBackup,
        RestoredPhotos,
        BackupSpace,
        RecoveryReport,
        CheckDepth,
        IntegrityCheckKind,
        IntegrityProblem,
        IntegrityReport,
        StorageRisk,
        StorageWarning,
        CheckpointReport,
        // import, export, erasure
        DateOrder,
        ImportMapping,
        ImportSetup,
        DuplicateDecision,
        ImportDecision,
        ImportRequest,
        RowProblem,
        DuplicateReason,
        DuplicateMatch,
        ImportStatus,
        ImportReport,
        ImportProgress,
        ImportPhase,
        ArchiveSummary,
        SalvageReport,
        SubjectAccessExport,
        RecallWithContacts,
        ErasureReport,
        crate::api::changes::Area,
        crate::api::changes::Changed,
        crate::access::devices::PairingCode,
        crate::access::devices::PairedDevice,
    ];
    files.extend(vocabularies![
        ContactChannel,
        Fitzpatrick,
        HairLossPattern,
        Indication,
        HairCoverage,
        HairLength,
        Condition,
        ScalpZone,
        HairlineStyle,
        DesiredLook,
        PigmentTone,
        NeedleTaper,
        Density,
        SkinReaction,
        StaffRole,
        PlanStatus,
        SunExposure,
        Finish,
        Weekday,
        AppointmentKind,
        AppointmentStatus,
        RecallKind,
        RecallState,
        ContactMethod,
        ContactOutcome,
        Urgency,
        ClientField,
        PhotoView,
        PhotoUse,
        ConsentKind,
    ]);
    files
}

/// What is wrong with the committed bindings in `dir` for `files`: each one missing or different.
pub fn stale_bindings(dir: &Path, files: &[BindingFile]) -> Vec<String> {
    files
        .iter()
        .filter_map(|(name, text)| match fs::read_to_string(dir.join(name)) {
            Ok(committed) if &committed == text => None,
            Ok(_) => Some(format!("{} differs", name.display())),
            Err(_) => Some(format!("{} is missing", name.display())),
        })
        .collect()
}

/// `.ts` files in `dir` that none of `files` produces (left over from a removed type).
pub fn unexpected_bindings(dir: &Path, files: &[BindingFile]) -> Vec<String> {
    let expected: BTreeSet<&Path> = files.iter().map(|(name, _)| name.as_path()).collect();
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "ts"))
        .filter_map(|path| {
            let name = PathBuf::from(path.file_name()?);
            (!expected.contains(name.as_path()))
                .then(|| format!("{} matches no Rust type", name.display()))
        })
        .collect()
}

/// Writes `files` into `dir`, creating it if needed.
pub fn write_bindings(dir: &Path, files: &[BindingFile]) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    for (name, text) in files {
        fs::write(dir.join(name), text)?;
    }
    Ok(())
}
