//! The requests of the command table: what a caller sends, as JSON objects with snake_case keys.
//! Shapes many commands share are generic (`ById<ClientId>`); the rest are named for their use.

use crate::access::accounts::Credential;
use crate::access::secrets::Secret;
use crate::consent::WithdrawConsentInput;
use crate::exchange::import::ImportRequest;
use crate::ids::{
    ClientId, ConsentId, PhotoId, PigmentId, PigmentLotId, RecallId, SiteId, StaffId,
};
use crate::photos::{PhotoDetails, PhotoEdit};
use crate::record::search::ArchiveFilter;
use crate::vocab::Finish;
use chrono::NaiveDate;
use serde::Deserialize;
use ts_rs::TS;

/// A command that needs nothing: `{}`.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct NoRequest {}

/// One record, by its id.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ById<Id> {
    pub id: Id,
}

/// A new record from a form.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct WithInput<Input> {
    pub input: Input,
}

/// A record changed from a form, which sends back the `version` of the record it was opened
/// at: a save over a newer version is refused as a conflict (see `db::versions`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct Update<Id, Input> {
    pub id: Id,
    pub version: u32,
    pub input: Input,
}

/// A signed consent withdrawn by the client.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct WithdrawConsent {
    pub id: ConsentId,
    pub input: WithdrawConsentInput,
}

/// A record made active or inactive (catalogue items, staff).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SetActive<Id> {
    pub id: Id,
    pub active: bool,
}

/// Everything of one kind about one client.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ForClient {
    pub client_id: ClientId,
}

/// A calendar or worklist view.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ForQuery<Query> {
    pub query: Query,
}

/// A file the user chose (an absolute path).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct AtPath {
    pub path: String,
}

/// Where to write a backup: a new `.sqlite` file, as an absolute path. In the desktop app the
/// user chooses it in the save dialog the shell opens; the window cannot send one
/// ([`crate::api::from_shell`]).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct BackupDestination {
    pub path: String,
}

/// A backup file to restore from, as an absolute path. In the desktop app the user chooses it in
/// the open dialog the shell opens; the window cannot send one ([`crate::api::from_shell`]).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct BackupSource {
    pub path: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ListStaff {
    pub include_inactive: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StaffSites {
    pub staff_id: StaffId,
    pub sites: Vec<SiteId>,
}

/// A page of the clients whose names start with what was typed.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SearchClients {
    pub typed: String,
    pub filter: ArchiveFilter,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ListClients {
    pub filter: ArchiveFilter,
    pub offset: u32,
    pub limit: u32,
}

/// A page of a client's sessions, newest first.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ClientSessions {
    pub client_id: ClientId,
    pub offset: u32,
    pub limit: u32,
}

/// The settings of a client's latest sessions ("same as last time").
#[derive(Debug, Clone, Deserialize, TS)]
pub struct RecentSettings {
    pub client_id: ClientId,
    pub limit: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SuggestTouchUp {
    pub client_id: ClientId,
    pub finish: Option<Finish>,
}

/// An amendment to a signed session, with its author's PIN or password typed now.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct AmendSession {
    pub id: crate::ids::SessionId,
    pub text: String,
    pub credential: Credential,
}

/// Signing a session, with the signer's PIN or password typed now.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SignSession {
    pub id: crate::ids::SessionId,
    pub credential: Credential,
}

/// A consent to sign, with the countersigner's PIN or password typed now.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SignConsent {
    pub input: crate::consent::SignConsentInput,
    pub credential: Credential,
}

/// The first account of a practice: its owner, a manager.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CreateOwner {
    pub name: String,
    pub password: Secret,
    /// The password typed a second time, so that a different one is named with the form's other
    /// problems (the window sends it; a caller without a second field leaves it out).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub repeat: Option<Secret>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SignIn {
    pub staff_id: StaffId,
    pub password: Secret,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SignInWithPin {
    pub staff_id: StaffId,
    pub pin: Secret,
}

/// A new staff member (or one whose password was reset) chooses a password with the one-time
/// code a manager gave them.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct RedeemSetupCode {
    pub staff_id: StaffId,
    pub code: Secret,
    pub password: Secret,
    /// The new one typed a second time, so that a different one is named with the form's other
    /// problems (the window sends it; a caller without a second field leaves it out).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub repeat: Option<Secret>,
}

