//! Photos over real files: content addressing and de-duplication, damaged and missing files,
//! GPS stripped and orientation applied, refused files, the timeline, compare, marketing export
//! and batch import.

use crate::images::*;
use crate::support::*;
use hairline::*;
use image::ImageFormat;
use std::fs;
use std::path::Path;

fn store(clinic: &Clinic) -> PhotoStore {
    PhotoStore::new(clinic.dir.path().join("photos"))
}

fn details(client: ClientId, view: PhotoView) -> PhotoDetails {
    PhotoDetails {
        client_id: client,
        session_id: None,
        view,
        taken_on: None,
        notes: String::new(),
        consent_use: PhotoUse::ClinicalOnly,
    }
}

fn add(clinic: &mut Clinic, details: &PhotoDetails, name: &str, bytes: &[u8]) -> Result<Photo> {
    let store = store(clinic);
    let actor = clinic.actor();
    clinic
        .practice
        .add_photo_bytes(actor, &store, details, name, bytes)
}

/// The image files in the photo folder (thumbnails aside).
fn stored_files(dir: &Path) -> Vec<String> {
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

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_photo_is_stored_under_the_hash_of_its_bytes_and_adding_it_again_changes_nothing() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let bytes = jpeg(800, 600, 1);
    let photo = add(
        &mut clinic,
        &details(ana.id, PhotoView::Front),
        "front.jpg",
        &bytes,
    )
    .unwrap();

    let stored = fs::read(&photo.image_path).unwrap();
    assert_eq!(sha256(&stored), photo.sha256);
    assert_eq!(
        Path::new(&photo.image_path)
            .file_name()
            .unwrap()
            .to_string_lossy(),
        format!("{}.jpg", photo.sha256)
    );
    assert_eq!(photo.status, PhotoStatus::Intact);
    assert_eq!((photo.width, photo.height), (800, 600));
    assert_eq!(photo.original_name, "front.jpg");
    let thumb = image::open(&photo.thumbnail_path).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (320, 240));

    // Same bytes again, by the quick path and by the full one: the same photo, one file, one row.
    let again = add(
        &mut clinic,
        &details(ana.id, PhotoView::Crown),
        "copy.jpg",
        &bytes,
    )
    .unwrap();
    assert_eq!(again.id, photo.id);
    let store = store(&clinic);
    let prepared = store.prepare("file", "copy.jpg", &bytes).unwrap();
    assert_eq!(prepared.sha256(), photo.sha256, "encoding is deterministic");
    let actor = clinic.actor();
    let third = clinic
        .practice
        .add_photo(actor, &store, &details(ana.id, PhotoView::Front), &prepared)
        .unwrap();
    assert_eq!(third.id, photo.id);
    assert_eq!(count(&clinic.practice, "photos"), 1);
    assert_eq!(
        stored_files(store.dir()),
        vec![format!("{}.jpg", photo.sha256)]
    );
    assert_eq!(
        clinic
            .practice
            .audit_trail(&photo.id)
            .unwrap()
            .iter()
            .filter(|e| e.action == "add")
            .count(),
        1
    );

    // Another client with the same picture gets a photo of their own; the file is shared.
    let ben = clinic.client("Ben", "Okafor");
    let bens = add(
        &mut clinic,
        &details(ben.id, PhotoView::Front),
        "front.jpg",
        &bytes,
    )
    .unwrap();
    assert_ne!(bens.id, photo.id);
    assert_eq!(bens.sha256, photo.sha256);
    assert_eq!(stored_files(store.dir()).len(), 1);
}

