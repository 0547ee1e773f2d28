//! The calendar: booking, rescheduling, cancelling, attendance. A practitioner (or a client)
//! is never in two places at once, and every time is entered and shown in the site's local time
//! while stored in UTC.

use crate::actor::Actor;
use crate::clinic::sites::{self, Site};
use crate::clinic::staff;
use crate::db::practice::{Practice, Write};
use crate::db::versions::Versioned;
use crate::error::{Error, Result};
use crate::ids::{AppointmentId, ClientId, PlanId, RecallId, SiteId, StaffId};
use crate::record::clients;
use crate::record::plans::{self, PlanStatus};
use crate::schedule::recalls::{self, BookedVisit};
use crate::validate::{bounded_text, whole_in, Problems};
use crate::vocab::{AppointmentKind, AppointmentStatus, RecallKind, RecallState};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A booking as the calendar form submits it. The start is the site's local wall-clock time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AppointmentInput {
    pub site_id: SiteId,
    pub client_id: ClientId,
    pub practitioner_id: StaffId,
    pub kind: AppointmentKind,
    pub starts_local: NaiveDateTime,
    pub duration_minutes: u16,
    /// For a plan session: which plan, and which session of it.
    pub plan_id: Option<PlanId>,
    pub session_number: Option<u8>,
    pub notes: String,
    /// Set only when a plan session is booked sooner after the session before it than the
    /// plan's spacing, after the `acknowledge_spacing` warning; audited.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub acknowledge_spacing: Option<bool>,
}

/// A booking, with the names the calendar shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Appointment {
    pub id: AppointmentId,
    pub site_id: SiteId,
    pub site_name: String,
    pub time_zone: String,
    pub client_id: ClientId,
    pub client_number: u32,
    pub client_name: String,
    pub practitioner_id: StaffId,
    pub practitioner_name: String,
    pub kind: AppointmentKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Start and end in the site's local time.
    pub starts_local: NaiveDateTime,
    pub ends_local: NaiveDateTime,
    pub plan_id: Option<PlanId>,
    pub session_number: Option<u8>,
    pub status: AppointmentStatus,
    pub notes: String,
    /// Moves on with every move from the form; a move sends back the version it was opened at.
    pub version: u32,
}

/// Which appointments a calendar view shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarQuery {
    /// First day shown, in each site's local time.
    pub from: NaiveDate,
    /// 1 for a day view, 7 for a week view (at most 31).
    pub days: u8,
    pub site_id: Option<SiteId>,
    pub practitioner_id: Option<StaffId>,
    pub include_cancelled: bool,
}

const COLUMNS: &str = "a.id, a.site_id, si.name AS site_name, si.time_zone, a.client_id, c.number AS client_number,
    c.first_name || ' ' || c.last_name AS client_name, a.practitioner_id, st.name AS practitioner_name, a.kind,
    a.starts_at, a.ends_at, a.plan_id, a.session_number, a.status, a.notes, a.version";

const FROM: &str =
    "appointments a JOIN sites si ON si.id = a.site_id JOIN clients c INDEXED BY clients_names ON c.id = a.client_id
    JOIN staff st ON st.id = a.practitioner_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Appointment> {
    let time_zone: String = row.get("time_zone")?;
    let tz: chrono_tz::Tz = time_zone.parse().map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            3,
            rusqlite::types::Type::Text,
            format!("unknown time zone {time_zone}").into(),
        )
    })?;
    let starts_at: DateTime<Utc> = row.get("starts_at")?;
    let ends_at: DateTime<Utc> = row.get("ends_at")?;
    Ok(Appointment {
        id: row.get("id")?,
        site_id: row.get("site_id")?,
        site_name: row.get("site_name")?,
        client_id: row.get("client_id")?,
        client_number: row.get("client_number")?,
        client_name: row.get("client_name")?,
        practitioner_id: row.get("practitioner_id")?,
        practitioner_name: row.get("practitioner_name")?,
        kind: row.get("kind")?,
        starts_local: starts_at.with_timezone(&tz).naive_local(),
        ends_local: ends_at.with_timezone(&tz).naive_local(),
        starts_at,
        ends_at,
        time_zone,
        plan_id: row.get("plan_id")?,
        session_number: row.get("session_number")?,
        status: row.get("status")?,
        notes: row.get("notes")?,
        version: row.get("version")?,
    })
}

