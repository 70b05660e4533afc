//! Workspaces for every door: make a team, switch between one's workspaces, and (admins)
//! invite, change and remove members and rename the team. Members edit the team's sessions
//! and library; whoever joins is told in the app and by email; every change of membership is
//! announced on the bus for each of the team's sessions, so live connections are checked
//! again at once.

use crate::auth::hash_secret;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::mail::Compose;
use crate::sharing::{Invitation, Invited, full_name};
use crate::state::AppState;
use domain::permission::WorkspaceRole;
use domain::{Email, FieldError, UserId, WorkspaceId, WorkspaceInvitationId};
use store::{Signal, User, WorkspaceRow};

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

/// Tells every live connection to the team's sessions to check its rights again.
async fn announce(state: &AppState, workspace: WorkspaceId) -> Result<(), AppError> {
    for session in state.store.session_ids_in(workspace).await? {
        state.store.announce(Signal::Access { session }).await;
    }
    Ok(())
}

/// Invites `email` to the team: someone with an account joins at once and is told; anyone
/// else gets an invitation link by email.
pub async fn invite(
    state: &AppState,
    by: &User,
    workspace: WorkspaceId,
    email: &str,
    role: WorkspaceRole,
) -> Result<Invited, AppError> {
    let team = managed(state, by, workspace).await?;
    let email = Email::parse(email).map_err(|e| AppError::Validation(vec![("email", e)]))?;
    let inviter = full_name(by);
    match state.store.user_by_email(&email).await? {
        Some(user) if user.id == by.id => Err(AppError::Validation(vec![(
            "email",
            FieldError::CannotInvite,
        )])),
        Some(user) => {
            state.store.set_member(workspace, user.id, role).await?;
            state
                .store
                .notify(
                    user.id,
                    "workspace_joined",
                    &team.name,
                    &inviter,
                    "/workspaces",
                )
                .await?;
            let tr = Tr::new(user.locale());
            let mail = Compose {
                tr,
                to: &user.email,
                first_name: &user.first_name,
                subject: tr.ts("mail-workspace-subject", "name", &team.name),
                lines: vec![joined_line(&tr, &inviter, &team.name, role)],
                action: Some((
                    tr.t("mail-workspace-open"),
                    state.settings.link("/workspaces"),
                )),
            };
            crate::notify::email(state, &user, mail).await?;
            Ok(Invited::Member(full_name(&user)))
        }
        None => {
            let link = Invitation::mint();
            state
                .store
                .invite_member(
                    workspace,
                    email.as_str(),
                    role,
                    by.id,
                    &link.hash,
                    link.expires,
                )
                .await?;
            let tr = Tr::new(by.locale());
            link.send(
                state,
                by,
                &email,
                tr.ts("mail-workspace-subject", "name", &team.name),
                joined_line(&tr, &inviter, &team.name, role),
            )
            .await
        }
    }
}

fn joined_line(tr: &Tr, inviter: &str, team: &str, role: WorkspaceRole) -> String {
    tr.args(
        "mail-workspace-body",
        &[
            ("name", inviter.to_owned().into()),
            ("team", team.to_owned().into()),
            (
                "role",
                tr.t(&format!("workspace-role-{}", role.as_str())).into(),
            ),
        ],
    )
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
    announce(state, workspace).await
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

/// Joins the team behind an invitation link; `None` when the link is not a team's.
pub async fn accept(
    state: &AppState,
    user: &User,
    secret: &str,
) -> Result<Option<WorkspaceId>, AppError> {
    let joined = state
        .store
        .accept_member_invitation(&hash_secret(secret), user.id)
        .await?;
    if let Some(workspace) = joined {
        announce(state, workspace).await?;
    }
    Ok(joined)
}
