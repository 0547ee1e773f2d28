//! The practice as a service, as every transport uses it: start-up policy, who is signed in,
//! one app per data folder, and commands run by name through the one dispatch.

use crate::upkeep::PausedAt;
use hairline::api::{dispatch, upkeep, NoEvents, Service, SessionHandle};
use hairline::db::data_folder::DataFolder;
use hairline::{ErrorCode, FixedClock};
use serde_json::{json, Value};
use std::sync::Arc;

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::on("2026-06-15".parse().unwrap()))
}

fn open(dir: &std::path::Path) -> Service {
    Service::open(DataFolder::new(dir).unwrap(), clock(), None)
}

/// The workstation these tests call from (each service keeps its own sign-ins).
static DESK: std::sync::LazyLock<SessionHandle> = std::sync::LazyLock::new(SessionHandle::new);

fn call(service: &Service, name: &str, request: Value) -> Result<Value, hairline::ApiError> {
    dispatch(service, &NoEvents, &DESK, name, request)
}

/// Creates the practice's owner and signs them in at [`DESK`]; answers their id.
fn sign_in_owner(service: &Service) -> Value {
    call(
        service,
        "create_owner",
        json!({"name": "Dana Whitfield", "password": crate::desk::OWNER_PASSWORD}),
    )
    .expect("the owner's account is made on first run")["staff_id"]
        .clone()
}

#[test]
fn writes_need_someone_signed_in_and_a_restart_signs_everyone_out() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    assert!(service.info().open_error.is_none());
    let client = json!({"input": {
        "first_name": "Ada", "last_name": "Quinn", "date_of_birth": null, "phone": "07700 900001",
        "email": "", "address": "", "preferred_contact": "phone", "care_reminders_consent": true,
        "marketing_consent": false, "fitzpatrick": null, "hair_loss_pattern": null,
        "indication": null, "hair_coverage": null, "hair_length": null, "contraindications": [],
        "medications": "", "allergies": "", "notes": ""
    }});
    let refused = call(&service, "create_client", client.clone()).unwrap_err();
    assert_eq!(refused.code, ErrorCode::Unauthenticated, "{refused:?}");
    let screen = call(&service, "sign_in_screen", json!({})).unwrap();
    assert_eq!(screen["needs_owner"], true);
    let owner = sign_in_owner(&service);
    call(&service, "create_client", client.clone()).expect("now attributed");
    // A second owner is never made once someone can sign in.
    let again = call(
        &service,
        "create_owner",
        json!({"name": "Mallory", "password": "another password"}),
    )
    .unwrap_err();
    assert_eq!(again.code, ErrorCode::Refused, "{again:?}");
    drop(service);
    let reopened = open(dir.path());
    let refused = call(&reopened, "create_client", client.clone()).unwrap_err();
    assert_eq!(refused.code, ErrorCode::Unauthenticated, "{refused:?}");
    call(
        &reopened,
        "sign_in",
        json!({"staff_id": owner, "password": crate::desk::OWNER_PASSWORD}),
    )
    .unwrap();
    call(&reopened, "create_client", client).expect("signed in again");
}

#[test]
fn the_first_start_of_the_day_takes_a_verified_backup() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    upkeep::at_start(&service, &NoEvents);
    assert!(service.info().open_error.is_none());
    assert!(service.info().upkeep.backup_error.is_none());
    let count = || {
        std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .count()
    };
    assert_eq!(count(), 1, "one backup taken at start");
    drop(service);
    let again = open(dir.path());
    upkeep::at_start(&again, &NoEvents);
    assert_eq!(count(), 1, "not again the same day");
}

#[test]
fn a_second_app_on_the_same_data_folder_does_not_open_a_second_practice() {
    let dir = tempfile::tempdir().unwrap();
    let first = open(dir.path());
    assert!(first.info().open_error.is_none());
    let second = open(dir.path());
    let error = second.info().open_error.expect("the second is refused");
    assert_eq!(error.code, ErrorCode::Refused);
    assert!(
        error
            .message
            .contains("already open in another Hairline window"),
        "{error:?}"
    );
    assert_eq!(
        call(&second, "recall_counts", json!({})).unwrap_err().code,
        ErrorCode::Refused
    );
    drop(second);
    drop(first);
    let third = open(dir.path());
    assert!(
        third.info().open_error.is_none(),
        "free again once the first closes"
    );
}