pub(crate) fn load(conn: &Connection, id: AppointmentId) -> Result<Appointment> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM {FROM} WHERE a.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("appointment", id))
}

/// A validated booking: its UTC interval and normalised notes.
pub(crate) struct Booking {
    pub(crate) starts_at: DateTime<Utc>,
    pub(crate) ends_at: DateTime<Utc>,
    pub(crate) notes: String,
}

/// The longest appointment that can be booked (a whole clinic day). A clash check looks back
/// no further than this before a new booking's start: nothing that started earlier is still on.
const LONGEST_MINUTES: u16 = 720;

/// Checks what needs no database: the length and the notes (answered normalised).
fn validate_shape(input: &AppointmentInput) -> Result<String> {
    let mut p = Problems::default();
    p.check(whole_in(
        "duration_minutes",
        "Duration (minutes)",
        input.duration_minutes.into(),
        15,
        LONGEST_MINUTES.into(),
    ));
    let notes = p.check(bounded_text("notes", "Notes", &input.notes, 2000));
    p.finish()?;
    Ok(notes.unwrap_or_default())
}

/// The stored appointment `id` held to the rules of the booking form (an archive's row, on
/// import): its site's time zone, its length and notes. Clashes, opening hours and who may be
/// booked were answered when it was booked.
pub(crate) fn check_stored(conn: &Connection, id: AppointmentId) -> Result<()> {
    crate::db::rows::check_readable(
        conn,
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE a.id = ?1"),
        [id],
        from_row,
    )?;
    let a = load(conn, id)?;
    let minutes = (a.ends_at - a.starts_at).num_minutes();
    let duration_minutes = u16::try_from(minutes).map_err(|_| {
        Error::validation(
            "ends_at",
            format!("The appointment ends {minutes} minutes after it starts"),
        )
    })?;
    let input = AppointmentInput {
        site_id: a.site_id,
        client_id: a.client_id,
        practitioner_id: a.practitioner_id,
        kind: a.kind,
        starts_local: a.starts_local,
        duration_minutes,
        plan_id: a.plan_id,
        session_number: a.session_number,
        notes: a.notes,
        acknowledge_spacing: None,
    };
    validate_shape(&input).map(drop)
}

