//! Recalls over their whole lifecycle: next session and touch-up due dates, booking and
//! attending, contact attempts, consent, snooze/decline/disable, plan changes.

use crate::support::*;
use hairline::*;

fn worklist(clinic: &Clinic) -> Vec<WorklistRow> {
    clinic
        .practice
        .worklist(&WorklistQuery {
            within_days: Some(3650),
            practitioner_id: None,
            kind: None,
            flagged: false,
            limit: 100,
            offset: 0,
        })
        .unwrap()
}

fn open_recalls(clinic: &Clinic, client: ClientId) -> Vec<Recall> {
    clinic
        .practice
        .client_recalls(client)
        .unwrap()
        .into_iter()
        .filter(Recall::is_open)
        .collect()
}

/// A clinic with a weekday site and a client whose session 1 was recorded on 1 June, so that
/// session 2 of their three-session plan is due.
fn session_two_due() -> (Clinic, Site, Client, Plan) {
    let mut clinic = Clinic::new();
    let site = clinic.site("Manchester", "Europe/London", weekday_hours());
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    clinic.record(plan.id, 1, "2026-06-01");
    (clinic, site, client, plan)
}

/// A plan-session booking of `client` at `site`, starting `starts` (site time).
fn plan_session(
    clinic: &Clinic,
    site: &Site,
    client: &Client,
    starts: &str,
    minutes: u16,
) -> AppointmentInput {
    AppointmentInput {
        kind: AppointmentKind::PlanSession,
        ..clinic.booking(site.id, client.id, starts, minutes)
    }
}

#[test]
fn recording_session_one_makes_session_two_due_after_the_plans_spacing() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    clinic.record(plan.id, 1, "2026-06-01");
    let rows = worklist(&clinic);
    assert_eq!(rows.len(), 1);
    let recall = &rows[0].recall;
    assert_eq!(
        (recall.kind, recall.session_number, recall.due_on),
        (RecallKind::NextSession, Some(2), day("2026-06-15"))
    );
    assert_eq!(rows[0].urgency, Urgency::ThisWeek);
    assert_eq!(rows[0].client_name, "Ana Lopez");
    // Recording session 2 closes that recall and makes session 3 due.
    clinic.record(plan.id, 2, "2026-06-14");
    let open = open_recalls(&clinic, client.id);
    assert_eq!(open.len(), 1);
    assert_eq!(
        (open[0].session_number, open[0].due_on),
        (Some(3), day("2026-06-28"))
    );
}

#[test]
fn booking_from_the_recall_and_attending_completes_it() {
    let (mut clinic, site, client, plan) = session_two_due();
    let recall = worklist(&clinic)[0].recall.clone();
    let input = plan_session(&clinic, &site, &client, "2026-06-16 10:00", 180);
    let appointment = clinic
        .practice
        .book_recall(clinic.actor(), recall.id, &input)
        .unwrap();
    assert_eq!(
        (appointment.plan_id, appointment.session_number),
        (Some(plan.id), Some(2))
    );
    let booked = clinic.practice.recall(recall.id).unwrap();
    assert_eq!(
        (booked.state, booked.appointment_id),
        (RecallState::Booked, Some(appointment.id))
    );
    assert!(
        worklist(&clinic).is_empty(),
        "a booked recall leaves the worklist"
    );
    clinic.clock.set("2026-06-16T14:00:00Z".parse().unwrap());
    clinic
        .practice
        .mark_attended(clinic.actor(), appointment.id)
        .unwrap();
    assert_eq!(
        clinic.practice.recall(recall.id).unwrap().state,
        RecallState::Done
    );
}

#[test]
fn a_cancelled_or_missed_booking_puts_the_recall_back_on_the_list() {
    let (mut clinic, site, client, plan) = session_two_due();
    let input = AppointmentInput {
        kind: AppointmentKind::PlanSession,
        plan_id: Some(plan.id),
        session_number: Some(2),
        ..clinic.booking(site.id, client.id, "2026-06-16 10:00", 180)
    };
    // Booking straight from the calendar links the recall too.
    let appointment = clinic
        .practice
        .book_appointment(clinic.actor(), &input)
        .unwrap();
    assert!(worklist(&clinic).is_empty());
    clinic
        .practice
        .cancel_appointment(clinic.actor(), appointment.id)
        .unwrap();
    let back = worklist(&clinic);
    assert_eq!(back.len(), 1);
    assert_eq!(
        (back[0].recall.state, back[0].recall.appointment_id),
        (RecallState::Due, None)
    );
}

