//! The daily desktop notification of recalls due today, sent by the shell itself (so the
//! window needs no notification permission).

use chrono::Local;
use hairline::api::Service;
use hairline::RecallCounts;
use tauri::{AppHandle, Manager, Runtime};

/// The notification's text for these counts, or `None` when nothing is due today.
fn due_today_text(counts: &RecallCounts) -> Option<String> {
    match counts.due_today {
        0 => None,
        1 => Some("1 recall is due today".to_owned()),
        n => Some(format!("{n} recalls are due today")),
    }
}

/// On launch, and then once a day while the app is open, notifies how many recalls are due
/// today (if any). Runs on its own thread; a failed notification (no notification service) is
/// only logged.
pub fn notify_recalls_daily<R: Runtime>(app: AppHandle<R>) {
    use tauri_plugin_notification::NotificationExt;
    std::thread::spawn(move || loop {
        let day = Local::now().date_naive();
        let counts = app.state::<Service>().with_practice(|p| p.recall_counts());
        if let Some(body) = counts.ok().as_ref().and_then(due_today_text) {
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
        // Wake up when the local day has changed (checked every 10 minutes).
        while Local::now().date_naive() == day {
            std::thread::sleep(std::time::Duration::from_secs(600));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

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
