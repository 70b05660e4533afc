//! The JSON API under `/api/v1`, described by an OpenAPI 3.1 document built from the same
//! handlers (utoipa-axum), so every route is in the document by construction.

mod accounts;
mod admin;
mod comments;
mod exports;
mod files;
mod inbox;
mod library;
mod me;
mod sessions;
mod sharing;
mod versions;
pub mod views;
mod workspaces;

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
        (name = "sessions", description = "Sessions, their blocks and computed times, ops (custom fields too: the `custom_fields` session field and `custom` block values), the activity log and versions"),
        (name = "sharing", description = "Who has which role on a session, invitations by email, handing over, leaving, public links"),
        (name = "comments", description = "Comments and threads on a session and its blocks"),
        (name = "workspaces", description = "Your personal workspace and your teams: which one you work in, members, invitations, categories"),
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
        .merge(exports::router())
        .merge(files::router())
        .merge(versions::router())
        .merge(sharing::router())
        .merge(comments::router())
        .merge(inbox::router())
        .merge(workspaces::router())
        .merge(library::router())
        .merge(admin::router())
}

/// The error answers every operation can give before its handler runs, added where an
/// operation does not describe them itself: `400` for an unreadable path, query or body (or
/// a NUL byte anywhere in the URL); for a JSON body, `415` when it is not sent as
/// `application/json` and `422` when it has the wrong shape; `401` where a sign-in is
/// needed; `403` for a change asked with a read-only token; `429` past a rate limit.
fn document_rejections(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    let error = |description: &str| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build(),
        )
    };
    for item in doc.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        let changes = [false, true, true, true, true];
        for (op, change) in operations.into_iter().zip(changes) {
            let Some(op) = op else { continue };
            let body = op.request_body.is_some();
            let inputs = body || op.parameters.as_ref().is_some_and(|p| !p.is_empty());
            let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
            let answers = &mut op.responses.responses;
            let mut add = |code: &str, description: &str| {
                answers
                    .entry(code.to_owned())
                    .or_insert_with(|| error(description));
            };
            add(
                "400",
                if inputs {
                    "`bad_request`: a path, query or body that cannot be read"
                } else {
                    "`bad_request`: a NUL byte in the URL"
                },
            );
            add(
                "429",
                "`rate_limited`: too many requests from this token, login or address; see `Retry-After`",
            );
            if body {
                add(
                    "415",
                    "`unsupported_media_type`: the body is not sent as `application/json`",
                );
                add("422", "`bad_request`: JSON of the wrong shape");
            }
            if secured {
                add("401", "`unauthenticated`: no valid token or login cookie");
                if change {
                    add(
                        "403",
                        "`insufficient_scope`: a change asked with a token without the `write` scope",
                    );
                }
            }
        }
    }
}

/// The OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = api().split_for_parts().1;
    document_rejections(&mut doc);
    crate::contract::add_to(&mut doc);
    doc
}

pub fn router() -> Router<AppState> {
    let (router, mut doc) = api().split_for_parts();
    document_rejections(&mut doc);
    crate::contract::add_to(&mut doc);
    let doc = std::sync::Arc::new(doc);
    router.route(
        "/api/v1/openapi.json",
        get(move || async move { Json(doc.as_ref().clone()) }),
    )
}
