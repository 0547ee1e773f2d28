//! The UI's TypeScript types and the desktop's capability must match the Rust side: stale
//! bindings, a file no type produces, or a capability that is not exactly the command table
//! fail the tests. `UPDATE_BINDINGS=1 cargo test --test integration bindings` rewrites them.

use hairline::api::typescript::{all_bindings, wire_fingerprint};
use hairline::api::{API_FINGERPRINT, COMMANDS};
use hairline::bindings::{stale_bindings, unexpected_bindings, write_bindings};
use std::path::Path;

const REGENERATE: &str = "run UPDATE_BINDINGS=1 cargo test --test integration bindings";

#[test]
fn committed_typescript_bindings_match_the_core_types_and_the_command_table() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings");
    let files = all_bindings();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        write_bindings(&dir, &files).unwrap();
        for stale in unexpected_bindings(&dir, &files) {
            let name = stale.split(' ').next().unwrap();
            std::fs::remove_file(dir.join(name)).unwrap();
        }
    }
    let mut problems = stale_bindings(&dir, &files);
    problems.extend(unexpected_bindings(&dir, &files));
    assert!(
        problems.is_empty(),
        "TypeScript bindings are stale ({}); {REGENERATE}",
        problems.join(", ")
    );
}

/// Beyond the app's own commands, the window may only listen to its progress events. It opens
/// no dialog itself: the shell opens the one a command needs (the dialog plugin's own commands
/// would also add the chosen file to the web view's asset scope).
const NARROW: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten"];

/// The main window's capability grants exactly the commands of the table, in its order.
#[test]
fn the_capability_grants_exactly_the_command_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities/main.json");
    let mut capability: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let expected: Vec<String> = COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.name.replace('_', "-")))
        .collect();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let mut permissions: Vec<serde_json::Value> =
            expected.iter().map(|p| p.as_str().into()).collect();
        permissions.extend(NARROW.iter().map(|p| (*p).into()));
        capability["permissions"] = permissions.into();
        let text = serde_json::to_string_pretty(&capability).unwrap() + "\n";
        std::fs::write(&path, text).unwrap();
    }
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    let granted: Vec<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect();
    let (own, others): (Vec<String>, Vec<String>) =
        granted.into_iter().partition(|p| p.starts_with("allow-"));
    assert_eq!(own, expected, "the capability is stale; {REGENERATE}");
    for permission in &others {
        assert!(
            NARROW.contains(&permission.as_str()),
            "{permission} is broader than the UI needs"
        );
    }
}

/// What a workstation and a clinic server exchange changes only by a decision about
/// `api::API_VERSION`: this fails until `api::API_FINGERPRINT` is set again.
#[test]
fn a_change_to_the_command_table_is_a_decision_about_the_api_version() {
    let now = wire_fingerprint();
    assert_eq!(
        now, API_FINGERPRINT,
        "The command table or a type it carries changed. If a workstation and a clinic server \
         of the versions before and after would misread each other, raise \
         hairline::api::API_VERSION; then set hairline::api::API_FINGERPRINT to \"{now}\""
    );
}
