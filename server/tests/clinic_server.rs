//! The clinic server end to end: a server in-process on 127.0.0.1:0 over real HTTPS, and
//! workstations talking to it through `hairline-client`, as the desktop does.

use base64::Engine;
use chrono::Duration;
use hairline::record::clients::ClientInput;
use hairline::{Actor, FixedClock};
use hairline_client::{pair, Connection, ErrorCode, Pairing, SessionToken};
use hairline_server::{RunningServer, ServerOptions};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::{Arc, Barrier};

const OWNER_PASSWORD: &str = "owner of the clinic";
const STAFF_PASSWORD: &str = "treatment room two";

struct Clinic {
    dir: tempfile::TempDir,
    clock: Arc<FixedClock>,
    server: Option<RunningServer>,
}

impl Clinic {
    fn new() -> Clinic {
        let dir = tempfile::tempdir().unwrap();
        // A Monday.
        let clock = Arc::new(FixedClock::on("2026-06-15".parse().unwrap()));
        let server = start(dir.path(), clock.clone(), "127.0.0.1:0".parse().unwrap());
        Clinic {
            dir,
            clock,
            server: Some(server),
        }
    }

    fn server(&self) -> &RunningServer {
        self.server.as_ref().expect("the server is running")
    }

    fn address(&self) -> String {
        self.server().address().to_string()
    }

    /// A pairing code, as `hairline-server pairing-code` prints one.
    fn code(&self) -> String {
        let prefix = self.server().fingerprint()[..4].to_owned();
        self.server()
            .service()
            .with_practice(|p| p.create_pairing_code(Actor::CommandLine, &prefix))
            .unwrap()
            .code
    }

    /// A workstation paired with the server.
    fn workstation(&self, name: &str) -> Connection {
        let pairing = pair(&self.address(), &self.code(), name).expect("the right code pairs");
        Connection::new(pairing).unwrap()
    }

    fn restart(&mut self) {
        let address = self.server().address();
        self.server.take().unwrap().stop();
        self.server = Some(start(self.dir.path(), self.clock.clone(), address));
    }
}

fn start(dir: &std::path::Path, clock: Arc<FixedClock>, listen: SocketAddr) -> RunningServer {
    RunningServer::start(ServerOptions {
        data_dir: dir.to_owned(),
        listen,
        clock,
    })
    .expect("the server starts")
}

/// The owner's account made on the first workstation; answers their session and id.
fn owner(desk: &Connection) -> (SessionToken, Value) {
    let session = desk.open_session().unwrap();
    let signed_in = desk
        .call(
            &session,
            "create_owner",
            json!({"name": "Olive Owner", "password": OWNER_PASSWORD}),
        )
        .unwrap();
    (session, signed_in["staff_id"].clone())
}

/// A staff member added by the manager at `manager`, signed in at `desk` with a setup code.
fn staff(
    desk: &Connection,
    manager: (&Connection, &SessionToken),
    name: &str,
    role: &str,
) -> (SessionToken, Value) {
    let (owner_desk, owner_session) = manager;
    let staff = owner_desk
        .call(
            owner_session,
            "create_staff",
            json!({"input": {"name": name, "role": role}}),
        )
        .unwrap();
    let code = owner_desk
        .call(
            owner_session,
            "issue_setup_code",
            json!({"id": staff["id"]}),
        )
        .unwrap()["code"]
        .clone();
    let session = desk.open_session().unwrap();
    desk.call(
        &session,
        "redeem_setup_code",
        json!({"staff_id": staff["id"], "code": code, "password": STAFF_PASSWORD}),
    )
    .unwrap();
    (session, staff["id"].clone())
}

/// A client with a name and the phone number the clinic calls them on.
fn named(first: &str, last: &str) -> ClientInput {
    ClientInput {
        phone: "+44 20 7946 0000".to_owned(),
        ..ClientInput::named(first, last)
    }
}

fn new_client(desk: &Connection, session: &SessionToken, first: &str, last: &str) -> Value {
    let input = serde_json::to_value(named(first, last)).unwrap();
    desk.call(session, "create_client", json!({ "input": input }))
        .unwrap()
}

