//! One Tauri command per core use case. Each is a few lines: read the request, call the core as
//! the staff member working here, return the result or an `ApiError`. No rule lives here.
//!
//! Arguments are wrapped in [`Arg`] so that a malformed request answers `bad_request` in the same
//! `{code, message, field}` shape as every other failure.

use crate::shell::{AppInfo, Arg, PigmentCatalogue, Shell, Workstation};
use hairline::db::backup::{BackupFile, BackupInfo, BackupPolicy, RestoreReport};
use hairline::db::integrity::IntegrityReport;
use hairline::db::recovery::RecoveryReport;
use hairline::demo::DemoSummary;
use hairline::exchange::archive::{ArchiveSummary, SalvageReport};
use hairline::exchange::import::{ImportReport, ImportRequest, ImportSetup};
use hairline::exchange::subject_access::SubjectAccessExport;
use hairline::ids::{ConsentId, ConsentTemplateId, PhotoId};
use hairline::record::erasure::ErasureReport;
use hairline::record::search::ArchiveFilter;
use hairline::{
    Amendment, ApiError, AuditEntry, Client, ClientId, ClientInput, ClientPage, ClientRecord,
    ClientSummary, Finish, LotUse, Needle, NeedleId, NeedleInput, Pigment, PigmentId, PigmentInput,
    PigmentLot, PigmentLotId, PigmentLotInput, Plan, PlanDefaults, PlanId, PlanInput,
    PreviousSettings, Session, SessionId, SessionInput, Staff, StaffId, StaffInput,
    TouchUpSuggestion,
};
use hairline::{
    Consent, ConsentStatus, ConsentTemplate, ConsentTemplateInput, SignConsentInput,
    WithdrawConsentInput,
};
use hairline::{Photo, PhotoComparison, PhotoDetails, PhotoEdit, ViewTimeline};
use tauri::{AppHandle, Emitter, Runtime, State};

pub use crate::schedule::*;

type Reply<T> = Result<T, ApiError>;
type Shared<'a> = State<'a, Shell>;

// ---- the installation and who is working -------------------------------------------------

#[tauri::command]
pub fn app_info(shell: Shared<'_>) -> AppInfo {
    shell.info()
}

#[tauri::command]
pub fn workstation(shell: Shared<'_>) -> Workstation {
    shell.workstation()
}

#[tauri::command]
pub fn set_current_staff(shell: Shared<'_>, request: Arg<Workstation>) -> Reply<Workstation> {
    shell.set_workstation(request.get()?)
}

/// Fills an empty practice with the core's sample clinic (recorded as done by Hairline itself).
#[tauri::command]
pub fn load_demo_clinic(shell: Shared<'_>) -> Reply<DemoSummary> {
    shell.load_demo_clinic()
}

// ---- staff -----------------------------------------------------------------------------------

#[tauri::command]
pub fn list_staff(shell: Shared<'_>, include_inactive: Arg<bool>) -> Reply<Vec<Staff>> {
    let include_inactive = include_inactive.get()?;
    shell.read(|p| p.list_staff(include_inactive))
}

/// The first staff member of an empty practice is recorded as created by Hairline itself.
#[tauri::command]
pub fn create_staff(shell: Shared<'_>, input: Arg<StaffInput>) -> Reply<Staff> {
    let input = input.get()?;
    shell.write_or_bootstrap(|p, actor| p.create_staff(actor, &input))
}

#[tauri::command]
pub fn update_staff(shell: Shared<'_>, id: Arg<StaffId>, input: Arg<StaffInput>) -> Reply<Staff> {
    let (id, input) = (id.get()?, input.get()?);
    shell.write(|p, actor| p.update_staff(actor, id, &input))
}

#[tauri::command]
pub fn set_staff_active(shell: Shared<'_>, id: Arg<StaffId>, active: Arg<bool>) -> Reply<Staff> {
    let (id, active) = (id.get()?, active.get()?);
    shell.write(|p, actor| p.set_staff_active(actor, id, active))
}

// ---- clients ---------------------------------------------------------------------------------

#[tauri::command]
pub fn search_clients(
    shell: Shared<'_>,
    typed: Arg<String>,
    filter: Arg<ArchiveFilter>,
    limit: Arg<u32>,
) -> Reply<Vec<ClientSummary>> {
    let (typed, filter, limit) = (typed.get()?, filter.get()?, limit.get()?);
    shell.read(|p| p.search_clients(&typed, filter, limit))
}

