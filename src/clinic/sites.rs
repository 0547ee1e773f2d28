//! Clinic sites: where appointments happen, each with its own address, time zone, opening hours
//! and working days, and the practitioners who work there. Times are stored in UTC and turned
//! into the site's local time here, DST included.

use crate::actor::Actor;
use crate::clinic::staff;
use crate::db::practice::Practice;
use crate::db::versions::Versioned;
use crate::error::{Error, Result};
use crate::ids::{SiteId, StaffId};
use crate::validate::{bounded_text, required_text, Problems};
use crate::vocab::Weekday;
use chrono::{DateTime, LocalResult, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The hours a site is open on one weekday, in its local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OpeningHours {
    pub weekday: Weekday,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SiteInput {
    pub name: String,
    pub address: String,
    /// IANA time zone, e.g. `Europe/London`, `Asia/Dubai`.
    pub time_zone: String,
    /// One entry per working day; a weekday not listed is closed (e.g. a Friday–Saturday weekend).
    pub hours: Vec<OpeningHours>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Site {
    pub id: SiteId,
    pub name: String,
    pub address: String,
    pub time_zone: String,
    pub hours: Vec<OpeningHours>,
    pub active: bool,
    /// The staff who work here.
    pub staff_ids: Vec<StaffId>,
    /// Moves on with every save from the form; an edit sends back the version it was opened at.
    pub version: u32,
}

impl Site {
    /// The site's time zone; one that is not a zone name (a damaged or imported row) is an
    /// error on `time_zone`, never a panic.
    pub fn tz(&self) -> Result<Tz> {
        parse_time_zone("time_zone", &self.time_zone)
    }

    /// The UTC instant of a local wall-clock time at this site. A time skipped by a DST change
    /// is refused; a time that occurs twice (clocks going back) means its first occurrence.
    pub fn to_utc(&self, field: &str, local: NaiveDateTime) -> Result<DateTime<Utc>> {
        match self.tz()?.from_local_datetime(&local) {
            LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
            LocalResult::None => Err(Error::validation(
                field,
                format!(
                    "{} does not exist in {} on {} (the clocks go forward); choose another time",
                    local.format("%H:%M"),
                    self.time_zone,
                    local.date()
                ),
            )),
        }
    }

    /// The site's local wall-clock time of a UTC instant.
    pub fn to_local(&self, at: DateTime<Utc>) -> Result<NaiveDateTime> {
        Ok(at.with_timezone(&self.tz()?).naive_local())
    }

    /// The opening hours on the weekday of `local`, if the site works that day.
    pub fn hours_on(&self, local: NaiveDateTime) -> Option<&OpeningHours> {
        let weekday = Weekday::from(chrono::Datelike::weekday(&local.date()));
        self.hours.iter().find(|h| h.weekday == weekday)
    }
}

/// The time zone called `name` (an IANA name, e.g. `Europe/London`), or a validation error on
/// `field` — for a form, an archive row or a stored site alike.
pub(crate) fn parse_time_zone(field: &str, name: &str) -> Result<Tz> {
    name.parse().map_err(|_| {
        Error::validation(
            field,
            format!("\"{name}\" is not a time zone name (e.g. Europe/London, Asia/Dubai)"),
        )
    })
}

struct ValidSite {
    name: String,
    address: String,
    time_zone: String,
    hours: String,
}

/// Every problem of a site form at once.
fn validate(input: &SiteInput) -> Result<ValidSite> {
    let mut p = Problems::default();
    let name = p.check(required_text("name", "Site name", &input.name, 100));
    let address = p.check(bounded_text("address", "Address", &input.address, 500));
    let time_zone = input.time_zone.trim().to_owned();
    if let Err(e) = parse_time_zone("time_zone", &time_zone) {
        p.keep(e);
    }
    if input.hours.is_empty() {
        p.keep(Error::validation(
            "hours",
            "A site needs at least one working day",
        ));
    }
    for (i, h) in input.hours.iter().enumerate() {
        if h.closes <= h.opens {
            p.keep(Error::validation(
                format!("hours[{i}].closes"),
                format!(
                    "On {} the site closes ({}) before it opens ({})",
                    h.weekday,
                    h.closes.format("%H:%M"),
                    h.opens.format("%H:%M")
                ),
            ));
        }
        if input.hours[..i]
            .iter()
            .any(|other| other.weekday == h.weekday)
        {
            p.keep(Error::validation(
                format!("hours[{i}].weekday"),
                format!("{} is listed twice", h.weekday),
            ));
        }
    }
    p.finish()?;
    Ok(ValidSite {
        name: name.unwrap_or_default(),
        address: address.unwrap_or_default(),
        time_zone,
        hours: serde_json::to_string(&input.hours).expect("hours serialise"),
    })
}

/// The columns a site is read from.
const SITE_COLUMNS: &str = "id, name, address, time_zone, hours, active, version";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Site> {
    Ok(Site {
        id: row.get("id")?,
        name: row.get("name")?,
        address: row.get("address")?,
        time_zone: row.get("time_zone")?,
        hours: crate::db::rows::json_column(row, "hours")?,
        active: row.get("active")?,
        staff_ids: Vec::new(),
        version: row.get("version")?,
    })
}

pub(crate) fn load(conn: &Connection, id: SiteId) -> Result<Site> {
    let mut site = conn
        .prepare_cached(&format!("SELECT {SITE_COLUMNS} FROM sites WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("site", id))?;
    site.staff_ids = conn
        .prepare_cached("SELECT staff_id FROM staff_sites WHERE site_id = ?1 ORDER BY staff_id")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(site)
}

/// The stored site `id` held to the rules of the site form (an archive's row, on import).
pub(crate) fn check_stored(conn: &Connection, id: SiteId) -> Result<()> {
    crate::db::rows::check_readable(
        conn,
        &format!("SELECT {SITE_COLUMNS} FROM sites WHERE id = ?1"),
        [id],
        from_row,
    )?;
    let site = load(conn, id)?;
    let input = SiteInput {
        name: site.name,
        address: site.address,
        time_zone: site.time_zone,
        hours: site.hours,
    };
    validate(&input).map(drop)
}

fn unique_name(e: rusqlite::Error, name: &str) -> Error {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            Error::conflict(Some("name"), format!("A site called {name} already exists"))
        }
        other => other.into(),
    }
}

impl Practice {
    pub fn create_site(&mut self, actor: Actor, input: &SiteInput) -> Result<Site> {
        let v = validate(input)?;
        self.write(actor, |w| {
            let id = SiteId::new();
            w.tx.execute(
                "INSERT INTO sites (id, name, address, time_zone, hours, active, created_at) VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)",
                params![id, v.name, v.address, v.time_zone, v.hours, w.now],
            )
            .map_err(|e| unique_name(e, &v.name))?;
            let site = load(w.tx, id)?;
            w.audit("site", &id, "create", None::<&Site>, Some(&site))?;
            Ok(site)
        })
    }

    /// Changes a site's details, if it is still at `version` (the one the form was opened at).
    pub fn update_site(
        &mut self,
        actor: Actor,
        id: SiteId,
        version: u32,
        input: &SiteInput,
    ) -> Result<Site> {
        let v = validate(input)?;
        self.write(actor, |w| {
            let before = load(w.tx, id)?;
            w.claim_version(Versioned::Site, &id, version)?;
            w.tx.execute(
                "UPDATE sites SET name = ?2, address = ?3, time_zone = ?4, hours = ?5 WHERE id = ?1",
                params![id, v.name, v.address, v.time_zone, v.hours],
            )
            .map_err(|e| unique_name(e, &v.name))?;
            let after = load(w.tx, id)?;
            w.audit("site", &id, "update", Some(&before), Some(&after))?;
            Ok(after)
        })
    }

    /// Sets the sites a staff member works at (replacing the previous list).
    pub fn set_staff_sites(
        &mut self,
        actor: Actor,
        staff_id: StaffId,
        sites: &[SiteId],
    ) -> Result<()> {
        self.write(actor, |w| {
            staff::load(w.tx, staff_id)?;
            let before: Vec<SiteId> =
                w.tx.prepare_cached(
                    "SELECT site_id FROM staff_sites WHERE staff_id = ?1 ORDER BY site_id",
                )?
                .query_map([staff_id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            w.tx.execute("DELETE FROM staff_sites WHERE staff_id = ?1", [staff_id])?;
            for (i, site) in sites.iter().enumerate() {
                load(w.tx, *site).map_err(|_| {
                    Error::validation(
                        format!("sites[{i}]"),
                        format!("No site with id {site} exists"),
                    )
                })?;
                w.tx.execute(
                    "INSERT OR IGNORE INTO staff_sites (staff_id, site_id) VALUES (?1, ?2)",
                    params![staff_id, site],
                )?;
            }
            w.audit("staff", &staff_id, "set_sites", Some(&before), Some(&sites))
        })
    }

    /// Every site, by name.
    pub fn list_sites(&self) -> Result<Vec<Site>> {
        let ids: Vec<SiteId> = self
            .conn()
            .prepare_cached("SELECT id FROM sites ORDER BY name COLLATE NOCASE")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| load(self.conn(), id)).collect()
    }

    pub fn site(&self, id: SiteId) -> Result<Site> {
        load(self.conn(), id)
    }
}
