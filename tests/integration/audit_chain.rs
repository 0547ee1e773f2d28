//! The audit trail's hash chain: it verifies as written and after an erasure's redactions; an
//! entry edited, deleted, inserted or moved — by someone who got past the triggers — is found and
//! named, by the practice's full check and by `hairline check`'s file check alike.

use crate::support::*;
use hairline::*;
use rusqlite::Connection;

/// A practice with a trail of a dozen entries or more.
fn busy_clinic() -> Clinic {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    let session = clinic.record(plan.id, 1, "2026-06-01");
    let actor = clinic.actor();
    clinic.practice.sign_session(actor, session.id).unwrap();
    clinic.client("Ben", "Okafor");
    clinic
}

/// A plain connection with the audit trail's triggers dropped: what an attacker with
/// `DROP TRIGGER` could do.
fn attacker(clinic: &Clinic) -> Connection {
    let conn = Connection::open(clinic.path()).unwrap();
    conn.execute_batch(
        "DROP TRIGGER audit_insert_chained; DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;",
    )
    .unwrap();
    conn
}

fn id_at(conn: &Connection, seq: i64) -> String {
    conn.query_row("SELECT id FROM audit_log WHERE seq = ?1", [seq], |r| {
        r.get(0)
    })
    .unwrap()
}

/// The first break the practice finds, and that the file check reports it too.
fn first_break(clinic: &Clinic) -> ChainBreak {
    let report = clinic.practice.verify_audit_chain().unwrap();
    let found = report.first_break.expect("the chain is broken");
    let file = check_file(&clinic.path(), CheckDepth::Full).unwrap();
    assert!(
        file.problems.iter().any(
            |p| p.check == IntegrityCheckKind::AuditTrail && p.detail.contains(&found.entry_id)
        ),
        "{file:?}"
    );
    assert!(!clinic.practice.full_check().ok);
    found
}

#[test]
fn the_chain_verifies_as_written_and_after_an_erasures_redactions() {
    let mut clinic = busy_clinic();
    let report = clinic.practice.verify_audit_chain().unwrap();
    assert_eq!(report.first_break, None);
    assert!(report.entries >= 10, "{report:?}");
    let ana = clinic
        .practice
        .search_clients("ana", ArchiveFilter::All, 1)
        .unwrap()[0]
        .id;
    let actor = clinic.actor();
    clinic
        .practice
        .erase_client(actor, ana, "Ana Lopez")
        .unwrap();
    let report = clinic.practice.verify_audit_chain().unwrap();
    assert_eq!(report.first_break, None, "{report:?}");
    assert!(report.redacted >= 3, "{report:?}");
    assert!(clinic.practice.full_check().ok);
    assert!(check_file(&clinic.path(), CheckDepth::Full).unwrap().ok);
}

#[test]
fn an_edited_entry_is_named() {
    let clinic = busy_clinic();
    let conn = attacker(&clinic);
    conn.execute(
        "UPDATE audit_log SET after = json_set(after, '$.notes', 'edited') WHERE seq = 5",
        [],
    )
    .unwrap();
    let found = first_break(&clinic);
    assert_eq!(found.seq, Some(5));
    assert_eq!(found.entry_id, id_at(&conn, 5));
    assert!(
        found.detail.contains("changed after it was written"),
        "{found:?}"
    );
}

#[test]
fn a_deleted_entry_is_named_by_the_gap_it_leaves() {
    let clinic = busy_clinic();
    let conn = attacker(&clinic);
    let after_it = id_at(&conn, 5);
    conn.execute("DELETE FROM audit_log WHERE seq = 4", [])
        .unwrap();
    let found = first_break(&clinic);
    assert_eq!((found.seq, found.entry_id), (Some(5), after_it));
    assert!(found.detail.contains("#4 is missing"), "{}", found.detail);
}

#[test]
fn an_inserted_entry_is_named() {
    let clinic = busy_clinic();
    let conn = attacker(&clinic);
    // Make room at #4 and copy #3 there under a new id (hashes and all).
    conn.execute_batch(
        "UPDATE audit_log SET seq = seq + 1000000 WHERE seq >= 4;
         UPDATE audit_log SET seq = seq - 999999 WHERE seq > 1000000;
         INSERT INTO audit_log (id, at, actor_id, entity, entity_id, action, before, after, seq, content_hash, chain_hash)
             SELECT 'forged-entry', at, actor_id, entity, entity_id, action, before, after, 4, content_hash, chain_hash
             FROM audit_log WHERE seq = 3;",
    )
    .unwrap();
    let found = first_break(&clinic);
    assert_eq!(
        (found.seq, found.entry_id.as_str()),
        (Some(4), "forged-entry")
    );
}

#[test]
fn reordered_entries_are_named() {
    let clinic = busy_clinic();
    let conn = attacker(&clinic);
    let (third, fourth) = (id_at(&conn, 3), id_at(&conn, 4));
    conn.execute_batch(
        "UPDATE audit_log SET seq = -3 WHERE seq = 3;
         UPDATE audit_log SET seq = 3 WHERE seq = 4;
         UPDATE audit_log SET seq = 4 WHERE seq = -3;",
    )
    .unwrap();
    let found = first_break(&clinic);
    assert_eq!((found.seq, &found.entry_id), (Some(3), &fourth));
    assert_ne!(found.entry_id, third);
}

#[test]
fn a_redacted_entry_changed_afterwards_or_marked_without_a_record_is_named() {
    let mut clinic = busy_clinic();
    let ana = clinic
        .practice
        .search_clients("ana", ArchiveFilter::All, 1)
        .unwrap()[0]
        .id;
    let actor = clinic.actor();
    clinic
        .practice
        .erase_client(actor, ana, "Ana Lopez")
        .unwrap();
    let conn = attacker(&clinic);
    let redacted: i64 = conn
        .query_row(
            "SELECT min(seq) FROM audit_log WHERE redacted_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute(
        "UPDATE audit_log SET after = '{\"first_name\":\"Ana\"}' WHERE seq = ?1",
        [redacted],
    )
    .unwrap();
    let found = first_break(&clinic);
    assert_eq!(found.seq, Some(redacted as u64));
    assert!(found.detail.contains("after it was redacted"), "{found:?}");

    // Passing an unredacted entry off as redacted (to edit it) needs a redaction record.
    let clinic = busy_clinic();
    let conn = attacker(&clinic);
    conn.execute(
        "UPDATE audit_log SET after = '{}', redacted_at = 'now' WHERE seq = 2",
        [],
    )
    .unwrap();
    let found = first_break(&clinic);
    assert_eq!(found.seq, Some(2));
    assert!(found.detail.contains("no redaction entry"), "{found:?}");
}
