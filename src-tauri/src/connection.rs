//! How this workstation reaches its practice — its own database in the data folder, or a clinic
//! server it was paired with — kept in `connection.json` in the data folder (owner-only: it
//! holds the device token). A data folder that already holds a practice and no such file works
//! on this computer, as it always did; an empty one asks first.

use hairline::db::data_folder::DATABASE_FILE;
use hairline::{ApiError, ErrorCode};
use hairline_client::Pairing;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file in the data folder that keeps the choice.
pub const CONNECTION_FILE: &str = "connection.json";

/// The clinic server this workstation was paired with: where it is, the SHA-256 fingerprint of
/// its certificate (pinned: any other certificate is refused), this workstation's device token,
/// and the name it was paired under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairedServer {
    #[serde(flatten)]
    pub pairing: Pairing,
    pub device_name: String,
}

/// Where this workstation's practice is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Choice {
    /// The database in this computer's data folder.
    Local,
    /// A clinic server, over HTTPS.
    Server(PairedServer),
}

fn file_in(data_dir: &Path) -> PathBuf {
    data_dir.join(CONNECTION_FILE)
}

fn unreadable(path: &Path, why: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        ErrorCode::File,
        format!(
            "This workstation's connection settings ({}) could not be read: {why}",
            path.display()
        ),
        None,
    )
}

/// The choice kept in `data_dir`: the file's, else `Local` when the folder already holds a
/// practice, else `None` (nothing chosen yet: the window asks).
pub fn read(data_dir: &Path) -> Result<Option<Choice>, ApiError> {
    let path = file_in(data_dir);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| unreadable(&path, e)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(data_dir
            .join(DATABASE_FILE)
            .exists()
            .then_some(Choice::Local)),
        Err(e) => Err(unreadable(&path, e)),
    }
}

/// Keeps `choice` in `data_dir`, whole or not at all, readable by the owner only.
pub fn write(data_dir: &Path, choice: &Choice) -> Result<(), ApiError> {
    std::fs::create_dir_all(data_dir).map_err(|e| unreadable(data_dir, e))?;
    let path = file_in(data_dir);
    let text = serde_json::to_vec_pretty(choice).expect("the choice serialises");
    hairline::atomic_file::write_bytes_atomically(&path, &text)
        .and_then(|()| hairline::db::private_files::make_private(&path))
        .map_err(|e| e.to_api())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server() -> Choice {
        Choice::Server(PairedServer {
            pairing: Pairing {
                address: "192.168.1.20:7443".into(),
                fingerprint: "7F3A".repeat(16),
                device_id: "0190a7f0-0000-7000-8000-000000000001".into(),
                device_token: "secret-token".into(),
            },
            device_name: "Front desk".into(),
        })
    }

    #[test]
    fn an_empty_folder_asks_and_an_existing_practice_stays_on_this_computer() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(dir.path()).unwrap(), None);
        std::fs::write(dir.path().join(DATABASE_FILE), b"").unwrap();
        assert_eq!(read(dir.path()).unwrap(), Some(Choice::Local));
    }

    #[test]
    fn the_choice_is_kept_and_the_token_is_the_owners_only() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &server()).unwrap();
        assert_eq!(read(dir.path()).unwrap(), Some(server()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(CONNECTION_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "mode {mode:o}");
        }
        write(dir.path(), &Choice::Local).unwrap();
        assert_eq!(read(dir.path()).unwrap(), Some(Choice::Local));
    }

    #[test]
    fn a_damaged_file_is_an_error_naming_it_never_a_silent_default() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONNECTION_FILE), b"{not json").unwrap();
        let error = read(dir.path()).unwrap_err();
        assert!(error.message.contains(CONNECTION_FILE), "{}", error.message);
    }
}
