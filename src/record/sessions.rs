//! Sessions: what was done at the chair, zone by zone — recorded, corrected while a draft, then
//! signed, after which only amendments can be added (the database enforces it too).

use crate::actor::Actor;
use crate::catalogue::needles;
use crate::catalogue::pigments;
use crate::clinic::staff;
use crate::consent;
use crate::db::practice::{Practice, Write};
use crate::db::versions::Versioned;
use crate::error::{Error, Result};
use crate::ids::{AmendmentId, ClientId, NeedleId, PigmentLotId, PlanId, SessionId, StaffId};
use crate::record::clients;
use crate::record::plans::{self, PlanStatus};
use crate::schedule::recalls;
use crate::validate::{bounded_text, not_in_future, number_in, required_text, whole_in, Problems};
use crate::vocab::{Density, ScalpZone, SkinReaction, StaffRole};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The settings used on one treated zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ZoneSetting {
    pub zone: ScalpZone,
    pub needle_id: NeedleId,
    /// Lot number printed on the single-use cartridge.
    pub cartridge_lot: String,
    /// Needle depth in millimetres, as the practitioner's school states it (0.1–3.0).
    pub depth_mm: f64,
    /// The target layer as recorded (e.g. "upper dermis"); free text, no school imposed.
    pub target_layer: String,
    /// Needle angle to the scalp in degrees (0–90).
    pub angle_deg: f64,
    /// Machine speed as the machine displays it (Hz or volts).
    pub machine_speed: Option<f64>,
    /// Machine stroke length in millimetres.
    pub stroke_mm: Option<f64>,
    pub pigment_lot_id: PigmentLotId,
    /// Pigment to diluent, e.g. `1:2`; `1:0` is undiluted.
    pub dilution: String,
    pub density: Density,
}

/// A session as the practitioner records it (and corrects it while unsigned).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SessionInput {
    pub plan_id: PlanId,
    /// Which session of the plan this is, from 1.
    pub number: u8,
    pub performed_on: NaiveDate,
    pub practitioner_id: StaffId,
    pub duration_minutes: u16,
    pub zones: Vec<ZoneSetting>,
    pub skin_reaction: Option<SkinReaction>,
    /// 0 (none) to 10 (worst).
    pub pain_score: Option<u8>,
    pub notes: String,
    /// Set only when the practitioner goes ahead although the client has no valid signed
    /// treatment consent for the performed day (after the `consent_missing` warning); audited.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub acknowledge_missing_consent: Option<ConsentAcknowledgement>,
    /// Set only when the practitioner goes ahead although the session comes sooner after the
    /// one before it than the plan's spacing (after the `acknowledge_spacing` warning); audited.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub acknowledge_spacing: Option<bool>,
}

/// The practitioner's explicit acknowledgement that a session is recorded without a valid signed
/// treatment consent, and why (e.g. "signed on paper, to be scanned").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConsentAcknowledgement {
    pub reason: String,
}

/// What the audit trail keeps of a session recorded without consent.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct MissingConsentAcknowledged<'a> {
    client_id: ClientId,
    performed_on: NaiveDate,
    acknowledged_by: Option<StaffId>,
    reason: &'a str,
}

/// A correction appended to a signed session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Amendment {
    pub id: AmendmentId,
    pub session_id: SessionId,
    pub author_id: Option<StaffId>,
    /// The author's name and role when they wrote it (never the staff list's later ones).
    pub author_name: Option<String>,
    pub author_role: Option<StaffRole>,
    pub written_at: DateTime<Utc>,
    pub text: String,
}

