//! Closing the app while a backup runs: the shutdown cancels every running backup (each removes
//! its partial file and journal) and waits until they have all stopped, so nothing half-written
//! is left in `backups/` and the process does not exit under a copy.

use crate::cancel::Cancel;
use std::sync::{Condvar, Mutex, PoisonError};

/// The backups running now, and the one flag that cancels them all.
#[derive(Default)]
pub(crate) struct RunningBackups {
    /// Raised at shutdown and never lowered: a backup started afterwards stops at its first step.
    cancel: Cancel,
    running: Mutex<usize>,
    stopped: Condvar,
}

/// One running backup; it counts as running until dropped.
pub(crate) struct RunningBackup<'a> {
    owner: &'a RunningBackups,
}

impl RunningBackups {
    /// Registers a backup starting now.
    pub(crate) fn start(&self) -> RunningBackup<'_> {
        *self.running.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        RunningBackup { owner: self }
    }

    /// Whether the shutdown has begun.
    pub(crate) fn shutting_down(&self) -> bool {
        self.cancel.is_cancelled()
    }

    /// Cancels every running backup and waits until each has cleaned up and stopped.
    pub(crate) fn cancel_and_wait(&self) {
        self.cancel.cancel();
        let running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        let _idle = self
            .stopped
            .wait_while(running, |n| *n > 0)
            .unwrap_or_else(PoisonError::into_inner);
    }
}

impl RunningBackup<'_> {
    /// What the backup looks at between its steps.
    pub(crate) fn cancel(&self) -> &Cancel {
        &self.owner.cancel
    }
}

impl Drop for RunningBackup<'_> {
    fn drop(&mut self) {
        let mut running = self
            .owner
            .running
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *running -= 1;
        self.owner.stopped.notify_all();
    }
}
