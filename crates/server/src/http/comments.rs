//! Comments over JSON, on the same use cases as the comments page (`crate::comments`): read a
//! session's threads, write, reply, edit and delete one's own, resolve and reopen.

use super::views::ErrorBody;
use crate::auth::SignedIn;
use crate::comments;
use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use domain::{BlockId, CommentId, SessionId};
use serde::{Deserialize, Serialize};
use store::CommentRow;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, add))
        .routes(routes!(edit, delete))
        .routes(routes!(resolve))
}

/// A comment. The first comment of a thread has no `parent`; replies name it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CommentView {
    pub id: uuid::Uuid,
    /// The block it is about; null for the session as a whole.
    pub block: Option<uuid::Uuid>,
    pub parent: Option<uuid::Uuid>,
    /// Null once the author's account is gone.
    pub author_id: Option<uuid::Uuid>,
    pub author: String,
    /// Markdown.
    pub body: String,
    /// Ms since the Unix epoch.
    pub created_at: i64,
    pub edited_at: Option<i64>,
    /// For a thread: when it was resolved; null while open.
    pub resolved_at: Option<i64>,
}

impl From<CommentRow> for CommentView {
    fn from(c: CommentRow) -> Self {
        Self {
            id: c.id.0,
            block: c.block_id.map(|b| b.0),
            parent: c.parent_id.map(|p| p.0),
            author_id: c.author_id.map(|a| a.0),
            author: c.author,
            body: c.body,
            created_at: c.created_at,
            edited_at: c.edited_at,
            resolved_at: c.resolved_at,
        }
    }
}

/// The comments of a session, oldest first (anyone who may see it).
#[utoipa::path(get, path = "/api/v1/sessions/{id}/comments", tag = "comments", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = Vec<CommentView>), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
) -> Result<Json<Vec<CommentView>>, AppError> {
    let (_, _, rows) = comments::list(&state, &signed.user, id).await?;
    Ok(Json(rows.into_iter().map(CommentView::from).collect()))
}

/// A comment to write.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewComment {
    /// The block it is about; absent for the session as a whole.
    #[serde(default)]
    pub block: Option<uuid::Uuid>,
    /// The thread it replies to (it then takes the thread's block).
    #[serde(default)]
    pub parent: Option<uuid::Uuid>,
    /// Markdown, 1 to 5000 characters. `@Full Name` or `@email` tells a collaborator.
    pub body: String,
}

/// Write a comment or a reply (owners, editors, commenters and team members). Collaborators
/// it mentions are told in the app and by email.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/comments", tag = "comments", params(("id" = uuid::Uuid, Path)), request_body = NewComment, security(("token" = []), ("cookie" = [])),
    responses((status = 201, body = CommentView), (status = 404, description = "`not_found`: no such session, block or thread, or you may only read it", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `body` (`required`, `too_long`, `control_characters`)", body = ErrorBody)))]
async fn add(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
    Json(input): Json<NewComment>,
) -> Result<(StatusCode, Json<CommentView>), AppError> {
    let row = comments::add(
        &state,
        &signed.user,
        id,
        input.block.map(BlockId),
        input.parent.map(CommentId),
        &input.body,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

/// A comment's new text.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CommentText {
    /// Markdown, 1 to 5000 characters.
    pub body: String,
}

/// Change the text of your own comment.
#[utoipa::path(put, path = "/api/v1/sessions/{id}/comments/{comment}", tag = "comments", params(("id" = uuid::Uuid, Path), ("comment" = uuid::Uuid, Path)), request_body = CommentText, security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "changed"), (status = 404, description = "`not_found`, also for another's comment", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `body`", body = ErrorBody)))]
async fn edit(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, comment)): Path<(SessionId, CommentId)>,
    Json(input): Json<CommentText>,
) -> Result<StatusCode, AppError> {
    comments::edit(&state, &signed.user, id, comment, &input.body).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Delete your own comment (a thread goes with its replies).
#[utoipa::path(delete, path = "/api/v1/sessions/{id}/comments/{comment}", tag = "comments", params(("id" = uuid::Uuid, Path), ("comment" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "deleted"), (status = 404, description = "`not_found`, also for another's comment", body = ErrorBody)))]
async fn delete(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, comment)): Path<(SessionId, CommentId)>,
) -> Result<StatusCode, AppError> {
    comments::delete(&state, &signed.user, id, comment).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Whether a thread is resolved.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Resolution {
    pub resolved: bool,
}

/// Resolve a thread, or reopen it.
#[utoipa::path(put, path = "/api/v1/sessions/{id}/comments/{comment}/resolved", tag = "comments", params(("id" = uuid::Uuid, Path), ("comment" = uuid::Uuid, Path)), request_body = Resolution, security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "done"), (status = 404, description = "`not_found`: no such thread", body = ErrorBody)))]
async fn resolve(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, comment)): Path<(SessionId, CommentId)>,
    Json(input): Json<Resolution>,
) -> Result<StatusCode, AppError> {
    comments::resolve(&state, &signed.user, id, comment, input.resolved).await?;
    Ok(StatusCode::NO_CONTENT)
}
