//! Traceability: from a pigment lot or a cartridge lot to every client and session it touched,
//! in one query — what a manufacturer's recall needs.

use crate::db::practice::{Practice, Write};
use crate::error::{Error, Result};
use crate::ids::{ClientId, PigmentLotId, SessionId, StaffId};
use crate::paging::PageRequest;
use crate::vocab::ScalpZone;
use chrono::NaiveDate;
use rusqlite::{params, Row, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One use of a lot: which client, which session, which zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LotUse {
    pub client_id: ClientId,
    pub client_number: u32,
    pub client_name: String,
    pub phone: String,
    pub email: String,
    pub session_id: SessionId,
    pub session_number: u8,
    pub performed_on: NaiveDate,
    pub practitioner_id: StaffId,
    pub zone: ScalpZone,
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<LotUse> {
    Ok(LotUse {
        client_id: row.get("client_id")?,
        client_number: row.get("number")?,
        client_name: row.get("client_name")?,
        phone: row.get("phone")?,
        email: row.get("email")?,
        session_id: row.get("session_id")?,
        session_number: row.get("session_number")?,
        performed_on: row.get("performed_on")?,
        practitioner_id: row.get("practitioner_id")?,
        zone: row.get("zone")?,
    })
}

/// A page of a lot's uses, in the order they happened, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LotUsePage {
    pub uses: Vec<LotUse>,
    pub total: u32,
}

/// Every use of a lot: a zone of a session, with its client.
const USES: &str = "session_zones z
    JOIN sessions s ON s.id = z.session_id
    JOIN clients c ON c.id = s.client_id";

impl Practice {
    /// One page of the uses of the lot that `condition` (on `z`, the zone, with `?1` the lot)
    /// picks, with how many there are in all. Oldest first, as a recall notice works through
    /// them; ties broken down to the zone so that pages never skip or repeat a use.
    fn lot_uses(&self, condition: &str, key: &dyn ToSql, page: PageRequest) -> Result<LotUsePage> {
        let conn = self.conn();
        let total = conn
            .prepare_cached(&format!("SELECT count(*) FROM {USES} WHERE {condition}"))?
            .query_row([key], |r| r.get(0))?;
        let uses = conn
            .prepare_cached(&format!(
                "SELECT c.id AS client_id, c.number, c.first_name || ' ' || c.last_name AS client_name, c.phone,
                        c.email, s.id AS session_id, s.number AS session_number, s.performed_on, s.practitioner_id,
                        z.zone
                 FROM {USES}
                 WHERE {condition}
                 ORDER BY s.performed_on, c.number, s.number, s.id, z.position
                 LIMIT ?2 OFFSET ?3"
            ))?
            .query_map(params![key, page.limit(), page.offset()], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(LotUsePage { uses, total })
    }

    /// A page of the sessions (and their clients) that used the pigment lot.
    pub fn pigment_lot_uses(&self, lot: PigmentLotId, page: PageRequest) -> Result<LotUsePage> {
        self.lot_uses("z.pigment_lot_id = ?1", &lot, page)
    }

    /// A page of the sessions (and their clients) that used a cartridge with this lot number.
    pub fn cartridge_lot_uses(&self, lot_number: &str, page: PageRequest) -> Result<LotUsePage> {
        self.lot_uses("z.cartridge_lot = ?1", &lot_number.trim(), page)
    }
}

/// A lot or needle that sessions record can no longer be corrected: what a signed session says
/// was used must keep meaning the same thing. It is retired (deactivated) and the right one
/// added instead; `column` is the session-zone column that refers to it.
pub(crate) fn refuse_if_used(
    w: &Write<'_>,
    column: &str,
    id: &str,
    field: &str,
    what: &str,
) -> Result<()> {
    let sessions: u32 = w.tx.query_row(
        &format!("SELECT count(DISTINCT session_id) FROM session_zones WHERE {column} = ?1"),
        [id],
        |r| r.get(0),
    )?;
    if sessions == 0 {
        return Ok(());
    }
    Err(Error::refused(
        Some(field),
        format!(
            "{what} is recorded on {sessions} session{}, so it cannot be corrected; deactivate it and add the correct one",
            if sessions == 1 { "" } else { "s" }
        ),
    ))
}