impl Write<'_> {
    /// Checks a booking against the site, the people and the plan, and refuses any clash.
    pub(crate) fn check_booking(
        &self,
        input: &AppointmentInput,
        replacing: Option<AppointmentId>,
    ) -> Result<Booking> {
        let notes = validate_shape(input)?;
        let site = sites::load(self.tx, input.site_id).map_err(|_| {
            Error::validation(
                "site_id",
                format!("No site with id {} exists", input.site_id),
            )
        })?;
        let client = clients::load(self.tx, input.client_id).map_err(|_| {
            Error::validation(
                "client_id",
                format!("No client with id {} exists", input.client_id),
            )
        })?;
        if client.archived_at.is_some() {
            return Err(Error::refused(
                Some("client_id"),
                format!(
                    "{} is archived; unarchive the client to book",
                    client.full_name()
                ),
            ));
        }
        let practitioner = staff::active_practitioner(
            self.tx,
            input.practitioner_id,
            "practitioner_id",
            "be booked",
        )?;
        if !site.staff_ids.contains(&practitioner.id) {
            return Err(Error::validation(
                "practitioner_id",
                format!("{} does not work at {}", practitioner.name, site.name),
            ));
        }
        self.check_plan_link(input, &client)?;
        let starts_at = site.to_utc("starts_local", input.starts_local)?;
        let ends_at = starts_at + Duration::minutes(input.duration_minutes.into());
        check_opening_hours(&site, input.starts_local, site.to_local(ends_at)?)?;
        self.refuse_clash(
            input,
            &practitioner.name,
            &client.full_name(),
            starts_at,
            ends_at,
            replacing,
        )?;
        Ok(Booking {
            starts_at,
            ends_at,
            notes,
        })
    }

    fn check_plan_link(&self, input: &AppointmentInput, client: &clients::Client) -> Result<()> {
        match (input.plan_id, input.session_number) {
            (None, Some(_)) => Err(Error::validation(
                "plan_id",
                "Choose the plan this session belongs to",
            )),
            (None, None) if input.kind == AppointmentKind::PlanSession => Err(Error::validation(
                "plan_id",
                "A plan session needs its plan and session number",
            )),
            (Some(_), None) if input.kind == AppointmentKind::PlanSession => Err(
                Error::validation("session_number", "A plan session needs its session number"),
            ),
            (Some(plan_id), number) => {
                let plan = plans::load(self.tx, plan_id).map_err(|_| {
                    Error::validation(
                        "plan_id",
                        format!("No treatment plan with id {plan_id} exists"),
                    )
                })?;
                if plan.client_id != client.id {
                    return Err(Error::validation(
                        "plan_id",
                        format!("This plan is not {}'s", client.full_name()),
                    ));
                }
                if plan.status == PlanStatus::Cancelled {
                    return Err(Error::refused(Some("plan_id"), "This plan is cancelled"));
                }
                if let Some(n) = number.filter(|n| *n == 0 || *n > plan.planned_sessions) {
                    return Err(Error::validation(
                        "session_number",
                        format!(
                            "This plan has {} sessions, so there is no session {n}",
                            plan.planned_sessions
                        ),
                    ));
                }
                self.refuse_before_what_it_follows(input, plan_id, number)
            }
            (None, None) => Ok(()),
        }
    }

    /// A plan's session cannot be booked before the session it follows was performed, nor a
    /// touch-up before the plan's last session (field `starts_local`).
    fn refuse_before_what_it_follows(
        &self,
        input: &AppointmentInput,
        plan: PlanId,
        number: Option<u8>,
    ) -> Result<()> {
        let (what, follows): (String, Option<NaiveDate>) = match (input.kind, number) {
            (AppointmentKind::PlanSession, Some(n)) if n > 1 => (
                format!("session {}", n - 1),
                self.tx
                    .prepare_cached(
                        "SELECT performed_on FROM sessions WHERE plan_id = ?1 AND number = ?2",
                    )?
                    .query_row(params![plan, n - 1], |r| r.get(0))
                    .optional()?,
            ),
            (AppointmentKind::TouchUp, _) => (
                "the plan's last session".to_owned(),
                self.tx
                    .prepare_cached("SELECT max(performed_on) FROM sessions WHERE plan_id = ?1")?
                    .query_row([plan], |r| r.get(0))?,
            ),
            _ => return Ok(()),
        };
        match follows {
            Some(on) if input.starts_local.date() < on => Err(Error::validation(
                "starts_local",
                format!(
                    "This {} cannot be booked before {what} ({})",
                    input.kind,
                    on.format("%-d %b %Y")
                ),
            )),
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn refuse_clash(
        &self,
        input: &AppointmentInput,
        practitioner: &str,
        client: &str,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        replacing: Option<AppointmentId>,
    ) -> Result<()> {
        // Bounded on both sides, the lookup reads the few appointments around the new one in
        // the (practitioner, start) and (client, start) indexes, not everyone's whole history.
        let earliest_on = starts_at - Duration::minutes(LONGEST_MINUTES.into());
        let clash = self
            .tx
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM {FROM}
                 WHERE (a.practitioner_id = ?1 OR a.client_id = ?2) AND a.status IN ('booked', 'attended')
                   AND a.starts_at < ?4 AND a.starts_at > ?6 AND a.ends_at > ?3 AND a.id IS NOT ?5
                 ORDER BY a.starts_at LIMIT 1"
            ))?
            .query_row(
                params![input.practitioner_id, input.client_id, starts_at, ends_at, replacing, earliest_on],
                from_row,
            )
            .optional()?;
        let Some(other) = clash else { return Ok(()) };
        let when = format!(
            "{}–{} on {} at {}",
            other.starts_local.format("%H:%M"),
            other.ends_local.format("%H:%M"),
            other.starts_local.format("%a %-d %b %Y"),
            other.site_name
        );
        let message = if other.practitioner_id == input.practitioner_id {
            format!(
                "{practitioner} is already booked {when} with {} ({})",
                other.client_name, other.kind
            )
        } else {
            format!(
                "{client} already has an appointment {when} with {}",
                other.practitioner_name
            )
        };
        Err(Error::conflict(Some("starts_local"), message))
    }

    fn set_status(&self, id: AppointmentId, status: AppointmentStatus) -> Result<Appointment> {
        let before = load(self.tx, id)?;
        if before.status != AppointmentStatus::Booked {
            return Err(Error::refused(
                None,
                format!("This appointment is already {}", before.status),
            ));
        }
        if status == AppointmentStatus::Attended && before.starts_at > self.now {
            return Err(Error::refused(
                None,
                "An appointment cannot be attended before it starts",
            ));
        }
        self.tx.execute(
            "UPDATE appointments SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, status, self.now],
        )?;
        recalls::on_appointment_status(self, id, status)?;
        let after = load(self.tx, id)?;
        self.audit(
            "appointment",
            &id,
            status.code(),
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    }

    /// A plan session booked for a day sooner after the session before it than the plan's
    /// spacing needs `acknowledge_spacing` (see [`crate::record::spacing`]).
    fn check_booked_spacing(&self, input: &AppointmentInput, id: AppointmentId) -> Result<()> {
        match (input.kind, input.plan_id, input.session_number) {
            (AppointmentKind::PlanSession, Some(plan), Some(number)) => self.check_spacing(
                plan,
                number,
                input.starts_local.date(),
                input.acknowledge_spacing == Some(true),
                "appointment",
                &id,
            ),
            _ => Ok(()),
        }
    }

    pub(crate) fn insert_appointment(
        &self,
        input: &AppointmentInput,
        booking: &Booking,
    ) -> Result<AppointmentId> {
        let id = AppointmentId::new();
        self.tx.execute(
            "INSERT INTO appointments (id, site_id, client_id, practitioner_id, kind, starts_at, ends_at, plan_id,
                session_number, status, notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'booked', ?10, ?11, ?11)",
            params![
                id, input.site_id, input.client_id, input.practitioner_id, input.kind, booking.starts_at,
                booking.ends_at, input.plan_id, input.session_number, booking.notes, self.now
            ],
        )?;
        Ok(id)
    }
}

