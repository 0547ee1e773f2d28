//! Recalls: bringing every client back — for the next session of a plan within weeks, and for
//! the touch-up years later. Each recall's due date is stored (and indexed), worked through a
//! lifecycle (due → contacted → booked / snoozed / declined / done), and kept in step with its
//! plan in the same transaction as any change to the plan or its sessions.

use crate::actor::Actor;
use crate::clinic::settings;
use crate::dates::{add_days, add_months};
use crate::db::practice::{Practice, Write};
use crate::error::{Error, Result};
use crate::ids::{AppointmentId, ClientId, ContactAttemptId, PlanId, RecallId, StaffId};
use crate::record::clients;
use crate::validate::{bounded_text, required_text};
use crate::vocab::{
    AppointmentKind, AppointmentStatus, ContactMethod, ContactOutcome, RecallKind, RecallState,
};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Recall {
    pub id: RecallId,
    pub client_id: ClientId,
    pub plan_id: PlanId,
    pub kind: RecallKind,
    /// For a next-session recall, the session that is due.
    pub session_number: Option<u8>,
    pub practitioner_id: Option<StaffId>,
    pub due_on: NaiveDate,
    /// The due date was set by hand and is never recalculated.
    pub due_manual: bool,
    pub state: RecallState,
    pub snoozed_until: Option<NaiveDate>,
    pub disabled_until: Option<NaiveDate>,
    pub declined_reason: String,
    pub appointment_id: Option<AppointmentId>,
    pub attempts: u32,
    pub unanswered: u32,
    /// Too many unanswered attempts: a person should decide what happens next.
    pub flagged: bool,
    pub last_contact_at: Option<DateTime<Utc>>,
    pub last_contact_outcome: Option<ContactOutcome>,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

impl Recall {
    pub fn is_open(&self) -> bool {
        OPEN_STATES.contains(&self.state)
    }
}

const OPEN_STATES: [RecallState; 4] = [
    RecallState::Due,
    RecallState::Contacted,
    RecallState::Booked,
    RecallState::Snoozed,
];
const OPEN_SQL: &str = "('due', 'contacted', 'booked', 'snoozed')";

/// What a client's record shows of their recalls ([`Practice::client_recalls_shown`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClientRecalls {
    /// Open ones first, then by due date.
    pub recalls: Vec<Recall>,
    /// How many closed recalls the client has in all, sent or not.
    pub closed_total: u32,
}

/// One logged attempt to reach a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactAttempt {
    pub id: ContactAttemptId,
    pub recall_id: RecallId,
    pub at: DateTime<Utc>,
    pub staff_id: Option<StaffId>,
    pub method: ContactMethod,
    pub outcome: ContactOutcome,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactInput {
    pub method: ContactMethod,
    pub outcome: ContactOutcome,
    pub note: String,
}

const COLUMNS: &str = "r.id, r.client_id, r.plan_id, r.kind, r.session_number, r.practitioner_id, r.due_on, r.due_manual,
    r.state, r.snoozed_until, r.disabled_until, r.declined_reason, r.appointment_id, r.attempts, r.unanswered,
    r.flagged, r.last_contact_at, r.last_contact_outcome, r.created_at, r.closed_at";

pub(crate) fn recall_from_row(row: &Row<'_>) -> rusqlite::Result<Recall> {
    Ok(Recall {
        id: row.get("id")?,
        client_id: row.get("client_id")?,
        plan_id: row.get("plan_id")?,
        kind: row.get("kind")?,
        session_number: row.get("session_number")?,
        practitioner_id: row.get("practitioner_id")?,
        due_on: row.get("due_on")?,
        due_manual: row.get("due_manual")?,
        state: row.get("state")?,
        snoozed_until: row.get("snoozed_until")?,
        disabled_until: row.get("disabled_until")?,
        declined_reason: row.get("declined_reason")?,
        appointment_id: row.get("appointment_id")?,
        attempts: row.get("attempts")?,
        unanswered: row.get("unanswered")?,
        flagged: row.get("flagged")?,
        last_contact_at: row.get("last_contact_at")?,
        last_contact_outcome: row.get("last_contact_outcome")?,
        created_at: row.get("created_at")?,
        closed_at: row.get("closed_at")?,
    })
}