/// A recorded session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Session {
    pub id: SessionId,
    pub plan_id: PlanId,
    pub client_id: ClientId,
    pub number: u8,
    pub performed_on: NaiveDate,
    pub practitioner_id: StaffId,
    pub duration_minutes: u16,
    pub zones: Vec<ZoneSetting>,
    pub skin_reaction: Option<SkinReaction>,
    pub pain_score: Option<u8>,
    pub notes: String,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<StaffId>,
    pub signed_at: Option<DateTime<Utc>>,
    pub signed_by: Option<StaffId>,
    /// The signer's name and role when they signed, frozen into the signed record: a later
    /// rename or role change never alters what the signature shows.
    pub signed_by_name: Option<String>,
    pub signed_by_role: Option<StaffRole>,
    pub amendments: Vec<Amendment>,
    /// Moves on with every save of the draft; an edit sends back the version it was opened at.
    pub version: u32,
}

impl Session {
    pub fn is_signed(&self) -> bool {
        self.signed_at.is_some()
    }
}

/// Most zones one session can list.
const MAX_ZONES: usize = 12;

fn check_dilution(field: &str, dilution: &str) -> Result<String> {
    let dilution = dilution.trim();
    let parts: Option<(u8, u8)> = dilution
        .split_once(':')
        .and_then(|(p, d)| Some((p.trim().parse().ok()?, d.trim().parse().ok()?)));
    match parts {
        Some((pigment @ 1..=20, diluent @ 0..=20)) => Ok(format!("{pigment}:{diluent}")),
        _ => Err(Error::validation(
            field,
            format!(
                "Dilution \"{dilution}\" is not pigment:diluent parts, e.g. 1:2 (1:0 is undiluted)"
            ),
        )),
    }
}

/// Checks everything that needs no database, and normalises the text fields; every field's
/// problem is reported at once.
fn validate_shape(input: &SessionInput, today: NaiveDate) -> Result<SessionInput> {
    let mut v = input.clone();
    let mut p = Problems::default();
    if input.number == 0 {
        p.keep(Error::validation("number", "Session numbers start at 1"));
    }
    p.check(not_in_future(
        "performed_on",
        "Performed date",
        input.performed_on,
        today,
    ));
    p.check(whole_in(
        "duration_minutes",
        "Duration (minutes)",
        input.duration_minutes.into(),
        1,
        720,
    ));
    if let Some(pain) = input.pain_score {
        p.check(whole_in("pain_score", "Pain score", pain.into(), 0, 10));
    }
    if let Some(notes) = p.check(bounded_text("notes", "Notes", &input.notes, 10_000)) {
        v.notes = notes;
    }
    if let Some(ack) = &input.acknowledge_missing_consent {
        let reason = p.check(required_text(
            "acknowledge_missing_consent.reason",
            "Reason for treating without a signed consent",
            &ack.reason,
            500,
        ));
        v.acknowledge_missing_consent = reason.map(|reason| ConsentAcknowledgement { reason });
    }
    if input.zones.is_empty() {
        p.keep(Error::validation(
            "zones",
            "Record at least one treated zone",
        ));
    }
    if input.zones.len() > MAX_ZONES {
        p.keep(Error::validation(
            "zones",
            format!("At most {MAX_ZONES} zones per session"),
        ));
    }
    for (i, (zone, out)) in input.zones.iter().zip(v.zones.iter_mut()).enumerate() {
        let field = |name: &str| format!("zones[{i}].{name}");
        if let Some(lot) = p.check(required_text(
            &field("cartridge_lot"),
            "Cartridge lot",
            &zone.cartridge_lot,
            60,
        )) {
            out.cartridge_lot = lot;
        }
        p.check(number_in(
            &field("depth_mm"),
            "Depth",
            zone.depth_mm,
            0.1,
            3.0,
            " mm",
        ));
        if let Some(layer) = p.check(bounded_text(
            &field("target_layer"),
            "Target layer",
            &zone.target_layer,
            100,
        )) {
            out.target_layer = layer;
        }
        p.check(number_in(
            &field("angle_deg"),
            "Angle",
            zone.angle_deg,
            0.0,
            90.0,
            "°",
        ));
        if let Some(speed) = zone.machine_speed {
            p.check(number_in(
                &field("machine_speed"),
                "Machine speed",
                speed,
                0.1,
                300.0,
                "",
            ));
        }
        if let Some(stroke) = zone.stroke_mm {
            p.check(number_in(
                &field("stroke_mm"),
                "Stroke",
                stroke,
                0.5,
                6.0,
                " mm",
            ));
        }
        if let Some(dilution) = p.check(check_dilution(&field("dilution"), &zone.dilution)) {
            out.dilution = dilution;
        }
    }
    p.finish()?;
    Ok(v)
}