#[test]
fn the_right_code_pairs_once_and_a_wrong_expired_or_used_one_is_refused() {
    let clinic = Clinic::new();
    let code = clinic.code();
    let pairing = pair(&clinic.address(), &code, "Front desk").unwrap();
    assert_eq!(pairing.fingerprint, clinic.server().fingerprint());
    assert!(Connection::new(pairing).unwrap().open_session().is_ok());

    let reused = pair(&clinic.address(), &code, "Treatment room").unwrap_err();
    assert_eq!(reused.code, ErrorCode::PairingRefused, "{reused:?}");

    let good = clinic.code();
    let prefix = &good[..5];
    let wrong = format!(
        "{prefix}{}",
        if good.ends_with("000000") {
            "000001"
        } else {
            "000000"
        }
    );
    let refused = pair(&clinic.address(), &wrong, "Treatment room").unwrap_err();
    assert_eq!(refused.code, ErrorCode::PairingRefused, "{refused:?}");

    let expiring = clinic.code();
    clinic.clock.advance(Duration::minutes(11));
    let expired = pair(&clinic.address(), &expiring, "Treatment room").unwrap_err();
    assert_eq!(expired.code, ErrorCode::PairingRefused, "{expired:?}");

    // A code naming another certificate is refused before anything is sent.
    let other_prefix = if good.starts_with("0000") {
        "FFFF"
    } else {
        "0000"
    };
    let elsewhere = format!("{other_prefix}{}", &good[4..]);
    let mismatch = pair(&clinic.address(), &elsewhere, "Treatment room").unwrap_err();
    assert_eq!(
        mismatch.code,
        ErrorCode::CertificateMismatch,
        "{mismatch:?}"
    );
}

/// The pairing form's problems are named all at once, before anything is sent: the code they
/// came with still pairs afterwards. The server holds the workstation's name to its own rule.
#[test]
fn the_pairing_form_names_every_problem_at_once_before_anything_is_sent() {
    let clinic = Clinic::new();
    let code = clinic.code();
    let fields = |refused: hairline::ApiError| -> Vec<String> {
        refused
            .problems
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.field)
            .collect()
    };
    let all_wrong = pair("http://clinic.local:7443", "7F3A", "  ").unwrap_err();
    assert_eq!(all_wrong.code, ErrorCode::Validation, "{all_wrong:?}");
    assert_eq!(fields(all_wrong), ["address", "code", "device_name"]);
    let blanks = pair(" ", "", "").unwrap_err();
    let messages: Vec<String> = blanks
        .problems
        .unwrap_or_default()
        .into_iter()
        .map(|p| p.message)
        .collect();
    assert_eq!(
        messages,
        [
            "Type the server's address, as host:port (the server shows it)",
            "Type the pairing code the server shows",
            "Name this workstation (e.g. Front desk)",
        ]
    );
    let overlong = pair(&clinic.address(), &code, &"Treatment room ".repeat(10)).unwrap_err();
    assert_eq!(
        overlong.field.as_deref(),
        Some("device_name"),
        "{overlong:?}"
    );
    assert!(overlong.problems.is_none(), "one problem is itself");
    pair(&clinic.address(), &code, "Front desk")
        .expect("the code was never sent, so it still pairs");

    // The server's own rule, for a caller that skips the workstation's check.
    let answer = unpinned_client()
        .post(format!("https://{}/pair", clinic.address()))
        .header("hairline-api", hairline::api::API_VERSION.to_string())
        .json(&json!({"code": clinic.code(), "device_name": "x".repeat(101)}))
        .send()
        .unwrap();
    let refused: Value = answer.json().unwrap();
    assert_eq!(refused["field"], "device_name", "{refused}");
}

#[test]
fn a_few_wrong_codes_void_the_code_outstanding() {
    let clinic = Clinic::new();
    let good = clinic.code();
    for last in 0..5 {
        let wrong = format!(
            "{}{:06}",
            &good[..5],
            (good[5..].parse::<u32>().unwrap() + 1 + last) % 1_000_000
        );
        assert_eq!(
            pair(&clinic.address(), &wrong, "Guess").unwrap_err().code,
            ErrorCode::PairingRefused
        );
    }
    let refused = pair(&clinic.address(), &good, "Front desk").unwrap_err();
    assert_eq!(refused.code, ErrorCode::PairingRefused);
}

