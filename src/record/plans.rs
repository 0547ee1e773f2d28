//! Treatment plans: one client's course of SMP — areas, look, shade, how many sessions and how far
//! apart, and when a touch-up will be due. The plan's status is derived from its sessions.

use crate::actor::Actor;
use crate::clinic::settings::{self, TouchUpSuggestion};
use crate::codes::code_enum;
use crate::db::practice::{Practice, Write};
use crate::db::versions::Versioned;
use crate::error::{Error, Result};
use crate::ids::{ClientId, PigmentId, PlanId};
use crate::record::clients;
use crate::schedule::recalls;
use crate::validate::{bounded_text, chosen, whole_in, Problems};
use crate::vocab::{DesiredLook, Finish, HairlineStyle, ScalpZone};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

code_enum! {
    /// Where a plan stands, derived from its sessions and cancellation.
    pub enum PlanStatus {
        Planned = "planned",
        InProgress = "in_progress",
        Completed = "completed",
        Cancelled = "cancelled",
    }
}

/// The values a new plan starts from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanDefaults {
    pub planned_sessions: u8,
    pub spacing_days: u16,
    pub touch_up_interval_months: u16,
}

/// Sessions in a new plan unless the practitioner says otherwise.
pub const DEFAULT_PLANNED_SESSIONS: u8 = 3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanInput {
    pub client_id: ClientId,
    pub areas: Vec<ScalpZone>,
    pub hairline_style: Option<HairlineStyle>,
    /// The look the client asked for, chosen by the practitioner: null (not chosen) is refused,
    /// never read as any one look.
    #[serde(deserialize_with = "Option::deserialize")]
    pub desired_look: Option<DesiredLook>,
    /// The catalogue shade the result should match.
    pub target_pigment_id: Option<PigmentId>,
    /// 1 to 6 (usually 2–3).
    pub planned_sessions: u8,
    /// Days between sessions, 1 to 120 (typically 7–14).
    pub spacing_days: u16,
    /// Months until a touch-up is due after the last session, 12 to 120. Used as given only
    /// when `touch_up_interval_manual` is set; otherwise the clinic's rules suggest it.
    pub touch_up_interval_months: u16,
    /// The practitioner chose the interval instead of taking the suggestion.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub touch_up_interval_manual: Option<bool>,
    /// The look the client wants to keep (a crisp finish fades visibly sooner).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub finish: Option<Finish>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Plan {
    pub id: PlanId,
    pub client_id: ClientId,
    pub areas: Vec<ScalpZone>,
    pub hairline_style: Option<HairlineStyle>,
    pub desired_look: DesiredLook,
    pub target_pigment_id: Option<PigmentId>,
    pub planned_sessions: u8,
    pub spacing_days: u16,
    pub touch_up_interval_months: u16,
    pub touch_up_interval_manual: bool,
    pub finish: Option<Finish>,
    pub notes: String,
    pub status: PlanStatus,
    pub sessions_recorded: u8,
    pub sessions_signed: u8,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Moves on with every save from the form; an edit sends back the version it was opened at.
    pub version: u32,
}

/// Every problem of a plan form at once; its areas (de-duplicated, as JSON) and notes.
fn validate(input: &PlanInput) -> Result<(String, String)> {
    let mut p = Problems::default();
    if input.areas.is_empty() {
        p.keep(Error::validation(
            "areas",
            "Choose at least one treatment area",
        ));
    }
    p.check(chosen(
        "desired_look",
        "Choose the look the client wants",
        input.desired_look,
    ));
    let mut areas: Vec<ScalpZone> = Vec::with_capacity(input.areas.len());
    for area in &input.areas {
        if !areas.contains(area) {
            areas.push(*area);
        }
    }
    p.check(whole_in(
        "planned_sessions",
        "Planned sessions",
        input.planned_sessions.into(),
        1,
        6,
    ));
    p.check(whole_in(
        "spacing_days",
        "Spacing between sessions (days)",
        input.spacing_days.into(),
        1,
        120,
    ));
    p.check(whole_in(
        "touch_up_interval_months",
        "Touch-up interval (months)",
        input.touch_up_interval_months.into(),
        12,
        120,
    ));
    let notes = p.check(bounded_text("notes", "Notes", &input.notes, 5000));
    p.finish()?;
    let areas = serde_json::to_string(&areas).expect("zones serialise");
    Ok((areas, notes.unwrap_or_default()))
}

pub(crate) const PLAN_COLUMNS: &str = "p.id, p.client_id, p.areas, p.hairline_style, p.desired_look,
    p.target_pigment_id, p.planned_sessions, p.spacing_days, p.touch_up_interval_months,
    p.touch_up_interval_manual, p.finish, p.notes,
    p.cancelled_at, p.created_at, p.updated_at, p.version,
    (SELECT count(*) FROM sessions s WHERE s.plan_id = p.id) AS sessions_recorded,
    (SELECT count(*) FROM sessions s WHERE s.plan_id = p.id AND s.signed_at IS NOT NULL) AS sessions_signed";

