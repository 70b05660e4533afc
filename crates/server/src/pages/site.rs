//! The home page, the language switch, avatars, API docs and static files.

use super::{Chrome, render};
use crate::auth::{SignedIn, Viewer};
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
    /// Whether the filters show: when there are enough sessions to need them, or one is set.
    filters: bool,
    /// Sessions of other workspaces shared with the reader.
    shared: Vec<HomeSession>,
}

/// The dashboard shows its filters from this many sessions on.
const FILTERS_FROM: usize = 8;

/// A session as the dashboard shows it.
struct HomeSession {
    id: domain::SessionId,
    title: String,
    /// The first date in the reader's format.
    date: String,
    /// The minutes of its activities and breaks, in the reader's words.
    duration: String,
    status: String,
    folder: String,
    archived: bool,
    /// Held read-only past the plan's active sessions.
    held: bool,
    /// For a session shared with the reader: their role.
    role: String,
}

impl HomeSession {
    fn new(tr: &crate::i18n::Tr, s: domain::Session, minutes: i64, role: String) -> Self {
        let date = tr.date(s.first_date);
        Self {
            id: s.id,
            title: s.title,
            date,
            duration: tr.minutes(minutes),
            status: s.status.to_string(),
            folder: s.folder,
            archived: s.archived,
            held: s.held,
            role,
        }
    }
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
    let c = Chrome::new(&viewer, "/").with_notice(q.notice.as_deref());
    let Some(u) = &viewer.user else {
        return Ok(render(&Home {
            c,
            workspace: String::new(),
            workspaces: Vec::new(),
            current: domain::WorkspaceId::new(),
            sessions: Vec::new(),
            total: 0,
            tags: Vec::new(),
            folders: Vec::new(),
            list: false,
            f: q.filter,
            filters: false,
            shared: Vec::new(),
        }));
    };
    let tr = &viewer.tr;
    let shared = state.store.shared_with(u.id).await?;
    let (current, workspace) = state.store.working_in(u.id).await?;
    let workspaces = state.store.workspaces_of(u.id).await?;
    let rows = state.store.sessions_in(current).await?;
    let total = rows.len();
    let mut tags: Vec<String> = Vec::new();
    for s in &rows {
        for t in &s.tags {
            if !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                tags.push(t.clone());
            }
        }
    }
    tags.sort_by_key(|t| t.to_lowercase());
    let mut folders: Vec<String> = rows
        .iter()
        .map(|s| s.folder.clone())
        .filter(|f| !f.is_empty())
        .collect();
    folders.sort_by_key(|f| f.to_lowercase());
    folders.dedup();
    let shown = crate::sessions::filter(rows, &q.filter);
    let ids: Vec<domain::SessionId> = shown
        .iter()
        .map(|s| s.id)
        .chain(shared.iter().map(|(s, _)| s.id))
        .collect();
    let minutes = state.store.session_minutes(&ids).await?;
    let minutes_of = |id| minutes.get(&id).copied().unwrap_or(0);
    let f = &q.filter;
    let filtering = !(f.q.is_empty()
        && f.status.is_empty()
        && f.tag.is_empty()
        && f.from.is_empty()
        && f.to.is_empty()
        && f.folder.is_empty());
    Ok(render(&Home {
        c,
        workspace,
        workspaces,
        current,
        sessions: shown
            .into_iter()
            .map(|s| {
                let m = minutes_of(s.id);
                HomeSession::new(tr, s, m, String::new())
            })
            .collect(),
        total,
        tags,
        folders,
        list: q.view == "list",
        filters: total >= FILTERS_FROM || filtering || q.view == "list",
        f: q.filter,
        shared: shared
            .into_iter()
            .map(|(s, role)| {
                let m = minutes_of(s.id);
                HomeSession::new(tr, s, m, tr.t(&format!("role-{}", role.as_str())))
            })
            .collect(),
    }))
}

#[derive(Deserialize)]
struct LanguageForm {
    locale: String,
    next: Option<String>,
}

/// Switches the language: on the account when signed in, and in a cookie, which lasts a year
/// with functional cookies allowed and otherwise until the browser closes.
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
    let remember = viewer.consent.allowed().functional;
    let jar = jar.add(crate::consent::lang_cookie(
        &state.settings,
        locale,
        remember,
    ));
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
