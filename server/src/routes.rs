//! The protocol's routes (`server/PROTOCOL.md`): health, pairing, sessions, the command table,
//! photos by content hash, the event stream and the exports (`exports.rs`). Every call into the
//! core runs on a blocking thread (`spawn_blocking`), never on the runtime's workers.

use crate::auth::{device, Sessions};
use crate::stream::Broadcaster;
use crate::wire::{check_version, join_failed, refusal, Refusal};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hairline::api::from_shell::{request_in_header, REQUEST_HEADER};
use hairline::api::{dispatch, dispatch_with_bytes, FromShell, Service, API_VERSION};
use hairline::photos::{is_content_hash, PhotoFormat, PhotoStore};
use hairline::{ApiError, ErrorCode};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

/// What every route shares.
pub(crate) struct Shared {
    pub(crate) service: Arc<Service>,
    pub(crate) sessions: Sessions,
    pub(crate) events: Broadcaster,
}

pub(crate) type AppState = State<Arc<Shared>>;

/// The largest body a request may carry: a photo (80 MB, refused by the core past that) or a
/// CSV import as JSON.
const BODY_LIMIT: usize = 128 << 20;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let versioned = Router::new()
        .route("/pair", post(pair))
        .route("/session", post(open_session))
        .route("/api/{command}", post(command))
        .route("/photos/{hash}", get(photo))
        .route("/events", get(events))
        .route("/exports/{*path}", get(crate::exports::export))
        .layer(middleware::from_fn(versions_agree));
    Router::new()
        .route("/health", get(health))
        .merge(versioned)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(shared)
}

async fn versions_agree(request: Request, next: Next) -> Response {
    match check_version(request.headers()) {
        Ok(()) => next.run(request).await,
        Err(refused) => refused.into_response(),
    }
}

/// Runs `work` on a blocking thread.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Refusal> + Send + 'static,
) -> Result<T, Refusal> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(join_failed)?
}

async fn health(State(shared): AppState) -> Json<Value> {
    let service = shared.service.clone();
    let (damaged, upkeep) = tokio::task::spawn_blocking(move || {
        let info = service.info();
        (info.open_error.is_some(), info.upkeep.doing)
    })
    .await
    .unwrap_or((true, None));
    Json(json!({
        "status": if damaged { "damaged" } else { "ok" },
        "api_version": API_VERSION,
        "version": env!("CARGO_PKG_VERSION"),
        "upkeep": upkeep,
    }))
}

#[derive(Deserialize)]
struct PairRequest {
    code: String,
    device_name: String,
}

async fn pair(State(shared): AppState, body: Bytes) -> Result<Json<Value>, Refusal> {
    let request: PairRequest = serde_json::from_slice(&body).map_err(|e| {
        refusal(
            ErrorCode::BadRequest,
            format!("A pairing request is {{\"code\", \"device_name\"}}: {e}"),
        )
    })?;
    let service = shared.service.clone();
    let paired = blocking(move || {
        service
            .with_practice(|p| p.pair_device(&request.code, &request.device_name))
            .map_err(|e| match e.code {
                ErrorCode::Refused => Refusal(ApiError {
                    code: ErrorCode::PairingRefused,
                    ..e
                }),
                _ => Refusal(e),
            })
    })
    .await?;
    tracing::info!(device = %paired.device.id, name = %paired.device.name, "paired a workstation");
    Ok(Json(
        json!({"device_id": paired.device.id, "device_token": paired.token}),
    ))
}

async fn open_session(State(shared): AppState, headers: HeaderMap) -> Result<Json<Value>, Refusal> {
    let state = shared.clone();
    let handle = blocking(move || {
        let device = device(&state.service, &headers)?;
        Ok(state.sessions.open(&device))
    })
    .await?;
    Ok(Json(json!({"session": handle.token()})))
}

async fn command(
    State(shared): AppState,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, Refusal> {
    let state = shared.clone();
    let answer = blocking(move || {
        let device = device(&state.service, &headers)?;
        let session = state.sessions.of(&device, &headers)?;
        let events = state.events.for_session(session.token());
        let service = &*state.service;
        let needs = hairline::api::command(&name).map(|c| (c.from_shell)());
        match needs {
            Some(FromShell::SaveDialog(_) | FromShell::OpenDialog(_)) => Err(refusal(
                ErrorCode::BadRequest,
                format!(
                    "{name} chooses a file on the computer running Hairline, which a workstation cannot do on \
                     the clinic server: the server backs the practice up itself (see its backups folder)"
                ),
            )),
            Some(FromShell::Bytes) => {
                let request = headers
                    .get(REQUEST_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(request_in_header)
                    .ok_or_else(|| {
                        refusal(
                            ErrorCode::BadRequest,
                            "The request could not be read: expected it as JSON in its header",
                        )
                    })?;
                Ok(dispatch_with_bytes(service, &events, &session, &name, request, &body)?)
            }
            _ => {
                let request: Value = if body.is_empty() {
                    json!({})
                } else {
                    serde_json::from_slice(&body).map_err(|e| {
                        refusal(
                            ErrorCode::BadRequest,
                            format!("The request could not be read: expected a JSON object ({e})"),
                        )
                    })?
                };
                Ok(dispatch(service, &events, &session, &name, request)?)
            }
        }
    })
    .await?;
    Ok(Json(answer))
}

#[derive(Deserialize)]
struct PhotoQuery {
    thumbnail: Option<String>,
}

async fn photo(
    State(shared): AppState,
    Path(hash): Path<String>,
    Query(query): Query<PhotoQuery>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let thumbnail = query.thumbnail.is_some_and(|t| t == "1" || t == "true");
    let state = shared.clone();
    let (bytes, mime) = blocking(move || {
        let device = device(&state.service, &headers)?;
        let session = state.sessions.of(&device, &headers)?;
        // Whoever may see a client's photos may fetch one.
        state.service.allows(&session, "photo_timeline")?;
        let missing = || refusal(ErrorCode::NotFound, format!("There is no photo {hash}"));
        if !is_content_hash(&hash) {
            return Err(missing());
        }
        let store = PhotoStore::new(state.service.folder().photos());
        let candidates = if thumbnail {
            vec![(store.thumbnail_path(&hash), "image/jpeg")]
        } else {
            vec![
                (store.image_path(&hash, PhotoFormat::Jpeg), "image/jpeg"),
                (store.image_path(&hash, PhotoFormat::Png), "image/png"),
            ]
        };
        candidates
            .into_iter()
            .find_map(|(path, mime)| std::fs::read(path).ok().map(|bytes| (bytes, mime)))
            .ok_or_else(missing)
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, mime)], bytes).into_response())
}

async fn events(State(shared): AppState, headers: HeaderMap) -> Result<Response, Refusal> {
    let state = shared.clone();
    let session = blocking(move || {
        let device = device(&state.service, &headers)?;
        state.sessions.of(&device, &headers)
    })
    .await?;
    Ok(shared
        .events
        .stream(session.token().to_owned())
        .into_response())
}
