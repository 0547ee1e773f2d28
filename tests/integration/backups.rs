//! Backups, rotation, restore and integrity checks over real files.

use crate::support::*;
use chrono::Duration;
use hairline::*;
use std::fs;
use std::path::{Path, PathBuf};

/// A copy of `path` with `len` bytes at `offset` overwritten: a damaged file.
pub fn damaged_copy(path: &Path, offset: usize, len: usize) -> PathBuf {
    let mut bytes = fs::read(path).unwrap();
    assert!(bytes.len() > offset + len, "file too small to damage");
    bytes[offset..offset + len].fill(0x5A);
    let out = path.with_file_name("damaged.sqlite");
    fs::write(&out, bytes).unwrap();
    out
}

fn sample_clinic(clients: u32) -> (tempfile::TempDir, Practice) {
    let dir = tempfile::tempdir().unwrap();
    let mut practice = Practice::open(
        dir.path().join("clinic.sqlite"),
        FixedClock::on(day("2026-06-15")),
    )
    .unwrap();
    practice
        .generate_demo(DemoSpec {
            clients,
            sessions: clients * 3,
            seed: 1,
        })
        .unwrap();
    (dir, practice)
}

#[test]
fn a_backup_is_one_verified_file_that_opens_with_the_data() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let dest = clinic.dir.path().join("chosen/ana.sqlite");
    let mut last = None;
    let info = clinic
        .practice
        .backup_to(&dest, &Cancel::new(), &mut |p| last = Some(p))
        .unwrap();
    let last = last.expect("progress reported");
    assert_eq!(last.pages_done, last.pages_total);
    assert_eq!(info.schema_version, SCHEMA_VERSION);
    assert_eq!(info.bytes, fs::metadata(&dest).unwrap().len());
    assert!(
        !dest.with_extension("sqlite-wal").exists(),
        "a backup is self-contained"
    );
    assert!(!dest.with_extension("partial").exists());
    assert!(check_file(&dest, CheckDepth::Full).unwrap().ok);
    let copy = Practice::open(&dest, FixedClock::on(day("2026-06-15"))).unwrap();
    assert_eq!(copy.client(ana.id).unwrap().last_name, "Lopez");
    assert_eq!(
        copy.search_clients("lop", ArchiveFilter::All, 5).unwrap()[0].id,
        ana.id
    );
}

#[test]
fn a_large_backup_reports_progress_page_by_page() {
    let (dir, practice) = sample_clinic(3000);
    let mut seen = Vec::new();
    practice
        .backup_to(&dir.path().join("big.sqlite"), &Cancel::new(), &mut |p| {
            seen.push(p)
        })
        .unwrap();
    assert!(seen.len() > 3, "several progress steps: {}", seen.len());
    assert!(seen.windows(2).all(|w| w[0].pages_done <= w[1].pages_done));
    let last = seen.last().unwrap();
    assert!(last.pages_total > 256 && last.pages_done == last.pages_total);
}

#[test]
fn a_backup_is_due_once_a_day_and_rotation_keeps_the_policy() {
    let clinic = Clinic::new();
    let folder = clinic.dir.path().join("backups");
    let policy = BackupPolicy::default();
    assert!(clinic
        .practice
        .backup_if_due(&folder, &policy)
        .unwrap()
        .is_some());
    clinic.clock.advance(Duration::hours(23));
    assert!(
        clinic
            .practice
            .backup_if_due(&folder, &policy)
            .unwrap()
            .is_none(),
        "23 hours later: not due"
    );
    for _ in 0..60 {
        clinic.clock.advance(Duration::days(1));
        assert!(backup_due(&folder, clinic.clock.now()).unwrap());
        clinic.practice.backup_if_due(&folder, &policy).unwrap();
    }
    let kept = list_backups(&folder).unwrap();
    assert!(kept.len() <= 7 + 4 + 12, "{} kept", kept.len());
    assert!(kept.len() >= 7 + 2, "{} kept", kept.len());
    for pair in kept[..7].windows(2) {
        assert_eq!(pair[0].taken_at - pair[1].taken_at, Duration::days(1));
    }
    assert_eq!(kept[0].taken_at, clinic.clock.now());
    assert!(kept.last().unwrap().taken_at < clinic.clock.now() - Duration::days(40));
}

