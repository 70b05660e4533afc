//! Users, their personal workspace, email tokens (confirmation, reset, change) and avatars.

use crate::{NewMail, Result, Store, StoreError, conflict_as, now_ms, with_db, with_tx};
use domain::{Email, Locale, LoginId, UserId, WorkspaceId};

/// A new account, with the versions of the documents its person accepted.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub password_hash: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub locale: Locale,
    pub time_zone: String,
    pub is_admin: bool,
    pub terms_version: String,
    pub privacy_version: String,
    /// Set for accounts made by an administrator, whose address needs no confirmation.
    pub confirmed: bool,
    /// The legal documents' versions the person accepted by registering.
    pub accepts: Vec<domain::LegalVersionId>,
    /// Until when they have seen what was published of the documents (`users.accepted_at`);
    /// now when `None`.
    pub seen_documents_until: Option<i64>,
}

/// A stored account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub email_confirmed_at: Option<i64>,
    pub password_hash: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub locale: String,
    pub time_zone: String,
    pub is_admin: bool,
    pub terms_version: String,
    pub privacy_version: String,
    pub accepted_at: i64,
    pub avatar_version: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Notifications not read yet.
    pub unread: i32,
    /// `instant`, `daily` or `off`: how notifications reach this person by email.
    pub email_notifications: String,
    /// The person refused advertising emails (news and offers).
    pub refuses_advertising: bool,
    /// The person refused advertising chosen for them (pages tell an operator's scripts).
    pub refuses_personalised: bool,
    /// The person hears of new publications by authors whose methods they selected.
    pub hears_public_activity: bool,
    /// When an administrator blocked the account: it cannot sign in until unblocked.
    pub blocked_at: Option<i64>,
}

impl User {
    pub fn locale(&self) -> Locale {
        Locale::parse(&self.locale).unwrap_or_default()
    }

    pub fn is_confirmed(&self) -> bool {
        self.email_confirmed_at.is_some()
    }

    /// First and last name, without a space left over when one is empty.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
            .trim()
            .to_owned()
    }
}

/// One line of the administrators' user list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserSummary {
    pub id: UserId,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub is_admin: bool,
    pub email_confirmed_at: Option<i64>,
    pub created_at: i64,
    pub blocked_at: Option<i64>,
}

/// The editable profile fields.
#[derive(Debug, Clone)]
pub struct ProfileUpdate {
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub locale: Locale,
    pub time_zone: String,
}

/// A stored avatar: a re-encoded square image.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AvatarImage {
    pub image: Vec<u8>,
    pub content_type: String,
    pub updated_at: i64,
}

/// What an emailed link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailTokenPurpose {
    Confirm,
    Reset,
    Change,
}

impl EmailTokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Confirm => "confirm",
            Self::Reset => "reset",
            Self::Change => "change",
        }
    }
}

/// An emailed link's token, hashed, with its lifetime.
#[derive(Debug, Clone)]
pub struct EmailToken<'a> {
    pub hash: &'a [u8],
    pub purpose: EmailTokenPurpose,
    pub email: &'a str,
    pub expires_at: i64,
}

const USER_COLUMNS: &str = "id, email, email_confirmed_at, password_hash, first_name, last_name, phone, locale, time_zone, is_admin, terms_version, privacy_version, accepted_at, avatar_version, created_at, updated_at, unread, email_notifications, refuses_advertising, refuses_personalised, hears_public_activity, blocked_at";

