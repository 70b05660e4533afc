//! Logins (signed-in browsers) and personal API tokens. Only SHA-256 hashes of their secrets
//! are stored, so a copy of the database signs nobody in.

use crate::{Result, Signal, Store, StoreError, User, now_ms, with_db, with_tx};
use domain::{Credential, LoginId, Scopes, TokenId, UserId};

/// One active login, as the account's security page lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LoginInfo {
    pub id: LoginId,
    pub user_agent: String,
    pub ip: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// A personal API token (never its secret).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiToken {
    pub id: TokenId,
    pub name: String,
    pub prefix: String,
    scopes: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

impl ApiToken {
    pub fn scopes(&self) -> Scopes {
        Scopes::from_text(&self.scopes)
    }
}

/// A signed-in browser's login as a request finds it.
#[derive(Debug, Clone)]
pub struct FoundLogin {
    pub id: LoginId,
    /// When its password was last checked.
    pub verified_at: i64,
    pub user: User,
}

/// The SQL that tells whether a credential of the user bound to `$1` holds, with `$2` its id
/// and `$3` now (and the id to bind).
pub(crate) fn alive_sql(credential: Credential) -> (&'static str, uuid::Uuid) {
    match credential {
        Credential::Login { id, .. } => (
            "EXISTS (SELECT 1 FROM logins WHERE id = $2 AND user_id = $1 AND expires_at > $3)",
            id.0,
        ),
        Credential::Token { id, .. } => (
            "EXISTS (SELECT 1 FROM api_tokens WHERE id = $2 AND user_id = $1 AND $3 > 0)",
            id.0,
        ),
    }
}

/// How often a login's last-seen time is written: at most once a minute per login.
const TOUCH_EVERY_MS: i64 = 60_000;

#[derive(sqlx::FromRow)]
struct LoginUser {
    login_id: LoginId,
    last_seen_at: i64,
    verified_at: i64,
    #[sqlx(flatten)]
    user: User,
}

#[derive(sqlx::FromRow)]
struct TokenUser {
    token_id: TokenId,
    token_scopes: String,
    #[sqlx(flatten)]
    user: User,
}

impl Store {
    /// Records a new login for `user`, valid until `expires_at` at the latest. Its password
    /// was checked just now.
    pub async fn create_login(
        &self,
        user: UserId,
        token_hash: &[u8],
        user_agent: &str,
        ip: &str,
        expires_at: i64,
    ) -> Result<LoginId> {
        let id = LoginId::new();
        let now = now_ms();
        with_db!(self, |pool| {
            sqlx::query(
                "INSERT INTO logins (id, token_hash, user_id, user_agent, ip, created_at, last_seen_at, expires_at, verified_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $6)",
            )
            .bind(id)
            .bind(token_hash)
            .bind(user)
            .bind(user_agent)
            .bind(ip)
            .bind(now)
            .bind(expires_at)
            .execute(pool)
            .await?;
        });
        self.mark_active(user).await?;
        Ok(id)
    }