#[test]
fn a_certificate_other_than_the_pinned_one_is_refused_with_a_clear_message() {
    let clinic = Clinic::new();
    let pairing = pair(&clinic.address(), &clinic.code(), "Front desk").unwrap();
    let mut impostor = pairing.fingerprint.clone();
    impostor.replace_range(
        0..4,
        if impostor.starts_with("0000") {
            "1111"
        } else {
            "0000"
        },
    );
    let pinned_elsewhere = Connection::new(Pairing {
        fingerprint: impostor,
        ..pairing
    })
    .unwrap();
    let refused = pinned_elsewhere.open_session().unwrap_err();
    assert_eq!(refused.code, ErrorCode::CertificateMismatch);
    assert!(
        refused
            .message
            .contains("not the clinic server this workstation was paired with"),
        "{}",
        refused.message
    );
    assert!(refused.message.contains(clinic.server().fingerprint()));
}

#[test]
fn staff_sign_in_over_the_server_and_the_server_checks_their_permissions() {
    let clinic = Clinic::new();
    let office = clinic.workstation("Office");
    let desk = clinic.workstation("Front desk");

    let nobody = desk.open_session().unwrap();
    let refused = desk
        .call(
            &nobody,
            "list_clients",
            json!({"filter": "active", "offset": 0, "limit": 10}),
        )
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Unauthenticated);

    let (manager, _) = owner(&office);
    let client = new_client(&office, &manager, "Ana", "Lopez");
    let (front_desk, _) = staff(&desk, (&office, &manager), "Fran Desk", "front_desk");
    let forbidden = desk
        .call(&front_desk, "client_record", json!({"id": client["id"]}))
        .unwrap_err();
    assert_eq!(forbidden.code, ErrorCode::Forbidden, "{forbidden:?}");
    assert!(desk
        .call(&front_desk, "client_contact", json!({"id": client["id"]}))
        .is_ok());

    // A session is the desk's own: another device cannot use it.
    let stolen = office
        .call(&front_desk, "client_contact", json!({"id": client["id"]}))
        .unwrap_err();
    assert_eq!(stolen.code, ErrorCode::Unauthenticated);

    // A revoked device is refused at once.
    let devices = office.call(&manager, "list_devices", json!({})).unwrap();
    let desk_id = desk.pairing().device_id.clone();
    assert!(devices
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["id"] == desk_id.as_str()));
    office
        .call(&manager, "revoke_device", json!({"id": desk_id}))
        .unwrap();
    let revoked = desk
        .call(&front_desk, "client_contact", json!({"id": client["id"]}))
        .unwrap_err();
    assert_eq!(revoked.code, ErrorCode::DeviceNotPaired);

    // A manager's code pairs a new workstation.
    let code = office
        .call(&manager, "create_pairing_code", json!({}))
        .unwrap();
    let code = code["code"].as_str().unwrap();
    assert!(code.starts_with(&clinic.server().fingerprint()[..4]));
    assert!(pair(&clinic.address(), code, "Room 2").is_ok());
}

#[test]
fn a_change_at_one_workstation_reaches_the_other_as_an_event() {
    let clinic = Clinic::new();
    let office = clinic.workstation("Office");
    let room = clinic.workstation("Treatment room");
    let (manager, _) = owner(&office);
    let (practitioner, _) = staff(&room, (&office, &manager), "Dana Reyes", "practitioner");
    let mut events = room.events(&practitioner).unwrap();

    let client = new_client(&office, &manager, "Ana", "Lopez");
    let changed = events
        .by_ref()
        .map(|e| e.expect("the server stays there"))
        .find(|e| e.name == "changed")
        .unwrap();
    assert_eq!(changed.payload["command"], "create_client");
    assert_eq!(changed.payload["client_id"], client["id"]);
    assert!(changed.payload["areas"]
        .as_array()
        .unwrap()
        .contains(&json!("clients")));
}

