//! Sharing over JSON, on the same use cases as the share page (`crate::sharing`): who has
//! which role, invitations by email, roles changed and taken away, the session handed over,
//! leaving, and public links. The shapes of people and invitations are the team's too
//! (`super::workspaces`).

use super::views::ErrorBody;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::sharing;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use domain::permission::Seat;
use domain::{InvitationId, LinkId, SessionId, UserId};
use serde::{Deserialize, Serialize};
use store::{Holder, Invitation};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(people))
        .routes(routes!(set_role, remove))
        .routes(routes!(invite))
        .routes(routes!(withdraw))
        .routes(routes!(transfer))
        .routes(routes!(leave))
        .routes(routes!(create_link))
        .routes(routes!(revoke_link))
}

/// Someone with a role: on a session (`owner`, `editor`, `commenter`, `viewer`) or in a team
/// (`admin`, `member`).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PersonView {
    pub user_id: uuid::Uuid,
    pub name: String,
    pub email: String,
    pub role: String,
    /// Since when (ms since the Unix epoch).
    pub since: i64,
}

impl<R: Seat> From<&Holder<R>> for PersonView {
    fn from(h: &Holder<R>) -> Self {
        Self {
            user_id: h.user_id.0,
            name: h.name(),
            email: h.email.clone(),
            role: h.role.as_str().to_owned(),
            since: h.created_at,
        }
    }
}

/// An invitation by email waiting for an answer.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct InvitationView {
    pub id: uuid::Uuid,
    pub email: String,
    /// The role it gives when accepted.
    pub role: String,
    /// Ms since the Unix epoch.
    pub created_at: i64,
    pub expires_at: i64,
}

impl<R: Seat> From<&Invitation<R>> for InvitationView {
    fn from(i: &Invitation<R>) -> Self {
        Self {
            id: i.id.into(),
            email: i.email.clone(),
            role: i.role.as_str().to_owned(),
            created_at: i.created_at,
            expires_at: i.expires_at,
        }
    }
}

/// A live public link to the participant view. Its address was shown once, when it was made.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LinkView {
    pub id: uuid::Uuid,
    /// Ms since the Unix epoch.
    pub created_at: i64,
    /// None: until revoked.
    pub expires_at: Option<i64>,
}

/// Who has a role on a session; invitations and links only for those who may share it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionPeople {
    /// Your access: `owner`, `editor`, `commenter`, `viewer` or `workspace_member`.
    pub access: String,
    pub people: Vec<PersonView>,
    pub invitations: Vec<InvitationView>,
    pub links: Vec<LinkView>,
}

/// People, invitations and links of a session (anyone who may see it; invitations and links
/// for the owner).
#[utoipa::path(get, path = "/api/v1/sessions/{id}/people", tag = "sharing", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = SessionPeople), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn people(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
) -> Result<Json<SessionPeople>, AppError> {
    let o = sharing::overview(&state, &signed.user, id).await?;
    Ok(Json(SessionPeople {
        access: o.access.as_str().to_owned(),
        people: o.people.iter().map(PersonView::from).collect(),
        invitations: o.invitations.iter().map(InvitationView::from).collect(),
        links: o
            .links
            .iter()
            .map(|l| LinkView {
                id: l.id.0,
                created_at: l.created_at,
                expires_at: l.expires_at,
            })
            .collect(),
    }))
}

/// An invitation to send: the address and the role it gives.
#[derive(Debug, Deserialize, ToSchema)]
pub struct InviteInput {
    pub email: String,
    /// `editor`, `commenter` or `viewer` on a session; `admin` or `member` in a team.
    pub role: String,
}

/// Where an invitation went. The answer is the same whether the address has an account.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Invited {
    pub email: String,
}

/// Invite someone by email with a role (the owner). They accept or decline by the emailed
/// link or, with a confirmed account, from their notifications.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/invitations", tag = "sharing", params(("id" = uuid::Uuid, Path)), request_body = InviteInput, security(("token" = []), ("cookie" = [])),
    responses((status = 402, description = "`plan_limit`: past a limit of the workspace's plan", body = ErrorBody), (status = 202, body = Invited), (status = 404, description = "`not_found`, also for those who may not share it", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `email` (`invalid_email`, `cannot_invite`) or `role` (`unknown_role`)", body = ErrorBody),
        (status = 429, description = "`throttled`: too many invitations from you or to this session in an hour", body = ErrorBody)))]
