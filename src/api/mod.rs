//! The command table: every use case a caller may run — the desktop window over Tauri's IPC
//! today, a workstation over HTTPS to a clinic server tomorrow — declared once in `table.rs`
//! with its request, response and permission. From that one table come [`dispatch`] (run any
//! command by name on JSON), [`COMMANDS`] (the Tauri handler and capability list), and the
//! UI's typed `Commands` map ([`typescript`]).
//!
//! Adding a command: one line in `table.rs`, its request type in `requests.rs` (or a shared
//! shape), and its handler — a few lines calling the core — in the domain's `handlers/` file.

pub mod background;
pub mod caller;
pub mod changes;
mod check_record;
mod events;
pub mod from_shell;
mod handlers;
mod readers;
pub mod requests;
pub mod service;
mod shutdown;
pub mod sign_in;
pub mod typescript;
pub mod upkeep;
mod upkeep_status;

pub use crate::access::sessions::SessionHandle;
pub use crate::access::Permission;
use caller::Caller;
pub use events::{Events, NoEvents, BACKUP_PROGRESS, IMPORT_PROGRESS, UPKEEP};
pub use from_shell::{FileDialog, FromShell};
pub use service::{AppInfo, Service};

use crate::error::{ApiError, ErrorCode};
use serde::de::DeserializeOwned;

// The types the table names.
use crate::access::accounts::SetupCode;
use crate::access::devices::{PairedDevice, PairingCode};
use crate::catalogue::needles::{Needle, NeedleInput};
use crate::catalogue::pigments::{
    Pigment, PigmentCatalogue, PigmentInput, PigmentLot, PigmentLotInput,
};
use crate::catalogue::traceability::LotUsePage;
use crate::clinic::settings::{ClinicSettings, TouchUpSuggestion};
use crate::clinic::sites::{Site, SiteInput};
use crate::clinic::staff::{Staff, StaffInput};
use crate::consent::{Consent, ConsentStatus, ConsentTemplate, ConsentTemplateInput};
use crate::db::audit::AuditPage;
use crate::db::backup::{BackupFile, BackupInfo, RestoreReport};
use crate::db::backup_space::BackupSpace;
use crate::db::integrity::IntegrityReport;
use crate::db::recovery::RecoveryReport;
use crate::demo::DemoSummary;
use crate::exchange::archive::{ArchiveSummary, SalvageReport};
use crate::exchange::import::{ImportReport, ImportSetup};
use crate::exchange::subject_access::SubjectAccessExport;
use crate::ids::{
    AppointmentId, ClientId, ConsentId, ConsentTemplateId, NeedleId, PhotoId, PigmentId,
    PigmentLotId, PlanId, SessionId, SiteId, StaffId,
};
use crate::photos::{Photo, PhotoComparison, ViewTimeline};
use crate::record::client_contact::{ClientContactCard, ClientContactInput};
use crate::record::client_record::{ClientRecord, PreviousSettings};
use crate::record::clients::{Client, ClientInput};
use crate::record::erasure::ErasureReport;
use crate::record::plans::{Plan, PlanDefaults, PlanInput};
use crate::record::search::ClientPage;
use crate::record::session_pages::{ClientOverview, SessionPage};
use crate::record::sessions::{Amendment, Session, SessionInput};
use crate::schedule::appointments::{Appointment, AppointmentInput, CalendarQuery, ChairEntry};
use crate::schedule::recalls::{ClientRecalls, ContactAttempt, Recall};
use crate::schedule::summary::{CalendarSummary, CalendarSummaryQuery};
use crate::schedule::worklist::{RecallCounts, WorklistPage, WorklistQuery};
use requests::{
    AddPhoto, AddPigmentLot, AmendSession, AtPath, AuditTrail, BackupDestination, BackupSource,
    BookRecall, ById, CartridgeLotUses, ChangePassword, ClientRecallsRequest, ClientSessions,
    ComparePhotos, CreateOwner, CsvFile, DeclineRecall, DisableRecall, EraseClient, ForClient,
    ForQuery, ForRecall, ImportClients, ListClients, ListStaff, LockWorkstation, LogContact,
    NoRequest, PhotosForMarketing, PigmentLotUses, PractitionerDay, RecentSettings,
    RedeemSetupCode, SearchClients, SetActive, SetPin, SetRecallDue, SignConsent, SignIn,
    SignInWithPin, SignSession, SnoozeRecall, StaffSites, SuggestTouchUp, Update,
    UpdateClinicSettings, UpdatePhoto, WithInput, WithdrawConsent,
};
use serde::Serialize;
use serde_json::Value;
use sign_in::{SignInScreen, SignedIn};

