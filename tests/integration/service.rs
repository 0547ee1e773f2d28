//! The practice as a service, as every transport uses it: start-up policy, who is working,
//! one app per data folder, and commands run by name through the one dispatch.

use hairline::api::{dispatch, NoEvents, Service};
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

fn call(service: &Service, name: &str, request: Value) -> Result<Value, hairline::ApiError> {
    dispatch(service, &NoEvents, name, request)
}

#[test]
fn writes_need_someone_working_and_the_choice_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    assert!(service.info().open_error.is_none());
    let staff = call(
        &service,
        "create_staff",
        json!({"input": {"name": "Dana Whitfield", "role": "manager"}}),
    )
    .expect("the first staff member needs nobody working");
    let client = json!({"input": {
        "first_name": "Ada", "last_name": "Quinn", "date_of_birth": null, "phone": "07700 900001",
        "email": "", "address": "", "preferred_contact": "phone", "care_reminders_consent": true,
        "marketing_consent": false, "fitzpatrick": null, "hair_loss_pattern": null,
        "indication": null, "hair_coverage": null, "hair_length": null, "contraindications": [],
        "medications": "", "allergies": "", "notes": ""
    }});
    let refused = call(&service, "create_client", client.clone()).unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("actor"));
    call(
        &service,
        "set_current_staff",
        json!({"current_staff_id": staff["id"]}),
    )
    .unwrap();
    drop(service);
    let reopened = open(dir.path());
    assert_eq!(
        call(&reopened, "workstation", json!({})).unwrap()["current_staff_id"],
        staff["id"]
    );
    call(&reopened, "create_client", client).expect("now attributed");
}

#[test]
fn the_first_start_of_the_day_takes_a_verified_backup() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    assert!(service.info().open_error.is_none());
    assert!(service.info().backup_error.is_none());
    let count = || {
        std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .count()
    };
    assert_eq!(count(), 1, "one backup taken at start");
    drop(service);
    drop(open(dir.path()));
    assert_eq!(count(), 1, "not again the same day");
}

#[test]
fn a_damaged_database_is_refused_at_start_without_being_written() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path()));
    let file = dir.path().join("hairline.sqlite");
    // Scribble over the middle of the file, past the header, as a failing disk would: 8 KiB, so
    // at least one whole page is lost whatever the layout (half of an empty page is not damage).
    let mut bytes = std::fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle - 4096..middle + 4096].fill(0xA5);
    std::fs::write(&file, &bytes).unwrap();
    let service = open(dir.path());
    let error = service.info().open_error.expect("refused");
    assert!(
        matches!(
            error.code,
            ErrorCode::Damaged | ErrorCode::NotAPracticeDatabase | ErrorCode::Storage
        ),
        "{error:?}"
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        bytes,
        "nothing written to the damaged file"
    );
    let refused = call(
        &service,
        "list_clients",
        json!({"filter": "active", "offset": 0, "limit": 10}),
    );
    assert_eq!(
        refused.unwrap_err().code,
        error.code,
        "every command says why"
    );
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
}

/// Every command of the table: a request missing its fields is answered with a validation
/// error naming one of them (never an unreadable-request error naming none).
#[test]
fn every_command_names_the_field_a_request_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
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
            // Only optional fields: an empty request is a whole one.
            other => assert!(
                command.name == "photos_for_marketing" || command.name == "set_current_staff",
                "{}: {other:?}",
                command.name
            ),
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
