//! `/admin/reports`: reports of public content, open ones first; an administrator removes the
//! content (a public method or design leaves the public library, a public link stops working)
//! or dismisses the report, each with a reason. `/admin/content`: what was removed in the last
//! 30 days, each restorable, and a form that removes a public method or design by its address.

use crate::auth::{Admin, Viewer};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::moderation::Why;
use crate::pages::{Chrome, Form, NoticeQuery, redirect_notice, render, render_status};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form as FormBody, Router};
use domain::moderation::Reported;
use domain::{ReportId, UserId};
use serde::Deserialize;
use std::collections::HashMap;
use store::User;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/reports", get(queue))
        .route("/admin/reports/{id}/remove", post(remove))
        .route("/admin/reports/{id}/dismiss", post(dismiss))
        .route(
            "/admin/reports/{id}/counter/{decision}",
            post(decide_counter),
        )
        .route("/admin/content", get(content).post(remove_by_address))
        .route("/admin/content/{kind}/{id}/restore", post(restore))
}

/// Where an administrator reads what is reported: a method's or design's page; a link's page
/// is reachable only with its secret, which no one keeps.
pub(super) fn target_link(target: Reported) -> Option<String> {
    match target {
        Reported::Method(id) => Some(format!("/library/methods/{id}")),
        Reported::Template(id) => Some(format!("/library/designs/{id}")),
        Reported::Link(_) => None,
    }
}

/// What kind of thing it is, in words.
pub(super) fn kind_name(tr: &Tr, target: Reported) -> String {
    tr.t(&format!("report-kind-{}", target.kind()))
}

/// Where a report stands, in words: open, or what was decided, when and why.
pub(super) fn outcome(tr: &Tr, zone: &str, r: &store::ReportRow) -> String {
    let decided = |key: &str, at: i64| {
        tr.args(
            key,
            &[
                ("date", tr.datetime(at, zone).into()),
                ("reason", r.resolution.clone().into()),
            ],
        )
    };
    match (r.status.as_str(), r.resolved_at) {
        ("actioned", Some(at)) => decided("report-outcome-removed", at),
        ("dismissed", Some(at)) => decided("report-outcome-dismissed", at),
        _ => tr.t("report-outcome-open"),
    }
}

/// A person named on these pages, when there is one: as the audit log names them.
async fn who(
    state: &AppState,
    tr: &Tr,
    known: &mut HashMap<UserId, Option<String>>,
    id: Option<UserId>,
) -> Result<Option<(String, Option<String>)>, AppError> {
    match id {
        Some(id) => Ok(Some(super::audit::person(state, tr, known, id).await?)),
        None => Ok(None),
    }
}

/// A report as the queue shows it.
struct ReportView {
    id: ReportId,
    open: bool,
    kind: String,
    title: String,
    link: Option<String>,
    /// It is still public (a link: still works), so it can be removed.
    live: bool,
    category: String,
    body: String,
    when: String,
    reporter: String,
    reporter_link: Option<String>,
    owner: Option<(String, Option<String>)>,
    /// "Removed on …: reason" or "Dismissed on …: reason".
    outcome: String,
    /// What a copyright notice adds to its report.
    notice: Option<NoticeView>,
}

/// A copyright notice's details: the material's address as sent, who sent it and how to reach
/// them, and when they made the statements.
struct NoticeView {
    material: String,
    sender: String,
    stated: String,
}

/// A counter-notice waiting for a decision.
struct CounterView {
    id: ReportId,
    title: String,
    link: Option<String>,
    from: String,
    statement: String,
    /// The notice it answers, in a line.
    notice: String,
}

#[derive(Template)]
#[template(path = "admin_reports.html")]
struct QueuePage {
    c: Chrome,
    counters: Vec<CounterView>,
    reports: Vec<ReportView>,
    open: usize,
    /// The report whose form came back with an error, and the form.
    failed: Option<(ReportId, Form)>,
}

impl QueuePage {
    /// The form of report `id` when it came back with an error.
    fn failed_for(&self, id: &ReportId) -> Option<&Form> {
        self.failed
            .as_ref()
            .filter(|(f, _)| f == id)
            .map(|(_, f)| f)
    }
}

