//! Appointments: local times stored in UTC across DST, no double booking, opening hours, views,
//! and what a client is sent stating the site's local time.

use crate::support::*;
use hairline::*;

#[test]
fn local_times_are_stored_in_utc_across_a_daylight_saving_change() {
    let mut clinic = Clinic::new();
    let site = clinic.site("Manchester", "Europe/London", weekday_hours());
    let client = clinic.client("Ana", "Lopez");
    // British Summer Time starts on Sunday 29 March 2026.
    let before = clinic
        .practice
        .book_appointment(
            clinic.actor(),
            &clinic.booking(site.id, client.id, "2026-03-27 10:00", 60),
        )
        .unwrap();
    let after = clinic
        .practice
        .book_appointment(
            clinic.actor(),
            &clinic.booking(site.id, client.id, "2026-03-30 10:00", 60),
        )
        .unwrap();
    assert_eq!(before.starts_at.to_rfc3339(), "2026-03-27T10:00:00+00:00");
    assert_eq!(after.starts_at.to_rfc3339(), "2026-03-30T09:00:00+00:00");
    assert_eq!(after.starts_local, at("2026-03-30 10:00"));
    clinic.reopen();
    assert_eq!(
        clinic.practice.appointment(after.id).unwrap().starts_local,
        at("2026-03-30 10:00")
    );

    // What the client receives states 10:00 local, not 09:00 UTC.
    let ics = clinic.practice.appointment_ics(after.id).unwrap();
    assert!(
        ics.contains("DTSTART;TZID=Europe/London:20260330T100000\r\n"),
        "{ics}"
    );
    assert!(
        ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London"),
        "{ics}"
    );
    assert!(ics.contains("TZOFFSETTO:+0100"), "{ics}");
    assert!(
        ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && ics.ends_with("END:VCALENDAR\r\n")
    );
    let reminder = clinic.practice.appointment_reminder(after.id).unwrap();
    assert!(
        reminder.contains("Monday 30 March 2026 at 10:00 (Europe/London time)"),
        "{reminder}"
    );
}

#[test]
fn a_time_skipped_by_the_clocks_going_forward_is_refused() {
    let mut clinic = Clinic::new();
    let all_week = Weekday::ALL
        .iter()
        .map(|d| OpeningHours {
            weekday: *d,
            opens: "00:00:00".parse().unwrap(),
            closes: "23:59:00".parse().unwrap(),
        })
        .collect();
    let site = clinic.site("Always open", "Europe/London", all_week);
    let client = clinic.client("Ana", "Lopez");
    let err = assert_field(
        clinic.practice.book_appointment(
            clinic.actor(),
            &clinic.booking(site.id, client.id, "2026-03-29 01:30", 30),
        ),
        ErrorCode::Validation,
        "starts_local",
    );
    assert!(err.to_string().contains("does not exist"), "{err}");
    // 01:30 on the night the clocks go back happens twice: the first (BST) is meant.
    let a = clinic
        .practice
        .book_appointment(
            clinic.actor(),
            &clinic.booking(site.id, client.id, "2026-10-25 01:30", 15),
        )
        .unwrap();
    assert_eq!(a.starts_at.to_rfc3339(), "2026-10-25T00:30:00+00:00");
}