async fn invite(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
    Json(input): Json<InviteInput>,
) -> Result<(StatusCode, Json<Invited>), AppError> {
    let role = sharing::parse_role(&input.role)?;
    let email = sharing::invite(&state, &signed.user, id, &input.email, role).await?;
    Ok((StatusCode::ACCEPTED, Json(Invited { email })))
}

/// Withdraw an invitation not answered yet (the owner); its link stops working.
#[utoipa::path(delete, path = "/api/v1/sessions/{id}/invitations/{invitation}", tag = "sharing", params(("id" = uuid::Uuid, Path), ("invitation" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "withdrawn"), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn withdraw(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, invitation)): Path<(SessionId, InvitationId)>,
) -> Result<StatusCode, AppError> {
    sharing::withdraw(&state, &signed.user, id, invitation).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A role to give.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RoleInput {
    /// `editor`, `commenter` or `viewer` on a session; `admin` or `member` in a team.
    pub role: String,
}

/// Give someone who has a role another one (the owner). The owner's own role changes only by
/// handing the session over.
#[utoipa::path(put, path = "/api/v1/sessions/{id}/people/{user}", tag = "sharing", params(("id" = uuid::Uuid, Path), ("user" = uuid::Uuid, Path)), request_body = RoleInput, security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "changed; their live connections are checked again at once"), (status = 404, description = "`not_found`: no such session or person with a role", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `role` (`unknown_role`, also for the owner's)", body = ErrorBody)))]
async fn set_role(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, user)): Path<(SessionId, UserId)>,
    Json(input): Json<RoleInput>,
) -> Result<StatusCode, AppError> {
    let role = sharing::parse_role(&input.role)?;
    sharing::set_role(&state, &signed.user, id, user, role).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Take someone's role away (the owner); their live connections close at once.
#[utoipa::path(delete, path = "/api/v1/sessions/{id}/people/{user}", tag = "sharing", params(("id" = uuid::Uuid, Path), ("user" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "removed"), (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`owner_role`: the owner is not removed, only replaced", body = ErrorBody)))]
async fn remove(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, user)): Path<(SessionId, UserId)>,
) -> Result<StatusCode, AppError> {
    sharing::remove(&state, &signed.user, id, user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Who to hand a session over to.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TransferInput {
    /// Someone who already has a role on the session.
    pub user_id: uuid::Uuid,
}

/// Hand the session over to someone with a role (the owner); the owner stays on as an editor.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/owner", tag = "sharing", params(("id" = uuid::Uuid, Path)), request_body = TransferInput, security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "handed over"), (status = 404, description = "`not_found`: no such session of yours, or the person has no role on it", body = ErrorBody)))]
async fn transfer(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
    Json(input): Json<TransferInput>,
) -> Result<StatusCode, AppError> {
    sharing::transfer(&state, &signed.user, id, UserId(input.user_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Give up your own role on a session shared with you (not the owner).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/leave", tag = "sharing", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "left"), (status = 404, description = "`not_found`, also for the owner and for members of its team without a role", body = ErrorBody)))]
async fn leave(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
) -> Result<StatusCode, AppError> {
    sharing::leave(&state, &signed.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// How long a new public link lives.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct LinkInput {
    /// 1, 7 or 30 days; absent or null: until revoked.
    #[serde(default)]
    pub expires_days: Option<i64>,
}

/// A new public link: its address is shown this once.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NewLink {
    pub url: String,
}

/// Make a public link to the session's participant view (the owner): no facilitator notes,
/// no sign-in needed.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/links", tag = "sharing", params(("id" = uuid::Uuid, Path)), request_body = LinkInput, security(("token" = []), ("cookie" = [])),
    responses((status = 201, body = NewLink), (status = 402, description = "`plan_feature`: the workspace's plan has no public links", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `expires` (`required`: not 1, 7 or 30)", body = ErrorBody)))]
async fn create_link(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
    Json(input): Json<LinkInput>,
) -> Result<(StatusCode, Json<NewLink>), AppError> {
    let path = sharing::create_link(&state, &signed.user, id, input.expires_days).await?;
    Ok((
        StatusCode::CREATED,
        Json(NewLink {
            url: state.settings.link(&path),
        }),
    ))
}

/// Revoke a public link (the owner); from now on it leads nowhere.
#[utoipa::path(delete, path = "/api/v1/sessions/{id}/links/{link}", tag = "sharing", params(("id" = uuid::Uuid, Path), ("link" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "revoked"), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn revoke_link(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, link)): Path<(SessionId, LinkId)>,
) -> Result<StatusCode, AppError> {
    sharing::revoke_link(&state, &signed.user, id, link).await?;
    Ok(StatusCode::NO_CONTENT)
}