pub(crate) fn load(conn: &Connection, id: RecallId) -> Result<Recall> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM recalls r WHERE r.id = ?1"))?
        .query_row([id], recall_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("recall", id))
}

/// Every recall in `state` (for bulk work such as the sample clinic's history).
pub(crate) fn in_state(conn: &Connection, state: RecallState) -> Result<Vec<Recall>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM recalls r WHERE r.state = ?1"
    ))?;
    let rows = stmt.query_map([state], recall_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What a plan should have open right now, by the rules:
/// - session k recorded and the plan has more → session k+1 due at k's date + the plan's spacing;
/// - every planned session recorded and signed → a touch-up due at the last session's date +
///   the plan's touch-up interval (months, clamped at month ends);
/// - otherwise (not started, awaiting signatures, cancelled) → nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DueRecall {
    pub(crate) kind: RecallKind,
    pub(crate) session_number: Option<u8>,
    pub(crate) due_on: NaiveDate,
    pub(crate) practitioner_id: StaffId,
}

/// The latest recorded session of a plan as the recall rule needs it.
pub(crate) struct PlanProgress {
    pub(crate) planned: u8,
    pub(crate) spacing_days: u16,
    pub(crate) touch_up_months: u16,
    pub(crate) cancelled: bool,
    pub(crate) recorded: u8,
    pub(crate) signed: u8,
    pub(crate) highest: Option<(u8, NaiveDate, StaffId)>,
    pub(crate) last_performed: Option<NaiveDate>,
}

impl PlanProgress {
    pub(crate) fn due_recall(&self) -> Option<DueRecall> {
        if self.cancelled {
            return None;
        }
        let (highest, performed_on, practitioner_id) = self.highest?;
        if highest < self.planned {
            return Some(DueRecall {
                kind: RecallKind::NextSession,
                session_number: Some(highest + 1),
                due_on: add_days(performed_on, self.spacing_days.into()),
                practitioner_id,
            });
        }
        let complete = self.recorded >= self.planned && self.signed >= self.planned;
        complete.then(|| DueRecall {
            kind: RecallKind::TouchUp,
            session_number: None,
            due_on: add_months(
                self.last_performed.unwrap_or(performed_on),
                self.touch_up_months.into(),
            ),
            practitioner_id,
        })
    }
}

