//! The account pages: profile and avatar, and security (password, email, logins, tokens).

use super::{Chrome, Form, NoticeQuery, redirect_notice, render, render_form_error, render_status};
use crate::accounts::{self, ProfileInput};
use crate::auth::{SignedIn, Viewer, clear_login_cookie};
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form as FormBody, Router};
use axum_extra::extract::CookieJar;
use domain::{LoginId, TimeZoneName, TokenId};
use serde::Deserialize;
use store::User;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(profile_page))
        .route("/account/profile", post(save_profile))
        .route("/account/notifications", post(save_notifications))
        .route("/account/messages", post(save_messages))
        .route(
            "/account/avatar",
            post(upload_avatar).layer(DefaultBodyLimit::max(crate::avatar::MAX_BYTES + 64 * 1024)),
        )
        .route("/account/avatar/delete", post(remove_avatar))
        .route("/account/security", get(security_page))
        .route("/account/delete", get(delete_page).post(delete_account))
        .route("/account/password", post(change_password))
        .route("/account/email", post(change_email))
        .route("/account/logins/{id}/revoke", post(revoke_login))
        .route("/account/tokens", post(create_token))
        .route("/account/tokens/{id}/revoke", post(revoke_token))
}

#[derive(Template)]
#[template(path = "account.html")]
struct ProfilePage {
    c: Chrome,
    f: Form,
    zones: Vec<String>,
    avatar_url: Option<String>,
    avatar_error: Option<String>,
    /// What the person refuses of advertising.
    messages: store::MessageChoices,
}

pub fn avatar_url(user: &User) -> Option<String> {
    user.avatar_version
        .map(|v| format!("/avatars/{}?v={v}", user.id))
}

fn profile_form(user: &User) -> Form {
    Form::default()
        .with("first_name", &user.first_name)
        .with("last_name", &user.last_name)
        .with("phone", user.phone.as_deref().unwrap_or(""))
        .with("locale", &user.locale)
        .with("time_zone", &user.time_zone)
}

fn profile(
    viewer: &Viewer,
    user: &User,
    f: Form,
    avatar_error: Option<String>,
    notice: Option<&str>,
) -> ProfilePage {
    ProfilePage {
        c: Chrome::new(viewer, "/account").with_notice(notice),
        f,
        zones: TimeZoneName::all(),
        avatar_url: avatar_url(user),
        avatar_error,
        messages: user.message_choices(),
    }
}

async fn profile_page(signed: SignedIn, viewer: Viewer, Query(q): Query<NoticeQuery>) -> Response {
    render(&profile(
        &viewer,
        &signed.user,
        profile_form(&signed.user),
        None,
        q.notice.as_deref(),
    ))
}

async fn save_profile(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    FormBody(input): FormBody<ProfileInput>,
) -> Response {
    match accounts::update_profile(&state, &signed.user, &input).await {
        Ok(_) => redirect_notice("/account", "profile-saved"),
        Err(AppError::Internal(e)) => AppError::Internal(e).into_response(),
        Err(e) => {
            let f = Form::default()
                .with("first_name", &input.first_name)
                .with("last_name", &input.last_name)
                .with("phone", &input.phone)
                .with("locale", &input.locale)
                .with("time_zone", &input.time_zone)
                .with_error(&e, &viewer.tr);
            render_form_error(&e, &profile(&viewer, &signed.user, f, None, None))
        }
    }
}

async fn upload_avatar(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let outcome = async {
        let mut multipart = multipart.map_err(|_| AppError::BadRequest("multipart".into()))?;
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|_| AppError::TooLarge)?
        {
            if field.name() == Some("avatar") {
                let bytes = field.bytes().await.map_err(crate::forms::multipart_error)?;
                if bytes.is_empty() {
                    return Err(AppError::UnsupportedImage);
                }
                return accounts::set_avatar(&state, &signed.user, bytes.to_vec()).await;
            }
        }
        Err(AppError::UnsupportedImage)
    }
    .await;
    match outcome {
        Ok(_) => redirect_notice("/account", "avatar-saved"),
        Err(AppError::Internal(e)) => AppError::Internal(e).into_response(),
        Err(e) => {
            let page = profile(
                &viewer,
                &signed.user,
                profile_form(&signed.user),
                Some(e.message(&viewer.tr)),
                None,
            );
            render_form_error(&e, &page)
        }
    }
}

