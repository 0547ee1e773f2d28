//! Every successful write tells the other screens what it changed (`changed`, through the same
//! `Events` a transport sends progress through); a read, or a write that was refused, tells
//! nothing.

use crate::desk::Desk;
use hairline::api::changes::CHANGED;
use hairline::api::{dispatch, Events, Service};
use hairline::db::data_folder::DataFolder;
use hairline::FixedClock;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

/// The events a window would have received.
#[derive(Default)]
struct Received(Mutex<Vec<(String, Value)>>);

impl Events for Received {
    fn emit(&self, name: &str, payload: Value) {
        self.0.lock().unwrap().push((name.to_owned(), payload));
    }
}

impl Received {
    fn take(&self) -> Vec<(String, Value)> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

#[test]
fn a_write_says_what_it_changed_and_a_read_says_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::on("2026-06-15".parse().unwrap()));
    let service = Service::open(DataFolder::new(dir.path()).unwrap(), clock, None);
    let (desk, _) = Desk::owner(&service, "Olive Owner");
    let events = Received::default();
    let call =
        |name: &str, request: Value| dispatch(&service, &events, &desk.handle, name, request);

    let input = serde_json::to_value(crate::support::client_input("Ana", "Lopez")).unwrap();
    let client = call("create_client", json!({ "input": input })).unwrap();
    let received = events.take();
    assert_eq!(received.len(), 1, "{received:?}");
    let (name, payload) = &received[0];
    assert_eq!(name, CHANGED);
    assert_eq!(payload["command"], "create_client");
    assert_eq!(payload["client_id"], client["id"]);
    let areas = payload["areas"].as_array().unwrap();
    assert!(areas.contains(&json!("clients")), "{areas:?}");

    call("client_record", json!({"id": client["id"]})).unwrap();
    call(
        "calendar",
        json!({"query": {"from": "2026-06-15", "days": 7}}),
    )
    .ok();
    assert!(events.take().is_empty(), "reads change nothing");

    let stale = call(
        "update_client",
        json!({"id": client["id"], "version": 99, "input": input}),
    );
    assert!(stale.is_err());
    assert!(events.take().is_empty(), "a refused write changed nothing");

    call("archive_client", json!({"id": client["id"]})).unwrap();
    let received = events.take();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].1["client_id"], client["id"]);
}
