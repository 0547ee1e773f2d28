//! What only the desktop shell knows: the wall clock, where the data folder is (the command
//! line, the environment, the OS app-data folder), and how progress reaches the window.

use hairline::api::Events;
use std::ffi::OsString;
use std::path::PathBuf;
use tauri::{AppHandle, Emitter, Runtime};

/// Where the data folder is: `--data-dir PATH` (or `--data-dir=PATH`) on the command line, else
/// `HAIRLINE_DATA_DIR`, else `default`.
pub fn resolve_data_dir(args: &[String], env: Option<OsString>, default: PathBuf) -> PathBuf {
    let mut from_flag = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if let Some(value) = arg.strip_prefix("--data-dir=") {
            from_flag = Some(PathBuf::from(value));
        } else if arg == "--data-dir" {
            from_flag = iter.next().map(PathBuf::from);
        }
    }
    from_flag
        .or_else(|| env.filter(|v| !v.is_empty()).map(PathBuf::from))
        .unwrap_or(default)
}

/// A command's progress, sent to the window as Tauri events of the same name.
pub struct WindowEvents<R: Runtime>(pub AppHandle<R>);

impl<R: Runtime> Events for WindowEvents<R> {
    fn emit(&self, name: &str, payload: serde_json::Value) {
        let _ = self.0.emit(name, payload);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_env_beats_default() {
        let flag = PathBuf::from("/data/flag");
        let env = PathBuf::from("/data/env");
        let default = PathBuf::from("/data/default");
        let args = vec!["--data-dir".to_owned(), flag.display().to_string()];
        assert_eq!(
            resolve_data_dir(&args, Some(env.clone().into()), default.clone()),
            flag
        );
        let args = vec![format!("--data-dir={}", flag.display())];
        assert_eq!(resolve_data_dir(&args, None, default.clone()), flag);
        assert_eq!(
            resolve_data_dir(&[], Some(env.clone().into()), default.clone()),
            env
        );
        assert_eq!(
            resolve_data_dir(&[], Some(OsString::new()), default.clone()),
            default
        );
    }
}
