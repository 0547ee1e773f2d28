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

/// What [`PhotoStore::copy_in`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Copied {
    /// The store already held the file intact.
    AlreadyThere,
    /// The file was copied: this many bytes.
    Bytes(u64),
    /// Neither store holds the file intact (or its name is not a content hash).
    Unavailable,
}

/// Whether `name` is a content hash — 64 lower-case hexadecimal digits, the SHA-256 of a file's
/// bytes — the only names files in a photo store have. Every name read from a database is
/// checked with this before it becomes part of a path, so a crafted row (an imported archive,
/// an edited file) can never make Hairline read, copy or delete a file outside the store.
pub fn is_content_hash(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The file name a hash gives: itself, or — not being a content hash — a name no file in the
/// store has (files are only ever written under their own hash).
fn file_stem(sha256: &str) -> &str {
    if is_content_hash(sha256) {
        sha256
    } else {
        "not-a-content-hash"
    }
}

/// The photo folder of the practice database at `database`: `photos/` beside it.
pub fn photo_folder_beside(database: &Path) -> PathBuf {
    database
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("photos")
}

/// The name and bytes of the photo file at `path`; a file larger than a photo may be is refused
/// before it is read. The error names `field`.
pub fn read_photo_file(field: &str, path: &Path) -> Result<(String, Vec<u8>)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let unreadable =
        |e: std::io::Error| Error::validation(field, format!("\"{name}\" could not be read: {e}"));
    let size = fs::metadata(path).map_err(unreadable)?.len();
    // Refuse before reading a huge file into memory.
    image_file::check_size(field, &name, size)?;
    let bytes = fs::read(path).map_err(unreadable)?;
    Ok((name, bytes))
}

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

    /// Where the image with this hash lives. A name read from the database that is not a
    /// content hash gives a path inside the store that no file ever has (see [`file_stem`]).
    pub fn image_path(&self, sha256: &str, format: PhotoFormat) -> PathBuf {
        self.dir
            .join(format!("{}.{}", file_stem(sha256), format.extension()))
    }

    /// Where the thumbnail of the image with this hash lives.
    pub fn thumbnail_path(&self, sha256: &str) -> PathBuf {
        self.dir
            .join("thumbs")
            .join(format!("{}.jpg", file_stem(sha256)))
    }

    /// Reads the file at `path` and [`prepare`](Self::prepare)s it. The error names `field`.
    pub fn prepare_file(&self, field: &str, path: &Path) -> Result<StoredImage> {
        let (name, bytes) = read_photo_file(field, path)?;
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

    /// Deletes the image and thumbnail stored under this hash (already gone is fine). A name that
    /// is not a content hash names no file of the store: nothing is touched.
    pub(crate) fn remove(&self, sha256: &str, format: PhotoFormat) -> Result<()> {
        if !is_content_hash(sha256) {
            return Ok(());
        }
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
        if !is_content_hash(sha256) {
            return PhotoStatus::Missing;
        }
        match fs::read(self.image_path(sha256, format)) {
            Err(_) => PhotoStatus::Missing,
            Ok(bytes) if image_file::sha256_hex(&bytes) == sha256 => PhotoStatus::Intact,
            Ok(_) => PhotoStatus::Damaged,
        }
    }

    /// Copies the image stored under `sha256` in `from` into this store, unless this store
    /// already holds it intact (then its modification time is refreshed, so a clean-up running
    /// meanwhile sees it in use). The bytes are checked against their hash before they are
    /// written and the written file is read back and checked again.
    pub(crate) fn copy_in(
        &self,
        from: &PhotoStore,
        sha256: &str,
        format: PhotoFormat,
    ) -> Result<Copied> {
        if !is_content_hash(sha256) {
            return Ok(Copied::Unavailable);
        }
        let target = self.image_path(sha256, format);
        if self.status(sha256, format) == PhotoStatus::Intact {
            fs::File::options()
                .write(true)
                .open(&target)
                .and_then(|f| f.set_modified(std::time::SystemTime::now()))
                .map_err(|e| Error::file(&target, &e))?;
            return Ok(Copied::AlreadyThere);
        }
        let bytes = match fs::read(from.image_path(sha256, format)) {
            Ok(bytes) if image_file::sha256_hex(&bytes) == sha256 => bytes,
            _ => return Ok(Copied::Unavailable),
        };
        self.write_once(&target, &bytes)?;
        if self.status(sha256, format) != PhotoStatus::Intact {
            return Err(Error::file(
                &target,
                &std::io::Error::other("the copy does not match its hash"),
            ));
        }
        Ok(Copied::Bytes(bytes.len() as u64))
    }

    /// Writes the thumbnail of the image stored under `sha256` if it has none (a restored photo).
    pub(crate) fn ensure_thumbnail(&self, sha256: &str, format: PhotoFormat) -> Result<()> {
        let thumbnail = self.thumbnail_path(sha256);
        if !is_content_hash(sha256) || thumbnail.exists() {
            return Ok(());
        }
        let image = self.image_path(sha256, format);
        let bytes = fs::read(&image).map_err(|e| Error::file(&image, &e))?;
        self.write_once(&thumbnail, &image_file::thumbnail_of(&bytes)?)
    }

    /// Writes `bytes` to `path` unless the file there already has exactly these bytes (a damaged
    /// file is replaced). Written to a temporary file, synced, then renamed into place, so a
    /// crash never leaves a half-written file under a hash name.
    pub(crate) fn write_once(&self, path: &Path, bytes: &[u8]) -> Result<()> {
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