#[test]
fn an_edit_from_a_stale_version_is_refused_naming_who_changed_what() {
    let clinic = Clinic::new();
    let office = clinic.workstation("Office");
    let room = clinic.workstation("Treatment room");
    let (manager, _) = owner(&office);
    let (practitioner, _) = staff(&room, (&office, &manager), "Dana Reyes", "practitioner");
    let client = new_client(&office, &manager, "Ana", "Lopez");

    // Both open the client at version 1; the treatment room saves first.
    let mut theirs = named("Ana", "Lopez");
    theirs.medications = "Finasteride".to_owned();
    room.call(
        &practitioner,
        "update_client",
        json!({"id": client["id"], "version": client["version"], "input": theirs}),
    )
    .unwrap();
    let mut mine = named("Ana", "López");
    mine.email = "ana@example.com".to_owned();
    let stale = office
        .call(
            &manager,
            "update_client",
            json!({"id": client["id"], "version": client["version"], "input": mine}),
        )
        .unwrap_err();
    assert_eq!(stale.code, ErrorCode::Conflict);
    assert_eq!(stale.field.as_deref(), Some("version"));
    assert!(stale.message.contains("Dana Reyes"), "{}", stale.message);
    assert!(stale.message.contains("medications"), "{}", stale.message);
}

#[test]
fn two_desks_booking_the_same_chair_at_the_same_moment_one_wins() {
    let clinic = Clinic::new();
    let office = clinic.workstation("Office");
    let desk = clinic.workstation("Front desk");
    let (manager, owner_id) = owner(&office);
    let (front_desk, _) = staff(&desk, (&office, &manager), "Fran Desk", "front_desk");
    let hours: Vec<Value> = ["mon", "tue", "wed", "thu", "fri"]
        .iter()
        .map(|d| json!({"weekday": d, "opens": "09:00:00", "closes": "18:00:00"}))
        .collect();
    let site = office
        .call(
            &manager,
            "create_site",
            json!({"input": {"name": "Camden", "address": "1 High St", "time_zone": "Europe/London", "hours": hours}}),
        )
        .unwrap();
    office
        .call(
            &manager,
            "set_staff_sites",
            json!({"staff_id": owner_id, "sites": [site["id"]]}),
        )
        .unwrap();
    let ana = new_client(&office, &manager, "Ana", "Lopez");
    let ben = new_client(&office, &manager, "Ben", "Okafor");
    let booking = |client: &Value| {
        json!({"input": {
            "site_id": site["id"], "client_id": client["id"], "practitioner_id": owner_id,
            "kind": "consultation_in_person", "starts_local": "2026-06-16T10:00:00",
            "duration_minutes": 60, "plan_id": null, "session_number": null, "notes": ""
        }})
    };

    let together = Barrier::new(2);
    let (first, second) = std::thread::scope(|s| {
        let a = s.spawn(|| {
            together.wait();
            office.call(&manager, "book_appointment", booking(&ana))
        });
        let b = s.spawn(|| {
            together.wait();
            desk.call(&front_desk, "book_appointment", booking(&ben))
        });
        (a.join().unwrap(), b.join().unwrap())
    });
    assert!(first.is_ok() != second.is_ok(), "{first:?} / {second:?}");
    let refused = first.err().or(second.err()).unwrap();
    assert!(
        refused.message.contains("already booked"),
        "{}",
        refused.message
    );
    let week = office
        .call(
            &manager,
            "calendar",
            json!({"query": {"from": "2026-06-15", "days": 7, "site_id": null, "practitioner_id": null, "include_cancelled": false}}),
        )
        .unwrap();
    assert_eq!(week.as_array().unwrap().len(), 1, "{week}");
}

#[test]
fn a_workstation_of_another_version_is_refused_saying_which_to_update() {
    let clinic = Clinic::new();
    let raw = unpinned_client();
    let url = format!("https://{}/session", clinic.address());
    let ours = hairline::api::API_VERSION;
    for (theirs, update) in [
        (ours - 1, "on this workstation"),
        (ours + 1, "on the server"),
    ] {
        let answer = raw
            .post(&url)
            .header("hairline-api", theirs.to_string())
            .send()
            .unwrap();
        assert_eq!(answer.status(), 409);
        let error: Value = answer.json().unwrap();
        assert_eq!(error["code"], "version_skew");
        assert!(
            error["message"].as_str().unwrap().contains(update),
            "{error}"
        );
    }
    let health = clinic.workstation("Front desk").health().unwrap();
    assert_eq!(health.api_version, ours);
    assert_eq!(health.status, "ok");
}