async fn queue_page(
    state: &AppState,
    viewer: &Viewer,
    admin: &User,
    failed: Option<(ReportId, Form)>,
) -> Result<QueuePage, AppError> {
    let tr = &viewer.tr;
    let zone = admin.time_zone.as_str();
    let mut known = HashMap::new();
    let mut reports = Vec::new();
    for r in state.store.reports(200).await? {
        let Some(target) = r.target() else { continue };
        let (reporter, reporter_link) = match who(state, tr, &mut known, r.reporter_id).await? {
            Some(found) => found,
            None if !r.reporter_email.is_empty() => {
                (tr.ts("report-signed-out", "email", &r.reporter_email), None)
            }
            None => (tr.t("report-deleted-account"), None),
        };
        let outcome = outcome(tr, zone, &r);
        let notice = if r.category == "copyright" {
            state
                .store
                .copyright_notice(r.id)
                .await?
                .map(|n| NoticeView {
                    material: n.material_url,
                    sender: format!("{}, {}, {}", n.name, n.email, n.phone),
                    stated: tr.ts(
                        "report-notice-stated",
                        "date",
                        &tr.datetime(n.stated_at, zone),
                    ),
                })
        } else {
            None
        };
        reports.push(ReportView {
            notice,
            id: r.id,
            open: r.is_open(),
            kind: kind_name(tr, target),
            title: r.title.clone().unwrap_or_else(|| tr.t("report-gone")),
            link: target_link(target),
            live: r.live,
            category: tr.t(&format!("report-category-{}", r.category)),
            body: r.body.clone(),
            when: tr.datetime(r.created_at, zone),
            reporter,
            reporter_link,
            owner: who(state, tr, &mut known, r.owner_id).await?,
            outcome,
        });
    }
    let mut counters = Vec::new();
    for c in state.store.open_counter_notices().await? {
        let report = state.store.report(c.report_id).await?;
        let notice = state.store.copyright_notice(c.report_id).await?;
        counters.push(CounterView {
            id: c.report_id,
            title: report.title.clone().unwrap_or_else(|| tr.t("report-gone")),
            link: report.target().and_then(target_link),
            from: tr.args(
                "counter-from",
                &[
                    ("name", c.name.into()),
                    ("email", c.email.into()),
                    ("phone", c.phone.into()),
                    ("date", tr.datetime(c.created_at, zone).into()),
                ],
            ),
            statement: c.statement,
            notice: match notice {
                Some(n) => format!(
                    "{}: {}, {} · {}",
                    tr.t("report-notice"),
                    n.name,
                    n.email,
                    outcome(tr, zone, &report)
                ),
                None => outcome(tr, zone, &report),
            },
        });
    }
    Ok(QueuePage {
        counters,
        c: Chrome::new(viewer, "/admin/reports"),
        open: reports.iter().filter(|r| r.open).count(),
        reports,
        failed,
    })
}

async fn queue(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let mut page = queue_page(&state, &viewer, &admin, None).await?;
    page.c = page.c.with_notice(q.notice.as_deref());
    Ok(render(&page))
}

/// The queue again with `id`'s form and its error.
async fn queue_error(
    state: &AppState,
    viewer: &Viewer,
    admin: &User,
    id: ReportId,
    reason: &str,
    e: AppError,
) -> Result<Response, AppError> {
    let f = Form::default()
        .with("reason", reason)
        .with_error(&e, &viewer.tr);
    let page = queue_page(state, viewer, admin, Some((id, f))).await?;
    Ok(render_status(e.status(), &page))
}

