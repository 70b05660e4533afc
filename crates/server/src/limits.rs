//! Request rate limits, per signed-in browser or API token and per client address: each a
//! GCRA bucket (governor) holding a quarter of a minute's allowance, so bursts pass and a
//! steady flood is paced. Past it a request gets 429 `rate_limited` with `Retry-After`. The
//! live channel paces each connection's messages the same way. Limits are kept per instance
//! (several instances multiply them); sign-in and password checks have their own throttles,
//! counted in the database across instances (`auth::throttle`).

use crate::auth::{Auth, Client};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota};
use std::num::NonZeroU32;

/// Keys kept before the idle ones are dropped.
const KEEP_KEYS: usize = 50_000;

/// The request limiters of one instance.
pub struct Limits {
    credential: DefaultKeyedRateLimiter<uuid::Uuid>,
    ip: DefaultKeyedRateLimiter<String>,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limits").finish_non_exhaustive()
    }
}

/// `per_minute`, with bursts of a quarter of it.
fn quota(per_minute: u32) -> Quota {
    let rate = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new((per_minute / 4).max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::per_minute(rate).allow_burst(burst)
}

impl Limits {
    pub fn new(settings: &crate::config::Settings) -> Self {
        Self {
            credential: DefaultKeyedRateLimiter::keyed(quota(settings.rate_per_minute)),
            ip: DefaultKeyedRateLimiter::keyed(quota(settings.ip_rate_per_minute)),
        }
    }

    /// Counts one request of `credential` (a login's or token's id) from `ip`; past either
    /// limit, how many seconds to wait.
    fn take(&self, credential: Option<uuid::Uuid>, ip: &str) -> Result<(), u64> {
        if self.ip.len() > KEEP_KEYS {
            self.ip.retain_recent();
        }
        if self.credential.len() > KEEP_KEYS {
            self.credential.retain_recent();
        }
        let now = DefaultClock::default().now();
        let wait = |n: governor::NotUntil<_>| n.wait_time_from(now).as_secs().max(1);
        self.ip.check_key(&ip.to_owned()).map_err(wait)?;
        if let Some(key) = credential {
            self.credential.check_key(&key).map_err(wait)?;
        }
        Ok(())
    }
}

/// Paths no limit applies to: static files (a page loads many) and health checks.
fn exempt(path: &str) -> bool {
    path.starts_with("/static/") || matches!(path, "/healthz" | "/readyz" | "/favicon.svg")
}

/// Refuses a request past its credential's or its address's limit with 429 `rate_limited`.
pub async fn check(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !exempt(req.uri().path()) {
        let credential = req
            .extensions()
            .get::<Auth>()
            .and_then(|a| a.credential)
            .map(|c| match c {
                domain::Credential::Login { id, .. } => id.0,
                domain::Credential::Token { id, .. } => id.0,
            });
        let ip = req
            .extensions()
            .get::<Client>()
            .map(|c| c.ip.clone())
            .unwrap_or_default();
        if let Err(retry_after_secs) = state.limits.take(credential, &ip) {
            metrics::counter!("plenary_rate_limited_total").increment(1);
            return AppError::RateLimited { retry_after_secs }.into_response();
        }
    }
    next.run(req).await
}

/// Messages a second one live connection may send, and its burst.
pub const LIVE_PER_SECOND: u32 = 20;
pub const LIVE_BURST: u32 = 60;

/// The pace of one live connection's messages.
pub fn live_pace() -> DefaultDirectRateLimiter {
    let rate = NonZeroU32::new(LIVE_PER_SECOND).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(LIVE_BURST).unwrap_or(NonZeroU32::MIN);
    DefaultDirectRateLimiter::direct(Quota::per_second(rate).allow_burst(burst))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_limit_answers_with_a_wait() {
        let limits = Limits {
            credential: DefaultKeyedRateLimiter::keyed(quota(40)),
            ip: DefaultKeyedRateLimiter::keyed(quota(1000)),
        };
        let me = uuid::Uuid::now_v7();
        for _ in 0..10 {
            assert_eq!(limits.take(Some(me), "10.0.0.1"), Ok(()));
        }
        let wait = limits.take(Some(me), "10.0.0.1").expect_err("paced");
        assert!((1..=2).contains(&wait), "{wait}");
        assert_eq!(
            limits.take(Some(uuid::Uuid::now_v7()), "10.0.0.1"),
            Ok(()),
            "another token has its own allowance"
        );
    }

    #[test]
    fn one_address_is_paced_whatever_credentials_it_uses() {
        let limits = Limits {
            credential: DefaultKeyedRateLimiter::keyed(quota(1000)),
            ip: DefaultKeyedRateLimiter::keyed(quota(8)),
        };
        assert!(limits.take(None, "10.0.0.2").is_ok());
        assert!(limits.take(Some(uuid::Uuid::now_v7()), "10.0.0.2").is_ok());
        assert!(limits.take(Some(uuid::Uuid::now_v7()), "10.0.0.2").is_err());
        assert!(limits.take(None, "10.0.0.3").is_ok());
    }
}
