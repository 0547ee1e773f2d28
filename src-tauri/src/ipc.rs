//! The window's calls, answered from the core's command table: one invoke handler for every
//! command, each run on a blocking thread (never the window's) through `hairline::api::dispatch`.
//! Tauri's ACL has already checked the command against the capability before it gets here.
//!
//! What the table says the shell supplies ([`FromShell`]) is supplied here: for a command whose
//! file the user chooses, the window sends `{}` and the shell opens the dialog (a cancelled
//! dialog answers `null`); a command carrying a file's bytes is sent them as the raw body, its
//! JSON request percent-encoded in the `hairline-request` header.

use crate::file_dialog::FileChooser;
use crate::shell::WindowEvents;
use hairline::api::from_shell::{request_in_header, REQUEST_HEADER};
use hairline::api::{dispatch, dispatch_with_bytes, FromShell, Service, SessionHandle};
use hairline::{ApiError, ErrorCode};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Mutex;
use tauri::ipc::{Invoke, InvokeBody, InvokeMessage};
use tauri::{AppHandle, Manager, Runtime};

/// Answers one call from the window; `false` for a name the table does not have.
pub fn handle<R: Runtime>(invoke: Invoke<R>) -> bool {
    let name = invoke.message.command().to_owned();
    let Some(command) = hairline::api::command(&name) else {
        return false;
    };
    let needs = (command.from_shell)();
    let webview = invoke.message.webview();
    let app = webview.app_handle().clone();
    let session = app.state::<WindowSessions>().of(webview.label());
    let (message, resolver) = (invoke.message, invoke.resolver);
    tauri::async_runtime::spawn_blocking(move || {
        let reply = answer(&app, &session, &name, needs, &message);
        if name == "list_clients" {
            trace_first_list();
        }
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
    fn of(&self, window: &str) -> SessionHandle {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.entry(window.to_owned()).or_default().clone()
    }
}

fn bad_request(message: &str) -> ApiError {
    ApiError::new(ErrorCode::BadRequest, message.to_owned(), None)
}

/// Runs the command with what the window sent and what the shell supplies.
fn answer<R: Runtime>(
    app: &AppHandle<R>,
    session: &SessionHandle,
    name: &str,
    needs: FromShell,
    message: &InvokeMessage<R>,
) -> Result<Value, ApiError> {
    let service = app.state::<Service>();
    let events = WindowEvents(app.clone());
    match (needs, message.payload()) {
        (FromShell::Nothing, InvokeBody::Json(request)) => {
            dispatch(&service, &events, session, name, request.clone())
        }
        (FromShell::SaveDialog(_) | FromShell::OpenDialog(_), InvokeBody::Json(request)) => {
            if request.as_object().is_none_or(|fields| !fields.is_empty()) {
                return Err(bad_request(
                    "The window cannot name a file: Hairline asks for it in its own dialog",
                ));
            }
            // Someone who may not run the command is refused before any dialog opens.
            service.allows(session, name)?;
            let chooser = app
                .try_state::<FileChooser>()
                .ok_or_else(|| bad_request("This window cannot open a file dialog"))?;
            match chooser.choose(&needs) {
                // Cancelled: nothing happened.
                None => Ok(Value::Null),
                Some(path) => dispatch(
                    &service,
                    &events,
                    session,
                    name,
                    serde_json::json!({ "path": path.display().to_string() }),
                ),
            }
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
            dispatch_with_bytes(&service, &events, session, name, request, bytes)
        }
        (FromShell::Bytes, InvokeBody::Json(_)) => Err(bad_request(
            "The request could not be read: expected the file's bytes as its body",
        )),
        (_, InvokeBody::Raw(_)) => Err(bad_request(
            "The request could not be read: expected a JSON object",
        )),
    }
}

/// With `HAIRLINE_TRACE_STARTUP` set, prints (once) the wall-clock time at which the first
/// client list was served, so cold start can be measured from outside the process.
fn trace_first_list() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    if std::env::var_os("HAIRLINE_TRACE_STARTUP").is_some() {
        ONCE.call_once(|| {
            let ms = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis())
                .unwrap_or_default();
            eprintln!("hairline: first client list served at {ms} ms since the epoch");
        });
    }
}
