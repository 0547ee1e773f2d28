//! Signing in, throttling, roles and signing bound to the signer — through the command table,
//! as a window or a clinic server calls it, on a real data folder with the clock in hand.

use crate::desk::{Desk, OWNER_PASSWORD, STAFF_PASSWORD};
use crate::support::{problem_fields, Clinic, SIGNATURE};
use hairline::access::roles;
use hairline::api::{Permission, Service, COMMANDS};
use hairline::db::data_folder::DataFolder;
use hairline::vocab::StaffRole;
use hairline::{ErrorCode, FixedClock, Session};
use serde_json::{json, Value};
use std::sync::Arc;

/// A clinic's data folder holding the support clinic (Dana Whitfield, practitioner, with a
/// client, a plan and session 1 recorded as a draft), opened as the app opens it.
struct Practice {
    _dir: tempfile::TempDir,
    clock: Arc<FixedClock>,
    service: Service,
    session: Session,
    dana: Value,
}

fn practice() -> Practice {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    let session = clinic.record(plan.id, 1, "2026-06-01");
    clinic.practice.checkpoint().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(clinic.path(), dir.path().join("hairline.sqlite")).unwrap();
    let clock = clinic.clock.clone();
    let service = Service::open(DataFolder::new(dir.path()).unwrap(), clock.clone(), None);
    assert!(service.info().open_error.is_none());
    let dana = json!(clinic.practitioner.id);
    Practice {
        _dir: dir,
        clock,
        service,
        session,
        dana,
    }
}

/// The owner's desk, and a setup code they issued Dana, not used yet.
fn owner_and_danas_code(p: &Practice) -> (Desk<'_>, Value) {
    let (owner, _) = Desk::owner(&p.service, "Olive Owner");
    let code = owner
        .call("issue_setup_code", json!({"id": p.dana}))
        .unwrap()["code"]
        .clone();
    (owner, code)
}

/// The owner's desk, and Dana's (who chose her password with a setup code).
fn desks(p: &Practice) -> (Desk<'_>, Desk<'_>) {
    let (owner, code) = owner_and_danas_code(p);
    let dana = Desk::new(&p.service);
    dana.call(
        "redeem_setup_code",
        json!({"staff_id": p.dana, "code": code, "password": STAFF_PASSWORD}),
    )
    .unwrap();
    (owner, dana)
}

/// The id of the active staff member called `name`, from the sign-in screen.
fn id_of(desk: &Desk<'_>, name: &str) -> Value {
    let screen = desk.call("sign_in_screen", json!({})).unwrap();
    screen["staff"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("{name} on the sign-in screen"))["id"]
        .clone()
}

/// `desk`'s person sets `pin`, confirming with their password.
fn set_pin(desk: &Desk<'_>, pin: &str) {
    desk.call("set_pin", json!({"password": STAFF_PASSWORD, "pin": pin}))
        .unwrap();
}

fn code_of(reply: Result<Value, hairline::ApiError>) -> ErrorCode {
    reply.expect_err("refused").code
}

/// Every command of the table, for every role: a caller without the command's permission is
/// refused as `forbidden` naming it, before the request is even read; one with it gets past the
/// door (to its own validation). Nobody signed in gets `unauthenticated` for all but `open`.
#[test]
fn the_permission_table_holds_for_every_command_and_every_role() {
    let p = practice();
    let (owner, _) = desks(&p);
    let (pat, _) = owner.add_staff("Pat Practitioner", "practitioner");
    let (rita, _) = owner.add_staff("Rita Reception", "front_desk");
    let at_desk = [
        (StaffRole::Manager, &owner),
        (StaffRole::Practitioner, &pat),
        (StaffRole::FrontDesk, &rita),
    ];
    let nobody = Desk::new(&p.service);
    for command in COMMANDS {
        if command.permission == Permission::Open {
            continue;
        }
        assert_eq!(
            code_of(nobody.call(command.name, json!({}))),
            ErrorCode::Unauthenticated,
            "{}",
            command.name
        );
        for (role, desk) in &at_desk {
            let reply = desk.call(command.name, json!({}));
            let refused = reply
                .as_ref()
                .err()
                .filter(|e| e.code == ErrorCode::Forbidden);
            if roles::permits(*role, command.permission) {
                assert!(
                    refused.is_none(),
                    "{}: {role:?} may, but was refused: {reply:?}",
                    command.name
                );
            } else {
                let refused = refused.unwrap_or_else(|| {
                    panic!("{}: {role:?} may not, but got {reply:?}", command.name)
                });
                assert!(
                    refused.message.contains(&command.permission.code()),
                    "{}: {}",
                    command.name,
                    refused.message
                );
            }
        }
    }
}

