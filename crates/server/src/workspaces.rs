//! Workspaces for every door: make a team, switch between one's workspaces, and (admins)
//! invite (an invitation to accept, `crate::invitations`), change and remove members and
//! rename the team. Members edit the team's sessions and library; every change of membership
//! is announced on the bus for each of the team's sessions, so live connections are checked
//! again at once.

use crate::error::AppError;
use crate::invitations;
use crate::state::AppState;
use domain::permission::WorkspaceRole;
use domain::{FieldError, UserId, WorkspaceId, WorkspaceInvitationId};
use store::{MemberInvitationRow, MemberRow, User, WorkspaceRow};

/// A workspace's name, at most.
pub const NAME_MAX: usize = 80;

/// The role a form names.
pub fn parse_role(s: &str) -> Result<WorkspaceRole, AppError> {
    WorkspaceRole::parse(s)
        .ok_or_else(|| AppError::Validation(vec![("role", FieldError::UnknownRole)]))
}

fn name(text: &str) -> Result<String, AppError> {
    let name = domain::session::line(text, NAME_MAX).map_err(|e| {
        let error = match e {
            domain::session::OpError::TooLong => FieldError::TooLong { max: NAME_MAX },
            _ => FieldError::ControlCharacters,
        };
        AppError::Validation(vec![("name", error)])
    })?;
    if name.is_empty() {
        return Err(AppError::Validation(vec![("name", FieldError::Required)]));
    }
    Ok(name)
}

/// The workspace `user` belongs to; any other is not found.
pub async fn member_of(
    state: &AppState,
    user: &User,
    workspace: WorkspaceId,
) -> Result<WorkspaceRow, AppError> {
    Ok(state.store.workspace_of(workspace, user.id).await?)
}

/// A workspace of `user`'s with its members and, for its admins, the invitations waiting for
/// an answer.
pub async fn members(
    state: &AppState,
    user: &User,
    workspace: WorkspaceId,
) -> Result<(WorkspaceRow, Vec<MemberRow>, Vec<MemberInvitationRow>), AppError> {
    let w = member_of(state, user, workspace).await?;
    let invitations = if w.is_team() && w.role().manages() {
        state.store.member_invitations(workspace).await?
    } else {
        Vec::new()
    };
    Ok((w, state.store.members(workspace).await?, invitations))
}

/// A team `user` manages (they are its admin); any other is not found.
async fn managed(
    state: &AppState,
    user: &User,
    workspace: WorkspaceId,
) -> Result<WorkspaceRow, AppError> {
    let w = member_of(state, user, workspace).await?;
    if w.is_team() && w.role().manages() {
        Ok(w)
    } else {
        Err(AppError::NotFound)
    }
}

/// A new team with `user` as its admin; they work in it from now on.
pub async fn create(state: &AppState, user: &User, team: &str) -> Result<WorkspaceId, AppError> {
    let team = name(team)?;
    Ok(state.store.create_team(user.id, &team).await?)
}

pub async fn switch(state: &AppState, user: &User, workspace: WorkspaceId) -> Result<(), AppError> {
    Ok(state.store.switch_workspace(user.id, workspace).await?)
}

pub async fn rename(
    state: &AppState,
    user: &User,
    workspace: WorkspaceId,
    new_name: &str,
) -> Result<(), AppError> {
    managed(state, user, workspace).await?;
    let new_name = name(new_name)?;
    Ok(state.store.rename_workspace(workspace, &new_name).await?)
}

/// Invites `email` to the team: an invitation they accept or decline (see
/// `crate::invitations`). Answers with the address, whether it has an account or not.
pub async fn invite(
    state: &AppState,
    by: &User,
    workspace: WorkspaceId,
    email: &str,
    role: WorkspaceRole,
) -> Result<String, AppError> {
    let team = managed(state, by, workspace).await?;
    let to = invitations::To::Team(workspace, role);
    invitations::send(state, by, email, &team.name, to).await
}

/// Gives a member another role; the team keeps an admin.
pub async fn set_role(
    state: &AppState,
    by: &User,
    workspace: WorkspaceId,
    member: UserId,
    role: WorkspaceRole,
) -> Result<(), AppError> {
    managed(state, by, workspace).await?;
    state.store.workspace_of(workspace, member).await?;
    Ok(state.store.set_member(workspace, member, role).await?)
}

/// Takes a member out of the team (an admin removing someone, or anyone leaving); they lose
/// the team's sessions at once, except those shared with them by role.
pub async fn remove(
    state: &AppState,
    by: &User,
    workspace: WorkspaceId,
    member: UserId,
) -> Result<(), AppError> {
    if member == by.id {
        member_of(state, by, workspace).await?;
    } else {
        managed(state, by, workspace).await?;
    }
    state.store.remove_member(workspace, member).await?;
    Ok(state.store.announce_access_in(workspace).await?)
}

pub async fn revoke_invitation(
    state: &AppState,
    by: &User,
    workspace: WorkspaceId,
    id: WorkspaceInvitationId,
) -> Result<(), AppError> {
    managed(state, by, workspace).await?;
    Ok(state.store.revoke_member_invitation(workspace, id).await?)
}
