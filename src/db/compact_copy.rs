//! A backup's database file written in one pass, compact and paced: `VACUUM INTO` copies only the
//! pages in use (no free pages, no half-empty ones, no journal, no temporary file), and its
//! writes are flushed to the disk every few megabytes so they never pile up in the page cache
//! ahead of the practice's own commits, whose fsyncs would otherwise wait behind a gigabyte of
//! writeback.
//!
//! The backup API followed by a `VACUUM` of the copy, which this replaces, wrote about four times
//! the database's size (the copy, then the `VACUUM`'s temporary database, its rollback journal
//! and the rewrite) and let the kernel write it back in bursts.

use crate::cancel::Cancel;
use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How much the copy may write before it waits for those bytes to reach the disk.
const PACE_BYTES: u64 = 8 << 20;
/// SQLite virtual-machine steps between two looks at the copy (its size, the cancel flag).
const STEPS_BETWEEN_LOOKS: i32 = 10_000;
/// What the copy's size reads until the copy's file exists: nothing is reported before.
const NOT_BEGUN: u32 = u32::MAX;
/// The copy wakes the caller to report each further hundredth of its pages; without that, the
/// caller looks this often.
const REPORT_AT_LEAST_EVERY: Duration = Duration::from_millis(100);

/// How far the copy has gone, in pages of the copy.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PagesCopied {
    pub done: u32,
    pub total: u32,
}

/// Writes a compact copy of the database behind `from` to `dest` (which must not exist), as one
/// consistent snapshot, reporting progress in pages of the copy. Raising `cancel` stops it at
/// its next look; `dest` may then hold a partial file, which the caller removes. Progress is
/// reported once the copy's file exists, and at the end.
///
/// The copy runs on a second, read-only connection to the same file on its own thread, so this
/// thread can report progress while it runs; a database held in memory is copied on this thread
/// and reports only its end.
pub(crate) fn compact_copy(
    from: &Connection,
    dest: &Path,
    cancel: &Cancel,
    progress: &mut dyn FnMut(PagesCopied),
) -> Result<()> {
    let pages_total = pages_in_use(from)?;
    let report = |pages_done: u32| PagesCopied {
        done: pages_done.min(pages_total),
        total: pages_total,
    };
    let written = Arc::new(AtomicU32::new(NOT_BEGUN));
    let file = from.path().filter(|p| !p.is_empty()).map(Path::new);
    match file {
        None => vacuum_into(from, dest, cancel, &written, None)?,
        Some(file) => std::thread::scope(|scope| -> Result<()> {
            let reporter = std::thread::current();
            let wake_every = (pages_total / 100).max(1);
            let written = &written;
            let copying = scope.spawn(move || -> Result<()> {
                let copied = Connection::open_with_flags(
                    file,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .map_err(Error::from)
                .and_then(|reader| {
                    let waking = Some((reporter.clone(), wake_every));
                    vacuum_into(&reader, dest, cancel, written, waking)
                });
                reporter.unpark();
                copied
            });
            let mut reported = NOT_BEGUN;
            while !copying.is_finished() {
                let pages_done = written.load(Ordering::Relaxed);
                if pages_done != reported && pages_done != NOT_BEGUN && !cancel.is_cancelled() {
                    progress(report(pages_done));
                    reported = pages_done;
                }
                std::thread::park_timeout(REPORT_AT_LEAST_EVERY);
            }
            copying.join().unwrap_or_else(|_| {
                Err(Error::refused(
                    None,
                    "The backup's copy stopped unexpectedly",
                ))
            })
        })?,
    }
    progress(report(pages_total));
    Ok(())
}

/// The pages of the database that hold data: what the compact copy will have.
fn pages_in_use(conn: &Connection) -> Result<u32> {
    let pages: i64 = conn.pragma_query_value(None, "page_count", |r| r.get(0))?;
    let free: i64 = conn.pragma_query_value(None, "freelist_count", |r| r.get(0))?;
    Ok(u32::try_from((pages - free).max(1)).unwrap_or(u32::MAX))
}

/// `VACUUM INTO dest` on `conn`, with the pacing, progress and cancelling look installed for
/// its duration.
fn vacuum_into(
    conn: &Connection,
    dest: &Path,
    cancel: &Cancel,
    written: &Arc<AtomicU32>,
    waking: Option<(std::thread::Thread, u32)>,
) -> Result<()> {
    let page_size: i64 = conn.pragma_query_value(None, "page_size", |r| r.get(0))?;
    let mut pacer = Pacer {
        dest: dest.to_path_buf(),
        file: None,
        flushed: 0,
        page_size: page_size.max(512) as u64,
        written: written.clone(),
        cancel: cancel.clone(),
        waking,
        woken_at: None,
    };
    conn.progress_handler(STEPS_BETWEEN_LOOKS, Some(move || pacer.look()))?;
    let target = dest.to_str().ok_or_else(|| {
        Error::validation("destination", "The backup's file name is not valid text")
    })?;
    let copied = conn.execute("VACUUM INTO ?1", [target]);
    conn.progress_handler(0, None::<fn() -> bool>)?;
    cancel.check()?;
    // The last stretch, written after the last look, reaches the disk with the caller's fsync
    // of the finished file.
    copied.map(|_| ()).map_err(Error::from)
}

/// The copy's periodic look: how big the copy is, whether its unflushed part has reached
/// [`PACE_BYTES`] (then it waits for it to reach the disk), whether to stop.
struct Pacer {
    dest: std::path::PathBuf,
    file: Option<File>,
    flushed: u64,
    page_size: u64,
    written: Arc<AtomicU32>,
    cancel: Cancel,
    /// The thread reporting progress, woken at each further so many pages.
    waking: Option<(std::thread::Thread, u32)>,
    /// Where the copy was when it last woke the reporter (`None`: not yet; the first look wakes
    /// it, so the first report comes as soon as the copy has begun).
    woken_at: Option<u32>,
}

impl Pacer {
    /// Returns `true` to interrupt the copy.
    fn look(&mut self) -> bool {
        if self.cancel.is_cancelled() {
            return true;
        }
        if self.file.is_none() {
            self.file = File::open(&self.dest).ok();
        }
        let Some(file) = &self.file else {
            return false;
        };
        let Ok(size) = file.metadata().map(|m| m.len()) else {
            return false;
        };
        let pages = u32::try_from(size / self.page_size).unwrap_or(NOT_BEGUN - 1);
        self.written.store(pages, Ordering::Relaxed);
        if let Some((reporter, every)) = &self.waking {
            if self
                .woken_at
                .is_none_or(|at| pages >= at.saturating_add(*every))
            {
                self.woken_at = Some(pages);
                reporter.unpark();
            }
        }
        if size >= self.flushed + PACE_BYTES {
            // A failed flush is found again by the final fsync, which fails the backup.
            let _ = file.sync_data();
            self.flushed = size;
        }
        false
    }
}
