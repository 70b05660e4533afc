//! First-party analytics: counts of page views and features used per day, by route pattern,
//! with nothing that names or tells apart a person.

use crate::{Result, Store, with_tx};

/// What a count counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UsageKind {
    /// A page shown.
    Page,
    /// A change made through a form or the editor (a route other than GET).
    Feature,
}

impl UsageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UsageKind::Page => "page",
            UsageKind::Feature => "feature",
        }
    }
}

/// Hits to add to one day's count of one page or feature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageHits {
    /// Days since the Unix epoch (UTC).
    pub day: i64,
    pub kind: UsageKind,
    pub name: String,
    pub hits: i64,
}

impl Store {
    /// Adds hits to the counts, all in one transaction (an instance flushes what it tallied).
    pub async fn add_usage(&self, hits: &[UsageHits]) -> Result<()> {
        if hits.is_empty() {
            return Ok(());
        }
        with_tx!(self, |tx| {
            for h in hits {
                sqlx::query(
                    "INSERT INTO usage_counts (day, kind, name, hits) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (day, kind, name) DO UPDATE SET hits = usage_counts.hits + $4",
                )
                .bind(h.day)
                .bind(h.kind.as_str())
                .bind(&h.name)
                .bind(h.hits)
                .execute(&mut *tx)
                .await?;
            }
        });
        Ok(())
    }

    /// Each day's total of `kind` from `first_day` to `last_day` (days without a hit left out).
    pub async fn usage_by_day(
        &self,
        kind: UsageKind,
        first_day: i64,
        last_day: i64,
    ) -> Result<Vec<(i64, i64)>> {
        let rows: Vec<(i64, i64)> = crate::with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT day, CAST(SUM(hits) AS BIGINT) FROM usage_counts
                 WHERE kind = $1 AND day >= $2 AND day <= $3 GROUP BY day ORDER BY day",
            )
            .bind(kind.as_str())
            .bind(first_day)
            .bind(last_day)
            .fetch_all(pool)
            .await?
        });
        Ok(rows)
    }

    /// The most counted pages or features from `first_day` on, most first.
    pub async fn usage_top(
        &self,
        kind: UsageKind,
        first_day: i64,
        limit: i64,
    ) -> Result<Vec<(String, i64)>> {
        let rows: Vec<(String, i64)> = crate::with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT name, CAST(SUM(hits) AS BIGINT) AS total FROM usage_counts
                 WHERE kind = $1 AND day >= $2 GROUP BY name ORDER BY total DESC, name LIMIT $3",
            )
            .bind(kind.as_str())
            .bind(first_day)
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        Ok(rows)
    }
}
