//! Upkeep, in the background of an open practice: at start the quick check and, when due, the
//! day's verified backup (with its photos); while nobody uses the app, WAL checkpoints and the
//! weekly integrity check. Each runs on its own reader connection, never holding the practice
//! (so it never blocks a command), and reports what it is doing as [`UpkeepStatus`] (the
//! `upkeep` event and `app_info`). A check that finds damage stops every write at once.

use crate::api::background::give_back_freed_memory;
use crate::api::check_record::{full_check_due, record_check};
use crate::api::events::{percent, Events, PercentSteps};
use crate::api::service::Service;
pub use crate::api::upkeep_status::{UpkeepStatus, UpkeepTask};
use crate::db::backup::{remove_interrupted_backups, BackupPolicy, CopyProgress};
use crate::db::integrity::IntegrityReport;
use crate::exchange::export_file::prune_exports;

/// How long without a command before idle upkeep may run.
pub const IDLE: std::time::Duration = std::time::Duration::from_secs(120);

/// The problems a check found, in one line.
fn found(report: &IntegrityReport) -> String {
    report
        .problems
        .iter()
        .map(|p| p.detail.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Upkeep at start, after the practice opened (call it on its own thread): leftovers of an
/// interrupted backup and month-old exports removed; the quick check (the full check when the
/// last one found damage); then, if the database is sound, the clinic's starting consent
/// templates and the day's backup when it is due. Commands run meanwhile.
pub fn at_start(service: &Service, events: &dyn Events) {
    starting_upkeep(service, events);
    give_back_freed_memory();
}

fn starting_upkeep(service: &Service, events: &dyn Events) {
    if service.open_error().is_some() {
        return;
    }
    let folder = service.folder();
    // What a backup interrupted by a crash or a kill left behind.
    let quiet = std::time::Duration::from_secs(300);
    if let Err(e) = remove_interrupted_backups(&folder.backups(), quiet) {
        eprintln!("hairline: could not clear an interrupted backup: {e}");
    }
    // The data folder's own exports are kept a month (the Downloads folder is the user's).
    if let Err(e) = prune_exports(&folder.exports(), service.clock().now()) {
        eprintln!("hairline: could not prune old exports: {e}");
    }
    let sound = if service.status().damage.is_some() {
        full_check(service, events)
    } else {
        quick_check(service, events)
    };
    if !sound {
        return;
    }
    if let Err(e) =
        service.with_practice(|p| p.add_default_consent_templates(crate::actor::Actor::System))
    {
        eprintln!("hairline: could not add the starting consent templates: {e:?}");
    }
    if service.backup_due() {
        daily_backup(service, events);
    }
}

/// The quick check on a reader; damage found stops writes. Whether the database is sound.
fn quick_check(service: &Service, events: &dyn Events) -> bool {
    let Ok(reader) = service.upkeep_reader() else {
        return false;
    };
    service.report(events, |s| {
        s.doing = Some(UpkeepTask::QuickCheck);
        s.percent = None;
    });
    let report = reader.quick_check();
    service.report(events, |s| s.doing = None);
    if !report.ok {
        service.found_damage(found(&report), events);
    }
    report.ok
}

/// The full check on a reader, recorded (so a problem is shown again at the next start);
/// damage found stops writes, a sound database lifts an earlier finding. Whether it is sound.
fn full_check(service: &Service, events: &dyn Events) -> bool {
    let Ok(reader) = service.upkeep_reader() else {
        return false;
    };
    service.report(events, |s| {
        s.doing = Some(UpkeepTask::IntegrityCheck);
        s.percent = None;
    });
    let report = reader.full_check();
    service.report(events, |s| s.doing = None);
    let now = service.clock().now();
    if let Err(e) = record_check(&service.folder().integrity_record(), now, report.ok) {
        eprintln!("hairline: could not record the integrity check: {e}");
    }
    if report.ok {
        service.lift_damage(events);
    } else {
        service.found_damage(found(&report), events);
    }
    report.ok
}

/// The day's verified backup with its photos, on a reader, its progress in the status; a
/// shutdown cancels it like any backup.
pub fn daily_backup(service: &Service, events: &dyn Events) {
    let Ok(reader) = service.upkeep_reader() else {
        return;
    };
    let running = service.start_backup();
    let mut steps = PercentSteps::default();
    let mut progress = |p: CopyProgress| {
        if !steps.worth_sending(&p) {
            return;
        }
        let (doing, done) = if p.photos_total > 0 {
            (
                UpkeepTask::BackupPhotos,
                percent(p.photos_done, p.photos_total),
            )
        } else {
            (UpkeepTask::Backup, percent(p.pages_done, p.pages_total))
        };
        service.report(events, |s| {
            s.doing = Some(doing);
            s.percent = Some(done);
        });
    };
    service.report(events, |s| {
        s.doing = Some(UpkeepTask::Backup);
        s.percent = None;
    });
    let taken = reader.take_backup(
        &service.folder().backups(),
        &BackupPolicy::default(),
        running.cancel(),
        &mut progress,
    );
    service.report(events, |s| {
        s.doing = None;
        s.percent = None;
        s.backup_error = taken.as_ref().err().map(|e| e.to_string());
    });
    drop(reader);
    give_back_freed_memory();
}

/// How often upkeep copies the WAL into the database beside the writer
/// ([`every_few_seconds`]); `run_once` runs on its own, slower tick.
pub const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// How long without a command before the connections' page caches are handed back.
pub const CACHES_KEPT_FOR: std::time::Duration = std::time::Duration::from_secs(30);

/// Upkeep's quick round, every [`CHECKPOINT_EVERY`]: the WAL copied into the database beside
/// the writer, and once nobody has used the practice for [`CACHES_KEPT_FOR`], the
/// connections' page caches and the memory they held handed back (once per quiet spell).
pub fn every_few_seconds(service: &Service) {
    service.checkpoint_beside_writer();
    if service.release_caches_once_idle(CACHES_KEPT_FOR) {
        give_back_freed_memory();
    }
}

/// One round of upkeep, every minute or so: memory the commands since the last round freed is
/// handed back; the day's backup is taken once it is due, in use or not; and when nobody has
/// used the practice for [`IDLE`], the WAL is checkpointed and, once a week, the full check
/// runs — both on a reader connection.
pub fn run_once(service: &Service, events: &dyn Events) {
    give_back_freed_memory();
    // A desktop left open overnight, like a server running for months, takes each day's backup
    // then, not only at start (never of a record found damaged).
    if service.status().damage.is_none() && !service.shutting_down() && service.backup_due() {
        daily_backup(service, events);
    }
    if service.idle_for() < IDLE {
        return;
    }
    if let Ok(reader) = service.upkeep_reader() {
        if let Err(e) = reader.checkpoint() {
            eprintln!("hairline: idle checkpoint failed: {e}");
        }
    }
    if full_check_due(&service.folder().integrity_record(), service.clock().now()) {
        full_check(service, events);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::NoEvents;
    use crate::clock::FixedClock;
    use crate::db::data_folder::DataFolder;
    use std::sync::Arc;

    #[test]
    fn idle_upkeep_waits_until_the_app_is_idle() {
        let dir = tempfile::tempdir().unwrap();
        let folder = DataFolder::new(dir.path()).unwrap();
        let clock = Arc::new(FixedClock::on("2026-06-15".parse().unwrap()));
        let service = Service::open(folder.clone(), clock, None);
        run_once(&service, &NoEvents);
        assert!(
            !folder.integrity_record().exists(),
            "just used: nothing runs"
        );
    }

    /// Bytes of page cache a connection holds (SQLite's own count).
    fn page_cache_bytes(practice: &crate::db::practice::Practice) -> i32 {
        let (mut used, mut highest) = (0, 0);
        // SAFETY: the handle is the live connection's; the call only reads its counters.
        let status = unsafe {
            rusqlite::ffi::sqlite3_db_status(
                practice.conn().handle(),
                rusqlite::ffi::SQLITE_DBSTATUS_CACHE_USED,
                &mut used,
                &mut highest,
                0,
            )
        };
        assert_eq!(status, rusqlite::ffi::SQLITE_OK);
        used
    }

    #[test]
    fn an_idle_practice_hands_back_its_page_caches_once_per_quiet_spell() {
        let dir = tempfile::tempdir().unwrap();
        let folder = DataFolder::new(dir.path()).unwrap();
        let clock = Arc::new(FixedClock::on("2026-06-15".parse().unwrap()));
        let service = Service::open(folder, clock, None);
        let read = |p: &crate::db::practice::Practice| {
            let templates: i64 =
                p.conn()
                    .query_row("SELECT count(*) FROM consent_templates", [], |r| r.get(0))?;
            Ok((templates, page_cache_bytes(p)))
        };
        service
            .with_practice(|p| p.add_default_consent_templates(crate::Actor::System))
            .unwrap();
        let writer_cache = || service.with_practice(|p| Ok(page_cache_bytes(p))).unwrap();
        let (templates, reader_before) = service.with_reader(read).unwrap();
        let writer_before = writer_cache();
        assert!(templates > 0 && reader_before > 0 && writer_before > 0);
        let quiet = std::time::Duration::from_secs(3600);
        assert!(
            !service.release_caches_once_idle(quiet),
            "just used: the caches are kept"
        );
        assert!(service.release_caches_once_idle(std::time::Duration::ZERO));
        assert!(
            !service.release_caches_once_idle(std::time::Duration::ZERO),
            "once per quiet spell"
        );
        // What is left is the caches' own bookkeeping (57 kB became 5 kB, 432 kB 14 kB).
        let reader_after = service.with_reader(|p| Ok(page_cache_bytes(p))).unwrap();
        assert!(
            writer_cache() < writer_before / 4,
            "the writer's cache is handed back"
        );
        assert!(
            reader_after < reader_before / 4,
            "the idle reader's cache is handed back"
        );
        let (templates_again, _) = service.with_reader(read).unwrap();
        assert_eq!(templates_again, templates, "and reads on as before");
        assert!(
            service.release_caches_once_idle(std::time::Duration::ZERO),
            "a command starts a new spell"
        );
    }

    #[test]
    fn each_day_s_backup_is_taken_while_the_app_stays_open() {
        let dir = tempfile::tempdir().unwrap();
        let folder = DataFolder::new(dir.path()).unwrap();
        let clock = Arc::new(FixedClock::on("2026-06-15".parse().unwrap()));
        let service = Service::open(folder.clone(), clock.clone(), None);
        let backups = || {
            crate::db::backup::list_backups(&folder.backups())
                .unwrap()
                .len()
        };
        run_once(&service, &NoEvents);
        assert_eq!(backups(), 1, "the first round takes the day's backup");
        run_once(&service, &NoEvents);
        assert_eq!(backups(), 1, "one backup a day");
        clock.advance(chrono::Duration::days(1));
        run_once(&service, &NoEvents);
        assert_eq!(backups(), 2, "the next day's round takes the next one");
    }
}
