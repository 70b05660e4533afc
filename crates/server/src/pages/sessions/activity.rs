//! The activity page of a session: who added, moved, changed, shared or commented on what,
//! and when; filtered by what happened and by person, 50 at a time.

use super::super::{Chrome, render};
use crate::activity;
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use domain::Session;
use domain::{ActivityId, SessionId, UserId};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/sessions/{id}/activity", get(page))
}

#[derive(Deserialize)]
struct ActivityQuery {
    #[serde(default)]
    group: String,
    #[serde(default)]
    actor: String,
    before: Option<ActivityId>,
}

#[derive(Template)]
#[template(path = "activity.html")]
struct ActivityPage {
    c: Chrome,
    s: Session,
    /// Each entry as a sentence, with when.
    entries: Vec<(String, String)>,
    /// People with a role, to filter by.
    people: Vec<(UserId, String)>,
    group: String,
    actor: String,
    /// The query of the next (older) page, when there is one.
    older: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Query(q): Query<ActivityQuery>,
) -> Result<Response, AppError> {
    let actor: Option<UserId> = match q.actor.trim() {
        "" => None,
        a => Some(
            a.parse()
                .map_err(|_| AppError::BadRequest("actor".into()))?,
        ),
    };
    let (rows, more) = activity::page(&state, &signed.user, id, &q.group, actor, q.before).await?;
    let s = state.store.session(id).await?;
    let people = who(state.store.shares(id).await?);
    let older = match (more, rows.last()) {
        (true, Some(last)) => Some(format!(
            "group={}&actor={}&before={}",
            q.group, q.actor, last.id
        )),
        _ => None,
    };
    let entries = rows
        .iter()
        .map(|r| {
            (
                activity::describe(&viewer.tr, r),
                viewer.tr.datetime(r.created_at, &signed.user.time_zone),
            )
        })
        .collect();
    Ok(render(&ActivityPage {
        c: Chrome::new(&viewer, &format!("/sessions/{id}/activity")),
        s,
        entries,
        people,
        group: q.group,
        actor: q.actor,
        older,
    }))
}

/// The people of the "who" filter by name; two of one name are told apart by their email
/// address (which every member sees on the share page anyway).
fn who(shares: Vec<store::ShareRow>) -> Vec<(UserId, String)> {
    let names: Vec<String> = shares.iter().map(store::ShareRow::name).collect();
    shares
        .iter()
        .zip(&names)
        .map(|(p, name)| {
            let twins = names
                .iter()
                .filter(|n| n.to_lowercase() == name.to_lowercase())
                .count();
            let label = if twins > 1 {
                format!("{name} ({})", p.email)
            } else {
                name.clone()
            };
            (p.user_id, label)
        })
        .collect()
}
