//! Registration, sign-in and sign-out, email confirmation and password reset.

use super::{Chrome, Form, redirect_notice, render, render_form_error};
use crate::accounts::{self, RegisterInput};
use crate::auth::{SignedIn, Viewer, clear_login_cookie, login_cookie};
use crate::error::AppError;
use crate::forms::safe_next;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form as FormBody, Router};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/register", get(register_page).post(register))
        .route("/signin", get(signin_page).post(signin))
        .route("/signout", post(signout))
        .route("/signout-everywhere", post(signout_everywhere))
        .route("/resend-confirmation", post(resend_confirmation))
        .route("/confirm-email/{token}", get(confirm_page).post(confirm))
        .route(
            "/reset-password",
            get(reset_request_page).post(reset_request),
        )
        .route("/reset-password/{token}", get(reset_page).post(reset))
        .route(
            "/confirm-email-change/{token}",
            get(change_page).post(change),
        )
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    c: Chrome,
    f: Form,
    /// The secret of the invitation link the person came from, if any.
    invitation: String,
    /// New versions of the documents accepted here that take effect later.
    upcoming: Option<String>,
    /// When the form was shown, signed (`accounts::form_stamp`).
    stamp: String,
}

/// The registration form as sent: what the person typed, the form's stamp and the field
/// people never see, which only a program fills in.
#[derive(Deserialize)]
struct RegisterForm {
    #[serde(flatten)]
    input: RegisterInput,
    #[serde(default)]
    form_stamp: String,
    #[serde(default)]
    leave_empty: String,
}

/// What a person registering now should know: the versions of the documents they accept that
/// are announced to take effect later.
async fn upcoming(state: &AppState, viewer: &Viewer) -> Option<String> {
    let published = state.legal.published().await.ok()?;
    let now = store::now_ms();
    let texts: Vec<String> = published
        .upcoming(now)
        .iter()
        .filter(|n| n.document.accepted_at_registration())
        .map(|n| n.text(&viewer.tr))
        .collect();
    (!texts.is_empty()).then(|| texts.join(" "))
}

/// `?invitation=`: registering from an invitation link joins its session or team.
#[derive(Debug, Default, Deserialize)]
struct FromInvitation {
    #[serde(default)]
    invitation: String,
}

impl FromInvitation {
    /// Only a secret's characters (URL-safe base64), so it can go back into a URL as is.
    fn secret(self) -> String {
        if self.invitation.len() <= 64
            && self
                .invitation
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            self.invitation
        } else {
            String::new()
        }
    }
}

async fn register_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<FromInvitation>,
) -> Response {
    let invitation = q.secret();
    if viewer.user.is_some() {
        let to = if invitation.is_empty() {
            "/".to_owned()
        } else {
            format!("/invitations/{invitation}")
        };
        return Redirect::to(&to).into_response();
    }
    let stamp = match accounts::form_stamp(&state, &viewer.client, "").await {
        Ok(stamp) => stamp,
        Err(e) => return e.into_response(),
    };
    render(&RegisterPage {
        upcoming: upcoming(&state, &viewer).await,
        c: Chrome::new(&viewer, "/register"),
        f: Form::default(),
        invitation,
        stamp,
    })
}

async fn register(
    State(state): State<AppState>,
    viewer: Viewer,
    jar: CookieJar,
    Query(q): Query<FromInvitation>,
    FormBody(form): FormBody<RegisterForm>,
) -> Response {
    let invitation = q.secret();
    let input = form.input;
    let checked =
        accounts::check_form(&state, &viewer.client, &form.form_stamp, &form.leave_empty).await;
    let registered = match checked {
        Ok(()) => accounts::register(&state, &input, viewer.tr, &viewer.client).await,
        Err(e) => Err(e),
    };
    match registered {
        Ok(login) => {
            // Straight into the session the invitation was for; a stale link just leads home.
            let to = if invitation.is_empty() {
                "/".to_owned()
            } else {
                crate::invitations::accept_link(&state, &login.user, &invitation)
                    .await
                    .unwrap_or_else(|_| "/".to_owned())
            };
            (
                jar.add(login_cookie(&state, login.secret)),
                Redirect::to(&to),
            )
                .into_response()
        }
        Err(AppError::Internal(e)) => AppError::Internal(e).into_response(),
        Err(e) => {
            let f = Form::default()
                .with("first_name", &input.first_name)
                .with("last_name", &input.last_name)
                .with("email", &input.email)
                .with("phone", &input.phone)
                .with("time_zone", &input.time_zone)
                .with("accept_terms", if input.accept_terms { "on" } else { "" })
                .with(
                    "accept_consent",
                    if input.accept_consent { "on" } else { "" },
                )
                .with_error(&e, &viewer.tr);
            let stamp = match accounts::form_stamp(&state, &viewer.client, &form.form_stamp).await {
                Ok(stamp) => stamp,
                Err(e) => return e.into_response(),
            };
            render_form_error(
                &e,
                &RegisterPage {
                    upcoming: upcoming(&state, &viewer).await,
                    c: Chrome::new(&viewer, "/register"),
                    f,
                    invitation,
                    stamp,
                },
            )
        }
    }
}

