//! Designs: browse (with search), preview a design's programme and cards, start a session
//! from one, save a session as one, publish and delete.

use super::super::{Chrome, NoticeQuery, redirect_notice, render};
use super::{PublishForm, publication_of};
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::library;
use crate::sessions::CreateInput;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::library::{Publication, TemplateFields};
use domain::search::Query as SearchQuery;
use domain::timing::{self, Clock, Item, Kind};
use domain::{Locale, SessionId, TemplateId};
use serde::Deserialize;
use store::library::publication::Item as LibraryItem;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/library/designs", get(list))
        .route("/library/designs/{id}", get(page))
        .route("/library/designs/{id}/start", post(start))
        .route("/library/designs/{id}/delete", post(delete))
        .route("/library/designs/{id}/publish", post(publish))
        .route("/sessions/{id}/save-as-design", post(save_session))
}

/// A design in the list.
struct Summary {
    id: TemplateId,
    title: String,
    summary: String,
    image: Option<String>,
    facts: String,
    scope: String,
}

#[derive(Template)]
#[template(path = "designs.html")]
struct ListPage {
    c: Chrome,
    q: String,
    language: String,
    designs: Vec<Summary>,
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    language: String,
    notice: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Query(lq): Query<ListQuery>,
) -> Result<Response, AppError> {
    let tr = &viewer.tr;
    let language = match lq.language.as_str() {
        "any" => None,
        l => Some(Locale::parse(l).unwrap_or(tr.locale)),
    };
    let rows = state
        .store
        .templates(
            signed.user.id,
            SearchQuery::parse(&lq.q).as_ref(),
            language.map(|l| l.code()),
        )
        .await?;
    let designs = rows
        .iter()
        .filter_map(|r| {
            let f = r.fields()?;
            Some(Summary {
                id: r.id,
                facts: format!(
                    "{} · {}",
                    tr.tn("design-blocks", "count", f.blocks.len()),
                    tr.minutes(i64::from(f.minutes()))
                ),
                title: f.title,
                summary: f.summary,
                image: f.image,
                scope: tr.t(&format!("scope-{}", r.scope().as_str())),
            })
        })
        .collect();
    Ok(render(&ListPage {
        c: Chrome::new(&viewer, "/library/designs").with_notice(lq.notice.as_deref()),
        language: language.map_or("any", Locale::code).to_owned(),
        q: lq.q,
        designs,
    }))
}

/// One block of the preview: its times as the design would run from 09:00.
struct PreviewRow {
    kind: &'static str,
    title: String,
    time: String,
    duration: String,
    illustration: Option<String>,
}

#[derive(Template)]
#[template(path = "design_page.html")]
struct DesignPage {
    c: Chrome,
    id: TemplateId,
    d: TemplateFields,
    rows: Vec<PreviewRow>,
    total: String,
    scope: String,
    publication: Publication,
    note: String,
    editable: bool,
    today: String,
}

fn preview(tr: &crate::i18n::Tr, d: &TemplateFields) -> (Vec<PreviewRow>, String) {
    let clock = Clock {
        first_date: jiff::civil::date(2000, 1, 3),
        start: jiff::civil::time(9, 0, 0, 0),
        end: None,
        time_zone: jiff::tz::TimeZone::UTC,
    };
    let items: Vec<Item> = d
        .blocks
        .iter()
        .map(|b| Item {
            day_start: b.day_start,
            ..Item::new(b.kind.timing(), b.minutes)
        })
        .collect();
    let schedule = timing::schedule(&clock, &items);
    let rows = d
        .blocks
        .iter()
        .zip(&schedule.slots)
        .map(|(b, slot)| {
            let timed = b.kind.timing().takes_time();
            PreviewRow {
                kind: b.kind.as_str(),
                title: b.title.clone(),
                time: if timed || b.kind.timing() == Kind::Note {
                    format!("{}–{}", tr.clock(&slot.start), tr.clock(&slot.end))
                } else {
                    String::new()
                },
                duration: if timed {
                    tr.minutes(i64::from(b.minutes))
                } else {
                    String::new()
                },
                illustration: b.illustration.clone(),
            }
        })
        .collect();
    (rows, tr.minutes(schedule.total_minutes))
}

async fn page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<TemplateId>,
    Query(n): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let row = state.store.template(id, signed.user.id).await?;
    let d = row.fields().ok_or(AppError::NotFound)?;
    let (rows, total) = preview(&viewer.tr, &d);
    let zone = jiff::tz::TimeZone::get(&signed.user.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    Ok(render(&DesignPage {
        c: Chrome::new(&viewer, &format!("/library/designs/{id}")).with_notice(n.notice.as_deref()),
        id,
        rows,
        total,
        scope: viewer.tr.t(&format!("scope-{}", row.scope().as_str())),
        publication: row.publication(),
        note: row.publication_note.clone(),
        editable: row.editable,
        today: jiff::Timestamp::now().to_zoned(zone).date().to_string(),
        d,
    }))
}

#[derive(Deserialize)]
struct StartForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    first_date: String,
    #[serde(default)]
    start_time: String,
}

async fn start(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<TemplateId>,
    Form(f): Form<StartForm>,
) -> Result<Response, AppError> {
    let input = CreateInput {
        title: f.title,
        first_date: f.first_date.parse().ok(),
        start_time: f.start_time.parse().ok(),
        time_zone: None,
        language: None,
    };
    let session = library::start_from_design(&state, &signed.user, id, input).await?;
    Ok(Redirect::to(&format!("/sessions/{}", session.id)).into_response())
}

async fn delete(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<TemplateId>,
) -> Result<Response, AppError> {
    state.store.delete_template(id, signed.user.id).await?;
    Ok(redirect_notice("/library/designs", "design-deleted"))
}

async fn publish(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<TemplateId>,
    Form(f): Form<PublishForm>,
) -> Result<Response, AppError> {
    let (to, notice) = publication_of(&f)?;
    crate::library::set_publication(&state, &signed.user, LibraryItem::Template(id), to).await?;
    Ok(redirect_notice(&format!("/library/designs/{id}"), notice))
}

async fn save_session(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
) -> Result<Response, AppError> {
    let design = library::save_session_as_design(&state, &signed.user, id).await?;
    Ok(redirect_notice(
        &format!("/library/designs/{design}"),
        "design-saved",
    ))
}
