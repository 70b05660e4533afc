//! Background jobs in the database: enqueued in the same transaction as the change that needs
//! them, claimed with a lease (so a crashed worker's job comes back), retried with exponential
//! backoff, and claimed safely by several instances (`FOR UPDATE SKIP LOCKED` on PostgreSQL;
//! SQLite serialises writers itself).

use crate::{Result, Store, now_ms, with_db, with_tx};
use domain::JobId;

/// A job to enqueue.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub id: JobId,
    pub kind: domain::job::JobKind,
    pub payload: serde_json::Value,
    pub run_at: i64,
    pub max_attempts: i32,
}

impl NewJob {
    pub fn new(kind: domain::job::JobKind, payload: serde_json::Value) -> Self {
        Self {
            id: JobId::new(),
            kind,
            payload,
            run_at: now_ms(),
            max_attempts: 8,
        }
    }
}

/// A job this worker holds until its lease ends.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClaimedJob {
    pub id: JobId,
    pub kind: String,
    pub payload: String,
    pub attempts: i32,
    pub max_attempts: i32,
}

/// The wait before attempt `attempts + 1`: 2 s, 4 s, 8 s… capped at one hour.
pub fn backoff_ms(attempts: i32) -> i64 {
    let exp = u32::try_from(attempts.clamp(1, 20)).unwrap_or(1);
    (1000_i64 << exp).min(3_600_000)
}

const CLAIM_PG: &str = "UPDATE jobs SET locked_until = $1, attempts = attempts + 1
    WHERE id = (SELECT id FROM jobs
                WHERE finished_at IS NULL AND run_at <= $2
                  AND (locked_until IS NULL OR locked_until <= $2)
                ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, payload, attempts, max_attempts";

const CLAIM_SQLITE: &str = "UPDATE jobs SET locked_until = $1, attempts = attempts + 1
    WHERE id = (SELECT id FROM jobs
                WHERE finished_at IS NULL AND run_at <= $2
                  AND (locked_until IS NULL OR locked_until <= $2)
                ORDER BY run_at LIMIT 1)
    RETURNING id, kind, payload, attempts, max_attempts";

impl Store {
    pub async fn enqueue_job(&self, job: &NewJob) -> Result<()> {
        with_tx!(self, |tx| crate::Conn::from(&mut *tx)
            .insert_job(job)
            .await?);
        Ok(())
    }

    /// Enqueues `job` unless a job of its kind is still waiting or running (for jobs that
    /// schedule themselves, such as the daily digest). True when it was enqueued.
    pub async fn ensure_job(&self, job: &NewJob) -> Result<bool> {
        with_tx!(self, |tx| {
            let waiting: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM jobs WHERE kind = $1 AND finished_at IS NULL",
            )
            .bind(job.kind.as_str())
            .fetch_one(&mut *tx)
            .await?;
            if waiting > 0 {
                return Ok(false);
            }
            crate::Conn::from(&mut *tx).insert_job(job).await?;
            Ok::<bool, crate::StoreError>(true)
        })
    }

    /// Takes the oldest due job and holds it for `lease_ms`; a worker that dies lets the lease
    /// run out and another worker takes the job again.
    pub async fn claim_job(&self, lease_ms: i64) -> Result<Option<ClaimedJob>> {
        let now = now_ms();
        let job = match self.db() {
            crate::Db::Sqlite(pool) => {
                sqlx::query_as(CLAIM_SQLITE)
                    .bind(now + lease_ms)
                    .bind(now)
                    .fetch_optional(pool)
                    .await?
            }
            crate::Db::Postgres(pool) => {
                sqlx::query_as(CLAIM_PG)
                    .bind(now + lease_ms)
                    .bind(now)
                    .fetch_optional(pool)
                    .await?
            }
        };
        Ok(job)
    }

    pub async fn complete_job(&self, id: JobId) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query("UPDATE jobs SET finished_at = $1, locked_until = NULL, last_error = NULL WHERE id = $2")
                .bind(now_ms())
                .bind(id)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Records a failed attempt: retried after a backoff, or given up after the last attempt.
    /// Returns true when the job has been given up.
    pub async fn fail_job(&self, job: &ClaimedJob, error: &str) -> Result<bool> {
        let now = now_ms();
        let give_up = job.attempts >= job.max_attempts;
        with_db!(self, |pool| {
            if give_up {
                sqlx::query("UPDATE jobs SET finished_at = $1, failed = TRUE, locked_until = NULL, last_error = $2 WHERE id = $3")
                    .bind(now)
                    .bind(error)
                    .bind(job.id)
                    .execute(pool)
                    .await?;
            } else {
                sqlx::query("UPDATE jobs SET run_at = $1, locked_until = NULL, last_error = $2 WHERE id = $3")
                    .bind(now + backoff_ms(job.attempts))
                    .bind(error)
                    .bind(job.id)
                    .execute(pool)
                    .await?;
            }
        });
        Ok(give_up)
    }

    /// Deletes jobs that finished well before `before` (failed ones stay, for the admin to
    /// read). The number deleted.
    pub async fn purge_finished_jobs(&self, before: i64) -> Result<u64> {
        Ok(with_db!(self, |pool| {
            sqlx::query("DELETE FROM jobs WHERE finished_at IS NOT NULL AND finished_at < $1 AND failed = FALSE")
                .bind(before)
                .execute(pool)
                .await?
                .rows_affected()
        }))
    }

    /// (waiting, running, failed) job counts, for metrics and tests.
    pub async fn job_counts(&self) -> Result<(i64, i64, i64)> {
        let now = now_ms();
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT
                   COALESCE(SUM(CASE WHEN finished_at IS NULL AND (locked_until IS NULL OR locked_until <= $1) THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN finished_at IS NULL AND locked_until > $1 THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN failed THEN 1 ELSE 0 END), 0)
                 FROM jobs",
            )
            .bind(now)
            .fetch_one(pool)
            .await?
        }))
    }

    /// The state of one job: (attempts, finished, failed, last error).
    pub async fn job_state(&self, id: JobId) -> Result<Option<(i32, bool, bool, Option<String>)>> {
        let row: Option<(i32, Option<i64>, bool, Option<String>)> = with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT attempts, finished_at, failed, last_error FROM jobs WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await?
        });
        Ok(row.map(|(a, f, failed, e)| (a, f.is_some(), failed, e)))
    }

    /// Makes a waiting job due now; tests use it instead of sleeping through a backoff.
    pub async fn make_job_due(&self, id: JobId) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query("UPDATE jobs SET run_at = $1 WHERE id = $2 AND finished_at IS NULL")
                .bind(now_ms())
                .bind(id)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Makes every waiting job of `kind` due now (tests, instead of waiting out a delay).
    pub async fn make_jobs_due(&self, kind: domain::job::JobKind) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query("UPDATE jobs SET run_at = $1 WHERE kind = $2 AND finished_at IS NULL")
                .bind(now_ms())
                .bind(kind.as_str())
                .execute(pool)
                .await?;
        });
        Ok(())
    }
}
