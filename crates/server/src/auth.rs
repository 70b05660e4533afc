//! Who is asking: password hashing, random secrets, the login cookie, API tokens, the
//! middleware that resolves a request's account, and the cross-site request check.

pub mod csrf;
pub mod password;
pub mod throttle;

use crate::i18n::{LANG_COOKIE, Tr, from_accept_language};
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use domain::{Credential, Locale, LoginId};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use store::User;

use crate::error::AppError;

/// A new random secret (256 bits, URL-safe) and the SHA-256 hash that is stored for it.
pub fn new_secret() -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let secret = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_secret(&secret);
    (secret, hash)
}

pub fn hash_secret(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// The prefix that marks Plenary API tokens, so they are recognisable when leaked.
pub const TOKEN_PREFIX: &str = "plen_";

/// The login cookie's name: `__Host-` prefixed when served over TLS (browsers accept that
/// prefix only on `Secure` cookies).
pub fn login_cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-plenary"
    } else {
        "plenary_login"
    }
}

/// The login cookie for a new login.
pub fn login_cookie(state: &AppState, secret: String) -> Cookie<'static> {
    let max_age =
        i64::try_from(state.settings.login_absolute_hours.saturating_mul(3600)).unwrap_or(i64::MAX);
    Cookie::build((login_cookie_name(state.settings.is_https()), secret))
        .path("/")
        .http_only(true)
        .secure(state.settings.is_https())
        .same_site(SameSite::Lax)
        .max_age(cookie::time::Duration::seconds(max_age))
        .build()
}

/// A cookie that removes the login cookie.
pub fn clear_login_cookie(state: &AppState) -> Cookie<'static> {
    let mut c = login_cookie(state, String::new());
    c.make_removal();
    c
}

/// The account behind a request, resolved once by [`resolve`] and read by extractors. Under
/// a token without the `admin` scope the account is not an administrator.
#[derive(Debug, Clone)]
pub struct Auth {
    pub user: Option<User>,
    /// How the account was proved: a login cookie or a bearer token.
    pub credential: Option<Credential>,
    /// True when the request carried `Authorization: Bearer`.
    pub bearer: bool,
}

impl Auth {
    /// The login, when signed in by cookie.
    pub fn login(&self) -> Option<LoginId> {
        self.credential.and_then(Credential::login)
    }
}

/// Where a request comes from: client IP and a short description of the browser.
#[derive(Debug, Clone)]
pub struct Client {
    pub ip: String,
    pub user_agent: String,
}

impl Client {
    /// With `trust_proxy`, the address the reverse proxy appended to `X-Forwarded-For`.
    pub fn from_parts(headers: &HeaderMap, peer: Option<SocketAddr>, trust_proxy: bool) -> Self {
        let forwarded = trust_proxy
            .then(|| {
                let list = headers.get("x-forwarded-for")?.to_str().ok()?;
                list.rsplit(',')
                    .next()?
                    .trim()
                    .parse::<std::net::IpAddr>()
                    .ok()
            })
            .flatten();
        let ip = forwarded
            .or(peer.map(|p| p.ip()))
            .map(|ip| ip.to_string())
            .unwrap_or_else(|| "unknown".into());
        let user_agent = headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.chars().take(300).collect())
            .unwrap_or_default();
        Self { ip, user_agent }
    }
}

fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// Resolves the account (login cookie or bearer token) and the language of every request and
/// stores them as request extensions ([`Auth`], [`Tr`], [`Client`]).
pub async fn resolve(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let client = Client::from_parts(req.headers(), peer, state.settings.trust_proxy);
    let jar = CookieJar::from_headers(req.headers());
    // The visitor's language before the account is known, so even a failure is in it.
    let visitor_locale = jar
        .get(LANG_COOKIE)
        .and_then(|c| Locale::parse(c.value()).ok())
        .or_else(|| {
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(from_accept_language)
        })
        .unwrap_or_default();
    let mut auth = Auth {
        user: None,
        credential: None,
        bearer: false,
    };
    let mut refused = None;

    let found = if let Some(token) = bearer_token(req.headers()) {
        auth.bearer = true;
        state
            .store
            .user_by_api_token(&hash_secret(token))
            .await
            .map(|found| match found {
                Some((id, scopes, mut user)) => {
                    // Administration needs a token made for it, whatever the account may do.
                    user.is_admin &= scopes.admin;
                    Some((Credential::Token { id, scopes }, user))
                }
                None => {
                    refused = Some(AppError::Unauthenticated);
                    None
                }
            })
    } else if let Some(cookie) = jar.get(login_cookie_name(state.settings.is_https())) {
        state
            .store
            .login_by_token(
                &hash_secret(cookie.value()),
                state.settings.login_idle_ms(),
                &client.ip,
            )
            .await
            .map(|found| {
                found.map(|l| {
                    let credential = Credential::Login {
                        id: l.id,
                        verified_at: l.verified_at,
                    };
                    (credential, l.user)
                })
            })
    } else {
        Ok(None)
    };
    match found {
        Ok(Some((credential, user))) => {
            if !credential.can_write() && !is_safe(req.method()) {
                refused = Some(AppError::InsufficientScope);
            }
            auth.credential = Some(credential);
            auth.user = Some(user);
        }
        Ok(None) => {}
        Err(e) => refused = Some(AppError::from(e)),
    }

    let tr = Tr::new(auth.user.as_ref().map_or(visitor_locale, User::locale));
    let revision = state.legal.consent_revision().await.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "cannot read the legal documents' versions");
        state.settings.consent_revision
    });
    let consent = crate::consent::Seen::from_request(&jar, req.headers(), revision);
    let here = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.uri().path().to_owned(), |p| p.as_str().to_owned());
    let legal = match &auth.user {
        Some(user) => state
            .legal
            .news_for(user.accepted_at)
            .await
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "cannot read the legal documents' versions");
                Vec::new()
            }),
        None => Vec::new(),
    };
    let viewer = Viewer {
        legal,
        consent,
        here,
        user: auth.user.clone(),
        login: auth.login(),
        tr,
        client: client.clone(),
        billing: state.settings.billing,
        test_payments: state.settings.billing && state.payments.test_mode(),
    };
    req.extensions_mut().insert(viewer.clone());
    req.extensions_mut().insert(tr);
    req.extensions_mut().insert(client);
    req.extensions_mut().insert(auth);
    let mut res = match refused {
        Some(error) => error.into_response(),
        None => next.run(req).await,
    };
    // The error renderer, outside this layer, writes error pages in the viewer's language.
    res.extensions_mut().insert(tr);
    res.extensions_mut().insert(viewer);
    // What the visitor allowed, for the analytics count outside this layer.
    res.extensions_mut().insert(consent);
    res
}

/// Methods that change nothing: a read-only token may use them.
pub fn is_safe(method: &axum::http::Method) -> bool {
    use axum::http::Method;
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A signed-in account; rejects with 401 (API) or a redirect to sign-in (pages).
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: User,
    pub login: Option<LoginId>,
    pub credential: Credential,
}

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let auth = parts
            .extensions
            .get::<Auth>()
            .ok_or(AppError::Unauthenticated)?;
        match (&auth.user, auth.credential) {
            (Some(user), Some(credential)) => Ok(Self {
                user: user.clone(),
                login: credential.login(),
                credential,
            }),
            _ => Err(AppError::Unauthenticated),
        }
    }
}

/// A signed-in administrator; anyone else, signed in or not, gets 404, as if the page did
/// not exist.
#[derive(Debug, Clone)]
pub struct Admin(pub User);

impl<S: Send + Sync> FromRequestParts<S> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, s: &S) -> Result<Self, Self::Rejection> {
        let signed = SignedIn::from_request_parts(parts, s)
            .await
            .map_err(|_| AppError::NotFound)?;
        if signed.user.is_admin {
            Ok(Self(signed.user))
        } else {
            Err(AppError::NotFound)
        }
    }
}

/// The optional account, language and client of a request.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user: Option<User>,
    pub login: Option<LoginId>,
    pub tr: Tr,
    pub client: Client,
    /// Whether the installation bills (`Settings::billing`): its pages then link the plans.
    pub billing: bool,
    /// Whether payments are in test mode (the sandbox): every page says so.
    pub test_payments: bool,
    /// The cookie choice on record and the browser's privacy signal.
    pub consent: crate::consent::Seen,
    /// The address asked for (path and query), where the cookie banner's answer returns to.
    pub here: String,
    /// New versions of the legal documents a signed-in person has not been shown yet.
    pub legal: Vec<crate::legal::Notice>,
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        if let Some(viewer) = parts.extensions.get::<Viewer>() {
            return Ok(viewer.clone());
        }
        let auth = parts.extensions.get::<Auth>().cloned();
        Ok(Self {
            legal: Vec::new(),
            billing: false,
            test_payments: false,
            consent: crate::consent::Seen::default(),
            here: parts
                .uri
                .path_and_query()
                .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned()),
            user: auth.as_ref().and_then(|a| a.user.clone()),
            login: auth.and_then(|a| a.login()),
            tr: parts
                .extensions
                .get::<Tr>()
                .copied()
                .unwrap_or(Tr::new(Locale::En)),
            client: parts.extensions.get::<Client>().cloned().unwrap_or(Client {
                ip: "unknown".into(),
                user_agent: String::new(),
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_client_address_comes_from_the_proxy_only_when_trusted() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("6.6.6.6, 203.0.113.9"),
        );
        let peer = Some(SocketAddr::from(([10, 0, 0, 1], 443)));
        assert_eq!(Client::from_parts(&h, peer, true).ip, "203.0.113.9");
        assert_eq!(Client::from_parts(&h, peer, false).ip, "10.0.0.1");
        h.insert("x-forwarded-for", HeaderValue::from_static("garbage"));
        assert_eq!(Client::from_parts(&h, peer, true).ip, "10.0.0.1");
    }
}