#[tauri::command]
pub fn list_clients(
    shell: Shared<'_>,
    filter: Arg<ArchiveFilter>,
    offset: Arg<u32>,
    limit: Arg<u32>,
) -> Reply<ClientPage> {
    let (filter, offset, limit) = (filter.get()?, offset.get()?, limit.get()?);
    let page = shell.read(|p| p.list_clients(filter, offset, limit));
    shell.trace_first_list();
    page
}

#[tauri::command]
pub fn get_client(shell: Shared<'_>, id: Arg<ClientId>) -> Reply<Client> {
    let id = id.get()?;
    shell.read(|p| p.client(id))
}

#[tauri::command]
pub fn create_client(shell: Shared<'_>, input: Arg<ClientInput>) -> Reply<Client> {
    let input = input.get()?;
    shell.write(|p, actor| p.create_client(actor, &input))
}

#[tauri::command]
pub fn update_client(
    shell: Shared<'_>,
    id: Arg<ClientId>,
    input: Arg<ClientInput>,
) -> Reply<Client> {
    let (id, input) = (id.get()?, input.get()?);
    shell.write(|p, actor| p.update_client(actor, id, &input))
}

#[tauri::command]
pub fn archive_client(shell: Shared<'_>, id: Arg<ClientId>) -> Reply<Client> {
    let id = id.get()?;
    shell.write(|p, actor| p.archive_client(actor, id))
}

#[tauri::command]
pub fn unarchive_client(shell: Shared<'_>, id: Arg<ClientId>) -> Reply<Client> {
    let id = id.get()?;
    shell.write(|p, actor| p.unarchive_client(actor, id))
}

#[tauri::command]
pub fn client_record(shell: Shared<'_>, id: Arg<ClientId>) -> Reply<ClientRecord> {
    let id = id.get()?;
    shell.read(|p| p.client_record(id))
}

#[tauri::command]
pub fn previous_settings(
    shell: Shared<'_>,
    client_id: Arg<ClientId>,
    limit: Arg<u32>,
) -> Reply<Vec<PreviousSettings>> {
    let (client_id, limit) = (client_id.get()?, limit.get()?);
    shell.read(|p| p.previous_settings(client_id, limit))
}

// ---- plans -----------------------------------------------------------------------------------

#[tauri::command]
pub fn plan_defaults(shell: Shared<'_>) -> Reply<PlanDefaults> {
    shell.read(|p| p.plan_defaults())
}

/// The touch-up interval the clinic's rules suggest for a client and a wanted finish, with why.
#[tauri::command]
pub fn suggest_touch_up_interval(
    shell: Shared<'_>,
    client_id: Arg<ClientId>,
    finish: Arg<Option<Finish>>,
) -> Reply<TouchUpSuggestion> {
    let (client_id, finish) = (client_id.get()?, finish.get()?);
    shell.read(|p| p.suggest_touch_up_interval(client_id, finish))
}

#[tauri::command]
pub fn create_plan(shell: Shared<'_>, input: Arg<PlanInput>) -> Reply<Plan> {
    let input = input.get()?;
    shell.write(|p, actor| p.create_plan(actor, &input))
}

#[tauri::command]
pub fn update_plan(shell: Shared<'_>, id: Arg<PlanId>, input: Arg<PlanInput>) -> Reply<Plan> {
    let (id, input) = (id.get()?, input.get()?);
    shell.write(|p, actor| p.update_plan(actor, id, &input))
}

#[tauri::command]
pub fn cancel_plan(shell: Shared<'_>, id: Arg<PlanId>) -> Reply<Plan> {
    let id = id.get()?;
    shell.write(|p, actor| p.cancel_plan(actor, id))
}

// ---- sessions --------------------------------------------------------------------------------

#[tauri::command]
pub fn record_session(shell: Shared<'_>, input: Arg<SessionInput>) -> Reply<Session> {
    let input = input.get()?;
    shell.write(|p, actor| p.record_session(actor, &input))
}

#[tauri::command]
pub fn update_session(
    shell: Shared<'_>,
    id: Arg<SessionId>,
    input: Arg<SessionInput>,
) -> Reply<Session> {
    let (id, input) = (id.get()?, input.get()?);
    shell.write(|p, actor| p.update_session(actor, id, &input))
}

