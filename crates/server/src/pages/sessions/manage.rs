//! Managing sessions beside editing them: duplicate, archive, the trash; the cover and card
//! images; and the session's custom block fields. Changes to a session's data go through ops.

use super::super::{Chrome, redirect_notice, render};
use super::apply;
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::sessions;
use crate::state::AppState;
use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::op::Op;
use domain::session::{BlockField, CustomFieldDef, CustomKind, SessionField};
use domain::{BlockId, ImageId, SessionId};
use serde::Deserialize;
use store::ImageSize;

pub fn router() -> Router<AppState> {
    let upload = DefaultBodyLimit::max(crate::avatar::MAX_BYTES + 64 * 1024);
    Router::new()
        .route("/sessions/{id}/duplicate", post(duplicate))
        .route("/sessions/{id}/archive", post(archive))
        .route("/sessions/{id}/delete", post(trash))
        .route("/sessions/{id}/restore", post(restore))
        .route("/trash", get(trash_page))
        .route("/sessions/{id}/cover", post(upload_cover).layer(upload))
        .route("/sessions/{id}/cover/delete", post(remove_cover))
        .route(
            "/sessions/{id}/blocks/{block}/image",
            post(upload_card).layer(upload),
        )
        .route(
            "/sessions/{id}/blocks/{block}/image/delete",
            post(remove_card),
        )
        .route("/sessions/{id}/images/{image}", get(image))
        .route("/sessions/{id}/fields", post(add_field))
        .route("/sessions/{id}/fields/{field}/delete", post(remove_field))
}

async fn duplicate(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
) -> Result<Response, AppError> {
    let copy = sessions::duplicate(&state, &signed.user, id, &viewer.tr).await?;
    Ok(redirect_notice(
        &format!("/sessions/{}", copy.id),
        "session-duplicated",
    ))
}

#[derive(Deserialize)]
struct ArchiveForm {
    archived: String,
}

async fn archive(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
    Form(f): Form<ArchiveForm>,
) -> Result<Response, AppError> {
    let archived = f.archived == "true";
    apply(
        &state,
        &signed,
        id,
        vec![Op::SetSession {
            set: SessionField::Archived(archived),
        }],
    )
    .await?;
    Ok(if archived {
        redirect_notice("/", "session-archived")
    } else {
        redirect_notice("/?show=archived", "session-unarchived")
    })
}

async fn trash(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
) -> Result<Response, AppError> {
    sessions::trash(&state, &signed.user, id).await?;
    Ok(redirect_notice("/", "session-trashed"))
}

async fn restore(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
) -> Result<Response, AppError> {
    sessions::restore(&state, &signed.user, id).await?;
    Ok(redirect_notice(
        &format!("/sessions/{id}"),
        "session-restored",
    ))
}

#[derive(Template)]
#[template(path = "trash.html")]
struct TrashPage {
    c: Chrome,
    /// (id, title, the date it goes for good)
    sessions: Vec<(SessionId, String, String)>,
}

