//! Declares the app's own commands to Tauri's ACL, so `capabilities/main.json` can grant exactly
//! these to the main window. The names come from the core's one command table, and the shell's
//! own few commands are declared beside them.

macro_rules! command_table {
    ($( $(#[doc = $doc:literal])* $name:ident($request:ty) -> $response:ty, $permission:ident; )*) => {
        &[$(stringify!($name)),*]
    };
}

const COMMAND_NAMES: &[&str] = include!("../src/api/table.rs");

/// The shell's own commands (how this workstation reaches its practice: `src/workstation.rs`),
/// granted by `capabilities/workstation.json`.
const SHELL_COMMANDS: &[&str] = &["connection_status", "use_this_computer", "pair_with_server"];

fn main() {
    println!("cargo:rerun-if-changed=../src/api/table.rs");
    // The manifest keeps the names for the whole build: a list made once, here, lives as long.
    let commands: &'static [&str] = Vec::leak(
        COMMAND_NAMES
            .iter()
            .chain(SHELL_COMMANDS)
            .copied()
            .collect(),
    );
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("failed to run tauri-build");
}