async fn remove_avatar(
    State(state): State<AppState>,
    signed: SignedIn,
) -> Result<Response, AppError> {
    state.store.remove_avatar(signed.user.id).await?;
    Ok(redirect_notice("/account", "avatar-removed"))
}

struct LoginRow {
    id: LoginId,
    browser: String,
    ip: String,
    last_seen: String,
    current: bool,
}

struct TokenRow {
    id: TokenId,
    name: String,
    prefix: String,
    /// What it may do, in words.
    scopes: String,
    created: String,
    last_used: String,
    /// How much of its hourly quota it has used, in words.
    quota: String,
}

#[derive(Template)]
#[template(path = "security.html")]
struct SecurityPage {
    c: Chrome,
    email: String,
    pw: Form,
    em: Form,
    tk: Form,
    logins: Vec<LoginRow>,
    tokens: Vec<TokenRow>,
    new_token: Option<String>,
    /// What each token may make in a window.
    quota_lead: String,
    /// Whether a new token needs the password (no recent check in this browser).
    needs_check: bool,
    is_admin: bool,
}

/// A short description of a browser from its User-Agent.
pub fn browser_name(ua: &str) -> String {
    let browser = if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("OPR/") {
        "Opera"
    } else if ua.contains("YaBrowser/") {
        "Yandex Browser"
    } else if ua.contains("Firefox/") {
        "Firefox"
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else if ua.is_empty() {
        "—"
    } else {
        return ua.chars().take(40).collect();
    };
    let os = if ua.contains("Android") {
        " (Android)"
    } else if ua.contains("iPhone") || ua.contains("iPad") {
        " (iOS)"
    } else if ua.contains("Windows") {
        " (Windows)"
    } else if ua.contains("Mac OS X") {
        " (macOS)"
    } else if ua.contains("Linux") {
        " (Linux)"
    } else {
        ""
    };
    format!("{browser}{os}")
}

#[derive(Default)]
struct SecurityForms {
    pw: Form,
    em: Form,
    tk: Form,
    new_token: Option<String>,
    notice: Option<String>,
}

async fn security(
    state: &AppState,
    signed: &SignedIn,
    viewer: &Viewer,
    forms: SecurityForms,
    status: StatusCode,
) -> Result<Response, AppError> {
    let user = &signed.user;
    let tr = viewer.tr;
    let logins = state
        .store
        .logins(user.id)
        .await?
        .into_iter()
        .map(|l| LoginRow {
            id: l.id,
            browser: browser_name(&l.user_agent),
            ip: l.ip,
            last_seen: tr.datetime(l.last_seen_at, &user.time_zone),
            current: Some(l.id) == signed.login,
        })
        .collect();
    let quota = crate::auth::throttle::TOKEN_REQUESTS.configured(state);
    let mut tokens = Vec::new();
    for t in state.store.api_tokens(user.id).await? {
        let window = state
            .store
            .throttle_peek(&quota.key(&t.id.to_string()), quota.window_ms)
            .await?;
        let used = i64::from(window.hits) + state.limits.tokens.pending(t.id);
        let words = if used == 0 {
            tr.args("tokens-quota-none", &[("max", quota.max.into())])
        } else {
            tr.args(
                "tokens-quota",
                &[
                    ("used", used.into()),
                    ("max", quota.max.into()),
                    (
                        "until",
                        tr.datetime(window.resets_at, &user.time_zone).into(),
                    ),
                ],
            )
        };
        tokens.push((t, words));
    }
    let tokens = tokens
        .into_iter()
        .map(|(t, quota)| TokenRow {
            id: t.id,
            quota,
            scopes: t
                .scopes()
                .list()
                .iter()
                .map(|s| tr.t(&format!("scope-{}", s.as_str())))
                .collect::<Vec<_>>()
                .join(", "),
            name: t.name,
            prefix: t.prefix,
            created: tr.datetime(t.created_at, &user.time_zone),
            last_used: t
                .last_used_at
                .map(|ms| tr.datetime(ms, &user.time_zone))
                .unwrap_or_else(|| tr.t("never")),
        })
        .collect();
    let page = SecurityPage {
        c: Chrome::new(viewer, "/account/security").with_notice(forms.notice.as_deref()),
        email: user.email.clone(),
        pw: forms.pw,
        em: forms.em,
        tk: forms.tk,
        logins,
        tokens,
        new_token: forms.new_token,
        quota_lead: tr.args(
            "tokens-quota-lead",
            &[
                ("max", quota.max.into()),
                ("minutes", (quota.window_ms / 60_000).into()),
            ],
        ),
        needs_check: accounts::needs_password_check(signed),
        is_admin: user.is_admin,
    };
    Ok(render_status(status, &page))
}

async fn security_page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let forms = SecurityForms {
        notice: q.notice,
        ..SecurityForms::default()
    };
    security(&state, &signed, &viewer, forms, StatusCode::OK).await
}

