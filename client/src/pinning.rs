//! Trust without a certificate authority: the server's self-signed certificate is accepted only
//! if its SHA-256 fingerprint is the one pinned at pairing — or, while pairing, if it starts
//! with the prefix the pairing code carries. Anything else is refused before a byte is sent,
//! and remembered, so the caller can say clearly that this is not the paired server.

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex, PoisonError};

/// The SHA-256 fingerprint of a certificate (its DER bytes), as 64 upper-case hex digits.
pub fn fingerprint_of(certificate_der: &[u8]) -> String {
    Sha256::digest(certificate_der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect()
}

/// Which certificates are accepted.
#[derive(Debug, Clone)]
pub(crate) enum Pin {
    /// Exactly this fingerprint (after pairing).
    Exactly(String),
    /// Any fingerprint starting with these hex digits (while pairing with a code).
    StartingWith(String),
}

/// The verifier: the pin, and the fingerprints it saw (the last accepted, the last refused).
#[derive(Debug)]
pub(crate) struct PinnedVerifier {
    pin: Pin,
    provider: Arc<CryptoProvider>,
    accepted: Mutex<Option<String>>,
    refused: Mutex<Option<String>>,
}

impl PinnedVerifier {
    pub(crate) fn new(pin: Pin) -> Arc<Self> {
        Arc::new(PinnedVerifier {
            pin,
            provider: Arc::new(rustls::crypto::ring::default_provider()),
            accepted: Mutex::new(None),
            refused: Mutex::new(None),
        })
    }

    /// The fingerprint of the last certificate accepted.
    pub(crate) fn accepted(&self) -> Option<String> {
        self.accepted
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The fingerprint of the last certificate refused, forgotten once read.
    pub(crate) fn take_refused(&self) -> Option<String> {
        self.refused
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    /// A TLS configuration that trusts only what this verifier accepts.
    pub(crate) fn tls_config(self: &Arc<Self>) -> rustls::ClientConfig {
        rustls::ClientConfig::builder_with_provider(self.provider.clone())
            .with_safe_default_protocol_versions()
            .expect("ring supports the default protocol versions")
            .dangerous()
            .with_custom_certificate_verifier(self.clone())
            .with_no_client_auth()
    }
}

impl ServerCertVerifier for PinnedVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let seen = fingerprint_of(end_entity);
        let matches = match &self.pin {
            Pin::Exactly(pinned) => seen.eq_ignore_ascii_case(pinned),
            Pin::StartingWith(prefix) => {
                seen.len() >= prefix.len() && seen[..prefix.len()].eq_ignore_ascii_case(prefix)
            }
        };
        if matches {
            *self.accepted.lock().unwrap_or_else(PoisonError::into_inner) = Some(seen);
            Ok(ServerCertVerified::assertion())
        } else {
            *self.refused.lock().unwrap_or_else(PoisonError::into_inner) = Some(seen);
            Err(rustls::Error::General(
                "the server's certificate is not the pinned one".to_owned(),
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_is_sixty_four_upper_case_hex_digits() {
        let fp = fingerprint_of(b"certificate");
        assert_eq!(fp.len(), 64);
        assert!(fp
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()));
    }
}
