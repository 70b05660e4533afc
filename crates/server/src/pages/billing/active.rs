//! Choosing which sessions stay active when a workspace has more than its plan allows (after
//! a downgrade): its admins tick the sessions to keep; the others are held read-only, with
//! nothing deleted, until they are chosen again or the plan grows.

use super::payable;
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::pages::{Chrome, NoticeQuery, redirect_notice, render, render_status};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use domain::SessionId;
use serde::Deserialize;

/// One session to keep active or hold.
struct Choice {
    id: SessionId,
    title: String,
    /// When it last changed, in the reader's words.
    changed: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "billing_active.html")]
struct ActivePage {
    c: Chrome,
    workspace: String,
    /// The most the plan keeps active; none without a limit.
    max: Option<u64>,
    choices: Vec<Choice>,
    /// Why the choice was refused, in the reader's language.
    problem: Option<String>,
}

/// The choice as the workspace stands, or as `keep` asked when it was refused for `problem`.
async fn page(
    state: &AppState,
    signed: &SignedIn,
    viewer: &Viewer,
    keep: Option<&[SessionId]>,
    problem: Option<String>,
    notice: Option<&str>,
) -> Result<ActivePage, AppError> {
    let workspace = payable(state, signed).await?;
    let limits = state.store.limits_of(workspace.id).await?;
    let tr = &viewer.tr;
    let zone = signed.user.time_zone.as_str();
    let choices = state
        .store
        .sessions_in(workspace.id)
        .await?
        .into_iter()
        .filter(|s| !s.archived)
        .map(|s| Choice {
            active: keep.map_or(!s.held, |k| k.contains(&s.id)),
            changed: tr.ts(
                "billing-active-changed",
                "when",
                &tr.datetime(s.updated_at, zone),
            ),
            id: s.id,
            title: s.title,
        })
        .collect();
    Ok(ActivePage {
        c: Chrome::new(viewer, "/billing/sessions").with_notice(notice),
        workspace: workspace.name,
        max: limits.active_sessions,
        choices,
        problem,
    })
}

pub(super) async fn show(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    Ok(render(
        &page(&state, &signed, &viewer, None, None, q.notice.as_deref()).await?,
    ))
}

#[derive(Debug, Deserialize)]
pub(super) struct ChoiceForm {
    #[serde(default)]
    keep: Vec<SessionId>,
}

pub(super) async fn choose(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Form(f): Form<ChoiceForm>,
) -> Result<Response, AppError> {
    let workspace = payable(&state, &signed).await?;
    match state.store.choose_active(workspace.id, &f.keep).await {
        Ok(()) => Ok(redirect_notice("/billing", "active-chosen")),
        Err(store::StoreError::OverLimit(over)) => {
            let problem = viewer.tr.args(
                "billing-active-too-many",
                &[("chosen", over.used.into()), ("max", over.max.into())],
            );
            let page = page(&state, &signed, &viewer, Some(&f.keep), Some(problem), None).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(e.into()),
    }
}
