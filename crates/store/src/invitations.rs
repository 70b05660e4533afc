//! Invitations by email, to a session (a role on it) or to a team workspace. Nobody is given a
//! role without answering: an invitation waits until it is accepted through its emailed link
//! (by whoever holds the link) or, in the app, by the person whose confirmed address it went to,
//! who may also decline it. The link's secret is kept only as a hash; a new invitation of an
//! address replaces its unused one; a link is used once and lasts until it expires. One set of
//! SQL serves both kinds, each on its table; `sharing.rs` and `workspaces.rs` give them their
//! types and do what accepting means.

use crate::notifications::Notice;
use crate::{NewMail, Result, Store, StoreError, now_ms, with_db, with_tx};
use domain::permission::Seat;
use domain::plan::Limit;
use domain::{SessionId, UserId, WorkspaceId};
use uuid::Uuid;

/// A person holding a role `R`: on a session (`ShareRow`) or in a team (`MemberRow`).
#[derive(Debug, Clone, PartialEq)]
pub struct Holder<R> {
    pub user_id: UserId,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub avatar_version: Option<i64>,
    pub role: R,
    /// Since when they hold it.
    pub created_at: i64,
}

impl<R> Holder<R> {
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
            .trim()
            .to_owned()
    }
}

/// A holder's row, its role as stored.
#[derive(sqlx::FromRow)]
pub(crate) struct HolderRecord {
    user_id: UserId,
    first_name: String,
    last_name: String,
    email: String,
    avatar_version: Option<i64>,
    role: String,
    created_at: i64,
}

/// The role stored as `text`, or [`StoreError::Unreadable`] naming whose it is (`what`).
fn role_of<R: Seat>(what: std::fmt::Arguments<'_>, text: &str) -> Result<R> {
    R::parse(text).ok_or_else(|| StoreError::Unreadable(format!("the role of {what}: {text}")))
}

impl<R: Seat> TryFrom<HolderRecord> for Holder<R> {
    type Error = StoreError;

    fn try_from(r: HolderRecord) -> Result<Self> {
        Ok(Self {
            role: role_of(format_args!("user {}", r.user_id), &r.role)?,
            user_id: r.user_id,
            first_name: r.first_name,
            last_name: r.last_name,
            email: r.email,
            avatar_version: r.avatar_version,
            created_at: r.created_at,
        })
    }
}

/// An invitation by email not answered yet, to a role `R` on the session or in the team
/// `scope`.
#[derive(Debug, Clone, PartialEq)]
pub struct Invitation<R: Seat> {
    pub id: R::InvitationId,
    pub scope: Uuid,
    pub email: String,
    pub role: R,
    pub created_at: i64,
    pub expires_at: i64,
}

impl<R: Seat> TryFrom<Pending> for Invitation<R> {
    type Error = StoreError;

