//! The workspace's block categories: the default palette, and the workspace's own categories
//! with their colours, which blocks then pick from.

use super::{Chrome, NoticeQuery, redirect_notice, render, render_status};
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::sessions::{Category, palette};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::{CategoryId, FieldError};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/categories", get(page).post(add))
        .route("/categories/{id}/delete", post(remove))
}

#[derive(Template)]
#[template(path = "categories.html")]
struct Page {
    c: Chrome,
    defaults: Vec<Category>,
    own: Vec<(CategoryId, Category)>,
    name: String,
    colour: String,
    alert: Option<String>,
}

async fn build(
    state: &AppState,
    signed: &SignedIn,
    viewer: &Viewer,
    notice: Option<&str>,
) -> Result<Page, AppError> {
    let own = crate::categories::list(state, &signed.user)
        .await?
        .into_iter()
        .map(|c| {
            (
                c.id,
                Category {
                    value: c.name.clone(),
                    label: c.name,
                    colour: c.colour,
                },
            )
        })
        .collect();
    Ok(Page {
        c: Chrome::new(viewer, "/categories").with_notice(notice),
        defaults: palette(&viewer.tr, &[]),
        own,
        name: String::new(),
        colour: "#2457c5".into(),
        alert: None,
    })
}

async fn page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    Ok(render(
        &build(&state, &signed, &viewer, q.notice.as_deref()).await?,
    ))
}

#[derive(Deserialize)]
struct AddForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    colour: String,
}

async fn add(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Form(f): Form<AddForm>,
) -> Result<Response, AppError> {
    let problem = match crate::categories::add(&state, &signed.user, &f.name, &f.colour).await {
        Ok(_) => None,
        Err(AppError::Validation(fields)) => Some(match fields.first() {
            Some(("name", FieldError::Required)) | None => viewer.tr.t("category-name-required"),
            Some(("colour", _)) => viewer.tr.t("category-colour-invalid"),
            Some((_, e)) => viewer.tr.field_error(e),
        }),
        Err(AppError::Conflict(_)) => Some(viewer.tr.t("category-name-taken")),
        Err(e) => return Err(e),
    };
    match problem {
        None => Ok(redirect_notice("/categories", "category-added")),
        Some(alert) => {
            let mut page = build(&state, &signed, &viewer, None).await?;
            page.alert = Some(alert);
            page.name = f.name;
            page.colour = f.colour;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
    }
}

async fn remove(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<CategoryId>,
) -> Result<Response, AppError> {
    crate::categories::remove(&state, &signed.user, id).await?;
    Ok(redirect_notice("/categories", "category-removed"))
}
