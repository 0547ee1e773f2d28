//! The daily desktop notification of recalls due today, sent by the shell itself (so the
//! window needs no notification permission). On this computer's practice the shell reads the
//! counts itself at launch and at each new day; on a clinic server it has no session of its own,
//! so the notification comes from the first counts the window's signed-in person reads each day
//! (the navigation reads them at sign-in and at every quarter hour).

use chrono::{Local, NaiveDate};
use hairline::api::Service;
use hairline::RecallCounts;
use serde_json::Value;
use std::sync::{Mutex, PoisonError};
use tauri::{AppHandle, Manager, Runtime};

/// The notification's text for these counts, or `None` when nothing is due today.
fn due_today_text(counts: &RecallCounts) -> Option<String> {
    match counts.due_today {
        0 => None,
        1 => Some("1 recall is due today".to_owned()),
        n => Some(format!("{n} recalls are due today")),
    }
}

/// Shows the notification for these counts, if any recall is due today; a failed notification
/// (no notification service) is only logged.
fn show<R: Runtime>(app: &AppHandle<R>, counts: &RecallCounts) {
    use tauri_plugin_notification::NotificationExt;
    let Some(body) = due_today_text(counts) else {
        return;
    };
    if let Err(e) = app
        .notification()
        .builder()
        .title("Hairline")
        .body(body)
        .show()
    {
        eprintln!("hairline: could not show the recall notification: {e}");
    }
}

/// On launch, and then once a day while the app is open, notifies how many recalls are due
/// today (if any), from this computer's practice. Runs on its own thread.
pub fn notify_recalls_daily<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || loop {
        let day = Local::now().date_naive();
        if let Ok(counts) = app.state::<Service>().with_practice(|p| p.recall_counts()) {
            show(&app, &counts);
        }
        // Wake up when the local day has changed (checked every 10 minutes).
        while Local::now().date_naive() == day {
            std::thread::sleep(std::time::Duration::from_secs(600));
        }
    });
}

/// The last day the counts a window read were looked at for the notification (connected to a
/// clinic server): one notification a day, however many windows and refreshes.
#[derive(Default)]
pub struct NoticedDay(Mutex<Option<NaiveDate>>);

impl NoticedDay {
    /// True the first time it is asked on `day`.
    fn first_on(&self, day: NaiveDate) -> bool {
        let mut last = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if *last == Some(day) {
            return false;
        }
        *last = Some(day);
        true
    }
}

/// The window's `recall_counts` answer from the clinic server: the day's first one notifies.
pub fn on_window_counts<R: Runtime>(app: &AppHandle<R>, reply: &Value) {
    let Ok(counts) = serde_json::from_value::<RecallCounts>(reply.clone()) else {
        return;
    };
    let first_today = app
        .try_state::<NoticedDay>()
        .is_some_and(|noticed| noticed.first_on(Local::now().date_naive()));
    if first_today {
        show(app, &counts);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connected_windows_notify_once_a_day() {
        let noticed = NoticedDay::default();
        let day: NaiveDate = "2026-11-28".parse().unwrap();
        assert!(noticed.first_on(day));
        assert!(
            !noticed.first_on(day),
            "a second window or a refresh the same day"
        );
        assert!(
            noticed.first_on(day.succ_opt().unwrap()),
            "the next day notifies again"
        );
    }

    #[test]
    fn the_notification_names_only_what_is_due_today() {
        let mut counts = RecallCounts {
            overdue: 4,
            due_today: 0,
            this_week: 9,
            this_month: 20,
            flagged: 1,
        };
        assert_eq!(due_today_text(&counts), None);
        counts.due_today = 1;
        assert_eq!(due_today_text(&counts).unwrap(), "1 recall is due today");
        counts.due_today = 12;
        assert_eq!(due_today_text(&counts).unwrap(), "12 recalls are due today");
    }
}
