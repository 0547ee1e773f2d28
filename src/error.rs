//! The one error type of the core, and the `{code, message, field}` shape it takes at the UI boundary.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Everything a core use case can refuse or fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A record the caller named does not exist.
    #[error("{entity} {id} was not found")]
    NotFound { entity: &'static str, id: String },

    /// An input field is missing or out of bounds; `field` is the input's path (e.g. `zones[1].depth_mm`).
    #[error("{message}")]
    Validation { field: String, message: String },

    /// Several fields of one form are wrong: every one of them, in the form's order, so the
    /// person sees them all at once (see `validate::Problems`).
    #[error("{}", summary(.0))]
    Invalid(Vec<FieldProblem>),

    /// A clinical or business rule stops the write (contraindication, expired lot, signed record, …).
    /// `field` names the input that triggered it when there is one.
    #[error("{message}")]
    Refused {
        field: Option<String>,
        message: String,
    },

    /// The write clashes with data already there (a duplicate number, a session recorded twice, …).
    #[error("{message}")]
    Conflict {
        field: Option<String>,
        message: String,
    },

    /// The client has no valid signed treatment consent for the day of the session. The
    /// practitioner may go ahead only by acknowledging it explicitly (the acknowledgement is audited).
    #[error("{message}")]
    ConsentMissing { field: String, message: String },

    /// The database file was written by a newer Hairline; it is left untouched.
    #[error(
        "this database uses schema version {found}, but this version of Hairline only knows up to {supported}; \
         update Hairline to open it (the file was not changed)"
    )]
    SchemaTooNew { found: i64, supported: i64 },

    /// The file is not a database Hairline can use.
    #[error("{0}")]
    NotAPracticeDatabase(String),

    /// The database file fails SQLite's integrity check (or cannot be read as a database at
    /// all): restore it from a backup. Nothing was written to it.
    #[error("{0}")]
    Damaged(String),

    /// A file outside the database (a backup, an import, an export) could not be read or written.
    #[error("{path}: {message}")]
    File { path: String, message: String },

    /// SQLite itself failed (disk, corruption, a trigger that guards signed records, …).
    #[error("storage error: {0}")]
    Storage(#[from] rusqlite::Error),

    /// Nobody is signed in at this workstation, or it is locked: the command needs someone.
    #[error("{0}")]
    Unauthenticated(String),

    /// The signed-in person's role does not allow this (the message names the permission), or
    /// the record is someone else's to sign.
    #[error("{0}")]
    Forbidden(String),

    /// Too many wrong passwords, PINs or setup codes for one account: the next attempt is
    /// allowed only after `wait_seconds`.
    #[error("{message}")]
    TooManyAttempts { message: String, wait_seconds: u64 },

    /// A schema migration failed; nothing was applied.
    #[error("database migration failed: {0}")]
    Migration(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One field's problem: its input path and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

/// "First name is required (and 3 more problems)".
fn summary(problems: &[FieldProblem]) -> String {
    match problems {
        [] => "The form has problems".to_owned(),
        [only] => only.message.clone(),
        [first, rest @ ..] => format!(
            "{} (and {} more {})",
            first.message,
            rest.len(),
            if rest.len() == 1 {
                "problem"
            } else {
                "problems"
            }
        ),
    }
}

impl Error {
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn refused(field: Option<&str>, message: impl Into<String>) -> Self {
        Error::Refused {
            field: field.map(str::to_owned),
            message: message.into(),
        }
    }

    pub fn conflict(field: Option<&str>, message: impl Into<String>) -> Self {
        Error::Conflict {
            field: field.map(str::to_owned),
            message: message.into(),
        }
    }

    /// A failed file operation on `path`, in words a person can act on.
    pub fn file(path: &std::path::Path, err: &std::io::Error) -> Self {
        Error::File {
            path: path.display().to_string(),
            message: err.to_string(),
        }
    }

    pub fn not_found(entity: &'static str, id: impl ToString) -> Self {
        Error::NotFound {
            entity,
            id: id.to_string(),
        }
    }

    /// The small, stable code the UI switches on (it never matches on message text).
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Validation { .. } | Error::Invalid(_) => ErrorCode::Validation,
            Error::Refused { .. } => ErrorCode::Refused,
            Error::Conflict { .. } => ErrorCode::Conflict,
            Error::ConsentMissing { .. } => ErrorCode::ConsentMissing,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::NotAPracticeDatabase(_) => ErrorCode::NotAPracticeDatabase,
            Error::Damaged(_) => ErrorCode::Damaged,
            Error::File { .. } => ErrorCode::File,
            Error::Storage(_) | Error::Migration(_) => ErrorCode::Storage,
            Error::Unauthenticated(_) => ErrorCode::Unauthenticated,
            Error::Forbidden(_) => ErrorCode::Forbidden,
            Error::TooManyAttempts { .. } => ErrorCode::TooManyAttempts,
        }
    }

    /// The input field the error concerns, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Validation { field, .. } | Error::ConsentMissing { field, .. } => Some(field),
            Error::Refused { field, .. } | Error::Conflict { field, .. } => field.as_deref(),
            Error::Invalid(problems) => problems.first().map(|p| p.field.as_str()),
            _ => None,
        }
    }

    /// The serialisable form of this error, as the UI receives it.
    pub fn to_api(&self) -> ApiError {
        ApiError {
            code: self.code(),
            message: self.to_string(),
            field: self.field().map(str::to_owned),
            problems: match self {
                Error::Invalid(problems) => Some(problems.clone()),
                _ => None,
            },
            wait_seconds: match self {
                Error::TooManyAttempts { wait_seconds, .. } => Some(*wait_seconds),
                _ => None,
            },
        }
    }
}

/// What kind of failure an [`ApiError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    Validation,
    Refused,
    Conflict,
    /// No valid signed treatment consent: show the blocking warning, and resend with the
    /// acknowledgement if the practitioner goes ahead.
    ConsentMissing,
    SchemaTooNew,
    NotAPracticeDatabase,
    /// The database fails its integrity check: offer a restore from a backup.
    Damaged,
    /// A file (backup, import, export) could not be read or written.
    File,
    Storage,
    /// The request itself could not be read (wrong shape or type); produced by the shell.
    BadRequest,
    /// Nobody is signed in, or the workstation is locked: show the sign-in or lock screen.
    Unauthenticated,
    /// The signed-in person may not do this.
    Forbidden,
    /// Too many wrong attempts: `wait_seconds` says when the next one is allowed.
    TooManyAttempts,
    // ---- a clinic server and its workstations (the server's protocol, not the core) ----
    /// The clinic server cannot be reached: nothing was saved; try again when it is back.
    Offline,
    /// The workstation and the server speak different versions of the command table: the
    /// message says which to update.
    VersionSkew,
    /// A pairing code that is wrong, expired or already used.
    PairingRefused,
    /// This workstation is not (or no longer) paired with the server: pair it again.
    DeviceNotPaired,
    /// The server answered with a certificate other than the one pinned when pairing (or, while
    /// pairing, one the code does not name): nothing was sent to it.
    CertificateMismatch,
}

/// An error as it crosses to the UI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
    /// When several fields are wrong, every one of them (the first is `field`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub problems: Option<Vec<FieldProblem>>,
    /// After too many wrong attempts: seconds until the next attempt is allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub wait_seconds: Option<u64>,
}

impl ApiError {
    /// An error about one field (or none), without a list of problems.
    pub fn new(code: ErrorCode, message: impl Into<String>, field: Option<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            field,
            problems: None,
            wait_seconds: None,
        }
    }
}
