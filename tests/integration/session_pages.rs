//! The client record a page at a time: it opens at the newest sessions with the true total, and
//! older ones come in pages, in order, with nothing skipped or repeated.

use crate::desk::Desk;
use crate::support::*;
use hairline::api::Service;
use hairline::db::data_folder::DataFolder;
use hairline::*;
use serde_json::json;

/// A client with four plans of six sessions (24 in all), recorded a week apart from
/// 2026-01-01, the fourth plan's last session amended.
fn client_with_24_sessions(clinic: &mut Clinic) -> (Client, Vec<Session>) {
    let client = clinic.client("Ana", "Lopez");
    let mut sessions = Vec::new();
    let mut on = day("2026-01-01");
    for _ in 0..4 {
        let plan = clinic
            .practice
            .create_plan(
                clinic.actor(),
                &PlanInput {
                    planned_sessions: 6,
                    ..clinic.plan_input(client.id)
                },
            )
            .unwrap();
        for number in 1..=6 {
            sessions.push(clinic.record(plan.id, number, &on.to_string()));
            on += chrono::Duration::days(7);
        }
    }
    let last = sessions.last().unwrap().id;
    clinic
        .practice
        .sign_session(clinic.actor(), last)
        .expect("the newest session is signed");
    clinic
        .practice
        .amend_session(clinic.actor(), last, "Crown density noted as 2 by mistake")
        .expect("a signed session is amended");
    (client, sessions)
}

#[test]
fn pages_walk_every_session_newest_first_with_the_total() {
    let mut clinic = Clinic::new();
    let (client, recorded) = client_with_24_sessions(&mut clinic);
    clinic.reopen();
    let whole = clinic.practice.client_record(client.id).unwrap();
    let mut newest_first: Vec<Session> = whole.plans.into_iter().flat_map(|p| p.sessions).collect();
    newest_first.sort_by_key(|s| std::cmp::Reverse(s.performed_on));
    assert_eq!(newest_first.len(), recorded.len());

    let mut walked = Vec::new();
    for offset in (0..30).step_by(10) {
        let page = clinic
            .practice
            .client_sessions(client.id, offset, 10)
            .unwrap();
        assert_eq!(page.total, 24);
        walked.extend(page.sessions);
    }
    assert_eq!(
        walked, newest_first,
        "zones and amendments included, none skipped or repeated"
    );
    assert_eq!(walked[0].amendments.len(), 1);
    assert_eq!(walked[0].zones.len(), 2);
    assert_eq!(walked[23].performed_on, day("2026-01-01"));
}

#[test]
fn the_record_opens_at_the_newest_sessions_with_each_plans_recorded_numbers() {
    let mut clinic = Clinic::new();
    let (client, recorded) = client_with_24_sessions(&mut clinic);
    let open = clinic.practice.client_overview(client.id).unwrap();
    assert_eq!(open.client.id, client.id);
    assert_eq!(open.newest.total, 24);
    assert_eq!(open.newest.sessions.len(), 20);
    assert_eq!(open.newest.sessions[0].id, recorded[23].id);
    assert_eq!(open.newest.sessions[19].id, recorded[4].id);
    assert_eq!(open.plans.len(), 4);
    assert!(open
        .plans
        .iter()
        .all(|p| p.recorded_numbers == vec![1, 2, 3, 4, 5, 6]));
    assert_eq!(
        open.plans[0].plan.id, recorded[0].plan_id,
        "oldest plan first"
    );
}

#[test]
fn a_page_past_the_end_is_empty_and_a_client_without_sessions_has_none() {
    let mut clinic = Clinic::new();
    let (client, _) = client_with_24_sessions(&mut clinic);
    let tail = clinic.practice.client_sessions(client.id, 20, 10).unwrap();
    assert_eq!((tail.sessions.len(), tail.total), (4, 24));
    let past = clinic.practice.client_sessions(client.id, 24, 10).unwrap();
    assert_eq!((past.sessions.len(), past.total), (0, 24));
    let new = clinic.client("Bo", "Lind");
    let open = clinic.practice.client_overview(new.id).unwrap();
    assert_eq!((open.newest.sessions.len(), open.newest.total), (0, 0));
    assert!(open.plans.is_empty());
}

#[test]
fn a_bad_page_size_or_unknown_client_is_refused_naming_why() {
    let mut clinic = Clinic::new();
    let (client, _) = client_with_24_sessions(&mut clinic);
    for limit in [0, MAX_PAGE_ROWS + 1] {
        let err = assert_field(
            clinic.practice.client_sessions(client.id, 0, limit),
            ErrorCode::Validation,
            "limit",
        );
        assert!(err.to_string().contains(&limit.to_string()), "{err}");
    }
    let stranger = clinic.practice.client_sessions(ClientId::new(), 0, 10);
    assert_eq!(stranger.unwrap_err().code(), ErrorCode::NotFound);
}

#[test]
fn through_the_command_table_a_bad_offset_or_limit_names_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let clock = std::sync::Arc::new(FixedClock::on(day("2026-06-15")));
    let service = Service::open(DataFolder::new(dir.path()).unwrap(), clock, None);
    let (desk, _) = Desk::owner(&service, "Dana Reyes");
    let client = ClientId::new();
    for (field, request) in [
        (
            "offset",
            json!({"client_id": client, "offset": -1, "limit": 20}),
        ),
        (
            "offset",
            json!({"client_id": client, "offset": 1.5, "limit": 20}),
        ),
        (
            "limit",
            json!({"client_id": client, "offset": 0, "limit": "20"}),
        ),
        (
            "limit",
            json!({"client_id": client, "offset": 0, "limit": 0}),
        ),
        (
            "limit",
            json!({"client_id": client, "offset": 0, "limit": 101}),
        ),
    ] {
        let err = desk.call("client_sessions", request.clone()).unwrap_err();
        assert_eq!(err.field.as_deref(), Some(field), "{request}: {err:?}");
        assert_eq!(err.code, ErrorCode::Validation, "{request}: {err:?}");
    }
}
