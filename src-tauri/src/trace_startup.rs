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

/// The command `name`, asked for at `asked`, answered now (`scripts/measure-startup` waits for
/// `sign_in_screen`'s line).
pub(crate) fn answered(name: &str, asked: Instant) {
    if !on() {
        return;
    }
    let took = asked.elapsed().as_secs_f64() * 1000.0;
    eprintln!(
        "hairline: {name} answered in {took:.1} ms at {} ms since the epoch",
        now_ms()
    );
}
