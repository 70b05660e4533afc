//! Files of sessions, their blocks and library methods: one row per upload; the bytes are
//! stored once per workspace and content (`sha256`), so a workspace's usage counts each
//! content once.

use crate::quota::reserve;
use crate::{NewJob, Result, Store, StoreError, now_ms, with_db, with_tx};
use domain::{BlockId, FileId, MethodId, SessionId, UserId, WorkspaceId};

/// What a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileParent {
    /// A session, or one of its blocks.
    Session(SessionId, Option<BlockId>),
    Method(MethodId),
}

/// A file as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct FileRow {
    pub id: FileId,
    pub workspace_id: WorkspaceId,
    pub session_id: Option<SessionId>,
    pub method_id: Option<MethodId>,
    pub block_id: Option<BlockId>,
    pub name: String,
    /// A `domain::file::FileKind`, as stored.
    pub kind: String,
    pub size: i64,
    pub sha256: String,
    /// `pending`, `clean`, `infected` or `unscanned`.
    pub status: String,
    /// For an infected file: what the scanner found.
    pub signature: String,
    pub created_by: Option<UserId>,
    pub created_at: i64,
}

impl FileRow {
    /// May its bytes be sent to anyone? Only once scanned clean, or when no scanner runs.
    pub fn servable(&self) -> bool {
        matches!(self.status.as_str(), "clean" | "unscanned")
    }

    pub fn parent(&self) -> FileParent {
        match (self.session_id, self.method_id) {
            (Some(s), _) => FileParent::Session(s, self.block_id),
            // The schema holds exactly one of the two.
            (None, m) => FileParent::Method(m.unwrap_or_default()),
        }
    }

    /// The key of its bytes in the file storage.
    pub fn key(&self) -> String {
        format!("{}/{}", self.workspace_id, self.sha256)
    }
}

/// A file with the title of its session or method.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ListedFile {
    #[sqlx(flatten)]
    pub file: FileRow,
    pub parent_title: String,
}

/// A new file's row.
#[derive(Debug, Clone)]
pub struct NewFile<'a> {
    pub id: FileId,
    pub workspace: WorkspaceId,
    pub parent: FileParent,
    pub name: &'a str,
    pub kind: &'a str,
    pub size: i64,
    pub sha256: &'a str,
    pub status: &'a str,
    pub by: UserId,
}

pub(crate) const FILE_COLUMNS: &str = "id, workspace_id, session_id, method_id, block_id, name, kind, size, sha256, status, signature, created_by, created_at";

impl Store {
    /// Records a file in one transaction: its bytes are reserved in the workspace's quota
    /// (`Conflict("quota")` past it; a content the workspace holds already adds nothing), its
    /// `scan` job is queued, and a published method it joins goes back to review, since the
    /// public library shows only what an administrator saw.
    pub async fn add_file(
        &self,
        new: &NewFile<'_>,
        quota: i64,
        scan: Option<&NewJob>,
    ) -> Result<FileRow> {
        let mut rows = self.add_files(&[(new, scan)], quota).await?;
        rows.pop().ok_or(StoreError::NotFound)
    }

    /// Records files, each as [`Store::add_file`] does, all in one transaction: every one of
    /// them, or (past the quota, say) none.
    pub async fn add_files(
        &self,
        files: &[(&NewFile<'_>, Option<&NewJob>)],
        quota: i64,
    ) -> Result<Vec<FileRow>> {
        let sql = format!(
            "INSERT INTO files (id, workspace_id, session_id, method_id, block_id, name, kind, size, sha256, status, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING {FILE_COLUMNS}"
        );
        Ok(with_tx!(self, |tx| {
            let mut rows = Vec::with_capacity(files.len());
            for (new, scan) in files {
                let (session, method, block) = match new.parent {
                    FileParent::Session(s, b) => (Some(s), None, b),
                    FileParent::Method(m) => (None, Some(m), None),
                };
                // The workspace first, so that whether it holds the content is read under its
                // lock.
                reserve(&mut tx, new.workspace, 0, quota).await?;
                let held: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM files WHERE workspace_id = $1 AND sha256 = $2",
                )
                .bind(new.workspace)
                .bind(new.sha256)
                .fetch_one(&mut *tx)
                .await?;
                let extra = if held > 0 { 0 } else { new.size };
                reserve(&mut tx, new.workspace, extra, quota).await?;
                let row: FileRow = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                    .bind(new.id)
                    .bind(new.workspace)
                    .bind(session)
                    .bind(method)
                    .bind(block)
                    .bind(new.name)
                    .bind(new.kind)
                    .bind(new.size)
                    .bind(new.sha256)
                    .bind(new.status)
                    .bind(new.by)
                    .bind(now_ms())
                    .fetch_one(&mut *tx)
                    .await?;
                if let Some(job) = scan {
                    crate::Conn::from(&mut *tx).insert_job(job).await?;
                }
                if let Some(m) = method {
                    back_to_review(&mut tx, m).await?;
                }
                rows.push(row);
            }
            rows
        }))
    }

    pub async fn file(&self, id: FileId) -> Result<FileRow> {
        let sql = format!("SELECT {FILE_COLUMNS} FROM files WHERE id = $1");
        let row: Option<FileRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    /// The files of a session (its blocks' included) or of a method, newest first.
    pub async fn files_of(&self, parent: FileParent) -> Result<Vec<FileRow>> {
        let (column, id) = match parent {
            FileParent::Session(s, _) => ("session_id", s.0),
            FileParent::Method(m) => ("method_id", m.0),
        };
        let sql = format!(
            "SELECT {FILE_COLUMNS} FROM files WHERE {column} = $1 ORDER BY created_at DESC, id DESC"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_all(pool)
                .await?
        }))
    }

