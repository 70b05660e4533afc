//! The session settings form: every field becomes a `set_session` op, checked together so
//! the form is saved whole or not at all.

use super::super::{Chrome, render};
use super::apply;
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::sessions;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use domain::SessionId;
use domain::op::Op;
use serde::Deserialize;
use store::SessionRow;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/sessions/{id}/settings",
        get(settings_page).post(save_settings),
    )
}

#[derive(Template)]
#[template(path = "session_settings.html")]
struct SettingsPage {
    c: Chrome,
    s: SessionRow,
    goals: String,
    tags: String,
    zones: Vec<String>,
    alert: Option<String>,
    folders: Vec<String>,
    fields: Vec<domain::session::CustomFieldDef>,
}

fn lines_of(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

async fn settings(
    state: &AppState,
    viewer: &Viewer,
    s: SessionRow,
    alert: Option<String>,
) -> Result<SettingsPage, AppError> {
    let mut folders: Vec<String> = state
        .store
        .sessions_in(s.workspace_id)
        .await?
        .into_iter()
        .map(|x| x.folder)
        .filter(|f| !f.is_empty())
        .collect();
    folders.sort();
    folders.dedup();
    Ok(SettingsPage {
        c: Chrome::new(viewer, &format!("/sessions/{}/settings", s.id)),
        goals: lines_of(&s.goals).join("\n"),
        tags: lines_of(&s.tags).join(", "),
        zones: domain::TimeZoneName::all(),
        fields: s.custom_field_defs(),
        folders,
        s,
        alert,
    })
}

async fn settings_page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
) -> Result<Response, AppError> {
    let s = sessions::editable(&state, &signed.user, id).await?;
    Ok(render(&settings(&state, &viewer, s, None).await?))
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    goals: String,
    #[serde(default)]
    first_date: String,
    #[serde(default)]
    start_time: String,
    #[serde(default)]
    end_time: String,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    location_kind: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    participants: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    folder: String,
}

/// The session's fields from the settings form, each a `set_session` op.
fn settings_ops(f: &SettingsForm) -> Result<Vec<Op>, &'static str> {
    use domain::session::{LocationKind, SessionField as F, SessionStatus};
    let time = |t: &str| {
        t.trim()
            .parse::<jiff::civil::Time>()
            .map_err(|_| "invalid_time")
    };
    let mut fields = vec![
        F::Title(f.title.clone()),
        F::Description(f.description.clone()),
        F::Goals(f.goals.lines().map(str::to_owned).collect()),
        F::FirstDate(f.first_date.trim().parse().map_err(|_| "invalid_date")?),
        F::StartTime(time(&f.start_time)?),
        F::EndTime(if f.end_time.trim().is_empty() {
            None
        } else {
            Some(time(&f.end_time)?)
        }),
        F::TimeZone(f.time_zone.clone()),
        F::LocationKind(if f.location_kind == "online" {
            LocationKind::Online
        } else {
            LocationKind::InPerson
        }),
        F::Location(f.location.clone()),
        F::Participants(match f.participants.trim() {
            "" => None,
            p => Some(p.parse().map_err(|_| "invalid_number")?),
        }),
        F::Language(f.language.clone()),
        F::Tags(f.tags.split(',').map(str::to_owned).collect()),
        F::Status(SessionStatus::parse(&f.status).unwrap_or_default()),
        F::Folder(f.folder.clone()),
    ];
    if f.title.trim().is_empty() {
        return Err("title_required");
    }
    // Checked together first, so that a form is saved whole or not at all.
    for field in &fields {
        field.clone().validate().map_err(|e| e.code())?;
    }
    Ok(fields.drain(..).map(|set| Op::SetSession { set }).collect())
}

async fn save_settings(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Form(f): Form<SettingsForm>,
) -> Result<Response, AppError> {
    let s = sessions::editable(&state, &signed.user, id).await?;
    let ops = match settings_ops(&f) {
        Ok(ops) => ops,
        Err(code) => {
            let page = settings(
                &state,
                &viewer,
                s,
                Some(viewer.tr.t(&format!("op-error-{}", code.replace('_', "-")))),
            )
            .await?;
            return Ok(super::super::render_status(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                &page,
            ));
        }
    };
    match apply(&state, &signed, id, ops).await {
        Ok(()) => Ok(Redirect::to(&format!("/sessions/{id}")).into_response()),
        Err(AppError::OpRefused(code)) => {
            let s = state.store.session(id).await?;
            let page = settings(
                &state,
                &viewer,
                s,
                Some(viewer.tr.t(&format!("op-error-{}", code.replace('_', "-")))),
            )
            .await?;
            Ok(super::super::render_status(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                &page,
            ))
        }
        Err(e) => Err(e),
    }
}
