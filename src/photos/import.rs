//! Batch import of many photo files: decoding and thumbnails on worker threads (the heavy part,
//! no database), each result added to the record on the calling thread, with progress after each.
//!
//! The database step is a closure, so the desktop shell can run the whole import on a background
//! thread and take its practice lock only for each short add, never for the decoding.

use crate::error::{ApiError, Result};
use crate::photos::store::{PhotoStore, StoredImage};
use crate::photos::{Photo, PhotoDetails};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use ts_rs::TS;

/// One file of a batch import and what to record about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PhotoImportItem {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub details: PhotoDetails,
}

/// Where a batch import stands, reported after each file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PhotoImportProgress {
    /// Files finished (added or refused) so far.
    pub done: u32,
    pub total: u32,
    /// The file just finished.
    pub file_name: String,
    pub failed: u32,
}

/// What became of one file of a batch.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PhotoImportOutcome {
    pub file_name: String,
    pub photo: Option<Photo>,
    pub error: Option<ApiError>,
}

/// Imports `items`: each is prepared (decoded, oriented, stripped, thumbnailed, written) on a
/// worker thread, then handed to `add` on this thread; `progress` follows each file. `checks`
/// holds the result of checking each item's details first (e.g. with
/// [`Practice::check_photo_details`](crate::Practice::check_photo_details)): an item already
/// refused is reported without its file being read, so it leaves no file behind. Returns one
/// outcome per item, in the order given; a file that fails leaves no row behind.
pub fn import_photos(
    store: &PhotoStore,
    items: &[PhotoImportItem],
    checks: Vec<Result<()>>,
    mut progress: impl FnMut(&PhotoImportProgress),
    mut add: impl FnMut(&PhotoImportItem, StoredImage) -> Result<Photo>,
) -> Vec<PhotoImportOutcome> {
    let total = items.len();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(total.max(1));
    assert_eq!(checks.len(), total, "one check per item");
    let accepted: Vec<bool> = checks.iter().map(Result::is_ok).collect();
    let next = AtomicUsize::new(0);
    let mut outcomes: Vec<Option<PhotoImportOutcome>> = vec![None; total];
    let mut report = PhotoImportProgress {
        done: 0,
        total: total as u32,
        file_name: String::new(),
        failed: 0,
    };
    let mut finish = |index: usize, result: Result<Photo>| {
        let file_name = items[index]
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        report.done += 1;
        report.failed += u32::from(result.is_err());
        report.file_name.clone_from(&file_name);
        let (photo, error) = match result {
            Ok(photo) => (Some(photo), None),
            Err(e) => (None, Some(e.to_api())),
        };
        outcomes[index] = Some(PhotoImportOutcome {
            file_name,
            photo,
            error,
        });
        progress(&report);
    };
    for (index, check) in checks.into_iter().enumerate() {
        if let Err(refused) = check {
            finish(index, Err(refused));
        }
    }
    std::thread::scope(|scope| {
        // Bounded, so decoded images never pile up in memory faster than they are added.
        let (sender, receiver) = mpsc::sync_channel::<(usize, Result<StoredImage>)>(workers);
        for _ in 0..workers {
            let sender = sender.clone();
            let (next, accepted) = (&next, &accepted);
            scope.spawn(move || loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(index) else { break };
                if !accepted[index] {
                    continue;
                }
                let prepared = store.prepare_file("path", &item.path);
                if sender.send((index, prepared)).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        for (index, prepared) in receiver {
            finish(index, prepared.and_then(|image| add(&items[index], image)));
        }
    });
    outcomes
        .into_iter()
        .map(|o| o.expect("every item is prepared once"))
        .collect()
}
