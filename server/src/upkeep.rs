//! The upkeep the desktop runs, on a thread of its own for the server's lifetime: the day's
//! verified backup (with its photos) when one is due, the WAL checkpoint when idle, and the
//! weekly full integrity check — the core's own functions, called as the shell calls them.

use hairline::api::Service;
use hairline::BackupPolicy;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How often upkeep looks whether something is due.
const EVERY: Duration = Duration::from_secs(60);

/// Runs upkeep every minute until `stop` is raised.
pub(crate) fn start(service: Arc<Service>, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    std::thread::Builder::new()
        .name("hairline-upkeep".to_owned())
        .spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                back_up_if_due(&service);
                hairline::api::upkeep::run_once(&service);
                let mut slept = Duration::ZERO;
                while slept < EVERY && !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(250));
                    slept += Duration::from_millis(250);
                }
            }
        })
        .expect("a thread for upkeep")
}

/// Takes the day's automatic backup through a second connection, when one is due: a server
/// runs for months, so the start-up backup the desktop relies on is not enough.
fn back_up_if_due(service: &Service) {
    if service.shutting_down() {
        return;
    }
    let Ok(reader) = service.reader() else {
        return;
    };
    match reader.backup_if_due(&service.folder().backups(), &BackupPolicy::default()) {
        Ok(Some(info)) => tracing::info!(file = %info.path, "took the day's backup"),
        Ok(None) => {}
        Err(e) => tracing::error!("the day's backup failed: {e}"),
    }
}