pub(crate) fn plan_from_row(row: &Row<'_>) -> rusqlite::Result<Plan> {
    let areas: Vec<ScalpZone> = crate::db::rows::json_column(row, "areas")?;
    let planned_sessions: u8 = row.get("planned_sessions")?;
    let sessions_recorded: u8 = row.get("sessions_recorded")?;
    let sessions_signed: u8 = row.get("sessions_signed")?;
    let cancelled_at: Option<DateTime<Utc>> = row.get("cancelled_at")?;
    let status = if cancelled_at.is_some() {
        PlanStatus::Cancelled
    } else if sessions_signed >= planned_sessions {
        PlanStatus::Completed
    } else if sessions_recorded > 0 {
        PlanStatus::InProgress
    } else {
        PlanStatus::Planned
    };
    Ok(Plan {
        id: row.get("id")?,
        client_id: row.get("client_id")?,
        areas,
        hairline_style: row.get("hairline_style")?,
        desired_look: row.get("desired_look")?,
        target_pigment_id: row.get("target_pigment_id")?,
        planned_sessions,
        spacing_days: row.get("spacing_days")?,
        touch_up_interval_months: row.get("touch_up_interval_months")?,
        touch_up_interval_manual: row.get("touch_up_interval_manual")?,
        finish: row.get("finish")?,
        notes: row.get("notes")?,
        status,
        sessions_recorded,
        sessions_signed,
        cancelled_at,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
        version: row.get("version")?,
    })
}

pub(crate) fn load(conn: &Connection, id: PlanId) -> Result<Plan> {
    conn.prepare_cached(&format!(
        "SELECT {PLAN_COLUMNS} FROM plans p WHERE p.id = ?1"
    ))?
    .query_row([id], plan_from_row)
    .optional()?
    .ok_or_else(|| Error::not_found("treatment plan", id))
}

/// The stored plan `id` held to the rules of the plan form (an archive's row, on import).
pub(crate) fn check_stored(conn: &Connection, id: PlanId) -> Result<()> {
    crate::db::rows::check_readable(
        conn,
        &format!("SELECT {PLAN_COLUMNS} FROM plans p WHERE p.id = ?1"),
        [id],
        plan_from_row,
    )?;
    let p = load(conn, id)?;
    let input = PlanInput {
        client_id: p.client_id,
        areas: p.areas,
        hairline_style: p.hairline_style,
        desired_look: Some(p.desired_look),
        target_pigment_id: p.target_pigment_id,
        planned_sessions: p.planned_sessions,
        spacing_days: p.spacing_days,
        touch_up_interval_months: p.touch_up_interval_months,
        touch_up_interval_manual: Some(p.touch_up_interval_manual),
        finish: p.finish,
        notes: p.notes,
    };
    validate(&input).map(drop)
}

impl Write<'_> {
    /// The plan's touch-up interval: as given when the practitioner set it by hand, otherwise
    /// what the clinic's rules suggest for this client and finish.
    fn touch_up_interval(
        &self,
        input: &PlanInput,
        client: &clients::Client,
    ) -> Result<(u16, bool)> {
        if input.touch_up_interval_manual == Some(true) {
            return Ok((input.touch_up_interval_months, true));
        }
        let rules = settings::load(self.tx)?.touch_up;
        Ok((
            rules
                .suggest(input.finish, client.sun_exposure, client.fitzpatrick)
                .months,
            false,
        ))
    }

    fn check_target_pigment(&self, pigment: Option<PigmentId>) -> Result<()> {
        if let Some(pigment) = pigment {
            let exists: bool = self.tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM pigments WHERE id = ?1)",
                [pigment],
                |r| r.get(0),
            )?;
            if !exists {
                return Err(Error::validation(
                    "target_pigment_id",
                    format!("No pigment with id {pigment} is in the catalogue"),
                ));
            }
        }
        Ok(())
    }
}

impl Practice {
    /// The values the "new plan" form starts from (spacing and interval from the clinic's settings).
    pub fn plan_defaults(&self) -> Result<PlanDefaults> {
        let settings = settings::load(self.conn())?;
        Ok(PlanDefaults {
            planned_sessions: DEFAULT_PLANNED_SESSIONS,
            spacing_days: settings.default_spacing_days,
            touch_up_interval_months: settings.touch_up.base_months,
        })
    }

    /// The touch-up interval the clinic's rules suggest for this client and wanted finish, with
    /// the reasons, for the plan form to show beside the interval.
    pub fn suggest_touch_up_interval(
        &self,
        client: ClientId,
        finish: Option<Finish>,
    ) -> Result<TouchUpSuggestion> {
        let client = clients::load(self.conn(), client)?;
        let rules = settings::load(self.conn())?.touch_up;
        Ok(rules.suggest(finish, client.sun_exposure, client.fitzpatrick))
    }

