//! An erasure reaches the exports Hairline wrote into the data folder's `exports/` (where exports
//! land when the computer has no Downloads folder): no copy of an erased client's data stays
//! there. A Downloads folder is the user's own, and Hairline removes nothing from it.
//!
//! An export holds the client when it is one of their record's exports (`client-<number>-….json`
//! and its `… files` folder, numbered copies included) or when any file of it holds one of the
//! client's marks: their id (every archive and subject-access export names it), the id of one of
//! their appointments (a calendar file's `UID`), their full name, email or phone (the recall
//! worklist). A whole export is removed, even one about other clients too (a practice archive):
//! exports are copies, written again in a moment, and the practice itself is untouched.

use crate::error::{Error, Result};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// What marks an export as holding one client.
#[derive(Debug, Clone)]
pub struct ClientMarks {
    /// The client's number: their record's exports are named `client-<number>-<stamp>…`.
    pub number: u32,
    /// Strings whose presence in a file means the client is in it (blank ones are ignored).
    pub marks: Vec<String>,
}

impl ClientMarks {
    /// Whether the entry called `name` is one of the client's record exports.
    fn names_a_record_export(&self, name: &str) -> bool {
        name.strip_prefix(&format!("client-{}-", self.number))
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    }

    /// The marks worth searching for: a short one would match other clients' words.
    fn searched(&self) -> Vec<&[u8]> {
        self.marks
            .iter()
            .map(|m| m.trim())
            .filter(|m| m.chars().count() >= 5)
            .map(str::as_bytes)
            .collect()
    }
}

/// Removes from `exports` every export holding the client `marks` describes (see the module
/// documentation); answers the paths removed. A folder that does not exist holds nothing. If an
/// export cannot be read or removed, the error names it (the others are removed all the same).
pub fn remove_exports_of(exports: &Path, marks: &ClientMarks) -> Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(exports) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::file(exports, &e)),
    };
    let searched = marks.searched();
    let mut removed = Vec::new();
    let mut failed = None;
    for entry in entries {
        let entry = entry.map_err(|e| Error::file(exports, &e))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let holds = if marks.names_a_record_export(&name) {
            Ok(true)
        } else {
            holds_any(&path, &searched)
        };
        let outcome = holds.and_then(|holds| {
            if holds {
                remove(&path)?;
                removed.push(path.clone());
            }
            Ok(())
        });
        if let Err(e) = outcome {
            failed.get_or_insert(e);
        }
    }
    match failed {
        Some(e) => Err(e),
        None => Ok(removed),
    }
}

/// Removes a file or a folder with all it holds.
fn remove(path: &Path) -> Result<()> {
    let removed = if path.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    };
    removed.map_err(|e| Error::file(path, &e))
}

/// Whether the file at `path`, or any file under the folder at `path`, holds one of `marks`.
fn holds_any(path: &Path, marks: &[&[u8]]) -> Result<bool> {
    if marks.is_empty() {
        return Ok(false);
    }
    if path.is_dir() {
        for entry in fs::read_dir(path).map_err(|e| Error::file(path, &e))? {
            let entry = entry.map_err(|e| Error::file(path, &e))?;
            if holds_any(&entry.path(), marks)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    file_holds_any(path, marks)
}

/// Reads the file in chunks (an archive may be larger than memory should hold), keeping the
/// end of each chunk so a mark split across two chunks is still found. A calendar file folds
/// long lines (`CRLF` and a space); folds are taken out before searching.
fn file_holds_any(path: &Path, marks: &[&[u8]]) -> Result<bool> {
    const CHUNK: usize = 8 << 20;
    let longest = marks.iter().map(|m| m.len()).max().unwrap_or(0);
    let finders: Vec<memchr::memmem::Finder> =
        marks.iter().map(memchr::memmem::Finder::new).collect();
    let mut file = fs::File::open(path).map_err(|e| Error::file(path, &e))?;
    let mut window: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let read = file.read(&mut chunk).map_err(|e| Error::file(path, &e))?;
        if read == 0 {
            return Ok(false);
        }
        window.extend_from_slice(&chunk[..read]);
        let unfolded = unfold(&window);
        if finders.iter().any(|f| f.find(&unfolded).is_some()) {
            return Ok(true);
        }
        // Keep what a mark starting near the end needs (with room for folds inside it).
        let keep = (longest * 2 + 8).min(window.len());
        window.drain(..window.len() - keep);
    }
}

/// `bytes` without line folds (`\r\n` followed by a space or a tab).
fn unfold(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"\r\n ") || bytes[i..].starts_with(b"\r\n\t") {
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks() -> ClientMarks {
        ClientMarks {
            number: 12,
            marks: vec![
                "Philippa Quaintrell".into(),
                "".into(),
                "07700 955317".into(),
            ],
        }
    }

    #[test]
    fn only_exports_holding_the_client_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let put = |name: &str, text: &[u8]| fs::write(dir.path().join(name), text).unwrap();
        put("client-12-2026-06-15T093000.json", b"{}");
        put("client-12-2026-06-15T093000 (2).json", b"{}");
        fs::create_dir(dir.path().join("client-12-2026-06-15T093000 files")).unwrap();
        put("client-120-2026-06-15T093000.json", b"{\"other\": 1}");
        put("client-1-2026-06-15T093000.json", b"{}");
        put(
            "worklist-2026-06-15T093000.csv",
            b"12,Philippa Quaintrell,07700 955317\r\n",
        );
        put(
            "calendar-2026-06-15T093000.ics",
            b"DESCRIPTION:Hello Philippa Quain\r\n trell\r\n",
        );
        put(
            "practice-2026-06-15T093000.json",
            b"{\"clients\": [\"Ana Lopez\"]}",
        );
        // A mark split across the chunk boundary is still found.
        let mut big = vec![b' '; (8 << 20) - 4];
        big.extend_from_slice(b"07700 955317");
        put("salvaged-2026-06-15T093000.json", &big);

        let mut removed: Vec<String> = remove_exports_of(dir.path(), &marks())
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        removed.sort();
        assert_eq!(
            removed,
            [
                "calendar-2026-06-15T093000.ics",
                "client-12-2026-06-15T093000 (2).json",
                "client-12-2026-06-15T093000 files",
                "client-12-2026-06-15T093000.json",
                "salvaged-2026-06-15T093000.json",
                "worklist-2026-06-15T093000.csv",
            ]
        );
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "client-1-2026-06-15T093000.json",
                "client-120-2026-06-15T093000.json",
                "practice-2026-06-15T093000.json",
            ]
        );
    }

    #[test]
    fn no_exports_folder_holds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("exports");
        assert!(remove_exports_of(&gone, &marks()).unwrap().is_empty());
    }
}
