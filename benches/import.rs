//! Benchmark of the CSV client import: 10,000 rows (quoted notes, day-first dates, BOM, CRLF)
//! into an empty practice on a real file, checked and written in one transaction.
//!
//! `cargo bench --bench import` — size via HAIRLINE_BENCH_IMPORT_ROWS. Target: under 2 s.

use hairline::*;
use std::time::Instant;

fn csv(rows: u32) -> String {
    let mut text =
        String::from("\u{feff}First Name,Last Name,Date of birth,Mobile,Email,Notes\r\n");
    for i in 0..rows {
        text.push_str(&format!(
            "Client{i},\"Surname {i}, Jr\",{:02}/{:02}/{},07700 {:06},client{i}@example.com,\"Imported note {i}\r\nsecond line\"\r\n",
            1 + i % 28,
            1 + i % 12,
            1950 + i % 50,
            i
        ));
    }
    text
}

fn main() {
    let rows: u32 = std::env::var("HAIRLINE_BENCH_IMPORT_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let text = csv(rows);
    let dir = tempfile::tempdir().unwrap();
    let mut practice = Practice::open(
        dir.path().join("import.sqlite"),
        FixedClock::on("2026-06-15".parse().unwrap()),
    )
    .unwrap();
    let start = Instant::now();
    let setup = read_import_setup(&text).unwrap();
    let request = ImportRequest {
        mapping: setup.guessed,
        decisions: vec![],
    };
    let report = practice
        .import_clients(Actor::System, &text, &request, &mut |_| {})
        .unwrap();
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!(
        report.status,
        ImportStatus::Imported,
        "{:?}",
        report.problems.first()
    );
    assert_eq!(report.imported, rows);
    let verdict = if seconds < 2.0 { "ok" } else { "OVER TARGET" };
    println!(
        "import {rows} CSV rows into an empty practice: {seconds:.3} s   target < 2 s  {verdict}"
    );
}
