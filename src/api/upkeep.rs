//! Upkeep while the practice is open: when nobody has used it for a while, the WAL is folded
//! back into the database (so it stays bounded) and, once a week, the full integrity check runs;
//! a problem it finds is kept, shown, and shown again at the next start.

use crate::api::service::Service;
use crate::atomic_file::write_bytes_atomically;
use crate::db::data_folder::DataFolder;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// How long without a command before upkeep may run.
pub const IDLE: std::time::Duration = std::time::Duration::from_secs(120);

#[derive(Debug, Serialize, Deserialize)]
struct LastCheck {
    at: DateTime<Utc>,
    ok: bool,
}

/// What the last weekly check found wrong, if it found anything (shown again at start).
pub fn last_problem(folder: &DataFolder) -> Option<String> {
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
fn full_check_due(record: &Path, now: DateTime<Utc>) -> bool {
    let last: Option<LastCheck> = std::fs::read(record)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    last.is_none_or(|last| now - last.at >= Duration::days(7))
}

/// One round of upkeep: checkpoint when idle, and the full check when idle and a week is up.
pub fn run_once(service: &Service) {
    if service.idle_for() < IDLE {
        return;
    }
    service.upkeep(|p| p.checkpoint());
    let record = service.folder().integrity_record();
    let now = service.clock().now();
    if !full_check_due(&record, now) {
        return;
    }
    if let Some(report) = service.upkeep(|p| p.full_check()) {
        let warning = (!report.ok).then(|| {
            report
                .problems
                .iter()
                .map(|p| p.detail.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        });
        service.set_integrity_warning(warning);
        let last = LastCheck {
            at: now,
            ok: report.ok,
        };
        let json = serde_json::to_vec(&last).expect("record serialises");
        if let Err(e) = write_bytes_atomically(&record, &json) {
            eprintln!("hairline: could not record the integrity check: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use std::sync::Arc;

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

    #[test]
    fn upkeep_waits_until_the_app_is_idle() {
        let dir = tempfile::tempdir().unwrap();
        let folder = DataFolder::new(dir.path()).unwrap();
        let clock = Arc::new(FixedClock::on("2026-06-15".parse().unwrap()));
        let service = Service::open(folder.clone(), clock, None);
        run_once(&service);
        assert!(
            !folder.integrity_record().exists(),
            "just used: nothing runs"
        );
    }
}
