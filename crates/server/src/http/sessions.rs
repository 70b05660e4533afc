//! Sessions over JSON: list, create, read with the computed time of every block, and the
//! op batch endpoint through which every change arrives.

use super::views::ErrorBody;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::sessions::{self, CreateInput, OpEnvelope, OpResult};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use domain::SessionId;
use domain::timing::Conflict;
use domain::{Block, Session};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(read, trash))
        .routes(routes!(apply_ops))
        .routes(routes!(duplicate))
        .routes(routes!(restore))
        .routes(routes!(trash_list))
        .routes(routes!(activity))
}

/// An entry of a session's activity log.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ActivityEntry {
    pub id: uuid::Uuid,
    /// `block_added`, `block_changed`, `block_moved`, `block_deleted`, `block_restored`,
    /// `session_changed`, `shared`, `role_changed`, `unshared`, `owner_changed`, `left`,
    /// `link_created`, `link_revoked` or `commented`.
    pub kind: String,
    pub actor_id: Option<uuid::Uuid>,
    pub actor: String,
    pub block_id: Option<uuid::Uuid>,
    /// The block's title now.
    pub block_title: String,
    /// A new block's title, the field changed, or the person a sharing change concerns.
    pub detail: String,
    /// Milliseconds since the Unix epoch.
    pub created_at: i64,
    /// The entry as a sentence in your language.
    pub text: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ActivityPage {
    /// Newest first.
    pub entries: Vec<ActivityEntry>,
    /// True when older entries exist: ask again with `before` set to the last entry's id.
    pub has_more: bool,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ActivityQuery {
    /// `edits`, `sharing` or `comments`; all when absent.
    #[serde(default)]
    pub group: String,
    /// Only what this person did.
    pub actor: Option<uuid::Uuid>,
    /// Only entries older than this one.
    pub before: Option<uuid::Uuid>,
}

/// The activity log of a session, newest first, 50 at a time.
#[utoipa::path(get, path = "/api/v1/sessions/{id}/activity", tag = "sessions", params(("id" = uuid::Uuid, Path), ActivityQuery), security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = ActivityPage), (status = 400, description = "`bad_request`: an unknown group", body = ErrorBody), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn activity(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: crate::auth::Viewer,
    Path(id): Path<SessionId>,
    Query(q): Query<ActivityQuery>,
) -> Result<Json<ActivityPage>, AppError> {
    let (rows, has_more) = crate::activity::page(
        &state,
        &signed.user,
        id,
        &q.group,
        q.actor.map(domain::UserId),
        q.before.map(domain::ActivityId),
    )
    .await?;
    let entries = rows
        .iter()
        .map(|r| ActivityEntry {
            id: r.id.0,
            kind: r.kind.as_str().to_owned(),
            actor_id: r.actor_id.map(|a| a.0),
            actor: r.actor.clone(),
            block_id: r.block_id.map(|b| b.0),
            block_title: r.block_title.clone(),
            detail: r.detail.clone(),
            created_at: r.created_at,
            text: crate::activity::describe(&viewer.tr, r),
        })
        .collect();
    Ok(Json(ActivityPage { entries, has_more }))
}

/// A session in a list.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionSummary {
    pub id: uuid::Uuid,
    pub title: String,
    pub first_date: String,
    pub status: String,
    pub tags: Vec<String>,
    pub folder: String,
    pub archived: bool,
    /// Read-only because the workspace's plan allows fewer active sessions than it has: a
    /// change is refused with 402 `plan_limit` until the workspace's admins choose it as
    /// active on the billing page or the plan grows. It can still be read, exported and
    /// deleted.
    pub held: bool,
    pub version: i64,
    /// For a session in the trash: when it was deleted (ms since the epoch).
    pub deleted_at: Option<i64>,
}

impl From<&Session> for SessionSummary {
    fn from(s: &Session) -> Self {
        Self {
            id: s.id.0,
            title: s.title.clone(),
            first_date: s.first_date.to_string(),
            status: s.status.to_string(),
            tags: s.tags.clone(),
            folder: s.folder.clone(),
            archived: s.archived,
            held: s.held,
            version: s.version,
            deleted_at: s.deleted_at,
        }
    }
}

/// A block with its computed times.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BlockView {
    pub id: uuid::Uuid,
    /// `activity`, `break`, `note`, `section` or `day`.
    pub kind: String,
    pub title: String,
    pub description: String,
    pub minutes: u32,
    pub category: Option<String>,
    pub group_format: Option<String>,
    pub lead: String,
    #[schema(value_type = Vec<Object>)]
    pub materials: serde_json::Value,
    pub goals: Vec<String>,
    pub notes: String,
    pub pinned_start: Option<String>,
    pub day_date: Option<String>,
    pub day_start: Option<String>,
    pub day_end: Option<String>,
    /// The card's picture: `/sessions/{id}/images/{image}` serves it.
    pub card_image: Option<uuid::Uuid>,
    /// Custom field values by field id.
    pub custom: std::collections::BTreeMap<String, String>,
    /// When it starts and ends (RFC 3339 with the session's offset).
    pub start: String,
    pub end: String,
    /// Which day (0-based) and under which section block it falls.
    pub day: usize,
    pub section: Option<uuid::Uuid>,
    /// For a pinned block: `gap` or `overlap` before it, in minutes.
    pub conflict: Option<ConflictView>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConflictView {
    pub kind: String,
    pub minutes: i64,
}