/// Locks the workstation; `unsaved_form` (opaque text) is given back only to the same person
/// when they unlock.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct LockWorkstation {
    #[serde(deserialize_with = "Option::deserialize")]
    pub unsaved_form: Option<String>,
}

/// Sets the signed-in person's PIN, confirmed with their password.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SetPin {
    pub password: Secret,
    pub pin: Secret,
    /// The new one typed a second time, so that a different one is named with the form's other
    /// problems (the window sends it; a caller without a second field leaves it out).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub repeat: Option<Secret>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChangePassword {
    pub current_password: Secret,
    pub new_password: Secret,
    /// The new one typed a second time, so that a different one is named with the form's other
    /// problems (the window sends it; a caller without a second field leaves it out).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub repeat: Option<Secret>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AddPigmentLot {
    pub pigment_id: PigmentId,
    pub input: crate::catalogue::pigments::PigmentLotInput,
}

/// A page of the uses of a pigment lot.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct PigmentLotUses {
    pub lot_id: PigmentLotId,
    pub offset: u32,
    pub limit: u32,
}

/// A page of the uses of a cartridge lot number.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CartridgeLotUses {
    pub lot_number: String,
    pub offset: u32,
    pub limit: u32,
}

/// A page of the audit entries about one record (any id: client, plan, session, lot, …).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct AuditTrail {
    pub entity_id: String,
    pub offset: u32,
    pub limit: u32,
}

/// An erasure, confirmed by typing the client's full name or number.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct EraseClient {
    pub client_id: ClientId,
    pub confirmation: String,
}

/// A CSV file as the window read it: its bytes, base64-encoded, so that the core finds the
/// file's encoding (a window decoding it as UTF-8 would garble a Windows-1252 export).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CsvFile {
    pub content_base64: String,
}

/// A CSV file (its bytes, base64-encoded) and how to import it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ImportClients {
    pub content_base64: String,
    pub request: ImportRequest,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PractitionerDay {
    pub practitioner_id: StaffId,
    pub day: NaiveDate,
}

/// A client's recalls as their record shows them.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ClientRecallsRequest {
    pub client_id: ClientId,
    /// How many of the closed recalls to send, the latest by due date; null sends every one
    /// (never a field left out).
    #[serde(deserialize_with = "Option::deserialize")]
    pub latest_closed: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ForRecall {
    pub recall_id: RecallId,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LogContact {
    pub recall_id: RecallId,
    pub input: crate::schedule::recalls::ContactInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SnoozeRecall {
    pub recall_id: RecallId,
    pub until: NaiveDate,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DeclineRecall {
    pub recall_id: RecallId,
    pub reason: String,
}

/// Stops a recall from coming up until a day (or for good, with no day).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct DisableRecall {
    pub recall_id: RecallId,
    /// The day reminders resume; null disables them for good (never a field left out).
    #[serde(deserialize_with = "Option::deserialize")]
    pub until: Option<NaiveDate>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SetRecallDue {
    pub recall_id: RecallId,
    pub due_on: NaiveDate,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct BookRecall {
    pub recall_id: RecallId,
    pub input: crate::schedule::appointments::AppointmentInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UpdateClinicSettings {
    pub settings: crate::clinic::settings::ClinicSettings,
}

/// A photo to add: its details and the name of the file it was read from. Its bytes are not
/// part of the JSON: they are the call's raw body (see [`crate::api::from_shell`]), at most
/// [`crate::photos::MAX_FILE_BYTES`], refused before they are read any further.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct AddPhoto {
    pub details: PhotoDetails,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ComparePhotos {
    pub a: PhotoId,
    pub b: PhotoId,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UpdatePhoto {
    pub id: PhotoId,
    /// The version of the photo's details the form was opened at.
    pub version: u32,
    pub edit: PhotoEdit,
}

/// Photos usable as marketing material, of one client or of all.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct PhotosForMarketing {
    /// One client's, or null for every client's (never a field left out).
    #[serde(deserialize_with = "Option::deserialize")]
    pub client_id: Option<ClientId>,
}
