//! Photos on a client's record: before/after pictures from fixed views, stored content-addressed,
//! read back with their integrity checked, grouped by view, compared, and offered for marketing
//! only when the client agreed to it.

mod image_file;
mod import;
mod store;

pub use image_file::{MAX_FILE_BYTES, THUMBNAIL_SIDE};
pub use import::{import_photos, PhotoImportItem, PhotoImportOutcome, PhotoImportProgress};
pub(crate) use store::Copied;
pub use store::{is_content_hash, photo_folder_beside, read_photo_file, PhotoStore, StoredImage};

use crate::actor::Actor;
use crate::codes::code_enum;
use crate::consent;
use crate::db::practice::Practice;
use crate::db::rows;
use crate::db::versions::Versioned;
use crate::error::{Error, Result};
use crate::ids::{ClientId, PhotoId, SessionId, StaffId};
use crate::record::sessions;
use crate::validate::{bounded_text, not_in_future, Problems};
use crate::vocab::{PhotoUse, PhotoView};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

code_enum! {
    /// How a photo is kept on disk.
    pub enum PhotoFormat {
        Jpeg = "jpeg",
        Png = "png",
    }
}

impl PhotoFormat {
    pub fn extension(self) -> &'static str {
        match self {
            PhotoFormat::Jpeg => "jpg",
            PhotoFormat::Png => "png",
        }
    }
}

code_enum! {
    /// Whether a photo's file is as it was stored.
    pub enum PhotoStatus {
        /// The file is there with exactly the bytes its hash names.
        Intact = "intact",
        /// The file is gone from the photo folder.
        Missing = "missing",
        /// The file is there but its bytes no longer match its hash (altered or corrupted).
        Damaged = "damaged",
    }
}

/// What the practitioner says about a photo being added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PhotoDetails {
    pub client_id: ClientId,
    /// The session it belongs to (before/after that session), if any.
    pub session_id: Option<SessionId>,
    pub view: PhotoView,
    /// The day taken; when absent, EXIF DateTimeOriginal, else today.
    pub taken_on: Option<NaiveDate>,
    pub notes: String,
    pub consent_use: PhotoUse,
}

/// The editable part of a photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PhotoEdit {
    pub session_id: Option<SessionId>,
    pub view: PhotoView,
    pub taken_on: NaiveDate,
    pub notes: String,
    pub consent_use: PhotoUse,
}

/// A photo on a client's record, with where its files are and whether they are intact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Photo {
    pub id: PhotoId,
    pub client_id: ClientId,
    pub session_id: Option<SessionId>,
    pub view: PhotoView,
    pub taken_on: NaiveDate,
    /// Whether `taken_on` came from the camera's EXIF date.
    pub taken_from_exif: bool,
    pub notes: String,
    pub consent_use: PhotoUse,
    /// SHA-256 of the stored file; also its name.
    pub sha256: String,
    pub format: PhotoFormat,
    pub width: u32,
    pub height: u32,
    pub byte_size: u32,
    /// The name of the file as it was imported.
    pub original_name: String,
    pub added_at: DateTime<Utc>,
    pub added_by: Option<StaffId>,
    pub updated_at: DateTime<Utc>,
    /// Absolute path of the image (inside the photo folder), for the webview's asset protocol.
    pub image_path: String,
    /// Absolute path of its JPEG thumbnail.
    pub thumbnail_path: String,
    pub status: PhotoStatus,
    /// Moves on with every save of the details; an edit sends back the version it was opened at.
    pub version: u32,
}

/// One view's photos, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ViewTimeline {
    pub view: PhotoView,
    pub photos: Vec<Photo>,
}

/// Two photos of one client from one view, the earlier first: the compare screen's data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PhotoComparison {
    pub before: Photo,
    pub after: Photo,
}

const PHOTO_COLUMNS: &str = "id, client_id, session_id, view, taken_on, taken_from_exif, notes,
    consent_use, sha256, format, width, height, byte_size, original_name, added_at, added_by, updated_at,
    version";

