//! The upkeep the desktop runs, on a thread of its own for the server's lifetime: at start the
//! quick check and a due backup, then every minute the core's round of upkeep (the day's
//! verified backup with its photos when one is due, as on the desktop), the WAL
//! checkpoint when idle, and the weekly full integrity check; every two seconds the WAL's new
//! pages are copied into the database beside the writer, so no save waits for that copy. The core's own functions, called
//! as the shell calls them; what they are doing goes to every workstation's event stream.

use crate::stream::EveryoneEvents;
use hairline::api::upkeep;
use hairline::api::Service;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How often upkeep looks whether something is due.
const EVERY: Duration = Duration::from_secs(60);

/// Runs upkeep until `stop` is raised.
pub(crate) fn start(
    service: Arc<Service>,
    events: EveryoneEvents,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<()> {
    std::thread::Builder::new()
        .name("hairline-upkeep".to_owned())
        .spawn(move || {
            // Upkeep gives way to the workstations' commands.
            hairline::api::background::lower_priority_of_this_thread();
            upkeep::at_start(&service, &events);
            log_damage(&service);
            while !stop.load(Ordering::Relaxed) {
                let mut slept = Duration::ZERO;
                while slept < EVERY && !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(250));
                    slept += Duration::from_millis(250);
                    if slept
                        .as_millis()
                        .is_multiple_of(upkeep::CHECKPOINT_EVERY.as_millis())
                    {
                        upkeep::every_few_seconds(&service);
                    }
                }
                if stop.load(Ordering::Relaxed) || service.shutting_down() {
                    break;
                }
                upkeep::run_once(&service, &events);
                log_damage(&service);
            }
        })
        .expect("a thread for upkeep")
}

/// Damage found by a check goes to the log too: the server's operator reads stderr.
fn log_damage(service: &Service) {
    let status = service.status();
    if let Some(damage) = &status.damage {
        tracing::error!("the record is damaged, writes are refused: {damage}");
    }
    if let Some(error) = &status.backup_error {
        tracing::error!("the last backup failed: {error}");
    }
}
