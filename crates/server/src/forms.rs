//! Helpers for reading HTML forms, multipart ones included.

use crate::error::AppError;
use axum::extract::multipart::{Field, MultipartError};
use axum::http::StatusCode;
use serde::{Deserialize, Deserializer};

/// A multipart body that cannot be read: 413 when it passed its size limit, 400 when it is
/// broken.
pub fn multipart_error(e: MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge
    } else {
        AppError::BadRequest(format!("multipart: {}", e.body_text()))
    }
}

/// The most a plain (not file) field of a multipart form may hold.
pub const TEXT_FIELD_MAX: usize = 1024;

/// A plain field of a multipart form as text, read piece by piece: more than
/// [`TEXT_FIELD_MAX`] bytes is refused (400) without reading the rest into memory.
pub async fn small_text(mut field: Field<'_>) -> Result<String, AppError> {
    let name = field.name().unwrap_or_default().to_owned();
    let mut bytes = Vec::new();
    while let Some(piece) = field.chunk().await.map_err(multipart_error)? {
        if bytes.len() + piece.len() > TEXT_FIELD_MAX {
            return Err(AppError::BadRequest(format!(
                "the field {name} is too long"
            )));
        }
        bytes.extend_from_slice(&piece);
    }
    String::from_utf8(bytes)
        .map_err(|_| AppError::BadRequest(format!("the field {name} is not text")))
}

/// A checkbox: present as `on`/`true`/`1` (forms) or a JSON boolean.
pub fn checkbox<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Bool(bool),
        Text(String),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::Bool(b) => b,
        Raw::Text(s) => matches!(s.as_str(), "on" | "true" | "1" | "yes"),
    })
}

/// A local path to return to after an action; anything else becomes `/`. The path is read as
/// a browser reads a URL (tabs and newlines dropped, backslashes taken for slashes), so it is
/// kept only when it still leads to this site, and it comes back percent-encoded, fit for a
/// `Location` header.
pub fn safe_next(next: Option<&str>) -> String {
    let (Some(next), Ok(base)) = (
        next.filter(|p| p.starts_with('/')),
        url::Url::parse("http://plenary.invalid/"),
    ) else {
        return "/".to_owned();
    };
    match base.join(next) {
        // Dot segments are resolved in the join: `/.//host` becomes `//host`, which a browser
        // would take for another host, so such a path is refused too.
        Ok(url) if url.origin() == base.origin() && !url.path().starts_with("//") => {
            url[url::Position::BeforePath..].to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_an_action() {
        assert_eq!(safe_next(Some("/account")), "/account");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn a_path_that_a_browser_would_read_as_another_host_is_ignored() {
        assert_eq!(safe_next(Some("/\t/evil.example")), "/");
        assert_eq!(safe_next(Some("/\n/evil.example")), "/");
        assert_eq!(safe_next(Some("/\r\n/evil.example")), "/");
        assert_eq!(safe_next(Some(" //evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("javascript:alert(1)")), "/");
        for dotted in [
            "/.//evil.example",
            "/..//evil.example",
            "/%2e//evil.example",
            "/a/..//evil.example",
            "/./\\evil.example",
        ] {
            assert_eq!(safe_next(Some(dotted)), "/", "{dotted}");
        }
        assert_eq!(safe_next(Some("/a/../account")), "/account");
    }

    #[test]
    fn a_kept_path_is_fit_for_a_location_header() {
        assert_eq!(
            safe_next(Some("/sessions/1?view=design#b")),
            "/sessions/1?view=design#b"
        );
        assert_eq!(safe_next(Some("/a\rb")), "/ab");
        assert_eq!(
            safe_next(Some("/библиотека")),
            "/%D0%B1%D0%B8%D0%B1%D0%BB%D0%B8%D0%BE%D1%82%D0%B5%D0%BA%D0%B0"
        );
        for odd in ["/a\u{7f}b", "/a b", "/\u{0}x"] {
            assert!(
                axum::http::HeaderValue::from_str(&safe_next(Some(odd))).is_ok(),
                "{odd}"
            );
        }
    }
}
