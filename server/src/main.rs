//! `hairline-server`: serves a practice's data folder to the clinic's workstations over HTTPS.
//!
//!     hairline-server --data-dir DIR [--listen 0.0.0.0:7443]
//!     hairline-server pairing-code --data-dir DIR
//!
//! Logs go to stderr, one plain line each, for the service manager to keep.

use clap::{Parser, Subcommand};
use hairline_server::{pairing_code, RunningServer, ServerOptions};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Hairline's clinic server: one practice, shared by the clinic's workstations over HTTPS.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// The practice's data folder (hairline.sqlite, photos/, backups/): a copy of a desktop's
    /// data folder works as it is.
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// Where to listen.
    #[arg(long, default_value = "0.0.0.0:7443")]
    listen: SocketAddr,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Prints a one-time code (valid 10 minutes) to pair a workstation with this server.
    PairingCode,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(false)
        .init();
    let cli = Cli::parse();
    let Some(data_dir) = cli.data_dir else {
        eprintln!("hairline-server: say which data folder to serve with --data-dir DIR");
        return ExitCode::from(2);
    };
    match cli.command {
        Some(Command::PairingCode) => match pairing_code(&data_dir) {
            Ok(code) => {
                println!("{}", code.code);
                eprintln!(
                    "Enter it on the workstation with this server's address before {} (UTC); it works once.",
                    code.expires_at.format("%H:%M")
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("hairline-server: {e}");
                ExitCode::FAILURE
            }
        },
        None => serve(data_dir, cli.listen),
    }
}

fn serve(data_dir: PathBuf, listen: SocketAddr) -> ExitCode {
    let server = match RunningServer::start(ServerOptions::new(data_dir, listen)) {
        Ok(server) => server,
        Err(e) => {
            tracing::error!("could not start: {e}");
            return ExitCode::FAILURE;
        }
    };
    wait_for_a_stop_signal();
    tracing::info!("stopping");
    server.stop();
    ExitCode::SUCCESS
}

/// Waits for SIGTERM (the service manager), SIGINT (Ctrl-C) or SIGHUP.
fn wait_for_a_stop_signal() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime for signals");
    runtime.block_on(async {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
        let mut hangup = signal(SignalKind::hangup()).expect("SIGHUP handler");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
            _ = hangup.recv() => {}
        }
    });
}
