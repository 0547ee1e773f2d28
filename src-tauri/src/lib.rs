//! Hairline's desktop shell: finds the data folder, opens the practice there as the core's
//! service, and answers the window's calls from the core's command table. It holds the window,
//! dialogs, notifications and the OS folders; no rule lives here.

mod clinic_server;
mod connection;
mod file_dialog;
mod ipc;
mod notify;
mod photo_protocol;
mod shell;
mod trace_startup;
mod webview_settings;
mod workstation;

pub use file_dialog::FileChooser;
pub use hairline::SystemClock;
pub use shell::{resolve_data_dir, WindowEvents};
pub use workstation::DataDir;

use hairline::api::Service;
use hairline::db::data_folder::DataFolder;
use std::sync::Arc;
use tauri::Manager;

/// How often the upkeep thread looks whether the practice is idle.
const UPKEEP_TICK: std::time::Duration = std::time::Duration::from_secs(60);

/// Opens the practice in `data_dir` as a service at once (tests driving the real IPC path).
pub fn open_service(
    data_dir: std::path::PathBuf,
    downloads: Option<std::path::PathBuf>,
) -> hairline::Result<Service> {
    let service = start_service(data_dir, downloads)?;
    service.finish_opening();
    Ok(service)
}

/// The window's service for the practice in `data_dir`, before it is opened (see
/// [`open_and_keep_up`]); exports go to `downloads` when the computer has such a folder.
pub fn start_service(
    data_dir: std::path::PathBuf,
    downloads: Option<std::path::PathBuf>,
) -> hairline::Result<Service> {
    let folder = DataFolder::new(data_dir)?;
    Ok(Service::starting(folder, Arc::new(SystemClock), downloads))
}

/// Starts the desktop app: resolves the data folder (`--data-dir` > `HAIRLINE_DATA_DIR` > the OS
/// app-data folder), opens the practice there and shows the main window. A second launch
/// focuses the window already open instead of opening the practice again.
pub fn run() {
    trace_startup::reached("main");
    hairline::db::private_files::create_files_privately();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let app = with_invoke_handler(tauri::Builder::default())
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        // The save and open dialogs for backing up to, and restoring from, a file of the user's:
        // opened by the shell (`FileChooser`), never by the window.
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .setup(move |app| {
            trace_startup::reached("setup");
            let default_dir = app.path().app_data_dir()?;
            let data_dir =
                resolve_data_dir(&args, std::env::var_os("HAIRLINE_DATA_DIR"), default_dir);
            app.manage(workstation::DataDir(data_dir.clone()));
            app.manage(FileChooser::native(app.handle().clone()));
            if let Some(window) = app.get_webview_window("main") {
                webview_settings::apply(&window);
            }
            // This computer's practice, a clinic server's, or (first run) the window asks.
            match connection::read(&data_dir) {
                Ok(Some(connection::Choice::Local)) => open_here(app.handle(), data_dir)?,
                Ok(Some(connection::Choice::Server(paired))) => {
                    let server = clinic_server::ClinicServer::new(app.handle().clone(), paired)
                        .map_err(|e| e.message)?;
                    app.manage(server);
                }
                Ok(None) => {}
                Err(problem) => {
                    app.manage(workstation::ConnectionProblem(problem));
                }
            }
            #[cfg(unix)]
            exit_on_signals(app.handle().clone())?;
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("error while building Hairline");
    trace_startup::reached("built");
    app.run(|app, event| {
        // On the way out (the last window closed, a quit, a signal): cancel a running backup
        // and wait until it has removed its partial file, then fold the WAL back into the
        // database so it stays bounded.
        if let tauri::RunEvent::Exit = event {
            if let Some(service) = app.try_state::<Service>() {
                service.shut_down();
            }
        }
    });
}

/// Opens this computer's practice in `data_dir` as the window's service, with its upkeep and
/// the daily recall notification.
pub(crate) fn open_here<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    data_dir: std::path::PathBuf,
) -> hairline::Result<()> {
    let downloads = downloads_folder(app);
    // The practice opens on the upkeep thread: the window shows and paints at once, and
    // commands wait for the opening (never for upkeep).
    let service = start_service(data_dir, downloads)?;
    app.manage(service);
    open_and_keep_up(app.clone());
    notify::notify_recalls_daily(app.clone());
    Ok(())
}

/// The user's Downloads folder, where exports go when the computer has one.
pub(crate) fn downloads_folder<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
) -> Option<std::path::PathBuf> {
    app.path().download_dir().ok().filter(|d| d.is_dir())
}

/// Answers every command of the core's table and the shell's own, and the window's photos (the
/// app, and tests driving the real IPC path).
pub fn with_invoke_handler<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    photo_protocol::register(builder)
        .manage(ipc::WindowSessions::default())
        .manage(notify::NoticedDay::default())
        .invoke_handler(ipc::handle)
}

/// SIGTERM (a logout, a shutdown, `kill`), SIGINT and SIGHUP ask the app to exit like closing
/// its window, so the exit path cancels a running backup and waits for it instead of the process
/// dying mid-copy.
#[cfg(unix)]
fn exit_on_signals<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            eprintln!("hairline: signal {signal}: closing");
            app.exit(0);
        }
    });
    Ok(())
}

/// On its own thread: opens the practice (the file and its migrations), runs the core's upkeep
/// at start (the quick check, a due backup) and then, for the app's lifetime, idle upkeep
/// (checkpoints, the weekly check); each tells the window what it does (`upkeep` events).
fn open_and_keep_up<R: tauri::Runtime>(app: tauri::AppHandle<R>) {
    std::thread::spawn(move || {
        let service = app.state::<Service>();
        let events = WindowEvents(app.clone());
        service.finish_opening();
        trace_startup::reached("practice opened");
        // From here on this thread only does upkeep, which gives way to the window: it waits
        // until the first screen's requests are answered, and runs at a lower priority.
        hairline::api::background::lower_priority_of_this_thread();
        // The clinic's starting consent templates are there before anyone can ask for them
        // (upkeep at start adds them too, after its check; adding them is idempotent).
        if let Err(e) =
            service.with_practice(|p| p.add_default_consent_templates(hairline::Actor::System))
        {
            eprintln!("hairline: could not add the starting consent templates: {e:?}");
        }
        hairline::api::background::wait_for_a_quiet_moment(&service);
        hairline::api::upkeep::at_start(&service, &events);
        let mut since_upkeep = std::time::Duration::ZERO;
        loop {
            std::thread::sleep(hairline::api::upkeep::CHECKPOINT_EVERY);
            hairline::api::upkeep::every_few_seconds(&service);
            since_upkeep += hairline::api::upkeep::CHECKPOINT_EVERY;
            if since_upkeep >= UPKEEP_TICK {
                since_upkeep = std::time::Duration::ZERO;
                hairline::api::upkeep::run_once(&service, &events);
            }
        }
    });
}

#[cfg(test)]
mod tests {
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
                    || source == "photo:"
                    || source == "http://photo.localhost"
                    || source == "ipc:"
                    || source == "http://ipc.localhost";
                assert!(local, "{directive} allows the remote source {source}");
            }
        }
    }

    /// The asset protocol is off: the window's photos come through the `photo` scheme, which
    /// serves content hashes only (`photo_protocol.rs`).
    #[test]
    fn no_asset_protocol() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        assert_eq!(
            conf["app"]["security"]["assetProtocol"],
            serde_json::Value::Null
        );
        let manifest = include_str!("../Cargo.toml");
        assert!(!manifest.contains("protocol-asset"));
    }
}
