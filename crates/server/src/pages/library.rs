//! The library pages: search methods (with highlighted matches), read a method (made to print
//! well), create, change, copy, favourite, publish and delete methods; and the bundled
//! illustrations. Designs, moderation and the session's library panel are in submodules.

use super::{Chrome, NoticeQuery, redirect_notice, render, render_status};
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
use domain::library::{Complexity, MethodFields, Publication};
use domain::search::{Query as SearchQuery, Segment};
use domain::session::DEFAULT_CATEGORIES;
use domain::{Locale, MethodId};
use fluent_bundle::FluentValue;
use serde::Deserialize;
use store::MethodRow;
use store::library::publication::Item;

mod designs;
mod moderation;
mod panel;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/library", get(search_page))
        .route("/library/images/{name}", get(illustration))
        .route("/library/methods", post(create))
        .route("/library/methods/new", get(new_page))
        .route("/library/methods/{id}", get(method_page).post(save))
        .route("/library/methods/{id}/edit", get(edit_page))
        .route("/library/methods/{id}/delete", post(delete))
        .route("/library/methods/{id}/favourite", post(favourite))
        .route("/library/methods/{id}/copy", post(copy))
        .route("/library/methods/{id}/publish", post(publish))
        .route("/library/methods/{id}/use", post(use_in_session))
        .merge(designs::router())
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
    let search = p.search(viewer.tr.locale);
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
        language: p.language(viewer.tr.locale).unwrap_or_else(|| "any".into()),
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
    let (workspace, _) = state.store.personal_workspace(signed.user.id).await?;
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
        m,
    }))
}

/// The method form as typed: lists one entry per line.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MethodForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    image: String,
    #[serde(default)]
    duration_min: String,
    #[serde(default)]
    duration_max: String,
    #[serde(default)]
    group_min: String,
    #[serde(default)]
    group_max: String,
    /// Checked taxonomy keys, joined by the form as repeated fields.
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    goals: String,
    #[serde(default)]
    steps: String,
    #[serde(default)]
    materials: String,
    #[serde(default)]
    tips: String,
    #[serde(default)]
    variations: String,
    in_person: Option<String>,
    online: Option<String>,
    #[serde(default)]
    complexity: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    attribution: String,
    #[serde(default)]
    source_url: String,
    #[serde(default)]
    licence: String,
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

impl MethodForm {
    fn fields(&self, reader: Locale) -> MethodFields {
        let n = |s: &str| s.trim().parse::<u32>().unwrap_or(0);
        MethodFields {
            title: self.title.clone(),
            summary: self.summary.clone(),
            image: Some(self.image.clone()).filter(|i| !i.is_empty()),
            duration_min: n(&self.duration_min),
            duration_max: n(&self.duration_max),
            group_min: n(&self.group_min),
            group_max: n(&self.group_max),
            categories: self.categories.clone(),
            tags: self.tags.split(',').map(|t| t.trim().to_owned()).collect(),
            goals: lines(&self.goals),
            steps: lines(&self.steps),
            materials: super::sessions::parse_materials(&self.materials),
            tips: lines(&self.tips),
            variations: lines(&self.variations),
            in_person: self.in_person.is_some(),
            online: self.online.is_some(),
            complexity: Complexity::parse(&self.complexity).unwrap_or_default(),
            language: Locale::parse(&self.language).unwrap_or(reader),
            attribution: self.attribution.clone(),
            source_url: self.source_url.clone(),
            licence: self.licence.clone(),
        }
    }

