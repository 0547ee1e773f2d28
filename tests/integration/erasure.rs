//! Erasure of a client's personal data, proven by searching the database files' bytes; the
//! database's home (filesystem warnings, checkpoints).

use crate::support::*;
use hairline::*;
use std::fs;

/// Distinctive personal data: each string must vanish from the files.
const TRACES: &[&str] = &[
    "Philippa",
    "Quaintrell",
    "zygmunt",
    "pq.zygmunt@example.org",
    "07700 955317",
    "77 Larkspur Row",
    "Finasteride",
    "Penicillinase",
    "Afraid of buzzing",
    "Dr Okonkwo-Blythe",
    "Keloid on left temple",
    "plan note with Zyg secret",
    "Parking by the Wexworth gate",
    "Spoke to Marguerite",
];

/// The database and its WAL, lower-cased, as one byte string.
fn file_bytes(clinic: &Clinic) -> Vec<u8> {
    let mut bytes = fs::read(clinic.path()).unwrap();
    if let Ok(wal) = fs::read(clinic.path().with_extension("sqlite-wal")) {
        bytes.extend(wal);
    }
    bytes.to_ascii_lowercase()
}

fn found(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.to_ascii_lowercase();
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn erasable_client(clinic: &mut Clinic) -> (Client, Session) {
    let actor = clinic.actor();
    let mut input = client_input("Philippa", "Quaintrell-Zygmunt");
    input.email = "pq.zygmunt@example.org".into();
    input.phone = "07700 955317".into();
    input.address = "77 Larkspur Row, York".into();
    // (Not a drug the standard consent questionnaire names: its text is the clinic's, not the
    // client's, and stays after an erasure.)
    input.medications = "Finasteride 1 mg".into();
    input.allergies = "Penicillinase".into();
    input.notes = "Afraid of buzzing noise".into();
    input.contraindications = vec![ContraindicationInput {
        id: None,
        condition: Some(Condition::KeloidScarring),
        detail: "Keloid on left temple".into(),
        kind: Some(ContraindicationKind::NeedsClearance),
        clearance: Some(Clearance {
            cleared_on: day("2026-05-02"),
            cleared_by: "Dr Okonkwo-Blythe".into(),
            note: String::new(),
        }),
    }];
    let client = clinic.practice.create_client(actor, &input).unwrap();
    clinic.consented(client.id);
    input.notes = "Afraid of buzzing noise; brings headphones".into();
    clinic
        .practice
        .update_client(actor, client.id, client.version, &input)
        .unwrap();
    let mut plan = clinic.plan_input(client.id);
    plan.notes = "plan note with Zyg secret".into();
    let plan = clinic.practice.create_plan(actor, &plan).unwrap();
    let session = clinic.record(plan.id, 1, "2026-06-01");
    let session = clinic.practice.sign_session(actor, session.id).unwrap();
    clinic.record(plan.id, 2, "2026-06-14");
    clinic.booked_and_called(
        client.id,
        "Parking by the Wexworth gate",
        ContactOutcome::Declined,
        "Spoke to Marguerite, wants to wait",
    );
    (client, session)
}

#[test]
fn an_erased_clients_personal_data_leaves_no_byte_in_the_database_or_its_wal() {
    let mut clinic = Clinic::new();
    let keep = clinic.client("Ana", "Lopez");
    let (client, signed) = erasable_client(&mut clinic);
    let before = file_bytes(&clinic);
    for trace in TRACES {
        assert!(
            found(&before, trace),
            "the test must see {trace} before erasure"
        );
    }

    let actor = clinic.actor();
    let report = clinic
        .practice
        .erase_client(actor, client.id, "  philippa   QUAINTRELL-zygmunt ")
        .unwrap();
    assert_eq!(report.shown_as, format!("Erased client #{}", client.number));
    assert_eq!((report.sessions_kept, report.signed_sessions_kept), (2, 1));
    assert!(report.traces_cleared);

    let after = file_bytes(&clinic);
    for trace in TRACES {
        assert!(
            !found(&after, trace),
            "{trace} is still in the database files"
        );
    }
    let in_memory = Practice::open_in_memory(FixedClock::on(day("2026-06-15"))).unwrap();
    std::mem::replace(&mut clinic.practice, in_memory)
        .close()
        .unwrap();
    let closed = fs::read(clinic.path()).unwrap().to_ascii_lowercase();
    for trace in TRACES {
        assert!(!found(&closed, trace), "{trace} is in the closed file");
    }
    clinic.reopen();

    // What the clinic keeps: the record's shape, the signed session, lot traceability, counts.
    let erased = clinic.practice.client(client.id).unwrap();
    assert_eq!(erased.full_name(), report.shown_as);
    assert!(erased.archived_at.is_some() && erased.contraindications.is_empty());
    assert_eq!(erased.date_of_birth, None);
    let kept = clinic.practice.session(signed.id).unwrap();
    assert_eq!(
        (kept.zones.clone(), kept.signed_at, kept.performed_on),
        (signed.zones.clone(), signed.signed_at, signed.performed_on),
        "the signed session keeps its lots, date and signature time"
    );
    assert_eq!(
        (kept.notes.as_str(), kept.skin_reaction, kept.pain_score),
        ("", None, None)
    );
    let uses = clinic
        .practice
        .pigment_lot_uses(clinic.lot.id, PageRequest::of(0, 100, "uses").unwrap())
        .unwrap()
        .uses;
    assert!(uses.iter().any(|u| u.client_name == report.shown_as));
    assert!(clinic
        .practice
        .search_clients("quaintrell", ArchiveFilter::All, 5)
        .unwrap()
        .is_empty());
    assert_eq!(
        clinic
            .practice
            .search_clients("erased", ArchiveFilter::All, 5)
            .unwrap()[0]
            .id,
        client.id
    );
    assert_eq!(
        clinic.practice.client(keep.id).unwrap().first_name,
        "Ana",
        "others untouched"
    );
    let trail = clinic.practice.audit_trail(&client.id).unwrap();
    let actions: Vec<&str> = trail
        .iter()
        .rev()
        .take(2)
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(
        actions,
        ["redact", "erase"],
        "the erasure, then its redactions"
    );
    assert!(trail
        .iter()
        .rev()
        .take(2)
        .all(|e| e.actor_id == Some(clinic.practitioner.id)));
    assert!(trail
        .iter()
        .filter(|e| e.action == "create")
        .all(|e| e.redacted));
    assert!(
        clinic.practice.full_check().ok,
        "{:?}",
        clinic.practice.full_check()
    );
}

#[test]
fn erasure_needs_the_clients_name_or_number_and_happens_once() {
    let mut clinic = Clinic::new();
    let (client, _) = erasable_client(&mut clinic);
    let actor = clinic.actor();
    for wrong in ["", "Philippa", "yes", "#999"] {
        let err = assert_field(
            clinic.practice.erase_client(actor, client.id, wrong),
            ErrorCode::Validation,
            "confirmation",
        );
        assert!(
            err.to_string().contains(&format!("#{}", client.number)),
            "{err}"
        );
    }
    assert_eq!(
        clinic.practice.client(client.id).unwrap(),
        clinic.practice.client(client.id).unwrap()
    );
    assert_eq!(
        clinic.practice.client(client.id).unwrap().first_name,
        "Philippa",
        "nothing changed"
    );
    clinic
        .practice
        .erase_client(actor, client.id, &format!("#{}", client.number))
        .unwrap();
    let again = clinic
        .practice
        .erase_client(actor, client.id, &client.number.to_string());
    assert_eq!(again.unwrap_err().code(), ErrorCode::Refused);
    let unknown = clinic.practice.erase_client(actor, ClientId::new(), "x");
    assert_eq!(unknown.unwrap_err().code(), ErrorCode::NotFound);
}

#[test]
fn a_local_folder_raises_no_warning_and_a_synced_one_does() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(storage_warning(dir.path()), None, "a local temp folder");
    let synced = dir.path().join("Dropbox").join("Hairline");
    let warning = storage_warning(&synced).unwrap();
    assert_eq!(warning.risk, StorageRisk::CloudSyncedFolder);
    assert!(warning.message.contains("Dropbox"));
}

