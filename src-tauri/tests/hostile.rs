//! Every command is fed malformed and hostile payloads through the real IPC path (Tauri's mock
//! runtime with the app's own context and capability): each answers with a coded
//! `{code, message, field}` error (or, for a read, harmlessly), none panics, none writes anything.

mod common;

use common::{invoke, invoke_with};
use hairline::api::{FromShell, COMMANDS};
use hairline::db::data_folder::DATABASE_FILE;
use hairline_app::{open_service, with_invoke_handler, FileChooser};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tauri::ipc::InvokeBody;
use tauri::test::{mock_builder, MockRuntime};
use tauri::WebviewWindow;

/// Each command of the table with the keys of its request object, so that a command is covered
/// the day it is added.
fn commands_with_arguments() -> Vec<(String, Vec<String>)> {
    COMMANDS
        .iter()
        .map(|c| {
            let fields = (c.request_fields)()
                .iter()
                .map(|f| (*f).to_owned())
                .collect();
            (c.name.to_owned(), fields)
        })
        .collect()
}

/// What a hostile or careless caller may send for any argument.
fn hostile_values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(-1),
        json!(1e308),
        json!("NaN"),
        json!(""),
        json!("x".repeat(100_000)),
        json!("'; DROP TABLE clients; --"),
        json!("2026-02-30"),
        json!("00000000-0000-0000-0000-000000000000"),
        json!("0198a1b2-0000-7000-8000-000000000000"),
        json!({"first_name": "'; DROP TABLE clients; --", "depth_mm": "NaN", "number": -3}),
        json!([1, 2, 3]),
        json!(true),
        // Dates chrono reads but no date rule can compute with, a zone that does not exist,
        // numbers past every field's range.
        json!("+262142-12-31"),
        json!("+262142-12-31T23:59:59"),
        json!({"from": "+262142-12-31", "days": 255, "starts_local": "+262142-12-31T10:00:00",
               "time_zone": "Mars/Olympus_Mons", "duration_minutes": 65535}),
        json!(u64::MAX),
        json!(-1e308),
        json!(u64::from(u32::MAX) + 1),
        json!(i64::MAX),
        json!("-0001-01-01"),
        json!("Mars/Olympus"),
        json!({"time_zone": "", "spacing_days": 1e308, "depth_mm": -1e308, "number": i64::MAX,
               "performed_on": "-0001-01-01", "acknowledge_spacing": "yes"}),
    ]
}

/// What the stand-in for the shell's file dialogs answers (`None`: the user cancels), and every
/// dialog it was asked to open.
#[derive(Clone, Default)]
struct Dialogs {
    answer: Arc<Mutex<Option<PathBuf>>>,
    opened: Arc<Mutex<Vec<FromShell>>>,
}

impl Dialogs {
    fn will_choose(&self, path: Option<PathBuf>) {
        *self.answer.lock().unwrap() = path;
    }

    fn chooser(&self) -> FileChooser {
        let dialogs = self.clone();
        FileChooser::new(move |needs| {
            dialogs.opened.lock().unwrap().push(*needs);
            dialogs.answer.lock().unwrap().clone()
        })
    }
}

/// The app on the mock runtime with its own context and capability, over a practice in `dir`,
/// and its main window; its file dialogs are cancelled.
fn app_on(dir: &Path) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    app_with_dialogs(dir, &Dialogs::default())
}

/// [`app_on`], its file dialogs answering as `dialogs` says.
fn app_with_dialogs(
    dir: &Path,
    dialogs: &Dialogs,
) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = with_invoke_handler(mock_builder())
        .manage(open_service(dir.to_path_buf(), None).unwrap())
        .manage(dialogs.chooser())
        .build(tauri::generate_context!())
        .expect("the app builds on the mock runtime");
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    (app, webview)
}

/// Rows in every table of the practice, the audit trail included: any write changes them.
fn row_counts(dir: &Path) -> Vec<(String, i64)> {
    let clock = hairline::FixedClock::on("2026-06-15".parse().unwrap());
    let practice = hairline::Practice::open(dir.join(DATABASE_FILE), clock).unwrap();
    let conn = practice.raw_connection();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'client_search%'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|t| {
            // The backups and exports a command without arguments takes are audited as acts
            // of administration on the practice, and a wrong password or a lock is audited as
            // such: those entries are not a payload's writing.
            let filter = if t == "audit_log" {
                " WHERE entity <> 'practice' AND action NOT IN ('sign_in_failed', 'lock', 'sign_out')"
            } else {
                ""
            };
            let n: i64 = conn
                .query_row(&format!("SELECT count(*) FROM \"{t}\"{filter}"), [], |r| {
                    r.get(0)
                })
                .unwrap();
            (t, n)
        })
        .collect()
}

