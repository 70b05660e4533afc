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
use domain::CategoryId;
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
    let (workspace, _) = state.store.working_in(signed.user.id).await?;
    let own = state
        .store
        .categories(workspace)
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
    let name = domain::session::line(&f.name, domain::session::NAME_MAX).unwrap_or_default();
    let colour = domain::session::colour(&f.colour);
    let problem = match (&name, &colour) {
        (n, _) if n.is_empty() => Some("category-name-required"),
        (_, None) => Some("category-colour-invalid"),
        (n, Some(c)) => {
            let (workspace, _) = state.store.working_in(signed.user.id).await?;
            match state.store.add_category(workspace, n, c).await {
                Ok(_) => None,
                Err(store::StoreError::Conflict(_)) => Some("category-name-taken"),
                Err(e) => return Err(e.into()),
            }
        }
    };
    match problem {
        None => Ok(redirect_notice("/categories", "category-added")),
        Some(key) => {
            let mut page = build(&state, &signed, &viewer, None).await?;
            page.alert = Some(viewer.tr.t(key));
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
    let (workspace, _) = state.store.working_in(signed.user.id).await?;
    state.store.delete_category(workspace, id).await?;
    Ok(redirect_notice("/categories", "category-removed"))
}
