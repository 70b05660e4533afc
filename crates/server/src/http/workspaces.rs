//! Workspaces over JSON, on the same use cases as their pages (`crate::workspaces`,
//! `crate::categories`): your workspaces and which one you work in, making and renaming a
//! team, its members and invitations, and the categories of the workspace you work in. People
//! and invitations have the shapes sessions use (`super::sharing`).

use super::sharing::{InvitationView, InviteInput, Invited, PersonView, RoleInput};
use super::views::ErrorBody;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::state::AppState;
use crate::{categories, workspaces};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use domain::{CategoryId, UserId, WorkspaceId, WorkspaceInvitationId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(workspace_list, create))
        .routes(routes!(rename))
        .routes(routes!(switch))
        .routes(routes!(members))
        .routes(routes!(set_role, remove))
        .routes(routes!(invite))
        .routes(routes!(withdraw))
        .routes(routes!(category_list, add_category))
        .routes(routes!(remove_category))
}

/// A workspace you belong to.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct WorkspaceSummary {
    pub id: uuid::Uuid,
    pub name: String,
    /// `personal` or `team`.
    pub kind: String,
    /// Your role: `admin` or `member`.
    pub role: String,
    pub members: i64,
    /// The workspace you work in: sessions and methods you create go there.
    pub current: bool,
}

/// Your workspaces: your personal one first, then your teams by name.
#[utoipa::path(get, path = "/api/v1/workspaces", tag = "workspaces", security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = Vec<WorkspaceSummary>)))]
async fn workspace_list(
    State(state): State<AppState>,
    signed: SignedIn,
) -> Result<Json<Vec<WorkspaceSummary>>, AppError> {
    let current = state.store.current_workspace(signed.user.id).await?.id;
    let rows = state.store.workspaces_of(signed.user.id).await?;
    Ok(Json(
        rows.into_iter()
            .map(|w| WorkspaceSummary {
                id: w.id.0,
                role: w.role().as_str().to_owned(),
                current: w.id == current,
                name: w.name,
                kind: w.kind,
                members: w.members,
            })
            .collect(),
    ))
}

/// Work in another of your workspaces (the dashboard and `GET /api/v1/sessions` follow).
#[utoipa::path(post, path = "/api/v1/workspaces/{id}/switch", tag = "workspaces", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "switched"), (status = 404, description = "`not_found`: not one of yours", body = ErrorBody)))]
async fn switch(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<WorkspaceId>,
) -> Result<StatusCode, AppError> {
    workspaces::switch(&state, &signed.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A team's name.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TeamName {
    /// One line, at most 80 characters.
    pub name: String,
}

/// A new workspace.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Created {
    pub id: uuid::Uuid,
}

/// Make a team with you as its admin; you work in it from now on.
#[utoipa::path(post, path = "/api/v1/workspaces", tag = "workspaces", request_body = TeamName, security(("token" = []), ("cookie" = [])),
    responses((status = 201, body = Created), (status = 422, description = "`validation_failed`: `name` (`required`, `too_long`, `control_characters`)", body = ErrorBody)))]
async fn create(
    State(state): State<AppState>,
    signed: SignedIn,
    Json(input): Json<TeamName>,
) -> Result<(StatusCode, Json<Created>), AppError> {
    let id = workspaces::create(&state, &signed.user, &input.name).await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.0 })))
}

/// Rename a team (its admins).
#[utoipa::path(put, path = "/api/v1/workspaces/{id}", tag = "workspaces", params(("id" = uuid::Uuid, Path)), request_body = TeamName, security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "renamed"), (status = 404, description = "`not_found`: not a team you manage", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `name`", body = ErrorBody)))]
async fn rename(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<WorkspaceId>,
    Json(input): Json<TeamName>,
) -> Result<StatusCode, AppError> {
    workspaces::rename(&state, &signed.user, id, &input.name).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The members of a workspace; invitations for its admins.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Members {
    pub members: Vec<PersonView>,
    pub invitations: Vec<InvitationView>,
}

/// The members of one of your workspaces and, for its admins, the invitations waiting.
#[utoipa::path(get, path = "/api/v1/workspaces/{id}/members", tag = "workspaces", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = Members), (status = 404, description = "`not_found`: not one of yours", body = ErrorBody)))]
async fn members(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<WorkspaceId>,
) -> Result<Json<Members>, AppError> {
    let (_, members, invitations) = workspaces::members(&state, &signed.user, id).await?;
    Ok(Json(Members {
        members: members.iter().map(PersonView::from).collect(),
        invitations: invitations.iter().map(InvitationView::from).collect(),
    }))
}

/// Invite someone to a team by email (its admins). They accept or decline by the emailed link
/// or, with a confirmed account, from their notifications.
#[utoipa::path(post, path = "/api/v1/workspaces/{id}/invitations", tag = "workspaces", params(("id" = uuid::Uuid, Path)), request_body = InviteInput, security(("token" = []), ("cookie" = [])),
    responses((status = 402, description = "`plan_limit`: past a limit of the workspace's plan", body = ErrorBody), (status = 202, body = Invited), (status = 404, description = "`not_found`: not a team you manage", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `email` or `role`", body = ErrorBody),
        (status = 429, description = "`throttled`: too many invitations from you or to this team in an hour", body = ErrorBody)))]
