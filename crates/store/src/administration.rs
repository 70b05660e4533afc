//! What administrators do to accounts, and the audit log that records it: block and unblock
//! (a blocked account's logins and tokens end, and its public methods and designs may be
//! withheld until it is unblocked), restrict a feature for a while or until lifted, make and
//! unmake administrators. Each action and its audit entry (and the email that tells the
//! person, when there is one) are one transaction.
//!
//! The audit log is append-only: the schema refuses every change and deletion of an entry on
//! both backends. Its entries hold ids, never names or addresses, and reference nothing, so an
//! entry outlives the account it is about.

use crate::tx::on_conn;
use crate::{NewMail, Result, Signal, Store, StoreError, now_ms, with_db};
use domain::UserId;
use domain::moderation::{AuditAction, Restriction};
use uuid::Uuid;

/// An entry to append to the audit log.
#[derive(Debug, Clone)]
pub struct NewAudit<'a> {
    /// The administrator; `None` for the operator's command line.
    pub actor: Option<UserId>,
    pub action: AuditAction,
    /// What the action was done to: `user`, `method`, `template`, `workspace`, `payment`,
    /// `invoice`, `legal` or `newsletter`.
    pub subject_kind: &'static str,
    pub subject_id: Option<Uuid>,
    pub reason: &'a str,
    /// Ids, kinds, counts and times; never a name or an address.
    pub details: serde_json::Value,
}

impl<'a> NewAudit<'a> {
    /// An action on an account.
    pub fn user(actor: Option<UserId>, action: AuditAction, user: UserId, reason: &'a str) -> Self {
        Self {
            actor,
            action,
            subject_kind: "user",
            subject_id: Some(user.0),
            reason,
            details: serde_json::json!({}),
        }
    }

    pub fn with_details(self, details: serde_json::Value) -> Self {
        Self { details, ..self }
    }
}

/// An entry of the audit log.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AuditEntry {
    /// Its place in the log: later entries have larger numbers.
    pub num: i64,
    pub at: i64,
    pub actor_id: Option<UserId>,
    pub action: String,
    pub subject_kind: String,
    pub subject_id: Option<Uuid>,
    pub reason: String,
    pub details: String,
}

/// Which entries to read, newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub action: Option<AuditAction>,
    pub actor: Option<UserId>,
    pub subject: Option<Uuid>,
    /// Only entries before this number (the next page).
    pub before: Option<i64>,
    pub limit: i64,
}

/// A feature taken from a person.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RestrictionRow {
    pub kind: String,
    pub reason: String,
    /// When it ends by itself; `None` until lifted.
    pub until: Option<i64>,
    pub created_by: Option<UserId>,
    pub created_at: i64,
}

impl RestrictionRow {
    pub fn restriction(&self) -> Option<Restriction> {
        Restriction::parse(&self.kind)
    }
}

/// An administrator's block of an account.
#[derive(Debug, Clone)]
pub struct Block<'a> {
    pub user: UserId,
    pub by: Option<UserId>,
    pub reason: &'a str,
    /// Withhold the person's public methods and designs until they are unblocked.
    pub hide_content: bool,
    /// The email that tells the person.
    pub mail: Option<NewMail>,
}

/// An administrator's restriction of some features.
#[derive(Debug, Clone)]
pub struct Restrict<'a> {
    pub user: UserId,
    pub by: Option<UserId>,
    pub kinds: &'a [Restriction],
    pub until: Option<i64>,
    pub reason: &'a str,
    pub mail: Option<NewMail>,
}

/// What the console's page of a person counts.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PersonFacts {
    pub last_active_at: Option<i64>,
    /// Sessions they own, not in the trash.
    pub sessions: i64,
    pub methods: i64,
    pub designs: i64,
    /// Their methods and designs in the public library now.
    pub public_items: i64,
    /// Their methods and designs withheld by an administrator.
    pub withheld_items: i64,
}

const AUDIT_COLUMNS: &str = "num, at, actor_id, action, subject_kind, subject_id, reason, details";

