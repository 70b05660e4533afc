//! `/admin/legal`: the legal documents' versions. An administrator writes a new version of a
//! document as a draft (starting from the text in force), reads it as people will, and
//! publishes it with the date it takes effect; publishing announces it by email and with a
//! banner. Published versions never change.

use super::super::{Chrome, Form, NoticeQuery, redirect_notice, render, render_status};
use crate::auth::{Admin, Viewer};
use crate::error::AppError;
use crate::legal::{self, DraftInput};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form as FormBody, Router};
use domain::LegalVersionId;
use domain::legal::Document;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/legal", get(list))
        .route("/admin/legal/{document}/new", get(new_page).post(create))
        .route("/admin/legal/drafts/{id}", get(draft_page).post(save))
        .route("/admin/legal/drafts/{id}/publish", post(publish))
        .route("/admin/legal/drafts/{id}/delete", post(delete))
}

/// A document as the list shows it.
struct DocumentView {
    key: &'static str,
    title: String,
    link: String,
    /// "Version 2 · in force since …", with how many people accepted it for a document
    /// accepted at registration.
    in_force: Option<String>,
    /// The version waiting for its date, in words, with its page.
    waiting: Option<(String, String)>,
    /// Drafts: their page and when they were last saved.
    drafts: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "admin_legal.html")]
struct ListPage {
    c: Chrome,
    documents: Vec<DocumentView>,
}

async fn list(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let tr = viewer.tr;
    let published = state.legal.published().await?;
    // After reading: a version seeded by this read is in force from now.
    let now = store::now_ms();
    let counts = state.store.legal_acceptance_counts().await?;
    let count_of =
        |id: LegalVersionId| counts.iter().find(|(v, _)| *v == id).map_or(0, |(_, n)| *n);
    let mut documents = Vec::new();
    for document in Document::ALL {
        let drafts = state
            .store
            .legal_versions(document)
            .await?
            .into_iter()
            .filter(|v| v.published_at.is_none())
            .map(|v| {
                (
                    format!("/admin/legal/drafts/{}", v.id),
                    tr.datetime(v.updated_at, &admin.time_zone),
                )
            })
            .collect();
        documents.push(DocumentView {
            key: document.as_str(),
            title: legal::title(tr, document),
            link: document.path().to_owned(),
            in_force: published.in_force(document, now).map(|v| {
                let mut text = format!(
                    "{} · {}",
                    tr.tn("legal-version", "number", v.number),
                    tr.ts(
                        "legal-status-in-force",
                        "date",
                        &legal::day(tr, v.effective_at)
                    )
                );
                if document.accepted_at_registration() {
                    text.push_str(" · ");
                    text.push_str(&tr.tn("legal-admin-accepted", "count", count_of(v.id)));
                }
                text
            }),
            waiting: published.waiting(document, now).map(|v| {
                (
                    format!(
                        "{} · {}",
                        tr.tn("legal-version", "number", v.number),
                        tr.ts(
                            "legal-status-upcoming",
                            "date",
                            &legal::day(tr, v.effective_at)
                        )
                    ),
                    legal::version_path(document, v.number),
                )
            }),
            drafts,
        });
    }
    Ok(render(&ListPage {
        c: Chrome::new(&viewer, "/admin/legal").with_notice(q.notice.as_deref()),
        documents,
    }))
}

/// What the draft page shows besides the form: the texts as people will read them and the
/// publishing form.
struct DraftExtras {
    id: LegalVersionId,
    preview_en: String,
    preview_ru: String,
    /// The first and last days it may take effect (YYYY-MM-DD), the date field's bounds.
    earliest: String,
    latest: String,
}

#[derive(Template)]
#[template(path = "admin_legal_draft.html")]
struct DraftPage {
    c: Chrome,
    f: Form,
    heading: String,
    action: String,
    /// "What changed" is asked for: an earlier version exists.
    changes_asked: bool,
    draft: Option<DraftExtras>,
}

fn parse_document(s: &str) -> Result<Document, AppError> {
    Document::parse(s).ok_or(AppError::NotFound)
}

fn form_of(input: &DraftInput) -> Form {
    Form::default()
        .with("body_en", &input.body_en)
        .with("body_ru", &input.body_ru)
        .with("changes_en", &input.changes_en)
        .with("changes_ru", &input.changes_ru)
}

async fn new_page(
    State(state): State<AppState>,
    Admin(_): Admin,
    viewer: Viewer,
    Path(document): Path<String>,
) -> Result<Response, AppError> {
    let document = parse_document(&document)?;
    let published = state.legal.published().await?;
    // A new version starts from the text in force.
    let input = match published.in_force(document, store::now_ms()) {
        Some(v) => {
            let v = state.store.legal_version(v.id).await?;
            DraftInput {
                body_en: v.body_en,
                body_ru: v.body_ru,
                ..DraftInput::default()
            }
        }
        None => DraftInput::default(),
    };
    Ok(render(&new_form(&viewer, document, form_of(&input))))
}

fn new_form(viewer: &Viewer, document: Document, f: Form) -> DraftPage {
    DraftPage {
        c: Chrome::new(viewer, "/admin/legal"),
        f,
        heading: viewer.tr.ts(
            "legal-admin-new",
            "document",
            &legal::title(viewer.tr, document),
        ),
        action: format!("/admin/legal/{}/new", document.as_str()),
        changes_asked: true,
        draft: None,
    }
}

