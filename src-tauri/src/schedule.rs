//! The calendar and recall commands (sites, appointments, the practitioner's day, the recall
//! worklist, clinic rules and exports), one per core use case, plus the daily desktop
//! notification of recalls due. Re-exported by `commands.rs` so the one command list names them.

use crate::shell::{Arg, Shell};
use chrono::{Local, NaiveDate};
use hairline::{
    ApiError, Appointment, AppointmentId, AppointmentInput, CalendarQuery, ChairEntry, ClientId,
    ClinicSettings, ContactAttempt, ContactInput, ErrorCode, Recall, RecallCounts, RecallId, Site,
    SiteId, SiteInput, StaffId, WorklistQuery, WorklistRow,
};
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager, Runtime, State};

type Reply<T> = Result<T, ApiError>;
type Shared<'a> = State<'a, Shell>;

// ---- sites -----------------------------------------------------------------------------------

#[tauri::command]
pub fn list_sites(shell: Shared<'_>) -> Reply<Vec<Site>> {
    shell.read(|p| p.list_sites())
}

#[tauri::command]
pub fn create_site(shell: Shared<'_>, input: Arg<SiteInput>) -> Reply<Site> {
    let input = input.get()?;
    shell.write(|p, actor| p.create_site(actor, &input))
}

#[tauri::command]
pub fn update_site(shell: Shared<'_>, id: Arg<SiteId>, input: Arg<SiteInput>) -> Reply<Site> {
    let (id, input) = (id.get()?, input.get()?);
    shell.write(|p, actor| p.update_site(actor, id, &input))
}

/// Sets the sites a staff member works at (replacing the previous list).
#[tauri::command]
pub fn set_staff_sites(
    shell: Shared<'_>,
    staff_id: Arg<StaffId>,
    sites: Arg<Vec<SiteId>>,
) -> Reply<()> {
    let (staff_id, sites) = (staff_id.get()?, sites.get()?);
    shell.write(|p, actor| p.set_staff_sites(actor, staff_id, &sites))
}

// ---- appointments ----------------------------------------------------------------------------

/// A day or week view: by site, by practitioner, or the whole clinic.
#[tauri::command]
pub fn calendar(shell: Shared<'_>, query: Arg<CalendarQuery>) -> Reply<Vec<Appointment>> {
    let query = query.get()?;
    shell.read(|p| p.calendar(&query))
}

#[tauri::command]
pub fn book_appointment(shell: Shared<'_>, input: Arg<AppointmentInput>) -> Reply<Appointment> {
    let input = input.get()?;
    shell.write(|p, actor| p.book_appointment(actor, &input))
}

#[tauri::command]
pub fn reschedule_appointment(
    shell: Shared<'_>,
    id: Arg<AppointmentId>,
    input: Arg<AppointmentInput>,
) -> Reply<Appointment> {
    let (id, input) = (id.get()?, input.get()?);
    shell.write(|p, actor| p.reschedule_appointment(actor, id, &input))
}

#[tauri::command]
pub fn cancel_appointment(shell: Shared<'_>, id: Arg<AppointmentId>) -> Reply<Appointment> {
    let id = id.get()?;
    shell.write(|p, actor| p.cancel_appointment(actor, id))
}

#[tauri::command]
pub fn mark_attended(shell: Shared<'_>, id: Arg<AppointmentId>) -> Reply<Appointment> {
    let id = id.get()?;
    shell.write(|p, actor| p.mark_attended(actor, id))
}

#[tauri::command]
pub fn mark_no_show(shell: Shared<'_>, id: Arg<AppointmentId>) -> Reply<Appointment> {
    let id = id.get()?;
    shell.write(|p, actor| p.mark_no_show(actor, id))
}

#[tauri::command]
pub fn client_appointments(shell: Shared<'_>, client_id: Arg<ClientId>) -> Reply<Vec<Appointment>> {
    let client_id = client_id.get()?;
    shell.read(|p| p.client_appointments(client_id))
}