/// The version of the command table as a workstation and a clinic server speak it: raised
/// whenever a command, request or response changes in a way the other side would misread. A
/// workstation and a server of different versions refuse each other (saying which to update).
/// 3: `client_recalls` takes how many closed recalls to send and answers how many there are.
/// 4: a new password or PIN typed again (`repeat`) is checked by the core, not the window: a
/// server before it would ignore the field and keep a mistyped password. `consent_status` says
/// "no photo consent" (`photo: null`) apart from one declining photos.
pub const API_VERSION: u32 = 4;

/// What the command table and every type it carries were when [`API_VERSION`] was last
/// decided on ([`typescript::wire_fingerprint`]): a test fails once they change, so that whoever
/// changes them decides whether the version must be raised, and then sets this again.
pub const API_FINGERPRINT: &str =
    "1da67673fb195da58a472f1103e7ae3021dc8bf39e3a93b9d766503101340696";

/// A command as the table declares it.
#[derive(Debug, Clone, Copy)]
pub struct Command {
    pub name: &'static str,
    /// What the caller must be allowed to do (checked by [`dispatch`] before the command runs).
    pub permission: Permission,
    /// The keys of its request object, in declaration order.
    pub request_fields: fn() -> &'static [&'static str],
    /// What the desktop shell supplies besides the window's JSON: a file the user chooses in a
    /// dialog, or a file's bytes (read from the request type: [`from_shell`]).
    pub from_shell: fn() -> FromShell,
}

/// What a handler answers: the response, or the error as it crosses to the caller.
pub type Reply<T> = std::result::Result<T, ApiError>;

/// One command being run: the service it runs on, where its progress goes, the session it came
/// from and who that is, and the file's bytes a [`FromShell::Bytes`] command carries.
pub struct Call<'a> {
    pub service: &'a Service,
    pub events: &'a dyn Events,
    pub session: &'a SessionHandle,
    pub caller: Caller,
    pub bytes: Option<&'a [u8]>,
}

/// Reads the request, runs the handler, writes the response.
fn run<Req: DeserializeOwned, Res: Serialize>(
    request: Value,
    handler: impl FnOnce(Req) -> Reply<Res>,
) -> Reply<Value> {
    refuse_out_of_range_dates(&request, &mut Vec::new())?;
    let request: Req = serde_path_to_error::deserialize(request).map_err(unreadable)?;
    let response = handler(request)?;
    Ok(serde_json::to_value(response).expect("responses serialise to JSON"))
}

/// Refuses a date or time whose year is not written with four digits (`+262142-12-31`, which
/// chrono reads but no date rule can compute with), naming the field: no date outside the
/// years 0000–9999 reaches the core.
fn refuse_out_of_range_dates(value: &Value, path: &mut Vec<String>) -> Reply<()> {
    match value {
        Value::String(text) if is_out_of_range_date(text) => {
            let field = form_field(&path.join("."));
            Err(ApiError::new(
                ErrorCode::Validation,
                format!("{field} is not a date between the years 0 and 9999 (got {text})"),
                Some(field),
            ))
        }
        Value::Array(items) => items.iter().enumerate().try_for_each(|(i, item)| {
            let last = path.pop().unwrap_or_default();
            path.push(format!("{last}[{i}]"));
            let checked = refuse_out_of_range_dates(item, path);
            path.pop();
            path.push(last);
            checked
        }),
        Value::Object(fields) => fields.iter().try_for_each(|(key, item)| {
            path.push(key.clone());
            let checked = refuse_out_of_range_dates(item, path);
            path.pop();
            checked
        }),
        _ => Ok(()),
    }
}

