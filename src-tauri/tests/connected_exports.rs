//! A workstation connected to a clinic server (the real IPC path on Tauri's mock runtime, a
//! server in-process over real HTTPS): an export made from the window lands on this computer,
//! and the window is answered the path here, not the server's.

mod common;

use common::invoke;
use hairline::record::clients::ClientInput;
use hairline::Actor;
use hairline_app::{with_invoke_handler, DataDir};
use hairline_server::{RunningServer, ServerOptions};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tauri::test::{mock_builder, MockRuntime};
use tauri::WebviewWindow;

/// A clinic server on a practice in `dir`.
fn server_on(dir: &Path) -> RunningServer {
    RunningServer::start(ServerOptions {
        data_dir: dir.to_owned(),
        listen: "127.0.0.1:0".parse().unwrap(),
        clock: Arc::new(hairline::FixedClock::on("2026-06-15".parse().unwrap())),
    })
    .expect("the server starts")
}

/// The app on the mock runtime with its data folder in `data_dir`, paired with `server` from
/// its window, the owner signed in.
fn workstation_of(
    server: &RunningServer,
    data_dir: &Path,
) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = with_invoke_handler(mock_builder())
        .manage(DataDir(data_dir.to_owned()))
        .build(tauri::generate_context!())
        .expect("the app builds on the mock runtime");
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let prefix = server.fingerprint()[..4].to_owned();
    let code = server
        .service()
        .with_practice(|p| p.create_pairing_code(Actor::CommandLine, &prefix))
        .unwrap()
        .code;
    invoke(
        &webview,
        "pair_with_server",
        json!({"address": server.address().to_string(), "code": code, "device_name": "Front desk"}),
    )
    .expect("the workstation pairs from its window");
    invoke(
        &webview,
        "create_owner",
        json!({"name": "Dana Whitfield", "password": "owner of the clinic"}),
    )
    .expect("the owner's account is created on the server");
    (app, webview)
}

#[test]
fn an_export_made_from_a_connected_window_is_answered_as_a_file_on_this_computer() {
    let server_dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let data_dir = home.path().join("data");
    // No Downloads folder configured (an empty configuration home): the data folder's exports/.
    std::env::set_var("XDG_CONFIG_HOME", home.path().join("config"));
    let server = server_on(server_dir.path());
    let (_app, window) = workstation_of(&server, &data_dir);

    let answer = invoke(&window, "export_practice", json!({})).unwrap();
    let here = PathBuf::from(answer[0].as_str().unwrap());
    assert_eq!(here.parent(), Some(data_dir.join("exports").as_path()));
    let on_server = server_dir
        .path()
        .join("exports")
        .join(here.file_name().unwrap());
    assert_eq!(
        std::fs::read(&here).unwrap(),
        std::fs::read(&on_server).unwrap()
    );
    assert!(answer[1]["row_counts"].is_object(), "{answer}");

    // With a Downloads folder, the export lands there.
    let downloads = home.path().join("Downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    std::fs::create_dir_all(home.path().join("config")).unwrap();
    std::fs::write(
        home.path().join("config").join("user-dirs.dirs"),
        format!("XDG_DOWNLOAD_DIR=\"{}\"\n", downloads.display()),
    )
    .unwrap();
    let client = invoke(
        &window,
        "create_client",
        json!({"input": serde_json::to_value(ClientInput {
            phone: "+44 20 7946 0000".to_owned(),
            ..ClientInput::named("Ana", "Lopez")
        })
        .unwrap()}),
    )
    .unwrap();
    let answer = invoke(
        &window,
        "export_client_record",
        json!({"client_id": client["id"]}),
    )
    .unwrap();
    let here = PathBuf::from(answer.as_str().unwrap());
    assert_eq!(here.parent(), Some(downloads.as_path()));
    assert!(hairline::exchange::subject_access::files_folder_of(&here).is_dir());
    server.stop();
}
