//! Reads run on their own connections beside the practice's one writer: a read answers while a
//! write transaction is open, sees every write committed before it, and never answers from a
//! file a restore or a recovery replaced.

use crate::desk::Desk;
use crate::upkeep::{client, clients_listed, damage_table, open, recorded};
use hairline::api::upkeep;
use serde_json::json;
use std::sync::mpsc;
use std::time::Duration;

/// While another command holds the practice in the middle of a write transaction, the client
/// list still opens (and shows only what was committed).
#[test]
fn a_read_answers_while_a_write_is_under_way() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    let (desk, _) = Desk::owner(&service, "Dana Whitfield");
    desk.call("create_client", client("Ada")).unwrap();
    service
        .with_practice(|p| {
            let writer = p.raw_connection();
            writer
                .execute_batch("BEGIN IMMEDIATE; UPDATE clients SET first_name = 'Uncommitted';")
                .unwrap();
            let (listed_tx, listed) = mpsc::channel();
            std::thread::scope(|s| {
                s.spawn(|| listed_tx.send(clients_listed(&desk)).unwrap());
                // A read queued behind the writer would never answer while it is held here.
                let answer = listed
                    .recv_timeout(Duration::from_secs(60))
                    .expect("the read answers while the write is open");
                assert_eq!(answer, ["Ada"], "only what was committed");
            });
            writer.execute_batch("ROLLBACK;").unwrap();
            Ok(())
        })
        .unwrap();
}

/// A write answered as saved is in the very next read, from whichever reader it runs on.
#[test]
fn a_read_sees_the_write_committed_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    let (desk, _) = Desk::owner(&service, "Dana Whitfield");
    let mut expected = Vec::new();
    for first in ["Ada", "Bea", "Cy", "Di", "Ed", "Flo"] {
        desk.call("create_client", client(first)).unwrap();
        expected.push(first.to_owned());
        let mut listed = clients_listed(&desk);
        listed.sort();
        assert_eq!(listed, expected);
    }
}

/// A restore puts the backup's record in place: the next read shows it, not what a reader
/// opened before the restore last saw.
#[test]
fn a_read_after_a_restore_sees_the_restored_record() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    let (desk, _) = Desk::owner(&service, "Dana Whitfield");
    desk.call("create_client", client("Ada")).unwrap();
    let backup = desk.call("back_up_now", json!({})).unwrap();
    desk.call("create_client", client("Bea")).unwrap();
    let mut before = clients_listed(&desk);
    before.sort();
    assert_eq!(before, ["Ada", "Bea"]);
    desk.call("restore_backup", json!({"path": backup["path"]}))
        .unwrap();
    assert_eq!(clients_listed(&desk), ["Ada"]);
}

/// A recovery replaces the damaged file with a backup: the readers of the damaged file are
/// closed, and the next read answers from the recovered one.
#[test]
fn a_read_after_a_recovery_sees_the_recovered_record() {
    let dir = tempfile::tempdir().unwrap();
    let service = open(dir.path());
    let (desk, _) = Desk::owner(&service, "Dana Whitfield");
    desk.call("create_client", client("Ada")).unwrap();
    desk.call("back_up_now", json!({})).unwrap();
    desk.call("create_client", client("Bea")).unwrap();
    let mut before = clients_listed(&desk);
    before.sort();
    assert_eq!(before, ["Ada", "Bea"], "read on a pooled reader");
    service.checkpoint();
    damage_table(&service.folder().database(), "needles");
    let (events, _go) = recorded();
    upkeep::at_start(&service, &events);
    assert!(service.info().upkeep.damage.is_some());

    let newest = desk.call("newest_good_backup", json!({})).unwrap();
    desk.call("recover_from_backup", json!({"path": newest["path"]}))
        .expect("recovered");
    assert_eq!(clients_listed(&desk), ["Ada"], "the recovered record");
}