impl Write<'_> {
    /// The plan's spacing before session `v` (recorded as `id`), unless acknowledged.
    fn check_session_spacing(&self, v: &SessionInput, id: SessionId) -> Result<()> {
        self.check_spacing(
            v.plan_id,
            v.number,
            v.performed_on,
            v.acknowledge_spacing == Some(true),
            "session",
            &id,
        )
    }
}

impl Write<'_> {
    /// Checks the rules that need the database: the plan, the practitioner, the client's
    /// contraindications, and every needle and lot (existing, and lots not expired).
    fn check_against_record(&self, input: &SessionInput) -> Result<ClientId> {
        let plan = plans::load(self.tx, input.plan_id).map_err(|_| {
            Error::validation(
                "plan_id",
                format!("No treatment plan with id {} exists", input.plan_id),
            )
        })?;
        if plan.status == PlanStatus::Cancelled {
            return Err(Error::refused(
                Some("plan_id"),
                "This plan is cancelled; no sessions can be recorded against it",
            ));
        }
        if input.number > plan.planned_sessions {
            return Err(Error::validation(
                "number",
                format!(
                    "This plan has {} sessions, so there is no session {}",
                    plan.planned_sessions, input.number
                ),
            ));
        }
        staff::active_practitioner(
            self.tx,
            input.practitioner_id,
            "practitioner_id",
            "record a session",
        )?;
        self.may_write_for(input.practitioner_id)?;
        let client = clients::load(self.tx, plan.client_id)?;
        if let Some(blocking) = client
            .blocking_contraindications(input.performed_on)
            .first()
        {
            return Err(Error::refused(
                Some("contraindications"),
                format!(
                    "{} has {} — record a doctor's clearance on the client's record before treating",
                    client.full_name(),
                    with_article(&blocking.describe())
                ),
            ));
        }
        for (i, zone) in input.zones.iter().enumerate() {
            if needles::load(self.tx, zone.needle_id)?.is_none() {
                return Err(Error::validation(
                    format!("zones[{i}].needle_id"),
                    format!("No needle configuration with id {} exists", zone.needle_id),
                ));
            }
            let lot = pigments::load_lot(self.tx, zone.pigment_lot_id)?.ok_or_else(|| {
                Error::validation(
                    format!("zones[{i}].pigment_lot_id"),
                    format!("No pigment lot with id {} exists", zone.pigment_lot_id),
                )
            })?;
            if lot.is_expired_on(input.performed_on) {
                return Err(Error::refused(
                    Some(&format!("zones[{i}].pigment_lot_id")),
                    format!(
                        "Pigment lot {} expired on {}; it cannot be used on {}",
                        lot.lot_number, lot.expires_on, input.performed_on
                    ),
                ));
            }
        }
        Ok(plan.client_id)
    }

    fn store_zones(&self, session: SessionId, zones: &[ZoneSetting]) -> Result<()> {
        self.tx
            .execute("DELETE FROM session_zones WHERE session_id = ?1", [session])?;
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO session_zones (session_id, position, zone, needle_id, cartridge_lot, depth_mm,
                target_layer, angle_deg, machine_speed, stroke_mm, pigment_lot_id, dilution, density)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for (position, z) in zones.iter().enumerate() {
            insert.execute(params![
                session,
                position as i64,
                z.zone,
                z.needle_id,
                z.cartridge_lot,
                z.depth_mm,
                z.target_layer,
                z.angle_deg,
                z.machine_speed,
                z.stroke_mm,
                z.pigment_lot_id,
                z.dilution,
                z.density
            ])?;
        }
        Ok(())
    }

    /// A practitioner records, edits and discards only their own sessions; a manager may draft
    /// one for any practitioner (who alone signs it).
    fn may_write_for(&self, practitioner_id: StaffId) -> Result<()> {
        if let Actor::Staff(me) = self.actor {
            if me != practitioner_id && staff::load(self.tx, me)?.role == StaffRole::Practitioner {
                return Err(Error::Forbidden(
                    "A practitioner records and edits only their own sessions".to_owned(),
                ));
            }
        }
        Ok(())
    }

    fn unsigned(&self, id: SessionId, what: &str) -> Result<Session> {
        let session = load(self.tx, id)?;
        if let Some(signed_at) = session.signed_at {
            return Err(Error::refused(
                None,
                format!(
                    "Session {} was signed on {} and cannot be {what}; add an amendment instead",
                    session.number,
                    signed_at.date_naive()
                ),
            ));
        }
        Ok(session)
    }
}

