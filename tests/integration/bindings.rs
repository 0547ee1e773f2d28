//! The UI's TypeScript types must match the Rust types: stale bindings fail the tests.
//! `UPDATE_BINDINGS=1 cargo test --test integration bindings` rewrites them. (The desktop shell
//! checks the whole folder, its own types included, and flags files no type produces.)

use hairline::bindings::{core_bindings, stale_bindings, write_bindings};
use std::path::Path;

#[test]
fn committed_typescript_bindings_match_the_core_types() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings");
    let files = core_bindings();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        write_bindings(&dir, &files).unwrap();
    }
    let stale = stale_bindings(&dir, &files);
    assert!(
        stale.is_empty(),
        "TypeScript bindings are stale ({}); run UPDATE_BINDINGS=1 cargo test --test integration bindings",
        stale.join(", ")
    );
}