/// A day's totals.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DayView {
    pub date: String,
    pub start: String,
    pub end: String,
    pub minutes: i64,
    pub overrun_minutes: Option<i64>,
}

/// A session with its blocks in flow order and their computed times.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionView {
    pub id: uuid::Uuid,
    pub title: String,
    pub description: String,
    pub goals: Vec<String>,
    pub first_date: String,
    pub start_time: String,
    pub end_time: Option<String>,
    pub time_zone: String,
    pub location_kind: String,
    pub location: String,
    pub participants: Option<u32>,
    pub language: String,
    pub tags: Vec<String>,
    pub status: String,
    pub folder: String,
    pub archived: bool,
    /// Read-only because the workspace's plan allows fewer active sessions than it has: a
    /// change is refused with 402 `plan_limit` until the workspace's admins choose it as
    /// active on the billing page or the plan grows. It can still be read, exported and
    /// deleted.
    pub held: bool,
    pub cover_image: Option<uuid::Uuid>,
    /// The custom block fields this session defines.
    #[schema(value_type = Vec<Object>)]
    pub custom_fields: serde_json::Value,
    /// Bumped by every applied op.
    pub version: i64,
    pub blocks: Vec<BlockView>,
    pub days: Vec<DayView>,
    /// Section block id → minutes under it.
    pub section_minutes: std::collections::BTreeMap<String, i64>,
    pub total_minutes: i64,
}

impl SessionView {
    pub fn new(s: &Session, blocks: &[Block]) -> Self {
        let plan = domain::timing::schedule_of(s, blocks);
        let block_views = blocks
            .iter()
            .zip(&plan.slots)
            .map(|(b, slot)| BlockView {
                id: b.id.0,
                kind: b.kind.to_string(),
                title: b.title.clone(),
                description: b.description.clone(),
                minutes: b.minutes,
                category: b.category.clone(),
                group_format: b.group_format.map(|g| g.to_string()),
                lead: b.lead.clone(),
                materials: serde_json::to_value(&b.materials).unwrap_or_default(),
                goals: b.goals.clone(),
                notes: b.notes.clone(),
                pinned_start: b.pinned_start.map(|t| t.to_string()),
                day_date: b.day_date.map(|d| d.to_string()),
                day_start: b.day_start.map(|t| t.to_string()),
                day_end: b.day_end.map(|t| t.to_string()),
                card_image: b.card_image.map(|i| i.0),
                custom: b.values.iter().cloned().collect(),
                start: local(&slot.start),
                end: local(&slot.end),
                day: slot.day,
                section: slot.section.and_then(|i| blocks.get(i)).map(|x| x.id.0),
                conflict: slot.conflict.map(|c| match c {
                    Conflict::Gap(m) => ConflictView {
                        kind: "gap".into(),
                        minutes: m,
                    },
                    Conflict::Overlap(m) => ConflictView {
                        kind: "overlap".into(),
                        minutes: m,
                    },
                }),
            })
            .collect();
        Self {
            id: s.id.0,
            title: s.title.clone(),
            description: s.description.clone(),
            goals: s.goals.clone(),
            first_date: s.first_date.to_string(),
            start_time: s.start_time.to_string(),
            end_time: s.end_time.map(|t| t.to_string()),
            time_zone: s.time_zone.to_string(),
            location_kind: s.location_kind.to_string(),
            location: s.location.clone(),
            participants: s.participants,
            language: s.language.to_string(),
            tags: s.tags.clone(),
            status: s.status.to_string(),
            folder: s.folder.clone(),
            archived: s.archived,
            held: s.held,
            cover_image: s.cover_image.map(|i| i.0),
            custom_fields: serde_json::to_value(&s.custom_fields).unwrap_or_default(),
            version: s.version,
            blocks: block_views,
            days: plan
                .days
                .iter()
                .map(|d| DayView {
                    date: d.date.to_string(),
                    start: local(&d.start),
                    end: local(&d.end),
                    minutes: d.minutes,
                    overrun_minutes: d.overrun,
                })
                .collect(),
            section_minutes: plan
                .sections
                .iter()
                .filter_map(|(i, m)| blocks.get(*i).map(|b| (b.id.to_string(), *m)))
                .collect(),
            total_minutes: plan.total_minutes,
        }
    }
}

