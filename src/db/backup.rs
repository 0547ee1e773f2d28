//! Backups and restores of the live database through SQLite itself — never a plain file copy,
//! which could miss the WAL or catch a page mid-write: a backup is a compact copy of one snapshot
//! (`VACUUM INTO`, see `compact_copy`), fsynced and verified before older ones are rotated out;
//! a restore goes through the online backup API.
//!
//! **Restore writes into the live connection**, not into a temp file renamed over the live one.
//! The backup API copies the chosen file's pages into the destination inside one write
//! transaction (SQLite takes the destination's write lock at the first step and commits only
//! when the last page is copied), so the WAL records the whole replacement as one commit: a
//! crash or power cut mid-restore leaves the old database, and other connections see old or new,
//! never a mix. A rename would race with the live `-wal` file (SQLite would replay stale frames
//! onto the new file) and leave other open connections reading the unlinked old inode.

use crate::cancel::Cancel;
use crate::db::backup_photos::{
    back_up_photos, photo_store_beside, remove_unreferenced_photos, stage_for_restore, PhotoBackup,
    RestoredPhotos,
};
use crate::db::compact_copy::compact_copy;
use crate::db::integrity;
use crate::db::practice::Practice;
use crate::db::retention::{prune_safety_copies, STAMP};
use crate::db::schema::SCHEMA_VERSION;
use crate::error::{Error, Result};
use crate::photos::photo_folder_beside;
use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// How many backups of each age the backups folder keeps: the newest backup of each of the last
/// `daily` days, of the last `weekly` ISO weeks and of the last `monthly` months (a backup may
/// count for several). The newest backup is always kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupPolicy {
    pub daily: u32,
    pub weekly: u32,
    pub monthly: u32,
}

impl Default for BackupPolicy {
    fn default() -> Self {
        BackupPolicy {
            daily: 7,
            weekly: 4,
            monthly: 12,
        }
    }
}

/// How far a copy has gone: the database's pages, then the photos it references (a restore and
/// a backup without photos report pages only: `photos_total` 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CopyProgress {
    pub pages_done: u32,
    pub pages_total: u32,
    pub photos_done: u32,
    pub photos_total: u32,
}

/// A backup that was written, fsynced and verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    pub path: String,
    pub taken_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// The photos the backup references, in the `backup-photos/` folder beside it.
    pub photos: PhotoBackup,
}

/// One automatic backup found in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupFile {
    pub path: String,
    pub taken_at: DateTime<Utc>,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreReport {
    pub restored_from: String,
    /// The schema version of the restored file (it was then migrated to the current one).
    #[ts(type = "number")]
    pub restored_schema_version: i64,
    /// The database as it was just before the restore.
    pub safety_backup: BackupInfo,
    /// The photos put back into the photo folder with the database.
    pub photos: RestoredPhotos,
}

/// Pages copied per step: small enough for a smooth progress bar, large enough to be fast.
const PAGES_PER_STEP: i32 = 256;

/// Name prefix of automatic backups — the only files rotation ever deletes.
const AUTOMATIC: &str = "hairline";
/// The backups made before a migration or a restore: kept until someone deletes them.
const BEFORE_MIGRATION: &str = "before-migration";
const BEFORE_RESTORE: &str = "before-restore";

/// Where the backups of the database at `database` live: a `backups` folder beside it.
pub fn backup_folder_for(database: &Path) -> PathBuf {
    database
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

/// A file name in `folder` for a backup of kind `prefix` taken at `at`, unused so far.
fn fresh_name(folder: &Path, prefix: &str, at: DateTime<Utc>) -> PathBuf {
    let stamp = at.format(STAMP);
    let mut path = folder.join(format!("{prefix}-{stamp}.sqlite"));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("{prefix}-{stamp}-{n}.sqlite"));
        n += 1;
    }
    path
}

