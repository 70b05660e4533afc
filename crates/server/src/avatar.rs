//! Uploaded pictures: avatars, session covers, card images and pictures among a session's
//! files. An image is recognised as PNG, JPEG, WebP or GIF by its content (never its name),
//! decoded with limits against decompression bombs and re-encoded, which drops every piece
//! of metadata. Avatars become a centred 256 px PNG square; covers and cards at most 1600 px
//! on their long side, with small copies for the cards at 1x and 2x; files keep their size
//! (a GIF its frames).

use crate::error::AppError;
use image::{DynamicImage, ImageFormat, ImageReader, Limits, imageops::FilterType};
use std::io::Cursor;

pub const MAX_BYTES: usize = 5 * 1024 * 1024;
pub const SIZE: u32 = 256;

/// The long side of a cover or card image.
pub const PICTURE_MAX: u32 = 1600;

/// The card copy of a picture at 1x, in pixels; the 2x copy is twice that. Cards show their
/// picture this shape, filled and centred.
pub const CARD: (u32, u32) = (320, 140);

/// The largest width or height decoded.
const MAX_SIDE: u32 = 8000;

/// An uploaded image of at most `max_bytes`, decoded with limits.
fn decode(bytes: &[u8], max_bytes: usize) -> Result<DynamicImage, AppError> {
    if bytes.len() > max_bytes {
        return Err(AppError::TooLarge);
    }
    let format = match infer::get(bytes).map(|k| k.mime_type()) {
        Some("image/png") => ImageFormat::Png,
        Some("image/jpeg") => ImageFormat::Jpeg,
        Some("image/webp") => ImageFormat::WebP,
        Some("image/gif") => ImageFormat::Gif,
        _ => return Err(AppError::UnsupportedImage),
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    reader.decode().map_err(|_| AppError::UnsupportedImage)
}

/// An image encoded as JPEG, or PNG when it has transparency: (content type, bytes).
fn encode(image: &DynamicImage) -> Result<(&'static str, Vec<u8>), AppError> {
    let mut out = Vec::new();
    let written = if image.color().has_alpha() {
        image
            .to_rgba8()
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .map(|()| "image/png")
    } else {
        image
            .to_rgb8()
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Jpeg)
            .map(|()| "image/jpeg")
    };
    let kind = written.map_err(|e| AppError::Internal(e.into()))?;
    Ok((kind, out))
}

/// A cover or card picture as stored: at most [`PICTURE_MAX`] on its long side, and its card
/// copies at 1x and 2x, all of one content type.
#[derive(Debug)]
pub struct Picture {
    pub mime: &'static str,
    pub bytes: Vec<u8>,
    pub card: [Vec<u8>; 2],
}

impl Picture {
    pub fn as_new(&self) -> store::NewImage<'_> {
        store::NewImage {
            content_type: self.mime,
            bytes: &self.bytes,
            card: Some([&self.card[0], &self.card[1]]),
        }
    }
}

/// An uploaded cover or card picture (at most [`MAX_BYTES`]).
pub fn picture(bytes: &[u8]) -> Result<Picture, AppError> {
    picture_within(bytes, MAX_BYTES)
}

/// A cover or card picture from an image of at most `max_bytes`, scaled down to
/// [`PICTURE_MAX`] and re-encoded (JPEG, or PNG when it has transparency), with its card
/// copies.
pub fn picture_within(bytes: &[u8], max_bytes: usize) -> Result<Picture, AppError> {
    let mut image = decode(bytes, max_bytes)?;
    if image.width() > PICTURE_MAX || image.height() > PICTURE_MAX {
        image = image.resize(PICTURE_MAX, PICTURE_MAX, FilterType::Lanczos3);
    }
    let (mime, bytes) = encode(&image)?;
    let card = |scale: u32| {
        encode(&image.resize_to_fill(CARD.0 * scale, CARD.1 * scale, FilterType::Lanczos3))
            .map(|(_, b)| b)
    };
    Ok(Picture {
        mime,
        card: [card(1)?, card(2)?],
        bytes,
    })
}

/// An uploaded file's picture (PNG, JPEG or WebP) re-encoded at its own size, which drops
/// every piece of metadata: (content type, bytes). A PNG stays a PNG and a JPEG a JPEG; a
/// WebP becomes a JPEG, or a PNG when it has transparency.
pub fn reencode(bytes: &[u8], max_bytes: usize) -> Result<(&'static str, Vec<u8>), AppError> {
    let image = decode(bytes, max_bytes)?;
    if infer::get(bytes).map(|k| k.mime_type()) != Some("image/png") {
        return encode(&image);
    }
    let mut out = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(("image/png", out))
}

