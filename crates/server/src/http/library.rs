//! The library over JSON: search and manage methods, favourites and publication requests,
//! insert a method into a session, browse designs, save a session as a design and start a
//! session from one.

use super::sessions::SessionSummary;
use super::views::ErrorBody;
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::library::{self, SearchParams};
use crate::sessions::CreateInput;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use domain::library::{MethodFields, Publication};
use domain::search::{Query as SearchQuery, Segment};
use domain::{BlockId, Locale, MethodId, SessionId, TemplateId};
use serde::{Deserialize, Serialize};
use store::library::publication::Item;
use store::{MethodRow, TemplateRow};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search, create))
        .routes(routes!(read, update, delete))
        .routes(routes!(favourite, unfavourite))
        .routes(routes!(publication))
        .routes(routes!(insert))
        .routes(routes!(designs))
        .routes(routes!(design))
        .routes(routes!(start))
        .routes(routes!(save_design))
}

/// A method as the caller sees it: its fields and where it stands.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MethodView {
    pub id: uuid::Uuid,
    /// `public`, `workspace` or `personal`.
    pub scope: String,
    /// `private`, `pending`, `published` or `rejected`.
    pub publication: String,
    /// The moderator's reason when rejected.
    pub publication_note: String,
    pub favourite: bool,
    pub favourites: i32,
    /// Whether you may change it.
    pub editable: bool,
    /// Title, summary, ranges, categories, steps… as in `MethodFields`.
    #[schema(value_type = Object)]
    pub fields: serde_json::Value,
}

impl MethodView {
    fn new(row: &MethodRow) -> Self {
        Self {
            id: row.id.0,
            scope: row.scope().as_str().to_owned(),
            publication: row.publication.clone(),
            publication_note: row.publication_note.clone(),
            favourite: row.favourite,
            favourites: row.favourites,
            editable: row.editable,
            fields: serde_json::from_str(&row.fields).unwrap_or_default(),
        }
    }
}

/// A search result: the method and where the searched words are in its title and summary,
/// as character ranges `[start, end)`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MethodHitView {
    pub method: MethodView,
    pub title_matches: Vec<[usize; 2]>,
    pub summary_matches: Vec<[usize; 2]>,
}

fn ranges(segments: &[Segment]) -> Vec<[usize; 2]> {
    let mut at = 0;
    let mut out = Vec::new();
    for s in segments {
        let n = s.text.chars().count();
        if s.hit {
            out.push([at, at + n]);
        }
        at += n;
    }
    out
}

/// One page of results.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MethodPage {
    pub items: Vec<MethodHitView>,
    /// From 1.
    pub page: u32,
    pub has_more: bool,
}

/// Search the methods you may see: words in any form (English and Russian stemming),
/// filters, sorts and pages of 20.
#[utoipa::path(get, path = "/api/v1/methods", tag = "library", params(SearchParams), security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = MethodPage), (status = 422, description = "`validation_failed`: a category that cannot be one (control characters, too long)", body = ErrorBody)))]
async fn search(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Query(p): Query<SearchParams>,
) -> Result<Json<MethodPage>, AppError> {
    let search = p.search(viewer.tr.locale)?;
    let found = state.store.search_methods(signed.user.id, &search).await?;
    let items = found
        .items
        .iter()
        .map(|row| {
            let f = row.fields();
            let marks = |text: &str| {
                search
                    .query
                    .as_ref()
                    .map(|q| ranges(&q.highlight(text)))
                    .unwrap_or_default()
            };
            MethodHitView {
                title_matches: f.as_ref().map(|f| marks(&f.title)).unwrap_or_default(),
                summary_matches: f.as_ref().map(|f| marks(&f.summary)).unwrap_or_default(),
                method: MethodView::new(row),
            }
        })
        .collect();
    Ok(Json(MethodPage {
        items,
        page: p.page(),
        has_more: found.has_more,
    }))
}