#[test]
fn a_practitioner_cannot_be_double_booked_and_the_clash_is_named() {
    let mut clinic = Clinic::new();
    let site = clinic.site("Manchester", "Europe/London", weekday_hours());
    let ana = clinic.client("Ana", "Lopez");
    let ben = clinic.client("Ben", "Okafor");
    let first = clinic
        .practice
        .book_appointment(
            clinic.actor(),
            &clinic.booking(site.id, ana.id, "2026-07-07 10:00", 180),
        )
        .unwrap();
    let err = assert_field(
        clinic.practice.book_appointment(
            clinic.actor(),
            &clinic.booking(site.id, ben.id, "2026-07-07 12:30", 60),
        ),
        ErrorCode::Conflict,
        "starts_local",
    );
    assert!(err.to_string().contains("Dana Whitfield is already booked 10:00–13:00 on Tue 7 Jul 2026 at Manchester with Ana Lopez"), "{err}");
    // Back to back is fine; so is the slot once the first booking is cancelled.
    clinic
        .practice
        .book_appointment(
            clinic.actor(),
            &clinic.booking(site.id, ben.id, "2026-07-07 13:00", 60),
        )
        .unwrap();
    clinic
        .practice
        .cancel_appointment(clinic.actor(), first.id)
        .unwrap();
    clinic
        .practice
        .book_appointment(
            clinic.actor(),
            &clinic.booking(site.id, ben.id, "2026-07-07 10:00", 60),
        )
        .unwrap();
    assert_eq!(count(&clinic.practice, "appointments"), 3);
}

#[test]
fn a_client_cannot_be_in_two_chairs_at_once() {
    let mut clinic = Clinic::new();
    let site = clinic.site("Manchester", "Europe/London", weekday_hours());
    let other = clinic
        .practice
        .create_staff(
            Actor::System,
            &StaffInput {
                name: "Marcus Osei".into(),
                role: Some(StaffRole::Practitioner),
            },
        )
        .unwrap();
    clinic
        .practice
        .set_staff_sites(Actor::System, other.id, &[site.id])
        .unwrap();
    let ana = clinic.client("Ana", "Lopez");
    clinic
        .practice
        .book_appointment(
            clinic.actor(),
            &clinic.booking(site.id, ana.id, "2026-07-07 10:00", 120),
        )
        .unwrap();
    let input = AppointmentInput {
        practitioner_id: other.id,
        ..clinic.booking(site.id, ana.id, "2026-07-07 11:00", 60)
    };
    let err = assert_field(
        clinic.practice.book_appointment(clinic.actor(), &input),
        ErrorCode::Conflict,
        "starts_local",
    );
    assert!(
        err.to_string()
            .contains("Ana Lopez already has an appointment"),
        "{err}"
    );
}

#[test]
fn opening_hours_working_days_and_who_works_where_are_respected() {
    let mut clinic = Clinic::new();
    let gulf_week = [
        Weekday::Sunday,
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
    ]
    .into_iter()
    .map(|weekday| OpeningHours {
        weekday,
        opens: "10:00:00".parse().unwrap(),
        closes: "19:00:00".parse().unwrap(),
    })
    .collect();
    let dubai = clinic.site("Dubai", "Asia/Dubai", gulf_week);
    let client = clinic.client("Omar", "Haddad");
    let friday = clinic.booking(dubai.id, client.id, "2026-07-10 11:00", 60);
    let err = assert_field(
        clinic.practice.book_appointment(clinic.actor(), &friday),
        ErrorCode::Validation,
        "starts_local",
    );
    assert!(err.to_string().contains("closed on Fridays"), "{err}");
    let late = clinic.booking(dubai.id, client.id, "2026-07-12 18:30", 60);
    let err = assert_field(
        clinic.practice.book_appointment(clinic.actor(), &late),
        ErrorCode::Validation,
        "starts_local",
    );
    assert!(
        err.to_string()
            .contains("outside Dubai's opening hours on Sundays (10:00–19:00)"),
        "{err}"
    );
    let sunday = clinic
        .practice
        .book_appointment(
            clinic.actor(),
            &clinic.booking(dubai.id, client.id, "2026-07-12 11:00", 60),
        )
        .unwrap();
    assert_eq!(sunday.starts_at.to_rfc3339(), "2026-07-12T07:00:00+00:00");

    let elsewhere = clinic
        .practice
        .create_site(
            Actor::System,
            &SiteInput {
                name: "Leeds".into(),
                address: String::new(),
                time_zone: "Europe/London".into(),
                hours: weekday_hours(),
            },
        )
        .unwrap();
    assert_field(
        clinic.practice.book_appointment(
            clinic.actor(),
            &clinic.booking(elsewhere.id, client.id, "2026-07-13 11:00", 60),
        ),
        ErrorCode::Validation,
        "practitioner_id",
    );
    assert_field(
        clinic.practice.create_site(
            Actor::System,
            &SiteInput {
                name: "X".into(),
                address: String::new(),
                time_zone: "Mars/Olympus".into(),
                hours: weekday_hours(),
            },
        ),
        ErrorCode::Validation,
        "time_zone",
    );
}