/// Five wrong passwords are free; then each attempt waits (30 s, then doubling), the wait is
/// the core's (the right password is refused meanwhile) and survives a restart.
#[test]
fn wrong_passwords_are_throttled_by_the_core_across_a_restart() {
    let Practice {
        _dir,
        clock,
        service,
        ..
    } = practice();
    let folder = service.folder().clone();
    let owner_id = {
        let (_, owner_id) = Desk::owner(&service, "Olive Owner");
        let desk = Desk::new(&service);
        let sign_in = |password: &str| {
            desk.call(
                "sign_in",
                json!({"staff_id": owner_id, "password": password}),
            )
        };
        // A blank password is named and never tried: it counts toward no wait.
        for blank in ["", "   "] {
            let untried = sign_in(blank).unwrap_err();
            assert_eq!(
                (untried.field.as_deref(), untried.message.as_str()),
                (Some("password"), "Type your password")
            );
        }
        for attempt in 1..=4 {
            let wrong = sign_in("not the password").unwrap_err();
            assert_eq!(
                (wrong.code, wrong.field.as_deref()),
                (ErrorCode::Validation, Some("password")),
                "attempt {attempt}"
            );
        }
        let fifth = sign_in("not the password").unwrap_err();
        assert_eq!(
            (fifth.code, fifth.wait_seconds),
            (ErrorCode::TooManyAttempts, Some(30))
        );
        assert!(fifth.message.contains("30 seconds"), "{}", fifth.message);
        // The right password waits too.
        let waiting = sign_in(OWNER_PASSWORD).unwrap_err();
        assert_eq!(waiting.code, ErrorCode::TooManyAttempts);
        owner_id
    };
    // A restart does not clear it.
    clock.advance(chrono::Duration::seconds(10));
    drop(service);
    let service = Service::open(folder, clock.clone(), None);
    let desk = Desk::new(&service);
    let after_restart = desk
        .call(
            "sign_in",
            json!({"staff_id": owner_id, "password": OWNER_PASSWORD}),
        )
        .unwrap_err();
    assert_eq!(
        (after_restart.code, after_restart.wait_seconds),
        (ErrorCode::TooManyAttempts, Some(20))
    );
    clock.advance(chrono::Duration::seconds(20));
    let sixth = desk
        .call(
            "sign_in",
            json!({"staff_id": owner_id, "password": "still wrong"}),
        )
        .unwrap_err();
    assert_eq!(sixth.wait_seconds, Some(60), "the wait doubles");
    clock.advance(chrono::Duration::seconds(60));
    desk.call(
        "sign_in",
        json!({"staff_id": owner_id, "password": OWNER_PASSWORD}),
    )
    .expect("after the wait, the right password signs in");
    // A success clears the count: one wrong password is free again.
    let desk2 = Desk::new(&service);
    let wrong = desk2
        .call(
            "sign_in",
            json!({"staff_id": owner_id, "password": "wrong again"}),
        )
        .unwrap_err();
    assert_eq!(wrong.code, ErrorCode::Validation);
    let trail = service
        .with_practice(|p| p.audit_trail(&owner_id.as_str().unwrap()))
        .unwrap();
    let failures = trail
        .iter()
        .filter(|e| e.action == "sign_in_failed")
        .count();
    assert_eq!(
        failures, 7,
        "every wrong attempt is audited, and no blank one"
    );
}