/// Create a method in the library of the workspace you work in (private to it until published).
#[utoipa::path(post, path = "/api/v1/methods", tag = "library", request_body(content = Object, description = "MethodFields: title, summary, image, duration_min, duration_max, group_min, group_max, categories, tags, goals, steps, materials, tips, variations, in_person, online, complexity, language, attribution, source_url, licence"), security(("token" = []), ("cookie" = [])),
    responses((status = 402, description = "`plan_limit`: past a limit of the workspace's plan", body = ErrorBody), (status = 201, body = MethodView), (status = 422, description = "`validation_failed`, naming the field", body = ErrorBody)))]
async fn create(
    State(state): State<AppState>,
    signed: SignedIn,
    Json(fields): Json<MethodFields>,
) -> Result<(StatusCode, Json<MethodView>), AppError> {
    let id = library::create_method(&state, &signed.user, fields).await?;
    let row = state.store.method(id, signed.user.id).await?;
    Ok((StatusCode::CREATED, Json(MethodView::new(&row))))
}

/// A method you may see.
#[utoipa::path(get, path = "/api/v1/methods/{id}", tag = "library", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = MethodView), (status = 404, description = "`not_found`, also for methods you may not see", body = ErrorBody)))]
async fn read(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<MethodId>,
) -> Result<Json<MethodView>, AppError> {
    let row = state.store.method(id, signed.user.id).await?;
    Ok(Json(MethodView::new(&row)))
}

/// Replace a method you may change. A published method goes back to review.
#[utoipa::path(put, path = "/api/v1/methods/{id}", tag = "library", params(("id" = uuid::Uuid, Path)), request_body(content = Object, description = "MethodFields"), security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = MethodView), (status = 404, description = "`not_found`", body = ErrorBody), (status = 422, description = "`validation_failed`", body = ErrorBody)))]
async fn update(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<MethodId>,
    Json(fields): Json<MethodFields>,
) -> Result<Json<MethodView>, AppError> {
    library::update_method(&state, &signed.user, id, fields).await?;
    let row = state.store.method(id, signed.user.id).await?;
    Ok(Json(MethodView::new(&row)))
}

/// Delete a method you may change; blocks and copies made from it stay.
#[utoipa::path(delete, path = "/api/v1/methods/{id}", tag = "library", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "Deleted"), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn delete(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<MethodId>,
) -> Result<StatusCode, AppError> {
    crate::files::delete_method(&state, &signed.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Add a method to your favourites ("selected methods").
#[utoipa::path(put, path = "/api/v1/methods/{id}/favourite", tag = "library", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "A favourite"), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn favourite(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<MethodId>,
) -> Result<StatusCode, AppError> {
    state.store.set_favourite(id, signed.user.id, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Remove a method from your favourites.
#[utoipa::path(delete, path = "/api/v1/methods/{id}/favourite", tag = "library", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "Not a favourite"), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn unfavourite(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<MethodId>,
) -> Result<StatusCode, AppError> {
    state.store.set_favourite(id, signed.user.id, false).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A publication request or its withdrawal.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PublicationInput {
    /// `request` to ask for publication, `withdraw` to withdraw a request or unpublish.
    pub action: String,
    /// `method` (default) or `design`.
    #[serde(default)]
    pub kind: String,
}

/// Ask to publish a method or design you may change, or withdraw it from the public library.
#[utoipa::path(post, path = "/api/v1/library/{id}/publication", tag = "library", params(("id" = uuid::Uuid, Path)), request_body = PublicationInput, security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "Done"), (status = 400, description = "`bad_request`", body = ErrorBody), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn publication(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<uuid::Uuid>,
    Json(input): Json<PublicationInput>,
) -> Result<StatusCode, AppError> {
    let to = match input.action.as_str() {
        "request" => Publication::Pending,
        "withdraw" => Publication::Private,
        _ => return Err(AppError::BadRequest("action is request or withdraw".into())),
    };
    let item = match input.kind.as_str() {
        "" | "method" => Item::Method(MethodId(id)),
        "design" => Item::Template(TemplateId(id)),
        _ => return Err(AppError::BadRequest("kind is method or design".into())),
    };
    crate::library::set_publication(&state, &signed.user, item, to).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Where to insert a method.
#[derive(Debug, Deserialize, ToSchema)]
pub struct InsertInput {
    pub method: uuid::Uuid,
    /// The block to insert after; at the end when absent.
    pub after: Option<uuid::Uuid>,
}

/// The new block.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Inserted {
    pub block: uuid::Uuid,
}

/// Insert a method into a session as a new block copying its fields and remembering it.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/methods", tag = "library", params(("id" = uuid::Uuid, Path)), request_body = InsertInput, security(("token" = []), ("cookie" = [])),
    responses((status = 201, body = Inserted), (status = 404, description = "`not_found` (session or method)", body = ErrorBody), (status = 422, description = "`op_refused`", body = ErrorBody)))]
