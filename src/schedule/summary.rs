//! The calendar at clinic scale: for each site and each of its practitioners, how many
//! appointments a day holds and how much of the site's opening hours is still free — one
//! answer for a whole week, so the window never has to lay out every appointment of the clinic.
//!
//! Free time is counted against the site's opening hours (Hairline keeps no per-practitioner
//! working hours: a practitioner is available whenever a site they work at is open). Cancelled
//! appointments are never counted; a practitioner with no appointment shows the whole day free.

use crate::clinic::sites::Site;
use crate::db::practice::Practice;
use crate::error::{Error, Result};
use crate::ids::{SiteId, StaffId};
use crate::schedule::appointments::{Appointment, CalendarQuery};
use crate::validate::whole_in;
use chrono::{Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use ts_rs::TS;

/// Which days and whom a calendar summary covers (cancelled appointments never count).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarSummaryQuery {
    /// First day, in each site's local time.
    pub from: NaiveDate,
    /// How many days (1 to 31; 7 for a week).
    pub days: u8,
    pub site_id: Option<SiteId>,
    pub practitioner_id: Option<StaffId>,
}

/// One day of one practitioner (or, summed, of one site).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DayLoad {
    pub day: NaiveDate,
    pub appointments: u32,
    /// Minutes the site is open that day (0: closed), times the practitioners for a site's total.
    pub open_minutes: u32,
    /// Open minutes no appointment takes.
    pub free_minutes: u32,
}

/// A practitioner's days at one site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PractitionerDays {
    pub practitioner_id: StaffId,
    pub practitioner_name: String,
    pub days: Vec<DayLoad>,
}

/// A site's days (its practitioners' summed) and each practitioner's, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SiteDays {
    pub site_id: SiteId,
    pub site_name: String,
    pub time_zone: String,
    pub days: Vec<DayLoad>,
    pub practitioners: Vec<PractitionerDays>,
}

/// The calendar summary of a week (or any run of days), sites by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarSummary {
    pub days: Vec<NaiveDate>,
    pub sites: Vec<SiteDays>,
    /// Appointments counted in all (cancelled ones left out).
    pub appointments: u32,
}

/// The site's opening on `day` as (opens, closes) minutes since midnight, if it is open.
fn opening(site: &Site, day: NaiveDate) -> Option<(u32, u32)> {
    let minutes = |t: NaiveTime| (t - NaiveTime::MIN).num_minutes() as u32;
    site.hours_on(day.and_time(NaiveTime::MIN))
        .map(|h| (minutes(h.opens), minutes(h.closes)))
}

/// Minutes of `[opens, closes)` that no interval covers (intervals in minutes since midnight).
fn free_minutes((opens, closes): (u32, u32), mut busy: Vec<(u32, u32)>) -> u32 {
    busy.sort_unstable();
    let mut free = 0;
    let mut reached = opens;
    for (start, end) in busy {
        let (start, end) = (start.clamp(opens, closes), end.clamp(opens, closes));
        free += start.saturating_sub(reached);
        reached = reached.max(end);
    }
    free + closes.saturating_sub(reached)
}

/// One practitioner's day at a site from the appointments they have there that day.
fn day_load(site: &Site, day: NaiveDate, appointments: &[&Appointment]) -> DayLoad {
    let minute = |t: chrono::NaiveDateTime, on: NaiveDate| {
        let m = (t - on.and_time(NaiveTime::MIN)).num_minutes();
        m.clamp(0, 24 * 60) as u32
    };
    let hours = opening(site, day);
    let busy = appointments
        .iter()
        .map(|a| (minute(a.starts_local, day), minute(a.ends_local, day)))
        .collect();
    DayLoad {
        day,
        appointments: appointments.len() as u32,
        open_minutes: hours.map_or(0, |(o, c)| c - o),
        free_minutes: hours.map_or(0, |h| free_minutes(h, busy)),
    }
}