/// A practitioner's appointments on one day, each with the client's last session.
#[tauri::command]
pub fn practitioner_day(
    shell: Shared<'_>,
    practitioner_id: Arg<StaffId>,
    day: Arg<NaiveDate>,
) -> Reply<Vec<ChairEntry>> {
    let (practitioner_id, day) = (practitioner_id.get()?, day.get()?);
    shell.read(|p| p.practitioner_day(practitioner_id, day))
}

/// The text of a reminder to send the client (in the site's local time).
#[tauri::command]
pub fn appointment_reminder(shell: Shared<'_>, id: Arg<AppointmentId>) -> Reply<String> {
    let id = id.get()?;
    shell.read(|p| p.appointment_reminder(id))
}

// ---- recalls ---------------------------------------------------------------------------------

#[tauri::command]
pub fn worklist(shell: Shared<'_>, query: Arg<WorklistQuery>) -> Reply<Vec<WorklistRow>> {
    let query = query.get()?;
    shell.read(|p| p.worklist(&query))
}

/// The counts on the navigation ("12 due").
#[tauri::command]
pub fn recall_counts(shell: Shared<'_>) -> Reply<RecallCounts> {
    shell.read(|p| p.recall_counts())
}

#[tauri::command]
pub fn log_contact(
    shell: Shared<'_>,
    recall_id: Arg<RecallId>,
    input: Arg<ContactInput>,
) -> Reply<ContactAttempt> {
    let (recall_id, input) = (recall_id.get()?, input.get()?);
    shell.write(|p, actor| p.log_contact(actor, recall_id, &input))
}

#[tauri::command]
pub fn snooze_recall(
    shell: Shared<'_>,
    recall_id: Arg<RecallId>,
    until: Arg<NaiveDate>,
) -> Reply<Recall> {
    let (recall_id, until) = (recall_id.get()?, until.get()?);
    shell.write(|p, actor| p.snooze_recall(actor, recall_id, until))
}

#[tauri::command]
pub fn decline_recall(
    shell: Shared<'_>,
    recall_id: Arg<RecallId>,
    reason: Arg<String>,
) -> Reply<Recall> {
    let (recall_id, reason) = (recall_id.get()?, reason.get()?);
    shell.write(|p, actor| p.decline_recall(actor, recall_id, &reason))
}

#[tauri::command]
pub fn disable_recall_until(
    shell: Shared<'_>,
    recall_id: Arg<RecallId>,
    until: Arg<Option<NaiveDate>>,
) -> Reply<Recall> {
    let (recall_id, until) = (recall_id.get()?, until.get()?);
    shell.write(|p, actor| p.disable_recall_until(actor, recall_id, until))
}

#[tauri::command]
pub fn set_recall_due(
    shell: Shared<'_>,
    recall_id: Arg<RecallId>,
    due_on: Arg<NaiveDate>,
) -> Reply<Recall> {
    let (recall_id, due_on) = (recall_id.get()?, due_on.get()?);
    shell.write(|p, actor| p.set_recall_due(actor, recall_id, due_on))
}

#[tauri::command]
pub fn book_recall(
    shell: Shared<'_>,
    recall_id: Arg<RecallId>,
    input: Arg<AppointmentInput>,
) -> Reply<Appointment> {
    let (recall_id, input) = (recall_id.get()?, input.get()?);
    shell.write(|p, actor| p.book_recall(actor, recall_id, &input))
}

#[tauri::command]
pub fn client_recalls(shell: Shared<'_>, client_id: Arg<ClientId>) -> Reply<Vec<Recall>> {
    let client_id = client_id.get()?;
    shell.read(|p| p.client_recalls(client_id))
}

#[tauri::command]
pub fn recall_contacts(shell: Shared<'_>, recall_id: Arg<RecallId>) -> Reply<Vec<ContactAttempt>> {
    let recall_id = recall_id.get()?;
    shell.read(|p| p.recall_contacts(recall_id))
}

// ---- clinic rules ----------------------------------------------------------------------------

