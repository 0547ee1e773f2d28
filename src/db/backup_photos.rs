//! The photos of a backup: every photo a backed-up database references is kept in
//! `backup-photos/` beside the backup file, a content store shared by every backup in that
//! folder — a file's name is its SHA-256, so an unchanged photo is stored once however many
//! backups reference it and the next backup copies only new photos. Copies are checked against
//! their hash when written and re-checked at every backup; a restore puts the photos back with
//! the database, all or nothing; a photo leaves the store only when no database in the folder
//! references it any more.

use crate::cancel::Cancel;
use crate::db::integrity;
use crate::error::Result;
use crate::photos::{is_content_hash, Copied, PhotoFormat, PhotoStore};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The name of the photo store beside backup files.
pub const BACKUP_PHOTOS: &str = "backup-photos";

/// The photos of one backup.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PhotoBackup {
    /// Photos the backed-up database references, every one checked by its SHA-256.
    pub photos: u32,
    /// Of those, the ones this backup copied (the others were already in the backup folder).
    pub copied: u32,
    #[ts(type = "number")]
    pub bytes_copied: u64,
    /// Photos found intact neither in the photo folder nor in the backup folder (their hashes):
    /// the backup holds their record but not their image.
    pub missing: Vec<String>,
}

/// The photos a restore put back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoredPhotos {
    /// Photos copied back into the photo folder (the others were still there, intact).
    pub restored: u32,
    /// Photos the restored database references that neither the backup nor the photo folder
    /// holds intact (their hashes): they show as missing on the record.
    pub missing: Vec<String>,
}

/// The photo store of the backup file at `backup`: `backup-photos/` beside it.
pub fn photo_store_beside(backup: &Path) -> PathBuf {
    backup
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join(BACKUP_PHOTOS)
}

