//! Appointments, the practitioner's day, recalls and the calendar and worklist files.

use crate::api::requests::{
    BookRecall, ById, ClientRecallsRequest, DeclineRecall, DisableRecall, ForClient, ForQuery,
    ForRecall, LogContact, NoRequest, PractitionerDay, SetRecallDue, SnoozeRecall, Update,
    WithInput,
};
use crate::api::{Call, Reply};
use crate::atomic_file::write_bytes_atomically;
use crate::db::administration::Administration;
use crate::exchange::export_file::new_export_path;
use crate::ids::AppointmentId;
use crate::schedule::appointments::{Appointment, AppointmentInput, CalendarQuery, ChairEntry};
use crate::schedule::recalls::{ClientRecalls, ContactAttempt, Recall};
use crate::schedule::summary::{CalendarSummary, CalendarSummaryQuery};
use crate::schedule::worklist::{RecallCounts, WorklistPage, WorklistQuery};

pub(crate) fn calendar(call: &Call<'_>, r: ForQuery<CalendarQuery>) -> Reply<Vec<Appointment>> {
    call.read(|p| p.calendar(&r.query))
}

pub(crate) fn calendar_summary(
    call: &Call<'_>,
    r: ForQuery<CalendarSummaryQuery>,
) -> Reply<CalendarSummary> {
    call.read(|p| p.calendar_summary(&r.query))
}

pub(crate) fn book_appointment(
    call: &Call<'_>,
    r: WithInput<AppointmentInput>,
) -> Reply<Appointment> {
    call.write(|p, actor| p.book_appointment(actor, &r.input))
}

pub(crate) fn reschedule_appointment(
    call: &Call<'_>,
    r: Update<AppointmentId, AppointmentInput>,
) -> Reply<Appointment> {
    call.write(|p, actor| p.reschedule_appointment(actor, r.id, r.version, &r.input))
}

pub(crate) fn cancel_appointment(call: &Call<'_>, r: ById<AppointmentId>) -> Reply<Appointment> {
    call.write(|p, actor| p.cancel_appointment(actor, r.id))
}

pub(crate) fn mark_attended(call: &Call<'_>, r: ById<AppointmentId>) -> Reply<Appointment> {
    call.write(|p, actor| p.mark_attended(actor, r.id))
}

pub(crate) fn mark_no_show(call: &Call<'_>, r: ById<AppointmentId>) -> Reply<Appointment> {
    call.write(|p, actor| p.mark_no_show(actor, r.id))
}

pub(crate) fn client_appointments(call: &Call<'_>, r: ForClient) -> Reply<Vec<Appointment>> {
    call.read(|p| p.client_appointments(r.client_id))
}

pub(crate) fn practitioner_day(call: &Call<'_>, r: PractitionerDay) -> Reply<Vec<ChairEntry>> {
    call.read(|p| p.practitioner_day(r.practitioner_id, r.day))
}

pub(crate) fn appointment_reminder(call: &Call<'_>, r: ById<AppointmentId>) -> Reply<String> {
    call.read(|p| p.appointment_reminder(r.id))
}

pub(crate) fn worklist(call: &Call<'_>, r: ForQuery<WorklistQuery>) -> Reply<WorklistPage> {
    call.read(|p| p.worklist_page(&r.query))
}

pub(crate) fn recall_counts(call: &Call<'_>, _: NoRequest) -> Reply<RecallCounts> {
    call.read(|p| p.recall_counts())
}

pub(crate) fn log_contact(call: &Call<'_>, r: LogContact) -> Reply<ContactAttempt> {
    call.write(|p, actor| p.log_contact(actor, r.recall_id, &r.input))
}

pub(crate) fn snooze_recall(call: &Call<'_>, r: SnoozeRecall) -> Reply<Recall> {
    call.write(|p, actor| p.snooze_recall(actor, r.recall_id, r.until))
}

pub(crate) fn decline_recall(call: &Call<'_>, r: DeclineRecall) -> Reply<Recall> {
    call.write(|p, actor| p.decline_recall(actor, r.recall_id, &r.reason))
}

pub(crate) fn disable_recall_until(call: &Call<'_>, r: DisableRecall) -> Reply<Recall> {
    call.write(|p, actor| p.disable_recall_until(actor, r.recall_id, r.until))
}

pub(crate) fn set_recall_due(call: &Call<'_>, r: SetRecallDue) -> Reply<Recall> {
    call.write(|p, actor| p.set_recall_due(actor, r.recall_id, r.due_on))
}

pub(crate) fn book_recall(call: &Call<'_>, r: BookRecall) -> Reply<Appointment> {
    call.write(|p, actor| p.book_recall(actor, r.recall_id, &r.input))
}

pub(crate) fn client_recalls(call: &Call<'_>, r: ClientRecallsRequest) -> Reply<ClientRecalls> {
    call.read(|p| p.client_recalls_shown(r.client_id, r.latest_closed))
}

pub(crate) fn recall_contacts(call: &Call<'_>, r: ForRecall) -> Reply<Vec<ContactAttempt>> {
    call.read(|p| p.recall_contacts(r.recall_id))
}

impl Call<'_> {
    /// Writes `text` as a new export called `name`; answers the path written.
    fn export_text(&self, name: &str, text: &str) -> Reply<String> {
        let path = new_export_path(self.service.exports(), name).map_err(|e| e.to_api())?;
        write_bytes_atomically(&path, text.as_bytes()).map_err(|e| e.to_api())?;
        Ok(path.display().to_string())
    }
}

pub(crate) fn export_appointment_ics(call: &Call<'_>, r: ById<AppointmentId>) -> Reply<String> {
    let (text, a) = call.read(|p| Ok((p.appointment_ics(r.id)?, p.appointment(r.id)?)))?;
    let name = format!(
        "appointment-{}-{}.ics",
        a.client_number,
        a.starts_local.format("%Y-%m-%d")
    );
    let file = call.export_text(&name, &text)?;
    call.administered(Administration::ExportCalendar { file: file.clone() })?;
    Ok(file)
}

pub(crate) fn export_calendar_ics(call: &Call<'_>, r: ForQuery<CalendarQuery>) -> Reply<String> {
    let text = call.read(|p| p.calendar_ics(&r.query))?;
    let name = format!("calendar-{}-{}d.ics", r.query.from, r.query.days);
    let file = call.export_text(&name, &text)?;
    call.administered(Administration::ExportCalendar { file: file.clone() })?;
    Ok(file)
}

pub(crate) fn export_worklist_csv(call: &Call<'_>, r: ForQuery<WorklistQuery>) -> Reply<String> {
    let (text, today) = call.read(|p| Ok((p.worklist_csv(&r.query)?, p.clock().today())))?;
    let name = if r.query.flagged {
        format!("recalls-flagged-{today}.csv")
    } else {
        format!("recalls-{today}.csv")
    };
    let file = call.export_text(&name, &text)?;
    call.administered(Administration::ExportWorklist { file: file.clone() })?;
    Ok(file)
}
