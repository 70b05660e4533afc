//! A session's exports as downloads from its pages and from its public link, and the import
//! page: a file chosen, a CSV's rows checked, then a new session.

use super::super::{Chrome, redirect_notice, render, render_form_error};
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::exports::{self, Download, ExportQuery, IMPORT_MAX_BYTES, Outcome};
use crate::state::AppState;
use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use domain::{ExportId, SessionId};
use serde::Deserialize;
use store::{ExportRow, ExportStatus};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sessions/{id}/export", get(export))
        .route("/p/{secret}/export", get(link_export))
        .route("/exports/{id}", get(progress))
        .route("/exports/{id}/file", get(file))
        .route("/p/{secret}/exports/{id}", get(link_progress))
        .route("/p/{secret}/exports/{id}/file", get(link_file))
        .route(
            "/sessions/import",
            get(import_page)
                .post(import)
                .layer(DefaultBodyLimit::max(IMPORT_MAX_BYTES + 64 * 1024)),
        )
        .route(
            "/sessions/import/csv",
            axum::routing::post(import_csv).layer(DefaultBodyLimit::max(
                // The CSV comes back as a form field, percent-encoded: up to three bytes each.
                3 * IMPORT_MAX_BYTES + 64 * 1024,
            )),
        )
}

async fn export(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Query(query): Query<ExportQuery>,
) -> Result<Response, AppError> {
    Ok(
        match exports::of_session(&state, &signed.user, id, viewer.tr, &query).await? {
            Outcome::Ready(download) => download.into_response(),
            Outcome::Later(id) => Redirect::to(&format!("/exports/{id}")).into_response(),
        },
    )
}

async fn link_export(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(secret): Path<String>,
    Query(query): Query<ExportQuery>,
) -> Result<Response, AppError> {
    Ok(
        match exports::of_link(&state, &secret, viewer.tr, &query).await? {
            Outcome::Ready(download) => download.into_response(),
            Outcome::Later(id) => {
                Redirect::to(&format!("/p/{secret}/exports/{id}")).into_response()
            }
        },
    )
}

/// An export that went on as a job, while it is made and once it is done.
#[derive(Template)]
#[template(path = "export_progress.html")]
struct ProgressPage {
    c: Chrome,
    /// This page's address, polled while the export runs.
    here: String,
    /// Where "back" leads: the session, or its public link.
    back: String,
    file_name: String,
    running: bool,
    failed: bool,
    seconds: i64,
    size: String,
    /// Whether its asker is told by email if they leave: a person is, a link's visitor not.
    emailed: bool,
}

impl ProgressPage {
    fn new(viewer: &Viewer, row: &ExportRow, here: String, back: String) -> Self {
        let status = row.status();
        ProgressPage {
            c: Chrome::new(viewer, &here),
            here,
            back,
            file_name: row.file_name.clone(),
            running: status == ExportStatus::Running,
            failed: status == ExportStatus::Failed,
            seconds: (store::now_ms() - row.created_at).max(0) / 1000,
            size: crate::pages::files::size(&viewer.tr, row.size.unwrap_or(0)),
            emailed: row.user_id.is_some(),
        }
    }
}

async fn progress(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<ExportId>,
) -> Result<Response, AppError> {
    let row = exports::look(&state, &signed.user, id).await?;
    let back = format!("/sessions/{}", row.session_id);
    Ok(crate::pages::private(render(&ProgressPage::new(
        &viewer,
        &row,
        format!("/exports/{id}"),
        back,
    ))))
}

async fn file(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<ExportId>,
) -> Result<Download, AppError> {
    let row = exports::look(&state, &signed.user, id).await?;
    exports::file_of(&state, &row).await
}

async fn link_progress(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((secret, id)): Path<(String, ExportId)>,
) -> Result<Response, AppError> {
    let row = exports::look_by_link(&state, &secret, id).await?;
    let here = format!("/p/{secret}/exports/{id}");
    let mut res = crate::pages::private(render(&ProgressPage::new(
        &viewer,
        &row,
        here,
        format!("/p/{secret}"),
    )));
    res.headers_mut().insert(
        "x-robots-tag",
        HeaderValue::from_static("noindex, nofollow"),
    );
    Ok(res)
}

async fn link_file(
    State(state): State<AppState>,
    Path((secret, id)): Path<(String, ExportId)>,
) -> Result<Download, AppError> {
    let row = exports::look_by_link(&state, &secret, id).await?;
    exports::file_of(&state, &row).await
}

/// A CSV's row as the preview shows it.
struct PreviewRow {
    line: usize,
    title: String,
    kind: String,
    duration: String,
    problems: Vec<String>,
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    c: Chrome,
    alert: Option<String>,
    title: String,
    /// The CSV being previewed, sent back with the form that imports it.
    csv: String,
    rows: Vec<PreviewRow>,
    custom: String,
    /// The workspace's plan has no custom fields: the custom columns are left out.
    custom_left_out: bool,
}

impl ImportPage {
    /// How many rows would be imported.
    fn good(&self) -> usize {
        self.rows.iter().filter(|r| r.problems.is_empty()).count()
    }

