//! A workspace's storage: what it holds, and the check that something new fits its quota,
//! made inside the transaction that writes it, so two writers cannot both pass. Everything a
//! person can make grow counts: files (each content once), the content and pictures of
//! sessions (duplicates included), their versions, and the designs and methods of its library.

use crate::{Result, Store, StoreError, with_db};
use domain::{SessionId, WorkspaceId};

/// What a workspace stores, in bytes, by what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, sqlx::FromRow)]
pub struct Usage {
    /// Uploaded files, each content once.
    pub files: i64,
    /// Sessions: their blocks' texts and their pictures.
    pub sessions: i64,
    /// Saved versions of sessions.
    pub versions: i64,
    /// Designs and methods of the workspace's library.
    pub library: i64,
}

impl Usage {
    pub fn total(&self) -> i64 {
        self.files
            .saturating_add(self.sessions)
            .saturating_add(self.versions)
            .saturating_add(self.library)
    }
}

/// The bytes of a block's texts (`b`).
const BLOCK_BYTES: &str = "octet_length(b.title) + octet_length(b.description) + octet_length(b.notes)
    + octet_length(b.lead) + octet_length(b.materials) + octet_length(b.goals) + octet_length(b.custom)";

/// The bytes of a session picture with its card copies (`i`).
const IMAGE_BYTES: &str = "octet_length(i.bytes) + COALESCE(octet_length(i.card_1x), 0) + COALESCE(octet_length(i.card_2x), 0)";

/// The bytes of the content of the sessions `s` that `which` (a condition) names: their
/// blocks' texts and their pictures.
fn sessions_bytes(which: &str) -> String {
    format!(
        "CAST((SELECT COALESCE(SUM({BLOCK_BYTES}), 0) FROM blocks b JOIN sessions s ON s.id = b.session_id WHERE {which})
            + (SELECT COALESCE(SUM({IMAGE_BYTES}), 0) FROM images i JOIN sessions s ON s.id = i.session_id WHERE {which}) AS BIGINT)"
    )
}

/// What workspace `$1` stores. `octet_length` reads a value's stored size, not the value.
fn usage_sql() -> String {
    format!(
        "SELECT
            CAST((SELECT COALESCE(SUM(size), 0) FROM (SELECT DISTINCT sha256, size FROM files WHERE workspace_id = $1) c) AS BIGINT) AS files,
            {} AS sessions,
            CAST((SELECT COALESCE(SUM(octet_length(v.data)), 0)
                  FROM session_snapshots v JOIN sessions s ON s.id = v.session_id WHERE s.workspace_id = $1) AS BIGINT) AS versions,
            CAST((SELECT COALESCE(SUM(octet_length(t.fields)), 0) FROM templates t WHERE t.workspace_id = $1)
               + (SELECT COALESCE(SUM(octet_length(m.fields)), 0) FROM methods m WHERE m.workspace_id = $1) AS BIGINT) AS library",
        sessions_bytes("s.workspace_id = $1")
    )
}

/// Inside a write transaction: fails with `Conflict("quota")` when `extra` more bytes would
/// take `workspace` past `quota`. On PostgreSQL the workspace's row is locked first, so the
/// check and the write it guards are one step for every writer of the workspace; SQLite's
/// write transactions already take turns.
pub(crate) async fn reserve<DB>(
    tx: &mut sqlx::Transaction<'_, DB>,
    workspace: WorkspaceId,
    extra: i64,
    quota: i64,
) -> Result<()>
where
    DB: sqlx::Database,
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
    DB::Arguments: sqlx::IntoArguments<DB>,
    for<'q> WorkspaceId: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'r> Usage: sqlx::FromRow<'r, DB::Row>,
{
    if DB::NAME == "PostgreSQL" {
        sqlx::query("SELECT id FROM workspaces WHERE id = $1 FOR UPDATE")
            .bind(workspace)
            .execute(&mut **tx)
            .await?;
    }
    if extra <= 0 {
        return Ok(());
    }
    let used: Usage = sqlx::query_as(sqlx::AssertSqlSafe(usage_sql()))
        .bind(workspace)
        .fetch_one(&mut **tx)
        .await?;
    if used.total().saturating_add(extra) > quota {
        return Err(StoreError::Conflict("quota"));
    }
    Ok(())
}

/// Inside a transaction: the bytes of one session's content (what a copy of it adds).
pub(crate) async fn session_bytes<DB>(
    tx: &mut sqlx::Transaction<'_, DB>,
    session: SessionId,
) -> Result<i64>
where
    DB: sqlx::Database,
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
    DB::Arguments: sqlx::IntoArguments<DB>,
    for<'q> SessionId: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'r> (i64,): sqlx::FromRow<'r, DB::Row>,
{
    let sql = format!("SELECT {}", sessions_bytes("s.id = $1"));
    let (bytes,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(session)
        .fetch_one(&mut **tx)
        .await?;
    Ok(bytes)
}

impl Store {
    /// What `workspace` stores, by kind.
    pub async fn usage(&self, workspace: WorkspaceId) -> Result<Usage> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(usage_sql()))
                .bind(workspace)
                .fetch_one(pool)
                .await?
        }))
    }
}
