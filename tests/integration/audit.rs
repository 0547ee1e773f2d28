//! The audit trail: every write says who, when, what, from what to what — and a refused write
//! leaves no audit entry behind.

use crate::support::*;
use hairline::*;

#[test]
fn every_write_is_audited_with_before_and_after_in_the_same_transaction() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    clinic.clock.advance(chrono::Duration::minutes(5));
    let mut input = client_input("Ana", "Reyes");
    input.notes = "prefers mornings".into();
    clinic
        .practice
        .update_client(clinic.actor(), client.id, client.version, &input)
        .unwrap();

    let trail = clinic.practice.audit_trail(&client.id).unwrap();
    let actions: Vec<_> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["create", "update"]);
    let update = &trail[1];
    assert_eq!(update.actor_id, Some(clinic.practitioner.id));
    assert_eq!(update.at, clinic.clock.now());
    assert_eq!(update.before.as_ref().unwrap()["last_name"], "Lopez");
    assert_eq!(update.after.as_ref().unwrap()["last_name"], "Reyes");
    assert_eq!(update.after.as_ref().unwrap()["notes"], "prefers mornings");
}

#[test]
fn session_lifecycle_is_audited_and_a_refused_write_leaves_no_entry() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    let session = clinic.record(plan.id, 1, "2026-06-01");
    clinic
        .practice
        .sign_session(clinic.actor(), session.id)
        .unwrap();
    clinic
        .practice
        .amend_session(
            clinic.actor(),
            session.id,
            "Added: client asked for softer hairline next time.",
        )
        .unwrap();
    let _ = clinic
        .practice
        .discard_session(clinic.actor(), session.id)
        .unwrap_err();
    let actions: Vec<_> = clinic
        .practice
        .audit_trail(&session.id)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["record", "sign", "amend"]);
}

#[test]
fn an_unknown_actor_is_refused_and_nothing_is_written() {
    let mut clinic = Clinic::new();
    let ghost = Actor::Staff(StaffId::new());
    let err = clinic
        .practice
        .create_client(ghost, &client_input("Ana", "Lopez"))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation, "{err}");
    assert_eq!(err.field(), Some("actor"));
    assert_eq!(count(&clinic.practice, "clients"), 0);
}

#[test]
fn administration_is_audited_naming_who_and_what() {
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let folder = hairline::db::data_folder::DataFolder::new(dir.path()).unwrap();
    let clock = std::sync::Arc::new(FixedClock::on(day("2026-06-15")));
    let service = hairline::api::Service::open(folder, clock, None);
    let (desk, owner) = crate::desk::Desk::owner(&service, "Dana Reyes");
    let call = |name: &str, request: serde_json::Value| desk.call(name, request).unwrap();
    call("back_up_now", json!({}));
    call("export_practice", json!({}));
    let trail: Vec<AuditEntry> = service
        .with_practice(|p| p.audit_trail(&"practice"))
        .unwrap();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["backup", "export_practice"]);
    assert!(trail
        .iter()
        .all(|e| e.actor_id.map(|id| id.to_string()) == owner.as_str().map(String::from)));
    assert!(trail[1].after.as_ref().unwrap()["file"]
        .as_str()
        .unwrap()
        .ends_with(".json"));
}