    /// "3 of 5 rows can be imported."
    fn summary(&self) -> String {
        let n = |v: usize| fluent_bundle::FluentValue::from(i64::try_from(v).unwrap_or(i64::MAX));
        self.c.tr.args(
            "import-preview-summary",
            &[("good", n(self.good())), ("total", n(self.rows.len()))],
        )
    }

    fn new(viewer: &Viewer) -> Self {
        ImportPage {
            c: Chrome::new(viewer, "/sessions/import"),
            alert: None,
            title: String::new(),
            csv: String::new(),
            rows: Vec::new(),
            custom: String::new(),
            custom_left_out: false,
        }
    }
}

async fn import_page(_signed: SignedIn, viewer: Viewer) -> Response {
    render(&ImportPage::new(&viewer))
}

/// The chosen file: a JSON export becomes a session at once; a CSV is shown row by row first.
async fn import(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    let mut page = ImportPage::new(&viewer);
    let (name, bytes, title) = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(e) => {
            page.alert = Some(e.message(&viewer.tr));
            return Ok(render_form_error(&e, &page));
        }
    };
    page.title = if title.trim().is_empty() {
        name.rsplit_once('.')
            .map_or(name.as_str(), |(base, _)| base)
            .to_owned()
    } else {
        title
    };
    let json = name.to_ascii_lowercase().ends_with(".json")
        || bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if json {
        return match exports::import_json(&state, &signed.user, &bytes).await {
            Ok(session) => Ok(redirect_notice(
                &format!("/sessions/{}", session.id),
                "session-imported",
            )),
            Err(e) => {
                page.alert = Some(e.message(&viewer.tr));
                Ok(render_form_error(&e, &page))
            }
        };
    }
    page.custom_left_out = !exports::custom_fields_allowed(&state, &signed.user).await?;
    match fill_preview(&mut page, &viewer, &bytes) {
        Ok(()) => Ok(render(&page)),
        Err(e) => {
            page.alert = Some(e.message(&viewer.tr));
            Ok(render_form_error(&e, &page))
        }
    }
}

/// The page shows `bytes` as CSV rows, each with its problems, ready to import.
fn fill_preview(page: &mut ImportPage, viewer: &Viewer, bytes: &[u8]) -> Result<(), AppError> {
    let tr = &viewer.tr;
    let preview = exports::preview_csv(viewer.tr, bytes)?;
    page.csv = String::from_utf8_lossy(bytes).into_owned();
    page.custom = preview.custom.join(", ");
    page.rows = preview
        .rows
        .iter()
        .map(|r| PreviewRow {
            line: r.line,
            title: r.title.clone(),
            kind: tr.t(&format!("kind-{}", r.kind)),
            duration: if r.minutes > 0 {
                tr.minutes(i64::from(r.minutes))
            } else {
                String::new()
            },
            problems: r
                .problems
                .iter()
                .map(|p| tr.t(&format!("import-problem-{}", p.code().replace('_', "-"))))
                .collect(),
        })
        .collect();
    Ok(())
}

/// The file's name and bytes and the title field of the import form.
async fn read_upload(
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<(String, Vec<u8>, String), AppError> {
    let mut multipart = multipart.map_err(|_| AppError::BadRequest("multipart".into()))?;
    let (mut file, mut title) = (None, String::new());
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(crate::forms::multipart_error)?
    {
        match field.name() {
            Some("file") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let bytes = field.bytes().await.map_err(crate::forms::multipart_error)?;
                if bytes.len() > IMPORT_MAX_BYTES {
                    return Err(AppError::TooLarge);
                }
                file = Some((name, bytes.to_vec()));
            }
            Some("title") => {
                title = field.text().await.map_err(crate::forms::multipart_error)?;
            }
            _ => {}
        }
    }
    match file {
        Some((name, bytes)) if !bytes.is_empty() => Ok((name, bytes, title)),
        _ => Err(AppError::ImportRefused(export::import::ImportError::Empty)),
    }
}

#[derive(Deserialize)]
struct CsvForm {
    csv: String,
    #[serde(default)]
    title: String,
}

/// The previewed CSV's good rows made into a session.
async fn import_csv(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Form(form): Form<CsvForm>,
) -> Result<Response, AppError> {
    match exports::import_csv(
        &state,
        &signed.user,
        viewer.tr,
        form.csv.as_bytes(),
        &form.title,
        true,
    )
    .await
    {
        Ok((session, _)) => Ok(redirect_notice(
            &format!("/sessions/{}", session.id),
            "session-imported",
        )),
        Err(e) => {
            // The rows stay on the page with the reason, so nothing has to be chosen again.
            let mut page = ImportPage::new(&viewer);
            page.title = form.title;
            page.custom_left_out = !exports::custom_fields_allowed(&state, &signed.user).await?;
            let _ = fill_preview(&mut page, &viewer, form.csv.as_bytes());
            page.alert = Some(match &e {
                AppError::Validation(fields) => fields
                    .iter()
                    .map(|(_, f)| viewer.tr.field_error(f))
                    .collect::<Vec<_>>()
                    .join(" "),
                other => other.message(&viewer.tr),
            });
            Ok(render_form_error(&e, &page))
        }
    }
}
