//! Who is acting: the person (or Hairline itself) every write and audit entry is attributed to.

use crate::ids::StaffId;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who is making a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "staff_id", rename_all = "snake_case")]
pub enum Actor {
    /// A staff member chosen at the workstation.
    Staff(StaffId),
    /// Hairline itself: first-run setup, the demo generator, imports.
    System,
}

impl Actor {
    pub fn staff_id(self) -> Option<StaffId> {
        match self {
            Actor::Staff(id) => Some(id),
            Actor::System => None,
        }
    }
}
