//! The pigment catalogue: shades and their manufactured lots, so every session traces to a lot.

use crate::actor::Actor;
use crate::catalogue::traceability::refuse_if_used;
use crate::db::practice::{Practice, Write};
use crate::db::versions::Versioned;
use crate::error::{Error, Result};
use crate::ids::{PigmentId, PigmentLotId};
use crate::validate::{chosen, not_in_future, required_text, Problems};
use crate::vocab::PigmentTone;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PigmentInput {
    pub brand: String,
    pub name: String,
    /// Chosen, never assumed: it must be sent, and null (not chosen yet) is refused with the
    /// form's other problems.
    #[serde(deserialize_with = "Option::deserialize")]
    pub tone: Option<PigmentTone>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Pigment {
    pub id: PigmentId,
    pub brand: String,
    pub name: String,
    pub tone: PigmentTone,
    pub active: bool,
    /// The pigment's lots, newest expiry first.
    pub lots: Vec<PigmentLot>,
    /// Moves on with every save from the form; an edit sends back the version it was opened at.
    pub version: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PigmentLotInput {
    pub lot_number: String,
    pub expires_on: NaiveDate,
    pub received_on: Option<NaiveDate>,
    pub opened_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PigmentLot {
    pub id: PigmentLotId,
    pub pigment_id: PigmentId,
    pub lot_number: String,
    pub expires_on: NaiveDate,
    pub received_on: Option<NaiveDate>,
    pub opened_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    /// Moves on with every save from the form; an edit sends back the version it was opened at.
    pub version: u32,
}

impl PigmentLot {
    /// A lot may be used up to and including its expiry day.
    pub fn is_expired_on(&self, day: NaiveDate) -> bool {
        day > self.expires_on
    }
}

/// Every problem of a pigment form at once; its brand, shade name and tone.
fn validate_pigment(input: &PigmentInput) -> Result<(String, String, PigmentTone)> {
    let mut p = Problems::default();
    let brand = p.check(required_text("brand", "Brand", &input.brand, 100));
    let name = p.check(required_text("name", "Shade name", &input.name, 100));
    let tone = p.check(chosen(
        "tone",
        "Tone: choose warm, neutral or cool",
        input.tone,
    ));
    let read = brand.zip(name).zip(tone);
    p.finish_with(read.map(|((brand, name), tone)| (brand, name, tone)))
}

/// Every problem of a lot form at once; its lot number.
fn validate_lot(input: &PigmentLotInput, today: NaiveDate) -> Result<String> {
    let mut p = Problems::default();
    let lot_number = p.check(required_text(
        "lot_number",
        "Lot number",
        &input.lot_number,
        60,
    ));
    for (field, label, day) in [
        ("received_on", "Received date", input.received_on),
        ("opened_on", "Opened date", input.opened_on),
    ] {
        if let Some(day) = day {
            p.check(not_in_future(field, label, day, today));
        }
    }
    if let (Some(received), Some(opened)) = (input.received_on, input.opened_on) {
        if opened < received && !p.has("opened_on") {
            p.keep(Error::validation(
                "opened_on",
                format!("Opened date {opened} is before the received date {received}"),
            ));
        }
    }
    p.finish()?;
    Ok(lot_number.unwrap_or_default())
}

fn lot_from_row(row: &Row<'_>) -> rusqlite::Result<PigmentLot> {
    Ok(PigmentLot {
        id: row.get("id")?,
        pigment_id: row.get("pigment_id")?,
        lot_number: row.get("lot_number")?,
        expires_on: row.get("expires_on")?,
        received_on: row.get("received_on")?,
        opened_on: row.get("opened_on")?,
        created_at: row.get("created_at")?,
        version: row.get("version")?,
    })
}

const LOT_COLUMNS: &str =
    "id, pigment_id, lot_number, expires_on, received_on, opened_on, created_at, version";

pub(crate) fn load_lot(conn: &Connection, id: PigmentLotId) -> Result<Option<PigmentLot>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {LOT_COLUMNS} FROM pigment_lots WHERE id = ?1"
        ))?
        .query_row([id], lot_from_row)
        .optional()?)
}

fn load_pigment(conn: &Connection, id: PigmentId) -> Result<Pigment> {
    let mut pigment = conn
        .prepare_cached(
            "SELECT id, brand, name, tone, active, version FROM pigments WHERE id = ?1",
        )?
        .query_row([id], |row| {
            Ok(Pigment {
                id: row.get("id")?,
                brand: row.get("brand")?,
                name: row.get("name")?,
                tone: row.get("tone")?,
                active: row.get("active")?,
                lots: Vec::new(),
                version: row.get("version")?,
            })
        })
        .optional()?
        .ok_or_else(|| Error::not_found("pigment", id))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LOT_COLUMNS} FROM pigment_lots WHERE pigment_id = ?1 ORDER BY expires_on DESC, lot_number"
    ))?;
    pigment.lots = stmt
        .query_map([id], lot_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(pigment)
}

/// Maps a uniqueness violation to a conflict naming `field`.
fn unique_or(e: rusqlite::Error, field: &str, message: String) -> Error {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            Error::conflict(Some(field), message)
        }
        other => other.into(),
    }
}

impl Write<'_> {
    fn audit_pigment_change(
        &self,
        id: PigmentId,
        action: &str,
        before: Option<&Pigment>,
    ) -> Result<Pigment> {
        let after = load_pigment(self.tx, id)?;
        self.audit("pigment", &id, action, before, Some(&after))?;
        Ok(after)
    }
}

