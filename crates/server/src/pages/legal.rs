//! The legal documents' pages: each document's version in force (`/terms`, `/privacy`,
//! `/cookie-policy`, `/personal-data-consent`), every published version with what changed
//! (`…/versions`, `…/versions/{n}`), and "Got it" on the banner that tells signed-in people of
//! a new version (`POST /legal/seen`).

use super::{Chrome, render};
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::forms::safe_next;
use crate::legal::{self, Published};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::Locale;
use domain::legal::Document;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    let mut router = Router::new().route("/legal/seen", post(seen));
    for document in Document::ALL {
        let path = document.path();
        router = router
            .route(path, get(move |s, v| current(s, v, document)))
            .route(
                &format!("{path}/versions"),
                get(move |s, v| versions(s, v, document)),
            )
            .route(
                &format!("{path}/versions/{{number}}"),
                get(move |s, v, n| version(s, v, document, n)),
            );
    }
    router
}

/// Where a version stands at a moment, in the reader's words.
fn status(
    tr: crate::i18n::Tr,
    p: &Published,
    document: Document,
    v: &store::PublishedLegal,
    now: i64,
) -> String {
    let date = legal::day(tr, v.effective_at);
    if v.effective_at > now {
        tr.ts("legal-status-upcoming", "date", &date)
    } else if p.in_force(document, now).is_some_and(|f| f.id == v.id) {
        tr.ts("legal-status-in-force", "date", &date)
    } else {
        tr.ts("legal-status-earlier", "date", &date)
    }
}

#[derive(Template)]
#[template(path = "legal.html")]
struct LegalPage {
    c: Chrome,
    heading: String,
    /// "Version 2 · in force since …".
    number: i64,
    status: String,
    /// What changed since the version before, as safe HTML (empty for none).
    changes_html: String,
    /// This version takes effect later: it says what changes.
    upcoming_version: bool,
    body_html: String,
    /// The language the texts are in (the reader's).
    lang: &'static str,
    /// A version published to take effect later: its page and date.
    upcoming: Option<(String, String)>,
    /// The list of every version.
    versions_link: String,
    /// The page of the version in force, when this one is another.
    current_link: Option<String>,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    document: Document,
    number: Option<i64>,
) -> Result<Response, AppError> {
    let tr = viewer.tr;
    let mut published = state.legal.published().await?;
    let known = |p: &Published, n: i64| {
        p.versions()
            .any(|v| v.document == document.as_str() && v.number == n)
    };
    if let Some(n) = number
        && !known(&published, n)
    {
        // Perhaps published a moment ago by another instance: read again before saying no.
        state.legal.forget();
        published = state.legal.published().await?;
    }
    // After reading: a version seeded by this read is in force from now.
    let now = store::now_ms();
    let shown = match number {
        Some(n) => published
            .versions()
            .find(|v| v.document == document.as_str() && v.number == n),
        None => published.in_force(document, now),
    }
    .ok_or(AppError::NotFound)?;
    let version = state.store.legal_by_number(document, shown.number).await?;
    let (body, changes) = match tr.locale {
        Locale::Ru => (&version.body_ru, &version.changes_ru),
        Locale::En => (&version.body_en, &version.changes_en),
    };
    let path = match number {
        Some(n) => legal::version_path(document, n),
        None => document.path().to_owned(),
    };
    let in_force = published.in_force(document, now);
    Ok(render(&LegalPage {
        c: Chrome::new(viewer, &path),
        heading: legal::title(tr, document),
        number: shown.number,
        status: status(tr, &published, document, shown, now),
        upcoming_version: shown.effective_at > now,
        changes_html: if shown.number > 1 {
            crate::markdown::render(changes)
        } else {
            String::new()
        },
        body_html: crate::markdown::render(body),
        lang: tr.lang(),
        upcoming: published
            .waiting(document, now)
            .filter(|w| w.id != shown.id)
            .map(|w| {
                (
                    legal::version_path(document, w.number),
                    legal::day(tr, w.effective_at),
                )
            }),
        versions_link: format!("{}/versions", document.path()),
        current_link: in_force
            .filter(|f| f.id != shown.id)
            .map(|_| document.path().to_owned()),
    }))
}

async fn current(
    State(state): State<AppState>,
    viewer: Viewer,
    document: Document,
) -> Result<Response, AppError> {
    page(&state, &viewer, document, None).await
}

async fn version(
    State(state): State<AppState>,
    viewer: Viewer,
    document: Document,
    Path(number): Path<i64>,
) -> Result<Response, AppError> {
    page(&state, &viewer, document, Some(number)).await
}

/// One published version in the list.
struct VersionRow {
    number: i64,
    link: String,
    status: String,
    /// The start of what changed, on one line.
    changes: String,
}

#[derive(Template)]
#[template(path = "legal_versions.html")]
struct VersionsPage {
    c: Chrome,
    heading: String,
    document_link: String,
    rows: Vec<VersionRow>,
}

async fn versions(
    State(state): State<AppState>,
    viewer: Viewer,
    document: Document,
) -> Result<Response, AppError> {
    let tr = viewer.tr;
    let published = state.legal.published().await?;
    // After reading: a version seeded by this read is in force from now.
    let now = store::now_ms();
    let texts = state.store.legal_versions(document).await?;
    let mut rows: Vec<VersionRow> = published
        .versions()
        .filter(|v| v.document == document.as_str())
        .map(|v| {
            let changes = texts
                .iter()
                .find(|t| t.id == v.id)
                .map(|t| match tr.locale {
                    Locale::Ru => t.changes_ru.as_str(),
                    Locale::En => t.changes_en.as_str(),
                })
                .unwrap_or_default();
            VersionRow {
                number: v.number,
                link: legal::version_path(document, v.number),
                status: status(tr, &published, document, v, now),
                changes: crate::markdown::preview(changes, 160),
            }
        })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.number));
    Ok(render(&VersionsPage {
        c: Chrome::new(&viewer, &format!("{}/versions", document.path())),
        heading: legal::title(tr, document),
        document_link: document.path().to_owned(),
        rows,
    }))
}

#[derive(Deserialize)]
struct SeenForm {
    next: Option<String>,
}

/// "Got it": the banner's versions count as seen, and it shows no more.
async fn seen(
    State(state): State<AppState>,
    SignedIn { user, .. }: SignedIn,
    Form(form): Form<SeenForm>,
) -> Result<Response, AppError> {
    state.legal.seen(&user).await?;
    Ok(Redirect::to(&safe_next(form.next.as_deref())).into_response())
}
