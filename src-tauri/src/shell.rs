//! The shell's own state: where the data lives, the open practice, the system clock, and who is
//! working at this workstation (the actor every write records in the audit trail).

use chrono::{DateTime, Local, NaiveDate, Utc};
use hairline::demo::{DemoSpec, DemoSummary};
use hairline::{Actor, ApiError, Clock, ErrorCode, Pigment, PigmentLotId, Practice, StaffId};
use serde::{de::DeserializeOwned, Deserialize, Deserializer, Serialize};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use ts_rs::TS;

/// The practice database's file name inside the data folder.
pub const DATABASE_FILE: &str = "hairline.sqlite";

/// The workstation's preferences file inside the data folder.
const WORKSTATION_FILE: &str = "workstation.json";

/// The wall clock: "now" in UTC, "today" as the workstation's local calendar day.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn today(&self) -> NaiveDate {
        Local::now().date_naive()
    }
}

/// Where the data folder is: `--data-dir PATH` (or `--data-dir=PATH`) on the command line, else
/// `HAIRLINE_DATA_DIR`, else `default`. The folder is created if missing; the path returned is
/// absolute.
pub fn resolve_data_dir(
    args: &[String],
    env: Option<OsString>,
    default: PathBuf,
) -> std::io::Result<PathBuf> {
    let mut from_flag = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if let Some(value) = arg.strip_prefix("--data-dir=") {
            from_flag = Some(PathBuf::from(value));
        } else if arg == "--data-dir" {
            from_flag = iter.next().map(PathBuf::from);
        }
    }
    let dir = from_flag
        .or_else(|| env.filter(|v| !v.is_empty()).map(PathBuf::from))
        .unwrap_or(default);
    let dir = std::path::absolute(dir)?;
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

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
    pub storage_warning: Option<hairline::db::home::StorageWarning>,
    /// The automatic start-up backup failed (the practice still opened); why.
    pub backup_error: Option<String>,
    /// The weekly integrity check, run while the app was idle, found a problem; what.
    pub integrity_warning: Option<String>,
}

/// This workstation's remembered choices.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Workstation {
    /// The staff member working at this workstation; every write is recorded as theirs.
    pub current_staff_id: Option<StaffId>,
}

/// Everything the commands share, held in Tauri's state.
pub struct Shell {
    data_dir: PathBuf,
    /// When a command last used the practice, for upkeep that waits until the app is idle.
    last_used: Mutex<std::time::Instant>,
    /// A problem the weekly integrity check found while the app was open.
    integrity_warning: Mutex<Option<String>>,
    storage_warning: Option<hairline::db::home::StorageWarning>,
    backup_error: Option<String>,
    practice: Mutex<Result<Practice, ApiError>>,
    workstation: Mutex<Workstation>,
}

