//! Health data is readable by its owner only: every file and folder Hairline creates is made
//! with no access for the group or others (umask 077), and a data folder found wider than that
//! (an older version's 0644 database, 0755 folders) is narrowed when it is opened.

use crate::error::{Error, Result};
use std::path::Path;

/// From now on, files this process creates are owner-only (0600, folders 0700). Call it first
/// thing in every program that writes a practice (the app, the `hairline` tool).
pub fn create_files_privately() {
    #[cfg(unix)]
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

/// Takes group and other access off `path` and, for a folder, off everything inside it.
pub fn make_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::symlink_metadata(path).map_err(|e| Error::file(path, &e))?;
        if meta.file_type().is_symlink() {
            return Ok(());
        }
        let mode = meta.permissions().mode();
        if mode & 0o077 != 0 {
            let private = std::fs::Permissions::from_mode(mode & 0o700);
            std::fs::set_permissions(path, private).map_err(|e| Error::file(path, &e))?;
        }
        if meta.is_dir() {
            for entry in std::fs::read_dir(path).map_err(|e| Error::file(path, &e))? {
                let entry = entry.map_err(|e| Error::file(path, &e))?;
                make_private(&entry.path())?;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
