//! The one way Hairline writes a file it must not leave half-written (archives, exports, the
//! workstation's settings): into a `.partial` sibling, fsynced, then renamed over the target.

use crate::error::{Error, Result};
use std::path::Path;

/// Runs `write` into `path.partial`, then fsyncs and renames it to `path`; on failure the
/// partial file is removed and `path` is untouched.
pub fn write_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<T>,
) -> Result<T> {
    let partial = path.with_extension("partial");
    let result = (|| {
        let file = std::fs::File::create(&partial).map_err(|e| Error::file(&partial, &e))?;
        let mut out = std::io::BufWriter::new(file);
        let value = write(&mut out)?;
        let file = out
            .into_inner()
            .map_err(|e| Error::file(&partial, e.error()))?;
        file.sync_all().map_err(|e| Error::file(&partial, &e))?;
        std::fs::rename(&partial, path).map_err(|e| Error::file(path, &e))?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// Writes `bytes` to `path`, whole or not at all (see [`write_atomically`]).
pub fn write_bytes_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically(path, |out| {
        out.write_all(bytes).map_err(|e| Error::file(path, &e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_partial() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.json");
        write_bytes_atomically(&path, b"first").unwrap();
        let failed: Result<()> = write_atomically(&path, |out| {
            out.write_all(b"half").unwrap();
            Err(Error::validation("file", "stopped halfway"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
