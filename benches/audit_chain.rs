//! Benchmark: verifying the audit trail's hash chain end to end (default 1,000,000 entries of a
//! realistic size), as the weekly check, the app's "Check database" and `hairline check` do.
//!
//! `cargo bench --bench audit_chain` — size via HAIRLINE_BENCH_AUDIT_ENTRIES. The generated
//! database is kept in `target/bench/` and reused by later runs of the same size.

use hairline::db::audit_chain::{content_hash, link_hash, to_hex, EntryContent};
use hairline::*;
use std::path::PathBuf;
use std::time::Instant;

fn entries() -> u64 {
    std::env::var("HAIRLINE_BENCH_AUDIT_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}

/// A practice whose trail holds `n` chained entries, each a client update with a snapshot of
/// about 600 bytes before and after (what a real client edit writes).
fn practice_with(n: u64) -> Practice {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("audit-chain-{n}.sqlite"));
    let clock = FixedClock::on("2026-06-15".parse().unwrap());
    if path.exists() {
        return Practice::open(&path, clock).unwrap();
    }
    let practice = Practice::open(&path, clock).unwrap();
    let conn = practice.raw_connection();
    let (mut seq, mut previous): (u64, [u8; 32]) = (0, [0; 32]);
    let existing: Vec<(u64, String)> = conn
        .prepare("SELECT seq, chain_hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        .unwrap()
        .query_map([], |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    if let Some((last, hash)) = existing.first() {
        seq = *last;
        for (i, byte) in previous.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hash[2 * i..2 * i + 2], 16).unwrap();
        }
    }
    conn.execute_batch("BEGIN").unwrap();
    let mut insert = conn
        .prepare(
            "INSERT INTO audit_log (id, at, actor_id, entity, entity_id, action, before, after,
                seq, content_hash, chain_hash, actor_label)
             VALUES (?1, ?2, NULL, 'client', ?3, 'update', ?4, ?5, ?6, ?7, ?8, 'Hairline')",
        )
        .unwrap();
    for i in 0..n {
        seq += 1;
        let id = format!("bench-{i:012}");
        let entity_id = format!("client-{:08}", i % 50_000);
        let at = "2026-06-15 12:00:00+00:00";
        let snapshot = |v: u64| {
            format!(
                r#"{{"id":"{entity_id}","number":{},"first_name":"Ana","last_name":"Lopez","phone":"07700 900{:03}","email":"ana{}@example.org","address":"{} High Street, Leeds","notes":"Prefers mornings; sensitive crown; follow the usual aftercare sheet and call before the session.","contraindications":[],"medications":"","allergies":"","version":{v}}}"#,
                i % 50_000,
                i % 1000,
                i,
                i % 200
            )
        };
        let (before, after) = (snapshot(i), snapshot(i + 1));
        let content = content_hash(&EntryContent {
            id: &id,
            at,
            actor_id: None,
            entity: "client",
            entity_id: &entity_id,
            action: "update",
            before: Some(&before),
            after: Some(&after),
            actor_label: Some("Hairline"),
        });
        previous = link_hash(&previous, seq, &content);
        insert
            .execute(rusqlite::params![
                id,
                at,
                entity_id,
                before,
                after,
                seq as i64,
                to_hex(&content),
                to_hex(&previous)
            ])
            .unwrap();
    }
    drop(insert);
    conn.execute_batch("COMMIT").unwrap();
    practice
}

fn main() {
    let n = entries();
    let start = Instant::now();
    let practice = practice_with(n);
    println!(
        "audit chain: {n} entries ready in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    let mut samples = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let report = practice.verify_audit_chain().unwrap();
        samples.push(start.elapsed().as_secs_f64());
        assert_eq!(report.first_break, None);
        assert!(report.entries >= n);
    }
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "verify the whole audit chain ({n} entries)       best {:.2} s   median {:.2} s   ({:.2} µs per entry)",
        samples[0],
        samples[1],
        samples[1] * 1e6 / n as f64
    );
}
