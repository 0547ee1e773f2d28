//! A clinic server as the window's practice: every call of the window goes to the server over
//! HTTPS (its certificate pinned at pairing), with one server session per window. Each window's
//! event stream is followed on a thread of its own: its events (`changed`, progress) reach that
//! window as Tauri events of the same name; a stream silent for 5 seconds tells the window it is
//! offline (`connection` event), and the thread reconnects by itself, telling the window it is
//! back and that its screens should reload what they missed.
//!
//! An export command writes its file on the server; the workstation brings it home (into its
//! own Downloads, else its data folder's `exports/`) and answers the window the path here, so
//! the window shows a file its user can open.

use crate::connection::PairedServer;
use crate::ipc::Request;
use crate::workstation::DataDir;
use hairline::exchange::export_file::{exports_folder_in, prune_exports, writes_an_export};
use hairline::{ApiError, ErrorCode};
use hairline_client::{Connection, SessionToken};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// How long the event thread waits before trying an unreachable server again.
const RETRY: Duration = Duration::from_secs(1);

/// Sends an event (name, payload) to one window (by label).
type ToWindow = dyn Fn(&str, &str, Value) + Send + Sync;

/// The server this workstation works on, and each window's session there.
pub struct ClinicServer {
    paired: PairedServer,
    connection: Arc<Connection>,
    windows: Mutex<HashMap<String, Arc<WindowLink>>>,
    to_window: Arc<ToWindow>,
}

/// One window's session on the server, and whether its event stream is alive.
struct WindowLink {
    session: Mutex<SessionToken>,
    online: AtomicBool,
}

