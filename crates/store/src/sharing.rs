//! Sharing: people's roles on a session. Every session has one owner (a partial unique index
//! keeps it so); the other roles come and go. What a role allows is `domain::permission`.

use crate::invitations::{Answering, Sending, Target, take};
use crate::{Result, Store, StoreError, now_ms, with_db, with_tx};
use domain::permission::Role;
use domain::{Credential, InvitationId, LinkId, SessionId, UserId, WorkspaceId};

/// A person with a role on a session.
pub type ShareRow = crate::invitations::Holder<Role>;

/// Leave to change one session's content, held by one person: what the op path takes
/// ([`Store::apply_op`], [`Store::apply_ops`], [`Store::restore_snapshot`]). Only
/// [`Store::editor`] and [`Store::editor_by`] make one, and both ask the permission table
/// (`domain::permission`) the same way, so every door (a form, the JSON API, the live channel,
/// a restore, a library insert, a card picture) passes one check before an op.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Editor {
    session: SessionId,
    user: UserId,
}

impl Editor {
    pub fn session(&self) -> SessionId {
        self.session
    }

    pub fn user(&self) -> UserId {
        self.user
    }

    /// Leave taken as given, for tests of the op path itself (not of who may edit).
    #[cfg(feature = "testing")]
    pub fn trusted(session: SessionId, user: UserId) -> Self {
        Self { session, user }
    }
}

/// The one rule: a role or a membership that the permission table lets edit.
fn may_edit(role: Option<Role>, member: bool) -> bool {
    let access = domain::permission::Access::of(role, member, false, true);
    domain::permission::allows(access, domain::permission::Action::Edit)
}

impl Store {
    /// `user`'s leave to edit `session`, when the permission table gives it; `None` otherwise
    /// (the caller answers as if there were no such session). The sign-in or token the person
    /// came with was checked by the door (an HTTP request's, with its scope).
    pub async fn editor(&self, session: SessionId, user: UserId) -> Result<Option<Editor>> {
        let (role, member) = self.access(session, user).await?;
        Ok(may_edit(role, member).then_some(Editor { session, user }))
    }

    /// [`Store::editor`] for a person who holds `credential` open (the live channel): none
    /// once it has ended or when it may only read. One query, asked before each live op.
    pub async fn editor_by(
        &self,
        session: SessionId,
        user: UserId,
        credential: Credential,
    ) -> Result<Option<Editor>> {
        let (role, member, alive) = self.access_by(session, user, credential).await?;
        Ok((alive && credential.can_write() && may_edit(role, member))
            .then_some(Editor { session, user }))
    }

    /// What `user` holds on `session`: their role on it, if any, and whether they are a
    /// member of its workspace. One query; it does not look at whether the session is deleted.
    pub async fn access(&self, session: SessionId, user: UserId) -> Result<(Option<Role>, bool)> {
        let (role, member): (Option<String>, bool) = with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT (SELECT role FROM session_shares WHERE session_id = $1 AND user_id = $2),
                        EXISTS (SELECT 1 FROM sessions s JOIN workspace_members m ON m.workspace_id = s.workspace_id
                                WHERE s.id = $1 AND m.user_id = $2)",
            )
            .bind(session)
            .bind(user)
            .fetch_one(pool)
            .await?
        });
        Ok((role.as_deref().and_then(Role::parse), member))
    }

    /// [`Store::access`] and whether `credential` (of `user`) still holds, in one query: what
    /// the live channel asks before each op, so a revoked login or token changes nothing more.
    pub async fn access_by(
        &self,
        session: SessionId,
        user: UserId,
        credential: Credential,
    ) -> Result<(Option<Role>, bool, bool)> {
        let (alive, id) = crate::logins::alive_sql(credential);
        let sql = format!(
            "SELECT (SELECT role FROM session_shares WHERE session_id = $4 AND user_id = $1),
                    EXISTS (SELECT 1 FROM sessions s JOIN workspace_members m ON m.workspace_id = s.workspace_id
                            WHERE s.id = $4 AND m.user_id = $1),
                    {alive}"
        );
        let (role, member, alive): (Option<String>, bool, bool) = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(user)
                .bind(id)
                .bind(now_ms())
                .bind(session)
                .fetch_one(pool)
                .await?
        });
        Ok((role.as_deref().and_then(Role::parse), member, alive))
    }

    /// Everyone with a role on `session`: the owner first, then by name.
    pub async fn shares(&self, session: SessionId) -> Result<Vec<ShareRow>> {
        self.holders_of(Target::Session, session.0).await
    }

    /// Gives someone who already has a role another one, on its own ([`crate::Conn::set_share`]).
    pub async fn set_share(&self, session: SessionId, user: UserId, role: Role) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.conn().set_share(session, user, role).await?;
        tx.commit().await
    }

    /// Takes `user`'s role on `session` away, on its own ([`crate::Conn::remove_share`]).
    pub async fn remove_share(&self, session: SessionId, user: UserId) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.conn().remove_share(session, user).await?;
        tx.commit().await
    }

    /// Hands `session` to `to`, on its own ([`crate::Conn::transfer_ownership`]).
    pub async fn transfer_ownership(&self, session: SessionId, to: UserId) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.conn().transfer_ownership(session, to).await?;
        tx.commit().await
    }

    /// The sessions shared with `user` outside the workspaces they belong to, most recently
    /// changed first, with the role they hold on each.
    pub async fn shared_with(&self, user: UserId) -> Result<Vec<(domain::Session, Role)>> {
        let sql = format!(
            "SELECT {}, sh.role AS share_role FROM sessions s JOIN session_shares sh ON sh.session_id = s.id
             WHERE sh.user_id = $1 AND s.deleted_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = s.workspace_id AND m.user_id = $1)
             ORDER BY s.updated_at DESC, s.id",
            crate::sessions::session_columns("s.")
        );
        let rows: Vec<Shared> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(user)
                .fetch_all(pool)
                .await?
        });
        rows.into_iter()
            .map(|r| {
                let role = Role::parse(&r.share_role).unwrap_or(Role::Viewer);
                Ok((r.session.try_into()?, role))
            })
            .collect()
    }
}

