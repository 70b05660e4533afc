//! Registration, sign-in and sign-out, confirmation and password reset over JSON.

use super::views::{ErrorBody, UserView};
use crate::accounts::{self, RegisterInput};
use crate::auth::{Viewer, clear_login_cookie, login_cookie};
use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(signin))
        .routes(routes!(signout))
        .routes(routes!(confirm_email))
        .routes(routes!(request_reset))
        .routes(routes!(reset_password))
        .routes(routes!(confirm_email_change))
}

/// Create an account (and its personal workspace), sign in, and send the confirmation email.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "accounts", request_body = RegisterInput,
    responses(
        (status = 201, description = "Created and signed in (login cookie set)", body = UserView),
        (status = 409, description = "`email_taken`", body = ErrorBody),
        (status = 422, description = "`validation_failed`", body = ErrorBody),
        (status = 429, description = "`too_many_attempts`", body = ErrorBody),
    ))]
async fn register(
    State(state): State<AppState>,
    viewer: Viewer,
    jar: CookieJar,
    Json(input): Json<RegisterInput>,
) -> Result<Response, AppError> {
    let login = accounts::register(&state, &input, viewer.tr, &viewer.client).await?;
    let view = UserView::from(&login.user);
    Ok((
        StatusCode::CREATED,
        jar.add(login_cookie(&state, login.secret)),
        Json(view),
    )
        .into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SigninInput {
    pub email: String,
    pub password: String,
}

/// Sign in with email and password; sets the login cookie.
#[utoipa::path(post, path = "/api/v1/auth/signin", tag = "accounts", request_body = SigninInput,
    responses(
        (status = 200, description = "Signed in", body = UserView),
        (status = 401, description = "`invalid_credentials`", body = ErrorBody),
        (status = 429, description = "`too_many_attempts`", body = ErrorBody),
    ))]
async fn signin(
    State(state): State<AppState>,
    viewer: Viewer,
    jar: CookieJar,
    Json(input): Json<SigninInput>,
) -> Result<Response, AppError> {
    let login = accounts::sign_in(&state, &input.email, &input.password, &viewer).await?;
    let view = UserView::from(&login.user);
    Ok((jar.add(login_cookie(&state, login.secret)), Json(view)).into_response())
}

/// End this login on the server.
#[utoipa::path(post, path = "/api/v1/auth/signout", tag = "accounts",
    responses((status = 204, description = "Signed out")))]
async fn signout(
    State(state): State<AppState>,
    viewer: Viewer,
    jar: CookieJar,
) -> Result<Response, AppError> {
    accounts::sign_out(&state, &viewer).await?;
    Ok((StatusCode::NO_CONTENT, jar.add(clear_login_cookie(&state))).into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenInput {
    /// The token from the emailed link.
    pub token: String,
}

/// Confirm the email address with the token from the confirmation link.
#[utoipa::path(post, path = "/api/v1/auth/confirm-email", tag = "accounts", request_body = TokenInput,
    responses(
        (status = 204, description = "Confirmed"),
        (status = 410, description = "`link_invalid`: unknown, used or expired", body = ErrorBody),
    ))]
async fn confirm_email(
    State(state): State<AppState>,
    Json(input): Json<TokenInput>,
) -> Result<StatusCode, AppError> {
    accounts::confirm_email(&state, &input.token).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ResetRequestInput {
    pub email: String,
}

/// Ask for a password reset link. The answer is the same whether or not the address has an account.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "accounts", request_body = ResetRequestInput,
    responses(
        (status = 202, description = "If the address has an account, a link is on its way"),
        (status = 429, description = "`too_many_attempts`", body = ErrorBody),
    ))]
async fn request_reset(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(input): Json<ResetRequestInput>,
) -> Result<StatusCode, AppError> {
    accounts::request_reset(&state, &input.email, &viewer.client).await?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ResetInput {
    pub token: String,
    pub new_password: String,
}

/// Set a new password with the token from the reset link; every login of the account ends.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "accounts", request_body = ResetInput,
    responses(
        (status = 204, description = "Password changed"),
        (status = 410, description = "`link_invalid`", body = ErrorBody),
        (status = 422, description = "`validation_failed`", body = ErrorBody),
    ))]
async fn reset_password(
    State(state): State<AppState>,
    Json(input): Json<ResetInput>,
) -> Result<StatusCode, AppError> {
    accounts::reset_password(&state, &input.token, &input.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Confirm a new email address with the token sent to it; the old address is told.
#[utoipa::path(post, path = "/api/v1/auth/email-change/confirm", tag = "accounts", request_body = TokenInput,
    responses(
        (status = 204, description = "The account uses the new address"),
        (status = 409, description = "`email_taken`", body = ErrorBody),
        (status = 410, description = "`link_invalid`", body = ErrorBody),
    ))]
async fn confirm_email_change(
    State(state): State<AppState>,
    Json(input): Json<TokenInput>,
) -> Result<StatusCode, AppError> {
    accounts::confirm_email_change(&state, &input.token).await?;
    Ok(StatusCode::NO_CONTENT)
}
