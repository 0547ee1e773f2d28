//! How long an account waits after wrong passwords, PINs or setup codes: the first five are
//! free, then each further attempt waits twice as long as the one before (30 s, 1 min, 2 min, …),
//! never more than 15 minutes. Counted in the database, so a restart does not reset it.

use chrono::{DateTime, Duration, Utc};

/// Wrong attempts allowed before the first wait.
pub const FREE_ATTEMPTS: u32 = 5;
/// The first wait, after the fifth wrong attempt.
const FIRST_WAIT_SECONDS: i64 = 30;
/// The longest wait.
pub const MAX_WAIT_SECONDS: i64 = 15 * 60;

/// The wait after `failed` wrong attempts in a row (none while under [`FREE_ATTEMPTS`]).
pub fn wait_after(failed: u32) -> Duration {
    if failed < FREE_ATTEMPTS {
        return Duration::zero();
    }
    let doublings = (failed - FREE_ATTEMPTS).min(16);
    Duration::seconds((FIRST_WAIT_SECONDS << doublings).min(MAX_WAIT_SECONDS))
}

/// Seconds still to wait at `now`, after `failed` wrong attempts the last of which was at
/// `last_failed_at`; `None` when an attempt is allowed now.
pub fn seconds_to_wait(
    failed: u32,
    last_failed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<u64> {
    let last = last_failed_at?;
    let allowed_at = last + wait_after(failed);
    let left = (allowed_at - now).num_seconds();
    // A clock set back leaves at most the longest wait, never longer.
    (left > 0).then(|| left.min(MAX_WAIT_SECONDS) as u64)
}

/// "4 minutes 10 seconds", "30 seconds", "1 minute".
pub fn in_words(seconds: u64) -> String {
    let plural = |n: u64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    match (seconds / 60, seconds % 60) {
        (0, s) => plural(s, "second"),
        (m, 0) => plural(m, "minute"),
        (m, s) => format!("{} {}", plural(m, "minute"), plural(s, "second")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_wrong_attempts_are_free_then_each_wait_doubles_up_to_fifteen_minutes() {
        let waits: Vec<i64> = (0..14).map(|n| wait_after(n).num_seconds()).collect();
        assert_eq!(
            waits,
            [0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900, 900]
        );
        assert_eq!(wait_after(u32::MAX).num_seconds(), MAX_WAIT_SECONDS);
    }

    #[test]
    fn the_wait_runs_from_the_last_wrong_attempt() {
        let last = DateTime::parse_from_rfc3339("2026-06-15T10:00:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(seconds_to_wait(4, Some(last), last), None);
        assert_eq!(seconds_to_wait(5, Some(last), last), Some(30));
        assert_eq!(
            seconds_to_wait(5, Some(last), last + Duration::seconds(29)),
            Some(1)
        );
        assert_eq!(
            seconds_to_wait(5, Some(last), last + Duration::seconds(30)),
            None
        );
        assert_eq!(seconds_to_wait(7, None, last), None);
        // A clock set back an hour still waits at most fifteen minutes.
        assert_eq!(
            seconds_to_wait(20, Some(last), last - Duration::hours(1)),
            Some(900)
        );
    }

    #[test]
    fn waits_read_as_minutes_and_seconds() {
        assert_eq!(in_words(1), "1 second");
        assert_eq!(in_words(30), "30 seconds");
        assert_eq!(in_words(60), "1 minute");
        assert_eq!(in_words(250), "4 minutes 10 seconds");
        assert_eq!(in_words(900), "15 minutes");
    }
}