#[derive(Template)]
#[template(path = "signin.html")]
struct SigninPage {
    c: Chrome,
    f: Form,
}

#[derive(Deserialize)]
struct SigninQuery {
    next: Option<String>,
    notice: Option<String>,
}

async fn signin_page(viewer: Viewer, Query(q): Query<SigninQuery>) -> Response {
    if viewer.user.is_some() {
        return Redirect::to(&safe_next(q.next.as_deref())).into_response();
    }
    let c = Chrome::new(&viewer, "/signin").with_notice(q.notice.as_deref());
    render(&SigninPage {
        c,
        f: Form::default().with("next", q.next.as_deref().unwrap_or("")),
    })
}

#[derive(Deserialize)]
struct SigninForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

async fn signin(
    State(state): State<AppState>,
    viewer: Viewer,
    jar: CookieJar,
    FormBody(form): FormBody<SigninForm>,
) -> Response {
    match accounts::sign_in(&state, &form.email, &form.password, &viewer).await {
        Ok(login) => (
            jar.add(login_cookie(&state, login.secret)),
            Redirect::to(&safe_next(form.next.as_deref())),
        )
            .into_response(),
        Err(AppError::Internal(e)) => AppError::Internal(e).into_response(),
        Err(e) => {
            let f = Form::default()
                .with("email", &form.email)
                .with("next", form.next.as_deref().unwrap_or(""))
                .with_error(&e, &viewer.tr);
            render_form_error(
                &e,
                &SigninPage {
                    c: Chrome::new(&viewer, "/signin"),
                    f,
                },
            )
        }
    }
}

/// Ends this login on the server and drops the cookie.
async fn signout(
    State(state): State<AppState>,
    viewer: Viewer,
    jar: CookieJar,
) -> Result<Response, AppError> {
    accounts::sign_out(&state, &viewer).await?;
    Ok((jar.add(clear_login_cookie(&state)), Redirect::to("/")).into_response())
}

/// Ends every login of the account, this one included.
async fn signout_everywhere(
    State(state): State<AppState>,
    signed: SignedIn,
    jar: CookieJar,
) -> Result<Response, AppError> {
    accounts::sign_out_everywhere(&state, &signed.user).await?;
    Ok((
        jar.add(clear_login_cookie(&state)),
        redirect_notice("/signin", "signed-out-everywhere"),
    )
        .into_response())
}

#[derive(Deserialize)]
struct NextForm {
    next: Option<String>,
}

async fn resend_confirmation(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    FormBody(form): FormBody<NextForm>,
) -> Result<Response, AppError> {
    match accounts::resend_confirmation(&state, &signed.user).await {
        Ok(()) => Ok(redirect_notice(
            &safe_next(form.next.as_deref()),
            "confirmation-sent",
        )),
        Err(e @ AppError::Throttled { .. }) => Ok(message_page(
            &viewer,
            viewer.tr.t("error-title-429"),
            vec![e.message(&viewer.tr)],
            None,
        )),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "action.html")]
pub(super) struct ActionPage {
    c: Chrome,
    heading: String,
    lines: Vec<String>,
    /// (form action, button label)
    action: Option<(String, String)>,
    /// (href, label)
    link: Option<(String, String)>,
}

pub(super) fn message_page(
    viewer: &Viewer,
    heading: String,
    lines: Vec<String>,
    link: Option<(String, String)>,
) -> Response {
    render(&ActionPage {
        c: Chrome::new(viewer, ""),
        heading,
        lines,
        action: None,
        link,
    })
}

fn link_invalid(viewer: &Viewer) -> Response {
    let tr = viewer.tr;
    let page = ActionPage {
        c: Chrome::new(viewer, ""),
        heading: tr.t("error-title-410"),
        lines: vec![tr.t("error-link-invalid")],
        action: None,
        link: Some(("/".into(), tr.t("error-go-home"))),
    };
    super::render_status(axum::http::StatusCode::GONE, &page)
}

