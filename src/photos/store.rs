//! The photo folder: image files named by the SHA-256 of their bytes, thumbnails beside them.
//!
//! Files are written before the database row that makes them a photo, atomically (a temporary
//! file renamed into place), and never overwritten with different bytes: a file without a row is
//! inert, and adding it again is idempotent. Nothing here touches the database, so preparing a
//! photo can run on any thread while the practice serves other requests.

use crate::error::{Error, Result};
use crate::photos::image_file::{self, ProcessedImage};
use crate::photos::{PhotoFormat, PhotoStatus};
use chrono::NaiveDate;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The folder the photos of one practice live in. The desktop shell passes
/// `<app data dir>/photos`, and scopes the webview's asset protocol to exactly this folder.
#[derive(Debug, Clone)]
pub struct PhotoStore {
    dir: PathBuf,
}

/// An image written to the store but not yet on anyone's record: what
/// [`Practice::add_photo`](crate::Practice::add_photo) turns into a photo. Only
/// [`PhotoStore::prepare`] makes one, so its hash always names a file that was written.
#[derive(Debug, Clone)]
pub struct StoredImage {
    pub(crate) sha256: String,
    pub(crate) source_sha256: String,
    pub(crate) format: PhotoFormat,
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) byte_size: u32,
    pub(crate) taken_on: Option<NaiveDate>,
    pub(crate) original_name: String,
}

impl StoredImage {
    /// SHA-256 of the stored bytes (the file's name).
    pub fn sha256(&self) -> &str {
        &self.sha256
    }
}

impl PhotoStore {
    /// The store in `dir` (created on first write).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The folder itself: the only one the webview may read.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the image with this hash lives.
    pub fn image_path(&self, sha256: &str, format: PhotoFormat) -> PathBuf {
        self.dir.join(format!("{sha256}.{}", format.extension()))
    }

    /// Where the thumbnail of the image with this hash lives.
    pub fn thumbnail_path(&self, sha256: &str) -> PathBuf {
        self.dir.join("thumbs").join(format!("{sha256}.jpg"))
    }

    /// Reads the file at `path` and [`prepare`](Self::prepare)s it. The error names `field`.
    pub fn prepare_file(&self, field: &str, path: &Path) -> Result<StoredImage> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let size = fs::metadata(path)
            .map_err(|e| Error::validation(field, format!("\"{name}\" could not be read: {e}")))?
            .len();
        // Refuse before reading a huge file into memory.
        image_file::check_size(field, &name, size)?;
        let bytes = fs::read(path)
            .map_err(|e| Error::validation(field, format!("\"{name}\" could not be read: {e}")))?;
        self.prepare(field, &name, &bytes)
    }

    /// Checks and normalises one image (format, orientation, metadata stripped), then writes it
    /// and its thumbnail under its hash. CPU-heavy: call it off the UI thread. Errors name `field`.
    pub fn prepare(&self, field: &str, original_name: &str, bytes: &[u8]) -> Result<StoredImage> {
        let image: ProcessedImage = image_file::process(field, original_name, bytes)?;
        self.write_once(&self.image_path(&image.sha256, image.format), &image.bytes)?;
        self.write_once(&self.thumbnail_path(&image.sha256), &image.thumbnail)?;
        Ok(StoredImage {
            byte_size: image.bytes.len() as u32,
            sha256: image.sha256,
            source_sha256: image.source_sha256,
            format: image.format,
            width: image.width,
            height: image.height,
            taken_on: image.taken_on,
            original_name: original_name.trim().chars().take(255).collect(),
        })
    }

    /// Deletes the image and thumbnail stored under this hash (already gone is fine).
    pub(crate) fn remove(&self, sha256: &str, format: PhotoFormat) -> Result<()> {
        for path in [self.image_path(sha256, format), self.thumbnail_path(sha256)] {
            match fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::file(&path, &e))
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Whether the stored file for this hash is there and still has exactly its bytes.
    pub fn status(&self, sha256: &str, format: PhotoFormat) -> PhotoStatus {
        match fs::read(self.image_path(sha256, format)) {
            Err(_) => PhotoStatus::Missing,
            Ok(bytes) if image_file::sha256_hex(&bytes) == sha256 => PhotoStatus::Intact,
            Ok(_) => PhotoStatus::Damaged,
        }
    }

    /// Writes `bytes` to `path` unless the file there already has exactly these bytes (a damaged
    /// file is replaced). Written to a temporary file, synced, then renamed into place, so a
    /// crash never leaves a half-written file under a hash name.
    fn write_once(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        if fs::read(path).is_ok_and(|existing| existing == bytes) {
            return Ok(());
        }
        let folder = path.parent().unwrap_or(&self.dir);
        let fail = |e: std::io::Error| Error::file(folder, &e);
        fs::create_dir_all(folder).map_err(fail)?;
        let mut temp = tempfile::NamedTempFile::new_in(folder).map_err(fail)?;
        temp.write_all(bytes).map_err(fail)?;
        temp.as_file().sync_all().map_err(fail)?;
        temp.persist(path).map_err(|e| fail(e.error))?;
        Ok(())
    }
}
