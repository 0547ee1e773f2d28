//! The record of the last weekly integrity check (`integrity-check.json` in the data folder):
//! when it ran and whether it found the database sound, so a problem is shown again at start.

use crate::atomic_file::write_bytes_atomically;
use crate::db::data_folder::DataFolder;
use crate::error::Result;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Serialize, Deserialize)]
struct LastCheck {
    at: DateTime<Utc>,
    ok: bool,
}

/// What the last weekly check found wrong, if it found anything (shown again at start).
pub(crate) fn last_problem(folder: &DataFolder) -> Option<String> {
    let last: LastCheck =
        serde_json::from_slice(&std::fs::read(folder.integrity_record()).ok()?).ok()?;
    (!last.ok).then(|| {
        format!(
            "the check of {} found the database damaged",
            last.at.format("%Y-%m-%d %H:%M UTC")
        )
    })
}

/// Whether the weekly full check is due, given the record of the last one (if any).
pub(crate) fn full_check_due(record: &Path, now: DateTime<Utc>) -> bool {
    let last: Option<LastCheck> = std::fs::read(record)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    last.is_none_or(|last| now - last.at >= Duration::days(7))
}

/// Records that the full check ran at `at` and whether it found the database sound.
pub(crate) fn record_check(record: &Path, at: DateTime<Utc>, ok: bool) -> Result<()> {
    let json = serde_json::to_vec(&LastCheck { at, ok }).expect("record serialises");
    write_bytes_atomically(record, &json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_check_is_due_weekly() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("integrity-check.json");
        let now: DateTime<Utc> = "2026-06-15T12:00:00Z".parse().unwrap();
        assert!(full_check_due(&record, now), "never checked");
        std::fs::write(
            &record,
            serde_json::to_vec(&LastCheck {
                at: now - Duration::days(6),
                ok: true,
            })
            .unwrap(),
        )
        .unwrap();
        assert!(!full_check_due(&record, now));
        std::fs::write(
            &record,
            serde_json::to_vec(&LastCheck {
                at: now - Duration::days(7),
                ok: true,
            })
            .unwrap(),
        )
        .unwrap();
        assert!(full_check_due(&record, now));
    }
}