#[test]
fn a_server_stopped_mid_request_saves_all_or_nothing_and_the_workstation_comes_back() {
    let mut clinic = Clinic::new();
    let office = clinic.workstation("Office");
    let (manager, owner_id) = owner(&office);
    let rows = 20_000;
    let mut csv = String::from("First name,Last name,Phone\n");
    for i in 0..rows {
        csv.push_str(&format!("Client{i},Imported,07700 {:06}\n", 900_000 + i));
    }
    let import = json!({
        "content_base64": base64::engine::general_purpose::STANDARD.encode(csv),
        "request": {"mapping": {"columns": ["first_name", "last_name", "phone"], "date_order": "day_first"}, "decisions": []},
    });
    // The import's own progress says it is under way; then the server stops.
    let mut progress = office.events(&manager).unwrap();
    let interrupted = std::thread::scope(|s| {
        let call = s.spawn(|| office.call(&manager, "import_clients", import));
        progress
            .by_ref()
            .map(|e| e.expect("the server is still there"))
            .find(|e| e.name == "import-progress")
            .expect("the import reports its progress");
        clinic.restart();
        call.join().unwrap()
    });
    let offline = interrupted.unwrap_err();
    assert_eq!(offline.code, ErrorCode::Offline, "{offline:?}");

    // Back: the session ended with the restart; signing in again works, and the import is
    // either wholly there or not at all.
    let session = office.open_session().unwrap();
    office
        .call(
            &session,
            "sign_in",
            json!({"staff_id": owner_id, "password": OWNER_PASSWORD}),
        )
        .unwrap();
    let page = office
        .call(
            &session,
            "list_clients",
            json!({"filter": "active", "offset": 0, "limit": 1}),
        )
        .unwrap();
    let total = page["total"].as_u64().unwrap();
    assert!(
        total == 0 || total == rows,
        "{total} of {rows} clients: a partial import"
    );
}

#[test]
fn the_pairing_code_command_pairs_beside_the_running_server_and_not_a_damaged_practice() {
    let clinic = Clinic::new();
    let code = hairline_server::pairing_code(clinic.dir.path()).expect("a code is printed");
    pair(&clinic.address(), &code.code, "Room two").expect("the printed code pairs");
    // The server's last check found the database damaged: no code is written into it.
    let folder = hairline::db::data_folder::DataFolder::new(clinic.dir.path()).unwrap();
    std::fs::write(
        folder.integrity_record(),
        r#"{"at": "2026-06-15T03:00:00Z", "ok": false}"#,
    )
    .unwrap();
    let refused = hairline_server::pairing_code(clinic.dir.path()).unwrap_err();
    assert!(refused.contains("damaged"), "{refused}");
}

/// When each workstation was last seen, as the workstations list shows it.
fn last_seen(desk: &Connection, session: &SessionToken, name: &str) -> Value {
    let devices = desk.call(session, "list_devices", json!({})).unwrap();
    devices
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == name)
        .expect("the workstation is listed")["last_seen_at"]
        .clone()
}

#[test]
fn a_workstation_is_seen_when_it_calls_at_most_once_a_minute() {
    let clinic = Clinic::new();
    let desk = clinic.workstation("Front desk");
    let (session, _) = owner(&desk);
    let first = last_seen(&desk, &session, "Front desk");
    assert_eq!(first, json!("2026-06-15T12:00:00Z"), "seen when it called");
    clinic.clock.advance(Duration::seconds(59));
    assert_eq!(
        last_seen(&desk, &session, "Front desk"),
        first,
        "not written again within the minute"
    );
    clinic.clock.advance(Duration::seconds(1));
    desk.call(&session, "list_devices", json!({})).unwrap();
    assert_eq!(
        last_seen(&desk, &session, "Front desk"),
        json!("2026-06-15T12:01:00Z"),
        "a minute on, seen again"
    );
}

