//! Staff: the practitioners who treat and sign, and the managers who run the calendar.

use crate::actor::Actor;
use crate::db::practice::Practice;
use crate::db::versions::Versioned;
use crate::error::{Error, Result};
use crate::ids::StaffId;
use crate::validate::{chosen, required_text, Problems};
use crate::vocab::StaffRole;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StaffInput {
    pub name: String,
    /// Chosen, never assumed: it must be sent, and null (not chosen yet) is refused with the
    /// name's problem.
    #[serde(deserialize_with = "Option::deserialize")]
    pub role: Option<StaffRole>,
}

/// Every problem of a staff form at once; the trimmed name and the role.
fn check_input(input: &StaffInput) -> Result<(String, StaffRole)> {
    let mut problems = Problems::default();
    let name = problems.check(required_text("name", "Name", &input.name, 100));
    let role = problems.check(chosen(
        "role",
        "Role: choose what this person does here",
        input.role,
    ));
    problems.finish_with(name.zip(role))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Staff {
    pub id: StaffId,
    pub name: String,
    pub role: StaffRole,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    /// Moves on with every save from the form; an edit sends back the version it was opened at.
    pub version: u32,
    /// Has chosen a password (otherwise they sign in first with a manager's setup code).
    pub has_password: bool,
}

/// The columns [`from_row`] reads, from `staff`.
const STAFF_COLUMNS: &str = "id, name, role, active, created_at, version,
    EXISTS (SELECT 1 FROM staff_accounts a WHERE a.staff_id = staff.id
            AND a.password_hash IS NOT NULL) AS has_password";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Staff> {
    Ok(Staff {
        id: row.get("id")?,
        name: row.get("name")?,
        role: row.get("role")?,
        active: row.get("active")?,
        created_at: row.get("created_at")?,
        version: row.get("version")?,
        has_password: row.get("has_password")?,
    })
}

pub(crate) fn load(conn: &Connection, id: StaffId) -> Result<Staff> {
    conn.prepare_cached(&format!("SELECT {STAFF_COLUMNS} FROM staff WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("staff member", id))
}

/// The staff member `id`, who must be active and treat clients (a practitioner, or a manager
/// who treats) to do `what` (field `field`).
pub(crate) fn active_practitioner(
    conn: &Connection,
    id: StaffId,
    field: &str,
    what: &str,
) -> Result<Staff> {
    let staff = load(conn, id)
        .map_err(|_| Error::validation(field, format!("No staff member with id {id} exists")))?;
    if !crate::access::roles::treats(staff.role) {
        return Err(Error::validation(
            field,
            format!(
                "{} works at the {}, not as a practitioner, and cannot {what}",
                staff.name,
                crate::access::roles::in_words(staff.role)
            ),
        ));
    }
    if !staff.active {
        return Err(Error::validation(
            field,
            format!("{} is no longer active and cannot {what}", staff.name),
        ));
    }
    Ok(staff)
}

/// Nobody changes their own role or deactivates themselves (another manager must), and the
/// practice always keeps an active manager who can sign in (to `what` `member` would end that).
fn keeps_a_manager(conn: &Connection, actor: Actor, member: &Staff, what: &str) -> Result<()> {
    if actor.staff_id() == Some(member.id) {
        return Err(Error::refused(
            Some("role"),
            format!("You cannot {what} yourself; another manager can"),
        ));
    }
    if member.role != StaffRole::Manager || !member.active {
        return Ok(());
    }
    let other_managers: i64 = conn.query_row(
        "SELECT count(*) FROM staff s JOIN staff_accounts a ON a.staff_id = s.id
          WHERE s.role = 'manager' AND s.active = 1 AND s.id <> ?1
            AND (a.password_hash IS NOT NULL OR a.setup_code_hash IS NOT NULL)",
        [member.id],
        |r| r.get(0),
    )?;
    let anyone_can_sign_in: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM staff_accounts)", [], |r| {
            r.get(0)
        })?;
    if anyone_can_sign_in && other_managers == 0 {
        return Err(Error::refused(
            Some("role"),
            format!(
                "{} is the practice's only manager; make someone else a manager first",
                member.name
            ),
        ));
    }
    Ok(())
}

impl Practice {
    pub fn create_staff(&mut self, actor: Actor, input: &StaffInput) -> Result<Staff> {
        let (name, role) = check_input(input)?;
        self.write(actor, |w| {
            let id = StaffId::new();
            w.tx.execute(
                "INSERT INTO staff (id, name, role, active, created_at) VALUES (?1, ?2, ?3, 1, ?4)",
                params![id, name, role, w.now],
            )?;
            let staff = load(w.tx, id)?;
            w.audit("staff", &id, "create", None::<&Staff>, Some(&staff))?;
            Ok(staff)
        })
    }

    /// Renames a staff member or changes their role, if they are still at `version` (the one
    /// the form was opened at).
    pub fn update_staff(
        &mut self,
        actor: Actor,
        id: StaffId,
        version: u32,
        input: &StaffInput,
    ) -> Result<Staff> {
        let (name, role) = check_input(input)?;
        self.write(actor, |w| {
            let before = load(w.tx, id)?;
            if before.role != role {
                keeps_a_manager(w.tx, actor, &before, "change the role of")?;
            }
            w.claim_version(Versioned::Staff, &id, version)?;
            w.tx.execute(
                "UPDATE staff SET name = ?2, role = ?3 WHERE id = ?1",
                params![id, name, role],
            )?;
            let after = load(w.tx, id)?;
            w.audit("staff", &id, "update", Some(&before), Some(&after))?;
            Ok(after)
        })
    }

    /// Marks a staff member as working here or not; their past records stay attributed to them.
    pub fn set_staff_active(&mut self, actor: Actor, id: StaffId, active: bool) -> Result<Staff> {
        self.write(actor, |w| {
            let before = load(w.tx, id)?;
            if !active {
                keeps_a_manager(w.tx, actor, &before, "deactivate")?;
            }
            w.tx.execute(
                "UPDATE staff SET active = ?2 WHERE id = ?1",
                params![id, active],
            )?;
            let after = load(w.tx, id)?;
            let action = if active { "activate" } else { "deactivate" };
            w.audit("staff", &id, action, Some(&before), Some(&after))?;
            Ok(after)
        })
    }

    /// Staff by name; inactive ones only when asked for.
    pub fn list_staff(&self, include_inactive: bool) -> Result<Vec<Staff>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {STAFF_COLUMNS} FROM staff WHERE active = 1 OR ?1 ORDER BY name COLLATE NOCASE"
        ))?;
        let rows = stmt.query_map([include_inactive], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Practice {
    /// Whether the practice holds no staff and no clients yet: a first run, offered "start empty"
    /// or "load a sample clinic".
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM staff) AND NOT EXISTS (SELECT 1 FROM clients)",
            [],
            |r| r.get(0),
        )?)
    }
}