#[test]
fn signing_the_last_session_makes_a_touch_up_due_five_years_later() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let mut input = clinic.plan_input(client.id);
    input.planned_sessions = 2;
    let plan = clinic.practice.create_plan(clinic.actor(), &input).unwrap();
    assert_eq!(plan.touch_up_interval_months, 60);
    let s1 = clinic.record(plan.id, 1, "2026-05-20");
    let s2 = clinic.record(plan.id, 2, "2026-06-03");
    assert!(
        open_recalls(&clinic, client.id).is_empty(),
        "no touch-up before the last session is signed"
    );
    clinic.practice.sign_session(clinic.actor(), s1.id).unwrap();
    clinic.practice.sign_session(clinic.actor(), s2.id).unwrap();
    let open = open_recalls(&clinic, client.id);
    assert_eq!(open.len(), 1);
    assert_eq!(
        (open[0].kind, open[0].due_on),
        (RecallKind::TouchUp, day("2031-06-03"))
    );
}

#[test]
fn a_plan_completed_on_a_leap_day_is_due_on_the_last_day_of_february() {
    let mut clinic = Clinic::new();
    clinic.clock.set("2024-03-01T12:00:00Z".parse().unwrap());
    let lot = clinic
        .practice
        .add_pigment_lot(
            Actor::System,
            clinic.pigment.id,
            &PigmentLotInput {
                lot_number: "OLD".into(),
                expires_on: day("2025-01-01"),
                received_on: None,
                opened_on: None,
            },
        )
        .unwrap();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic
        .practice
        .create_plan(
            clinic.actor(),
            &PlanInput {
                planned_sessions: 1,
                ..clinic.plan_input(client.id)
            },
        )
        .unwrap();
    let mut input = clinic.session_input(plan.id, 1, "2024-02-29");
    for zone in &mut input.zones {
        zone.pigment_lot_id = lot.id;
    }
    let session = clinic
        .practice
        .record_session(clinic.actor(), &input)
        .unwrap();
    clinic
        .practice
        .sign_session(clinic.actor(), session.id)
        .unwrap();
    assert_eq!(
        open_recalls(&clinic, client.id)[0].due_on,
        day("2029-02-28")
    );
}

#[test]
fn the_touch_up_interval_is_suggested_from_the_clinics_rules_with_reasons_and_can_be_overridden() {
    let mut clinic = Clinic::new();
    let mut profile = client_input("Ana", "Lopez");
    profile.sun_exposure = Some(SunExposure::High);
    profile.fitzpatrick = Some(Fitzpatrick::V);
    let client = clinic
        .practice
        .create_client(clinic.actor(), &profile)
        .unwrap();
    let suggestion = clinic
        .practice
        .suggest_touch_up_interval(client.id, Some(Finish::Crisp))
        .unwrap();
    assert_eq!(suggestion.months, 60 - 12 - 12 + 6);
    assert_eq!(suggestion.reasons.len(), 4, "{:?}", suggestion.reasons);
    let suggested = clinic
        .practice
        .create_plan(
            clinic.actor(),
            &PlanInput {
                finish: Some(Finish::Crisp),
                ..clinic.plan_input(client.id)
            },
        )
        .unwrap();
    assert_eq!(
        (
            suggested.touch_up_interval_months,
            suggested.touch_up_interval_manual
        ),
        (42, false)
    );
    let chosen = PlanInput {
        touch_up_interval_months: 84,
        touch_up_interval_manual: Some(true),
        ..clinic.plan_input(client.id)
    };
    let manual = clinic
        .practice
        .create_plan(clinic.actor(), &chosen)
        .unwrap();
    assert_eq!(
        (
            manual.touch_up_interval_months,
            manual.touch_up_interval_manual
        ),
        (84, true)
    );
    // The clinic changes its rules: new suggestions follow them.
    let mut settings = clinic.practice.settings().unwrap();
    settings.touch_up.base_months = 72;
    clinic
        .practice
        .update_settings(Actor::System, &settings)
        .unwrap();
    assert_eq!(
        clinic
            .practice
            .suggest_touch_up_interval(client.id, None)
            .unwrap()
            .months,
        72 - 12 + 6
    );
    settings.touch_up.base_months = 200;
    assert_field(
        clinic.practice.update_settings(Actor::System, &settings),
        ErrorCode::Validation,
        "touch_up.base_months",
    );
}

