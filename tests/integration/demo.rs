//! The sample clinic: realistic, consistent with every rule, reproducible.

use crate::support::*;
use hairline::*;

fn empty_practice() -> (tempfile::TempDir, Practice) {
    let dir = tempfile::tempdir().unwrap();
    let practice = Practice::open(
        dir.path().join("demo.sqlite"),
        FixedClock::on(day("2026-06-15")),
    )
    .unwrap();
    (dir, practice)
}

#[test]
fn the_sample_clinic_spreads_plans_and_sessions_over_ten_years() {
    let (_dir, mut practice) = empty_practice();
    assert!(
        practice.is_empty().unwrap(),
        "a new practice is a first run"
    );
    let summary = practice
        .generate_demo(DemoSpec {
            clients: 60,
            sessions: 180,
            seed: 3,
        })
        .unwrap();
    assert_eq!(summary.clients, 60);
    assert_eq!(
        summary.sessions, 180,
        "every session asked for is made: {summary:?}"
    );
    assert!(!practice.is_empty().unwrap());
    assert_eq!(count(&practice, "sessions") as u32, summary.sessions);
    let conn = practice.raw_connection();
    let (first, last): (String, String) = conn
        .query_row(
            "SELECT min(performed_on), max(performed_on) FROM sessions",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(
        first.as_str() < "2018-01-01" && last.as_str() > "2025-01-01",
        "{first}..{last}"
    );
    let expired_uses: i64 = conn
        .query_row(
            "SELECT count(*) FROM session_zones z JOIN sessions s ON s.id = z.session_id
             JOIN pigment_lots l ON l.id = z.pigment_lot_id WHERE l.expires_on < s.performed_on",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(expired_uses, 0, "no session uses a lot past its expiry");
    let dangling = conn
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |_| Ok(()))
        .unwrap()
        .count();
    assert_eq!(dangling, 0, "no dangling references");
    // The calendar: sites, an appointment behind the sessions, nobody double-booked.
    assert!(
        summary.sites >= 2 && summary.appointments as usize >= summary.sessions as usize * 9 / 10,
        "{summary:?}"
    );
    let overlapping: i64 = conn
        .query_row(
            "SELECT count(*) FROM appointments a JOIN appointments b ON a.practitioner_id = b.practitioner_id AND a.id < b.id
             WHERE a.status <> 'cancelled' AND b.status <> 'cancelled' AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(overlapping, 0, "no practitioner is booked twice at once");
    let ids: Vec<AppointmentId> = conn
        .prepare("SELECT id FROM appointments")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(ids.len() as u32, summary.appointments);
    for id in ids {
        let a = practice.appointment(id).unwrap();
        let site = practice.site(a.site_id).unwrap();
        let hours = site
            .hours_on(a.starts_local)
            .expect("booked on a working day");
        assert!(
            a.starts_local.time() >= hours.opens && a.ends_local.time() <= hours.closes,
            "{a:?}"
        );
    }
    // Recalls follow the rules and have been worked like a clinic would.
    assert!(summary.recalls_open > 0);
    let rows = practice
        .worklist(&WorklistQuery {
            within_days: Some(60),
            practitioner_id: None,
            kind: None,
            flagged: false,
            limit: 500,
            offset: 0,
        })
        .unwrap();
    assert!(
        rows.iter()
            .all(|r| (day("2026-06-15") - r.recall.due_on).num_days() <= 120),
        "long-overdue recalls were handled"
    );
    // Every client can be opened whole and found by search.
    let page = practice.list_clients(ArchiveFilter::All, 0, 200).unwrap();
    for summary in &page.clients {
        practice.client_record(summary.id).unwrap();
    }
    let someone = &page.clients[0];
    let found = practice
        .search_clients(&someone.last_name[..3], ArchiveFilter::All, 200)
        .unwrap();
    assert!(found.iter().any(|c| c.id == someone.id));
}

#[test]
fn the_same_seed_makes_the_same_clinic_and_a_used_database_is_refused() {
    let (_a, mut one) = empty_practice();
    let (_b, mut two) = empty_practice();
    let spec = DemoSpec {
        clients: 20,
        sessions: 50,
        seed: 11,
    };
    assert_eq!(
        one.generate_demo(spec).unwrap(),
        two.generate_demo(spec).unwrap()
    );
    let names = |p: &Practice| -> Vec<String> {
        p.list_clients(ArchiveFilter::All, 0, 50)
            .unwrap()
            .clients
            .into_iter()
            .map(|c| c.last_name)
            .collect()
    };
    assert_eq!(names(&one), names(&two));
    let err = one.generate_demo(spec).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Refused);
    assert_eq!(count(&one, "clients"), 20);
}

/// Every signed sample session shows who signed it, as a real signature does: the signer's name
/// and role frozen into the session.
#[test]
fn sample_signatures_carry_the_signers_name_and_role() {
    let (_dir, mut practice) = empty_practice();
    practice.generate_demo(DemoSpec::SAMPLE).unwrap();
    let conn = practice.raw_connection();
    let (signed, unnamed): (i64, i64) = conn
        .query_row(
            "SELECT count(*), count(*) FILTER (WHERE signed_by_name IS NULL OR signed_by_role IS NULL)
               FROM sessions WHERE signed_at IS NOT NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(signed > 100, "{signed}");
    assert_eq!(unnamed, 0);
}