async fn remove(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path(id): Path<ReportId>,
    FormBody(why): FormBody<Why>,
) -> Result<Response, AppError> {
    let report = state.store.report(id).await?;
    let target = report.target().ok_or(AppError::NotFound)?;
    match crate::reports::remove(&state, &admin, target, &why).await {
        Ok(()) => Ok(redirect_notice("/admin/reports", "content-removed")),
        Err(e @ AppError::Internal(_)) => Err(e),
        // Gone from public view meanwhile: said on the queue rather than a bare 404.
        Err(AppError::NotFound) => {
            queue_error(
                &state,
                &viewer,
                &admin,
                id,
                &why.reason,
                AppError::Conflict("not_public"),
            )
            .await
        }
        Err(e) => queue_error(&state, &viewer, &admin, id, &why.reason, e).await,
    }
}

async fn dismiss(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path(id): Path<ReportId>,
    FormBody(why): FormBody<Why>,
) -> Result<Response, AppError> {
    match crate::reports::dismiss(&state, &admin, id, &why).await {
        Ok(()) => Ok(redirect_notice("/admin/reports", "report-dismissed")),
        Err(e @ (AppError::Internal(_) | AppError::NotFound)) => Err(e),
        Err(e) => queue_error(&state, &viewer, &admin, id, &why.reason, e).await,
    }
}

/// `/admin/reports/{id}/counter/restore` or `…/uphold`: decides a counter-notice.
async fn decide_counter(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path((id, decision)): Path<(ReportId, String)>,
    FormBody(why): FormBody<Why>,
) -> Result<Response, AppError> {
    let restore = match decision.as_str() {
        "restore" => true,
        "uphold" => false,
        _ => return Err(AppError::NotFound),
    };
    match crate::copyright::decide(&state, &admin, id, restore, &why).await {
        Ok(()) => Ok(redirect_notice(
            "/admin/reports",
            if restore {
                "content-restored"
            } else {
                "removal-upheld"
            },
        )),
        Err(e @ (AppError::Internal(_) | AppError::NotFound)) => Err(e),
        // Decided meanwhile (by another administrator, or by a restore from Removed content):
        // it is no longer on the queue to show an error beside.
        Err(AppError::Conflict("report_resolved")) => {
            Ok(redirect_notice("/admin/reports", "counter-decided"))
        }
        Err(e) => queue_error(&state, &viewer, &admin, id, &why.reason, e).await,
    }
}

/// Something removed, as the content page shows it.
struct RemovedView {
    kind: String,
    /// Its kind and id in the restore address.
    path: String,
    title: String,
    link: Option<String>,
    owner: Option<(String, Option<String>)>,
    removed: String,
    /// The last day it can be restored.
    until: String,
}

#[derive(Template)]
#[template(path = "admin_content.html")]
struct ContentPage {
    c: Chrome,
    removed: Vec<RemovedView>,
    /// The remove-by-address form.
    f: Form,
    /// The restore form that came back with an error: its path and the form.
    failed: Option<(String, Form)>,
    /// That error, when its row is no longer listed (its 30 days are over).
    unlisted: Option<String>,
}

impl ContentPage {
    /// The restore form of `path` when it came back with an error.
    fn failed_for(&self, path: &str) -> Option<&Form> {
        self.failed
            .as_ref()
            .filter(|(p, _)| p == path)
            .map(|(_, f)| f)
    }
}

async fn content_page(
    state: &AppState,
    viewer: &Viewer,
    admin: &User,
    f: Form,
    failed: Option<(String, Form)>,
) -> Result<ContentPage, AppError> {
    let tr = &viewer.tr;
    let zone = admin.time_zone.as_str();
    let mut known = HashMap::new();
    let mut removed = Vec::new();
    for r in state.store.removed_content().await? {
        let Some(target) = r.target() else { continue };
        removed.push(RemovedView {
            kind: kind_name(tr, target),
            path: format!("{}/{}", target.kind(), target.id()),
            title: r.title.clone(),
            link: target_link(target),
            owner: who(state, tr, &mut known, r.owner_id).await?,
            removed: tr.datetime(r.removed_at, zone),
            until: tr.datetime(r.removed_at + store::RESTORE_MS, zone),
        });
    }
    let unlisted = failed
        .as_ref()
        .filter(|(path, _)| !removed.iter().any(|r| &r.path == path))
        .and_then(|(_, f)| f.alert.clone());
    Ok(ContentPage {
        c: Chrome::new(viewer, "/admin/content"),
        removed,
        f,
        failed,
        unlisted,
    })
}

