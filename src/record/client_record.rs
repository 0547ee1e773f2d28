//! Reading a client's whole clinical story at once: profile, plans, every session with its zones
//! and amendments — and the previous sessions' settings that pre-fill the next one.

use crate::db::practice::Practice;
use crate::error::Result;
use crate::ids::{ClientId, ContraindicationId, PlanId, SessionId, StaffId};
use crate::record::clients::{self, Client};
use crate::record::plans::{plan_from_row, Plan, PLAN_COLUMNS};
use crate::record::sessions::{
    amendment_from_row, session_from_row, zone_from_row, Session, ZoneSetting, AMENDMENT_COLUMNS,
    SESSION_COLUMNS, ZONE_COLUMNS,
};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// One plan with its sessions, in session-number order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanRecord {
    pub plan: Plan,
    pub sessions: Vec<Session>,
}

/// Everything on file for one client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClientRecord {
    pub client: Client,
    /// The contraindications that would stop a session performed today (no clearance on file,
    /// not yet passed), for the banner to single out.
    pub blocking_today: Vec<ContraindicationId>,
    /// Oldest plan first.
    pub plans: Vec<PlanRecord>,
}

/// The zone settings of one earlier session, for "same as last time".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PreviousSettings {
    pub session_id: SessionId,
    pub plan_id: PlanId,
    pub number: u8,
    pub performed_on: NaiveDate,
    pub practitioner_id: StaffId,
    pub duration_minutes: u16,
    pub zones: Vec<ZoneSetting>,
}

/// A client's plans, oldest first.
pub(crate) fn client_plans(conn: &Connection, client: ClientId) -> Result<Vec<Plan>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {PLAN_COLUMNS} FROM plans p WHERE p.client_id = ?1 ORDER BY p.created_at, p.id"
        ))?
        .query_map([client], plan_from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

impl Practice {
    /// The contraindications that would stop a session performed today, for the banner.
    pub(crate) fn blocking_today(&self, client: &Client) -> Vec<ContraindicationId> {
        let today = self.clock().today();
        client
            .blocking_contraindications(today)
            .iter()
            .map(|c| c.id)
            .collect()
    }

    /// A client's profile, plans and sessions (with zones and amendments), in four queries
    /// whatever the number of sessions.
    pub fn client_record(&self, id: ClientId) -> Result<ClientRecord> {
        let conn = self.conn();
        let client = clients::load(conn, id)?;
        let plans = client_plans(conn, id)?;
        let mut sessions: Vec<Session> = conn
            .prepare_cached(&format!(
                "SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.client_id = ?1 ORDER BY s.plan_id, s.number"
            ))?
            .query_map([id], session_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        attach_details(
            conn,
            &mut sessions,
            "SELECT id FROM sessions WHERE client_id = ?1",
            [id],
        )?;
        let mut by_plan: HashMap<PlanId, Vec<Session>> = HashMap::new();
        for session in sessions {
            by_plan.entry(session.plan_id).or_default().push(session);
        }
        let plans = plans
            .into_iter()
            .map(|plan| PlanRecord {
                sessions: by_plan.remove(&plan.id).unwrap_or_default(),
                plan,
            })
            .collect();
        Ok(ClientRecord {
            blocking_today: self.blocking_today(&client),
            client,
            plans,
        })
    }

    /// The zone settings of a client's most recent sessions across all plans, newest first: the
    /// first pre-fills the next session, the rest sit greyed beside it. At most `limit` (1–20).
    pub fn previous_settings(&self, client: ClientId, limit: u32) -> Result<Vec<PreviousSettings>> {
        let conn = self.conn();
        let limit = limit.clamp(1, 20);
        let mut previous: Vec<PreviousSettings> = conn
            .prepare_cached(
                "SELECT id, plan_id, number, performed_on, practitioner_id, duration_minutes FROM sessions
                 WHERE client_id = ?1 ORDER BY performed_on DESC, recorded_at DESC LIMIT ?2",
            )?
            .query_map(rusqlite::params![client, limit], |row| {
                Ok(PreviousSettings {
                    session_id: row.get("id")?,
                    plan_id: row.get("plan_id")?,
                    number: row.get("number")?,
                    performed_on: row.get("performed_on")?,
                    practitioner_id: row.get("practitioner_id")?,
                    duration_minutes: row.get("duration_minutes")?,
                    zones: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut zones = conn.prepare_cached(&format!(
            "SELECT {ZONE_COLUMNS} FROM session_zones z WHERE z.session_id = ?1 ORDER BY z.position"
        ))?;
        for entry in &mut previous {
            entry.zones = zones
                .query_map([entry.session_id], zone_from_row)?
                .map(|r| r.map(|(_, zone)| zone))
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(previous)
    }
}

/// Fills in the zones and amendments of `sessions`, which are exactly the sessions whose ids the
/// query `scope` selects with `params` — two queries, whatever the number of sessions.
pub(crate) fn attach_details<P: rusqlite::Params + Copy>(
    conn: &Connection,
    sessions: &mut [Session],
    scope: &str,
    params: P,
) -> Result<()> {
    let index: HashMap<SessionId, usize> = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let mut zones = conn.prepare_cached(&format!(
        "SELECT {ZONE_COLUMNS} FROM session_zones z
         WHERE z.session_id IN ({scope}) ORDER BY z.session_id, z.position"
    ))?;
    for row in zones.query_map(params, zone_from_row)? {
        let (session, zone) = row?;
        if let Some(&i) = index.get(&session) {
            sessions[i].zones.push(zone);
        }
    }
    let mut amendments = conn.prepare_cached(&format!(
        "SELECT {AMENDMENT_COLUMNS} FROM amendments a
         WHERE a.session_id IN ({scope}) ORDER BY a.written_at, a.id"
    ))?;
    for row in amendments.query_map(params, amendment_from_row)? {
        let amendment = row?;
        if let Some(&i) = index.get(&amendment.session_id) {
            sessions[i].amendments.push(amendment);
        }
    }
    Ok(())
}