    /// The login and its user for a cookie's token, if the login has neither passed its
    /// absolute expiry nor been idle longer than `idle_ms`. Refreshes its last-seen time.
    pub async fn login_by_token(
        &self,
        token_hash: &[u8],
        idle_ms: i64,
        ip: &str,
    ) -> Result<Option<FoundLogin>> {
        let now = now_ms();
        let row: Option<LoginUser> = with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT l.id AS login_id, l.last_seen_at, l.verified_at, u.id, u.email, u.email_confirmed_at, u.password_hash, u.first_name, u.last_name,
                        u.phone, u.locale, u.time_zone, u.is_admin, u.terms_version, u.privacy_version, u.accepted_at,
                        u.avatar_version, u.created_at, u.updated_at, u.unread, u.email_notifications, u.refuses_advertising, u.refuses_personalised, u.hears_public_activity, u.blocked_at
                 FROM logins l JOIN users u ON u.id = l.user_id
                 WHERE l.token_hash = $1 AND l.expires_at > $2 AND l.last_seen_at > $3 AND u.blocked_at IS NULL",
            )
            .bind(token_hash)
            .bind(now)
            .bind(now - idle_ms)
            .fetch_optional(pool)
            .await?
        });
        let Some(row) = row else { return Ok(None) };
        if now - row.last_seen_at > TOUCH_EVERY_MS {
            with_db!(self, |pool| {
                sqlx::query("UPDATE logins SET last_seen_at = $1, ip = $2 WHERE id = $3")
                    .bind(now)
                    .bind(ip)
                    .bind(row.login_id)
                    .execute(pool)
                    .await?;
            });
            self.mark_active(row.user.id).await?;
        }
        Ok(Some(FoundLogin {
            id: row.login_id,
            verified_at: row.verified_at,
            user: row.user,
        }))
    }

    /// Records that the login's password was checked just now.
    pub async fn verify_login(&self, login: LoginId) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query("UPDATE logins SET verified_at = $1 WHERE id = $2")
                .bind(now_ms())
                .bind(login)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Whether a credential of `user` still holds: its login or token is there (not revoked)
    /// and the login has not passed its absolute expiry.
    pub async fn credential_alive(&self, user: UserId, credential: Credential) -> Result<bool> {
        let (alive, id) = alive_sql(credential);
        let sql = format!("SELECT {alive}");
        Ok(with_db!(self, |pool| {
            sqlx::query_scalar::<_, bool>(sqlx::AssertSqlSafe(sql))
                .bind(user)
                .bind(id)
                .bind(now_ms())
                .fetch_one(pool)
                .await?
        }))
    }

    pub async fn logins(&self, user: UserId) -> Result<Vec<LoginInfo>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT id, user_agent, ip, created_at, last_seen_at FROM logins
                 WHERE user_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC",
            )
            .bind(user)
            .bind(now_ms())
            .fetch_all(pool)
            .await?
        }))
    }

    /// Ends one login of `user`; another user's login is not found. Its live connections
    /// close, on every instance.
    pub async fn revoke_login(&self, user: UserId, login: LoginId) -> Result<()> {
        let done = with_db!(self, |pool| {
            sqlx::query("DELETE FROM logins WHERE id = $1 AND user_id = $2")
                .bind(login)
                .bind(user)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        self.announce(Signal::Credentials { user }).await;
        Ok(())
    }

    /// Signs `user` out everywhere: every login and every API token ends, and with them
    /// their live connections on every instance. Returns how many ended.
    pub async fn revoke_all_credentials(&self, user: UserId) -> Result<u64> {
        let ended = with_tx!(self, |tx| {
            let logins = sqlx::query("DELETE FROM logins WHERE user_id = $1")
                .bind(user)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let tokens = sqlx::query("DELETE FROM api_tokens WHERE user_id = $1")
                .bind(user)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            logins + tokens
        });
        self.announce(Signal::Credentials { user }).await;
        Ok(ended)
    }

    /// Deletes logins past their absolute expiry or idle limit; their live connections close,
    /// on every instance.
    pub async fn purge_logins(&self, idle_ms: i64) -> Result<u64> {
        let now = now_ms();
        let mut users: Vec<UserId> = with_db!(self, |pool| {
            sqlx::query_scalar(
                "DELETE FROM logins WHERE expires_at <= $1 OR last_seen_at <= $2 RETURNING user_id",
            )
            .bind(now)
            .bind(now - idle_ms)
            .fetch_all(pool)
            .await?
        });
        let purged = users.len() as u64;
        users.sort_unstable();
        users.dedup();
        for user in users {
            self.announce(Signal::Credentials { user }).await;
        }
        Ok(purged)
    }

    pub async fn create_api_token(
        &self,
        user: UserId,
        name: &str,
        token_hash: &[u8],
        prefix: &str,
        scopes: Scopes,
    ) -> Result<ApiToken> {
        let id = TokenId::new();
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "INSERT INTO api_tokens (id, token_hash, user_id, name, prefix, created_at, scopes) VALUES ($1, $2, $3, $4, $5, $6, $7)
                 RETURNING id, name, prefix, scopes, created_at, last_used_at",
            )
            .bind(id)
            .bind(token_hash)
            .bind(user)
            .bind(name)
            .bind(prefix)
            .bind(now_ms())
            .bind(scopes.to_text())
            .fetch_one(pool)
            .await?
        }))
    }

    pub async fn api_tokens(&self, user: UserId) -> Result<Vec<ApiToken>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT id, name, prefix, scopes, created_at, last_used_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC",
            )
            .bind(user)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Revokes one token of `user`; its live connections close on every instance.
    pub async fn revoke_api_token(&self, user: UserId, token: TokenId) -> Result<()> {
        let done = with_db!(self, |pool| {
            sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2")
                .bind(token)
                .bind(user)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        self.announce(Signal::Credentials { user }).await;
        Ok(())
    }

    /// The token behind a secret's hash, its scopes and its owner. Its last use is written
    /// at most once a minute.
    pub async fn user_by_api_token(
        &self,
        token_hash: &[u8],
    ) -> Result<Option<(TokenId, Scopes, User)>> {
        let now = now_ms();
        let sql = format!(
            "SELECT t.id AS token_id, t.scopes AS token_scopes, {} FROM api_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = $1 AND u.blocked_at IS NULL",
            crate::accounts::user_columns("u.")
        );
        let row: Option<TokenUser> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(token_hash)
                .fetch_optional(pool)
                .await?
        });
        let Some(row) = row else { return Ok(None) };
        let touched = with_db!(self, |pool| {
            sqlx::query(
                "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)",
            )
            .bind(now)
            .bind(row.token_id)
            .bind(now - TOUCH_EVERY_MS)
            .execute(pool)
            .await?
            .rows_affected()
        });
        if touched > 0 {
            self.mark_active(row.user.id).await?;
        }
        Ok(Some((
            row.token_id,
            Scopes::from_text(&row.token_scopes),
            row.user,
        )))
    }
}
