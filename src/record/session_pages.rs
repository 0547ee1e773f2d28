//! A client's record a screen at a time: it opens at the newest sessions with how many there are
//! in all, and older sessions come a page at a time as the user scrolls — so a client with 500
//! sessions opens as fast as one with five.

use crate::db::practice::Practice;
use crate::error::Result;
use crate::ids::{ClientId, ContraindicationId};
use crate::paging::PageRequest;
use crate::record::client_record::{attach_details, client_plans};
use crate::record::clients::{self, Client};
use crate::record::plans::Plan;
use crate::record::sessions::{session_from_row, Session, SESSION_COLUMNS};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many of the newest sessions the record opens with.
pub const FIRST_SESSIONS: u32 = 20;

/// Newest first: the day performed, then the order recorded.
const NEWEST_FIRST: &str = "s.performed_on DESC, s.recorded_at DESC, s.id DESC";

/// A page of a client's sessions (newest first, with zones and amendments) and how many the
/// client has in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SessionPage {
    pub sessions: Vec<Session>,
    pub total: u32,
}

/// One plan and the numbers of the sessions recorded under it (enough to say which comes next).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanOverview {
    pub plan: Plan,
    /// Ascending.
    pub recorded_numbers: Vec<u8>,
}

/// What the client record opens with: the profile, every plan, and the newest sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClientOverview {
    pub client: Client,
    /// The contraindications that would stop a session performed today (no clearance on file,
    /// not yet passed), for the banner to single out.
    pub blocking_today: Vec<ContraindicationId>,
    /// Oldest plan first.
    pub plans: Vec<PlanOverview>,
    /// The newest sessions across all plans and the client's session count.
    pub newest: SessionPage,
}

impl Practice {
    /// Sessions `offset..offset + limit` of a client, newest first, with the client's total.
    /// An offset past the last session answers an empty page; an unknown client is not found;
    /// a bad page size is refused ([`PageRequest::of`]).
    pub fn client_sessions(
        &self,
        client: ClientId,
        offset: u32,
        limit: u32,
    ) -> Result<SessionPage> {
        let page = PageRequest::of(offset, limit, "sessions")?;
        let (offset, limit) = (page.offset(), page.limit());
        let conn = self.conn();
        let total: u32 = conn
            .prepare_cached("SELECT count(*) FROM sessions WHERE client_id = ?1")?
            .query_row([client], |r| r.get(0))?;
        if total == 0 {
            clients::load(conn, client)?;
        }
        let page = format!(
            "SELECT s.id FROM sessions s WHERE s.client_id = ?1 ORDER BY {NEWEST_FIRST} LIMIT ?2 OFFSET ?3"
        );
        let params = rusqlite::params![client, limit, offset];
        let mut sessions: Vec<Session> = conn
            .prepare_cached(&format!(
                "SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.client_id = ?1
                 ORDER BY {NEWEST_FIRST} LIMIT ?2 OFFSET ?3"
            ))?
            .query_map(params, session_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        attach_details(conn, &mut sessions, &page, params)?;
        Ok(SessionPage { sessions, total })
    }

    /// The client record as it opens: profile, plans with their recorded session numbers, and
    /// the newest [`FIRST_SESSIONS`] sessions with the total.
    pub fn client_overview(&self, id: ClientId) -> Result<ClientOverview> {
        let conn = self.conn();
        let client = clients::load(conn, id)?;
        let mut numbers =
            conn.prepare_cached("SELECT number FROM sessions WHERE plan_id = ?1 ORDER BY number")?;
        let plans = client_plans(conn, id)?
            .into_iter()
            .map(|plan| {
                let recorded_numbers = numbers
                    .query_map([plan.id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                Ok(PlanOverview {
                    plan,
                    recorded_numbers,
                })
            })
            .collect::<Result<_>>()?;
        Ok(ClientOverview {
            newest: self.client_sessions(id, 0, FIRST_SESSIONS)?,
            blocking_today: self.blocking_today(&client),
            client,
            plans,
        })
    }
}