/// `+262142-12-31`, `-0001-01-01T10:00`, `12026-01-01`: a date whose year is signed or longer
/// than four digits.
fn is_out_of_range_date(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']);
    let digits = unsigned.unwrap_or(text);
    let year_len = digits.chars().take_while(char::is_ascii_digit).count();
    let rest = &digits[year_len..];
    // `-MM-DD`, then the end or a time (`T…` or ` …`).
    let b = rest.as_bytes();
    let looks_like_date = year_len >= 1
        && b.len() >= 6
        && b[0] == b'-'
        && b[1..3].iter().all(u8::is_ascii_digit)
        && b[3] == b'-'
        && b[4..6].iter().all(u8::is_ascii_digit)
        && matches!(b.get(6), None | Some(b'T' | b' '));
    looks_like_date && (unsigned.is_some() || year_len > 4)
}

/// The form's name for a request path: without the request's wrapper key (`input.`, …).
fn form_field(path: &str) -> String {
    [
        "input.",
        "edit.",
        "details.",
        "settings.",
        "query.",
        "request.",
    ]
    .iter()
    .find_map(|wrapper| path.strip_prefix(wrapper))
    .unwrap_or(path)
    .to_owned()
}

/// A request that could not be read, as a validation error naming the field at fault: a
/// missing, blank or null value is "required" (a choice the form left unmade, such as a role
/// or a kind); any other is named with what was wrong with it.
/// Field names are those of the form (`zones[1].depth_mm`), without the request's wrapper key.
fn unreadable(error: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let inner = error.inner().to_string();
    let inner = inner
        .split(" at line ")
        .next()
        .unwrap_or_default()
        .to_owned();
    let mut path = error.path().to_string();
    if let Some(missing) = inner
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        path = if path == "." {
            missing.to_owned()
        } else {
            format!("{path}.{missing}")
        };
    }
    let field = form_field(&path);
    let blank = inner.starts_with("missing field")
        || inner.contains("premature end of input")
        || inner.starts_with("invalid type: null");
    let message = if blank {
        format!("{field} is required")
    } else {
        format!("{field} is not valid: {inner}")
    };
    ApiError::new(ErrorCode::Validation, message, Some(field))
}

/// The request fields of `T` (serde's own list of the struct's keys).
fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    serde_aux::serde_introspection::serde_introspect::<T>()
}

