//! Download my data (`/account/data`): what a copy holds and the button that asks for one (at
//! most once a day), the copies asked for with their state, a copy's progress while a job
//! makes it (`/account/data/{id}`, polled every two seconds), and its download, for its
//! owner only, while its link works.

use super::{Chrome, private, render, render_status};
use crate::auth::{SignedIn, Viewer};
use crate::data_export;
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use domain::DataExportId;
use store::DataExportRow;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/data", get(page).post(ask))
        .route("/account/data/{id}", get(progress))
        .route("/account/data/{id}/download", get(download))
}

/// A copy as the list shows it.
struct CopyView {
    link: String,
    /// "Asked for on …", and where it stands.
    asked: String,
    state: String,
}

#[derive(Template)]
#[template(path = "data_export.html")]
struct DataPage {
    c: Chrome,
    /// When another copy may be asked for, in words; `None`: now.
    next: Option<String>,
    copies: Vec<CopyView>,
    alert: Option<String>,
}

fn state_of(tr: crate::i18n::Tr, row: &DataExportRow, time_zone: &str) -> String {
    let now = store::now_ms();
    if row.running(now) {
        tr.t("data-export-state-running")
    } else if row.failed(now) {
        tr.t("data-export-state-failed")
    } else if row.ready(now) {
        tr.ts(
            "data-export-state-ready",
            "date",
            &tr.datetime(row.expires_at.unwrap_or(now), time_zone),
        )
    } else {
        tr.t("data-export-state-expired")
    }
}

async fn data_page(
    state: &AppState,
    viewer: &Viewer,
    user: &store::User,
    alert: Option<String>,
) -> Result<DataPage, AppError> {
    let tr = viewer.tr;
    let rows = state.store.data_exports_of(user.id).await?;
    Ok(DataPage {
        c: Chrome::new(viewer, "/account/data"),
        next: data_export::next_allowed(&rows).map(|at| tr.datetime(at, &user.time_zone)),
        copies: rows
            .iter()
            .take(10)
            .map(|r| CopyView {
                link: format!("/account/data/{}", r.id),
                asked: tr.ts(
                    "data-export-asked",
                    "date",
                    &tr.datetime(r.created_at, &user.time_zone),
                ),
                state: state_of(tr, r, &user.time_zone),
            })
            .collect(),
        alert,
    })
}

async fn page(
    State(state): State<AppState>,
    SignedIn { user, .. }: SignedIn,
    viewer: Viewer,
) -> Result<Response, AppError> {
    Ok(private(render(
        &data_page(&state, &viewer, &user, None).await?,
    )))
}

/// A copy of someone's data is asked for and downloaded in a signed-in browser only, never
/// with an API token.
fn browser_only(signed: &SignedIn) -> Result<(), AppError> {
    match signed.credential {
        domain::Credential::Login { .. } => Ok(()),
        domain::Credential::Token { .. } => Err(AppError::NotFound),
    }
}

async fn ask(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
) -> Result<Response, AppError> {
    browser_only(&signed)?;
    let user = signed.user;
    match data_export::begin(&state, &user).await {
        Ok(id) => Ok(Redirect::to(&format!("/account/data/{id}")).into_response()),
        Err(e @ AppError::Conflict(_)) => {
            let page = data_page(&state, &viewer, &user, Some(e.message(&viewer.tr))).await?;
            Ok(private(render_status(e.status(), &page)))
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "data_export_progress.html")]
struct ProgressPage {
    c: Chrome,
    here: String,
    running: bool,
    failed: bool,
    ready: bool,
    /// Steps done and in all (0 until counted).
    done: i64,
    total: i64,
    /// "12 of 40 parts", in the reader's words.
    steps: String,
    size: String,
    expires: String,
}

async fn progress(
    State(state): State<AppState>,
    SignedIn { user, .. }: SignedIn,
    viewer: Viewer,
    Path(id): Path<DataExportId>,
) -> Result<Response, AppError> {
    let row = data_export::look(&state, &user, id).await?;
    let tr = viewer.tr;
    let now = store::now_ms();
    let here = format!("/account/data/{id}");
    Ok(private(render(&ProgressPage {
        c: Chrome::new(&viewer, &here),
        here,
        running: row.running(now),
        failed: row.failed(now),
        ready: row.ready(now),
        done: row.done,
        total: row.total,
        steps: tr.args(
            "data-export-running",
            &[("done", row.done.into()), ("total", row.total.into())],
        ),
        size: crate::pages::files::size(&tr, row.size.unwrap_or(0)),
        expires: row
            .expires_at
            .map(|at| tr.datetime(at, &user.time_zone))
            .unwrap_or_default(),
    })))
}

async fn download(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<DataExportId>,
) -> Result<Response, AppError> {
    browser_only(&signed)?;
    let (row, got) = data_export::download(&state, &signed.user, id).await?;
    let mut res = Body::from_stream(got.into_stream()).into_response();
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/zip"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Some(size) = row.size
        && let Ok(v) = HeaderValue::from_str(&size.to_string())
    {
        headers.insert(header::CONTENT_LENGTH, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}\"",
        data_export::file_name(&row)
    )) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(private(res))
}
