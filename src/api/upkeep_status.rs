//! What background upkeep is doing and what it found, as the window shows it (the status line,
//! the damage banner): kept by the service, changed by upkeep.

use serde::Serialize;
use ts_rs::TS;

/// What upkeep is doing now, for the window's status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UpkeepTask {
    /// SQLite's quick check of the database, at start.
    QuickCheck,
    /// The day's automatic backup: the database's pages.
    Backup,
    /// The day's automatic backup: the photos it references.
    BackupPhotos,
    /// The full integrity check (weekly, or at start after one found damage).
    IntegrityCheck,
}

/// Upkeep as the window shows it: what runs now, and what it found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct UpkeepStatus {
    /// What runs now, if anything.
    pub doing: Option<UpkeepTask>,
    /// How far it has gone, in whole percent, when that is known.
    pub percent: Option<u32>,
    /// What a check found wrong with the database: while set, every write is refused.
    pub damage: Option<String>,
    /// Why the day's automatic backup failed (the practice is usable all the same).
    pub backup_error: Option<String>,
}