/// Maps a row; paths and status are filled in by [`with_files`].
fn from_row(row: &Row<'_>) -> rusqlite::Result<Photo> {
    Ok(Photo {
        id: row.get("id")?,
        client_id: row.get("client_id")?,
        session_id: row.get("session_id")?,
        view: row.get("view")?,
        taken_on: row.get("taken_on")?,
        taken_from_exif: row.get("taken_from_exif")?,
        notes: row.get("notes")?,
        consent_use: row.get("consent_use")?,
        sha256: row.get("sha256")?,
        format: row.get("format")?,
        width: row.get("width")?,
        height: row.get("height")?,
        byte_size: row.get("byte_size")?,
        original_name: row.get("original_name")?,
        added_at: row.get("added_at")?,
        added_by: row.get("added_by")?,
        updated_at: row.get("updated_at")?,
        image_path: String::new(),
        thumbnail_path: String::new(),
        status: PhotoStatus::Intact,
        version: row.get("version")?,
    })
}

/// Fills in a photo's file paths, and its status when `check` (re-hashing the file).
fn with_files(mut photo: Photo, store: &PhotoStore, check: bool) -> Photo {
    photo.image_path = store
        .image_path(&photo.sha256, photo.format)
        .display()
        .to_string();
    photo.thumbnail_path = store.thumbnail_path(&photo.sha256).display().to_string();
    if check {
        photo.status = store.status(&photo.sha256, photo.format);
    }
    photo
}

fn query(conn: &Connection, filter: &str, params: impl rusqlite::Params) -> Result<Vec<Photo>> {
    let sql = format!(
        "SELECT {PHOTO_COLUMNS} FROM photos WHERE {filter} ORDER BY taken_on, added_at, id"
    );
    rows::all(conn, &sql, params, from_row)
}

fn load(conn: &Connection, id: PhotoId) -> Result<Photo> {
    query(conn, "id = ?1", [id])?
        .pop()
        .ok_or_else(|| Error::not_found("photo", id))
}

fn existing(
    conn: &Connection,
    client: ClientId,
    column: &str,
    sha256: &str,
) -> Result<Option<Photo>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {PHOTO_COLUMNS} FROM photos WHERE client_id = ?1 AND {column} = ?2 LIMIT 1"
        ))?
        .query_row(params![client, sha256], from_row)
        .optional()?)
}

/// Checks what a person can edit on a photo: the session belongs to the client, the day is not
/// in the future, notes are bounded, and marketing use matches the client's photo consent; else
/// every problem at once (a refusal by the client's consent first).
fn check_fields(
    conn: &Connection,
    client: ClientId,
    edit: &PhotoEdit,
    today: NaiveDate,
) -> Result<PhotoEdit> {
    let mut problems = Problems::default();
    let notes = problems.check(bounded_text("notes", "Notes", &edit.notes, 2000));
    problems.check(not_in_future(
        "taken_on",
        "Date taken",
        edit.taken_on,
        today,
    ));
    if let Some(session) = edit.session_id {
        match sessions::load(conn, session) {
            Err(_) => problems.keep(Error::validation(
                "session_id",
                format!("No session with id {session} exists"),
            )),
            Ok(found) if found.client_id != client => problems.keep(Error::validation(
                "session_id",
                "That session belongs to another client",
            )),
            Ok(_) => {}
        }
    }
    if edit.consent_use == PhotoUse::ClinicalOnly
        && consent::declines_clinical_photos(conn, client, today)?
    {
        problems.keep(Error::refused(
            Some("consent_use"),
            "The client's photo consent declines photos in the clinical record; do not keep this photo, or have them sign a new photo consent",
        ));
    }
    if edit.consent_use == PhotoUse::MarketingAllowed
        && !consent::photo_choices(conn, client, today)?.marketing
    {
        problems.keep(Error::refused(
            Some("consent_use"),
            "The client has not signed a photo consent allowing marketing use; keep the photo clinical only or have them sign one",
        ));
    }
    problems.finish()?;
    Ok(PhotoEdit {
        notes: notes.unwrap_or_default(),
        ..edit.clone()
    })
}

