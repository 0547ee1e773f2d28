// Generated from the command table (src/api/table.rs). Do not edit.
// Each command's request and response: `call(name, request)` is checked against it.
import type { AddPhoto, AddPigmentLot, AmendSession, Amendment, AppInfo, Appointment, AppointmentId, AppointmentInput, ArchiveSummary, AtPath, AuditEntry, AuditTrail, BackupFile, BackupInfo, BackupSpace, BookRecall, ById, CalendarQuery, CartridgeLot, ChairEntry, Client, ClientId, ClientInput, ClientPage, ClientRecord, ClinicSettings, ComparePhotos, Consent, ConsentId, ConsentStatus, ConsentTemplate, ConsentTemplateId, ConsentTemplateInput, ContactAttempt, CsvFile, DeclineRecall, DemoSummary, DisableRecall, EraseClient, ErasureReport, ForClient, ForQuery, ForRecall, ImportClients, ImportReport, ImportSetup, IntegrityReport, ListClients, ListStaff, LogContact, LotUse, Needle, NeedleId, NeedleInput, NoRequest, Photo, PhotoComparison, PhotoId, PhotosForMarketing, Pigment, PigmentCatalogue, PigmentId, PigmentInput, PigmentLot, PigmentLotId, PigmentLotInput, Plan, PlanDefaults, PlanId, PlanInput, PractitionerDay, PreviousSettings, Recall, RecallCounts, RecentSettings, RecoveryReport, RestoreReport, SalvageReport, SearchClients, Session, SessionId, SessionInput, SetActive, SetRecallDue, SignConsentInput, Site, SiteId, SiteInput, SnoozeRecall, Staff, StaffId, StaffInput, StaffSites, SubjectAccessExport, SuggestTouchUp, TouchUpSuggestion, Update, UpdateClinicSettings, UpdatePhoto, ViewTimeline, WithInput, WithdrawConsent, WorklistPage, WorklistQuery, Workstation } from "./index";

