//! The library pages: search methods (with highlighted matches), read a method (made to print
//! well), create, change, copy, favourite, publish and delete methods; and the bundled
//! illustrations. Designs, moderation and the session's library panel are in submodules.

use super::{Chrome, NoticeQuery, redirect_notice, render};
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::library::{self, SearchParams};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::MethodId;
use domain::library::{MethodFields, Publication};
use domain::search::{Query as SearchQuery, Segment};
use domain::session::DEFAULT_CATEGORIES;
use fluent_bundle::FluentValue;
use serde::Deserialize;
use store::MethodRow;
use store::library::publication::Item;

mod designs;
mod form;
mod moderation;
mod panel;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/library", get(search_page))
        .route("/library/images/{name}", get(illustration))
        .route("/library/methods/{id}", get(method_page).post(form::save))
        .route("/library/methods/{id}/delete", post(delete))
        .route("/library/methods/{id}/favourite", post(favourite))
        .route("/library/methods/{id}/copy", post(copy))
        .route("/library/methods/{id}/publish", post(publish))
        .route("/library/methods/{id}/use", post(use_in_session))
        .merge(designs::router())
        .merge(form::router())
        .merge(moderation::router())
        .merge(panel::router())
}

/// A taxonomy category as shown: label and colour.
pub struct Tag {
    pub label: String,
    pub colour: String,
}

fn tags_of(tr: &Tr, f: &MethodFields) -> Vec<Tag> {
    f.categories
        .iter()
        .filter_map(|c| {
            DEFAULT_CATEGORIES
                .iter()
                .find(|(k, _)| k == c)
                .map(|(k, colour)| Tag {
                    label: tr.t(&format!("category-{k}")),
                    colour: (*colour).to_owned(),
                })
        })
        .chain(f.tags.iter().map(|t| Tag {
            label: format!("#{t}"),
            colour: crate::sessions::NO_COLOUR.to_owned(),
        }))
        .collect()
}

fn range(tr: &Tr, key: &str, lo: u32, hi: u32) -> String {
    tr.args(
        key,
        &[
            ("min", FluentValue::from(i64::from(lo))),
            ("max", FluentValue::from(i64::from(hi))),
        ],
    )
}

/// A method in a result list.
pub struct Card {
    pub id: MethodId,
    pub title: Vec<Segment>,
    pub summary: Vec<Segment>,
    pub image: Option<String>,
    pub facts: String,
    pub tags: Vec<Tag>,
    pub scope: String,
    pub favourite: bool,
}

impl Card {
    /// The title without marks, for labels.
    pub fn title_text(&self) -> String {
        self.title.iter().map(|s| s.text.as_str()).collect()
    }
}

const SUMMARY_CHARS: usize = 220;

fn shorten(text: &str) -> String {
    let short = library::cut(text, SUMMARY_CHARS);
    if short.len() < text.len() {
        format!("{}…", short.trim_end())
    } else {
        short
    }
}

fn plain(text: &str) -> Vec<Segment> {
    vec![Segment {
        text: text.to_owned(),
        hit: false,
    }]
}

/// A result card with the searched words marked.
pub fn card(tr: &Tr, row: &MethodRow, query: Option<&SearchQuery>) -> Option<Card> {
    let f = row.fields()?;
    let summary = shorten(&f.summary);
    let mark = |t: &str| query.map_or_else(|| plain(t), |q| q.highlight(t));
    Some(Card {
        id: row.id,
        title: mark(&f.title),
        summary: mark(&summary),
        image: f.image.clone(),
        facts: format!(
            "{} · {}",
            range(tr, "method-minutes", f.duration_min, f.duration_max),
            range(tr, "method-people", f.group_min, f.group_max)
        ),
        tags: tags_of(tr, &f),
        scope: tr.t(&format!("scope-{}", row.scope().as_str())),
        favourite: row.favourite,
    })
}

