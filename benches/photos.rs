//! Benchmark of a batch photo import: 200 camera-sized JPEGs (3000×2000, about 4 MB each, noisy
//! like a real scalp close-up) imported for one client with thumbnails, as a drag-and-drop of a
//! folder would. The images are generated into a temporary folder first; only the import is timed.
//!
//! `cargo bench --bench photos` — count via HAIRLINE_BENCH_PHOTOS (default 200).

use hairline::*;
use image::codecs::jpeg::JpegEncoder;
use image::{Rgb, RgbImage};
use std::path::{Path, PathBuf};
use std::time::Instant;

const WIDTH: u32 = 3000;
const HEIGHT: u32 = 2000;

/// A smooth skin-and-hair gradient with per-pixel noise, so the JPEG is as large as a phone's.
fn camera_jpeg(seed: u64) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut noise = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 56) as i32 - 128
    };
    let image = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let base = [
            150 + (x * 60 / WIDTH) as i32,
            110 + (y * 50 / HEIGHT) as i32,
            90 + ((x + y) * 40 / (WIDTH + HEIGHT)) as i32,
        ];
        let n = noise() / 2;
        Rgb(base.map(|c| (c + n).clamp(0, 255) as u8))
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 92)
        .encode_image(&image)
        .unwrap();
    out
}

fn generate(folder: &Path, count: u32) -> Vec<PathBuf> {
    std::fs::create_dir_all(folder).unwrap();
    (0..count)
        .map(|i| {
            let path = folder.join(format!("IMG_{i:04}.jpg"));
            std::fs::write(&path, camera_jpeg(u64::from(i) + 1)).unwrap();
            path
        })
        .collect()
}

fn main() {
    let count: u32 = std::env::var("HAIRLINE_BENCH_PHOTOS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let files = generate(&dir.path().join("camera"), count);
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .sum();
    println!(
        "generated {count} JPEGs of {WIDTH}×{HEIGHT}, {:.1} MB each on average, in {:.1} s (not timed below)",
        bytes as f64 / f64::from(count) / 1e6,
        started.elapsed().as_secs_f64()
    );

    let clock = FixedClock::on("2026-06-15".parse().unwrap());
    let mut practice = Practice::open(dir.path().join("clinic.sqlite"), clock).unwrap();
    let staff = practice
        .create_staff(
            Actor::System,
            &StaffInput {
                name: "Bench Practitioner".into(),
                role: Some(StaffRole::Practitioner),
            },
        )
        .unwrap();
    let actor = Actor::Staff(staff.id);
    let client = practice
        .create_client(
            actor,
            &ClientInput {
                phone: "07700 900000".into(),
                ..ClientInput::named("Bench", "Client")
            },
        )
        .unwrap();
    let store = PhotoStore::new(dir.path().join("photos"));
    let items: Vec<PhotoImportItem> = files
        .into_iter()
        .enumerate()
        .map(|(i, path)| PhotoImportItem {
            path,
            details: PhotoDetails {
                client_id: client.id,
                session_id: None,
                view: PhotoView::ALL[i % PhotoView::ALL.len()],
                taken_on: None,
                notes: String::new(),
                consent_use: PhotoUse::ClinicalOnly,
            },
        })
        .collect();

    let started = Instant::now();
    let mut slowest_gap = 0.0f64;
    let mut last = Instant::now();
    let outcomes = practice.import_photos(actor, &store, &items, |_| {
        slowest_gap = slowest_gap.max(last.elapsed().as_secs_f64());
        last = Instant::now();
    });
    let elapsed = started.elapsed().as_secs_f64();
    let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
    assert_eq!(failed, 0, "every generated photo imports");
    println!(
        "import {count} photos with thumbnails ({} worker threads): {elapsed:.1} s total, {:.0} ms per photo, longest wait between progress reports {:.0} ms",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        elapsed * 1000.0 / f64::from(count),
        slowest_gap * 1000.0
    );
    let timeline_started = Instant::now();
    let timeline = practice.photo_timeline(&store, client.id).unwrap();
    let shown: usize = timeline.iter().map(|v| v.photos.len()).sum();
    println!(
        "timeline of {shown} photos with every file re-hashed: {:.0} ms",
        timeline_started.elapsed().as_secs_f64() * 1000.0
    );
}