#[test]
fn gps_is_stripped_orientation_applied_and_the_exif_date_taken() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let phone_photo = with_exif(
        &jpeg(64, 32, 0),
        &Exif {
            orientation: Some(6),
            taken: Some("2024:03:09 14:22:05"),
            gps: true,
        },
    );
    assert!(has_gps(&phone_photo), "the test file carries GPS tags");

    let photo = add(
        &mut clinic,
        &details(ana.id, PhotoView::Top),
        "IMG_0001.JPG",
        &phone_photo,
    )
    .unwrap();
    let stored = fs::read(&photo.image_path).unwrap();
    assert!(!has_gps(&stored), "GPS tags must not reach the store");
    assert!(
        !stored.windows(6).any(|w| w == b"Exif\0\0"),
        "no EXIF block is kept at all"
    );
    assert!(!has_gps(&fs::read(&photo.thumbnail_path).unwrap()));

    // Orientation 6 (rotate 90° clockwise): the red left half becomes the top.
    assert_eq!((photo.width, photo.height), (32, 64));
    let upright = image::load_from_memory(&stored).unwrap().to_rgb8();
    let top = upright.get_pixel(16, 8);
    let bottom = upright.get_pixel(16, 56);
    assert!(top[0] > 180 && top[2] < 80, "top is red: {top:?}");
    assert!(
        bottom[2] > 180 && bottom[0] < 80,
        "bottom is blue: {bottom:?}"
    );

    assert_eq!(photo.taken_on, day("2024-03-09"));
    assert!(photo.taken_from_exif);

    // A phone whose clock runs ahead: its date is not believed, the photo is today's.
    let ahead = with_exif(
        &jpeg(64, 32, 1),
        &Exif {
            taken: Some("2031:01:01 09:00:00"),
            ..Exif::default()
        },
    );
    let dated = add(
        &mut clinic,
        &details(ana.id, PhotoView::Top),
        "IMG_0002.JPG",
        &ahead,
    )
    .unwrap();
    assert_eq!(dated.taken_on, day("2026-06-15"));
    assert!(!dated.taken_from_exif);

    // The date is editable; an edited date is no longer the camera's.
    let store = store(&clinic);
    let actor = clinic.actor();
    let edited = clinic
        .practice
        .update_photo(
            actor,
            &store,
            photo.id,
            photo.version,
            &PhotoEdit {
                session_id: None,
                view: PhotoView::Top,
                taken_on: day("2024-03-10"),
                notes: "Before session 1".into(),
                consent_use: PhotoUse::ClinicalOnly,
            },
        )
        .unwrap();
    assert_eq!(edited.taken_on, day("2024-03-10"));
    assert!(!edited.taken_from_exif);
    assert_eq!(edited.status, PhotoStatus::Intact);
}

#[test]
fn png_and_webp_are_accepted_and_a_given_date_wins_over_exif() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let png = encoded(&picture(40, 30, 3), ImageFormat::Png);
    let photo = add(
        &mut clinic,
        &details(ana.id, PhotoView::Left),
        "scan.jpg",
        &png,
    )
    .unwrap();
    assert_eq!(
        photo.format,
        PhotoFormat::Png,
        "sniffed, not taken from the name"
    );
    assert!(photo.image_path.ends_with(".png"));
    assert_eq!(photo.taken_on, day("2026-06-15"), "no EXIF: today");
    assert!(!photo.taken_from_exif);

    let webp = encoded(&picture(40, 30, 4), ImageFormat::WebP);
    let dated = PhotoDetails {
        taken_on: Some(day("2026-06-01")),
        ..details(ana.id, PhotoView::Right)
    };
    let photo = add(&mut clinic, &dated, "right.webp", &webp).unwrap();
    assert_eq!(photo.format, PhotoFormat::Jpeg);
    assert_eq!(photo.taken_on, day("2026-06-01"));
}

#[test]
fn files_that_are_not_readable_images_are_refused_and_leave_nothing_behind() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let mut truncated = jpeg(400, 300, 5);
    truncated.truncate(300);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("consent.pdf", b"%PDF-1.7\n1 0 obj\n".to_vec(), "PDF"),
        ("notes.jpg", b"just some text".to_vec(), "JPEG, PNG or WebP"),
        ("anim.gif", b"GIF89a\x01\x00\x01\x00".to_vec(), "GIF"),
        (
            "IMG_0002.HEIC",
            b"\0\0\0\x18ftypheic\0\0\0\0".to_vec(),
            "HEIC",
        ),
        ("empty.jpg", Vec::new(), "empty"),
        (
            "broken.jpg",
            [&[0xFF, 0xD8, 0xFF, 0xE0][..], &[0x42; 200]].concat(),
            "damaged",
        ),
        ("cut.jpg", truncated, "damaged"),
        (
            "broken.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDRxxxx".to_vec(),
            "damaged",
        ),
    ];
    for (name, bytes, says) in cases {
        let err = assert_field(
            add(
                &mut clinic,
                &details(ana.id, PhotoView::Front),
                name,
                &bytes,
            ),
            ErrorCode::Validation,
            "file",
        );
        assert!(err.to_string().contains(says), "{name}: {err}");
        assert!(err.to_string().contains(name), "{name}: {err}");
    }
    assert_eq!(count(&clinic.practice, "photos"), 0);
    assert!(stored_files(store(&clinic).dir()).is_empty());
}

