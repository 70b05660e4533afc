//! Request rate limits, per signed-in browser or API token and per client address: each a
//! GCRA bucket (governor) holding a quarter of a minute's allowance, so bursts pass and a
//! steady flood is paced. Past it a request gets 429 `rate_limited` with `Retry-After`. The
//! live channel paces each connection's messages the same way. Limits are kept per instance
//! (several instances multiply them); sign-in and password checks have their own throttles,
//! counted in the database across instances (`auth::throttle`).

use crate::error::AppError;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::num::NonZeroU32;

/// Keys kept before the idle ones are dropped.
const KEEP_KEYS: usize = 50_000;

/// The request limiters of one instance.
pub struct Limits {
    credential: DefaultKeyedRateLimiter<uuid::Uuid>,
    ip: DefaultKeyedRateLimiter<String>,
    /// Live messages, per login or token (all its connections together).
    live: DefaultKeyedRateLimiter<uuid::Uuid>,
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
            live: DefaultKeyedRateLimiter::keyed(live_quota()),
        }
    }

    /// Counts one request to `path` from `ip`; past the limit, the refusal (429 `rate_limited`
    /// with how many seconds to wait).
    pub fn request_from(&self, path: &str, ip: &str) -> Result<(), AppError> {
        if exempt(path) {
            return Ok(());
        }
        take(&self.ip, &ip.to_owned()).map_err(refused)
    }

    /// Counts one request to `path` of `credential` (a login or token); past the limit, the
    /// refusal.
    pub fn request_of(&self, path: &str, credential: domain::Credential) -> Result<(), AppError> {
        if exempt(path) {
            return Ok(());
        }
        take(&self.credential, &key(credential)).map_err(refused)
    }

    /// Counts one live message of `credential`, whichever of its connections sent it.
    pub fn take_live(&self, credential: domain::Credential) -> Result<(), u64> {
        take(&self.live, &key(credential))
    }
}

/// Counts one hit of `key`; past its limit, the seconds to wait, rounded up.
fn take<K: Clone + std::hash::Hash + Eq>(
    limiter: &DefaultKeyedRateLimiter<K>,
    key: &K,
) -> Result<(), u64> {
    if limiter.len() > KEEP_KEYS {
        limiter.retain_recent();
    }
    limiter.check_key(key).map_err(|n| {
        let wait = n.wait_time_from(DefaultClock::default().now());
        u64::try_from(wait.as_millis().div_ceil(1000))
            .unwrap_or(u64::MAX)
            .max(1)
    })
}

fn key(credential: domain::Credential) -> uuid::Uuid {
    match credential {
        domain::Credential::Login { id, .. } => id.0,
        domain::Credential::Token { id, .. } => id.0,
    }
}

/// Paths no limit applies to: static files (a page loads many) and health checks.
fn exempt(path: &str) -> bool {
    path.starts_with("/static/") || matches!(path, "/healthz" | "/readyz" | "/favicon.svg")
}

fn refused(retry_after_secs: u64) -> AppError {
    metrics::counter!("plenary_rate_limited_total").increment(1);
    AppError::RateLimited { retry_after_secs }
}

/// Live messages a second one login or token may send (all its connections together), and
/// its burst.
pub const LIVE_PER_SECOND: u32 = 20;
pub const LIVE_BURST: u32 = 60;

fn live_quota() -> Quota {
    let rate = NonZeroU32::new(LIVE_PER_SECOND).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(LIVE_BURST).unwrap_or(NonZeroU32::MIN);
    Quota::per_second(rate).allow_burst(burst)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_limit_answers_with_a_wait() {
        let limits = DefaultKeyedRateLimiter::keyed(quota(40));
        let me = uuid::Uuid::now_v7();
        for _ in 0..10 {
            assert_eq!(take(&limits, &me), Ok(()));
        }
        let wait = take(&limits, &me).expect_err("paced");
        assert!((1..=2).contains(&wait), "{wait}");
        assert_eq!(
            take(&limits, &uuid::Uuid::now_v7()),
            Ok(()),
            "another token has its own allowance"
        );
    }

    #[test]
    fn a_wait_is_rounded_up_to_whole_seconds() {
        // One a minute: the next is 60 s away, never announced as less.
        let limits = DefaultKeyedRateLimiter::keyed(Quota::per_minute(NonZeroU32::MIN));
        assert_eq!(take(&limits, &"x"), Ok(()));
        assert_eq!(take(&limits, &"x"), Err(60));
    }
}
