// The calendar and recall commands of the shell (sites, appointments, the practitioner's day,
// the recall worklist, clinic rules, exports). Talks to Tauri only through backend.ts's `call`.
import { call } from './backend';
import type {
  Appointment,
  AppointmentId,
  AppointmentInput,
  CalendarQuery,
  ChairEntry,
  ClientId,
  ClinicSettings,
  ContactAttempt,
  ContactInput,
  Recall,
  RecallCounts,
  RecallId,
  Site,
  SiteId,
  SiteInput,
  StaffId,
  WorklistQuery,
  WorklistRow,
} from '../types';

export const schedule = {
  listSites: () => call<Site[]>('list_sites'),
  createSite: (input: SiteInput) => call<Site>('create_site', { input }),
  updateSite: (id: SiteId, input: SiteInput) => call<Site>('update_site', { id, input }),
  setStaffSites: (staffId: StaffId, sites: SiteId[]) => call<null>('set_staff_sites', { staffId, sites }),

  calendar: (query: CalendarQuery) => call<Appointment[]>('calendar', { query }),
  book: (input: AppointmentInput) => call<Appointment>('book_appointment', { input }),
  reschedule: (id: AppointmentId, input: AppointmentInput) =>
    call<Appointment>('reschedule_appointment', { id, input }),
  cancel: (id: AppointmentId) => call<Appointment>('cancel_appointment', { id }),
  markAttended: (id: AppointmentId) => call<Appointment>('mark_attended', { id }),
  markNoShow: (id: AppointmentId) => call<Appointment>('mark_no_show', { id }),
  clientAppointments: (clientId: ClientId) => call<Appointment[]>('client_appointments', { clientId }),
  practitionerDay: (practitionerId: StaffId, day: string) =>
    call<ChairEntry[]>('practitioner_day', { practitionerId, day }),
  reminder: (id: AppointmentId) => call<string>('appointment_reminder', { id }),

  worklist: (query: WorklistQuery) => call<WorklistRow[]>('worklist', { query }),
  recallCounts: () => call<RecallCounts>('recall_counts'),
  logContact: (recallId: RecallId, input: ContactInput) =>
    call<ContactAttempt>('log_contact', { recallId, input }),
  snooze: (recallId: RecallId, until: string) => call<Recall>('snooze_recall', { recallId, until }),
  decline: (recallId: RecallId, reason: string) => call<Recall>('decline_recall', { recallId, reason }),
  disableUntil: (recallId: RecallId, until: string | null) =>
    call<Recall>('disable_recall_until', { recallId, until }),
  setDue: (recallId: RecallId, dueOn: string) => call<Recall>('set_recall_due', { recallId, dueOn }),
  bookRecall: (recallId: RecallId, input: AppointmentInput) =>
    call<Appointment>('book_recall', { recallId, input }),
  clientRecalls: (clientId: ClientId) => call<Recall[]>('client_recalls', { clientId }),
  recallContacts: (recallId: RecallId) => call<ContactAttempt[]>('recall_contacts', { recallId }),

  settings: () => call<ClinicSettings>('clinic_settings'),
  updateSettings: (settings: ClinicSettings) => call<ClinicSettings>('update_clinic_settings', { settings }),

  /** Each export writes a file into the Downloads folder and answers its path. */
  exportAppointmentIcs: (id: AppointmentId) => call<string>('export_appointment_ics', { id }),
  exportCalendarIcs: (query: CalendarQuery) => call<string>('export_calendar_ics', { query }),
  exportWorklistCsv: (query: WorklistQuery) => call<string>('export_worklist_csv', { query }),
};
