//! Backups of a clinic with photos, over real SQLite files and real photo folders: every photo
//! is in the backup, a second backup copies only new photos, a restore brings a lost photo
//! back, a restore that fails midway changes nothing, photos no backup needs are cleared, and a
//! crafted photo row never reaches a file outside the store.

use crate::images::jpeg;
use crate::support::*;
use hairline::*;
use std::fs;
use std::path::{Path, PathBuf};

fn store(clinic: &Clinic) -> PhotoStore {
    PhotoStore::new(clinic.dir.path().join("photos"))
}

fn backups(clinic: &Clinic) -> PathBuf {
    clinic.dir.path().join("backups")
}

fn add_photo(clinic: &mut Clinic, client: ClientId, seed: u8) -> Photo {
    let details = PhotoDetails {
        client_id: client,
        session_id: None,
        view: PhotoView::Crown,
        taken_on: None,
        notes: String::new(),
        consent_use: PhotoUse::ClinicalOnly,
    };
    let (store, actor) = (store(clinic), clinic.actor());
    clinic
        .practice
        .add_photo_bytes(actor, &store, &details, "crown.jpg", &jpeg(64, 48, seed))
        .unwrap()
}

/// A clinic with two clients and a photo each.
fn clinic_with_photos() -> (Clinic, Vec<Photo>) {
    let mut clinic = Clinic::new();
    let mut photos = Vec::new();
    for (i, name) in ["Ada", "Ben"].into_iter().enumerate() {
        let client = clinic.client(name, "Photo").id;
        photos.push(add_photo(&mut clinic, client, i as u8 + 1));
    }
    (clinic, photos)
}

fn backup(clinic: &Clinic) -> BackupInfo {
    clinic
        .practice
        .take_backup(
            &backups(clinic),
            &BackupPolicy::default(),
            &Cancel::new(),
            &mut |_| {},
        )
        .unwrap()
}

/// The names of the files directly in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_backup_holds_every_photo_and_a_restore_brings_a_deleted_one_back() {
    let (mut clinic, photos) = clinic_with_photos();
    let info = backup(&clinic);
    assert_eq!((info.photos.photos, info.photos.copied), (2, 2));
    assert!(info.photos.missing.is_empty());
    let shared = backups(&clinic).join(BACKUP_PHOTOS);
    for photo in &photos {
        let copy = shared.join(format!("{}.jpg", photo.sha256));
        assert_eq!(
            fs::read(&copy).unwrap(),
            fs::read(&photo.image_path).unwrap()
        );
    }

    // The photo file is lost from the live folder.
    fs::remove_file(&photos[0].image_path).unwrap();
    fs::remove_file(&photos[0].thumbnail_path).unwrap();
    let store = store(&clinic);
    assert_eq!(
        clinic.practice.photo(&store, photos[0].id).unwrap().status,
        PhotoStatus::Missing
    );

    let report = clinic
        .practice
        .restore_from(Path::new(&info.path), &backups(&clinic), &mut |_| {})
        .unwrap();
    assert_eq!(report.photos.restored, 1);
    assert!(report.photos.missing.is_empty());
    assert_eq!(
        clinic.practice.photo(&store, photos[0].id).unwrap().status,
        PhotoStatus::Intact
    );
    assert!(
        Path::new(&photos[0].thumbnail_path).is_file(),
        "thumbnail made again"
    );
    assert_eq!(
        report.safety_backup.photos.photos, 2,
        "the safety copy has its photos too"
    );
}

#[test]
fn a_second_backup_after_adding_one_photo_copies_exactly_that_photo() {
    let (mut clinic, _) = clinic_with_photos();
    backup(&clinic);
    let client = clinic.client("Cy", "Photo").id;
    let added = add_photo(&mut clinic, client, 9);
    clinic.clock.advance(chrono::Duration::days(1));
    let second = backup(&clinic);
    assert_eq!(second.photos.photos, 3);
    assert_eq!(second.photos.copied, 1);
    assert_eq!(second.photos.bytes_copied, u64::from(added.byte_size));
    assert_eq!(
        names(&backups(&clinic).join(BACKUP_PHOTOS)).len(),
        3,
        "each stored once"
    );
    let space = backup_space(&backups(&clinic)).unwrap();
    assert_eq!((space.backups, space.photos), (2, 3));
    assert!(space.total_bytes >= space.backup_bytes + space.photo_bytes);
}

/// Cancelled while its photos are copied (the app closing), a backup stops after the photo it is
/// copying: no backup is listed, no partial file is left, the earlier backup is as it was, and
/// the next backup completes, reusing the photos already copied and checked.
#[test]
fn a_backup_cancelled_between_photos_stops_after_that_photo_and_leaves_no_backup() {
    let mut clinic = Clinic::new();
    for i in 0..5u8 {
        let client = clinic.client(&format!("Client{i}"), "Photo").id;
        add_photo(&mut clinic, client, i + 1);
    }
    let folder = backups(&clinic);
    let cancel = Cancel::new();
    let mut heard = Vec::new();
    let error = clinic
        .practice
        .take_backup(&folder, &BackupPolicy::default(), &cancel, &mut |p| {
            if p.photos_total > 0 {
                heard.push((p.photos_done, p.photos_total));
                if p.photos_done == 2 {
                    cancel.cancel();
                }
            }
        })
        .unwrap_err();
    assert!(error.to_string().contains("cancelled"), "{error}");
    assert_eq!(heard, [(1, 5), (2, 5)], "no photo is copied once cancelled");
    assert!(
        names(&folder).is_empty(),
        "no backup and no partial file: {:?}",
        names(&folder)
    );
    assert!(list_backups(&folder).unwrap().is_empty());
    assert_eq!(names(&folder.join(BACKUP_PHOTOS)).len(), 2);

    let next = backup(&clinic);
    assert_eq!((next.photos.photos, next.photos.copied), (5, 3));
    assert_eq!(list_backups(&folder).unwrap().len(), 1);
}

