//! Profile photos: a JPEG, PNG or WebP file of at most 5 MiB is decoded,
//! cropped to a centred square, resized and re-encoded as a JPEG (which
//! drops EXIF and every other piece of metadata). Only the re-encoded bytes
//! are kept, in the `photo` table keyed by the member.

use std::io::Cursor;
use std::sync::atomic::{AtomicUsize, Ordering};

use image::{ImageError, ImageFormat, ImageReader, Limits};
use surrealdb::types::Bytes;

use crate::directory::services as directory;
use crate::platform::said::said;

use crate::accounts::model::CurrentUser;
use crate::directory::services::audience_of;
use crate::platform::db::{Db, Fetch};
use crate::platform::error::AppError;

/// The largest file accepted.
pub const MAX_UPLOAD: usize = 5 * 1024 * 1024;
/// Side of the stored square, in pixels.
pub const SIDE: u32 = 256;
const JPEG_QUALITY: u8 = 80;
/// A small file can claim a huge picture (a "decompression bomb"): the
/// picture's size is read from its header and refused above 24 megapixels
/// (a 6,000 × 4,000 camera photo; phones save 12), before anything is
/// decoded; the decoder's own limits stay as a second fence.
const MAX_PIXELS: u64 = 24_000_000;
const MAX_SIDE_IN: u32 = 10_000;
const MAX_DECODE_ALLOC: u64 = 128 * 1024 * 1024;
/// Decodes running at once, in the whole process: each may hold ~100 MB.
const PARALLEL_DECODES: usize = 2;

fn unprocessable(message: &str) -> AppError {
    AppError::Unprocessable {
        message: message.into(),
    }
}

/// The stored JPEG made from an uploaded file. The format is read from the
/// bytes themselves, never from a file name or a declared type.
pub fn reencode(upload: &[u8]) -> Result<Vec<u8>, AppError> {
    if upload.len() > MAX_UPLOAD {
        return Err(AppError::PayloadTooLarge);
    }
    let format = image::guess_format(upload)
        .ok()
        .filter(|f| matches!(f, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP))
        .ok_or_else(|| {
            unprocessable(&said(
                "Ce fichier n'est pas une photo JPEG, PNG ou WebP.",
                "This file is not a JPEG, PNG or WebP photo.",
            ))
        })?;
    let too_large = || {
        unprocessable(&said(
            "Cette image est trop grande (24 mégapixels au plus) : réduisez-la avant de l'envoyer.",
            "This image is too large (24 megapixels at most): shrink it before sending it.",
        ))
    };
    let (width, height) = ImageReader::with_format(Cursor::new(upload), format)
        .into_dimensions()
        .map_err(|_| {
            unprocessable(&said(
                "Cette photo est illisible ou abîmée.",
                "This photo is unreadable or damaged.",
            ))
        })?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(too_large());
    }
    let mut reader = ImageReader::with_format(Cursor::new(upload), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE_IN);
    limits.max_image_height = Some(MAX_SIDE_IN);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    reader.limits(limits);
    let picture = reader.decode().map_err(|err| match err {
        ImageError::Limits(_) => too_large(),
        _ => unprocessable(&said(
            "Cette photo est illisible ou abîmée.",
            "This photo is unreadable or damaged.",
        )),
    })?;
    // The square is a view of the decoded picture, not a copy of it.
    let side = picture.width().min(picture.height());
    let square = image::imageops::crop_imm(
        &picture,
        (picture.width() - side) / 2,
        (picture.height() - side) / 2,
        side,
        side,
    );
    let small = image::imageops::resize(&*square, SIDE, SIDE, image::imageops::FilterType::Triangle);
    let small = image::DynamicImage::ImageRgba8(small).to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(&small)
        .map_err(|err| {
            tracing::error!(error = %err, "photo encoding");
            AppError::Internal
        })?;
    Ok(out)
}

static RUNNING: AtomicUsize = AtomicUsize::new(0);
static MOST_AT_ONCE: AtomicUsize = AtomicUsize::new(0);

/// One decode in progress, counted while it lives.
struct Running;