/// The plan's facts the recall rules need, read straight from its row and its sessions (the
/// recall module depends on no other record module: plans, sessions and appointments call it).
fn plan_progress(conn: &Connection, plan: PlanId) -> Result<PlanProgress> {
    let (planned, spacing_days, touch_up_months, cancelled, recorded, signed) = conn
        .prepare_cached(
            "SELECT p.planned_sessions, p.spacing_days, p.touch_up_interval_months, p.cancelled_at IS NOT NULL,
                (SELECT count(*) FROM sessions s WHERE s.plan_id = p.id),
                (SELECT count(*) FROM sessions s WHERE s.plan_id = p.id AND s.signed_at IS NOT NULL)
             FROM plans p WHERE p.id = ?1",
        )?
        .query_row([plan], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .optional()?
        .ok_or_else(|| Error::not_found("treatment plan", plan))?;
    let highest = conn
        .prepare_cached(
            "SELECT number, performed_on, practitioner_id FROM sessions WHERE plan_id = ?1 ORDER BY number DESC LIMIT 1",
        )?
        .query_row([plan], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let last_performed: Option<NaiveDate> = conn
        .prepare_cached("SELECT max(performed_on) FROM sessions WHERE plan_id = ?1")?
        .query_row([plan], |r| r.get(0))?;
    Ok(PlanProgress {
        planned,
        spacing_days,
        touch_up_months,
        cancelled,
        recorded,
        signed,
        highest,
        last_performed,
    })
}

/// What a new appointment is for, as the recall it may answer needs to know.
pub(crate) struct BookedVisit {
    pub(crate) kind: AppointmentKind,
    pub(crate) client_id: ClientId,
    pub(crate) plan_id: Option<PlanId>,
    pub(crate) session_number: Option<u8>,
}

/// Brings a plan's recalls in line with the plan and its sessions. Called in the same
/// transaction as every change to either, so nothing is left pointing at a stale state.
pub(crate) fn sync_plan(w: &Write<'_>, plan: PlanId) -> Result<()> {
    let progress = plan_progress(w.tx, plan)?;
    let mut desired = progress.due_recall();
    // A touch-up is not asked for once the client is being treated on a later plan.
    if desired.is_some_and(|d| d.kind == RecallKind::TouchUp) && treated_on_later_plan(w, plan)? {
        desired = None;
    }
    let open: Vec<Recall> = w
        .tx
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM recalls r INDEXED BY recalls_by_plan WHERE r.plan_id = ?1 AND r.state IN {OPEN_SQL}"
        ))?
        .query_map([plan], recall_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let matches =
        |r: &Recall, d: &DueRecall| r.kind == d.kind && r.session_number == d.session_number;
    for recall in &open {
        match desired {
            Some(d) if matches(recall, &d) => {
                if !recall.due_manual
                    && (recall.due_on != d.due_on
                        || recall.practitioner_id != Some(d.practitioner_id))
                {
                    w.tx.execute(
                        "UPDATE recalls SET due_on = ?2, practitioner_id = ?3, updated_at = ?4 WHERE id = ?1",
                        params![recall.id, d.due_on, d.practitioner_id, w.now],
                    )?;
                    audit_recall(w, recall, "recalculate")?;
                }
            }
            _ if progress.cancelled => close_recall(w, recall, RecallState::Cancelled)?,
            _ if answered(recall, &progress) => close_recall(w, recall, RecallState::Done)?,
            // Asked for by a session since discarded: as if it had never been.
            _ => withdraw(w, recall)?,
        }
    }
    let Some(d) = desired else { return Ok(()) };
    if open.iter().any(|r| matches(r, &d)) {
        return Ok(());
    }
    // The same recall may exist closed: reopen it if it was closed by progress (a session
    // since discarded), never if the client declined it.
    let earlier =
        w.tx.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM recalls r INDEXED BY recalls_by_plan
             WHERE r.plan_id = ?1 AND r.kind = ?2 AND r.session_number IS ?3
             ORDER BY r.created_at DESC LIMIT 1"
        ))?
        .query_row(params![plan, d.kind, d.session_number], recall_from_row)
        .optional()?;
    match earlier {
        // Declined by the client, or done by a visit that took place: nothing to reopen.
        Some(r) if r.state == RecallState::Declined || visit_attended(w, &r)? => Ok(()),
        Some(r) => {
            let due_on = if r.due_manual { r.due_on } else { d.due_on };
            let (state, appointment) = reopened_state(w, &r)?;
            w.tx.execute(
                "UPDATE recalls SET state = ?5, closed_at = NULL, appointment_id = ?6, due_on = ?2,
                    practitioner_id = ?3, updated_at = ?4 WHERE id = ?1",
                params![r.id, due_on, d.practitioner_id, w.now, state, appointment],
            )?;
            audit_recall(w, &r, "reopen")
        }
        None => {
            let client: ClientId =
                w.tx.query_row("SELECT client_id FROM plans WHERE id = ?1", [plan], |r| {
                    r.get(0)
                })?;
            let id = RecallId::new();
            w.tx.execute(
                "INSERT INTO recalls (id, client_id, plan_id, kind, session_number, practitioner_id, due_on, state,
                    created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'due', ?8, ?8)",
                params![id, client, plan, d.kind, d.session_number, d.practitioner_id, d.due_on, w.now],
            )?;
            let recall = load(w.tx, id)?;
            w.audit("recall", &id, "create", None::<&Recall>, Some(&recall))
        }
    }
}

