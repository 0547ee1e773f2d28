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

/// A practice opened as the app opens it, with Dana Reyes (its owner, a manager) signed in.
/// The clock then moves on a day, so a backup taken now is listed beside the one taken at start
/// (which knows no staff).
fn service_with_manager(dir: &std::path::Path) -> (hairline::api::Service, StaffId) {
    let folder = hairline::db::data_folder::DataFolder::new(dir).unwrap();
    let clock = std::sync::Arc::new(FixedClock::on(day("2026-06-15")));
    let service = hairline::api::Service::open(folder, clock.clone(), None);
    clock.advance(chrono::Duration::days(1));
    let owner = dispatch(
        &service,
        "create_owner",
        serde_json::json!({"name": "Dana Reyes", "password": crate::desk::OWNER_PASSWORD}),
    );
    let id = serde_json::from_value(owner["staff_id"].clone()).unwrap();
    (service, id)
}

/// The workstation these tests call from (each service keeps its own sign-ins).
static DESK: std::sync::LazyLock<hairline::api::SessionHandle> =
    std::sync::LazyLock::new(hairline::api::SessionHandle::new);

fn dispatch(
    service: &hairline::api::Service,
    name: &str,
    request: serde_json::Value,
) -> serde_json::Value {
    hairline::api::dispatch(service, &hairline::api::NoEvents, &DESK, name, request)
        .unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// The newest audit entry about `entity_id`.
fn newest_entry(service: &hairline::api::Service, entity_id: &str) -> AuditEntry {
    service
        .with_practice(|p| p.audit_trail(&entity_id))
        .unwrap()
        .pop()
        .unwrap_or_else(|| panic!("no audit entry about {entity_id}"))
}

/// Asserts the newest entry about `entity_id` is `action` by `who`, and answers what it names.
fn audited(
    service: &hairline::api::Service,
    entity_id: &str,
    action: &str,
    who: Option<StaffId>,
) -> serde_json::Value {
    let entry = newest_entry(service, entity_id);
    assert_eq!(entry.action, action, "{entry:?}");
    assert_eq!(entry.actor_id, who, "{action} names who: {entry:?}");
    entry.after.unwrap_or_else(|| panic!("{action} names what"))
}

/// Every act of administration the window can do — a backup (into the folder and to a chosen
/// file), a restore (of a listed backup and of a chosen file), each export (whole practice,
/// subject access as a file and as the printable page, worklist, calendar) and an erasure — is
/// an audit entry naming who did it and what it concerned.
#[test]
fn every_act_of_administration_names_who_and_what() {
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let (service, dana) = service_with_manager(dir.path());
    let who = Some(dana);
    let client: Client = service
        .with_practice(|p| p.create_client(Actor::Staff(dana), &client_input("Ada", "Quinn")))
        .unwrap();
    let client_id = client.id.to_string();

    let listed = dispatch(&service, "back_up_now", json!({}));
    let what = audited(&service, "practice", "backup", who);
    assert_eq!(what["file"], listed["path"]);

    let chosen = dir.path().join("chosen.sqlite");
    dispatch(&service, "back_up_to", json!({"path": chosen}));
    let what = audited(&service, "practice", "backup", who);
    assert_eq!(what["file"], json!(chosen.display().to_string()));

    let (file, _) = serde_json::from_value::<(String, serde_json::Value)>(dispatch(
        &service,
        "export_practice",
        json!({}),
    ))
    .unwrap();
    let what = audited(&service, "practice", "export_practice", who);
    assert_eq!(what["file"], json!(file));
    assert!(what["rows"].as_u64().unwrap() > 0);

    let file = dispatch(
        &service,
        "export_client_record",
        json!({"client_id": client.id}),
    );
    let what = audited(&service, &client_id, "export_client_record", who);
    assert_eq!(
        (&what["client_id"], &what["file"]),
        (&json!(client_id), &file)
    );
    dispatch(&service, "subject_access", json!({"client_id": client.id}));
    let what = audited(&service, &client_id, "export_client_record", who);
    assert_eq!(
        (&what["client_id"], &what["file"]),
        (&json!(client_id), &json!(null))
    );

    let worklist = json!({"query": {"within_days": 60, "practitioner_id": null, "kind": null,
        "flagged": false, "limit": 50, "offset": 0}});
    let file = dispatch(&service, "export_worklist_csv", worklist);
    let what = audited(&service, "practice", "export_worklist", who);
    assert_eq!(what["file"], file);
    let calendar = json!({"query": {"from": "2026-06-15", "days": 7, "site_id": null,
        "practitioner_id": null, "include_cancelled": false}});
    let file = dispatch(&service, "export_calendar_ics", calendar);
    let what = audited(&service, "practice", "export_calendar", who);
    assert_eq!(what["file"], file);

    let report = dispatch(&service, "restore_backup", json!({"path": listed["path"]}));
    let what = audited(&service, "practice", "restore", who);
    assert_eq!(what["from"], report["restored_from"]);
    assert_eq!(what["safety_backup"], report["safety_backup"]["path"]);
    let report = dispatch(&service, "restore_from_file", json!({"path": chosen}));
    let what = audited(&service, "practice", "restore", who);
    assert_eq!(what["from"], report["restored_from"]);
    assert_eq!(what["from"], json!(chosen.display().to_string()));

    dispatch(
        &service,
        "erase_client",
        json!({"client_id": client.id, "confirmation": "Ada Quinn"}),
    );
    let erase = service
        .with_practice(|p| p.audit_trail(&client_id))
        .unwrap()
        .into_iter()
        .find(|e| e.action == "erase")
        .expect("the erasure is an entry about the client");
    assert_eq!(erase.actor_id, who, "the erasure names who");
    assert_eq!(erase.entity_id, client_id, "and whom it erased");
}

/// A recovery (the database no longer opens) is an entry of the recovered practice naming the
/// staff member working at the workstation and the backup it came from.
#[test]
fn a_recovery_names_the_backup_it_came_from() {
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let (service, _) = service_with_manager(dir.path());
    let backup = dispatch(&service, "back_up_now", json!({}));
    service.shut_down();
    drop(service);
    let database = dir.path().join(hairline::db::data_folder::DATABASE_FILE);
    let mut bytes = std::fs::read(&database).unwrap();
    bytes[..100].fill(0x5A);
    std::fs::write(&database, bytes).unwrap();

    let folder = hairline::db::data_folder::DataFolder::new(dir.path()).unwrap();
    let clock = std::sync::Arc::new(FixedClock::on(day("2026-06-17")));
    let service = hairline::api::Service::open(folder, clock, None);
    assert!(
        service.with_practice(|_| Ok(())).is_err(),
        "the practice is damaged"
    );
    let report = dispatch(
        &service,
        "recover_from_backup",
        json!({"path": backup["path"]}),
    );
    // Nobody can sign in to a damaged practice (the accounts are in it): the recovery screen's
    // act is Hairline's.
    let what = audited(&service, "practice", "recovery", None);
    assert_eq!(
        newest_entry(&service, "practice").actor_label.as_deref(),
        Some("Hairline")
    );
    assert_eq!(what["from"], report["restored_from"]);
    assert_eq!(what["from"], backup["path"]);
}

/// An archive import fills an empty practice, which knows no staff yet: the entry is Hairline's
/// and names the archive (when it was exported, how many rows it brought).
#[test]
fn an_archive_import_names_the_archive_it_brought_in() {
    let clinic = Clinic::new();
    let mut text = Vec::new();
    let summary = clinic.practice.export_archive(&mut text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut fresh = Practice::open(
        dir.path().join("fresh.sqlite"),
        FixedClock::on(day("2026-06-20")),
    )
    .unwrap();
    fresh
        .import_archive(&String::from_utf8(text).unwrap())
        .unwrap();
    let entry = fresh.audit_trail(&"practice").unwrap().pop().unwrap();
    assert_eq!(entry.action, "import_archive");
    assert_eq!(
        entry.actor_id, None,
        "Hairline did it: the practice had no staff"
    );
    let what = entry.after.unwrap();
    assert_eq!(
        what["exported_at"],
        serde_json::json!(summary.exported_at.to_rfc3339())
    );
    assert_eq!(
        what["rows"],
        serde_json::json!(summary.row_counts.values().sum::<u64>())
    );
}