impl crate::Conn<'_> {
    /// Appends `entry` to the audit log, in this transaction.
    pub async fn audit(&mut self, entry: &NewAudit<'_>) -> Result<()> {
        let details = entry.details.to_string();
        on_conn!(self, |c| {
            sqlx::query(
                "INSERT INTO audit_log (at, actor_id, action, subject_kind, subject_id, reason, details)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(now_ms())
            .bind(entry.actor)
            .bind(entry.action.as_str())
            .bind(entry.subject_kind)
            .bind(entry.subject_id)
            .bind(entry.reason)
            .bind(&details)
            .execute(&mut **c)
            .await?;
        });
        Ok(())
    }

    /// Withdraws the invitations `user` sent (to sessions and teams) that nobody accepted
    /// yet. Returns how many.
    pub async fn withdraw_invitations_by(&mut self, user: UserId) -> Result<u64> {
        let mut withdrawn = 0;
        for table in ["session_invitations", "workspace_invitations"] {
            let sql = format!("DELETE FROM {table} WHERE invited_by = $1 AND accepted_at IS NULL");
            withdrawn += on_conn!(self, |c| {
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(user)
                    .execute(&mut **c)
                    .await?
                    .rows_affected()
            });
        }
        Ok(withdrawn)
    }

    /// Makes public (or withholds, with `withhold`) what `user` wrote for the public library:
    /// withholding takes the public items, showing again takes those withheld because of
    /// `why`. Returns how many changed.
    async fn withhold_authored(&mut self, user: UserId, withhold: bool, why: &str) -> Result<u64> {
        let mut changed = 0;
        let now = now_ms();
        for table in ["methods", "templates"] {
            changed += if withhold {
                // Public ones, and those waiting for review: an approval while the block
                // holds keeps them withheld (see `review_publication`).
                let sql = format!(
                    "UPDATE {table} SET public = FALSE, withheld = $2, withheld_at = $3
                     WHERE created_by = $1 AND (public = TRUE OR publication = 'pending') AND withheld IS NULL"
                );
                on_conn!(self, |c| {
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(user)
                        .bind(why)
                        .bind(now)
                        .execute(&mut **c)
                        .await?
                        .rows_affected()
                })
            } else {
                let sql = format!(
                    "UPDATE {table} SET public = TRUE, withheld = NULL, withheld_at = NULL
                     WHERE created_by = $1 AND withheld = $2 AND publication = 'published'"
                );
                // What waited for review (or was rejected or withdrawn meanwhile) carries no
                // mark any more.
                let rest = format!(
                    "UPDATE {table} SET withheld = NULL, withheld_at = NULL
                     WHERE created_by = $1 AND withheld = $2 AND publication <> 'published'"
                );
                on_conn!(self, |c| {
                    let shown = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(user)
                        .bind(why)
                        .execute(&mut **c)
                        .await?
                        .rows_affected();
                    sqlx::query(sqlx::AssertSqlSafe(rest))
                        .bind(user)
                        .bind(why)
                        .execute(&mut **c)
                        .await?;
                    shown
                })
            };
        }
        Ok(changed)
    }
}

impl Store {
    /// Appends `entry` to the audit log on its own.
    pub async fn audit(&self, entry: &NewAudit<'_>) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.conn().audit(entry).await?;
        tx.commit().await
    }