/// The most pixels all frames of a GIF may hold together.
const GIF_PIXELS: u64 = 200_000_000;

/// An uploaded GIF copied frame by frame, palettes and timing kept, without its comments and
/// other extensions (XMP, application data). Refused past [`MAX_SIDE`] or [`GIF_PIXELS`].
pub fn reencode_gif(bytes: &[u8]) -> Result<Vec<u8>, AppError> {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::Indexed);
    options.set_memory_limit(gif::MemoryLimit::Bytes(
        std::num::NonZeroU64::new(u64::from(MAX_SIDE) * u64::from(MAX_SIDE))
            .unwrap_or(std::num::NonZeroU64::MIN),
    ));
    let bad = |_| AppError::UnsupportedImage;
    let mut decoder = options.read_info(Cursor::new(bytes)).map_err(bad)?;
    let (width, height) = (decoder.width(), decoder.height());
    if u32::from(width) > MAX_SIDE || u32::from(height) > MAX_SIDE {
        return Err(AppError::UnsupportedImage);
    }
    let palette = decoder.global_palette().unwrap_or_default().to_vec();
    let repeat = decoder.repeat();
    let mut out = Vec::new();
    {
        let mut encoder = gif::Encoder::new(&mut out, width, height, &palette)
            .map_err(|e| AppError::Internal(e.into()))?;
        if repeat != gif::Repeat::Finite(0) {
            encoder
                .set_repeat(repeat)
                .map_err(|e| AppError::Internal(e.into()))?;
        }
        let mut pixels = 0u64;
        while let Some(frame) = decoder.read_next_frame().map_err(bad)? {
            pixels += u64::from(frame.width) * u64::from(frame.height);
            if pixels > GIF_PIXELS {
                return Err(AppError::UnsupportedImage);
            }
            let mut frame = frame.clone();
            // The decoder hands rows in order.
            frame.interlaced = false;
            encoder
                .write_frame(&frame)
                .map_err(|e| AppError::Internal(e.into()))?;
        }
    }
    Ok(out)
}

/// The re-encoded PNG for an uploaded avatar.
pub fn process(bytes: &[u8]) -> Result<Vec<u8>, AppError> {
    let image = decode(bytes, MAX_BYTES)?;
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
        let big = picture(&jpeg(3200, 1000)).expect("processed");
        assert_eq!(big.mime, "image/jpeg");
        let decoded = image::load_from_memory(&big.bytes).expect("decodes");
        assert_eq!((decoded.width(), decoded.height()), (1600, 500));
        let small = picture(&jpeg(300, 200)).expect("processed");
        let decoded = image::load_from_memory(&small.bytes).expect("decodes");
        assert_eq!((decoded.width(), decoded.height()), (300, 200));
    }

    #[test]
    fn a_picture_has_card_copies_at_1x_and_2x_filled_to_the_cards_shape() {
        let p = picture(&jpeg(300, 600)).expect("processed");
        for (copy, scale) in p.card.iter().zip([1, 2]) {
            let decoded = image::load_from_memory(copy).expect("decodes");
            assert_eq!(
                (decoded.width(), decoded.height()),
                (CARD.0 * scale, CARD.1 * scale)
            );
            assert_eq!(infer::get(copy).map(|k| k.mime_type()), Some(p.mime));
        }
    }

    #[test]
    fn a_gif_keeps_its_frames_and_loses_its_comments() {
        let mut gif = Vec::new();
        {
            let mut e = gif::Encoder::new(&mut gif, 2, 2, &[0, 0, 0, 255, 255, 255]).expect("gif");
            e.write_raw_extension(gif::Extension::Comment.into(), &[b"camera-serial-42"])
                .expect("comment");
            for i in 0..3u8 {
                let frame = gif::Frame {
                    width: 2,
                    height: 2,
                    delay: u16::from(i) * 5,
                    buffer: std::borrow::Cow::Owned(vec![i % 2; 4]),
                    ..gif::Frame::default()
                };
                e.write_frame(&frame).expect("frame");
            }
        }
        let out = reencode_gif(&gif).expect("copied");
        assert!(!out.windows(16).any(|w| w == b"camera-serial-42"));
        let mut d = gif::DecodeOptions::new()
            .read_info(Cursor::new(&out))
            .expect("a gif");
        let mut frames = Vec::new();
        while let Some(f) = d.read_next_frame().expect("frame") {
            frames.push((f.delay, f.buffer.to_vec()));
        }
        assert_eq!(frames, [(0, vec![0; 4]), (5, vec![1; 4]), (10, vec![0; 4])]);
        assert!(matches!(
            reencode_gif(b"GIF89a broken"),
            Err(AppError::UnsupportedImage)
        ));
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
