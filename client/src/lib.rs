//! The workstation's side of a Hairline clinic server (`docs/ARCHITECTURE.md`, "The clinic
//! server"): pairing with a short code, then every call over HTTPS to the one server whose
//! certificate was pinned at pairing. Used by the desktop shell's connected mode, the server's
//! tests and its load benchmark. Blocking: the shell calls it on blocking threads.
//!
//! Every failure is a core [`ApiError`]: the server's own answer unchanged, or `offline` (the
//! server cannot be reached; nothing was saved), `certificate_mismatch` (not the paired server),
//! `version_skew`, `pairing_refused`, `device_not_paired`.

mod connection;
mod events;
mod exports;
mod pinning;

pub use connection::{pair, Connection, Health, Pairing, SessionToken};
pub use events::{EventStream, ServerEvent};
pub use hairline::{ApiError, ErrorCode};
pub use pinning::fingerprint_of;

/// The header naming the command table's version on every request.
pub const API_HEADER: &str = "hairline-api";
/// The header carrying a workstation's session.
pub const SESSION_HEADER: &str = "hairline-session";
/// The header carrying a photo's request (percent-encoded JSON), as the desktop's IPC does.
pub use hairline::api::from_shell::REQUEST_HEADER;