#[test]
fn a_restore_brings_back_the_backup_and_keeps_a_safety_copy_of_what_it_replaced() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let backup = clinic.dir.path().join("monday.sqlite");
    clinic
        .practice
        .backup_to(&backup, &Cancel::new(), &mut |_| {})
        .unwrap();
    let bob = clinic.client("Bob", "Marley");

    let safety = clinic.dir.path().join("backups");
    let mut steps = 0;
    let report = clinic
        .practice
        .restore_from(&backup, &safety, &mut |_| steps += 1)
        .unwrap();
    assert!(steps > 0);
    assert_eq!(report.restored_schema_version, SCHEMA_VERSION);
    assert!(clinic.practice.client(ana.id).is_ok());
    assert_eq!(
        clinic.practice.client(bob.id).unwrap_err().code(),
        ErrorCode::NotFound
    );
    assert!(clinic
        .practice
        .search_clients("marley", ArchiveFilter::All, 5)
        .unwrap()
        .is_empty());
    assert!(clinic.practice.full_check().ok);
    // The safety backup holds the database as it was, Bob included.
    let before = Practice::open(
        &report.safety_backup.path,
        FixedClock::on(day("2026-06-15")),
    )
    .unwrap();
    assert!(before.client(bob.id).is_ok());
    // And the restored database keeps working, across a restart.
    clinic.client("Cleo", "Nash");
    clinic.reopen();
    assert_eq!(count(&clinic.practice, "clients"), 2);
}

#[test]
fn a_restore_refuses_each_bad_file_with_its_own_error_and_changes_nothing() {
    let mut clinic = Clinic::new();
    clinic.client("Ana", "Lopez");
    let dir = clinic.dir.path().to_owned();
    let safety = dir.join("backups");

    let text = dir.join("notes.sqlite");
    fs::write(&text, "not a database at all\n".repeat(300)).unwrap();
    let foreign = dir.join("invoices.sqlite");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch(
            "CREATE TABLE invoices (id INTEGER PRIMARY KEY); INSERT INTO invoices VALUES (1);",
        )
        .unwrap();
    let newer = dir.join("future.sqlite");
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; CREATE TABLE clients (id TEXT); PRAGMA user_version = {};",
            SCHEMA_VERSION + 1
        ))
        .unwrap();
    let (_demo_dir, demo) = sample_clinic(300);
    let good = dir.join("good.sqlite");
    demo.backup_to(&good, &Cancel::new(), &mut |_| {}).unwrap();
    let damaged = damaged_copy(&good, 4096 * 20, 4096);

    let cases = [
        (
            &text,
            ErrorCode::NotAPracticeDatabase,
            "not a Hairline database",
        ),
        (
            &foreign,
            ErrorCode::NotAPracticeDatabase,
            "another application",
        ),
        (&newer, ErrorCode::SchemaTooNew, "update Hairline"),
        (&damaged, ErrorCode::Damaged, "damaged"),
        (&dir.join("missing.sqlite"), ErrorCode::File, "no such file"),
    ];
    for (file, code, words) in cases {
        let err = clinic
            .practice
            .restore_from(file, &safety, &mut |_| {})
            .expect_err("refused");
        assert_eq!(err.code(), code, "{}: {err}", file.display());
        assert!(err.to_string().contains(words), "{err}");
        assert_eq!(count(&clinic.practice, "clients"), 1);
        assert!(!safety.exists(), "nothing written before the checks pass");
    }
}

#[test]
fn a_healthy_database_passes_every_check() {
    let (dir, practice) = sample_clinic(200);
    assert!(practice.quick_check().ok);
    let full = practice.full_check();
    assert!(full.ok, "{:?}", full.problems);
    assert_eq!(full.depth, CheckDepth::Full);
    let path = dir.path().join("copy.sqlite");
    practice
        .backup_to(&path, &Cancel::new(), &mut |_| {})
        .unwrap();
    assert!(check_file(&path, CheckDepth::Full).unwrap().ok);
}

