//! The disk space a practice's backups use, by what it holds — the automatic backups, the photos
//! they share, the safety copies — for the data-safety page.

use crate::db::backup::list_backups;
use crate::db::backup_photos::BACKUP_PHOTOS;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::Path;
use ts_rs::TS;

/// What the backups folder holds, in files and bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupSpace {
    /// Automatic backups (database files).
    pub backups: u32,
    #[ts(type = "number")]
    pub backup_bytes: u64,
    /// Photos in the store the backups share (each stored once).
    pub photos: u32,
    #[ts(type = "number")]
    pub photo_bytes: u64,
    /// Copies made before a migration or a restore, and damaged files set aside.
    #[ts(type = "number")]
    pub safety_bytes: u64,
    /// Everything in the backups folder.
    #[ts(type = "number")]
    pub total_bytes: u64,
}

/// Files and bytes under `path` (a file or a folder, walked without following links).
fn size_of(path: &Path) -> Result<(u32, u64)> {
    let meta = fs::symlink_metadata(path).map_err(|e| Error::file(path, &e))?;
    if !meta.is_dir() {
        return Ok((1, meta.len()));
    }
    let mut total = (0, 0);
    for entry in fs::read_dir(path).map_err(|e| Error::file(path, &e))? {
        let entry = entry.map_err(|e| Error::file(path, &e))?;
        let (files, bytes) = size_of(&entry.path())?;
        total = (total.0 + files, total.1 + bytes);
    }
    Ok(total)
}

/// The space the backups `folder` uses (nothing if it does not exist yet).
pub fn backup_space(folder: &Path) -> Result<BackupSpace> {
    if !folder.is_dir() {
        return Ok(BackupSpace::default());
    }
    let automatic = list_backups(folder)?;
    let mut space = BackupSpace {
        backups: automatic.len() as u32,
        ..BackupSpace::default()
    };
    for backup in &automatic {
        space.backup_bytes += size_of(Path::new(&backup.path))?.1;
    }
    let photos = folder.join(BACKUP_PHOTOS);
    if photos.is_dir() {
        (space.photos, space.photo_bytes) = size_of(&photos)?;
    }
    space.total_bytes = size_of(folder)?.1;
    space.safety_bytes = space.total_bytes - space.backup_bytes - space.photo_bytes;
    Ok(space)
}