/// Signing needs the signer's own PIN or password at that moment; only the session's
/// practitioner signs; the signer's name and role are frozen into the record.
#[test]
fn signing_needs_the_signers_own_pin_and_freezes_their_name() {
    let p = practice();
    let (owner, dana) = desks(&p);
    let sign = |desk: &Desk<'_>, credential: Value| {
        desk.call(
            "sign_session",
            json!({"id": p.session.id, "credential": credential}),
        )
    };
    // A PIN is set with the password, 4 to 8 digits.
    let bad_pin = dana
        .call(
            "set_pin",
            json!({"password": STAFF_PASSWORD, "pin": "12a4"}),
        )
        .unwrap_err();
    assert_eq!(bad_pin.field.as_deref(), Some("pin"));
    set_pin(&dana, "4826");
    // The owner is signed in, but it is not their session.
    let not_theirs = sign(&owner, json!({"password": OWNER_PASSWORD})).unwrap_err();
    assert_eq!(not_theirs.code, ErrorCode::Forbidden, "{not_theirs:?}");
    assert!(not_theirs.message.contains("Dana Whitfield"));
    // Being signed in is not enough: the PIN must be right now.
    let wrong = sign(&dana, json!({"pin": "1111"})).unwrap_err();
    assert_eq!(
        (wrong.code, wrong.field.as_deref()),
        (ErrorCode::Validation, Some("pin"))
    );
    let signed: Session =
        serde_json::from_value(sign(&dana, json!({"pin": "4826"})).unwrap()).unwrap();
    assert_eq!(signed.signed_by_name.as_deref(), Some("Dana Whitfield"));
    assert_eq!(signed.signed_by_role, Some(StaffRole::Practitioner));
    // A later rename and role change never alter what the signature shows.
    let staff = owner
        .call("list_staff", json!({"include_inactive": true}))
        .unwrap();
    let version = staff
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == p.dana)
        .unwrap()["version"]
        .clone();
    owner
        .call(
            "update_staff",
            json!({"id": p.dana, "version": version,
                   "input": {"name": "Dana Smith", "role": "manager"}}),
        )
        .unwrap();
    let again: Session = serde_json::from_value(
        owner
            .call("get_session", json!({"id": p.session.id}))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(again.signed_by_name.as_deref(), Some("Dana Whitfield"));
    assert_eq!(again.signed_by_role, Some(StaffRole::Practitioner));
    // An amendment needs the author's password or PIN now, and freezes their name too.
    let amend = |credential: Value| {
        dana.call(
            "amend_session",
            json!({"id": p.session.id, "text": "Crown depth was 0.7 mm.", "credential": credential}),
        )
    };
    assert_eq!(
        code_of(amend(json!({"password": "not my password"}))),
        ErrorCode::Validation
    );
    let amendment = amend(json!({"password": STAFF_PASSWORD})).unwrap();
    assert_eq!(amendment["author_name"], "Dana Smith");
    assert_eq!(amendment["author_role"], "manager");
}

/// A consent's countersigner is the person signed in, proven at that moment; the command-line
/// tool cannot sign.
#[test]
fn a_consent_is_countersigned_by_the_person_signed_in_with_their_pin() {
    let p = practice();
    let (_, dana) = desks(&p);
    set_pin(&dana, "4826");
    let templates = dana.call("consent_templates", json!({})).unwrap();
    let photo = templates
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["kind"] == "photo")
        .unwrap()
        .clone();
    let input = json!({
        "client_id": p.session.client_id, "template_version_id": photo["version_id"],
        "answers": [], "photo_choices": {"clinical": true, "marketing": false},
        "client_signature": SIGNATURE, "practitioner_signature": SIGNATURE,
    });
    let wrong = dana
        .call(
            "sign_consent",
            json!({"input": input, "credential": {"pin": "0000"}}),
        )
        .unwrap_err();
    assert_eq!(wrong.field.as_deref(), Some("pin"));
    let consent = dana
        .call(
            "sign_consent",
            json!({"input": input, "credential": {"pin": "4826"}}),
        )
        .unwrap();
    assert_eq!(consent["practitioner_id"], p.dana);
    assert_eq!(consent["practitioner_name"], "Dana Whitfield");
    assert_eq!(consent["practitioner_role"], "practitioner");
}

