//! The session pages without the editor island: the Programme as a server-rendered table,
//! the Design board of the same blocks, and the print page; the block forms (`blocks`) and the
//! settings form (`settings`) turn into ops applied through the same path as the API.

use super::{Chrome, render};
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::sessions::{self, CreateInput};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::op::Op;
use domain::permission::{Access, Action};
use domain::{BlockId, SessionId};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sessions", post(create))
        .route("/sessions/{id}", get(programme))
        .route("/sessions/{id}/design", get(design))
        .route("/sessions/{id}/print", get(print))
        .merge(blocks::router())
        .merge(settings::router())
        .merge(manage::router())
        .merge(share::router())
        .merge(comments::router())
        .merge(activity::router())
        .merge(versions::router())
        .merge(transfer::router())
}

mod activity;
mod blocks;
mod comments;
mod manage;
mod settings;
mod share;
mod transfer;
mod versions;
mod view;

use view::{DayColumn, board};
pub use view::{Programme, parse_materials, programme_of};

async fn create(
    State(state): State<AppState>,
    signed: SignedIn,
    Form(input): Form<NewSessionForm>,
) -> Result<Response, AppError> {
    let input = CreateInput {
        title: input.title,
        first_date: input
            .first_date
            .filter(|d| !d.is_empty())
            .and_then(|d| d.parse().ok()),
        start_time: input
            .start_time
            .filter(|t| !t.is_empty())
            .and_then(|t| t.parse().ok()),
        time_zone: None,
        language: None,
    };
    let session = sessions::create(&state, &signed.user, input).await?;
    Ok(Redirect::to(&format!("/sessions/{}", session.id)).into_response())
}

#[derive(Deserialize)]
struct NewSessionForm {
    #[serde(default)]
    title: String,
    first_date: Option<String>,
    start_time: Option<String>,
}

#[derive(Template)]
#[template(path = "session.html")]
struct ProgrammePage {
    c: Chrome,
    p: Programme,
    strings: String,
    /// The "add a block" form: empty, or as typed with why it was refused.
    add: AddInput,
}

/// The "add a block" form's values.
#[derive(Default)]
pub(crate) struct AddInput {
    pub kind: String,
    pub title: String,
    pub minutes: String,
    pub after: String,
    pub error: Option<String>,
}

/// The Programme page of a session, as the signed-in reader may see it.
async fn programme_page(
    state: &AppState,
    signed: &SignedIn,
    viewer: &Viewer,
    id: SessionId,
    c: Chrome,
    add: AddInput,
) -> Result<ProgrammePage, AppError> {
    let (session, access) = sessions::require(state, &signed.user, id, Action::View).await?;
    let blocks = state.store.blocks(id).await?;
    Ok(ProgrammePage {
        p: programme_with_palette(state, viewer, session, &blocks, access).await?,
        c,
        strings: editor_strings(&viewer.tr),
        add,
    })
}

/// The editor island's messages in the reader's language, as JSON for a data script.
fn editor_strings(tr: &Tr) -> String {
    let keys = [
        "editor-moved",
        "editor-saved",
        "editor-undone",
        "editor-redone",
        "editor-nothing",
        "editor-failed",
        "editor-offline",
        "editor-new-activity",
        "editor-deleted",
        "editor-inserted",
        "editor-expand",
        "editor-collapse",
        "editor-edit-hint",
        "editor-set",
        "editor-method-added",
        "live-connecting",
        "live-connected",
        "live-offline",
        "live-editing",
        "live-reload",
        "live-removed",
    ];
    let map: serde_json::Map<String, serde_json::Value> = keys
        .iter()
        .map(|k| ((*k).to_owned(), serde_json::Value::String(tr.t(k))))
        .chain(domain_error_strings(tr))
        .collect();
    serde_json::Value::Object(map)
        .to_string()
        .replace('<', "\\u003c")
}

/// The messages for refused ops, by code.
fn domain_error_strings(tr: &Tr) -> impl Iterator<Item = (String, serde_json::Value)> + '_ {
    [
        "too_long",
        "duration_out_of_range",
        "too_many_blocks",
        "invalid_value",
        "control_characters",
    ]
    .into_iter()
    .map(|code| {
        (
            format!("op-error-{code}"),
            serde_json::Value::String(tr.t(&format!("op-error-{}", code.replace('_', "-")))),
        )
    })
}

#[derive(Deserialize)]
struct Announce {
    moved: Option<BlockId>,
    dir: Option<String>,
}

