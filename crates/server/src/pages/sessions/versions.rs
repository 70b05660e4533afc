//! The versions of a session: the list (with "Save a version" for editors), one version
//! shown read-only, and restoring one.

use super::super::{Chrome, Form, NoticeQuery, redirect_notice, render, render_form_error};
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::sessions;
use crate::state::AppState;
use crate::versions;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form as FormBody, Router};
use domain::Session;
use domain::permission::Action;
use domain::{SessionId, SnapshotId};
use serde::Deserialize;
use store::SnapshotRow;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sessions/{id}/versions", get(list).post(save))
        .route("/sessions/{id}/versions/{version}", get(show))
        .route("/sessions/{id}/versions/{version}/restore", post(restore))
}

/// A version as the list shows it.
pub struct Line {
    pub row: SnapshotRow,
    /// Its name, or what saved it.
    pub title: String,
    /// When, and by whom.
    pub meta: String,
}

fn line(tr: &Tr, tz: &str, row: SnapshotRow) -> Line {
    let kind = tr.t(&format!("version-kind-{}", row.kind));
    let title = if row.name.is_empty() {
        kind
    } else if row.kind == "restore" {
        tr.ts("version-before-restoring", "name", &row.name)
    } else {
        row.name.clone()
    };
    let mut meta = vec![
        tr.datetime(row.created_at, tz),
        tr.tn("version-blocks", "count", i64::from(row.blocks)),
    ];
    if !row.author.is_empty() {
        meta.push(row.author.clone());
    }
    Line {
        title,
        meta: meta.join(" · "),
        row,
    }
}

#[derive(Template)]
#[template(path = "versions.html")]
struct ListPage {
    c: Chrome,
    s: Session,
    versions: Vec<Line>,
    can_edit: bool,
    f: Form,
}

async fn list_page(
    state: &AppState,
    viewer: &Viewer,
    user: &store::User,
    id: SessionId,
    f: Form,
) -> Result<ListPage, AppError> {
    let (s, access) = sessions::require(state, user, id, Action::View).await?;
    let versions = state
        .store
        .snapshots(id, versions::LIST_MAX)
        .await?
        .into_iter()
        .map(|r| line(&viewer.tr, &user.time_zone, r))
        .collect();
    Ok(ListPage {
        c: Chrome::new(viewer, &format!("/sessions/{id}/versions")),
        can_edit: sessions::may_edit(&s, access),
        s,
        versions,
        f,
    })
}

async fn list(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Query(n): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let mut p = list_page(&state, &viewer, &signed.user, id, Form::default()).await?;
    p.c = p.c.with_notice(n.notice.as_deref());
    Ok(render(&p))
}

#[derive(Deserialize)]
struct SaveForm {
    #[serde(default)]
    name: String,
}

async fn save(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    FormBody(input): FormBody<SaveForm>,
) -> Result<Response, AppError> {
    match versions::save(&state, &signed.user, id, &input.name).await {
        Ok(_) => Ok(redirect_notice(
            &format!("/sessions/{id}/versions"),
            "version-saved",
        )),
        Err(e @ AppError::Validation(_)) => {
            let f = Form::default()
                .with("name", &input.name)
                .with_error(&e, &viewer.tr);
            let p = list_page(&state, &viewer, &signed.user, id, f).await?;
            Ok(render_form_error(&e, &p))
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "version.html")]
struct VersionPage {
    c: Chrome,
    v: Line,
    p: super::Programme,
    can_edit: bool,
}

async fn show(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path((id, version)): Path<(SessionId, SnapshotId)>,
) -> Result<Response, AppError> {
    let (session, access) = sessions::require(&state, &signed.user, id, Action::View).await?;
    let (row, snapshot) = state.store.snapshot(id, version).await?;
    let own = state.store.categories(session.workspace_id).await?;
    let palette = sessions::palette(&viewer.tr, &own);
    let mut p = super::programme_of(&viewer.tr, snapshot.session, &snapshot.blocks, &palette);
    p.can_edit = false;
    Ok(render(&VersionPage {
        c: Chrome::new(&viewer, &format!("/sessions/{id}/versions/{version}")),
        v: line(&viewer.tr, &signed.user.time_zone, row),
        p,
        can_edit: sessions::may_edit(&session, access),
    }))
}

async fn restore(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, version)): Path<(SessionId, SnapshotId)>,
) -> Result<Response, AppError> {
    let done = versions::restore(&state, &signed.user, id, version).await?;
    let notice = if done.refused == 0 {
        "version-restored"
    } else {
        "version-restored-partly"
    };
    Ok(redirect_notice(&format!("/sessions/{id}"), notice))
}
