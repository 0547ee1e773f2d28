//! The audit trail as a hash chain, so that an entry edited, deleted, inserted or moved after
//! it was written is found and named — and an erasure can still redact personal content without
//! breaking the chain (it is built over a hash of each entry's content taken when it was written).
//! The scheme is written down in `docs/AUDIT-CHAIN.md`.

use crate::error::Result;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use ts_rs::TS;

/// The chain hash before the first entry.
const GENESIS: [u8; 32] = [0; 32];

/// The content of one entry, as stored: the columns its content hash covers, in this order.
pub struct EntryContent<'a> {
    pub id: &'a str,
    pub at: &'a str,
    pub actor_id: Option<&'a str>,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub action: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    /// Who acted, in words, as they were when the entry was written ("Dana Reyes
    /// (practitioner)"); absent from entries written before sign-in existed.
    pub actor_label: Option<&'a str>,
}

/// SHA-256 of an entry's canonical content: a domain tag, then each column in a fixed order as
/// a NULL marker (0) or a present marker (1), its length (8 bytes, big-endian) and its UTF-8.
/// An entry with an actor label is content v2 (its own tag, the label as a ninth column); one
/// without is content v1, as written before labels existed.
pub fn content_hash(entry: &EntryContent<'_>) -> [u8; 32] {
    hash_fields([
        Some(entry.id.as_bytes()),
        Some(entry.at.as_bytes()),
        entry.actor_id.map(str::as_bytes),
        Some(entry.entity.as_bytes()),
        Some(entry.entity_id.as_bytes()),
        Some(entry.action.as_bytes()),
        entry.before.map(str::as_bytes),
        entry.after.map(str::as_bytes),
        entry.actor_label.map(str::as_bytes),
    ])
}

/// How many content columns an entry has (v2: with the actor label).
const FIELDS: usize = 9;

/// The content hash over the fields' bytes, in [`EntryContent`]'s order.
fn hash_fields(fields: [Option<&[u8]>; FIELDS]) -> [u8; 32] {
    let mut hash = Sha256::new();
    let hashed = if fields[FIELDS - 1].is_some() {
        hash.update(b"hairline audit entry v2\0");
        &fields[..]
    } else {
        hash.update(b"hairline audit entry v1\0");
        &fields[..FIELDS - 1]
    };
    for field in hashed {
        match field {
            None => hash.update([0u8]),
            Some(bytes) => {
                hash.update([1u8]);
                hash.update((bytes.len() as u64).to_be_bytes());
                hash.update(bytes);
            }
        }
    }
    hash.finalize().into()
}

/// The content hash of a stored row whose content columns start at `from`, read without copying.
fn stored_content_hash(row: &rusqlite::Row<'_>, from: usize) -> rusqlite::Result<[u8; 32]> {
    let mut values = [ValueRef::Null; FIELDS];
    for (i, value) in values.iter_mut().enumerate() {
        *value = row.get_ref(from + i)?;
    }
    if values
        .iter()
        .all(|v| matches!(v, ValueRef::Null | ValueRef::Text(_)))
    {
        return Ok(hash_fields(values.map(|v| match v {
            ValueRef::Text(t) => Some(t),
            _ => None,
        })));
    }
    // A value stored as another type than text (only by tampering): hashed as its marked text.
    let texts: Vec<Option<String>> = values.iter().map(|v| text_of(*v)).collect();
    let mut fields: [Option<&[u8]>; FIELDS] = [None; FIELDS];
    for (field, text) in fields.iter_mut().zip(&texts) {
        *field = text.as_deref().map(str::as_bytes);
    }
    Ok(hash_fields(fields))
}

/// The content hash of entry `id` as it is stored now (after a redaction, say).
pub(crate) fn current_content_hash(conn: &Connection, id: &str) -> rusqlite::Result<[u8; 32]> {
    conn.prepare_cached(&format!(
        "SELECT {CONTENT_COLUMNS} FROM audit_log WHERE id = ?1"
    ))?
    .query_row([id], |r| stored_content_hash(r, 0))
}

/// SHA-256 linking entry `seq` (with content hash `content`) to the chain hash before it.
pub fn link_hash(previous: &[u8; 32], seq: u64, content: &[u8; 32]) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(b"hairline audit chain v1\0");
    hash.update(previous);
    hash.update(seq.to_be_bytes());
    hash.update(content);
    hash.finalize().into()
}

/// A hash as it is stored: 64 lower-case hex digits.
pub fn to_hex(bytes: &[u8; 32]) -> String {
    hex::encode(bytes)
}

/// A stored hash read back; `None` unless it is exactly 64 hex digits.
fn from_hex(text: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(text, &mut out).ok()?;
    Some(out)
}

/// The last link of the chain: its sequence number and chain hash (0 and the genesis hash for
/// an empty trail).
pub(crate) fn head(conn: &Connection) -> Result<(u64, [u8; 32])> {
    Ok(head_of(conn)?)
}

