//! The hidden-field rule, for every command of the table: a request missing any field it needs
//! is refused with a validation error naming that field — a missing field never silently
//! becomes a value the user did not give.

use crate::desk::Desk;
use crate::support::{
    at, client_input, day, plan_input, session_input, weekday_hours, zone_setting,
    COUNTERSIGNATURE, SIGNATURE,
};
use hairline::api::{Permission, Service, COMMANDS};
use hairline::db::data_folder::DataFolder;
use hairline::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::Arc;

/// The fields a request may leave out, with the commands whose requests hold them (named as
/// the form names them). Each is an `Option` whose absence means "none" or "not known" —
/// never a made-up value — except where said.
const MAY_BE_LEFT_OUT: &[(&[&str], &[&str])] = &[
    // The client form: details not known yet; no contraindication id before it is saved, no
    // clearance before a doctor gives one; `confirm_minor` only after the minor warning.
    (
        &["create_client", "update_client"],
        &[
            "sun_exposure",
            "contraindications[0].id",
            "contraindications[0].clearance",
            "confirm_minor",
        ],
    ),
    // The plan form: no style or shade chosen yet; the suggested interval taken; no finish.
    (
        &["create_plan", "update_plan"],
        &[
            "hairline_style",
            "target_pigment_id",
            "touch_up_interval_manual",
            "finish",
        ],
    ),
    // The session form: not recorded; `acknowledge_missing_consent` only after the warning.
    (
        &["record_session", "update_session"],
        &[
            "zones[0].machine_speed",
            "zones[0].stroke_mm",
            "skin_reaction",
            "pain_score",
            "acknowledge_missing_consent",
            "acknowledge_spacing",
        ],
    ),
    (
        &["add_pigment_lot", "update_pigment_lot"],
        &["received_on", "opened_on"],
    ),
    (&["create_needle", "update_needle"], &["taper"]),
    // Filters: every site, every practitioner, every kind, the clinic's horizon.
    (
        &["calendar", "export_calendar_ics", "calendar_summary"],
        &["site_id", "practitioner_id"],
    ),
    (
        &["worklist", "export_worklist_csv"],
        &["within_days", "practitioner_id", "kind"],
    ),
    // A booking that is not a plan session.
    (
        &["book_appointment", "reschedule_appointment", "book_recall"],
        &["plan_id", "session_number", "acknowledge_spacing"],
    ),
    (&["suggest_touch_up_interval"], &["finish"]),
    // Only a photo consent has photo choices; a withdrawal by phone has no signature.
    (&["sign_consent"], &["photo_choices"]),
    (&["withdraw_consent"], &["client_signature"]),
    // A photo of no session; its day from the camera's EXIF date, else today.
    (&["add_photo"], &["session_id", "taken_on"]),
    (&["update_photo"], &["session_id"]),
    // The owner's password typed again: a caller without a second field leaves it out.
    // A new password or PIN typed again: the window sends it, a caller without that field
    // leaves it out.
    (
        &[
            "create_owner",
            "redeem_setup_code",
            "set_pin",
            "change_password",
        ],
        &["repeat"],
    ),
];

/// The request wrappers the form's field names leave out (`input.zones[0].depth_mm` is the
/// form's `zones[0].depth_mm`), as `api::form_field` strips them.
const WRAPPERS: &[&str] = &[
    "input.",
    "edit.",
    "details.",
    "settings.",
    "query.",
    "request.",
];

fn form_field(path: &str) -> &str {
    WRAPPERS
        .iter()
        .find_map(|wrapper| path.strip_prefix(wrapper))
        .unwrap_or(path)
}

fn may_be_left_out(command: &str, field: &str) -> bool {
    MAY_BE_LEFT_OUT
        .iter()
        .any(|(commands, fields)| commands.contains(&command) && fields.contains(&field))
}

fn value(item: impl Serialize) -> Value {
    serde_json::to_value(item).expect("samples serialise")
}

fn with_input(input: impl Serialize) -> Value {
    json!({ "input": value(input) })
}

fn update(id: impl Serialize, input: impl Serialize) -> Value {
    json!({ "id": value(id), "version": 1, "input": value(input) })
}

fn client_form() -> ClientInput {
    ClientInput {
        sun_exposure: Some(SunExposure::High),
        confirm_minor: Some(true),
        contraindications: vec![ContraindicationInput {
            id: Some(ContraindicationId::new()),
            condition: Some(Condition::BloodThinners),
            detail: "Warfarin".into(),
            kind: Some(ContraindicationKind::Temporary {
                until: day("2026-07-01"),
            }),
            clearance: Some(Clearance {
                cleared_on: day("2026-06-01"),
                cleared_by: "Dr A. Rahman, GP".into(),
                note: String::new(),
            }),
        }],
        ..client_input("Ada", "Quinn")
    }
}