async fn invite(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<WorkspaceId>,
    Json(input): Json<InviteInput>,
) -> Result<(StatusCode, Json<Invited>), AppError> {
    let role = workspaces::parse_role(&input.role)?;
    let email = workspaces::invite(&state, &signed.user, id, &input.email, role).await?;
    Ok((StatusCode::ACCEPTED, Json(Invited { email })))
}

/// Withdraw an invitation to a team not answered yet (its admins).
#[utoipa::path(delete, path = "/api/v1/workspaces/{id}/invitations/{invitation}", tag = "workspaces", params(("id" = uuid::Uuid, Path), ("invitation" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "withdrawn"), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn withdraw(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, invitation)): Path<(WorkspaceId, WorkspaceInvitationId)>,
) -> Result<StatusCode, AppError> {
    workspaces::revoke_invitation(&state, &signed.user, id, invitation).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Give a member another role (its admins); a team always keeps an admin.
#[utoipa::path(put, path = "/api/v1/workspaces/{id}/members/{user}", tag = "workspaces", params(("id" = uuid::Uuid, Path), ("user" = uuid::Uuid, Path)), request_body = RoleInput, security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "changed"), (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`last_admin`: the team would have no admin", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `role` (`unknown_role`)", body = ErrorBody)))]
async fn set_role(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, user)): Path<(WorkspaceId, UserId)>,
    Json(input): Json<RoleInput>,
) -> Result<StatusCode, AppError> {
    let role = workspaces::parse_role(&input.role)?;
    workspaces::set_role(&state, &signed.user, id, user, role).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Take a member out of a team (its admins), or leave it yourself; they lose the team's
/// sessions at once, except those shared with them by role.
#[utoipa::path(delete, path = "/api/v1/workspaces/{id}/members/{user}", tag = "workspaces", params(("id" = uuid::Uuid, Path), ("user" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "removed"), (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`last_admin`: the team would have no admin; `personal_workspace`: a personal workspace keeps its one member", body = ErrorBody)))]
async fn remove(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, user)): Path<(WorkspaceId, UserId)>,
) -> Result<StatusCode, AppError> {
    workspaces::remove(&state, &signed.user, id, user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A category a block can take.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CategoryView {
    /// Null for a category of the default palette.
    pub id: Option<uuid::Uuid>,
    /// What a block's `category` holds: a default category's key, or the name.
    pub value: String,
    /// In your language.
    pub label: String,
    /// `#rrggbb`.
    pub colour: String,
}

/// The default palette, then the categories of the workspace you work in, by name.
#[utoipa::path(get, path = "/api/v1/categories", tag = "workspaces", security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = Vec<CategoryView>)))]
async fn category_list(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: crate::auth::Viewer,
) -> Result<Json<Vec<CategoryView>>, AppError> {
    let own = categories::list(&state, &signed.user).await?;
    let defaults = crate::sessions::palette(&viewer.tr, &[]);
    Ok(Json(
        defaults
            .into_iter()
            .map(|c| CategoryView {
                id: None,
                value: c.value,
                label: c.label,
                colour: c.colour,
            })
            .chain(own.into_iter().map(|c| CategoryView {
                id: Some(c.id.0),
                value: c.name.clone(),
                label: c.name,
                colour: c.colour,
            }))
            .collect(),
    ))
}

/// A category to add.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewCategory {
    /// One line, at most 60 characters; unique in the workspace.
    pub name: String,
    /// `#rrggbb`.
    pub colour: String,
}

/// Add a category to the workspace you work in.
#[utoipa::path(post, path = "/api/v1/categories", tag = "workspaces", request_body = NewCategory, security(("token" = []), ("cookie" = [])),
    responses((status = 201, body = Created), (status = 409, description = "`category_taken`: the workspace has a category of that name", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `name` (`required`, `too_long`, `control_characters`), `colour` (`invalid_colour`)", body = ErrorBody)))]
async fn add_category(
    State(state): State<AppState>,
    signed: SignedIn,
    Json(input): Json<NewCategory>,
) -> Result<(StatusCode, Json<Created>), AppError> {
    let id = categories::add(&state, &signed.user, &input.name, &input.colour).await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.0 })))
}

/// Remove a category of the workspace you work in; blocks keep its name.
#[utoipa::path(delete, path = "/api/v1/categories/{id}", tag = "workspaces", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "removed"), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn remove_category(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<CategoryId>,
) -> Result<StatusCode, AppError> {
    categories::remove(&state, &signed.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
