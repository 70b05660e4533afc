//! Versions over JSON: a session's versions (list, save a named one, restore one).

use super::views::ErrorBody;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::state::AppState;
use crate::versions;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use domain::{SessionId, SnapshotId};
use serde::{Deserialize, Serialize};
use store::SnapshotRow;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, save))
        .routes(routes!(restore))
}

/// A saved version of a session, without its content.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct VersionSummary {
    pub id: uuid::Uuid,
    /// The session's version it was saved at.
    pub version: i64,
    /// `auto` (after a pause in editing), `daily`, `named` or `restore` (saved just before a
    /// restore, to undo it).
    pub kind: String,
    /// The name given; for `restore`, the name of the version restored then. Empty otherwise.
    pub name: String,
    pub blocks: i32,
    /// Who saved it; empty for automatic versions.
    pub author: String,
    /// Milliseconds since the Unix epoch.
    pub created_at: i64,
}

impl From<SnapshotRow> for VersionSummary {
    fn from(r: SnapshotRow) -> Self {
        Self {
            id: r.id.0,
            version: r.version,
            kind: r.kind,
            name: r.name,
            blocks: r.blocks,
            author: r.author,
            created_at: r.created_at,
        }
    }
}

/// The versions of a session, newest first (at most 200).
#[utoipa::path(get, path = "/api/v1/sessions/{id}/versions", tag = "sessions", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = Vec<VersionSummary>), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
) -> Result<Json<Vec<VersionSummary>>, AppError> {
    let rows = versions::list(&state, &signed.user, id).await?;
    Ok(Json(rows.into_iter().map(VersionSummary::from).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SaveVersion {
    /// Required; one line, at most 120 characters.
    pub name: String,
}

/// Save the session as it stands as a named version (editors and the owner).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/versions", tag = "sessions", params(("id" = uuid::Uuid, Path)), request_body = SaveVersion, security(("token" = []), ("cookie" = [])),
    responses((status = 201, body = VersionSummary), (status = 404, description = "`not_found`, also for readers who may not change it", body = ErrorBody), (status = 422, description = "`validation_failed`", body = ErrorBody)))]
async fn save(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
    Json(input): Json<SaveVersion>,
) -> Result<(StatusCode, Json<VersionSummary>), AppError> {
    let row = versions::save(&state, &signed.user, id, &input.name).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RestoreResult {
    /// Ops applied to bring the session back to the version.
    pub applied: usize,
    /// Ops the session no longer allows (such as a picture since deleted), skipped.
    pub refused: usize,
    /// The version saved just before the restore: restore it to undo.
    pub before: uuid::Uuid,
}

/// Bring a session back to one of its versions, as ordinary ops: logged, sent to live
/// editors, and undone by restoring `before`.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/versions/{version}/restore", tag = "sessions", params(("id" = uuid::Uuid, Path), ("version" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = RestoreResult), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn restore(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, version)): Path<(SessionId, SnapshotId)>,
) -> Result<Json<RestoreResult>, AppError> {
    let done = versions::restore(&state, &signed.user, id, version).await?;
    Ok(Json(RestoreResult {
        applied: done.applied,
        refused: done.refused,
        before: done.before.0,
    }))
}
