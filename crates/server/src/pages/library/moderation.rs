//! Publication review for administrators (`/admin/moderation`); authors read the outcome in
//! their notifications.

use super::super::{Chrome, NoticeQuery, redirect_notice, render, render_status};
use crate::auth::{Admin, Viewer};
use crate::error::AppError;
use crate::library;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::{MethodId, TemplateId};
use serde::Deserialize;
use store::Pending;
use store::library::publication::Item;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/moderation", get(queue))
        .route("/admin/moderation/{kind}/{id}", post(decide))
}

#[derive(Template)]
#[template(path = "moderation.html")]
struct QueuePage {
    c: Chrome,
    pending: Vec<(Pending, String, String)>,
    alert: Option<String>,
}

async fn queue_page(
    state: &AppState,
    viewer: &Viewer,
    admin: &store::User,
    notice: Option<&str>,
) -> Result<QueuePage, AppError> {
    let pending = state
        .store
        .pending_publications()
        .await?
        .into_iter()
        .map(|p| {
            let link = match p.kind.as_str() {
                "method" => format!("/library/methods/{}", p.id),
                _ => format!("/library/designs/{}", p.id),
            };
            let when = viewer.tr.datetime(p.updated_at, &admin.time_zone);
            (p, link, when)
        })
        .collect();
    Ok(QueuePage {
        c: Chrome::new(viewer, "/admin/moderation").with_notice(notice),
        pending,
        alert: None,
    })
}

async fn queue(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Query(n): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    Ok(render(
        &queue_page(&state, &viewer, &admin, n.notice.as_deref()).await?,
    ))
}

#[derive(Deserialize)]
struct Decision {
    decision: String,
    #[serde(default)]
    note: String,
}

async fn decide(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path((kind, id)): Path<(String, Uuid)>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let item = match kind.as_str() {
        "method" => Item::Method(MethodId(id)),
        "template" => Item::Template(TemplateId(id)),
        _ => return Err(AppError::NotFound),
    };
    let approve = d.decision == "approve";
    match library::review(&state, &admin, item, approve, &d.note).await {
        Ok(()) => Ok(redirect_notice(
            "/admin/moderation",
            if approve {
                "publication-approved"
            } else {
                "publication-rejected"
            },
        )),
        Err(e @ AppError::Validation(_)) => {
            let mut page = queue_page(&state, &viewer, &admin, None).await?;
            page.alert = Some(viewer.tr.t("moderation-reason-required"));
            Ok(render_status(e.status(), &page))
        }
        Err(e) => Err(e),
    }
}