#[tauri::command]
pub fn discard_session(shell: Shared<'_>, id: Arg<SessionId>) -> Reply<()> {
    let id = id.get()?;
    shell.write(|p, actor| p.discard_session(actor, id))
}

#[tauri::command]
pub fn sign_session(shell: Shared<'_>, id: Arg<SessionId>) -> Reply<Session> {
    let id = id.get()?;
    shell.write(|p, actor| p.sign_session(actor, id))
}

#[tauri::command]
pub fn amend_session(shell: Shared<'_>, id: Arg<SessionId>, text: Arg<String>) -> Reply<Amendment> {
    let (id, text) = (id.get()?, text.get()?);
    shell.write(|p, actor| p.amend_session(actor, id, &text))
}

#[tauri::command]
pub fn get_session(shell: Shared<'_>, id: Arg<SessionId>) -> Reply<Session> {
    let id = id.get()?;
    shell.read(|p| p.session(id))
}

// ---- catalogue -------------------------------------------------------------------------------

/// The pigments with their lots, and which lots are expired today (by the core's rule).
#[tauri::command]
pub fn list_pigments(shell: Shared<'_>) -> Reply<PigmentCatalogue> {
    shell.read(PigmentCatalogue::read)
}

#[tauri::command]
pub fn create_pigment(shell: Shared<'_>, input: Arg<PigmentInput>) -> Reply<Pigment> {
    let input = input.get()?;
    shell.write(|p, actor| p.create_pigment(actor, &input))
}

#[tauri::command]
pub fn update_pigment(
    shell: Shared<'_>,
    id: Arg<PigmentId>,
    input: Arg<PigmentInput>,
) -> Reply<Pigment> {
    let (id, input) = (id.get()?, input.get()?);
    shell.write(|p, actor| p.update_pigment(actor, id, &input))
}

#[tauri::command]
pub fn set_pigment_active(
    shell: Shared<'_>,
    id: Arg<PigmentId>,
    active: Arg<bool>,
) -> Reply<Pigment> {
    let (id, active) = (id.get()?, active.get()?);
    shell.write(|p, actor| p.set_pigment_active(actor, id, active))
}

#[tauri::command]
pub fn add_pigment_lot(
    shell: Shared<'_>,
    pigment_id: Arg<PigmentId>,
    input: Arg<PigmentLotInput>,
) -> Reply<PigmentLot> {
    let (pigment_id, input) = (pigment_id.get()?, input.get()?);
    shell.write(|p, actor| p.add_pigment_lot(actor, pigment_id, &input))
}

#[tauri::command]
pub fn update_pigment_lot(
    shell: Shared<'_>,
    id: Arg<PigmentLotId>,
    input: Arg<PigmentLotInput>,
) -> Reply<PigmentLot> {
    let (id, input) = (id.get()?, input.get()?);
    shell.write(|p, actor| p.update_pigment_lot(actor, id, &input))
}

#[tauri::command]
pub fn list_needles(shell: Shared<'_>) -> Reply<Vec<Needle>> {
    shell.read(|p| p.list_needles())
}

#[tauri::command]
pub fn create_needle(shell: Shared<'_>, input: Arg<NeedleInput>) -> Reply<Needle> {
    let input = input.get()?;
    shell.write(|p, actor| p.create_needle(actor, &input))
}

#[tauri::command]
pub fn update_needle(
    shell: Shared<'_>,
    id: Arg<NeedleId>,
    input: Arg<NeedleInput>,
) -> Reply<Needle> {
    let (id, input) = (id.get()?, input.get()?);
    shell.write(|p, actor| p.update_needle(actor, id, &input))
}

#[tauri::command]
pub fn set_needle_active(shell: Shared<'_>, id: Arg<NeedleId>, active: Arg<bool>) -> Reply<Needle> {
    let (id, active) = (id.get()?, active.get()?);
    shell.write(|p, actor| p.set_needle_active(actor, id, active))
}

// ---- traceability and audit ------------------------------------------------------------------

#[tauri::command]
pub fn pigment_lot_uses(shell: Shared<'_>, id: Arg<PigmentLotId>) -> Reply<Vec<LotUse>> {
    let id = id.get()?;
    shell.read(|p| p.pigment_lot_uses(id))
}

#[tauri::command]
pub fn cartridge_lot_uses(shell: Shared<'_>, lot_number: Arg<String>) -> Reply<Vec<LotUse>> {
    let lot_number = lot_number.get()?;
    shell.read(|p| p.cartridge_lot_uses(&lot_number))
}

