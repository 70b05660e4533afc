//! Workspaces: every person's personal one and the teams they make or join. Members of a team
//! edit its sessions and library; admins manage its members. A team always keeps an admin.
//! Each person works in one workspace at a time (`users.current_workspace_id`), their
//! personal one until they switch.

use crate::invitations::{Answering, Sending, Target, take};
use crate::{Result, Store, StoreError, now_ms, with_db, with_tx};
use domain::permission::WorkspaceRole;
use domain::plan::Limit;
use domain::{SessionId, UserId, WorkspaceId, WorkspaceInvitationId};

/// A workspace as one of its members sees it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct WorkspaceRow {
    pub id: WorkspaceId,
    pub name: String,
    /// `personal` or `team`.
    pub kind: String,
    role: String,
    pub members: i64,
}

impl WorkspaceRow {
    pub fn role(&self) -> WorkspaceRole {
        WorkspaceRole::parse(&self.role).unwrap_or(WorkspaceRole::Member)
    }

    pub fn is_team(&self) -> bool {
        self.kind == "team"
    }
}

/// A member of a workspace.
pub type MemberRow = crate::invitations::Holder<WorkspaceRole>;

/// An invitation by email to a team that is not used yet.
pub type MemberInvitationRow = crate::invitations::Invitation<WorkspaceRole>;

const WORKSPACE_COLUMNS: &str = "w.id, w.name, w.kind, m.role,
    (SELECT COUNT(*) FROM workspace_members c WHERE c.workspace_id = w.id) AS members";

