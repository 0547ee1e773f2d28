//! Two copies of the app on one database file (or the app and the command-line tool): a save
//! based on what a copy read before another copy saved is refused, never silently undoes it.
//!
//! Invariants: (1) a save succeeds exactly when the record is still at the version the saver
//! read; (2) each successful save moves the version on by one; (3) a refused save changes
//! nothing; (4) the refusal is a `conflict` on field `version` naming who changed what.

use crate::support::*;
use hairline::api::Service;
use hairline::db::data_folder::DataFolder;
use hairline::*;
use proptest::prelude::*;

/// A second copy of the app, on the same file as `clinic`.
fn second_copy(clinic: &Clinic) -> Practice {
    Practice::open(clinic.path(), clinic.clock.clone()).expect("second copy opens")
}

fn pigment_allergy() -> ContraindicationInput {
    ContraindicationInput {
        id: None,
        condition: Some(Condition::PigmentAllergy),
        detail: "reacted to a patch test".into(),
        kind: Some(ContraindicationKind::Absolute),
        clearance: None,
    }
}

/// The defect as reported: copy B, opened before copy A added a pigment allergy, saves an
/// address change — which used to delete the allergy.
#[test]
fn a_save_from_a_stale_form_is_refused_and_names_who_changed_what() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let mut copy_b = second_copy(&clinic);
    let opened_in_b = copy_b.client(client.id).unwrap();

    clinic.clock.advance(chrono::Duration::minutes(3));
    let mut with_allergy = client_input("Ana", "Lopez");
    with_allergy.contraindications = vec![pigment_allergy()];
    let saved_by_a = clinic
        .practice
        .update_client(clinic.actor(), client.id, client.version, &with_allergy)
        .unwrap();
    assert_eq!(saved_by_a.version, client.version + 1);

    clinic.clock.advance(chrono::Duration::minutes(2));
    let mut moved = client_input("Ana", "Lopez");
    moved.address = "9 New Road, Leeds".into();
    let err = assert_field(
        copy_b.update_client(clinic.actor(), client.id, opened_in_b.version, &moved),
        ErrorCode::Conflict,
        "version",
    );
    let message = err.to_string();
    assert!(message.contains("Dana Whitfield"), "{message}");
    assert!(message.contains("contraindications"), "{message}");
    assert!(message.contains("2 minutes ago"), "{message}");
    assert!(message.contains("reload"), "{message}");

    let now = copy_b.client(client.id).unwrap();
    assert_eq!(now.contraindications.len(), 1, "the allergy is kept");
    assert_eq!(
        now.address, "1 High Street, Leeds",
        "nothing of B's save was written"
    );
    assert_eq!(now.version, saved_by_a.version);

    // Reloaded, B makes the change again on the current version, and both changes stand.
    let mut redone = client_input("Ana", "Lopez");
    redone.address = "9 New Road, Leeds".into();
    redone.contraindications = vec![ContraindicationInput {
        id: Some(now.contraindications[0].id),
        ..pigment_allergy()
    }];
    let after = copy_b
        .update_client(clinic.actor(), client.id, now.version, &redone)
        .unwrap();
    assert_eq!(after.address, "9 New Road, Leeds");
    assert_eq!(after.contraindications.len(), 1);
}

/// Over the command table, as the UI and the clinic server call it.
#[test]
fn a_stale_update_through_the_command_table_is_a_conflict_on_version() {
    let dir = tempfile::tempdir().unwrap();
    let service = Service::open(
        DataFolder::new(dir.path()).unwrap(),
        std::sync::Arc::new(FixedClock::on(day("2026-06-15"))),
        None,
    );
    let (desk, _) = crate::desk::Desk::owner(&service, "Mo Manager");
    let call = |name: &str, request: serde_json::Value| desk.call(name, request);
    let site = call(
        "create_site",
        serde_json::json!({"input": {"name": "Leeds", "address": "", "time_zone": "Europe/London", "hours": [{"weekday": "mon", "opens": "09:00:00", "closes": "17:00:00"}]}}),
    )
    .unwrap();
    let edit = |name: &str| {
        serde_json::json!({"id": site["id"], "version": 1,
            "input": {"name": name, "address": "", "time_zone": "Europe/London", "hours": [{"weekday": "mon", "opens": "09:00:00", "closes": "17:00:00"}]}})
    };
    call("update_site", edit("Leeds Central")).unwrap();
    let refused = call("update_site", edit("Leeds North")).unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict, "{refused:?}");
    assert_eq!(refused.field.as_deref(), Some("version"));
    let sites = call("list_sites", serde_json::json!({})).unwrap();
    assert_eq!(sites[0]["name"], "Leeds Central");
    assert_eq!(sites[0]["version"], 2);
}

#[test]
fn clinic_settings_carry_a_version_too() {
    let mut clinic = Clinic::new();
    let mut copy_b = second_copy(&clinic);
    let opened = clinic.practice.settings().unwrap();
    assert_eq!(opened.version, 1);
    let saved = clinic
        .practice
        .update_settings(
            clinic.actor(),
            &ClinicSettings {
                minimum_age: 21,
                ..opened.clone()
            },
        )
        .unwrap();
    assert_eq!(saved.version, 2);
    let err = assert_field(
        copy_b.update_settings(
            clinic.actor(),
            &ClinicSettings {
                default_spacing_days: 21,
                ..opened
            },
        ),
        ErrorCode::Conflict,
        "version",
    );
    assert!(err.to_string().contains("minimum age"), "{err}");
    let kept = copy_b.settings().unwrap();
    assert_eq!((kept.minimum_age, kept.default_spacing_days), (21, 14));
}

#[test]
fn an_update_of_a_record_that_does_not_exist_is_not_found() {
    let mut clinic = Clinic::new();
    let err = clinic
        .practice
        .update_client(clinic.actor(), ClientId::new(), 1, &client_input("A", "B"))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound, "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Two copies, each reading the client now and then and saving a change from what it last
    /// read: invariants (1)–(3) above after every step, against a model that knows the true
    /// version and notes.
    #[test]
    fn saves_from_two_copies_never_undo_each_other(
        steps in prop::collection::vec((any::<bool>(), any::<bool>(), 0u8..100), 1..24),
    ) {
        let mut clinic = Clinic::new();
        let client = clinic.client("Ana", "Lopez");
        let mut copy_b = second_copy(&clinic);
        let actor = clinic.actor();
        let mut true_version = client.version;
        let mut true_notes = String::new();
        let mut read = [client.version, client.version];
        for (in_b, reload, mark) in steps {
            let copy = usize::from(in_b);
            let practice = if in_b { &mut copy_b } else { &mut clinic.practice };
            if reload {
                let now = practice.client(client.id).unwrap();
                read[copy] = now.version;
                prop_assert_eq!(&now.notes, &true_notes);
            }
            let mut input = client_input("Ana", "Lopez");
            input.notes = format!("note {mark} from copy {copy}");
            let result = practice.update_client(actor, client.id, read[copy], &input);
            if read[copy] == true_version {
                let saved = result.unwrap();
                true_version += 1;
                true_notes = input.notes;
                prop_assert_eq!(saved.version, true_version);
                read[copy] = saved.version;
            } else {
                let err = result.unwrap_err();
                prop_assert_eq!(err.code(), ErrorCode::Conflict);
                prop_assert_eq!(err.field(), Some("version"));
            }
            let stored = practice.client(client.id).unwrap();
            prop_assert_eq!(stored.version, true_version);
            prop_assert_eq!(&stored.notes, &true_notes);
        }
    }
}
