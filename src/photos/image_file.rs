//! One imported image made fit to keep: its format sniffed from its bytes (never its name), decoded
//! within limits, turned upright by its EXIF orientation, and re-encoded deterministically without
//! any metadata — so GPS tags never reach the store — plus a small JPEG thumbnail.

use crate::error::{Error, Result};
use crate::photos::PhotoFormat;
use chrono::NaiveDate;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};
use std::io::Cursor;

/// Largest file accepted (a 50 MP camera JPEG is well under this).
pub const MAX_FILE_BYTES: usize = 80 * 1024 * 1024;
/// Longest side accepted, in pixels.
const MAX_SIDE: u32 = 12_000;
/// Longest side of a thumbnail, in pixels.
pub const THUMBNAIL_SIDE: u32 = 320;
/// JPEG quality of stored photos: visually lossless for clinical comparison.
const PHOTO_QUALITY: u8 = 92;
const THUMBNAIL_QUALITY: u8 = 80;

/// An image decoded, oriented and re-encoded, with its thumbnail, ready to be written.
pub(crate) struct ProcessedImage {
    pub bytes: Vec<u8>,
    pub format: PhotoFormat,
    pub sha256: String,
    pub source_sha256: String,
    pub width: u32,
    pub height: u32,
    pub thumbnail: Vec<u8>,
    /// The day from EXIF DateTimeOriginal, when the file carries one.
    pub taken_on: Option<NaiveDate>,
}

/// The SHA-256 of `bytes`, as 64 lower-case hex digits.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The image format of `bytes`, from their magic numbers. Anything but JPEG, PNG or WebP is
/// refused, naming what it looks like when that is known.
pub(crate) fn sniff(field: &str, name: &str, bytes: &[u8]) -> Result<ImageFormat> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return Ok(ImageFormat::Jpeg);
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Ok(ImageFormat::Png);
    }
    if bytes.len() >= 12 && starts(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Ok(ImageFormat::WebP);
    }
    let looks_like = if bytes.is_empty() {
        "an empty file".to_owned()
    } else if starts(b"GIF8") {
        "a GIF image".to_owned()
    } else if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        "a HEIC/HEIF or video file (export it from the phone as JPEG)".to_owned()
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        "a TIFF or camera raw file".to_owned()
    } else if starts(b"BM") {
        "a BMP image".to_owned()
    } else if starts(b"%PDF") {
        "a PDF document".to_owned()
    } else {
        "not an image Hairline can read".to_owned()
    };
    Err(Error::validation(
        field,
        format!("\"{name}\" is {looks_like}; photos must be JPEG, PNG or WebP"),
    ))
}

