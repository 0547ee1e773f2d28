//! A CSV file's bytes as text, whichever program saved it: UTF-8 (with or without a byte order
//! mark), UTF-16 with a byte order mark (Excel's "Unicode text"), or a legacy code page such as
//! Windows-1252 (Excel's plain "CSV" on Windows), recognised with `chardetng` and decoded with
//! `encoding_rs` — and then *named* to the user ("read as Windows-1252"), never guessed silently.
//! What is not text (NUL bytes) or does not decode in the recognised code page is refused,
//! naming the line.

use crate::error::{Error, Result};
use encoding_rs::{Encoding, UTF_8};
use std::path::Path;

/// A CSV file's text and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedCsv {
    pub text: String,
    /// The encoding the file was read as when it was not UTF-8 (e.g. "Windows-1252"), for the
    /// user to see; `None` for UTF-8.
    pub read_as: Option<String>,
}

/// How to re-save a file Hairline cannot read.
const RESAVE: &str = "save it again as \"CSV UTF-8\" (in Excel: Save As, CSV UTF-8)";

/// The refusal of a file whose bytes do not decode, naming the line (from 1) of the first
/// undecodable byte.
pub(crate) fn undecodable(line: usize, what: &str) -> Error {
    Error::validation(
        "file",
        format!("Line {line}: the file is not {what}; {RESAVE}"),
    )
}

/// An encoding's name as people write it ("Windows-1252", "UTF-16LE", "ISO-8859-2").
fn shown(encoding: &'static Encoding) -> String {
    match encoding.name().strip_prefix("windows-") {
        Some(page) => format!("Windows-{page}"),
        None => encoding.name().to_owned(),
    }
}

/// The line (from 1) of byte `offset`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Decodes a CSV file's bytes (see the module documentation).
pub fn decode_csv(bytes: &[u8]) -> Result<DecodedCsv> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or_else(|| {
                let (lossy, _) = encoding.decode_without_bom_handling(body);
                let at = lossy.find('\u{FFFD}').unwrap_or(0);
                undecodable(
                    lossy[..at].matches('\n').count() + 1,
                    &format!("{} text", shown(encoding)),
                )
            })?
            .into_owned();
        let read_as = (encoding != UTF_8).then(|| shown(encoding));
        return Ok(DecodedCsv { text, read_as });
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return Err(undecodable(
            line_of(bytes, nul),
            "text (it holds NUL bytes)",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(DecodedCsv {
            text: text.to_owned(),
            read_as: None,
        }),
        Err(e) => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            // Not UTF-8: the bytes were just found not to be.
            let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
            let text = (encoding != UTF_8)
                .then(|| encoding.decode_without_bom_handling_and_without_replacement(bytes))
                .flatten()
                .ok_or_else(|| {
                    undecodable(
                        line_of(bytes, e.valid_up_to()),
                        "UTF-8 text, nor in an encoding Hairline recognises",
                    )
                })?;
            Ok(DecodedCsv {
                text: text.into_owned(),
                read_as: Some(shown(encoding)),
            })
        }
    }
}

/// Decodes a CSV file the window sent as base64 (field `content_base64`).
pub fn decode_csv_base64(content: &str) -> Result<DecodedCsv> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(content)
        .map_err(|e| {
            Error::validation(
                "content_base64",
                format!("The file's content is not valid base64: {e}"),
            )
        })?;
    decode_csv(&bytes)
}

/// Reads and decodes a CSV file (see [`decode_csv`]).
pub fn read_csv_file(path: &Path) -> Result<DecodedCsv> {
    let bytes = std::fs::read(path).map_err(|e| Error::file(path, &e))?;
    decode_csv(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_read_as_it_is_with_or_without_a_byte_order_mark() {
        let plain = decode_csv("first,last\nZoë,Okafor\n".as_bytes()).unwrap();
        assert_eq!(plain.text, "first,last\nZoë,Okafor\n");
        assert_eq!(plain.read_as, None);
        let bom = decode_csv("\u{feff}first\nZoë\n".as_bytes()).unwrap();
        assert_eq!((bom.text.as_str(), bom.read_as), ("first\nZoë\n", None));
    }

    #[test]
    fn windows_1252_is_decoded_and_named() {
        let read = decode_csv(b"first,last\nJos\xe9,Garc\xeda\nZo\xeb,M\xfcller\n").unwrap();
        assert_eq!(read.text, "first,last\nJosé,García\nZoë,Müller\n");
        assert_eq!(read.read_as.as_deref(), Some("Windows-1252"));
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded_and_named() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("a,b\nZoë,1\n".encode_utf16().flat_map(u16::to_le_bytes));
        let read = decode_csv(&bytes).unwrap();
        assert_eq!(read.text, "a,b\nZoë,1\n");
        assert_eq!(read.read_as.as_deref(), Some("UTF-16LE"));
    }

    #[test]
    fn bytes_that_are_not_text_are_refused_naming_the_line() {
        let err = decode_csv(b"a,b\n1,2\n\x00\x01\x02").unwrap_err();
        assert_eq!(err.field(), Some("file"));
        assert!(err.to_string().starts_with("Line 3:"), "{err}");
        assert!(err.to_string().contains("NUL"), "{err}");
    }
}
