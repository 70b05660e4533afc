//! Request rate limits, per signed-in browser or API token and per client address: each a
//! GCRA bucket (governor) holding a quarter of a minute's allowance, so bursts pass and a
//! steady flood is paced. Past it a request gets 429 `rate_limited` with `Retry-After`. The
//! live channel paces each connection's messages the same way. Limits are kept per instance
//! (several instances multiply them); sign-in and password checks have their own throttles,
//! counted in the database across instances (`auth::throttle`), and so has each API token's
//! hourly quota ([`TokenMeters`]).

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
    /// Each API token's requests in its hour.
    pub tokens: TokenMeters,
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
            tokens: TokenMeters::default(),
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

/// A token's hourly quota after a request: the most it may make, how many are left and when
/// the count starts over (ms since the epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenQuota {
    pub limit: i64,
    pub remaining: i64,
    pub resets_at: i64,
}

/// Each API token's requests in its quota's window (`auth::throttle::TOKEN_REQUESTS`), counted
/// here and added to the database's count, which every instance shares, on a token's first
/// request, then when a second has passed or [`FLUSH_EVERY`] requests wait, and when this
/// instance refuses one. So the quota holds across instances without a write per request;
/// an instance learns of the others' requests when it next adds its own, so together they may
/// let through about a second's worth beyond the quota.
#[derive(Debug, Default)]
pub struct TokenMeters {
    meters: std::sync::Mutex<std::collections::HashMap<domain::TokenId, Meter>>,
}

/// Requests counted here since the last addition to the database's count.
pub const FLUSH_EVERY: i64 = 20;
const FLUSH_MS: i64 = 1000;

#[derive(Debug, Default, Clone, Copy)]
struct Meter {
    /// The database's count after this instance's last addition.
    counted: i64,
    /// Requests let through here, not added yet.
    pending: i64,
    resets_at: i64,
    /// When this instance last added to the database's count (0: never in this window).
    added_at: i64,
}

impl TokenMeters {
    /// Counts one request of `token` against `max` requests a window of `window_ms`, counted in
    /// the database under `key`; past it, 429 `too_many_attempts` with the seconds until the
    /// window ends.
    pub async fn take(
        &self,
        store: &store::Store,
        token: domain::TokenId,
        (key, max, window_ms): (&str, i32, i64),
    ) -> Result<TokenQuota, AppError> {
        let max = i64::from(max);
        let now = store::now_ms();
        let (add, refuse) = {
            let mut meters = self.lock();
            if meters.len() > KEEP_KEYS {
                meters.retain(|_, m| m.resets_at > now);
            }
            let m = meters.entry(token).or_default();
            if m.added_at != 0 && m.resets_at <= now {
                *m = Meter::default();
            }
            if m.added_at != 0 && m.counted + m.pending >= max {
                // Refused here: what this instance let through goes to the shared count
                // first, so the other instances refuse too.
                if m.pending == 0 {
                    return Err(refused_token(m.resets_at));
                }
                m.added_at = now;
                (std::mem::take(&mut m.pending), true)
            } else {
                m.pending += 1;
                if m.added_at == 0 || m.pending >= FLUSH_EVERY || now - m.added_at >= FLUSH_MS {
                    m.added_at = now;
                    (std::mem::take(&mut m.pending), false)
                } else {
                    return Ok(TokenQuota {
                        limit: max,
                        remaining: (max - m.counted - m.pending).max(0),
                        resets_at: m.resets_at,
                    });
                }
            }
        };
        let add = i32::try_from(add).unwrap_or(i32::MAX);
        let hit = store.throttle_add(key, window_ms, add).await?;
        let counted = i64::from(hit.hits);
        let pending = {
            let mut meters = self.lock();
            let m = meters.entry(token).or_default();
            // Answers to two additions may come back in either order: within a window the
            // count only grows.
            m.counted = if m.resets_at == hit.resets_at {
                m.counted.max(counted)
            } else {
                counted
            };
            m.resets_at = hit.resets_at;
            m.pending
        };
        if refuse || counted > max {
            return Err(refused_token(hit.resets_at));
        }
        Ok(TokenQuota {
            limit: max,
            remaining: (max - counted - pending).max(0),
            resets_at: hit.resets_at,
        })
    }

    /// Requests of `token` this instance let through and has not added to the shared count.
    pub fn pending(&self, token: domain::TokenId) -> i64 {
        self.lock().get(&token).map_or(0, |m| m.pending)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<domain::TokenId, Meter>> {
        self.meters
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn refused_token(resets_at: i64) -> AppError {
    metrics::counter!("plenary_token_quota_refused_total").increment(1);
    AppError::throttled_until(resets_at)
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
