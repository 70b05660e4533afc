//! Accounts not used for a long time (User Agreement 3.9.1): when each was last used, who is
//! due a notice or the deletion, and what was told to them. A sign-in, or a login or API
//! token in use, starts the count again; administrators and the admins of a workspace with a
//! plan in force are never due.

use crate::tx::on_conn;
use crate::{Conn, Result, Store, now_ms, with_db};
use domain::UserId;

/// Someone whose last use is old enough to be looked at.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Inactive {
    pub id: UserId,
    pub email: String,
    pub first_name: String,
    pub locale: String,
    pub time_zone: String,
    /// When the account was last used (its creation, if never since).
    pub active_at: i64,
    /// Notices sent since then, and the deletion date the last one gave.
    pub notices: i32,
    pub deletes_at: Option<i64>,
}

/// Who is never deleted for inactivity: administrators, and admins of a workspace whose plan
/// (paid, or granted by an administrator) is in force (`$2` is now).
const EXEMPT: &str = "u.is_admin = TRUE OR EXISTS (
    SELECT 1 FROM workspace_members m JOIN subscriptions s ON s.workspace_id = m.workspace_id
    WHERE m.user_id = u.id AND m.role = 'admin' AND s.features_until > $2)";

impl Store {
    /// Records that `user` uses the service now: the count of inactivity starts again.
    pub async fn mark_active(&self, user: UserId) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query(
                "UPDATE users SET last_active_at = $1, inactivity_notices = 0, inactivity_deletes_at = NULL WHERE id = $2",
            )
            .bind(now_ms())
            .bind(user)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Up to `limit` people with something due at `now`: a notice or the deletion, for a
    /// period of `period_ms` without use and notices `leads_ms` before it (longest first); a
    /// notice moved the date to `inactivity_deletes_at`. The longest unused first.
    pub async fn inactive_people(
        &self,
        now: i64,
        period_ms: i64,
        leads_ms: &[i64],
        limit: i64,
    ) -> Result<Vec<Inactive>> {
        // The lead of the next notice, by how many were sent: whole numbers from the
        // configuration, written into the query.
        let lead = if leads_ms.is_empty() {
            "0".to_owned()
        } else {
            let whens: String = leads_ms
                .iter()
                .enumerate()
                .map(|(i, ms)| format!(" WHEN {i} THEN {ms}"))
                .collect();
            format!("CASE u.inactivity_notices{whens} ELSE 0 END")
        };
        let sql = format!(
            "SELECT u.id, u.email, u.first_name, u.locale, u.time_zone,
                    COALESCE(u.last_active_at, u.created_at) AS active_at,
                    u.inactivity_notices AS notices, u.inactivity_deletes_at AS deletes_at
             FROM users u
             WHERE COALESCE(u.inactivity_deletes_at, COALESCE(u.last_active_at, u.created_at) + $1) - {lead} <= $2
               AND NOT ({EXEMPT})
             ORDER BY 6, u.id LIMIT $3"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(period_ms)
                .bind(now)
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }
}

impl Conn<'_> {
    /// Records the notice number `notices` (the one before was `notices - 1`) and the date it
    /// gave, unless the person was active meanwhile or another pass sent it: false then.
    pub async fn inactivity_noticed(
        &mut self,
        user: UserId,
        notices: i32,
        deletes_at: i64,
        active_at: i64,
    ) -> Result<bool> {
        let n = on_conn!(self, |c| {
            sqlx::query(
                "UPDATE users SET inactivity_notices = $1, inactivity_deletes_at = $2
                 WHERE id = $3 AND inactivity_notices = $4 AND COALESCE(last_active_at, created_at) = $5",
            )
            .bind(notices)
            .bind(deletes_at)
            .bind(user)
            .bind(notices - 1)
            .bind(active_at)
            .execute(&mut **c)
            .await?
            .rows_affected()
        });
        Ok(n == 1)
    }
}

impl Store {
    /// Moves `user`'s last use, and the date a notice gave, `ms` into the past, as if that
    /// time had gone by (tests of the notices and the deletion).
    pub async fn age_activity(&self, user: UserId, ms: i64) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query(
                "UPDATE users SET last_active_at = COALESCE(last_active_at, created_at) - $1,
                        inactivity_deletes_at = inactivity_deletes_at - $1
                 WHERE id = $2",
            )
            .bind(ms)
            .bind(user)
            .execute(pool)
            .await?;
        });
        Ok(())
    }
}

impl Conn<'_> {
    /// Whether `user` is still unused since `active_at`, with `notices` sent, and not exempt
    /// at `now`: checked in the deletion's own transaction, with the row locked on PostgreSQL
    /// (SQLite's write transaction holds the whole database), so a sign-in waits for it.
    pub async fn still_inactive(
        &mut self,
        user: UserId,
        active_at: i64,
        notices: i32,
        now: i64,
    ) -> Result<bool> {
        let lock = match self {
            Conn::Sqlite(_) => "",
            Conn::Postgres(_) => " FOR UPDATE",
        };
        let sql = format!(
            "SELECT u.id FROM users u WHERE u.id = $1 AND COALESCE(u.last_active_at, u.created_at) = $3
               AND u.inactivity_notices = $4 AND NOT ({EXEMPT}){lock}"
        );
        let found: Option<UserId> = on_conn!(self, |c| {
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone()))
                .bind(user)
                .bind(now)
                .bind(active_at)
                .bind(notices)
                .fetch_optional(&mut **c)
                .await?
        });
        Ok(found.is_some())
    }
}