#[derive(sqlx::FromRow)]
struct Shared {
    #[sqlx(flatten)]
    session: crate::sessions::SessionRecord,
    share_role: String,
}

/// An invitation by email to a session that is not used yet.
pub type InvitationRow = crate::invitations::Invitation<Role>;

/// What an invitation link leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum Accepted {
    /// The role is given (or a stronger one was already held).
    Joined(SessionId),
    /// The link was used, withdrawn, or has expired.
    Invalid,
}

impl Store {
    /// Records an invitation of `email` to `session` with `role` and sends it (its email and
    /// any notification in the same transaction); the link's secret is kept only as
    /// `token_hash`. A new invitation of the same address replaces the old one.
    #[expect(clippy::too_many_arguments, reason = "one invitation's parts")]
    pub async fn invite(
        &self,
        session: SessionId,
        email: &str,
        role: Role,
        by: UserId,
        token_hash: &[u8],
        expires_at: i64,
        sending: &Sending<'_>,
    ) -> Result<InvitationRow> {
        if role == Role::Owner {
            return Err(StoreError::Conflict("owner"));
        }
        let scope = session.0;
        self.invite_to(
            Target::Session,
            scope,
            email,
            role.as_str(),
            by,
            token_hash,
            expires_at,
            sending,
        )
        .await?
        .try_into()
    }

    /// The invitations of `session` not used and not expired, newest first.
    pub async fn invitations(&self, session: SessionId) -> Result<Vec<InvitationRow>> {
        let rows = self.pending_to(Target::Session, session.0).await?;
        crate::read_all(rows)
    }

    /// The unused, unexpired invitation behind a link, with its session's title.
    pub async fn invitation(&self, token_hash: &[u8]) -> Result<(InvitationRow, String)> {
        let (row, title) = self.pending_by_hash(Target::Session, token_hash).await?;
        Ok((row.try_into()?, title))
    }

    /// Withdraws an invitation.
    pub async fn revoke_invitation(&self, session: SessionId, id: InvitationId) -> Result<()> {
        self.revoke_to(Target::Session, session.0, id.0).await
    }

    /// Declines an invitation to a session sent to `user`'s confirmed address.
    pub async fn decline_invitation(&self, id: InvitationId, user: UserId) -> Result<()> {
        self.decline_to(Target::Session, id.0, user).await
    }

