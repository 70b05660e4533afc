//! The unit of work: one transaction on either backend, and the typed writes a use case makes
//! inside it. A use case that writes more than once begins a [`Tx`], makes its writes through
//! [`Tx::conn`] and commits once; dropping the `Tx` (an early `?`) rolls all of it back, so a
//! crash or a failing statement in the middle leaves nothing half-written.
//!
//! The writes are methods of [`Conn`], a transaction's connection on either backend, so the
//! store's own transactions (`with_tx!`) use the same ones: each statement group is written
//! once, and compiled for both backends.

use crate::{Db, NewJob, NewMail, Result, Store, StoreError, now_ms};
use domain::activity::ActivityKind;
use domain::permission::Role;
use domain::{ActivityId, BlockId, CommentId, MailId, SessionId, UserId};
use sqlx::{PgConnection, Postgres, Sqlite, SqliteConnection, Transaction};

/// One transaction. Commit it with [`Tx::commit`]; dropped, it rolls back.
#[derive(Debug)]
pub struct Tx {
    inner: Inner,
}

#[derive(Debug)]
enum Inner {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// A transaction's connection, on either backend: where the typed writes are.
#[derive(Debug)]
pub enum Conn<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

impl<'a> From<&'a mut SqliteConnection> for Conn<'a> {
    fn from(c: &'a mut SqliteConnection) -> Self {
        Self::Sqlite(c)
    }
}

impl<'a> From<&'a mut PgConnection> for Conn<'a> {
    fn from(c: &'a mut PgConnection) -> Self {
        Self::Postgres(c)
    }
}

/// Runs `$body` with `$c` bound to the connection of whichever backend `$conn` is on.
macro_rules! on_conn {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::tx::Conn::Sqlite($c) => $body,
            $crate::tx::Conn::Postgres($c) => $body,
        }
    };
}
pub(crate) use on_conn;

impl Store {
    /// Begins a unit of work. On SQLite it begins IMMEDIATE, so two writers queue on the busy
    /// timeout instead of failing when the first write upgrades a read.
    pub async fn begin(&self) -> Result<Tx> {
        let inner = match self.db() {
            Db::Sqlite(pool) => Inner::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Inner::Postgres(pool.begin().await?),
        };
        Ok(Tx { inner })
    }
}