/// The columns of [`User`] from a table known as `prefix` (e.g. `u.`) in a join.
pub(crate) fn user_columns(prefix: &str) -> String {
    USER_COLUMNS
        .split(", ")
        .map(|c| format!("{prefix}{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// Creates the account and its personal workspace; with `confirm`, also the confirmation
    /// token and its email, all in one transaction.
    pub async fn create_user(
        &self,
        new: &NewUser,
        confirm: Option<(&EmailToken<'_>, &NewMail)>,
    ) -> Result<User> {
        let id = UserId::new();
        let workspace = WorkspaceId::new();
        let now = now_ms();
        let sql = format!(
            "INSERT INTO users (id, email, email_confirmed_at, password_hash, first_name, last_name, phone, locale, time_zone, is_admin, terms_version, privacy_version, accepted_at, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $14, $13, $13) RETURNING {USER_COLUMNS}"
        );
        let user = with_tx!(self, |tx| {
            let user: User = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .bind(new.email.as_str())
                .bind(new.confirmed.then_some(now))
                .bind(&new.password_hash)
                .bind(&new.first_name)
                .bind(&new.last_name)
                .bind(&new.phone)
                .bind(new.locale.code())
                .bind(&new.time_zone)
                .bind(new.is_admin)
                .bind(&new.terms_version)
                .bind(&new.privacy_version)
                .bind(now)
                .bind(new.seen_documents_until.unwrap_or(now))
                .fetch_one(&mut *tx)
                .await
                .map_err(conflict_as("email_taken"))?;
            sqlx::query("INSERT INTO workspaces (id, name, kind, owner_id, created_at) VALUES ($1, $2, 'personal', $3, $4)")
                .bind(workspace)
                .bind(format!("{} {}", new.first_name, new.last_name))
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            crate::Conn::from(&mut *tx)
                .join_workspace(workspace, id, "admin")
                .await?;
            crate::Conn::from(&mut *tx)
                .record_acceptances(id, &new.accepts, "registration")
                .await?;
            if let Some((token, mail)) = confirm {
                crate::Conn::from(&mut *tx)
                    .insert_email_token(id, token)
                    .await?;
                // The confirmation goes with the account it was written to.
                crate::Conn::from(&mut *tx)
                    .enqueue_mail(&NewMail {
                        user: Some(id),
                        ..mail.clone()
                    })
                    .await?;
            }
            user
        });
        Ok(user)
    }

    pub async fn user(&self, id: UserId) -> Result<User> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        let row: Option<User> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    pub async fn user_by_email(&self, email: &Email) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(email.as_str())
                .fetch_optional(pool)
                .await?
        }))
    }

    /// The user's personal workspace.
    pub async fn personal_workspace(&self, user: UserId) -> Result<(WorkspaceId, String)> {
        let row: Option<(WorkspaceId, String)> = with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT id, name FROM workspaces WHERE owner_id = $1 AND kind = 'personal'",
            )
            .bind(user)
            .fetch_optional(pool)
            .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    /// Users whose email or name contains `query` (any case), newest first.
    pub async fn search_users(&self, query: &str, limit: i64) -> Result<Vec<UserSummary>> {
        let pattern = crate::like_contains(query);
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT id, email, first_name, last_name, is_admin, email_confirmed_at, created_at, blocked_at FROM users
                 WHERE LOWER(email) LIKE $1 ESCAPE '\\' OR LOWER(first_name) LIKE $1 ESCAPE '\\'
                    OR LOWER(last_name) LIKE $1 ESCAPE '\\' OR LOWER(first_name || ' ' || last_name) LIKE $1 ESCAPE '\\'
                 ORDER BY created_at DESC LIMIT $2",
            )
            .bind(pattern)
            .bind(limit)
            .fetch_all(pool)
            .await?
        }))
    }

    pub async fn update_profile(&self, user: UserId, update: &ProfileUpdate) -> Result<User> {
        let sql = format!(
            "UPDATE users SET first_name = $1, last_name = $2, phone = $3, locale = $4, time_zone = $5, updated_at = $6
             WHERE id = $7 RETURNING {USER_COLUMNS}"
        );
        let row: Option<User> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(&update.first_name)
                .bind(&update.last_name)
                .bind(&update.phone)
                .bind(update.locale.code())
                .bind(&update.time_zone)
                .bind(now_ms())
                .bind(user)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    pub async fn set_locale(&self, user: UserId, locale: Locale) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query("UPDATE users SET locale = $1, updated_at = $2 WHERE id = $3")
                .bind(locale.code())
                .bind(now_ms())
                .bind(user)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    pub async fn set_admin(&self, user: UserId, is_admin: bool) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query("UPDATE users SET is_admin = $1, updated_at = $2 WHERE id = $3")
                .bind(is_admin)
                .bind(now_ms())
                .bind(user)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Replaces the password hash and ends every login of the user except `keep`, and
    /// their API tokens too unless `keep_tokens`. Live connections of what ended close.
    pub async fn set_password(
        &self,
        user: UserId,
        hash: &str,
        keep: Option<LoginId>,
        keep_tokens: bool,
    ) -> Result<()> {
        with_tx!(self, |tx| {
            sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
                .bind(hash)
                .bind(now_ms())
                .bind(user)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM logins WHERE user_id = $1 AND ($2 IS NULL OR id <> $2)")
                .bind(user)
                .bind(keep)
                .execute(&mut *tx)
                .await?;
            if !keep_tokens {
                sqlx::query("DELETE FROM api_tokens WHERE user_id = $1")
                    .bind(user)
                    .execute(&mut *tx)
                    .await?;
            }
        });
        self.announce(crate::Signal::Credentials { user }).await;
        Ok(())
    }

    /// Stores a new emailed-link token and its email in one transaction.
    pub async fn issue_email_token(
        &self,
        user: UserId,
        token: &EmailToken<'_>,
        mail: &NewMail,
    ) -> Result<()> {
        with_tx!(self, |tx| {
            crate::Conn::from(&mut *tx)
                .insert_email_token(user, token)
                .await?;
            crate::Conn::from(&mut *tx)
                .enqueue_mail(&NewMail {
                    user: Some(user),
                    ..mail.clone()
                })
                .await?;
        });
        Ok(())
    }

    /// The user and address of a valid, unused token, without using it (a confirmation or
    /// reset link only while the account still has the address it was sent to).
    pub async fn peek_email_token(
        &self,
        hash: &[u8],
        purpose: EmailTokenPurpose,
    ) -> Result<Option<(UserId, String)>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT t.user_id, t.email FROM email_tokens t JOIN users u ON u.id = t.user_id
                 WHERE t.token_hash = $1 AND t.purpose = $2 AND t.used_at IS NULL AND t.expires_at > $3
                   AND (t.purpose = 'change' OR t.email = u.email)",
            )
            .bind(hash)
            .bind(purpose.as_str())
            .bind(now_ms())
            .fetch_optional(pool)
            .await?
        }))
    }

    /// Uses a confirmation token and marks the address confirmed.
    pub async fn confirm_email(&self, hash: &[u8]) -> Result<UserId> {
        with_tx!(self, |tx| {
            let (user, email) = crate::Conn::from(&mut *tx)
                .consume_email_token(hash, EmailTokenPurpose::Confirm)
                .await?
                .ok_or(StoreError::NotFound)?;
            sqlx::query("UPDATE users SET email_confirmed_at = $1 WHERE id = $2 AND email = $3 AND email_confirmed_at IS NULL")
                .bind(now_ms())
                .bind(user)
                .bind(email)
                .execute(&mut *tx)
                .await?;
            Ok(user)
        })
    }

    /// Uses a reset token, sets the new password hash and ends every login and API token of
    /// the user (their live connections close).
    pub async fn reset_password(&self, hash: &[u8], password_hash: &str) -> Result<UserId> {
        let user = with_tx!(self, |tx| {
            let (user, _) = crate::Conn::from(&mut *tx)
                .consume_email_token(hash, EmailTokenPurpose::Reset)
                .await?
                .ok_or(StoreError::NotFound)?;
            sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
                .bind(password_hash)
                .bind(now_ms())
                .bind(user)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM logins WHERE user_id = $1")
                .bind(user)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM api_tokens WHERE user_id = $1")
                .bind(user)
                .execute(&mut *tx)
                .await?;
            user
        });
        self.announce(crate::Signal::Credentials { user }).await;
        Ok(user)
    }

    /// Uses an email-change token: the account's address becomes the confirmed new one, and
    /// `notice` (to the old address) is queued in the same transaction.
    pub async fn change_email(&self, hash: &[u8], notice: &NewMail) -> Result<UserId> {
        with_tx!(self, |tx| {
            let (user, email) = crate::Conn::from(&mut *tx)
                .consume_email_token(hash, EmailTokenPurpose::Change)
                .await?
                .ok_or(StoreError::NotFound)?;
            let now = now_ms();
            sqlx::query("UPDATE users SET email = $1, email_confirmed_at = $2, updated_at = $2 WHERE id = $3")
                .bind(email)
                .bind(now)
                .bind(user)
                .execute(&mut *tx)
                .await
                .map_err(conflict_as("email_taken"))?;
            // Links sent to the old address (or to another new one) stop working.
            sqlx::query(
                "UPDATE email_tokens SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL",
            )
            .bind(now)
            .bind(user)
            .execute(&mut *tx)
            .await?;
            crate::Conn::from(&mut *tx)
                .enqueue_mail(&NewMail {
                    user: Some(user),
                    ..notice.clone()
                })
                .await?;
            Ok(user)
        })
    }

    /// Stores the avatar image and returns its new version (for cache-busting URLs).
    pub async fn set_avatar(&self, user: UserId, image: &[u8], content_type: &str) -> Result<i64> {
        let now = now_ms();
        with_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO avatars (user_id, image, content_type, updated_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (user_id) DO UPDATE SET image = excluded.image, content_type = excluded.content_type, updated_at = excluded.updated_at",
            )
            .bind(user)
            .bind(image)
            .bind(content_type)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE users SET avatar_version = $1, updated_at = $1 WHERE id = $2")
                .bind(now)
                .bind(user)
                .execute(&mut *tx)
                .await?;
        });
        Ok(now)
    }

    pub async fn remove_avatar(&self, user: UserId) -> Result<()> {
        with_tx!(self, |tx| {
            sqlx::query("DELETE FROM avatars WHERE user_id = $1")
                .bind(user)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE users SET avatar_version = NULL, updated_at = $1 WHERE id = $2")
                .bind(now_ms())
                .bind(user)
                .execute(&mut *tx)
                .await?;
        });
        Ok(())
    }

    pub async fn avatar(&self, user: UserId) -> Result<Option<AvatarImage>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as("SELECT image, content_type, updated_at FROM avatars WHERE user_id = $1")
                .bind(user)
                .fetch_optional(pool)
                .await?
        }))
    }
}

