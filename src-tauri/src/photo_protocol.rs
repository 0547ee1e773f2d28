//! Photos for the window by content hash, from wherever its practice is: `photo://localhost/<sha256>`
//! for the image, with `?thumbnail=1` for its thumbnail. On this computer they are read from the
//! photo folder; on a workstation connected to a clinic server they are fetched from the server.
//! Either way only someone signed in at that window who may see photos gets them; nothing but a
//! content hash ever becomes part of a path.

use crate::clinic_server::ClinicServer;
use crate::ipc::WindowSessions;
use hairline::api::Service;
use hairline::photos::is_content_hash;
use hairline::{ApiError, ErrorCode};
use tauri::http::{Request, Response, StatusCode};
use tauri::{AppHandle, Manager, Runtime};

/// The URI scheme the window's `<img>` elements use.
pub const SCHEME: &str = "photo";

/// The photo a URL asks for: its hash and whether the thumbnail is wanted.
#[derive(Debug, PartialEq, Eq)]
struct Wanted {
    sha256: String,
    thumbnail: bool,
}

fn not_found() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "No such photo".to_owned(), None)
}

/// Reads `/<sha256>[?thumbnail=1]`; anything else is not a photo.
fn wanted(uri: &tauri::http::Uri) -> Result<Wanted, ApiError> {
    let sha256 = uri.path().trim_start_matches('/');
    if !is_content_hash(sha256) {
        return Err(not_found());
    }
    let thumbnail = uri
        .query()
        .is_some_and(|query| query.split('&').any(|pair| pair == "thumbnail=1"));
    Ok(Wanted {
        sha256: sha256.to_owned(),
        thumbnail,
    })
}

/// Registers the scheme; each request is answered on a blocking thread.
pub fn register<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.register_asynchronous_uri_scheme_protocol(SCHEME, |context, request, responder| {
        let app = context.app_handle().clone();
        let window = context.webview_label().to_owned();
        tauri::async_runtime::spawn_blocking(move || {
            responder.respond(respond(&app, &window, &request));
        });
    })
}

fn respond<R: Runtime>(
    app: &AppHandle<R>,
    window: &str,
    request: &Request<Vec<u8>>,
) -> Response<Vec<u8>> {
    let answer = wanted(request.uri()).and_then(|wanted| photo(app, window, &wanted));
    match answer {
        Ok((bytes, content_type)) => Response::builder()
            .status(StatusCode::OK)
            .header("Content-Type", content_type)
            .header("Cache-Control", "private, max-age=86400, immutable")
            .body(bytes),
        Err(error) => {
            let status = match error.code {
                ErrorCode::NotFound => StatusCode::NOT_FOUND,
                ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
                ErrorCode::Forbidden => StatusCode::FORBIDDEN,
                _ => StatusCode::BAD_GATEWAY,
            };
            Response::builder()
                .status(status)
                .header("Content-Type", "text/plain; charset=utf-8")
                .body(error.message.into_bytes())
        }
    }
    .unwrap_or_else(|_| Response::new(Vec::new()))
}

/// The photo's bytes and content type, from the window's practice.
fn photo<R: Runtime>(
    app: &AppHandle<R>,
    window: &str,
    wanted: &Wanted,
) -> Result<(Vec<u8>, &'static str), ApiError> {
    if let Some(server) = app.try_state::<ClinicServer>() {
        let bytes = server.photo(window, &wanted.sha256, wanted.thumbnail)?;
        let kind = content_type_of(&bytes);
        return Ok((bytes, kind));
    }
    let service = app
        .try_state::<Service>()
        .ok_or_else(crate::workstation::not_chosen)?;
    // Whoever may see a client's photos at this window may see their files.
    service.allows(&app.state::<WindowSessions>().of(window), "photo_timeline")?;
    let store = hairline::photos::PhotoStore::new(service.folder().photos());
    let path = if wanted.thumbnail {
        store.thumbnail_path(&wanted.sha256)
    } else {
        [
            hairline::photos::PhotoFormat::Jpeg,
            hairline::photos::PhotoFormat::Png,
        ]
        .into_iter()
        .map(|format| store.image_path(&wanted.sha256, format))
        .find(|path| path.is_file())
        .ok_or_else(not_found)?
    };
    let bytes = std::fs::read(&path).map_err(|_| not_found())?;
    let kind = content_type_of(&bytes);
    Ok((bytes, kind))
}

/// The stored formats are JPEG and PNG (thumbnails are JPEG): told apart by their first bytes.
fn content_type_of(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"\x89PNG") {
        "image/png"
    } else {
        "image/jpeg"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_content_hash_names_a_photo() {
        let hash = "ab".repeat(32);
        let uri: tauri::http::Uri = format!("photo://localhost/{hash}?thumbnail=1")
            .parse()
            .unwrap();
        assert_eq!(
            wanted(&uri).unwrap(),
            Wanted {
                sha256: hash.clone(),
                thumbnail: true
            }
        );
        let uri: tauri::http::Uri = format!("http://photo.localhost/{hash}").parse().unwrap();
        assert!(!wanted(&uri).unwrap().thumbnail);
        for bad in [
            "..%2F..%2Fhairline.sqlite",
            "thumbs/x.jpg",
            &"AB".repeat(32),
            "",
        ] {
            let uri: tauri::http::Uri = format!("photo://localhost/{bad}").parse().unwrap();
            assert_eq!(wanted(&uri).unwrap_err().code, ErrorCode::NotFound, "{bad}");
        }
    }

    #[test]
    fn png_and_jpeg_are_told_apart() {
        assert_eq!(content_type_of(b"\x89PNG\r\n"), "image/png");
        assert_eq!(content_type_of(&[0xff, 0xd8, 0xff]), "image/jpeg");
    }
}