async fn insert(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Json(input): Json<InsertInput>,
) -> Result<(StatusCode, Json<Inserted>), AppError> {
    let block = library::insert_method(
        &state,
        &signed.user,
        id,
        MethodId(input.method),
        input.after.map(BlockId),
        &viewer.tr,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(Inserted { block: block.0 })))
}

/// A design as the caller sees it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DesignView {
    pub id: uuid::Uuid,
    pub scope: String,
    pub publication: String,
    pub editable: bool,
    /// Minutes of its activities and breaks.
    pub minutes: i32,
    /// Title, summary, goals, language and blocks, as in `TemplateFields`.
    #[schema(value_type = Object)]
    pub fields: serde_json::Value,
}

impl DesignView {
    fn new(row: &TemplateRow) -> Self {
        Self {
            id: row.id.0,
            scope: row.scope().as_str().to_owned(),
            publication: row.publication.clone(),
            editable: row.editable,
            minutes: row.minutes,
            fields: serde_json::from_str(&row.fields).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DesignQuery {
    /// Words to find.
    #[serde(default)]
    q: String,
    /// `en`, `ru` or `any` (default).
    #[serde(default)]
    language: String,
}

/// The designs you may see, your own first.
#[utoipa::path(get, path = "/api/v1/designs", tag = "library", params(DesignQuery), security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = Vec<DesignView>)))]
async fn designs(
    State(state): State<AppState>,
    signed: SignedIn,
    Query(q): Query<DesignQuery>,
) -> Result<Json<Vec<DesignView>>, AppError> {
    let language = Locale::parse(&q.language).ok().map(|l| l.code());
    let rows = state
        .store
        .templates(signed.user.id, SearchQuery::parse(&q.q).as_ref(), language)
        .await?;
    Ok(Json(rows.iter().map(DesignView::new).collect()))
}

/// A design you may see.
#[utoipa::path(get, path = "/api/v1/designs/{id}", tag = "library", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = DesignView), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn design(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<TemplateId>,
) -> Result<Json<DesignView>, AppError> {
    Ok(Json(DesignView::new(
        &state.store.template(id, signed.user.id).await?,
    )))
}

/// Start a new session from a design (title defaults to the design's).
#[utoipa::path(post, path = "/api/v1/designs/{id}/sessions", tag = "library", params(("id" = uuid::Uuid, Path)), request_body = CreateInput, security(("token" = []), ("cookie" = [])),
    responses((status = 402, description = "`plan_limit`: past a limit of the workspace's plan", body = ErrorBody), (status = 201, body = SessionSummary), (status = 404, description = "`not_found`", body = ErrorBody), (status = 422, description = "`validation_failed`", body = ErrorBody)))]
async fn start(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<TemplateId>,
    Json(input): Json<CreateInput>,
) -> Result<(StatusCode, Json<SessionSummary>), AppError> {
    let session = library::start_from_design(&state, &signed.user, id, input).await?;
    Ok((StatusCode::CREATED, Json(SessionSummary::from(&session))))
}

/// Save a session as a design in the library of the workspace you work in: blocks and structure, without
/// dates, people or comments.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/design", tag = "library", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 201, body = DesignView), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn save_design(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
) -> Result<(StatusCode, Json<DesignView>), AppError> {
    let design = library::save_session_as_design(&state, &signed.user, id).await?;
    let row = state.store.template(design, signed.user.id).await?;
    Ok((StatusCode::CREATED, Json(DesignView::new(&row))))
}
