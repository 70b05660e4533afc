//! The method form: write a new method or change one of yours; a refused form comes back as
//! it was typed, with the field at fault marked.

use super::super::{Chrome, NoticeQuery, redirect_notice, render, render_status};
use super::taxonomy;
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::library;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use domain::library::{Complexity, MethodFields};
use domain::{Locale, MethodId};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/library/methods", post(create))
        .route("/library/methods/new", get(new_page))
        .route("/library/methods/{id}/edit", get(edit_page))
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
            materials: super::super::sessions::parse_materials(&self.materials),
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

pub(super) async fn save(
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
