//! How long proving who one is takes: a sign-in with a password and one with a PIN, through the
//! command table on a real data folder (argon2id verification, the throttle's bookkeeping and
//! the audit entry). The parameters are in `src/access/secrets.rs`; the target is 100–500 ms.
//!
//! `cargo bench --bench sign_in` (ROUNDS=n to change the 15 rounds).

use hairline::api::{dispatch, NoEvents, Service, SessionHandle};
use hairline::db::data_folder::DataFolder;
use hairline::FixedClock;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PASSWORD: &str = "bench password here";

fn main() {
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let clock = Arc::new(FixedClock::on("2026-06-15".parse().unwrap()));
    let service = Service::open(DataFolder::new(dir.path()).unwrap(), clock, None);
    let desk = SessionHandle::new();
    let call = |name: &str, request: Value| {
        dispatch(&service, &NoEvents, &desk, name, request)
            .unwrap_or_else(|e| panic!("{name}: {e:?}"))
    };
    let owner = call(
        "create_owner",
        json!({"name": "Bench Owner", "password": PASSWORD}),
    );
    let id = owner["staff_id"].clone();
    call("set_pin", json!({"password": PASSWORD, "pin": "482613"}));
    let time = |name: &str, request: Value| {
        let mut took: Vec<Duration> = (0..rounds)
            .map(|_| {
                let start = Instant::now();
                call(name, request.clone());
                start.elapsed()
            })
            .collect();
        took.sort();
        (took[took.len() / 2], took[took.len() - 1])
    };
    let (password_median, password_max) =
        time("sign_in", json!({"staff_id": id, "password": PASSWORD}));
    let (pin_median, pin_max) = time("sign_in_with_pin", json!({"staff_id": id, "pin": "482613"}));
    println!("sign-in, {rounds} rounds each (median, slowest):");
    println!("  password: {password_median:.0?}, {password_max:.0?}");
    println!("  PIN:      {pin_median:.0?}, {pin_max:.0?}");
}
