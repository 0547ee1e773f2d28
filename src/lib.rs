//! Hairline's core: the clinical record of a scalp micropigmentation clinic over SQLite.
//!
//! Every rule lives here — validation, dates, signing, audit — behind the use cases on
//! [`Practice`]. It knows nothing of Tauri or the UI, and it is the only code that speaks SQL.

pub mod audit;
pub mod clock;
mod codes;
pub mod error;
pub mod ids;
pub mod practice;

pub use audit::{Actor, AuditEntry};
pub use clock::{Clock, FixedClock};
pub use error::{ApiError, Error, ErrorCode, Result};
pub use ids::*;
pub use practice::{Practice, APPLICATION_ID, SCHEMA_VERSION};
