//! Your notifications and the invitations waiting for your answer, over JSON, on the same use
//! cases as the notifications page (`crate::notify`, `crate::invitations`).

use super::views::ErrorBody;
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::invitations::{self, Answered};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use store::Answering;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(inbox))
        .routes(routes!(read_all))
        .routes(routes!(accept))
        .routes(routes!(decline))
}

/// How many notifications the inbox lists, newest first.
const LIMIT: i64 = 100;

/// An invitation to your confirmed address, waiting for your answer.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct IncomingView {
    /// `session` or `team`: what it is to.
    pub kind: String,
    pub id: Uuid,
    /// The session or team it leads to.
    pub to: Uuid,
    /// The session's title or the team's name.
    pub label: String,
    /// The role it gives.
    pub role: String,
    /// Who invited; empty once their account is gone.
    pub inviter: String,
    /// Ms since the Unix epoch.
    pub created_at: i64,
    pub expires_at: i64,
}

/// A notification.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NotificationView {
    pub id: Uuid,
    /// What happened, such as `mentioned`, `session_invited` or `publication_approved`.
    pub kind: String,
    /// The sentence, in your language.
    pub text: String,
    /// Where to read more: a path in the app.
    pub link: String,
    /// Ms since the Unix epoch.
    pub created_at: i64,
    pub read_at: Option<i64>,
}

/// Your inbox.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Inbox {
    pub invitations: Vec<IncomingView>,
    /// Newest first, at most 100.
    pub notifications: Vec<NotificationView>,
}

/// Your notifications and the invitations waiting for your answer.
#[utoipa::path(get, path = "/api/v1/me/notifications", tag = "me", security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = Inbox)))]
async fn inbox(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
) -> Result<Json<Inbox>, AppError> {
    let invitations = invitations::incoming(&state, &signed.user)
        .await?
        .into_iter()
        .map(|i| IncomingView {
            kind: i.kind,
            id: i.id,
            to: i.scope,
            label: i.label,
            role: i.role,
            inviter: i.inviter,
            created_at: i.created_at,
            expires_at: i.expires_at,
        })
        .collect();
    let notifications = crate::notify::inbox(&state, &signed.user, LIMIT)
        .await?
        .into_iter()
        .map(|n| NotificationView {
            text: crate::notify::text(&viewer.tr, &n),
            id: n.id.0,
            kind: n.kind,
            link: n.link,
            created_at: n.created_at,
            read_at: n.read_at,
        })
        .collect();
    Ok(Json(Inbox {
        invitations,
        notifications,
    }))
}

/// Mark all your notifications read.
#[utoipa::path(post, path = "/api/v1/me/notifications/read", tag = "me", security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "read")))]
async fn read_all(State(state): State<AppState>, signed: SignedIn) -> Result<StatusCode, AppError> {
    crate::notify::read_all(&state, &signed.user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What accepting an invitation gave you.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AcceptedView {
    /// `session` (a role on it) or `team` (membership).
    pub kind: String,
    pub id: Uuid,
}

/// Accept an invitation to your confirmed address.
#[utoipa::path(post, path = "/api/v1/me/invitations/{kind}/{id}/accept", tag = "me", params(("kind" = String, Path, description = "`session` or `team`"), ("id" = Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 402, description = "`plan_limit`: past a limit of the workspace's plan", body = ErrorBody), (status = 200, body = AcceptedView), (status = 404, description = "`not_found`: not yours, answered, withdrawn or expired", body = ErrorBody)))]
async fn accept(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((kind, id)): Path<(String, Uuid)>,
) -> Result<Json<AcceptedView>, AppError> {
    let answering = Answering::Addressed {
        id,
        user: signed.user.id,
    };
    let team = invitations::is_team(&kind)?;
    Ok(Json(
        match invitations::accept(&state, &signed.user, answering, team).await? {
            Answered::Session(s) => AcceptedView {
                kind: "session".into(),
                id: s.0,
            },
            Answered::Team(w) => AcceptedView {
                kind: "team".into(),
                id: w.0,
            },
        },
    ))
}

/// Decline an invitation to your confirmed address; it gives nobody a role.
#[utoipa::path(post, path = "/api/v1/me/invitations/{kind}/{id}/decline", tag = "me", params(("kind" = String, Path, description = "`session` or `team`"), ("id" = Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "declined"), (status = 404, description = "`not_found`: not yours, answered, withdrawn or expired", body = ErrorBody)))]
async fn decline(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((kind, id)): Path<(String, Uuid)>,
) -> Result<StatusCode, AppError> {
    invitations::decline(&state, &signed.user, invitations::is_team(&kind)?, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