#[derive(Template)]
#[template(path = "library.html")]
struct SearchPage {
    c: Chrome,
    p: SearchParams,
    language: String,
    categories: Vec<(String, String)>,
    cards: Vec<Card>,
    /// The session results insert into (never on this page).
    insert: Option<(String, String)>,
    prev: Option<String>,
    next: Option<String>,
}

/// The query string of `p` on another page.
fn page_link(base: &str, p: &SearchParams, page: u32) -> String {
    let pairs = [
        ("q", p.q.as_str()),
        ("category", &p.category),
        ("min", &p.min),
        ("max", &p.max),
        ("group", &p.group),
        ("language", &p.language),
        ("online", &p.online),
        ("scope", &p.scope),
        ("sort", &p.sort),
    ];
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        if !v.is_empty() {
            out.append_pair(k, v);
        }
    }
    out.append_pair("page", &page.to_string());
    format!("{base}?{}", out.finish())
}

/// The taxonomy as (key, label) for a filter.
pub fn taxonomy(tr: &Tr) -> Vec<(String, String)> {
    DEFAULT_CATEGORIES
        .iter()
        .map(|(k, _)| ((*k).to_owned(), tr.t(&format!("category-{k}"))))
        .collect()
}

/// One page of results for `p` as cards, with links to the pages around it.
pub async fn results(
    state: &AppState,
    viewer: &Viewer,
    signed: &SignedIn,
    p: &SearchParams,
    base: &str,
) -> Result<(Vec<Card>, Option<String>, Option<String>), AppError> {
    let search = p.search(viewer.tr.locale)?;
    let found = state.store.search_methods(signed.user.id, &search).await?;
    let cards = found
        .items
        .iter()
        .filter_map(|r| card(&viewer.tr, r, search.query.as_ref()))
        .collect();
    let page = p.page();
    let prev = (page > 1).then(|| page_link(base, p, page - 1));
    let next = found.has_more.then(|| page_link(base, p, page + 1));
    Ok((cards, prev, next))
}

async fn search_page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Query(p): Query<SearchParams>,
    Query(n): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let (cards, prev, next) = results(&state, &viewer, &signed, &p, "/library").await?;
    Ok(render(&SearchPage {
        c: Chrome::new(&viewer, "/library").with_notice(n.notice.as_deref()),
        language: p.language_choice(),
        categories: taxonomy(&viewer.tr),
        cards,
        insert: None,
        prev,
        next,
        p,
    }))
}

async fn illustration(Path(name): Path<String>) -> Result<Response, AppError> {
    let bytes = crate::starter::image(&name).ok_or(AppError::NotFound)?;
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'"),
    );
    Ok(res)
}

#[derive(Template)]
#[template(path = "method.html")]
struct MethodPage {
    c: Chrome,
    id: MethodId,
    m: MethodFields,
    tags: Vec<Tag>,
    facts: Vec<(String, String)>,
    scope: String,
    publication: Publication,
    note: String,
    editable: bool,
    favourite: bool,
    favourites: i64,
    sessions: Vec<(String, String)>,
    /// Its files (handouts, pictures), and whether it has a workspace to keep them in.
    files: Vec<store::FileRow>,
    has_workspace: bool,
}

