//! A request to stop long work between its steps — a backup being copied — raised from another
//! thread (the app closing, Ctrl-C or SIGTERM at the command line) and checked by the work itself,
//! which then cleans up what it had started.

use crate::error::{Error, Result};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Raised once, seen by every clone. A fresh one is never raised unless someone raises it.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn new() -> Self {
        Cancel::default()
    }

    /// Asks the work to stop at its next step.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// The cancelled backup's refusal once raised: nothing of the backup was kept.
    pub(crate) fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            return Err(Error::refused(
                None,
                "The backup was cancelled (Hairline is closing or was interrupted); nothing of it was kept, and earlier backups are as they were",
            ));
        }
        Ok(())
    }

    /// The flag itself, for a signal handler to raise (it may only set an atomic).
    pub fn flag(&self) -> Arc<AtomicBool> {
        self.0.clone()
    }
}