/// Commands that only read: given a harmless-but-odd argument they may answer normally.
fn reads(name: &str) -> bool {
    [
        "list_",
        "search_",
        "get_",
        "client_record",
        "previous_settings",
        "plan_defaults",
        "suggest_",
        "import_setup",
        "preview_import",
        "check_",
        "audit_trail",
        // Calendar and recall reads: an unknown client or recall simply has none.
        "calendar",
        "client_appointments",
        "client_recalls",
        "recall_contacts",
        "practitioner_day",
        "worklist",
        // Photo and consent reads.
        "photo_timeline",
        "photos_for_marketing",
        "compare_photos",
        "consent_",
        "client_consents",
        "signed_consent",
    ]
    .iter()
    .any(|prefix| name.starts_with(prefix))
        || name.ends_with("_uses")
}

/// Creates the practice's owner (a manager) and signs them in at this window.
fn sign_in_owner(webview: &WebviewWindow<MockRuntime>) {
    invoke(
        webview,
        "create_owner",
        json!({"name": "Dana Whitfield", "password": "owner of the clinic"}),
    )
    .expect("the owner's account is created on first run");
}

/// Whether the shell asks the user for the command's file.
fn chooses_a_file(name: &str) -> bool {
    hairline::api::command(name).is_some_and(|c| (c.from_shell)().dialog().is_some())
}

#[test]
fn every_command_refuses_hostile_payloads_with_a_coded_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (app, webview) = app_on(dir.path());

    // Someone is signed in, so that writes get as far as the core's own checks.
    sign_in_owner(&webview);
    // A practice with a client is not empty: the sample clinic is refused into it.
    let client = hairline::ClientInput {
        phone: "07700 900123".into(),
        ..hairline::ClientInput::named("Zoë", "Lopez")
    };
    invoke(&webview, "create_client", json!({ "input": client })).unwrap();
    let before = row_counts(dir.path());

    let mut commands = commands_with_arguments();
    // Signing out and locking end the session the rest run in: they go last.
    commands.sort_by_key(|(name, _)| matches!(name.as_str(), "sign_out" | "lock_workstation"));
    assert_eq!(commands.len(), COMMANDS.len());
    assert!(
        commands
            .iter()
            .any(|(name, fields)| name == "update_client" && fields == &["id", "version", "input"]),
        "the request keys are read from the table's types"
    );
    let codes = [
        "not_found",
        "validation",
        "refused",
        "conflict",
        "bad_request",
        "storage",
        "consent_missing",
        "file",
        "damaged",
        // A wrong current password (change_password) counts towards the sign-in throttle.
        "too_many_attempts",
    ];
    let mut refusals = 0;
    for (name, args) in &commands {
        let mut bodies = vec![json!({})];
        bodies.extend(
            hostile_values().into_iter().map(|value| {
                Value::Object(args.iter().map(|a| (a.clone(), value.clone())).collect())
            }),
        );
        for body in bodies {
            let shown: String = body.to_string().chars().take(80).collect();
            match invoke(&webview, name, body) {
                Err(error) => {
                    let code = error["code"]
                        .as_str()
                        .unwrap_or_else(|| panic!("{name} {shown}: no code in {error}"));
                    assert!(
                        codes.contains(&code),
                        "{name} {shown}: unexpected code {code}"
                    );
                    let message = error["message"].as_str().unwrap_or_default();
                    assert!(!message.is_empty(), "{name} {shown}: empty message");
                    refusals += 1;
                }
                Ok(_) if args.is_empty() || reads(name) => {}
                // Locking keeps whatever text the window stashes (or none), for its own unlock.
                Ok(Value::Null) if name == "lock_workstation" => {}
                // A command whose file the shell asks for: `{}` opens the dialog, and this one
                // is cancelled.
                Ok(Value::Null) if chooses_a_file(name) => {}
                Ok(answer) => {
                    let answer: String = answer.to_string().chars().take(120).collect();
                    panic!("{name} accepted {shown} and answered {answer}");
                }
            }
        }
    }
    assert!(
        refusals > 300,
        "only {refusals} refusals: the payloads no longer reach the commands"
    );
    drop(webview);
    drop(app);
    assert_eq!(
        row_counts(dir.path()),
        before,
        "no hostile payload wrote anything"
    );
}

#[test]
fn back_up_to_writes_a_verified_backup_where_the_user_chose_and_nowhere_else() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = Dialogs::default();
    let (_app, webview) = app_with_dialogs(dir.path(), &dialogs);
    let chosen = dir.path().join("chosen.sqlite");
    dialogs.will_choose(Some(chosen.clone()));
    // Nobody signed in: refused before any dialog opens.
    let error = invoke(&webview, "back_up_to", json!({})).unwrap_err();
    assert_eq!(error["code"], json!("unauthenticated"), "{error}");
    assert!(dialogs.opened.lock().unwrap().is_empty());
    sign_in_owner(&webview);
    let info = invoke(&webview, "back_up_to", json!({})).unwrap();
    assert_eq!(info["path"], json!(chosen.display().to_string()));
    assert!(chosen.exists());
    assert!(matches!(
        dialogs.opened.lock().unwrap()[..],
        [FromShell::SaveDialog(_)]
    ));
    // The web view reads no file by path at all (no asset protocol; photos come by content hash
    // through the shell's `photo` scheme), so the chosen file is not readable there either.

    // The window cannot name a file, even one the user could have chosen.
    let named = dir.path().join("named.sqlite");
    let error = invoke(
        &webview,
        "back_up_to",
        json!({"path": named.display().to_string()}),
    )
    .unwrap_err();
    assert_eq!(error["code"], json!("bad_request"), "{error}");
    assert!(!named.exists());
    assert_eq!(dialogs.opened.lock().unwrap().len(), 1, "no dialog opened");

    // A cancelled dialog is no error: nothing happened.
    dialogs.will_choose(None);
    assert_eq!(invoke(&webview, "back_up_to", json!({})), Ok(Value::Null));

    // The core still refuses what is not an absolute path to a .sqlite file.
    for refused in ["relative.sqlite", "/tmp/not-a-backup.txt"] {
        dialogs.will_choose(Some(PathBuf::from(refused)));
        let error = invoke(&webview, "back_up_to", json!({})).unwrap_err();
        assert_eq!(
            (error["code"].as_str(), error["field"].as_str()),
            (Some("validation"), Some("path"))
        );
    }
}

