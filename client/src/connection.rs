//! Pairing with a clinic server, and a paired workstation's calls to it: every request names
//! the command table's version, the device and (once signed in) the session; every answer is
//! the core's JSON or its `ApiError`, unchanged.

use crate::events::EventStream;
use crate::pinning::{Pin, PinnedVerifier};
use crate::{API_HEADER, REQUEST_HEADER, SESSION_HEADER};
use hairline::access::devices::check_device_name;
use hairline::api::API_VERSION;
use hairline::error::Error;
use hairline::{ApiError, ErrorCode, Problems};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::blocking::{Client, RequestBuilder, Response};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

/// How long to wait for the server to accept a connection before calling it offline.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// The longest a command may take (a backup or an import of a large practice).
const CALL_TIMEOUT: Duration = Duration::from_secs(600);

/// What a workstation keeps after pairing: where the server is, the certificate it pinned, and
/// the device's credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pairing {
    /// `host:port` (or `https://host:port`).
    pub address: String,
    /// The SHA-256 fingerprint of the server's certificate (64 upper-case hex digits).
    pub fingerprint: String,
    pub device_id: String,
    pub device_token: String,
}

/// One signed-in session on the server (one per desktop window).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SessionToken(pub String);

/// What `GET /health` answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// `ok`, or `damaged` when the practice failed to open.
    pub status: String,
    pub api_version: u32,
    pub version: String,
    /// What the server's upkeep is doing (`quick_check`, `backup`, …), or none.
    #[serde(default)]
    pub upkeep: Option<String>,
}

/// `https://host:port` for an address as a person types it; plain HTTP is refused.
fn base_url(address: &str) -> hairline::error::Result<String> {
    let address = address.trim().trim_end_matches('/');
    if address.starts_with("http://") {
        return Err(Error::validation(
            "address",
            "A clinic server is reached over HTTPS only: give its address as host:port",
        ));
    }
    if address.is_empty() {
        return Err(Error::validation(
            "address",
            "Type the server's address, as host:port (the server shows it)",
        ));
    }
    let host = address.strip_prefix("https://").unwrap_or(address);
    if host.is_empty() || host.contains(['/', ' ']) {
        return Err(Error::validation(
            "address",
            format!("{address:?} is not a server address: give it as host:port"),
        ));
    }
    Ok(format!("https://{host}"))
}

/// The pairing code's certificate prefix: `7F3A-291804` → `7F3A`.
fn code_prefix(code: &str) -> hairline::error::Result<String> {
    let code = code.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err(Error::validation(
            "code",
            "Type the pairing code the server shows",
        ));
    }
    let well_formed = code.len() == 11
        && code.as_bytes()[4] == b'-'
        && code[..4].chars().all(|c| c.is_ascii_hexdigit())
        && code[5..].chars().all(|c| c.is_ascii_digit());
    if !well_formed {
        return Err(Error::validation(
            "code",
            "A pairing code is four letters or digits, a dash and six digits (like 7F3A-291804), as the server shows it",
        ));
    }
    Ok(code[..4].to_owned())
}

fn http_client(
    verifier: &Arc<PinnedVerifier>,
    timeout: Option<Duration>,
) -> Result<Client, ApiError> {
    Client::builder()
        .use_preconfigured_tls(verifier.tls_config())
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(timeout)
        .build()
        .map_err(|e| {
            ApiError::new(
                ErrorCode::Storage,
                format!("Could not set up the connection: {e}"),
                None,
            )
        })
}

/// Why a request got no answer: a certificate other than the pinned one, or no server.
pub(crate) fn unreachable(
    error: reqwest::Error,
    verifier: &PinnedVerifier,
    base: &str,
) -> ApiError {
    if let Some(seen) = verifier.take_refused() {
        return ApiError::new(
            ErrorCode::CertificateMismatch,
            format!(
                "The server at {base} is not the clinic server this workstation was paired with: its certificate \
                 (fingerprint {seen}) is a different one, so nothing was sent to it. If the server was reinstalled, \
                 a manager pairs this workstation again; otherwise something may be posing as the server."
            ),
            None,
        );
    }
    ApiError::new(
        ErrorCode::Offline,
        format!("The clinic server at {base} cannot be reached ({error}); nothing was saved"),
        None,
    )
}