impl Practice {
    pub fn create_pigment(&mut self, actor: Actor, input: &PigmentInput) -> Result<Pigment> {
        let (brand, name, tone) = validate_pigment(input)?;
        self.write(actor, |w| {
            let id = PigmentId::new();
            w.tx.execute(
                "INSERT INTO pigments (id, brand, name, tone, active, created_at) VALUES (?1, ?2, ?3, ?4, 1, ?5)",
                params![id, brand, name, tone, w.now],
            )
            .map_err(|e| unique_or(e, "name", format!("{brand} {name} is already in the catalogue")))?;
            w.audit_pigment_change(id, "create", None)
        })
    }

    /// Corrects a shade's name or tone, if it is still at `version` (the one the form was
    /// opened at).
    pub fn update_pigment(
        &mut self,
        actor: Actor,
        id: PigmentId,
        version: u32,
        input: &PigmentInput,
    ) -> Result<Pigment> {
        let (brand, name, tone) = validate_pigment(input)?;
        self.write(actor, |w| {
            let before = load_pigment(w.tx, id)?;
            w.claim_version(Versioned::Pigment, &id, version)?;
            w.tx.execute(
                "UPDATE pigments SET brand = ?2, name = ?3, tone = ?4 WHERE id = ?1",
                params![id, brand, name, tone],
            )
            .map_err(|e| {
                unique_or(
                    e,
                    "name",
                    format!("{brand} {name} is already in the catalogue"),
                )
            })?;
            w.audit_pigment_change(id, "update", Some(&before))
        })
    }

    /// Takes a shade off (or back onto) the pickers; its lots stay traceable.
    pub fn set_pigment_active(
        &mut self,
        actor: Actor,
        id: PigmentId,
        active: bool,
    ) -> Result<Pigment> {
        self.write(actor, |w| {
            let before = load_pigment(w.tx, id)?;
            w.tx.execute(
                "UPDATE pigments SET active = ?2 WHERE id = ?1",
                params![id, active],
            )?;
            w.audit_pigment_change(
                id,
                if active { "activate" } else { "deactivate" },
                Some(&before),
            )
        })
    }

    pub fn add_pigment_lot(
        &mut self,
        actor: Actor,
        pigment: PigmentId,
        input: &PigmentLotInput,
    ) -> Result<PigmentLot> {
        let lot_number = validate_lot(input, self.clock().today())?;
        self.write(actor, |w| {
            load_pigment(w.tx, pigment)?;
            let id = PigmentLotId::new();
            w.tx.execute(
                "INSERT INTO pigment_lots (id, pigment_id, lot_number, expires_on, received_on, opened_on, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, pigment, lot_number, input.expires_on, input.received_on, input.opened_on, w.now],
            )
            .map_err(|e| unique_or(e, "lot_number", format!("Lot {lot_number} of this pigment is already recorded")))?;
            let lot = load_lot(w.tx, id)?.expect("lot just inserted");
            w.audit("pigment_lot", &id, "create", None::<&PigmentLot>, Some(&lot))?;
            Ok(lot)
        })
    }

    /// Corrects a lot's details (e.g. records the day it was opened), if it is still at
    /// `version` (the one the form was opened at).
    pub fn update_pigment_lot(
        &mut self,
        actor: Actor,
        id: PigmentLotId,
        version: u32,
        input: &PigmentLotInput,
    ) -> Result<PigmentLot> {
        let lot_number = validate_lot(input, self.clock().today())?;
        self.write(actor, |w| {
            let before = load_lot(w.tx, id)?.ok_or_else(|| Error::not_found("pigment lot", id))?;
            w.claim_version(Versioned::PigmentLot, &id, version)?;
            let identity_changes = before.lot_number != lot_number || before.expires_on != input.expires_on;
            if identity_changes {
                refuse_if_used(w, "pigment_lot_id", &id.to_string(), "lot_number", &format!("Lot {}", before.lot_number))?;
            }
            w.tx.execute(
                "UPDATE pigment_lots SET lot_number = ?2, expires_on = ?3, received_on = ?4, opened_on = ?5 WHERE id = ?1",
                params![id, lot_number, input.expires_on, input.received_on, input.opened_on],
            )
            .map_err(|e| unique_or(e, "lot_number", format!("Lot {lot_number} of this pigment is already recorded")))?;
            let after = load_lot(w.tx, id)?.expect("lot exists");
            w.audit("pigment_lot", &id, "update", Some(&before), Some(&after))?;
            Ok(after)
        })
    }

    /// The whole pigment catalogue with lots, by brand and name.
    pub fn list_pigments(&self) -> Result<Vec<Pigment>> {
        let ids: Vec<PigmentId> = self
            .conn()
            .prepare_cached(
                "SELECT id FROM pigments ORDER BY brand COLLATE NOCASE, name COLLATE NOCASE",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| load_pigment(self.conn(), id))
            .collect()
    }

    pub fn pigment(&self, id: PigmentId) -> Result<Pigment> {
        load_pigment(self.conn(), id)
    }

    /// The catalogue as the Catalogue and session screens show it: every pigment with its
    /// lots, and which lots are past their expiry today.
    pub fn pigment_catalogue(&self) -> Result<PigmentCatalogue> {
        let today = self.clock().today();
        let pigments = self.list_pigments()?;
        let expired_lot_ids = pigments
            .iter()
            .flat_map(|p| &p.lots)
            .filter(|lot| lot.is_expired_on(today))
            .map(|lot| lot.id)
            .collect();
        Ok(PigmentCatalogue {
            pigments,
            expired_lot_ids,
            today,
        })
    }
}

/// The pigment catalogue on one day.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PigmentCatalogue {
    pub pigments: Vec<Pigment>,
    /// Lots past their expiry today, by [`PigmentLot::is_expired_on`].
    pub expired_lot_ids: Vec<PigmentLotId>,
    pub today: NaiveDate,
}
