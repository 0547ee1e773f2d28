//! The sample clinic's calendar: sites in their own time zones (one with a Friday–Saturday
//! weekend), an attended appointment behind every past session with no practitioner ever
//! double-booked, and recalls worked the way a clinic works them — old ones closed, the coming
//! weeks partly contacted and booked.

use super::{DemoSummary, Dice};
use crate::clinic::sites::{OpeningHours, Site};
use crate::db::practice::Write;
use crate::error::Result;
use crate::ids::{AppointmentId, ClientId, ContactAttemptId, PlanId, RecallId, SiteId, StaffId};
use crate::vocab::{
    AppointmentKind, AppointmentStatus, ContactMethod, ContactOutcome, RecallKind, RecallState,
    Weekday,
};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::params;
use std::collections::HashMap;

/// Opening days and hours: (weekdays, opens, closes) in local time.
type Week = &'static [(&'static [Weekday], (u32, u32), (u32, u32))];

const WEEKDAYS: &[Weekday] = &[
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
];
const GULF_WEEK: &[Weekday] = &[
    Weekday::Sunday,
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
];
const UK_WEEK: Week = &[
    (WEEKDAYS, (9, 0), (18, 0)),
    (&[Weekday::Saturday], (10, 0), (16, 0)),
];
const EU_WEEK: Week = &[(WEEKDAYS, (9, 30), (18, 30))];
const GULF: Week = &[(GULF_WEEK, (10, 0), (19, 0))];

const SITES: &[(&str, &str, &str, Week)] = &[
    (
        "Manchester",
        "12 Deansgate, Manchester M3 2BW, United Kingdom",
        "Europe/London",
        UK_WEEK,
    ),
    (
        "Dubai",
        "Office 1404, Al Wasl Road, Jumeirah, Dubai, United Arab Emirates",
        "Asia/Dubai",
        GULF,
    ),
    (
        "Leeds",
        "3 Park Row, Leeds LS1 5HD, United Kingdom",
        "Europe/London",
        UK_WEEK,
    ),
    (
        "Dublin",
        "22 Camden Street, Dublin D02, Ireland",
        "Europe/Dublin",
        EU_WEEK,
    ),
    (
        "Amsterdam",
        "Keizersgracht 180, 1016 DW Amsterdam, Netherlands",
        "Europe/Amsterdam",
        EU_WEEK,
    ),
    (
        "Riyadh",
        "King Fahd Road, Al Olaya, Riyadh, Saudi Arabia",
        "Asia/Riyadh",
        GULF,
    ),
];

/// Appointment length booked for a session, and the gap between slot starts.
const SLOT_MINUTES: i64 = 180;

/// Where each practitioner works and which of their slots are taken, so that the generated
/// calendar never double-books anyone.
pub(super) struct Calendar {
    pub(super) sites: Vec<Site>,
    practitioners: Vec<StaffId>,
    /// Site index of each practitioner (by practitioner index).
    home: Vec<usize>,
    /// Practitioner index by id.
    index: HashMap<StaffId, usize>,
    /// Taken slots per (practitioner index, day), as a bit set.
    taken: HashMap<(usize, NaiveDate), u8>,
}

impl Calendar {
    /// The start of a free slot for `practitioner` on `day` or one of the next days, up to
    /// `latest`: the site's opening plus 30 minutes, or four hours later if that is taken.
    pub(super) fn place(
        &mut self,
        practitioner: usize,
        day: NaiveDate,
        latest: NaiveDate,
    ) -> Option<NaiveDateTime> {
        let site = &self.sites[self.home[practitioner]];
        let mut day = day;
        while day <= latest {
            let midnight = day.and_hms_opt(0, 0, 0).expect("midnight");
            if let Some(hours) = site.hours_on(midnight) {
                for slot in 0..2u8 {
                    let start =
                        day.and_time(hours.opens) + Duration::minutes(30 + 240 * i64::from(slot));
                    let fits = start.time() + Duration::minutes(SLOT_MINUTES) <= hours.closes
                        && start.time() > hours.opens;
                    let taken = self.taken.entry((practitioner, day)).or_default();
                    if fits && *taken & (1 << slot) == 0 {
                        *taken |= 1 << slot;
                        return Some(start);
                    }
                }
            }
            day += Duration::days(1);
        }
        None
    }