/// After a session is discarded: the client's touch-up recalls that only a session on a later
/// plan had answered (see [`close_touch_ups_answered_by`]) come back, unless a touch-up visit
/// was attended. Sessions still recorded on a later plan keep them answered.
pub(crate) fn restore_touch_ups_no_longer_answered(w: &Write<'_>, plan: PlanId) -> Result<()> {
    let candidates: Vec<PlanId> =
        w.tx.prepare_cached(
            "SELECT DISTINCT r.plan_id FROM recalls r INDEXED BY recalls_by_client
             WHERE r.client_id = (SELECT client_id FROM plans WHERE id = ?1) AND r.plan_id <> ?1
               AND r.kind = 'touch_up' AND r.state = 'done'
               AND NOT EXISTS (SELECT 1 FROM appointments a
                               WHERE a.id = r.appointment_id AND a.status = 'attended')",
        )?
        .query_map([plan], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for candidate in candidates {
        if !treated_on_later_plan(w, candidate)? {
            sync_plan(w, candidate)?;
        }
    }
    Ok(())
}

/// Whether the client of `plan` has a session recorded on a later plan: that answers the
/// plan's touch-up (see [`close_touch_ups_answered_by`]).
fn treated_on_later_plan(w: &Write<'_>, plan: PlanId) -> Result<bool> {
    Ok(w.tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM sessions s JOIN plans later ON later.id = s.plan_id, plans p ON p.id = ?1
          WHERE later.client_id = p.client_id AND (later.created_at, later.id) > (p.created_at, p.id))",
        [plan],
        |r| r.get(0),
    )?)
}

/// Whether the recall was answered by its appointment taking place.
fn visit_attended(w: &Write<'_>, recall: &Recall) -> Result<bool> {
    appointment_is(w, recall.appointment_id, AppointmentStatus::Attended)
}

/// Whether `appointment` (if any) exists with `status`.
fn appointment_is(
    w: &Write<'_>,
    appointment: Option<AppointmentId>,
    status: AppointmentStatus,
) -> Result<bool> {
    let Some(appointment) = appointment else {
        return Ok(false);
    };
    Ok(w.tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM appointments WHERE id = ?1 AND status = ?2)",
        params![appointment, status],
        |r| r.get(0),
    )?)
}

/// Whether the plan's sessions answer an open recall that is no longer the one due: a
/// next-session recall is answered once that session (or a later one) is recorded; a touch-up
/// once the plan moved on.
fn answered(recall: &Recall, progress: &PlanProgress) -> bool {
    match (recall.kind, recall.session_number) {
        (RecallKind::NextSession, Some(number)) => progress
            .highest
            .is_some_and(|(highest, _, _)| highest >= number),
        _ => true,
    }
}

/// Takes back a recall that a discarded session asked for. One nobody has worked (no contact,
/// no booking, no date set by hand) is removed, audited, so the plan's recalls are exactly as
/// before the session; one with history is kept, cancelled.
fn withdraw(w: &Write<'_>, recall: &Recall) -> Result<()> {
    let untouched = recall.attempts == 0 && recall.appointment_id.is_none() && !recall.due_manual;
    if !untouched {
        return close_recall(w, recall, RecallState::Cancelled);
    }
    w.tx.execute("DELETE FROM recalls WHERE id = ?1", [recall.id])?;
    w.audit(
        "recall",
        &recall.id,
        "withdraw",
        Some(recall),
        None::<&Recall>,
    )
}

/// The state a recall closed by a session returns to when that session is discarded: the one
/// it had when it was closed, as its audit entry recorded it — booked only if its appointment
/// still stands (else due).
fn reopened_state(w: &Write<'_>, recall: &Recall) -> Result<(RecallState, Option<AppointmentId>)> {
    let before: Option<String> =
        w.tx.prepare_cached(
            "SELECT before FROM audit_log INDEXED BY audit_by_entity
             WHERE entity_id = ?1 AND entity = 'recall' AND action = 'done'
             ORDER BY at DESC, id DESC LIMIT 1",
        )?
        .query_row([recall.id.to_string()], |r| r.get(0))
        .optional()?
        .flatten();
    let before: Option<Recall> = before.and_then(|json| serde_json::from_str(&json).ok());
    let Some(before) = before else {
        return Ok((RecallState::Due, None));
    };
    match (before.state, before.appointment_id) {
        (RecallState::Booked, Some(appointment)) => Ok(
            if appointment_is(w, Some(appointment), AppointmentStatus::Booked)? {
                (RecallState::Booked, Some(appointment))
            } else {
                (RecallState::Due, None)
            },
        ),
        (state, _) if OPEN_STATES.contains(&state) => Ok((state, None)),
        _ => Ok((RecallState::Due, None)),
    }
}