#[test]
fn damage_is_reported_by_the_check_that_finds_it() {
    let (dir, practice) = sample_clinic(300);
    let path = dir.path().join("copy.sqlite");
    practice
        .backup_to(&path, &Cancel::new(), &mut |_| {})
        .unwrap();
    let damaged = damaged_copy(&path, 4096 * 20, 4096);
    let report = check_file(&damaged, CheckDepth::Full).unwrap();
    assert!(!report.ok);
    assert_eq!(report.problems[0].check, IntegrityCheckKind::Structure);
    let quick = check_file(&damaged, CheckDepth::Quick).unwrap();
    assert!(!quick.ok, "quick_check sees broken pages too");

    // A broken search index segment is found by the full check only.
    let conn = practice.raw_connection();
    conn.execute(
        "UPDATE client_search_data SET block = zeroblob(length(block)) WHERE id = (SELECT max(id) FROM client_search_data)",
        [],
    )
    .unwrap();
    let report = practice.full_check();
    assert!(!report.ok);
    assert!(report
        .problems
        .iter()
        .any(|p| p.check == IntegrityCheckKind::SearchIndex));
}

#[test]
fn a_dangling_reference_is_a_foreign_key_problem() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    clinic.plan(ana.id);
    let conn = clinic.practice.raw_connection();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF; UPDATE plans SET client_id = 'gone'; PRAGMA foreign_keys = ON;",
    )
    .unwrap();
    let report = clinic.practice.full_check();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.check == IntegrityCheckKind::ForeignKeys && p.detail.contains("plans")),
        "{report:?}"
    );
}

#[test]
fn a_database_too_damaged_to_open_is_recovered_from_the_newest_good_backup() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let folder = backup_folder_for(&clinic.path());
    let policy = BackupPolicy::default();
    let good = clinic
        .practice
        .take_backup(&folder, &policy, &Cancel::new(), &mut |_| {})
        .unwrap();
    clinic.clock.advance(Duration::days(1));
    let newer = clinic
        .practice
        .take_backup(&folder, &policy, &Cancel::new(), &mut |_| {})
        .unwrap();
    // The newest backup is itself damaged (a bad disk sector): recovery must skip it.
    let broken = damaged_copy(Path::new(&newer.path), 0, 100);
    fs::rename(&broken, &newer.path).unwrap();
    clinic.client("Bob", "Marley");
    let path = clinic.path();
    let Clinic { practice, dir, .. } = clinic;
    practice.close().unwrap();
    let mut bytes = fs::read(&path).unwrap();
    bytes[..100].fill(0x5A); // the header: the file no longer opens at all
    fs::write(&path, &bytes).unwrap();
    assert!(Practice::open(&path, FixedClock::on(day("2026-06-16"))).is_err());

    let chosen = newest_good_backup(&folder).unwrap().expect("a good backup");
    assert_eq!(chosen.path, good.path);
    let report = recover_from_backup(
        &path,
        Path::new(&chosen.path),
        FixedClock::on(day("2026-06-16")).now(),
    )
    .unwrap();
    let kept = Path::new(&report.damaged_files_kept_in);
    assert_eq!(
        fs::read(kept.join("clinic.sqlite")).unwrap(),
        bytes,
        "damaged file kept as it was"
    );
    let practice = Practice::open(&path, FixedClock::on(day("2026-06-16"))).unwrap();
    assert!(practice.full_check().ok);
    assert!(practice.client(ana.id).is_ok());
    assert_eq!(count(&practice, "clients"), 1);
    drop(dir);
}

/// Every schema fixture older than this build is backed up, verified, before it is migrated.
#[test]
fn opening_an_older_schema_backs_it_up_first() {
    for version in 1..SCHEMA_VERSION {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/fixtures/schema-v{version}.sqlite"));
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("old.sqlite");
        fs::copy(&fixture, &copy).unwrap();
        Practice::open(&copy, FixedClock::on(day("2026-06-15"))).unwrap();
        let backups: Vec<_> = fs::read_dir(backup_folder_for(&copy))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(backups.len(), 1, "v{version}");
        let name = backups[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with(&format!("before-migration-v{version}-")),
            "{name}"
        );
        assert!(check_file(&backups[0], CheckDepth::Full).unwrap().ok);
    }
}