export type Commands = {
  app_info: { request: NoRequest; response: AppInfo };
  workstation: { request: NoRequest; response: Workstation };
  set_current_staff: { request: Workstation; response: Workstation };
  load_demo_clinic: { request: NoRequest; response: DemoSummary };
  list_staff: { request: ListStaff; response: Array<Staff> };
  create_staff: { request: WithInput<StaffInput>; response: Staff };
  update_staff: { request: Update<StaffId, StaffInput>; response: Staff };
  set_staff_active: { request: SetActive<StaffId>; response: Staff };
  search_clients: { request: SearchClients; response: ClientPage };
  list_clients: { request: ListClients; response: ClientPage };
  get_client: { request: ById<ClientId>; response: Client };
  create_client: { request: WithInput<ClientInput>; response: Client };
  update_client: { request: Update<ClientId, ClientInput>; response: Client };
  archive_client: { request: ById<ClientId>; response: Client };
  unarchive_client: { request: ById<ClientId>; response: Client };
  client_record: { request: ById<ClientId>; response: ClientRecord };
  previous_settings: { request: RecentSettings; response: Array<PreviousSettings> };
  plan_defaults: { request: NoRequest; response: PlanDefaults };
  suggest_touch_up_interval: { request: SuggestTouchUp; response: TouchUpSuggestion };
  create_plan: { request: WithInput<PlanInput>; response: Plan };
  update_plan: { request: Update<PlanId, PlanInput>; response: Plan };
  cancel_plan: { request: ById<PlanId>; response: Plan };
  record_session: { request: WithInput<SessionInput>; response: Session };
  update_session: { request: Update<SessionId, SessionInput>; response: Session };
  discard_session: { request: ById<SessionId>; response: null };
  sign_session: { request: ById<SessionId>; response: Session };
  amend_session: { request: AmendSession; response: Amendment };
  get_session: { request: ById<SessionId>; response: Session };
  list_pigments: { request: NoRequest; response: PigmentCatalogue };
  create_pigment: { request: WithInput<PigmentInput>; response: Pigment };
  update_pigment: { request: Update<PigmentId, PigmentInput>; response: Pigment };
  set_pigment_active: { request: SetActive<PigmentId>; response: Pigment };
  add_pigment_lot: { request: AddPigmentLot; response: PigmentLot };
  update_pigment_lot: { request: Update<PigmentLotId, PigmentLotInput>; response: PigmentLot };
  list_needles: { request: NoRequest; response: Array<Needle> };
  create_needle: { request: WithInput<NeedleInput>; response: Needle };
  update_needle: { request: Update<NeedleId, NeedleInput>; response: Needle };
  set_needle_active: { request: SetActive<NeedleId>; response: Needle };
  pigment_lot_uses: { request: ById<PigmentLotId>; response: Array<LotUse> };
  cartridge_lot_uses: { request: CartridgeLot; response: Array<LotUse> };
  audit_trail: { request: AuditTrail; response: Array<AuditEntry> };
  list_backups: { request: NoRequest; response: Array<BackupFile> };
  backup_space: { request: NoRequest; response: BackupSpace };
  back_up_now: { request: NoRequest; response: BackupInfo };
  back_up_to: { request: NoRequest; response: BackupInfo | null };
  restore_backup: { request: AtPath; response: RestoreReport };
  restore_from_file: { request: NoRequest; response: RestoreReport | null };
  check_database: { request: NoRequest; response: IntegrityReport };
  export_client_record: { request: ForClient; response: string };
  export_practice: { request: NoRequest; response: [string, ArchiveSummary] };
  erase_client: { request: EraseClient; response: ErasureReport };
  import_setup: { request: CsvFile; response: ImportSetup };
  preview_import: { request: ImportClients; response: ImportReport };
  import_clients: { request: ImportClients; response: ImportReport };
  newest_good_backup: { request: NoRequest; response: BackupFile | null };
  recover_from_backup: { request: AtPath; response: RecoveryReport };
  salvage_database: { request: NoRequest; response: [string, SalvageReport] };
  subject_access: { request: ForClient; response: SubjectAccessExport };
  list_sites: { request: NoRequest; response: Array<Site> };
  create_site: { request: WithInput<SiteInput>; response: Site };
  update_site: { request: Update<SiteId, SiteInput>; response: Site };
  set_staff_sites: { request: StaffSites; response: null };
  calendar: { request: ForQuery<CalendarQuery>; response: Array<Appointment> };
  book_appointment: { request: WithInput<AppointmentInput>; response: Appointment };
  reschedule_appointment: { request: Update<AppointmentId, AppointmentInput>; response: Appointment };
  cancel_appointment: { request: ById<AppointmentId>; response: Appointment };
  mark_attended: { request: ById<AppointmentId>; response: Appointment };
  mark_no_show: { request: ById<AppointmentId>; response: Appointment };
  client_appointments: { request: ForClient; response: Array<Appointment> };
  practitioner_day: { request: PractitionerDay; response: Array<ChairEntry> };
  appointment_reminder: { request: ById<AppointmentId>; response: string };
  worklist: { request: ForQuery<WorklistQuery>; response: WorklistPage };
  recall_counts: { request: NoRequest; response: RecallCounts };
  log_contact: { request: LogContact; response: ContactAttempt };
  snooze_recall: { request: SnoozeRecall; response: Recall };
  decline_recall: { request: DeclineRecall; response: Recall };
  disable_recall_until: { request: DisableRecall; response: Recall };
  set_recall_due: { request: SetRecallDue; response: Recall };
  book_recall: { request: BookRecall; response: Appointment };
  client_recalls: { request: ForClient; response: Array<Recall> };
  recall_contacts: { request: ForRecall; response: Array<ContactAttempt> };
  clinic_settings: { request: NoRequest; response: ClinicSettings };
  update_clinic_settings: { request: UpdateClinicSettings; response: ClinicSettings };
  export_appointment_ics: { request: ById<AppointmentId>; response: string };
  export_calendar_ics: { request: ForQuery<CalendarQuery>; response: string };
  export_worklist_csv: { request: ForQuery<WorklistQuery>; response: string };
  consent_templates: { request: NoRequest; response: Array<ConsentTemplate> };
  consent_template_history: { request: ById<ConsentTemplateId>; response: Array<ConsentTemplate> };
  create_consent_template: { request: WithInput<ConsentTemplateInput>; response: ConsentTemplate };
  revise_consent_template: { request: Update<ConsentTemplateId, ConsentTemplateInput>; response: ConsentTemplate };
  sign_consent: { request: WithInput<SignConsentInput>; response: Consent };
  withdraw_consent: { request: WithdrawConsent; response: Consent };
  client_consents: { request: ForClient; response: Array<Consent> };
  consent_status: { request: ForClient; response: ConsentStatus };
  signed_consent: { request: ById<ConsentId>; response: Consent };
  add_photo: { request: AddPhoto; response: Photo };
  photo_timeline: { request: ForClient; response: Array<ViewTimeline> };
  compare_photos: { request: ComparePhotos; response: PhotoComparison };
  update_photo: { request: UpdatePhoto; response: Photo };
  remove_photo: { request: ById<PhotoId>; response: null };
  photos_for_marketing: { request: PhotosForMarketing; response: Array<Photo> };
};

export type CommandName = keyof Commands;

// The file of these is chosen in a dialog the shell opens: the window sends `{}`, and
// `null` comes back when the user cancels.
export type DialogCommandName = "back_up_to" | "restore_from_file";

// These carry a file's bytes as the call's body, the rest of the request in a header,
// at most MAX_BODY_BYTES of them.
export type BytesCommandName = "add_photo";
export const MAX_BODY_BYTES = 83886080;
