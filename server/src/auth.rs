//! Who is calling: the paired device (its bearer token, looked up hashed in the database on
//! every request, so a revocation takes effect at once; when it was last seen is recorded at
//! most once a minute) and the session it opened (one per
//! desktop window; the core keeps who is signed in at it, as it does for a window).

use crate::wire::{refusal, Refusal, SESSION_HEADER};
use axum::http::HeaderMap;
use hairline::access::devices::PairedDevice;
use hairline::api::{Service, SessionHandle};
use hairline::ErrorCode;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// The sessions opened on this server and the device each belongs to (in memory: a restart
/// signs everyone out, as closing the app does).
#[derive(Default)]
pub(crate) struct Sessions(Mutex<HashMap<String, String>>);

impl Sessions {
    /// A new session for `device`.
    pub(crate) fn open(&self, device: &PairedDevice) -> SessionHandle {
        let handle = SessionHandle::new();
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(handle.token().to_owned(), device.id.clone());
        handle
    }

    /// The session named in `headers`, if `device` opened it.
    pub(crate) fn of(
        &self,
        device: &PairedDevice,
        headers: &HeaderMap,
    ) -> Result<SessionHandle, Refusal> {
        let token = headers
            .get(SESSION_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let owner = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(token)
            .cloned();
        match owner {
            Some(owner) if owner == device.id => Ok(SessionHandle::from_token(token)),
            _ => Err(refusal(
                ErrorCode::Unauthenticated,
                "This window's session on the clinic server has ended (the server restarted, or it was \
                 never opened): sign in again",
            )),
        }
    }
}

/// The paired, unrevoked device whose token `headers` carry.
pub(crate) fn device(service: &Service, headers: &HeaderMap) -> Result<PairedDevice, Refusal> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    let not_paired = || {
        refusal(
            ErrorCode::DeviceNotPaired,
            "This workstation is not paired with the clinic server (or a manager revoked it): pair it \
             again with a code from a manager",
        )
    };
    if token.is_empty() {
        return Err(not_paired());
    }
    let device = service
        .with_reader(|p| p.device_with_token(token))?
        .ok_or_else(not_paired)?;
    if device.seen_long_ago(service.clock().now()) {
        // The workstations list shows when each was last seen; a failure (a damaged practice
        // refuses writes) must not turn the request away.
        if let Err(e) = service.with_practice(|p| p.record_device_seen(&device.id)) {
            tracing::warn!(device = %device.id, error = %e.message, "could not record that a workstation was seen");
        }
    }
    Ok(device)
}