impl Store {
    /// The workspaces `user` belongs to: their personal one first, then teams by name.
    pub async fn workspaces_of(&self, user: UserId) -> Result<Vec<WorkspaceRow>> {
        let sql = format!(
            "SELECT {WORKSPACE_COLUMNS} FROM workspaces w JOIN workspace_members m ON m.workspace_id = w.id
             WHERE m.user_id = $1 ORDER BY CASE WHEN w.kind = 'personal' THEN 0 ELSE 1 END, w.name, w.id"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(user)
                .fetch_all(pool)
                .await?
        }))
    }

    /// One workspace `user` belongs to; any other is not found.
    pub async fn workspace_of(&self, workspace: WorkspaceId, user: UserId) -> Result<WorkspaceRow> {
        let sql = format!(
            "SELECT {WORKSPACE_COLUMNS} FROM workspaces w JOIN workspace_members m ON m.workspace_id = w.id
             WHERE m.user_id = $1 AND w.id = $2"
        );
        let row: Option<WorkspaceRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(user)
                .bind(workspace)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    /// The workspace `user` works in now: the one they switched to while they still belong to
    /// it, otherwise their personal one.
    pub async fn current_workspace(&self, user: UserId) -> Result<WorkspaceRow> {
        let sql = format!(
            "SELECT {WORKSPACE_COLUMNS} FROM workspaces w JOIN workspace_members m ON m.workspace_id = w.id
             JOIN users u ON u.id = m.user_id
             WHERE m.user_id = $1 AND (w.id = u.current_workspace_id OR w.kind = 'personal' AND w.owner_id = $1)
             ORDER BY CASE WHEN w.id = u.current_workspace_id THEN 0 ELSE 1 END LIMIT 1"
        );
        let row: Option<WorkspaceRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(user)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    /// The id and name of the workspace `user` works in now.
    pub async fn working_in(&self, user: UserId) -> Result<(WorkspaceId, String)> {
        let w = self.current_workspace(user).await?;
        Ok((w.id, w.name))
    }

    /// Makes `workspace` the one `user` works in; one they do not belong to is not found.
    pub async fn switch_workspace(&self, user: UserId, workspace: WorkspaceId) -> Result<()> {
        let n = with_db!(self, |pool| {
            sqlx::query(
                "UPDATE users SET current_workspace_id = $1 WHERE id = $2
                 AND EXISTS (SELECT 1 FROM workspace_members WHERE workspace_id = $1 AND user_id = $2)",
            )
            .bind(workspace)
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

    /// A new team with `owner` as its admin, who switches to it.
    pub async fn create_team(&self, owner: UserId, name: &str) -> Result<WorkspaceId> {
        let id = WorkspaceId::new();
        let now = now_ms();
        with_tx!(self, |tx| {
            sqlx::query("INSERT INTO workspaces (id, name, kind, owner_id, created_at) VALUES ($1, $2, 'team', $3, $4)")
                .bind(id)
                .bind(name)
                .bind(owner)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            let mut conn = crate::Conn::from(&mut *tx);
            conn.join_workspace(id, owner, WorkspaceRole::Admin.as_str())
                .await?;
            conn.work_in(id, owner).await?;
            Ok::<(), StoreError>(())
        })?;
        Ok(id)
    }

    pub async fn rename_workspace(&self, workspace: WorkspaceId, name: &str) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query("UPDATE workspaces SET name = $1 WHERE id = $2")
                .bind(name)
                .bind(workspace)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// The members of a workspace: admins first, then by name.
    pub async fn members(&self, workspace: WorkspaceId) -> Result<Vec<MemberRow>> {
        self.holders_of(Target::Team, workspace.0).await
    }

    /// Adds `user` to a team with `role`, or gives a member that role. A change that would
    /// leave the team without an admin is `Conflict("last_admin")`; a personal workspace
    /// takes nobody (`Conflict("personal")`).
    pub async fn set_member(
        &self,
        workspace: WorkspaceId,
        user: UserId,
        role: WorkspaceRole,
    ) -> Result<()> {
        let now = now_ms();
        with_tx!(self, |tx| {
            let kind: Option<String> =
                sqlx::query_scalar("SELECT kind FROM workspaces WHERE id = $1")
                    .bind(workspace)
                    .fetch_optional(&mut *tx)
                    .await?;
            match kind.as_deref() {
                None => return Err(StoreError::NotFound),
                Some("personal") => return Err(StoreError::Conflict("personal")),
                Some(_) => {}
            }
            sqlx::query(
                "INSERT INTO workspace_members (workspace_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role",
            )
            .bind(workspace)
            .bind(user)
            .bind(role.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            // `?` returns before `with_tx!` commits: the change is rolled back.
            crate::Conn::from(&mut *tx)
                .keeps_an_admin(workspace)
                .await?;
            Ok::<(), StoreError>(())
        })
    }

    /// Takes `user` out of a team (they keep any role of their own on its sessions). The
    /// last admin stays (`Conflict("last_admin")`); nobody leaves their personal workspace
    /// (`Conflict("personal")`); someone not a member is not found.
    pub async fn remove_member(&self, workspace: WorkspaceId, user: UserId) -> Result<()> {
        with_tx!(self, |tx| {
            let kind: Option<String> = sqlx::query_scalar(
                "SELECT w.kind FROM workspaces w JOIN workspace_members m ON m.workspace_id = w.id
                 WHERE w.id = $1 AND m.user_id = $2",
            )
            .bind(workspace)
            .bind(user)
            .fetch_optional(&mut *tx)
            .await?;
            match kind.as_deref() {
                None => return Err(StoreError::NotFound),
                Some("personal") => return Err(StoreError::Conflict("personal")),
                Some(_) => {}
            }
            sqlx::query("DELETE FROM workspace_members WHERE workspace_id = $1 AND user_id = $2")
                .bind(workspace)
                .bind(user)
                .execute(&mut *tx)
                .await?;
            // `?` returns before `with_tx!` commits: the change is rolled back.
            crate::Conn::from(&mut *tx)
                .keeps_an_admin(workspace)
                .await?;
            Ok::<(), StoreError>(())
        })
    }

    /// The sessions of a workspace, trash included (whose members' rights changed).
    /// Tells every live connection to the team's sessions, on every instance, to check its
    /// rights again.
    pub async fn announce_access_in(&self, workspace: WorkspaceId) -> Result<()> {
        for session in self.session_ids_in(workspace).await? {
            self.announce(crate::Signal::Access { session }).await;
        }
        Ok(())
    }

    pub async fn session_ids_in(&self, workspace: WorkspaceId) -> Result<Vec<SessionId>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_scalar("SELECT id FROM sessions WHERE workspace_id = $1")
                .bind(workspace)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Records an invitation of `email` to a team with `role` and sends it (its email and any
    /// notification in the same transaction); the link's secret is kept only as `token_hash`.
    /// A new invitation of the same address replaces the old one.
    #[expect(clippy::too_many_arguments, reason = "one invitation's parts")]
    pub async fn invite_member(
        &self,
        workspace: WorkspaceId,
        email: &str,
        role: WorkspaceRole,
        by: UserId,
        token_hash: &[u8],
        expires_at: i64,
        sending: &Sending<'_>,
    ) -> Result<MemberInvitationRow> {
        let scope = workspace.0;
        self.invite_to(
            Target::Team,
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

    /// The invitations to a team not used and not expired, newest first.
    pub async fn member_invitations(
        &self,
        workspace: WorkspaceId,
    ) -> Result<Vec<MemberInvitationRow>> {
        let rows = self.pending_to(Target::Team, workspace.0).await?;
        crate::read_all(rows)
    }

    /// The unused, unexpired invitation to a team behind a link, with the team's name.
    pub async fn member_invitation(
        &self,
        token_hash: &[u8],
    ) -> Result<(MemberInvitationRow, String)> {
        let (row, name) = self.pending_by_hash(Target::Team, token_hash).await?;
        Ok((row.try_into()?, name))
    }

    /// Withdraws an invitation to a team.
    pub async fn revoke_member_invitation(
        &self,
        workspace: WorkspaceId,
        id: WorkspaceInvitationId,
    ) -> Result<()> {
        self.revoke_to(Target::Team, workspace.0, id.0).await
    }

    /// Declines an invitation to a team sent to `user`'s confirmed address.
    pub async fn decline_member_invitation(
        &self,
        id: WorkspaceInvitationId,
        user: UserId,
    ) -> Result<()> {
        self.decline_to(Target::Team, id.0, user).await
    }

    /// Accepts an invitation to a team, once, for `user` (through its link, or in the app when
    /// it went to their confirmed address): they join with its role (an admin stays an admin)
    /// and switch to it. `None` when it leads nowhere.
    pub async fn accept_member_invitation(
        &self,
        answering: Answering<'_>,
        user: UserId,
    ) -> Result<Option<WorkspaceId>> {
        let now = now_ms();
        with_tx!(self, |tx| {
            let Some((workspace, role)) = take(&mut tx, Target::Team, answering, now).await? else {
                return Ok(None);
            };
            let workspace = WorkspaceId(workspace);
            let member: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM workspace_members WHERE workspace_id = $1 AND user_id = $2",
            )
            .bind(workspace)
            .bind(user)
            .fetch_one(&mut *tx)
            .await?;
            let mut conn = crate::Conn::from(&mut *tx);
            let adding = if member > 0 { 0 } else { 1 };
            conn.check_limit(&self.plans, workspace, None, Limit::TeamMembers, adding)
                .await?;
            conn.join_workspace(workspace, user, &role).await?;
            conn.work_in(workspace, user).await?;
            Ok::<Option<WorkspaceId>, StoreError>(Some(workspace))
        })
    }
}

impl crate::Conn<'_> {
    /// Fails with `Conflict("last_admin")` (the use case's unit of work then rolls back) when
    /// a change left `workspace` without an admin.
    pub async fn keeps_an_admin(&mut self, workspace: WorkspaceId) -> Result<()> {
        let admins: i64 = crate::tx::on_conn!(self, |c| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM workspace_members WHERE workspace_id = $1 AND role = 'admin'",
            )
            .bind(workspace)
            .fetch_one(&mut **c)
            .await?
        });
        if admins == 0 {
            return Err(StoreError::Conflict("last_admin"));
        }
        Ok(())
    }

    /// Makes `user` a member of `workspace` with `role`; someone already a member keeps the
    /// role they have.
    pub async fn join_workspace(
        &mut self,
        workspace: WorkspaceId,
        user: UserId,
        role: &str,
    ) -> Result<()> {
        crate::tx::on_conn!(self, |c| {
            sqlx::query(
                "INSERT INTO workspace_members (workspace_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (workspace_id, user_id) DO NOTHING",
            )
            .bind(workspace)
            .bind(user)
            .bind(role)
            .bind(now_ms())
            .execute(&mut **c)
            .await?;
        });
        Ok(())
    }

    /// Makes `workspace` the one `user` works in.
    pub async fn work_in(&mut self, workspace: WorkspaceId, user: UserId) -> Result<()> {
        crate::tx::on_conn!(self, |c| {
            sqlx::query("UPDATE users SET current_workspace_id = $1 WHERE id = $2")
                .bind(workspace)
                .bind(user)
                .execute(&mut **c)
                .await?;
        });
        Ok(())
    }
}
