//! Static files embedded in the binary, so the service works offline and needs no CDN.

use crate::error::AppError;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

macro_rules! asset {
    ($path:literal, $mime:literal) => {
        (
            $path,
            $mime,
            include_bytes!(concat!("../static/", $path)).as_slice(),
        )
    };
}

const ASSETS: &[(&str, &str, &[u8])] = &[
    asset!("app.css", "text/css; charset=utf-8"),
    asset!("app.js", "text/javascript; charset=utf-8"),
    asset!("print.css", "text/css; charset=utf-8"),
    asset!("api-docs.js", "text/javascript; charset=utf-8"),
    asset!("favicon.svg", "image/svg+xml"),
    asset!("editor/main.js", "text/javascript; charset=utf-8"),
    asset!("editor/ops.js", "text/javascript; charset=utf-8"),
    asset!("editor/history.js", "text/javascript; charset=utf-8"),
    asset!("editor/inline.js", "text/javascript; charset=utf-8"),
    asset!("editor/drag.js", "text/javascript; charset=utf-8"),
    asset!("editor/live.js", "text/javascript; charset=utf-8"),
    asset!("editor/grid.js", "text/javascript; charset=utf-8"),
    asset!("editor/menu.js", "text/javascript; charset=utf-8"),
    asset!("editor/library.js", "text/javascript; charset=utf-8"),
    asset!("editor/sheet.js", "text/javascript; charset=utf-8"),
    asset!("vendor/icons.svg", "image/svg+xml"),
    asset!("vendor/htmx.min.js", "text/javascript; charset=utf-8"),
    asset!(
        "vendor/swagger-ui-bundle.js",
        "text/javascript; charset=utf-8"
    ),
    asset!("vendor/swagger-ui.css", "text/css; charset=utf-8"),
];

pub async fn serve(Path(path): Path<String>) -> Result<Response, AppError> {
    let (_, mime, bytes) = ASSETS
        .iter()
        .find(|(p, _, _)| *p == path)
        .ok_or(AppError::NotFound)?;
    let mut res = bytes.into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::ASSETS;

    #[test]
    fn every_module_of_the_editor_island_is_embedded() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/editor");
        let files = std::fs::read_dir(&dir).expect("static/editor");
        for file in files {
            let name = file.expect("entry").file_name();
            let name = name.to_string_lossy();
            // Type declarations are for the type check only, never served.
            if name.ends_with(".d.ts") {
                continue;
            }
            let path = format!("editor/{name}");
            assert!(
                ASSETS.iter().any(|(p, _, _)| *p == path),
                "{path} is not embedded"
            );
        }
    }
}
