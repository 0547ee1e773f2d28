//! Time as an input: the core's rules never read the wall clock, so every date rule can be tested
//! at any date. The transports (the desktop shell, the command-line tool, the clinic server) hand
//! them [`SystemClock`].

use chrono::{DateTime, Duration, Local, NaiveDate, Utc};
use std::sync::Mutex;

/// Where "now" and "today" come from. The desktop shell supplies the system clock; tests fix it.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
    /// The current calendar day at the clinic (not necessarily the UTC day).
    fn today(&self) -> NaiveDate;
}

/// The wall clock: "now" in UTC, "today" as the local calendar day of the machine it runs on.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn today(&self) -> NaiveDate {
        Local::now().date_naive()
    }
}

/// A clock that says what it is told: for tests, the demo generator and benchmarks.
#[derive(Debug)]
pub struct FixedClock {
    now: Mutex<DateTime<Utc>>,
}

impl FixedClock {
    pub fn at(now: DateTime<Utc>) -> Self {
        Self {
            now: Mutex::new(now),
        }
    }

    /// Noon UTC on the given day.
    pub fn on(day: NaiveDate) -> Self {
        Self::at(day.and_hms_opt(12, 0, 0).expect("noon exists").and_utc())
    }

    pub fn set(&self, now: DateTime<Utc>) {
        *self.now.lock().expect("clock lock") = now;
    }

    pub fn advance(&self, by: Duration) {
        *self.now.lock().expect("clock lock") += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().expect("clock lock")
    }

    fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

impl<C: Clock + ?Sized> Clock for std::sync::Arc<C> {
    fn now(&self) -> DateTime<Utc> {
        (**self).now()
    }
    fn today(&self) -> NaiveDate {
        (**self).today()
    }
}
