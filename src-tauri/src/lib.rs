//! Hairline's desktop shell: opens the practice database in the app-data folder, holds it for the
//! window, and exposes the core's use cases as thin Tauri commands. No rule lives here.

mod commands;
mod shell;

pub use shell::{resolve_data_dir, AppInfo, Shell, SystemClock, Workstation, DATABASE_FILE};

use tauri::Manager;

include!("command_list.rs");

/// Builds the invoke handler from the one command list in `command_list.rs`.
macro_rules! handler {
    ($($command:ident,)*) => {
        tauri::generate_handler![$(commands::$command),*]
    };
}

/// The names of every command, in the order of `command_list.rs` (for tests and diagnostics).
macro_rules! names {
    ($($command:ident,)*) => {
        &[$(stringify!($command)),*]
    };
}

/// Every command the UI may invoke.
pub const COMMAND_NAMES: &[&str] = with_commands!(names);

/// Starts the desktop app: resolves the data folder (`--data-dir` > `HAIRLINE_DATA_DIR` > the OS
/// app-data folder), opens the practice there and shows the main window.
pub fn run() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    tauri::Builder::default()
        .setup(move |app| {
            let default_dir = app.path().app_data_dir()?;
            let data_dir =
                resolve_data_dir(&args, std::env::var_os("HAIRLINE_DATA_DIR"), default_dir)?;
            app.manage(Shell::open(data_dir));
            Ok(())
        })
        .invoke_handler(with_commands!(handler))
        .run(tauri::generate_context!())
        .expect("error while running Hairline");
}

/// Every TypeScript binding the UI uses: the core's, and the shell's own types.
pub fn all_bindings() -> Vec<hairline::bindings::BindingFile> {
    use hairline::bindings::{binding, core_bindings};
    let mut files = core_bindings();
    files.extend([
        binding::<AppInfo>(),
        binding::<Workstation>(),
        binding::<shell::PigmentCatalogue>(),
        // Core types the UI uses that the core's own list does not (yet) render.
        binding::<hairline::SunExposure>(),
        binding::<hairline::Finish>(),
        binding::<hairline::TouchUpSuggestion>(),
    ]);
    let mut seen = std::collections::HashSet::new();
    files.retain(|(path, _)| seen.insert(path.clone()));
    files
}

#[cfg(test)]
mod tests {
    use super::{all_bindings, COMMAND_NAMES};
    use hairline::bindings::{stale_bindings, unexpected_bindings, write_bindings};
    use std::path::Path;

    /// The committed bindings folder holds exactly the types the core and the shell produce.
    /// `UPDATE_BINDINGS=1 cargo test -p hairline-app bindings` rewrites it.
    #[test]
    fn committed_bindings_match_the_rust_types() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings");
        let files = all_bindings();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            write_bindings(&dir, &files).unwrap();
        }
        let mut problems = stale_bindings(&dir, &files);
        problems.extend(unexpected_bindings(&dir, &files));
        assert!(
            problems.is_empty(),
            "TypeScript bindings are stale ({}); run UPDATE_BINDINGS=1 cargo test -p hairline-app bindings",
            problems.join(", ")
        );
    }

    /// The capability must grant the main window exactly the commands in the one list.
    #[test]
    fn capability_grants_exactly_the_command_list() {
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
        assert_eq!(capability["windows"], serde_json::json!(["main"]));
        let granted: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_owned())
            .collect();
        let expected: Vec<String> = COMMAND_NAMES
            .iter()
            .map(|name| format!("allow-{}", name.replace('_', "-")))
            .collect();
        assert_eq!(granted, expected);
    }

    /// The CSP allows no remote origin and no eval, and the global Tauri object is off.
    #[test]
    fn security_settings_are_strict() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        assert_eq!(conf["app"]["withGlobalTauri"], serde_json::json!(false));
        let csp = conf["app"]["security"]["csp"].as_object().unwrap();
        for (directive, sources) in csp {
            let sources = sources.as_str().unwrap();
            assert!(!sources.contains("unsafe-eval"), "{directive} allows eval");
            assert!(
                !sources.contains("unsafe-inline"),
                "{directive} allows inline code"
            );
            for source in sources.split_whitespace() {
                let local = source.starts_with('\'')
                    || source == "data:"
                    || source == "ipc:"
                    || source == "http://ipc.localhost";
                assert!(local, "{directive} allows the remote source {source}");
            }
        }
    }
}