    fn try_from(p: Pending) -> Result<Self> {
        Ok(Self {
            role: role_of(format_args!("invitation {}", p.id), &p.role)?,
            id: p.id.into(),
            scope: p.scope,
            email: p.email,
            created_at: p.created_at,
            expires_at: p.expires_at,
        })
    }
}

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

    /// The table of those holding a role on it, and its strongest role (listed first).
    fn holders(self) -> (&'static str, &'static str) {
        match self {
            Self::Session => ("session_shares", "owner"),
            Self::Team => ("workspace_members", "admin"),
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

/// Which invitation an answer is about.
#[derive(Debug, Clone, Copy)]
pub enum Answering<'a> {
    /// The one behind a link's secret (its hash), for whoever holds the link.
    Link(&'a [u8]),
    /// One by its id, for the person whose confirmed address it went to.
    Addressed { id: Uuid, user: UserId },
}

/// The address `$3` names only while it is confirmed: invitations to it are that person's.
const CONFIRMED_EMAIL: &str =
    "(SELECT u.email FROM users u WHERE u.id = $3 AND u.email_confirmed_at IS NOT NULL)";

/// Inside a transaction: marks the unused, unexpired invitation `answering` names used, and
/// gives what it leads to and the role it gives, or `None`.
pub(crate) async fn take<DB>(
    tx: &mut sqlx::Transaction<'_, DB>,
    target: Target,
    answering: Answering<'_>,
    now: i64,
) -> Result<Option<(Uuid, String)>>
where
    DB: sqlx::Database,
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
    DB::Arguments: sqlx::IntoArguments<DB>,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> &'q [u8]: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> Uuid: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> UserId: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'r> (Uuid, String): sqlx::FromRow<'r, DB::Row>,
{
    let (table, scope) = (target.table(), target.scope());
    let found = match answering {
        Answering::Link(hash) => {
            let sql = format!(
                "UPDATE {table} SET accepted_at = $1 WHERE token_hash = $2 AND accepted_at IS NULL AND expires_at > $1 RETURNING {scope}, role"
            );
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(now)
                .bind(hash)
                .fetch_optional(&mut **tx)
                .await?
        }
        Answering::Addressed { id, user } => {
            let sql = format!(
                "UPDATE {table} SET accepted_at = $1 WHERE id = $2 AND accepted_at IS NULL AND expires_at > $1
                   AND email = {CONFIRMED_EMAIL} RETURNING {scope}, role"
            );
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(now)
                .bind(id)
                .bind(user)
                .fetch_optional(&mut **tx)
                .await?
        }
    };
    Ok(found)
}

/// An invitation waiting for its person's answer, as their notifications list it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Incoming {
    /// `session` or `team`.
    pub kind: String,
    pub id: Uuid,
    /// The session or team it leads to.
    pub scope: Uuid,
    /// The session's title or the team's name.
    pub label: String,
    pub role: String,
    /// Who invited (their name), if their account is still there.
    pub inviter: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// What goes out with an invitation, in its transaction: its email, and a notification when
/// the address is a confirmed account's.
#[derive(Debug, Clone)]
pub struct Sending<'a> {
    pub mail: &'a NewMail,
    pub notice: Option<Notice<'a>>,
}

impl Store {
    /// Records an invitation of `email` with `role`, replacing its unused one, and sends it:
    /// its email and notification go in the same transaction.
    #[expect(
        clippy::too_many_arguments,
        reason = "one invitation's parts, each a column"
    )]
    pub(crate) async fn invite_to(
        &self,
        target: Target,
        scope: Uuid,
        email: &str,
        role: &str,
        by: UserId,
        token_hash: &[u8],
        expires_at: i64,
        sending: &Sending<'_>,
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
        let (holders, _) = target.holders();
        let holds = format!(
            "SELECT COUNT(*) FROM {holders} h JOIN users u ON u.id = h.user_id WHERE h.{column} = $1 AND u.email = $2"
        );
        let now = now_ms();
        with_tx!(self, |tx| {
            // A place must be free now, unless the person holds one already (a new role); a
            // place taken between the invitation and its answer is checked again then.
            let held: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(holds))
                .bind(scope)
                .bind(email)
                .fetch_one(&mut *tx)
                .await?;
            if held == 0 {
                let (workspace, session, limit) = match target {
                    Target::Session => {
                        let workspace: WorkspaceId =
                            sqlx::query_scalar("SELECT workspace_id FROM sessions WHERE id = $1")
                                .bind(scope)
                                .fetch_one(&mut *tx)
                                .await?;
                        (
                            workspace,
                            Some(SessionId(scope)),
                            Limit::CollaboratorsPerSession,
                        )
                    }
                    Target::Team => (WorkspaceId(scope), None, Limit::TeamMembers),
                };
                crate::Conn::from(&mut *tx)
                    .check_limit(&self.plans, workspace, session, limit, 1)
                    .await?;
            }
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
            let mut conn = crate::Conn::from(&mut *tx);
            conn.enqueue_mail(sending.mail).await?;
            if let Some(notice) = &sending.notice {
                conn.notify(notice).await?;
            }
            Ok::<Pending, StoreError>(row)
        })
    }

    /// The invitations waiting for `user`'s answer: those to their address, once it is
    /// confirmed, newest first.
    pub async fn incoming_invitations(&self, user: UserId) -> Result<Vec<Incoming>> {
        let sql = format!(
            "SELECT 'session' AS kind, i.id, i.session_id AS scope, p.title AS label, i.role,
                    COALESCE(TRIM(u.first_name || ' ' || u.last_name), '') AS inviter, i.created_at, i.expires_at
             FROM session_invitations i JOIN sessions p ON p.id = i.session_id AND p.deleted_at IS NULL
             LEFT JOIN users u ON u.id = i.invited_by
             WHERE i.accepted_at IS NULL AND i.expires_at > $1 AND i.email = {email}
             UNION ALL
             SELECT 'team' AS kind, i.id, i.workspace_id AS scope, p.name AS label, i.role,
                    COALESCE(TRIM(u.first_name || ' ' || u.last_name), '') AS inviter, i.created_at, i.expires_at
             FROM workspace_invitations i JOIN workspaces p ON p.id = i.workspace_id
             LEFT JOIN users u ON u.id = i.invited_by
             WHERE i.accepted_at IS NULL AND i.expires_at > $1 AND i.email = {email}
             ORDER BY 7 DESC",
            email = CONFIRMED_EMAIL.replace("$3", "$2")
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(now_ms())
                .bind(user)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Declines an invitation to `user`'s confirmed address: it is gone. Any other is not
    /// found.
    pub(crate) async fn decline_to(&self, target: Target, id: Uuid, user: UserId) -> Result<()> {
        let sql = format!(
            "DELETE FROM {table} WHERE id = $1 AND accepted_at IS NULL AND $2 > 0 AND email = {CONFIRMED_EMAIL}",
            table = target.table()
        );
        let n = with_db!(self, |pool| {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .bind(now_ms())
                .bind(user)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Everyone holding a role on `scope`: the strongest role first, then by name.
    pub(crate) async fn holders_of<R: Seat>(
        &self,
        target: Target,
        scope: Uuid,
    ) -> Result<Vec<Holder<R>>> {
        let (table, strongest) = target.holders();
        let sql = format!(
            "SELECT u.id AS user_id, u.first_name, u.last_name, u.email, u.avatar_version, h.role, h.created_at
             FROM {table} h JOIN users u ON u.id = h.user_id
             WHERE h.{column} = $1
             ORDER BY CASE WHEN h.role = '{strongest}' THEN 0 ELSE 1 END, u.first_name, u.last_name, u.id",
            column = target.scope()
        );
        let rows: Vec<HolderRecord> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(scope)
                .fetch_all(pool)
                .await?
        });
        crate::read_all(rows)
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