fn check_opening_hours(site: &Site, starts: NaiveDateTime, ends: NaiveDateTime) -> Result<()> {
    let Some(hours) = site.hours_on(starts) else {
        return Err(Error::validation(
            "starts_local",
            format!("{} is closed on {}s", site.name, starts.format("%A")),
        ));
    };
    if starts.time() < hours.opens || ends.date() != starts.date() || ends.time() > hours.closes {
        return Err(Error::validation(
            "starts_local",
            format!(
                "{}–{} is outside {}'s opening hours on {}s ({}–{})",
                starts.format("%H:%M"),
                ends.format("%H:%M"),
                site.name,
                starts.format("%A"),
                hours.opens.format("%H:%M"),
                hours.closes.format("%H:%M")
            ),
        ));
    }
    Ok(())
}

impl Practice {
    /// Books the appointment a recall asks for and links them.
    pub fn book_recall(
        &mut self,
        actor: Actor,
        recall: RecallId,
        input: &AppointmentInput,
    ) -> Result<Appointment> {
        let r = recalls::load(self.conn(), recall)?;
        if !r.is_open() || r.state == RecallState::Booked {
            return Err(Error::refused(
                None,
                format!("This recall is {} and cannot be booked", r.state),
            ));
        }
        let expected = match r.kind {
            RecallKind::NextSession => AppointmentKind::PlanSession,
            RecallKind::TouchUp => AppointmentKind::TouchUp,
        };
        if input.client_id != r.client_id
            || input.kind != expected
            || input.plan_id.is_some_and(|p| p != r.plan_id)
        {
            return Err(Error::validation(
                "kind",
                format!("This recall is for a {expected} of the same client and plan"),
            ));
        }
        let mut input = input.clone();
        input.plan_id = Some(r.plan_id);
        input.session_number = r.session_number;
        self.book_appointment(actor, &input)
    }