#[test]
fn an_unknown_command_is_a_bad_request_and_an_unreadable_field_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    sign_in_owner(&service);
    let unknown = call(&service, "drop_everything", json!({})).unwrap_err();
    assert_eq!(unknown.code, ErrorCode::BadRequest);
    assert!(unknown.message.contains("drop_everything"));
    let unreadable = call(&service, "get_client", json!({"id": 7})).unwrap_err();
    assert_eq!(
        (unreadable.code, unreadable.field.as_deref()),
        (ErrorCode::Validation, Some("id"))
    );
    let missing = call(&service, "get_client", json!({})).unwrap_err();
    assert_eq!(missing.field.as_deref(), Some("id"));
    assert_eq!(missing.message, "id is required");
    // A pigment lot without its expiry date names the field inside the form.
    let blank_date = call(
        &service,
        "add_pigment_lot",
        json!({"pigment_id": "0198a1b2-0000-7000-8000-000000000000",
               "input": {"lot_number": "L1", "expires_on": "", "opened_on": null}}),
    )
    .unwrap_err();
    assert_eq!(
        (
            blank_date.code,
            blank_date.field.as_deref(),
            blank_date.message.as_str()
        ),
        (
            ErrorCode::Validation,
            Some("expires_on"),
            "expires_on is required"
        )
    );
    // A choice left unmade (null) is required, never read as a value.
    let no_method = call(
        &service,
        "log_contact",
        json!({"recall_id": "0198a1b2-0000-7000-8000-000000000000",
               "input": {"method": null, "outcome": "no_answer", "note": ""}}),
    )
    .unwrap_err();
    assert_eq!(
        (
            no_method.code,
            no_method.field.as_deref(),
            no_method.message.as_str()
        ),
        (ErrorCode::Validation, Some("method"), "method is required")
    );
    // Where the form has other fields, the unmade choice is named with their problems.
    let no_role = call(
        &service,
        "create_staff",
        json!({"input": {"name": " ", "role": null}}),
    )
    .unwrap_err();
    let named: Vec<(String, String)> = no_role
        .problems
        .unwrap_or_default()
        .into_iter()
        .map(|p| (p.field, p.message))
        .collect();
    assert_eq!(
        named,
        [
            ("name".to_owned(), "Name is required".to_owned()),
            (
                "role".to_owned(),
                "Role: choose what this person does here".to_owned()
            ),
        ]
    );
}

/// Every command of the table: a request missing its fields is answered with a validation
/// error naming one of them (never an unreadable-request error naming none).
#[test]
fn every_command_names_the_field_a_request_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    sign_in_owner(&service);
    for command in hairline::api::COMMANDS {
        let fields = (command.request_fields)();
        if fields.is_empty() {
            continue;
        }
        match call(&service, command.name, json!({})) {
            Err(error) if error.code == ErrorCode::Validation => {
                let field = error.field.clone().unwrap_or_default();
                assert!(
                    fields.contains(&field.as_str()),
                    "{}: names {field:?}, not one of {fields:?}",
                    command.name
                );
            }
            other => panic!("{}: {other:?}", command.name),
        }
    }
}

#[test]
fn exports_go_to_the_export_folder_and_never_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let downloads = tempfile::tempdir().unwrap();
    let service = Service::open(
        DataFolder::new(dir.path()).unwrap(),
        clock(),
        Some(downloads.path().to_path_buf()),
    );
    sign_in_owner(&service);
    let first = call(&service, "export_practice", json!({})).unwrap();
    let second = call(&service, "export_practice", json!({})).unwrap();
    let (first, second) = (first[0].as_str().unwrap(), second[0].as_str().unwrap());
    assert!(
        first.starts_with(downloads.path().to_str().unwrap()),
        "{first}"
    );
    assert_ne!(
        first, second,
        "the second export does not replace the first"
    );
    assert!(second.ends_with(" (2).json"), "{second}");
}

/// Dates chrono reads but no rule can compute with (`+262142-12-31`) are refused at the door,
/// naming the field, and the practice goes on working.
#[test]
fn extreme_dates_are_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    sign_in_owner(&service);
    let staff = call(
        &service,
        "create_staff",
        json!({"input": {"name": "Dana Whitfield", "role": "practitioner"}}),
    )
    .unwrap();
    let calendar = json!({"query": {"from": "+262142-12-31", "days": 7, "site_id": null,
        "practitioner_id": null, "include_cancelled": false}});
    for (name, request, field) in [
        ("calendar", calendar.clone(), "from"),
        ("export_calendar_ics", calendar, "from"),
        (
            "practitioner_day",
            json!({"practitioner_id": staff["id"], "day": "-0001-01-01"}),
            "day",
        ),
        (
            "snooze_recall",
            json!({"recall_id": "0198a1b2-0000-7000-8000-000000000000", "until": "12026-01-01"}),
            "until",
        ),
    ] {
        let error = call(&service, name, request).unwrap_err();
        assert_eq!(
            (error.code, error.field.as_deref()),
            (ErrorCode::Validation, Some(field)),
            "{name}: {error:?}"
        );
    }
    let ordinary = json!({"query": {"from": "2026-06-15", "days": 7, "site_id": null,
        "practitioner_id": null, "include_cancelled": false}});
    call(&service, "calendar", ordinary).expect("the practice still answers");
}

