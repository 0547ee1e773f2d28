//! A client's complete record for a subject-access request: everything Hairline holds about one
//! person — profile, plans, sessions with zones and amendments, the lots used on them, bookings,
//! recalls with every contact attempt, consents with their text, answers and signatures, photos,
//! and the audit trail of their record — as one JSON document, with the photos and signature
//! images themselves as files in a folder beside it.
//!
//! A folder rather than a zip: it opens with no tool on any computer, the photos are already
//! compressed (JPEG, PNG), and no zip library is among the project's dependencies.

use crate::catalogue::pigments::PigmentLot;
use crate::consent::{signature_image_file, Consent};
use crate::db::audit::{entry_from_row, AuditEntry, ABOUT_CLIENT, AUDIT_COLUMNS};
use crate::db::practice::Practice;
use crate::error::{Error, Result};
use crate::ids::ClientId;
use crate::photos::{Photo, PhotoStore};
use crate::record::client_record::ClientRecord;
use crate::schedule::appointments::Appointment;
use crate::schedule::recalls::{ContactAttempt, Recall};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::fs;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Everything held about one client.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SubjectAccessExport {
    pub exported_at: DateTime<Utc>,
    pub record: ClientRecord,
    /// The pigment lots used on the client's sessions, with pigment, lot number and expiry.
    pub pigment_lots: Vec<PigmentLot>,
    /// Every booking, past and future.
    pub appointments: Vec<Appointment>,
    /// Every recall (next session, touch-up) with the log of contact attempts.
    pub recalls: Vec<RecallWithContacts>,
    /// Every consent signed or withdrawn, with the exact text, the answers and the signatures.
    pub consents: Vec<Consent>,
    /// Every photo on the record, oldest first; in an exported folder each is the file
    /// `photos/<sha256>.<jpg|png>` (a photo whose status is not intact could not be included).
    pub photos: Vec<Photo>,
    /// Every change made to the client's record, oldest first.
    pub audit: Vec<AuditEntry>,
}

/// A recall and every attempt to reach the client about it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RecallWithContacts {
    pub recall: Recall,
    pub contacts: Vec<ContactAttempt>,
}

impl Practice {
    /// One client's complete record (see [`SubjectAccessExport`]).
    pub fn subject_access_export(&self, id: ClientId) -> Result<SubjectAccessExport> {
        let record = self.client_record(id)?;
        let conn = self.conn();
        let mut lots = Vec::new();
        for lot in conn
            .prepare(
                "SELECT DISTINCT z.pigment_lot_id FROM session_zones z JOIN sessions s ON s.id = z.session_id
                 WHERE s.client_id = ?1 ORDER BY z.pigment_lot_id",
            )?
            .query_map([id], |r| r.get(0))?
        {
            if let Some(lot) = crate::catalogue::pigments::load_lot(conn, lot?)? {
                lots.push(lot);
            }
        }
        let audit = conn
            .prepare(&format!(
                "SELECT {AUDIT_COLUMNS} FROM audit_log a WHERE {ABOUT_CLIENT} ORDER BY a.at, a.id"
            ))?
            .query_map([id], entry_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let recalls = self
            .client_recalls(id)?
            .into_iter()
            .map(|recall| {
                let contacts = self.recall_contacts(recall.id)?;
                Ok(RecallWithContacts { recall, contacts })
            })
            .collect::<Result<_>>()?;
        let photos = match self.photo_store() {
            Ok(store) => self
                .photo_timeline(&store, id)?
                .into_iter()
                .flat_map(|view| view.photos)
                .collect(),
            Err(_) => Vec::new(),
        };
        Ok(SubjectAccessExport {
            exported_at: self.clock().now(),
            record,
            pigment_lots: lots,
            appointments: self.client_appointments(id)?,
            recalls,
            consents: self.client_consents(id)?,
            photos,
            audit,
        })
    }

    /// Writes one client's complete record as indented JSON to the file at `path`, and its
    /// photos and signature images into the folder [`files_folder_of`] `path` (created new),
    /// whole or not at all: the folder is assembled under a temporary name and renamed, then the
    /// JSON written; if the JSON cannot be written the folder is removed. Answers the folder.
    pub fn subject_access_export_to(&self, id: ClientId, path: &Path) -> Result<PathBuf> {
        let export = self.subject_access_export(id)?;
        let folder = files_folder_of(path);
        if folder.exists() {
            return Err(Error::file(
                &folder,
                &std::io::Error::from(std::io::ErrorKind::AlreadyExists),
            ));
        }
        let staging = folder.with_extension("partial");
        let _ = fs::remove_dir_all(&staging);
        let written = write_files(&export, self.photo_store().ok().as_ref(), &staging)
            .and_then(|()| fs::rename(&staging, &folder).map_err(|e| Error::file(&folder, &e)));
        if let Err(e) = written {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
        let json = crate::atomic_file::write_atomically(path, |out| {
            serde_json::to_writer_pretty(out, &export).map_err(|e| Error::file(path, &e.into()))
        });
        if let Err(e) = json {
            let _ = fs::remove_dir_all(&folder);
            return Err(e);
        }
        Ok(folder)
    }
}

/// The folder of photos and signatures beside a subject-access export at `json`:
/// `client-12-….json` → `client-12-… files/`.
pub fn files_folder_of(json: &Path) -> PathBuf {
    let stem = json.file_stem().unwrap_or_default().to_string_lossy();
    json.with_file_name(format!("{stem} files"))
}

/// Writes the export's photos (copied from `store`, each checked against its hash) into
/// `folder/photos/` and its signatures into `folder/signatures/<consent id>-<signer>.<svg|png>`.
fn write_files(
    export: &SubjectAccessExport,
    store: Option<&PhotoStore>,
    folder: &Path,
) -> Result<()> {
    let photos = PhotoStore::new(folder.join("photos"));
    fs::create_dir_all(photos.dir()).map_err(|e| Error::file(photos.dir(), &e))?;
    if let Some(store) = store {
        for photo in &export.photos {
            photos.copy_in(store, &photo.sha256, photo.format)?;
        }
    }
    let signatures = folder.join("signatures");
    fs::create_dir_all(&signatures).map_err(|e| Error::file(&signatures, &e))?;
    for consent in &export.consents {
        let signed = [
            ("client", &consent.client_signature),
            ("practitioner", &consent.practitioner_signature),
        ];
        for (signer, signature) in signed {
            let Some((extension, bytes)) = signature.as_deref().and_then(signature_image_file)
            else {
                continue;
            };
            let file = signatures.join(format!("{}-{signer}.{extension}", consent.id));
            crate::atomic_file::write_bytes_atomically(&file, &bytes)?;
        }
    }
    Ok(())
}