/// A session recorded on a new plan answers the client's open touch-up recalls of earlier
/// plans: the touch-up is happening, so they are done.
pub(crate) fn close_touch_ups_answered_by(w: &Write<'_>, plan: PlanId) -> Result<()> {
    let answered: Vec<Recall> =
        w.tx.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM recalls r INDEXED BY recalls_by_client
             JOIN plans earlier ON earlier.id = r.plan_id, plans p ON p.id = ?1
             WHERE r.client_id = p.client_id AND r.kind = 'touch_up' AND r.state IN {OPEN_SQL}
               AND (earlier.created_at, earlier.id) < (p.created_at, p.id)"
        ))?
        .query_map([plan], recall_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    for recall in &answered {
        close_recall(w, recall, RecallState::Done)?;
    }
    Ok(())
}

fn close_recall(w: &Write<'_>, recall: &Recall, state: RecallState) -> Result<()> {
    w.tx.execute(
        "UPDATE recalls SET state = ?2, closed_at = ?3, updated_at = ?3 WHERE id = ?1",
        params![recall.id, state, w.now],
    )?;
    audit_recall(w, recall, state.code())
}

fn audit_recall(w: &Write<'_>, before: &Recall, action: &str) -> Result<()> {
    let after = load(w.tx, before.id)?;
    w.audit("recall", &before.id, action, Some(before), Some(&after))
}

/// Links a new booking to the open recall it answers (same plan and session, or the
/// client's open touch-up), which becomes "booked".
pub(crate) fn on_booked(
    w: &Write<'_>,
    appointment: AppointmentId,
    booking: &BookedVisit,
) -> Result<()> {
    let recall = match booking.kind {
        AppointmentKind::PlanSession => w
            .tx
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM recalls r INDEXED BY recalls_by_plan WHERE r.plan_id = ?1 AND r.kind = 'next_session'
                   AND r.session_number = ?2 AND r.state IN ('due', 'contacted', 'snoozed') LIMIT 1"
            ))?
            .query_row(params![booking.plan_id, booking.session_number], recall_from_row)
            .optional()?,
        AppointmentKind::TouchUp => w
            .tx
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM recalls r INDEXED BY recalls_by_client WHERE r.client_id = ?1 AND r.kind = 'touch_up'
                   AND r.state IN ('due', 'contacted', 'snoozed') AND (?2 IS NULL OR r.plan_id = ?2)
                 ORDER BY r.due_on LIMIT 1"
            ))?
            .query_row(params![booking.client_id, booking.plan_id], recall_from_row)
            .optional()?,
        _ => None,
    };
    if let Some(recall) = recall {
        w.tx.execute(
            "UPDATE recalls SET state = 'booked', appointment_id = ?2, snoozed_until = NULL, updated_at = ?3 WHERE id = ?1",
            params![recall.id, appointment, w.now],
        )?;
        audit_recall(w, &recall, "book")?;
    }
    Ok(())
}

/// Keeps a booked recall in step with its appointment: attended → done; cancelled or
/// no-show → due again.
pub(crate) fn on_appointment_status(
    w: &Write<'_>,
    appointment: AppointmentId,
    status: AppointmentStatus,
) -> Result<()> {
    let recall = w
        .tx
        .prepare_cached(&format!("SELECT {COLUMNS} FROM recalls r INDEXED BY recalls_by_appointment WHERE r.appointment_id = ?1 AND r.state = 'booked'"))?
        .query_row([appointment], recall_from_row)
        .optional()?;
    let Some(recall) = recall else { return Ok(()) };
    match status {
        AppointmentStatus::Attended => close_recall(w, &recall, RecallState::Done),
        AppointmentStatus::Cancelled | AppointmentStatus::NoShow => {
            w.tx.execute(
                "UPDATE recalls SET state = 'due', appointment_id = NULL, updated_at = ?2 WHERE id = ?1",
                params![recall.id, w.now],
            )?;
            audit_recall(w, &recall, "unbook")
        }
        AppointmentStatus::Booked => Ok(()),
    }
}

