//! Administration over JSON; anyone but an administrator gets 404.

use super::views::{ErrorBody, UserSummaryView};
use crate::auth::Admin;
use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(users))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct UserSearch {
    /// Part of an email address or name; empty lists the newest accounts.
    #[serde(default)]
    pub q: String,
}

/// Search accounts by email or name (at most 200, newest first).
#[utoipa::path(get, path = "/api/v1/admin/users", tag = "admin", params(UserSearch), security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = Vec<UserSummaryView>), (status = 404, description = "`not_found` for anyone but administrators", body = ErrorBody)))]
async fn users(
    State(state): State<AppState>,
    _admin: Admin,
    Query(search): Query<UserSearch>,
) -> Result<Json<Vec<UserSummaryView>>, AppError> {
    let users = state.store.search_users(&search.q, 200).await?;
    Ok(Json(users.into_iter().map(UserSummaryView::from).collect()))
}
