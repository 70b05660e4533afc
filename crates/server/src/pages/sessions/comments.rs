//! The comments page of a session: threads about the session and about each block, with
//! replies; write, reply, resolve and reopen (commenters and up), edit and delete your own.

use super::super::{Chrome, Form, redirect_notice, render, render_form_error};
use crate::auth::{SignedIn, Viewer};
use crate::comments;
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form as FormBody, Router};
use domain::Session;
use domain::permission::{self, Action};
use domain::{BlockId, CommentId, SessionId};
use serde::Deserialize;
use store::CommentRow;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sessions/{id}/comments", get(page).post(add))
        .route("/sessions/{id}/comments/{comment}/reply", post(reply))
        .route("/sessions/{id}/comments/{comment}/edit", post(edit))
        .route("/sessions/{id}/comments/{comment}/delete", post(delete))
        .route("/sessions/{id}/comments/{comment}/resolve", post(resolve))
}

/// A thread as the page shows it.
pub struct Thread {
    pub id: CommentId,
    pub resolved: bool,
    /// The first comment, then its replies.
    pub items: Vec<Shown>,
    /// What it is about: a block's title, or the session.
    pub about: String,
}

pub struct Shown {
    pub c: CommentRow,
    pub when: String,
    pub mine: bool,
}

#[derive(Template)]
#[template(path = "comments.html")]
struct CommentsPage {
    c: Chrome,
    s: Session,
    open: Vec<Thread>,
    resolved: Vec<Thread>,
    /// Blocks a new comment can be about: id and title.
    blocks: Vec<(BlockId, String)>,
    can_comment: bool,
    f: Form,
}

#[derive(Deserialize)]
struct PageQuery {
    /// The block a new comment is about, preselected.
    block: Option<BlockId>,
    notice: Option<String>,
}

async fn build(
    state: &AppState,
    viewer: &Viewer,
    user: &store::User,
    id: SessionId,
    f: Form,
) -> Result<CommentsPage, AppError> {
    let (s, access, all) = crate::comments::list(state, user, id).await?;
    let blocks = super::block_titles(state, &viewer.tr, id).await?;
    let shown = |c: CommentRow| Shown {
        when: viewer.tr.datetime(c.created_at, &user.time_zone),
        mine: c.author_id == Some(user.id),
        c,
    };
    let (firsts, replies): (Vec<CommentRow>, Vec<CommentRow>) =
        all.into_iter().partition(|c| c.parent_id.is_none());
    let mut open = Vec::new();
    let mut resolved = Vec::new();
    for first in firsts {
        let about = match first.block_id {
            Some(b) => blocks
                .iter()
                .find(|(id, _)| *id == b)
                .map(|(_, t)| t.clone())
                .unwrap_or_else(|| viewer.tr.t("comments-deleted-block")),
            None => viewer.tr.t("comments-about-session"),
        };
        let thread = Thread {
            id: first.id,
            resolved: first.resolved_at.is_some(),
            about,
            items: std::iter::once(first.clone())
                .chain(
                    replies
                        .iter()
                        .filter(|r| r.parent_id == Some(first.id))
                        .cloned(),
                )
                .map(shown)
                .collect(),
        };
        if thread.resolved {
            resolved.push(thread);
        } else {
            open.push(thread);
        }
    }
    Ok(CommentsPage {
        c: Chrome::new(viewer, &format!("/sessions/{id}/comments")),
        can_comment: permission::allows(access, Action::Comment),
        s,
        open,
        resolved,
        blocks,
        f,
    })
}

async fn page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let block = q.block.map(|b| b.to_string()).unwrap_or_default();
    let mut p = build(
        &state,
        &viewer,
        &signed.user,
        id,
        Form::default().with("block", &block),
    )
    .await?;
    p.c = p.c.with_notice(q.notice.as_deref());
    Ok(render(&p))
}

#[derive(Deserialize)]
struct NewComment {
    #[serde(default)]
    block: String,
    #[serde(default)]
    body: String,
}

/// Where to go after a change: the comment on the page, with a notice.
fn to_comment(id: SessionId, comment: Option<CommentId>, notice: &str) -> Response {
    let anchor = comment.map(|c| format!("#comment-{c}")).unwrap_or_default();
    Redirect::to(&format!("/sessions/{id}/comments?notice={notice}{anchor}")).into_response()
}

/// Shows the page again with what was typed and the error on the field.
async fn refused(
    state: &AppState,
    viewer: &Viewer,
    user: &store::User,
    id: SessionId,
    e: AppError,
    f: Form,
) -> Result<Response, AppError> {
    if !matches!(e, AppError::Validation(_)) {
        return Err(e);
    }
    let f = f.with_error(&e, &viewer.tr);
    let p = build(state, viewer, user, id, f).await?;
    Ok(render_form_error(&e, &p))
}

async fn add(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    FormBody(input): FormBody<NewComment>,
) -> Result<Response, AppError> {
    let block = match input.block.trim() {
        "" => None,
        b => Some(b.parse().map_err(|_| AppError::NotFound)?),
    };
    match comments::add(&state, &signed.user, id, block, None, &input.body).await {
        Ok(c) => Ok(to_comment(id, Some(c.id), "comment-added")),
        Err(e) => {
            let f = Form::default()
                .with("block", &input.block)
                .with("body", &input.body);
            refused(&state, &viewer, &signed.user, id, e, f).await
        }
    }
}

#[derive(Deserialize)]
struct Body {
    #[serde(default)]
    body: String,
}

async fn reply(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path((id, comment)): Path<(SessionId, CommentId)>,
    FormBody(input): FormBody<Body>,
) -> Result<Response, AppError> {
    match comments::add(&state, &signed.user, id, None, Some(comment), &input.body).await {
        Ok(c) => Ok(to_comment(id, Some(c.id), "comment-added")),
        Err(e) => refused(&state, &viewer, &signed.user, id, e, Form::default()).await,
    }
}

async fn edit(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path((id, comment)): Path<(SessionId, CommentId)>,
    FormBody(input): FormBody<Body>,
) -> Result<Response, AppError> {
    match comments::edit(&state, &signed.user, id, comment, &input.body).await {
        Ok(()) => Ok(to_comment(id, Some(comment), "comment-edited")),
        Err(e) => refused(&state, &viewer, &signed.user, id, e, Form::default()).await,
    }
}

async fn delete(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, comment)): Path<(SessionId, CommentId)>,
) -> Result<Response, AppError> {
    comments::delete(&state, &signed.user, id, comment).await?;
    Ok(redirect_notice(
        &format!("/sessions/{id}/comments"),
        "comment-deleted",
    ))
}

#[derive(Deserialize)]
struct ResolveForm {
    #[serde(default)]
    resolved: String,
}

async fn resolve(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, comment)): Path<(SessionId, CommentId)>,
    FormBody(input): FormBody<ResolveForm>,
) -> Result<Response, AppError> {
    let resolved = input.resolved == "true";
    comments::resolve(&state, &signed.user, id, comment, resolved).await?;
    let notice = if resolved {
        "comment-resolved"
    } else {
        "comment-reopened"
    };
    Ok(to_comment(id, Some(comment), notice))
}