#[test]
fn a_backup_from_an_older_schema_is_restored_then_migrated() {
    let mut clinic = Clinic::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.sqlite");
    let copy = clinic.dir.path().join("old-backup.sqlite");
    fs::copy(&fixture, &copy).unwrap();
    let safety = clinic.dir.path().join("backups");
    let report = clinic
        .practice
        .restore_from(&copy, &safety, &mut |_| {})
        .unwrap();
    assert_eq!(report.restored_schema_version, 1);
    assert_eq!(clinic.practice.schema_version().unwrap(), SCHEMA_VERSION);
    let found = clinic
        .practice
        .search_clients("fixture", ArchiveFilter::All, 5)
        .unwrap();
    assert_eq!(found.len(), 1);
    assert!(clinic.practice.full_check().ok);
    clinic.reopen();
    assert_eq!(clinic.practice.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn what_can_be_read_of_a_damaged_database_is_salvaged_into_an_archive() {
    let (dir, practice) = sample_clinic(400);
    let path = dir.path().join("copy.sqlite");
    practice
        .backup_to(&path, &Cancel::new(), &mut |_| {})
        .unwrap();
    let now = FixedClock::on(day("2026-06-16")).now();

    // A healthy file salvages whole, and the archive fills an empty practice.
    let whole = dir.path().join("whole.json");
    let report = salvage_archive(&path, &whole, now).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let target = dir.path().join("target.sqlite");
    let mut fresh = Practice::open(&target, FixedClock::on(day("2026-06-16"))).unwrap();
    fresh
        .import_archive(&fs::read_to_string(&whole).unwrap())
        .unwrap();
    assert_eq!(count(&fresh, "clients"), 400);

    // A damaged one (the sessions table's root page, and pages here and there) gives what it
    // can, with counts that match what was kept.
    let root: u32 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'sessions'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let size = fs::metadata(&path).unwrap().len() as usize;
    let mut bytes = fs::read(&path).unwrap();
    let pages = [
        root as usize,
        size / 4096 / 4,
        size / 4096 / 2,
        size / 4096 * 3 / 4,
    ];
    for page in pages {
        bytes[(page - 1) * 4096..page * 4096].fill(0x5A);
    }
    let damaged = dir.path().join("damaged.sqlite");
    fs::write(&damaged, &bytes).unwrap();
    let before = fs::read(&damaged).unwrap();
    let out = dir.path().join("salvaged.json");
    let report = salvage_archive(&damaged, &out, now).unwrap();
    assert_eq!(
        fs::read(&damaged).unwrap(),
        before,
        "the damaged file is not written to"
    );
    let archive: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    let mut saved = 0;
    for (table, dump) in archive["tables"].as_object().unwrap() {
        let rows = dump["rows"].as_array().unwrap().len() as u64;
        assert_eq!(archive["row_counts"][table], rows, "{table}");
        assert_eq!(report.summary.row_counts[table], rows);
        saved += rows;
    }
    assert!(saved > 0);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.starts_with("sessions: 0 rows saved")),
        "{:?}",
        report.problems
    );
    for problem in &report.problems {
        assert!(problem.contains("rows saved, then"), "{problem}");
    }
}

#[test]
fn a_database_file_in_use_is_backed_up_with_its_wal_and_without_being_changed() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez"); // committed, still in the WAL
    assert!(
        fs::metadata(clinic.path().with_extension("sqlite-wal"))
            .unwrap()
            .len()
            > 0
    );
    let now = clinic.clock.now();
    let dest = clinic.dir.path().join("in-use.sqlite");
    backup_database_file(
        &clinic.path(),
        &dest,
        &BackupPolicy::default(),
        now,
        &Cancel::new(),
        &mut |_| {},
    )
    .unwrap();
    let copy = Practice::open(&dest, FixedClock::on(day("2026-06-15"))).unwrap();
    assert!(
        copy.client(ana.id).is_ok(),
        "the WAL's commits are in the backup"
    );

    // An older schema is backed up as it is: not migrated, not written to.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.sqlite");
    let old = clinic.dir.path().join("old.sqlite");
    fs::copy(&fixture, &old).unwrap();
    let folder = clinic.dir.path().join("nas");
    fs::create_dir(&folder).unwrap();
    let info = backup_database_file(
        &old,
        &folder,
        &BackupPolicy::default(),
        now,
        &Cancel::new(),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(info.schema_version, 1);
    assert_eq!(fs::read(&old).unwrap(), fs::read(&fixture).unwrap());
    assert_eq!(list_backups(&folder).unwrap().len(), 1);
}