#[test]
fn a_missing_or_altered_file_shows_as_damaged_without_failing_the_timeline() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let gone = add(
        &mut clinic,
        &details(ana.id, PhotoView::Front),
        "a.jpg",
        &jpeg(100, 80, 10),
    )
    .unwrap();
    let altered_bytes = jpeg(100, 80, 11);
    let altered = add(
        &mut clinic,
        &details(ana.id, PhotoView::Front),
        "b.jpg",
        &altered_bytes,
    )
    .unwrap();
    let fine = add(
        &mut clinic,
        &details(ana.id, PhotoView::Crown),
        "c.jpg",
        &jpeg(100, 80, 12),
    )
    .unwrap();

    fs::remove_file(&gone.image_path).unwrap();
    let mut bytes = fs::read(&altered.image_path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xFF;
    fs::write(&altered.image_path, bytes).unwrap();

    let store = store(&clinic);
    let timeline = clinic.practice.photo_timeline(&store, ana.id).unwrap();
    let status = |id: PhotoId| {
        timeline
            .iter()
            .flat_map(|v| &v.photos)
            .find(|p| p.id == id)
            .unwrap()
            .status
    };
    assert_eq!(status(gone.id), PhotoStatus::Missing);
    assert_eq!(status(altered.id), PhotoStatus::Damaged);
    assert_eq!(status(fine.id), PhotoStatus::Intact);
    assert_eq!(
        clinic.practice.photo(&store, altered.id).unwrap().status,
        PhotoStatus::Damaged
    );

    // Importing the original again repairs the stored file.
    add(
        &mut clinic,
        &details(ana.id, PhotoView::Front),
        "b.jpg",
        &altered_bytes,
    )
    .unwrap();
    assert_eq!(
        clinic.practice.photo(&store, altered.id).unwrap().status,
        PhotoStatus::Intact
    );
}

#[test]
fn the_timeline_groups_by_view_oldest_first_and_compare_takes_one_view() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(ana.id);
    let session = clinic.record(plan.id, 1, "2026-06-01");
    let on = |view: PhotoView, taken: &str| PhotoDetails {
        taken_on: Some(day(taken)),
        session_id: Some(session.id),
        ..details(ana.id, view)
    };
    let mut added = Vec::new();
    for (seed, (view, taken)) in [
        (PhotoView::Crown, "2026-06-14"),
        (PhotoView::Crown, "2026-05-01"),
        (PhotoView::Front, "2026-05-01"),
    ]
    .into_iter()
    .enumerate()
    {
        let bytes = jpeg(90, 60, 20 + seed as u8);
        added.push(add(&mut clinic, &on(view, taken), "p.jpg", &bytes).unwrap());
    }
    let [after, before, front] = <[Photo; 3]>::try_from(added).unwrap();
    let store = store(&clinic);
    let timeline = clinic.practice.photo_timeline(&store, ana.id).unwrap();
    let shape: Vec<(PhotoView, Vec<PhotoId>)> = timeline
        .iter()
        .map(|v| (v.view, v.photos.iter().map(|p| p.id).collect()))
        .collect();
    assert_eq!(
        shape,
        vec![
            (PhotoView::Front, vec![front.id]),
            (PhotoView::Crown, vec![before.id, after.id]),
        ]
    );

    let pair = clinic
        .practice
        .compare_photos(&store, after.id, before.id)
        .unwrap();
    assert_eq!((pair.before.id, pair.after.id), (before.id, after.id));
    assert_field(
        clinic.practice.compare_photos(&store, front.id, after.id),
        ErrorCode::Validation,
        "b",
    );

    // A photo can only be linked to a session of the same client.
    let ben = clinic.client("Ben", "Okafor");
    assert_field(
        add(
            &mut clinic,
            &PhotoDetails {
                client_id: ben.id,
                ..on(PhotoView::Crown, "2026-06-14")
            },
            "x.jpg",
            &jpeg(90, 60, 23),
        ),
        ErrorCode::Validation,
        "session_id",
    );
    assert_field(
        add(
            &mut clinic,
            &on(PhotoView::Crown, "2026-06-16"),
            "y.jpg",
            &jpeg(90, 60, 24),
        ),
        ErrorCode::Validation,
        "taken_on",
    );
}