    /// Accepts an invitation to a session, once, for `user`: through its link, or in the app
    /// when it went to their confirmed address. They get its role unless they already hold the
    /// same or a stronger one.
    pub async fn accept_invitation(
        &self,
        answering: Answering<'_>,
        user: UserId,
    ) -> Result<Accepted> {
        let now = now_ms();
        with_tx!(self, |tx| {
            let Some((session, role)) = take(&mut tx, Target::Session, answering, now).await?
            else {
                return Ok(Accepted::Invalid);
            };
            let session = SessionId(session);
            let new = Role::parse(&role).unwrap_or(Role::Viewer);
            let held: Option<String> = sqlx::query_scalar(
                "SELECT role FROM session_shares WHERE session_id = $1 AND user_id = $2",
            )
            .bind(session)
            .bind(user)
            .fetch_optional(&mut *tx)
            .await?;
            // Role::ALL runs strongest first.
            let rank = |r: Role| Role::ALL.iter().position(|x| *x == r);
            let stronger_held = held
                .as_deref()
                .and_then(Role::parse)
                .is_some_and(|h| rank(h) <= rank(new));
            if held.is_none() {
                let workspace: WorkspaceId =
                    sqlx::query_scalar("SELECT workspace_id FROM sessions WHERE id = $1")
                        .bind(session)
                        .fetch_one(&mut *tx)
                        .await?;
                crate::Conn::from(&mut *tx)
                    .check_limit(
                        &self.plans,
                        workspace,
                        Some(session),
                        domain::plan::Limit::CollaboratorsPerSession,
                        1,
                    )
                    .await?;
            }
            if !stronger_held {
                sqlx::query(
                    "INSERT INTO session_shares (session_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (session_id, user_id) DO UPDATE SET role = excluded.role",
                )
                .bind(session)
                .bind(user)
                .bind(new.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?;
                crate::Conn::from(&mut *tx)
                    .record(
                        session,
                        Some(user),
                        domain::activity::ActivityKind::Joined,
                        None,
                        new.as_str(),
                    )
                    .await?;
            }
            Ok::<Accepted, StoreError>(Accepted::Joined(session))
        })
    }
}

/// A public link to a session's participant view.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct LinkRow {
    pub id: LinkId,
    pub session_id: SessionId,
    pub created_at: i64,
    pub expires_at: Option<i64>,
}

impl Store {
    /// Makes a public link, on its own ([`crate::Conn::create_link`]).
    pub async fn create_link(
        &self,
        session: SessionId,
        by: UserId,
        token_hash: &[u8],
        expires_at: Option<i64>,
    ) -> Result<LinkRow> {
        let mut tx = self.begin().await?;
        let link = tx
            .conn()
            .create_link(session, by, token_hash, expires_at)
            .await?;
        tx.commit().await?;
        Ok(link)
    }

    /// The live links of `session` (not revoked, not expired), newest first.
    pub async fn links(&self, session: SessionId) -> Result<Vec<LinkRow>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT id, session_id, created_at, expires_at FROM session_links
                 WHERE session_id = $1 AND revoked_at IS NULL AND removed_at IS NULL
                   AND (expires_at IS NULL OR expires_at > $2)
                 ORDER BY created_at DESC, id",
            )
            .bind(session)
            .bind(now_ms())
            .fetch_all(pool)
            .await?
        }))
    }

    /// The session a live link leads to (not revoked, not disabled by an administrator, not
    /// expired, the session not deleted, its owner not blocked).
    pub async fn session_by_link(&self, token_hash: &[u8]) -> Result<SessionId> {
        let found: Option<SessionId> = with_db!(self, |pool| {
            sqlx::query_scalar(
                "SELECT l.session_id FROM session_links l JOIN sessions s ON s.id = l.session_id
                 WHERE l.token_hash = $1 AND l.revoked_at IS NULL AND l.removed_at IS NULL
                   AND (l.expires_at IS NULL OR l.expires_at > $2) AND s.deleted_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM session_shares o JOIN users u ON u.id = o.user_id
                                   WHERE o.session_id = s.id AND o.role = 'owner' AND u.blocked_at IS NOT NULL)",
            )
            .bind(token_hash)
            .bind(now_ms())
            .fetch_optional(pool)
            .await?
        });
        found.ok_or(StoreError::NotFound)
    }

    /// The live link behind a secret's hash (as [`Store::session_by_link`] finds it).
    pub async fn link_by_token(&self, token_hash: &[u8]) -> Result<LinkRow> {
        let session = self.session_by_link(token_hash).await?;
        let found: Option<LinkRow> = with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT id, session_id, created_at, expires_at FROM session_links
                 WHERE token_hash = $1 AND session_id = $2",
            )
            .bind(token_hash)
            .bind(session)
            .fetch_optional(pool)
            .await?
        });
        found.ok_or(StoreError::NotFound)
    }

    /// Revokes a public link, on its own ([`crate::Conn::revoke_link`]).
    pub async fn revoke_link(&self, session: SessionId, id: LinkId) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.conn().revoke_link(session, id).await?;
        tx.commit().await
    }
}

impl crate::Conn<'_> {
    /// Writes the owner's share of a session just created.
    pub async fn add_owner(&mut self, session: SessionId, owner: UserId) -> Result<()> {
        crate::tx::on_conn!(self, |c| {
            sqlx::query("INSERT INTO session_shares (session_id, user_id, role, created_at) VALUES ($1, $2, 'owner', $3)")
                .bind(session)
                .bind(owner)
                .bind(now_ms())
                .execute(&mut **c)
                .await?;
        });
        Ok(())
    }
}
