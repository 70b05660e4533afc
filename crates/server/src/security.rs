//! Response headers every page gets: a strict Content-Security-Policy with no inline script,
//! no sniffing, no framing, no referrer leaks, and HSTS when the service is served over TLS.
//! Also the refusal of URLs carrying a NUL byte, which no database column can hold.

use crate::auth::{Auth, Client};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

/// The API docs page: Swagger UI sets style attributes from its script. Scripts stay strict.
pub const CSP_API_DOCS: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

/// Two years, sub-domains included: the service is meant to be reached over TLS only once its
/// public URL says https.
pub const HSTS: &str = "max-age=63072000; includeSubDomains";

pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if state.settings.is_https() {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// Refuses with 400 a request whose path or query holds a NUL byte (`%00`): PostgreSQL text
/// cannot hold one, and nothing a person types needs it.
pub async fn refuse_nul(req: Request, next: Next) -> Response {
    let uri = req.uri();
    let has_nul = |s: &str| {
        s.as_bytes()
            .windows(3)
            .any(|w| w[0] == b'%' && w[1] == b'0' && w[2] == b'0')
    };
    if has_nul(uri.path()) || uri.query().is_some_and(has_nul) {
        return AppError::BadRequest("a NUL byte in the URL".into()).into_response();
    }
    next.run(req).await
}

/// Refuses with 429 `rate_limited` a request past its address's limit (`crate::limits`). It
/// runs before the account is looked up, so requests that will fail (an unknown token) count
/// too.
pub async fn limit_address(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0);
    let client = Client::from_parts(req.headers(), peer, state.settings.trust_proxy);
    if let Err(refusal) = state.limits.request_from(req.uri().path(), &client.ip) {
        return refusal.into_response();
    }
    next.run(req).await
}

/// Refuses with 429 `rate_limited` a request past its login's or token's limit, and with 429
/// `too_many_attempts` one past its token's hourly quota. A token's responses say where its
/// quota stands (`X-RateLimit-Limit`, `-Remaining` and `-Reset`, in seconds since the epoch).
pub async fn limit_credential(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let credential = req.extensions().get::<Auth>().and_then(|a| a.credential);
    let Some(c) = credential else {
        return next.run(req).await;
    };
    if let Err(refusal) = state.limits.request_of(req.uri().path(), c) {
        return refusal.into_response();
    }
    let quota = match c {
        domain::Credential::Token { id, .. } => {
            let limit = crate::auth::throttle::TOKEN_REQUESTS.configured(&state);
            let key = limit.key(&id.to_string());
            let counted = (key.as_str(), limit.max, limit.window_ms);
            match state.limits.tokens.take(&state.store, id, counted).await {
                Ok(quota) => Some(quota),
                Err(refusal) => return refusal.into_response(),
            }
        }
        domain::Credential::Login { .. } => None,
    };
    let mut res = next.run(req).await;
    if let Some(q) = quota {
        let h = res.headers_mut();
        for (name, value) in [
            ("x-ratelimit-limit", q.limit),
            ("x-ratelimit-remaining", q.remaining),
            ("x-ratelimit-reset", (q.resets_at + 999) / 1000),
        ] {
            h.insert(name, HeaderValue::from(value));
        }
    }
    res
}
