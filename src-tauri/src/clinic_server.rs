//! A clinic server as the window's practice: every call of the window goes to the server over
//! HTTPS (its certificate pinned), with one server session per window; its events come back
//! as Tauri events to that window, and a silent stream marks the window offline.

use crate::connection::PairedServer;
use crate::ipc::Request;
use hairline::{ApiError, ErrorCode};
use serde_json::Value;
use tauri::{AppHandle, Runtime};

/// What pairing answers.
pub struct Pairing {
    pub address: String,
    pub fingerprint: String,
    pub device_token: String,
}

fn unavailable() -> ApiError {
    ApiError::new(ErrorCode::BadRequest, "not yet".to_owned(), None)
}

/// Pairs with the server at `address` with the one-time `code` it shows.
pub fn pair(_address: &str, _code: &str, _device_name: &str) -> Result<Pairing, ApiError> {
    Err(unavailable())
}

pub struct ClinicServer {
    paired: PairedServer,
}

impl ClinicServer {
    pub fn new<R: Runtime>(_app: AppHandle<R>, paired: PairedServer) -> Result<Self, ApiError> {
        Ok(Self { paired })
    }

    pub fn paired(&self) -> &PairedServer {
        &self.paired
    }

    pub fn online(&self) -> bool {
        false
    }

    pub fn answer<R: Runtime>(
        &self,
        _app: &AppHandle<R>,
        _window: &str,
        _name: &str,
        _request: Request<'_>,
    ) -> Result<Value, ApiError> {
        Err(unavailable())
    }

    pub fn photo(
        &self,
        _window: &str,
        _sha256: &str,
        _thumbnail: bool,
    ) -> Result<Vec<u8>, ApiError> {
        Err(unavailable())
    }
}
