//! The practice as a service: its data folder, the open practice behind one lock, what start-up
//! found, and who is signed in at each session handle. Every transport (the desktop window's
//! IPC, a clinic server) holds one and runs commands against it through [`crate::api::dispatch`].

use crate::access::sessions::Sessions;
use crate::actor::Actor;
use crate::api::check_record::last_problem;
use crate::api::shutdown::{RunningBackup, RunningBackups};
use crate::atomic_file::write_bytes_atomically;
use crate::clock::Clock;
use crate::db::backup::{remove_interrupted_backups, BackupPolicy};
use crate::db::data_folder::{open_practice, DataFolder};
use crate::db::home::StorageWarning;
use crate::db::practice::Practice;
use crate::db::recovery::{recover_from_backup, RecoveryReport};
use crate::error::{ApiError, Error, Result};
use crate::exchange::export_file::prune_exports;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;
use ts_rs::TS;

/// Facts about this installation that the UI shows or needs at start.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database_file: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// Today at this workstation, as the core's clock sees it (ISO date).
    pub today: NaiveDate,
    /// Why the database could not be opened; every other command fails while this is set.
    pub open_error: Option<ApiError>,
    /// The data folder is on a network or cloud-synced filesystem, where SQLite's WAL is unsafe.
    pub storage_warning: Option<StorageWarning>,
    /// The automatic start-up backup failed (the practice still opened); why.
    pub backup_error: Option<String>,
    /// The weekly integrity check, run while the app was idle, found a problem; what.
    pub integrity_warning: Option<String>,
}

/// This workstation's identity (`workstation.json` in the data folder): a PIN works only where
/// its owner signed in with their password that day, and this is the "where".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workstation {
    pub id: String,
}

impl Workstation {
    /// The workstation recorded in `folder`, or a new one (remembered there).
    fn of(folder: &DataFolder) -> Workstation {
        let path = folder.workstation_file();
        let known = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Workstation>(&bytes).ok())
            .filter(|w| !w.id.trim().is_empty());
        known.unwrap_or_else(|| {
            let made = Workstation {
                id: crate::access::sessions::SessionHandle::new()
                    .token()
                    .to_owned(),
            };
            let json = serde_json::to_vec_pretty(&made).expect("workstation serialises");
            if let Err(e) = write_bytes_atomically(&path, &json) {
                eprintln!("hairline: could not remember this workstation: {e}");
            }
            made
        })
    }
}

/// Who the service's callers are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// People at workstations, who sign in.
    Workstations,
    /// The command-line tool: someone with the database file in hand, an administrator.
    CommandLine,
}

/// The open practice (or why it could not be opened) and the state every command shares.
pub struct Service {
    folder: DataFolder,
    clock: Arc<dyn Clock>,
    /// Where exports are written: the user's Downloads folder, or `exports/` in the data folder.
    exports: PathBuf,
    practice: Mutex<std::result::Result<Practice, ApiError>>,
    workstation: Workstation,
    /// Who is signed in at each session handle.
    pub(crate) sessions: Sessions,
    pub(crate) mode: Mode,
    /// When a command last used the practice, for upkeep that waits until the app is idle.
    last_used: Mutex<Instant>,
    /// A problem the weekly integrity check found.
    integrity_warning: Mutex<Option<String>>,
    storage_warning: Option<StorageWarning>,
    backup_error: Option<String>,
    /// The backups running now, which a shutdown cancels and waits for.
    backups: RunningBackups,
    /// The data folder's instance lock, held while this service lives.
    _instance: Option<std::fs::File>,
}

/// Takes the data folder's instance lock, so that a second app on the same folder does not
/// open a second writer beside this one (the CLI, for a nightly backup, does not take it).
fn lock_instance(folder: &DataFolder) -> Result<std::fs::File> {
    let path = folder.instance_lock();
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::file(&path, &e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::refused(
            None,
            format!(
                "{} is already open in another Hairline window; use that window",
                folder.root().display()
            ),
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::file(&path, &e)),
    }
}