/// The response, or the error the server answered (its `ApiError` JSON, unchanged).
fn answered(
    sent: reqwest::Result<Response>,
    verifier: &PinnedVerifier,
    base: &str,
) -> Result<Response, ApiError> {
    let response = sent.map_err(|e| unreachable(e, verifier, base))?;
    if response.status().is_success() {
        return Ok(response);
    }
    let status = response.status();
    let body = response
        .bytes()
        .map_err(|e| unreachable(e, verifier, base))?;
    Err(
        serde_json::from_slice::<ApiError>(&body).unwrap_or_else(|_| {
            ApiError::new(
                ErrorCode::Storage,
                format!(
                    "The clinic server answered {status}: {}",
                    String::from_utf8_lossy(&body)
                ),
                None,
            )
        }),
    )
}

fn json_of(response: Response, verifier: &PinnedVerifier, base: &str) -> Result<Value, ApiError> {
    let body = response
        .bytes()
        .map_err(|e| unreachable(e, verifier, base))?;
    serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            ErrorCode::Storage,
            format!("The clinic server's answer could not be read: {e}"),
            None,
        )
    })
}

fn text_at(value: &Value, key: &str) -> Result<String, ApiError> {
    value[key].as_str().map(str::to_owned).ok_or_else(|| {
        ApiError::new(
            ErrorCode::Storage,
            format!("The clinic server's answer lacks {key}"),
            None,
        )
    })
}

/// The pairing form read: the server's base URL and the code's certificate prefix; else every
/// problem of its three fields at once, before anything is sent (the workstation's name is the
/// server's rule, checked here too so that it is named with the others).
fn read_pairing_form(
    address: &str,
    code: &str,
    device_name: &str,
) -> Result<(String, String), ApiError> {
    let mut problems = Problems::default();
    let base = problems.check(base_url(address));
    let prefix = problems.check(code_prefix(code));
    problems.check(check_device_name(device_name));
    problems
        .finish_with(base.zip(prefix))
        .map_err(|e| e.to_api())
}

/// Pairs this workstation with the server at `address` using the one-time `code` a manager
/// got from it; the certificate whose fingerprint starts with the code's prefix is pinned.
pub fn pair(address: &str, code: &str, device_name: &str) -> Result<Pairing, ApiError> {
    let (base, prefix) = read_pairing_form(address, code, device_name)?;
    let verifier = PinnedVerifier::new(Pin::StartingWith(prefix));
    let http = http_client(&verifier, Some(Duration::from_secs(30)))?;
    let sent = http
        .post(format!("{base}/pair"))
        .header(API_HEADER, API_VERSION.to_string())
        .json(&json!({"code": code.trim().to_ascii_uppercase(), "device_name": device_name}))
        .send();
    let answer = json_of(answered(sent, &verifier, &base)?, &verifier, &base)?;
    let fingerprint = verifier.accepted().ok_or_else(|| {
        ApiError::new(
            ErrorCode::CertificateMismatch,
            "The server's certificate was not seen while pairing",
            None,
        )
    })?;
    Ok(Pairing {
        address: address.trim().to_owned(),
        fingerprint,
        device_id: text_at(&answer, "device_id")?,
        device_token: text_at(&answer, "device_token")?,
    })
}

/// Characters `encodeURIComponent` leaves as they are (the UI's encoding of the same header).
pub(crate) const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// A paired workstation's connection to its server.
pub struct Connection {
    pairing: Pairing,
    base: String,
    verifier: Arc<PinnedVerifier>,
    pub(crate) http: Client,
    /// For the event stream, which stays open (no overall timeout).
    streaming: Client,
}

impl Connection {
    /// A connection to the paired server (nothing is sent until the first call).
    pub fn new(pairing: Pairing) -> Result<Self, ApiError> {
        let base = base_url(&pairing.address).map_err(|e| e.to_api())?;
        let verifier = PinnedVerifier::new(Pin::Exactly(pairing.fingerprint.clone()));
        Ok(Connection {
            http: http_client(&verifier, Some(CALL_TIMEOUT))?,
            streaming: http_client(&verifier, None)?,
            pairing,
            base,
            verifier,
        })
    }

    pub fn pairing(&self) -> &Pairing {
        &self.pairing
    }

    pub(crate) fn request(
        &self,
        http: &Client,
        method: reqwest::Method,
        path: &str,
    ) -> RequestBuilder {
        http.request(method, format!("{}{path}", self.base))
            .header(API_HEADER, API_VERSION.to_string())
            .bearer_auth(&self.pairing.device_token)
    }

