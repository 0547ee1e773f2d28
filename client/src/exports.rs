//! Bringing an export home: on a workstation connected to a clinic server an export command
//! writes its file on the server, on another machine, so the workstation downloads it
//! (`GET /exports/…`, `server/PROTOCOL.md`) into a folder of its own, named by the same policy as
//! a desktop's exports (`hairline::exchange::export_file`: never over an existing file), and the
//! window is answered the path on this computer, as on a desktop.

use crate::connection::{Connection, SessionToken, URI_COMPONENT};
use crate::SESSION_HEADER;
use hairline::atomic_file::write_atomically;
use hairline::exchange::export_file::{new_export_path, writes_an_export};
use hairline::exchange::subject_access::files_folder_of;
use hairline::{ApiError, ErrorCode};
use percent_encoding::utf8_percent_encode;
use reqwest::blocking::Response;
use serde_json::Value;
use std::fs;
use std::path::{Component, Path, PathBuf};

/// The command whose export is a JSON file with a folder of files beside it
/// ([`files_folder_of`]): a client's record with its photos and signatures.
const WITH_FILES_FOLDER: &str = "export_client_record";

impl Connection {
    /// After the command `command` answered `answer` for `session`: when it is an export
    /// command, downloads the export its answer names (the path alone, or first in a pair) into
    /// `into` and answers `answer` with the path on this computer in place of the server's.
    /// Any other command's answer comes back unchanged. A failure names the export.
    pub fn bring_export_home(
        &self,
        session: &SessionToken,
        command: &str,
        mut answer: Value,
        into: &Path,
    ) -> Result<Value, ApiError> {
        if !writes_an_export(command) {
            return Ok(answer);
        }
        let slot = match &mut answer {
            Value::Array(items) => items.first_mut(),
            other => Some(other),
        };
        let Some(slot) = slot.filter(|slot| slot.is_string()) else {
            return Err(ApiError::new(
                ErrorCode::Storage,
                format!("The clinic server's answer to {command} names no exported file"),
                None,
            ));
        };
        let name = name_in(slot.as_str().unwrap_or_default()).to_owned();
        if plain_relative(&name).is_none_or(|p| p.components().count() != 1) {
            return Err(ApiError::new(
                ErrorCode::Storage,
                format!("The clinic server's answer to {command} names no exported file: {name:?}"),
                None,
            ));
        }
        let local = self
            .download_export(session, command, &name, into)
            .map_err(|e| ApiError {
                message: format!(
                    "The export {name} was written on the clinic server but could not be brought to this \
                     computer: {}",
                    e.message
                ),
                ..e
            })?;
        *slot = Value::String(local.display().to_string());
        Ok(answer)
    }

    /// Downloads the export called `name` (and the folder of files beside it, for a client's
    /// record) into a new file in `into`; answers the file's path.
    fn download_export(
        &self,
        session: &SessionToken,
        command: &str,
        name: &str,
        into: &Path,
    ) -> Result<PathBuf, ApiError> {
        let local = new_export_path(into, name).map_err(|e| e.to_api())?;
        let folder = (command == WITH_FILES_FOLDER).then(|| files_folder_of(&local));
        if let Some(folder) = &folder {
            let on_server = files_folder_of(Path::new(name));
            let on_server = on_server.to_string_lossy();
            self.download_folder(session, &on_server, folder)?;
        }
        let mut response = self.fetch(session, name)?;
        let written = write_atomically(&local, |out| {
            std::io::copy(&mut response, out)
                .map(|_| ())
                .map_err(|e| hairline::Error::file(&local, &e))
        });
        if let Err(e) = written {
            if let Some(folder) = &folder {
                let _ = fs::remove_dir_all(folder);
            }
            return Err(e.to_api());
        }
        Ok(local)
    }