impl Tx {
    /// The transaction's connection, for its writes.
    pub fn conn(&mut self) -> Conn<'_> {
        match &mut self.inner {
            Inner::Sqlite(t) => Conn::Sqlite(t),
            Inner::Postgres(t) => Conn::Postgres(t),
        }
    }

    /// Makes every write of the unit of work last, at once.
    pub async fn commit(self) -> Result<()> {
        match self.inner {
            Inner::Sqlite(t) => t.commit().await?,
            Inner::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

impl Conn<'_> {
    /// Writes one entry of a session's activity log.
    pub async fn record(
        &mut self,
        session: SessionId,
        actor: Option<UserId>,
        kind: ActivityKind,
        block: Option<BlockId>,
        detail: &str,
    ) -> Result<()> {
        self.record_entry(session, actor, kind, block, detail, None)
            .await
    }

    /// Writes an entry about what `actor` did to another person's place in a session (their
    /// role changed, they were removed, they became the owner). The person is a reference,
    /// not text: the entry reads their name while they exist.
    pub async fn record_about(
        &mut self,
        session: SessionId,
        actor: UserId,
        kind: ActivityKind,
        subject: UserId,
    ) -> Result<()> {
        self.record_entry(session, Some(actor), kind, None, "", Some(subject))
            .await
    }

    async fn record_entry(
        &mut self,
        session: SessionId,
        actor: Option<UserId>,
        kind: ActivityKind,
        block: Option<BlockId>,
        detail: &str,
        subject: Option<UserId>,
    ) -> Result<()> {
        on_conn!(self, |c| {
            sqlx::query("INSERT INTO activity (id, session_id, actor_id, kind, block_id, detail, subject_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(ActivityId::new())
                .bind(session)
                .bind(actor)
                .bind(kind.as_str())
                .bind(block)
                .bind(detail)
                .bind(subject)
                .bind(now_ms())
                .execute(&mut **c)
                .await?;
        });
        Ok(())
    }

    /// Queues `job`.
    pub async fn insert_job(&mut self, job: &NewJob) -> Result<()> {
        on_conn!(self, |c| {
            sqlx::query(
                "INSERT INTO jobs (id, kind, payload, run_at, max_attempts, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(job.id)
            .bind(job.kind.as_str())
            .bind(job.payload.to_string())
            .bind(job.run_at)
            .bind(job.max_attempts)
            .bind(now_ms())
            .execute(&mut **c)
            .await?;
        });
        Ok(())
    }

    /// Queues an email and the job that delivers it.
    pub async fn enqueue_mail(&mut self, mail: &NewMail) -> Result<MailId> {
        self.enqueue_mail_at(mail, now_ms()).await
    }

    /// Queues an email whose delivery waits until `run_at` (advertising emails are paced, so
    /// the emails people are waiting for go first).
    pub async fn enqueue_mail_at(&mut self, mail: &NewMail, run_at: i64) -> Result<MailId> {
        let id = MailId::new();
        on_conn!(self, |c| {
            sqlx::query(
                "INSERT INTO outbox (id, to_addr, locale, subject, text_body, html_body, status, created_at, user_id, sender_id, unsubscribe_url)
                 VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9, $10)",
            )
            .bind(id)
            .bind(&mail.to)
            .bind(&mail.locale)
            .bind(&mail.subject)
            .bind(&mail.text_body)
            .bind(&mail.html_body)
            .bind(now_ms())
            .bind(mail.user)
            .bind(mail.sender)
            .bind(&mail.unsubscribe)
            .execute(&mut **c)
            .await?;
        });
        let job = NewJob {
            run_at,
            ..NewJob::new(
                domain::job::JobKind::SendMail,
                serde_json::json!({ "mail_id": id }),
            )
        };
        self.insert_job(&job).await?;
        Ok(id)
    }

    /// Writes a notification and counts it unread.
    pub async fn notify(&mut self, notice: &crate::Notice<'_>) -> Result<()> {
        on_conn!(self, |c| {
            sqlx::query("UPDATE users SET unread = unread + 1 WHERE id = $1")
                .bind(notice.user)
                .execute(&mut **c)
                .await?;
            sqlx::query("INSERT INTO notifications (id, user_id, kind, subject, note, link, created_at, actor_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(domain::NotificationId::new())
                .bind(notice.user)
                .bind(notice.kind)
                .bind(notice.subject)
                .bind(notice.note)
                .bind(notice.link)
                .bind(now_ms())
                .bind(notice.actor)
                .execute(&mut **c)
                .await?;
        });
        Ok(())
    }

    /// Gives someone who already has a role another one (never the owner's; the owner's role
    /// stays: a conflict).
    pub async fn set_share(&mut self, session: SessionId, user: UserId, role: Role) -> Result<()> {
        if role == Role::Owner {
            return Err(StoreError::Conflict("owner"));
        }
        let changed = on_conn!(self, |c| {
            sqlx::query(
                "INSERT INTO session_shares (session_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (session_id, user_id) DO UPDATE SET role = excluded.role
                 WHERE session_shares.role <> 'owner'",
            )
            .bind(session)
            .bind(user)
            .bind(role.as_str())
            .bind(now_ms())
            .execute(&mut **c)
            .await?
            .rows_affected()
        });
        if changed == 0 {
            return Err(StoreError::Conflict("owner"));
        }
        Ok(())
    }

    /// `user`'s role on `session`, if any.
    async fn role_of(&mut self, session: SessionId, user: UserId) -> Result<Option<Role>> {
        let role: Option<String> = on_conn!(self, |c| {
            sqlx::query_scalar(
                "SELECT role FROM session_shares WHERE session_id = $1 AND user_id = $2",
            )
            .bind(session)
            .bind(user)
            .fetch_optional(&mut **c)
            .await?
        });
        Ok(role.as_deref().and_then(Role::parse))
    }

    /// Takes `user`'s role on `session` away. The owner cannot be removed (a conflict);
    /// someone without a role is not found.
    pub async fn remove_share(&mut self, session: SessionId, user: UserId) -> Result<()> {
        match self.role_of(session, user).await? {
            None => Err(StoreError::NotFound),
            Some(Role::Owner) => Err(StoreError::Conflict("owner")),
            Some(_) => {
                on_conn!(self, |c| {
                    sqlx::query("DELETE FROM session_shares WHERE session_id = $1 AND user_id = $2 AND role <> 'owner'")
                        .bind(session)
                        .bind(user)
                        .execute(&mut **c)
                        .await?;
                });
                Ok(())
            }
        }
    }

    /// Hands `session` to `to`, who must already have a role on it; the old owner stays on as
    /// an editor. A session in the old owner's personal workspace moves to the new owner's (a
    /// team's session stays with the team).
    pub async fn transfer_ownership(&mut self, session: SessionId, to: UserId) -> Result<()> {
        match self.role_of(session, to).await? {
            None => return Err(StoreError::NotFound),
            Some(Role::Owner) => return Ok(()),
            Some(_) => {}
        }
        on_conn!(self, |c| {
            sqlx::query("UPDATE session_shares SET role = 'editor' WHERE session_id = $1 AND role = 'owner'")
                .bind(session)
                .execute(&mut **c)
                .await?;
            sqlx::query(
                "UPDATE session_shares SET role = 'owner' WHERE session_id = $1 AND user_id = $2",
            )
            .bind(session)
            .bind(to)
            .execute(&mut **c)
            .await?;
            sqlx::query(
                "UPDATE sessions SET workspace_id = (SELECT id FROM workspaces WHERE owner_id = $1 AND kind = 'personal')
                 WHERE id = $2 AND workspace_id IN (SELECT id FROM workspaces WHERE kind = 'personal')
                   AND EXISTS (SELECT 1 FROM workspaces WHERE owner_id = $1 AND kind = 'personal')",
            )
            .bind(to)
            .bind(session)
            .execute(&mut **c)
            .await?;
        });
        Ok(())
    }

    /// Adds a comment about `block` (or the session), or a reply to `parent` (which must be a
    /// thread of the same session; the reply takes its block). Answers its id and its block.
    pub async fn add_comment(
        &mut self,
        session: SessionId,
        block: Option<BlockId>,
        parent: Option<CommentId>,
        author: UserId,
        body: &str,
    ) -> Result<(CommentId, Option<BlockId>)> {
        let id = CommentId::new();
        on_conn!(self, |c| {
            let block = match parent {
                Some(p) => {
                    let thread: Option<(Option<BlockId>, Option<CommentId>)> = sqlx::query_as(
                        "SELECT block_id, parent_id FROM comments WHERE id = $1 AND session_id = $2",
                    )
                    .bind(p)
                    .bind(session)
                    .fetch_optional(&mut **c)
                    .await?;
                    match thread {
                        Some((b, None)) => b,
                        // Replies go to a thread, not to another reply.
                        _ => return Err(StoreError::NotFound),
                    }
                }
                None => block,
            };
            if let Some(b) = block {
                let live: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM blocks WHERE id = $1 AND session_id = $2 AND deleted = FALSE",
                )
                .bind(b)
                .bind(session)
                .fetch_one(&mut **c)
                .await?;
                if live == 0 && parent.is_none() {
                    return Err(StoreError::NotFound);
                }
            }
            sqlx::query("INSERT INTO comments (id, session_id, block_id, parent_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(id)
                .bind(session)
                .bind(block)
                .bind(parent)
                .bind(author)
                .bind(body)
                .bind(now_ms())
                .execute(&mut **c)
                .await?;
            Ok((id, block))
        })
    }

    /// Makes a public link to the session's participant view; only the hash of its secret is
    /// kept.
    pub async fn create_link(
        &mut self,
        session: SessionId,
        by: UserId,
        token_hash: &[u8],
        expires_at: Option<i64>,
    ) -> Result<crate::LinkRow> {
        // An administrator disabled this session's links: no new one until they are restored.
        let removed: Option<Option<i64>> = on_conn!(self, |c| {
            sqlx::query_scalar("SELECT links_removed_at FROM sessions WHERE id = $1")
                .bind(session)
                .fetch_optional(&mut **c)
                .await?
        });
        if removed.flatten().is_some() {
            return Err(StoreError::Conflict("links_removed"));
        }
        Ok(on_conn!(self, |c| {
            sqlx::query_as(
                "INSERT INTO session_links (id, session_id, token_hash, created_by, created_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, session_id, created_at, expires_at",
            )
            .bind(domain::LinkId::new())
            .bind(session)
            .bind(token_hash)
            .bind(by)
            .bind(now_ms())
            .bind(expires_at)
            .fetch_one(&mut **c)
            .await?
        }))
    }

    /// Revokes a public link of `session`; from now on it leads nowhere. One revoked or
    /// unknown is not found.
    pub async fn revoke_link(&mut self, session: SessionId, id: domain::LinkId) -> Result<()> {
        let n = on_conn!(self, |c| {
            sqlx::query("UPDATE session_links SET revoked_at = $1 WHERE id = $2 AND session_id = $3 AND revoked_at IS NULL")
                .bind(now_ms())
                .bind(id)
                .bind(session)
                .execute(&mut **c)
                .await?
                .rows_affected()
        });
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