fn plan_form() -> PlanInput {
    PlanInput {
        touch_up_interval_manual: Some(true),
        finish: Some(Finish::Crisp),
        ..plan_input(ClientId::new(), PigmentId::new())
    }
}

fn session_form() -> SessionInput {
    let zone = zone_setting(ScalpZone::Crown, NeedleId::new(), PigmentLotId::new());
    SessionInput {
        acknowledge_missing_consent: Some(ConsentAcknowledgement {
            reason: "Signed on paper".into(),
        }),
        acknowledge_spacing: Some(true),
        ..session_input(PlanId::new(), 1, "2026-06-15", StaffId::new(), vec![zone])
    }
}

fn lot_form() -> PigmentLotInput {
    PigmentLotInput {
        lot_number: "PB-2026-01".into(),
        expires_on: day("2028-01-31"),
        received_on: Some(day("2026-01-10")),
        opened_on: Some(day("2026-02-01")),
    }
}

fn needle_form() -> NeedleInput {
    NeedleInput {
        brand: "Kwadron".into(),
        configuration: "1RL".into(),
        maker_code: "0601".into(),
        diameter_mm: 0.18,
        taper: Some(NeedleTaper::Long),
    }
}

fn site_form() -> SiteInput {
    SiteInput {
        name: "Leeds".into(),
        address: "1 Main Street, Leeds".into(),
        time_zone: "Europe/London".into(),
        hours: weekday_hours(),
    }
}

fn calendar_query() -> Value {
    json!({ "query": value(CalendarQuery {
        from: day("2026-06-15"),
        days: 7,
        site_id: Some(SiteId::new()),
        practitioner_id: Some(StaffId::new()),
        include_cancelled: false,
    }) })
}

fn worklist_query() -> Value {
    json!({ "query": value(WorklistQuery {
        within_days: Some(60),
        practitioner_id: Some(StaffId::new()),
        kind: Some(RecallKind::TouchUp),
        flagged: false,
        limit: 50,
        offset: 0,
    }) })
}

fn booking() -> AppointmentInput {
    AppointmentInput {
        site_id: SiteId::new(),
        client_id: ClientId::new(),
        practitioner_id: StaffId::new(),
        kind: AppointmentKind::PlanSession,
        starts_local: at("2026-06-22 10:00"),
        duration_minutes: 60,
        plan_id: Some(PlanId::new()),
        session_number: Some(2),
        notes: String::new(),
        acknowledge_spacing: Some(true),
    }
}

fn template_form() -> ConsentTemplateInput {
    ConsentTemplateInput {
        kind: ConsentKind::Treatment,
        title: "Treatment consent".into(),
        body: "I agree to the treatment.".into(),
        questions: vec![ScreeningQuestion {
            key: "blood_thinners".into(),
            text: "Do you take blood thinners?".into(),
            condition: Condition::BloodThinners,
            risk: ScreeningRisk::Temporary { days: 14 },
        }],
    }
}

fn signing() -> SignConsentInput {
    SignConsentInput {
        client_id: ClientId::new(),
        template_version_id: ConsentTemplateVersionId::new(),
        answers: vec![ScreeningAnswer {
            key: "blood_thinners".into(),
            yes: false,
            detail: String::new(),
        }],
        photo_choices: Some(PhotoChoices {
            clinical: true,
            marketing: false,
        }),
        client_signature: SIGNATURE.into(),
        practitioner_signature: COUNTERSIGNATURE.into(),
    }
}

fn photo_edit() -> PhotoEdit {
    PhotoEdit {
        session_id: Some(SessionId::new()),
        view: PhotoView::Front,
        taken_on: day("2026-06-15"),
        notes: String::new(),
        consent_use: PhotoUse::ClinicalOnly,
    }
}

/// `first_name,last_name\nAda,Quinn\n`, base64-encoded as the window sends a CSV file.
const CSV_BASE64: &str = "Zmlyc3RfbmFtZSxsYXN0X25hbWUKQWRhLFF1aW5uCg==";

