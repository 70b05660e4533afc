//! The library in the session editor: search methods and insert one at a position (a block
//! copying its fields and remembering its source), and save a block as a method.

use super::super::{Chrome, redirect_notice, render};
use super::{Card, results, taxonomy};
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::library::{self, SearchParams};
use crate::sessions;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::{BlockId, MethodId, SessionId};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sessions/{id}/library", get(panel))
        .route("/sessions/{id}/library/results", get(panel_results))
        .route("/sessions/{id}/library/insert", post(insert))
        .route(
            "/sessions/{id}/blocks/{block}/save-as-method",
            post(save_block),
        )
}

#[derive(Template)]
#[template(path = "session_library.html")]
struct PanelPage {
    c: Chrome,
    session: SessionId,
    title: String,
    p: SearchParams,
    language: String,
    after: String,
    positions: Vec<(String, String)>,
    categories: Vec<(String, String)>,
    cards: Vec<Card>,
    /// The session results insert into, and after which block.
    insert: Option<(String, String)>,
    prev: Option<String>,
    next: Option<String>,
}

#[derive(Deserialize)]
struct After {
    #[serde(default)]
    after: String,
}

async fn panel(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Query(p): Query<SearchParams>,
    Query(a): Query<After>,
) -> Result<Response, AppError> {
    let session = sessions::editable(&state, &signed.user, id).await?;
    let positions = state
        .store
        .blocks(id)
        .await?
        .into_iter()
        .map(|b| {
            let title = if b.title.is_empty() {
                viewer.tr.t("untitled")
            } else {
                b.title
            };
            (
                b.id.to_string(),
                viewer.tr.ts("position-after", "title", &title),
            )
        })
        .collect();
    let base = format!("/sessions/{id}/library");
    let (cards, prev, next) = results(&state, &viewer, &signed, &p, &base).await?;
    Ok(render(&PanelPage {
        c: Chrome::new(&viewer, &base),
        session: id,
        title: session.title,
        insert: Some((id.to_string(), a.after.clone())),
        language: p.language_choice(),
        after: a.after,
        positions,
        categories: taxonomy(&viewer.tr),
        cards,
        prev,
        next,
        p,
    }))
}

#[derive(Template)]
#[template(path = "library_results.html")]
struct PanelResults {
    c: Chrome,
    cards: Vec<Card>,
    next: Option<String>,
}

/// The results of a search in the editor's library panel, as a fragment the panel shows:
/// compact methods to drag into the plan or add after the selected block.
async fn panel_results(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Query(p): Query<SearchParams>,
) -> Result<Response, AppError> {
    sessions::editable(&state, &signed.user, id).await?;
    let base = format!("/sessions/{id}/library/results");
    let (cards, _, next) = results(&state, &viewer, &signed, &p, &base).await?;
    Ok(render(&PanelResults {
        c: Chrome::new(&viewer, &base),
        cards,
        next,
    }))
}

#[derive(Deserialize)]
struct InsertForm {
    method: MethodId,
    #[serde(default)]
    after: String,
}

async fn insert(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Form(f): Form<InsertForm>,
) -> Result<Response, AppError> {
    let after = match f.after.as_str() {
        "" => None,
        a => Some(
            a.parse::<BlockId>()
                .map_err(|_| AppError::BadRequest("after".into()))?,
        ),
    };
    let block =
        library::insert_method(&state, &signed.user, id, f.method, after, &viewer.tr).await?;
    Ok(Redirect::to(&format!(
        "/sessions/{id}?notice=method-inserted#block-{block}"
    ))
    .into_response())
}

async fn save_block(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, block)): Path<(SessionId, BlockId)>,
) -> Result<Response, AppError> {
    let method = library::save_block_as_method(&state, &signed.user, id, block).await?;
    Ok(redirect_notice(
        &format!("/library/methods/{method}/edit"),
        "method-saved-from-block",
    ))
}