impl crate::Conn<'_> {
    /// Writes an email token, ending any earlier unused one of the same purpose.
    pub async fn insert_email_token(&mut self, user: UserId, token: &EmailToken<'_>) -> Result<()> {
        let now = now_ms();
        crate::tx::on_conn!(self, |c| {
            sqlx::query("UPDATE email_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL")
                .bind(now)
                .bind(user)
                .bind(token.purpose.as_str())
                .execute(&mut **c)
                .await?;
            sqlx::query(
                "INSERT INTO email_tokens (token_hash, purpose, user_id, email, created_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(token.hash)
            .bind(token.purpose.as_str())
            .bind(user)
            .bind(token.email)
            .bind(now)
            .bind(token.expires_at)
            .execute(&mut **c)
            .await?;
        });
        Ok(())
    }

    /// Marks a valid token used and answers (user, email); `None` when it is unknown, used,
    /// expired or of another purpose. A confirmation or reset link works only while the
    /// account still has the address it was sent to (an email-change link goes to the new
    /// address).
    pub async fn consume_email_token(
        &mut self,
        hash: &[u8],
        purpose: EmailTokenPurpose,
    ) -> Result<Option<(UserId, String)>> {
        Ok(crate::tx::on_conn!(self, |c| {
            sqlx::query_as(
                "UPDATE email_tokens SET used_at = $1
                 WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1
                   AND (purpose = 'change' OR email = (SELECT u.email FROM users u WHERE u.id = email_tokens.user_id))
                 RETURNING user_id, email",
            )
            .bind(now_ms())
            .bind(hash)
            .bind(purpose.as_str())
            .fetch_optional(&mut **c)
            .await?
        }))
    }
}
