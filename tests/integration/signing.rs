//! Signing: a signed session can never change — not through the core, not through raw SQL.

use crate::support::*;
use hairline::*;

fn signed_session(clinic: &mut Clinic) -> Session {
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    let session = clinic.record(plan.id, 1, "2026-06-01");
    clinic
        .practice
        .sign_session(clinic.actor(), session.id)
        .unwrap()
}

#[test]
fn signing_records_who_and_when() {
    let mut clinic = Clinic::new();
    let session = signed_session(&mut clinic);
    assert_eq!(session.signed_by, Some(clinic.practitioner.id));
    assert_eq!(session.signed_at, Some(clinic.clock.now()));
}

#[test]
fn the_core_refuses_to_edit_discard_or_re_sign_a_signed_session() {
    let mut clinic = Clinic::new();
    let session = signed_session(&mut clinic);
    let mut input = clinic.session_input(session.plan_id, 1, "2026-06-01");
    input.notes = "changed".into();
    let actor = clinic.actor();
    for err in [
        clinic
            .practice
            .update_session(actor, session.id, session.version, &input)
            .unwrap_err(),
        clinic
            .practice
            .discard_session(actor, session.id)
            .unwrap_err(),
        clinic.practice.sign_session(actor, session.id).unwrap_err(),
    ] {
        assert_eq!(err.code(), ErrorCode::Refused, "{err}");
    }
    assert_eq!(clinic.practice.session(session.id).unwrap(), session);
}

#[test]
fn raw_sql_cannot_change_a_signed_session_or_its_zones() {
    let mut clinic = Clinic::new();
    let session = signed_session(&mut clinic);
    let conn = clinic.practice.raw_connection();
    let id = session.id.to_string();
    for sql in [
        "UPDATE sessions SET notes = 'tampered' WHERE id = ?1",
        "UPDATE sessions SET signed_at = NULL, signed_by = NULL WHERE id = ?1",
        "DELETE FROM sessions WHERE id = ?1",
        "UPDATE session_zones SET depth_mm = 2.5 WHERE session_id = ?1",
        "DELETE FROM session_zones WHERE session_id = ?1",
        "INSERT INTO session_zones SELECT session_id, 9, zone, needle_id, cartridge_lot, depth_mm, target_layer,
            angle_deg, machine_speed, stroke_mm, pigment_lot_id, dilution, density FROM session_zones WHERE session_id = ?1",
    ] {
        let err = conn.execute(sql, [&id]).expect_err(sql);
        assert!(err.to_string().contains("signed session is read-only"), "{sql}: {err}");
    }
    clinic.reopen();
    assert_eq!(clinic.practice.session(session.id).unwrap(), session);
}

#[test]
fn amendments_are_appended_and_shown_with_the_original() {
    let mut clinic = Clinic::new();
    let session = signed_session(&mut clinic);
    clinic.clock.advance(chrono::Duration::hours(2));
    let amendment = clinic
        .practice
        .amend_session(
            clinic.actor(),
            session.id,
            "Crown depth was 0.9 mm, not 0.8 mm.",
        )
        .unwrap();
    let read = clinic.practice.session(session.id).unwrap();
    assert_eq!(read.amendments, vec![amendment.clone()]);
    assert_eq!(read.zones, session.zones, "the original stays as signed");
    assert_field(
        clinic
            .practice
            .amend_session(clinic.actor(), session.id, "  "),
        ErrorCode::Validation,
        "text",
    );
    let conn = clinic.practice.raw_connection();
    assert!(conn
        .execute("UPDATE amendments SET text = 'x'", [])
        .is_err());
    assert!(conn.execute("DELETE FROM amendments", []).is_err());
}

#[test]
fn an_unsigned_session_takes_edits_not_amendments_and_only_staff_sign() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    let session = clinic.record(plan.id, 1, "2026-06-01");
    assert_eq!(
        clinic
            .practice
            .amend_session(clinic.actor(), session.id, "note")
            .unwrap_err()
            .code(),
        ErrorCode::Refused
    );
    for not_a_person in [Actor::System, Actor::CommandLine] {
        assert_eq!(
            clinic
                .practice
                .sign_session(not_a_person, session.id)
                .unwrap_err()
                .code(),
            ErrorCode::Forbidden
        );
    }
    assert!(!clinic.practice.session(session.id).unwrap().is_signed());
}
