//! The whole practice as an archive, round-tripped; one client's record for a subject-access request.

use crate::support::*;
use hairline::*;
use std::fs;

/// A clinic with every kind of record: contraindications, an archived client, plans, a signed
/// session with an amendment, an unsigned one, a discarded one, and their audit trail.
pub fn full_clinic() -> (Clinic, Client) {
    let mut clinic = Clinic::new();
    let actor = clinic.actor();
    let mut input = client_input("Zoë", "Ødegård");
    input.contraindications = vec![ContraindicationInput {
        id: None,
        condition: Condition::BloodThinners,
        detail: "Warfarin".into(),
        kind: ContraindicationKind::NeedsClearance,
        clearance: Some(Clearance {
            cleared_on: day("2026-05-01"),
            cleared_by: "Dr A. Rahman".into(),
            note: "Stable INR".into(),
        }),
    }];
    input.notes = "Nervous about needles".into();
    let zoe = clinic.practice.create_client(actor, &input).unwrap();
    clinic.consented(zoe.id);
    let plan = clinic.plan(zoe.id);
    let first = clinic.record(plan.id, 1, "2026-05-20");
    clinic.practice.sign_session(actor, first.id).unwrap();
    clinic
        .practice
        .amend_session(actor, first.id, "Crown density lighter than noted")
        .unwrap();
    let second = clinic.record(plan.id, 2, "2026-06-03");
    let third = clinic.record(plan.id, 3, "2026-06-10");
    clinic.practice.discard_session(actor, third.id).unwrap();
    let _ = second;
    clinic.booked_and_called(
        zoe.id,
        "Prefers the quiet room",
        ContactOutcome::CallBack,
        "Call after 5pm",
    );
    let other = clinic.client("Bob", "Marley");
    clinic.practice.archive_client(actor, other.id).unwrap();
    (clinic, zoe)
}