fn duplicate_number(e: Error, number: u8) -> Error {
    match e {
        Error::Storage(rusqlite::Error::SqliteFailure(f, _))
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            Error::conflict(
                Some("number"),
                format!("Session {number} of this plan is already recorded"),
            )
        }
        other => other,
    }
}

impl Write<'_> {
    /// Requires a valid signed treatment consent for the client on the performed day, unless the
    /// input acknowledges its absence — in which case the acknowledgement is audited.
    fn check_consent(
        &self,
        client_id: ClientId,
        session: SessionId,
        v: &SessionInput,
    ) -> Result<()> {
        if consent::treatment_consent_valid(self.tx, client_id, v.performed_on)? {
            return Ok(());
        }
        let Some(ack) = &v.acknowledge_missing_consent else {
            let client = clients::load(self.tx, client_id)?;
            return Err(Error::ConsentMissing {
                field: "acknowledge_missing_consent".into(),
                message: format!(
                    "{} has no signed treatment consent valid on {}; have them sign it, or acknowledge treating without it",
                    client.full_name(),
                    v.performed_on
                ),
            });
        };
        let noted = MissingConsentAcknowledged {
            client_id,
            performed_on: v.performed_on,
            acknowledged_by: self.actor.staff_id(),
            reason: &ack.reason,
        };
        self.audit(
            "session",
            &session,
            "acknowledge_missing_consent",
            None::<&()>,
            Some(&noted),
        )
    }
}

