//! Declares the app's own commands to Tauri's ACL, so `capabilities/main.json` can grant exactly
//! these to the main window. The names come from the one list in `src/command_list.rs`.

include!("src/command_list.rs");

macro_rules! names {
    ($($command:ident,)*) => {
        &[$(stringify!($command)),*]
    };
}

const COMMAND_NAMES: &[&str] = with_commands!(names);

fn main() {
    println!("cargo:rerun-if-changed=src/command_list.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMAND_NAMES)),
    )
    .expect("failed to run tauri-build");
}