impl Practice {
    /// For each site (or the one asked for), each day's appointments and free time, in all and
    /// per practitioner: the practitioners who work there (active ones who treat clients) and
    /// anyone with an appointment there in those days.
    pub fn calendar_summary(&self, query: &CalendarSummaryQuery) -> Result<CalendarSummary> {
        whole_in("days", "Days shown", query.days.into(), 1, 31)?;
        let appointments = self.calendar(&CalendarQuery {
            from: query.from,
            days: query.days,
            site_id: query.site_id,
            practitioner_id: query.practitioner_id,
            include_cancelled: false,
        })?;
        let days: Vec<NaiveDate> = (0..i64::from(query.days))
            .map(|n| query.from + Duration::days(n))
            .collect();
        let staff: HashMap<StaffId, _> = self
            .list_staff(true)?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        if let Some(id) = query.practitioner_id.filter(|id| !staff.contains_key(id)) {
            return Err(Error::validation(
                "practitioner_id",
                format!("No staff member with id {id} exists"),
            ));
        }
        let mut sites = self.list_sites()?;
        if let Some(id) = query.site_id {
            sites.retain(|s| s.id == id);
            if sites.is_empty() {
                return Err(Error::validation(
                    "site_id",
                    format!("No site with id {id} exists"),
                ));
            }
        }
        let mut by_slot: HashMap<(SiteId, StaffId, NaiveDate), Vec<&Appointment>> = HashMap::new();
        for a in &appointments {
            by_slot
                .entry((a.site_id, a.practitioner_id, a.starts_local.date()))
                .or_default()
                .push(a);
        }
        let mut out = Vec::with_capacity(sites.len());
        for site in &sites {
            let mut people: BTreeSet<StaffId> = site
                .staff_ids
                .iter()
                .filter(|id| {
                    staff
                        .get(id)
                        .is_some_and(|s| s.active && crate::access::roles::treats(s.role))
                })
                .copied()
                .collect();
            people.extend(
                appointments
                    .iter()
                    .filter(|a| a.site_id == site.id)
                    .map(|a| a.practitioner_id),
            );
            if let Some(only) = query.practitioner_id {
                people.retain(|id| *id == only);
            }
            let mut practitioners: Vec<PractitionerDays> = people
                .into_iter()
                .map(|id| PractitionerDays {
                    practitioner_id: id,
                    practitioner_name: staff.get(&id).map(|s| s.name.clone()).unwrap_or_default(),
                    days: days
                        .iter()
                        .map(|&day| {
                            let none = Vec::new();
                            let booked = by_slot.get(&(site.id, id, day)).unwrap_or(&none);
                            day_load(site, day, booked)
                        })
                        .collect(),
                })
                .collect();
            if query.practitioner_id.is_some() && practitioners.is_empty() {
                continue;
            }
            practitioners.sort_by(|a, b| {
                a.practitioner_name
                    .to_lowercase()
                    .cmp(&b.practitioner_name.to_lowercase())
            });
            let totals = days
                .iter()
                .enumerate()
                .map(|(i, &day)| {
                    let mut total = DayLoad {
                        day,
                        appointments: 0,
                        open_minutes: 0,
                        free_minutes: 0,
                    };
                    for p in &practitioners {
                        total.appointments += p.days[i].appointments;
                        total.open_minutes += p.days[i].open_minutes;
                        total.free_minutes += p.days[i].free_minutes;
                    }
                    total
                })
                .collect();
            out.push(SiteDays {
                site_id: site.id,
                site_name: site.name.clone(),
                time_zone: site.time_zone.clone(),
                days: totals,
                practitioners,
            });
        }
        Ok(CalendarSummary {
            days,
            sites: out,
            appointments: appointments.len() as u32,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::free_minutes;

    #[test]
    fn free_time_is_the_opening_hours_no_appointment_covers() {
        assert_eq!(free_minutes((540, 1080), vec![]), 540);
        assert_eq!(free_minutes((540, 1080), vec![(600, 660), (630, 720)]), 420);
        // Outside the hours counts for nothing; touching intervals leave no gap.
        assert_eq!(free_minutes((540, 1080), vec![(480, 600), (600, 1200)]), 0);
    }
}
