//! The file dialogs the shell opens for a command that needs a file the user chooses (backing up
//! to a file, restoring from one): the web view never names a file, and a file chosen here is not
//! added to its asset scope (the dialog plugin's own window commands would add it; the window is
//! not granted them).

use hairline::api::FromShell;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

/// Asks the user for the file a command needs; `None` when they cancel. Managed as the app's
/// state, so tests put a chooser of their own in its place.
type Choose = dyn Fn(&FromShell) -> Option<PathBuf> + Send + Sync;

pub struct FileChooser(Box<Choose>);

impl FileChooser {
    /// A chooser answering with `choose` (a test's, or the native dialogs).
    pub fn new(choose: impl Fn(&FromShell) -> Option<PathBuf> + Send + Sync + 'static) -> Self {
        Self(Box::new(choose))
    }

    /// The native save and open dialogs, over the main window. Blocking: call it off the
    /// window's thread (the IPC handler's blocking thread).
    pub fn native<R: Runtime>(app: AppHandle<R>) -> Self {
        Self::new(move |needs| {
            let dialog = needs.dialog()?;
            let mut builder = app
                .dialog()
                .file()
                .set_title(dialog.title)
                .add_filter(dialog.kind, dialog.extensions);
            if let Some(window) = app.get_webview_window("main") {
                builder = builder.set_parent(&window);
            }
            let today = chrono::Local::now().date_naive();
            if let Some(name) = dialog.suggested_name(today) {
                builder = builder.set_file_name(name);
            }
            let chosen = match needs {
                FromShell::SaveDialog(_) => builder.blocking_save_file(),
                _ => builder.blocking_pick_file(),
            };
            chosen?.into_path().ok()
        })
    }

    /// The file the user chose for a command that `needs` one, if they chose one.
    pub fn choose(&self, needs: &FromShell) -> Option<PathBuf> {
        (self.0)(needs)
    }
}
