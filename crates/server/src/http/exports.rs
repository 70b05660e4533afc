//! Exports and imports over HTTP: a session as PDF, DOCX, XLSX, CSV, iCalendar, Markdown or
//! JSON, and a JSON export or a CSV of blocks made into a new session.

use super::sessions::SessionView;
use super::views::{ErrorBody, ExportView};
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::exports::{self, Download, ExportQuery, IMPORT_MAX_BYTES, Outcome};
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::{ExportId, SessionId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(export))
        .routes(routes!(export_status))
        .routes(routes!(export_file))
        .routes(routes!(import))
        .routes(routes!(preview))
        .layer(DefaultBodyLimit::max(IMPORT_MAX_BYTES + 1))
}

impl IntoResponse for Download {
    fn into_response(self) -> Response {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
        // RFC 8187's attr-char keeps letters, digits and `-._` as they are.
        const ATTR: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_');
        let encoded = percent_encoding::utf8_percent_encode(&self.file_name, ATTR);
        if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename*=UTF-8''{encoded}")) {
            headers.insert(header::CONTENT_DISPOSITION, v);
        }
        (StatusCode::OK, headers, self.bytes).into_response()
    }
}

/// The session as a file, in your language, with what you may see of it. An export that takes
/// longer than the server waits (a second by default) goes on as a job: the answer is then
/// `202` with the export's address in `Location`, where its status and, once done, its file are.
#[utoipa::path(get, path = "/api/v1/sessions/{id}/export", tag = "sessions", params(("id" = uuid::Uuid, Path), ExportQuery), security(("token" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "The file, as an attachment", content(
            (Vec<u8> = "application/pdf"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (String = "text/csv"),
            (String = "text/calendar"),
            (String = "text/markdown"),
            (serde_json::Value = "application/json"),
        )),
        (status = 202, description = "The export goes on as a job; `Location` is its address", body = ExportView),
        (status = 400, description = "`bad_request`: an unknown format", body = ErrorBody),
        (status = 402, description = "`plan_feature`: the workspace's plan has no exports", body = ErrorBody),
        (status = 404, description = "`not_found`, also for sessions you may not see", body = ErrorBody)))]
async fn export(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Query(query): Query<ExportQuery>,
) -> Result<Response, AppError> {
    match exports::of_session(&state, &signed.user, id, viewer.tr, &query).await? {
        Outcome::Ready(download) => Ok(download.into_response()),
        Outcome::Later(id) => {
            let row = exports::look(&state, &signed.user, id).await?;
            let mut res = (StatusCode::ACCEPTED, Json(ExportView::from(&row))).into_response();
            if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/exports/{id}")) {
                res.headers_mut().insert(header::LOCATION, v);
            }
            Ok(res)
        }
    }
}

/// An export that went on as a job: whether it is done, and where its file is. Only the one
/// who asked for it sees it, while they may still view the session.
#[utoipa::path(get, path = "/api/v1/exports/{id}", tag = "sessions", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses(
        (status = 200, body = ExportView),
        (status = 404, description = "`not_found`, also for others' exports", body = ErrorBody)))]
async fn export_status(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<ExportId>,
) -> Result<Json<ExportView>, AppError> {
    let row = exports::look(&state, &signed.user, id).await?;
    Ok(Json(ExportView::from(&row)))
}

/// The file of an export that went on as a job, once it is done (kept for 7 days).
#[utoipa::path(get, path = "/api/v1/exports/{id}/file", tag = "sessions", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "The file, as an attachment", content(
            (Vec<u8> = "application/octet-stream"),
        )),
        (status = 404, description = "`not_found`, also for others' exports", body = ErrorBody),
        (status = 409, description = "`export_running`: not done yet; `export_failed`: it could not be made", body = ErrorBody)))]