    /// A workspace's files whose parent is still there (or in the trash), largest first,
    /// with the title of their session or method.
    pub async fn largest_files(
        &self,
        workspace: WorkspaceId,
        limit: i64,
    ) -> Result<Vec<ListedFile>> {
        let columns: Vec<String> = FILE_COLUMNS.split(", ").map(|c| format!("f.{c}")).collect();
        let sql = format!(
            "SELECT {}, COALESCE(s.title, m.title, '') AS parent_title FROM files f
             LEFT JOIN sessions s ON s.id = f.session_id LEFT JOIN methods m ON m.id = f.method_id
             WHERE f.workspace_id = $1 ORDER BY f.size DESC, f.id LIMIT $2",
            columns.join(", ")
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(workspace)
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Whether the workspace already stores this content.
    pub async fn has_content(&self, workspace: WorkspaceId, sha256: &str) -> Result<bool> {
        let n: i64 = with_db!(self, |pool| {
            sqlx::query_scalar("SELECT COUNT(*) FROM files WHERE workspace_id = $1 AND sha256 = $2")
                .bind(workspace)
                .bind(sha256)
                .fetch_one(pool)
                .await?
        });
        Ok(n > 0)
    }

    /// Records a scan's verdict: `clean`, or `infected` with what was found.
    pub async fn set_file_status(&self, id: FileId, status: &str, signature: &str) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.conn().set_file_status(id, status, signature).await?;
        tx.commit().await
    }

    /// Deletes a file's row and returns it; a published method it leaves goes back to review.
    /// Its bytes stay: the `forget` job, queued in the same transaction, deletes them once no
    /// other row of the workspace holds the same content.
    pub async fn delete_file(&self, id: FileId, forget: Option<&NewJob>) -> Result<FileRow> {
        let sql = format!("DELETE FROM files WHERE id = $1 RETURNING {FILE_COLUMNS}");
        with_tx!(self, |tx| {
            let row: Option<FileRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            let row = row.ok_or(StoreError::NotFound)?;
            if let Some(m) = row.method_id {
                back_to_review(&mut tx, m).await?;
            }
            if let Some(job) = forget {
                crate::Conn::from(&mut *tx).insert_job(job).await?;
            }
            Ok::<FileRow, StoreError>(row)
        })
    }
}

impl crate::Conn<'_> {
    /// Records a file's scan: `clean` or `infected` with the signature found.
    pub async fn set_file_status(
        &mut self,
        id: FileId,
        status: &str,
        signature: &str,
    ) -> Result<()> {
        crate::tx::on_conn!(self, |c| {
            sqlx::query(
                "UPDATE files SET status = $1, signature = $2, scanned_at = $3 WHERE id = $4",
            )
            .bind(status)
            .bind(signature)
            .bind(now_ms())
            .bind(id)
            .execute(&mut **c)
            .await?;
        });
        Ok(())
    }
}

/// Inside a transaction: a published (or pending) method whose files changed waits for an
/// administrator again, out of the public library until then, as a change to its fields does.
async fn back_to_review<DB>(tx: &mut sqlx::Transaction<'_, DB>, method: MethodId) -> Result<()>
where
    DB: sqlx::Database,
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
    DB::Arguments: sqlx::IntoArguments<DB>,
    for<'q> MethodId: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    sqlx::query(
        "UPDATE methods SET publication = 'pending', public = FALSE, updated_at = $2
         WHERE id = $1 AND publication IN ('published', 'pending')",
    )
    .bind(method)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