#[test]
fn a_checkpoint_empties_the_wal_and_close_reports_success() {
    let mut clinic = Clinic::new();
    clinic.client("Ana", "Lopez");
    let wal = clinic.path().with_extension("sqlite-wal");
    assert!(fs::metadata(&wal).unwrap().len() > 0);
    let report = clinic.practice.checkpoint().unwrap();
    assert!(report.complete, "{report:?}");
    assert_eq!(fs::metadata(&wal).unwrap().len(), 0);
    let practice = Practice::open(clinic.path(), FixedClock::on(day("2026-06-15"))).unwrap();
    practice.close().unwrap();
}

/// Besides TRACES, the strings of a fully populated client: consent answer detail and
/// signatures, signed sessions and an amendment, photo notes and original file name.
const MORE: &[&str] = &[
    "warfarin 5mg nightly",
    "M 71 13 C 88 44",
    "M 3 97 Q 61 2",
    "signed note about Quillon scar",
    "amended: Quillon crown",
    "photo note Vellacott",
    "IMG_vellacott_crown.jpg",
];

/// Every string of a fully populated client: TRACES and MORE.
fn everything() -> impl Iterator<Item = &'static str> {
    TRACES.iter().chain(MORE).copied()
}

/// The erasable client, with a treatment consent answering "warfarin", distinctive signatures,
/// notes on the signed session, an amendment and a photo.
fn fully_populated(clinic: &mut Clinic) -> Client {
    let (client, _) = erasable_client(clinic);
    let actor = clinic.actor();
    let plan = clinic.plan(client.id);
    let mut input = clinic.session_input(plan.id, 1, "2026-06-03");
    input.notes = "signed note about Quillon scar".into();
    let session = clinic.practice.record_session(actor, &input).unwrap();
    clinic.practice.sign_session(actor, session.id).unwrap();
    clinic
        .practice
        .amend_session(actor, session.id, "amended: Quillon crown")
        .unwrap();
    let mut consent = clinic.consent_input(client.id, ConsentKind::Treatment, &["blood_thinners"]);
    for answer in &mut consent.answers {
        if answer.key == "blood_thinners" {
            answer.detail = "warfarin 5mg nightly".into();
        }
    }
    consent.client_signature = "M 71 13 C 88 44, 90 50, 95 60".into();
    consent.practitioner_signature = "M 3 97 Q 61 2, 70 40".into();
    clinic.practice.sign_consent(actor, &consent).unwrap();
    clinic.sign(client.id, ConsentKind::Photo, &[]);
    let store = clinic.practice.photo_store().unwrap();
    let details = PhotoDetails {
        client_id: client.id,
        session_id: None,
        view: PhotoView::Crown,
        taken_on: None,
        notes: "photo note Vellacott".into(),
        consent_use: PhotoUse::ClinicalOnly,
    };
    clinic
        .practice
        .add_photo_bytes(
            actor,
            &store,
            &details,
            "IMG_vellacott_crown.jpg",
            &crate::images::jpeg(64, 48, 7),
        )
        .unwrap();
    client
}