impl Running {
    fn start() -> Running {
        let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        MOST_AT_ONCE.fetch_max(now, Ordering::SeqCst);
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The most decodes this process ran at once (what the tests check).
pub fn most_decodes_at_once() -> usize {
    MOST_AT_ONCE.load(Ordering::SeqCst)
}

/// Replaces the member's photo; answers the new version.
pub async fn save(db: &Db, user: &CurrentUser, upload: Vec<u8>) -> Result<i64, AppError> {
    crate::platform::db::check_key(&user.id)?;
    // Decoding is CPU work and memory: kept off the threads that answer
    // requests, and a few at a time.
    static DECODES: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(PARALLEL_DECODES);
    let _permit = DECODES.acquire().await.map_err(|_| AppError::Internal)?;
    let _running = Running::start();
    let lang = crate::platform::said::asked_lang();
    let jpeg =
        tokio::task::spawn_blocking(move || crate::platform::said::blocking_in(lang, || reencode(&upload)))
            .await
            .map_err(|_| AppError::Internal)??;
    let version = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(1);
    db.query(
        "BEGIN;
         UPSERT type::record('photo', $id) SET data = $data, updated_at = time::now() RETURN NONE;
         UPDATE type::record('user', $id) SET photo_version = $version RETURN NONE;
         COMMIT;",
    )
    .bind(("id", user.id.clone()))
    .bind(("data", Bytes::from(jpeg)))
    .bind(("version", version))
    .await?
    .check()?;
    Ok(version)
}

/// Removes the member's photo (their initials show again).
pub async fn remove(db: &Db, user: &CurrentUser) -> Result<(), AppError> {
    crate::platform::db::check_key(&user.id)?;
    db.query(
        "BEGIN;
         DELETE type::record('photo', $id);
         UPDATE type::record('user', $id) SET photo_version = NONE RETURN NONE;
         COMMIT;",
    )
    .bind(("id", user.id.clone()))
    .await?
    .check()?;
    Ok(())
}

/// The stored JPEG of a member.
pub async fn stored(db: &Db, key: &str) -> Result<Option<Vec<u8>>, AppError> {
    crate::platform::db::check_key(key)?;
    let data: Option<Bytes> = db
        .query("SELECT VALUE data FROM ONLY type::record('photo', $id)")
        .bind(("id", key.to_string()))
        .value()
        .await?;
    Ok(data.map(|b| b.to_vec()))
}

/// The photo of member `key` as `viewer` may see it: the member's own
/// always, another's only when they are in the directory and chose an
/// audience that includes the viewer. Anything else is not found, so that a
/// hidden photo cannot even be told apart from no photo.
pub async fn for_viewer(db: &Db, viewer: &CurrentUser, key: &str) -> Result<Vec<u8>, AppError> {
    crate::platform::db::check_key(key)?;
    if viewer.id != key {
        let snap = directory::snapshot(db).await?;
        let person = snap.person(key).ok_or(AppError::NotFound)?;
        if !person.photo_shown_to(audience_of(viewer)) {
            return Err(AppError::NotFound);
        }
    }
    stored(db, key).await?.ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(width, height, |x, _| image::Rgb([(x % 256) as u8, 90, 160]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_photo_becomes_a_small_square_jpeg() {
        let jpeg = reencode(&png(300, 200)).unwrap();
        assert_eq!(image::guess_format(&jpeg).unwrap(), ImageFormat::Jpeg);
        let back = image::load_from_memory(&jpeg).unwrap();
        assert_eq!((back.width(), back.height()), (SIDE, SIDE));
    }

    #[test]
    fn other_files_and_oversized_pictures_are_refused() {
        let text = b"Bonjour, je ne suis pas une image.".to_vec();
        assert!(matches!(reencode(&text), Err(AppError::Unprocessable { .. })));
        // A GIF is a picture, but not one of the formats accepted.
        assert!(matches!(
            reencode(b"GIF89a\x01\x00\x01\x00"),
            Err(AppError::Unprocessable { .. })
        ));
        // A few kilobytes that would unpack past the limit.
        let bomb = png(MAX_SIDE_IN + 1, 1);
        assert!(bomb.len() < 100_000);
        let Err(AppError::Unprocessable { message }) = reencode(&bomb) else {
            panic!("a huge picture was accepted")
        };
        assert!(message.contains("trop grande"), "{message}");
        // Small sides, too many pixels: refused from the header alone.
        let wide = png(6_000, 4_001);
        let Err(AppError::Unprocessable { message }) = reencode(&wide) else {
            panic!("24 megapixels and more were accepted")
        };
        assert!(message.contains("mégapixels"), "{message}");
        assert_eq!(reencode(&vec![0; MAX_UPLOAD + 1]), Err(AppError::PayloadTooLarge));
    }
}