/// Checks a new photo's details, the day taken being `taken_on` when none is given.
fn check_details(
    conn: &Connection,
    details: &PhotoDetails,
    taken_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<PhotoEdit> {
    crate::record::clients::load(conn, details.client_id).map_err(|_| {
        Error::validation(
            "client_id",
            format!("No client with id {} exists", details.client_id),
        )
    })?;
    let edit = PhotoEdit {
        session_id: details.session_id,
        view: details.view,
        taken_on: details.taken_on.or(taken_on).unwrap_or(today),
        notes: details.notes.clone(),
        consent_use: details.consent_use,
    };
    check_fields(conn, details.client_id, &edit, today)
}

impl Practice {
    /// Puts an image already written by [`PhotoStore::prepare`] on a client's record. Adding the
    /// same stored image to the same client again returns the photo already there (no new row).
    pub fn add_photo(
        &mut self,
        actor: Actor,
        store: &PhotoStore,
        details: &PhotoDetails,
        image: &StoredImage,
    ) -> Result<Photo> {
        let today = self.clock().today();
        let photo = self.write(actor, |w| {
            if let Some(found) = existing(w.tx, details.client_id, "sha256", &image.sha256)? {
                return Ok(found);
            }
            // A camera whose clock is wrong can date a photo in the future: then it is today's.
            let exif_day = image.taken_on.filter(|&d| d <= today);
            let v = check_details(w.tx, details, exif_day, today)?;
            let id = PhotoId::new();
            w.tx.execute(
                "INSERT INTO photos (id, client_id, session_id, view, taken_on, taken_from_exif, notes,
                    consent_use, sha256, source_sha256, format, width, height, byte_size, original_name,
                    added_at, added_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?16)",
                params![
                    id, details.client_id, v.session_id, v.view, v.taken_on,
                    details.taken_on.is_none() && exif_day.is_some(), v.notes, v.consent_use,
                    image.sha256, image.source_sha256, image.format, image.width, image.height,
                    image.byte_size, image.original_name, w.now, w.actor.staff_id()
                ],
            )?;
            let photo = load(w.tx, id)?;
            w.audit("photo", &id, "add", None::<&Photo>, Some(&photo))?;
            Ok(photo)
        })?;
        Ok(with_files(photo, store, false))
    }

    /// Checks a new photo's details without touching any file: call it before reading or
    /// decoding an image, so a wrong client, session or consent is refused at once.
    pub fn check_photo_details(&self, details: &PhotoDetails) -> Result<()> {
        check_details(self.conn(), details, None, self.clock().today()).map(drop)
    }

    /// Adds one photo from its bytes and original file name: the quick path for a single file
    /// (a file already imported for this client is recognised before it is decoded again).
    pub fn add_photo_bytes(
        &mut self,
        actor: Actor,
        store: &PhotoStore,
        details: &PhotoDetails,
        original_name: &str,
        bytes: &[u8],
    ) -> Result<Photo> {
        self.check_photo_details(details)?;
        let source = image_file::sha256_hex(bytes);
        if let Some(found) = existing(self.conn(), details.client_id, "source_sha256", &source)? {
            if store.status(&found.sha256, found.format) == PhotoStatus::Intact {
                return Ok(with_files(found, store, false));
            }
        }
        let image = store.prepare("file", original_name, bytes)?;
        self.add_photo(actor, store, details, &image)
    }

    /// Imports many files for the clinic (a drag-and-drop of a folder): decoded and thumbnailed
    /// on worker threads, added one by one, `progress` called after each. One outcome per item,
    /// in order; a bad file fails alone.
    pub fn import_photos(
        &mut self,
        actor: Actor,
        store: &PhotoStore,
        items: &[PhotoImportItem],
        progress: impl FnMut(&PhotoImportProgress),
    ) -> Vec<PhotoImportOutcome> {
        let checks: Vec<Result<()>> = items
            .iter()
            .map(|item| self.check_photo_details(&item.details))
            .collect();
        import_photos(store, items, checks, progress, |item, image| {
            self.add_photo(actor, store, &item.details, &image)
        })
    }

    /// Changes a photo's view, date, notes, session or consented use, if its details are still
    /// at `version` (the one the form was opened at).
    pub fn update_photo(
        &mut self,
        actor: Actor,
        store: &PhotoStore,
        id: PhotoId,
        version: u32,
        edit: &PhotoEdit,
    ) -> Result<Photo> {
        let today = self.clock().today();
        let photo = self.write(actor, |w| {
            let before = load(w.tx, id)?;
            w.claim_version(Versioned::Photo, &id, version)?;
            let v = check_fields(w.tx, before.client_id, edit, today)?;
            w.tx.execute(
                "UPDATE photos SET session_id = ?2, view = ?3, taken_on = ?4, notes = ?5, consent_use = ?6,
                    taken_from_exif = taken_from_exif AND taken_on = ?4, updated_at = ?7
                 WHERE id = ?1",
                params![id, v.session_id, v.view, v.taken_on, v.notes, v.consent_use, w.now],
            )?;
            let after = load(w.tx, id)?;
            w.audit("photo", &id, "update", Some(&before), Some(&after))?;
            Ok(after)
        })?;
        Ok(with_files(photo, store, true))
    }

    /// The practice's own photo store, in its photo folder.
    pub fn photo_store(&self) -> Result<PhotoStore> {
        Ok(PhotoStore::new(self.photo_folder()?))
    }

    /// Takes a photo off the record (a wrong client, a blurred shot, an erasure request): its row
    /// goes (audited), then its file and thumbnail unless another client's photo has the same
    /// bytes. The file is removed only after the row is gone, so no row is ever left without it.
    pub fn remove_photo(&mut self, actor: Actor, store: &PhotoStore, id: PhotoId) -> Result<()> {
        let (removed, still_used) = self.write(actor, |w| {
            let before = load(w.tx, id)?;
            w.tx.execute("DELETE FROM photos WHERE id = ?1", [id])?;
            let still_used: bool = w.tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM photos WHERE sha256 = ?1)",
                [&before.sha256],
                |r| r.get(0),
            )?;
            w.audit("photo", &id, "remove", Some(&before), None::<&Photo>)?;
            Ok((before, still_used))
        })?;
        if !still_used {
            store.remove(&removed.sha256, removed.format)?;
        }
        Ok(())
    }

    /// One photo, its file checked.
    pub fn photo(&self, store: &PhotoStore, id: PhotoId) -> Result<Photo> {
        Ok(with_files(load(self.conn(), id)?, store, true))
    }

    /// A client's photos grouped by view (in the order views are offered), each view oldest
    /// first. A missing or altered file shows as that photo's status; it never fails the list.
    pub fn photo_timeline(
        &self,
        store: &PhotoStore,
        client: ClientId,
    ) -> Result<Vec<ViewTimeline>> {
        let photos = query(self.conn(), "client_id = ?1", [client])?;
        Ok(PhotoView::ALL
            .iter()
            .filter_map(|&view| {
                let photos: Vec<Photo> = photos
                    .iter()
                    .filter(|p| p.view == view)
                    .map(|p| with_files(p.clone(), store, true))
                    .collect();
                (!photos.is_empty()).then_some(ViewTimeline { view, photos })
            })
            .collect())
    }

    /// Two photos side by side (earlier first). Refused unless both are of one client and one view.
    pub fn compare_photos(
        &self,
        store: &PhotoStore,
        a: PhotoId,
        b: PhotoId,
    ) -> Result<PhotoComparison> {
        let (first, second) = (self.photo(store, a)?, self.photo(store, b)?);
        if first.client_id != second.client_id {
            return Err(Error::validation(
                "b",
                "These photos are of two different clients",
            ));
        }
        if first.view != second.view {
            return Err(Error::validation(
                "b",
                format!(
                    "Only photos of one view can be compared ({} and {})",
                    first.view, second.view
                ),
            ));
        }
        let (before, after) =
            if (second.taken_on, second.added_at) < (first.taken_on, first.added_at) {
                (second, first)
            } else {
                (first, second)
            };
        Ok(PhotoComparison { before, after })
    }

    /// The photos that may be exported as marketing material on `day` (all clients, or one):
    /// marked for marketing, of a client whose current photo consent allows marketing, and intact.
    /// A clinical-only photo is never among them.
    pub fn photos_for_marketing(
        &self,
        store: &PhotoStore,
        client: Option<ClientId>,
        day: NaiveDate,
    ) -> Result<Vec<Photo>> {
        let marked = query(
            self.conn(),
            "consent_use = 'marketing_allowed' AND (?1 IS NULL OR client_id = ?1)",
            [client],
        )?;
        let mut out = Vec::new();
        for photo in marked {
            if consent::photo_choices(self.conn(), photo.client_id, day)?.marketing {
                let photo = with_files(photo, store, true);
                if photo.status == PhotoStatus::Intact {
                    out.push(photo);
                }
            }
        }
        Ok(out)
    }
}