/// Refuses a file larger than [`MAX_FILE_BYTES`].
pub(crate) fn check_size(field: &str, name: &str, size: u64) -> Result<()> {
    if size > MAX_FILE_BYTES as u64 {
        return Err(Error::validation(
            field,
            format!(
                "\"{name}\" is {} MB; photos can be at most {} MB",
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

/// Reads, checks and normalises one image file.
pub(crate) fn process(field: &str, name: &str, bytes: &[u8]) -> Result<ProcessedImage> {
    check_size(field, name, bytes.len() as u64)?;
    let source_format = sniff(field, name, bytes)?;
    let exif = ExifFacts::read(bytes);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), source_format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(1 << 30);
    reader.limits(limits);
    let mut image = reader.decode().map_err(|e| {
        Error::validation(
            field,
            format!("\"{name}\" could not be read as {source_format:?}: the file is damaged or incomplete ({e})"),
        )
    })?;
    image.apply_orientation(exif.orientation);

    let format = if source_format == ImageFormat::Png || image.color().has_alpha() {
        PhotoFormat::Png
    } else {
        PhotoFormat::Jpeg
    };
    let encoded = encode(&image, format, PHOTO_QUALITY)?;
    let thumbnail = thumbnail(&image)?;
    Ok(ProcessedImage {
        sha256: sha256_hex(&encoded),
        source_sha256: sha256_hex(bytes),
        bytes: encoded,
        format,
        width: image.width(),
        height: image.height(),
        thumbnail,
        taken_on: exif.taken_on,
    })
}

/// The thumbnail of an image already in the store (normalised: no orientation left to apply).
pub(crate) fn thumbnail_of(bytes: &[u8]) -> Result<Vec<u8>> {
    let image = image::load_from_memory(bytes).map_err(|e| Error::File {
        path: "photo".into(),
        message: format!("could not read a stored photo to make its thumbnail: {e}"),
    })?;
    thumbnail(&image)
}

/// A JPEG of at most [`THUMBNAIL_SIDE`] pixels on its longest side (never enlarged).
fn thumbnail(image: &DynamicImage) -> Result<Vec<u8>> {
    let small = if image.width().max(image.height()) > THUMBNAIL_SIDE {
        image.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE)
    } else {
        image.clone()
    };
    encode(&small, PhotoFormat::Jpeg, THUMBNAIL_QUALITY)
}

/// Encodes `image` with no metadata at all. The encoders are deterministic: the same pixels
/// always give the same bytes, hence the same hash.
fn encode(image: &DynamicImage, format: PhotoFormat, quality: u8) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let result = match format {
        PhotoFormat::Jpeg => {
            JpegEncoder::new_with_quality(&mut out, quality).encode_image(&image.to_rgb8())
        }
        PhotoFormat::Png => image.write_with_encoder(PngEncoder::new(&mut out)),
    };
    result.map_err(|e| Error::File {
        path: "photo".into(),
        message: format!("could not encode the photo: {e}"),
    })?;
    Ok(out)
}

/// What the EXIF block says about orientation and the date taken (nothing if there is none).
struct ExifFacts {
    orientation: Orientation,
    taken_on: Option<NaiveDate>,
}

impl ExifFacts {
    fn read(bytes: &[u8]) -> ExifFacts {
        let none = ExifFacts {
            orientation: Orientation::NoTransforms,
            taken_on: None,
        };
        let Ok(exif) = exif::Reader::new().read_from_container(&mut Cursor::new(bytes)) else {
            return none;
        };
        let orientation = exif
            .get_field(exif::Tag::Orientation, exif::In::PRIMARY)
            .and_then(|f| f.value.get_uint(0))
            .and_then(|o| u8::try_from(o).ok())
            .and_then(Orientation::from_exif)
            .unwrap_or(Orientation::NoTransforms);
        let taken_on = [exif::Tag::DateTimeOriginal, exif::Tag::DateTime]
            .into_iter()
            .find_map(|tag| match &exif.get_field(tag, exif::In::PRIMARY)?.value {
                exif::Value::Ascii(parts) => {
                    let when = exif::DateTime::from_ascii(parts.first()?).ok()?;
                    NaiveDate::from_ymd_opt(when.year.into(), when.month.into(), when.day.into())
                }
                _ => None,
            });
        ExifFacts {
            orientation,
            taken_on,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_sniffed_from_the_bytes_not_the_name() {
        assert_eq!(
            sniff("f", "x.png", &[0xFF, 0xD8, 0xFF, 0xE0]).unwrap(),
            ImageFormat::Jpeg
        );
        assert_eq!(
            sniff("f", "x", b"RIFF\0\0\0\0WEBPVP8 ").unwrap(),
            ImageFormat::WebP
        );
        let err = sniff("f", "scan.jpg", b"%PDF-1.7 ...").unwrap_err();
        assert!(err.to_string().contains("PDF"), "{err}");
        let err = sniff("f", "a.jpg", b"GIF89a....").unwrap_err();
        assert!(err.to_string().contains("GIF"), "{err}");
        assert!(sniff("f", "e.jpg", b"").is_err());
    }

    #[test]
    fn hashes_are_lower_case_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
