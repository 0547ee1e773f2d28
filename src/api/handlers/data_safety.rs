//! Backups, restores, integrity checks and recovery. Backups and checks read through a second
//! connection, so the practice stays usable while they run; a restore holds it, as it must.

use crate::api::background::at_low_priority;
use crate::api::events::{PercentSteps, BACKUP_PROGRESS};
use crate::api::requests::{AtPath, BackupDestination, BackupSource, NoRequest};
use crate::api::{Call, Reply};
use crate::cancel::Cancel;
use crate::db::administration::Administration;
use crate::db::backup::{
    self, listed_backup, BackupFile, BackupInfo, BackupPolicy, CopyProgress, RestoreReport,
};
use crate::db::backup_space::{backup_space as space_of, BackupSpace};
use crate::db::integrity::IntegrityReport;
use crate::db::practice::Practice;
use crate::db::recovery::{newest_good_backup as newest_good, RecoveryReport};
use crate::error::{Error, Result};
use std::path::PathBuf;

impl Call<'_> {
    /// Sends a copy's progress to the caller as `backup-progress` events, one per whole percent
    /// (see [`PercentSteps`]).
    fn backup_progress(&self) -> impl FnMut(CopyProgress) + '_ {
        let mut steps = PercentSteps::default();
        move |progress| {
            if steps.worth_sending(&progress) {
                let payload = serde_json::to_value(progress).expect("progress serialises");
                self.events.emit(BACKUP_PROGRESS, payload);
            }
        }
    }
}

pub(crate) fn list_backups(call: &Call<'_>, _: NoRequest) -> Reply<Vec<BackupFile>> {
    backup::list_backups(&call.service.folder().backups()).map_err(|e| e.to_api())
}

pub(crate) fn backup_space(call: &Call<'_>, _: NoRequest) -> Reply<BackupSpace> {
    space_of(&call.service.folder().backups()).map_err(|e| e.to_api())
}

pub(crate) fn back_up_now(call: &Call<'_>, _: NoRequest) -> Reply<BackupInfo> {
    let folder = call.service.folder().backups();
    backing_up(call, move |reader, cancel, progress| {
        reader.take_backup(&folder, &BackupPolicy::default(), cancel, progress)
    })
}

pub(crate) fn back_up_to(call: &Call<'_>, r: BackupDestination) -> Reply<BackupInfo> {
    let path = PathBuf::from(r.path);
    if !path.is_absolute() || path.extension().is_none_or(|e| e != "sqlite") {
        return Err(
            Error::validation("path", "Choose where to save the backup (a .sqlite file)").to_api(),
        );
    }
    backing_up(call, move |reader, cancel, progress| {
        reader.backup_to(&path, cancel, progress)
    })
}

/// A backup someone asked for: `copy` runs on a reader connection at low priority (seconds of
/// copying and checking give way to everyone else's calls, as upkeep's do), cancellable like
/// any backup, its progress sent to the caller; then who took it is recorded.
fn backing_up(
    call: &Call<'_>,
    copy: impl FnOnce(&Practice, &Cancel, &mut dyn FnMut(CopyProgress)) -> Result<BackupInfo> + Send,
) -> Reply<BackupInfo> {
    let reader = call.service.reader()?;
    let running = call.service.start_backup();
    let cancel = running.cancel().clone();
    let info = at_low_priority(move || copy(&reader, &cancel, &mut call.backup_progress()))
        .map_err(|e| e.to_api())?;
    call.administered(Administration::Backup {
        file: info.path.clone(),
    })?;
    Ok(info)
}

pub(crate) fn restore_backup(call: &Call<'_>, r: AtPath) -> Reply<RestoreReport> {
    let folder = call.service.folder().backups();
    let source = listed_backup(&folder, &r.path).map_err(|e| e.to_api())?;
    restore(call, &source, &folder)
}

/// Restores from `source` and records who did it, in the restored practice.
fn restore(
    call: &Call<'_>,
    source: &std::path::Path,
    folder: &std::path::Path,
) -> Reply<RestoreReport> {
    let restored = call.write(|p, actor| {
        let report = p.restore_from(source, folder, &mut call.backup_progress())?;
        p.record_administration(
            actor,
            &Administration::Restore {
                from: report.restored_from.clone(),
                safety_backup: report.safety_backup.path.clone(),
            },
        )?;
        Ok(report)
    });
    // Every page was rewritten (the schema perhaps migrated): readers start afresh.
    call.service.close_readers();
    restored
}

pub(crate) fn restore_from_file(call: &Call<'_>, r: BackupSource) -> Reply<RestoreReport> {
    let source = PathBuf::from(r.path);
    if !source.is_absolute() || !source.is_file() {
        return Err(Error::validation("path", "Choose the backup file to restore").to_api());
    }
    let folder = call.service.folder().backups();
    restore(call, &source, &folder)
}

pub(crate) fn check_database(call: &Call<'_>, _: NoRequest) -> Reply<IntegrityReport> {
    Ok(call.service.reader()?.full_check())
}

pub(crate) fn newest_good_backup(call: &Call<'_>, _: NoRequest) -> Reply<Option<BackupFile>> {
    newest_good(&call.service.folder().backups()).map_err(|e| e.to_api())
}

pub(crate) fn recover_from_backup(call: &Call<'_>, r: AtPath) -> Reply<RecoveryReport> {
    let source =
        listed_backup(&call.service.folder().backups(), &r.path).map_err(|e| e.to_api())?;
    let report = call.service.recover(&source).map_err(|e| e.to_api())?;
    call.administered(Administration::Recovery {
        from: report.restored_from.clone(),
    })?;
    Ok(report)
}