fn open_recall(w: &Write<'_>, id: RecallId) -> Result<Recall> {
    let recall = load(w.tx, id)?;
    if !recall.is_open() {
        return Err(Error::refused(
            None,
            format!("This recall is already {}", recall.state),
        ));
    }
    Ok(recall)
}

impl Practice {
    /// Logs an attempt to reach the client. Refused for a client who withdrew consent to care
    /// reminders. After the clinic's number of unanswered attempts the recall is flagged.
    pub fn log_contact(
        &mut self,
        actor: Actor,
        recall: RecallId,
        input: &ContactInput,
    ) -> Result<ContactAttempt> {
        let note = bounded_text("note", "Note", &input.note, 2000)?;
        self.write(actor, |w| {
            let before = open_recall(w, recall)?;
            let client = clients::load(w.tx, before.client_id)?;
            if !client.care_reminders_consent {
                return Err(Error::refused(
                    Some("recall"),
                    format!("{} has withdrawn consent to care reminders: do not contact", client.full_name()),
                ));
            }
            let max_unanswered = settings::load(w.tx)?.max_unanswered_attempts;
            let attempt = ContactAttempt {
                id: ContactAttemptId::new(),
                recall_id: recall,
                at: w.now,
                staff_id: w.actor.staff_id(),
                method: input.method,
                outcome: input.outcome,
                note,
            };
            w.tx.execute(
                "INSERT INTO recall_contacts (id, recall_id, at, staff_id, channel, outcome, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![attempt.id, recall, attempt.at, attempt.staff_id, attempt.method, attempt.outcome, attempt.note],
            )?;
            let unanswered = if input.outcome.unanswered() { before.unanswered + 1 } else { 0 };
            let (state, reason) = match input.outcome {
                ContactOutcome::Declined => (RecallState::Declined, attempt.note.as_str()),
                _ if before.state == RecallState::Booked => (RecallState::Booked, ""),
                _ => (RecallState::Contacted, ""),
            };
            w.tx.execute(
                "UPDATE recalls SET attempts = attempts + 1, unanswered = ?2, flagged = ?3, last_contact_at = ?4,
                    last_contact_outcome = ?5, state = ?6, declined_reason = ?7, snoozed_until = NULL,
                    closed_at = CASE WHEN ?6 = 'declined' THEN ?4 ELSE NULL END, updated_at = ?4
                 WHERE id = ?1",
                params![recall, unanswered, unanswered >= u32::from(max_unanswered), w.now, input.outcome, state, reason],
            )?;
            audit_recall(w, &before, "contact")?;
            Ok(attempt)
        })
    }

    /// Hides a recall from the worklist until `until` (after today).
    pub fn snooze_recall(
        &mut self,
        actor: Actor,
        recall: RecallId,
        until: NaiveDate,
    ) -> Result<Recall> {
        let today = self.clock().today();
        if until <= today {
            return Err(Error::validation(
                "until",
                format!("Snooze until a day after today ({today})"),
            ));
        }
        self.change_open_recall(
            actor,
            recall,
            "snooze",
            "state = 'snoozed', snoozed_until = ?2",
            &until,
        )
    }

    /// Closes a recall the client turned down, with their reason.
    pub fn decline_recall(
        &mut self,
        actor: Actor,
        recall: RecallId,
        reason: &str,
    ) -> Result<Recall> {
        let reason = required_text("reason", "Reason", reason, 500)?;
        self.change_open_recall(
            actor,
            recall,
            "decline",
            "state = 'declined', declined_reason = ?2, closed_at = ?3",
            &reason,
        )
    }