/// Every file under `dir`, lower-cased, as one byte string.
fn folder_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            bytes.extend(folder_bytes(&path));
        } else {
            bytes.extend(fs::read(&path).unwrap());
        }
    }
    bytes.to_ascii_lowercase()
}

#[test]
fn nothing_of_a_fully_populated_client_survives_in_the_database_its_wal_a_later_backup_or_the_photo_folder(
) {
    let mut clinic = Clinic::new();
    let client = fully_populated(&mut clinic);
    let photos = clinic.dir.path().join("photos");
    let before = file_bytes(&clinic);
    for trace in everything() {
        assert!(found(&before, trace), "the test must see {trace} first");
    }
    assert!(fs::read_dir(&photos).unwrap().count() > 0);
    let actor = clinic.actor();
    let report = clinic
        .practice
        .erase_client(actor, client.id, &client.number.to_string())
        .unwrap();
    assert!(report.traces_cleared);
    let backup = clinic.dir.path().join("after.sqlite");
    clinic
        .practice
        .backup_to(&backup, &Cancel::new(), &mut |_| {})
        .unwrap();

    let mut everywhere = file_bytes(&clinic);
    everywhere.extend(fs::read(&backup).unwrap().to_ascii_lowercase());
    everywhere.extend(folder_bytes(&photos));
    for trace in everything() {
        assert!(!found(&everywhere, trace), "{trace} survived the erasure");
    }
    assert_eq!(
        folder_bytes(&photos),
        Vec::<u8>::new(),
        "no photo file left"
    );
    // What stays: the record existed, with its lots; the trail verifies.
    let record = clinic.practice.client_record(client.id).unwrap();
    assert_eq!(record.client.full_name(), report.shown_as);
    assert!(clinic
        .practice
        .client_consents(client.id)
        .unwrap()
        .iter()
        .all(|c| c.answers.is_empty() && c.client_signature.as_deref().is_none_or(str::is_empty)));
    assert!(clinic
        .practice
        .verify_audit_chain()
        .unwrap()
        .first_break
        .is_none());
    let erase = erase_entry(&clinic, client.id);
    assert_eq!(erase.actor_id, Some(clinic.practitioner.id), "names who");
}