#[test]
fn restoring_from_a_chosen_file_refuses_what_is_not_a_good_hairline_backup() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = Dialogs::default();
    let (_app, webview) = app_with_dialogs(dir.path(), &dialogs);
    sign_in_owner(&webview);
    let text = dir.path().join("notes.sqlite");
    std::fs::write(&text, "not a database at all\n".repeat(200)).unwrap();
    dialogs.will_choose(Some(text));
    let error = invoke(&webview, "restore_from_file", json!({})).unwrap_err();
    assert_eq!(error["code"], json!("not_a_practice_database"), "{error}");
    let backup = dir.path().join("good.sqlite");
    dialogs.will_choose(Some(backup.clone()));
    invoke(&webview, "back_up_to", json!({})).unwrap();
    let restored = invoke(&webview, "restore_from_file", json!({})).unwrap();
    assert!(restored["safety_backup"]["path"]
        .as_str()
        .is_some_and(|p| p.contains("backups")));
    assert!(matches!(
        dialogs.opened.lock().unwrap()[..],
        [
            FromShell::OpenDialog(_),
            FromShell::SaveDialog(_),
            FromShell::OpenDialog(_)
        ]
    ));
    let error = invoke(
        &webview,
        "restore_from_file",
        json!({"path": backup.display().to_string()}),
    )
    .unwrap_err();
    assert_eq!(error["code"], json!("bad_request"), "{error}");
}

/// `s` as `encodeURIComponent` writes it.
fn percent_encoded(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A photo's bytes reach the core as the call's raw body, its request in a header: the JSON
/// array of numbers is refused, as is a body larger than a photo may be (before it is decoded)
/// and a body without its request.
#[test]
fn a_photo_arrives_as_the_raw_body_with_its_request_in_a_header() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app_on(dir.path());
    sign_in_owner(&webview);
    let input = hairline::ClientInput {
        phone: "07700 900123".into(),
        ..hairline::ClientInput::named("Zoë", "Lopez")
    };
    let client = invoke(&webview, "create_client", json!({ "input": input }));
    let client = client.unwrap_or_else(|e| panic!("{e}"));
    let request = json!({"details": {"client_id": client["id"], "session_id": null,
        "view": "crown", "taken_on": null, "notes": "", "consent_use": "clinical_only"},
        "name": "Zoë crown.jpg"});
    let headers = |request: &Value| {
        let mut headers = tauri::http::HeaderMap::new();
        headers.insert(
            hairline::api::from_shell::REQUEST_HEADER,
            percent_encoded(&request.to_string()).parse().unwrap(),
        );
        headers
    };
    let mut jpeg = Vec::new();
    image::RgbImage::from_pixel(64, 48, image::Rgb([200, 120, 90]))
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();

    let photo = invoke_with(
        &webview,
        "add_photo",
        InvokeBody::Raw(jpeg.clone()),
        headers(&request),
    )
    .unwrap();
    assert_eq!(photo["original_name"], json!("Zoë crown.jpg"));

    let mut as_numbers = request.clone();
    as_numbers["bytes"] = json!(jpeg);
    let error = invoke(&webview, "add_photo", as_numbers).unwrap_err();
    assert_eq!(error["code"], json!("bad_request"), "{error}");
    let error = invoke_with(
        &webview,
        "add_photo",
        InvokeBody::Raw(jpeg.clone()),
        Default::default(),
    )
    .unwrap_err();
    assert_eq!(error["code"], json!("bad_request"), "{error}");
    let huge = vec![0u8; hairline::photos::MAX_FILE_BYTES + 1];
    let error = invoke_with(
        &webview,
        "add_photo",
        InvokeBody::Raw(huge),
        headers(&request),
    )
    .unwrap_err();
    assert_eq!(
        (error["code"].as_str(), error["field"].as_str()),
        (Some("validation"), Some("bytes")),
        "{error}"
    );
    // Any other command refuses a body.
    let error = invoke_with(
        &webview,
        "list_clients",
        InvokeBody::Raw(jpeg),
        headers(&json!({})),
    )
    .unwrap_err();
    assert_eq!(error["code"], json!("bad_request"), "{error}");
}