    /// Keeps a recall off the worklist until a date (`None` enables it again).
    pub fn disable_recall_until(
        &mut self,
        actor: Actor,
        recall: RecallId,
        until: Option<NaiveDate>,
    ) -> Result<Recall> {
        self.change_open_recall(actor, recall, "disable", "disabled_until = ?2", &until)
    }

    /// Sets a recall's due date by hand; it is never recalculated afterwards.
    pub fn set_recall_due(
        &mut self,
        actor: Actor,
        recall: RecallId,
        due_on: NaiveDate,
    ) -> Result<Recall> {
        self.change_open_recall(
            actor,
            recall,
            "set_due",
            "due_on = ?2, due_manual = 1",
            &due_on,
        )
    }

    /// Applies `assignments` (SQL `SET` terms over ?2 = `value` and ?3 = now) to an open recall,
    /// audited as `action`.
    fn change_open_recall(
        &mut self,
        actor: Actor,
        recall: RecallId,
        action: &str,
        assignments: &str,
        value: &dyn rusqlite::ToSql,
    ) -> Result<Recall> {
        self.write(actor, |w| {
            let before = open_recall(w, recall)?;
            w.tx.execute(
                &format!("UPDATE recalls SET {assignments}, updated_at = ?3 WHERE id = ?1"),
                params![recall, value, w.now],
            )?;
            audit_recall(w, &before, action)?;
            load(w.tx, recall)
        })
    }

    pub fn recall(&self, id: RecallId) -> Result<Recall> {
        load(self.conn(), id)
    }

    /// Every one of a client's recalls, open ones first then by due date.
    pub fn client_recalls(&self, client: ClientId) -> Result<Vec<Recall>> {
        Ok(self.client_recalls_shown(client, None)?.recalls)
    }

    /// A client's recalls as their record shows them: every open one, and the latest
    /// `latest_closed` closed ones by due date (every closed one when `None`); open ones first,
    /// then by due date. A client treated for years has hundreds of closed recalls, and the
    /// record opens without reading them all.
    pub fn client_recalls_shown(
        &self,
        client: ClientId,
        latest_closed: Option<u32>,
    ) -> Result<ClientRecalls> {
        let conn = self.conn();
        let mut recalls = conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM recalls r INDEXED BY recalls_by_client
                 WHERE r.client_id = ?1 AND r.state IN {OPEN_SQL} ORDER BY r.due_on, r.id"
            ))?
            .query_map([client], recall_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        // SQLite reads a negative limit as none.
        let limit = latest_closed.map_or(-1, i64::from);
        let mut closed = conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM recalls r INDEXED BY recalls_by_client
                 WHERE r.client_id = ?1 AND r.state NOT IN {OPEN_SQL}
                 ORDER BY r.due_on DESC, r.id DESC LIMIT ?2"
            ))?
            .query_map(params![client, limit], recall_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        closed.reverse();
        let closed_total: u32 = conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM recalls INDEXED BY recalls_by_client
                 WHERE client_id = ?1 AND state NOT IN {OPEN_SQL}"
            ))?
            .query_row([client], |row| row.get(0))?;
        recalls.append(&mut closed);
        Ok(ClientRecalls {
            recalls,
            closed_total,
        })
    }

    /// Every contact attempt on a recall, oldest first.
    pub fn recall_contacts(&self, recall: RecallId) -> Result<Vec<ContactAttempt>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, recall_id, at, staff_id, channel, outcome, note FROM recall_contacts WHERE recall_id = ?1 ORDER BY at, id",
        )?;
        let rows = stmt.query_map([recall], |row| {
            Ok(ContactAttempt {
                id: row.get("id")?,
                recall_id: row.get("recall_id")?,
                at: row.get("at")?,
                staff_id: row.get("staff_id")?,
                method: row.get("channel")?,
                outcome: row.get("outcome")?,
                note: row.get("note")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

pub(crate) fn cooldown_start(now: DateTime<Utc>, days: u16) -> DateTime<Utc> {
    now - Duration::days(days.into())
}
