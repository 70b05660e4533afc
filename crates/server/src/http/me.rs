//! The signed-in account over JSON: profile, avatar, password, email, logins and tokens.

use super::views::{CreatedToken, ErrorBody, LoginView, TokenView, UserView};
use crate::accounts::{self, NewToken, PasswordChange, ProfileInput};
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use domain::{LoginId, TokenId};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me, update_me))
        .routes(routes!(put_avatar, delete_avatar))
        .layer(DefaultBodyLimit::max(crate::avatar::MAX_BYTES + 1))
        .routes(routes!(resend_confirmation))
        .routes(routes!(change_password))
        .routes(routes!(change_email))
        .routes(routes!(logins))
        .routes(routes!(revoke_login))
        .routes(routes!(revoke_all_logins))
        .routes(routes!(tokens, create_token))
        .routes(routes!(revoke_token))
}

/// The signed-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "me", security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = UserView), (status = 401, description = "`unauthenticated`", body = ErrorBody)))]
async fn me(signed: SignedIn) -> Json<UserView> {
    Json(UserView::from(&signed.user))
}

/// Replace the profile: names, phone, language and time zone.
#[utoipa::path(put, path = "/api/v1/me", tag = "me", request_body = ProfileInput, security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = UserView), (status = 422, description = "`validation_failed`", body = ErrorBody)))]
async fn update_me(
    State(state): State<AppState>,
    signed: SignedIn,
    Json(input): Json<ProfileInput>,
) -> Result<Json<UserView>, AppError> {
    let user = accounts::update_profile(&state, &signed.user, &input).await?;
    Ok(Json(UserView::from(&user)))
}

/// Upload an avatar: the request body is a PNG, JPEG or WebP image of at most 5 MB. It is
/// re-encoded to a 256 px square PNG without metadata.
#[utoipa::path(put, path = "/api/v1/me/avatar", tag = "me", request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    security(("token" = []), ("cookie" = [])),
    responses(
        (status = 200, body = UserView),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
        (status = 422, description = "`unsupported_image`", body = ErrorBody),
    ))]
async fn put_avatar(
    State(state): State<AppState>,
    signed: SignedIn,
    body: Bytes,
) -> Result<Json<UserView>, AppError> {
    accounts::set_avatar(&state, &signed.user, body.to_vec()).await?;
    Ok(Json(UserView::from(
        &state.store.user(signed.user.id).await?,
    )))
}

/// Remove the avatar.
#[utoipa::path(delete, path = "/api/v1/me/avatar", tag = "me", security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "Removed")))]
async fn delete_avatar(
    State(state): State<AppState>,
    signed: SignedIn,
) -> Result<StatusCode, AppError> {
    state.store.remove_avatar(signed.user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Send the confirmation email again (the previous link stops working).
#[utoipa::path(post, path = "/api/v1/me/confirmation-email", tag = "me", security(("token" = []), ("cookie" = [])),
    responses((status = 202, description = "Sent (or already confirmed)"), (status = 429, description = "`too_many_attempts`", body = ErrorBody)))]
async fn resend_confirmation(
    State(state): State<AppState>,
    signed: SignedIn,
) -> Result<StatusCode, AppError> {
    accounts::resend_confirmation(&state, &signed.user).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Change the password; every other login of the account ends, and its API tokens too unless
/// `keep_tokens` is true (a request made with a token that is revoked so ends with it).
/// Wrong current passwords are throttled like sign-ins.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "me", request_body = PasswordChange, security(("token" = []), ("cookie" = [])),
    responses(
        (status = 204, description = "Changed"),
        (status = 422, description = "`validation_failed` or `wrong_password`", body = ErrorBody),
        (status = 429, description = "`too_many_attempts`", body = ErrorBody),
    ))]
