//! A person's copy of their data (Download my data): the export's row with its progress, at
//! most one a day, finished once with its size or its error (and the email that brings the
//! link, and the job that forgets the bytes, in the same transaction); and what the copy is
//! made of, read for one person.

use crate::{NewJob, NewMail, Result, Store, StoreError, now_ms, with_db};
use domain::job::JobKind;
use domain::{BlockId, CommentId, DataExportId, SessionId, UserId, WorkspaceId};

/// A copy of someone's data, made or being made.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct DataExportRow {
    pub id: DataExportId,
    pub user_id: UserId,
    /// Steps done of `total` (0 until counted).
    pub done: i64,
    pub total: i64,
    /// The ZIP's size once made.
    pub size: Option<i64>,
    pub error: Option<String>,
    pub created_at: i64,
    pub finished_at: Option<i64>,
    /// When its link stops working and its bytes go.
    pub expires_at: Option<i64>,
}

impl DataExportRow {
    /// Still being made at `now`.
    pub fn running(&self, now: i64) -> bool {
        self.finished_at.is_none() && now - self.created_at < STUCK_MS
    }

    /// It could not be made: its error, or still unmade long after it was asked for (the
    /// job gave up, or its server stopped).
    pub fn failed(&self, now: i64) -> bool {
        self.error.is_some() || (self.finished_at.is_none() && now - self.created_at >= STUCK_MS)
    }

    /// Made, and its link still works at `now`.
    pub fn ready(&self, now: i64) -> bool {
        self.finished_at.is_some()
            && self.error.is_none()
            && self.expires_at.is_some_and(|e| e > now)
    }
}

/// When the job that forgets a copy's bytes in any case runs, after it was asked for: a day
/// after its link would end.
const SAFETY_NET_MS: i64 = 8 * 86_400_000;

/// A copy still being made this long after it was asked for will not be: it counts as failed.
pub const STUCK_MS: i64 = 2 * 3_600_000;

const COLUMNS: &str = "id, user_id, done, total, size, error, created_at, finished_at, expires_at";

/// A method or design the person wrote, with its content as stored (JSON).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WrittenItem {
    pub id: uuid::Uuid,
    pub fields: String,
    pub publication: String,
    pub created_at: i64,
}

/// A comment the person wrote, with the session it is on.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WrittenComment {
    pub id: CommentId,
    pub session_id: SessionId,
    /// `None` where they may no longer see the session.
    pub session_title: Option<String>,
    pub block_id: Option<BlockId>,
    pub body: String,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    pub resolved_at: Option<i64>,
}