#[test]
fn a_clinical_only_photo_is_never_offered_for_marketing() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let marketing = PhotoDetails {
        consent_use: PhotoUse::MarketingAllowed,
        ..details(ana.id, PhotoView::Front)
    };
    let err = assert_field(
        add(&mut clinic, &marketing, "m.jpg", &jpeg(90, 60, 30)),
        ErrorCode::Refused,
        "consent_use",
    );
    assert!(err.to_string().contains("photo consent"), "{err}");

    let mut input = clinic.consent_input(ana.id, ConsentKind::Photo, &[]);
    input.photo_choices = Some(PhotoChoices {
        clinical: true,
        marketing: true,
    });
    let actor = clinic.actor();
    // No photo consent yet is none, not one declining everything: the record says so.
    let status = |clinic: &Clinic| {
        clinic
            .practice
            .consent_status(ana.id, day("2026-06-15"))
            .unwrap()
            .photo
    };
    assert_eq!(status(&clinic), None);
    let photo_consent = clinic.practice.sign_consent(actor, &input).unwrap();
    assert_eq!(
        status(&clinic),
        Some(PhotoChoices {
            clinical: true,
            marketing: true
        })
    );
    let shown = add(&mut clinic, &marketing, "m.jpg", &jpeg(90, 60, 30)).unwrap();
    let clinical = add(
        &mut clinic,
        &details(ana.id, PhotoView::Front),
        "c.jpg",
        &jpeg(90, 60, 31),
    )
    .unwrap();

    let store = store(&clinic);
    let today = day("2026-06-15");
    let offered = clinic
        .practice
        .photos_for_marketing(&store, None, today)
        .unwrap();
    assert_eq!(
        offered.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![shown.id]
    );
    assert!(!offered.iter().any(|p| p.id == clinical.id));

    // Withdrawn photo consent: nothing is offered any more, even photos marked for marketing.
    clinic
        .practice
        .withdraw_consent(
            actor,
            photo_consent.id,
            &WithdrawConsentInput {
                reason: "Client asked by phone".into(),
                client_signature: None,
            },
        )
        .unwrap();
    assert!(clinic
        .practice
        .photos_for_marketing(&store, Some(ana.id), today)
        .unwrap()
        .is_empty());
}

#[test]
fn a_batch_import_reports_progress_and_a_bad_file_fails_alone() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let folder = clinic.dir.path().join("camera");
    fs::create_dir_all(&folder).unwrap();
    let mut items = Vec::new();
    for i in 0..5u8 {
        let path = folder.join(format!("IMG_{i}.jpg"));
        let bytes = if i == 2 {
            b"%PDF-1.4".to_vec()
        } else {
            jpeg(120, 90, 40 + i)
        };
        fs::write(&path, bytes).unwrap();
        items.push(PhotoImportItem {
            path,
            details: details(ana.id, PhotoView::Front),
        });
    }
    let store = store(&clinic);
    let mut reports = Vec::new();
    let actor = clinic.actor();
    let outcomes = clinic
        .practice
        .import_photos(actor, &store, &items, |p| reports.push(p.clone()));

    assert_eq!(reports.len(), 5);
    assert_eq!(
        reports.iter().map(|r| r.done).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5]
    );
    assert_eq!(reports.last().unwrap().failed, 1);
    assert_eq!(outcomes.len(), 5);
    for (i, outcome) in outcomes.iter().enumerate() {
        assert_eq!(outcome.file_name, format!("IMG_{i}.jpg"));
        if i == 2 {
            let error = outcome.error.as_ref().expect("the PDF is refused");
            assert_eq!(error.code, ErrorCode::Validation);
            assert_eq!(error.field.as_deref(), Some("path"));
            assert!(outcome.photo.is_none());
        } else {
            assert!(outcome.photo.is_some(), "{:?}", outcome.error);
        }
    }
    assert_eq!(count(&clinic.practice, "photos"), 4);
    assert_eq!(stored_files(store.dir()).len(), 4);

    // A file that is gone, and a good file for a client who does not exist: both refused, and
    // the second is refused before its file is read, so nothing is written for it.
    let stranger = folder.join("stranger.jpg");
    fs::write(&stranger, jpeg(120, 90, 99)).unwrap();
    let refused = [
        PhotoImportItem {
            path: folder.join("nowhere.jpg"),
            details: details(ana.id, PhotoView::Front),
        },
        PhotoImportItem {
            path: stranger,
            details: details(ClientId::new(), PhotoView::Front),
        },
    ];
    let outcome = clinic
        .practice
        .import_photos(actor, &store, &refused, |_| {});
    let fields: Vec<Option<&str>> = outcome
        .iter()
        .map(|o| o.error.as_ref().unwrap().field.as_deref())
        .collect();
    assert_eq!(fields, vec![Some("path"), Some("client_id")]);
    assert_eq!(stored_files(store.dir()).len(), 4);
    assert_eq!(count(&clinic.practice, "photos"), 4);
}

