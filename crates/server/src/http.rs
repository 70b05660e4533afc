//! The JSON API under `/api/v1`, described by an OpenAPI 3.1 document built from the same
//! handlers (utoipa-axum), so every route is in the document by construction.

mod accounts;
mod admin;
mod files;
mod library;
mod me;
mod sessions;
mod versions;
pub mod views;

use crate::state::AppState;
use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;

#[derive(OpenApi)]
#[openapi(
    info(title = "Plenary API", description = "Design facilitated sessions. Errors are `{\"error\": {\"code\", \"message\", \"fields\"}}`; codes are listed in docs/API.md."),
    modifiers(&Security),
    tags(
        (name = "accounts", description = "Registration, sign-in, confirmation and password reset"),
        (name = "me", description = "The signed-in account: profile, security, logins and API tokens"),
        (name = "sessions", description = "Sessions, their blocks and computed times, ops, the activity log and versions"),
        (name = "workspaces", description = "Your personal workspace and your teams, and which one you work in"),
        (name = "library", description = "Methods and designs: search, favourites, publication, use in sessions"),
        (name = "admin", description = "Administration (administrators only)"),
    )
)]
struct ApiDoc;

struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal API token"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("plenary_login"))),
        );
    }
}

fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(accounts::router())
        .merge(me::router())
        .merge(sessions::router())
        .merge(files::router())
        .merge(versions::router())
        .merge(library::router())
        .merge(admin::router())
}

/// The OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api().split_for_parts().1
}

pub fn router() -> Router<AppState> {
    let (router, doc) = api().split_for_parts();
    let doc = std::sync::Arc::new(doc);
    router.route(
        "/api/v1/openapi.json",
        get(move || async move { Json(doc.as_ref().clone()) }),
    )
}
