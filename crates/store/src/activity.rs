//! A session's activity log: who did what, and when. Op effects are recorded inside the op's
//! transaction (`sessions.rs`); sharing and comments record theirs with [`Store::record`].

use crate::{Result, Store, now_ms, with_db, with_tx};
use domain::{ActivityId, BlockId, SessionId, UserId};

/// Kinds of entry, by the group a reader filters on.
pub const EDITS: &[&str] = &[
    "block_added",
    "block_changed",
    "block_moved",
    "block_deleted",
    "block_restored",
    "session_changed",
    "version_saved",
    "version_restored",
];
pub const SHARING: &[&str] = &[
    "joined",
    "shared",
    "role_changed",
    "unshared",
    "owner_changed",
    "left",
    "link_created",
    "link_revoked",
];
pub const COMMENTS: &[&str] = &["commented"];

/// Writes one entry inside a transaction.
macro_rules! record {
    ($tx:ident, $session:expr, $actor:expr, $kind:expr, $block:expr, $detail:expr, $now:expr) => {
        sqlx::query("INSERT INTO activity (id, session_id, actor_id, kind, block_id, detail, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(domain::ActivityId::new())
            .bind($session)
            .bind($actor)
            .bind($kind)
            .bind($block)
            .bind($detail)
            .bind($now)
            .execute(&mut *$tx)
            .await?
    };
}
pub(crate) use record;

/// An entry with the names a reader needs.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ActivityRow {
    pub id: ActivityId,
    pub actor_id: Option<UserId>,
    /// The actor's name; empty once their account is gone.
    pub actor: String,
    pub kind: String,
    pub block_id: Option<BlockId>,
    /// The block's title now (empty for none).
    pub block_title: String,
    pub detail: String,
    pub created_at: i64,
}

/// Which entries to read.
#[derive(Debug, Clone, Default)]
pub struct ActivityFilter {
    /// `edits`, `sharing` or `comments`; none for all.
    pub group: Option<&'static [&'static str]>,
    pub actor: Option<UserId>,
    /// Only entries older than this one (the next page).
    pub before: Option<ActivityId>,
}

impl Store {
    /// Records something that happened to a session, outside any op.
    pub async fn record(
        &self,
        session: SessionId,
        actor: UserId,
        kind: &str,
        block: Option<BlockId>,
        detail: &str,
    ) -> Result<()> {
        let now = now_ms();
        with_tx!(self, |tx| {
            record!(tx, session, Some(actor), kind, block, detail, now);
            Ok::<(), crate::StoreError>(())
        })
    }

    /// Records something `actor` did to another person's place in a session (their role
    /// changed, they were removed, they became the owner). The person is a reference, not text:
    /// the entry reads their name while they exist and says "a former member" after.
    pub async fn record_about(
        &self,
        session: SessionId,
        actor: UserId,
        kind: &str,
        subject: UserId,
    ) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query("INSERT INTO activity (id, session_id, actor_id, kind, detail, subject_id, created_at) VALUES ($1, $2, $3, $4, '', $5, $6)")
                .bind(domain::ActivityId::new())
                .bind(session)
                .bind(actor)
                .bind(kind)
                .bind(subject)
                .bind(now_ms())
                .execute(pool)
                .await?;
        });
        Ok(())
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
                let list: Vec<String> = g.iter().map(|k| format!("'{k}'")).collect();
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
