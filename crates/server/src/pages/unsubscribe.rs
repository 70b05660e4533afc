//! `/unsubscribe/{token}`: the link at the foot of every advertising email. Opening it asks
//! to confirm (a link must change nothing by being opened); the button, or a mail client's
//! one-click POST (RFC 8058), refuses advertising. No sign-in is needed: the token is signed.

use super::{Chrome, render};
use crate::auth::Viewer;
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new().route("/unsubscribe/{token}", get(ask).post(unsubscribe))
}

#[derive(Template)]
#[template(path = "unsubscribe.html")]
struct UnsubscribePage {
    c: Chrome,
    token: String,
    done: bool,
}

async fn ask(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    crate::advertising::verify(&state.store, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(render(&UnsubscribePage {
        c: Chrome::new(&viewer, "/unsubscribe"),
        token,
        done: false,
    }))
}

async fn unsubscribe(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if !crate::advertising::unsubscribe(&state, &token).await? {
        return Err(AppError::NotFound);
    }
    Ok(render(&UnsubscribePage {
        c: Chrome::new(&viewer, "/unsubscribe"),
        token,
        done: true,
    }))
}