#[test]
fn day_and_week_views_by_practitioner_and_site() {
    let mut clinic = Clinic::new();
    let manchester = clinic.site("Manchester", "Europe/London", weekday_hours());
    let ana = clinic.client("Ana", "Lopez");
    let ben = clinic.client("Ben", "Okafor");
    for (client, when) in [
        (ana.id, "2026-07-06 09:00"),
        (ben.id, "2026-07-06 14:00"),
        (ana.id, "2026-07-08 10:00"),
        (ben.id, "2026-07-13 10:00"),
    ] {
        clinic
            .practice
            .book_appointment(
                clinic.actor(),
                &clinic.booking(manchester.id, client, when, 60),
            )
            .unwrap();
    }
    let query = |from: &str, days: u8| CalendarQuery {
        from: day(from),
        days,
        site_id: Some(manchester.id),
        practitioner_id: Some(clinic.practitioner.id),
        include_cancelled: false,
    };
    let monday = clinic.practice.calendar(&query("2026-07-06", 1)).unwrap();
    assert_eq!(
        monday
            .iter()
            .map(|a| a.client_name.as_str())
            .collect::<Vec<_>>(),
        ["Ana Lopez", "Ben Okafor"]
    );
    assert_eq!(
        clinic
            .practice
            .calendar(&query("2026-07-06", 7))
            .unwrap()
            .len(),
        3
    );
    let ics = clinic
        .practice
        .calendar_ics(&query("2026-07-06", 7))
        .unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
}

#[test]
fn attendance_is_recorded_once_and_not_before_the_appointment() {
    let mut clinic = Clinic::new();
    let site = clinic.site("Manchester", "Europe/London", weekday_hours());
    let ana = clinic.client("Ana", "Lopez");
    let future = clinic
        .practice
        .book_appointment(
            clinic.actor(),
            &clinic.booking(site.id, ana.id, "2026-07-07 10:00", 60),
        )
        .unwrap();
    assert_eq!(
        clinic
            .practice
            .mark_attended(clinic.actor(), future.id)
            .unwrap_err()
            .code(),
        ErrorCode::Refused
    );
    clinic.clock.set("2026-07-07T12:00:00Z".parse().unwrap());
    let attended = clinic
        .practice
        .mark_attended(clinic.actor(), future.id)
        .unwrap();
    assert_eq!(attended.status, AppointmentStatus::Attended);
    assert_eq!(
        clinic
            .practice
            .mark_no_show(clinic.actor(), future.id)
            .unwrap_err()
            .code(),
        ErrorCode::Refused
    );
}

#[test]
fn the_practitioners_day_shows_who_is_next_and_what_was_done_last_time() {
    let mut clinic = Clinic::new();
    let site = clinic.site("Manchester", "Europe/London", weekday_hours());
    let ana = clinic.client("Ana", "Lopez");
    let ben = clinic.client("Ben", "Okafor");
    let plan = clinic.plan(ana.id);
    let last = clinic.record(plan.id, 1, "2026-06-01");
    clinic
        .practice
        .book_appointment(
            clinic.actor(),
            &clinic.booking(site.id, ben.id, "2026-06-16 14:00", 60),
        )
        .unwrap();
    let session_two = AppointmentInput {
        kind: AppointmentKind::PlanSession,
        plan_id: Some(plan.id),
        session_number: Some(2),
        ..clinic.booking(site.id, ana.id, "2026-06-16 09:30", 180)
    };
    clinic
        .practice
        .book_appointment(clinic.actor(), &session_two)
        .unwrap();
    let day = clinic
        .practice
        .practitioner_day(clinic.practitioner.id, day("2026-06-16"))
        .unwrap();
    assert_eq!(
        day.iter()
            .map(|e| e.appointment.client_name.as_str())
            .collect::<Vec<_>>(),
        ["Ana Lopez", "Ben Okafor"]
    );
    let previous = day[0]
        .last_session
        .as_ref()
        .expect("Ana was treated before");
    assert_eq!((previous.session_id, previous.zones.len()), (last.id, 2));
    assert!(day[1].last_session.is_none());
}