/// Every audit entry about one record (any id: client, plan, session, lot, …), oldest first.
#[tauri::command]
pub fn audit_trail(shell: Shared<'_>, entity_id: Arg<String>) -> Reply<Vec<AuditEntry>> {
    let entity_id = entity_id.get()?;
    shell.read(|p| p.audit_trail(&entity_id))
}

// ---- data safety -----------------------------------------------------------------------------

/// The backups kept in the practice's backups folder, newest first.
#[tauri::command]
pub fn list_backups(shell: Shared<'_>) -> Reply<Vec<BackupFile>> {
    hairline::db::backup::list_backups(&shell.backup_folder()).map_err(|e| e.to_api())
}

/// Takes a verified backup into the backups folder now, reporting progress as
/// `backup-progress` events; older backups are rotated out only after it is verified.
#[tauri::command]
pub async fn back_up_now<R: Runtime>(app: AppHandle<R>, shell: Shared<'_>) -> Reply<BackupInfo> {
    let folder = shell.backup_folder();
    shell.read(|p| {
        p.take_backup(&folder, &BackupPolicy::default(), &mut |progress| {
            let _ = app.emit("backup-progress", progress);
        })
    })
}

/// Takes a verified backup into a file the user chose in the save dialog (an absolute path
/// ending in `.sqlite`), reporting progress as `backup-progress` events.
#[tauri::command]
pub async fn back_up_to<R: Runtime>(
    app: AppHandle<R>,
    shell: Shared<'_>,
    path: Arg<String>,
) -> Reply<BackupInfo> {
    let path = std::path::PathBuf::from(path.get()?);
    if !path.is_absolute() || path.extension().is_none_or(|e| e != "sqlite") {
        return Err(hairline::Error::validation(
            "path",
            "Choose where to save the backup (a .sqlite file)",
        )
        .to_api());
    }
    shell.read(|p| {
        p.backup_to(&path, &mut |progress| {
            let _ = app.emit("backup-progress", progress);
        })
    })
}

/// Replaces the practice with one of its listed backups, all or nothing, after a safety backup
/// of the current database; only files the backups folder lists can be restored from here.
#[tauri::command]
pub async fn restore_backup<R: Runtime>(
    app: AppHandle<R>,
    shell: Shared<'_>,
    path: Arg<String>,
) -> Reply<RestoreReport> {
    let path = path.get()?;
    let folder = shell.backup_folder();
    let listed = hairline::db::backup::list_backups(&folder).map_err(|e| e.to_api())?;
    if !listed.iter().any(|b| b.path == path) {
        return Err(
            hairline::Error::validation("path", "Choose one of the backups listed").to_api(),
        );
    }
    shell.write(|p, _| {
        p.restore_from(std::path::Path::new(&path), &folder, &mut |progress| {
            let _ = app.emit("backup-progress", progress);
        })
    })
}

/// Replaces the practice with a backup file the user chose in the open dialog, all or nothing,
/// after a safety backup. The core refuses, each with its own message, a file that is not a
/// Hairline database, one that fails its integrity check, and one from a newer Hairline.
#[tauri::command]
pub async fn restore_from_file<R: Runtime>(
    app: AppHandle<R>,
    shell: Shared<'_>,
    path: Arg<String>,
) -> Reply<RestoreReport> {
    let path = std::path::PathBuf::from(path.get()?);
    if !path.is_absolute() || !path.is_file() {
        return Err(
            hairline::Error::validation("path", "Choose the backup file to restore").to_api(),
        );
    }
    let folder = shell.backup_folder();
    shell.write(|p, _| {
        p.restore_from(&path, &folder, &mut |progress| {
            let _ = app.emit("backup-progress", progress);
        })
    })
}

/// The full integrity check: structure, indexes, foreign keys and the client search index.
#[tauri::command]
pub async fn check_database(shell: Shared<'_>) -> Reply<IntegrityReport> {
    shell.read(|p| Ok(p.full_check()))
}

/// Writes one client's complete record (a subject-access request) as JSON into the exports
/// folder and answers the file's path.
#[tauri::command]
pub fn export_client_record(shell: Shared<'_>, client_id: Arg<ClientId>) -> Reply<String> {
    let client_id = client_id.get()?;
    let number = shell.read(|p| p.client(client_id))?.number;
    let path = shell.export_path(&format!("client-{number}"))?;
    shell.read(|p| p.subject_access_export_to(client_id, &path))?;
    Ok(path.display().to_string())
}

