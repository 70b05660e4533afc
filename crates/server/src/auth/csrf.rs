//! Cross-site request refusal for every unsafe method, by Fetch Metadata and `Origin`
//! (the approach of Go's `CrossOriginProtection`): no tokens to thread through forms.

use crate::auth::Auth;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// True when a request with this method and these headers may change state.
pub fn allowed(method: &Method, headers: &HeaderMap, public_origin: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    // Neither header: not a browser (curl, scripts), which carry no ambient cookies of ours.
    headers.get(header::ORIGIN).is_none() || same_origin(headers, public_origin)
}

/// True when the request names its `Origin` and it is exactly the public URL's. The `Host`
/// header is not trusted for this: a request can name any host. Browsers always send `Origin`
/// when opening a WebSocket.
pub fn same_origin(headers: &HeaderMap, public_origin: &str) -> bool {
    headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|origin| origin == public_origin)
}

/// Refuses cross-site unsafe requests with 403 `cross_site_request`. Requests authenticated by
/// a bearer token carry no ambient credentials and pass, and so do one-click unsubscribes
/// (RFC 8058), which a mail client may post from anywhere: their signed token, not a cookie,
/// says whose they are.
pub async fn check(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let bearer = req.extensions().get::<Auth>().is_some_and(|a| a.bearer);
    let unsubscribe = *req.method() == Method::POST
        && req
            .uri()
            .path()
            .strip_prefix("/unsubscribe/")
            .is_some_and(|token| !token.is_empty() && !token.contains('/'));
    if bearer
        || unsubscribe
        || allowed(req.method(), req.headers(), &state.settings.public_origin())
    {
        next.run(req).await
    } else {
        AppError::CrossSite.into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    const ORIGIN: &str = "https://plenary.example.org";

    #[test]
    fn a_cross_site_post_is_refused() {
        assert!(!allowed(
            &Method::POST,
            &headers(&[("sec-fetch-site", "cross-site")]),
            ORIGIN
        ));
        assert!(!allowed(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-site")]),
            ORIGIN
        ));
        assert!(!allowed(
            &Method::DELETE,
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "plenary.example.org")
            ]),
            ORIGIN
        ));
    }

    #[test]
    fn only_the_public_url_s_exact_origin_counts_whatever_the_host_header_says() {
        for origin in [
            "http://plenary.example.org",
            "https://plenary.example.org:8443",
            "https://plenary.example.org.evil.example",
            "null",
        ] {
            assert!(
                !allowed(
                    &Method::POST,
                    &headers(&[("origin", origin), ("host", "plenary.example.org")]),
                    ORIGIN
                ),
                "{origin}"
            );
        }
        assert!(!same_origin(
            &headers(&[
                ("origin", "http://127.0.0.1:8080"),
                ("host", "127.0.0.1:8080")
            ]),
            ORIGIN
        ));
    }

    #[test]
    fn same_origin_and_non_browser_requests_pass() {
        assert!(allowed(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-origin")]),
            ORIGIN
        ));
        assert!(allowed(
            &Method::POST,
            &headers(&[("origin", "https://plenary.example.org")]),
            ORIGIN
        ));
        assert!(allowed(&Method::POST, &HeaderMap::new(), ORIGIN));
        assert!(allowed(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")]),
            ORIGIN
        ));
    }
}
