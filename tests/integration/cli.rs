//! The `hairline` command-line tool, end to end: the real binary over real files.

use hairline::*;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn hairline(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hairline"))
        .args(args.iter().map(|a| a.as_ref()))
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[track_caller]
fn succeeds(out: Output) -> String {
    assert!(out.status.success(), "failed: {}", stderr(&out));
    stdout(&out)
}

#[track_caller]
fn fails(out: Output, code: i32, words: &str) -> String {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout {} stderr {}",
        stdout(&out),
        stderr(&out)
    );
    let err = stderr(&out);
    assert!(err.contains(words), "{words:?} not in {err}");
    err
}

fn clients_in(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("SELECT count(*) FROM clients", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn every_command_works_on_real_files_and_failures_exit_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("clinic.sqlite");

    let out = succeeds(hairline(&[
        &"demo",
        &db,
        &"--clients",
        &"40",
        &"--sessions",
        &"90",
    ]));
    assert!(out.contains("40 clients"), "{out}");
    assert!(succeeds(hairline(&[&"check", &db])).starts_with("ok"));
    assert!(succeeds(hairline(&[&"check", &db, &"--quick"])).starts_with("ok"));

    // Backups: into a folder (dated, rotated) and to a chosen file.
    let folder = dir.path().join("nas");
    fails(hairline(&[&"backup", &db, &folder]), 1, "no such folder");
    fs::create_dir(&folder).unwrap();
    succeeds(hairline(&[&"backup", &db, &folder]));
    assert_eq!(list_backups(&folder).unwrap().len(), 1);
    let monday = dir.path().join("monday.sqlite");
    succeeds(hairline(&[&"backup", &db, &monday]));

    // CSV import: a bad row imports nothing and names its line; a good file imports.
    let bad = dir.path().join("bad.csv");
    fs::write(&bad, "First name,Surname,DOB,Phone\nAna,Lopez,17/05/1984,07700 900001\nBen,Ode,31/02/1990,07700 900002\n").unwrap();
    let err = fails(
        hairline(&[&"import", &db, &bad]),
        1,
        "line 3: date_of_birth",
    );
    assert!(err.contains("nothing imported"), "{err}");
    assert_eq!(clients_in(&db), 40);
    let good = dir.path().join("good.csv");
    fs::write(
        &good,
        "First name,Surname,DOB,Phone\nAna,Lopez,05/04/1984,07700 900001\n",
    )
    .unwrap();
    // 05/04/1984 is 5 April or May 4: the import waits to be told which.
    fails(
        hairline(&[&"import", &db, &good]),
        1,
        "say how with --day-first or --month-first",
    );
    succeeds(hairline(&[
        &"import",
        &db,
        &good,
        &"--month-first",
        &"--dry-run",
    ]));
    assert_eq!(clients_in(&db), 40, "a dry run writes nothing");
    let out = succeeds(hairline(&[&"import", &db, &good, &"--month-first"]));
    assert!(out.contains("imported 1 clients"), "{out}");
    fails(
        hairline(&[&"import", &db, &good, &"--month-first"]),
        1,
        "same person as client #41",
    );
    succeeds(hairline(&[
        &"import",
        &db,
        &good,
        &"--month-first",
        &"--skip-duplicates",
    ]));
    assert_eq!(clients_in(&db), 41);

    // Export the practice and one client; the archive fills an empty database.
    let archive = dir.path().join("practice.json");
    succeeds(hairline(&[&"export", &db, &archive]));
    let client = dir.path().join("client-41.json");
    succeeds(hairline(&[&"export", &db, &client, &"--client", &"41"]));
    assert!(fs::read_to_string(&client).unwrap().contains("Lopez"));
    let copy = dir.path().join("copy.sqlite");
    Practice::open(&copy, FixedClock::on("2026-06-15".parse().unwrap())).unwrap();
    succeeds(hairline(&[&"import", &copy, &archive]));
    assert_eq!(clients_in(&copy), 41);

    // Restore: the backup comes back; a file that is not a database is refused.
    succeeds(hairline(&[&"restore", &db, &monday]));
    assert_eq!(clients_in(&db), 40);
    assert!(
        dir.path().join("backups").is_dir(),
        "safety backup beside the database"
    );
    let text = dir.path().join("notes.txt");
    fs::write(&text, "hello\n".repeat(200)).unwrap();
    fails(
        hairline(&[&"restore", &db, &text]),
        1,
        "not a Hairline database",
    );

    // A damaged file fails its check.
    let mut bytes = fs::read(&monday).unwrap();
    let at = bytes.len() / 2;
    bytes[at..at + 4096].fill(0x5A);
    let damaged = dir.path().join("damaged.sqlite");
    fs::write(&damaged, bytes).unwrap();
    fails(hairline(&[&"check", &damaged]), 1, "damaged");
    let salvaged = dir.path().join("salvaged.json");
    assert!(
        succeeds(hairline(&[&"export", &damaged, &salvaged, &"--salvage"])).contains("salvaged")
    );
    assert!(salvaged.is_file());
    // A live database too damaged to open is recovered, its files kept.
    fs::write(&db, vec![0x5A; 8192]).unwrap();
    let out = succeeds(hairline(&[&"restore", &db, &monday]));
    assert!(out.contains("damaged files are kept"), "{out}");
    assert!(succeeds(hairline(&[&"check", &db])).starts_with("ok"));
    assert_eq!(clients_in(&db), 40);
    fails(
        hairline(&[&"check", &dir.path().join("missing.sqlite")]),
        1,
        "no such file",
    );
}

#[test]
fn help_and_wrong_usage() {
    let out = succeeds(hairline(&[&"--help"]));
    for command in ["backup", "restore", "check", "import", "export", "demo"] {
        assert!(out.contains(command), "{command} missing from help");
    }
    assert!(succeeds(hairline(&[&"backup", &"--help"])).contains("USAGE"));
    fails(hairline(&[]), 2, "no command given");
    fails(
        hairline(&[&"frobnicate"]),
        2,
        "unknown command \"frobnicate\"",
    );
    fails(hairline(&[&"check"]), 2, "expected <database>");
    fails(
        hairline(&[&"check", &"x.sqlite", &"--loud"]),
        2,
        "unknown option --loud",
    );
    fails(
        hairline(&[&"demo", &"x.sqlite", &"--clients", &"many"]),
        2,
        "whole number",
    );
    fails(
        hairline(&[&"backup", &"/nonexistent/clinic.sqlite", &"/tmp/x.sqlite"]),
        1,
        "no database file",
    );
}

#[test]
fn each_command_describes_itself_and_its_options_and_alternatives_exclude_each_other() {
    let import = succeeds(hairline(&[&"import", &"--help"]));
    for words in [
        "Import clients from a CSV file",
        "<database>",
        "--month-first",
        "--dry-run",
    ] {
        assert!(import.contains(words), "{words:?} not in {import}");
    }
    let export = succeeds(hairline(&[&"help", &"export"]));
    assert!(export.contains("--client <number>"), "{export}");
    assert!(succeeds(hairline(&[&"--help"])).contains("EXIT STATUS"));
    fails(
        hairline(&[
            &"import",
            &"x.sqlite",
            &"x.csv",
            &"--skip-duplicates",
            &"--import-duplicates",
        ]),
        2,
        "cannot be used with",
    );
    fails(
        hairline(&[
            &"export",
            &"x.sqlite",
            &"x.json",
            &"--client",
            &"3",
            &"--salvage",
        ]),
        2,
        "cannot be used with",
    );
    fails(
        hairline(&[&"check", &"a.sqlite", &"b.sqlite"]),
        2,
        "unexpected argument",
    );
}

/// `hairline call` beside a running app (which holds the data folder's instance lock): it reads
/// and writes through the same command table, and a save from an old version is refused.
#[test]
fn call_runs_a_command_beside_the_open_app_and_cannot_undo_its_saves() {
    use hairline::api::Service;
    use hairline::db::data_folder::DataFolder;
    use serde_json::{json, Value};

    let dir = tempfile::tempdir().unwrap();
    let app = Service::open(
        DataFolder::new(dir.path()).unwrap(),
        std::sync::Arc::new(FixedClock::on("2026-06-15".parse().unwrap())),
        None,
    );
    let (owner, _) = crate::desk::Desk::owner(&app, "Olive Owner");
    let (desk, _) = owner.add_staff("Dana Reyes", "practitioner");
    let app_call = |name: &str, request: Value| desk.call(name, request);
    let mut input: Value =
        serde_json::to_value(crate::support::client_input("Ana", "Lopez")).unwrap();
    let client = app_call("create_client", json!({ "input": input })).unwrap();
    let db = dir.path().join("hairline.sqlite");

    let read = succeeds(hairline(&[
        &"call",
        &db,
        &"get_client",
        &json!({"id": client["id"]}).to_string(),
    ]));
    let read: Value = serde_json::from_str(&read).unwrap();
    assert_eq!(
        (read["first_name"].as_str(), read["version"].as_u64()),
        (Some("Ana"), Some(1))
    );

    input["address"] = json!("9 New Road, Leeds");
    let moved = input.clone();
    let edit =
        |version: u64| json!({"id": client["id"], "version": version, "input": moved}).to_string();
    // The tool acts as itself, an administrator with the file in hand: no one to sign in as.
    succeeds(hairline(&[&"call", &db, &"update_client", &edit(1)]));

    // The app's form was opened at version 1: its save is refused, naming the tool's change.
    input["address"] = json!("1 Old Lane, Leeds");
    let stale = app_call(
        "update_client",
        json!({"id": client["id"], "version": 1, "input": input}),
    )
    .unwrap_err();
    assert_eq!(stale.code, ErrorCode::Conflict, "{stale:?}");
    assert!(
        stale.message.contains("the command-line tool (OS user "),
        "{}",
        stale.message
    );
    assert!(stale.message.contains("address"), "{}", stale.message);
    let kept = app_call("get_client", json!({"id": client["id"]})).unwrap();
    assert_eq!(kept["address"], "9 New Road, Leeds");

    // And the other way round: the tool's stale save is refused with the field named.
    fails(
        hairline(&[&"call", &db, &"update_client", &edit(1)]),
        1,
        "(field version)",
    );
}

/// `hairline call add_photo` takes the photo from a file named with `--file` (the window sends
/// the same bytes as the call's body); a file larger than a photo may be is refused unread, and a
/// command that carries no file refuses one.
#[test]
fn call_adds_a_photo_from_a_file() {
    use serde_json::{json, Value};
    let mut clinic = crate::support::Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let db = clinic.path();
    let crate::support::Clinic { practice, dir, .. } = clinic;
    practice.close().unwrap();
    let dir = dir.path();
    // `call` opens a practice database by the name the app gives it.
    let named = dir.join("hairline.sqlite");
    fs::rename(&db, &named).unwrap();
    let photo = dir.join("crown.jpg");
    fs::write(&photo, crate::images::jpeg(64, 48, 3)).unwrap();
    let request = json!({"details": {"client_id": client.id, "session_id": null, "view": "crown",
        "taken_on": null, "notes": "", "consent_use": "clinical_only"}, "name": "crown.jpg"})
    .to_string();

    let added = succeeds(hairline(&[
        &"call",
        &named,
        &"add_photo",
        &request,
        &"--file",
        &photo,
    ]));
    let added: Value = serde_json::from_str(&added).unwrap();
    assert_eq!(added["client_id"], json!(client.id));
    assert_eq!(added["original_name"], json!("crown.jpg"));
    fails(
        hairline(&[&"call", &named, &"add_photo", &request]),
        1,
        "name it with --file",
    );
    let huge = dir.join("huge.jpg");
    fs::File::create(&huge)
        .unwrap()
        .set_len(hairline::photos::MAX_FILE_BYTES as u64 + 1)
        .unwrap();
    fails(
        hairline(&[&"call", &named, &"add_photo", &request, &"--file", &huge]),
        1,
        "80 MB",
    );
    fails(
        hairline(&[
            &"call",
            &named,
            &"list_staff",
            &json!({"include_inactive": true}).to_string(),
            &"--file",
            &photo,
        ]),
        1,
        "list_staff takes no --file",
    );
}

/// Another system's Windows-1252 export through the tool: read as Windows-1252 and said so, the
/// undecided column named until `--map` (or a mapping file) says what it holds, duplicates
/// explained in words.
#[test]
fn import_reads_a_legacy_encoding_and_takes_the_mapping_from_map_or_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("clinic.sqlite");
    Practice::open(&db, FixedClock::on("2026-06-15".parse().unwrap())).unwrap();
    let csv = dir.path().join("export.csv");
    fs::write(
        &csv,
        b"Patient ID,First Name,Surname,Address 1,City,Postcode,Mobile,Created,Points\n\
P-1,Jos\xe9,Garc\xeda,1 Calle Mayor,Le\xf3n,24001,07700 900001,12/03/2019 14:22,5\n",
    )
    .unwrap();
    let err = fails(
        hairline(&[&"import", &db, &csv]),
        1,
        "\"Points\" (column 9)",
    );
    assert!(err.contains("--map"), "{err}");
    assert_eq!(clients_in(&db), 0);

    // 12/03/2019 reads both ways: the order is said.
    let out = succeeds(hairline(&[
        &"import",
        &db,
        &csv,
        &"--map",
        &"Points=ignore, Created=client_since",
        &"--day-first",
    ]));
    assert!(out.contains("read as Windows-1252"), "{out}");
    assert!(out.contains("Patient ID=external_id"), "{out}");
    assert!(out.contains("imported 1 clients"), "{out}");
    let practice = Practice::open(&db, FixedClock::on("2026-06-15".parse().unwrap())).unwrap();
    let found = practice
        .search_clients("P-1", ArchiveFilter::All, 5)
        .unwrap();
    let jose = practice.client(found[0].id).unwrap();
    assert_eq!(jose.full_name(), "José García");
    assert_eq!(jose.address, "1 Calle Mayor, León, 24001");
    assert_eq!(jose.client_since, Some("2019-03-12".parse().unwrap()));
    drop(practice);

    // The same file again, mapped from a file: the duplicate's reason is in words.
    let mapping = dir.path().join("old-system.map");
    fs::write(&mapping, "# the old system's export\nPoints=ignore\n").unwrap();
    let err = fails(
        hairline(&[&"import", &db, &csv, &"--mapping", &mapping, &"--day-first"]),
        1,
        "may be the same person as client #1: the same ID in the previous system",
    );
    assert!(err.contains("nothing imported"), "{err}");
    fails(
        hairline(&[&"import", &db, &csv, &"--map", &"Points=shoe_size"]),
        1,
        "not a client detail",
    );
    assert_eq!(clients_in(&db), 1);
}

