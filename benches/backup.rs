//! Benchmark of backups of a large clinic with photos: a generated clinic with camera-sized
//! photos, backed up twice into one backups folder. The first backup copies every photo; the
//! second, after one photo is added, must copy exactly that one. Prints the time and bytes of
//! each, for the closing note of the backup work.
//!
//! `cargo bench --bench backup` — sizes via HAIRLINE_BENCH_CLIENTS (default 3000),
//! HAIRLINE_BENCH_SESSIONS (default three per client) and HAIRLINE_BENCH_PHOTOS (default 300);
//! the figure is `HAIRLINE_BENCH_CLIENTS=100000 HAIRLINE_BENCH_PHOTOS=2000`.

use hairline::*;
use image::codecs::jpeg::JpegEncoder;
use image::{Rgb, RgbImage};
use std::sync::Arc;
use std::time::Instant;

/// A 1600×1200 JPEG of noise over a gradient (about as large as a phone photo after Hairline
/// re-encodes it), different for every `seed`.
fn photo(seed: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(1600, 1200, |x, y| {
        let n = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729) ^ seed.wrapping_mul(2_654_435_761))
            .wrapping_mul(2_246_822_519)
            >> 27;
        Rgb([
            (140 + n) as u8,
            (100 + y / 20 + n) as u8,
            (80 + x / 40) as u8,
        ])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 92)
        .encode_image(&image)
        .unwrap();
    out
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// The whole number in the environment variable `name`, else `default`.
fn env_or(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let clients = env_or("HAIRLINE_BENCH_CLIENTS", 3000);
    let sessions = env_or("HAIRLINE_BENCH_SESSIONS", clients * 3);
    let count = env_or("HAIRLINE_BENCH_PHOTOS", 300);
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::on("2026-06-15".parse().unwrap()));
    let mut practice = Practice::open(dir.path().join("hairline.sqlite"), clock.clone()).unwrap();
    let spec = DemoSpec {
        clients,
        sessions,
        ..DemoSpec::SAMPLE
    };
    let started = Instant::now();
    practice.generate_demo(spec).unwrap();
    let generated = started.elapsed().as_secs_f64();
    let store = practice.photo_store().unwrap();
    let details = |practice: &Practice, i: u32| {
        let client = practice.client_by_number(i % spec.clients + 1).unwrap();
        PhotoDetails {
            client_id: client.id,
            session_id: None,
            view: PhotoView::ALL[i as usize % PhotoView::ALL.len()],
            taken_on: None,
            notes: String::new(),
            consent_use: PhotoUse::ClinicalOnly,
        }
    };
    let add = |practice: &mut Practice, i: u32| {
        let details = details(practice, i);
        practice
            .add_photo_bytes(Actor::System, &store, &details, "bench.jpg", &photo(i))
            .unwrap()
    };
    // The photos are made, decoded and re-encoded on every core (the slow part of setting up),
    // then added to the practice one by one.
    let started = Instant::now();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get() as u32);
    let prepared: Vec<(u32, StoredImage)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let store = &store;
                scope.spawn(move || {
                    (t..count)
                        .step_by(threads as usize)
                        .map(|i| (i, store.prepare("file", "bench.jpg", &photo(i)).unwrap()))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    let mut photo_bytes = 0u64;
    for (i, image) in &prepared {
        let details = details(&practice, *i);
        let photo = practice
            .add_photo(Actor::System, &store, &details, image)
            .unwrap();
        photo_bytes += u64::from(photo.byte_size);
    }
    practice.checkpoint().unwrap();
    let live = std::fs::metadata(dir.path().join("hairline.sqlite"))
        .unwrap()
        .len();
    println!(
        "clinic: {clients} clients, {sessions} sessions, database {:.1} MB (generated in {generated:.0} s); {count} photos, {:.1} MB (made in {:.0} s); neither is timed below",
        megabytes(live),
        megabytes(photo_bytes),
        started.elapsed().as_secs_f64()
    );

    let folder = dir.path().join("backups");
    let backup = |practice: &Practice| {
        let started = Instant::now();
        let info = practice
            .take_backup(
                &folder,
                &BackupPolicy::default(),
                &Cancel::new(),
                &mut |_| {},
            )
            .unwrap();
        (info, started.elapsed().as_secs_f64())
    };
    let (first, first_time) = backup(&practice);
    println!(
        "first backup: {first_time:.2} s; database copy {:.1} MB (VACUUMed); {} photos verified, {} copied, {:.1} MB",
        megabytes(first.bytes),
        first.photos.photos,
        first.photos.copied,
        megabytes(first.photos.bytes_copied)
    );
    add(&mut practice, count);
    clock.advance(chrono::Duration::days(1));
    let (second, second_time) = backup(&practice);
    assert_eq!(second.photos.copied, 1, "only the new photo is copied");
    println!(
        "second backup (one photo added): {second_time:.2} s; database copy {:.1} MB; {} photos verified, {} copied, {:.1} MB",
        megabytes(second.bytes),
        second.photos.photos,
        second.photos.copied,
        megabytes(second.photos.bytes_copied)
    );
    let space = backup_space(&folder).unwrap();
    println!(
        "backups folder: {:.1} MB in all ({} backups, {:.1} MB; {} photos stored once, {:.1} MB)",
        megabytes(space.total_bytes),
        space.backups,
        megabytes(space.backup_bytes),
        space.photos,
        megabytes(space.photo_bytes)
    );
}
