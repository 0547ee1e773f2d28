//! The database's home: SQLite's WAL needs the database on one host's local disk, so Hairline
//! warns when the data folder is on a network share or inside a cloud-synced folder (which
//! copies the database and its WAL separately and can hand back a torn pair); and it keeps the
//! WAL small with checkpoints on idle and on close.

use crate::db::practice::Practice;
use crate::error::Result;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// Why a folder is a risky home for the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StorageRisk {
    /// A network filesystem (NFS, SMB/CIFS, AFP, WebDAV, …): file locking and shared memory
    /// across hosts are unreliable.
    NetworkFilesystem,
    /// A user-space (FUSE) filesystem, often a network or cloud mount.
    UserSpaceFilesystem,
    /// Inside a folder a sync client (Dropbox, OneDrive, iCloud, Google Drive, …) uploads.
    CloudSyncedFolder,
}

/// A warning for the settings screen and the first run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StorageWarning {
    pub risk: StorageRisk,
    /// What was recognised: the filesystem type or the synced folder's name.
    pub detail: String,
    pub message: String,
}

/// What a checkpoint did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckpointReport {
    /// Every frame was copied into the database and the WAL truncated to nothing. False when
    /// another connection was reading: the next checkpoint finishes.
    pub complete: bool,
    #[ts(type = "number")]
    pub wal_frames: i64,
    #[ts(type = "number")]
    pub checkpointed_frames: i64,
}

/// Folder names (compared case-insensitively, by prefix where they end in a space or `-`) that
/// sync clients upload.
const SYNCED_FOLDERS: &[(&str, &str)] = &[
    ("dropbox", "Dropbox"),
    ("dropbox (", "Dropbox"),
    ("onedrive", "OneDrive"),
    ("onedrive - ", "OneDrive"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("icloud drive", "iCloud Drive"),
    ("icloud drive (archive)", "iCloud Drive"),
    ("mobile documents", "iCloud Drive"),
    ("clouddocs", "iCloud Drive"),
    ("cloudstorage", "a cloud storage provider"),
    ("box", "Box"),
    ("box sync", "Box"),
    ("nextcloud", "Nextcloud"),
    ("owncloud", "ownCloud"),
    ("pcloud drive", "pCloud"),
    ("megasync", "MEGA"),
    ("tresorit", "Tresorit"),
];

/// The sync service whose folder contains `path`, if any.
fn synced_folder(path: &Path) -> Option<&'static str> {
    path.components().find_map(|part| {
        let name = part.as_os_str().to_string_lossy().to_lowercase();
        SYNCED_FOLDERS.iter().find_map(|(pattern, service)| {
            let prefix = pattern.ends_with(' ') || pattern.ends_with('(');
            let hit = if prefix {
                name.starts_with(pattern)
            } else {
                name == *pattern
            };
            hit.then_some(*service)
        })
    })
}

/// The network or FUSE filesystem a Linux `statfs` magic number names.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn linux_filesystem(magic: u32) -> Option<(StorageRisk, &'static str)> {
    use StorageRisk::*;
    Some(match magic {
        0x6969 => (NetworkFilesystem, "nfs"),
        0x517B => (NetworkFilesystem, "smb"),
        0xFF53_4D42 => (NetworkFilesystem, "cifs"),
        0xFE53_4D42 => (NetworkFilesystem, "smb2"),
        0x564C => (NetworkFilesystem, "ncp"),
        0x7375_7245 => (NetworkFilesystem, "coda"),
        0x5346_414F => (NetworkFilesystem, "afs"),
        0x00C3_6400 => (NetworkFilesystem, "ceph"),
        0x0102_1997 => (NetworkFilesystem, "9p"),
        0x0BD0_0BD0 => (NetworkFilesystem, "lustre"),
        0x0116_1970 => (NetworkFilesystem, "gfs2"),
        0x6573_5546 => (UserSpaceFilesystem, "fuse"),
        _ => return None,
    })
}

/// The magic number `statfs(2)` reports for the filesystem `path` is on. Its width differs by
/// architecture; the magic numbers are 32-bit.
#[cfg(target_os = "linux")]
fn filesystem_magic(path: &Path) -> Option<u32> {
    rustix::fs::statfs(path).ok().map(|info| info.f_type as u32)
}

#[cfg(target_os = "linux")]
fn filesystem_of(path: &Path) -> Option<(StorageRisk, &'static str)> {
    linux_filesystem(filesystem_magic(path)?)
}

#[cfg(target_os = "macos")]
fn filesystem_of(path: &Path) -> Option<(StorageRisk, &'static str)> {
    let info = rustix::fs::statfs(path).ok()?;
    // The kernel NUL-terminates f_fstypename.
    let name: Vec<u8> = info
        .f_fstypename
        .iter()
        .take_while(|&&c| c != 0)
        .map(|&c| c as u8)
        .collect();
    let name = String::from_utf8_lossy(&name);
    use StorageRisk::*;
    Some(match name.as_ref() {
        "nfs" => (NetworkFilesystem, "nfs"),
        "smbfs" => (NetworkFilesystem, "smbfs"),
        "afpfs" => (NetworkFilesystem, "afpfs"),
        "webdav" => (NetworkFilesystem, "webdav"),
        n if n.contains("fuse") => (UserSpaceFilesystem, "fuse"),
        _ => return None,
    })
}

