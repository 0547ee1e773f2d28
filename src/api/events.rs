//! Progress a long command reports while it runs (a backup's pages, an import's rows), sent by
//! each transport its own way: Tauri events to the window, server-sent events over HTTPS.

use serde_json::Value;

/// A backup's or restore's progress ([`crate::db::backup::CopyProgress`]).
pub const BACKUP_PROGRESS: &str = "backup-progress";
/// A CSV import's progress ([`crate::exchange::import::ImportProgress`]).
pub const IMPORT_PROGRESS: &str = "import-progress";

/// Where a command's progress goes.
pub trait Events: Send + Sync {
    /// Sends `payload` as the event called `name`.
    fn emit(&self, name: &str, payload: Value);
}

/// Progress nobody watches (the CLI, tests).
pub struct NoEvents;

impl Events for NoEvents {
    fn emit(&self, _name: &str, _payload: Value) {}
}