/// A whole, readable request for `command` (ids made up: a missing field is refused before
/// any record is looked up), or `None` for a command this module does not know yet.
fn sample(command: &str, staff: StaffId, folder: &std::path::Path) -> Option<Value> {
    let client = || json!({ "client_id": ClientId::new() });
    let recall = RecallId::new();
    let path = |file: &str| json!({ "path": folder.join(file) });
    Some(match command {
        "create_owner" => {
            json!({ "name": "Olive Owner", "password": "a wrong password", "repeat": "a wrong password" })
        }
        "sign_in" => json!({ "staff_id": staff, "password": "a wrong password" }),
        "sign_in_with_pin" => json!({ "staff_id": staff, "pin": "1234" }),
        "redeem_setup_code" => {
            json!({ "staff_id": staff, "code": "ABCD-EFGH-JKMN", "password": "a new password", "repeat": "a new password" })
        }
        "lock_workstation" => json!({ "unsaved_form": null }),
        "set_pin" => json!({ "password": "a wrong password", "pin": "1234", "repeat": "1234" }),
        "change_password" => {
            json!({ "current_password": "a wrong password", "new_password": "a new password", "repeat": "a new password" })
        }
        "issue_setup_code" => json!({ "id": staff }),
        "client_contact" => json!({ "id": ClientId::new() }),
        "update_client_contact" => json!({ "id": ClientId::new(), "version": 1, "input": {
            "first_name": "Ada", "last_name": "Quinn", "date_of_birth": null,
            "phone": "07700 900001", "email": "", "address": "", "preferred_contact": "phone",
            "care_reminders_consent": true, "marketing_consent": false
        }}),
        "list_staff" => json!({ "include_inactive": true }),
        "create_staff" => with_input(StaffInput {
            name: "Sam Okafor".into(),
            role: Some(StaffRole::Practitioner),
        }),
        "update_staff" => update(
            staff,
            StaffInput {
                name: "Dana Whitfield".into(),
                role: Some(StaffRole::Manager),
            },
        ),
        "set_staff_active" => json!({ "id": staff, "active": true }),
        "search_clients" => json!({ "typed": "Qu", "filter": "active", "offset": 0, "limit": 20 }),
        "list_clients" => json!({ "filter": "all", "offset": 0, "limit": 20 }),
        "get_client" | "archive_client" | "unarchive_client" | "client_record" => {
            json!({ "id": ClientId::new() })
        }
        "create_client" => with_input(client_form()),
        "update_client" => update(ClientId::new(), client_form()),
        "client_overview" => json!({ "id": ClientId::new() }),
        "client_sessions" => json!({ "client_id": ClientId::new(), "offset": 0, "limit": 20 }),
        "previous_settings" => json!({ "client_id": ClientId::new(), "limit": 3 }),
        "suggest_touch_up_interval" => json!({ "client_id": ClientId::new(), "finish": "crisp" }),
        "create_plan" => with_input(plan_form()),
        "update_plan" => update(PlanId::new(), plan_form()),
        "cancel_plan" => json!({ "id": PlanId::new() }),
        "record_session" => with_input(session_form()),
        "update_session" => update(SessionId::new(), session_form()),
        "discard_session" | "get_session" => json!({ "id": SessionId::new() }),
        "sign_session" => json!({ "id": SessionId::new(), "credential": { "pin": "1234" } }),
        "amend_session" => json!({
            "id": SessionId::new(), "text": "Depth was 0.7 mm.", "credential": { "pin": "1234" }
        }),
        "create_pigment" => with_input(PigmentInput {
            brand: "Perma Blend".into(),
            name: "SMP Jet".into(),
            tone: Some(PigmentTone::Neutral),
        }),
        "update_pigment" => update(
            PigmentId::new(),
            PigmentInput {
                brand: "Perma Blend".into(),
                name: "SMP Jet".into(),
                tone: Some(PigmentTone::Warm),
            },
        ),
        "set_pigment_active" => json!({ "id": PigmentId::new(), "active": false }),
        "add_pigment_lot" => json!({ "pigment_id": PigmentId::new(), "input": value(lot_form()) }),
        "update_pigment_lot" => update(PigmentLotId::new(), lot_form()),
        "create_needle" => with_input(needle_form()),
        "update_needle" => update(NeedleId::new(), needle_form()),
        "set_needle_active" => json!({ "id": NeedleId::new(), "active": false }),
        "pigment_lot_uses" => json!({ "lot_id": PigmentLotId::new(), "offset": 0, "limit": 20 }),
        "cartridge_lot_uses" => json!({ "lot_number": "CART-889", "offset": 0, "limit": 20 }),
        "audit_trail" => {
            json!({ "entity_id": ClientId::new().to_string(), "offset": 0, "limit": 20 })
        }
        "back_up_to" => path("chosen.sqlite"),
        // A file that is not there: the whole sample restores nothing.
        "restore_backup" | "restore_from_file" | "recover_from_backup" => path("absent.sqlite"),
        "export_client_record"
        | "subject_access"
        | "client_appointments"
        | "client_consents"
        | "consent_status"
        | "photo_timeline" => client(),
        "client_recalls" => json!({ "client_id": ClientId::new(), "latest_closed": 5 }),
        "erase_client" => json!({ "client_id": ClientId::new(), "confirmation": "Ada Quinn" }),
        "import_setup" => json!({ "content_base64": CSV_BASE64 }),
        "preview_import" | "import_clients" => json!({
            "content_base64": CSV_BASE64,
            "request": value(ImportRequest {
                mapping: ImportMapping {
                    columns: vec![Some(ClientField::FirstName), Some(ClientField::LastName)],
                    date_order: Some(DateOrder::DayFirst),
                },
                decisions: vec![ImportDecision { line: 2, decision: DuplicateDecision::ImportAnyway }],
            }),
        }),
        "create_site" => with_input(site_form()),
        "update_site" => update(SiteId::new(), site_form()),
        "set_staff_sites" => json!({ "staff_id": staff, "sites": [SiteId::new()] }),
        "calendar" | "export_calendar_ics" => calendar_query(),
        "calendar_summary" => json!({ "query": value(CalendarSummaryQuery {
            from: day("2026-06-15"),
            days: 7,
            site_id: Some(SiteId::new()),
            practitioner_id: Some(StaffId::new()),
        }) }),
        "book_appointment" => with_input(booking()),
        "reschedule_appointment" => update(AppointmentId::new(), booking()),
        "cancel_appointment"
        | "mark_attended"
        | "mark_no_show"
        | "appointment_reminder"
        | "export_appointment_ics" => json!({ "id": AppointmentId::new() }),
        "practitioner_day" => json!({ "practitioner_id": staff, "day": "2026-06-15" }),
        "worklist" | "export_worklist_csv" => worklist_query(),
        "log_contact" => json!({ "recall_id": recall, "input": value(ContactInput {
            method: ContactMethod::Phone,
            outcome: ContactOutcome::NoAnswer,
            note: "Left a voicemail".into(),
        }) }),
        "snooze_recall" => json!({ "recall_id": recall, "until": "2026-07-01" }),
        "decline_recall" => json!({ "recall_id": recall, "reason": "Moved abroad" }),
        "disable_recall_until" => json!({ "recall_id": recall, "until": "2026-12-01" }),
        "set_recall_due" => json!({ "recall_id": recall, "due_on": "2026-08-01" }),
        "book_recall" => json!({ "recall_id": recall, "input": value(booking()) }),
        "recall_contacts" => json!({ "recall_id": recall }),
        "update_clinic_settings" => json!({ "settings": value(ClinicSettings::default()) }),
        "consent_template_history" => json!({ "id": ConsentTemplateId::new() }),
        "create_consent_template" => with_input(template_form()),
        "revise_consent_template" => update(ConsentTemplateId::new(), template_form()),
        "sign_consent" => json!({ "input": signing(), "credential": { "pin": "1234" } }),
        "withdraw_consent" => json!({ "id": ConsentId::new(), "input": value(WithdrawConsentInput {
            reason: "Changed their mind".into(),
            client_signature: Some(SIGNATURE.into()),
        }) }),
        "signed_consent" => json!({ "id": ConsentId::new() }),
        "add_photo" => json!({
            "details": value(PhotoDetails {
                client_id: ClientId::new(),
                session_id: Some(SessionId::new()),
                view: PhotoView::Front,
                taken_on: Some(day("2026-06-15")),
                notes: String::new(),
                consent_use: PhotoUse::ClinicalOnly,
            }),
            "name": "front.jpg",
        }),
        "remove_photo" => json!({ "id": PhotoId::new() }),
        "revoke_device" => json!({ "id": "0190f7a2-0000-7000-8000-000000000000" }),
        "compare_photos" => json!({ "a": PhotoId::new(), "b": PhotoId::new() }),
        "update_photo" => {
            json!({ "id": PhotoId::new(), "version": 1, "edit": value(photo_edit()) })
        }
        "photos_for_marketing" => client(),
        // A command without a request: `{}` is all of it.
        _ if (hairline::api::command(command)?.request_fields)().is_empty() => json!({}),
        _ => return None,
    })
}

