//! The home page, the legal documents, the language switch, avatars, API docs and static files.

use super::{Chrome, render};
use crate::auth::{SignedIn, Viewer, lang_cookie};
use crate::error::AppError;
use crate::forms::safe_next;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::CookieJar;
use domain::{Locale, UserId};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/terms", get(terms))
        .route("/privacy", get(privacy))
        .route("/language", post(language))
        .route("/avatars/{user}", get(avatar))
        .route("/api/docs", get(api_docs))
        .route("/static/{*path}", get(crate::assets::serve))
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    c: Chrome,
    workspace: String,
    /// The reader's workspaces, to switch between, and the one they work in.
    workspaces: Vec<store::WorkspaceRow>,
    current: domain::WorkspaceId,
    sessions: Vec<HomeSession>,
    /// How many sessions there are before filtering.
    total: usize,
    tags: Vec<String>,
    folders: Vec<String>,
    list: bool,
    f: crate::sessions::Filter,
    /// Sessions of other workspaces shared with the reader: title, link and role label.
    shared: Vec<(store::SessionRow, String)>,
}

/// A session as the dashboard shows it.
struct HomeSession {
    id: domain::SessionId,
    title: String,
    /// The first date in the reader's format.
    date: String,
    status: String,
    folder: String,
    archived: bool,
}

#[derive(Deserialize)]
struct HomeQuery {
    notice: Option<String>,
    /// `cards` (default) or `list`.
    #[serde(default)]
    view: String,
    #[serde(flatten)]
    filter: crate::sessions::Filter,
}

async fn home(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<HomeQuery>,
) -> Result<Response, AppError> {
    let mut all_tags: Vec<String> = Vec::new();
    let mut folders: Vec<String> = Vec::new();
    let mut total = 0;
    let shared = match &viewer.user {
        Some(u) => state
            .store
            .shared_with(u.id)
            .await?
            .into_iter()
            .map(|(s, role)| (s, viewer.tr.t(&format!("role-{}", role.as_str()))))
            .collect(),
        None => Vec::new(),
    };
    let mut workspaces = Vec::new();
    let mut current = domain::WorkspaceId::new();
    let (workspace, sessions) = match &viewer.user {
        Some(u) => {
            let (id, name) = state.store.working_in(u.id).await?;
            workspaces = state.store.workspaces_of(u.id).await?;
            current = id;
            let rows = state.store.sessions_in(id).await?;
            total = rows.len();
            for s in &rows {
                for t in crate::sessions::tags(s) {
                    if !all_tags.iter().any(|x| x.eq_ignore_ascii_case(&t)) {
                        all_tags.push(t);
                    }
                }
            }
            all_tags.sort_by_key(|t| t.to_lowercase());
            folders = rows
                .iter()
                .map(|s| s.folder.clone())
                .filter(|f| !f.is_empty())
                .collect();
            folders.sort_by_key(|f| f.to_lowercase());
            folders.dedup();
            let sessions = crate::sessions::filter(rows, &q.filter)
                .into_iter()
                .map(|s| {
                    let date = s
                        .first_date
                        .parse()
                        .map(|d| viewer.tr.date(d))
                        .unwrap_or(s.first_date);
                    HomeSession {
                        id: s.id,
                        title: s.title,
                        date,
                        status: s.status,
                        folder: s.folder,
                        archived: s.archived,
                    }
                })
                .collect();
            (name, sessions)
        }
        None => (String::new(), Vec::new()),
    };
    let c = Chrome::new(&viewer, "/").with_notice(q.notice.as_deref());
    Ok(render(&Home {
        c,
        workspace,
        workspaces,
        current,
        sessions,
        total,
        tags: all_tags,
        folders,
        list: q.view == "list",
        f: q.filter,
        shared,
    }))
}

#[derive(Template)]
#[template(path = "legal.html")]
struct Legal {
    c: Chrome,
    heading: String,
    version: &'static str,
    paragraphs: Vec<String>,
}

fn legal(viewer: &Viewer, path: &str, prefix: &str, version: &'static str) -> Response {
    let tr = viewer.tr;
    let paragraphs = (1..=6)
        .map(|i| format!("{prefix}-p{i}"))
        .filter(|k| tr.has(k))
        .map(|k| tr.t(&k))
        .collect();
    render(&Legal {
        c: Chrome::new(viewer, path),
        heading: tr.t(&format!("{prefix}-title")),
        version,
        paragraphs,
    })
}

async fn terms(viewer: Viewer) -> Response {
    legal(&viewer, "/terms", "terms", crate::accounts::TERMS_VERSION)
}

async fn privacy(viewer: Viewer) -> Response {
    legal(
        &viewer,
        "/privacy",
        "privacy",
        crate::accounts::PRIVACY_VERSION,
    )
}

#[derive(Deserialize)]
struct LanguageForm {
    locale: String,
    next: Option<String>,
}

/// Switches the language: remembered in a cookie, and on the account when signed in.
async fn language(
    State(state): State<AppState>,
    viewer: Viewer,
    jar: CookieJar,
    Form(form): Form<LanguageForm>,
) -> Result<Response, AppError> {
    let locale =
        Locale::parse(&form.locale).map_err(|e| AppError::Validation(vec![("locale", e)]))?;
    if let Some(user) = &viewer.user {
        state.store.set_locale(user.id, locale).await?;
    }
    let jar = jar.add(lang_cookie(&state, locale));
    Ok((jar, Redirect::to(&safe_next(form.next.as_deref()))).into_response())
}

/// An avatar, to signed-in people only.
async fn avatar(
    State(state): State<AppState>,
    _signed: SignedIn,
    Path(user): Path<UserId>,
) -> Result<Response, AppError> {
    let image = state.store.avatar(user).await?.ok_or(AppError::NotFound)?;
    let mut res = image.image.into_response();
    let headers = res.headers_mut();
    if let Ok(ct) = HeaderValue::from_str(&image.content_type) {
        headers.insert(header::CONTENT_TYPE, ct);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=31536000, immutable"),
    );
    Ok(res)
}

#[derive(Template)]
#[template(path = "api_docs.html")]
struct ApiDocs {
    lang: &'static str,
    title: String,
}

async fn api_docs(viewer: Viewer) -> Response {
    let mut res = render(&ApiDocs {
        lang: viewer.tr.lang(),
        title: viewer.tr.t("api-docs-title"),
    });
    // Swagger UI sets style attributes from script; only this page allows inline styles.
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(crate::security::CSP_API_DOCS),
    );
    res
}