#[test]
fn a_due_date_set_by_hand_is_never_recalculated() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    clinic.record(plan.id, 1, "2026-06-01");
    let recall = open_recalls(&clinic, client.id)[0].clone();
    clinic
        .practice
        .set_recall_due(clinic.actor(), recall.id, day("2026-07-01"))
        .unwrap();
    let longer = PlanInput {
        spacing_days: 21,
        ..clinic.plan_input(client.id)
    };
    clinic
        .practice
        .update_plan(clinic.actor(), plan.id, plan.version, &longer)
        .unwrap();
    assert_eq!(
        clinic.practice.recall(recall.id).unwrap().due_on,
        day("2026-07-01")
    );
    // Without a manual date the change of spacing moves the due date.
    let other = clinic.client("Ben", "Okafor");
    let other_plan = clinic.plan(other.id);
    clinic.record(other_plan.id, 1, "2026-06-01");
    clinic
        .practice
        .update_plan(
            clinic.actor(),
            other_plan.id,
            other_plan.version,
            &PlanInput {
                spacing_days: 21,
                ..clinic.plan_input(other.id)
            },
        )
        .unwrap();
    assert_eq!(open_recalls(&clinic, other.id)[0].due_on, day("2026-06-22"));
}

#[test]
fn changing_a_plan_updates_its_open_recalls_in_the_same_transaction() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic
        .practice
        .create_plan(
            clinic.actor(),
            &PlanInput {
                planned_sessions: 1,
                ..clinic.plan_input(client.id)
            },
        )
        .unwrap();
    let s1 = clinic.record(plan.id, 1, "2026-06-01");
    clinic.practice.sign_session(clinic.actor(), s1.id).unwrap();
    assert_eq!(
        open_recalls(&clinic, client.id)[0].kind,
        RecallKind::TouchUp
    );
    // Adding a session: the touch-up gives way to session 2.
    clinic
        .practice
        .update_plan(
            clinic.actor(),
            plan.id,
            plan.version,
            &PlanInput {
                planned_sessions: 2,
                ..clinic.plan_input(client.id)
            },
        )
        .unwrap();
    let open = open_recalls(&clinic, client.id);
    assert_eq!(open.len(), 1);
    assert_eq!(
        (open[0].kind, open[0].session_number),
        (RecallKind::NextSession, Some(2))
    );
    // Cancelling the plan: nothing is left open pointing at it.
    clinic
        .practice
        .cancel_plan(clinic.actor(), plan.id)
        .unwrap();
    assert!(open_recalls(&clinic, client.id).is_empty());
    let all = clinic.practice.client_recalls(client.id).unwrap();
    assert!(all.iter().any(|r| r.state == RecallState::Cancelled));
}

#[test]
fn a_touch_up_plan_answers_the_earlier_touch_up_recall() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let first = clinic
        .practice
        .create_plan(
            clinic.actor(),
            &PlanInput {
                planned_sessions: 1,
                ..clinic.plan_input(client.id)
            },
        )
        .unwrap();
    let s = clinic.record(first.id, 1, "2026-01-10");
    clinic.practice.sign_session(clinic.actor(), s.id).unwrap();
    let touch_up = clinic.plan(client.id);
    clinic.record(touch_up.id, 1, "2026-06-10");
    let open = open_recalls(&clinic, client.id);
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0].plan_id, touch_up.id);
}

