//! Recovery when the database is damaged — perhaps too damaged to open: find the newest backup
//! that passes its checks, and put it in place of the database without opening the damaged file.
//!
//! Unlike [`Practice::restore_from`](crate::Practice::restore_from), which writes into a live
//! connection, recovery runs with the practice closed (the recovery screen holds no connection),
//! so it can work by file: the backup is copied beside the database and verified, the damaged
//! files are kept in `backups/damaged-<time>/` for inspection, and the verified copy is renamed
//! over the database in one atomic step. At every moment the database path names either the
//! damaged file or the whole restored one; a crash midway can simply be recovered again.

use crate::db::backup::{backup_folder_for, list_backups, write_backup, BackupFile};
use crate::db::backup_photos::{stage_for_restore, RestoredPhotos};
use crate::db::integrity;
use crate::db::retention::STAMP;
use crate::error::{Error, Result};
use crate::photos::photo_folder_beside;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// What a recovery did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecoveryReport {
    pub restored_from: String,
    #[ts(type = "number")]
    pub restored_schema_version: i64,
    /// The folder now holding the damaged database files, as they were.
    pub damaged_files_kept_in: String,
    /// The backup's photos put back into the photo folder.
    pub photos: RestoredPhotos,
}

/// The newest automatic backup in `folder` that passes every check (damaged or unreadable ones
/// are skipped), for the recovery screen's "restore the newest good backup".
pub fn newest_good_backup(folder: &Path) -> Result<Option<BackupFile>> {
    Ok(list_backups(folder)?
        .into_iter()
        .find(|b| integrity::verify_file(Path::new(&b.path)).is_ok()))
}

/// `database` with `suffix` appended to its file name (`clinic.sqlite-wal`).
fn sibling(database: &Path, suffix: &str) -> PathBuf {
    let mut name = database.file_name().unwrap_or_default().to_owned();
    name.push(suffix);
    database.with_file_name(name)
}

/// Replaces the database at `database` with the backup at `source`, and puts back the photos
/// it references that the photo folder lacks (taken out again if the database cannot be put in
/// place). The practice must be
/// closed (no connection to `database` anywhere). `source` is refused as in a restore: not a
/// Hairline database, damaged, or from a newer Hairline. Open the database afterwards as usual
/// (an older schema is then migrated).
pub fn recover_from_backup(
    database: &Path,
    source: &Path,
    now: DateTime<Utc>,
) -> Result<RecoveryReport> {
    let restored_schema_version = integrity::verify_file(source)?;
    let staging = sibling(database, ".restoring");
    {
        let (from, _) = integrity::open_read_only(source)?;
        write_backup(
            &from,
            &staging,
            now,
            &crate::cancel::Cancel::new(),
            None,
            &mut |_| {},
        )?;
    }
    let staged = match stage_for_restore(source, &photo_folder_beside(database)) {
        Ok(staged) => staged,
        Err(e) => {
            let _ = fs::remove_file(&staging);
            return Err(e);
        }
    };
    match replace_database(database, &staging, now) {
        Ok(kept) => Ok(RecoveryReport {
            restored_from: source.display().to_string(),
            restored_schema_version,
            damaged_files_kept_in: kept.display().to_string(),
            photos: staged.report(),
        }),
        Err(e) => {
            staged.undo();
            Err(e)
        }
    }
}

/// Keeps the damaged database files in `backups/damaged-<now>/`, then renames `staging` over
/// the database. Answers the folder the damaged files are kept in.
fn replace_database(database: &Path, staging: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let kept = backup_folder_for(database).join(format!("damaged-{}", now.format(STAMP)));
    fs::create_dir_all(&kept).map_err(|e| Error::file(&kept, &e))?;
    let name = |p: &Path| kept.join(p.file_name().unwrap_or_default());
    if database.exists() {
        fs::copy(database, name(database)).map_err(|e| Error::file(database, &e))?;
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let file = sibling(database, suffix);
        if file.exists() {
            fs::rename(&file, name(&file)).map_err(|e| Error::file(&file, &e))?;
        }
    }
    fs::rename(staging, database).map_err(|e| Error::file(database, &e))?;
    #[cfg(unix)]
    if let Some(folder) = database.parent() {
        fs::File::open(folder)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::file(folder, &e))?;
    }
    Ok(kept)
}
