//! How long the copies that backup rotation does not govern are kept — the database as it was
//! before a migration or a restore, the damaged files recovery set aside, and exports written
//! into the data folder — so that neither `backups/` nor `exports/` grows without bound.

use crate::error::{Error, Result};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use std::fs;
use std::path::Path;

/// The time stamp in the names of backups and safety copies (UTC, to the millisecond).
pub(crate) const STAMP: &str = "%Y%m%dT%H%M%S%.3fZ";

/// A retention: an item is kept while it is among the `newest` of its kind or younger than
/// `days` days — but never beyond the `at_most` newest, so the count is bounded however busy
/// the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub newest: usize,
    pub days: i64,
    pub at_most: usize,
}

/// `before-migration-*`, `before-restore-*` and `damaged-*/` in `backups/`: each kind keeps its
/// 3 newest copies and every copy younger than 30 days, at most 10.
pub const SAFETY_COPIES: Retention = Retention {
    newest: 3,
    days: 30,
    at_most: 10,
};

/// Kinds of safety copy, by the start of their names.
const SAFETY_KINDS: [&str; 3] = ["before-migration-", "before-restore-", "damaged-"];

impl Retention {
    /// Whether the item at `rank` among its kind (0 = newest), taken at `at`, is kept at `now`.
    pub fn keeps(&self, rank: usize, at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        rank < self.at_most && (rank < self.newest || now - at < Duration::days(self.days))
    }

    /// Removes the entries of `found` (path, when taken) that this retention does not keep at
    /// `now` — files or whole folders — and answers their paths.
    pub(crate) fn prune(
        &self,
        mut found: Vec<(std::path::PathBuf, DateTime<Utc>)>,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>> {
        found.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        let mut removed = Vec::new();
        for (rank, (path, at)) in found.into_iter().enumerate() {
            if self.keeps(rank, at, now) {
                continue;
            }
            let gone = if path.is_dir() {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
            gone.map_err(|e| Error::file(&path, &e))?;
            removed.push(path.display().to_string());
        }
        Ok(removed)
    }
}

/// When a safety copy called `rest` (its name after its kind) was taken: the stamp after an
/// optional `v<N>-`, up to its `Z`.
fn taken_at(rest: &str) -> Option<DateTime<Utc>> {
    let rest = match rest.strip_prefix('v') {
        Some(versioned) => versioned.split_once('-')?.1,
        None => rest,
    };
    let stamp = rest.get(..rest.find('Z')? + 1)?;
    Some(NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc())
}

/// Applies [`SAFETY_COPIES`] to the backups `folder` at `now`, kind by kind; answers the paths
/// removed. Entries whose names it does not recognise are never touched.
pub fn prune_safety_copies(folder: &Path, now: DateTime<Utc>) -> Result<Vec<String>> {
    let entries: Vec<_> = match fs::read_dir(folder) {
        Ok(entries) => entries.filter_map(|e| e.ok()).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::file(folder, &e)),
    };
    let mut removed = Vec::new();
    for kind in SAFETY_KINDS {
        let found = entries
            .iter()
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let rest = name.strip_prefix(kind)?;
                let is_folder = kind == "damaged-";
                if entry.path().is_dir() != is_folder || (!is_folder && !rest.ends_with(".sqlite"))
                {
                    return None;
                }
                Some((entry.path(), taken_at(rest)?))
            })
            .collect();
        removed.extend(SAFETY_COPIES.prune(found, now)?);
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_read_with_or_without_a_version() {
        let at = taken_at("v3-20260615T093000.123Z.sqlite").unwrap();
        assert_eq!(at.to_rfc3339(), "2026-06-15T09:30:00.123+00:00");
        assert_eq!(taken_at("20260615T093000.123Z-2.sqlite"), Some(at));
        assert_eq!(taken_at("notes.txt"), None);
    }

    #[test]
    fn the_newest_three_and_the_last_thirty_days_are_kept() {
        let now: DateTime<Utc> = "2026-06-15T00:00:00Z".parse().unwrap();
        let r = SAFETY_COPIES;
        assert!(r.keeps(0, now - Duration::days(400), now), "newest");
        assert!(r.keeps(2, now - Duration::days(400), now), "third newest");
        assert!(r.keeps(9, now - Duration::days(29), now), "recent");
        assert!(
            !r.keeps(3, now - Duration::days(31), now),
            "old and not among the newest"
        );
        assert!(!r.keeps(10, now, now), "beyond the bound");
    }
}