#[test]
fn clients_without_consent_are_shown_as_do_not_contact_and_cannot_be_contacted() {
    let mut clinic = Clinic::new();
    let mut profile = client_input("Ana", "Lopez");
    profile.care_reminders_consent = Some(false);
    let client = clinic
        .practice
        .create_client(clinic.actor(), &profile)
        .unwrap();
    clinic.consented(client.id);
    let plan = clinic.plan(client.id);
    clinic.record(plan.id, 1, "2026-06-01");
    let rows = worklist(&clinic);
    assert!(rows[0].do_not_contact);
    let call = ContactInput {
        method: ContactMethod::Phone,
        outcome: ContactOutcome::NoAnswer,
        note: String::new(),
    };
    let err = assert_field(
        clinic
            .practice
            .log_contact(clinic.actor(), rows[0].recall.id, &call),
        ErrorCode::Refused,
        "recall",
    );
    assert!(err.to_string().contains("do not contact"), "{err}");
    assert_eq!(count(&clinic.practice, "recall_contacts"), 0);
}

#[test]
fn contacted_recalls_rest_and_unanswered_ones_are_flagged_not_repeated() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    clinic.record(plan.id, 1, "2026-06-01");
    let recall = worklist(&clinic)[0].recall.id;
    let call = ContactInput {
        method: ContactMethod::Phone,
        outcome: ContactOutcome::NoAnswer,
        note: "rang twice".into(),
    };
    for attempt in 1..=3 {
        clinic
            .practice
            .log_contact(clinic.actor(), recall, &call)
            .unwrap();
        assert!(
            worklist(&clinic).is_empty(),
            "resting after attempt {attempt}"
        );
        clinic.clock.advance(chrono::Duration::days(3));
        if attempt < 3 {
            assert_eq!(
                worklist(&clinic).len(),
                1,
                "back after the cool-down ({attempt})"
            );
        }
    }
    assert!(
        worklist(&clinic).is_empty(),
        "flagged after three unanswered attempts"
    );
    let flagged = clinic
        .practice
        .worklist(&WorklistQuery {
            within_days: None,
            practitioner_id: None,
            kind: None,
            flagged: true,
            limit: 10,
            offset: 0,
        })
        .unwrap();
    assert_eq!(flagged.len(), 1);
    assert_eq!(
        (flagged[0].recall.attempts, flagged[0].recall.state),
        (3, RecallState::Contacted)
    );
    assert_eq!(clinic.practice.recall_counts().unwrap().flagged, 1);
    let log = clinic.practice.recall_contacts(recall).unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(
        (log[0].staff_id, log[0].note.as_str()),
        (Some(clinic.practitioner.id), "rang twice")
    );
}

#[test]
fn snooze_decline_and_disable_take_a_recall_off_the_list() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    clinic.record(plan.id, 1, "2026-06-01");
    let recall = worklist(&clinic)[0].recall.id;
    assert_field(
        clinic
            .practice
            .snooze_recall(clinic.actor(), recall, day("2026-06-15")),
        ErrorCode::Validation,
        "until",
    );
    clinic
        .practice
        .snooze_recall(clinic.actor(), recall, day("2026-06-20"))
        .unwrap();
    assert!(worklist(&clinic).is_empty());
    clinic.clock.set("2026-06-20T09:00:00Z".parse().unwrap());
    assert_eq!(worklist(&clinic).len(), 1, "back when the snooze ends");
    clinic
        .practice
        .disable_recall_until(clinic.actor(), recall, Some(day("2026-07-01")))
        .unwrap();
    assert!(worklist(&clinic).is_empty());
    clinic
        .practice
        .disable_recall_until(clinic.actor(), recall, None)
        .unwrap();
    assert_field(
        clinic.practice.decline_recall(clinic.actor(), recall, " "),
        ErrorCode::Validation,
        "reason",
    );
    let declined = clinic
        .practice
        .decline_recall(clinic.actor(), recall, "Happy with one session")
        .unwrap();
    assert_eq!(
        (declined.state, declined.declined_reason.as_str()),
        (RecallState::Declined, "Happy with one session")
    );
    assert!(worklist(&clinic).is_empty());
    // A declined recall is not reopened by later changes to the plan.
    clinic
        .practice
        .update_plan(
            clinic.actor(),
            plan.id,
            plan.version,
            &PlanInput {
                spacing_days: 10,
                ..clinic.plan_input(client.id)
            },
        )
        .unwrap();
    assert!(open_recalls(&clinic, client.id).is_empty());
}