impl Shell {
    /// Opens (creating if needed) the practice in `data_dir`. A failure is kept and reported to
    /// the UI by [`Shell::info`] and every command, so the window can explain it. It also
    /// refuses (without writing) a database that fails
    /// SQLite's quick check, and takes the day's verified backup when the last is over a day old.
    pub fn open(data_dir: PathBuf) -> Self {
        let database = data_dir.join(DATABASE_FILE);
        let storage_warning = hairline::db::home::storage_warning(&data_dir);
        let mut backup_error = None;
        let practice = Practice::open(&database, SystemClock)
            .and_then(|practice| {
                let check = practice.quick_check();
                if !check.ok {
                    let problems: Vec<&str> = check.problems.iter().map(|p| p.detail.as_str()).collect();
                    return Err(hairline::Error::Damaged(format!(
                        "{} failed its start-up check ({}); nothing more was written to it. Restore it from a \
                         backup in {} (hairline restore), or export what can be read (hairline export --salvage).",
                        database.display(),
                        problems.join("; "),
                        hairline::db::backup::backup_folder_for(&database).display()
                    )));
                }
                let policy = hairline::db::backup::BackupPolicy::default();
                if let Err(e) = practice.backup_if_due(&hairline::db::backup::backup_folder_for(&database), &policy) {
                    backup_error = Some(e.to_string());
                }
                Ok(practice)
            })
            .and_then(|mut practice| {
                // The clinic's starting consent templates (treatment, photo, data processing);
                // idempotent, so every start may call it.
                practice.add_default_consent_templates(Actor::System)?;
                Ok(practice)
            })
            .map_err(|e| e.to_api());
        let workstation = std::fs::read(data_dir.join(WORKSTATION_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let integrity_warning = crate::upkeep::last_problem(&data_dir);
        Shell {
            data_dir,
            last_used: Mutex::new(std::time::Instant::now()),
            integrity_warning: Mutex::new(integrity_warning),
            storage_warning,
            backup_error,
            practice: Mutex::new(practice),
            workstation: Mutex::new(workstation),
        }
    }

    /// Checkpoints the WAL into the database (on exit); a failure is only worth a line on stderr,
    /// since every committed write is already durable in the WAL.
    pub fn checkpoint(&self) {
        if let Ok(practice) = self.practice.lock().expect("practice lock").as_ref() {
            if let Err(e) = practice.checkpoint() {
                eprintln!("hairline: checkpoint on exit failed: {e}");
            }
        }
    }

    /// Recovery (the database failed to open): replaces the damaged database with the backup at
    /// `source` — verified first, the damaged files kept aside — and opens the practice again.
    pub fn recover(
        &self,
        source: &Path,
    ) -> Result<hairline::db::recovery::RecoveryReport, ApiError> {
        let mut practice = self.practice.lock().expect("practice lock");
        if practice.is_ok() {
            return Err(hairline::Error::refused(
                None,
                "The practice is open and healthy; use Restore instead",
            )
            .to_api());
        }
        let database = self.data_dir.join(DATABASE_FILE);
        let report =
            hairline::db::recovery::recover_from_backup(&database, source, SystemClock.now())
                .map_err(|e| e.to_api())?;
        *practice = Practice::open(&database, SystemClock).map_err(|e| e.to_api());
        Ok(report)
    }

    /// Recovery: exports whatever can still be read of the damaged database into the exports
    /// folder, without writing to the database.
    pub fn salvage(
        &self,
    ) -> Result<(String, hairline::exchange::archive::SalvageReport), ApiError> {
        let path = self.export_path("salvaged")?;
        let database = self.data_dir.join(DATABASE_FILE);
        let report =
            hairline::exchange::archive::salvage_archive(&database, &path, SystemClock.now())
                .map_err(|e| e.to_api())?;
        Ok((path.display().to_string(), report))
    }

    /// Where this practice's backups are kept: `backups/` beside the database.
    pub fn backup_folder(&self) -> PathBuf {
        hairline::db::backup::backup_folder_for(&self.data_dir.join(DATABASE_FILE))
    }

    /// Where exports are written: `exports/` in the data folder, created on first use, with a
    /// file name that says what and when (e.g. `client-12-2026-06-15T093000.json`).
    pub fn export_path(&self, what: &str) -> Result<PathBuf, ApiError> {
        let folder = self.data_dir.join("exports");
        std::fs::create_dir_all(&folder)
            .map_err(|e| hairline::Error::file(&folder, &e).to_api())?;
        let stamp = SystemClock.now().format("%Y-%m-%dT%H%M%S");
        Ok(folder.join(format!("{what}-{stamp}.json")))
    }

    pub fn info(&self) -> AppInfo {
        let practice = self.practice.lock().expect("practice lock");
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: self.data_dir.display().to_string(),
            database_file: self.data_dir.join(DATABASE_FILE).display().to_string(),
            schema_version: hairline::SCHEMA_VERSION,
            today: SystemClock.today(),
            open_error: practice.as_ref().err().cloned(),
            storage_warning: self.storage_warning.clone(),
            backup_error: self.backup_error.clone(),
            integrity_warning: self.integrity_warning.lock().expect("warning lock").clone(),
        }
    }

    /// The data folder (where the database and this workstation's choices live).
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn workstation(&self) -> Workstation {
        self.workstation.lock().expect("workstation lock").clone()
    }

    /// Remembers who is working here, in the data folder, so the choice survives a restart.
    pub fn set_workstation(&self, workstation: Workstation) -> Result<Workstation, ApiError> {
        let json = serde_json::to_vec_pretty(&workstation).expect("workstation serialises");
        write_atomically(&self.data_dir.join(WORKSTATION_FILE), &json).map_err(|e| ApiError {
            code: ErrorCode::Storage,
            message: format!("could not save this workstation's settings: {e}"),
            field: None,
        })?;
        *self.workstation.lock().expect("workstation lock") = workstation.clone();
        Ok(workstation)
    }

    /// With `HAIRLINE_TRACE_STARTUP` set, prints (once) the wall-clock time at which the first
    /// client list was served, so cold start can be measured from outside the process.
    pub fn trace_first_list(&self) {
        static ONCE: std::sync::Once = std::sync::Once::new();
        if std::env::var_os("HAIRLINE_TRACE_STARTUP").is_some() {
            ONCE.call_once(|| {
                let ms = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_millis())
                    .unwrap_or_default();
                eprintln!("hairline: first client list served at {ms} ms since the epoch");
            });
        }
    }

