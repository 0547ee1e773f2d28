//! The exports a workstation's commands wrote on the clinic server, fetched by that workstation
//! (`server/PROTOCOL.md`, "Exports"): an export made on a connected workstation is written into
//! the server's export folder, on another machine, so the workstation downloads it into its own
//! Downloads. Served: only what is inside the export folder, named like one of Hairline's
//! exports, to a signed-in person whose role may run the command that wrote it; a file as its
//! bytes (streamed), a folder (a client record's `… files`) as the list of the files in it.

use crate::auth::device;
use crate::routes::{blocking, AppState};
use crate::wire::Refusal;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use hairline::exchange::export_file::command_that_wrote;
use hairline::{ApiError, ErrorCode};
use serde_json::json;
use std::path::{Component, PathBuf};
use tokio_util::io::ReaderStream;

/// What an export's path names on the server.
enum Found {
    /// A file, opened, and its length.
    File(std::fs::File, u64),
    /// A folder: the files in it, `/`-separated paths relative to it, sorted.
    Folder(Vec<String>),
}

/// `GET /exports/<name>[/<path inside a folder export>]`.
pub(crate) async fn export(
    State(shared): AppState,
    Path(path): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let state = shared.clone();
    let found = blocking(move || {
        let device = device(&state.service, &headers)?;
        let session = state.sessions.of(&device, &headers)?;
        let name = export_name(&path)?;
        let command = command_that_wrote(name).ok_or_else(|| {
            refused(
                ErrorCode::NotFound,
                format!("{name} is not one of Hairline's exports"),
            )
        })?;
        state.service.allows(&session, command)?;
        locate(state.service.exports(), &path)
    })
    .await?;
    Ok(match found {
        Found::File(file, length) => {
            let stream = ReaderStream::new(tokio::fs::File::from_std(file));
            (
                [
                    (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
                    (header::CONTENT_LENGTH, length.to_string()),
                ],
                Body::from_stream(stream),
            )
                .into_response()
        }
        Found::Folder(files) => Json(json!({ "files": files })).into_response(),
    })
}

fn refused(code: ErrorCode, message: String) -> Refusal {
    Refusal(ApiError::new(code, message, Some("name".to_owned())))
}

/// The export `path` is in (its first part), once every part of it is a plain name: no `..`,
/// no `.`, no empty part, no root.
fn export_name(path: &str) -> Result<&str, Refusal> {
    let plain = |part: &str| {
        let mut components = std::path::Path::new(part).components();
        matches!(
            (components.next(), components.next()),
            (Some(Component::Normal(_)), None)
        ) && !part.contains('\\')
    };
    let mut parts = path.split('/');
    let name = parts.next().unwrap_or_default();
    if !plain(name) || !parts.all(plain) {
        return Err(refused(
            ErrorCode::BadRequest,
            format!(
                "{path:?} is not an export's name: give the name the export command answered, \
                 with no folders before it and no \"..\" in it"
            ),
        ));
    }
    Ok(name)
}

/// The file or folder at `path` in the export folder `exports`, refused when it resolves
/// (through a link) to anything outside the folder.
fn locate(exports: &std::path::Path, path: &str) -> Result<Found, Refusal> {
    let missing = || {
        refused(
            ErrorCode::NotFound,
            format!(
                "There is no export {path} on the clinic server (exports are kept there 30 days, and an \
                 erasure removes those holding the client): export it again"
            ),
        )
    };
    let root = exports.canonicalize().map_err(|_| missing())?;
    let target: PathBuf = root.join(path).canonicalize().map_err(|_| missing())?;
    if !target.starts_with(&root) || target == root {
        return Err(refused(
            ErrorCode::BadRequest,
            format!("{path} leads outside the clinic server's export folder"),
        ));
    }
    let unreadable = |e: &dyn std::fmt::Display| {
        refused(
            ErrorCode::File,
            format!("The export {path} could not be read on the clinic server: {e}"),
        )
    };
    if target.is_dir() {
        return files_in(&target)
            .map(Found::Folder)
            .map_err(|e| unreadable(&e));
    }
    let file = std::fs::File::open(&target).map_err(|e| unreadable(&e))?;
    let length = file.metadata().map_err(|e| unreadable(&e))?.len();
    Ok(Found::File(file, length))
}

/// Every file in `folder` and its subfolders (links not followed), as `/`-separated paths
/// relative to it, sorted.
fn files_in(folder: &std::path::Path) -> Result<Vec<String>, walkdir::Error> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let entry = entry?;
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(folder).unwrap_or(entry.path());
            let parts: Vec<_> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect();
            files.push(parts.join("/"));
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_inside_the_export_folder_are_read() {
        assert_eq!(export_name("practice-1.json").ok(), Some("practice-1.json"));
        assert_eq!(
            export_name("client-3-x files/photos/ab.jpg").ok(),
            Some("client-3-x files")
        );
        for bad in [
            "../hairline.sqlite",
            "client-3 files/../../hairline.sqlite",
            "/etc/passwd",
            "",
            "client-3 files//a",
            "./practice-1.json",
            "..\\hairline.sqlite",
        ] {
            let refusal = export_name(bad).expect_err(bad);
            assert_eq!(refusal.0.code, ErrorCode::BadRequest, "{bad}");
            assert_eq!(refusal.0.field.as_deref(), Some("name"));
        }
    }
}
