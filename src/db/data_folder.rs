//! The data folder's layout, written down once: where the database, its backups, the photo
//! store, exports and this workstation's small files live, and what start-up finds there.

use crate::clock::Clock;
use crate::db::backup::{backup_due, backup_folder_for};
use crate::db::home::{storage_warning, StorageWarning};
use crate::db::integrity::IntegrityReport;
use crate::db::practice::Practice;
use crate::db::private_files::make_private;
use crate::error::{Error, Result};
use crate::exchange::export_file::exports_folder_in;
pub use crate::photos::photo_folder_beside;
use std::path::{Path, PathBuf};

/// The practice database's file name inside the data folder.
pub const DATABASE_FILE: &str = "hairline.sqlite";

/// A practice's data folder (absolute, created if missing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFolder {
    root: PathBuf,
}

impl DataFolder {
    /// The data folder at `root`, created if missing; the path kept is absolute.
    pub fn new(root: impl AsRef<Path>) -> Result<Self> {
        let root = root.as_ref();
        let absolute = std::path::absolute(root).map_err(|e| Error::file(root, &e))?;
        std::fs::create_dir_all(&absolute).map_err(|e| Error::file(&absolute, &e))?;
        if !is_private(&absolute)? {
            // Written before files were kept private: narrow the folder and all it holds, once.
            make_private(&absolute)?;
        }
        Ok(Self { root: absolute })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `hairline.sqlite`: the whole practice.
    pub fn database(&self) -> PathBuf {
        self.root.join(DATABASE_FILE)
    }

    /// `backups/`: automatic, pre-migration and pre-restore backups, and damaged files kept aside.
    pub fn backups(&self) -> PathBuf {
        backup_folder_for(&self.database())
    }

    /// `photos/`: the content-addressed photo store (the only folder the window may read).
    pub fn photos(&self) -> PathBuf {
        photo_folder_beside(&self.database())
    }

    /// `erasure-ledger.json`: which clients were erased and when (opaque ids and days only), so
    /// that a restored backup or an imported archive never brings an erased client back.
    pub fn erasure_ledger(&self) -> PathBuf {
        erasure_ledger_beside(&self.database())
    }

    /// `workstation.json`: this workstation's id (a PIN opens only where its owner signed in
    /// with their password that day).
    pub fn workstation_file(&self) -> PathBuf {
        self.root.join("workstation.json")
    }

    /// `integrity-check.json`: when the weekly full check last ran, and what it found.
    pub fn integrity_record(&self) -> PathBuf {
        self.root.join("integrity-check.json")
    }

    /// `server-certificate.pem`: a clinic server's self-signed certificate (made at its first
    /// start); workstations pin its fingerprint when they pair.
    pub fn server_certificate(&self) -> PathBuf {
        self.root.join("server-certificate.pem")
    }

    /// `server-key.pem`: the clinic server's private key (owner-only).
    pub fn server_key(&self) -> PathBuf {
        self.root.join("server-key.pem")
    }

    /// `hairline.lock`: held by the one app that has this data folder open.
    pub fn instance_lock(&self) -> PathBuf {
        self.root.join("hairline.lock")
    }

    /// `exports/`: where exports go when the computer has no Downloads folder.
    pub fn exports(&self) -> PathBuf {
        exports_folder_in(&self.root)
    }
}

/// Whether only the owner may read `folder`.
fn is_private(folder: &Path) -> Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(folder)
            .map_err(|e| Error::file(folder, &e))?
            .permissions()
            .mode();
        Ok(mode & 0o077 == 0)
    }
    #[cfg(not(unix))]
    Ok(true)
}

/// The erasure ledger of the practice database at `database`: `erasure-ledger.json` beside it.
pub fn erasure_ledger_beside(database: &Path) -> PathBuf {
    database
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("erasure-ledger.json")
}

/// What opening the practice found, for the shell to act on and show.
#[derive(Debug)]
pub struct Startup {
    /// SQLite's quick check of the database; a practice that fails it must not be written to.
    pub quick_check: IntegrityReport,
    /// The last automatic backup is over a day old (or there is none).
    pub backup_due: bool,
    /// The folder is on a network or cloud-synced filesystem, where SQLite's WAL is unsafe.
    pub storage_warning: Option<StorageWarning>,
}

/// Opens (creating if needed) the practice in `folder` and reports what start-up found,
/// without acting on it: the caller decides whether to refuse a damaged database and when to
/// take a due backup.
pub fn open_practice(
    folder: &DataFolder,
    clock: impl Clock + 'static,
) -> Result<(Practice, Startup)> {
    let practice = Practice::open(folder.database(), clock)?;
    let startup = Startup {
        quick_check: practice.quick_check(),
        backup_due: backup_due(&folder.backups(), practice.clock().now())?,
        storage_warning: storage_warning(folder.root()),
    };
    Ok((practice, startup))
}