async fn change_password(
    State(state): State<AppState>,
    signed: SignedIn,
    Json(input): Json<PasswordChange>,
) -> Result<StatusCode, AppError> {
    accounts::change_password(&state, &signed.user, signed.login, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EmailInput {
    pub new_email: String,
    pub current_password: String,
}

/// Change the email address: a link goes to the new address and the change happens when it is followed.
#[utoipa::path(post, path = "/api/v1/me/email", tag = "me", request_body = EmailInput, security(("token" = []), ("cookie" = [])),
    responses(
        (status = 202, description = "Confirmation link sent to the new address"),
        (status = 422, description = "`validation_failed` or `wrong_password`", body = ErrorBody),
        (status = 429, description = "`too_many_attempts`", body = ErrorBody),
    ))]
async fn change_email(
    State(state): State<AppState>,
    signed: SignedIn,
    Json(input): Json<EmailInput>,
) -> Result<StatusCode, AppError> {
    accounts::request_email_change(
        &state,
        &signed.user,
        &input.new_email,
        &input.current_password,
    )
    .await?;
    Ok(StatusCode::ACCEPTED)
}

/// The account's active logins.
#[utoipa::path(get, path = "/api/v1/me/logins", tag = "me", security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = Vec<LoginView>)))]
async fn logins(
    State(state): State<AppState>,
    signed: SignedIn,
) -> Result<Json<Vec<LoginView>>, AppError> {
    let list = state.store.logins(signed.user.id).await?;
    Ok(Json(
        list.into_iter()
            .map(|l| LoginView::new(l, signed.login))
            .collect(),
    ))
}

/// End one login.
#[utoipa::path(delete, path = "/api/v1/me/logins/{id}", tag = "me", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "Ended"), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn revoke_login(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<LoginId>,
) -> Result<StatusCode, AppError> {
    state.store.revoke_login(signed.user.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sign out everywhere: end every login and revoke every API token of the account (the one
/// this request came with included); their live connections close.
#[utoipa::path(post, path = "/api/v1/me/logins/revoke-all", tag = "me", security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "All logins and tokens ended")))]
async fn revoke_all_logins(
    State(state): State<AppState>,
    signed: SignedIn,
) -> Result<StatusCode, AppError> {
    accounts::sign_out_everywhere(&state, &signed.user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The account's personal API tokens.
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "me", security(("token" = []), ("cookie" = [])),
    responses((status = 200, body = Vec<TokenView>)))]
async fn tokens(
    State(state): State<AppState>,
    signed: SignedIn,
) -> Result<Json<Vec<TokenView>>, AppError> {
    Ok(Json(
        state
            .store
            .api_tokens(signed.user.id)
            .await?
            .into_iter()
            .map(TokenView::from)
            .collect(),
    ))
}

/// Create a personal API token; its secret is in this response only. Use it as `Authorization: Bearer SECRET`.
/// Only a signed-in browser makes tokens (a request with a token gets 403 `insufficient_scope`),
/// with `current_password` unless it signed in or confirmed the password in the last ten
/// minutes. Scopes: `read` (always), `write`, `admin` (administrators only).
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "me", request_body = NewToken, security(("cookie" = [])),
    responses(
        (status = 201, body = CreatedToken),
        (status = 403, description = "`insufficient_scope`: asked with a token", body = ErrorBody),
        (status = 422, description = "`validation_failed` or `wrong_password`", body = ErrorBody),
        (status = 429, description = "`too_many_attempts`", body = ErrorBody),
    ))]
async fn create_token(
    State(state): State<AppState>,
    signed: SignedIn,
    Json(input): Json<NewToken>,
) -> Result<(StatusCode, Json<CreatedToken>), AppError> {
    let (token, secret) = accounts::create_token(&state, &signed, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedToken {
            token: token.into(),
            secret,
        }),
    ))
}

/// Revoke a token.
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "me", params(("id" = uuid::Uuid, Path)), security(("token" = []), ("cookie" = [])),
    responses((status = 204, description = "Revoked"), (status = 404, description = "`not_found`", body = ErrorBody)))]
async fn revoke_token(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<TokenId>,
) -> Result<StatusCode, AppError> {
    state.store.revoke_api_token(signed.user.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
