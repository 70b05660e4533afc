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
use domain::Session;
use domain::SessionId;
use domain::op::Op;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/sessions/{id}/settings",
        get(settings_page).post(save_settings),
    )
}

#[derive(Template)]
#[template(path = "session_settings.html")]
pub(super) struct SettingsPage {
    c: Chrome,
    s: Session,
    /// The settings form's texts: as stored, or as typed when a save was refused.
    v: SettingsValues,
    zones: Vec<String>,
    alert: Option<String>,
    folders: Vec<String>,
    fields: Vec<domain::session::CustomFieldDef>,
    /// The form for a new custom field: empty, or as typed with why it was refused.
    field: FieldInput,
}

/// The texts of the settings form.
pub(super) struct SettingsValues {
    title: String,
    description: String,
    goals: String,
    first_date: String,
    start_time: String,
    end_time: String,
    time_zone: String,
    location_kind: String,
    location: String,
    participants: String,
    language: String,
    tags: String,
    status: String,
    folder: String,
}

impl SettingsValues {
    fn stored(s: &Session) -> Self {
        // The form shows times as HH:MM.
        let hm = |t: jiff::civil::Time| t.strftime("%H:%M").to_string();
        Self {
            title: s.title.clone(),
            description: s.description.clone(),
            goals: s.goals.join("\n"),
            first_date: s.first_date.to_string(),
            start_time: hm(s.start_time),
            end_time: s.end_time.map(hm).unwrap_or_default(),
            time_zone: s.time_zone.to_string(),
            location_kind: s.location_kind.to_string(),
            location: s.location.clone(),
            participants: s.participants.map(|n| n.to_string()).unwrap_or_default(),
            language: s.language.to_string(),
            tags: s.tags.join(", "),
            status: s.status.to_string(),
            folder: s.folder.clone(),
        }
    }

    fn typed(f: &SettingsForm) -> Self {
        Self {
            title: f.title.clone(),
            description: f.description.clone(),
            goals: f.goals.clone(),
            first_date: f.first_date.clone(),
            start_time: f.start_time.clone(),
            end_time: f.end_time.clone(),
            time_zone: f.time_zone.clone(),
            location_kind: f.location_kind.clone(),
            location: f.location.clone(),
            participants: f.participants.clone(),
            language: f.language.clone(),
            tags: f.tags.clone(),
            status: f.status.clone(),
            folder: f.folder.clone(),
        }
    }
}

/// The form for a new custom field.
#[derive(Default)]
pub(super) struct FieldInput {
    pub name: String,
    pub kind: String,
    pub options: String,
    pub column: bool,
    pub error: Option<String>,
}

/// The settings page; `typed` keeps what was typed into a refused form.
pub(super) async fn settings(
    state: &AppState,
    viewer: &Viewer,
    s: Session,
    typed: Option<SettingsValues>,
    alert: Option<String>,
    field: FieldInput,
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
        v: typed.unwrap_or_else(|| SettingsValues::stored(&s)),
        zones: domain::TimeZoneName::all(),
        fields: s.custom_fields.clone(),
        folders,
        s,
        alert,
        field,
    })
}

async fn settings_page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
) -> Result<Response, AppError> {
    let s = sessions::editable(&state, &signed.user, id).await?;
    Ok(render(
        &settings(&state, &viewer, s, None, None, FieldInput::default()).await?,
    ))
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
    let refused = match settings_ops(&f) {
        Ok(ops) => match apply(&state, &signed, id, ops).await {
            Ok(()) => return Ok(Redirect::to(&format!("/sessions/{id}")).into_response()),
            Err(AppError::OpRefused(code)) => code,
            Err(e) => return Err(e),
        },
        Err(code) => code.to_owned(),
    };
    // Refused: the form again, as typed, with the reason.
    let alert = viewer
        .tr
        .t(&format!("op-error-{}", refused.replace('_', "-")));
    let page = settings(
        &state,
        &viewer,
        s,
        Some(SettingsValues::typed(&f)),
        Some(alert),
        FieldInput::default(),
    )
    .await?;
    Ok(super::super::render_status(
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        &page,
    ))
}