#[test]
fn a_restore_that_fails_midway_leaves_database_and_photos_as_they_were() {
    let (mut clinic, photos) = clinic_with_photos();
    let info = backup(&clinic);
    let (store, actor) = (store(&clinic), clinic.actor());
    for photo in &photos {
        clinic
            .practice
            .remove_photo(actor, &store, photo.id)
            .unwrap();
    }
    clinic.client("Dee", "After");
    // The second photo cannot be put back: something else is in its place.
    let mut sorted = photos.clone();
    sorted.sort_by(|a, b| a.sha256.cmp(&b.sha256));
    let blocked = Path::new(&sorted[1].image_path);
    fs::create_dir_all(blocked.join("in-the-way")).unwrap();
    let before = names(store.dir());
    let clients = count(&clinic.practice, "clients");

    let result =
        clinic
            .practice
            .restore_from(Path::new(&info.path), &backups(&clinic), &mut |_| {});
    assert!(result.is_err(), "{result:?}");
    assert_eq!(
        names(store.dir()),
        before,
        "the photo already copied was taken out again"
    );
    assert!(!Path::new(&sorted[0].image_path).exists());
    assert_eq!(
        count(&clinic.practice, "clients"),
        clients,
        "the database is as it was"
    );
    assert_eq!(count(&clinic.practice, "photos"), 0);
}

#[test]
fn photos_no_backup_references_are_cleared_and_the_others_kept() {
    let (mut clinic, photos) = clinic_with_photos();
    let first = backup(&clinic);
    let (store, actor) = (store(&clinic), clinic.actor());
    clinic
        .practice
        .remove_photo(actor, &store, photos[0].id)
        .unwrap();
    clinic.clock.advance(chrono::Duration::days(1));
    backup(&clinic);
    let shared = backups(&clinic).join(BACKUP_PHOTOS);
    assert_eq!(
        names(&shared).len(),
        2,
        "the first backup still needs the removed photo"
    );
    assert!(
        remove_unreferenced_photos(&backups(&clinic), std::time::Duration::ZERO)
            .unwrap()
            .is_empty()
    );

    fs::remove_file(&first.path).unwrap();
    let removed = remove_unreferenced_photos(&backups(&clinic), std::time::Duration::ZERO).unwrap();
    assert_eq!(removed, vec![format!("{}.jpg", photos[0].sha256)]);
    assert_eq!(names(&shared), vec![format!("{}.jpg", photos[1].sha256)]);
}

#[test]
fn the_safety_copies_keep_the_newest_three_and_the_last_month() {
    let clinic = Clinic::new();
    let folder = backups(&clinic);
    fs::create_dir_all(&folder).unwrap();
    // Twelve restores, one a week (the newest 3 and those of the last 30 days stay).
    let now = clinic.practice.clock().now();
    let name = |weeks: i64| {
        let at = now - chrono::Duration::weeks(weeks);
        format!("before-restore-{}.sqlite", at.format("%Y%m%dT%H%M%S%.3fZ"))
    };
    for weeks in 1..=12 {
        fs::write(folder.join(name(weeks)), "old").unwrap();
    }
    fs::write(folder.join("notes.txt"), "mine").unwrap();
    backup(&clinic);
    let left: Vec<String> = names(&folder)
        .into_iter()
        .filter(|n| n.starts_with("before-restore-"))
        .collect();
    assert_eq!(left, (1..=4).rev().map(name).collect::<Vec<_>>());
    assert!(
        folder.join("notes.txt").exists(),
        "not a safety copy: untouched"
    );
}

#[test]
fn a_crafted_photo_row_never_reaches_a_file_outside_the_store() {
    let (mut clinic, photos) = clinic_with_photos();
    // A row whose "hash" walks out of the photo folder to a file the user keeps beside it.
    let crafted = format!("../{}", "a".repeat(61));
    let victim = clinic.dir.path().join(format!("{}.jpg", "a".repeat(61)));
    fs::write(&victim, "the user's own file").unwrap();
    {
        let conn = rusqlite::Connection::open(clinic.path()).unwrap();
        conn.execute(
            "INSERT INTO photos (id, client_id, view, taken_on, taken_from_exif, consent_use, sha256,
                source_sha256, format, width, height, byte_size, added_at, updated_at)
             SELECT ?3, client_id, view, taken_on, 0, consent_use, ?1, ?1, format, width,
                height, byte_size, added_at, updated_at FROM photos WHERE id = ?2",
            rusqlite::params![crafted, photos[0].id, PhotoId::new()],
        )
        .unwrap();
    }
    let store = store(&clinic);
    let crafted_photo = clinic
        .practice
        .photo_timeline(&store, photos[0].client_id)
        .unwrap()
        .into_iter()
        .flat_map(|v| v.photos)
        .find(|p| p.sha256 == crafted)
        .expect("the crafted row is read");
    assert_eq!(crafted_photo.status, PhotoStatus::Missing);
    assert!(crafted_photo
        .image_path
        .starts_with(&store.dir().display().to_string()));
    assert!(!crafted_photo.image_path.contains(".."));

    let info = backup(&clinic);
    assert_eq!(info.photos.missing, vec![crafted.clone()]);
    let actor = clinic.actor();
    clinic
        .practice
        .remove_photo(actor, &store, crafted_photo.id)
        .unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "the user's own file");
    assert_eq!(
        store.status(&photos[0].sha256, PhotoFormat::Jpeg),
        PhotoStatus::Intact
    );
}