/// The data folder holds health data: what Hairline creates is owner-only, and a folder an
/// older version left readable by others is narrowed, with everything in it, when opened.
#[cfg(unix)]
#[test]
fn the_data_folder_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("clinic");
    std::fs::create_dir(&root).unwrap();
    std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
    let old = root.join("notes.txt");
    std::fs::write(&old, "left by an older version").unwrap();
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
    hairline::db::private_files::create_files_privately();
    let service = open(&root);
    upkeep::at_start(&service, &NoEvents);
    assert!(service.info().open_error.is_none());
    assert_eq!(mode(&root), 0o700);
    assert_eq!(mode(&old), 0o600);
    assert_eq!(mode(&root.join("hairline.sqlite")), 0o600);
    let backups = root.join("backups");
    assert_eq!(mode(&backups), 0o700);
    for backup in std::fs::read_dir(&backups).unwrap() {
        assert_eq!(mode(&backup.unwrap().path()), 0o600);
    }
}

/// Closing the app while a backup runs: the shutdown cancels it and returns only once it has
/// stopped and removed its partial file; the backups folder is as it was, and a backup asked
/// for afterwards is cancelled at once.
#[test]
fn shutting_down_cancels_a_running_backup_and_waits_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    upkeep::at_start(&service, &NoEvents);
    sign_in_owner(&service);
    service
        .with_practice(|p| {
            p.generate_demo(hairline::DemoSpec {
                clients: 1500,
                sessions: 4500,
                seed: 1,
            })
        })
        .unwrap();
    let backups = service.folder().backups();
    let names = || {
        let mut names: Vec<String> = std::fs::read_dir(&backups)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = names();
    let (started_tx, started) = std::sync::mpsc::channel();
    let (go, go_rx) = std::sync::mpsc::channel();
    let events = PausedAt::new(hairline::api::BACKUP_PROGRESS, started_tx, go_rx);
    let reply = std::thread::scope(|s| {
        let backup = s.spawn(|| dispatch(&service, &events, &DESK, "back_up_now", json!({})));
        started.recv().unwrap();
        assert!(
            names().iter().any(|n| n.ends_with(".partial")),
            "the copy is under way"
        );
        let shutdown = s.spawn(|| service.shut_down());
        while !service.shutting_down() {
            std::thread::yield_now();
        }
        go.send(()).unwrap();
        shutdown.join().unwrap();
        // The shutdown returned: the backup had already stopped and cleaned up.
        assert_eq!(names(), before);
        backup.join().unwrap()
    });
    let error = reply.unwrap_err();
    assert!(error.message.contains("cancelled"), "{error:?}");
    let after = call(&service, "back_up_now", json!({})).unwrap_err();
    assert!(after.message.contains("cancelled"), "{after:?}");
    assert_eq!(names(), before);
}