/// Other systems (Windows): no filesystem probe yet; the synced-folder check still applies.
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn filesystem_of(_path: &Path) -> Option<(StorageRisk, &'static str)> {
    None
}

/// Whether `folder` is a risky home for the database, and why, in words for the user. A folder
/// that does not exist yet is judged by its nearest existing parent.
pub fn storage_warning(folder: &Path) -> Option<StorageWarning> {
    if let Some(service) = synced_folder(folder) {
        return Some(StorageWarning {
            risk: StorageRisk::CloudSyncedFolder,
            detail: service.to_owned(),
            message: format!(
                "The data folder {} is synced by {service}. Syncing can copy the database and its \
                 journal at different moments and damage it, or mix two computers' changes. Keep \
                 the data folder on this computer's own disk, outside any synced folder; \
                 Hairline's backups can go to a synced folder instead.",
                folder.display()
            ),
        });
    }
    let existing = folder.ancestors().find(|p| p.exists())?;
    let (risk, fs) = filesystem_of(existing)?;
    Some(StorageWarning {
        risk,
        detail: fs.to_owned(),
        message: format!(
            "The data folder {} is on a {fs} {} filesystem. The database needs this computer's \
             own disk: over a network, locking is unreliable and records can be lost or damaged. \
             Move the data folder to a local disk; backups can go to the network.",
            folder.display(),
            if risk == StorageRisk::NetworkFilesystem {
                "network"
            } else {
                "user-space (FUSE)"
            }
        ),
    })
}

impl Practice {
    /// Copies the WAL into the database and truncates it (`wal_checkpoint(TRUNCATE)`): on idle,
    /// so the WAL stays small, and before closing.
    pub fn checkpoint(&self) -> Result<CheckpointReport> {
        let (busy, wal_frames, checkpointed_frames) = self.wal_checkpoint("TRUNCATE")?;
        Ok(CheckpointReport {
            complete: busy == 0 && wal_frames <= 0,
            wal_frames,
            checkpointed_frames,
        })
    }

    /// Copies what the WAL holds into the database file as far as open readers allow, without
    /// waiting for or blocking anyone (`wal_checkpoint(PASSIVE)`); cheap when nothing is new.
    pub fn checkpoint_passive(&self) -> Result<CheckpointReport> {
        let (busy, wal_frames, checkpointed_frames) = self.wal_checkpoint("PASSIVE")?;
        Ok(CheckpointReport {
            complete: busy == 0 && wal_frames == checkpointed_frames,
            wal_frames,
            checkpointed_frames,
        })
    }

    /// Runs `wal_checkpoint(mode)`: whether it was blocked, the WAL's frames, and how many of
    /// them are now in the database file.
    fn wal_checkpoint(&self, mode: &str) -> Result<(i64, i64, i64)> {
        Ok(self
            .conn()
            .query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?)
    }

    /// Checkpoints and closes the database, reporting a failure instead of ignoring it.
    pub fn close(self) -> Result<()> {
        self.checkpoint()?;
        self.into_connection()
            .close()
            .map_err(|(_, e)| crate::error::Error::Storage(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synced_folders_are_recognised_by_name() {
        let cases = [
            ("/Users/ana/Dropbox/Hairline", Some("Dropbox")),
            ("/Users/ana/Dropbox (Clinic Ltd)/Hairline", Some("Dropbox")),
            (
                "C:/Users/ana/OneDrive - Clinic Ltd/Hairline",
                Some("OneDrive"),
            ),
            (
                "/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/x",
                Some("iCloud Drive"),
            ),
            (
                "/Users/ana/Library/CloudStorage/GoogleDrive-ana@x.com/My Drive",
                Some("a cloud storage provider"),
            ),
            ("/home/ana/.local/share/hairline", None),
            ("/home/ana/dropboxes/hairline", None),
        ];
        for (path, want) in cases {
            assert_eq!(synced_folder(Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn network_and_fuse_filesystems_are_recognised_by_magic() {
        assert_eq!(linux_filesystem(0x6969).unwrap().1, "nfs");
        assert_eq!(linux_filesystem(0xFF53_4D42).unwrap().1, "cifs");
        assert_eq!(
            linux_filesystem(0x6573_5546).unwrap().0,
            StorageRisk::UserSpaceFilesystem
        );
        assert_eq!(linux_filesystem(0xEF53), None, "ext4 is local");
        assert_eq!(linux_filesystem(0x0102_1994), None, "tmpfs is local");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_magic_number_comes_from_statfs() {
        assert_eq!(filesystem_magic(Path::new("/proc")), Some(0x9FA0), "procfs");
        assert_eq!(filesystem_of(Path::new("/proc")), None);
        assert_eq!(filesystem_magic(Path::new("/no/such/folder")), None);
    }
}