/// A `GET /exports/<path>` as a workstation sends it, `path` exactly as given (already encoded):
/// its status and JSON answer.
fn raw_export(
    clinic: &Clinic,
    desk: &Connection,
    session: Option<&SessionToken>,
    path: &str,
) -> (u16, Value) {
    let raw = unpinned_client();
    let mut request = raw
        .get(format!("https://{}/exports/{path}", clinic.address()))
        .header("hairline-api", hairline::api::API_VERSION.to_string())
        .bearer_auth(&desk.pairing().device_token);
    if let Some(session) = session {
        request = request.header("hairline-session", &session.0);
    }
    let answer = request.send().unwrap();
    let status = answer.status().as_u16();
    (status, answer.json().unwrap_or(Value::Null))
}

/// An HTTPS client that accepts any certificate: for requests a paired workstation would never
/// send as they are.
fn unpinned_client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .danger_accept_invalid_certs(true)
        .build()
        .unwrap()
}

/// Every file under `folder`, relative, with its bytes.
fn files_under(folder: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut folders = vec![folder.to_owned()];
    while let Some(next) = folders.pop() {
        for entry in std::fs::read_dir(&next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.push((path.strip_prefix(folder).unwrap().to_owned(), bytes));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn an_export_made_at_a_workstation_lands_on_that_workstation_byte_for_byte() {
    let clinic = Clinic::new();
    let office = clinic.workstation("Office");
    let (manager, _) = owner(&office);
    let client = new_client(&office, &manager, "Ana", "Lopez");
    let downloads = tempfile::tempdir().unwrap();

    // A client's record: the JSON and the folder of files beside it.
    let answer = office
        .call(
            &manager,
            "export_client_record",
            json!({"client_id": client["id"]}),
        )
        .unwrap();
    let on_server = std::path::PathBuf::from(answer.as_str().unwrap());
    let files_folder = hairline::exchange::subject_access::files_folder_of;
    // As a photo of the record is written there.
    let photo = files_folder(&on_server).join("photos").join("0a1b.jpg");
    std::fs::write(&photo, b"\xFF\xD8 a photo's bytes").unwrap();
    let home = office
        .bring_export_home(&manager, "export_client_record", answer, downloads.path())
        .unwrap();
    let here = std::path::PathBuf::from(home.as_str().unwrap());
    assert_eq!(here.parent(), Some(downloads.path()));
    assert_eq!(here.file_name(), on_server.file_name());
    assert_eq!(
        std::fs::read(&here).unwrap(),
        std::fs::read(&on_server).unwrap()
    );
    assert!(files_folder(&here)
        .join("photos")
        .join("0a1b.jpg")
        .is_file());
    assert_eq!(
        files_under(&files_folder(&here)),
        files_under(&files_folder(&on_server))
    );

    // The practice archive: the path is replaced, what it holds is answered unchanged.
    let answer = office.call(&manager, "export_practice", json!({})).unwrap();
    let on_server = std::path::PathBuf::from(answer[0].as_str().unwrap());
    let home = office
        .bring_export_home(
            &manager,
            "export_practice",
            answer.clone(),
            downloads.path(),
        )
        .unwrap();
    assert_eq!(home[1], answer[1]);
    let here = std::path::PathBuf::from(home[0].as_str().unwrap());
    assert_eq!(
        std::fs::read(&here).unwrap(),
        std::fs::read(&on_server).unwrap()
    );

    // Brought home twice: never over the first copy (the desktop's naming).
    let again = office
        .bring_export_home(&manager, "export_practice", answer, downloads.path())
        .unwrap();
    let again = std::path::PathBuf::from(again[0].as_str().unwrap());
    assert_ne!(again, here);
    assert!(again.to_string_lossy().ends_with(" (2).json"), "{again:?}");
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&here).unwrap()
    );

    // The front desk's worklist file, by its own permission.
    let desk = clinic.workstation("Front desk");
    let (front_desk, _) = staff(&desk, (&office, &manager), "Fran Desk", "front_desk");
    let query = json!({"query": {"within_days": null, "practitioner_id": null, "kind": null, "flagged": false, "offset": 0, "limit": 50}});
    let answer = desk.call(&front_desk, "export_worklist_csv", query);
    let answer = answer.unwrap();
    let on_server = std::path::PathBuf::from(answer.as_str().unwrap());
    let home = desk
        .bring_export_home(&front_desk, "export_worklist_csv", answer, downloads.path())
        .unwrap();
    let here = std::path::PathBuf::from(home.as_str().unwrap());
    assert_eq!(
        std::fs::read(&here).unwrap(),
        std::fs::read(&on_server).unwrap()
    );

    // Any other command's answer is left as it is.
    let record = json!({"id": client["id"]});
    assert_eq!(
        office
            .bring_export_home(&manager, "client_record", record.clone(), downloads.path())
            .unwrap(),
        record
    );

    // An erasure removes the server's exports holding the client: there is nothing to fetch,
    // and the refusal names the export (copies already brought home are out of its reach).
    let answer = office
        .call(
            &manager,
            "export_client_record",
            json!({"client_id": client["id"]}),
        )
        .unwrap();
    office
        .call(
            &manager,
            "erase_client",
            json!({"client_id": client["id"], "confirmation": "Ana Lopez"}),
        )
        .unwrap();
    let name = std::path::Path::new(answer.as_str().unwrap())
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let gone = office
        .bring_export_home(&manager, "export_client_record", answer, downloads.path())
        .unwrap_err();
    assert_eq!(gone.code, ErrorCode::NotFound, "{gone:?}");
    assert!(gone.message.contains(&name), "{}", gone.message);
}

#[test]
fn exports_are_served_from_the_export_folder_only_to_staff_who_may_make_them() {
    let clinic = Clinic::new();
    let office = clinic.workstation("Office");
    let (manager, _) = owner(&office);
    let archive = office.call(&manager, "export_practice", json!({})).unwrap();
    let on_server = std::path::PathBuf::from(archive[0].as_str().unwrap());
    let name = on_server.file_name().unwrap().to_str().unwrap().to_owned();
    let (status, _) = raw_export(&clinic, &office, Some(&manager), &name);
    assert_eq!(status, 200);

    // Out of the export folder: refused, naming the field.
    for escape in [
        "..%2Fhairline.sqlite",
        "practice-x%2F..%2F..%2Fhairline.sqlite",
        "%2Fetc%2Fpasswd",
    ] {
        let (status, error) = raw_export(&clinic, &office, Some(&manager), escape);
        assert_eq!(status, 400, "{escape}: {error}");
        assert_eq!(error["code"], "bad_request", "{escape}");
        assert_eq!(error["field"], "name", "{escape}");
    }
    // A file there that is not one of Hairline's exports.
    std::fs::write(on_server.with_file_name("notes.txt"), "mine").unwrap();
    let (status, error) = raw_export(&clinic, &office, Some(&manager), "notes.txt");
    assert_eq!((status, error["code"].clone()), (404, json!("not_found")));
    // A link named like an export, leading out of the folder.
    #[cfg(unix)]
    {
        let database = clinic.dir.path().join("hairline.sqlite");
        std::os::unix::fs::symlink(&database, on_server.with_file_name("practice-link.json"))
            .unwrap();
        let (status, error) = raw_export(&clinic, &office, Some(&manager), "practice-link.json");
        assert_eq!(status, 400, "{error}");
        assert!(
            error["message"].as_str().unwrap().contains("outside"),
            "{error}"
        );
    }

    // Signed out, or no session at all: refused.
    let nobody = office.open_session().unwrap();
    let (status, error) = raw_export(&clinic, &office, Some(&nobody), &name);
    assert_eq!(
        (status, error["code"].clone()),
        (401, json!("unauthenticated"))
    );
    let (status, _) = raw_export(&clinic, &office, None, &name);
    assert_eq!(status, 401);

    // A role without the permission of the command that wrote it: refused.
    let desk = clinic.workstation("Front desk");
    let (front_desk, _) = staff(&desk, (&office, &manager), "Fran Desk", "front_desk");
    let (status, error) = raw_export(&clinic, &desk, Some(&front_desk), &name);
    assert_eq!((status, error["code"].clone()), (403, json!("forbidden")));
    let refused = desk
        .bring_export_home(&front_desk, "export_practice", archive, clinic.dir.path())
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    assert!(refused.message.contains(&name), "{}", refused.message);
}