/// Copies every page of `from` into `to` with the backup API, reporting progress. `to` is
/// written in one transaction (see the module comment). `cancel` is looked at before every
/// step; once raised, the copy stops and the destination's transaction is rolled back (dropping
/// the backup object finishes it unfinished).
fn copy_pages(
    from: &Connection,
    to: &mut Connection,
    cancel: &Cancel,
    progress: &mut dyn FnMut(CopyProgress),
) -> Result<()> {
    let backup = Backup::new(from, to)?;
    let mut waited = 0;
    loop {
        cancel.check()?;
        let step = backup.step(PAGES_PER_STEP)?;
        let p = backup.progress();
        let total = p.pagecount.max(0) as u32;
        progress(CopyProgress {
            pages_done: total.saturating_sub(p.remaining.max(0) as u32),
            pages_total: total,
            photos_done: 0,
            photos_total: 0,
        });
        match step {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => {
                waited += 1;
                if waited > 500 {
                    return Err(Error::refused(
                        None,
                        "The database stayed busy for 5 seconds; close other Hairline windows and try again",
                    ));
                }
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            _ => {}
        }
    }
}

/// Whether `path` names the database file `conn` has open.
fn is_database_of(conn: &Connection, path: &Path) -> bool {
    let live = conn.path().filter(|p| !p.is_empty()).map(Path::new);
    match (
        live.and_then(|p| p.canonicalize().ok()),
        path.canonicalize(),
    ) {
        (Some(live), Ok(path)) => live == path,
        _ => false,
    }
}

/// Flushes a file (or, on Unix, a folder's entries) to the disk.
fn fsync(path: &Path) -> Result<()> {
    let file = fs::File::open(path).map_err(|e| Error::file(path, &e))?;
    file.sync_all().map_err(|e| Error::file(path, &e))
}

/// The files an unfinished backup at `partial` may leave: the file and SQLite's journals.
fn partial_files(partial: &Path) -> [PathBuf; 4] {
    let named = |suffix: &str| {
        let mut name = partial.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    [
        partial.to_path_buf(),
        named("-journal"),
        named("-wal"),
        named("-shm"),
    ]
}

/// Writes a verified copy of the database behind `from` to `dest`: into `dest.partial` first,
/// fsynced, reopened and checked, then — with the photos it references copied from the photo
/// folder `photos` into the photo store beside `dest` and checked (see
/// [`crate::db::backup_photos`]) — renamed into place (and the folder fsynced), so `dest` only
/// ever names a whole, verified backup. `photos` is `None` for a database without photos (one
/// held in memory) and for recovery's staging copy. Raising `cancel` stops the copy at its next
/// step — between pages, or after the photo being copied — or before the rename; the partial
/// file and its journal are removed and `dest` is untouched.
pub(crate) fn write_backup(
    from: &Connection,
    dest: &Path,
    at: DateTime<Utc>,
    cancel: &Cancel,
    photos: Option<&Path>,
    progress: &mut dyn FnMut(CopyProgress),
) -> Result<BackupInfo> {
    if is_database_of(from, dest) {
        return Err(Error::validation(
            "destination",
            "That file is the database itself; choose another file for the backup",
        ));
    }
    let folder = dest.parent().unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(folder).map_err(|e| Error::file(folder, &e))?;
    let partial = dest.with_extension("partial");
    let remove_partial = || {
        for file in partial_files(&partial) {
            let _ = fs::remove_file(file);
        }
    };
    remove_partial();
    let mut pages = CopyProgress {
        pages_done: 0,
        pages_total: 0,
        photos_done: 0,
        photos_total: 0,
    };
    let result = (|| {
        {
            compact_copy(from, &partial, cancel, &mut |copied| {
                pages.pages_done = copied.done;
                pages.pages_total = copied.total;
                progress(pages);
            })?;
            // The copied header says WAL when the source is in WAL mode: make the backup one
            // self-contained file.
            let to = Connection::open(&partial)?;
            to.pragma_update(None, "journal_mode", "DELETE")?;
        }
        fsync(&partial)?;
        let schema_version = integrity::verify_file(&partial)?;
        cancel.check()?;
        let photos = match photos {
            Some(live) => back_up_photos(
                &partial,
                live,
                &photo_store_beside(dest),
                cancel,
                &mut |photos_done, photos_total| {
                    progress(CopyProgress {
                        photos_done,
                        photos_total,
                        ..pages
                    })
                },
            )?,
            None => PhotoBackup::default(),
        };
        cancel.check()?;
        fs::rename(&partial, dest).map_err(|e| Error::file(dest, &e))?;
        #[cfg(unix)]
        fsync(folder)?;
        let bytes = fs::metadata(dest).map_err(|e| Error::file(dest, &e))?.len();
        Ok(BackupInfo {
            path: dest.display().to_string(),
            taken_at: at,
            bytes,
            schema_version,
            photos,
        })
    })();
    if result.is_err() {
        remove_partial();
    }
    result
}

/// How long a photo in a backup folder's store stays after the last backup that used it, even
/// when no database references it: long enough for a backup another process is writing.
const PHOTOS_QUIET: std::time::Duration = std::time::Duration::from_secs(3600);

/// An automatic backup of `from` (its photos from the photo folder `photos`) into `folder`,
/// then — only once the new backup is verified — the folder rotated by `policy`, the safety
/// copies pruned by their retention and the photos no backup references any more removed.
fn backup_into_folder(
    from: &Connection,
    folder: &Path,
    policy: &BackupPolicy,
    now: DateTime<Utc>,
    cancel: &Cancel,
    photos: Option<&Path>,
    progress: &mut dyn FnMut(CopyProgress),
) -> Result<BackupInfo> {
    let info = write_backup(
        from,
        &fresh_name(folder, AUTOMATIC, now),
        now,
        cancel,
        photos,
        progress,
    )?;
    rotate_backups(folder, policy)?;
    prune_safety_copies(folder, now)?;
    remove_unreferenced_photos(folder, PHOTOS_QUIET)?;
    Ok(info)
}

/// Backs up the database file at `database` without opening it as a practice — no migration,
/// nothing written to it, the app may have it open: into `dest` if it is a folder (an automatic
/// backup, the folder rotated by `policy`), else to the file `dest`. For `hairline backup`,
/// which raises `cancel` on Ctrl-C or SIGTERM.
pub fn backup_database_file(
    database: &Path,
    dest: &Path,
    policy: &BackupPolicy,
    now: DateTime<Utc>,
    cancel: &Cancel,
    progress: &mut dyn FnMut(CopyProgress),
) -> Result<BackupInfo> {
    let (from, _) = integrity::open_read_only(database)?;
    let photos = photo_folder_beside(database);
    if dest.is_dir() {
        backup_into_folder(&from, dest, policy, now, cancel, Some(&photos), progress)
    } else {
        write_backup(&from, dest, now, cancel, Some(&photos), progress)
    }
}

/// Backs up the database file at `database` before a migration from `version`, into its
/// backups folder. Called by [`Practice::open`] only.
pub(crate) fn before_migration(
    conn: &Connection,
    database: &Path,
    version: i64,
    at: DateTime<Utc>,
) -> Result<BackupInfo> {
    let folder = backup_folder_for(database);
    let dest = fresh_name(&folder, &format!("{BEFORE_MIGRATION}-v{version}"), at);
    write_backup(
        conn,
        &dest,
        at,
        &Cancel::new(),
        Some(&photo_folder_beside(database)),
        &mut |_| {},
    )
}

/// Removes what an interrupted backup left in `folder` (its `.partial` file and SQLite's
/// journal beside it), once nothing has written to them for `quiet` — so a backup still being
/// written by another process is left alone. Answers the names removed.
pub fn remove_interrupted_backups(
    folder: &Path,
    quiet: std::time::Duration,
) -> Result<Vec<String>> {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::file(folder, &e)),
    };
    let mut removed = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let leftover = [
            ".partial",
            ".partial-journal",
            ".partial-wal",
            ".partial-shm",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix));
        let idle = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age >= quiet);
        if leftover && idle {
            let path = entry.path();
            fs::remove_file(&path).map_err(|e| Error::file(&path, &e))?;
            removed.push(name);
        }
    }
    removed.sort();
    Ok(removed)
}