/// The client's subject-access export (with its files folder) and a practice archive, written
/// into the data folder's `exports/` before the erasure, are gone after it: no byte of the
/// client is left anywhere in the data folder, while another client's export stays.
#[test]
fn an_erasure_removes_the_clients_exports_from_the_data_folder() {
    let mut clinic = Clinic::new();
    let client = fully_populated(&mut clinic);
    let other = clinic.client("Ana", "Lopez");
    let exports = clinic.dir.path().join("exports");
    fs::create_dir(&exports).unwrap();
    let record = exports.join(format!("client-{}-2026-06-15T093000.json", client.number));
    let files = clinic
        .practice
        .subject_access_export_to(client.id, &record)
        .unwrap();
    assert!(files.is_dir() && fs::read_dir(&files).unwrap().count() > 0);
    let archive = exports.join("practice-2026-06-15T093100.json");
    clinic.practice.export_archive_to(&archive).unwrap();
    let others = exports.join(format!("client-{}-2026-06-15T093200.json", other.number));
    clinic
        .practice
        .subject_access_export_to(other.id, &others)
        .unwrap();
    let held = folder_bytes(&exports);
    for trace in TRACES
        .iter()
        .chain(&["warfarin 5mg nightly", "photo note Vellacott"])
    {
        assert!(
            found(&held, trace),
            "the test must see {trace} in the exports first"
        );
    }

    let actor = clinic.actor();
    clinic
        .practice
        .erase_client(actor, client.id, &client.number.to_string())
        .unwrap();
    let everywhere = folder_bytes(clinic.dir.path());
    for trace in everything() {
        assert!(
            !found(&everywhere, trace),
            "{trace} survived in the data folder"
        );
    }
    assert!(!record.exists() && !files.exists() && !archive.exists());
    assert!(
        others.exists(),
        "another client's export is not the erasure's business"
    );
    assert!(fs::read_to_string(&others).unwrap().contains("Lopez"));
}

/// The first audit entry of the client's erasure.
fn erase_entry(clinic: &Clinic, client: ClientId) -> AuditEntry {
    clinic
        .practice
        .audit_trail(&client)
        .unwrap()
        .into_iter()
        .find(|e| e.action == "erase")
        .unwrap()
}

