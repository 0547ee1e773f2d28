//! Load benchmark of the clinic server (not part of `make test`): 20 simulated workstations on
//! loopback against the 100,000-client benchmark clinic for a few minutes, a realistic mix of
//! reads and writes, p50/p99 per command and the error count; then the server is killed with
//! SIGKILL mid-run, restarted, and every acknowledged write is looked for and the full
//! integrity check run.
//!
//!     cargo bench -p hairline --bench clinic                # makes target/bench/clinic-100000-300000.sqlite
//!     cargo bench -p hairline-server --bench load           # 5 minutes
//!     HAIRLINE_LOAD_SECONDS=60 HAIRLINE_LOAD_WORKSTATIONS=20 HAIRLINE_LOAD_THINK_MS=1000 \
//!       HAIRLINE_LOAD_CLINIC=path/to/clinic.sqlite cargo bench -p hairline-server --bench load
//!
//! `HAIRLINE_LOAD_AFTER_UPKEEP=1` starts the workstations only once the server's start-up upkeep
//! (its quick check and the copied clinic's first backup) is done.
//!
//! Each workstation waits between its calls as a person at it does: `HAIRLINE_LOAD_THINK_MS`
//! on average (1000, i.e. 20 calls a second from 20 workstations; each pause drawn between half
//! and one and a half times it). `HAIRLINE_LOAD_THINK_MS=0` calls back to back, a saturation
//! test of the machine rather than a clinic's day.

use hairline::access::devices::certificate_fingerprint;
use hairline::record::clients::ClientInput;
use hairline_client::{pair, Connection, ErrorCode, Pairing, SessionToken};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PASSWORD: &str = "load benchmark owner";
const SERVER: &str = env!("CARGO_BIN_EXE_hairline-server");

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small deterministic random source per workstation.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn start_server(data: &Path, listen: &str, log: &Path) -> Child {
    let log = std::fs::File::options()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    Command::new(SERVER)
        .args([
            "--data-dir",
            &data.display().to_string(),
            "--listen",
            listen,
        ])
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("the server starts")
}

