//! Background upkeep while the app is open: when nobody has used it for a while, the WAL is
//! folded back into the database (so it stays bounded) and, once a week, the full integrity
//! check runs; a problem it finds is shown to the user.

use crate::shell::{Shell, SystemClock};
use chrono::{DateTime, Duration, Utc};
use hairline::Clock;
use serde::{Deserialize, Serialize};
use std::path::Path;
use tauri::{AppHandle, Manager, Runtime};

/// How long without a command before upkeep may run.
const IDLE: std::time::Duration = std::time::Duration::from_secs(120);
/// How often the upkeep thread looks.
const TICK: std::time::Duration = std::time::Duration::from_secs(60);
/// The record of the last full check, in the data folder.
const RECORD: &str = "integrity-check.json";

#[derive(Debug, Serialize, Deserialize)]
struct LastCheck {
    at: DateTime<Utc>,
    ok: bool,
}

/// What the last weekly check found wrong, if it found anything (shown again at start).
pub fn last_problem(data_dir: &Path) -> Option<String> {
    let last: LastCheck =
        serde_json::from_slice(&std::fs::read(data_dir.join(RECORD)).ok()?).ok()?;
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
pub fn run_once(shell: &Shell) {
    if shell.idle_for() < IDLE {
        return;
    }
    shell.upkeep(|p| p.checkpoint());
    let record = shell.data_dir().join(RECORD);
    let now = SystemClock.now();
    if !full_check_due(&record, now) {
        return;
    }
    if let Some(report) = shell.upkeep(|p| p.full_check()) {
        let warning = (!report.ok).then(|| {
            report
                .problems
                .iter()
                .map(|p| p.detail.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        });
        shell.set_integrity_warning(warning);
        let last = LastCheck {
            at: now,
            ok: report.ok,
        };
        let _ = std::fs::write(
            &record,
            serde_json::to_vec(&last).expect("record serialises"),
        );
    }
}

/// Starts the upkeep thread for the app's lifetime.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || loop {
        std::thread::sleep(TICK);
        run_once(&app.state::<Shell>());
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_check_is_due_weekly() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join(RECORD);
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
        let shell = Shell::open(dir.path().to_path_buf());
        run_once(&shell);
        assert!(!dir.path().join(RECORD).exists(), "just used: nothing runs");
    }
}
