//! Reporting public content: the form under a public method, a public design and a public
//! link's page, and the thanks that follow. The library's pages need an account; a public
//! link's page does not, and neither does reporting it (the reporter leaves an address).

use super::{Chrome, Form, render, render_form_error};
use crate::auth::{SignedIn, Viewer, hash_secret};
use crate::error::AppError;
use crate::reports::{self, ReportInput};
use crate::state::AppState;
use askama::Template;
use axum::extract::Query;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form as FormBody, Router};
use domain::moderation::{ReportCategory, Reported};
use domain::{MethodId, TemplateId};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/library/methods/{id}/report",
            get(method_form).post(method_send),
        )
        .route(
            "/library/designs/{id}/report",
            get(design_form).post(design_send),
        )
        .route("/p/{secret}/report", get(link_form).post(link_send))
}

/// `?sent=1` after a report went in.
#[derive(serde::Deserialize)]
struct Sent {
    sent: Option<String>,
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    c: Chrome,
    heading: String,
    /// What is reported, and where it is.
    title: String,
    back: String,
    action: String,
    /// A public link's page, which no search engine should keep.
    link: bool,
    categories: Vec<(&'static str, String)>,
    max_body: usize,
    f: Form,
    sent: bool,
}

/// What a report is about, as the form shows it.
struct About {
    target: Reported,
    heading_key: &'static str,
    title: String,
    back: String,
}

impl ReportPage {
    fn new(viewer: &Viewer, about: &About, f: Form, sent: bool) -> Self {
        let tr = &viewer.tr;
        Self {
            c: Chrome::new(viewer, &about.back),
            heading: tr.t(about.heading_key),
            title: about.title.clone(),
            action: format!("{}/report", about.back),
            link: matches!(about.target, Reported::Link(_)),
            back: about.back.clone(),
            categories: ReportCategory::ALL
                .into_iter()
                .map(|k| (k.as_str(), tr.t(&format!("report-category-{}", k.as_str()))))
                .collect(),
            max_body: reports::MAX_BODY,
            f,
            sent,
        }
    }
}

async fn method_about(
    state: &AppState,
    signed: &SignedIn,
    id: MethodId,
) -> Result<About, AppError> {
    let row = state.store.method(id, signed.user.id).await?;
    let fields = row.fields().ok_or(AppError::NotFound)?;
    Ok(About {
        target: Reported::Method(id),
        heading_key: "report-method",
        title: fields.title,
        back: format!("/library/methods/{id}"),
    })
}

async fn design_about(
    state: &AppState,
    signed: &SignedIn,
    id: TemplateId,
) -> Result<About, AppError> {
    let row = state.store.template(id, signed.user.id).await?;
    let fields = row.fields().ok_or(AppError::NotFound)?;
    Ok(About {
        target: Reported::Template(id),
        heading_key: "report-design",
        title: fields.title,
        back: format!("/library/designs/{id}"),
    })
}

async fn link_about(state: &AppState, secret: &str) -> Result<About, AppError> {
    let link = state.store.link_by_token(&hash_secret(secret)).await?;
    let session = state.store.session(link.session_id).await?;
    Ok(About {
        target: Reported::Link(link.id),
        heading_key: "report-link",
        title: session.title,
        back: format!("/p/{secret}"),
    })
}

/// The form filed: thanks, or the form again with what was typed and what is wrong.
async fn send(
    state: &AppState,
    viewer: &Viewer,
    about: About,
    input: ReportInput,
) -> Result<Response, AppError> {
    match reports::file(state, viewer, about.target, &input).await {
        // Sent: the thanks are a page of their own, so a reload files nothing twice.
        Ok(_) => Ok(Redirect::to(&format!("{}/report?sent=1", about.back)).into_response()),
        Err(e @ (AppError::Internal(_) | AppError::NotFound)) => Err(e),
        Err(e) => {
            let f = Form::default()
                .with("category", &input.category)
                .with("body", &input.body)
                .with("email", &input.email)
                .with_error(&e, &viewer.tr);
            Ok(render_form_error(
                &e,
                &ReportPage::new(viewer, &about, f, false),
            ))
        }
    }
}

async fn method_form(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<MethodId>,
    Query(q): Query<Sent>,
) -> Result<Response, AppError> {
    let about = method_about(&state, &signed, id).await?;
    Ok(render(&ReportPage::new(
        &viewer,
        &about,
        Form::default(),
        q.sent.is_some(),
    )))
}

async fn method_send(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<MethodId>,
    FormBody(input): FormBody<ReportInput>,
) -> Result<Response, AppError> {
    let about = method_about(&state, &signed, id).await?;
    send(&state, &viewer, about, input).await
}

async fn design_form(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<TemplateId>,
    Query(q): Query<Sent>,
) -> Result<Response, AppError> {
    let about = design_about(&state, &signed, id).await?;
    Ok(render(&ReportPage::new(
        &viewer,
        &about,
        Form::default(),
        q.sent.is_some(),
    )))
}

async fn design_send(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<TemplateId>,
    FormBody(input): FormBody<ReportInput>,
) -> Result<Response, AppError> {
    let about = design_about(&state, &signed, id).await?;
    send(&state, &viewer, about, input).await
}

async fn link_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(secret): Path<String>,
    Query(q): Query<Sent>,
) -> Result<Response, AppError> {
    let about = link_about(&state, &secret).await?;
    let mut res = render(&ReportPage::new(
        &viewer,
        &about,
        Form::default(),
        q.sent.is_some(),
    ));
    res.headers_mut().insert(
        "x-robots-tag",
        axum::http::HeaderValue::from_static("noindex, nofollow"),
    );
    Ok(res)
}

async fn link_send(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(secret): Path<String>,
    FormBody(input): FormBody<ReportInput>,
) -> Result<Response, AppError> {
    let about = link_about(&state, &secret).await?;
    send(&state, &viewer, about, input).await
}