/// Writes the whole practice as a documented archive (re-importable into an empty Hairline)
/// into the exports folder and answers the file's path and what it holds.
#[tauri::command]
pub async fn export_practice(shell: Shared<'_>) -> Reply<(String, ArchiveSummary)> {
    let path = shell.export_path("practice")?;
    let summary = shell.read(|p| p.export_archive_to(&path))?;
    Ok((path.display().to_string(), summary))
}

/// Anonymises a client's personal data on an explicit request, confirmed by typing the
/// client's full name or number; the clinic keeps lot traceability and an audit of the erasure.
#[tauri::command]
pub fn erase_client(
    shell: Shared<'_>,
    client_id: Arg<ClientId>,
    confirmation: Arg<String>,
) -> Reply<ErasureReport> {
    let (client_id, confirmation) = (client_id.get()?, confirmation.get()?);
    let store = shell.photo_store();
    shell.write(|p, actor| p.erase_client_with_photos(actor, &store, client_id, &confirmation))
}

/// Reads a CSV file's header and Hairline's guess of which client detail each column holds.
#[tauri::command]
pub fn import_setup(text: Arg<String>) -> Reply<ImportSetup> {
    hairline::exchange::import::read_import_setup(&text.get()?).map_err(|e| e.to_api())
}

/// Checks an import as mapped without writing: every bad row and every duplicate to decide.
#[tauri::command]
pub async fn preview_import(
    shell: Shared<'_>,
    text: Arg<String>,
    request: Arg<ImportRequest>,
) -> Reply<ImportReport> {
    let (text, request) = (text.get()?, request.get()?);
    shell.read(|p| p.preview_import(&text, &request))
}

/// Imports the clients of a CSV file, all or nothing, reporting progress as `import-progress`
/// events.
#[tauri::command]
pub async fn import_clients<R: Runtime>(
    app: AppHandle<R>,
    shell: Shared<'_>,
    text: Arg<String>,
    request: Arg<ImportRequest>,
) -> Reply<ImportReport> {
    let (text, request) = (text.get()?, request.get()?);
    shell.write(|p, actor| {
        p.import_clients(actor, &text, &request, &mut |progress| {
            let _ = app.emit("import-progress", progress);
        })
    })
}

/// Recovery screen: the newest backup that passes every check, if any.
#[tauri::command]
pub fn newest_good_backup(shell: Shared<'_>) -> Reply<Option<BackupFile>> {
    hairline::db::recovery::newest_good_backup(&shell.backup_folder()).map_err(|e| e.to_api())
}

/// Recovery screen: replaces the damaged database with a listed backup and opens it.
#[tauri::command]
pub fn recover_from_backup(shell: Shared<'_>, path: Arg<String>) -> Reply<RecoveryReport> {
    let path = path.get()?;
    let listed =
        hairline::db::backup::list_backups(&shell.backup_folder()).map_err(|e| e.to_api())?;
    if !listed.iter().any(|b| b.path == path) {
        return Err(
            hairline::Error::validation("path", "Choose one of the backups listed").to_api(),
        );
    }
    shell.recover(std::path::Path::new(&path))
}

/// Recovery screen: exports what can still be read of the damaged database.
#[tauri::command]
pub fn salvage_database(shell: Shared<'_>) -> Reply<(String, SalvageReport)> {
    shell.salvage()
}

/// Everything held about one client, for the printable subject-access page.
#[tauri::command]
pub fn subject_access(shell: Shared<'_>, client_id: Arg<ClientId>) -> Reply<SubjectAccessExport> {
    let client_id = client_id.get()?;
    shell.read(|p| p.subject_access_export(client_id))
}

// ---- consent (issue 6) -------------------------------------------------------------------------

#[tauri::command]
pub fn consent_templates(shell: Shared<'_>) -> Reply<Vec<ConsentTemplate>> {
    shell.read(|p| p.consent_templates())
}

#[tauri::command]
pub fn consent_template_history(
    shell: Shared<'_>,
    id: Arg<ConsentTemplateId>,
) -> Reply<Vec<ConsentTemplate>> {
    let id = id.get()?;
    shell.read(|p| p.consent_template_history(id))
}