async fn change_password(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    FormBody(form): FormBody<accounts::PasswordChange>,
) -> Result<Response, AppError> {
    match accounts::change_password(&state, &signed.user, signed.login, &form).await {
        Ok(()) => Ok(redirect_notice("/account/security", "password-changed")),
        Err(e @ AppError::Internal(_)) => Err(e),
        Err(e) => {
            let forms = SecurityForms {
                pw: Form::default().with_error(&e, &viewer.tr),
                ..SecurityForms::default()
            };
            security(&state, &signed, &viewer, forms, e.status()).await
        }
    }
}

#[derive(Deserialize)]
struct EmailChangeForm {
    #[serde(default)]
    new_email: String,
    #[serde(default)]
    current_password: String,
}

async fn change_email(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    FormBody(form): FormBody<EmailChangeForm>,
) -> Result<Response, AppError> {
    match accounts::request_email_change(
        &state,
        &signed.user,
        &form.new_email,
        &form.current_password,
    )
    .await
    {
        Ok(()) => Ok(redirect_notice("/account/security", "email-change-sent")),
        Err(e @ AppError::Internal(_)) => Err(e),
        Err(e) => {
            let em = Form::default()
                .with("new_email", &form.new_email)
                .with_error(&e, &viewer.tr);
            let forms = SecurityForms {
                em,
                ..SecurityForms::default()
            };
            security(&state, &signed, &viewer, forms, e.status()).await
        }
    }
}

async fn revoke_login(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<LoginId>,
) -> Result<Response, AppError> {
    state.store.revoke_login(signed.user.id, id).await?;
    if Some(id) == signed.login {
        return Ok(axum::response::Redirect::to("/signin").into_response());
    }
    Ok(redirect_notice("/account/security", "login-revoked"))
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    name: String,
    /// `read` or `write`.
    #[serde(default)]
    access: String,
    /// `on` for the `admin` scope.
    #[serde(default)]
    admin: String,
    #[serde(default)]
    current_password: String,
}

async fn create_token(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    FormBody(form): FormBody<TokenForm>,
) -> Result<Response, AppError> {
    let mut scopes = vec![form.access.clone()];
    if form.admin == "on" {
        scopes.push("admin".to_owned());
    }
    let input = accounts::NewToken {
        name: form.name.clone(),
        scopes,
        current_password: form.current_password.clone(),
    };
    match accounts::create_token(&state, &signed, &input).await {
        Ok((_, secret)) => {
            let forms = SecurityForms {
                new_token: Some(secret),
                ..SecurityForms::default()
            };
            security(&state, &signed, &viewer, forms, StatusCode::OK).await
        }
        Err(e @ AppError::Internal(_)) => Err(e),
        Err(e) => {
            let tk = Form::default()
                .with("name", &form.name)
                .with("access", &form.access)
                .with("admin", &form.admin)
                .with_error(&e, &viewer.tr);
            security(
                &state,
                &signed,
                &viewer,
                SecurityForms {
                    tk,
                    ..SecurityForms::default()
                },
                e.status(),
            )
            .await
        }
    }
}

