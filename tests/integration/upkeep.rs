//! Paint first, then upkeep: opening is the file and its migrations only; the quick check, the
//! day's backup and the integrity check run beside the commands (never blocking one), and damage
//! they find stops every write at once while reads go on.

use crate::desk::{Desk, OWNER_PASSWORD};
use hairline::api::{dispatch, upkeep, Events, NoEvents, Service, SessionHandle, UPKEEP};
use hairline::db::data_folder::DataFolder;
use hairline::{ErrorCode, FixedClock};
use serde_json::{json, Value};
use std::path::Path;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::on("2026-06-15".parse().unwrap()))
}

pub(crate) fn open(dir: &Path) -> Service {
    Service::open(DataFolder::new(dir).unwrap(), clock(), None)
}

/// Which event to pause at, by its name and payload.
type PausePoint = Box<dyn Fn(&str, &Value) -> bool + Send + Sync>;

/// Events that hold the thread sending them at the first one `pause_at` picks, until the test
/// lets it go on: a backup or a check paused mid-way.
pub struct PausedAt {
    pause_at: PausePoint,
    started: Mutex<Option<Sender<()>>>,
    go: Mutex<Receiver<()>>,
    /// Every event sent, in order.
    pub sent: Mutex<Vec<(String, Value)>>,
}

impl PausedAt {
    /// Pauses at the first event called `name`.
    pub fn new(name: &'static str, started: Sender<()>, go: Receiver<()>) -> Self {
        Self::when(move |sent, _| sent == name, started, go)
    }

    pub fn when(
        pause_at: impl Fn(&str, &Value) -> bool + Send + Sync + 'static,
        started: Sender<()>,
        go: Receiver<()>,
    ) -> Self {
        PausedAt {
            pause_at: Box::new(pause_at),
            started: Mutex::new(Some(started)),
            go: Mutex::new(go),
            sent: Mutex::new(Vec::new()),
        }
    }
}

impl Events for PausedAt {
    fn emit(&self, name: &str, payload: Value) {
        self.sent
            .lock()
            .unwrap()
            .push((name.to_owned(), payload.clone()));
        if !(self.pause_at)(name, &payload) {
            return;
        }
        if let Some(started) = self.started.lock().unwrap().take() {
            started.send(()).unwrap();
            self.go.lock().unwrap().recv().unwrap();
        }
    }
}

/// Events that never pause, kept for the test to read.
pub(crate) fn recorded() -> (PausedAt, Sender<()>) {
    let (started, _) = channel();
    let (go, go_rx) = channel();
    (PausedAt::when(|_, _| false, started, go_rx), go)
}

fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

pub(crate) fn client(first: &str) -> Value {
    json!({"input": {
        "first_name": first, "last_name": "Quinn", "date_of_birth": null, "phone": "07700 900001",
        "email": "", "address": "", "preferred_contact": "phone", "care_reminders_consent": true,
        "marketing_consent": false, "fitzpatrick": null, "hair_loss_pattern": null,
        "indication": null, "hair_coverage": null, "hair_length": null, "contraindications": [],
        "medications": "", "allergies": "", "notes": ""
    }})
}

pub(crate) fn clients_listed(desk: &Desk<'_>) -> Vec<String> {
    let page = desk
        .call(
            "list_clients",
            json!({"filter": "active", "offset": 0, "limit": 50}),
        )
        .expect("the list answers");
    page["clients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["first_name"].as_str().unwrap().to_owned())
        .collect()
}

/// The window is shown before the practice is open; a command sent meanwhile waits for the
/// opening (the file and its migrations), then answers.
#[test]
fn commands_sent_before_the_practice_is_open_wait_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let service = Service::starting(DataFolder::new(dir.path()).unwrap(), clock(), None);
    assert!(
        !dir.path().join("hairline.sqlite").exists(),
        "nothing is opened before the window shows"
    );
    let handle = SessionHandle::new();
    let screen = std::thread::scope(|s| {
        let asked = s.spawn(|| dispatch(&service, &NoEvents, &handle, "sign_in_screen", json!({})));
        service.finish_opening();
        asked.join().unwrap()
    });
    assert_eq!(screen.unwrap()["needs_owner"], true);
    assert!(service.info().open_error.is_none());
}

