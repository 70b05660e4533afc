//! Invitations by email, to a session (a role on it) or to a team workspace. The link's secret
//! is kept only as a hash; a new invitation of an address replaces its unused one; a link is
//! used once and lasts until it expires. One set of SQL serves both kinds, each on its table;
//! `sharing.rs` and `workspaces.rs` give them their types and do what accepting means.

use crate::{Result, Store, StoreError, now_ms, with_db, with_tx};
use domain::UserId;
use uuid::Uuid;

/// What an invitation leads to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Target {
    Session,
    Team,
}

impl Target {
    fn table(self) -> &'static str {
        match self {
            Self::Session => "session_invitations",
            Self::Team => "workspace_invitations",
        }
    }

    /// The column naming the session or workspace.
    fn scope(self) -> &'static str {
        match self {
            Self::Session => "session_id",
            Self::Team => "workspace_id",
        }
    }

    /// The join to what it leads to (a session in the trash leads nowhere), and its name.
    fn leads_to(self) -> (&'static str, &'static str) {
        match self {
            Self::Session => (
                "JOIN sessions p ON p.id = i.session_id AND p.deleted_at IS NULL",
                "p.title",
            ),
            Self::Team => ("JOIN workspaces p ON p.id = i.workspace_id", "p.name"),
        }
    }
}

/// An unused invitation as stored, whichever its kind.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct Pending {
    pub id: Uuid,
    pub scope: Uuid,
    pub email: String,
    pub role: String,
    pub created_at: i64,
    pub expires_at: i64,
}

#[derive(sqlx::FromRow)]
struct Named {
    #[sqlx(flatten)]
    pending: Pending,
    label: String,
}

/// Marks the unused, unexpired invitation behind `hash` used, inside a transaction: what it
/// leads to and the role it gives, or `None`.
macro_rules! take_invitation {
    ($tx:ident, $target:expr, $hash:expr, $now:expr) => {{
        let target: $crate::invitations::Target = $target;
        let sql = target.take_sql();
        let found: Option<(uuid::Uuid, String)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind($now)
            .bind($hash)
            .fetch_optional(&mut *$tx)
            .await?;
        found
    }};
}
pub(crate) use take_invitation;

impl Target {
    pub(crate) fn take_sql(self) -> String {
        format!(
            "UPDATE {} SET accepted_at = $1 WHERE token_hash = $2 AND accepted_at IS NULL AND expires_at > $1 RETURNING {}, role",
            self.table(),
            self.scope()
        )
    }
}

impl Store {
    /// Records an invitation of `email` with `role`, replacing its unused one.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn invite_to(
        &self,
        target: Target,
        scope: Uuid,
        email: &str,
        role: &str,
        by: UserId,
        token_hash: &[u8],
        expires_at: i64,
    ) -> Result<Pending> {
        let (table, column) = (target.table(), target.scope());
        let replace = format!(
            "DELETE FROM {table} WHERE {column} = $1 AND email = $2 AND accepted_at IS NULL"
        );
        let insert = format!(
            "INSERT INTO {table} (id, {column}, email, role, token_hash, invited_by, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             RETURNING id, {column} AS scope, email, role, created_at, expires_at"
        );
        let now = now_ms();
        with_tx!(self, |tx| {
            sqlx::query(sqlx::AssertSqlSafe(replace))
                .bind(scope)
                .bind(email)
                .execute(&mut *tx)
                .await?;
            let row: Pending = sqlx::query_as(sqlx::AssertSqlSafe(insert))
                .bind(Uuid::now_v7())
                .bind(scope)
                .bind(email)
                .bind(role)
                .bind(token_hash)
                .bind(by)
                .bind(now)
                .bind(expires_at)
                .fetch_one(&mut *tx)
                .await?;
            Ok::<Pending, StoreError>(row)
        })
    }

    /// The invitations to `scope` not used and not expired, newest first.
    pub(crate) async fn pending_to(&self, target: Target, scope: Uuid) -> Result<Vec<Pending>> {
        let sql = format!(
            "SELECT id, {column} AS scope, email, role, created_at, expires_at FROM {table}
             WHERE {column} = $1 AND accepted_at IS NULL AND expires_at > $2 ORDER BY created_at DESC, id",
            table = target.table(),
            column = target.scope()
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(scope)
                .bind(now_ms())
                .fetch_all(pool)
                .await?
        }))
    }

    /// The unused, unexpired invitation behind a link, with the name of what it leads to.
    pub(crate) async fn pending_by_hash(
        &self,
        target: Target,
        token_hash: &[u8],
    ) -> Result<(Pending, String)> {
        let (join, label) = target.leads_to();
        let sql = format!(
            "SELECT i.id, i.{column} AS scope, i.email, i.role, i.created_at, i.expires_at, {label} AS label
             FROM {table} i {join}
             WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.expires_at > $2",
            table = target.table(),
            column = target.scope()
        );
        let row: Option<Named> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(token_hash)
                .bind(now_ms())
                .fetch_optional(pool)
                .await?
        });
        row.map(|r| (r.pending, r.label))
            .ok_or(StoreError::NotFound)
    }

    /// Withdraws an unused invitation to `scope`; any other is not found.
    pub(crate) async fn revoke_to(&self, target: Target, scope: Uuid, id: Uuid) -> Result<()> {
        let sql = format!(
            "DELETE FROM {table} WHERE id = $1 AND {column} = $2 AND accepted_at IS NULL",
            table = target.table(),
            column = target.scope()
        );
        let n = with_db!(self, |pool| {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .bind(scope)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
