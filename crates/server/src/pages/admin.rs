//! The administrators' pages: a searchable user list and the kept emails. Anyone else gets 404.

use super::{Chrome, render};
use crate::auth::{Admin, Viewer};
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use domain::MailId;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(users))
        .route("/admin/mail", get(mails))
        .route("/admin/mail/{id}", get(mail))
}

struct UserRow {
    email: String,
    name: String,
    is_admin: bool,
    confirmed: bool,
    created: String,
}

#[derive(Template)]
#[template(path = "admin_users.html")]
struct UsersPage {
    c: Chrome,
    q: String,
    users: Vec<UserRow>,
}

#[derive(Deserialize)]
struct Search {
    #[serde(default)]
    q: String,
}

async fn users(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Query(s): Query<Search>,
) -> Result<Response, AppError> {
    let users = state
        .store
        .search_users(&s.q, 200)
        .await?
        .into_iter()
        .map(|u| UserRow {
            name: format!("{} {}", u.first_name, u.last_name),
            email: u.email,
            is_admin: u.is_admin,
            confirmed: u.email_confirmed_at.is_some(),
            created: viewer.tr.datetime(u.created_at, &admin.time_zone),
        })
        .collect();
    Ok(render(&UsersPage {
        c: Chrome::new(&viewer, "/admin"),
        q: s.q,
        users,
    }))
}

struct MailRow {
    id: MailId,
    to: String,
    subject: String,
    status: &'static str,
    created: String,
}

#[derive(Template)]
#[template(path = "admin_mail.html")]
struct MailsPage {
    c: Chrome,
    smtp: bool,
    mails: Vec<MailRow>,
}

async fn mails(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
) -> Result<Response, AppError> {
    let mails = state
        .store
        .recent_mail(200)
        .await?
        .into_iter()
        .map(|m| MailRow {
            id: m.id,
            to: m.to,
            subject: m.subject,
            status: m.status.as_str(),
            created: viewer.tr.datetime(m.created_at, &admin.time_zone),
        })
        .collect();
    Ok(render(&MailsPage {
        c: Chrome::new(&viewer, "/admin/mail"),
        smtp: state.mailer.is_configured(),
        mails,
    }))
}

#[derive(Template)]
#[template(path = "admin_mail_one.html")]
struct MailPage {
    c: Chrome,
    subject: String,
    to: String,
    status: &'static str,
    created: String,
    text: String,
}

async fn mail(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path(id): Path<MailId>,
) -> Result<Response, AppError> {
    let m = state.store.mail(id).await?;
    Ok(render(&MailPage {
        c: Chrome::new(&viewer, "/admin/mail"),
        created: viewer.tr.datetime(m.created_at, &admin.time_zone),
        subject: m.subject,
        to: m.to,
        status: m.status.as_str(),
        text: m.text_body,
    }))
}