fn head_of(conn: &Connection) -> rusqlite::Result<(u64, [u8; 32])> {
    let last: Option<(i64, String)> = conn
        .prepare_cached(
            "SELECT seq, chain_hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match last {
        None => (0, GENESIS),
        Some((seq, hash)) => (seq as u64, from_hex(&hash).unwrap_or(GENESIS)),
    })
}

/// Chains the entries written before the chain existed (no `seq` yet), in the order they were
/// written, after the last chained one. Run by the migration that adds the chain.
pub(crate) fn seal_unchained(conn: &Connection) -> rusqlite::Result<usize> {
    let (mut seq, mut previous) = head_of(conn)?;
    let rows: Vec<(i64, [Option<String>; FIELDS])> = conn
        .prepare(&format!(
            "SELECT rowid, {V1_CONTENT_COLUMNS}, NULL FROM audit_log WHERE seq IS NULL ORDER BY at, rowid"
        ))?
        .query_map([], |r| Ok((r.get(0)?, content_row(r, 1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare(
        "UPDATE audit_log SET seq = ?2, content_hash = ?3, chain_hash = ?4 WHERE rowid = ?1",
    )?;
    for (rowid, fields) in &rows {
        seq += 1;
        let content = content_hash(&as_content(fields));
        previous = link_hash(&previous, seq, &content);
        update.execute(rusqlite::params![
            rowid,
            seq as i64,
            to_hex(&content),
            to_hex(&previous)
        ])?;
    }
    Ok(rows.len())
}

/// The content columns, in [`EntryContent`]'s order.
const CONTENT_COLUMNS: &str =
    "id, at, actor_id, entity, entity_id, action, before, after, actor_label";
/// The content columns entries had before actor labels (the chain's own migration reads these:
/// the label column is added later).
const V1_CONTENT_COLUMNS: &str = "id, at, actor_id, entity, entity_id, action, before, after";

/// A column as the text its hash covers; a value SQLite holds as another type is hashed as its
/// text form with a marker, so a changed type changes the hash.
fn text_of(value: ValueRef<'_>) -> Option<String> {
    match value {
        ValueRef::Null => None,
        ValueRef::Text(t) => Some(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Integer(i) => Some(format!("\u{0}int:{i}")),
        ValueRef::Real(f) => Some(format!("\u{0}real:{f}")),
        ValueRef::Blob(b) => Some(format!("\u{0}blob:{}", String::from_utf8_lossy(b))),
    }
}

fn content_row(row: &rusqlite::Row<'_>, from: usize) -> rusqlite::Result<[Option<String>; FIELDS]> {
    let mut out: [Option<String>; FIELDS] = Default::default();
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = text_of(row.get_ref(from + i)?);
    }
    Ok(out)
}

fn as_content(fields: &[Option<String>; FIELDS]) -> EntryContent<'_> {
    let text = |i: usize| fields[i].as_deref().unwrap_or("");
    EntryContent {
        id: text(0),
        at: text(1),
        actor_id: fields[2].as_deref(),
        entity: text(3),
        entity_id: text(4),
        action: text(5),
        before: fields[6].as_deref(),
        after: fields[7].as_deref(),
        actor_label: fields[8].as_deref(),
    }
}

/// The action of the entry that records an erasure's redactions, and its entity.
pub(crate) const REDACT_ACTION: &str = "redact";
pub(crate) const REDACT_ENTITY: &str = "audit_log";

/// What a redaction entry records about each entry it redacted: its place and the hash of its
/// content as the redaction left it.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Redacted {
    pub seq: u64,
    pub redacted_hash: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct RedactionRecord {
    pub entries: Vec<Redacted>,
}

/// The first entry of the trail that does not match the chain, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChainBreak {
    /// The entry's place in the chain (`seq`), when it has one.
    #[ts(type = "number | null")]
    pub seq: Option<u64>,
    /// The entry's id.
    pub entry_id: String,
    /// What does not match, in words.
    pub detail: String,
}

/// The outcome of verifying the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChainReport {
    #[ts(type = "number")]
    pub entries: u64,
    #[ts(type = "number")]
    pub redacted: u64,
    /// `None` when every entry matches.
    pub first_break: Option<ChainBreak>,
}

/// Verifies the whole chain, oldest entry first: each entry's place, its content against the
/// hash taken when it was written (or, once redacted, against the hash its redaction recorded),
/// and its link to the entry before. Stops at the first entry that does not match, naming it.
pub fn verify(conn: &Connection) -> Result<ChainReport> {
    // The redaction records first: they come later in the chain than the entries they cover.
    let mut redactions: HashMap<u64, String> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT after FROM audit_log WHERE action = ?1 AND entity = ?2 ORDER BY seq",
        )?;
        let mut rows = stmt.query([REDACT_ACTION, REDACT_ENTITY])?;
        while let Some(row) = rows.next()? {
            let after: Option<String> = row.get(0)?;
            if let Some(record) =
                after.and_then(|a| serde_json::from_str::<RedactionRecord>(&a).ok())
            {
                for entry in record.entries {
                    redactions.insert(entry.seq, entry.redacted_hash);
                }
            }
        }
    }
    // A file from before actor labels (a backup taken before that migration) has none to hash.
    let labelled: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'actor_label')",
        [],
        |r| r.get(0),
    )?;
    let columns = if labelled {
        CONTENT_COLUMNS.to_owned()
    } else {
        format!("{V1_CONTENT_COLUMNS}, NULL")
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT seq, content_hash, chain_hash, redacted_at, {columns} FROM audit_log
         ORDER BY seq IS NULL, seq, rowid"
    ))?;
    let mut rows = stmt.query([])?;
    let (mut previous, mut expected, mut redacted) = (GENESIS, 1u64, 0u64);
    let mut count = 0u64;
    while let Some(row) = rows.next()? {
        count += 1;
        let seq: Option<i64> = row.get(0)?;
        let is_redacted = row.get_ref(3)? != ValueRef::Null;
        let now = stored_content_hash(row, 4)?;
        let written = match row.get_ref(1)? {
            ValueRef::Text(t) => std::str::from_utf8(t).ok().and_then(from_hex),
            _ => None,
        };
        let stored_chain = match row.get_ref(2)? {
            ValueRef::Text(t) => std::str::from_utf8(t).ok().and_then(from_hex),
            _ => None,
        };
        // Words for the entry that breaks the chain; built only then.
        let report = move |what: &str| -> Result<ChainReport> {
            let fields = content_row(row, 4)?;
            let content = as_content(&fields);
            let name = format!(
                "audit entry #{} ({} {} {} at {})",
                seq.map_or("?".into(), |s| s.to_string()),
                content.entity,
                content.action,
                content.id,
                content.at
            );
            Ok(broken_at(
                count,
                redacted,
                ChainBreak {
                    seq: seq.map(|s| s as u64),
                    entry_id: content.id.to_owned(),
                    detail: format!("{name} {what}"),
                },
            ))
        };
        let Some(seq) = seq else {
            return report("has no place in the chain");
        };
        let seq = seq as u64;
        if seq != expected {
            return report(&if seq - expected == 1 {
                format!("follows a gap: entry #{expected} is missing before it (deleted?)")
            } else {
                format!(
                    "follows a gap: entries #{expected}–#{} are missing before it (deleted?)",
                    seq - 1
                )
            });
        }
        let Some(written) = written else {
            return report("has no content hash");
        };
        if !is_redacted {
            if now != written {
                return report(
                    "was changed after it was written (its content does not match its hash)",
                );
            }
        } else {
            match redactions.get(&seq) {
                Some(hash) if *hash == to_hex(&now) => {}
                Some(_) => return report("was changed after it was redacted"),
                None => return report("is marked redacted but no redaction entry records it"),
            }
            redacted += 1;
        }
        let link = link_hash(&previous, seq, &written);
        if stored_chain != Some(link) {
            return report(
                "does not link to the entry before it (an entry was inserted, removed or moved)",
            );
        }
        previous = link;
        expected += 1;
    }
    Ok(ChainReport {
        entries: count,
        redacted,
        first_break: None,
    })
}

