//! Drawn signatures: what the signature pad sends is checked for size and shape before it
//! becomes part of a legal record — SVG path data (commands and numbers only, nothing that could
//! run when the printable consent shows it) or a real, bounded PNG as a data URL.

use crate::error::{Error, Result};
use base64::Engine as _;

/// Longest signature accepted, in characters (a PNG data URL of a 1200×400 pad is far below).
const MAX_CHARS: usize = 400_000;
/// Largest PNG signature, in pixels per side.
const MAX_PNG_SIDE: u32 = 4000;
const PNG_PREFIX: &str = "data:image/png;base64,";

/// A stored signature as an image file of its own: the PNG's bytes (`png`), or the path data
/// drawn in an SVG document the size of the signature pad (`svg`). Answers the extension and
/// the bytes; `None` for a value that is neither (never stored: [`check`] refuses it).
pub(crate) fn as_image_file(value: &str) -> Option<(&'static str, Vec<u8>)> {
    match value.strip_prefix(PNG_PREFIX) {
        Some(data) => base64::engine::general_purpose::STANDARD
            .decode(data)
            .ok()
            .map(|bytes| ("png", bytes)),
        None => check_svg_path(value).ok().map(|()| {
            let svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 480 140\">\
                 <path d=\"{value}\" fill=\"none\" stroke=\"#1b2430\" stroke-width=\"2.5\" \
                 stroke-linecap=\"round\"/></svg>\n"
            );
            ("svg", svg.into_bytes())
        }),
    }
}

/// Checks one drawn signature and returns it trimmed. `label` names the signer in messages.
pub(crate) fn check(field: &str, label: &str, value: &str) -> Result<String> {
    let value = value.trim();
    let refuse = |why: &str| Err(Error::validation(field, format!("{label}: {why}")));
    if value.is_empty() {
        return refuse("the signature is missing; sign in the box");
    }
    if value.len() > MAX_CHARS {
        return refuse(&format!(
            "the signature is too large ({} characters; at most {MAX_CHARS})",
            value.len()
        ));
    }
    let shape = match value.strip_prefix(PNG_PREFIX) {
        Some(data) => check_png(data),
        None => check_svg_path(value),
    };
    match shape {
        Ok(()) => Ok(value.to_owned()),
        Err(why) => refuse(&why),
    }
}

/// A PNG data URL must decode to a PNG of sensible size with at least one visible pixel.
fn check_png(data: &str) -> std::result::Result<(), String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|_| "the PNG data URL is not valid base64".to_owned())?;
    // Limits first: a small data URL must not decode into a huge image.
    let mut reader =
        image::ImageReader::with_format(std::io::Cursor::new(&bytes), image::ImageFormat::Png);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_PNG_SIDE);
    limits.max_image_height = Some(MAX_PNG_SIDE);
    reader.limits(limits);
    let image = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => {
            format!("the signature image is larger than {MAX_PNG_SIDE} pixels per side")
        }
        _ => "the data URL does not hold a readable PNG image".to_owned(),
    })?;
    let rgba = image.to_rgba8();
    // A pad with nothing drawn is one uniform colour (usually all transparent or all white).
    let first = rgba.pixels().next().copied();
    if rgba.pixels().all(|p| Some(*p) == first) {
        return Err("the signature image is blank; sign in the box".to_owned());
    }
    Ok(())
}

/// SVG path data: starts with a move-to, holds only path commands and numbers, and draws at
/// least one stroke.
fn check_svg_path(path: &str) -> std::result::Result<(), String> {
    const COMMANDS: &str = "MmLlHhVvCcSsQqTtAaZz";
    if !path.starts_with(['M', 'm']) {
        return Err(
            "a signature must be SVG path data starting with M, or a PNG data URL".to_owned(),
        );
    }
    if let Some(bad) = path.chars().find(|&c| {
        !(COMMANDS.contains(c)
            || c.is_ascii_digit()
            || ".,-+eE".contains(c)
            || c.is_ascii_whitespace())
    }) {
        return Err(format!(
            "the signature path contains {bad:?}; only path commands and numbers are allowed"
        ));
    }
    let strokes = path
        .chars()
        .filter(|c| COMMANDS.contains(*c) && !"MmZz".contains(*c))
        .count();
    let numbers = path
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|s| !s.is_empty())
        .count();
    if strokes == 0 || numbers < 4 {
        return Err("the signature is only a dot; sign in the box".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_url(width: u32, height: u32, ink: bool) -> String {
        let mut img = image::RgbaImage::new(width, height);
        if ink {
            img.put_pixel(width / 2, height / 2, image::Rgba([0, 0, 0, 255]));
        }
        let mut bytes = Vec::new();
        image::DynamicImage::ImageRgba8(img)
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        format!(
            "{PNG_PREFIX}{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        )
    }

    #[test]
    fn svg_paths_are_commands_and_numbers_only() {
        assert!(check("s", "Client", "M 10 10 L 20 25 C 30 30, 40 40, 50 20").is_ok());
        assert!(
            check("s", "Client", "M10,10").is_err(),
            "a dot is not a signature"
        );
        let err = check("s", "Client", "M 1 1 L 2 2\"/><script>").unwrap_err();
        assert_eq!(err.field(), Some("s"));
        assert!(check("s", "Client", "<svg onload=alert(1)>").is_err());
        assert!(check("s", "Client", "   ").is_err());
    }

    #[test]
    fn png_signatures_must_be_real_bounded_and_not_blank() {
        assert!(check("s", "Client", &png_url(300, 100, true)).is_ok());
        let huge = check("s", "Client", &png_url(4001, 10, true)).unwrap_err();
        assert!(huge.to_string().contains("4000 pixels"), "{huge}");
        let blank = check("s", "Client", &png_url(300, 100, false)).unwrap_err();
        assert!(blank.to_string().contains("blank"), "{blank}");
        assert!(check("s", "Client", "data:image/png;base64,not base64!").is_err());
        assert!(check("s", "Client", "data:image/png;base64,aGVsbG8=").is_err());
    }
}
