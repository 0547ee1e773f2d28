//! Upkeep while the practice is open: when nobody has used it for a while, the WAL is folded
//! back into the database (so it stays bounded) and, once a week, the full integrity check runs;
//! a problem it finds is kept, shown, and shown again at the next start.

use crate::api::check_record::{full_check_due, record_check};
use crate::api::service::Service;

/// How long without a command before upkeep may run.
pub const IDLE: std::time::Duration = std::time::Duration::from_secs(120);

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
        if let Err(e) = record_check(&record, now, report.ok) {
            eprintln!("hairline: could not record the integrity check: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::db::data_folder::DataFolder;
    use std::sync::Arc;

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