#[test]
fn the_worklist_filters_by_kind_and_practitioner_sorts_by_urgency_and_counts() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let ben = clinic.client("Ben", "Okafor");
    let ana_plan = clinic.plan(ana.id);
    let ben_plan = clinic.plan(ben.id);
    clinic.record(ben_plan.id, 1, "2026-06-10");
    clinic.record(ana_plan.id, 1, "2026-05-20");
    let rows = worklist(&clinic);
    assert_eq!(
        rows.iter()
            .map(|r| r.client_name.as_str())
            .collect::<Vec<_>>(),
        ["Ana Lopez", "Ben Okafor"]
    );
    assert_eq!(rows[0].urgency, Urgency::Overdue);
    assert_eq!(rows[0].days_overdue, 12);
    assert_eq!(rows[0].preferred_contact, ContactChannel::Sms);

    let none = WorklistQuery {
        within_days: None,
        practitioner_id: Some(StaffId::new()),
        kind: None,
        flagged: false,
        limit: 10,
        offset: 0,
    };
    assert!(clinic.practice.worklist(&none).unwrap().is_empty());
    let touch_ups = WorklistQuery {
        kind: Some(RecallKind::TouchUp),
        practitioner_id: None,
        ..none
    };
    assert!(clinic.practice.worklist(&touch_ups).unwrap().is_empty());
    let csv = clinic
        .practice
        .worklist_csv(&WorklistQuery {
            kind: None,
            // A screen's page: the export holds the whole view all the same.
            limit: 1,
            offset: 1,
            ..touch_ups
        })
        .unwrap();
    assert!(csv.starts_with("\u{feff}Client number,Client,Phone,Email,Preferred contact,"));
    assert_eq!(csv.matches("\r\n").count(), 3);
    assert!(csv.contains(",Ana Lopez,07700 900123,ana.lopez@example.com,sms,"));
    // A page of the worklist itself is 1 to 1000 rows; another size is refused, not bent.
    for limit in [0, hairline::schedule::worklist::MAX_WORKLIST_PAGE + 1] {
        let refused = clinic
            .practice
            .worklist(&WorklistQuery {
                within_days: None,
                practitioner_id: None,
                kind: None,
                flagged: false,
                limit,
                offset: 0,
            })
            .unwrap_err();
        assert_eq!(refused.field(), Some("limit"), "{limit}");
    }
}

/// With session 2 booked, recording session 2 and then discarding that draft leaves the plan's
/// recalls exactly as before the draft: session 2's recall booked on its appointment, and no
/// session-3 recall anywhere (not even a closed one).
#[test]
fn discarding_a_draft_session_restores_the_recalls_as_they_were() {
    let (mut clinic, site, client, plan) = session_two_due();
    let recall = worklist(&clinic)[0].recall.clone();
    let input = plan_session(&clinic, &site, &client, "2026-06-16 10:00", 180);
    let appointment = clinic
        .practice
        .book_recall(clinic.actor(), recall.id, &input)
        .unwrap();
    let before = clinic.practice.client_recalls(client.id).unwrap();
    let draft = clinic.record(plan.id, 2, "2026-06-14");
    assert!(
        open_recalls(&clinic, client.id)
            .iter()
            .any(|r| r.session_number == Some(3)),
        "the draft makes session 3 due"
    );
    clinic
        .practice
        .discard_session(clinic.actor(), draft.id)
        .unwrap();
    let after = clinic.practice.client_recalls(client.id).unwrap();
    let shape = |recalls: &[Recall]| -> Vec<_> {
        recalls
            .iter()
            .map(|r| (r.id, r.session_number, r.state, r.appointment_id, r.due_on))
            .collect()
    };
    assert_eq!(shape(&after), shape(&before));
    assert_eq!(after[0].appointment_id, Some(appointment.id));
    assert_eq!(after[0].state, RecallState::Booked);
}

