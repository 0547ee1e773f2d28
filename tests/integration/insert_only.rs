//! Insert-only means insert-only: signed sessions and their zones, amendments, signed consents,
//! consent template versions and audit entries resist every statement kind a plain SQLite
//! connection can run — INSERT OR REPLACE, REPLACE, UPSERT … DO UPDATE, UPDATE (OR REPLACE),
//! DELETE, explicit rowids — whether `recursive_triggers` is on or off; and the erasure guard
//! cannot be opened without recording an erasure.

use crate::support::*;
use hairline::*;
use rusqlite::Connection;

/// A practice holding one of every protected record, and the ids to aim at.
struct Protected {
    clinic: Clinic,
    session: String,
    draft: String,
    amendment: String,
    consent: String,
    withdrawal: String,
    template_version: String,
    audit: String,
}

fn protected() -> Protected {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    let session = clinic.record(plan.id, 1, "2026-06-01");
    let actor = clinic.actor();
    let session = clinic.practice.sign_session(actor, session.id).unwrap();
    let draft = clinic.record(plan.id, 2, "2026-06-14");
    let amendment = clinic
        .practice
        .amend_session(actor, session.id, "Crown depth was 0.9 mm.")
        .unwrap();
    let consent = clinic.sign(client.id, ConsentKind::Photo, &[]);
    let withdrawal = clinic
        .practice
        .withdraw_consent(
            actor,
            consent.id,
            &WithdrawConsentInput {
                reason: "Changed my mind".into(),
                client_signature: None,
            },
        )
        .unwrap();
    let audit = clinic.practice.audit_trail(&client.id).unwrap()[0]
        .id
        .to_string();
    Protected {
        session: session.id.to_string(),
        draft: draft.id.to_string(),
        amendment: amendment.id.to_string(),
        consent: consent.id.to_string(),
        withdrawal: withdrawal.id.to_string(),
        template_version: consent.template_version_id.to_string(),
        audit,
        clinic,
    }
}

/// Every protected row, as text, to compare before and after.
fn snapshot(conn: &Connection) -> Vec<String> {
    let mut out = Vec::new();
    for table in [
        "sessions",
        "session_zones",
        "amendments",
        "consents",
        "consent_template_versions",
        "audit_log",
        "erasure_ledger",
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        out.extend(rows.map(|r| format!("{table}: {}", r.unwrap())));
    }
    out
}

/// The table's stored columns (generated ones aside), for statements that copy a row.
fn columns(conn: &Connection, table: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT name FROM pragma_table_xinfo('{table}') WHERE hidden = 0"
        ))
        .unwrap();
    let names = stmt.query_map([], |r| r.get(0)).unwrap();
    names.map(|n| n.unwrap()).collect()
}

/// `verb INTO table (cols) SELECT cols FROM table WHERE id = ?1`, with `changes` applied to the
/// copied values (a column name and the SQL expression it gets instead).
fn copy_row(
    conn: &Connection,
    verb: &str,
    table: &str,
    key: &str,
    changes: &[(&str, &str)],
    tail: &str,
) -> String {
    let cols = columns(conn, table);
    let values: Vec<String> = cols
        .iter()
        .map(|c| {
            changes
                .iter()
                .find(|(name, _)| name == c)
                .map_or(c.clone(), |(_, v)| v.to_string())
        })
        .collect();
    format!(
        "{verb} INTO {table} ({}) SELECT {} FROM {table} WHERE {key} = ?1 {tail}",
        cols.join(", "),
        values.join(", ")
    )
}

/// Every statement kind against `table`'s row `id` (keyed by `key`), changing `column`.
fn attacks(conn: &Connection, table: &str, key: &str, column: &str) -> Vec<String> {
    let tampered = [(column, "'tampered'")];
    let with_rowid = |verb: &str| {
        let mut cols = vec!["rowid".to_string()];
        cols.extend(columns(conn, table));
        let values: Vec<String> = cols
            .iter()
            .map(|c| match c.as_str() {
                "rowid" => "rowid".into(),
                c if c == key => "'00000000-0000-7000-8000-000000000000'".into(),
                c if c == column => "'tampered'".into(),
                "seq" => "seq + 1000000".into(),
                c => c.to_string(),
            })
            .collect();
        format!(
            "{verb} INTO {table} ({}) SELECT {} FROM {table} WHERE {key} = ?1",
            cols.join(", "),
            values.join(", ")
        )
    };
    vec![
        copy_row(conn, "INSERT OR REPLACE", table, key, &tampered, ""),
        copy_row(conn, "REPLACE", table, key, &tampered, ""),
        copy_row(
            conn,
            "INSERT",
            table,
            key,
            &[],
            &format!("AND true ON CONFLICT DO UPDATE SET {column} = 'tampered'"),
        ),
        with_rowid("INSERT OR REPLACE"),
        format!("UPDATE {table} SET {column} = 'tampered' WHERE {key} = ?1"),
        format!("UPDATE OR REPLACE {table} SET {column} = 'tampered' WHERE {key} = ?1"),
        format!("DELETE FROM {table} WHERE {key} = ?1"),
    ]
}