    /// Runs a query on the open practice.
    pub fn read<T>(
        &self,
        query: impl FnOnce(&Practice) -> hairline::Result<T>,
    ) -> Result<T, ApiError> {
        *self.last_used.lock().expect("clock lock") = std::time::Instant::now();
        let practice = self.practice.lock().expect("practice lock");
        let practice = practice.as_ref().map_err(Clone::clone)?;
        query(practice).map_err(|e| e.to_api())
    }

    /// Runs a write on the open practice as the staff member chosen at this workstation. Without
    /// one, the write is refused (field `actor`) so that no change goes unattributed.
    pub fn write<T>(
        &self,
        change: impl FnOnce(&mut Practice, Actor) -> hairline::Result<T>,
    ) -> Result<T, ApiError> {
        let actor = match self.workstation().current_staff_id {
            Some(id) => Actor::Staff(id),
            None => return Err(no_actor()),
        };
        self.write_as(actor, change)
    }

    /// Runs a write as `actor` (the system itself for first-run setup and the demo clinic).
    pub fn write_as<T>(
        &self,
        actor: Actor,
        change: impl FnOnce(&mut Practice, Actor) -> hairline::Result<T>,
    ) -> Result<T, ApiError> {
        *self.last_used.lock().expect("clock lock") = std::time::Instant::now();
        let mut practice = self.practice.lock().expect("practice lock");
        let practice = practice.as_mut().map_err(|e| e.clone())?;
        change(practice, actor).map_err(|e| e.to_api())
    }

    /// How long since a command last used the practice.
    pub fn idle_for(&self) -> std::time::Duration {
        self.last_used.lock().expect("clock lock").elapsed()
    }

    /// Runs upkeep on the open practice without counting as use (so idleness is kept).
    pub fn upkeep<T>(&self, work: impl FnOnce(&Practice) -> T) -> Option<T> {
        let practice = self.practice.lock().expect("practice lock");
        practice.as_ref().ok().map(work)
    }

    pub fn set_integrity_warning(&self, warning: Option<String>) {
        *self.integrity_warning.lock().expect("warning lock") = warning;
    }
}

impl Shell {
    /// Like [`Shell::write`], except in a practice with no staff at all, where the write (the
    /// first staff member) is recorded as made by Hairline itself.
    pub fn write_or_bootstrap<T>(
        &self,
        change: impl FnOnce(&mut Practice, Actor) -> hairline::Result<T>,
    ) -> Result<T, ApiError> {
        if self.workstation().current_staff_id.is_none()
            && self.read(|p| p.list_staff(true))?.is_empty()
        {
            return self.write_as(Actor::System, change);
        }
        self.write(change)
    }

    /// The photo store in `<data dir>/photos`.
    pub fn photo_store(&self) -> hairline::PhotoStore {
        hairline::PhotoStore::new(photo_dir(&self.data_dir))
    }

    /// Fills an empty practice with the core's sample clinic, recorded as made by Hairline itself.
    pub fn load_demo_clinic(&self) -> Result<DemoSummary, ApiError> {
        self.write_as(Actor::System, |p, _| p.generate_demo(DemoSpec::SAMPLE))
    }
}

/// The photo store's folder inside the data folder: the only folder the webview may read.
pub fn photo_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("photos")
}

/// The pigment catalogue as the Catalogue and session screens show it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PigmentCatalogue {
    pub pigments: Vec<Pigment>,
    /// Lots past their expiry today, by the core's rule ([`hairline::PigmentLot::is_expired_on`]).
    pub expired_lot_ids: Vec<PigmentLotId>,
    pub today: NaiveDate,
}

impl PigmentCatalogue {
    pub fn read(practice: &Practice) -> hairline::Result<Self> {
        let today = practice.clock().today();
        let pigments = practice.list_pigments()?;
        let expired_lot_ids = pigments
            .iter()
            .flat_map(|p| &p.lots)
            .filter(|lot| lot.is_expired_on(today))
            .map(|lot| lot.id)
            .collect();
        Ok(PigmentCatalogue {
            pigments,
            expired_lot_ids,
            today,
        })
    }
}

