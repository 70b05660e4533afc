//! Comments on a session and its blocks: threads of a comment and its replies, edited and
//! deleted by their authors only, resolved and reopened by anyone who may comment.

use crate::{Result, Store, StoreError, now_ms, with_db};
use domain::{BlockId, CommentId, SessionId, UserId};
use std::collections::HashMap;

/// A comment with its author's name.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CommentRow {
    pub id: CommentId,
    pub session_id: SessionId,
    /// The block it is about; none for the session as a whole.
    pub block_id: Option<BlockId>,
    /// The thread it replies to; none for the first comment of a thread.
    pub parent_id: Option<CommentId>,
    pub author_id: Option<UserId>,
    /// The author's name; empty once their account is gone.
    pub author: String,
    pub body: String,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    pub resolved_at: Option<i64>,
}

const COLUMNS: &str = "c.id, c.session_id, c.block_id, c.parent_id, c.author_id,
    COALESCE(u.first_name || ' ' || u.last_name, '') AS author,
    c.body, c.created_at, c.edited_at, c.resolved_at";

impl Store {
    /// Adds a comment about `block` (or the session), or a reply to `parent` (which must be a
    /// thread of the same session; the reply takes its block).
    pub async fn add_comment(
        &self,
        session: SessionId,
        block: Option<BlockId>,
        parent: Option<CommentId>,
        author: UserId,
        body: &str,
    ) -> Result<CommentRow> {
        let mut tx = self.begin().await?;
        let (id, _) = tx
            .conn()
            .add_comment(session, block, parent, author, body)
            .await?;
        tx.commit().await?;
        self.comment(session, id).await
    }

    /// One comment of `session`.
    pub async fn comment(&self, session: SessionId, id: CommentId) -> Result<CommentRow> {
        let sql = format!(
            "SELECT {COLUMNS} FROM comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.id = $1 AND c.session_id = $2"
        );
        let row: Option<CommentRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .bind(session)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    /// Every comment of `session`, oldest first.
    pub async fn comments(&self, session: SessionId) -> Result<Vec<CommentRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.session_id = $1 ORDER BY c.created_at, c.id"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(session)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Changes the text of a comment `author` wrote; anyone else's is not found.
    pub async fn edit_comment(
        &self,
        session: SessionId,
        id: CommentId,
        author: UserId,
        body: &str,
    ) -> Result<()> {
        let n = with_db!(self, |pool| {
            sqlx::query("UPDATE comments SET body = $1, edited_at = $2 WHERE id = $3 AND session_id = $4 AND author_id = $5")
                .bind(body)
                .bind(now_ms())
                .bind(id)
                .bind(session)
                .bind(author)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Deletes a comment `author` wrote; a thread's replies go with it (the foreign key
    /// cascades).
    pub async fn delete_comment(
        &self,
        session: SessionId,
        id: CommentId,
        author: UserId,
    ) -> Result<()> {
        let n = with_db!(self, |pool| {
            sqlx::query("DELETE FROM comments WHERE id = $1 AND session_id = $2 AND author_id = $3")
                .bind(id)
                .bind(session)
                .bind(author)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Resolves a thread (or reopens it).
    pub async fn resolve_comment(
        &self,
        session: SessionId,
        id: CommentId,
        by: UserId,
        resolved: bool,
    ) -> Result<()> {
        let now = now_ms();
        let n = with_db!(self, |pool| {
            sqlx::query("UPDATE comments SET resolved_at = $1, resolved_by = $2 WHERE id = $3 AND session_id = $4 AND parent_id IS NULL")
                .bind(resolved.then_some(now))
                .bind(resolved.then_some(by))
                .bind(id)
                .bind(session)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Open threads per block of `session` (the session's own under `None`).
    pub async fn open_threads(&self, session: SessionId) -> Result<HashMap<Option<BlockId>, i64>> {
        let rows: Vec<(Option<BlockId>, i64)> = with_db!(self, |pool| {
            sqlx::query_as("SELECT block_id, COUNT(*) FROM comments WHERE session_id = $1 AND parent_id IS NULL AND resolved_at IS NULL GROUP BY block_id")
                .bind(session)
                .fetch_all(pool)
                .await?
        });
        Ok(rows.into_iter().collect())
    }
}