fn refuses_everything(recursive_triggers: bool) {
    let p = protected();
    let conn = Connection::open(p.clinic.path()).unwrap();
    conn.pragma_update(None, "recursive_triggers", recursive_triggers)
        .unwrap();
    let before = snapshot(&conn);
    let mut tried = 0;
    let mut run = |sql: &str, id: &str| {
        tried += 1;
        // Refused by a trigger (SQLITE_CONSTRAINT_TRIGGER), not by a mistake in the statement.
        match conn.execute(sql, [id]) {
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.extended_code == 1811 => {}
            other => panic!("recursive_triggers={recursive_triggers}: {sql} gave {other:?}"),
        }
    };
    for (table, key, column, id) in [
        ("sessions", "id", "notes", &p.session),
        ("amendments", "id", "text", &p.amendment),
        ("consents", "id", "reason", &p.consent),
        ("consents", "id", "reason", &p.withdrawal),
        (
            "consent_template_versions",
            "id",
            "body",
            &p.template_version,
        ),
        ("audit_log", "id", "after", &p.audit),
    ] {
        for sql in attacks(&conn, table, key, column) {
            run(&sql, id);
        }
    }
    // Keys besides the id: a signed session's (plan, number), a withdrawal's consent, a
    // template's (template, version) — each taken over by a new row or by an updated draft.
    let fresh = "'00000000-0000-7000-8000-000000000001'";
    for sql in [
        copy_row(
            &conn,
            "INSERT OR REPLACE",
            "sessions",
            "id",
            &[("id", fresh)],
            "",
        ),
        copy_row(
            &conn,
            "INSERT OR REPLACE",
            "consents",
            "id",
            &[("id", fresh)],
            "",
        ),
        copy_row(
            &conn,
            "INSERT OR REPLACE",
            "consent_template_versions",
            "id",
            &[("id", fresh)],
            "",
        ),
    ] {
        let id = if sql.contains("INTO sessions") {
            &p.session
        } else if sql.contains("INTO consents") {
            &p.withdrawal
        } else {
            &p.template_version
        };
        run(&sql, id);
    }
    run(
        "UPDATE OR REPLACE sessions SET number = 1 WHERE id = ?1",
        &p.draft,
    );
    run(
        "UPDATE OR REPLACE sessions SET rowid = (SELECT rowid FROM sessions WHERE number = 1) WHERE id = ?1",
        &p.draft,
    );
    // Zones of the signed session.
    for sql in [
        "UPDATE session_zones SET depth_mm = 2.5 WHERE session_id = ?1",
        "DELETE FROM session_zones WHERE session_id = ?1",
        "INSERT OR REPLACE INTO session_zones SELECT session_id, position, zone, needle_id, cartridge_lot, 2.5,
            target_layer, angle_deg, machine_speed, stroke_mm, pigment_lot_id, dilution, density
            FROM session_zones WHERE session_id = ?1",
    ] {
        run(sql, &p.session);
    }
    // The guard opens only for a client in the (insert-only) erasure ledger.
    run(
        "INSERT INTO erasure_guard (client_id) SELECT client_id FROM sessions WHERE id = ?1",
        &p.session,
    );
    assert!(tried > 45, "{tried} statements tried");
    assert_eq!(snapshot(&conn), before, "nothing changed");
    drop(conn);
    let mut clinic = p.clinic;
    clinic.reopen();
    assert!(clinic.practice.full_check().ok);
}

#[test]
fn a_plain_connection_changes_no_protected_row_with_recursive_triggers_off() {
    refuses_everything(false);
}

#[test]
fn a_plain_connection_changes_no_protected_row_with_recursive_triggers_on() {
    refuses_everything(true);
}

#[test]
fn drafts_are_still_edited_signed_and_discarded_and_new_rows_added() {
    let mut p = protected();
    let conn = Connection::open(p.clinic.path()).unwrap();
    conn.execute(
        "UPDATE sessions SET notes = 'draft note' WHERE id = ?1",
        [&p.draft],
    )
    .unwrap();
    drop(conn);
    let actor = p.clinic.actor();
    let draft: SessionId = p.draft.parse().unwrap();
    assert_eq!(
        p.clinic.practice.session(draft).unwrap().notes,
        "draft note"
    );
    p.clinic.practice.sign_session(actor, draft).unwrap();
    p.clinic
        .practice
        .amend_session(actor, draft, "A second amendment")
        .unwrap();
    assert!(p.clinic.practice.full_check().ok);
}

#[test]
fn a_ledger_entry_cannot_be_removed_and_a_guard_left_open_is_reported() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let actor = clinic.actor();
    clinic
        .practice
        .erase_client(actor, client.id, "Ana Lopez")
        .unwrap();
    let conn = Connection::open(clinic.path()).unwrap();
    let id = client.id.to_string();
    for sql in [
        "DELETE FROM erasure_ledger WHERE client_id = ?1",
        "UPDATE erasure_ledger SET erased_on = '2000-01-01' WHERE client_id = ?1",
        "INSERT OR REPLACE INTO erasure_ledger VALUES (?1, '2000-01-01')",
    ] {
        assert!(conn.execute(sql, [&id]).is_err(), "{sql}");
    }
    // Someone opens the guard for the erased client and leaves it: the check says so.
    conn.execute("INSERT INTO erasure_guard VALUES (?1)", [&id])
        .unwrap();
    drop(conn);
    let report = clinic.practice.full_check();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.check == IntegrityCheckKind::AuditTrail && p.detail.contains("guard")),
        "{report:?}"
    );
}