    /// Books an appointment. A plan-session or touch-up booking is linked to the client's open
    /// recall for it, which becomes "booked". A plan session sooner after the session before it
    /// than the plan's spacing is refused on `acknowledge_spacing` unless the input acknowledges it.
    pub fn book_appointment(
        &mut self,
        actor: Actor,
        input: &AppointmentInput,
    ) -> Result<Appointment> {
        self.write(actor, |w| {
            let booking = w.check_booking(input, None)?;
            let id = w.insert_appointment(input, &booking)?;
            w.check_booked_spacing(input, id)?;
            recalls::on_booked(
                w,
                id,
                &BookedVisit {
                    kind: input.kind,
                    client_id: input.client_id,
                    plan_id: input.plan_id,
                    session_number: input.session_number,
                },
            )?;
            let appointment = load(w.tx, id)?;
            w.audit(
                "appointment",
                &id,
                "book",
                None::<&Appointment>,
                Some(&appointment),
            )?;
            Ok(appointment)
        })
    }

    /// Moves a booked appointment (time, length, practitioner, site or notes); moved to another
    /// day, a plan session is checked for the plan's spacing as when booked.
    pub fn reschedule_appointment(
        &mut self,
        actor: Actor,
        id: AppointmentId,
        version: u32,
        input: &AppointmentInput,
    ) -> Result<Appointment> {
        self.write(actor, |w| {
            let before = load(w.tx, id)?;
            w.claim_version(Versioned::Appointment, &id, version)?;
            if before.status != AppointmentStatus::Booked {
                return Err(Error::refused(None, format!("This appointment is {} and can no longer be moved", before.status)));
            }
            if before.client_id != input.client_id {
                return Err(Error::validation("client_id", "An appointment cannot be moved to another client; book a new one"));
            }
            let booking = w.check_booking(input, Some(id))?;
            let moved = (before.starts_local.date(), before.session_number)
                != (input.starts_local.date(), input.session_number);
            if moved {
                w.check_booked_spacing(input, id)?;
            }
            w.tx.execute(
                "UPDATE appointments SET site_id = ?2, practitioner_id = ?3, kind = ?4, starts_at = ?5, ends_at = ?6,
                    plan_id = ?7, session_number = ?8, notes = ?9, updated_at = ?10
                 WHERE id = ?1",
                params![
                    id, input.site_id, input.practitioner_id, input.kind, booking.starts_at, booking.ends_at,
                    input.plan_id, input.session_number, booking.notes, w.now
                ],
            )?;
            let after = load(w.tx, id)?;
            w.audit("appointment", &id, "reschedule", Some(&before), Some(&after))?;
            Ok(after)
        })
    }

    /// Cancels a booked appointment; a recall it was booked from is due again.
    pub fn cancel_appointment(&mut self, actor: Actor, id: AppointmentId) -> Result<Appointment> {
        self.write(actor, |w| w.set_status(id, AppointmentStatus::Cancelled))
    }