/// A PIN opens only a workstation where its owner signed in with their password today; a
/// deactivated account cannot sign in at all; a reset makes the old password useless.
#[test]
fn pins_work_where_the_password_was_used_today_and_deactivation_and_resets_hold() {
    let p = practice();
    let (owner, dana) = desks(&p);
    set_pin(&dana, "4826");
    let pin = |desk: &Desk<'_>| {
        desk.call(
            "sign_in_with_pin",
            json!({"staff_id": p.dana, "pin": "4826"}),
        )
    };
    pin(&Desk::new(&p.service)).expect("a PIN works here today");
    p.clock.advance(chrono::Duration::days(1));
    let tomorrow = pin(&Desk::new(&p.service)).unwrap_err();
    assert_eq!(tomorrow.field.as_deref(), Some("pin"));
    assert!(tomorrow.message.contains("password today"), "{tomorrow:?}");
    // A day idle locked the owner's desk too.
    owner
        .call(
            "sign_in",
            json!({"staff_id": id_of(&owner, "Olive Owner"), "password": OWNER_PASSWORD}),
        )
        .unwrap();

    // A reset: a new code, and the old password no longer works.
    owner
        .call("issue_setup_code", json!({"id": p.dana}))
        .unwrap();
    let old = Desk::new(&p.service)
        .call(
            "sign_in",
            json!({"staff_id": p.dana, "password": STAFF_PASSWORD}),
        )
        .unwrap_err();
    assert!(old.message.contains("no password yet"), "{old:?}");
    // Deactivated: refused at sign-in, and a session already open stops working.
    owner
        .call("set_staff_active", json!({"id": p.dana, "active": false}))
        .unwrap();
    let refused = Desk::new(&p.service)
        .call(
            "sign_in",
            json!({"staff_id": p.dana, "password": STAFF_PASSWORD}),
        )
        .unwrap_err();
    assert!(refused.message.contains("deactivated"), "{refused:?}");
    assert_eq!(
        code_of(dana.call("list_staff", json!({"include_inactive": false}))),
        ErrorCode::Unauthenticated
    );
    // Her signed records stay hers (nothing was signed here, but the draft stays attributed).
    let session = owner
        .call("get_session", json!({"id": p.session.id}))
        .unwrap();
    assert_eq!(session["practitioner_id"], p.dana);
}

/// The workstation locks itself after the clinic's idle time, whatever the window does; the
/// same person's PIN unlocks it and gets back the form they had not saved; someone else's
/// sign-in switches user and does not.
#[test]
fn an_idle_workstation_locks_and_only_its_owner_gets_the_unsaved_form_back() {
    let p = practice();
    let (owner, dana) = desks(&p);
    set_pin(&dana, "4826");
    p.clock.advance(chrono::Duration::minutes(6));
    let idle = dana.call("list_staff", json!({"include_inactive": false}));
    assert_eq!(code_of(idle), ErrorCode::Unauthenticated);
    let screen = dana.call("sign_in_screen", json!({})).unwrap();
    assert_eq!(screen["locked_by"]["id"], p.dana);
    assert!(screen["signed_in"].is_null());
    let back = dana
        .call(
            "sign_in_with_pin",
            json!({"staff_id": p.dana, "pin": "4826"}),
        )
        .unwrap();
    assert!(
        back["unsaved_form"].is_null(),
        "an idle lock stashes nothing"
    );

    dana.call(
        "lock_workstation",
        json!({"unsaved_form": "{\"notes\":\"half-written\"}"}),
    )
    .unwrap();
    assert_eq!(
        code_of(dana.call("list_staff", json!({"include_inactive": false}))),
        ErrorCode::Unauthenticated
    );
    let back = dana
        .call(
            "sign_in_with_pin",
            json!({"staff_id": p.dana, "pin": "4826"}),
        )
        .unwrap();
    assert_eq!(back["unsaved_form"], "{\"notes\":\"half-written\"}");

    dana.call(
        "lock_workstation",
        json!({"unsaved_form": "{\"notes\":\"half-written\"}"}),
    )
    .unwrap();
    let owner_id = id_of(&owner, "Olive Owner");
    let switched = dana
        .call(
            "sign_in",
            json!({"staff_id": owner_id, "password": OWNER_PASSWORD}),
        )
        .unwrap();
    assert!(switched["unsaved_form"].is_null(), "{switched}");
    let actions: Vec<String> = p
        .service
        .with_practice(|pr| pr.audit_trail(&p.dana.as_str().unwrap()))
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for expected in [
        "setup_code_issued",
        "password_set",
        "pin_set",
        "lock",
        "unlock",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} in {actions:?}"
        );
    }
}