    pub fn create_plan(&mut self, actor: Actor, input: &PlanInput) -> Result<Plan> {
        let (areas, notes) = validate(input)?;
        self.write(actor, |w| {
            let client = clients::load(w.tx, input.client_id)
                .map_err(|_| Error::validation("client_id", format!("No client with id {} exists", input.client_id)))?;
            if client.archived_at.is_some() {
                return Err(Error::refused(
                    Some("client_id"),
                    format!("{} is archived; unarchive the client before planning treatment", client.full_name()),
                ));
            }
            w.check_target_pigment(input.target_pigment_id)?;
            let (months, manual) = w.touch_up_interval(input, &client)?;
            let id = PlanId::new();
            w.tx.execute(
                "INSERT INTO plans (id, client_id, areas, hairline_style, desired_look, target_pigment_id,
                    planned_sessions, spacing_days, touch_up_interval_months, touch_up_interval_manual, finish,
                    notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
                params![
                    id, input.client_id, areas, input.hairline_style, input.desired_look, input.target_pigment_id,
                    input.planned_sessions, input.spacing_days, months, manual, input.finish, notes, w.now
                ],
            )?;
            let plan = load(w.tx, id)?;
            w.audit("plan", &id, "create", None::<&Plan>, Some(&plan))?;
            Ok(plan)
        })
    }

    /// Changes a plan that is not cancelled, if it is still at `version` (the one the form was
    /// opened at). Its planned session count cannot drop below a session number already recorded.
    pub fn update_plan(
        &mut self,
        actor: Actor,
        id: PlanId,
        version: u32,
        input: &PlanInput,
    ) -> Result<Plan> {
        let (areas, notes) = validate(input)?;
        self.write(actor, |w| {
            let before = load(w.tx, id)?;
            w.claim_version(Versioned::Plan, &id, version)?;
            if input.client_id != before.client_id {
                return Err(Error::validation("client_id", "A plan cannot be moved to another client"));
            }
            if before.status == PlanStatus::Cancelled {
                return Err(Error::refused(None, "This plan is cancelled and can no longer be changed"));
            }
            let highest: Option<u8> =
                w.tx.query_row("SELECT max(number) FROM sessions WHERE plan_id = ?1", [id], |r| r.get(0))?;
            if let Some(highest) = highest.filter(|h| input.planned_sessions < *h) {
                return Err(Error::validation(
                    "planned_sessions",
                    format!("Session {highest} is already recorded, so the plan needs at least {highest} sessions"),
                ));
            }
            w.check_target_pigment(input.target_pigment_id)?;
            let client = clients::load(w.tx, before.client_id)?;
            let (months, manual) = w.touch_up_interval(input, &client)?;
            w.tx.execute(
                "UPDATE plans SET areas = ?2, hairline_style = ?3, desired_look = ?4, target_pigment_id = ?5,
                    planned_sessions = ?6, spacing_days = ?7, touch_up_interval_months = ?8,
                    touch_up_interval_manual = ?9, finish = ?10, notes = ?11, updated_at = ?12
                 WHERE id = ?1",
                params![
                    id, areas, input.hairline_style, input.desired_look, input.target_pigment_id,
                    input.planned_sessions, input.spacing_days, months, manual, input.finish, notes, w.now
                ],
            )?;
            recalls::sync_plan(w, id)?;
            let after = load(w.tx, id)?;
            w.audit("plan", &id, "update", Some(&before), Some(&after))?;
            Ok(after)
        })
    }

    /// Stops a plan: no further sessions can be recorded against it. Its sessions stay on record.
    pub fn cancel_plan(&mut self, actor: Actor, id: PlanId) -> Result<Plan> {
        self.write(actor, |w| {
            let before = load(w.tx, id)?;
            match before.status {
                PlanStatus::Cancelled => return Ok(before),
                PlanStatus::Completed => {
                    return Err(Error::refused(None, "A completed plan cannot be cancelled"))
                }
                _ => {}
            }
            w.tx.execute(
                "UPDATE plans SET cancelled_at = ?2, updated_at = ?2 WHERE id = ?1",
                params![id, w.now],
            )?;
            recalls::sync_plan(w, id)?;
            let after = load(w.tx, id)?;
            w.audit("plan", &id, "cancel", Some(&before), Some(&after))?;
            Ok(after)
        })
    }

    pub fn plan(&self, id: PlanId) -> Result<Plan> {
        load(self.conn(), id)
    }

    /// A client's plans, oldest first.
    pub fn plans_for_client(&self, client: ClientId) -> Result<Vec<Plan>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {PLAN_COLUMNS} FROM plans p WHERE p.client_id = ?1 ORDER BY p.created_at, p.id"
        ))?;
        let rows = stmt.query_map([client], plan_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