/// A wall-clock instant with its offset, e.g. `2026-12-01T09:30:00+03:00`.
fn local(z: &jiff::Zoned) -> String {
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The sessions of the workspace you work in (your personal one until you switch to a team), most recently changed first.
#[utoipa::path(get, path = "/api/v1/sessions", tag = "sessions", security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = Vec<SessionSummary>)))]
async fn list(
    State(state): State<AppState>,
    signed: SignedIn,
) -> Result<Json<Vec<SessionSummary>>, AppError> {
    let (workspace, _) = state.store.working_in(signed.user.id).await?;
    let rows = state.store.sessions_in(workspace).await?;
    Ok(Json(rows.iter().map(SessionSummary::from).collect()))
}

/// Create a session in the workspace you work in.
#[utoipa::path(post, path = "/api/v1/sessions", tag = "sessions", request_body = CreateInput, security(("token" = []), ("cookie" = [])),
    responses((status = 402, description = "`plan_limit`: past a limit of the workspace's plan", body = ErrorBody), (status = 201, body = SessionView), (status = 422, description = "`validation_failed`", body = ErrorBody)))]
async fn create(
    State(state): State<AppState>,
    signed: SignedIn,
    Json(input): Json<CreateInput>,
) -> Result<(StatusCode, Json<SessionView>), AppError> {
    let session = sessions::create(&state, &signed.user, input).await?;
    Ok((StatusCode::CREATED, Json(SessionView::new(&session, &[]))))
}

/// A session with its version, its blocks in order and the computed time of each.
#[utoipa::path(get, path = "/api/v1/sessions/{id}", tag = "sessions", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = SessionView), (status = 404, description = "`not_found`, also for sessions you may not see", body = ErrorBody)))]
async fn read(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
) -> Result<Json<SessionView>, AppError> {
    let session = sessions::visible(&state, &signed.user, id).await?;
    let blocks = state.store.blocks(id).await?;
    Ok(Json(SessionView::new(&session, &blocks)))
}

/// Move a session to the trash; it can be restored for 30 days, then a job deletes it.
#[utoipa::path(delete, path = "/api/v1/sessions/{id}", tag = "sessions", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "In the trash"), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn trash(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
) -> Result<StatusCode, AppError> {
    sessions::trash(&state, &signed.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Take a session out of the trash.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/restore", tag = "sessions", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 402, description = "`plan_limit`: past a limit of the workspace's plan", body = ErrorBody), (status = 200, body = SessionView), (status = 404, description = "`not_found`, also when it is not in the trash", body = ErrorBody)))]
async fn restore(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
) -> Result<Json<SessionView>, AppError> {
    sessions::restore(&state, &signed.user, id).await?;
    let session = state.store.session(id).await?;
    let blocks = state.store.blocks(id).await?;
    Ok(Json(SessionView::new(&session, &blocks)))
}

/// The sessions in your trash, most recently deleted first.
#[utoipa::path(get, path = "/api/v1/trash", tag = "sessions", security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = Vec<SessionSummary>)))]
async fn trash_list(
    State(state): State<AppState>,
    signed: SignedIn,
) -> Result<Json<Vec<SessionSummary>>, AppError> {
    let rows = crate::sessions::in_trash(&state, &signed.user).await?;
    Ok(Json(rows.iter().map(SessionSummary::from).collect()))
}

/// Copy a session with its blocks, custom values and images; the copy is a draft titled
/// "… (copy)" in your language.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/duplicate", tag = "sessions", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 402, description = "`plan_limit`: past a limit of the workspace's plan", body = ErrorBody), (status = 201, body = SessionView), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn duplicate(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: crate::auth::Viewer,
    Path(id): Path<SessionId>,
) -> Result<(StatusCode, Json<SessionView>), AppError> {
    let copy = sessions::duplicate(&state, &signed.user, id, &viewer.tr).await?;
    let blocks = state.store.blocks(copy.id).await?;
    Ok((StatusCode::CREATED, Json(SessionView::new(&copy, &blocks))))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct OpsInput {
    pub ops: Vec<OpEnvelope>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OpsOutput {
    /// The session's version after the batch.
    pub version: i64,
    pub results: Vec<OpResult>,
}

/// Apply a batch of ops in order (at most 500), all or none: in one transaction, so a refused
/// op leaves the session as it was and the answer (422 `op_refused`) names it (its number in
/// `message`, its reason as the code of `fields.ops`). An op whose client op id was applied
/// before is reported `duplicate` and changes nothing.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/ops", tag = "sessions", params(("id" = uuid::Uuid, Path)), request_body = OpsInput,
    security(("token" = []), ("cookie" = [])),
    responses(
        (status = 402, description = "`plan_limit`: past a limit of the workspace's plan; `plan_feature`: a custom field added without the plan's `custom_fields`", body = ErrorBody),
        (status = 200, body = OpsOutput),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 422, description = "`op_refused`: nothing of the batch was applied", body = ErrorBody),
    ))]
async fn apply_ops(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
    Json(input): Json<OpsInput>,
) -> Result<Json<OpsOutput>, AppError> {
    let (version, results) = sessions::apply_batch(&state, &signed.user, id, input.ops).await?;
    Ok(Json(OpsOutput { version, results }))
}