    fn of(f: &MethodFields) -> Self {
        Self {
            title: f.title.clone(),
            summary: f.summary.clone(),
            image: f.image.clone().unwrap_or_default(),
            duration_min: f.duration_min.to_string(),
            duration_max: f.duration_max.to_string(),
            group_min: f.group_min.to_string(),
            group_max: f.group_max.to_string(),
            categories: f.categories.clone(),
            tags: f.tags.join(", "),
            goals: f.goals.join("\n"),
            steps: f.steps.join("\n"),
            materials: f
                .materials
                .iter()
                .map(|m| format!("{} × {}", m.name, m.quantity))
                .collect::<Vec<_>>()
                .join("\n"),
            tips: f.tips.join("\n"),
            variations: f.variations.join("\n"),
            in_person: f.in_person.then(String::new),
            online: f.online.then(String::new),
            complexity: f.complexity.as_str().to_owned(),
            language: f.language.code().to_owned(),
            attribution: f.attribution.clone(),
            source_url: f.source_url.clone(),
            licence: f.licence.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "method_form.html")]
struct FormPage {
    c: Chrome,
    id: Option<MethodId>,
    f: MethodForm,
    categories: Vec<(String, String)>,
    images: Vec<&'static str>,
    alert: Option<String>,
    problem: Option<(&'static str, String)>,
}

impl FormPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.problem
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

fn form_page(viewer: &Viewer, id: Option<MethodId>, f: MethodForm) -> FormPage {
    let path = match id {
        Some(id) => format!("/library/methods/{id}/edit"),
        None => "/library/methods/new".to_owned(),
    };
    FormPage {
        c: Chrome::new(viewer, &path),
        id,
        f,
        categories: taxonomy(&viewer.tr),
        images: crate::starter::IMAGES.iter().map(|(n, _)| *n).collect(),
        alert: None,
        problem: None,
    }
}

async fn new_page(_: SignedIn, viewer: Viewer) -> Response {
    let f = MethodForm {
        duration_min: "10".into(),
        duration_max: "20".into(),
        group_min: "2".into(),
        group_max: "30".into(),
        in_person: Some(String::new()),
        language: viewer.tr.lang().into(),
        ..MethodForm::default()
    };
    render(&form_page(&viewer, None, f))
}

async fn edit_page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<MethodId>,
    Query(n): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let row = state.store.editable_method(id, signed.user.id).await?;
    let f = row.fields().ok_or(AppError::NotFound)?;
    let mut page = form_page(&viewer, Some(id), MethodForm::of(&f));
    page.c = page.c.with_notice(n.notice.as_deref());
    Ok(render(&page))
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

/// The form again with what was typed and why it was refused.
fn refused(viewer: &Viewer, id: Option<MethodId>, f: MethodForm, e: &AppError) -> Response {
    let mut page = form_page(viewer, id, f);
    page.alert = Some(viewer.tr.t("form-has-errors"));
    if let Some((field, _, message)) = e.fields(&viewer.tr).into_iter().next() {
        page.problem = Some((field, message));
    }
    render_status(e.status(), &page)
}

async fn create(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    axum_extra::extract::Form(f): axum_extra::extract::Form<MethodForm>,
) -> Result<Response, AppError> {
    match library::create_method(&state, &signed.user, f.fields(viewer.tr.locale)).await {
        Ok(id) => Ok(redirect_notice(
            &format!("/library/methods/{id}"),
            "method-saved",
        )),
        Err(e @ AppError::FieldRefused(_)) => Ok(refused(&viewer, None, f, &e)),
        Err(e) => Err(e),
    }
}

async fn save(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<MethodId>,
    axum_extra::extract::Form(f): axum_extra::extract::Form<MethodForm>,
) -> Result<Response, AppError> {
    match library::update_method(&state, &signed.user, id, f.fields(viewer.tr.locale)).await {
        Ok(()) => Ok(redirect_notice(
            &format!("/library/methods/{id}"),
            "method-saved",
        )),
        Err(e @ AppError::FieldRefused(_)) => Ok(refused(&viewer, Some(id), f, &e)),
        Err(e) => Err(e),
    }
}

async fn delete(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<MethodId>,
) -> Result<Response, AppError> {
    state.store.delete_method(id, signed.user.id).await?;
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
    state
        .store
        .set_publication(Item::Method(id), signed.user.id, to)
        .await?;
    Ok(redirect_notice(&format!("/library/methods/{id}"), notice))
}
