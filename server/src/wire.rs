//! How the core's answers travel: each `ApiError` as its JSON with the HTTP status of its code,
//! and the version check every request passes (a workstation of another command-table version
//! is refused, told which side to update).

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use hairline::api::API_VERSION;
use hairline::{ApiError, ErrorCode};

/// The header naming the command table's version.
pub(crate) const API_HEADER: &str = "hairline-api";
/// The header carrying a workstation's session.
pub(crate) const SESSION_HEADER: &str = "hairline-session";

/// An error answered to a workstation.
pub(crate) struct Refusal(pub ApiError);

impl From<ApiError> for Refusal {
    fn from(error: ApiError) -> Self {
        Refusal(error)
    }
}

pub(crate) fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::Validation
        | ErrorCode::BadRequest
        | ErrorCode::Refused
        | ErrorCode::ConsentMissing
        | ErrorCode::CertificateMismatch => StatusCode::BAD_REQUEST,
        ErrorCode::Conflict | ErrorCode::VersionSkew => StatusCode::CONFLICT,
        ErrorCode::Unauthenticated | ErrorCode::PairingRefused | ErrorCode::DeviceNotPaired => {
            StatusCode::UNAUTHORIZED
        }
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::Offline => StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::SchemaTooNew
        | ErrorCode::NotAPracticeDatabase
        | ErrorCode::Damaged
        | ErrorCode::File
        | ErrorCode::Storage => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (status_of(self.0.code), Json(self.0)).into_response()
    }
}

pub(crate) fn refusal(code: ErrorCode, message: impl Into<String>) -> Refusal {
    Refusal(ApiError::new(code, message, None))
}

/// Refuses a request whose command-table version is not this server's, saying which to update.
pub(crate) fn check_version(headers: &HeaderMap) -> Result<(), Refusal> {
    let theirs = headers
        .get(API_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u32>().ok());
    let message = match theirs {
        Some(v) if v == API_VERSION => return Ok(()),
        Some(v) if v < API_VERSION => format!(
            "This workstation runs an older Hairline (command table version {v}) than the clinic server \
             (version {API_VERSION}): update Hairline on this workstation"
        ),
        Some(v) => format!(
            "The clinic server runs an older Hairline (command table version {API_VERSION}) than this \
             workstation (version {v}): update Hairline on the server"
        ),
        None => format!(
            "The request did not say which version of Hairline sent it (header {API_HEADER}); this \
             server speaks command table version {API_VERSION}"
        ),
    };
    Err(refusal(ErrorCode::VersionSkew, message))
}

/// A core call that could not run at all (its blocking thread failed).
pub(crate) fn join_failed(e: tokio::task::JoinError) -> Refusal {
    refusal(
        ErrorCode::Storage,
        format!("The command stopped unexpectedly ({e}); nothing it started was saved"),
    )
}