#[test]
fn removing_a_photo_deletes_its_file_unless_another_client_has_the_same_one() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let ben = clinic.client("Ben", "Okafor");
    let shared = jpeg(90, 60, 50);
    let anas = add(
        &mut clinic,
        &details(ana.id, PhotoView::Front),
        "a.jpg",
        &shared,
    )
    .unwrap();
    let bens = add(
        &mut clinic,
        &details(ben.id, PhotoView::Front),
        "b.jpg",
        &shared,
    )
    .unwrap();
    let own = add(
        &mut clinic,
        &details(ana.id, PhotoView::Crown),
        "c.jpg",
        &jpeg(90, 60, 51),
    )
    .unwrap();
    let store = store(&clinic);
    let actor = clinic.actor();

    clinic
        .practice
        .remove_photo(actor, &store, anas.id)
        .unwrap();
    assert!(
        Path::new(&bens.image_path).exists(),
        "Ben's photo keeps the shared file"
    );
    assert_eq!(
        clinic.practice.photo(&store, bens.id).unwrap().status,
        PhotoStatus::Intact
    );

    clinic.practice.remove_photo(actor, &store, own.id).unwrap();
    assert!(!Path::new(&own.image_path).exists());
    assert!(!Path::new(&own.thumbnail_path).exists());
    assert_eq!(
        clinic.practice.photo(&store, own.id).unwrap_err().code(),
        ErrorCode::NotFound
    );
    assert!(clinic
        .practice
        .photo_timeline(&store, ana.id)
        .unwrap()
        .is_empty());
    let trail = clinic.practice.audit_trail(&own.id).unwrap();
    assert_eq!(trail.last().unwrap().action, "remove");
    assert_eq!(
        clinic
            .practice
            .remove_photo(actor, &store, own.id)
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
}

#[test]
fn erasing_a_client_removes_their_photos_but_only_after_a_correct_confirmation() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let photo = add(
        &mut clinic,
        &details(ana.id, PhotoView::Front),
        "a.jpg",
        &jpeg(90, 60, 52),
    )
    .unwrap();
    let store = store(&clinic);
    let actor = clinic.actor();
    let refused = clinic.practice.erase_client(actor, ana.id, "someone else");
    assert_eq!(refused.unwrap_err().code(), ErrorCode::Validation);
    assert!(
        Path::new(&photo.image_path).exists(),
        "a wrong confirmation removes nothing"
    );
    clinic
        .practice
        .erase_client(actor, ana.id, "Ana Lopez")
        .unwrap();
    assert!(
        !Path::new(&photo.image_path).exists(),
        "the face is gone with the name"
    );
    assert!(clinic
        .practice
        .photo_timeline(&store, ana.id)
        .unwrap()
        .is_empty());
}

/// A client whose photo consent declines clinical photos cannot have one stored as clinical;
/// without a photo consent at all the clinical record may hold photos as before.
#[test]
fn a_clinical_photo_is_refused_when_the_client_declined_clinical_photos() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    add(
        &mut clinic,
        &details(ana.id, PhotoView::Front),
        "before.jpg",
        &jpeg(90, 60, 40),
    )
    .expect("no photo consent yet: the clinical record may hold it");
    let mut input = clinic.consent_input(ana.id, ConsentKind::Photo, &[]);
    input.photo_choices = Some(PhotoChoices {
        clinical: false,
        marketing: false,
    });
    let actor = clinic.actor();
    clinic.practice.sign_consent(actor, &input).unwrap();
    let before = count(&clinic.practice, "photos");
    let err = assert_field(
        add(
            &mut clinic,
            &details(ana.id, PhotoView::Crown),
            "after.jpg",
            &jpeg(90, 60, 41),
        ),
        ErrorCode::Refused,
        "consent_use",
    );
    assert!(err.to_string().contains("declines photos"), "{err}");
    assert_eq!(count(&clinic.practice, "photos"), before, "nothing stored");
}

/// A photo's details with several problems are refused with all of them at once, each naming
/// its field, and no photo is added.
#[test]
fn every_problem_of_a_photos_details_is_named_at_once() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let ben = clinic.client("Ben", "Okafor");
    let bens_plan = clinic.plan(ben.id);
    let bens_session = clinic.record(bens_plan.id, 1, "2026-06-01");
    let wrong = PhotoDetails {
        session_id: Some(bens_session.id),
        taken_on: Some(day("2031-01-01")),
        notes: "n".repeat(2001),
        ..details(ana.id, PhotoView::Top)
    };
    let refused = add(&mut clinic, &wrong, "top.jpg", &jpeg(90, 60, 30))
        .unwrap_err()
        .to_api();
    let fields = problem_fields(&refused);
    assert_eq!(fields, ["notes", "taken_on", "session_id"]);
    assert_eq!(count(&clinic.practice, "photos"), 0);
}