/// The front desk sees contact details and may record a new client's, but nothing clinical.
#[test]
fn the_front_desk_works_with_contact_details_only() {
    let p = practice();
    let (owner, _) = desks(&p);
    let (front, _) = owner.add_staff("Rita Reception", "front_desk");
    let client = p.session.client_id;
    let card = front.call("client_contact", json!({"id": client})).unwrap();
    assert_eq!(card["first_name"], "Ana");
    assert!(card.get("medications").is_none());
    assert_eq!(
        code_of(front.call("get_client", json!({"id": client}))),
        ErrorCode::Forbidden
    );
    assert_eq!(
        code_of(front.call("get_session", json!({"id": p.session.id}))),
        ErrorCode::Forbidden
    );
    let mut input = serde_json::to_value(hairline::ClientInput::named("Ben", "Hale")).unwrap();
    input["phone"] = json!("07700 900123");
    input["medications"] = json!("warfarin");
    assert_eq!(
        code_of(front.call("create_client", json!({"input": input}))),
        ErrorCode::Forbidden
    );
    input["medications"] = json!("");
    front
        .call("create_client", json!({"input": input}))
        .expect("contact details only");
    // A contact edit keeps the clinical record as it was.
    let before = owner.call("get_client", json!({"id": client})).unwrap();
    let edited = front
        .call(
            "update_client_contact",
            json!({"id": client, "version": card["version"], "input": {
                "first_name": "Ana", "last_name": "Lopez", "date_of_birth": card["date_of_birth"],
                "phone": "07700 900999", "email": card["email"], "address": card["address"],
                "preferred_contact": card["preferred_contact"],
                "care_reminders_consent": card["care_reminders_consent"],
                "marketing_consent": card["marketing_consent"]
            }}),
        )
        .unwrap();
    assert_eq!(edited["phone"], "07700 900999");
    let after = owner.call("get_client", json!({"id": client})).unwrap();
    for clinical in [
        "contraindications",
        "medications",
        "allergies",
        "notes",
        "fitzpatrick",
    ] {
        assert_eq!(before[clinical], after[clinical], "{clinical}");
    }
}

/// Passwords, PINs and setup codes never appear in the database, the audit trail, the
/// practice archive or a subject-access export.
#[test]
fn secrets_are_nowhere_in_the_files() {
    let p = practice();
    let (owner, dana) = desks(&p);
    set_pin(&dana, "482613");
    let code = owner
        .call("issue_setup_code", json!({"id": p.dana}))
        .unwrap()["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let (archive, _) = serde_json::from_value::<(String, Value)>(
        owner.call("export_practice", json!({})).unwrap(),
    )
    .unwrap();
    let record = owner
        .call(
            "export_client_record",
            json!({"client_id": p.session.client_id}),
        )
        .unwrap();
    p.service.checkpoint();
    let mut files = vec![
        p.service.folder().database(),
        archive.into(),
        record.as_str().unwrap().into(),
    ];
    files.retain(|f: &std::path::PathBuf| f.exists());
    assert_eq!(files.len(), 3);
    // Nor their hashes in what leaves the practice: a PIN's hash is guessed in minutes.
    for export in &files[1..] {
        let text = std::fs::read_to_string(export).unwrap();
        assert!(!text.contains("$argon2id$"), "{}", export.display());
    }
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        for secret in [
            OWNER_PASSWORD,
            STAFF_PASSWORD,
            "482613",
            &code,
            &code.replace('-', ""),
        ] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{secret:?} found in {}",
                file.display()
            );
        }
    }
}