async fn export_file(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<ExportId>,
) -> Result<Download, AppError> {
    let row = exports::look(&state, &signed.user, id).await?;
    exports::file_of(&state, &row).await
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ImportQuery {
    /// `json` (a Plenary JSON export) or `csv`; by the request's Content-Type when absent.
    #[serde(default)]
    pub format: Option<String>,
    /// The new session's title, for a CSV (a JSON export brings its own).
    #[serde(default)]
    pub title: Option<String>,
    /// For a CSV with bad rows: import the good ones. Without it such a CSV imports nothing.
    #[serde(default)]
    pub skip_bad_rows: bool,
}

/// A new session made from a file.
#[derive(Debug, Serialize, ToSchema)]
pub struct Imported {
    pub session: SessionView,
    /// The CSV lines left out (the header is line 1).
    pub skipped_rows: Vec<usize>,
}

/// Whether a body is JSON or CSV: as asked, or by its Content-Type.
fn is_json(query: &ImportQuery, headers: &HeaderMap) -> Result<bool, AppError> {
    match query.format.as_deref() {
        Some("json") => Ok(true),
        Some("csv") => Ok(false),
        Some(_) => Err(AppError::BadRequest("format is json or csv".into())),
        None => {
            let ct = headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_ascii_lowercase();
            if ct.starts_with("application/json") {
                Ok(true)
            } else if ct.starts_with("text/csv") {
                Ok(false)
            } else {
                Err(AppError::BadRequest(
                    "send the file as application/json or text/csv, or say ?format=json|csv".into(),
                ))
            }
        }
    }
}

/// Make a new session from a Plenary JSON export, or from a CSV of blocks (title, duration,
/// kind, notes, and a custom field for any other column), in the workspace you work in. All
/// or nothing: a file that is not what it claims creates nothing.
#[utoipa::path(post, path = "/api/v1/sessions/import", tag = "sessions", params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "A CSV of blocks, or a JSON export as application/json"),
    security(("token" = []), ("cookie" = [])),
    responses(
        (status = 402, description = "`plan_limit`: past a limit of the workspace's plan", body = ErrorBody),
        (status = 201, body = Imported),
        (status = 400, description = "`bad_request`: neither JSON nor CSV", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: over 5 MiB", body = ErrorBody),
        (status = 422, description = "`import_not_json`, `import_not_an_export`, `import_format_version`, `import_not_text`, `import_not_csv`, `import_no_title_column`, `import_empty`, `import_invalid`, `import_bad_rows` (the CSV has bad rows and `skip_bad_rows` is not set), `validation_failed` (a CSV without a title), `op_refused`", body = ErrorBody)))]
async fn import(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Query(query): Query<ImportQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Imported>), AppError> {
    if body.len() > IMPORT_MAX_BYTES {
        return Err(AppError::TooLarge);
    }
    let (session, skipped_rows) = if is_json(&query, &headers)? {
        (
            exports::import_json(&state, &signed.user, &body).await?,
            Vec::new(),
        )
    } else {
        let (session, preview) = exports::import_csv(
            &state,
            &signed.user,
            viewer.tr,
            &body,
            query.title.as_deref().unwrap_or_default(),
            query.skip_bad_rows,
        )
        .await?;
        let skipped = preview
            .rows
            .iter()
            .filter(|r| !r.is_good())
            .map(|r| r.line)
            .collect();
        (session, skipped)
    };
    let blocks = state.store.blocks(session.id).await?;
    Ok((
        StatusCode::CREATED,
        Json(Imported {
            session: SessionView::new(&session, &blocks),
            skipped_rows,
        }),
    ))
}

/// A CSV row as it would be imported.
#[derive(Debug, Serialize, ToSchema)]
pub struct PreviewRow {
    /// The line in the file (the header is line 1).
    pub line: usize,
    /// `activity`, `break`, `note`, `section` or `day`.
    pub kind: String,
    pub title: String,
    pub minutes: u32,
    /// Empty for a good row; else any of `no_title`, `bad_duration`, `bad_kind`, `too_long`,
    /// `bad_value`.
    pub problems: Vec<String>,
}

/// What importing a CSV would make.
#[derive(Debug, Serialize, ToSchema)]
pub struct Preview {
    /// The columns that become custom fields.
    pub custom_fields: Vec<String>,
    /// The columns of a Plenary export that are computed, so not read.
    pub ignored_columns: Vec<String>,
    pub rows: Vec<PreviewRow>,
    /// How many rows would be imported.
    pub good: usize,
}

/// Check a CSV of blocks without importing it: each row with what is wrong with it.
#[utoipa::path(post, path = "/api/v1/sessions/import/preview", tag = "sessions",
    request_body(content = String, content_type = "text/csv"),
    security(("token" = []), ("cookie" = [])),
    responses(
        (status = 200, body = Preview),
        (status = 413, description = "`payload_too_large`: over 5 MiB", body = ErrorBody),
        (status = 422, description = "`import_not_text`, `import_not_csv`, `import_no_title_column`, `import_empty`, `import_invalid`", body = ErrorBody)))]
async fn preview(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    body: Bytes,
) -> Result<Json<Preview>, AppError> {
    if body.len() > IMPORT_MAX_BYTES {
        return Err(AppError::TooLarge);
    }
    let p = exports::preview_csv(viewer.tr, &body)?;
    // On a plan without custom fields, the columns that would be some are left out.
    let (custom_fields, ignored_columns) =
        if exports::custom_fields_allowed(&state, &signed.user).await? {
            (p.custom.clone(), p.ignored.clone())
        } else {
            (Vec::new(), [p.ignored.clone(), p.custom.clone()].concat())
        };
    Ok(Json(Preview {
        good: p.good(),
        custom_fields,
        ignored_columns,
        rows: p
            .rows
            .iter()
            .map(|r| PreviewRow {
                line: r.line,
                kind: r.kind.to_string(),
                title: r.title.clone(),
                minutes: r.minutes,
                problems: r.problems.iter().map(|p| p.code().to_owned()).collect(),
            })
            .collect(),
    }))
}
