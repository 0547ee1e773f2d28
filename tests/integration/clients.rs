//! Clients: create, update, archive, validation with the field named, nothing half-written.

use crate::support::*;
use hairline::*;

#[test]
fn a_client_is_created_with_a_front_desk_number_and_read_back_whole() {
    let mut clinic = Clinic::new();
    let mut input = client_input("Zoë", "Ó Súilleabháin");
    input.contraindications = vec![ContraindicationInput {
        id: None,
        condition: Some(Condition::Diabetes),
        detail: "type 2, controlled".into(),
        kind: Some(ContraindicationKind::NeedsClearance),
        clearance: Some(Clearance {
            cleared_on: day("2026-06-01"),
            cleared_by: "Dr Rahman".into(),
            note: String::new(),
        }),
    }];
    let first = clinic
        .practice
        .create_client(clinic.actor(), &input)
        .unwrap();
    let second = clinic.client("Ben", "Okafor");
    assert_eq!((first.number, second.number), (1, 2));
    clinic.reopen();
    let read = clinic.practice.client(first.id).unwrap();
    assert_eq!(read, first);
    assert_eq!(read.contraindications[0].detail, "type 2, controlled");
    assert_eq!(read.hair_loss_pattern, Some(HairLossPattern::Norwood5A));
}

#[test]
fn bad_fields_are_refused_with_the_field_named_and_nothing_written() {
    let mut clinic = Clinic::new();
    type Spoil = Box<dyn Fn(&mut ClientInput)>;
    let cases: Vec<(&str, Spoil)> = vec![
        ("first_name", Box::new(|c| c.first_name = "   ".into())),
        ("last_name", Box::new(|c| c.last_name = "x".repeat(101))),
        (
            "date_of_birth",
            Box::new(|c| c.date_of_birth = Some(day("2030-01-01"))),
        ),
        ("email", Box::new(|c| c.email = "not-an-email".into())),
        ("phone", Box::new(|c| c.phone = "call me maybe".into())),
        (
            "phone",
            Box::new(|c| {
                c.phone = String::new();
                c.preferred_contact = Some(ContactChannel::WhatsApp);
            }),
        ),
        (
            "contraindications[0].detail",
            Box::new(|c| {
                c.contraindications = vec![ContraindicationInput {
                    id: None,
                    condition: Some(Condition::Other),
                    detail: String::new(),
                    kind: Some(ContraindicationKind::Absolute),
                    clearance: None,
                }]
            }),
        ),
        (
            "contraindications[0].clearance.cleared_by",
            Box::new(|c| {
                c.contraindications = vec![ContraindicationInput {
                    id: None,
                    condition: Some(Condition::BloodThinners),
                    detail: String::new(),
                    kind: Some(ContraindicationKind::NeedsClearance),
                    clearance: Some(Clearance {
                        cleared_on: day("2026-06-01"),
                        cleared_by: " ".into(),
                        note: String::new(),
                    }),
                }]
            }),
        ),
        ("notes", Box::new(|c| c.notes = "bell\u{7}".into())),
    ];
    for (field, spoil) in cases {
        let mut input = client_input("Ana", "Lopez");
        spoil(&mut input);
        assert_field(
            clinic.practice.create_client(clinic.actor(), &input),
            ErrorCode::Validation,
            field,
        );
    }
    assert_eq!(count(&clinic.practice, "clients"), 0);
    assert_eq!(count(&clinic.practice, "contraindications"), 0);
    assert_eq!(
        count(&clinic.practice, "audit_log WHERE entity = 'client'"),
        0
    );
}

#[test]
fn update_replaces_details_and_keeps_number_and_creation() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    clinic.clock.advance(chrono::Duration::days(3));
    let mut input = client_input("Ana", "López-García");
    input.fitzpatrick = Some(Fitzpatrick::V);
    let updated = clinic
        .practice
        .update_client(clinic.actor(), client.id, client.version, &input)
        .unwrap();
    assert_eq!(updated.number, client.number);
    assert_eq!(updated.created_at, client.created_at);
    assert!(updated.updated_at > client.updated_at);
    assert_eq!(updated.last_name, "López-García");
    assert_eq!(updated.fitzpatrick, Some(Fitzpatrick::V));
}

#[test]
fn archived_clients_leave_the_default_list_but_are_never_deleted() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    clinic.client("Ben", "Okafor");
    clinic
        .practice
        .archive_client(clinic.actor(), ana.id)
        .unwrap();
    let active = clinic
        .practice
        .list_clients(ArchiveFilter::Active, 0, 50)
        .unwrap();
    assert_eq!(active.total, 1);
    assert_eq!(active.clients[0].first_name, "Ben");
    let archived = clinic
        .practice
        .list_clients(ArchiveFilter::Archived, 0, 50)
        .unwrap();
    assert_eq!(archived.clients[0].id, ana.id);
    assert!(archived.clients[0].archived);
    assert!(clinic
        .practice
        .client(ana.id)
        .unwrap()
        .archived_at
        .is_some());
    clinic
        .practice
        .unarchive_client(clinic.actor(), ana.id)
        .unwrap();
    assert_eq!(
        clinic
            .practice
            .list_clients(ArchiveFilter::Active, 0, 50)
            .unwrap()
            .total,
        2
    );
}

