//! A plan's spacing between sessions: a session recorded or booked sooner after the session
//! before it than the plan spaces them is a warning (field `acknowledge_spacing`) that the
//! practitioner answers by acknowledging it; the acknowledgement is audited.

use crate::db::practice::Write;
use crate::error::{Error, Result};
use crate::ids::{PlanId, StaffId};
use crate::record::plans;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// The field a too-soon session is refused on, and that the form answers with a confirmation.
pub const ACKNOWLEDGE_SPACING: &str = "acknowledge_spacing";

/// What the audit trail keeps of a session recorded or booked sooner than the plan's spacing.
#[derive(Debug, Serialize)]
struct SpacingAcknowledged {
    plan_id: PlanId,
    number: u8,
    on: NaiveDate,
    previous_on: NaiveDate,
    days_apart: i64,
    spacing_days: u16,
    acknowledged_by: Option<StaffId>,
}

/// `"12 days after"`, `"1 day after"`, `"3 days before"`, `"on the same day as"`.
fn apart(days: i64) -> String {
    let (n, side) = match days {
        0 => return "on the same day as".to_owned(),
        d if d > 0 => (d, "after"),
        d => (-d, "before"),
    };
    format!("{n} day{} {side}", if n == 1 { "" } else { "s" })
}

impl Write<'_> {
    /// Session `number` of `plan` on `on`: refused (field `acknowledge_spacing`) when the
    /// session before it was performed fewer than the plan's spacing days earlier, unless
    /// `acknowledged` — then the acknowledgement is audited on `entity` `id`. The first session,
    /// or one whose predecessor is not recorded yet, has nothing to be spaced from.
    pub(crate) fn check_spacing(
        &self,
        plan: PlanId,
        number: u8,
        on: NaiveDate,
        acknowledged: bool,
        entity: &str,
        id: &impl ToString,
    ) -> Result<()> {
        let Some(previous) = number.checked_sub(1).filter(|n| *n >= 1) else {
            return Ok(());
        };
        let previous_on: Option<NaiveDate> = self
            .tx
            .prepare_cached("SELECT performed_on FROM sessions WHERE plan_id = ?1 AND number = ?2")?
            .query_row(params![plan, previous], |r| r.get(0))
            .optional()?;
        let Some(previous_on) = previous_on else {
            return Ok(());
        };
        let spacing_days = plans::load(self.tx, plan)?.spacing_days;
        let days_apart = (on - previous_on).num_days();
        if days_apart >= i64::from(spacing_days) {
            return Ok(());
        }
        if !acknowledged {
            return Err(Error::refused(
                Some(ACKNOWLEDGE_SPACING),
                format!(
                    "Session {number} ({}) is {} session {previous} ({}); this plan spaces sessions {spacing_days} days apart. Confirm to go ahead anyway",
                    on.format("%-d %b %Y"),
                    apart(days_apart),
                    previous_on.format("%-d %b %Y"),
                ),
            ));
        }
        let noted = SpacingAcknowledged {
            plan_id: plan,
            number,
            on,
            previous_on,
            days_apart,
            spacing_days,
            acknowledged_by: self.actor.staff_id(),
        };
        self.audit(entity, id, ACKNOWLEDGE_SPACING, None::<&()>, Some(&noted))
    }
}

#[cfg(test)]
mod tests {
    use super::apart;

    #[test]
    fn days_apart_read_as_words() {
        assert_eq!(apart(12), "12 days after");
        assert_eq!(apart(1), "1 day after");
        assert_eq!(apart(0), "on the same day as");
        assert_eq!(apart(-3), "3 days before");
    }
}
