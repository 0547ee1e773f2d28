//! A server running: the practice opened once (the instance lock held, as the desktop does),
//! the certificate, the HTTPS listener on its own runtime thread, and upkeep. Started the same
//! way by the binary and, in-process on `127.0.0.1:0`, by the tests and the load benchmark.

use crate::identity::Identity;
use crate::routes::{router, Shared};
use crate::stream::Broadcaster;
use hairline::api::Service;
use hairline::db::data_folder::DataFolder;
use hairline::{Clock, ErrorCode, SystemClock};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// How to start a server.
pub struct ServerOptions {
    pub data_dir: PathBuf,
    /// Where to listen (`0.0.0.0:7443`; port 0 picks a free one).
    pub listen: SocketAddr,
    pub clock: Arc<dyn Clock>,
}

impl ServerOptions {
    /// The data folder `data_dir` served on `listen` with the wall clock.
    pub fn new(data_dir: impl Into<PathBuf>, listen: SocketAddr) -> Self {
        ServerOptions {
            data_dir: data_dir.into(),
            listen,
            clock: Arc::new(SystemClock),
        }
    }
}

/// A started server; [`RunningServer::stop`] ends it.
pub struct RunningServer {
    address: SocketAddr,
    fingerprint: String,
    service: Arc<Service>,
    handle: axum_server::Handle,
    serving: Option<std::thread::JoinHandle<()>>,
    upkeep: Option<std::thread::JoinHandle<()>>,
    stop_upkeep: Arc<AtomicBool>,
}

fn io_error(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

impl RunningServer {
    /// Opens the practice in `options.data_dir` (creating the certificate at first start) and
    /// serves it over HTTPS; answers once the listener is bound.
    pub fn start(options: ServerOptions) -> std::io::Result<RunningServer> {
        hairline::db::private_files::create_files_privately();
        let folder = DataFolder::new(&options.data_dir).map_err(io_error)?;
        let identity = Identity::load_or_create(&folder)?;
        let service = Arc::new(Service::open(folder, options.clock, None));
        if let Some(error) = service.info().open_error {
            if error.code == ErrorCode::Refused {
                return Err(io_error(error.message));
            }
            tracing::error!("the practice could not be opened: {}", error.message);
        }
        let tls = axum_server::tls_rustls::RustlsConfig::from_config(identity.tls_config()?);
        let listener = std::net::TcpListener::bind(options.listen)?;
        listener.set_nonblocking(true)?;
        let address = listener.local_addr()?;
        let events = Broadcaster::new();
        let shared = Arc::new(Shared {
            service: service.clone(),
            sessions: Default::default(),
            events: events.clone(),
        });
        let app = router(shared);
        let handle = axum_server::Handle::new();
        let serving = {
            let handle = handle.clone();
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .thread_name("hairline-server")
                .build()?;
            std::thread::Builder::new()
                .name("hairline-https".to_owned())
                .spawn(move || {
                    runtime.block_on(async move {
                        let server = axum_server::from_tcp_rustls(listener, tls).handle(handle);
                        if let Err(e) = server.serve(app.into_make_service()).await {
                            tracing::error!("the server stopped: {e}");
                        }
                    });
                })?
        };
        let stop_upkeep = Arc::new(AtomicBool::new(false));
        let upkeep =
            crate::upkeep::start(service.clone(), events.to_everyone(), stop_upkeep.clone());
        tracing::info!(
            %address,
            fingerprint = identity.fingerprint(),
            data_dir = %options.data_dir.display(),
            "serving the practice over HTTPS"
        );
        Ok(RunningServer {
            address,
            fingerprint: identity.fingerprint().to_owned(),
            service,
            handle,
            serving: Some(serving),
            upkeep: Some(upkeep),
            stop_upkeep,
        })
    }

    /// Where it listens.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Its certificate's SHA-256 fingerprint.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The practice it serves.
    pub fn service(&self) -> &Service {
        &self.service
    }

    /// Stops serving at once (open connections are dropped: their clients see `offline`), waits
    /// for commands already running in the core to finish, then shuts the practice down as the
    /// desktop does (running backups cancelled, the WAL checkpointed) and releases the folder.
    pub fn stop(mut self) {
        self.halt();
        self.service.shut_down();
        tracing::info!("stopped");
    }

    fn halt(&mut self) {
        self.handle.shutdown();
        if let Some(serving) = self.serving.take() {
            let _ = serving.join();
        }
        self.stop_upkeep.store(true, Ordering::Relaxed);
        if let Some(upkeep) = self.upkeep.take() {
            let _ = upkeep.join();
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        self.halt();
    }
}