/// Booking a plan session sooner after the session before it than the plan's spacing warns
/// with both days; nothing is booked until the practitioner acknowledges it, which is audited.
#[test]
fn booking_a_plan_session_sooner_than_the_plans_spacing_warns_until_acknowledged() {
    let mut clinic = Clinic::new();
    let site = clinic.site("Manchester", "Europe/London", weekday_hours());
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    clinic.record(plan.id, 1, "2026-06-01");
    let actor = clinic.actor();
    let early = AppointmentInput {
        kind: AppointmentKind::PlanSession,
        plan_id: Some(plan.id),
        session_number: Some(2),
        ..clinic.booking(site.id, client.id, "2026-06-08 10:00", 120)
    };
    let warned = assert_field(
        clinic.practice.book_appointment(actor, &early),
        ErrorCode::Refused,
        "acknowledge_spacing",
    );
    assert!(
        warned
            .to_string()
            .starts_with("Session 2 (8 Jun 2026) is 7 days after session 1 (1 Jun 2026); this plan spaces sessions 14 days apart"),
        "{warned}"
    );
    assert_eq!(count(&clinic.practice, "appointments"), 0);

    let booked = clinic
        .practice
        .book_appointment(
            actor,
            &AppointmentInput {
                acknowledge_spacing: Some(true),
                ..early.clone()
            },
        )
        .unwrap();
    let actions: Vec<String> = clinic
        .practice
        .audit_trail(&booked.id)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        actions.contains(&"acknowledge_spacing".to_owned()),
        "{actions:?}"
    );

    // Moved to the plan's spacing, the booking needs no acknowledgement.
    let spaced = AppointmentInput {
        starts_local: at("2026-06-15 10:00"),
        ..early
    };
    let moved = clinic
        .practice
        .reschedule_appointment(actor, booked.id, booked.version, &spaced)
        .unwrap();
    assert_eq!(moved.starts_local, at("2026-06-15 10:00"));
}

/// A site whose stored time zone is not a zone (a damaged file, a hand-edited row) is an error
/// naming `time_zone` wherever the zone is needed — booking, the calendar file — never a panic.
#[test]
fn a_stored_time_zone_that_is_not_a_zone_is_an_error_not_a_panic() {
    let mut clinic = Clinic::new();
    let site = clinic.site("Manchester", "Europe/London", weekday_hours());
    let client = clinic.client("Ana", "Lopez");
    let actor = clinic.actor();
    let booked = clinic
        .practice
        .book_appointment(
            actor,
            &clinic.booking(site.id, client.id, "2026-06-22 10:00", 60),
        )
        .unwrap();
    clinic
        .practice
        .raw_connection()
        .execute(
            "UPDATE sites SET time_zone = 'Mars/Olympus' WHERE id = ?1",
            [site.id],
        )
        .unwrap();
    let booking = clinic.booking(site.id, client.id, "2026-06-23 10:00", 60);
    assert_field(
        clinic.practice.book_appointment(actor, &booking),
        ErrorCode::Validation,
        "time_zone",
    );
    assert!(clinic.practice.appointment_ics(booked.id).is_err());
    assert!(clinic.practice.site(site.id).unwrap().tz().is_err());
}