/// Opening takes no backup and runs no check; upkeep at start does both, telling the window
/// what it does (the quick check, then the backup with its progress) and when it is done.
#[test]
fn upkeep_at_start_checks_then_backs_up_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    let backups = service.folder().backups();
    assert!(files_in(&backups).is_empty(), "opening takes no backup");
    let (events, _go) = recorded();
    upkeep::at_start(&service, &events);
    assert!(
        files_in(&backups)
            .iter()
            .any(|n| n.starts_with("hairline-") && n.ends_with(".sqlite")),
        "the day's backup"
    );
    let doing: Vec<Value> = events
        .sent
        .lock()
        .unwrap()
        .iter()
        .filter(|(name, _)| name == UPKEEP)
        .map(|(_, status)| status["doing"].clone())
        .collect();
    assert_eq!(doing.first(), Some(&json!("quick_check")));
    assert!(doing.contains(&json!("backup")), "{doing:?}");
    assert_eq!(doing.last(), Some(&Value::Null), "done");
    let status = service.info().upkeep;
    assert_eq!(
        (status.doing, status.damage, status.backup_error),
        (None, None, None)
    );
}

/// While the day's backup copies (paused mid-copy), reads and writes run to completion.
#[test]
fn commands_run_while_the_days_backup_is_under_way() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    let (desk, _) = Desk::owner(&service, "Dana Whitfield");
    let backups = service.folder().backups();
    let (started_tx, started) = channel();
    let (go, go_rx) = channel();
    let events = PausedAt::when(
        |name, status| name == UPKEEP && status["doing"] == "backup" && status["percent"].is_u64(),
        started_tx,
        go_rx,
    );
    std::thread::scope(|s| {
        let upkeep = s.spawn(|| upkeep::at_start(&service, &events));
        started.recv().unwrap();
        assert!(
            files_in(&backups).iter().any(|n| n.ends_with(".partial")),
            "the copy is under way"
        );
        desk.call("create_client", client("Ada"))
            .expect("a write runs meanwhile");
        assert_eq!(clients_listed(&desk), ["Ada"], "and a read");
        go.send(()).unwrap();
        upkeep.join().unwrap();
    });
    assert!(files_in(&backups)
        .iter()
        .any(|n| n.starts_with("hairline-") && n.ends_with(".sqlite")));
}

/// "Back up now" copies on its own connection: opening the client list (and saving) while it
/// copies runs to completion.
#[test]
fn the_client_list_opens_while_back_up_now_copies() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    let (desk, _) = Desk::owner(&service, "Dana Whitfield");
    desk.call("create_client", client("Ada")).unwrap();
    let (started_tx, started) = channel();
    let (go, go_rx) = channel();
    let events = PausedAt::new(hairline::api::BACKUP_PROGRESS, started_tx, go_rx);
    let backups = service.folder().backups();
    let backed_up = std::thread::scope(|s| {
        let backup =
            s.spawn(|| dispatch(&service, &events, &desk.handle, "back_up_now", json!({})));
        started.recv().unwrap();
        assert!(files_in(&backups).iter().any(|n| n.ends_with(".partial")));
        assert_eq!(clients_listed(&desk), ["Ada"]);
        desk.call("create_client", client("Bea")).unwrap();
        go.send(()).unwrap();
        backup.join().unwrap()
    });
    backed_up.expect("the backup finishes too");
}

/// The root page of `table` overwritten in the file, as a failing disk would.
pub(crate) fn damage_table(database: &Path, table: &str) {
    let root: i64 = rusqlite::Connection::open(database)
        .unwrap()
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
            [table],
            |r| r.get(0),
        )
        .unwrap();
    let root = root as usize;
    let mut bytes = std::fs::read(database).unwrap();
    bytes[(root - 1) * 4096..root * 4096].fill(0x5A);
    std::fs::write(database, &bytes).unwrap();
}