fn no_actor() -> ApiError {
    ApiError {
        code: ErrorCode::Refused,
        message: "Choose who is working at this workstation before making changes".to_owned(),
        field: Some("actor".to_owned()),
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(tmp, path)
}

/// A command argument that always deserialises, keeping the error: Tauri would otherwise answer
/// a malformed request with a bare string, and the UI expects every failure as an [`ApiError`].
pub struct Arg<T>(Result<T, String>);

impl<'de, T: DeserializeOwned> Deserialize<'de> for Arg<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Read as an option so that a missing argument is kept as an error too (Tauri answers
        // a missing key with `None` here, and with a bare string otherwise).
        let value = Option::<serde_json::Value>::deserialize(deserializer)?;
        Ok(Arg(match value {
            Some(value) => serde_json::from_value(value).map_err(|e| e.to_string()),
            // Absent or null: fine for an optional argument, otherwise a required value is missing.
            None => serde_json::from_value(serde_json::Value::Null)
                .map_err(|_| "a required value is missing".to_owned()),
        }))
    }
}

impl<T> Arg<T> {
    /// The argument, or a `bad_request` error saying why it could not be read.
    pub fn get(self) -> Result<T, ApiError> {
        self.0.map_err(|why| ApiError {
            code: ErrorCode::BadRequest,
            message: format!("The request could not be read: {why}"),
            field: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_env_beats_default() {
        let tmp = std::env::temp_dir().join(format!("hairline-dirs-{}", std::process::id()));
        let flag = tmp.join("flag");
        let env = tmp.join("env");
        let default = tmp.join("default");
        let args = vec!["--data-dir".to_owned(), flag.display().to_string()];
        assert_eq!(
            resolve_data_dir(&args, Some(env.clone().into()), default.clone()).unwrap(),
            flag
        );
        let args = vec![format!("--data-dir={}", flag.display())];
        assert_eq!(
            resolve_data_dir(&args, None, default.clone()).unwrap(),
            flag
        );
        assert_eq!(
            resolve_data_dir(&[], Some(env.clone().into()), default.clone()).unwrap(),
            env
        );
        assert_eq!(
            resolve_data_dir(&[], Some(OsString::new()), default.clone()).unwrap(),
            default
        );
        assert!(default.is_dir());
        std::fs::remove_dir_all(tmp).unwrap();
    }

    #[test]
    fn a_malformed_argument_is_a_bad_request() {
        let arg: Arg<u32> = serde_json::from_str("\"seven\"").unwrap();
        let err = arg.get().unwrap_err();
        assert_eq!(err.code, ErrorCode::BadRequest);
        let arg: Arg<u32> = serde_json::from_str("7").unwrap();
        assert_eq!(arg.get().unwrap(), 7);
    }

    #[test]
    fn writes_need_someone_working_and_the_choice_is_remembered() {
        let dir = std::env::temp_dir().join(format!("hairline-shell-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let shell = Shell::open(dir.clone());
        assert!(shell.info().open_error.is_none());
        let err = shell.write(|_, _| Ok(())).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("actor"));
        let id = StaffId::new();
        shell
            .set_workstation(Workstation {
                current_staff_id: Some(id),
            })
            .unwrap();
        drop(shell);
        let reopened = Shell::open(dir.clone());
        assert_eq!(reopened.workstation().current_staff_id, Some(id));
        drop(reopened);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_first_start_of_the_day_takes_a_verified_backup() {
        let dir = tempfile::tempdir().unwrap();
        let shell = Shell::open(dir.path().to_path_buf());
        assert!(shell.info().open_error.is_none());
        assert!(shell.info().backup_error.is_none());
        let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .collect();
        assert_eq!(backups.len(), 1, "one backup taken at start");
        drop(shell);
        Shell::open(dir.path().to_path_buf());
        let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .collect();
        assert_eq!(backups.len(), 1, "not again the same day");
    }

    #[test]
    fn a_damaged_database_is_refused_at_start_without_being_written() {
        let dir = tempfile::tempdir().unwrap();
        drop(Shell::open(dir.path().to_path_buf()));
        let file = dir.path().join(DATABASE_FILE);
        // Scribble over the middle of the file, past the header, as a failing disk would.
        let mut bytes = std::fs::read(&file).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle..middle + 2048].fill(0xA5);
        std::fs::write(&file, &bytes).unwrap();
        let shell = Shell::open(dir.path().to_path_buf());
        let error = shell.info().open_error.expect("refused");
        assert!(
            matches!(
                error.code,
                ErrorCode::Damaged | ErrorCode::NotAPracticeDatabase | ErrorCode::Storage
            ),
            "{error:?}"
        );
        assert_eq!(
            std::fs::read(&file).unwrap(),
            bytes,
            "nothing written to the damaged file"
        );
    }
}