#[test]
fn a_backup_from_before_the_erasure_never_brings_the_client_back() {
    let mut clinic = Clinic::new();
    let client = fully_populated(&mut clinic);
    let backup = clinic.dir.path().join("before.sqlite");
    clinic
        .practice
        .backup_to(&backup, &Cancel::new(), &mut |_| {})
        .unwrap();
    let actor = clinic.actor();
    clinic
        .practice
        .erase_client(actor, client.id, "Philippa Quaintrell-Zygmunt")
        .unwrap();

    // Restored into the open practice.
    let safety = clinic.dir.path().join("safety");
    fs::create_dir_all(&safety).unwrap();
    clinic
        .practice
        .restore_from(&backup, &safety, &mut |_| {})
        .unwrap();
    assert_eq!(
        clinic.practice.client(client.id).unwrap().first_name,
        "Erased"
    );
    let after = file_bytes(&clinic);
    for trace in everything() {
        assert!(!found(&after, trace), "{trace} came back with the restore");
    }
    let again = erase_entry(&clinic, client.id);
    assert_eq!(again.after.unwrap()["reapplied"], true);

    // Copied over the database file by hand (a recovery does the same): erased when opened.
    let in_memory = Practice::open_in_memory(FixedClock::on(day("2026-06-15"))).unwrap();
    std::mem::replace(&mut clinic.practice, in_memory)
        .close()
        .unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", clinic.path().display()));
    }
    fs::copy(&backup, clinic.path()).unwrap();
    clinic.reopen();
    assert_eq!(
        clinic.practice.client(client.id).unwrap().first_name,
        "Erased"
    );
    assert!(clinic.practice.full_check().ok);
}

#[test]
fn an_archive_of_the_client_imported_after_the_erasure_is_erased_again() {
    let mut clinic = Clinic::new();
    let client = fully_populated(&mut clinic);
    let archive = clinic.dir.path().join("practice.json");
    clinic.practice.export_archive_to(&archive).unwrap();
    let actor = clinic.actor();
    clinic
        .practice
        .erase_client(actor, client.id, "Philippa Quaintrell-Zygmunt")
        .unwrap();
    // A new, empty practice in the same data folder (the ledger beside it) imports the archive.
    let in_memory = Practice::open_in_memory(FixedClock::on(day("2026-06-15"))).unwrap();
    std::mem::replace(&mut clinic.practice, in_memory)
        .close()
        .unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", clinic.path().display()));
    }
    clinic.reopen();
    clinic
        .practice
        .import_archive(&fs::read_to_string(&archive).unwrap())
        .unwrap();
    assert_eq!(
        clinic.practice.client(client.id).unwrap().first_name,
        "Erased"
    );
    assert!(clinic
        .practice
        .verify_audit_chain()
        .unwrap()
        .first_break
        .is_none());
}

#[test]
fn a_photo_file_that_could_not_be_removed_is_removed_when_the_erasure_is_retried() {
    let mut clinic = Clinic::new();
    let client = fully_populated(&mut clinic);
    let photos = clinic.dir.path().join("photos");
    // The photo's file cannot be removed: a folder stands where it is (whoever runs the test).
    let image = fs::read_dir(&photos)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "jpg"))
        .unwrap();
    fs::remove_file(&image).unwrap();
    fs::create_dir(&image).unwrap();
    fs::write(image.join("blocker"), b"x").unwrap();
    let actor = clinic.actor();
    let err = clinic
        .practice
        .erase_client(actor, client.id, "Philippa Quaintrell-Zygmunt")
        .unwrap_err();
    assert!(err.to_string().contains("Erase the client again"), "{err}");
    assert_eq!(
        clinic.practice.client(client.id).unwrap().first_name,
        "Erased",
        "the record itself is erased"
    );
    assert_eq!(count(&clinic.practice, "photos"), 0);
    fs::remove_dir_all(&image).unwrap();
    fs::write(&image, b"the file, back in place").unwrap();
    clinic.practice.erase_client(actor, client.id, "").unwrap();
    assert_eq!(
        folder_bytes(&photos),
        Vec::<u8>::new(),
        "resumed: nothing left"
    );
    let again = clinic.practice.erase_client(actor, client.id, "");
    assert_eq!(again.unwrap_err().code(), ErrorCode::Refused);
}