    /// Marks an appointment attended; a recall it was booked from is done.
    pub fn mark_attended(&mut self, actor: Actor, id: AppointmentId) -> Result<Appointment> {
        self.write(actor, |w| w.set_status(id, AppointmentStatus::Attended))
    }

    /// Marks that the client did not come; a recall it was booked from is due again.
    pub fn mark_no_show(&mut self, actor: Actor, id: AppointmentId) -> Result<Appointment> {
        self.write(actor, |w| w.set_status(id, AppointmentStatus::NoShow))
    }

    pub fn appointment(&self, id: AppointmentId) -> Result<Appointment> {
        load(self.conn(), id)
    }

    /// The appointments of a day or week view, by start time, each dated in its site's time zone.
    pub fn calendar(&self, query: &CalendarQuery) -> Result<Vec<Appointment>> {
        whole_in("days", "Days shown", query.days.into(), 1, 31)?;
        // A generous UTC window (time zones span ±14 h), then each row is kept if its local date fits.
        let shifted = |days: i64| {
            query
                .from
                .checked_add_signed(Duration::days(days))
                .ok_or_else(|| {
                    Error::validation(
                        "from",
                        format!("{} is too far from today to show", query.from),
                    )
                })
        };
        let last = shifted(query.days.into())?;
        let from_utc = shifted(-1)?.and_time(NaiveTime::MIN).and_utc();
        let to_utc = shifted(i64::from(query.days) + 1)?
            .and_time(NaiveTime::MIN)
            .and_utc();
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM {FROM}
             WHERE a.starts_at >= ?1 AND a.starts_at < ?2
               AND (?3 IS NULL OR a.site_id = ?3) AND (?4 IS NULL OR a.practitioner_id = ?4)
               AND (?5 OR a.status <> 'cancelled')
             ORDER BY a.starts_at"
        ))?;
        let rows = stmt.query_map(
            params![
                from_utc,
                to_utc,
                query.site_id,
                query.practitioner_id,
                query.include_cancelled
            ],
            from_row,
        )?;
        let mut out = Vec::new();
        for row in rows {
            let appointment = row?;
            let day = appointment.starts_local.date();
            if day >= query.from && day < last {
                out.push(appointment);
            }
        }
        Ok(out)
    }

    /// A client's appointments, newest first.
    pub fn client_appointments(&self, client: ClientId) -> Result<Vec<Appointment>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE a.client_id = ?1 ORDER BY a.starts_at DESC"
        ))?;
        let rows = stmt.query_map([client], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// One appointment of a practitioner's day with what was done last time for that client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChairEntry {
    pub appointment: Appointment,
    /// The client's most recent session's settings, to prepare the chair ("what did we do last time").
    pub last_session: Option<crate::record::client_record::PreviousSettings>,
    /// Contraindications on file, so that none comes as a surprise at the chair.
    pub contraindication_count: u32,
}

impl Practice {
    /// A practitioner's appointments on one day (in each site's local date), in order, each with
    /// the client's last session — the practitioner's "who is in the chair next" list.
    pub fn practitioner_day(
        &self,
        practitioner: StaffId,
        day: NaiveDate,
    ) -> Result<Vec<ChairEntry>> {
        let query = CalendarQuery {
            from: day,
            days: 1,
            site_id: None,
            practitioner_id: Some(practitioner),
            include_cancelled: false,
        };
        self.calendar(&query)?
            .into_iter()
            .map(|appointment| {
                let last_session = self
                    .previous_settings(appointment.client_id, 1)?
                    .into_iter()
                    .next();
                let contraindication_count = clients::load(self.conn(), appointment.client_id)?
                    .contraindications
                    .len() as u32;
                Ok(ChairEntry {
                    appointment,
                    last_session,
                    contraindication_count,
                })
            })
            .collect()
    }
}