impl Practice {
    /// Records a session. Refused with the reason named if the client has an active
    /// contraindication without clearance, a lot has expired by the performed date, or any
    /// field is out of bounds; refused with `consent_missing` if the client has no valid signed
    /// treatment consent for the performed day and the input does not acknowledge it; refused on
    /// `acknowledge_spacing` if it comes sooner after the session before it than the plan's
    /// spacing and the input does not acknowledge that.
    pub fn record_session(&mut self, actor: Actor, input: &SessionInput) -> Result<Session> {
        let v = validate_shape(input, self.clock().today())?;
        self.write(actor, |w| {
            let client_id = w.check_against_record(&v)?;
            let id = SessionId::new();
            w.check_consent(client_id, id, &v)?;
            w.check_session_spacing(&v, id)?;
            w.tx.execute(
                "INSERT INTO sessions (id, plan_id, client_id, number, performed_on, practitioner_id,
                    duration_minutes, skin_reaction, pain_score, notes, recorded_at, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    id, v.plan_id, client_id, v.number, v.performed_on, v.practitioner_id, v.duration_minutes,
                    v.skin_reaction, v.pain_score, v.notes, w.now, w.actor.staff_id()
                ],
            )
            .map_err(|e| duplicate_number(e.into(), v.number))?;
            w.store_zones(id, &v.zones)?;
            recalls::sync_plan(w, v.plan_id)?;
            recalls::close_touch_ups_answered_by(w, v.plan_id)?;
            let session = load(w.tx, id)?;
            w.audit("session", &id, "record", None::<&Session>, Some(&session))?;
            Ok(session)
        })
    }

    /// Corrects an unsigned session (the plan cannot change). Signed sessions are refused. A
    /// session moved to another day is checked for consent on that day, and a session moved to
    /// another day or number for the plan's spacing, as when recording. The draft must still be
    /// at `version` (the one the form was opened at).
    pub fn update_session(
        &mut self,
        actor: Actor,
        id: SessionId,
        version: u32,
        input: &SessionInput,
    ) -> Result<Session> {
        let v = validate_shape(input, self.clock().today())?;
        self.write(actor, |w| {
            let before = w.unsigned(id, "edited")?;
            w.may_write_for(before.practitioner_id)?;
            w.claim_version(Versioned::Session, &id, version)?;
            if v.plan_id != before.plan_id {
                return Err(Error::validation("plan_id", "A session cannot be moved to another plan"));
            }
            let client_id = w.check_against_record(&v)?;
            if v.performed_on != before.performed_on {
                // Moved to another day: the consent must hold on that day too.
                w.check_consent(client_id, id, &v)?;
            }
            if (v.performed_on, v.number) != (before.performed_on, before.number) {
                w.check_session_spacing(&v, id)?;
            }
            w.tx.execute(
                "UPDATE sessions SET number = ?2, performed_on = ?3, practitioner_id = ?4, duration_minutes = ?5,
                    skin_reaction = ?6, pain_score = ?7, notes = ?8
                 WHERE id = ?1",
                params![id, v.number, v.performed_on, v.practitioner_id, v.duration_minutes, v.skin_reaction, v.pain_score, v.notes],
            )
            .map_err(|e| duplicate_number(e.into(), v.number))?;
            w.store_zones(id, &v.zones)?;
            recalls::sync_plan(w, v.plan_id)?;
            let after = load(w.tx, id)?;
            w.audit("session", &id, "update", Some(&before), Some(&after))?;
            Ok(after)
        })
    }

    /// Discards an unsigned session recorded by mistake. Signed sessions are refused.
    pub fn discard_session(&mut self, actor: Actor, id: SessionId) -> Result<()> {
        self.write(actor, |w| {
            let before = w.unsigned(id, "discarded")?;
            w.may_write_for(before.practitioner_id)?;
            w.tx.execute("DELETE FROM session_zones WHERE session_id = ?1", [id])?;
            w.tx.execute("DELETE FROM sessions WHERE id = ?1", [id])?;
            recalls::sync_plan(w, before.plan_id)?;
            recalls::restore_touch_ups_no_longer_answered(w, before.plan_id)?;
            w.audit("session", &id, "discard", Some(&before), None::<&Session>)
        })
    }

    /// Signs a session as the acting practitioner — who must be the session's practitioner,
    /// proven by the caller at this moment (see `Service::confirm`). Their name and role are
    /// frozen into the signed record. From then on it is read-only.
    pub fn sign_session(&mut self, actor: Actor, id: SessionId) -> Result<Session> {
        self.write(actor, |w| {
            let Actor::Staff(signer) = w.actor else {
                return Err(Error::Forbidden(
                    "Only the session's practitioner, signed in, can sign it".to_owned(),
                ));
            };
            let before = w.unsigned(id, "signed again")?;
            let person = staff::active_practitioner(w.tx, signer, "actor", "sign a session")?;
            if before.practitioner_id != signer {
                let theirs = staff::load(w.tx, before.practitioner_id)?;
                return Err(Error::Forbidden(format!(
                    "Only {}, the session's practitioner, can sign it",
                    theirs.name
                )));
            }
            w.tx.execute(
                "UPDATE sessions SET signed_at = ?2, signed_by = ?3, signed_by_name = ?4,
                        signed_by_role = ?5 WHERE id = ?1",
                params![id, w.now, signer, person.name, person.role],
            )?;
            recalls::sync_plan(w, before.plan_id)?;
            let after = load(w.tx, id)?;
            w.audit("session", &id, "sign", Some(&before), Some(&after))?;
            Ok(after)
        })
    }

    /// Appends a correction to a signed session, written by its practitioner or a manager
    /// (proven by the caller at this moment); the original stays as it was signed, and the
    /// author's name and role are frozen into the amendment.
    pub fn amend_session(&mut self, actor: Actor, id: SessionId, text: &str) -> Result<Amendment> {
        let text = required_text("text", "Amendment", text, 5000)?;
        self.write(actor, |w| {
            let Actor::Staff(author) = w.actor else {
                return Err(Error::Forbidden(
                    "Only the session's practitioner or a manager, signed in, can amend it".to_owned(),
                ));
            };
            let session = load(w.tx, id)?;
            if !session.is_signed() {
                return Err(Error::refused(None, "This session is not signed yet; edit it directly"));
            }
            let person = staff::load(w.tx, author)?;
            if session.practitioner_id != author && person.role != StaffRole::Manager {
                return Err(Error::Forbidden(
                    "Only the session's practitioner or a manager can amend a signed session".to_owned(),
                ));
            }
            let amendment = Amendment {
                id: AmendmentId::new(),
                session_id: id,
                author_id: Some(author),
                author_name: Some(person.name),
                author_role: Some(person.role),
                written_at: w.now,
                text,
            };
            w.tx.execute(
                "INSERT INTO amendments (id, session_id, author_id, author_name, author_role, written_at, text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![amendment.id, id, author, amendment.author_name, amendment.author_role,
                        amendment.written_at, amendment.text],
            )?;
            w.audit("session", &id, "amend", None::<&Amendment>, Some(&amendment))?;
            Ok(amendment)
        })
    }

    pub fn session(&self, id: SessionId) -> Result<Session> {
        load(self.conn(), id)
    }
}

