//! The whole clinic's week in one answer: per site and practitioner, each day's appointments
//! and the opening hours still free — cancelled appointments left out, idle people shown free.

use crate::support::*;
use hairline::*;

/// Monday 6 July 2026, a week in which Manchester's practitioners are booked.
const MONDAY: &str = "2026-07-06";

fn week(site_id: Option<SiteId>, practitioner_id: Option<StaffId>) -> CalendarSummaryQuery {
    CalendarSummaryQuery {
        from: day(MONDAY),
        days: 7,
        site_id,
        practitioner_id,
    }
}

/// (appointments, open minutes, free minutes) of each day.
fn loads(days: &[DayLoad]) -> Vec<(u32, u32, u32)> {
    days.iter()
        .map(|d| (d.appointments, d.open_minutes, d.free_minutes))
        .collect()
}

#[test]
fn a_week_counts_appointments_and_free_time_per_site_and_practitioner() {
    let mut clinic = Clinic::new();
    let manchester = clinic.site("Manchester", "Europe/London", weekday_hours());
    let leeds = clinic.site("Leeds", "Europe/London", weekday_hours());
    let idle = clinic
        .practice
        .create_staff(
            Actor::System,
            &StaffInput {
                name: "Aaron Idle".into(),
                role: Some(StaffRole::Practitioner),
            },
        )
        .unwrap();
    clinic
        .practice
        .set_staff_sites(Actor::System, idle.id, &[manchester.id])
        .unwrap();
    let ana = clinic.client("Ana", "Lopez");
    let ben = clinic.client("Ben", "Okafor");
    let mut book = |client, when, minutes| {
        let input = clinic.booking(manchester.id, client, when, minutes);
        clinic
            .practice
            .book_appointment(clinic.actor(), &input)
            .unwrap()
    };
    book(ana.id, "2026-07-06 09:00", 60);
    book(ben.id, "2026-07-06 14:00", 90);
    book(ana.id, "2026-07-08 17:00", 60);
    let cancelled = book(ben.id, "2026-07-07 10:00", 120);
    book(ana.id, "2026-07-13 10:00", 60); // the next week
    clinic
        .practice
        .cancel_appointment(clinic.actor(), cancelled.id)
        .unwrap();
    clinic.reopen();

    let summary = clinic.practice.calendar_summary(&week(None, None)).unwrap();
    assert_eq!(summary.appointments, 3);
    assert_eq!(summary.days.first(), Some(&day(MONDAY)));
    assert_eq!(summary.days.len(), 7);
    assert_eq!(
        summary
            .sites
            .iter()
            .map(|s| s.site_name.as_str())
            .collect::<Vec<_>>(),
        ["Leeds", "Manchester"]
    );

    // Manchester: Dana booked Monday (2 h 30 taken of 9 h) and Wednesday; the cancelled Tuesday
    // booking leaves Tuesday free; closed on Sunday. Aaron, with nothing booked, is free all week.
    let site = &summary.sites[1];
    let names: Vec<_> = site
        .practitioners
        .iter()
        .map(|p| p.practitioner_name.as_str())
        .collect();
    assert_eq!(names, ["Aaron Idle", "Dana Whitfield"]);
    let open = (0, 540, 540);
    assert_eq!(
        loads(&site.practitioners[1].days),
        [
            (2, 540, 390),
            open,
            (1, 540, 480),
            open,
            open,
            open,
            (0, 0, 0)
        ]
    );
    assert_eq!(
        loads(&site.practitioners[0].days),
        [open, open, open, open, open, open, (0, 0, 0)]
    );
    assert_eq!(
        loads(&site.days),
        [
            (2, 1080, 930),
            (0, 1080, 1080),
            (1, 1080, 1020),
            (0, 1080, 1080),
            (0, 1080, 1080),
            (0, 1080, 1080),
            (0, 0, 0)
        ]
    );

    // Leeds has nothing booked: its practitioner shows every open hour free.
    let leeds_days = &summary.sites[0];
    assert_eq!(leeds_days.site_id, leeds.id);
    assert_eq!(leeds_days.practitioners.len(), 1);
    assert_eq!(
        leeds_days.days[0],
        DayLoad {
            day: day(MONDAY),
            appointments: 0,
            open_minutes: 540,
            free_minutes: 540
        }
    );
}

#[test]
fn a_summary_narrows_to_a_site_or_a_practitioner() {
    let mut clinic = Clinic::new();
    let manchester = clinic.site("Manchester", "Europe/London", weekday_hours());
    clinic.site("Dubai", "Asia/Dubai", weekday_hours());
    let ana = clinic.client("Ana", "Lopez");
    let input = clinic.booking(manchester.id, ana.id, "2026-07-06 09:00", 60);
    clinic
        .practice
        .book_appointment(clinic.actor(), &input)
        .unwrap();

    let one_site = clinic
        .practice
        .calendar_summary(&week(Some(manchester.id), None))
        .unwrap();
    assert_eq!(one_site.sites.len(), 1);
    assert_eq!(one_site.sites[0].days[0].appointments, 1);

    let somebody_else = clinic
        .practice
        .create_staff(
            Actor::System,
            &StaffInput {
                name: "Sam Elsewhere".into(),
                role: Some(StaffRole::Practitioner),
            },
        )
        .unwrap();
    let theirs = clinic
        .practice
        .calendar_summary(&week(None, Some(somebody_else.id)))
        .unwrap();
    assert_eq!(theirs.appointments, 0);
    assert!(theirs.sites.is_empty(), "{theirs:?}");
}

#[test]
fn a_summary_names_the_field_it_cannot_answer() {
    let mut clinic = Clinic::new();
    clinic.site("Manchester", "Europe/London", weekday_hours());
    let mut query = week(None, None);
    query.days = 0;
    assert_field(
        clinic.practice.calendar_summary(&query),
        ErrorCode::Validation,
        "days",
    );
    assert_field(
        clinic
            .practice
            .calendar_summary(&week(Some(SiteId::new()), None)),
        ErrorCode::Validation,
        "site_id",
    );
    assert_field(
        clinic
            .practice
            .calendar_summary(&week(None, Some(StaffId::new()))),
        ErrorCode::Validation,
        "practitioner_id",
    );
}