/// The photos (hash, format) the database file at `path` references. A hash that is not a
/// content hash is answered too: the store never turns it into a path.
fn referenced(path: &Path) -> Result<Vec<(String, PhotoFormat)>> {
    let (conn, _) = integrity::open_read_only(path)?;
    let has_photos: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'photos')",
        [],
        |r| r.get(0),
    )?;
    if !has_photos {
        return Ok(Vec::new());
    }
    crate::db::rows::all(
        &conn,
        "SELECT DISTINCT sha256, format FROM photos ORDER BY sha256",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Flushes a folder's entries to the disk (renames into it are durable once this returns).
fn sync_folder(folder: &Path) -> Result<()> {
    #[cfg(unix)]
    if folder.is_dir() {
        fs::File::open(folder)
            .and_then(|f| f.sync_all())
            .map_err(|e| crate::error::Error::file(folder, &e))?;
    }
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

/// Puts every photo the database copy at `backup` references into `store` (the backup folder's
/// photo store), copying from the live photo folder `live` only those `store` does not already
/// hold intact. Every photo is checked by its SHA-256: those already there are re-hashed, those
/// copied are hashed before and after writing. Called before the backup file is renamed into
/// place, so a listed backup always has its photos. `progress` hears (done, total) after each
/// photo; `cancel` is looked at before each one, and once raised the copy stops with the
/// backup's cancellation error (the photos already copied stay in the store, whole and checked:
/// the next backup reuses them, and the sweep of unreferenced photos removes them otherwise).
pub(crate) fn back_up_photos(
    backup: &Path,
    live: &Path,
    store: &Path,
    cancel: &Cancel,
    progress: &mut dyn FnMut(u32, u32),
) -> Result<PhotoBackup> {
    let (live, store) = (PhotoStore::new(live), PhotoStore::new(store));
    let mut report = PhotoBackup::default();
    let referenced = referenced(backup)?;
    let total = referenced.len() as u32;
    for (sha256, format) in referenced {
        cancel.check()?;
        report.photos += 1;
        match store.copy_in(&live, &sha256, format)? {
            Copied::AlreadyThere => {}
            Copied::Bytes(bytes) => {
                report.copied += 1;
                report.bytes_copied += bytes;
            }
            Copied::Unavailable => report.missing.push(sha256),
        }
        progress(report.photos, total);
    }
    sync_folder(store.dir())?;
    Ok(report)
}

/// Photos copied into the live photo folder ahead of a restore, so that a restore that fails
/// afterwards can take them out again and leave the folder as it was.
pub(crate) struct StagedPhotos {
    live: PhotoStore,
    added: Vec<(String, PhotoFormat)>,
    missing: Vec<String>,
}

impl StagedPhotos {
    /// Takes back out every photo this staging added (the restore did not happen).
    pub(crate) fn undo(self) {
        for (sha256, format) in &self.added {
            // Best effort: a file left behind is inert (no row names it).
            let _ = self.live.remove(sha256, *format);
        }
    }

    /// What the restore put back, once it has happened.
    pub(crate) fn report(self) -> RestoredPhotos {
        RestoredPhotos {
            restored: self.added.len() as u32,
            missing: self.missing,
        }
    }
}

/// Copies into the live photo folder `live` every photo the backup at `source` references and
/// `live` lacks (or holds damaged), from the photo store beside `source`, with its thumbnail.
/// Nothing in `live` is removed or changed otherwise. If any copy fails, the photos already
/// added are removed again and the error answered: the folder is as it was.
pub(crate) fn stage_for_restore(source: &Path, live: &Path) -> Result<StagedPhotos> {
    let backup = PhotoStore::new(photo_store_beside(source));
    let mut staged = StagedPhotos {
        live: PhotoStore::new(live),
        added: Vec::new(),
        missing: Vec::new(),
    };
    let referenced = referenced(source)?;
    let result = (|| {
        for (sha256, format) in referenced {
            let existed = staged.live.image_path(&sha256, format).exists();
            match staged.live.copy_in(&backup, &sha256, format)? {
                Copied::AlreadyThere => {}
                Copied::Bytes(_) => {
                    if !existed {
                        staged.added.push((sha256.clone(), format));
                    }
                    staged.live.ensure_thumbnail(&sha256, format)?;
                }
                Copied::Unavailable => staged.missing.push(sha256),
            }
        }
        sync_folder(staged.live.dir())
    })();
    match result {
        Ok(()) => Ok(staged),
        Err(e) => {
            staged.undo();
            Err(e)
        }
    }
}

/// Removes from the photo store of the backups `folder` every photo that no database file in
/// `folder` references and that no backup has used for `quiet` (a backup being written by
/// another process refreshes the photos it reuses). Only files named `<content hash>.jpg|png`
/// are ever removed. If any database in the folder cannot be read, nothing is removed: a photo
/// is never taken from a backup that might need it. Answers the names removed.
pub fn remove_unreferenced_photos(
    folder: &Path,
    quiet: std::time::Duration,
) -> Result<Vec<String>> {
    let store = folder.join(BACKUP_PHOTOS);
    let Ok(entries) = fs::read_dir(&store) else {
        return Ok(Vec::new());
    };
    let mut used = BTreeSet::new();
    for database in fs::read_dir(folder)
        .map_err(|e| crate::error::Error::file(folder, &e))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "sqlite"))
    {
        match referenced(&database) {
            Ok(photos) => used.extend(photos.into_iter().map(|(sha256, _)| sha256)),
            Err(_) => return Ok(Vec::new()),
        }
    }
    let mut removed = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((stem, extension)) = name.split_once('.') else {
            continue;
        };
        let photo = is_content_hash(stem) && matches!(extension, "jpg" | "png");
        let idle = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age >= quiet);
        if photo && idle && !used.contains(stem) {
            let path = entry.path();
            fs::remove_file(&path).map_err(|e| crate::error::Error::file(&path, &e))?;
            removed.push(name);
        }
    }
    removed.sort();
    Ok(removed)
}