/// The link in the email opens a page with a button, so that a mail scanner fetching the
/// link changes nothing (no state change on GET).
async fn confirm_page(viewer: Viewer, Path(token): Path<String>) -> Response {
    let tr = viewer.tr;
    render(&ActionPage {
        c: Chrome::new(&viewer, ""),
        heading: tr.t("confirm-title"),
        lines: vec![tr.t("confirm-lead")],
        action: Some((format!("/confirm-email/{token}"), tr.t("confirm-button"))),
        link: None,
    })
}

async fn confirm(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    match accounts::confirm_email(&state, &token).await {
        Ok(_) => Ok(redirect_notice("/", "email-confirmed")),
        Err(AppError::LinkInvalid) => Ok(link_invalid(&viewer)),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "reset_request.html")]
struct ResetRequestPage {
    c: Chrome,
    f: Form,
}

async fn reset_request_page(viewer: Viewer) -> Response {
    render(&ResetRequestPage {
        c: Chrome::new(&viewer, "/reset-password"),
        f: Form::default(),
    })
}

#[derive(Deserialize)]
struct EmailForm {
    #[serde(default)]
    email: String,
}

/// Answers the same whether or not the address has an account.
async fn reset_request(
    State(state): State<AppState>,
    viewer: Viewer,
    FormBody(form): FormBody<EmailForm>,
) -> Response {
    match accounts::request_reset(&state, &form.email, &viewer.client).await {
        Ok(()) => message_page(
            &viewer,
            viewer.tr.t("reset-title"),
            vec![viewer.tr.t("reset-sent")],
            None,
        ),
        Err(AppError::Internal(e)) => AppError::Internal(e).into_response(),
        Err(e) => {
            let f = Form::default()
                .with("email", &form.email)
                .with_error(&e, &viewer.tr);
            render_form_error(
                &e,
                &ResetRequestPage {
                    c: Chrome::new(&viewer, "/reset-password"),
                    f,
                },
            )
        }
    }
}

#[derive(Template)]
#[template(path = "reset_form.html")]
struct ResetPage {
    c: Chrome,
    f: Form,
    action: String,
}

async fn reset_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if !accounts::reset_link_valid(&state, &token).await? {
        return Ok(link_invalid(&viewer));
    }
    Ok(render(&ResetPage {
        c: Chrome::new(&viewer, ""),
        f: Form::default(),
        action: format!("/reset-password/{token}"),
    }))
}

#[derive(Deserialize)]
struct NewPasswordForm {
    #[serde(default)]
    new_password: String,
}

async fn reset(
    State(state): State<AppState>,
    viewer: Viewer,
    jar: CookieJar,
    Path(token): Path<String>,
    FormBody(form): FormBody<NewPasswordForm>,
) -> Response {
    match accounts::reset_password(&state, &token, &form.new_password).await {
        Ok(_) => (
            jar.add(clear_login_cookie(&state)),
            redirect_notice("/signin", "password-reset"),
        )
            .into_response(),
        Err(AppError::LinkInvalid) => link_invalid(&viewer),
        Err(AppError::Internal(e)) => AppError::Internal(e).into_response(),
        Err(e) => {
            let f = Form::default().with_error(&e, &viewer.tr);
            render_form_error(
                &e,
                &ResetPage {
                    c: Chrome::new(&viewer, ""),
                    f,
                    action: format!("/reset-password/{token}"),
                },
            )
        }
    }
}

async fn change_page(viewer: Viewer, Path(token): Path<String>) -> Response {
    let tr = viewer.tr;
    render(&ActionPage {
        c: Chrome::new(&viewer, ""),
        heading: tr.t("change-title"),
        lines: vec![tr.t("change-lead")],
        action: Some((
            format!("/confirm-email-change/{token}"),
            tr.t("change-button"),
        )),
        link: None,
    })
}

async fn change(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    match accounts::confirm_email_change(&state, &token).await {
        Ok(_) => Ok(redirect_notice("/", "email-changed")),
        Err(AppError::LinkInvalid) => Ok(link_invalid(&viewer)),
        Err(AppError::EmailTaken) => Ok(message_page(
            &viewer,
            viewer.tr.t("change-title"),
            vec![viewer.tr.t("error-email-taken")],
            None,
        )),
        Err(e) => Err(e),
    }
}
