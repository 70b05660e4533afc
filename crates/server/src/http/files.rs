//! Files over JSON: the files of a session or a method, and deleting one. Uploads go through
//! the files pages (multipart, several at once).

use super::views::ErrorBody;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::files;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use domain::{FileId, MethodId, SessionId};
use serde::{Deserialize, Serialize};
use store::{FileParent, FileRow};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(session_files))
        .routes(routes!(method_files))
        .routes(routes!(delete))
}

/// An uploaded file.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FileInfo {
    pub id: uuid::Uuid,
    /// As stored: cleaned, and for re-encoded pictures ending as their new kind.
    pub name: String,
    /// `png`, `jpg`, `webp`, `gif`, `pdf`, `docx`, `xlsx`, `pptx`, `odt`, `ods`, `odp`, `txt`,
    /// `csv` or `md`.
    pub kind: String,
    /// In bytes.
    pub size: i64,
    /// `pending` (waiting for its scan), `clean`, `infected` (never served) or `unscanned`
    /// (no scanner is configured).
    pub status: String,
    /// The block of the session it belongs to, if any.
    pub block: Option<uuid::Uuid>,
    /// Where to download it (with the same sign-in), once it may be served; empty before.
    pub download: String,
    /// Milliseconds since the Unix epoch.
    pub created_at: i64,
}

impl From<FileRow> for FileInfo {
    fn from(r: FileRow) -> Self {
        let download = if r.servable() {
            format!(
                "/files/{}/{}",
                r.id,
                percent_encoding::utf8_percent_encode(&r.name, percent_encoding::NON_ALPHANUMERIC)
            )
        } else {
            String::new()
        };
        Self {
            id: r.id.0,
            kind: r.kind,
            size: r.size,
            status: r.status,
            block: r.block_id.map(|b| b.0),
            download,
            created_at: r.created_at,
            name: r.name,
        }
    }
}

async fn list(
    state: &AppState,
    signed: &SignedIn,
    parent: FileParent,
) -> Result<Json<Vec<FileInfo>>, AppError> {
    files::readable(state, &signed.user, parent).await?;
    let rows = state.store.files_of(parent).await?;
    Ok(Json(rows.into_iter().map(FileInfo::from).collect()))
}

/// The files of a session and its blocks, newest first.
#[utoipa::path(get, path = "/api/v1/sessions/{id}/files", tag = "sessions", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = Vec<FileInfo>), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn session_files(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
) -> Result<Json<Vec<FileInfo>>, AppError> {
    list(&state, &signed, FileParent::Session(id, None)).await
}

/// The files of a library method, newest first.
#[utoipa::path(get, path = "/api/v1/methods/{id}/files", tag = "library", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = Vec<FileInfo>), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn method_files(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<MethodId>,
) -> Result<Json<Vec<FileInfo>>, AppError> {
    list(&state, &signed, FileParent::Method(id)).await
}

/// Delete a file of a session or method you may change. Its bytes are deleted a few minutes
/// later, unless another file of the workspace holds the same content.
#[utoipa::path(delete, path = "/api/v1/files/{id}", tag = "sessions", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "Deleted"), (status = 404, description = "`not_found`, also for readers who may not change it", body = ErrorBody)))]
async fn delete(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<FileId>,
) -> Result<StatusCode, AppError> {
    let parent = state.store.file(id).await?.parent();
    files::delete(&state, &signed.user, parent, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
