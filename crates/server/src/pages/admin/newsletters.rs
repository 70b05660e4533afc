//! `/admin/newsletters`: an advertising email, written in both languages, sent to everyone
//! who has not refused advertising (each in their language, through the outbox), and the
//! ones sent before with how many emails each has queued.

use super::super::{Chrome, Form, NoticeQuery, redirect_notice, render, render_status};
use crate::auth::{Admin, Viewer};
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Form as FormBody, Router};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/admin/newsletters", get(page).post(send))
}

/// A sent newsletter as the list shows it.
pub struct SentView {
    pub subject: String,
    pub when: String,
    pub queued: i64,
    pub finished: bool,
}

#[derive(Template)]
#[template(path = "admin_newsletters.html")]
struct NewslettersPage {
    c: Chrome,
    f: Form,
    audience: i64,
    sent: Vec<SentView>,
}

async fn newsletters_page(
    state: &AppState,
    viewer: &Viewer,
    admin: &store::User,
    f: Form,
    notice: Option<&str>,
) -> Result<NewslettersPage, AppError> {
    let tr = viewer.tr;
    let sent = state
        .store
        .newsletters(50)
        .await?
        .into_iter()
        .map(|n| SentView {
            subject: match tr.locale {
                domain::Locale::Ru => n.subject_ru,
                domain::Locale::En => n.subject_en,
            },
            when: tr.datetime(n.created_at, &admin.time_zone),
            queued: n.queued,
            finished: n.finished_at.is_some(),
        })
        .collect();
    Ok(NewslettersPage {
        c: Chrome::new(viewer, "/admin/newsletters").with_notice(notice),
        f,
        audience: state.store.advertising_audience().await?,
        sent,
    })
}

async fn page(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    // A one-time key for this form: pressing Send twice sends once.
    let f = Form::default().with("request_key", &crate::auth::new_secret().0);
    Ok(render(
        &newsletters_page(&state, &viewer, &admin, f, q.notice.as_deref()).await?,
    ))
}

#[derive(Deserialize)]
struct NewsletterForm {
    #[serde(default)]
    subject_en: String,
    #[serde(default)]
    body_en: String,
    #[serde(default)]
    subject_ru: String,
    #[serde(default)]
    body_ru: String,
    #[serde(default)]
    request_key: String,
}

/// The longest subject and text an administrator may send.
const SUBJECT_MAX: usize = 200;
const BODY_MAX: usize = 20_000;

async fn send(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    FormBody(input): FormBody<NewsletterForm>,
) -> Result<Response, AppError> {
    let tr = viewer.tr;
    let fields = [
        ("subject_en", input.subject_en.trim(), SUBJECT_MAX),
        ("body_en", input.body_en.trim(), BODY_MAX),
        ("subject_ru", input.subject_ru.trim(), SUBJECT_MAX),
        ("body_ru", input.body_ru.trim(), BODY_MAX),
    ];
    let request_key = match input.request_key.trim() {
        "" => crate::auth::new_secret().0,
        key => key.chars().take(64).collect(),
    };
    let mut f = Form::default().with("request_key", &request_key);
    let mut bad = false;
    for (name, value, max) in fields {
        f = f.with(name, value);
        let error = if value.is_empty() {
            Some(domain::FieldError::Required)
        } else if value.chars().count() > max {
            Some(domain::FieldError::TooLong { max })
        } else if name.starts_with("subject") && value.chars().any(char::is_control) {
            Some(domain::FieldError::ControlCharacters)
        } else {
            None
        };
        if let Some(e) = error {
            f = f.with_field_error(name, tr.field_error(&e), &tr);
            bad = true;
        }
    }
    if bad {
        let page = newsletters_page(&state, &viewer, &admin, f, None).await?;
        return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    state
        .store
        .create_newsletter(&store::NewNewsletter {
            subject_en: input.subject_en.trim().to_owned(),
            body_en: input.body_en.trim().to_owned(),
            subject_ru: input.subject_ru.trim().to_owned(),
            body_ru: input.body_ru.trim().to_owned(),
            sent_by: admin.id,
            request_key,
            legal_link: None,
        })
        .await?;
    crate::moderation::record(
        &state,
        Some(&admin),
        domain::moderation::AuditAction::SendNewsletter,
        "newsletter",
        None,
        input.subject_en.trim(),
    )
    .await?;
    Ok(redirect_notice("/admin/newsletters", "newsletter-sent"))
}