async fn create(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path(document): Path<String>,
    FormBody(input): FormBody<DraftInput>,
) -> Result<Response, AppError> {
    let document = parse_document(&document)?;
    match state
        .legal
        .save_draft(admin.id, document, None, &input)
        .await
    {
        Ok(id) => Ok(redirect_notice(
            &format!("/admin/legal/drafts/{id}"),
            "legal-draft-saved",
        )),
        Err(e @ AppError::Validation(_)) => {
            let f = form_of(&input).with_error(&e, &viewer.tr);
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &new_form(&viewer, document, f),
            ))
        }
        Err(e) => Err(e),
    }
}

/// The draft's page with `f` in its form.
async fn draft_view(
    state: &AppState,
    viewer: &Viewer,
    version: &store::LegalVersion,
    f: Form,
) -> Result<DraftPage, AppError> {
    let document = version.document().ok_or(AppError::NotFound)?;
    let tr = viewer.tr;
    let earlier = state
        .legal
        .published()
        .await?
        .versions()
        .any(|v| v.document == document.as_str());
    Ok(DraftPage {
        c: Chrome::new(viewer, "/admin/legal"),
        f,
        heading: tr.ts("legal-admin-draft", "document", &legal::title(tr, document)),
        action: format!("/admin/legal/drafts/{}", version.id),
        changes_asked: earlier,
        draft: Some(DraftExtras {
            id: version.id,
            preview_en: crate::markdown::render(&version.body_en),
            preview_ru: crate::markdown::render(&version.body_ru),
            earliest: legal::earliest_day(&state.settings, store::now_ms()).to_string(),
            latest: legal::latest_day(store::now_ms()).to_string(),
        }),
    })
}

/// A draft (a published version has no draft page).
async fn draft_of(state: &AppState, id: &str) -> Result<store::LegalVersion, AppError> {
    let id: LegalVersionId = id.parse().map_err(|_| AppError::NotFound)?;
    let version = state.store.legal_version(id).await?;
    if version.published_at.is_some() {
        return Err(AppError::NotFound);
    }
    Ok(version)
}

fn input_of(v: &store::LegalVersion) -> DraftInput {
    DraftInput {
        body_en: v.body_en.clone(),
        body_ru: v.body_ru.clone(),
        changes_en: v.changes_en.clone(),
        changes_ru: v.changes_ru.clone(),
    }
}

async fn draft_page(
    State(state): State<AppState>,
    Admin(_): Admin,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let version = draft_of(&state, &id).await?;
    let mut page = draft_view(&state, &viewer, &version, form_of(&input_of(&version))).await?;
    page.c = page.c.with_notice(q.notice.as_deref());
    Ok(render(&page))
}

async fn save(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path(id): Path<String>,
    FormBody(input): FormBody<DraftInput>,
) -> Result<Response, AppError> {
    let version = draft_of(&state, &id).await?;
    let document = version.document().ok_or(AppError::NotFound)?;
    match state
        .legal
        .save_draft(admin.id, document, Some(version.id), &input)
        .await
    {
        Ok(id) => Ok(redirect_notice(
            &format!("/admin/legal/drafts/{id}"),
            "legal-draft-saved",
        )),
        Err(e @ AppError::Validation(_)) => {
            let f = form_of(&input).with_error(&e, &viewer.tr);
            let page = draft_view(&state, &viewer, &version, f).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(e),
    }
}

/// The draft's form sent with Publish: its texts, saved first, and the day.
#[derive(Deserialize)]
struct PublishForm {
    #[serde(flatten)]
    draft: DraftInput,
    #[serde(default)]
    effective_on: String,
}

async fn publish(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path(id): Path<String>,
    FormBody(form): FormBody<PublishForm>,
) -> Result<Response, AppError> {
    let version = draft_of(&state, &id).await?;
    let document = version.document().ok_or(AppError::NotFound)?;
    let input = form.draft;
    // What was typed is saved first, so nothing typed is lost and what is published is what
    // was read.
    let outcome = match state
        .legal
        .save_draft(admin.id, document, Some(version.id), &input)
        .await
    {
        Ok(id) => state.legal.publish(admin.id, id, &form.effective_on).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(_) => {
            crate::moderation::record(
                &state,
                Some(&admin),
                domain::moderation::AuditAction::PublishLegal,
                "legal",
                Some(version.id.0),
                &form.effective_on,
            )
            .await?;
            Ok(redirect_notice("/admin/legal", "legal-published"))
        }
        Err(e @ (AppError::Validation(_) | AppError::Conflict(_))) => {
            let version = state.store.legal_version(version.id).await?;
            let f = form_of(&input)
                .with("effective_on", &form.effective_on)
                .with_error(&e, &viewer.tr);
            let page = draft_view(&state, &viewer, &version, f).await?;
            Ok(render_status(e.status(), &page))
        }
        Err(e) => Err(e),
    }
}

async fn delete(
    State(state): State<AppState>,
    Admin(admin): Admin,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let version = draft_of(&state, &id).await?;
    if !state.store.delete_legal_draft(version.id).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(admin = %admin.id, draft = %version.id, "legal draft deleted");
    Ok(redirect_notice("/admin/legal", "legal-draft-deleted"))
}
