//! Who is acting: the person (or Hairline itself, or the command-line tool) every write and
//! audit entry is attributed to.

use crate::ids::StaffId;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who is making a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "staff_id", rename_all = "snake_case")]
pub enum Actor {
    /// A staff member signed in at a workstation.
    Staff(StaffId),
    /// Hairline itself: first-run setup, the demo generator, upkeep.
    System,
    /// The `hairline` command-line tool, run by someone with access to the database file (an
    /// administrator's act); the audit names the operating-system user who ran it.
    CommandLine,
}

impl Actor {
    pub fn staff_id(self) -> Option<StaffId> {
        match self {
            Actor::Staff(id) => Some(id),
            Actor::System | Actor::CommandLine => None,
        }
    }
}

/// The operating-system user running this process, as the environment names them.
pub fn os_user() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_owned())
}