async fn trash_page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Query(q): Query<super::super::NoticeQuery>,
) -> Result<Response, AppError> {
    let zone = jiff::tz::TimeZone::get(&signed.user.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let sessions = crate::sessions::in_trash(&state, &signed.user)
        .await?
        .into_iter()
        .map(|s| {
            let purge = jiff::Timestamp::from_millisecond(
                s.deleted_at.unwrap_or(0) + store::TRASH_DAYS * 24 * 3600 * 1000,
            )
            .map(|t| viewer.tr.date(t.to_zoned(zone.clone()).date()))
            .unwrap_or_default();
            (s.id, s.title, purge)
        })
        .collect();
    Ok(render(&TrashPage {
        c: Chrome::new(&viewer, "/trash").with_notice(q.notice.as_deref()),
        sessions,
    }))
}

/// The bytes of the `image` field of an upload.
async fn upload_bytes(
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Vec<u8>, AppError> {
    let mut multipart = multipart.map_err(|_| AppError::BadRequest("multipart".into()))?;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(crate::forms::multipart_error)?
    {
        if field.name() == Some("image") {
            let bytes = field.bytes().await.map_err(crate::forms::multipart_error)?;
            if bytes.is_empty() {
                break;
            }
            return Ok(bytes.to_vec());
        }
    }
    Err(AppError::UnsupportedImage)
}

/// Checks, re-encodes and stores an uploaded picture for a session the user may see.
async fn store_picture(
    state: &AppState,
    signed: &SignedIn,
    id: SessionId,
    bytes: &[u8],
) -> Result<ImageId, AppError> {
    let session = sessions::editable(state, &signed.user, id).await?;
    crate::auth::throttle::UPLOAD_PER_ACCOUNT
        .hit(state, &signed.user.id.to_string())
        .await?;
    let quota = crate::billing::quota(state, session.workspace_id).await?;
    let bytes = bytes.to_vec();
    let picture = tokio::task::spawn_blocking(move || crate::avatar::picture(&bytes))
        .await
        .map_err(|e| AppError::Internal(e.into()))??;
    Ok(state
        .store
        .add_image(id, &picture.as_new(), Some(quota))
        .await?)
}

/// Sets (or with `None` removes) the session's cover and returns to its settings.
async fn set_cover(
    state: &AppState,
    signed: &SignedIn,
    id: SessionId,
    image: Option<ImageId>,
) -> Result<Response, AppError> {
    let set = SessionField::CoverImage(image);
    apply(state, signed, id, vec![Op::SetSession { set }]).await?;
    Ok(Redirect::to(&format!("/sessions/{id}/settings")).into_response())
}

/// Sets (or with `None` removes) a block's card image and returns to its form.
async fn set_card(
    state: &AppState,
    signed: &SignedIn,
    (id, block): (SessionId, BlockId),
    image: Option<ImageId>,
) -> Result<Response, AppError> {
    let set = BlockField::CardImage(image);
    apply(state, signed, id, vec![Op::SetBlock { block, set }]).await?;
    Ok(Redirect::to(&format!("/sessions/{id}/blocks/{block}/edit")).into_response())
}

async fn upload_cover(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    let bytes = upload_bytes(multipart).await?;
    let image = store_picture(&state, &signed, id, &bytes).await?;
    set_cover(&state, &signed, id, Some(image)).await
}

async fn remove_cover(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
) -> Result<Response, AppError> {
    set_cover(&state, &signed, id, None).await
}

async fn upload_card(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(ids): Path<(SessionId, BlockId)>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    let bytes = upload_bytes(multipart).await?;
    let image = store_picture(&state, &signed, ids.0, &bytes).await?;
    set_card(&state, &signed, ids, Some(image)).await
}

async fn remove_card(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(ids): Path<(SessionId, BlockId)>,
) -> Result<Response, AppError> {
    set_card(&state, &signed, ids, None).await
}

/// An image of a session, for those who may see the session. Images never change under an
/// id, so they are cached for good (privately).
#[derive(Deserialize)]
struct ImageQuery {
    /// `card` or `card2x` for the card copy at 1x or 2x; the whole picture otherwise.
    #[serde(default)]
    size: String,
}

async fn image(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, image)): Path<(SessionId, ImageId)>,
    Query(q): Query<ImageQuery>,
) -> Result<Response, AppError> {
    sessions::visible(&state, &signed.user, id).await?;
    let size = match q.size.as_str() {
        "card" => ImageSize::Card1x,
        "card2x" => ImageSize::Card2x,
        _ => ImageSize::Whole,
    };
    let img = state.store.image(id, image, size).await?;
    let mut res = img.bytes.into_response();
    let headers = res.headers_mut();
    if let Ok(ct) = HeaderValue::from_str(&img.content_type) {
        headers.insert(header::CONTENT_TYPE, ct);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=31536000, immutable"),
    );
    Ok(res)
}

#[derive(Deserialize)]
struct FieldForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    options: String,
    column: Option<String>,
}

/// Adds a custom block field to the session. A refused field (no name, a name taken, a choice
/// without choices) shows the settings again with the form as typed and the reason.
async fn add_field(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Form(f): Form<FieldForm>,
) -> Result<Response, AppError> {
    let session = sessions::editable(&state, &signed.user, id).await?;
    let mut defs = session.custom_fields.clone();
    let kind = match f.kind.as_str() {
        "number" => CustomKind::Number,
        "choice" => CustomKind::Choice,
        _ => CustomKind::Text,
    };
    let next = (1..)
        .map(|n| format!("f{n}"))
        .find(|candidate| !defs.iter().any(|d| &d.id == candidate))
        .unwrap_or_default();
    defs.push(CustomFieldDef {
        id: next,
        name: f.name.clone(),
        kind,
        options: f.options.split(',').map(str::to_owned).collect(),
        column: f.column.is_some(),
    });
    match save_fields(&state, &signed, id, defs).await {
        Err(AppError::OpRefused(code)) => {
            let field = super::settings::FieldInput {
                error: Some(viewer.tr.t(&format!("op-error-{}", code.replace('_', "-")))),
                name: f.name,
                kind: f.kind,
                options: f.options,
                column: f.column.is_some(),
            };
            let page =
                super::settings::settings(&state, &viewer, session, None, None, field).await?;
            Ok(super::super::render_status(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                &page,
            ))
        }
        other => other,
    }
}

async fn remove_field(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, field)): Path<(SessionId, String)>,
) -> Result<Response, AppError> {
    let session = sessions::editable(&state, &signed.user, id).await?;
    let mut defs = session.custom_fields.clone();
    let before = defs.len();
    defs.retain(|d| d.id != field);
    if defs.len() == before {
        return Err(AppError::NotFound);
    }
    save_fields(&state, &signed, id, defs).await
}

/// Saves the session's whole list of custom fields and returns to that part of its settings.
async fn save_fields(
    state: &AppState,
    signed: &SignedIn,
    id: SessionId,
    defs: Vec<CustomFieldDef>,
) -> Result<Response, AppError> {
    let set = SessionField::CustomFields(defs);
    apply(state, signed, id, vec![Op::SetSession { set }]).await?;
    Ok(Redirect::to(&format!("/sessions/{id}/settings#custom-fields")).into_response())
}