/// A recall that someone already worked (a call logged) is not silently deleted when the draft
/// that asked for it is discarded: it stays in the history, cancelled.
#[test]
fn a_worked_recall_of_a_discarded_draft_is_cancelled_not_deleted() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    clinic.record(plan.id, 1, "2026-06-01");
    let draft = clinic.record(plan.id, 2, "2026-06-14");
    let third = open_recalls(&clinic, client.id)[0].clone();
    assert_eq!(third.session_number, Some(3));
    clinic
        .practice
        .log_contact(
            clinic.actor(),
            third.id,
            &ContactInput {
                method: ContactMethod::Phone,
                outcome: ContactOutcome::NoAnswer,
                note: String::new(),
            },
        )
        .unwrap();
    clinic
        .practice
        .discard_session(clinic.actor(), draft.id)
        .unwrap();
    let kept = clinic.practice.recall(third.id).unwrap();
    assert_eq!(kept.state, RecallState::Cancelled);
    let open = open_recalls(&clinic, client.id);
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].session_number, Some(2));
}

/// A recall cannot be booked for a day before the session it follows.
#[test]
fn a_recall_cannot_be_booked_before_the_session_it_follows() {
    let (mut clinic, site, client, _) = session_two_due();
    let recall = worklist(&clinic)[0].recall.clone();
    let early = plan_session(&clinic, &site, &client, "2026-05-20 10:00", 120);
    let refused = clinic
        .practice
        .book_recall(clinic.actor(), recall.id, &early);
    let error = assert_field(refused, ErrorCode::Validation, "starts_local");
    assert!(
        error.to_string().contains("before session 1 (1 Jun 2026)"),
        "{error}"
    );
    assert_eq!(
        clinic.practice.recall(recall.id).unwrap().state,
        RecallState::Due
    );
    let same_day = AppointmentInput {
        acknowledge_spacing: Some(true),
        ..plan_session(&clinic, &site, &client, "2026-06-01 15:00", 120)
    };
    clinic
        .practice
        .book_recall(clinic.actor(), recall.id, &same_day)
        .expect("the day of the session it follows is not before it");
}

/// The worklist says how many recalls it holds in all and pages through them, instead of
/// stopping at its page size while the badge counts more.
#[test]
fn the_worklist_counts_every_recall_and_pages_through_them() {
    let mut clinic = Clinic::new();
    for last in ["Lopez", "Marsh", "Quinn"] {
        let client = clinic.client("Ana", last);
        let plan = clinic.plan(client.id);
        clinic.record(plan.id, 1, "2026-06-01");
    }
    let query = WorklistQuery {
        within_days: Some(3650),
        practitioner_id: None,
        kind: None,
        flagged: false,
        limit: 2,
        offset: 0,
    };
    let first = clinic.practice.worklist_page(&query).unwrap();
    assert_eq!((first.rows.len(), first.total), (2, 3));
    let rest = clinic
        .practice
        .worklist_page(&WorklistQuery { offset: 2, ..query })
        .unwrap();
    assert_eq!((rest.rows.len(), rest.total), (1, 3));
}

