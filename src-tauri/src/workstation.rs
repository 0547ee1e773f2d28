//! The shell's own commands, about how this workstation reaches its practice (they are not the
//! core's: the core is the practice). The first run asks: *Start on this computer* opens the
//! practice in the data folder; *Connect to a clinic server* pairs with the server (its address,
//! the one-time code it shows, this workstation's name) and pins its certificate. Settings switch
//! between the two later; a switch restarts the app on the other practice.

use crate::clinic_server::ClinicServer;
use crate::connection::{self, Choice, PairedServer};
use hairline::api::Service;
use hairline::{ApiError, ErrorCode};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime};

/// The shell's commands, granted to the window by `capabilities/workstation.json`.
pub const SHELL_COMMANDS: &[&str] = &["connection_status", "use_this_computer", "pair_with_server"];

/// Whether `name` is one of the shell's own commands (never one of the table's).
pub fn is_shell_command(name: &str) -> bool {
    SHELL_COMMANDS.contains(&name)
}

/// This workstation's data folder (where `connection.json` is kept, and the practice when it is
/// this computer's).
pub struct DataDir(pub PathBuf);

/// Why `connection.json` could not be read at start, shown on the first screen until the user
/// chooses again.
pub struct ConnectionProblem(pub ApiError);

/// The answer of a call made before the workstation has a practice.
pub fn not_chosen() -> ApiError {
    ApiError::new(
        ErrorCode::BadRequest,
        "This workstation is not set up yet: start on this computer or connect to a clinic server"
            .to_owned(),
        None,
    )
}

/// Where this workstation's practice is, as the window shows it.
#[derive(Debug, Serialize)]
pub struct ConnectionStatus {
    /// `unchosen` (the first run asks), `local` or `server`.
    pub mode: &'static str,
    /// The server's address and the name this workstation was paired under.
    pub server: Option<ServerSummary>,
    /// Whether the server answers (always true on this computer).
    pub online: bool,
    /// Why the kept choice could not be read.
    pub problem: Option<ApiError>,
}

#[derive(Debug, Serialize)]
pub struct ServerSummary {
    pub address: String,
    pub device_name: String,
}

/// What the pairing form sends.
#[derive(Debug, Deserialize)]
struct PairRequest {
    address: String,
    code: String,
    device_name: String,
}

/// Answers one of [`SHELL_COMMANDS`].
pub fn answer<R: Runtime>(
    app: &AppHandle<R>,
    name: &str,
    request: Value,
) -> Result<Value, ApiError> {
    let status = match name {
        "connection_status" => status(app),
        "use_this_computer" => use_this_computer(app)?,
        "pair_with_server" => pair_with_server(app, request)?,
        _ => return Err(crate::ipc::bad_request("Not a command of this workstation")),
    };
    Ok(serde_json::to_value(status).expect("the status serialises"))
}

fn status<R: Runtime>(app: &AppHandle<R>) -> ConnectionStatus {
    if let Some(server) = app.try_state::<ClinicServer>() {
        let paired = server.paired();
        return ConnectionStatus {
            mode: "server",
            server: Some(ServerSummary {
                address: paired.pairing.address.clone(),
                device_name: paired.device_name.clone(),
            }),
            online: server.online(),
            problem: None,
        };
    }
    let local = app.try_state::<Service>().is_some();
    ConnectionStatus {
        mode: if local { "local" } else { "unchosen" },
        server: None,
        online: true,
        problem: app
            .try_state::<ConnectionProblem>()
            .map(|problem| problem.0.clone()),
    }
}

fn data_dir<R: Runtime>(app: &AppHandle<R>) -> PathBuf {
    app.state::<DataDir>().0.clone()
}

/// Works on this computer's practice from now on: opened at once on the first run, after a
/// restart when the workstation was connected to a server.
fn use_this_computer<R: Runtime>(app: &AppHandle<R>) -> Result<ConnectionStatus, ApiError> {
    connection::write(&data_dir(app), &Choice::Local)?;
    if app.try_state::<ClinicServer>().is_some() {
        app.restart();
    }
    if app.try_state::<Service>().is_none() {
        crate::open_here(app, data_dir(app)).map_err(|e| e.to_api())?;
    }
    Ok(status(app))
}

/// Pairs with the clinic server and works on its practice from now on: at once on the first
/// run, after a restart when this computer's practice was open.
fn pair_with_server<R: Runtime>(
    app: &AppHandle<R>,
    request: Value,
) -> Result<ConnectionStatus, ApiError> {
    let form = read_pair_request(&request);
    let pairing = hairline_client::pair(&form.address, &form.code, &form.device_name)?;
    let paired = PairedServer {
        pairing,
        device_name: form.device_name,
    };
    connection::write(&data_dir(app), &Choice::Server(paired.clone()))?;
    if app.try_state::<Service>().is_some() || app.try_state::<ClinicServer>().is_some() {
        app.restart();
    }
    app.manage(ClinicServer::new(app.clone(), paired)?);
    Ok(status(app))
}

/// The pairing form's three fields as typed (one that is missing or not text reads as blank);
/// `hairline_client::pair` names every problem of them at once.
fn read_pair_request(request: &Value) -> PairRequest {
    let text = |field: &str| {
        request
            .get(field)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    PairRequest {
        address: text("address"),
        code: text("code").to_uppercase(),
        device_name: text("device_name"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The build script declares the shell's commands to Tauri's ACL and the capability grants
    /// exactly them: the three lists are one.
    #[test]
    fn the_capability_grants_exactly_the_shell_commands() {
        let capability: Value =
            serde_json::from_str(include_str!("../capabilities/workstation.json")).unwrap();
        let granted: Vec<&str> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        let expected: Vec<String> = SHELL_COMMANDS
            .iter()
            .map(|name| format!("allow-{}", name.replace('_', "-")))
            .collect();
        assert_eq!(granted, expected);
        assert!(include_str!("../build.rs").contains(&format!("&{SHELL_COMMANDS:?}")));
        for name in SHELL_COMMANDS {
            assert!(
                hairline::api::command(name).is_none(),
                "{name} is the core's"
            );
        }
    }

    /// A field that is missing or not text reads as blank, for the client's check to name; the
    /// others are trimmed, the code upper-cased as the server shows it.
    #[test]
    fn the_pairing_form_reads_a_missing_or_non_text_field_as_blank() {
        let form = serde_json::json!({ "address": 7443, "device_name": " Front desk " });
        let read = read_pair_request(&form);
        assert_eq!(
            (
                read.address.as_str(),
                read.code.as_str(),
                read.device_name.as_str()
            ),
            ("", "", "Front desk")
        );
        let form = serde_json::json!({ "address": "10.0.0.2:7443", "code": " 7f3a-291804", "device_name": "Desk" });
        let read = read_pair_request(&form);
        assert_eq!(read.address, "10.0.0.2:7443");
        assert_eq!(read.code, "7F3A-291804");
    }
}