/// Nobody changes their own role or deactivates themselves, and the practice always keeps a
/// manager who can sign in.
#[test]
fn a_manager_cannot_demote_themselves_or_leave_the_practice_without_one() {
    let p = practice();
    let (owner, dana) = desks(&p);
    let owner_id = id_of(&owner, "Olive Owner");
    let staff = |id: &Value| {
        owner
            .call("list_staff", json!({"include_inactive": true}))
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .find(|s| &s["id"] == id)
            .unwrap()
            .clone()
    };
    let set_role = |desk: &Desk<'_>, id: &Value, name: &str, role: &str| {
        desk.call(
            "update_staff",
            json!({"id": id, "version": staff(id)["version"],
                   "input": {"name": name, "role": role}}),
        )
    };
    let own = set_role(&owner, &owner_id, "Olive Owner", "practitioner").unwrap_err();
    assert_eq!(own.code, ErrorCode::Refused, "{own:?}");
    let own = owner
        .call("set_staff_active", json!({"id": owner_id, "active": false}))
        .unwrap_err();
    assert_eq!(own.code, ErrorCode::Refused, "{own:?}");
    // With Dana a manager too, she may make the owner a practitioner — and then she is the last
    // manager: the former owner lacks the permission, she may not demote herself, and even the
    // command-line tool may not leave the practice without a manager.
    set_role(&owner, &p.dana, "Dana Whitfield", "manager").unwrap();
    set_role(&dana, &owner_id, "Olive Owner", "practitioner").unwrap();
    assert_eq!(
        code_of(set_role(&owner, &p.dana, "Dana Whitfield", "practitioner")),
        ErrorCode::Forbidden
    );
    let herself = set_role(&dana, &p.dana, "Dana Whitfield", "practitioner").unwrap_err();
    assert_eq!(herself.code, ErrorCode::Refused, "{herself:?}");
    let dana_id: hairline::ids::StaffId = serde_json::from_value(p.dana.clone()).unwrap();
    let last = p
        .service
        .with_practice(|pr| pr.set_staff_active(hairline::Actor::CommandLine, dana_id, false))
        .unwrap_err();
    assert!(last.message.contains("only manager"), "{last:?}");
}

/// The sign-in screen gives the sample password only while the practice holds the sample clinic
/// (it is how the sample's staff sign in), to every window, and never for a real clinic.
#[test]
fn the_sample_password_shows_only_for_the_sample_clinic() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::on(crate::support::day("2026-06-15")));
    let service = Service::open(DataFolder::new(dir.path()).unwrap(), clock, None);
    let (owner, _) = Desk::owner(&service, "Olive Owner");
    let screen = owner.call("sign_in_screen", json!({})).unwrap();
    assert!(screen["sample_password"].is_null(), "a new clinic");
    owner.call("load_demo_clinic", json!({})).unwrap();
    let other_window = Desk::new(&service);
    let screen = other_window.call("sign_in_screen", json!({})).unwrap();
    assert_eq!(
        screen["sample_password"],
        json!(hairline::demo::SAMPLE_PASSWORD)
    );
}

/// The owner's form is refused with every problem at once — the name and the password each
/// named — and nothing is created.
#[test]
fn the_owners_form_names_every_problem_at_once_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::on(crate::support::day("2026-06-15")));
    let service = Service::open(DataFolder::new(dir.path()).unwrap(), clock, None);
    let desk = Desk::new(&service);
    let fields_refused = |request: serde_json::Value| -> Vec<String> {
        problem_fields(&desk.call("create_owner", request).unwrap_err())
    };
    assert_eq!(
        fields_refused(json!({"name": "  ", "password": "short"})),
        ["name", "password"]
    );
    // With the password typed again differently, that is named too, in the same answer.
    assert_eq!(
        fields_refused(json!({"name": "  ", "password": "short", "repeat": "shorter"})),
        ["name", "password", "repeat"]
    );
    // A good password typed again differently is refused on its own: no owner is created.
    let refused = desk
        .call(
            "create_owner",
            json!({"name": "Olive Oduya", "password": "pigment and patience", "repeat": "pigment and patiense"}),
        )
        .unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("repeat"), "{refused:?}");
    let screen = desk.call("sign_in_screen", json!({})).unwrap();
    assert_eq!(screen["needs_owner"], json!(true));
}