#[test]
fn the_client_list_pages_in_name_order() {
    let mut clinic = Clinic::new();
    for last in ["Young", "Adams", "Moore", "Baker", "Clark"] {
        clinic.client("Sam", last);
    }
    let first = clinic
        .practice
        .list_clients(ArchiveFilter::Active, 0, 2)
        .unwrap();
    let second = clinic
        .practice
        .list_clients(ArchiveFilter::Active, 2, 2)
        .unwrap();
    let names: Vec<_> = first
        .clients
        .iter()
        .chain(&second.clients)
        .map(|c| c.last_name.as_str())
        .collect();
    assert_eq!(names, ["Adams", "Baker", "Clark", "Moore"]);
    assert_eq!(first.total, 5);
}

#[test]
fn unknown_client_is_not_found() {
    let clinic = Clinic::new();
    let err = clinic.practice.client(ClientId::new()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
}

/// A client younger than the clinic's minimum age (a clinic setting, 18 unless changed) is
/// recorded only once someone confirms it; nothing is written before.
#[test]
fn a_minor_is_recorded_only_with_confirmation() {
    let mut clinic = Clinic::new();
    let actor = clinic.actor();
    let minor = ClientInput {
        date_of_birth: Some(day("2010-03-01")),
        ..client_input("Noor", "Haddad")
    };
    let before = count(&clinic.practice, "clients");
    let err = assert_field(
        clinic.practice.create_client(actor, &minor),
        ErrorCode::Refused,
        "confirm_minor",
    );
    assert!(
        err.to_string()
            .contains("is 16, under the clinic's minimum age of 18"),
        "{err}"
    );
    assert_eq!(count(&clinic.practice, "clients"), before);
    let confirmed = ClientInput {
        confirm_minor: Some(true),
        ..minor.clone()
    };
    clinic.practice.create_client(actor, &confirmed).unwrap();
    let mut rules = clinic.practice.settings().unwrap();
    rules.minimum_age = 16;
    clinic.practice.update_settings(actor, &rules).unwrap();
    clinic
        .practice
        .create_client(
            actor,
            &ClientInput {
                first_name: "Sami".into(),
                ..minor
            },
        )
        .expect("16 is old enough for this clinic");
    rules.minimum_age = 12;
    assert_field(
        clinic.practice.update_settings(actor, &rules),
        ErrorCode::Validation,
        "minimum_age",
    );
}

/// The clinic's rules with several out of bounds are refused with every one named at once, and
/// none of them is saved.
#[test]
fn every_clinic_rule_out_of_bounds_is_named_at_once_and_none_is_saved() {
    let mut clinic = Clinic::new();
    let actor = clinic.actor();
    let before = clinic.practice.settings().unwrap();
    let mut rules = before.clone();
    rules.minimum_age = 12;
    rules.touch_up.high_sun_months = -90;
    rules.idle_lock_minutes = 0;
    let refused = clinic
        .practice
        .update_settings(actor, &rules)
        .unwrap_err()
        .to_api();
    let fields = problem_fields(&refused);
    assert_eq!(
        fields,
        [
            "minimum_age",
            "touch_up.high_sun_months",
            "idle_lock_minutes"
        ]
    );
    assert_eq!(clinic.practice.settings().unwrap(), before);
}

/// A contraindication's condition and what it means for treatment are chosen, never assumed:
/// left unchosen, each is named; and every problem of every entry comes back from one save,
/// each under its entry's path, with nothing written.
#[test]
fn every_problem_of_every_contraindication_is_named_at_once_and_none_is_assumed() {
    let mut clinic = Clinic::new();
    let mut input = client_input("Ana", "Lopez");
    input.contraindications = vec![
        ContraindicationInput {
            id: None,
            condition: None,
            detail: String::new(),
            kind: None,
            clearance: None,
        },
        ContraindicationInput {
            id: None,
            condition: Some(Condition::Other),
            detail: "  ".into(),
            kind: Some(ContraindicationKind::NeedsClearance),
            clearance: Some(Clearance {
                cleared_on: day("2031-01-01"),
                cleared_by: " ".into(),
                note: String::new(),
            }),
        },
    ];
    let api = clinic
        .practice
        .create_client(clinic.actor(), &input)
        .unwrap_err()
        .to_api();
    let problems: Vec<(String, String)> = api
        .problems
        .expect("several problems")
        .into_iter()
        .map(|p| (p.field, p.message))
        .collect();
    let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        fields,
        [
            "contraindications[0].condition",
            "contraindications[0].kind",
            "contraindications[1].detail",
            "contraindications[1].clearance.cleared_on",
            "contraindications[1].clearance.cleared_by",
        ]
    );
    assert_eq!(problems[0].1, "Contraindication 1: choose the condition");
    assert_eq!(count(&clinic.practice, "clients"), 0, "nothing written");
    assert_eq!(count(&clinic.practice, "contraindications"), 0);
}

/// A new client with five problems learns all five from one save, each naming its field; the
/// care reminders question left unanswered is one of them (never read as yes or no).
#[test]
fn every_problem_of_the_client_form_is_reported_at_once() {
    let mut clinic = Clinic::new();
    let mut input = client_input("", "Lopez");
    input.date_of_birth = Some(day("2031-01-01"));
    input.phone = "call me".into();
    input.email = "ana@".into();
    input.preferred_contact = None;
    input.care_reminders_consent = None;
    let err = clinic
        .practice
        .create_client(clinic.actor(), &input)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    let api = err.to_api();
    let fields = problem_fields(&api);
    assert_eq!(
        fields,
        [
            "first_name",
            "date_of_birth",
            "phone",
            "email",
            "preferred_contact",
            "care_reminders_consent"
        ]
    );
    assert_eq!(api.field.as_deref(), Some("first_name"));
    assert!(
        api.message.contains("and 5 more problems"),
        "{}",
        api.message
    );
    assert_eq!(count(&clinic.practice, "clients"), 0, "nothing written");
}