/// An owner locked out of the app: `hairline staff reset-password` (an administrator's act, on
/// the file) prints a one-time setup code, audited as the command-line tool with the OS user;
/// the old password stops working and the code lets them choose a new one.
#[test]
fn staff_reset_password_prints_a_setup_code_audited_as_the_tool() {
    use crate::desk::{Desk, OWNER_PASSWORD};
    use hairline::api::Service;
    use hairline::db::data_folder::DataFolder;
    use serde_json::json;

    let dir = tempfile::tempdir().unwrap();
    let app = Service::open(
        DataFolder::new(dir.path()).unwrap(),
        std::sync::Arc::new(FixedClock::on("2026-06-15".parse().unwrap())),
        None,
    );
    let (_, owner) = Desk::owner(&app, "Olive Owner");
    let db = dir.path().join("hairline.sqlite");
    fails(
        hairline(&[&"staff", &"reset-password", &db, &"Nobody"]),
        1,
        "no staff member is named or numbered \"Nobody\"",
    );
    let out = succeeds(hairline(&[
        &"staff",
        &"reset-password",
        &db,
        &"olive owner",
    ]));
    let code = out
        .lines()
        .find_map(|l| l.strip_prefix("Setup code for Olive Owner: "))
        .unwrap_or_else(|| panic!("no code in {out}"))
        .trim()
        .to_owned();
    assert!(out.contains("I have a setup code"), "{out}");

    let desk = Desk::new(&app);
    let old = desk
        .call(
            "sign_in",
            json!({"staff_id": owner, "password": OWNER_PASSWORD}),
        )
        .unwrap_err();
    assert!(old.message.contains("no password yet"), "{old:?}");
    desk.call(
        "redeem_setup_code",
        json!({"staff_id": owner, "code": code, "password": "a brand new password"}),
    )
    .expect("the printed code chooses a new password");
    let reset = app
        .with_practice(|p| p.audit_trail(&owner.as_str().unwrap()))
        .unwrap()
        .into_iter()
        .find(|e| e.action == "password_reset")
        .expect("the reset is audited");
    let label = reset.actor_label.unwrap_or_default();
    assert!(
        label.starts_with("the command-line tool (OS user "),
        "{label}"
    );
    assert_eq!(reset.actor_id, None);
}
