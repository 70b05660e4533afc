//! Exports that went on as jobs: begun with the job that finishes them should the server that
//! began them stop, looked at (the progress page's polls say the person is still there),
//! finished once with their bytes or their error (with the email that brings the link, in
//! the same transaction), and deleted after a while.

use crate::tx::on_conn;
use crate::{NewJob, NewMail, Result, Store, StoreError, now_ms, with_db, with_tx};
use domain::{ExportId, SessionId, UserId};

/// An export about to go on as a job.
#[derive(Debug, Clone)]
pub struct NewExport {
    pub id: ExportId,
    pub session: SessionId,
    /// Who asked, signed in; none for a public link's visitor.
    pub user: Option<UserId>,
    /// The hash of the public link's secret it was asked through, checked again on download.
    pub link_hash: Option<Vec<u8>>,
    /// What was asked (format, options, language), for the job that makes it again.
    pub request: String,
    pub file_name: String,
    pub content_type: String,
}

/// Where an export stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportStatus {
    Running,
    Done,
    Failed,
}

impl ExportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Done => "done",
            Self::Failed => "failed",
        }
    }
}

/// An export without its bytes.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ExportRow {
    pub id: ExportId,
    pub session_id: SessionId,
    pub user_id: Option<UserId>,
    pub link_hash: Option<Vec<u8>>,
    pub request: String,
    pub file_name: String,
    pub content_type: String,
    /// The file's size once done.
    pub size: Option<i64>,
    pub error: Option<String>,
    pub created_at: i64,
    pub watched_at: i64,
    pub finished_at: Option<i64>,
}

impl ExportRow {
    pub fn status(&self) -> ExportStatus {
        match (self.finished_at, &self.error) {
            (None, _) => ExportStatus::Running,
            (Some(_), Some(_)) => ExportStatus::Failed,
            (Some(_), None) => ExportStatus::Done,
        }
    }
}

const COLUMNS: &str = "id, session_id, user_id, link_hash, request, file_name, content_type,
    CAST(LENGTH(content) AS BIGINT) AS size, error, created_at, watched_at, finished_at";

impl Store {
    /// Records an export that goes on in the background, with `rescue`: the job that makes it
    /// if it is still unfinished when the job comes due.
    pub async fn begin_export(&self, export: &NewExport, rescue: &NewJob) -> Result<()> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let mut conn = tx.conn();
        on_conn!(&mut conn, |c| {
            sqlx::query(
                "INSERT INTO exports (id, session_id, user_id, link_hash, request, file_name,
                    content_type, created_at, watched_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
            )
            .bind(export.id)
            .bind(export.session)
            .bind(export.user)
            .bind(&export.link_hash)
            .bind(&export.request)
            .bind(&export.file_name)
            .bind(&export.content_type)
            .bind(now)
            .execute(&mut **c)
            .await?
            .rows_affected()
        });
        conn.insert_job(rescue).await?;
        tx.commit().await
    }

    /// An export, noting that the one who asked for it is looking at it now.
    pub async fn look_at_export(&self, id: ExportId) -> Result<ExportRow> {
        let sql = format!("UPDATE exports SET watched_at = $1 WHERE id = $2 RETURNING {COLUMNS}");
        let row: Option<ExportRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(now_ms())
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    pub async fn export(&self, id: ExportId) -> Result<ExportRow> {
        let sql = format!("SELECT {COLUMNS} FROM exports WHERE id = $1");
        let row: Option<ExportRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    /// A finished export's bytes.
    pub async fn export_content(&self, id: ExportId) -> Result<Vec<u8>> {
        let content: Option<Option<Vec<u8>>> = with_db!(self, |pool| {
            sqlx::query_scalar("SELECT content FROM exports WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        content.flatten().ok_or(StoreError::NotFound)
    }

    /// Finishes an export with its bytes or why it failed, and queues `mail` with it. Only the
    /// first call finishes it (a rescue job may race the server that began it): false, and no
    /// email, for the others.
    pub async fn finish_export(
        &self,
        id: ExportId,
        outcome: std::result::Result<&[u8], &str>,
        mail: Option<&NewMail>,
    ) -> Result<bool> {
        let (content, error) = match outcome {
            Ok(bytes) => (Some(bytes), None),
            Err(e) => (None, Some(e)),
        };
        let mut tx = self.begin().await?;
        let mut conn = tx.conn();
        let done = on_conn!(&mut conn, |c| {
            sqlx::query(
                "UPDATE exports SET content = $1, error = $2, finished_at = $3
                 WHERE id = $4 AND finished_at IS NULL",
            )
            .bind(content)
            .bind(error)
            .bind(now_ms())
            .bind(id)
            .execute(&mut **c)
            .await?
            .rows_affected()
        }) == 1;
        if done && let Some(mail) = mail {
            conn.enqueue_mail(mail).await?;
        }
        tx.commit().await?;
        Ok(done)
    }

    /// Deletes the exports begun before `before`. The number deleted.
    pub async fn purge_exports(&self, before: i64) -> Result<u64> {
        Ok(with_tx!(self, |tx| {
            sqlx::query("DELETE FROM exports WHERE created_at < $1")
                .bind(before)
                .execute(&mut *tx)
                .await?
                .rows_affected()
        }))
    }
}
