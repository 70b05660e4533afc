//! The copyright notice form, open to everyone (linked from every page's footer), and the
//! counter-notice form, open only to the owner of the material a notice removed.

use super::{Chrome, Form, render, render_form_error};
use crate::auth::{SignedIn, Viewer};
use crate::copyright::{self, CounterInput, NoticeInput};
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form as FormBody, Router};
use domain::ReportId;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/copyright", get(notice_form).post(notice_send))
        .route(
            "/copyright/counter/{id}",
            get(counter_form).post(counter_send),
        )
}

/// `?url=` fills in the material's address; `?sent=1` after a notice went in.
#[derive(serde::Deserialize)]
struct NoticeQuery {
    url: Option<String>,
    sent: Option<String>,
}

#[derive(Template)]
#[template(path = "copyright.html")]
struct NoticePage {
    c: Chrome,
    f: Form,
    max_text: usize,
    sent: bool,
}

fn notice_page(viewer: &Viewer, f: Form, sent: bool) -> NoticePage {
    NoticePage {
        c: Chrome::new(viewer, "/copyright"),
        f,
        max_text: copyright::MAX_TEXT,
        sent,
    }
}

async fn notice_form(viewer: Viewer, Query(q): Query<NoticeQuery>) -> Response {
    let mut f = Form::default().with("material_url", q.url.as_deref().unwrap_or_default());
    if let Some(user) = &viewer.user {
        f = f
            .with("name", &user.full_name())
            .with("email", &user.email)
            .with("phone", user.phone.as_deref().unwrap_or_default());
    }
    render(&notice_page(&viewer, f, q.sent.is_some()))
}

async fn notice_send(
    State(state): State<AppState>,
    viewer: Viewer,
    FormBody(input): FormBody<NoticeInput>,
) -> Result<Response, AppError> {
    match copyright::file_notice(&state, &viewer, &input).await {
        // The thanks are a page of their own, so a reload sends nothing twice.
        Ok(_) => Ok(Redirect::to("/copyright?sent=1").into_response()),
        Err(e @ AppError::Internal(_)) => Err(e),
        Err(e) => {
            let on = |b: bool| if b { "on" } else { "" };
            let f = Form::default()
                .with("material_url", &input.material_url)
                .with("work", &input.work)
                .with("name", &input.name)
                .with("email", &input.email)
                .with("phone", &input.phone)
                .with("good_faith", on(input.good_faith))
                .with("accurate", on(input.accurate))
                .with_error(&e, &viewer.tr);
            Ok(render_form_error(&e, &notice_page(&viewer, f, false)))
        }
    }
}

#[derive(Template)]
#[template(path = "counter_notice.html")]
struct CounterPage {
    c: Chrome,
    id: ReportId,
    title: String,
    sender: String,
    sent_at: String,
    work: String,
    /// When the material was removed, and why.
    removed: String,
    /// What became of a counter-notice already sent.
    answered: Option<String>,
    f: Form,
    max_text: usize,
}

async fn counter_page(
    state: &AppState,
    signed: &SignedIn,
    viewer: &Viewer,
    id: ReportId,
    f: Form,
) -> Result<CounterPage, AppError> {
    let (report, notice) = copyright::answerable(state, &signed.user, id).await?;
    let tr = &viewer.tr;
    let zone = signed.user.time_zone.as_str();
    let answered = state.store.counter_notice(id).await?.map(|c| {
        let when = tr.datetime(c.created_at, zone);
        match (c.status.as_str(), c.decided_at) {
            ("restored", Some(at)) => tr.args(
                "counter-restored",
                &[
                    ("date", tr.datetime(at, zone).into()),
                    ("reason", c.decision.into()),
                ],
            ),
            ("upheld", Some(at)) => tr.args(
                "counter-upheld",
                &[
                    ("date", tr.datetime(at, zone).into()),
                    ("reason", c.decision.into()),
                ],
            ),
            _ => tr.ts("counter-waiting", "date", &when),
        }
    });
    Ok(CounterPage {
        c: Chrome::new(viewer, &format!("/copyright/counter/{id}")),
        id,
        title: report.title.clone().unwrap_or_else(|| tr.t("report-gone")),
        sender: notice.name,
        sent_at: tr.datetime(notice.stated_at, zone),
        work: notice.work,
        removed: tr.args(
            "report-outcome-removed",
            &[
                (
                    "date",
                    tr.datetime(report.resolved_at.unwrap_or_default(), zone)
                        .into(),
                ),
                ("reason", report.resolution.clone().into()),
            ],
        ),
        answered,
        f,
        max_text: copyright::MAX_TEXT,
    })
}

async fn counter_form(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<ReportId>,
) -> Result<Response, AppError> {
    let user = &signed.user;
    let f = Form::default()
        .with("name", &user.full_name())
        .with("email", &user.email)
        .with("phone", user.phone.as_deref().unwrap_or_default());
    Ok(render(
        &counter_page(&state, &signed, &viewer, id, f).await?,
    ))
}

async fn counter_send(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<ReportId>,
    FormBody(input): FormBody<CounterInput>,
) -> Result<Response, AppError> {
    match copyright::file_counter(&state, &signed.user, &viewer, id, &input).await {
        Ok(()) => Ok(Redirect::to(&format!("/copyright/counter/{id}")).into_response()),
        Err(e @ (AppError::Internal(_) | AppError::NotFound)) => Err(e),
        Err(e) => {
            let on = |b: bool| if b { "on" } else { "" };
            let f = Form::default()
                .with("name", &input.name)
                .with("email", &input.email)
                .with("phone", &input.phone)
                .with("statement", &input.statement)
                .with("good_faith", on(input.good_faith))
                .with("disclose", on(input.disclose))
                .with_error(&e, &viewer.tr);
            let page = counter_page(&state, &signed, &viewer, id, f).await?;
            Ok(render_form_error(&e, &page))
        }
    }
}
