//! What a command needs that the window may not put in its JSON: a file the user chooses in a
//! dialog the desktop shell opens (so the web view can never name a file for Hairline to read or
//! write), or a file's bytes, carried as the call's raw body (never a JSON array of numbers).
//!
//! The command table says it through the request type: a command whose request is
//! [`BackupDestination`] or [`BackupSource`] gets its `path` from the shell's save or open
//! dialog, and one whose request is [`AddPhoto`] takes the photo's bytes as the body, with the
//! rest of its request as JSON in the [`REQUEST_HEADER`] header. The command-line tool supplies
//! the same things itself: the path in the JSON, the bytes from a file it names.

use super::requests::{AddPhoto, BackupDestination, BackupSource};
use chrono::NaiveDate;
use std::any::TypeId;

/// The header that carries the JSON request of a call whose body is a file's bytes,
/// percent-encoded (as `encodeURIComponent` writes it), since a header holds ASCII only.
pub const REQUEST_HEADER: &str = "hairline-request";

/// A dialog the shell opens to ask the user for a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileDialog {
    /// The dialog's title.
    pub title: &'static str,
    /// The name of the files it offers (`Hairline backup`) and their extensions.
    pub kind: &'static str,
    pub extensions: &'static [&'static str],
    /// The start of the name suggested for a new file (the day and the extension follow).
    pub suggested_stem: Option<&'static str>,
}

impl FileDialog {
    /// The file name the save dialog suggests on `today` (`hairline-backup-2026-06-15.sqlite`).
    pub fn suggested_name(&self, today: NaiveDate) -> Option<String> {
        let stem = self.suggested_stem?;
        let extension = self.extensions.first()?;
        Some(format!("{stem}-{today}.{extension}"))
    }
}

/// What the shell supplies to a command besides the window's JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FromShell {
    /// Nothing: the window's JSON is the whole request.
    Nothing,
    /// The `path` of a new file the user chose in a save dialog; the window sends `{}`.
    SaveDialog(FileDialog),
    /// The `path` of an existing file the user chose in an open dialog; the window sends `{}`.
    OpenDialog(FileDialog),
    /// A file's bytes as the call's raw body, the JSON request in [`REQUEST_HEADER`].
    Bytes,
}

impl FromShell {
    /// The dialog, for a command whose file the user chooses.
    pub fn dialog(&self) -> Option<&FileDialog> {
        match self {
            FromShell::SaveDialog(dialog) | FromShell::OpenDialog(dialog) => Some(dialog),
            FromShell::Nothing | FromShell::Bytes => None,
        }
    }
}

/// A Hairline backup file, for the dialogs that choose one.
const BACKUP_FILE: FileDialog = FileDialog {
    title: "Back up to a file",
    kind: "Hairline backup",
    extensions: &["sqlite"],
    suggested_stem: Some("hairline-backup"),
};

/// What the shell supplies to a command whose request type is `Request`.
pub fn from_shell_of<Request: 'static>() -> FromShell {
    let request = TypeId::of::<Request>();
    if request == TypeId::of::<BackupDestination>() {
        FromShell::SaveDialog(BACKUP_FILE)
    } else if request == TypeId::of::<BackupSource>() {
        FromShell::OpenDialog(FileDialog {
            title: "Restore from a backup file",
            suggested_stem: None,
            ..BACKUP_FILE
        })
    } else if request == TypeId::of::<AddPhoto>() {
        FromShell::Bytes
    } else {
        FromShell::Nothing
    }
}

/// Reads the JSON request carried in [`REQUEST_HEADER`]: percent-decoded, then parsed. `None`
/// when it is not percent-encoded UTF-8 JSON.
pub fn request_in_header(value: &str) -> Option<serde_json::Value> {
    let bytes = value.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            decoded.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    serde_json::from_slice(&decoded).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::requests::{AtPath, NoRequest};

    #[test]
    fn the_request_type_says_what_the_shell_supplies() {
        assert!(matches!(
            from_shell_of::<BackupDestination>(),
            FromShell::SaveDialog(_)
        ));
        assert!(matches!(
            from_shell_of::<BackupSource>(),
            FromShell::OpenDialog(_)
        ));
        assert_eq!(from_shell_of::<AddPhoto>(), FromShell::Bytes);
        assert_eq!(from_shell_of::<AtPath>(), FromShell::Nothing);
        assert_eq!(from_shell_of::<NoRequest>(), FromShell::Nothing);
        let day = "2026-06-15".parse().unwrap();
        assert_eq!(
            BACKUP_FILE.suggested_name(day).as_deref(),
            Some("hairline-backup-2026-06-15.sqlite")
        );
    }

    #[test]
    fn a_percent_encoded_request_reads_back() {
        // encodeURIComponent('{"name":"Zoë 1%.jpg"}')
        let header = "%7B%22name%22%3A%22Zo%C3%AB%201%25.jpg%22%7D";
        assert_eq!(
            request_in_header(header),
            Some(serde_json::json!({"name": "Zoë 1%.jpg"}))
        );
        for bad in ["%7B", "%zz", "%+7B%7D", "%", "not json", "%FF%FE"] {
            assert_eq!(request_in_header(bad), None, "{bad}");
        }
    }
}
