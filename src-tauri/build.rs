//! Declares the app's own commands to Tauri's ACL, so `capabilities/main.json` can grant exactly
//! these to the main window. The names come from the core's one command table.

macro_rules! command_table {
    ($( $(#[doc = $doc:literal])* $name:ident($request:ty) -> $response:ty, $permission:ident; )*) => {
        &[$(stringify!($name)),*]
    };
}

const COMMAND_NAMES: &[&str] = include!("../src/api/table.rs");

fn main() {
    println!("cargo:rerun-if-changed=../src/api/table.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMAND_NAMES)),
    )
    .expect("failed to run tauri-build");
}
