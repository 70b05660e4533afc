//! Sharing use cases for every door: invite by email with a role (an invitation to accept,
//! `crate::invitations`), change a role, remove someone, hand the session over, leave. Every
//! change is announced on the bus so live connections are checked again at once.

use crate::auth::{hash_secret, new_secret};
use crate::error::AppError;
use crate::invitations;
use crate::sessions;
use crate::state::AppState;
use domain::activity::ActivityKind;
use domain::permission::{self, Access, Action, Role};
use domain::{FieldError, InvitationId, SessionId, UserId};
use store::{InvitationRow, LinkRow, ShareRow, Signal, User};

/// Who has a role on a session, as one who may see it reads it; the invitations waiting for
/// an answer and the live public links only for those who may share it.
pub struct Overview {
    pub session: domain::Session,
    pub access: Access,
    pub people: Vec<ShareRow>,
    pub invitations: Vec<InvitationRow>,
    pub links: Vec<LinkRow>,
}

/// The session's people, invitations and links, as `user` may see them.
pub async fn overview(
    state: &AppState,
    user: &User,
    session: SessionId,
) -> Result<Overview, AppError> {
    let (row, access) = sessions::require(state, user, session, Action::View).await?;
    let shares = permission::allows(access, Action::Share);
    Ok(Overview {
        people: state.store.shares(session).await?,
        invitations: if shares {
            state.store.invitations(session).await?
        } else {
            Vec::new()
        },
        links: if shares {
            state.store.links(session).await?
        } else {
            Vec::new()
        },
        session: row,
        access,
    })
}

/// Withdraws an invitation to the session that was not answered yet; its link stops working.
pub async fn withdraw(
    state: &AppState,
    by: &User,
    session: SessionId,
    invitation: InvitationId,
) -> Result<(), AppError> {
    sessions::require(state, by, session, Action::Share).await?;
    Ok(state.store.revoke_invitation(session, invitation).await?)
}

/// The role a form or request names; the owner is never given, only handed over.
pub fn parse_role(s: &str) -> Result<Role, AppError> {
    match Role::parse(s) {
        Some(r) if r != Role::Owner => Ok(r),
        _ => Err(AppError::Validation(vec![(
            "role",
            FieldError::UnknownRole,
        )])),
    }
}

/// Invites `email` to the session with `role`: an invitation they accept or decline (see
/// `crate::invitations`). Answers with the address, whether it has an account or not.
pub async fn invite(
    state: &AppState,
    by: &User,
    session: SessionId,
    email: &str,
    role: Role,
) -> Result<String, AppError> {
    let (row, _) = sessions::require(state, by, session, Action::Share).await?;
    if role == Role::Owner {
        return Err(AppError::Validation(vec![(
            "role",
            FieldError::UnknownRole,
        )]));
    }
    let to = invitations::To::Session(session, role);
    invitations::send(state, by, email, &row.title, to).await
}

/// Gives someone who already has a role another one (not the owner's).
pub async fn set_role(
    state: &AppState,
    by: &User,
    session: SessionId,
    user: UserId,
    role: Role,
) -> Result<(), AppError> {
    sessions::require(state, by, session, Action::Share).await?;
    match state.store.access(session, user).await?.0 {
        None => return Err(AppError::NotFound),
        Some(Role::Owner) => {
            return Err(AppError::Validation(vec![(
                "role",
                FieldError::UnknownRole,
            )]));
        }
        Some(_) => {}
    }
    let mut tx = state.store.begin().await?;
    tx.conn().set_share(session, user, role).await?;
    tx.conn()
        .record_about(session, by.id, ActivityKind::RoleChanged, user)
        .await?;
    tx.commit().await?;
    state.store.announce(Signal::Access { session }).await;
    Ok(())
}

/// Takes someone's role away; their live connections close at once.
pub async fn remove(
    state: &AppState,
    by: &User,
    session: SessionId,
    user: UserId,
) -> Result<(), AppError> {
    sessions::require(state, by, session, Action::Share).await?;
    let mut tx = state.store.begin().await?;
    tx.conn().remove_share(session, user).await?;
    tx.conn()
        .record_about(session, by.id, ActivityKind::Unshared, user)
        .await?;
    tx.commit().await?;
    state.store.announce(Signal::Access { session }).await;
    Ok(())
}

/// Hands the session to a collaborator; the owner stays on as an editor.
pub async fn transfer(
    state: &AppState,
    by: &User,
    session: SessionId,
    to: UserId,
) -> Result<(), AppError> {
    sessions::require(state, by, session, Action::Own).await?;
    let mut tx = state.store.begin().await?;
    tx.conn().transfer_ownership(session, to).await?;
    tx.conn()
        .record_about(session, by.id, ActivityKind::OwnerChanged, to)
        .await?;
    tx.commit().await?;
    state.store.announce(Signal::Access { session }).await;
    Ok(())
}

/// Gives up one's own role.
pub async fn leave(state: &AppState, user: &User, session: SessionId) -> Result<(), AppError> {
    sessions::require(state, user, session, Action::Leave).await?;
    let mut tx = state.store.begin().await?;
    tx.conn().remove_share(session, user.id).await?;
    tx.conn()
        .record(session, Some(user.id), ActivityKind::Left, None, "")
        .await?;
    tx.commit().await?;
    state.store.announce(Signal::Access { session }).await;
    Ok(())
}

/// How long a new public link may live, as offered on the share page.
pub const LINK_DAYS: [i64; 3] = [1, 7, 30];

/// Makes a public link to the session's participant view; the path with its secret is shown
/// once, to the person who made it. `days` is how long it lives (none: until revoked).
pub async fn create_link(
    state: &AppState,
    by: &User,
    session: SessionId,
    days: Option<i64>,
) -> Result<String, AppError> {
    let (found, _) = sessions::require(state, by, session, Action::Share).await?;
    crate::moderation::allowed(state, by, domain::moderation::Restriction::PublicLinks).await?;
    // Public links are a plan's feature; the links a session has keep working.
    state
        .store
        .check_feature(found.workspace_id, domain::plan::Feature::PublicLinks)
        .await?;
    if days.is_some_and(|d| !LINK_DAYS.contains(&d)) {
        return Err(AppError::Validation(vec![(
            "expires",
            FieldError::Required,
        )]));
    }
    let (secret, hash) = new_secret();
    let expires = days.map(|d| store::now_ms() + d * 86_400_000);
    let mut tx = state.store.begin().await?;
    tx.conn()
        .create_link(session, by.id, &hash, expires)
        .await?;
    tx.conn()
        .record(session, Some(by.id), ActivityKind::LinkCreated, None, "")
        .await?;
    tx.commit().await?;
    Ok(format!("/p/{secret}"))
}

/// Revokes a public link; from now on it is a 404.
pub async fn revoke_link(
    state: &AppState,
    by: &User,
    session: SessionId,
    link: domain::LinkId,
) -> Result<(), AppError> {
    sessions::require(state, by, session, Action::Share).await?;
    let mut tx = state.store.begin().await?;
    tx.conn().revoke_link(session, link).await?;
    tx.conn()
        .record(session, Some(by.id), ActivityKind::LinkRevoked, None, "")
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The session behind a public link, or not found when it is revoked, expired or unknown.
pub async fn by_link(state: &AppState, secret: &str) -> Result<domain::Session, AppError> {
    let id = state.store.session_by_link(&hash_secret(secret)).await?;
    Ok(state.store.session(id).await?)
}
