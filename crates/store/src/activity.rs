//! A session's activity log: who did what, and when. Op effects are recorded inside the op's
//! transaction (`sessions/ops.rs`); other use cases record theirs in their own unit of work
//! (`crate::Conn::record`).

use crate::{Result, Store, with_db};
use domain::activity::{ActivityGroup, ActivityKind};
use domain::{ActivityId, BlockId, SessionId, UserId};

/// An entry with the names a reader needs.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ActivityRow {
    pub id: ActivityId,
    pub actor_id: Option<UserId>,
    /// The actor's name; empty once their account is gone.
    pub actor: String,
    /// Read once from its stored text; a kind this version does not know fails the read.
    #[sqlx(try_from = "String")]
    pub kind: ActivityKind,
    pub block_id: Option<BlockId>,
    /// The block's title now (empty for none).
    pub block_title: String,
    pub detail: String,
    pub created_at: i64,
}

/// Which entries to read.
#[derive(Debug, Clone, Default)]
pub struct ActivityFilter {
    /// One group of kinds; none for all.
    pub group: Option<ActivityGroup>,
    pub actor: Option<UserId>,
    /// Only entries older than this one (the next page).
    pub before: Option<ActivityId>,
}

impl Store {
    /// Records something that happened to a session, outside any op, on its own.
    pub async fn record(
        &self,
        session: SessionId,
        actor: UserId,
        kind: ActivityKind,
        block: Option<BlockId>,
        detail: &str,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.conn()
            .record(session, Some(actor), kind, block, detail)
            .await?;
        tx.commit().await
    }

    /// Records something `actor` did to another person's place in a session, on its own
    /// ([`crate::Conn::record_about`]).
    pub async fn record_about(
        &self,
        session: SessionId,
        actor: UserId,
        kind: ActivityKind,
        subject: UserId,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.conn()
            .record_about(session, actor, kind, subject)
            .await?;
        tx.commit().await
    }

    /// Up to `limit` entries of `session` that match `filter`, newest first.
    pub async fn activity(
        &self,
        session: SessionId,
        filter: &ActivityFilter,
        limit: i64,
    ) -> Result<Vec<ActivityRow>> {
        let kinds = filter
            .group
            .map(|g| {
                let list: Vec<String> = g.kinds().map(|k| format!("'{}'", k.as_str())).collect();
                format!(" AND a.kind IN ({})", list.join(", "))
            })
            .unwrap_or_default();
        let sql = format!(
            "SELECT a.id, a.actor_id, COALESCE(u.first_name || ' ' || u.last_name, '') AS actor, a.kind, a.block_id,
                    COALESCE(b.title, '') AS block_title,
                    CASE WHEN a.subject_id IS NULL THEN a.detail ELSE su.first_name || ' ' || su.last_name END AS detail,
                    a.created_at
             FROM activity a
             LEFT JOIN users u ON u.id = a.actor_id
             LEFT JOIN users su ON su.id = a.subject_id
             LEFT JOIN blocks b ON b.id = a.block_id
             WHERE a.session_id = $1{kinds}
               AND ($2 IS NULL OR a.actor_id = $2)
               AND ($3 IS NULL OR a.id < $3)
             ORDER BY a.id DESC
             LIMIT $4"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(session)
                .bind(filter.actor)
                .bind(filter.before)
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }
}
