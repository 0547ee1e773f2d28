//! The window's calls, answered from the core's command table: one invoke handler for every
//! command, each run on a blocking thread (never the window's) through `hairline::api::dispatch`.
//! Tauri's ACL has already checked the command against the capability before it gets here.
//!
//! What the table says the shell supplies ([`FromShell`]) is supplied here: for a command whose
//! file the user chooses, the window sends `{}` and the shell opens the dialog (a cancelled
//! dialog answers `null`); a command carrying a file's bytes is sent them as the raw body, its
//! JSON request percent-encoded in the `hairline-request` header.
//!
//! The practice is this computer's (the core's `Service`, called in-process) or, on a workstation
//! connected to a clinic server, the server's ([`ClinicServer`]: the same call over HTTPS). The
//! shell's own commands — how this workstation connects — are answered by [`workstation`].

use crate::clinic_server::ClinicServer;
use crate::file_dialog::FileChooser;
use crate::shell::WindowEvents;
use crate::trace_startup;
use crate::workstation;
use hairline::api::from_shell::{request_in_header, REQUEST_HEADER};
use hairline::api::{dispatch, dispatch_with_bytes, FromShell, Service, SessionHandle};
use hairline::{ApiError, ErrorCode};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Mutex;
use tauri::ipc::{Invoke, InvokeBody, InvokeMessage};
use tauri::{AppHandle, Manager, Runtime};

/// Answers one call from the window; `false` for a name neither the shell nor the table has.
pub fn handle<R: Runtime>(invoke: Invoke<R>) -> bool {
    let name = invoke.message.command().to_owned();
    let webview = invoke.message.webview();
    let app = webview.app_handle().clone();
    let window = webview.label().to_owned();
    let (message, resolver) = (invoke.message, invoke.resolver);
    if workstation::is_shell_command(&name) {
        tauri::async_runtime::spawn_blocking(move || {
            let request = match message.payload() {
                InvokeBody::Json(request) => request.clone(),
                InvokeBody::Raw(_) => Value::Null,
            };
            match workstation::answer(&app, &name, request) {
                Ok(value) => resolver.resolve(value),
                Err(error) => resolver.reject(error),
            }
        });
        return true;
    }
    let Some(command) = hairline::api::command(&name) else {
        return false;
    };
    let needs = (command.from_shell)();
    let asked = std::time::Instant::now();
    tauri::async_runtime::spawn_blocking(move || {
        let reply =
            read_request(needs, &message).and_then(|request| answer(&app, &window, &name, request));
        trace_startup::answered(&name, asked);
        match reply {
            Ok(value) => resolver.resolve(value),
            Err(error) => resolver.reject(error),
        }
    });
    true
}

/// The opaque session handle of each window: who is signed in there is the core's to know; the
/// shell only passes the handle along with each call.
#[derive(Default)]
pub struct WindowSessions(Mutex<HashMap<String, SessionHandle>>);

impl WindowSessions {
    pub(crate) fn of(&self, window: &str) -> SessionHandle {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.entry(window.to_owned()).or_default().clone()
    }
}

pub(crate) fn bad_request(message: &str) -> ApiError {
    ApiError::new(ErrorCode::BadRequest, message.to_owned(), None)
}

/// What a window sent for a command, read as the table says the command takes it.
pub(crate) enum Request<'a> {
    /// The whole request, as JSON.
    Json(Value),
    /// `{}` for a command whose file the user chooses in the shell's dialog.
    Dialog(FromShell),
    /// A file's bytes, and the rest of the request as JSON.
    Bytes(Value, &'a [u8]),
}

/// Reads the window's message for a command that `needs` what the shell supplies.
fn read_request<R: Runtime>(
    needs: FromShell,
    message: &InvokeMessage<R>,
) -> Result<Request<'_>, ApiError> {
    match (needs, message.payload()) {
        (FromShell::Nothing, InvokeBody::Json(request)) => Ok(Request::Json(request.clone())),
        (FromShell::SaveDialog(_) | FromShell::OpenDialog(_), InvokeBody::Json(request)) => {
            if request.as_object().is_none_or(|fields| !fields.is_empty()) {
                return Err(bad_request(
                    "The window cannot name a file: Hairline asks for it in its own dialog",
                ));
            }
            Ok(Request::Dialog(needs))
        }
        (FromShell::Bytes, InvokeBody::Raw(bytes)) => {
            let request = message
                .headers()
                .get(REQUEST_HEADER)
                .and_then(|value| value.to_str().ok())
                .and_then(request_in_header)
                .ok_or_else(|| {
                    bad_request("The request could not be read: expected it as JSON in its header")
                })?;
            Ok(Request::Bytes(request, bytes))
        }
        (FromShell::Bytes, InvokeBody::Json(_)) => Err(bad_request(
            "The request could not be read: expected the file's bytes as its body",
        )),
        (_, InvokeBody::Raw(_)) => Err(bad_request(
            "The request could not be read: expected a JSON object",
        )),
    }
}

/// Runs the command on the window's practice: the clinic server's when this workstation is
/// connected to one, else this computer's.
fn answer<R: Runtime>(
    app: &AppHandle<R>,
    window: &str,
    name: &str,
    request: Request<'_>,
) -> Result<Value, ApiError> {
    if let Some(server) = app.try_state::<ClinicServer>() {
        return server.answer(app, window, name, request);
    }
    let service = app
        .try_state::<Service>()
        .ok_or_else(workstation::not_chosen)?;
    let session = app.state::<WindowSessions>().of(window);
    answer_locally(app, &service, &session, name, request)
}

/// Runs the command on this computer's practice with what the window sent and what the shell
/// supplies.
fn answer_locally<R: Runtime>(
    app: &AppHandle<R>,
    service: &Service,
    session: &SessionHandle,
    name: &str,
    request: Request<'_>,
) -> Result<Value, ApiError> {
    let events = WindowEvents(app.clone());
    match request {
        Request::Json(request) => dispatch(service, &events, session, name, request),
        Request::Dialog(needs) => {
            // Someone who may not run the command is refused before any dialog opens.
            service.allows(session, name)?;
            let chooser = app
                .try_state::<FileChooser>()
                .ok_or_else(|| bad_request("This window cannot open a file dialog"))?;
            match chooser.choose(&needs) {
                // Cancelled: nothing happened.
                None => Ok(Value::Null),
                Some(path) => dispatch(
                    service,
                    &events,
                    session,
                    name,
                    serde_json::json!({ "path": path.display().to_string() }),
                ),
            }
        }
        Request::Bytes(request, bytes) => {
            dispatch_with_bytes(service, &events, session, name, request, bytes)
        }
    }
}