async fn revoke_token(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<TokenId>,
) -> Result<Response, AppError> {
    state.store.revoke_api_token(signed.user.id, id).await?;
    Ok(redirect_notice("/account/security", "token-revoked"))
}

#[derive(Deserialize)]
struct NotificationsForm {
    #[serde(default)]
    email_notifications: String,
    /// Ticked: notifications of new publications by authors whose methods one selected.
    #[serde(default, deserialize_with = "crate::forms::checkbox")]
    public_activity: bool,
}

/// How notifications reach the person by email: at once, in a daily digest, or not at all.
async fn save_notifications(
    State(state): State<AppState>,
    signed: SignedIn,
    FormBody(input): FormBody<NotificationsForm>,
) -> Result<Response, AppError> {
    crate::notify::choose(
        &state,
        &signed.user,
        &input.email_notifications,
        input.public_activity,
    )
    .await?;
    Ok(redirect_notice("/account", "email-notifications-saved"))
}

#[derive(Deserialize)]
struct MessagesForm {
    /// Ticked: news and offers by email.
    advertising: Option<String>,
    /// Ticked: advertising chosen for the person.
    personalised: Option<String>,
}

/// Which advertising the person accepts; both boxes unticked refuse both.
async fn save_messages(
    State(state): State<AppState>,
    signed: SignedIn,
    FormBody(input): FormBody<MessagesForm>,
) -> Result<Response, AppError> {
    let choices = store::MessageChoices {
        refuses_advertising: input.advertising.is_none(),
        refuses_personalised: input.personalised.is_none(),
    };
    state
        .store
        .set_message_choices(signed.user.id, choices)
        .await?;
    Ok(redirect_notice("/account", "messages-saved"))
}

/// The deletion page, for the person (`admin` false) or for an administrator deleting them:
/// what goes, what stays, what to hand over first, and the form.
#[derive(Template)]
#[template(path = "account_delete.html")]
pub struct DeletePage {
    c: Chrome,
    f: Form,
    preview: store::DeletionPreview,
    email: String,
    name: String,
    admin: bool,
    action: String,
    /// The label of the typed address.
    confirm_label: &'static str,
}

impl DeletePage {
    pub async fn new(
        state: &AppState,
        user: &User,
        c: Chrome,
        f: Form,
        admin: bool,
    ) -> Result<Self, AppError> {
        Ok(Self {
            action: if admin {
                format!("/admin/users/{}/delete", user.id)
            } else {
                "/account/delete".to_owned()
            },
            c,
            f,
            preview: state.store.deletion_preview(user.id).await?,
            email: user.email.clone(),
            name: user.full_name(),
            admin,
            confirm_label: if admin {
                "admin-delete-type"
            } else {
                "delete-account-type"
            },
        })
    }
}

async fn deletion(
    state: &AppState,
    user: &User,
    viewer: &Viewer,
    f: Form,
) -> Result<DeletePage, AppError> {
    DeletePage::new(
        state,
        user,
        Chrome::new(viewer, "/account/delete"),
        f,
        false,
    )
    .await
}

async fn delete_page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
) -> Result<Response, AppError> {
    Ok(render(
        &deletion(&state, &signed.user, &viewer, Form::default()).await?,
    ))
}

async fn delete_account(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    jar: CookieJar,
    FormBody(input): FormBody<crate::deletion::DeleteInput>,
) -> Result<Response, AppError> {
    match crate::deletion::delete_own(&state, &signed.user, &input).await {
        Ok(()) => Ok((
            jar.add(clear_login_cookie(&state)),
            redirect_notice("/signin", "account-deleted"),
        )
            .into_response()),
        Err(e @ AppError::Internal(_)) => Err(e),
        Err(e) => {
            let f = Form::default()
                .with("confirm", &input.confirm)
                .with("delete_shared", if input.delete_shared { "on" } else { "" })
                .with_error(&e, &viewer.tr);
            let page = deletion(&state, &signed.user, &viewer, f).await?;
            Ok(render_form_error(&e, &page))
        }
    }
}
