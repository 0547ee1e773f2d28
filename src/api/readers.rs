//! The practice's reader connections: every read command runs on one of a few pooled
//! connections to the same file instead of waiting for the one writer, since SQLite's WAL gives
//! each a consistent snapshot while the writer writes. A recovery or a restore empties the pool,
//! so no reader outlives the file it was opened on.

use crate::clock::Clock;
use crate::db::practice::Practice;
use crate::error::Result;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

/// At most this many reader connections are open at once; a read beyond them waits for one.
pub(crate) const MOST_READERS: usize = 4;

/// The idle readers, how many are open in all, and the file's generation (bumped whenever the
/// database is replaced: a reader of an older generation is closed, not reused).
#[derive(Default)]
struct Pool {
    idle: Vec<Practice>,
    open: usize,
    generation: u64,
}

/// A small pool of read-only connections to the practice database, opened on demand.
pub(crate) struct Readers {
    database: PathBuf,
    clock: Arc<dyn Clock>,
    pool: Mutex<Pool>,
    returned: Condvar,
}

fn lock(pool: &Mutex<Pool>) -> MutexGuard<'_, Pool> {
    pool.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A reader lent out: given back to the pool when dropped (a panicking read included).
struct Lent<'a> {
    readers: &'a Readers,
    practice: Option<Practice>,
    generation: u64,
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        let mut pool = lock(&self.readers.pool);
        match self.practice.take() {
            Some(practice) if self.generation == pool.generation => pool.idle.push(practice),
            // A reader of a replaced file, or one that never opened: its place is free again.
            _ => pool.open -= 1,
        }
        drop(pool);
        self.readers.returned.notify_one();
    }
}

impl Readers {
    pub(crate) fn new(database: PathBuf, clock: Arc<dyn Clock>) -> Self {
        Readers {
            database,
            clock,
            pool: Mutex::new(Pool::default()),
            returned: Condvar::new(),
        }
    }

    /// Runs `query` on an idle reader, opening one if fewer than [`MOST_READERS`] are open, or
    /// else waiting for one to be given back.
    pub(crate) fn read<T>(&self, query: impl FnOnce(&Practice) -> Result<T>) -> Result<T> {
        let lent = self.lend()?;
        let practice = lent
            .practice
            .as_ref()
            .expect("a lent reader holds its practice");
        query(practice)
    }

    fn lend(&self) -> Result<Lent<'_>> {
        let mut pool = lock(&self.pool);
        loop {
            let generation = pool.generation;
            if let Some(practice) = pool.idle.pop() {
                return Ok(Lent {
                    readers: self,
                    practice: Some(practice),
                    generation,
                });
            }
            if pool.open < MOST_READERS {
                pool.open += 1;
                drop(pool);
                // Counted as open from here: a failure to open gives its place back on drop.
                let mut lent = Lent {
                    readers: self,
                    practice: None,
                    generation,
                };
                lent.practice = Some(Practice::open_reader(&self.database, self.clock.clone())?);
                return Ok(lent);
            }
            pool = self
                .returned
                .wait(pool)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Hands back the page caches of the readers nobody is using.
    pub(crate) fn release_idle_caches(&self) {
        for reader in &lock(&self.pool).idle {
            reader.release_page_cache();
        }
    }

    /// Closes every idle reader, and every lent one once it is given back: the database file is
    /// being (or was) replaced, and a reader opened before must not answer from the old one.
    pub(crate) fn close_all(&self) {
        let mut pool = lock(&self.pool);
        pool.generation += 1;
        let closed = pool.idle.len();
        pool.open -= closed;
        let idle = std::mem::take(&mut pool.idle);
        drop(pool);
        drop(idle);
        self.returned.notify_all();
    }
}