/// The automatic backup at `path` if `folder` lists it: only a listed backup may be restored
/// from the backups screen or the recovery screen (field `path` otherwise).
pub fn listed_backup(folder: &Path, path: &str) -> Result<PathBuf> {
    if list_backups(folder)?.iter().any(|b| b.path == path) {
        Ok(PathBuf::from(path))
    } else {
        Err(Error::validation(
            "path",
            "Choose one of the backups listed",
        ))
    }
}

/// Automatic backups in `folder`, newest first. Files of other kinds are ignored.
pub fn list_backups(folder: &Path) -> Result<Vec<BackupFile>> {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::file(folder, &e)),
    };
    let mut found: Vec<BackupFile> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let stamp = name
                .strip_prefix(&format!("{AUTOMATIC}-"))?
                .strip_suffix(".sqlite")?;
            let stamp = stamp.get(..stamp.find('Z')? + 1)?;
            let taken_at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
            Some(BackupFile {
                path: entry.path().display().to_string(),
                taken_at,
            })
        })
        .collect();
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.path.cmp(&a.path)));
    Ok(found)
}

/// Whether an automatic backup is due at `now`: none in `folder`, or the newest is a day old.
pub fn backup_due(folder: &Path, now: DateTime<Utc>) -> Result<bool> {
    Ok(match list_backups(folder)?.first() {
        None => true,
        Some(newest) => now - newest.taken_at >= Duration::days(1),
    })
}