fn pairing_code(data: &Path) -> String {
    let out = Command::new(SERVER)
        .args(["pairing-code", "--data-dir", &data.display().to_string()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// Waits until the server answers its health check.
/// `HAIRLINE_LOAD_AFTER_UPKEEP=1`: the workstations start once the server's start-up upkeep
/// (the quick check and the day's first backup of the copied clinic) is done, as on any day after
/// the first; by default they start at once and meet it.
fn after_upkeep() -> bool {
    std::env::var("HAIRLINE_LOAD_AFTER_UPKEEP").is_ok_and(|v| v == "1")
}

/// A third of the way into the run a manager presses "Back up now": the whole clinic copied,
/// compacted and verified while the workstations go on, so the figures include a backup.
fn back_up_meanwhile(manager: Workstation, after_seconds: u64) {
    std::thread::sleep(Duration::from_secs(after_seconds));
    let began = Instant::now();
    let taken = manager
        .connection
        .call(&manager.session, "back_up_now", json!({}));
    match taken {
        Ok(info) => println!(
            "a manager's \"Back up now\" ran from {after_seconds} s to {:.0} s of the run ({} MB, verified)",
            after_seconds as f64 + began.elapsed().as_secs_f64(),
            info["bytes"].as_u64().unwrap_or(0) >> 20
        ),
        Err(e) => println!("a manager's \"Back up now\" failed: {}", e.message),
    }
}

/// When the server's automatic backups were finished, seen from the run's start: whether the
/// figures include the day's backup running beside the workstations.
fn report_backups(folder: &Path, run_began: std::time::SystemTime) {
    let finished: Vec<(String, f64)> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|f| f.file_name().to_string_lossy().ends_with(".sqlite"))
        .filter_map(|f| {
            let at = f.metadata().ok()?.modified().ok()?;
            let after = match at.duration_since(run_began) {
                Ok(after) => after.as_secs_f64(),
                Err(before) => -before.duration().as_secs_f64(),
            };
            Some((f.file_name().to_string_lossy().into_owned(), after))
        })
        .collect();
    if finished.is_empty() {
        println!("no backup was finished by the end of the run");
    }
    for (name, after) in finished {
        if after >= 0.0 {
            println!("backup {name} finished {after:.0} s into the run");
        } else {
            println!("backup {name} finished {:.0} s before the run", -after);
        }
    }
}

fn wait_until_up(data: &Path, address: &str) {
    let deadline = Instant::now() + Duration::from_secs(600);
    while Instant::now() < deadline {
        if let Ok(pem) = std::fs::read_to_string(data.join("server-certificate.pem")) {
            let probe = Connection::new(Pairing {
                address: address.to_owned(),
                fingerprint: certificate_fingerprint(&pem).unwrap(),
                device_id: String::new(),
                device_token: String::new(),
            })
            .unwrap();
            if let Ok(health) = probe.health() {
                if !after_upkeep() {
                    return;
                }
                let backed_up = std::fs::read_dir(data.join("backups")).is_ok_and(|mut files| {
                    files.any(|f| {
                        f.is_ok_and(|f| f.file_name().to_string_lossy().ends_with(".sqlite"))
                    })
                });
                if backed_up && health.upkeep.is_none() {
                    return;
                }
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    panic!("the server did not come up");
}

/// One simulated workstation: its connection and the owner signed in there.
struct Workstation {
    connection: Connection,
    session: SessionToken,
}

fn sign_in(connection: Connection, owner: &Value) -> Workstation {
    let session = connection.open_session().unwrap();
    connection
        .call(
            &session,
            "sign_in",
            json!({"staff_id": owner, "password": PASSWORD}),
        )
        .expect("the owner signs in");
    Workstation {
        connection,
        session,
    }
}

/// What the workstations share: the clinic's sites, practitioners and some clients, and what a
/// treatment room records a session with (a needle, a pigment and an unexpired lot of it).
struct Clinic {
    sites: Vec<Value>,
    clients: Vec<Value>,
    owner: Value,
    needle: Value,
    pigment: Value,
    lot: Value,
}

#[derive(Default)]
struct Tally {
    latencies: BTreeMap<&'static str, Vec<Duration>>,
    errors: Vec<String>,
    /// Refusals the rules make in normal use (a clash with another booking).
    refusals: usize,
    /// Writes the server acknowledged: (command, id).
    acknowledged: Vec<(&'static str, Value)>,
}

fn booking(dice: &mut Dice, clinic: &Clinic) -> Option<Value> {
    let site = &clinic.sites[dice.below(clinic.sites.len())];
    let staff = site["staff_ids"].as_array()?;
    let hours = site["hours"].as_array()?;
    if staff.is_empty() || hours.is_empty() {
        return None;
    }
    let practitioner = &staff[dice.below(staff.len())];
    let open = &hours[dice.below(hours.len())];
    let weekday = match open["weekday"].as_str()? {
        "mon" => chrono::Weekday::Mon,
        "tue" => chrono::Weekday::Tue,
        "wed" => chrono::Weekday::Wed,
        "thu" => chrono::Weekday::Thu,
        "fri" => chrono::Weekday::Fri,
        "sat" => chrono::Weekday::Sat,
        _ => chrono::Weekday::Sun,
    };
    let opens: chrono::NaiveTime = open["opens"].as_str()?.parse().ok()?;
    let closes: chrono::NaiveTime = open["closes"].as_str()?.parse().ok()?;
    let slots = ((closes - opens).num_minutes() / 30 - 1).max(1) as usize;
    let today = chrono::Local::now().date_naive();
    let week = 1 + dice.below(26) as u64;
    let day = (today + chrono::Days::new(7 * week))
        .week(chrono::Weekday::Mon)
        .first_day()
        + chrono::Days::new(weekday.num_days_from_monday().into());
    let starts = day.and_time(opens) + chrono::Duration::minutes(30 * dice.below(slots) as i64);
    let client = &clinic.clients[dice.below(clinic.clients.len())];
    Some(json!({"input": {
        "site_id": site["id"], "client_id": client["id"], "practitioner_id": practitioner,
        "kind": "review", "starts_local": starts.format("%Y-%m-%dT%H:%M:%S").to_string(),
        "duration_minutes": 30, "plan_id": null, "session_number": null, "notes": "load benchmark"
    }}))
}

/// One step of the mix: one command, or a treatment (a plan, a session recorded on it and signed).
enum Step {
    Call(&'static str, Value),
    Treatment,
}

/// A new client's plan of two sessions on the frontal hairline.
fn plan(clinic: &Clinic, client: &Value) -> Value {
    json!({"input": {
        "client_id": client, "areas": ["frontal_hairline"], "hairline_style": null,
        "desired_look": "shaved_buzz", "target_pigment_id": clinic.pigment, "planned_sessions": 2,
        "spacing_days": 14, "touch_up_interval_months": 24, "touch_up_interval_manual": null,
        "finish": null, "notes": "load benchmark"
    }})
}

/// The plan's first session, done yesterday by the owner (a manager who treats), recorded
/// without a signed consent on file (acknowledged, as the practitioner does for a paper one).
fn session(clinic: &Clinic, plan: &Value) -> Value {
    let yesterday = chrono::Local::now().date_naive() - chrono::Days::new(1);
    json!({"input": {
        "plan_id": plan, "number": 1, "performed_on": yesterday,
        "practitioner_id": clinic.owner, "duration_minutes": 150,
        "zones": [{
            "zone": "frontal_hairline", "needle_id": clinic.needle, "cartridge_lot": "LOAD-1",
            "depth_mm": 0.8, "target_layer": "upper dermis", "angle_deg": 75.0,
            "machine_speed": 110.0, "stroke_mm": 3.0, "pigment_lot_id": clinic.lot,
            "dilution": "1:2", "density": "medium"
        }],
        "skin_reaction": null, "pain_score": 3, "notes": "Load benchmark session.",
        "acknowledge_missing_consent": {"reason": "signed on paper, to be scanned"},
        "acknowledge_spacing": null
    }})
}

/// One step of the mix: its command name and request.
fn step(dice: &mut Dice, clinic: &Clinic, n: u64) -> Option<Step> {
    const PREFIXES: &[&str] = &[
        "ma", "jo", "da", "al", "sa", "le", "ch", "an", "ro", "be", "ke", "mi",
    ];
    let client = &clinic.clients[dice.below(clinic.clients.len())];
    let roll = dice.below(100);
    let (name, request) = match roll {
        // A treatment room signs one session per treatment of two or three hours: signing (a
        // password hash checked, by design some hundred milliseconds of CPU) stays rare.
        97.. => return Some(Step::Treatment),
        0..30 => (
            "search_clients",
            json!({"typed": PREFIXES[dice.below(PREFIXES.len())], "filter": "active", "offset": 0, "limit": 20}),
        ),
        30..54 => ("client_record", json!({"id": client["id"]})),
        54..73 => {
            let site = &clinic.sites[dice.below(clinic.sites.len())];
            let from = chrono::Local::now()
                .date_naive()
                .week(chrono::Weekday::Mon)
                .first_day()
                + chrono::Days::new(7 * dice.below(8) as u64);
            (
                "calendar",
                json!({"query": {"from": from, "days": 7, "site_id": site["id"], "practitioner_id": null, "include_cancelled": false}}),
            )
        }
        73..78 => ("recall_counts", json!({})),
        78..89 => ("book_appointment", booking(dice, clinic)?),
        _ => new_client(n),
    };
    Some(Step::Call(name, request))
}

fn new_client(n: u64) -> (&'static str, Value) {
    let input = ClientInput {
        phone: format!("+44 20 7946 {:04}", n % 10_000),
        ..ClientInput::named("Load", &format!("Workstation{n}"))
    };
    ("create_client", json!({"input": input}))
}

/// A workstation's calls, each timed and tallied under its command's name.
struct Caller<'a> {
    desk: &'a Workstation,
    tally: &'a Mutex<Tally>,
    measuring: &'a AtomicBool,
}

impl Caller<'_> {
    /// Calls `name`; answers its reply, or None when it failed (tallied) or the server is gone
    /// (once measuring stopped).
    fn call(&self, name: &'static str, request: Value) -> Option<Value> {
        let started = Instant::now();
        let answer = self.desk.connection.call(&self.desk.session, name, request);
        let took = started.elapsed();
        let measured = self.measuring.load(Ordering::Relaxed);
        let mut tally = self.tally.lock().unwrap();
        match answer {
            Ok(value) => {
                if measured {
                    tally.latencies.entry(name).or_default().push(took);
                }
                if WRITES.contains(&name) {
                    tally.acknowledged.push((name, value["id"].clone()));
                }
                Some(value)
            }
            Err(e) if e.message.contains("already booked") => {
                tally.refusals += 1;
                None
            }
            Err(e) if !measured && e.code == ErrorCode::Offline => None,
            Err(e) => {
                tally
                    .errors
                    .push(format!("{name}: {:?} {}", e.code, e.message));
                None
            }
        }
    }
}

/// The writes whose ids are looked for after the kill.
const WRITES: &[&str] = &[
    "book_appointment",
    "create_client",
    "record_session",
    "sign_session",
];

fn run_workstation(
    index: usize,
    desk: Workstation,
    clinic: Arc<Clinic>,
    tally: Arc<Mutex<Tally>>,
    measuring: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
) {
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15 ^ ((index as u64 + 1) * 0x1000_0001));
    let mut n = index as u64 * 1_000_000;
    let caller = Caller {
        desk: &desk,
        tally: &tally,
        measuring: &measuring,
    };
    // The clients this workstation added, each waiting for a plan.
    let mut untreated: Vec<Value> = Vec::new();
    let think: usize = env_or("HAIRLINE_LOAD_THINK_MS", 1000);
    while !stop.load(Ordering::Relaxed) {
        if think > 0 {
            let pause = think / 2 + dice.below(think);
            std::thread::sleep(Duration::from_millis(pause as u64));
        }
        n += 1;
        let answered = match step(&mut dice, &clinic, n) {
            None => continue,
            Some(Step::Call(name, request)) => caller.call(name, request).map(|reply| {
                if name == "create_client" {
                    untreated.push(reply["id"].clone());
                }
            }),
            Some(Step::Treatment) => treat(&caller, &clinic, &mut untreated, n),
        };
        if answered.is_none() && !measuring.load(Ordering::Relaxed) {
            return;
        }
    }
}

/// A treatment room's work on a client the workstation added: a plan, its first session
/// recorded, then signed with the practitioner's password.
fn treat(caller: &Caller<'_>, clinic: &Clinic, untreated: &mut Vec<Value>, n: u64) -> Option<()> {
    let client = match untreated.pop() {
        Some(client) => client,
        None => {
            let (name, request) = new_client(n);
            caller.call(name, request)?["id"].clone()
        }
    };
    let plan = caller.call("create_plan", plan(clinic, &client))?;
    let recorded = caller.call("record_session", session(clinic, &plan["id"]))?;
    caller.call(
        "sign_session",
        json!({"id": recorded["id"], "credential": {"password": PASSWORD}}),
    )?;
    Some(())
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    let seconds: u64 = env_or("HAIRLINE_LOAD_SECONDS", 300);
    let workstations: usize = env_or("HAIRLINE_LOAD_WORKSTATIONS", 20);
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let clinic_file: PathBuf = std::env::var_os("HAIRLINE_LOAD_CLINIC")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("target/bench/clinic-100000-300000.sqlite"));
    assert!(
        clinic_file.exists(),
        "{} is missing: make it with `cargo bench -p hairline --bench clinic`",
        clinic_file.display()
    );
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("load");
    let _ = std::fs::remove_dir_all(&scratch);
    let data = scratch.join("practice");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(&clinic_file, data.join("hairline.sqlite")).unwrap();
    let log = scratch.join("server.log");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let address = format!("127.0.0.1:{port}");
    println!("clinic {} → {}", clinic_file.display(), data.display());

    let started = Instant::now();
    let mut server = start_server(&data, &address, &log);
    wait_until_up(&data, &address);
    println!(
        "server up{} in {:.1} s (log: {})",
        if after_upkeep() {
            " and its start-up upkeep (quick check, first backup) done"
        } else {
            ""
        },
        started.elapsed().as_secs_f64(),
        log.display()
    );

    let pairings: Vec<Pairing> = (0..workstations)
        .map(|i| pair(&address, &pairing_code(&data), &format!("Workstation {i}")).unwrap())
        .collect();
    let first = Connection::new(pairings[0].clone()).unwrap();
    let session = first.open_session().unwrap();
    let owner = first
        .call(
            &session,
            "create_owner",
            json!({"name": "Load Owner", "password": PASSWORD}),
        )
        .expect("the benchmark clinic has no owner yet")["staff_id"]
        .clone();
    let sites: Vec<Value> = first
        .call(&session, "list_sites", json!({}))
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["active"] == true && !s["staff_ids"].as_array().unwrap().is_empty())
        .cloned()
        .collect();
    let mut clients = Vec::new();
    for page in 0..10 {
        let listed = first
            .call(
                &session,
                "list_clients",
                json!({"filter": "active", "offset": page * 200, "limit": 200}),
            )
            .unwrap();
        clients.extend(listed["clients"].as_array().unwrap().iter().cloned());
    }
    println!(
        "{} sites, {} clients to pick from",
        sites.len(),
        clients.len()
    );
    let needle = first
        .call(&session, "list_needles", json!({}))
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["active"] == true)
        .expect("the benchmark clinic has an active needle")["id"]
        .clone();
    let catalogue = first.call(&session, "list_pigments", json!({})).unwrap();
    let expired = catalogue["expired_lot_ids"].as_array().unwrap();
    let (pigment, lot) = catalogue["pigments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["active"] == true)
        .find_map(|p| {
            let lot = p["lots"]
                .as_array()?
                .iter()
                .find(|l| !expired.contains(&l["id"]))?;
            Some((p["id"].clone(), lot["id"].clone()))
        })
        .expect("the benchmark clinic has a pigment with an unexpired lot");
    let clinic = Arc::new(Clinic {
        sites,
        clients,
        owner: owner.clone(),
        needle,
        pigment,
        lot,
    });

    let desks: Vec<Workstation> = pairings
        .iter()
        .map(|p| sign_in(Connection::new(p.clone()).unwrap(), &owner))
        .collect();
    let manager = sign_in(Connection::new(pairings[0].clone()).unwrap(), &owner);
    let tally = Arc::new(Mutex::new(Tally::default()));
    let measuring = Arc::new(AtomicBool::new(true));
    let stop = Arc::new(AtomicBool::new(false));
    let threads: Vec<_> = desks
        .into_iter()
        .enumerate()
        .map(|(i, desk)| {
            let (clinic, tally, measuring, stop) = (
                clinic.clone(),
                tally.clone(),
                measuring.clone(),
                stop.clone(),
            );
            std::thread::spawn(move || run_workstation(i, desk, clinic, tally, measuring, stop))
        })
        .collect();
    let think: usize = env_or("HAIRLINE_LOAD_THINK_MS", 1000);
    println!("{workstations} workstations for {seconds} s, {think} ms between calls on average …");
    let run_began = std::time::SystemTime::now();
    let backing_up = std::thread::spawn(move || back_up_meanwhile(manager, seconds / 3));
    std::thread::sleep(Duration::from_secs(seconds));
    report_backups(&data.join("backups"), run_began);
    backing_up.join().unwrap();

    // Mid-run: stop measuring and kill the server under the load.
    measuring.store(false, Ordering::Relaxed);
    server.kill().unwrap();
    server.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    for thread in threads {
        thread.join().unwrap();
    }
    let tally = Arc::try_unwrap(tally).ok().unwrap().into_inner().unwrap();

    println!(
        "\n{:<18} {:>8} {:>9} {:>9}",
        "command", "calls", "p50 ms", "p99 ms"
    );
    let mut total = 0;
    for (name, latencies) in &tally.latencies {
        let mut sorted = latencies.clone();
        sorted.sort();
        total += sorted.len();
        println!(
            "{name:<18} {:>8} {:>9.1} {:>9.1}",
            sorted.len(),
            percentile(&sorted, 0.50),
            percentile(&sorted, 0.99)
        );
    }
    println!(
        "{total} calls in {seconds} s ({:.0}/s); {} errors; {} bookings refused for a clash",
        total as f64 / seconds as f64,
        tally.errors.len(),
        tally.refusals
    );
    for error in tally.errors.iter().take(10) {
        println!("  error: {error}");
    }

    // Restart after SIGKILL: every acknowledged write must be there, and the database whole.
    let restarted = Instant::now();
    let mut server = start_server(&data, &address, &log);
    wait_until_up(&data, &address);
    println!(
        "\nSIGKILLed under load; restarted in {:.1} s",
        restarted.elapsed().as_secs_f64()
    );
    let desk = sign_in(Connection::new(pairings[0].clone()).unwrap(), &owner);
    let mut lost = Vec::new();
    for (name, id) in &tally.acknowledged {
        let (read, request) = match *name {
            "create_client" => ("client_contact", json!({"id": id})),
            "record_session" | "sign_session" => ("get_session", json!({"id": id})),
            _ => ("appointment_reminder", json!({"id": id})),
        };
        let found = desk.connection.call(&desk.session, read, request);
        let kept = match (*name, found) {
            ("sign_session", Ok(session)) => !session["signed_at"].is_null(),
            (_, found) => found.is_ok(),
        };
        if !kept {
            lost.push(format!("{name} {id}"));
        }
    }
    println!(
        "{} acknowledged writes, {} missing after the kill{}",
        tally.acknowledged.len(),
        lost.len(),
        lost.first()
            .map(|l| format!(" (first: {l})"))
            .unwrap_or_default()
    );
    let check = desk
        .connection
        .call(&desk.session, "check_database", json!({}))
        .unwrap();
    println!("integrity check: ok = {}", check["ok"]);
    server.kill().unwrap();
    server.wait().unwrap();
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(lost.is_empty() && check["ok"] == true && tally.errors.is_empty());
}