/// Generates, from the table in `table.rs`: [`COMMANDS`], the match that runs a command by
/// name, and the list of request and response types for the TypeScript map.
macro_rules! command_table {
    ($( $(#[doc = $doc:literal])* $name:ident($request:ty) -> $response:ty, $permission:ident; )*) => {
        /// Every command, in the table's order.
        pub const COMMANDS: &[Command] = &[$(Command {
            name: stringify!($name),
            permission: Permission::$permission,
            request_fields: fields_of::<$request>,
            from_shell: from_shell::from_shell_of::<$request>,
        }),*];

        fn run_named(call: &Call<'_>, name: &str, request: Value) -> Option<Reply<Value>> {
            match name {
                $(stringify!($name) => Some(run(request, |r: $request| -> Reply<$response> {
                    handlers::$name(call, r)
                })),)*
                _ => None,
            }
        }

        /// Each command's name with its request and response types, for the TypeScript map.
        pub(crate) fn visit_commands(visitor: &mut impl typescript::CommandVisitor) {
            $(visitor.visit::<$request, $response>(stringify!($name));)*
        }
    };
}

include!("table.rs");

/// The command called `name`, if the table has one.
pub fn command(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// Runs the command called `name` with its JSON `request` on `service` for whoever is signed in
/// at `session`, reporting progress to `events`; answers its JSON response or a coded error. An
/// unknown name is a `bad_request`; a caller without the command's permission is refused
/// (`unauthenticated`, `forbidden`) before the request is read. A panic inside a command is
/// caught and answered as an error: one bad request never takes the practice down (SQLite has
/// rolled its transaction back).
pub fn dispatch(
    service: &Service,
    events: &dyn Events,
    session: &SessionHandle,
    name: &str,
    request: Value,
) -> Reply<Value> {
    run_call(service, events, session, None, name, request)
}

/// [`dispatch`] for a command that carries a file's bytes ([`FromShell::Bytes`]): `request` is
/// the rest of its request. Bytes for any other command, or more than
/// [`crate::photos::MAX_FILE_BYTES`] of them, are refused before anything else is done.
pub fn dispatch_with_bytes(
    service: &Service,
    events: &dyn Events,
    session: &SessionHandle,
    name: &str,
    request: Value,
    bytes: &[u8],
) -> Reply<Value> {
    if command(name).map(|c| (c.from_shell)()) != Some(FromShell::Bytes) {
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            format!("{name} does not take a file's bytes"),
            None,
        ));
    }
    let limit = crate::photos::MAX_FILE_BYTES;
    if bytes.len() > limit {
        return Err(ApiError::new(
            ErrorCode::Validation,
            format!(
                "A photo can be at most {} MB; this one is {:.1} MB",
                limit >> 20,
                bytes.len() as f64 / f64::from(1 << 20)
            ),
            Some("bytes".to_owned()),
        ));
    }
    run_call(service, events, session, Some(bytes), name, request)
}

/// Runs the command called `name` for whoever is signed in at `session`, once they may; a
/// panic inside it is answered as an error.
fn run_call(
    service: &Service,
    events: &dyn Events,
    session: &SessionHandle,
    bytes: Option<&[u8]>,
    name: &str,
    request: Value,
) -> Reply<Value> {
    let Some(command) = command(name) else {
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            format!("There is no command called {name}"),
            None,
        ));
    };
    let caller = service.authorize(session, command.permission)?;
    let request_client =
        changes::areas_of(name).and_then(|_| changes::client_in_request(name, &request));
    let call = Call {
        service,
        events,
        session,
        caller,
        bytes,
    };
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_named(&call, name, request)
    }));
    match outcome {
        Ok(Some(Ok(response))) => {
            if let Some(changed) = changes::changed_by(name, request_client, &response) {
                let payload = serde_json::to_value(changed).expect("a change serialises");
                events.emit(changes::CHANGED, payload);
            }
            Ok(response)
        }
        Ok(Some(Err(error))) => Err(error),
        Ok(None) => Err(ApiError::new(
            ErrorCode::BadRequest,
            format!("There is no command called {name}"),
            None,
        )),
        Err(_) => Err(ApiError::new(
            ErrorCode::Storage,
            format!("{name} failed unexpectedly; nothing it started was saved"),
            None,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::is_out_of_range_date;

    #[test]
    fn only_dates_with_a_year_past_four_digits_are_out_of_range() {
        for out in [
            "+262142-12-31",
            "-0001-01-01",
            "12026-01-01",
            "+262142-12-31T23:59:59",
        ] {
            assert!(is_out_of_range_date(out), "{out}");
        }
        for fine in [
            "2026-06-15",
            "2026-06-15T10:00:00",
            "+44-20-7946-0000",
            "07700-900-001",
            "-3",
            "",
        ] {
            assert!(!is_out_of_range_date(fine), "{fine}");
        }
    }
}
