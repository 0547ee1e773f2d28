//! Opening a practice database: settings, migrations, refusal of newer or foreign files.

use crate::support::*;
use hairline::*;
use std::fs;
use std::path::Path;

fn clock() -> FixedClock {
    FixedClock::on(day("2026-06-15"))
}

#[test]
fn a_new_file_is_created_with_safe_settings_and_the_current_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    let practice = Practice::open(&path, clock()).unwrap();
    assert!(path.exists());
    assert_eq!(practice.schema_version().unwrap(), SCHEMA_VERSION);
    let conn = practice.raw_connection();
    let pragma = |name: &str| -> String {
        conn.pragma_query_value(None, name, |r| r.get::<_, rusqlite::types::Value>(0))
            .map(|v| match v {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            })
            .unwrap()
    };
    assert_eq!(pragma("foreign_keys"), "1");
    assert_eq!(pragma("journal_mode"), "wal");
    assert_eq!(pragma("synchronous"), "2", "synchronous must be FULL");
    assert_ne!(pragma("busy_timeout"), "0");
    assert_eq!(pragma("application_id"), APPLICATION_ID.to_string());
}

#[test]
fn reopening_keeps_the_data_and_does_not_migrate_twice() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    clinic.reopen();
    assert_eq!(clinic.practice.client(client.id).unwrap().first_name, "Ana");
    assert_eq!(clinic.practice.schema_version().unwrap(), SCHEMA_VERSION);
}

fn file_bytes(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap()
}

#[test]
fn a_database_from_a_newer_hairline_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; CREATE TABLE clients (id TEXT); PRAGMA user_version = {};",
            SCHEMA_VERSION + 1
        ))
        .unwrap();
    }
    let before = file_bytes(&path);
    let err = Practice::open(&path, clock())
        .err()
        .expect("newer schema refused");
    assert_eq!(err.code(), ErrorCode::SchemaTooNew);
    assert!(
        err.to_string()
            .contains(&format!("schema version {}", SCHEMA_VERSION + 1)),
        "{err}"
    );
    assert_eq!(file_bytes(&path), before, "the file must not be written to");
    assert!(
        !dir.path().join("future.sqlite-wal").exists(),
        "no WAL may be created"
    );
}

#[test]
fn another_applications_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);")
            .unwrap();
    }
    let before = file_bytes(&path);
    let err = Practice::open(&path, clock())
        .err()
        .expect("foreign database refused");
    assert_eq!(err.code(), ErrorCode::NotAPracticeDatabase);
    assert_eq!(file_bytes(&path), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.sqlite");
    fs::write(
        &path,
        "these are not the records you are looking for\n".repeat(100),
    )
    .unwrap();
    let before = file_bytes(&path);
    let err = Practice::open(&path, clock())
        .err()
        .expect("text file refused");
    assert_eq!(err.code(), ErrorCode::NotAPracticeDatabase, "{err}");
    assert_eq!(file_bytes(&path), before);
}

/// Every earlier schema version has a fixture file made by that version (with a client, a plan
/// and a signed session). Each must open with today's code and keep its data.
#[test]
fn databases_from_every_earlier_schema_version_open_and_keep_their_data() {
    for version in 1..=SCHEMA_VERSION {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/fixtures/schema-v{version}.sqlite"));
        assert!(
            fixture.exists(),
            "missing fixture {} — run the ignored test write_schema_fixture",
            fixture.display()
        );
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("old.sqlite");
        fs::copy(&fixture, &copy).unwrap();
        let practice = Practice::open(&copy, clock()).unwrap();
        assert_eq!(practice.schema_version().unwrap(), SCHEMA_VERSION);
        let found = practice
            .search_clients("fixture", ArchiveFilter::All, 10)
            .unwrap();
        assert_eq!(found.len(), 1, "fixture v{version}: client found by search");
        let record = practice.client_record(found[0].id).unwrap();
        assert_eq!(record.plans.len(), 1);
        assert!(record.plans[0].sessions[0].is_signed());
        assert_eq!(record.plans[0].sessions[0].zones.len(), 2);
    }
}

/// A client archived before migration 0011 is moved under its negative rowid by it: found only
/// by the archived filter, and counted there.
#[test]
fn clients_archived_before_the_search_ranges_are_searched_as_archived() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v10.sqlite");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("old.sqlite");
    fs::copy(&fixture, &copy).unwrap();
    rusqlite::Connection::open(&copy)
        .unwrap()
        .execute(
            "UPDATE clients SET archived_at = '2026-05-01T09:00:00Z' WHERE first_name = 'Fixture'",
            [],
        )
        .unwrap();
    let practice = Practice::open(&copy, clock()).unwrap();
    let totals = |filter| practice.search_page("fix", filter, 0, 20).unwrap().total;
    assert_eq!(totals(ArchiveFilter::Active), 0);
    assert_eq!(totals(ArchiveFilter::Archived), 1);
    assert_eq!(totals(ArchiveFilter::All), 1);
    let archived = practice
        .search_clients("fix", ArchiveFilter::Archived, 20)
        .unwrap();
    assert!(archived[0].archived);
}

/// Writes the fixture for the current schema version. Run once when a migration is added:
/// `cargo test write_schema_fixture -- --ignored`. Existing fixtures are never overwritten.
#[test]
#[ignore]
fn write_schema_fixture() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/schema-v{SCHEMA_VERSION}.sqlite"));
    assert!(
        !fixture.exists(),
        "{} exists; fixtures are never rewritten",
        fixture.display()
    );
    let mut clinic = Clinic::new();
    let client = clinic.client("Fixture", "Client");
    let plan = clinic.plan(client.id);
    let session = clinic.record(plan.id, 1, "2026-06-01");
    let actor = clinic.actor();
    clinic.practice.sign_session(actor, session.id).unwrap();
    clinic
        .practice
        .raw_connection()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
        .unwrap();
    drop(clinic.practice);
    fs::copy(clinic.dir.path().join("clinic.sqlite"), &fixture).unwrap();
}
