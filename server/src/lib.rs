//! Hairline's clinic server: the core's command table over HTTPS, so that a clinic's front desk
//! and treatment rooms work on one record (`docs/ARCHITECTURE.md`, "The clinic server";
//! the wire protocol: `server/PROTOCOL.md`). The same [`hairline::api::Service`] and
//! [`hairline::api::dispatch`] the desktop uses, on blocking threads; a self-signed certificate
//! workstations pin at pairing; devices and sessions; server-sent events; the desktop's upkeep.

mod auth;
mod exports;
mod identity;
mod routes;
mod running;
mod stream;
mod upkeep;
mod wire;

pub use identity::Identity;
pub use running::{RunningServer, ServerOptions};

/// Prints a pairing code for the practice in `data_dir` (the `pairing-code` subcommand): the
/// database is opened as the command-line tool does, beside a running server, but without the
/// tool's quick check (the server checks the database; a damage it recorded refuses the code).
pub fn pairing_code(
    data_dir: &std::path::Path,
) -> Result<hairline::access::devices::PairingCode, String> {
    hairline::db::private_files::create_files_privately();
    let folder = hairline::db::data_folder::DataFolder::new(data_dir).map_err(|e| e.to_string())?;
    let identity = Identity::load_or_create(&folder).map_err(|e| e.to_string())?;
    let service = hairline::api::Service::for_tool_unchecked(
        folder,
        std::sync::Arc::new(hairline::SystemClock),
    )
    .map_err(|e| e.to_string())?;
    service
        .with_practice(|p| p.create_pairing_code(hairline::Actor::CommandLine, identity.prefix()))
        .map_err(|e| e.message)
}