/// A request of each shape whose fields hold numbers, days or time zones; the ids need not exist
/// (every change below is refused before they are looked up).
fn samples() -> Vec<(&'static str, Value)> {
    let id = "0198a1b2-0000-7000-8000-000000000000";
    vec![
        (
            "create_site",
            json!({"input": {"name": "Leeds", "address": "", "time_zone": "Europe/London",
                "hours": [{"weekday": "mon", "opens": "09:00:00", "closes": "18:00:00"}]}}),
        ),
        (
            "create_plan",
            json!({"input": {"client_id": id, "areas": ["crown"], "hairline_style": null,
                "desired_look": "shaved_buzz", "target_pigment_id": null, "planned_sessions": 3,
                "spacing_days": 14, "touch_up_interval_months": 24, "notes": ""}}),
        ),
        (
            "record_session",
            json!({"input": {"plan_id": id, "number": 2, "performed_on": "2026-06-01",
                "practitioner_id": id, "duration_minutes": 120, "skin_reaction": null,
                "pain_score": 3, "notes": "", "zones": [{"zone": "crown", "needle_id": id,
                "cartridge_lot": "C1", "depth_mm": 1.0, "target_layer": "", "angle_deg": 45.0,
                "machine_speed": 100.0, "stroke_mm": 3.0, "pigment_lot_id": id,
                "dilution": "1:2", "density": "medium"}]}}),
        ),
        (
            "book_appointment",
            json!({"input": {"site_id": id, "client_id": id, "practitioner_id": id,
                "kind": "plan_session", "starts_local": "2026-06-22T10:00:00",
                "duration_minutes": 60, "plan_id": id, "session_number": 2, "notes": ""}}),
        ),
        (
            "calendar",
            json!({"query": {"from": "2026-06-15", "days": 7, "site_id": null,
                "practitioner_id": null, "include_cancelled": false}}),
        ),
        (
            "list_clients",
            json!({"filter": "active", "offset": 0, "limit": 20}),
        ),
    ]
}

/// Every leaf of `value` with its form path (`zones[0].depth_mm`, without the request's wrapper).
fn leaves(value: &Value, path: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(fields) => {
            for (key, item) in fields {
                let inner = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                leaves(item, inner, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                leaves(item, format!("{path}[{i}]"), out);
            }
        }
        leaf => out.push((path, leaf.clone())),
    }
}

/// `request` with the leaf at `path` replaced by `value`.
fn replaced(request: &Value, path: &str, value: Value) -> Value {
    let mut request = request.clone();
    let mut at = &mut request;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        at = &mut at[key];
        if let Some(i) = index {
            at = &mut at[i];
        }
    }
    *at = value;
    request
}

/// Hostile values in every field that holds a number, a day or a time zone — numbers no field
/// can hold (±1e308, u32::MAX + 1, i64::MAX), days outside the years 0–9999, zones that do not
/// exist — are refused as validation errors naming that field: no panic, nothing written.
#[test]
fn extreme_numbers_days_and_zones_are_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    sign_in_owner(&service);
    let numbers = [
        json!(1e308),
        json!(-1e308),
        json!(u64::from(u32::MAX) + 1),
        json!(i64::MAX),
    ];
    let mut tried = 0;
    for (name, request) in samples() {
        assert!(hairline::api::command(name).is_some(), "{name}");
        let mut found = Vec::new();
        leaves(&request, String::new(), &mut found);
        for (path, leaf) in found {
            let field = path.split_once('.').map_or(path.as_str(), |(_, f)| f);
            let hostile: Vec<Value> = match &leaf {
                Value::Number(_) => numbers.to_vec(),
                Value::String(_) if path.ends_with("time_zone") => {
                    vec![json!("Mars/Olympus"), json!("")]
                }
                Value::String(s) if s.len() >= 10 && s.as_bytes()[4] == b'-' => {
                    let rest = &s[10..];
                    vec![
                        json!(format!("+262142-12-31{rest}")),
                        json!(format!("-0001-01-01{rest}")),
                    ]
                }
                _ => continue,
            };
            for value in hostile {
                let shown = value.to_string();
                let error = call(&service, name, replaced(&request, &path, value))
                    .expect_err(&format!("{name} {path} = {shown} was accepted"));
                assert_eq!(
                    (error.code, error.field.as_deref()),
                    (ErrorCode::Validation, Some(field)),
                    "{name} {path} = {shown}: {error:?}"
                );
                tried += 1;
            }
        }
    }
    assert!(tried > 40, "{tried} hostile values tried");
    let written = call(
        &service,
        "list_clients",
        json!({"filter": "all", "offset": 0, "limit": 5}),
    )
    .unwrap();
    assert_eq!(written["total"], json!(0), "nothing was written: {written}");
}

/// A panic in one command (here forced inside the practice's lock) never takes the practice
/// down: the next command finds it open and working.
#[test]
fn a_panic_in_one_command_leaves_the_practice_working() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ =
            service.with_practice(|_| -> hairline::Result<()> { panic!("a bug in one command") });
    }));
    assert!(crashed.is_err(), "the forced panic happened");
    sign_in_owner(&service);
    let staff = call(
        &service,
        "create_staff",
        json!({"input": {"name": "Dana Reyes", "role": "practitioner"}}),
    );
    assert!(staff.is_ok(), "{staff:?}");
    assert_eq!(
        call(&service, "list_staff", json!({"include_inactive": false}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        2,
        "the owner and Dana"
    );
}