#[tauri::command]
pub fn clinic_settings(shell: Shared<'_>) -> Reply<ClinicSettings> {
    shell.read(|p| p.settings())
}

#[tauri::command]
pub fn update_clinic_settings(
    shell: Shared<'_>,
    settings: Arg<ClinicSettings>,
) -> Reply<ClinicSettings> {
    let settings = settings.get()?;
    shell.write(|p, actor| p.update_settings(actor, &settings))
}

// ---- exports: written into the user's Downloads folder; the UI shows the path ---------------

/// One appointment as an .ics file; answers the file's path.
#[tauri::command]
pub fn export_appointment_ics<R: Runtime>(
    app: AppHandle<R>,
    shell: Shared<'_>,
    id: Arg<AppointmentId>,
) -> Reply<String> {
    let id = id.get()?;
    let (text, a) = shell.read(|p| Ok((p.appointment_ics(id)?, p.appointment(id)?)))?;
    let name = format!(
        "appointment-{}-{}.ics",
        a.client_number,
        a.starts_local.format("%Y-%m-%d")
    );
    save_export(&app, &shell, &name, &text)
}

/// A calendar view as one .ics file; answers the file's path.
#[tauri::command]
pub fn export_calendar_ics<R: Runtime>(
    app: AppHandle<R>,
    shell: Shared<'_>,
    query: Arg<CalendarQuery>,
) -> Reply<String> {
    let query = query.get()?;
    let text = shell.read(|p| p.calendar_ics(&query))?;
    let name = format!("calendar-{}-{}d.ics", query.from, query.days);
    save_export(&app, &shell, &name, &text)
}

/// The worklist as CSV; answers the file's path.
#[tauri::command]
pub fn export_worklist_csv<R: Runtime>(
    app: AppHandle<R>,
    shell: Shared<'_>,
    query: Arg<WorklistQuery>,
) -> Reply<String> {
    let query = query.get()?;
    let (text, today) = shell.read(|p| Ok((p.worklist_csv(&query)?, p.clock().today())))?;
    let name = if query.flagged {
        format!("recalls-flagged-{today}.csv")
    } else {
        format!("recalls-{today}.csv")
    };
    save_export(&app, &shell, &name, &text)
}

/// Writes `text` as `name` into the Downloads folder (the data folder if there is none), never
/// over an existing file: `name (2).ext`, `name (3).ext`, … Answers the path written.
fn save_export<R: Runtime>(
    app: &AppHandle<R>,
    shell: &Shell,
    name: &str,
    text: &str,
) -> Reply<String> {
    let dir = app
        .path()
        .download_dir()
        .ok()
        .filter(|d| d.is_dir())
        .unwrap_or_else(|| shell.data_dir().to_path_buf());
    let path = free_path(&dir, name);
    std::fs::write(&path, text).map_err(|e| ApiError {
        code: ErrorCode::Storage,
        message: format!("could not write {}: {e}", path.display()),
        field: None,
    })?;
    Ok(path.display().to_string())
}

/// `dir/name`, or the first `dir/stem (n).ext` that does not exist yet.
fn free_path(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !first.exists() {
        return first;
    }
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    (2..)
        .map(|n| dir.join(format!("{stem} ({n}).{ext}")))
        .find(|p| !p.exists())
        .expect("some free name")
}

// ---- the daily notification ------------------------------------------------------------------

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
pub(crate) fn notify_recalls_daily<R: Runtime>(app: AppHandle<R>) {
    use tauri_plugin_notification::NotificationExt;
    std::thread::spawn(move || loop {
        let day = Local::now().date_naive();
        let counts = app.state::<Shell>().read(|p| p.recall_counts());
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

    #[test]
    fn exports_never_overwrite_a_file() {
        let dir = std::env::temp_dir().join(format!("hairline-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let first = free_path(&dir, "recalls.csv");
        assert_eq!(first, dir.join("recalls.csv"));
        std::fs::write(&first, "x").unwrap();
        assert_eq!(free_path(&dir, "recalls.csv"), dir.join("recalls (2).csv"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