/// A first password chosen with a setup code, a changed password and a new PIN are each refused
/// with every problem of their form at once (the secret typed again among them), before anything
/// is tried: a blank setup code or current password is named, not counted as a wrong one.
#[test]
fn the_setup_code_password_and_pin_forms_name_every_problem_at_once() {
    let p = practice();
    let (_owner, code) = owner_and_danas_code(&p);
    let dana = Desk::new(&p.service);
    let redeem = |request: Value| dana.call("redeem_setup_code", request);
    assert_eq!(
        problem_fields(
            &redeem(
                json!({"staff_id": p.dana, "code": " ", "password": "short", "repeat": "shorter"})
            )
            .unwrap_err()
        ),
        ["code", "password", "repeat"]
    );
    // A good password typed again differently is refused on its own, and the code still works.
    let differing = redeem(json!({"staff_id": p.dana, "code": code, "password": STAFF_PASSWORD, "repeat": "something else"}))
        .unwrap_err();
    assert_eq!(problem_fields(&differing), ["repeat"]);
    redeem(json!({"staff_id": p.dana, "code": code, "password": STAFF_PASSWORD, "repeat": STAFF_PASSWORD}))
        .expect("the same code, with the password typed the same twice");

    let change = |request: Value| dana.call("change_password", request);
    let all_wrong =
        change(json!({"current_password": "", "new_password": "short", "repeat": "shorter"}))
            .unwrap_err();
    let messages: Vec<String> = all_wrong
        .problems
        .clone()
        .unwrap_or_default()
        .into_iter()
        .map(|p| p.message)
        .collect();
    assert_eq!(
        problem_fields(&all_wrong),
        ["current_password", "new_password", "repeat"]
    );
    assert_eq!(messages[0], "Type your current password");
    assert_eq!(messages[2], "The two passwords are not the same");
    let differing = change(json!({"current_password": STAFF_PASSWORD, "new_password": "a brand new passphrase", "repeat": "a brand new pasphrase"}))
        .unwrap_err();
    assert_eq!(problem_fields(&differing), ["repeat"]);
    let blank_current = change(json!({"current_password": "", "new_password": "a brand new passphrase", "repeat": "a brand new passphrase"}))
        .unwrap_err();
    assert_eq!(problem_fields(&blank_current), ["current_password"]);

    let set_pin = |request: Value| dana.call("set_pin", request);
    let all_wrong = set_pin(json!({"pin": "12a", "repeat": "1234", "password": " "})).unwrap_err();
    assert_eq!(problem_fields(&all_wrong), ["pin", "repeat", "password"]);
    let differing =
        set_pin(json!({"pin": "4826", "repeat": "4862", "password": STAFF_PASSWORD})).unwrap_err();
    assert_eq!(problem_fields(&differing), ["repeat"]);
    let screen = dana.call("sign_in_screen", json!({})).unwrap();
    assert_eq!(
        screen["signed_in"]["has_pin"],
        json!(false),
        "no PIN was set"
    );

    // None of the blank secrets counted: four wrong passwords still go by without a wait.
    for attempt in 1..=4 {
        let wrong = change(json!({"current_password": "not my password", "new_password": "a brand new passphrase"}))
            .unwrap_err();
        assert_eq!(
            wrong.code,
            ErrorCode::Validation,
            "attempt {attempt}: {wrong:?}"
        );
    }
    // And the password never changed.
    Desk::new(&p.service)
        .call(
            "sign_in",
            json!({"staff_id": p.dana, "password": STAFF_PASSWORD}),
        )
        .expect("Dana's password is the one she chose with the code");
}
