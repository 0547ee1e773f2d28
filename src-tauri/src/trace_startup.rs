//! With `HAIRLINE_TRACE_STARTUP` set, the app tells stderr when each step of its start happened
//! (wall-clock ms since the epoch, to compare with the launch time taken outside the process)
//! and how long each command took, so a slow start can be taken apart from outside
//! (`scripts/measure-startup`). Silent otherwise.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

fn on() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("HAIRLINE_TRACE_STARTUP").is_some())
}

fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default()
}

/// A step of the start reached (the window set up, the practice opened, …).
pub(crate) fn reached(step: &str) {
    if on() {
        eprintln!("hairline: {step} at {} ms since the epoch", now_ms());
    }
}

/// The command `name`, asked for at `asked`, answered now. The first client list served is
/// the line `scripts/measure-startup` waits for.
pub(crate) fn answered(name: &str, asked: Instant) {
    if !on() {
        return;
    }
    let took = asked.elapsed().as_secs_f64() * 1000.0;
    eprintln!(
        "hairline: {name} answered in {took:.1} ms at {} ms since the epoch",
        now_ms()
    );
    static FIRST_LIST: std::sync::Once = std::sync::Once::new();
    if name == "list_clients" {
        FIRST_LIST.call_once(|| reached("first client list served"));
    }
}