/// One step of a key path: an object's key, or an array's first element.
#[derive(Clone)]
enum Step {
    Key(String),
    First,
}

/// A key path as serde and the form name it: `input.zones[0].angle_deg`.
fn dotted(path: &[Step]) -> String {
    let mut name = String::new();
    for step in path {
        match step {
            Step::Key(key) if name.is_empty() => name.push_str(key),
            Step::Key(key) => name.push_str(&format!(".{key}")),
            Step::First => name.push_str("[0]"),
        }
    }
    name
}

/// The path of every key in `value`: each object's keys and those within them, through the
/// first element of each array.
fn key_paths(value: &Value, at: &[Step], paths: &mut Vec<Vec<Step>>) {
    match value {
        Value::Object(fields) => {
            for (key, item) in fields {
                let path = [at, &[Step::Key(key.clone())]].concat();
                key_paths(item, &path, paths);
                paths.push(path);
            }
        }
        Value::Array(items) => {
            if let Some(first) = items.first() {
                key_paths(first, &[at, &[Step::First]].concat(), paths);
            }
        }
        _ => {}
    }
}

/// `request` without the key at `path`.
fn without(request: &Value, path: &[Step]) -> Value {
    let mut request = request.clone();
    let (last, parents) = path.split_last().expect("a key path");
    let parent = parents.iter().fold(&mut request, |value, step| match step {
        Step::Key(key) => &mut value[key.as_str()],
        Step::First => &mut value[0],
    });
    let Step::Key(key) = last else {
        unreachable!("paths end at a key")
    };
    parent.as_object_mut().expect("an object").remove(key);
    request
}