/// Which of `taken` (newest first) `policy` keeps, by index.
fn kept(taken: &[DateTime<Utc>], policy: &BackupPolicy) -> BTreeSet<usize> {
    let mut keep = BTreeSet::new();
    if !taken.is_empty() {
        keep.insert(0);
    }
    let mut by_period = |limit: u32, period: &dyn Fn(DateTime<Utc>) -> (i32, u32)| {
        let mut seen = BTreeSet::new();
        for (i, at) in taken.iter().enumerate() {
            if seen.len() as u32 >= limit {
                break;
            }
            if seen.insert(period(*at)) {
                keep.insert(i);
            }
        }
    };
    by_period(policy.daily, &|at| (at.year(), at.ordinal()));
    by_period(policy.weekly, &|at| {
        let week = at.iso_week();
        (week.year(), week.week())
    });
    by_period(policy.monthly, &|at| (at.year(), at.month()));
    keep
}

/// Deletes the automatic backups in `folder` that `policy` does not keep; returns their paths.
/// Backups taken before a migration or a restore are never rotated out.
pub fn rotate_backups(folder: &Path, policy: &BackupPolicy) -> Result<Vec<String>> {
    let backups = list_backups(folder)?;
    let taken: Vec<_> = backups.iter().map(|b| b.taken_at).collect();
    let keep = kept(&taken, policy);
    let mut removed = Vec::new();
    for (i, backup) in backups.into_iter().enumerate() {
        if !keep.contains(&i) {
            fs::remove_file(&backup.path).map_err(|e| Error::file(Path::new(&backup.path), &e))?;
            removed.push(backup.path);
        }
    }
    Ok(removed)
}

impl Practice {
    /// Writes a verified backup of the open database to `dest` (a file the user chose),
    /// reporting progress in pages. An existing file at `dest` is replaced only once the new
    /// backup has been verified. Raising `cancel` stops it, leaving nothing of it behind.
    pub fn backup_to(
        &self,
        dest: &Path,
        cancel: &Cancel,
        progress: &mut dyn FnMut(CopyProgress),
    ) -> Result<BackupInfo> {
        let photos = self.photo_folder().ok();
        write_backup(
            self.conn(),
            dest,
            self.clock().now(),
            cancel,
            photos,
            progress,
        )
    }

    /// Takes an automatic backup into `folder` now, then rotates the folder by `policy` (only
    /// after the new backup is verified). Raising `cancel` stops it, leaving nothing of it
    /// behind and the folder as it was.
    pub fn take_backup(
        &self,
        folder: &Path,
        policy: &BackupPolicy,
        cancel: &Cancel,
        progress: &mut dyn FnMut(CopyProgress),
    ) -> Result<BackupInfo> {
        let photos = self.photo_folder().ok();
        backup_into_folder(
            self.conn(),
            folder,
            policy,
            self.clock().now(),
            cancel,
            photos,
            progress,
        )
    }

