//! Fixed-window counters in the database, so a throttle holds across instances. A window
//! ends by itself: nothing here ever locks an account for good.

use crate::{Result, Store, now_ms, with_db};

/// A counter after a hit: how many hits in the window and when the window ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleHit {
    pub hits: i32,
    pub resets_at: i64,
}

impl Store {
    /// Counts one hit on `key` in a window of `window_ms`, starting a new window when the old
    /// one has ended.
    pub async fn throttle_hit(&self, key: &str, window_ms: i64) -> Result<ThrottleHit> {
        self.throttle_add(key, window_ms, 1).await
    }

    /// Counts `count` hits at once on `key`, as [`Store::throttle_hit`] counts one.
    pub async fn throttle_add(&self, key: &str, window_ms: i64, count: i32) -> Result<ThrottleHit> {
        let now = now_ms();
        let (hits, start): (i32, i64) = with_db!(self, |pool| {
            sqlx::query_as(
                "INSERT INTO throttles (key, window_start, hits) VALUES ($1, $2, $4)
                 ON CONFLICT (key) DO UPDATE SET
                   hits = CASE WHEN throttles.window_start <= $3 THEN $4 ELSE throttles.hits + $4 END,
                   window_start = CASE WHEN throttles.window_start <= $3 THEN $2 ELSE throttles.window_start END
                 RETURNING hits, window_start",
            )
            .bind(key)
            .bind(now)
            .bind(now - window_ms)
            .bind(count)
            .fetch_one(pool)
            .await?
        });
        Ok(ThrottleHit {
            hits,
            resets_at: start + window_ms,
        })
    }

    /// The current count on `key` without counting a hit.
    pub async fn throttle_peek(&self, key: &str, window_ms: i64) -> Result<ThrottleHit> {
        let now = now_ms();
        let row: Option<(i32, i64)> = with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT hits, window_start FROM throttles WHERE key = $1 AND window_start > $2",
            )
            .bind(key)
            .bind(now - window_ms)
            .fetch_optional(pool)
            .await?
        });
        Ok(match row {
            Some((hits, start)) => ThrottleHit {
                hits,
                resets_at: start + window_ms,
            },
            None => ThrottleHit {
                hits: 0,
                resets_at: now,
            },
        })
    }

    pub async fn throttle_clear(&self, key: &str) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query("DELETE FROM throttles WHERE key = $1")
                .bind(key)
                .execute(pool)
                .await?;
        });
        Ok(())
    }
}
