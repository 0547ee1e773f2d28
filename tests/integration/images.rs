//! Image files made in the test: plain JPEG/PNG/WebP, and JPEGs carrying an EXIF block written
//! byte by byte (orientation, date taken, GPS position) as a phone would write it.

use image::{ImageFormat, Rgb, RgbImage};
use std::io::Cursor;

/// A `width`×`height` picture: red on the left half, blue on the right, plus `seed` in the
/// green channel so different seeds give different files.
pub fn picture(width: u32, height: u32, seed: u8) -> RgbImage {
    RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgb([230, seed, 20])
        } else {
            Rgb([20, seed, 230])
        }
    })
}

pub fn encoded(image: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    image.write_to(&mut Cursor::new(&mut out), format).unwrap();
    out
}

pub fn jpeg(width: u32, height: u32, seed: u8) -> Vec<u8> {
    encoded(&picture(width, height, seed), ImageFormat::Jpeg)
}

/// What a phone's EXIF block says.
#[derive(Default)]
pub struct Exif {
    pub orientation: Option<u16>,
    pub taken: Option<&'static str>,
    pub gps: bool,
}

const SHORT: u16 = 3;
const LONG: u16 = 4;
const ASCII: u16 = 2;
const RATIONAL: u16 = 5;
const BYTE: u16 = 1;

struct Entry {
    tag: u16,
    kind: u16,
    count: u32,
    data: Vec<u8>,
}

fn entry(tag: u16, kind: u16, count: u32, data: Vec<u8>) -> Entry {
    Entry {
        tag,
        kind,
        count,
        data,
    }
}

fn rationals(values: &[(u32, u32)]) -> Vec<u8> {
    values
        .iter()
        .flat_map(|(n, d)| n.to_le_bytes().into_iter().chain(d.to_le_bytes()))
        .collect()
}

/// One little-endian TIFF IFD placed at offset `at`, its out-of-line values right after it.
fn ifd(entries: &[Entry], at: u32) -> Vec<u8> {
    let extra_start = at + 2 + 12 * entries.len() as u32 + 4;
    let mut head = (entries.len() as u16).to_le_bytes().to_vec();
    let mut extra = Vec::new();
    for e in entries {
        head.extend(e.tag.to_le_bytes());
        head.extend(e.kind.to_le_bytes());
        head.extend(e.count.to_le_bytes());
        if e.data.len() <= 4 {
            let mut inline = e.data.clone();
            inline.resize(4, 0);
            head.extend(inline);
        } else {
            head.extend((extra_start + extra.len() as u32).to_le_bytes());
            extra.extend(&e.data);
            if extra.len() % 2 == 1 {
                extra.push(0);
            }
        }
    }
    head.extend(0u32.to_le_bytes());
    head.extend(extra);
    head
}

/// The TIFF structure of an EXIF block: IFD0, then the Exif IFD, then the GPS IFD.
fn tiff(exif: &Exif) -> Vec<u8> {
    let exif_ifd: Vec<Entry> = exif
        .taken
        .map(|t| {
            let mut text = t.as_bytes().to_vec();
            text.push(0);
            entry(0x9003, ASCII, text.len() as u32, text)
        })
        .into_iter()
        .collect();
    let gps_ifd: Vec<Entry> = if exif.gps {
        vec![
            entry(0x0000, BYTE, 4, vec![2, 2, 0, 0]),
            entry(0x0001, ASCII, 2, b"N\0".to_vec()),
            entry(
                0x0002,
                RATIONAL,
                3,
                rationals(&[(53, 1), (47, 1), (4012, 100)]),
            ),
            entry(0x0003, ASCII, 2, b"W\0".to_vec()),
            entry(
                0x0004,
                RATIONAL,
                3,
                rationals(&[(1, 1), (32, 1), (5511, 100)]),
            ),
        ]
    } else {
        Vec::new()
    };
    let ifd0 = |exif_at: u32, gps_at: u32| {
        let mut entries = Vec::new();
        if let Some(o) = exif.orientation {
            entries.push(entry(0x0112, SHORT, 1, o.to_le_bytes().to_vec()));
        }
        if !exif_ifd.is_empty() {
            entries.push(entry(0x8769, LONG, 1, exif_at.to_le_bytes().to_vec()));
        }
        if !gps_ifd.is_empty() {
            entries.push(entry(0x8825, LONG, 1, gps_at.to_le_bytes().to_vec()));
        }
        entries
    };
    let ifd0_len = ifd(&ifd0(0, 0), 8).len() as u32;
    let exif_at = 8 + ifd0_len;
    let exif_bytes = if exif_ifd.is_empty() {
        Vec::new()
    } else {
        ifd(&exif_ifd, exif_at)
    };
    let gps_at = exif_at + exif_bytes.len() as u32;
    let gps_bytes = if gps_ifd.is_empty() {
        Vec::new()
    } else {
        ifd(&gps_ifd, gps_at)
    };
    let mut out = b"II*\0".to_vec();
    out.extend(8u32.to_le_bytes());
    out.extend(ifd(&ifd0(exif_at, gps_at), 8));
    out.extend(exif_bytes);
    out.extend(gps_bytes);
    out
}

/// `jpeg` with an APP1 EXIF segment inserted right after its start-of-image marker.
pub fn with_exif(jpeg: &[u8], exif: &Exif) -> Vec<u8> {
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8], "a JPEG");
    let tiff = tiff(exif);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend((2 + 6 + tiff.len() as u16).to_be_bytes());
    out.extend(b"Exif\0\0");
    out.extend(tiff);
    out.extend(&jpeg[2..]);
    out
}

/// Whether `bytes` carry any GPS tag, as an EXIF reader sees them.
pub fn has_gps(bytes: &[u8]) -> bool {
    match exif::Reader::new().read_from_container(&mut Cursor::new(bytes)) {
        Err(_) => false,
        Ok(exif) => exif.fields().any(|f| f.tag.context() == exif::Context::Gps),
    }
}
