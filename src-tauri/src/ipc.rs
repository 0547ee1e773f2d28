//! The window's calls, answered from the core's command table: one invoke handler for every
//! command, each run on a blocking thread (never the window's) through `hairline::api::dispatch`.
//! Tauri's ACL has already checked the command against the capability before it gets here.

use crate::shell::WindowEvents;
use hairline::api::{dispatch, Service, SessionHandle};
use hairline::{ApiError, ErrorCode};
use std::collections::HashMap;
use std::sync::Mutex;
use tauri::ipc::{Invoke, InvokeBody};
use tauri::{Manager, Runtime};

/// Answers one call from the window; `false` for a name the table does not have.
pub fn handle<R: Runtime>(invoke: Invoke<R>) -> bool {
    let name = invoke.message.command().to_owned();
    if hairline::api::command(&name).is_none() {
        return false;
    }
    let webview = invoke.message.webview();
    let app = webview.app_handle().clone();
    let session = app.state::<WindowSessions>().of(webview.label());
    let request = match invoke.message.payload() {
        InvokeBody::Json(value) => Ok(value.clone()),
        InvokeBody::Raw(_) => Err(ApiError::new(
            ErrorCode::BadRequest,
            "The request could not be read: expected a JSON object".to_owned(),
            None,
        )),
    };
    let resolver = invoke.resolver;
    tauri::async_runtime::spawn_blocking(move || {
        let reply = request.and_then(|request| {
            let service = app.state::<Service>();
            dispatch(
                &service,
                &WindowEvents(app.clone()),
                &session,
                &name,
                request,
            )
        });
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