async fn method_page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<MethodId>,
    Query(n): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let row = state.store.method(id, signed.user.id).await?;
    let m = row.fields().ok_or(AppError::NotFound)?;
    let tr = &viewer.tr;
    let mut facts = vec![
        (
            tr.t("method-duration"),
            range(tr, "method-minutes", m.duration_min, m.duration_max),
        ),
        (
            tr.t("method-group"),
            range(tr, "method-people", m.group_min, m.group_max),
        ),
        (
            tr.t("method-format"),
            match (m.in_person, m.online) {
                (true, true) => tr.t("method-in-person-and-online"),
                (false, true) => tr.t("method-online"),
                _ => tr.t("method-in-person"),
            },
        ),
        (
            tr.t("method-complexity"),
            tr.t(&format!("complexity-{}", m.complexity.as_str())),
        ),
        (
            tr.t("field-language"),
            tr.t(&format!("language-{}", m.language.code())),
        ),
    ];
    if !m.licence.is_empty() {
        facts.push((tr.t("method-licence"), m.licence.clone()));
    }
    let (workspace, _) = state.store.working_in(signed.user.id).await?;
    let sessions = state
        .store
        .sessions_in(workspace)
        .await?
        .into_iter()
        .filter(|s| !s.archived)
        .map(|s| (s.id.to_string(), s.title))
        .collect();
    Ok(render(&MethodPage {
        c: Chrome::new(&viewer, &format!("/library/methods/{id}")).with_notice(n.notice.as_deref()),
        id,
        tags: tags_of(tr, &m),
        facts,
        scope: tr.t(&format!("scope-{}", row.scope().as_str())),
        publication: row.publication(),
        note: row.publication_note.clone(),
        editable: row.editable,
        favourite: row.favourite,
        favourites: i64::from(row.favourites),
        sessions,
        files: state
            .store
            .files_of(store::FileParent::Method(id))
            .await?
            .into_iter()
            .filter(|f| f.status != "infected")
            .collect(),
        has_workspace: row.workspace_id.is_some(),
        m,
    }))
}

#[derive(Deserialize)]
struct UseForm {
    session: domain::SessionId,
}

/// Adds the method at the end of one of the user's sessions.
async fn use_in_session(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<MethodId>,
    Form(f): Form<UseForm>,
) -> Result<Response, AppError> {
    let block =
        library::insert_method(&state, &signed.user, f.session, id, None, &viewer.tr).await?;
    Ok(Redirect::to(&format!(
        "/sessions/{}?notice=method-inserted#block-{block}",
        f.session
    ))
    .into_response())
}

async fn delete(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<MethodId>,
) -> Result<Response, AppError> {
    crate::files::delete_method(&state, &signed.user, id).await?;
    Ok(redirect_notice("/library?scope=mine", "method-deleted"))
}

#[derive(Deserialize)]
struct FavouriteForm {
    #[serde(default)]
    on: String,
    #[serde(default)]
    next: String,
}

/// Where to go back to: a path in this app, or the method page.
fn back(next: &str, fallback: &str) -> String {
    if next.starts_with('/') && !next.starts_with("//") {
        next.to_owned()
    } else {
        fallback.to_owned()
    }
}

async fn favourite(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<MethodId>,
    Form(f): Form<FavouriteForm>,
) -> Result<Response, AppError> {
    state
        .store
        .set_favourite(id, signed.user.id, f.on == "1")
        .await?;
    Ok(Redirect::to(&back(&f.next, &format!("/library/methods/{id}"))).into_response())
}

async fn copy(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<MethodId>,
) -> Result<Response, AppError> {
    let copy = library::copy_method(&state, &signed.user, id).await?;
    Ok(redirect_notice(
        &format!("/library/methods/{copy}"),
        "method-copied",
    ))
}

#[derive(Deserialize)]
pub struct PublishForm {
    action: String,
}

/// `request` asks to publish; `withdraw` withdraws a request or unpublishes.
pub fn publication_of(f: &PublishForm) -> Result<(Publication, &'static str), AppError> {
    match f.action.as_str() {
        "request" => Ok((Publication::Pending, "publication-requested")),
        "withdraw" => Ok((Publication::Private, "publication-withdrawn")),
        _ => Err(AppError::BadRequest("action".into())),
    }
}

async fn publish(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<MethodId>,
    Form(f): Form<PublishForm>,
) -> Result<Response, AppError> {
    let (to, notice) = publication_of(&f)?;
    crate::library::set_publication(&state, &signed.user, Item::Method(id), to).await?;
    Ok(redirect_notice(&format!("/library/methods/{id}"), notice))
}