    /// Downloads every file of the folder export `name` into the new folder `local`, whole or
    /// not at all (assembled under a temporary name, then renamed).
    fn download_folder(
        &self,
        session: &SessionToken,
        name: &str,
        local: &Path,
    ) -> Result<(), ApiError> {
        if local.exists() {
            let exists = std::io::Error::from(std::io::ErrorKind::AlreadyExists);
            return Err(hairline::Error::file(local, &exists).to_api());
        }
        let listing = self.json(self.get_export(session, name))?;
        let files: Vec<String> = serde_json::from_value(listing["files"].clone()).map_err(|e| {
            ApiError::new(
                ErrorCode::Storage,
                format!("The clinic server's list of the files of {name} could not be read: {e}"),
                None,
            )
        })?;
        let staging = local.with_extension("partial");
        let _ = fs::remove_dir_all(&staging);
        let written = fs::create_dir_all(&staging)
            .map_err(|e| hairline::Error::file(&staging, &e).to_api())
            .and_then(|()| {
                files
                    .iter()
                    .try_for_each(|file| self.download_into(session, name, file, &staging))
            })
            .and_then(|()| {
                fs::rename(&staging, local).map_err(|e| hairline::Error::file(local, &e).to_api())
            });
        if written.is_err() {
            let _ = fs::remove_dir_all(&staging);
        }
        written
    }

    /// Downloads the file `file` of the folder export `name` into `folder`.
    fn download_into(
        &self,
        session: &SessionToken,
        name: &str,
        file: &str,
        folder: &Path,
    ) -> Result<(), ApiError> {
        // The server's list names files of this computer's: plain names only.
        let to =
            plain_relative(file)
                .map(|r| folder.join(r))
                .ok_or_else(|| {
                    ApiError::new(
                ErrorCode::Storage,
                format!("The clinic server listed {file:?} in {name}, which is not a file's name"),
                None,
            )
                })?;
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| hairline::Error::file(parent, &e).to_api())?;
        }
        let mut response = self.fetch(session, &format!("{name}/{file}"))?;
        let mut out = fs::File::create(&to).map_err(|e| hairline::Error::file(&to, &e).to_api())?;
        std::io::copy(&mut response, &mut out)
            .map(|_| ())
            .map_err(|e| hairline::Error::file(&to, &e).to_api())
    }

    fn get_export(&self, session: &SessionToken, path: &str) -> reqwest::blocking::RequestBuilder {
        let encoded: Vec<String> = path
            .split('/')
            .map(|part| utf8_percent_encode(part, URI_COMPONENT).to_string())
            .collect();
        self.request(
            &self.http,
            reqwest::Method::GET,
            &format!("/exports/{}", encoded.join("/")),
        )
        .header(SESSION_HEADER, &session.0)
    }

    /// The bytes of the export file at `path` (a name, or a name and a path in a folder export),
    /// as the server sends them.
    fn fetch(&self, session: &SessionToken, path: &str) -> Result<Response, ApiError> {
        self.send(self.get_export(session, path))
    }
}

/// The name at the end of a path the server answered (in its own system's spelling).
fn name_in(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// `path` (`/`-separated) as a relative path of plain names, if it is one.
fn plain_relative(path: &str) -> Option<PathBuf> {
    path.split('/')
        .map(|part| {
            let mut components = Path::new(part).components();
            match (components.next(), components.next()) {
                (Some(Component::Normal(name)), None) if !part.contains('\\') => Some(name),
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_is_taken_from_the_servers_path_whatever_its_system() {
        assert_eq!(
            name_in("/srv/hairline/exports/practice-1.json"),
            "practice-1.json"
        );
        assert_eq!(
            name_in(r"D:\Hairline\exports\recalls-2026.csv"),
            "recalls-2026.csv"
        );
        assert_eq!(name_in("practice-1.json"), "practice-1.json");
    }

    #[test]
    fn a_listed_file_is_written_only_inside_the_folder() {
        assert_eq!(
            plain_relative("photos/ab.jpg"),
            Some(PathBuf::from("photos").join("ab.jpg"))
        );
        for bad in ["../x", "/etc/passwd", "a//b", "./a", "a\\..\\b", ""] {
            assert_eq!(plain_relative(bad), None, "{bad}");
        }
    }
}
