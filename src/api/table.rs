// The one table of every command: `name(Request) -> Response, Permission;`, grouped by domain.
// Read by the core (`api/mod.rs`: dispatch, the command list, the TypeScript map) and by the
// desktop shell's build script (the ACL's command names). Types are those `api/mod.rs`
// imports; the handler of each command is `handlers::<name>`.
command_table! {
    // ---- the installation, and who is signed in ----
    /// Facts about this installation that the window shows at start.
    app_info(NoRequest) -> AppInfo, Open;
    /// The names to sign in as, who is signed in or locked this window, whether the practice
    /// still needs its owner's account.
    sign_in_screen(NoRequest) -> SignInScreen, Open;
    /// The owner's account (a manager), while nobody can sign in yet; signs them in.
    create_owner(CreateOwner) -> SignedIn, Open;
    /// Signs in with a password (switching from whoever was signed in here).
    sign_in(SignIn) -> SignedIn, Open;
    /// Signs in with a PIN, where its owner signed in with their password today.
    sign_in_with_pin(SignInWithPin) -> SignedIn, Open;
    /// A new password chosen with a manager's one-time setup code; signs in.
    redeem_setup_code(RedeemSetupCode) -> SignedIn, Open;
    sign_out(NoRequest) -> (), Open;
    /// Locks this window (idle, Ctrl+L, the Lock button), keeping an unsaved form for the same
    /// person's unlock.
    lock_workstation(LockWorkstation) -> (), Open;
    /// Sets the signed-in person's PIN, confirmed with their password.
    set_pin(SetPin) -> SignedIn, Account;
    change_password(ChangePassword) -> (), Account;
    /// Fills an empty practice with the sample clinic (recorded as done by Hairline itself).
    load_demo_clinic(NoRequest) -> DemoSummary, SampleClinic;

    // ---- staff ----
    list_staff(ListStaff) -> Vec<Staff>, Account;
    create_staff(WithInput<StaffInput>) -> Staff, Staff;
    update_staff(Update<StaffId, StaffInput>) -> Staff, Staff;
    set_staff_active(SetActive<StaffId>) -> Staff, Staff;
    /// A one-time code for a staff member to choose their password with (valid 72 hours); for
    /// someone who had one, a reset: their password and PIN stop working.
    issue_setup_code(ById<StaffId>) -> SetupCode, Staff;

    // ---- clients and their record ----
    /// A page of the clients whose names start with what was typed, with how many match.
    search_clients(SearchClients) -> ClientPage, ClientContact;
    list_clients(ListClients) -> ClientPage, ClientContact;
    get_client(ById<ClientId>) -> Client, ClinicalRecord;
    /// A new client; someone who may not read the clinical record sends its details empty.
    create_client(WithInput<ClientInput>) -> Client, ClientContact;
    update_client(Update<ClientId, ClientInput>) -> Client, ClinicalRecord;
    /// A client's contact details without anything clinical (the front desk's view).
    client_contact(ById<ClientId>) -> ClientContactCard, ClientContact;
    /// Changes a client's contact details only; the clinical record stays as it is.
    update_client_contact(Update<ClientId, ClientContactInput>) -> ClientContactCard, ClientContact;
    archive_client(ById<ClientId>) -> Client, ClientContact;
    unarchive_client(ById<ClientId>) -> Client, ClientContact;
    client_record(ById<ClientId>) -> ClientRecord, ClinicalRecord;
    /// The record as it opens: profile, plans, the newest sessions and how many there are.
    client_overview(ById<ClientId>) -> ClientOverview, ClinicalRecord;
    /// A page of a client's sessions, newest first, with the total.
    client_sessions(ClientSessions) -> SessionPage, ClinicalRecord;
    /// The zone settings of the client's latest sessions ("same as last time").
    previous_settings(RecentSettings) -> Vec<PreviousSettings>, ClinicalRecord;

    // ---- plans ----
    plan_defaults(NoRequest) -> PlanDefaults, ClinicalRecord;
    /// The touch-up interval the clinic's rules suggest for a client and a finish, with why.
    suggest_touch_up_interval(SuggestTouchUp) -> TouchUpSuggestion, ClinicalRecord;
    create_plan(WithInput<PlanInput>) -> Plan, RecordSessions;
    update_plan(Update<PlanId, PlanInput>) -> Plan, RecordSessions;
    cancel_plan(ById<PlanId>) -> Plan, RecordSessions;

    // ---- sessions ----
    record_session(WithInput<SessionInput>) -> Session, RecordSessions;
    update_session(Update<SessionId, SessionInput>) -> Session, RecordSessions;
    discard_session(ById<SessionId>) -> (), RecordSessions;
    /// Signs a session: only its practitioner, confirming with their PIN or password now.
    sign_session(SignSession) -> Session, RecordSessions;
    /// An amendment by the session's practitioner or a manager, confirmed with their PIN or
    /// password now.
    amend_session(AmendSession) -> Amendment, RecordSessions;
    get_session(ById<SessionId>) -> Session, ClinicalRecord;

    // ---- catalogue ----
    /// The pigments with their lots, and which lots are expired today.
    list_pigments(NoRequest) -> PigmentCatalogue, CatalogueView;
    create_pigment(WithInput<PigmentInput>) -> Pigment, Catalogue;
    update_pigment(Update<PigmentId, PigmentInput>) -> Pigment, Catalogue;
    set_pigment_active(SetActive<PigmentId>) -> Pigment, Catalogue;
    add_pigment_lot(AddPigmentLot) -> PigmentLot, Catalogue;
    update_pigment_lot(Update<PigmentLotId, PigmentLotInput>) -> PigmentLot, Catalogue;
    list_needles(NoRequest) -> Vec<Needle>, CatalogueView;
    create_needle(WithInput<NeedleInput>) -> Needle, Catalogue;
    update_needle(Update<NeedleId, NeedleInput>) -> Needle, Catalogue;
    set_needle_active(SetActive<NeedleId>) -> Needle, Catalogue;
    /// A page of the sessions that used a pigment lot (oldest use first), with how many did.
    pigment_lot_uses(PigmentLotUses) -> LotUsePage, CatalogueView;
    /// A page of the sessions that used a cartridge lot number (oldest use first), with how
    /// many did.
    cartridge_lot_uses(CartridgeLotUses) -> LotUsePage, CatalogueView;

    /// A page of the audit entries about one record (any id: client, plan, session, lot, …),
    /// newest first — a manager reading a record's history looks for the last change, and its
    /// creation is a scroll away — with how many the record has in all.
    audit_trail(AuditTrail) -> AuditPage, Audit;

    // ---- data safety ----
    /// The backups kept in the practice's backups folder, newest first.
    list_backups(NoRequest) -> Vec<BackupFile>, DataSafety;
    /// The disk space the backups folder uses: backups, the photos they share, safety copies.
    backup_space(NoRequest) -> BackupSpace, DataSafety;
    /// A verified backup into the backups folder now, with `backup-progress` events; older
    /// backups are rotated out only after it is verified.
    back_up_now(NoRequest) -> BackupInfo, DataSafety;
    /// A verified backup into a file the user chose (an absolute path ending in `.sqlite`; in the
    /// app, chosen in the shell's save dialog).
    back_up_to(BackupDestination) -> BackupInfo, DataSafety;
    /// Replaces the practice with one of its listed backups, all or nothing, after a safety
    /// backup of the current database.
    restore_backup(AtPath) -> RestoreReport, Restore;
    /// Replaces the practice with a backup file the user chose, all or nothing, after a safety
    /// backup; a file that is not a good Hairline backup is refused with its own message.
    restore_from_file(BackupSource) -> RestoreReport, Restore;
    /// The full integrity check: structure, indexes, foreign keys and the client search index.
    check_database(NoRequest) -> IntegrityReport, DataSafety;
    /// One client's complete record (a subject-access request) as a JSON file, with its photos
    /// and signature images in the folder `<name> files` beside it; answers the JSON's path.
    export_client_record(ForClient) -> String, Export;
    /// The whole practice as a documented archive; answers the file's path and what it holds.
    export_practice(NoRequest) -> (String, ArchiveSummary), Export;
    /// Anonymises a client's personal data and removes their photos, confirmed by typing the
    /// client's full name or number.
    erase_client(EraseClient) -> ErasureReport, Erasure;
    /// A CSV file's header, an example of each column, Hairline's guess of which client detail
    /// each column holds, and the encoding it was read as when not UTF-8.
    import_setup(CsvFile) -> ImportSetup, Import;
    /// Checks an import as mapped without writing: every bad row and every duplicate to decide.
    preview_import(ImportClients) -> ImportReport, Import;
    /// Imports the clients of a CSV file, all or nothing, with `import-progress` events.
    import_clients(ImportClients) -> ImportReport, Import;
    /// Recovery screen: the newest backup that passes every check, if any.
    newest_good_backup(NoRequest) -> Option<BackupFile>, Restore;
    /// Recovery screen: replaces the damaged database with a listed backup and opens it.
    recover_from_backup(AtPath) -> RecoveryReport, Restore;
    /// Recovery screen: exports what can still be read of the damaged database.
    salvage_database(NoRequest) -> (String, SalvageReport), Restore;
    /// Everything held about one client, for the printable subject-access page.
    subject_access(ForClient) -> SubjectAccessExport, Export;

    // ---- sites and the calendar ----
    list_sites(NoRequest) -> Vec<Site>, Account;
    create_site(WithInput<SiteInput>) -> Site, ClinicSettings;
    update_site(Update<SiteId, SiteInput>) -> Site, ClinicSettings;
    /// Sets the sites a staff member works at (replacing the previous list).
    set_staff_sites(StaffSites) -> (), Staff;
    /// A day or week view: by site, by practitioner, or the whole clinic.
    calendar(ForQuery<CalendarQuery>) -> Vec<Appointment>, Calendar;
    /// Each site's and practitioner's appointments and free time per day (cancelled ones left
    /// out): the whole clinic's week in one answer.
    calendar_summary(ForQuery<CalendarSummaryQuery>) -> CalendarSummary, Calendar;
    book_appointment(WithInput<AppointmentInput>) -> Appointment, Calendar;
    reschedule_appointment(Update<AppointmentId, AppointmentInput>) -> Appointment, Calendar;
    cancel_appointment(ById<AppointmentId>) -> Appointment, Calendar;
    mark_attended(ById<AppointmentId>) -> Appointment, Calendar;
    mark_no_show(ById<AppointmentId>) -> Appointment, Calendar;
    client_appointments(ForClient) -> Vec<Appointment>, Calendar;
    /// A practitioner's appointments on one day, each with the client's last session.
    practitioner_day(PractitionerDay) -> Vec<ChairEntry>, ClinicalRecord;
    /// The text of a reminder to send the client (in the site's local time).
    appointment_reminder(ById<AppointmentId>) -> String, Calendar;

    // ---- recalls ----
    /// One page of the recall worklist, with how many recalls it holds in all.
    worklist(ForQuery<WorklistQuery>) -> WorklistPage, Recalls;
    /// The counts on the navigation ("12 due").
    recall_counts(NoRequest) -> RecallCounts, Recalls;
    log_contact(LogContact) -> ContactAttempt, Recalls;
    snooze_recall(SnoozeRecall) -> Recall, Recalls;
    decline_recall(DeclineRecall) -> Recall, Recalls;
    disable_recall_until(DisableRecall) -> Recall, Recalls;
    set_recall_due(SetRecallDue) -> Recall, Recalls;
    /// Books the appointment a recall asks for and links them.
    book_recall(BookRecall) -> Appointment, Recalls;
    /// A client's open recalls and their latest closed ones, with how many closed in all.
    client_recalls(ClientRecallsRequest) -> ClientRecalls, Recalls;
    recall_contacts(ForRecall) -> Vec<ContactAttempt>, Recalls;

    // ---- clinic rules ----
    clinic_settings(NoRequest) -> ClinicSettings, Account;
    update_clinic_settings(UpdateClinicSettings) -> ClinicSettings, ClinicSettings;

    // ---- exports to files (the path written is answered) ----
    /// One appointment as an .ics file.
    export_appointment_ics(ById<AppointmentId>) -> String, Calendar;
    /// A calendar view as one .ics file.
    export_calendar_ics(ForQuery<CalendarQuery>) -> String, Calendar;
    /// The recall worklist as CSV.
    export_worklist_csv(ForQuery<WorklistQuery>) -> String, Recalls;

    // ---- consent ----
    consent_templates(NoRequest) -> Vec<ConsentTemplate>, Consent;
    consent_template_history(ById<ConsentTemplateId>) -> Vec<ConsentTemplate>, Consent;
    create_consent_template(WithInput<ConsentTemplateInput>) -> ConsentTemplate, ConsentTemplates;
    /// Editing a template saves its next version; earlier signatures keep their text.
    revise_consent_template(Update<ConsentTemplateId, ConsentTemplateInput>) -> ConsentTemplate, ConsentTemplates;
    /// A signed consent, countersigned by the person signed in, confirming with their PIN or
    /// password now.
    sign_consent(SignConsent) -> Consent, Consent;
    withdraw_consent(WithdrawConsent) -> Consent, Consent;
    client_consents(ForClient) -> Vec<Consent>, Consent;
    /// Which consents hold for the client today (the clinic's day).
    consent_status(ForClient) -> ConsentStatus, ConsentStatus;
    signed_consent(ById<ConsentId>) -> Consent, Consent;

    // ---- photos ----
    /// Adds one photo from the bytes of a file the practitioner chose or dropped, carried as the
    /// call's raw body (at most 80 MB, refused before they are read); decoded and thumbnailed
    /// before the practice is touched.
    add_photo(AddPhoto) -> Photo, Photos;
    photo_timeline(ForClient) -> Vec<ViewTimeline>, Photos;
    compare_photos(ComparePhotos) -> PhotoComparison, Photos;
    update_photo(UpdatePhoto) -> Photo, Photos;
    remove_photo(ById<PhotoId>) -> (), Photos;
    /// Photos that may be used as marketing material today (never a clinical-only one).
    photos_for_marketing(PhotosForMarketing) -> Vec<Photo>, Photos;

    // ---- a clinic server's workstations ----
    /// A one-time code to pair a workstation with this clinic server (valid 10 minutes, single
    /// use, starting with the server certificate's fingerprint).
    create_pairing_code(NoRequest) -> PairingCode, Devices;
    /// The workstations paired with this clinic server, revoked ones included.
    list_devices(NoRequest) -> Vec<PairedDevice>, Devices;
    /// Revokes a paired workstation: its token stops working at once.
    revoke_device(ById<String>) -> PairedDevice, Devices;
}
