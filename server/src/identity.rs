//! The server's own certificate and key, made at its first start (rcgen, self-signed) and kept
//! in the data folder, owner-only: workstations pin its SHA-256 fingerprint when they pair, so
//! no certificate authority is needed on a clinic's network.

use hairline::access::devices::certificate_fingerprint;
use hairline::db::data_folder::DataFolder;
use hairline::db::private_files::{create_files_privately, make_private};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::sync::Arc;

/// The certificate and key the server answers with.
pub struct Identity {
    certificate_pem: String,
    key_pem: String,
    fingerprint: String,
}

fn failed(what: &str, e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(format!("{what}: {e}"))
}

impl Identity {
    /// The identity kept in `folder`, or a new one (written there, 0600) at first start.
    pub fn load_or_create(folder: &DataFolder) -> std::io::Result<Identity> {
        let (cert_path, key_path) = (folder.server_certificate(), folder.server_key());
        if !cert_path.exists() || !key_path.exists() {
            create_files_privately();
            let names = vec!["hairline-server".to_owned(), "localhost".to_owned()];
            let made = rcgen::generate_simple_self_signed(names)
                .map_err(|e| failed("could not make the server's certificate", e))?;
            hairline::atomic_file::write_bytes_atomically(
                &key_path,
                made.key_pair.serialize_pem().as_bytes(),
            )
            .map_err(|e| failed("could not keep the server's key", e))?;
            hairline::atomic_file::write_bytes_atomically(&cert_path, made.cert.pem().as_bytes())
                .map_err(|e| failed("could not keep the server's certificate", e))?;
        }
        for path in [&cert_path, &key_path] {
            make_private(path).map_err(|e| failed("could not make the key owner-only", e))?;
        }
        let certificate_pem = std::fs::read_to_string(&cert_path)?;
        let key_pem = std::fs::read_to_string(&key_path)?;
        let fingerprint = certificate_fingerprint(&certificate_pem).ok_or_else(|| {
            failed(
                "the server's certificate cannot be read",
                cert_path.display(),
            )
        })?;
        Ok(Identity {
            certificate_pem,
            key_pem,
            fingerprint,
        })
    }

    /// The certificate's SHA-256 fingerprint: 64 upper-case hex digits.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The fingerprint's first four digits, which every pairing code starts with.
    pub fn prefix(&self) -> &str {
        &self.fingerprint[..4]
    }

    /// The TLS configuration serving this certificate (TLS 1.2 and 1.3, ring).
    pub fn tls_config(&self) -> std::io::Result<Arc<rustls::ServerConfig>> {
        let certificate = CertificateDer::from_pem_slice(self.certificate_pem.as_bytes())
            .map_err(|e| failed("the server's certificate cannot be read", e))?;
        let key = PrivateKeyDer::from_pem_slice(self.key_pem.as_bytes())
            .map_err(|e| failed("the server's key cannot be read", e))?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| failed("TLS", e))?
            .with_no_client_auth()
            .with_single_cert(vec![certificate], key)
            .map_err(|e| failed("the server's certificate and key do not go together", e))?;
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(Arc::new(config))
    }
}
