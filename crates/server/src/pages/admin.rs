//! The administrators' pages: a searchable user list, the kept emails, the invoices, the
//! billing console, the analytics and the advertising emails. Anyone else gets 404.

mod analytics;
mod audit;
mod billing;
mod legal;
mod newsletters;
mod people;
mod reports;

use super::account::DeletePage;
use super::{Chrome, Form, NoticeQuery, redirect_notice, render, render_form_error};
use crate::auth::{Admin, Viewer};
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use domain::{InvoiceId, MailId, UserId};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(users))
        .route("/admin/users/{id}/delete", get(delete_page).post(delete))
        .route("/admin/mail", get(mails))
        .route("/admin/mail/{id}", get(mail))
        .route("/admin/invoices", get(invoices))
        .route("/admin/invoices/{id}/paid", post(invoice_paid))
        .merge(billing::router())
        .merge(analytics::router())
        .merge(newsletters::router())
        .merge(legal::router())
        .merge(people::router())
        .merge(audit::router())
        .merge(reports::router())
}

struct UserRow {
    id: UserId,
    /// The reader themselves (deleted from their own account page).
    you: bool,
    email: String,
    name: String,
    is_admin: bool,
    blocked: bool,
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
    notice: Option<String>,
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
            id: u.id,
            you: u.id == admin.id,
            name: format!("{} {}", u.first_name, u.last_name),
            email: u.email,
            is_admin: u.is_admin,
            blocked: u.blocked_at.is_some(),
            confirmed: u.email_confirmed_at.is_some(),
            created: viewer.tr.datetime(u.created_at, &admin.time_zone),
        })
        .collect();
    Ok(render(&UsersPage {
        c: Chrome::new(&viewer, "/admin").with_notice(s.notice.as_deref()),
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

/// An invoice as the administrators' list shows it.
struct InvoiceLine {
    id: InvoiceId,
    number: i64,
    issued: String,
    workspace: String,
    buyer: String,
    amount: String,
    /// Waiting for the transfer.
    open: bool,
    status: String,
}

#[derive(Template)]
#[template(path = "admin_invoices.html")]
struct InvoicesPage {
    c: Chrome,
    invoices: Vec<InvoiceLine>,
    /// The invoice whose note was missing, with the message.
    problem: Option<(InvoiceId, String)>,
}

async fn invoice_lines(
    state: &AppState,
    admin: &store::User,
    tr: &crate::i18n::Tr,
) -> Result<Vec<InvoiceLine>, AppError> {
    let zone = admin.time_zone.as_str();
    let mut out = Vec::new();
    for i in state.store.all_invoices(500).await? {
        let buyer = i.buyer()?;
        out.push(InvoiceLine {
            id: i.id,
            number: i.number,
            issued: tr.datetime(i.issued_at, zone),
            workspace: i
                .workspace_name
                .clone()
                .unwrap_or_else(|| tr.t("invoice-workspace-gone")),
            buyer: format!(
                "{} {}, {} {}",
                buyer.legal_form,
                buyer.name,
                tr.t("org-inn"),
                buyer.inn
            )
            .trim()
            .to_owned(),
            amount: crate::billing::money(i.amount, &i.currency).display(tr.locale),
            open: i.status == "issued",
            status: match (i.status.as_str(), i.paid_at) {
                ("paid", Some(at)) => tr.args(
                    "admin-invoice-paid",
                    &[
                        ("date", tr.datetime(at, zone).into()),
                        ("note", i.paid_note.clone().into()),
                    ],
                ),
                ("canceled", _) => tr.t("invoice-status-canceled"),
                _ => tr.t("invoice-status-issued"),
            },
        });
    }
    Ok(out)
}

async fn invoices(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    Ok(render(&InvoicesPage {
        c: Chrome::new(&viewer, "/admin/invoices").with_notice(q.notice.as_deref()),
        invoices: invoice_lines(&state, &admin, &viewer.tr).await?,
        problem: None,
    }))
}

#[derive(Deserialize)]
struct PaidForm {
    #[serde(default)]
    note: String,
}

/// Marks an invoice paid, with the administrator's note on what showed the transfer.
async fn invoice_paid(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path(id): Path<InvoiceId>,
    axum::Form(f): axum::Form<PaidForm>,
) -> Result<Response, AppError> {
    let note = f.note.trim();
    if note.is_empty() {
        let page = InvoicesPage {
            c: Chrome::new(&viewer, "/admin/invoices"),
            invoices: invoice_lines(&state, &admin, &viewer.tr).await?,
            problem: Some((id, viewer.tr.t("admin-invoice-note-required"))),
        };
        return Ok(super::render_status(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            &page,
        ));
    }
    crate::invoices::mark_paid(&state, id, admin.id, note).await?;
    crate::moderation::record(
        &state,
        Some(&admin),
        domain::moderation::AuditAction::InvoicePaid,
        "invoice",
        Some(id.0),
        note,
    )
    .await?;
    Ok(redirect_notice("/admin/invoices", "invoice-marked-paid"))
}

async fn delete_page(
    State(state): State<AppState>,
    Admin(_): Admin,
    viewer: Viewer,
    Path(id): Path<UserId>,
) -> Result<Response, AppError> {
    let user = state.store.user(id).await?;
    let c = Chrome::new(&viewer, "/admin");
    Ok(render(
        &DeletePage::new(&state, &user, c, Form::default(), true).await?,
    ))
}

async fn delete(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path(id): Path<UserId>,
    axum::Form(input): axum::Form<crate::deletion::AdminDeleteInput>,
) -> Result<Response, AppError> {
    let user = state.store.user(id).await?;
    match crate::deletion::delete_by_admin(&state, &admin, &user, &input).await {
        Ok(()) => Ok(redirect_notice("/admin", "account-deleted-by-admin")),
        Err(e @ AppError::Internal(_)) => Err(e),
        Err(e) => {
            let f = Form::default()
                .with("confirm", &input.confirm)
                .with_error(&e, &viewer.tr);
            let c = Chrome::new(&viewer, "/admin");
            let page = DeletePage::new(&state, &user, c, f, true).await?;
            Ok(render_form_error(&e, &page))
        }
    }
}