#[tauri::command]
pub fn create_consent_template(
    shell: Shared<'_>,
    input: Arg<ConsentTemplateInput>,
) -> Reply<ConsentTemplate> {
    let input = input.get()?;
    shell.write(|p, actor| p.create_consent_template(actor, &input))
}

/// Editing a template saves its next version; earlier signatures keep their text.
#[tauri::command]
pub fn revise_consent_template(
    shell: Shared<'_>,
    id: Arg<ConsentTemplateId>,
    input: Arg<ConsentTemplateInput>,
) -> Reply<ConsentTemplate> {
    let (id, input) = (id.get()?, input.get()?);
    shell.write(|p, actor| p.revise_consent_template(actor, id, &input))
}

#[tauri::command]
pub fn sign_consent(shell: Shared<'_>, input: Arg<SignConsentInput>) -> Reply<Consent> {
    let input = input.get()?;
    shell.write(|p, actor| p.sign_consent(actor, &input))
}

#[tauri::command]
pub fn withdraw_consent(
    shell: Shared<'_>,
    id: Arg<ConsentId>,
    input: Arg<WithdrawConsentInput>,
) -> Reply<Consent> {
    let (id, input) = (id.get()?, input.get()?);
    shell.write(|p, actor| p.withdraw_consent(actor, id, &input))
}

#[tauri::command]
pub fn client_consents(shell: Shared<'_>, client_id: Arg<ClientId>) -> Reply<Vec<Consent>> {
    let client_id = client_id.get()?;
    shell.read(|p| p.client_consents(client_id))
}

/// Which consents hold for the client today (the clinic's day).
#[tauri::command]
pub fn consent_status(shell: Shared<'_>, client_id: Arg<ClientId>) -> Reply<ConsentStatus> {
    let client_id = client_id.get()?;
    shell.read(|p| p.consent_status(client_id, p.clock().today()))
}

#[tauri::command]
pub fn signed_consent(shell: Shared<'_>, id: Arg<ConsentId>) -> Reply<Consent> {
    let id = id.get()?;
    shell.read(|p| p.signed_consent(id))
}

// ---- photos (issue 6) --------------------------------------------------------------------------

/// Adds one photo from the bytes of a file the practitioner chose or dropped. Async, so that
/// decoding, re-encoding and the thumbnail run off the window's thread and the UI stays live.
#[tauri::command]
pub async fn add_photo(
    shell: Shared<'_>,
    details: Arg<PhotoDetails>,
    name: Arg<String>,
    bytes: Arg<Vec<u8>>,
) -> Reply<Photo> {
    let (details, name, bytes) = (details.get()?, name.get()?, bytes.get()?);
    let store = shell.photo_store();
    shell.write(|p, actor| p.add_photo_bytes(actor, &store, &details, &name, &bytes))
}

#[tauri::command]
pub fn photo_timeline(shell: Shared<'_>, client_id: Arg<ClientId>) -> Reply<Vec<ViewTimeline>> {
    let client_id = client_id.get()?;
    let store = shell.photo_store();
    shell.read(|p| p.photo_timeline(&store, client_id))
}

#[tauri::command]
pub fn compare_photos(
    shell: Shared<'_>,
    a: Arg<PhotoId>,
    b: Arg<PhotoId>,
) -> Reply<PhotoComparison> {
    let (a, b) = (a.get()?, b.get()?);
    let store = shell.photo_store();
    shell.read(|p| p.compare_photos(&store, a, b))
}

#[tauri::command]
pub fn update_photo(shell: Shared<'_>, id: Arg<PhotoId>, edit: Arg<PhotoEdit>) -> Reply<Photo> {
    let (id, edit) = (id.get()?, edit.get()?);
    let store = shell.photo_store();
    shell.write(|p, actor| p.update_photo(actor, &store, id, &edit))
}

#[tauri::command]
pub fn remove_photo(shell: Shared<'_>, id: Arg<PhotoId>) -> Reply<()> {
    let id = id.get()?;
    let store = shell.photo_store();
    shell.write(|p, actor| p.remove_photo(actor, &store, id))
}

/// Photos that may be used as marketing material today (never a clinical-only one).
#[tauri::command]
pub fn photos_for_marketing(
    shell: Shared<'_>,
    client_id: Arg<Option<ClientId>>,
) -> Reply<Vec<Photo>> {
    let client_id = client_id.get()?;
    let store = shell.photo_store();
    shell.read(|p| p.photos_for_marketing(&store, client_id, p.clock().today()))
}
