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

/// Upkeep's status ([`crate::api::upkeep_status::UpkeepStatus`]), sent whenever it changes.
pub const UPKEEP: &str = "upkeep";

/// Which copy progress reports are worth sending: one per whole percent of each phase (pages,
/// then photos) and the last. A copy steps thousands of times; each event is work for the
/// window (a message to the web process, a re-render), and a flood of them kept the window
/// from answering anything else while a large backup ran.
#[derive(Debug, Default)]
pub(crate) struct PercentSteps {
    last: Option<(u32, u32)>,
}

/// `done` of `total` as a whole percent (0 when there is nothing to do).
pub(crate) fn percent(done: u32, total: u32) -> u32 {
    if total == 0 {
        0
    } else {
        (u64::from(done.min(total)) * 100 / u64::from(total)) as u32
    }
}

impl PercentSteps {
    /// Whether `progress` moved a whole percent (or is the first) since the last one sent.
    pub(crate) fn worth_sending(&mut self, progress: &crate::db::backup::CopyProgress) -> bool {
        let now = (
            percent(progress.pages_done, progress.pages_total),
            percent(progress.photos_done, progress.photos_total),
        );
        let changed = self.last != Some(now);
        self.last = Some(now);
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::backup::CopyProgress;

    fn pages(done: u32, total: u32) -> CopyProgress {
        CopyProgress {
            pages_done: done,
            pages_total: total,
            photos_done: 0,
            photos_total: 0,
        }
    }

    #[test]
    fn a_long_copy_sends_one_report_per_percent() {
        let mut steps = PercentSteps::default();
        let sent = (0..=225_000)
            .step_by(256)
            .chain([225_000])
            .filter(|&done| steps.worth_sending(&pages(done, 225_000)))
            .count();
        assert_eq!(sent, 101, "0% to 100%, each once");
        let photos = CopyProgress {
            photos_done: 1,
            photos_total: 3,
            ..pages(225_000, 225_000)
        };
        assert!(steps.worth_sending(&photos), "the photo phase moves on");
        assert!(!steps.worth_sending(&photos), "but is not repeated");
    }

    #[test]
    fn a_short_copy_sends_every_step() {
        let mut steps = PercentSteps::default();
        assert!((0..=3).all(|done| steps.worth_sending(&pages(done, 3))));
    }
}