/// A backup killed half-way leaves its `.partial` file and SQLite's journals beside it; the next
/// start removes them once nothing writes to them, and keeps every real backup.
#[test]
fn what_an_interrupted_backup_left_is_removed_and_real_backups_stay() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    let kept = folder.join("hairline-20260615T020000.000Z.sqlite");
    let kept_before_restore = folder.join("before-restore-20260614T020000.000Z.sqlite");
    let leftovers = [
        "hairline-20260616T020000.000Z.partial",
        "hairline-20260616T020000.000Z.partial-journal",
        "hairline-20260616T020000.000Z.partial-shm",
        "hairline-20260616T020000.000Z.partial-wal",
    ];
    for file in [&kept, &kept_before_restore] {
        std::fs::write(file, "x").unwrap();
    }
    for name in leftovers {
        std::fs::write(folder.join(name), "x").unwrap();
    }
    let fresh = hairline::db::backup::remove_interrupted_backups(
        &folder,
        std::time::Duration::from_secs(3600),
    )
    .unwrap();
    assert!(
        fresh.is_empty(),
        "a partial still being written is left alone"
    );
    let removed =
        hairline::db::backup::remove_interrupted_backups(&folder, std::time::Duration::ZERO)
            .unwrap();
    assert_eq!(removed, leftovers);
    assert!(kept.exists() && kept_before_restore.exists());
    for name in leftovers {
        assert!(!folder.join(name).exists(), "{name}");
    }
}

/// The names in `folder`, sorted.
fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A backup cancelled half-way (the app closing, Ctrl-C at the command line) stops at its next
/// step and leaves nothing: no partial file, no journal, the earlier backup as it was — and the
/// next backup is taken as usual.
#[test]
fn a_backup_cancelled_mid_copy_leaves_nothing_and_the_next_one_works() {
    let (dir, practice) = sample_clinic(3000);
    let folder = dir.path().join("backups");
    let policy = BackupPolicy::default();
    fs::create_dir(&folder).unwrap();
    let yesterday = "2026-06-14T02:00:00Z".parse().unwrap();
    let earlier = backup_database_file(
        &dir.path().join("clinic.sqlite"),
        &folder,
        &policy,
        yesterday,
        &Cancel::new(),
        &mut |_| {},
    )
    .unwrap();
    let earlier_bytes = fs::read(&earlier.path).unwrap();

    let cancel = Cancel::new();
    let mut seen = Vec::new();
    let mut files_mid_copy = Vec::new();
    let error = practice
        .take_backup(&folder, &policy, &cancel, &mut |p| {
            seen.push(p);
            if seen.len() == 1 {
                files_mid_copy = names_in(&folder);
                cancel.cancel();
            }
        })
        .unwrap_err();
    assert!(error.to_string().contains("cancelled"), "{error}");
    assert_eq!(seen.len(), 1, "no progress is reported once cancelled");
    assert!(seen[0].pages_done < seen[0].pages_total, "{:?}", seen[0]);
    assert!(
        files_mid_copy.iter().any(|n| n.ends_with(".partial")),
        "the copy was under way: {files_mid_copy:?}"
    );
    let earlier_name = Path::new(&earlier.path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert_eq!(names_in(&folder), [earlier_name]);
    assert_eq!(fs::read(&earlier.path).unwrap(), earlier_bytes);

    let next = practice
        .take_backup(&folder, &policy, &Cancel::new(), &mut |_| {})
        .unwrap();
    assert!(
        check_file(Path::new(&next.path), CheckDepth::Full)
            .unwrap()
            .ok
    );
    assert_eq!(list_backups(&folder).unwrap().len(), 2);
    assert!(names_in(&folder).iter().all(|n| n.ends_with(".sqlite")));

    // A backup to a file the user chose: cancelled, it leaves nothing, and a file already
    // there is kept as it was.
    let chosen = dir.path().join("chosen.sqlite");
    fs::write(&chosen, "the user's older file").unwrap();
    let cancelled = Cancel::new();
    cancelled.cancel();
    practice
        .backup_to(&chosen, &cancelled, &mut |_| {})
        .unwrap_err();
    assert_eq!(fs::read(&chosen).unwrap(), b"the user's older file");
    assert!(!chosen.with_extension("partial").exists());
}