pub(crate) const SESSION_COLUMNS: &str = "s.id, s.plan_id, s.client_id, s.number, s.performed_on,
    s.practitioner_id, s.duration_minutes, s.skin_reaction, s.pain_score, s.notes, s.recorded_at,
    s.recorded_by, s.signed_at, s.signed_by, s.signed_by_name, s.signed_by_role, s.version";

pub(crate) const ZONE_COLUMNS: &str = "z.session_id, z.zone, z.needle_id, z.cartridge_lot, z.depth_mm,
    z.target_layer, z.angle_deg, z.machine_speed, z.stroke_mm, z.pigment_lot_id, z.dilution, z.density";

pub(crate) const AMENDMENT_COLUMNS: &str =
    "a.id, a.session_id, a.author_id, a.author_name, a.author_role, a.written_at, a.text";

pub(crate) fn session_from_row(row: &Row<'_>) -> rusqlite::Result<Session> {
    Ok(Session {
        id: row.get("id")?,
        plan_id: row.get("plan_id")?,
        client_id: row.get("client_id")?,
        number: row.get("number")?,
        performed_on: row.get("performed_on")?,
        practitioner_id: row.get("practitioner_id")?,
        duration_minutes: row.get("duration_minutes")?,
        zones: Vec::new(),
        skin_reaction: row.get("skin_reaction")?,
        pain_score: row.get("pain_score")?,
        notes: row.get("notes")?,
        recorded_at: row.get("recorded_at")?,
        recorded_by: row.get("recorded_by")?,
        signed_at: row.get("signed_at")?,
        signed_by: row.get("signed_by")?,
        signed_by_name: row.get("signed_by_name")?,
        signed_by_role: row.get("signed_by_role")?,
        amendments: Vec::new(),
        version: row.get("version")?,
    })
}