impl WindowLink {
    fn session(&self) -> SessionToken {
        self.session
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl ClinicServer {
    /// The paired server (nothing is sent until the window's first call).
    pub fn new<R: Runtime>(app: AppHandle<R>, paired: PairedServer) -> Result<Self, ApiError> {
        let connection = Connection::new(paired.pairing.clone())?;
        let to_window: Arc<ToWindow> = Arc::new(move |window: &str, name: &str, payload| {
            let _ = app.emit_to(window, name, payload);
        });
        Ok(Self {
            paired,
            connection: Arc::new(connection),
            windows: Mutex::new(HashMap::new()),
            to_window,
        })
    }

    pub fn paired(&self) -> &PairedServer {
        &self.paired
    }

    /// Whether the server answers (every window's event stream is alive).
    pub fn online(&self) -> bool {
        self.windows
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .all(|link| link.online.load(Ordering::SeqCst))
    }

    /// The window's session on the server, opened (and its events followed) on its first call.
    fn link(&self, window: &str) -> Result<Arc<WindowLink>, ApiError> {
        let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(link) = windows.get(window) {
            return Ok(link.clone());
        }
        let link = Arc::new(WindowLink {
            session: Mutex::new(self.connection.open_session()?),
            online: AtomicBool::new(true),
        });
        windows.insert(window.to_owned(), link.clone());
        let follower = Follower {
            connection: self.connection.clone(),
            link: link.clone(),
            window: window.to_owned(),
            to_window: self.to_window.clone(),
        };
        std::thread::Builder::new()
            .name(format!("hairline-events-{window}"))
            .spawn(move || follower.follow())
            .map_err(|e| {
                ApiError::new(
                    ErrorCode::Storage,
                    format!("Could not follow the server's events: {e}"),
                    None,
                )
            })?;
        Ok(link)
    }

    /// Runs the window's command on the server.
    pub fn answer<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        window: &str,
        name: &str,
        request: Request<'_>,
    ) -> Result<Value, ApiError> {
        if let Request::Dialog(_) = request {
            return Err(ApiError::new(
                ErrorCode::BadRequest,
                "This workstation works on the clinic server, which takes the backups itself: \
                 backing up to or restoring from a file of this computer is done on the server"
                    .to_owned(),
                None,
            ));
        }
        let link = self.link(window)?;
        if !link.online.load(Ordering::SeqCst) {
            // Known to be out of reach: refused at once rather than left waiting on a silent
            // server; the form stays as typed, to be saved again once the server is back.
            return Err(offline(&self.paired.pairing.address));
        }
        let session = link.session();
        let answer = match request {
            Request::Json(request) => self.connection.call(&session, name, request),
            Request::Bytes(request, bytes) => {
                self.connection
                    .call_with_bytes(&session, name, request, bytes.to_vec())
            }
            Request::Dialog(_) => unreachable!("refused above"),
        };
        if let (Ok(counts), "recall_counts") = (&answer, name) {
            crate::notify::on_window_counts(app, counts);
        }
        if let Err(error) = &answer {
            if error.code == ErrorCode::Offline {
                // Said at once, before the event stream notices the silence.
                set_online(&link, window, &*self.to_window, false);
            }
        }
        if !writes_an_export(name) {
            return answer;
        }
        let into = exports_folder(app)?;
        self.connection
            .bring_export_home(&session, name, answer?, &into)
    }

    /// A photo's bytes (or its thumbnail's), fetched for the window's session.
    pub fn photo(&self, window: &str, sha256: &str, thumbnail: bool) -> Result<Vec<u8>, ApiError> {
        let link = self.link(window)?;
        self.connection.photo(&link.session(), sha256, thumbnail)
    }
}

/// Where this workstation keeps the exports it brings home: the user's Downloads folder, else its
/// data folder's `exports/` (kept as the desktop keeps it: a month, at most fifty).
fn exports_folder<R: Runtime>(app: &AppHandle<R>) -> Result<PathBuf, ApiError> {
    if let Some(downloads) = crate::downloads_folder(app) {
        return Ok(downloads);
    }
    let data_dir = app.try_state::<DataDir>().ok_or_else(|| {
        ApiError::new(
            ErrorCode::Storage,
            "This workstation has neither a Downloads folder nor a data folder to keep exports in",
            None,
        )
    })?;
    let exports = exports_folder_in(&data_dir.0);
    if let Err(e) = prune_exports(&exports, chrono::Utc::now()) {
        eprintln!(
            "hairline: old exports in {} not removed: {e}",
            exports.display()
        );
    }
    Ok(exports)
}

/// The refusal of a call while the server is known to be out of reach.
fn offline(address: &str) -> ApiError {
    ApiError::new(
        ErrorCode::Offline,
        format!(
            "The clinic server ({address}) does not answer: nothing was saved. \
             Save again once it is back."
        ),
        None,
    )
}

/// Tells the window when its server stops or starts answering.
fn set_online(link: &WindowLink, window: &str, to_window: &ToWindow, online: bool) {
    if link.online.swap(online, Ordering::SeqCst) != online {
        to_window(window, "connection", json!({ "online": online }));
    }
}

/// Follows one window's event stream for the app's lifetime.
struct Follower {
    connection: Arc<Connection>,
    link: Arc<WindowLink>,
    window: String,
    to_window: Arc<ToWindow>,
}

impl Follower {
    fn follow(self) {
        loop {
            match self.connection.events(&self.link.session()) {
                Ok(stream) => {
                    let was_offline = !self.link.online.load(Ordering::SeqCst);
                    self.set_online(true);
                    if was_offline {
                        // Whatever changed while the server was out of reach: every open
                        // screen reloads.
                        self.tell("changed", reconnected());
                    }
                    for event in stream {
                        match event {
                            Ok(event) => self.tell(&event.name, event.payload),
                            Err(_) => break,
                        }
                    }
                }
                Err(error) if error.code == ErrorCode::Unauthenticated => {
                    // The server restarted and forgot its sessions: a new one (whoever was
                    // signed in here signs in again).
                    if let Ok(session) = self.connection.open_session() {
                        *self
                            .link
                            .session
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner) = session;
                        continue;
                    }
                }
                Err(_) => {}
            }
            self.set_online(false);
            std::thread::sleep(RETRY);
        }
    }

    fn set_online(&self, online: bool) {
        set_online(&self.link, &self.window, &*self.to_window, online);
    }

    fn tell(&self, name: &str, payload: Value) {
        (self.to_window)(&self.window, name, payload);
    }
}

/// The `changed` event a window gets when its server answers again: every area, no client in
/// particular.
fn reconnected() -> Value {
    json!({
        "command": "reconnected",
        "areas": ["clients", "record", "calendar", "recalls", "today", "catalogue", "clinic", "staff"],
        "client_id": null,
    })
}