/// Each urgency group's count is the core's count of the whole view, not of the rows loaded: a
/// one-row page still says how many are overdue, due this week, this month and later.
#[test]
fn the_worklist_counts_each_urgency_group_whatever_page_is_loaded() {
    let mut clinic = Clinic::new();
    // Today is 2026-06-15; the next session is due 14 days after the last (60 for Eve's plan).
    for (first, last_session) in [
        ("Ana", "2026-05-20"),
        ("Ben", "2026-05-25"),
        ("Cy", "2026-06-05"),
        ("Dee", "2026-06-10"),
    ] {
        let client = clinic.client(first, "Lopez");
        let plan = clinic.plan(client.id);
        clinic.record(plan.id, 1, last_session);
    }
    let eve = clinic.client("Eve", "Lopez");
    let plan = clinic
        .practice
        .create_plan(
            clinic.actor(),
            &PlanInput {
                spacing_days: 60,
                ..clinic.plan_input(eve.id)
            },
        )
        .unwrap();
    clinic.record(plan.id, 1, "2026-06-01");
    clinic.reopen();

    let query = WorklistQuery {
        within_days: Some(3650),
        practitioner_id: None,
        kind: None,
        flagged: false,
        limit: 1,
        offset: 0,
    };
    let page = clinic.practice.worklist_page(&query).unwrap();
    assert_eq!((page.rows.len(), page.total), (1, 5));
    let expected = UrgencyCounts {
        overdue: 2,
        this_week: 1,
        this_month: 1,
        upcoming: 1,
    };
    assert_eq!(page.by_urgency, expected);
    let all = clinic
        .practice
        .worklist(&WorklistQuery {
            limit: 100,
            ..query
        })
        .unwrap();
    let count = |u: Urgency| all.iter().filter(|r| r.urgency == u).count() as u32;
    assert_eq!(
        [
            count(Urgency::Overdue),
            count(Urgency::ThisWeek),
            count(Urgency::ThisMonth),
            count(Urgency::Upcoming)
        ],
        [2, 1, 1, 1],
        "the groups' counts agree with the rows' own urgency"
    );
    let later = clinic
        .practice
        .worklist_page(&WorklistQuery { offset: 4, ..query })
        .unwrap();
    assert_eq!(later.by_urgency, expected, "the same on every page");
    let week = clinic
        .practice
        .worklist_page(&WorklistQuery {
            within_days: Some(7),
            ..query
        })
        .unwrap();
    assert_eq!(
        (
            week.total,
            week.by_urgency.this_month,
            week.by_urgency.upcoming
        ),
        (3, 0, 0),
        "the view's own horizon bounds the groups"
    );
}

/// Sessions on an earlier plan do not answer a later plan's touch-up (only a later plan's
/// sessions answer an earlier one's).
#[test]
fn an_earlier_plans_sessions_do_not_answer_a_later_plans_touch_up() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let first = clinic.plan(client.id);
    clinic.record(first.id, 1, "2026-05-01");
    let mut input = clinic.plan_input(client.id);
    input.planned_sessions = 1;
    let second = clinic.practice.create_plan(clinic.actor(), &input).unwrap();
    let session = clinic.record(second.id, 1, "2026-06-01");
    clinic
        .practice
        .sign_session(clinic.actor(), session.id)
        .unwrap();
    let open = open_recalls(&clinic, client.id);
    assert!(
        open.iter()
            .any(|r| r.plan_id == second.id && r.kind == RecallKind::TouchUp),
        "{open:?}"
    );
}

/// A client's record reads every open recall and only the latest closed ones (a client treated
/// for years has hundreds), in the order it shows them, with how many closed ones there are.
#[test]
fn the_record_reads_the_open_recalls_and_only_the_latest_closed_ones() {
    let (mut clinic, _site, client, plan) = session_two_due();
    clinic.clock.set("2026-09-01T12:00:00Z".parse().unwrap());
    clinic.record(plan.id, 2, "2026-07-01");
    clinic.record(plan.id, 3, "2026-08-01");
    let second_plan = clinic.plan(client.id);
    clinic.record(second_plan.id, 1, "2026-08-20");
    let every = clinic.practice.client_recalls(client.id).unwrap();
    let states: Vec<_> = every
        .iter()
        .map(|r| (r.kind, r.session_number, r.state))
        .collect();
    assert_eq!(
        states,
        [
            (RecallKind::NextSession, Some(2), RecallState::Due),
            (RecallKind::NextSession, Some(2), RecallState::Done),
            (RecallKind::NextSession, Some(3), RecallState::Done),
        ],
        "open first, then by due date"
    );
    let latest = clinic
        .practice
        .client_recalls_shown(client.id, Some(1))
        .unwrap();
    assert_eq!(latest.recalls, [every[0].clone(), every[2].clone()]);
    assert_eq!(latest.closed_total, 2);
    let open_only = clinic
        .practice
        .client_recalls_shown(client.id, Some(0))
        .unwrap();
    assert_eq!(
        (open_only.recalls, open_only.closed_total),
        (vec![every[0].clone()], 2)
    );
}