fn broken_at(entries: u64, redacted: u64, first_break: ChainBreak) -> ChainReport {
    ChainReport {
        entries,
        redacted,
        first_break: Some(first_break),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'a>(after: Option<&'a str>) -> EntryContent<'a> {
        EntryContent {
            id: "a",
            at: "2026-06-15T12:00:00Z",
            actor_id: None,
            entity: "client",
            entity_id: "c",
            action: "create",
            before: None,
            after,
            actor_label: None,
        }
    }

    #[test]
    fn the_actor_label_is_hashed_and_cannot_be_dropped() {
        let labelled = EntryContent {
            actor_label: Some("Dana Reyes (practitioner)"),
            ..entry(None)
        };
        let renamed = EntryContent {
            actor_label: Some("Dana Smith (practitioner)"),
            ..entry(None)
        };
        assert_ne!(content_hash(&labelled), content_hash(&renamed));
        assert_ne!(content_hash(&labelled), content_hash(&entry(None)));
        let empty = EntryContent {
            actor_label: Some(""),
            ..entry(None)
        };
        assert_ne!(content_hash(&empty), content_hash(&entry(None)));
    }

    #[test]
    fn null_and_empty_text_hash_differently_and_fields_cannot_slide() {
        assert_ne!(content_hash(&entry(None)), content_hash(&entry(Some(""))));
        let mut moved = entry(None);
        moved.entity = "clientc";
        moved.entity_id = "";
        assert_ne!(content_hash(&entry(None)), content_hash(&moved));
    }

    #[test]
    fn hex_round_trips() {
        let hash = content_hash(&entry(Some("{}")));
        assert_eq!(from_hex(&to_hex(&hash)), Some(hash));
        assert_eq!(from_hex("zz"), None);
        // A sign is not a hex digit (as `u8::from_str_radix` would have it).
        assert_eq!(from_hex(&"+f".repeat(32)), None);
    }
}