/// A lock that a panicking command once held is still usable: the practice's state is in
/// SQLite, which rolled the interrupted transaction back.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Service {
    /// Opens (creating if needed) the practice in `folder`, acting on what start-up found: a
    /// database that fails SQLite's quick check is refused without being written; the day's
    /// verified backup is taken when the last is over a day old; the clinic's starting consent
    /// templates are added (idempotent). A failure is kept and reported by [`Service::info`] and
    /// every command, so the window can explain it. Exports go to `exports`, or to the data
    /// folder's `exports/` when that is `None`.
    pub fn open(folder: DataFolder, clock: Arc<dyn Clock>, exports: Option<PathBuf>) -> Self {
        let mut backup_error = None;
        let mut storage_warning = None;
        let mut instance = None;
        let practice = lock_instance(&folder)
            .and_then(|lock| {
                instance = Some(lock);
                open_practice(&folder, clock.clone())
            })
            .and_then(|(mut practice, startup)| {
                storage_warning = startup.storage_warning;
                if !startup.quick_check.ok {
                    let problems: Vec<&str> = startup
                        .quick_check
                        .problems
                        .iter()
                        .map(|p| p.detail.as_str())
                        .collect();
                    return Err(Error::Damaged(format!(
                        "{} failed its start-up check ({}); nothing more was written to it. Restore it from a \
                         backup in {} (hairline restore), or export what can be read (hairline export --salvage).",
                        folder.database().display(),
                        problems.join("; "),
                        folder.backups().display()
                    )));
                }
                // What a backup interrupted by a crash or a kill left behind.
                let quiet = std::time::Duration::from_secs(300);
                if let Err(e) = remove_interrupted_backups(&folder.backups(), quiet) {
                    eprintln!("hairline: could not clear an interrupted backup: {e}");
                }
                // The data folder's own exports are kept a month (the Downloads folder is the user's).
                if let Err(e) = prune_exports(&folder.exports(), clock.now()) {
                    eprintln!("hairline: could not prune old exports: {e}");
                }
                if startup.backup_due {
                    let taken = practice.take_backup(
                        &folder.backups(),
                        &BackupPolicy::default(),
                        &crate::cancel::Cancel::new(),
                        &mut |_| {},
                    );
                    if let Err(e) = taken {
                        backup_error = Some(e.to_string());
                    }
                }
                practice.add_default_consent_templates(Actor::System)?;
                Ok(practice)
            })
            .map_err(|e| e.to_api());
        let workstation = Workstation::of(&folder);
        let integrity_warning = last_problem(&folder);
        let exports = exports.unwrap_or_else(|| folder.exports());
        Service {
            folder,
            clock,
            exports,
            practice: Mutex::new(practice),
            workstation,
            sessions: Sessions::default(),
            mode: Mode::Workstations,
            last_used: Mutex::new(Instant::now()),
            integrity_warning: Mutex::new(integrity_warning),
            storage_warning,
            backup_error,
            backups: RunningBackups::default(),
            _instance: instance,
        }
    }

    /// The practice in `folder` for one command-line call, acting as the command-line tool
    /// (recorded with the OS user): another program beside a running app. It takes no instance lock (the app may hold it: record versions
    /// keep the two from undoing each other's saves), runs none of the start-up upkeep, and
    /// remembers no workstation. A database that fails its quick check is refused, unwritten.
    pub fn for_tool(folder: DataFolder, clock: Arc<dyn Clock>) -> Result<Self> {
        let (practice, startup) = open_practice(&folder, clock.clone())?;
        if !startup.quick_check.ok {
            return Err(Error::Damaged(format!(
                "{} failed its quick check; nothing was written to it",
                folder.database().display()
            )));
        }
        let exports = folder.exports();
        Ok(Service {
            folder,
            clock,
            exports,
            practice: Mutex::new(Ok(practice)),
            workstation: Workstation {
                id: "command line".to_owned(),
            },
            sessions: Sessions::default(),
            mode: Mode::CommandLine,
            last_used: Mutex::new(Instant::now()),
            integrity_warning: Mutex::new(None),
            storage_warning: startup.storage_warning,
            backup_error: None,
            backups: RunningBackups::default(),
            _instance: None,
        })
    }

    pub fn folder(&self) -> &DataFolder {
        &self.folder
    }

    pub fn clock(&self) -> &dyn Clock {
        &*self.clock
    }

    /// The folder exports are written into.
    pub fn exports(&self) -> &std::path::Path {
        &self.exports
    }

    pub fn info(&self) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: self.folder.root().display().to_string(),
            database_file: self.folder.database().display().to_string(),
            schema_version: crate::db::schema::SCHEMA_VERSION,
            today: self.clock.today(),
            open_error: lock(&self.practice).as_ref().err().cloned(),
            storage_warning: self.storage_warning.clone(),
            backup_error: self.backup_error.clone(),
            integrity_warning: lock(&self.integrity_warning).clone(),
        }
    }

    /// Why the practice could not be opened, if it could not.
    pub(crate) fn open_error(&self) -> Option<ApiError> {
        lock(&self.practice).as_ref().err().cloned()
    }

    /// This workstation's id (where PINs may be used).
    pub fn workstation_id(&self) -> &str {
        &self.workstation.id
    }

    /// Runs `work` on the open practice (holding it for exactly that long).
    pub fn with_practice<T>(
        &self,
        work: impl FnOnce(&mut Practice) -> Result<T>,
    ) -> std::result::Result<T, ApiError> {
        *lock(&self.last_used) = Instant::now();
        let mut practice = lock(&self.practice);
        let practice = practice.as_mut().map_err(|e| e.clone())?;
        work(practice).map_err(|e| e.to_api())
    }

    /// A second connection to the practice, for long reads (backups, checks, exports) that
    /// must not hold the practice while they run: SQLite's WAL lets them read a consistent
    /// snapshot while other commands write.
    pub fn reader(&self) -> std::result::Result<Practice, ApiError> {
        if let Err(e) = lock(&self.practice).as_ref() {
            return Err(e.clone());
        }
        *lock(&self.last_used) = Instant::now();
        Practice::open(self.folder.database(), self.clock.clone()).map_err(|e| e.to_api())
    }

    /// How long since a command last used the practice.
    pub fn idle_for(&self) -> std::time::Duration {
        lock(&self.last_used).elapsed()
    }

    /// Runs upkeep on the open practice without counting as use (so idleness is kept).
    pub fn upkeep<T>(&self, work: impl FnOnce(&Practice) -> T) -> Option<T> {
        lock(&self.practice).as_ref().ok().map(work)
    }

    pub(crate) fn set_integrity_warning(&self, warning: Option<String>) {
        *lock(&self.integrity_warning) = warning;
    }

    /// Registers a backup starting now, for [`Service::shut_down`] to cancel and wait for.
    pub(crate) fn start_backup(&self) -> RunningBackup<'_> {
        self.backups.start()
    }

    /// Whether [`Service::shut_down`] has begun (a backup started now is cancelled at once).
    pub fn shutting_down(&self) -> bool {
        self.backups.shutting_down()
    }

    /// On the way out (the window closed, the app asked to quit, SIGTERM): cancels any running
    /// backup and waits until it has removed its partial file, then checkpoints the WAL. Backups
    /// asked for afterwards are cancelled at once.
    pub fn shut_down(&self) {
        self.backups.cancel_and_wait();
        self.checkpoint();
    }

    /// Checkpoints the WAL into the database (on exit); a failure is only worth a line on
    /// stderr, since every committed write is already durable in the WAL.
    pub fn checkpoint(&self) {
        if let Some(Err(e)) = self.upkeep(|p| p.checkpoint()) {
            eprintln!("hairline: checkpoint on exit failed: {e}");
        }
    }

    /// Recovery (the database failed to open): replaces the damaged database with the listed
    /// backup at `source` — verified first, the damaged files kept aside — and opens the
    /// practice again.
    pub fn recover(&self, source: &std::path::Path) -> Result<RecoveryReport> {
        let mut practice = lock(&self.practice);
        if practice.is_ok() {
            return Err(Error::refused(
                None,
                "The practice is open and healthy; use Restore instead",
            ));
        }
        let database = self.folder.database();
        let report = recover_from_backup(&database, source, self.clock.now())?;
        *practice = Practice::open(&database, self.clock.clone()).map_err(|e| e.to_api());
        Ok(report)
    }
}