/// Whether `reply` refuses a request as unreadable at `field` (serde's own wording, as
/// `api::unreadable` writes it).
fn refused_as_unreadable(reply: &std::result::Result<Value, ApiError>, field: &str) -> bool {
    matches!(reply, Err(error) if error.code == ErrorCode::Validation
        && error.field.as_deref() == Some(field)
        && (error.message == format!("{field} is required")
            || error.message.starts_with(&format!("{field} is not valid: "))))
}

#[test]
fn every_command_names_each_field_its_request_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let folder = DataFolder::new(dir.path().join("practice")).unwrap();
    let clock = Arc::new(FixedClock::on(day("2026-06-15")));
    let service = Service::open(folder, clock, Some(dir.path().join("exports")));
    let (owner, staff) = Desk::owner(&service, "Dana Whitfield");
    // Commands anyone may call run at a workstation where nobody is signed in (so that signing
    // out or locking leaves the owner's desk signed in); the rest at the owner's.
    let call = |name: &str, request: Value| {
        let open = hairline::api::command(name).is_some_and(|c| c.permission == Permission::Open);
        if open {
            Desk::new(&service).call(name, request)
        } else {
            owner.call(name, request)
        }
    };
    let staff: StaffId = serde_json::from_value(staff).unwrap();

    let (mut checked, mut left_out) = (0, BTreeSet::new());
    for command in COMMANDS {
        let name = command.name;
        let sample = sample(name, staff, dir.path())
            .unwrap_or_else(|| panic!("{name}: no sample request in hidden_fields.rs"));
        let keys: BTreeSet<&str> = sample
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        let fields: BTreeSet<&str> = (command.request_fields)().iter().copied().collect();
        assert_eq!(
            keys, fields,
            "{name}: the sample's keys are the request's fields"
        );
        let mut paths = Vec::new();
        key_paths(&sample, &[], &mut paths);
        for path in &paths {
            let (path, request) = (dotted(path), without(&sample, path));
            let field = form_field(&path);
            let reply = call(name, request);
            if may_be_left_out(name, field) {
                assert!(
                    !refused_as_unreadable(&reply, field),
                    "{name}: without {path}, refused although it may be left out: {reply:?}"
                );
                left_out.insert((name, field.to_owned()));
            } else {
                let error = reply.expect_err(&format!("{name}: without {path}, accepted"));
                assert_eq!(
                    (error.code, error.field.as_deref(), error.message.as_str()),
                    (
                        ErrorCode::Validation,
                        Some(field),
                        format!("{field} is required").as_str()
                    ),
                    "{name}: without {path}"
                );
            }
            checked += 1;
        }
        // The whole sample is readable (else a check above could pass for the wrong reason).
        if !paths.is_empty() {
            let reply = call(name, sample.clone());
            for path in &paths {
                assert!(
                    !refused_as_unreadable(&reply, form_field(&dotted(path))),
                    "{name}: the whole sample is unreadable: {reply:?}"
                );
            }
        }
    }
    for (commands, fields) in MAY_BE_LEFT_OUT {
        for command in *commands {
            for field in *fields {
                assert!(
                    left_out.contains(&(*command, (*field).to_owned())),
                    "{command}: {field} is allowed to be left out but no sample holds it"
                );
            }
        }
    }
    println!(
        "{} commands, {checked} key paths left out one at a time",
        COMMANDS.len()
    );
}
