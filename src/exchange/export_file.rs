//! Where an export lands, decided once for every export (client record, practice archive,
//! salvage, calendar files, the recall worklist): a new file in the export folder, named for
//! what and when, never over an existing file (`name (2).ext`). The export itself is written
//! through [`crate::atomic_file`], whole or not at all.

use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// A path for a new export called `name` in `folder` (created if missing): `folder/name`, or
/// the first `folder/stem (n).ext` that does not exist yet.
pub fn new_export_path(folder: &Path, name: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(folder).map_err(|e| Error::file(folder, &e))?;
    let first = folder.join(name);
    if !first.exists() {
        return Ok(first);
    }
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    Ok((2..)
        .map(|n| folder.join(format!("{stem} ({n}).{ext}")))
        .find(|p| !p.exists())
        .expect("some free name"))
}

/// `what-2026-06-15T093000.json`: an export's name says what and when.
pub fn stamped_name(what: &str, at: DateTime<Utc>, extension: &str) -> String {
    format!("{what}-{}.{extension}", at.format("%Y-%m-%dT%H%M%S"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_never_overwrite_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("exports");
        let first = new_export_path(&folder, "recalls.csv").unwrap();
        assert_eq!(first, folder.join("recalls.csv"));
        std::fs::write(&first, "x").unwrap();
        assert_eq!(
            new_export_path(&folder, "recalls.csv").unwrap(),
            folder.join("recalls (2).csv")
        );
    }
}