fn export(practice: &Practice) -> String {
    let mut out = Vec::new();
    practice.export_archive(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn an_archive_reimports_into_an_empty_practice_losslessly() {
    let (clinic, zoe) = full_clinic();
    let path = clinic.dir.path().join("practice-archive.json");
    clinic.practice.export_archive_to(&path).unwrap();
    assert!(!path.with_extension("partial").exists());
    let nowhere = clinic.dir.path().join("no-such-folder/archive.json");
    assert_eq!(
        clinic
            .practice
            .export_archive_to(&nowhere)
            .unwrap_err()
            .code(),
        ErrorCode::File
    );
    let text = fs::read_to_string(&path).unwrap();
    let original: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(original["format"], "hairline-archive");
    assert_eq!(original["schema_version"], SCHEMA_VERSION);
    assert_eq!(original["row_counts"]["sessions"], 2);
    for table in [
        "appointments",
        "recalls",
        "recall_contacts",
        "sites",
        "staff_sites",
    ] {
        assert!(
            original["row_counts"][table].as_u64().unwrap() > 0,
            "{table} exported"
        );
    }
    assert!(
        original["tables"].get("client_search").is_none(),
        "the index is rebuilt, not carried"
    );

    let dir = tempfile::tempdir().unwrap();
    let mut fresh = Practice::open(
        dir.path().join("new.sqlite"),
        FixedClock::on(day("2026-06-20")),
    )
    .unwrap();
    let summary = fresh.import_archive(&text).unwrap();
    assert_eq!(
        summary.row_counts["audit_log"],
        count(&clinic.practice, "audit_log") as u64
    );

    let mut again: serde_json::Value = serde_json::from_str(&export(&fresh)).unwrap();
    // The import itself is the one entry the imported trail gains, chained after the others.
    let rows = again["tables"]["audit_log"]["rows"].as_array_mut().unwrap();
    let import = rows.pop().unwrap();
    assert_eq!(import[5], "import_archive");
    assert_eq!(fresh.verify_audit_chain().unwrap().first_break, None);
    again["row_counts"]["audit_log"] = (rows.len() as u64).into();
    assert_eq!(
        again["tables"], original["tables"],
        "every table, row and value"
    );
    assert_eq!(again["row_counts"], original["row_counts"]);

    // The re-imported practice works: search index rebuilt, signatures still guard.
    assert_eq!(
        fresh
            .search_clients("zoe odeg", ArchiveFilter::All, 5)
            .unwrap()[0]
            .id,
        zoe.id
    );
    let record = fresh.client_record(zoe.id).unwrap();
    let signed = &record.plans[0].sessions[0];
    assert!(signed.is_signed());
    assert_eq!(signed.amendments.len(), 1);
    assert_eq!(signed.zones.len(), 2);
    let raw = fresh
        .raw_connection()
        .execute("UPDATE sessions SET notes = 'x' WHERE id = ?1", [signed.id]);
    assert!(raw.is_err(), "signed sessions stay read-only");
    assert!(fresh.full_check().ok);
    assert_eq!(record, clinic.practice.client_record(zoe.id).unwrap());
}

#[test]
fn an_archive_that_cannot_be_imported_is_refused_whole() {
    let (clinic, _) = full_clinic();
    let text = export(&clinic.practice);
    let dir = tempfile::tempdir().unwrap();
    let mut fresh = Practice::open(
        dir.path().join("new.sqlite"),
        FixedClock::on(day("2026-06-20")),
    )
    .unwrap();

    assert_field(
        fresh.import_archive("{\"hello\": 1}"),
        ErrorCode::Validation,
        "file",
    );
    assert_field(
        fresh.import_archive("not json"),
        ErrorCode::Validation,
        "file",
    );

    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["schema_version"] = (SCHEMA_VERSION + 1).into();
    let err = fresh.import_archive(&value.to_string()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::SchemaTooNew);

    // A truncated table: the manifest's counts catch it, and nothing stays half-imported.
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["tables"]["sessions"]["rows"]
        .as_array_mut()
        .unwrap()
        .pop();
    let err = assert_field(
        fresh.import_archive(&value.to_string()),
        ErrorCode::Validation,
        "tables.sessions",
    );
    assert!(err.to_string().contains("incomplete"), "{err}");
    // A row breaking a rule of the schema names its table and row.
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["tables"]["staff"]["rows"][0][2] = "wizard".into();
    let err = fresh.import_archive(&value.to_string()).unwrap_err();
    assert_eq!(err.field(), Some("tables.staff.rows[0]"), "{err}");
    for table in ["clients", "staff", "sessions", "audit_log"] {
        assert_eq!(count(&fresh, table), 0, "{table} left empty");
    }

    fresh.import_archive(&text).unwrap();
    let err = fresh.import_archive(&text).unwrap_err();
    assert_eq!(
        err.code(),
        ErrorCode::Refused,
        "only into an empty practice"
    );
}

#[test]
fn a_subject_access_export_holds_everything_about_one_client_and_no_one_else() {
    let (clinic, zoe) = full_clinic();
    let export = clinic.practice.subject_access_export(zoe.id).unwrap();
    assert_eq!(export.record.client.contraindications.len(), 1);
    assert_eq!(export.pigment_lots.len(), 1);
    assert_eq!(export.appointments.len(), 1);
    assert_eq!(export.recalls[0].contacts[0].note, "Call after 5pm");
    let actions: Vec<&str> = export.audit.iter().map(|a| a.action.as_str()).collect();
    for action in ["create", "record", "sign", "amend", "discard"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    let path = clinic.dir.path().join("sar.json");
    clinic
        .practice
        .subject_access_export_to(zoe.id, &path)
        .unwrap();
    let json = fs::read_to_string(&path).unwrap();
    assert!(json.contains("Ødegård") && json.contains("Warfarin") && json.contains("PB-2026-01"));
    assert!(!json.contains("Marley"), "another client's data leaked");
}