    pub(super) fn practitioner_index(&self, id: StaffId) -> Option<usize> {
        self.index.get(&id).copied()
    }

    pub(super) fn site_of(&self, practitioner: usize) -> &Site {
        &self.sites[self.home[practitioner]]
    }
}

impl Write<'_> {
    /// Creates the sites (one per ten practitioners, at least two) and assigns practitioners.
    pub(super) fn demo_sites(
        &self,
        practitioners: &[StaffId],
        summary: &mut DemoSummary,
    ) -> Result<Calendar> {
        let count = (practitioners.len() / 10).max(2);
        let mut sites = Vec::with_capacity(count);
        for n in 0..count {
            let (city, address, zone, week) = SITES[n % SITES.len()];
            let name = if n < SITES.len() {
                city.to_owned()
            } else {
                format!("{city} {}", n / SITES.len() + 1)
            };
            let hours: Vec<OpeningHours> = week
                .iter()
                .flat_map(|(days, (oh, om), (ch, cm))| {
                    days.iter().map(move |d| OpeningHours {
                        weekday: *d,
                        opens: NaiveTime::from_hms_opt(*oh, *om, 0).expect("valid time"),
                        closes: NaiveTime::from_hms_opt(*ch, *cm, 0).expect("valid time"),
                    })
                })
                .collect();
            let site = Site {
                id: SiteId::new(),
                name,
                address: address.to_owned(),
                time_zone: zone.to_owned(),
                hours,
                active: true,
                staff_ids: Vec::new(),
                version: 1,
            };
            self.tx.execute(
                "INSERT INTO sites (id, name, address, time_zone, hours, active, created_at) VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)",
                params![site.id, site.name, site.address, site.time_zone, serde_json::to_string(&site.hours).expect("hours serialise"), self.now],
            )?;
            sites.push(site);
            summary.sites += 1;
        }
        let mut home = Vec::with_capacity(practitioners.len());
        for (i, staff) in practitioners.iter().enumerate() {
            let site = i % count;
            self.tx.execute(
                "INSERT INTO staff_sites (staff_id, site_id) VALUES (?1, ?2)",
                params![staff, sites[site].id],
            )?;
            sites[site].staff_ids.push(*staff);
            home.push(site);
        }
        Ok(Calendar {
            sites,
            practitioners: practitioners.to_vec(),
            home,
            index: practitioners
                .iter()
                .enumerate()
                .map(|(i, id)| (*id, i))
                .collect(),
            taken: HashMap::new(),
        })
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn demo_appointment(
        &self,
        calendar: &Calendar,
        practitioner: usize,
        client: ClientId,
        plan: PlanId,
        session_number: Option<u32>,
        kind: AppointmentKind,
        start: NaiveDateTime,
        status: AppointmentStatus,
    ) -> Result<AppointmentId> {
        let site = calendar.site_of(practitioner);
        let starts_at = site.to_utc("starts_local", start)?;
        let id = AppointmentId::new();
        self.tx
            .prepare_cached(
                "INSERT INTO appointments (id, site_id, client_id, practitioner_id, kind, starts_at, ends_at, plan_id,
                    session_number, status, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, '', ?11, ?11)",
            )?
            .execute(params![
                id,
                site.id,
                client,
                calendar.practitioners[practitioner],
                kind,
                starts_at,
                starts_at + Duration::minutes(SLOT_MINUTES),
                plan,
                session_number,
                status,
                starts_at - Duration::days(10),
            ])?;
        Ok(id)
    }

    /// Works the generated recalls as a clinic would have: those long overdue were declined (or
    /// flagged after unanswered calls); of those due around now, some were contacted and some
    /// booked into a free slot.
    pub(super) fn demo_recall_history(
        &self,
        dice: &mut Dice,
        calendar: &mut Calendar,
        today: NaiveDate,
        summary: &mut DemoSummary,
    ) -> Result<()> {
        let open = crate::schedule::recalls::in_state(self.tx, RecallState::Due)?;
        for recall in open {
            let (id, due_on) = (recall.id, recall.due_on);
            let age = (today - due_on).num_days();
            if age > 120 {
                if dice.chance(90) {
                    self.tx.prepare_cached(
                        "UPDATE recalls SET state = 'declined', declined_reason = ?2, closed_at = ?3, updated_at = ?3 WHERE id = ?1",
                    )?
                    .execute(params![id, *dice.pick(&["Happy with the result for now", "Moved abroad", "Will call when ready"]), self.now])?;
                } else {
                    self.demo_contacts(dice, id, due_on, 3, ContactOutcome::NoAnswer)?;
                }
                continue;
            }
            if age < -45 {
                continue;
            }
            let Some(p) = recall
                .practitioner_id
                .and_then(|s| calendar.practitioner_index(s))
            else {
                continue;
            };
            if dice.chance(35) {
                let from = due_on.max(today + Duration::days(1));
                if let Some(start) = calendar.place(p, from, from + Duration::days(21)) {
                    let appointment_kind = match recall.kind {
                        RecallKind::TouchUp => AppointmentKind::TouchUp,
                        RecallKind::NextSession => AppointmentKind::PlanSession,
                    };
                    let appointment = self.demo_appointment(
                        calendar,
                        p,
                        recall.client_id,
                        recall.plan_id,
                        recall.session_number.map(u32::from),
                        appointment_kind,
                        start,
                        AppointmentStatus::Booked,
                    )?;
                    self.tx.prepare_cached("UPDATE recalls SET state = 'booked', appointment_id = ?2 WHERE id = ?1")?
                        .execute(params![id, appointment])?;
                    summary.appointments += 1;
                    continue;
                }
            }
            if dice.chance(30) {
                self.demo_contacts(dice, id, today.min(due_on), 1, ContactOutcome::CallBack)?;
            }
        }
        summary.recalls_open = self.tx.query_row(
            "SELECT count(*) FROM recalls WHERE state IN ('due', 'contacted', 'booked', 'snoozed')",
            [],
            |r| r.get(0),
        )?;
        Ok(())
    }

    fn demo_contacts(
        &self,
        dice: &mut Dice,
        recall: RecallId,
        around: NaiveDate,
        attempts: u32,
        outcome: ContactOutcome,
    ) -> Result<()> {
        let mut at = (around - Duration::days(7))
            .and_hms_opt(11, 0, 0)
            .expect("valid time")
            .and_utc();
        for _ in 0..attempts {
            self.tx.prepare_cached(
                "INSERT INTO recall_contacts (id, recall_id, at, staff_id, channel, outcome, note) VALUES (?1, ?2, ?3, NULL, ?4, ?5, '')",
            )?
            .execute(params![ContactAttemptId::new(), recall, at, dice.pick(&[ContactMethod::Phone, ContactMethod::Sms]), outcome])?;
            at += Duration::days(3);
        }
        let unanswered = if outcome.unanswered() { attempts } else { 0 };
        self.tx.prepare_cached(
            "UPDATE recalls SET state = 'contacted', attempts = ?2, unanswered = ?3, flagged = ?3 >= 3,
                last_contact_at = ?4, last_contact_outcome = ?5, updated_at = ?4 WHERE id = ?1",
        )?
        .execute(params![recall, attempts, unanswered, at - Duration::days(3), outcome])?;
        Ok(())
    }
}