async fn programme(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Query(a): Query<Announce>,
    Query(n): Query<super::NoticeQuery>,
) -> Result<Response, AppError> {
    let mut c = Chrome::new(&viewer, &format!("/sessions/{id}")).with_notice(n.notice.as_deref());
    if let Some(moved) = a.moved {
        let blocks = state.store.blocks(id).await?;
        if let Some(at) = blocks.iter().position(|b| b.id == moved) {
            let key = if a.dir.as_deref() == Some("up") {
                "moved-up"
            } else {
                "moved-down"
            };
            let title = if blocks[at].title.is_empty() {
                viewer.tr.t("untitled")
            } else {
                blocks[at].title.clone()
            };
            c.notice = Some(viewer.tr.args(
                key,
                &[
                    ("title", title.into()),
                    ("position", i64::try_from(at + 1).unwrap_or(0).into()),
                ],
            ));
        }
    }
    Ok(render(
        &programme_page(&state, &signed, &viewer, id, c, AddInput::default()).await?,
    ))
}

/// The Programme again with the "add a block" form as typed and why it was refused.
pub(crate) async fn refused_add(
    state: &AppState,
    signed: &SignedIn,
    viewer: &Viewer,
    id: SessionId,
    add: AddInput,
) -> Result<Response, AppError> {
    let c = Chrome::new(viewer, &format!("/sessions/{id}"));
    let page = programme_page(state, signed, viewer, id, c, add).await?;
    Ok(super::render_status(
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        &page,
    ))
}

#[derive(Template)]
#[template(path = "design.html")]
struct DesignPage {
    c: Chrome,
    p: Programme,
    board: Vec<DayColumn>,
    strings: String,
}

async fn design(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
) -> Result<Response, AppError> {
    let (session, access) = sessions::require(&state, &signed.user, id, Action::View).await?;
    let blocks = state.store.blocks(id).await?;
    let p = programme_with_palette(&state, &viewer, session, &blocks, access).await?;
    let board = board(&p.rows, p.first_day.as_ref());
    Ok(render(&DesignPage {
        c: Chrome::new(&viewer, &format!("/sessions/{id}/design")),
        p,
        board,
        strings: editor_strings(&viewer.tr),
    }))
}

#[derive(Template)]
#[template(path = "print.html")]
struct PrintPage {
    tr: Tr,
    p: Programme,
    materials: bool,
    notes: bool,
}

#[derive(Deserialize)]
struct PrintOptions {
    #[serde(default)]
    materials: Option<String>,
    #[serde(default)]
    notes: Option<String>,
}

async fn print(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Query(o): Query<PrintOptions>,
) -> Result<Response, AppError> {
    let (session, access) = sessions::require(&state, &signed.user, id, Action::View).await?;
    let blocks = state.store.blocks(id).await?;
    Ok(render(&PrintPage {
        p: programme_with_palette(&state, &viewer, session, &blocks, access).await?,
        tr: viewer.tr,
        materials: o.materials.is_some(),
        notes: o.notes.is_some(),
    }))
}

/// The Programme of a session with its workspace's category palette, as `access` sees it.
async fn programme_with_palette(
    state: &AppState,
    viewer: &Viewer,
    session: domain::Session,
    blocks: &[domain::Block],
    access: Access,
) -> Result<Programme, AppError> {
    let own = state.store.categories(session.workspace_id).await?;
    let palette = sessions::palette(&viewer.tr, &own);
    let open = state.store.open_threads(session.id).await?;
    let files = state
        .store
        .files_of(store::FileParent::Session(session.id, None))
        .await?;
    let mut p = programme_of(&viewer.tr, session, blocks, &palette);
    p.can_edit = sessions::may_edit(&p.session, access);
    if p.can_edit {
        p.categories = super::library::taxonomy(&viewer.tr);
    }
    for r in &mut p.rows {
        if let Some(n) = open.get(&Some(r.id)) {
            r.comments = Some(viewer.tr.tn("comments-open-count", "count", *n));
            r.comment_count = *n;
        }
    }
    // Files are listed newest first; a row shows its own in the order they came.
    let at: std::collections::HashMap<BlockId, usize> =
        p.rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    for f in files.iter().rev().filter(|f| f.servable()) {
        if let Some(&i) = f.block_id.as_ref().and_then(|b| at.get(b)) {
            p.rows[i].files.push((f.id, f.name.clone()));
        }
    }
    Ok(p)
}

/// The session's live blocks as (id, title) for a "which block" choice; an untitled block is
/// named as such in the reader's language.
pub(crate) async fn block_titles(
    state: &AppState,
    tr: &Tr,
    id: SessionId,
) -> Result<Vec<(BlockId, String)>, AppError> {
    Ok(state
        .store
        .blocks(id)
        .await?
        .into_iter()
        .map(|b| {
            let title = if b.title.is_empty() {
                tr.t("untitled")
            } else {
                b.title
            };
            (b.id, title)
        })
        .collect())
}

/// Applies ops from a form; a refused op is a 422 with its reason.
async fn apply(
    state: &AppState,
    signed: &SignedIn,
    id: SessionId,
    ops: Vec<Op>,
) -> Result<(), AppError> {
    sessions::apply_all(state, &signed.user, id, ops).await
}