impl Store {
    /// Records a copy of `user`'s data to be made, and the job that makes it. Refused with
    /// `Conflict("daily")` when one not failed was asked for since `since`.
    pub async fn begin_data_export(&self, user: UserId, since: i64) -> Result<DataExportId> {
        let id = DataExportId::new();
        let now = now_ms();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        crate::tx::on_conn!(&mut c, |db| {
            // The person's row, locked: two requests at once make one copy.
            sqlx::query("UPDATE users SET updated_at = updated_at WHERE id = $1")
                .bind(user)
                .execute(&mut **db)
                .await?;
            let recent: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM data_exports
                 WHERE user_id = $1 AND created_at > $2 AND error IS NULL
                   AND (finished_at IS NOT NULL OR created_at > $3)",
            )
            .bind(user)
            .bind(since)
            .bind(now - STUCK_MS)
            .fetch_one(&mut **db)
            .await?;
            if recent > 0 {
                return Err(StoreError::Conflict("daily"));
            }
            sqlx::query("INSERT INTO data_exports (id, user_id, created_at) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(user)
                .bind(now)
                .execute(&mut **db)
                .await?;
        });
        // Whatever happens to the making, the bytes go a day after the link would end.
        c.insert_job(&NewJob {
            run_at: now + SAFETY_NET_MS,
            max_attempts: 20,
            ..NewJob::new(
                JobKind::ForgetDataExport,
                serde_json::json!({ "export": id }),
            )
        })
        .await?;
        c.insert_job(&NewJob {
            max_attempts: 3,
            ..NewJob::new(JobKind::MakeDataExport, serde_json::json!({ "export": id }))
        })
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn data_export(&self, id: DataExportId) -> Result<DataExportRow> {
        let sql = format!("SELECT {COLUMNS} FROM data_exports WHERE id = $1");
        with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?
                .ok_or(StoreError::NotFound)
        })
    }

    /// `user`'s copies, newest first.
    pub async fn data_exports_of(&self, user: UserId) -> Result<Vec<DataExportRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM data_exports WHERE user_id = $1 ORDER BY created_at DESC"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(user)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Notes how far the making has come.
    pub async fn data_export_progress(
        &self,
        id: DataExportId,
        done: i64,
        total: i64,
    ) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query(
                "UPDATE data_exports SET done = $1, total = $2 WHERE id = $3 AND finished_at IS NULL",
            )
            .bind(done)
            .bind(total)
            .bind(id)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Finishes a copy: made (`Ok(size)`, kept until `expires_at`, with `mail` bringing its
    /// link and `forget` deleting its bytes then) or failed (`Err(reason)`), once. `false` when
    /// it was finished already or is gone.
    pub async fn finish_data_export(
        &self,
        id: DataExportId,
        outcome: std::result::Result<i64, String>,
        expires_at: i64,
        mail: Option<&NewMail>,
        forget: Option<&NewJob>,
    ) -> Result<bool> {
        let now = now_ms();
        let (size, error) = match outcome {
            Ok(size) => (Some(size), None),
            Err(e) => (None, Some(e)),
        };
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let finished = crate::tx::on_conn!(&mut c, |db| {
            sqlx::query(
                "UPDATE data_exports SET finished_at = $1, size = $2, error = $3,
                   expires_at = CASE WHEN $3 IS NULL THEN $4 ELSE NULL END, done = total
                 WHERE id = $5 AND finished_at IS NULL",
            )
            .bind(now)
            .bind(size)
            .bind(&error)
            .bind(expires_at)
            .bind(id)
            .execute(&mut **db)
            .await?
            .rows_affected()
        });
        if finished == 0 {
            return Ok(false);
        }
        if error.is_none() {
            if let Some(mail) = mail {
                c.enqueue_mail(mail).await?;
            }
            if let Some(job) = forget {
                c.insert_job(job).await?;
            }
        }
        tx.commit().await?;
        Ok(true)
    }

    /// The sessions `user` owns, trashed ones too.
    pub async fn sessions_owned_by(&self, user: UserId) -> Result<Vec<SessionId>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_scalar(
                "SELECT session_id FROM session_shares WHERE user_id = $1 AND role = 'owner'
                 ORDER BY created_at, session_id",
            )
            .bind(user)
            .fetch_all(pool)
            .await?
        }))
    }

    /// The methods `user` wrote that they may still read: in a workspace they belong to, or
    /// public.
    pub async fn methods_written_by(&self, user: UserId) -> Result<Vec<WrittenItem>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT m.id, m.fields, m.publication, m.created_at FROM methods m
                 WHERE m.created_by = $1
                   AND (m.workspace_id IS NULL OR m.public = TRUE OR EXISTS (
                     SELECT 1 FROM workspace_members wm
                     WHERE wm.workspace_id = m.workspace_id AND wm.user_id = $1))
                 ORDER BY m.created_at, m.id",
            )
            .bind(user)
            .fetch_all(pool)
            .await?
        }))
    }

    /// The designs `user` made that they may still read.
    pub async fn designs_made_by(&self, user: UserId) -> Result<Vec<WrittenItem>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT t.id, t.fields, t.publication, t.created_at FROM templates t
                 WHERE t.created_by = $1
                   AND (t.workspace_id IS NULL OR t.public = TRUE OR EXISTS (
                     SELECT 1 FROM workspace_members wm
                     WHERE wm.workspace_id = t.workspace_id AND wm.user_id = $1))
                 ORDER BY t.created_at, t.id",
            )
            .bind(user)
            .fetch_all(pool)
            .await?
        }))
    }

    /// The comments `user` wrote, on any session, with the session's title where they may
    /// still see it (a share, or a member of its workspace).
    pub async fn comments_written_by(&self, user: UserId) -> Result<Vec<WrittenComment>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT c.id, c.session_id,
                   CASE WHEN EXISTS (SELECT 1 FROM session_shares sh
                                     WHERE sh.session_id = s.id AND sh.user_id = $1)
                          OR EXISTS (SELECT 1 FROM workspace_members wm
                                     WHERE wm.workspace_id = s.workspace_id AND wm.user_id = $1)
                        THEN s.title ELSE NULL END AS session_title,
                   c.block_id, c.body,
                   c.created_at, c.edited_at, c.resolved_at
                 FROM comments c JOIN sessions s ON s.id = c.session_id
                 WHERE c.author_id = $1 ORDER BY c.created_at, c.id",
            )
            .bind(user)
            .fetch_all(pool)
            .await?
        }))
    }

    /// The workspaces `user` owns: their ids and names.
    pub async fn workspaces_owned_by(&self, user: UserId) -> Result<Vec<(WorkspaceId, String)>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT id, name FROM workspaces WHERE owner_id = $1 ORDER BY created_at, id",
            )
            .bind(user)
            .fetch_all(pool)
            .await?
        }))
    }

    /// The files `user` uploaded.
    pub async fn files_uploaded_by(&self, user: UserId) -> Result<Vec<crate::FileRow>> {
        let sql = format!(
            "SELECT {} FROM files WHERE created_by = $1 ORDER BY created_at, id",
            crate::files::FILE_COLUMNS
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(user)
                .fetch_all(pool)
                .await?
        }))
    }
}