    /// At start: takes an automatic backup into `folder` if one is due (see [`backup_due`]).
    pub fn backup_if_due(
        &self,
        folder: &Path,
        policy: &BackupPolicy,
    ) -> Result<Option<BackupInfo>> {
        if !backup_due(folder, self.clock().now())? {
            return Ok(None);
        }
        self.take_backup(folder, policy, &Cancel::new(), &mut |_| {})
            .map(Some)
    }

    /// Replaces the whole database and its photos with the backup at `source` and the photos
    /// beside it, all or nothing. Refused with
    /// its own error: a file that is not a Hairline database ([`Error::NotAPracticeDatabase`]),
    /// one that fails its integrity check ([`Error::Damaged`]), one from a newer Hairline
    /// ([`Error::SchemaTooNew`]). Before anything changes, the current database is backed up
    /// into `safety_folder` (with its photos). The backup's photos that the photo folder lacks are
    /// copied into it first; if copying them or the database fails, the photos added are taken
    /// out again. A restored older schema is migrated to the current one.
    pub fn restore_from(
        &mut self,
        source: &Path,
        safety_folder: &Path,
        progress: &mut dyn FnMut(CopyProgress),
    ) -> Result<RestoreReport> {
        if is_database_of(self.conn(), source) {
            return Err(Error::validation(
                "source",
                "That file is the open database itself; choose a backup to restore",
            ));
        }
        let restored_schema_version = integrity::verify_file(source)?;
        let (from, _) = integrity::open_read_only(source)?;
        let erased = self.erasure_ledger()?;
        let now = self.clock().now();
        let live = self.photo_folder().ok().map(Path::to_path_buf);
        let safety_backup = write_backup(
            self.conn(),
            &fresh_name(safety_folder, BEFORE_RESTORE, now),
            now,
            &Cancel::new(),
            live.as_deref(),
            &mut |_| {},
        )?;
        let staged = live
            .map(|live| stage_for_restore(source, &live))
            .transpose()?;
        // A restore is one transaction and is not cancelled half-way (see the module comment).
        if let Err(e) = copy_pages(&from, self.conn_mut(), &Cancel::new(), progress) {
            if let Some(staged) = staged {
                staged.undo();
            }
            return Err(e);
        }
        if restored_schema_version < SCHEMA_VERSION {
            self.migrate_to_latest()?;
        }
        // A backup from before an erasure never brings the erased client back.
        self.reapply_erasure_ledger(&erased)?;
        Ok(RestoreReport {
            restored_from: source.display().to_string(),
            restored_schema_version,
            safety_backup,
            photos: staged.map(|s| s.report()).unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        format!("{s}T03:00:00Z").parse().unwrap()
    }

    #[test]
    fn rotation_keeps_seven_daily_four_weekly_twelve_monthly() {
        // One backup a day for two years, newest first.
        let newest = at("2026-06-15");
        let taken: Vec<_> = (0..730).map(|d| newest - Duration::days(d)).collect();
        let keep = kept(&taken, &BackupPolicy::default());
        let kept_days: Vec<String> = keep
            .iter()
            .map(|&i| taken[i].date_naive().to_string())
            .collect();
        // 7 dailies; weeklies on the newest day of 4 ISO weeks (two already daily); the newest
        // day of 12 months (one already counted).
        assert!(kept_days.contains(&"2026-06-09".to_owned()), "7th daily");
        assert!(
            !kept_days.contains(&"2026-06-08".to_owned()),
            "{kept_days:?}"
        );
        assert!(
            kept_days.contains(&"2026-05-31".to_owned()),
            "a Sunday: weekly"
        );
        assert!(kept_days.contains(&"2025-07-31".to_owned()), "12th month");
        assert!(!kept_days.contains(&"2025-06-30".to_owned()), "13th month");
        assert!(keep.len() <= 7 + 4 + 12);
    }

    #[test]
    fn rotation_of_nothing_or_one_keeps_everything() {
        assert!(kept(&[], &BackupPolicy::default()).is_empty());
        let zero = BackupPolicy {
            daily: 0,
            weekly: 0,
            monthly: 0,
        };
        assert_eq!(kept(&[at("2026-01-01")], &zero).len(), 1, "newest is kept");
    }
}
