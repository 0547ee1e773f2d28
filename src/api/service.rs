//! The practice as a service: its data folder, the open practice behind one lock, what start-up
//! found, and who is signed in at each session handle. Every transport (the desktop window's
//! IPC, a clinic server) holds one and runs commands against it through [`crate::api::dispatch`].

use crate::access::sessions::Sessions;
use crate::api::check_record::last_problem;
use crate::api::events::{Events, UPKEEP};
use crate::api::readers::Readers;
use crate::api::shutdown::{RunningBackup, RunningBackups};
use crate::api::upkeep_status::UpkeepStatus;
use crate::atomic_file::write_bytes_atomically;
use crate::clock::Clock;
use crate::db::backup::backup_due;
use crate::db::data_folder::{open_practice, DataFolder};
use crate::db::home::{storage_warning, StorageWarning};
use crate::db::practice::Practice;
use crate::db::recovery::{recover_from_backup, RecoveryReport};
use crate::error::{ApiError, Error, ErrorCode, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
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
    /// What background upkeep is doing and what it found (damage, a failed daily backup); the
    /// `upkeep` event sends each change.
    pub upkeep: UpkeepStatus,
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

/// Whether opening the practice has finished; commands wait for it (never for upkeep).
#[derive(Default)]
struct Opening {
    done: Mutex<bool>,
    finished: Condvar,
}

impl Opening {
    fn wait(&self) {
        let done = lock(&self.done);
        let _done = self
            .finished
            .wait_while(done, |done| !*done)
            .unwrap_or_else(PoisonError::into_inner);
    }

    fn finish(&self) {
        *lock(&self.done) = true;
        self.finished.notify_all();
    }
}

/// The open practice (or why it could not be opened) and the state every command shares.
pub struct Service {
    folder: DataFolder,
    clock: Arc<dyn Clock>,
    /// Where exports are written: the user's Downloads folder, or `exports/` in the data folder.
    exports: PathBuf,
    practice: Mutex<std::result::Result<Practice, ApiError>>,
    /// Why the practice is not open (as `practice` holds it), readable without waiting for
    /// the writer.
    open_failure: Mutex<Option<ApiError>>,
    /// The connections read commands run on, beside the writer.
    readers: Readers,
    /// Set once the practice is open (or failed to open): until then, commands wait.
    opening: Opening,
    workstation: Workstation,
    /// Who is signed in at each session handle.
    pub(crate) sessions: Sessions,
    pub(crate) mode: Mode,
    /// When a command last used the practice, for upkeep that waits until the app is idle.
    last_used: Mutex<Instant>,
    /// The last use after which the connections' page caches were handed back (once per quiet
    /// spell: [`Service::release_caches_once_idle`]).
    caches_released_after: Mutex<Option<Instant>>,
    /// What upkeep is doing and what it found.
    upkeep: Mutex<UpkeepStatus>,
    storage_warning: Option<StorageWarning>,
    /// The backups running now, which a shutdown cancels and waits for.
    backups: RunningBackups,
    /// The data folder's instance lock, held while this service lives.
    instance: Mutex<Option<std::fs::File>>,
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
    /// Opens (creating if needed) the practice in `folder`: the file and its migrations only
    /// (a stranger's or a newer file is refused unwritten). Upkeep — the quick check, a due
    /// backup — is upkeep's (`upkeep::at_start`), run in the background. A failure is kept
    /// and reported by [`Service::info`] and every command, so the window can explain it.
    /// Exports go to `exports`, or to the data folder's `exports/` when that is `None`.
    pub fn open(folder: DataFolder, clock: Arc<dyn Clock>, exports: Option<PathBuf>) -> Self {
        let service = Self::starting(folder, clock, exports);
        service.finish_opening();
        service
    }

    /// The service for `folder` before its practice is open, at once, so the window can show
    /// itself; commands wait until [`Service::finish_opening`] (run it on another thread).
    pub fn starting(folder: DataFolder, clock: Arc<dyn Clock>, exports: Option<PathBuf>) -> Self {
        let workstation = Workstation::of(&folder);
        let exports = exports.unwrap_or_else(|| folder.exports());
        let storage_warning = storage_warning(folder.root());
        let opening = ApiError::new(ErrorCode::Refused, "The practice is still opening", None);
        let readers = Readers::new(folder.database(), clock.clone());
        Service {
            folder,
            clock,
            exports,
            practice: Mutex::new(Err(opening.clone())),
            open_failure: Mutex::new(Some(opening)),
            readers,
            opening: Opening::default(),
            workstation,
            sessions: Sessions::default(),
            mode: Mode::Workstations,
            last_used: Mutex::new(Instant::now()),
            caches_released_after: Mutex::new(None),
            upkeep: Mutex::new(UpkeepStatus::default()),
            storage_warning,
            backups: RunningBackups::default(),
            instance: Mutex::new(None),
        }
    }

    /// Opens the practice: takes the data folder's instance lock, opens the file and migrates
    /// it. A damage the last weekly check recorded stops writes until a check finds the database
    /// sound again. Then every waiting command goes on.
    pub fn finish_opening(&self) {
        let mut practice = lock(&self.practice);
        if practice.is_ok() {
            return;
        }
        let opened = lock_instance(&self.folder).and_then(|instance| {
            let opened = Practice::open(self.folder.database(), self.clock.clone())?;
            Ok((instance, opened))
        });
        *practice = match opened {
            Ok((instance, mut opened)) => {
                *lock(&self.instance) = Some(instance);
                if let Some(damage) = last_problem(&self.folder) {
                    opened.refuse_writes(damage.clone());
                    lock(&self.upkeep).damage = Some(damage);
                }
                Ok(opened)
            }
            Err(e) => Err(e.to_api()),
        };
        *lock(&self.open_failure) = practice.as_ref().err().cloned();
        drop(practice);
        self.opening.finish();
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
        Ok(Self::tool(folder, clock, practice, startup.storage_warning))
    }

    /// Like [`Service::for_tool`] without the quick check (seconds on a large practice), for a
    /// call that only records a small fact beside a running server, which checks the database
    /// itself (a pairing code): a damage that server's last check recorded still refuses writes.
    pub fn for_tool_unchecked(folder: DataFolder, clock: Arc<dyn Clock>) -> Result<Self> {
        let mut practice = Practice::open(folder.database(), clock.clone())?;
        if let Some(damage) = last_problem(&folder) {
            practice.refuse_writes(damage);
        }
        let warning = storage_warning(folder.root());
        Ok(Self::tool(folder, clock, practice, warning))
    }

    fn tool(
        folder: DataFolder,
        clock: Arc<dyn Clock>,
        practice: Practice,
        storage_warning: Option<StorageWarning>,
    ) -> Self {
        let exports = folder.exports();
        let readers = Readers::new(folder.database(), clock.clone());
        Service {
            folder,
            clock,
            exports,
            practice: Mutex::new(Ok(practice)),
            open_failure: Mutex::new(None),
            readers,
            opening: Opening {
                done: Mutex::new(true),
                finished: Condvar::new(),
            },
            workstation: Workstation {
                id: "command line".to_owned(),
            },
            sessions: Sessions::default(),
            mode: Mode::CommandLine,
            last_used: Mutex::new(Instant::now()),
            caches_released_after: Mutex::new(None),
            upkeep: Mutex::new(UpkeepStatus::default()),
            storage_warning,
            backups: RunningBackups::default(),
            instance: Mutex::new(None),
        }
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

    /// Facts about this installation (once the practice is open or failed to open).
    pub fn info(&self) -> AppInfo {
        self.opening.wait();
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: self.folder.root().display().to_string(),
            database_file: self.folder.database().display().to_string(),
            schema_version: crate::db::schema::SCHEMA_VERSION,
            today: self.clock.today(),
            open_error: lock(&self.open_failure).clone(),
            storage_warning: self.storage_warning.clone(),
            upkeep: self.status(),
        }
    }

    /// Why the practice could not be opened, if it could not.
    pub(crate) fn open_error(&self) -> Option<ApiError> {
        self.opening.wait();
        lock(&self.open_failure).clone()
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
        self.opening.wait();
        *lock(&self.last_used) = Instant::now();
        let mut practice = lock(&self.practice);
        let practice = practice.as_mut().map_err(|e| e.clone())?;
        work(practice).map_err(|e| e.to_api())
    }

    /// Runs `query` on one of the practice's reader connections, beside the writer (the
    /// command-line tool, one call at a time, reads on its practice).
    pub fn with_reader<T>(
        &self,
        query: impl FnOnce(&Practice) -> Result<T>,
    ) -> std::result::Result<T, ApiError> {
        if self.mode == Mode::CommandLine {
            return self.with_practice(|p| query(p));
        }
        if let Some(e) = self.open_error() {
            return Err(e);
        }
        *lock(&self.last_used) = Instant::now();
        self.readers.read(query).map_err(|e| e.to_api())
    }

    /// Copies the WAL's new pages into the database file on a pooled reader, beside the writer
    /// (upkeep calls it every two seconds), so no save waits for that copy: the writer's own
    /// threshold is only a backstop (`WAL_BACKSTOP_PAGES` in the opening code). Not counted as
    /// use.
    pub fn checkpoint_beside_writer(&self) {
        if self.mode == Mode::CommandLine || self.open_error().is_some() {
            return;
        }
        if let Err(e) = self.readers.read(|p| p.checkpoint_passive()) {
            eprintln!("hairline: copying the WAL into the database failed: {e}");
        }
    }

    /// Once nobody has used the practice for `quiet`, hands back the page caches of its
    /// connections (the writer's only if no command holds it): SQLite keeps up to 16 MiB for
    /// the writer and 4 MiB for each reader, about 15 MiB of an idle workstation on the
    /// 100k-client clinic. Once per quiet spell; answers whether it released them now. The
    /// next command reads its pages from the operating system's file cache instead.
    pub fn release_caches_once_idle(&self, quiet: std::time::Duration) -> bool {
        if self.mode == Mode::CommandLine || self.open_error().is_some() {
            return false;
        }
        let used = *lock(&self.last_used);
        let mut released_after = lock(&self.caches_released_after);
        if used.elapsed() < quiet || *released_after == Some(used) {
            return false;
        }
        *released_after = Some(used);
        drop(released_after);
        self.readers.release_idle_caches();
        if let Ok(Ok(writer)) = self.practice.try_lock().as_deref() {
            writer.release_page_cache();
        }
        true
    }

    /// The database file was replaced or rewritten (a restore): readers opened before close.
    pub(crate) fn close_readers(&self) {
        self.readers.close_all();
    }

    /// A second connection to the practice, for long reads (backups, checks, exports) that
    /// must not hold the practice while they run: SQLite's WAL lets them read a consistent
    /// snapshot while other commands write.
    pub fn reader(&self) -> std::result::Result<Practice, ApiError> {
        let reader = self.upkeep_reader()?;
        *lock(&self.last_used) = Instant::now();
        Ok(reader)
    }

    /// A reader for upkeep: like [`Service::reader`], but not counted as use (so idleness is
    /// kept). It refuses writes once the practice is found damaged.
    pub(crate) fn upkeep_reader(&self) -> std::result::Result<Practice, ApiError> {
        if let Some(e) = self.open_error() {
            return Err(e);
        }
        let mut reader =
            Practice::open(self.folder.database(), self.clock.clone()).map_err(|e| e.to_api())?;
        // A long read (a check, a backup, an export) reads each page once: a large page cache
        // would only hold memory.
        reader
            .conn()
            .pragma_update(None, "cache_size", -2048)
            .map_err(|e| Error::from(e).to_api())?;
        if let Some(damage) = self.status().damage {
            reader.refuse_writes(damage);
        }
        Ok(reader)
    }

    /// How long since a command last used the practice.
    pub fn idle_for(&self) -> std::time::Duration {
        lock(&self.last_used).elapsed()
    }

    /// What upkeep is doing and what it found.
    pub fn status(&self) -> UpkeepStatus {
        lock(&self.upkeep).clone()
    }

    /// Changes upkeep's status by `change` and sends the new one as the `upkeep` event.
    pub(crate) fn report(&self, events: &dyn Events, change: impl FnOnce(&mut UpkeepStatus)) {
        let status = {
            let mut status = lock(&self.upkeep);
            change(&mut status);
            status.clone()
        };
        events.emit(
            UPKEEP,
            serde_json::to_value(status).expect("the status serialises"),
        );
    }

    /// A check found the database damaged (`what`): from now on every write is refused, and
    /// the window is told at once.
    pub(crate) fn found_damage(&self, what: String, events: &dyn Events) {
        if let Ok(practice) = lock(&self.practice).as_mut() {
            practice.refuse_writes(what.clone());
        }
        self.report(events, |s| s.damage = Some(what));
    }

    /// A full check found the database sound: an earlier finding no longer stops writes.
    pub(crate) fn lift_damage(&self, events: &dyn Events) {
        if self.status().damage.is_none() {
            return;
        }
        if let Ok(practice) = lock(&self.practice).as_mut() {
            practice.allow_writes();
        }
        self.report(events, |s| s.damage = None);
    }

    /// Whether the day's automatic backup is due (the newest is a day old, or there is none).
    pub fn backup_due(&self) -> bool {
        backup_due(&self.folder.backups(), self.clock.now()).unwrap_or(true)
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
        if let Ok(Err(e)) = lock(&self.practice).as_ref().map(|p| p.checkpoint()) {
            eprintln!("hairline: checkpoint on exit failed: {e}");
        }
    }

    /// Recovery (the database failed to open): replaces the damaged database with the listed
    /// backup at `source` — verified first, the damaged files kept aside — and opens the
    /// practice again.
    pub fn recover(&self, source: &std::path::Path) -> Result<RecoveryReport> {
        self.opening.wait();
        let mut practice = lock(&self.practice);
        let damaged = self.status().damage.is_some();
        if practice.is_ok() && !damaged {
            return Err(Error::refused(
                None,
                "The practice is open and healthy; use Restore instead",
            ));
        }
        // A practice found damaged while open is closed first: recovery works on the file.
        let closed = ApiError::new(ErrorCode::Damaged, "The practice is being recovered", None);
        *lock(&self.open_failure) = Some(closed.clone());
        drop(std::mem::replace(&mut *practice, Err(closed)));
        self.readers.close_all();
        let database = self.folder.database();
        let recovered = recover_from_backup(&database, source, self.clock.now());
        *practice = Practice::open(&database, self.clock.clone()).map_err(|e| e.to_api());
        self.readers.close_all();
        *lock(&self.open_failure) = practice.as_ref().err().cloned();
        if recovered.is_err() {
            if let (Ok(open), Some(damage)) = (practice.as_mut(), self.status().damage) {
                open.refuse_writes(damage);
            }
        }
        let report = recovered?;
        if damaged && practice.is_ok() {
            // The recovered file passed every check before it was put in place.
            lock(&self.upkeep).damage = None;
            let record = self.folder.integrity_record();
            if let Err(e) = crate::api::check_record::record_check(&record, self.clock.now(), true)
            {
                eprintln!("hairline: could not record the recovered database's check: {e}");
            }
        }
        Ok(report)
    }
}