    pub(crate) fn send(&self, request: RequestBuilder) -> Result<Response, ApiError> {
        answered(request.send(), &self.verifier, &self.base)
    }

    pub(crate) fn json(&self, request: RequestBuilder) -> Result<Value, ApiError> {
        let response = self.send(request)?;
        json_of(response, &self.verifier, &self.base)
    }

    /// Whether the server is up, and its versions (no device needed).
    pub fn health(&self) -> Result<Health, ApiError> {
        let answer = self.json(self.request(&self.http, reqwest::Method::GET, "/health"))?;
        serde_json::from_value(answer).map_err(|e| {
            ApiError::new(
                ErrorCode::Storage,
                format!("The clinic server's health could not be read: {e}"),
                None,
            )
        })
    }

    /// A new session on the server, where one person signs in (one per window).
    pub fn open_session(&self) -> Result<SessionToken, ApiError> {
        let answer = self.json(self.request(&self.http, reqwest::Method::POST, "/session"))?;
        Ok(SessionToken(text_at(&answer, "session")?))
    }

    /// Runs the command `name` with its JSON `request` for whoever is signed in at `session`.
    pub fn call(
        &self,
        session: &SessionToken,
        name: &str,
        request: Value,
    ) -> Result<Value, ApiError> {
        self.json(
            self.request(&self.http, reqwest::Method::POST, &format!("/api/{name}"))
                .header(SESSION_HEADER, &session.0)
                .json(&request),
        )
    }

    /// Runs a command that carries a file's bytes (`add_photo`): the bytes as the body, the
    /// rest of the request as percent-encoded JSON in its header.
    pub fn call_with_bytes(
        &self,
        session: &SessionToken,
        name: &str,
        request: Value,
        bytes: Vec<u8>,
    ) -> Result<Value, ApiError> {
        let header = utf8_percent_encode(&request.to_string(), URI_COMPONENT).to_string();
        self.json(
            self.request(&self.http, reqwest::Method::POST, &format!("/api/{name}"))
                .header(SESSION_HEADER, &session.0)
                .header(REQUEST_HEADER, header)
                .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
                .body(bytes),
        )
    }

    /// A stored photo's bytes by its content hash (its thumbnail when `thumbnail`).
    pub fn photo(
        &self,
        session: &SessionToken,
        hash: &str,
        thumbnail: bool,
    ) -> Result<Vec<u8>, ApiError> {
        let query = if thumbnail { "?thumbnail=1" } else { "" };
        let response = self.send(
            self.request(
                &self.http,
                reqwest::Method::GET,
                &format!("/photos/{hash}{query}"),
            )
            .header(SESSION_HEADER, &session.0),
        )?;
        let bytes = response
            .bytes()
            .map_err(|e| unreachable(e, &self.verifier, &self.base))?;
        Ok(bytes.to_vec())
    }

    /// The server's events for `session`: `changed` after every write anywhere, and the
    /// progress of this session's long commands. The stream ends with an `offline` error when
    /// the server says nothing (not even its heartbeat) for [`crate::events::SILENCE`].
    pub fn events(&self, session: &SessionToken) -> Result<EventStream, ApiError> {
        let response = self.send(
            self.request(&self.streaming, reqwest::Method::GET, "/events")
                .header(SESSION_HEADER, &session.0),
        )?;
        Ok(EventStream::reading(response, self.base.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_becomes_an_https_url_and_plain_http_is_refused() {
        assert_eq!(base_url("10.0.0.5:7443").unwrap(), "https://10.0.0.5:7443");
        assert_eq!(
            base_url(" https://clinic:7443/ ").unwrap(),
            "https://clinic:7443"
        );
        assert_eq!(
            base_url("http://clinic:7443").unwrap_err().field(),
            Some("address")
        );
        assert_eq!(base_url("").unwrap_err().code(), ErrorCode::Validation);
    }

    #[test]
    fn a_pairing_code_carries_the_certificate_prefix() {
        assert_eq!(code_prefix("7f3a-291804").unwrap(), "7F3A");
        for bad in ["7F3A291804", "7F3G-291804", "7F3A-29180", "7F3A-29180X", ""] {
            assert_eq!(code_prefix(bad).unwrap_err().field(), Some("code"), "{bad}");
        }
    }
}