/// The quick check at start finds the file damaged: the window is told at once, every write is
/// refused with `record_damaged` (the file is not written to, no backup is taken), reads go on,
/// and restoring the newest good backup — allowed to whoever is there — lifts it.
#[test]
fn damage_found_at_start_stops_every_write_and_reads_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    let (desk, _) = Desk::owner(&service, "Dana Whitfield");
    desk.call("create_client", client("Ada")).unwrap();
    desk.call("back_up_now", json!({})).unwrap();
    service.checkpoint();
    let database = service.folder().database();
    damage_table(&database, "needles");
    let damaged = std::fs::read(&database).unwrap();
    let backups = files_in(&service.folder().backups());

    let (events, _go) = recorded();
    upkeep::at_start(&service, &events);
    let told = events.sent.lock().unwrap().last().cloned().unwrap();
    assert_eq!(told.0, UPKEEP);
    assert!(told.1["damage"].is_string(), "{told:?}");
    assert!(service.info().upkeep.damage.is_some());

    let refused = desk.call("create_client", client("Bea")).unwrap_err();
    assert_eq!(refused.code, ErrorCode::RecordDamaged, "{refused:?}");
    assert!(refused.message.contains("Data safety"), "{refused:?}");
    assert_eq!(clients_listed(&desk), ["Ada"], "reads go on");
    service.checkpoint();
    assert_eq!(
        std::fs::read(&database).unwrap(),
        damaged,
        "nothing written to the damaged file"
    );
    assert_eq!(
        files_in(&service.folder().backups()),
        backups,
        "no backup of it"
    );

    // Anyone at the workstation may put the newest good backup in place.
    let nobody = Desk::new(&service);
    let newest = nobody.call("newest_good_backup", json!({})).unwrap();
    nobody
        .call("recover_from_backup", json!({"path": newest["path"]}))
        .expect("recovered");
    assert!(service.info().upkeep.damage.is_none());
    desk.call("create_client", client("Bea"))
        .expect("writes work again");
}

/// A damage the weekly check recorded stops writes from the moment the practice opens, until a
/// full check at start finds the database sound.
#[test]
fn a_recorded_damage_stops_writes_until_a_check_finds_the_database_sound() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    let (desk, owner) = Desk::owner(&service, "Dana Whitfield");
    let record = service.folder().integrity_record();
    drop(desk);
    drop(service);
    std::fs::write(&record, r#"{"at":"2026-06-14T03:00:00Z","ok":false}"#).unwrap();
    let service = open(dir.path());
    let desk = Desk::new(&service);
    let refused = desk
        .call(
            "sign_in",
            json!({"staff_id": owner, "password": OWNER_PASSWORD}),
        )
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::RecordDamaged, "{refused:?}");
    upkeep::at_start(&service, &NoEvents);
    assert!(
        service.info().upkeep.damage.is_none(),
        "the full check passed"
    );
    desk.call(
        "sign_in",
        json!({"staff_id": owner, "password": OWNER_PASSWORD}),
    )
    .unwrap();
    desk.call("create_client", client("Ada")).unwrap();
}

/// Saves never copy the WAL back into the database themselves (a save that did waited for the
/// copy and an fsync of the whole database file); upkeep copies it beside the writer.
#[test]
fn saves_leave_the_wal_to_upkeep_which_copies_it_beside_the_writer() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    let (desk, _) = Desk::owner(&service, "Mara Quinn");
    let database = service.folder().database();
    let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
    let mut wal = database.clone().into_os_string();
    wal.push("-wal");
    let wal = std::path::PathBuf::from(wal);
    service.checkpoint_beside_writer();
    let before = size(&database);
    // Well past SQLite's default of 1,000 WAL pages, at which a save used to copy it back.
    for n in 0..300 {
        let mut request = client(&format!("Client{n}"));
        request["input"]["notes"] = json!("x".repeat(3000));
        desk.call("create_client", request).unwrap();
    }
    assert!(
        size(&wal) > 1_000 * 4096,
        "the saves are in the WAL: {} bytes",
        size(&wal)
    );
    assert_eq!(
        size(&database),
        before,
        "no save copied the WAL into the database"
    );
    service.checkpoint_beside_writer();
    assert!(
        size(&database) > before,
        "upkeep copied the saved pages into the database"
    );
    assert_eq!(
        desk.call(
            "list_clients",
            json!({"filter": "active", "offset": 0, "limit": 1})
        )
        .unwrap()["total"],
        300
    );
}