async fn content(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let mut page = content_page(&state, &viewer, &admin, Form::default(), None).await?;
    page.c = page.c.with_notice(q.notice.as_deref());
    Ok(render(&page))
}

#[derive(Deserialize)]
struct ByAddress {
    #[serde(default)]
    address: String,
    #[serde(flatten)]
    why: Why,
}

/// A public method's or design's address (or its path) as what it names.
fn parse_address(address: &str) -> Option<Reported> {
    let path = address.trim();
    let path = path.find("/library/").map_or(path, |i| &path[i..]);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let mut parts = path.trim_end_matches('/').split('/').skip(1);
    let (Some("library"), Some(kind), Some(id), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let id = uuid::Uuid::parse_str(id).ok()?;
    match kind {
        "methods" => Some(Reported::Method(domain::MethodId(id))),
        "designs" => Some(Reported::Template(domain::TemplateId(id))),
        _ => None,
    }
}

async fn remove_by_address(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    FormBody(input): FormBody<ByAddress>,
) -> Result<Response, AppError> {
    let outcome = match parse_address(&input.address) {
        Some(target) => crate::reports::remove(&state, &admin, target, &input.why).await,
        None => Err(AppError::Validation(vec![(
            "address",
            domain::FieldError::Required,
        )])),
    };
    match outcome {
        Ok(()) => Ok(redirect_notice("/admin/content", "content-removed")),
        Err(e @ AppError::Internal(_)) => Err(e),
        Err(e) => {
            let tr = &viewer.tr;
            let base = Form::default()
                .with("address", &input.address)
                .with("reason", &input.why.reason);
            let f = match e {
                AppError::NotFound => {
                    base.with_field_error("address", tr.t("admin-content-not-public"), tr)
                }
                AppError::Validation(ref list) if list.iter().any(|(f, _)| *f == "address") => {
                    base.with_field_error("address", tr.t("admin-content-bad-address"), tr)
                }
                ref other => base.with_error(other, tr),
            };
            let page = content_page(&state, &viewer, &admin, f, None).await?;
            Ok(render_status(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                &page,
            ))
        }
    }
}

async fn restore(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path((kind, id)): Path<(String, uuid::Uuid)>,
    FormBody(why): FormBody<Why>,
) -> Result<Response, AppError> {
    let target = Reported::from_parts(&kind, id).ok_or(AppError::NotFound)?;
    let outcome = match crate::reports::restore(&state, &admin, target, &why).await {
        // Past its 30 days, restored already, or withdrawn by its author: said on the row.
        Err(AppError::NotFound) => Err(AppError::Conflict("not_restorable")),
        other => other,
    };
    match outcome {
        Ok(()) => Ok(redirect_notice("/admin/content", "content-restored")),
        Err(e @ AppError::Internal(_)) => Err(e),
        Err(e) => {
            let f = Form::default()
                .with("reason", &why.reason)
                .with_error(&e, &viewer.tr);
            let path = format!("{}/{}", target.kind(), target.id());
            let page =
                content_page(&state, &viewer, &admin, Form::default(), Some((path, f))).await?;
            Ok(render_status(e.status(), &page))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_names_a_public_method_or_design_and_nothing_else() {
        let id = "01a2491f-d94d-73e5-a0ce-711ded877380";
        let uuid = uuid::Uuid::parse_str(id).expect("uuid");
        assert_eq!(
            parse_address(&format!(
                "https://plenary.example/library/methods/{id}?notice=x"
            )),
            Some(Reported::Method(domain::MethodId(uuid)))
        );
        assert_eq!(
            parse_address(&format!(" /library/designs/{id}/ ")),
            Some(Reported::Template(domain::TemplateId(uuid)))
        );
        for bad in [
            String::new(),
            format!("/library/methods/{id}/edit"),
            format!("/sessions/{id}"),
            "/library/methods/not-an-id".to_owned(),
        ] {
            assert_eq!(parse_address(&bad), None, "{bad}");
        }
    }
}
