//! Uploaded pictures: avatars, session covers and card images. An upload of at most 5 MB,
//! recognised as PNG, JPEG or WebP by its content (never its name), decoded with limits
//! against decompression bombs and re-encoded, which drops every piece of metadata. Avatars
//! become a centred 256 px PNG square; covers and cards at most 1600 px on their long side.

use crate::error::AppError;
use image::{DynamicImage, ImageFormat, ImageReader, Limits, imageops::FilterType};
use std::io::Cursor;

pub const MAX_BYTES: usize = 5 * 1024 * 1024;
pub const SIZE: u32 = 256;

/// The long side of a cover or card image.
pub const PICTURE_MAX: u32 = 1600;

/// An uploaded image, decoded with limits.
fn decode(bytes: &[u8]) -> Result<DynamicImage, AppError> {
    if bytes.len() > MAX_BYTES {
        return Err(AppError::TooLarge);
    }
    let format = match infer::get(bytes).map(|k| k.mime_type()) {
        Some("image/png") => ImageFormat::Png,
        Some("image/jpeg") => ImageFormat::Jpeg,
        Some("image/webp") => ImageFormat::WebP,
        _ => return Err(AppError::UnsupportedImage),
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(8000);
    limits.max_image_height = Some(8000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    reader.decode().map_err(|_| AppError::UnsupportedImage)
}

/// A cover or card image: (content type, bytes), scaled down to [`PICTURE_MAX`] and
/// re-encoded as JPEG, or PNG when it has transparency.
pub fn picture(bytes: &[u8]) -> Result<(&'static str, Vec<u8>), AppError> {
    let mut image = decode(bytes)?;
    if image.width() > PICTURE_MAX || image.height() > PICTURE_MAX {
        image = image.resize(PICTURE_MAX, PICTURE_MAX, FilterType::Lanczos3);
    }
    let mut out = Vec::new();
    let kind = if image.color().has_alpha() {
        image
            .to_rgba8()
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .map_err(|e| AppError::Internal(e.into()))?;
        "image/png"
    } else {
        image
            .to_rgb8()
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Jpeg)
            .map_err(|e| AppError::Internal(e.into()))?;
        "image/jpeg"
    };
    Ok((kind, out))
}

/// The re-encoded PNG for an uploaded avatar.
pub fn process(bytes: &[u8]) -> Result<Vec<u8>, AppError> {
    let image = decode(bytes)?;
    let side = image.width().min(image.height());
    let x = (image.width() - side) / 2;
    let y = (image.height() - side) / 2;
    let square = image
        .crop_imm(x, y, side, side)
        .resize_exact(SIZE, SIZE, FilterType::Lanczos3);
    let mut out = Vec::new();
    square
        .to_rgba8()
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, _| {
            Rgb([u8::try_from(x % 256).unwrap_or(0), 80, 160])
        });
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Jpeg)
            .expect("encode");
        out
    }

    #[test]
    fn an_image_becomes_a_256_pixel_square_png() {
        let png = process(&jpeg(640, 400)).expect("processed");
        let decoded = image::load_from_memory(&png).expect("decodes");
        assert_eq!((decoded.width(), decoded.height()), (256, 256));
        assert_eq!(infer::get(&png).map(|k| k.mime_type()), Some("image/png"));
    }

    #[test]
    fn a_large_picture_is_scaled_to_1600_pixels_and_keeps_its_shape() {
        let (kind, bytes) = picture(&jpeg(3200, 1000)).expect("processed");
        assert_eq!(kind, "image/jpeg");
        let decoded = image::load_from_memory(&bytes).expect("decodes");
        assert_eq!((decoded.width(), decoded.height()), (1600, 500));
        let (_, small) = picture(&jpeg(300, 200)).expect("processed");
        let decoded = image::load_from_memory(&small).expect("decodes");
        assert_eq!((decoded.width(), decoded.height()), (300, 200));
    }

    #[test]
    fn metadata_is_dropped_by_re_encoding() {
        let mut bytes = jpeg(64, 64);
        // An APP1 (EXIF) segment right after the JPEG start marker.
        let exif = b"Exif\0\0secret-gps-location";
        let len = u16::try_from(exif.len() + 2).expect("short");
        let mut segment = vec![0xFF, 0xE1];
        segment.extend_from_slice(&len.to_be_bytes());
        segment.extend_from_slice(exif);
        bytes.splice(2..2, segment);
        let png = process(&bytes).expect("processed");
        assert!(!png.windows(10).any(|w| w == b"secret-gps"));
    }

    #[test]
    fn a_file_that_is_not_an_image_is_refused_whatever_its_name() {
        assert!(matches!(
            process(b"GIF89a not allowed here"),
            Err(AppError::UnsupportedImage)
        ));
        assert!(matches!(
            process(b"%PDF-1.7 pretend"),
            Err(AppError::UnsupportedImage)
        ));
        let mut broken = jpeg(32, 32);
        broken.truncate(40);
        assert!(matches!(process(&broken), Err(AppError::UnsupportedImage)));
    }

    #[test]
    fn an_upload_over_five_megabytes_is_refused() {
        assert!(matches!(
            process(&vec![0u8; MAX_BYTES + 1]),
            Err(AppError::TooLarge)
        ));
    }
}