pub(crate) fn zone_from_row(row: &Row<'_>) -> rusqlite::Result<(SessionId, ZoneSetting)> {
    Ok((
        row.get("session_id")?,
        ZoneSetting {
            zone: row.get("zone")?,
            needle_id: row.get("needle_id")?,
            cartridge_lot: row.get("cartridge_lot")?,
            depth_mm: row.get("depth_mm")?,
            target_layer: row.get("target_layer")?,
            angle_deg: row.get("angle_deg")?,
            machine_speed: row.get("machine_speed")?,
            stroke_mm: row.get("stroke_mm")?,
            pigment_lot_id: row.get("pigment_lot_id")?,
            dilution: row.get("dilution")?,
            density: row.get("density")?,
        },
    ))
}

pub(crate) fn amendment_from_row(row: &Row<'_>) -> rusqlite::Result<Amendment> {
    Ok(Amendment {
        id: row.get("id")?,
        session_id: row.get("session_id")?,
        author_id: row.get("author_id")?,
        author_name: row.get("author_name")?,
        author_role: row.get("author_role")?,
        written_at: row.get("written_at")?,
        text: row.get("text")?,
    })
}

pub(crate) fn load(conn: &Connection, id: SessionId) -> Result<Session> {
    let mut session = conn
        .prepare_cached(&format!(
            "SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.id = ?1"
        ))?
        .query_row([id], session_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("session", id))?;
    session.zones = conn
        .prepare_cached(&format!("SELECT {ZONE_COLUMNS} FROM session_zones z WHERE z.session_id = ?1 ORDER BY z.position"))?
        .query_map([id], zone_from_row)?
        .map(|r| r.map(|(_, zone)| zone))
        .collect::<rusqlite::Result<_>>()?;
    session.amendments = conn
        .prepare_cached(&format!("SELECT {AMENDMENT_COLUMNS} FROM amendments a WHERE a.session_id = ?1 ORDER BY a.written_at, a.id"))?
        .query_map([id], amendment_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(session)
}

/// The stored session `id` held to the rules of the session form (an archive's row, on import):
/// its bounds, zones and dilutions. Consent, spacing and lots were answered when it was recorded.
pub(crate) fn check_stored(conn: &Connection, id: SessionId, today: NaiveDate) -> Result<()> {
    crate::db::rows::check_readable(
        conn,
        &format!("SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.id = ?1"),
        [id],
        session_from_row,
    )?;
    let s = load(conn, id)?;
    let input = SessionInput {
        plan_id: s.plan_id,
        number: s.number,
        performed_on: s.performed_on,
        practitioner_id: s.practitioner_id,
        duration_minutes: s.duration_minutes,
        zones: s.zones,
        skin_reaction: s.skin_reaction,
        pain_score: s.pain_score,
        notes: s.notes,
        acknowledge_missing_consent: None,
        acknowledge_spacing: None,
    };
    validate_shape(&input, today).map(drop)
}

/// `"an absolute …"`, `"a temporary …"`: the indefinite article the phrase starts with.
fn with_article(phrase: &str) -> String {
    let vowel = phrase.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {phrase}", if vowel { "an" } else { "a" })
}

#[cfg(test)]
mod tests {
    use super::check_dilution;

    #[test]
    fn dilution_is_pigment_to_diluent_parts() {
        assert_eq!(check_dilution("d", " 1 : 2 ").unwrap(), "1:2");
        assert_eq!(check_dilution("d", "1:0").unwrap(), "1:0");
        for bad in ["", "2", "0:1", "1:21", "a:b", "1:-1", "1:2:3"] {
            assert!(check_dilution("d", bad).is_err(), "{bad} should be refused");
        }
    }
}