    /// Entries of the audit log that match `filter`, newest first.
    pub async fn audit_log(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        let sql = format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log
             WHERE ($1 IS NULL OR action = $1) AND ($2 IS NULL OR actor_id = $2)
               AND ($3 IS NULL OR subject_id = $3) AND ($4 IS NULL OR num < $4)
             ORDER BY num DESC LIMIT $5"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(filter.action.map(AuditAction::as_str))
                .bind(filter.actor)
                .bind(filter.subject)
                .bind(filter.before)
                .bind(filter.limit)
                .fetch_all(pool)
                .await?
        }))
    }

    /// What the console shows of a person beside their account.
    pub async fn person_facts(&self, user: UserId) -> Result<PersonFacts> {
        let row: Option<PersonFacts> = with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT u.last_active_at,
                   (SELECT COUNT(*) FROM session_shares o JOIN sessions s ON s.id = o.session_id
                     WHERE o.user_id = u.id AND o.role = 'owner' AND s.deleted_at IS NULL) AS sessions,
                   (SELECT COUNT(*) FROM methods WHERE created_by = u.id) AS methods,
                   (SELECT COUNT(*) FROM templates WHERE created_by = u.id) AS designs,
                   (SELECT COUNT(*) FROM methods WHERE created_by = u.id AND public = TRUE)
                     + (SELECT COUNT(*) FROM templates WHERE created_by = u.id AND public = TRUE) AS public_items,
                   (SELECT COUNT(*) FROM methods WHERE created_by = u.id AND withheld IS NOT NULL)
                     + (SELECT COUNT(*) FROM templates WHERE created_by = u.id AND withheld IS NOT NULL) AS withheld_items
                 FROM users u WHERE u.id = $1",
            )
            .bind(user)
            .fetch_optional(pool)
            .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    /// Blocks an account: it cannot sign in, its logins and API tokens end (with their live
    /// connections, on every instance), the public links of the sessions it owns stop
    /// working, and with `hide_content` its public methods and designs are withheld. Refused
    /// with `Conflict("blocked")` when it is blocked already and `Conflict("admin")` for an
    /// administrator (who must be made an ordinary account first). Returns how many public
    /// items were withheld.
    pub async fn block_user(&self, block: &Block<'_>) -> Result<u64> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let found: Option<(bool, Option<i64>)> = on_conn!(&mut c, |db| {
            sqlx::query_as("SELECT is_admin, blocked_at FROM users WHERE id = $1")
                .bind(block.user)
                .fetch_optional(&mut **db)
                .await?
        });
        match found {
            None => return Err(StoreError::NotFound),
            Some((true, _)) => return Err(StoreError::Conflict("admin")),
            Some((_, Some(_))) => return Err(StoreError::Conflict("blocked")),
            Some((false, None)) => {}
        }
        let updated = on_conn!(&mut c, |db| {
            sqlx::query(
                "UPDATE users SET blocked_at = $1 WHERE id = $2 AND blocked_at IS NULL AND is_admin = FALSE",
            )
            .bind(now)
            .bind(block.user)
            .execute(&mut **db)
            .await?
            .rows_affected()
        });
        if updated == 0 {
            // Made an administrator, or blocked, in the meantime.
            let now_admin: Option<bool> = on_conn!(&mut c, |db| {
                sqlx::query_scalar("SELECT is_admin FROM users WHERE id = $1")
                    .bind(block.user)
                    .fetch_optional(&mut **db)
                    .await?
            });
            return Err(match now_admin {
                Some(true) => StoreError::Conflict("admin"),
                _ => StoreError::Conflict("blocked"),
            });
        }
        let ended = on_conn!(&mut c, |db| {
            let logins = sqlx::query("DELETE FROM logins WHERE user_id = $1")
                .bind(block.user)
                .execute(&mut **db)
                .await?
                .rows_affected();
            let tokens = sqlx::query("DELETE FROM api_tokens WHERE user_id = $1")
                .bind(block.user)
                .execute(&mut **db)
                .await?
                .rows_affected();
            logins + tokens
        });
        // Invitations they sent and nobody accepted yet lead nowhere any more.
        let withdrawn = c.withdraw_invitations_by(block.user).await?;
        let withheld = if block.hide_content {
            c.withhold_authored(block.user, true, "block").await?
        } else {
            0
        };
        c.audit(
            &NewAudit::user(block.by, AuditAction::Block, block.user, block.reason).with_details(
                serde_json::json!({
                    "hide_content": block.hide_content,
                    "withheld": withheld,
                    "credentials_ended": ended,
                    "invitations_withdrawn": withdrawn,
                }),
            ),
        )
        .await?;
        if let Some(mail) = &block.mail {
            c.enqueue_mail(mail).await?;
        }
        tx.commit().await?;
        self.announce(Signal::Credentials { user: block.user })
            .await;
        Ok(withheld)
    }

    /// Unblocks an account and makes public again what its block withheld. Refused with
    /// `Conflict("not_blocked")` when it is not blocked. Returns how many items came back.
    pub async fn unblock_user(
        &self,
        user: UserId,
        by: Option<UserId>,
        reason: &str,
        mail: Option<&NewMail>,
    ) -> Result<u64> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let updated = on_conn!(&mut c, |db| {
            sqlx::query(
                "UPDATE users SET blocked_at = NULL WHERE id = $1 AND blocked_at IS NOT NULL",
            )
            .bind(user)
            .execute(&mut **db)
            .await?
            .rows_affected()
        });
        if updated == 0 {
            let exists: Option<i64> = on_conn!(&mut c, |db| {
                sqlx::query_scalar("SELECT created_at FROM users WHERE id = $1")
                    .bind(user)
                    .fetch_optional(&mut **db)
                    .await?
            });
            return Err(match exists {
                Some(_) => StoreError::Conflict("not_blocked"),
                None => StoreError::NotFound,
            });
        }
        // A login or token made in a race with the block was never honoured: it ends here
        // rather than coming back.
        on_conn!(&mut c, |db| {
            sqlx::query("DELETE FROM logins WHERE user_id = $1")
                .bind(user)
                .execute(&mut **db)
                .await?;
            sqlx::query("DELETE FROM api_tokens WHERE user_id = $1")
                .bind(user)
                .execute(&mut **db)
                .await?;
        });
        let shown = c.withhold_authored(user, false, "block").await?;
        c.audit(
            &NewAudit::user(by, AuditAction::Unblock, user, reason)
                .with_details(serde_json::json!({ "shown_again": shown })),
        )
        .await?;
        if let Some(mail) = mail {
            c.enqueue_mail(mail).await?;
        }
        tx.commit().await?;
        Ok(shown)
    }

    /// Takes `kinds` from a person until `until` (or until lifted), replacing what was taken
    /// of the same kinds before.
    pub async fn restrict_user(&self, r: &Restrict<'_>) -> Result<()> {
        if r.kinds.is_empty() {
            return Err(StoreError::Conflict("no_restriction"));
        }
        let now = now_ms();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let exists: Option<i64> = on_conn!(&mut c, |db| {
            sqlx::query_scalar("SELECT created_at FROM users WHERE id = $1")
                .bind(r.user)
                .fetch_optional(&mut **db)
                .await?
        });
        if exists.is_none() {
            return Err(StoreError::NotFound);
        }
        for kind in r.kinds {
            on_conn!(&mut c, |db| {
                sqlx::query(
                    "INSERT INTO user_restrictions (user_id, kind, reason, until, created_by, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6)
                     ON CONFLICT (user_id, kind) DO UPDATE SET reason = excluded.reason,
                        until = excluded.until, created_by = excluded.created_by, created_at = excluded.created_at",
                )
                .bind(r.user)
                .bind(kind.as_str())
                .bind(r.reason)
                .bind(r.until)
                .bind(r.by)
                .bind(now)
                .execute(&mut **db)
                .await?;
            });
        }
        let withdrawn = if r.kinds.contains(&Restriction::Invite) {
            c.withdraw_invitations_by(r.user).await?
        } else {
            0
        };
        let kinds: Vec<&str> = r.kinds.iter().map(|k| k.as_str()).collect();
        c.audit(
            &NewAudit::user(r.by, AuditAction::Restrict, r.user, r.reason).with_details(
                serde_json::json!({
                    "kinds": kinds,
                    "until": r.until,
                    "invitations_withdrawn": withdrawn,
                }),
            ),
        )
        .await?;
        if let Some(mail) = &r.mail {
            c.enqueue_mail(mail).await?;
        }
        tx.commit().await
    }

    /// Gives a person back a feature taken from them. `NotFound` when it was not taken (or its
    /// time is over).
    pub async fn lift_restriction(
        &self,
        user: UserId,
        kind: Restriction,
        by: Option<UserId>,
        reason: &str,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let lifted = on_conn!(&mut c, |db| {
            sqlx::query(
                "DELETE FROM user_restrictions WHERE user_id = $1 AND kind = $2
                 AND (until IS NULL OR until > $3)",
            )
            .bind(user)
            .bind(kind.as_str())
            .bind(now_ms())
            .execute(&mut **db)
            .await?
            .rows_affected()
        });
        if lifted == 0 {
            return Err(StoreError::NotFound);
        }
        c.audit(
            &NewAudit::user(by, AuditAction::LiftRestriction, user, reason)
                .with_details(serde_json::json!({ "kind": kind.as_str() })),
        )
        .await?;
        tx.commit().await
    }

    /// What is taken from `user` now, by kind.
    pub async fn restrictions(&self, user: UserId) -> Result<Vec<RestrictionRow>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT kind, reason, until, created_by, created_at FROM user_restrictions
                 WHERE user_id = $1 AND (until IS NULL OR until > $2) ORDER BY kind",
            )
            .bind(user)
            .bind(now_ms())
            .fetch_all(pool)
            .await?
        }))
    }

    /// Whether `kind` is taken from `user` now, and how.
    pub async fn restriction(
        &self,
        user: UserId,
        kind: Restriction,
    ) -> Result<Option<RestrictionRow>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT kind, reason, until, created_by, created_at FROM user_restrictions
                 WHERE user_id = $1 AND kind = $2 AND (until IS NULL OR until > $3)",
            )
            .bind(user)
            .bind(kind.as_str())
            .bind(now_ms())
            .fetch_optional(pool)
            .await?
        }))
    }

    /// Makes `user` an administrator or an ordinary account, and records it. Taking the role
    /// from the last administrator is refused with `Conflict("last_administrator")`; a
    /// blocked account is not made an administrator (`Conflict("blocked_account")`).
    pub async fn set_admin_by(
        &self,
        user: UserId,
        is_admin: bool,
        by: Option<UserId>,
        reason: &str,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        // Every administrator's row, locked (SQLite's write transaction holds the whole
        // database): two revocations at once cannot both see another administrator left.
        let admins: Vec<UserId> = match &mut c {
            crate::Conn::Sqlite(db) => {
                sqlx::query_scalar("SELECT id FROM users WHERE is_admin = TRUE")
                    .fetch_all(&mut **db)
                    .await?
            }
            crate::Conn::Postgres(db) => {
                sqlx::query_scalar(
                    "SELECT id FROM users WHERE is_admin = TRUE ORDER BY id FOR UPDATE",
                )
                .fetch_all(&mut **db)
                .await?
            }
        };
        let found: Option<(bool, Option<i64>)> = on_conn!(&mut c, |db| {
            sqlx::query_as("SELECT is_admin, blocked_at FROM users WHERE id = $1")
                .bind(user)
                .fetch_optional(&mut **db)
                .await?
        });
        let Some((was, blocked)) = found else {
            return Err(StoreError::NotFound);
        };
        if was == is_admin {
            return Ok(());
        }
        if is_admin && blocked.is_some() {
            return Err(StoreError::Conflict("blocked_account"));
        }
        if !is_admin && admins.iter().all(|a| *a == user) {
            return Err(StoreError::Conflict("last_administrator"));
        }
        // Not made an administrator if a block came in meanwhile.
        let changed = on_conn!(&mut c, |db| {
            sqlx::query(
                "UPDATE users SET is_admin = $1, updated_at = $2
                 WHERE id = $3 AND ($1 = FALSE OR blocked_at IS NULL)",
            )
            .bind(is_admin)
            .bind(now_ms())
            .bind(user)
            .execute(&mut **db)
            .await?
            .rows_affected()
        });
        if changed == 0 {
            return Err(StoreError::Conflict("blocked_account"));
        }
        let action = if is_admin {
            AuditAction::GrantAdmin
        } else {
            AuditAction::RevokeAdmin
        };
        c.audit(&NewAudit::user(by, action, user, reason)).await?;
        // Pages and tokens read the role on each request.
        tx.commit().await
    }
}
