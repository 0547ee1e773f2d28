//! Where an export lands, decided once for every export (client record, practice archive,
//! salvage, calendar files, the recall worklist): a new file in the export folder, named for
//! what and when, never over an existing file (`name (2).ext`). The export itself is written
//! through [`crate::atomic_file`], whole or not at all.

use crate::db::retention::Retention;
use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDateTime, Utc};
use std::path::{Path, PathBuf};

/// The exports kept in the data folder's own `exports/` (used when the computer has no Downloads
/// folder): those of the last 30 days, at most the 50 newest. A Downloads folder is the user's
/// and is never pruned.
pub const EXPORTS_KEPT: Retention = Retention {
    newest: 0,
    days: 30,
    at_most: 50,
};

/// The data folder's own `exports/` (in the data folder at `data_folder`).
pub fn exports_folder_in(data_folder: &Path) -> PathBuf {
    data_folder.join("exports")
}

const EXPORT_STAMP: &str = "%Y-%m-%dT%H%M%S";
/// Characters of a stamp written with [`EXPORT_STAMP`].
const EXPORT_STAMP_LEN: usize = "2026-06-15T093000".len();

/// A path for a new export called `name` in `folder` (created if missing): `folder/name`, or
/// the first `folder/stem (n).ext` (`folder/name (n)` for a name without extension, a folder
/// export) that does not exist yet.
pub fn new_export_path(folder: &Path, name: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(folder).map_err(|e| Error::file(folder, &e))?;
    let first = folder.join(name);
    if !first.exists() {
        return Ok(first);
    }
    let numbered = |n: u32| match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem} ({n}).{ext}"),
        None => format!("{name} ({n})"),
    };
    Ok((2..)
        .map(|n| folder.join(numbered(n)))
        .find(|p| !p.exists())
        .expect("some free name"))
}

/// `what-2026-06-15T093000.json`: an export's name says what and when.
pub fn stamped_name(what: &str, at: DateTime<Utc>, extension: &str) -> String {
    format!("{what}-{}.{extension}", at.format(EXPORT_STAMP))
}

/// `what-2026-06-15T093000`: the name of an export that is a folder.
pub fn stamped_folder_name(what: &str, at: DateTime<Utc>) -> String {
    format!("{what}-{}", at.format(EXPORT_STAMP))
}

/// When the export called `name` was written, read from the stamp in its name.
fn stamp_in(name: &str) -> Option<DateTime<Utc>> {
    name.char_indices().find_map(|(i, c)| {
        // From a digit: `%Y` would read the dash before a year as a minus sign.
        let stamp = name
            .get(i..i + EXPORT_STAMP_LEN)
            .filter(|_| c.is_ascii_digit())?;
        Some(
            NaiveDateTime::parse_from_str(stamp, EXPORT_STAMP)
                .ok()?
                .and_utc(),
        )
    })
}

/// Each command that writes an export, with how the names of its exports start: whoever may run
/// the command may fetch what it wrote from a clinic server (`server/PROTOCOL.md`, exports), and
/// a workstation connected to one brings what it wrote home to its own Downloads.
const EXPORTS_WRITTEN_BY: &[(&str, &str)] = &[
    ("export_client_record", "client-"),
    ("export_practice", "practice-"),
    ("salvage_database", "salvaged-"),
    ("export_appointment_ics", "appointment-"),
    ("export_calendar_ics", "calendar-"),
    ("export_worklist_csv", "recalls-"),
];

/// The command that wrote the export called `name` (a file or folder directly in the export
/// folder), if it is named like one of Hairline's exports.
pub fn command_that_wrote(name: &str) -> Option<&'static str> {
    EXPORTS_WRITTEN_BY
        .iter()
        .find(|(_, start)| name.starts_with(start))
        .map(|(command, _)| *command)
}

/// Whether the command called `command` writes an export (and answers its path).
pub fn writes_an_export(command: &str) -> bool {
    EXPORTS_WRITTEN_BY.iter().any(|(c, _)| *c == command)
}

/// Applies [`EXPORTS_KEPT`] to the data folder's `exports` folder at `now`; answers the paths
/// removed. Only entries named like an export (with its stamp) are ever removed.
pub fn prune_exports(exports: &Path, now: DateTime<Utc>) -> Result<Vec<String>> {
    let entries = match std::fs::read_dir(exports) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::file(exports, &e)),
    };
    let found = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.path(), stamp_in(&e.file_name().into_string().ok()?)?)))
        .collect();
    EXPORTS_KEPT.prune(found, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_export_names_the_command_that_wrote_it() {
        for (command, start) in EXPORTS_WRITTEN_BY {
            assert!(crate::api::command(command).is_some(), "{command}");
            assert_eq!(command_that_wrote(&format!("{start}7")), Some(*command));
            assert!(writes_an_export(command));
        }
        assert_eq!(command_that_wrote("hairline.sqlite"), None);
        assert!(
            !writes_an_export("subject_access"),
            "answers the record, writes no file"
        );
    }

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

    #[test]
    fn the_exports_folder_keeps_a_month_and_at_most_fifty() {
        let dir = tempfile::tempdir().unwrap();
        let now: DateTime<Utc> = "2026-06-15T12:00:00Z".parse().unwrap();
        let hours = |h: i64| now - chrono::Duration::hours(h);
        for h in 0..55 {
            std::fs::write(
                dir.path().join(stamped_name("recalls", hours(h), "csv")),
                "x",
            )
            .unwrap();
        }
        let old = stamped_folder_name("client-7", now - chrono::Duration::days(31));
        std::fs::create_dir(dir.path().join(&old)).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let removed = prune_exports(dir.path(), now).unwrap();
        assert_eq!(
            removed.len(),
            6,
            "5 beyond the fifty newest, 1 over a month old"
        );
        assert!(!dir.path().join(old).exists());
        assert!(
            dir.path().join("notes.txt").exists(),
            "not an export: untouched"
        );
        assert!(dir
            .path()
            .join(stamped_name("recalls", hours(0), "csv"))
            .exists());
    }
}
