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
        condition: Some(Condition::BloodThinners),
        detail: "Warfarin".into(),
        kind: Some(ContraindicationKind::NeedsClearance),
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
    // An archive from before today's tables took their columns names the version to restore.
    value["schema_version"] = (SAME_ARCHIVED_TABLES_SINCE - 1).into();
    let err = assert_field(
        fresh.import_archive(&value.to_string()),
        ErrorCode::Refused,
        "file",
    );
    assert!(err.to_string().contains("export again"), "{err}");

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
    assert_eq!(err.field(), Some("tables.staff.rows[0].role"), "{err}");
    for table in ["clients", "staff", "sessions", "audit_log"] {
        assert_eq!(count(&fresh, table), 0, "{table} left empty");
    }

    // An archive from the oldest version with today's tables imports as it is.
    let mut older: serde_json::Value = serde_json::from_str(&text).unwrap();
    older["schema_version"] = SAME_ARCHIVED_TABLES_SINCE.into();
    fresh.import_archive(&older.to_string()).unwrap();
    assert_eq!(
        count(&fresh, "sessions"),
        count(&clinic.practice, "sessions")
    );
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

/// Each `(table, column, value)` put into row 0 of `text`'s table.
fn with_value(text: &str, table: &str, column: &str, value: serde_json::Value) -> String {
    let mut archive: serde_json::Value = serde_json::from_str(text).unwrap();
    let columns = archive["tables"][table]["columns"].as_array().unwrap();
    let at = columns
        .iter()
        .position(|c| c == column)
        .unwrap_or_else(|| panic!("{table} has no column {column}"));
    archive["tables"][table]["rows"][0][at] = value;
    archive.to_string()
}

/// A row no form would let in — an impossible date, a time zone that does not exist, a number
/// out of any bound, a blank name — is refused naming its table, row and field, and nothing of
/// the archive is written.
#[test]
fn an_archive_with_a_bad_row_is_refused_naming_the_row_and_field_and_writes_nothing() {
    let (clinic, _) = full_clinic();
    let text = export(&clinic.practice);
    let dir = tempfile::tempdir().unwrap();
    let mut fresh = Practice::open(
        dir.path().join("new.sqlite"),
        FixedClock::on(day("2026-06-20")),
    )
    .unwrap();
    let huge = [
        serde_json::json!(1e308),
        serde_json::json!(-1e308),
        serde_json::json!(u64::from(u32::MAX) + 1),
        serde_json::json!(i64::MAX),
    ];
    let mut cases: Vec<(&str, &str, serde_json::Value)> = vec![
        ("sites", "time_zone", "Mars/Olympus".into()),
        ("sites", "time_zone", "".into()),
        ("sites", "name", "  ".into()),
        ("clients", "date_of_birth", "-0001-01-01".into()),
        ("clients", "date_of_birth", "+262142-12-31".into()),
        ("clients", "first_name", "".into()),
        ("clients", "email", "not an address".into()),
        ("sessions", "performed_on", "+262142-12-31".into()),
        ("sessions", "recorded_at", "-0001-01-01T00:00:00Z".into()),
        ("appointments", "starts_at", "yesterday".into()),
        ("appointments", "notes", "x".repeat(2001).into()),
        ("plans", "areas", "[\"moon\"]".into()),
    ];
    for value in &huge {
        for (table, column) in [
            ("plans", "spacing_days"),
            ("plans", "planned_sessions"),
            ("plans", "touch_up_interval_months"),
            ("sessions", "duration_minutes"),
            ("sessions", "pain_score"),
            ("session_zones", "depth_mm"),
            ("session_zones", "angle_deg"),
            ("session_zones", "stroke_mm"),
            ("clients", "number"),
        ] {
            cases.push((table, column, value.clone()));
        }
    }
    for (table, column, value) in cases {
        let shown = value.to_string();
        let bad = with_value(&text, table, column, value);
        let error = fresh.import_archive(&bad).unwrap_err();
        assert_eq!(error.code(), ErrorCode::Validation, "{error}");
        let field = error.field().unwrap_or_default();
        if table == "session_zones" && column == "stroke_mm" {
            // No schema rule bounds the stroke: the session form's rule names it on its session.
            assert!(
                field.starts_with("tables.sessions.rows[") && field.ends_with("].stroke_mm"),
                "{field}: {error}"
            );
        } else {
            assert_eq!(
                field,
                format!("tables.{table}.rows[0].{column}"),
                "{table}.{column} = {shown}: {error}"
            );
            assert!(
                error.to_string().starts_with(&format!("Row 0 of {table}")),
                "{error}"
            );
        }
        for table in [
            "sites",
            "clients",
            "plans",
            "sessions",
            "appointments",
            "audit_log",
        ] {
            assert_eq!(count(&fresh, table), 0, "{table} left empty");
        }
    }
    fresh
        .import_archive(&text)
        .expect("the archive as written imports");
}

#[test]
fn a_subject_access_export_holds_the_consents_signatures_and_photos_themselves() {
    let (mut clinic, zoe) = full_clinic();
    let consent = clinic.sign(zoe.id, ConsentKind::Photo, &[]);
    let store = PhotoStore::new(clinic.dir.path().join("photos"));
    let details = PhotoDetails {
        client_id: zoe.id,
        session_id: None,
        view: PhotoView::Crown,
        taken_on: None,
        notes: String::new(),
        consent_use: PhotoUse::ClinicalOnly,
    };
    let actor = clinic.actor();
    let photo = clinic
        .practice
        .add_photo_bytes(
            actor,
            &store,
            &details,
            "crown.jpg",
            &crate::images::jpeg(64, 48, 3),
        )
        .unwrap();

    let export = clinic.practice.subject_access_export(zoe.id).unwrap();
    let signed = export.consents.iter().find(|c| c.id == consent.id).unwrap();
    assert_eq!(signed.body, consent.body, "the exact text signed");
    assert_eq!(signed.answers, consent.answers);
    assert_eq!(export.photos.len(), 1);

    let path = clinic.dir.path().join("exports").join("client-1.json");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let files = clinic
        .practice
        .subject_access_export_to(zoe.id, &path)
        .unwrap();
    assert_eq!(
        files,
        clinic.dir.path().join("exports").join("client-1 files")
    );
    let copied = files.join("photos").join(format!("{}.jpg", photo.sha256));
    assert_eq!(
        fs::read(copied).unwrap(),
        fs::read(&photo.image_path).unwrap()
    );
    for signer in ["client", "practitioner"] {
        let signature = files
            .join("signatures")
            .join(format!("{}-{signer}.svg", consent.id));
        let svg = fs::read_to_string(&signature).unwrap();
        assert!(
            svg.starts_with("<svg") && svg.contains("<path d=\"M"),
            "{svg}"
        );
    }
    let json = fs::read_to_string(&path).unwrap();
    assert!(json.contains(&consent.title) && json.contains(&photo.sha256));
    assert!(
        clinic
            .practice
            .subject_access_export_to(zoe.id, &path)
            .is_err(),
        "never over an earlier export"
    );
}
