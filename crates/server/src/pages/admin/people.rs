//! `/admin/people/{id}`: one person as administrators see them (profile, workspaces and plans,
//! what they made, last activity, their sign-ins, what is taken from them and every action
//! taken about them), and the actions, each with a required reason: block or unblock,
//! restrict features for some days or until lifted, lift a restriction, make or unmake an
//! administrator, and the way to delete the account.

use super::audit::{EntryView, entry_views};
use crate::auth::{Admin, Viewer};
use crate::error::AppError;
use crate::moderation::{self, RestrictInput, Why};
use crate::pages::{Chrome, Form, NoticeQuery, redirect_notice, render, render_status};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form as FormBody, Router};
use domain::UserId;
use domain::moderation::Restriction;
use serde::Deserialize;
use store::User;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/people/{id}", get(person))
        .route("/admin/people/{id}/block", post(block))
        .route("/admin/people/{id}/unblock", post(unblock))
        .route("/admin/people/{id}/restrict", post(restrict))
        .route("/admin/people/{id}/lift/{kind}", post(lift))
        .route("/admin/people/{id}/role", post(role))
}

/// A workspace the person belongs to.
struct WorkspaceView {
    name: String,
    /// Their role in it, in words.
    role: String,
    /// The plan and its standing, with billing on.
    plan: Option<String>,
    /// The billing console's page of it, with billing on.
    link: Option<String>,
}

/// A feature taken from the person.
struct RestrictionView {
    kind: &'static str,
    what: String,
    /// "until …" or "until lifted", and why.
    until: String,
    reason: String,
}

/// One of the person's logins.
struct LoginView {
    device: String,
    ip: String,
    started: String,
    last_seen: String,
}

/// A report about something the person made or shares.
struct ReportAbout {
    id: domain::ReportId,
    kind: String,
    title: String,
    link: Option<String>,
    category: String,
    when: String,
    open: bool,
    /// Open, or what was decided.
    outcome: String,
}

/// The forms of the page, one of which may come back with errors.
#[derive(Default)]
struct Forms {
    block: Form,
    restrict: Form,
    role: Form,
    lift: Form,
}

#[derive(Template)]
#[template(path = "admin_person.html")]
struct PersonPage {
    c: Chrome,
    id: UserId,
    name: String,
    email: String,
    you: bool,
    is_admin: bool,
    confirmed: bool,
    /// When they were blocked.
    blocked: Option<String>,
    created: String,
    last_active: String,
    language: String,
    facts: store::PersonFacts,
    workspaces: Vec<WorkspaceView>,
    restrictions: Vec<RestrictionView>,
    logins: Vec<LoginView>,
    actions: Vec<EntryView>,
    reports: Vec<ReportAbout>,
    /// Every feature that can be taken: its form name and its name in words.
    kinds: Vec<(&'static str, String)>,
    max_days: i64,
    f: Forms,
}

impl PersonPage {
    async fn load(
        state: &AppState,
        viewer: &Viewer,
        admin: &User,
        person: User,
        f: Forms,
    ) -> Result<Self, AppError> {
        let tr = &viewer.tr;
        let zone = admin.time_zone.as_str();
        let facts = state.store.person_facts(person.id).await?;
        let mut workspaces = Vec::new();
        for w in state.store.workspaces_of(person.id).await? {
            let (plan, link) = if state.settings.billing {
                let line = super::billing::workspace_line(
                    state,
                    tr,
                    zone,
                    state.store.workspace_plan(w.id).await?,
                );
                (
                    Some(format!("{} · {}", line.plan, line.standing)),
                    Some(format!("/admin/billing/{}", w.id)),
                )
            } else {
                (None, None)
            };
            let role = if w.kind == "personal" {
                tr.t("admin-person-personal")
            } else {
                tr.t(&format!("workspace-role-{}", w.role().as_str()))
            };
            workspaces.push(WorkspaceView {
                name: w.name,
                role,
                plan,
                link,
            });
        }
        let restrictions = state
            .store
            .restrictions(person.id)
            .await?
            .into_iter()
            .filter_map(|r| {
                let kind = r.restriction()?;
                Some(RestrictionView {
                    kind: kind.as_str(),
                    what: restriction_name(tr, kind),
                    until: match r.until {
                        Some(at) => tr.ts("admin-restricted-until", "date", &tr.datetime(at, zone)),
                        None => tr.t("admin-restricted-until-lifted"),
                    },
                    reason: r.reason,
                })
            })
            .collect();
        let logins = state
            .store
            .logins(person.id)
            .await?
            .into_iter()
            .map(|l| LoginView {
                device: crate::pages::account::browser_name(&l.user_agent),
                ip: l.ip,
                started: tr.datetime(l.created_at, zone),
                last_seen: tr.datetime(l.last_seen_at, zone),
            })
            .collect();
        let entries = state
            .store
            .audit_log(&store::AuditFilter {
                subject: Some(person.id.0),
                limit: 100,
                ..store::AuditFilter::default()
            })
            .await?;
        let actions = entry_views(state, tr, zone, entries).await?;
        let reports = state
            .store
            .reports_about(person.id, 50)
            .await?
            .into_iter()
            .filter_map(|r| {
                let target = r.target()?;
                Some(ReportAbout {
                    id: r.id,
                    kind: super::reports::kind_name(tr, target),
                    link: super::reports::target_link(target),
                    title: r.title.clone().unwrap_or_else(|| tr.t("report-gone")),
                    category: tr.t(&format!("report-category-{}", r.category)),
                    when: tr.datetime(r.created_at, zone),
                    open: r.is_open(),
                    outcome: super::reports::outcome(tr, zone, &r),
                })
            })
            .collect();
        Ok(Self {
            c: Chrome::new(viewer, "/admin/people"),
            id: person.id,
            name: person.full_name(),
            you: person.id == admin.id,
            is_admin: person.is_admin,
            confirmed: person.is_confirmed(),
            blocked: person.blocked_at.map(|at| tr.datetime(at, zone)),
            created: tr.datetime(person.created_at, zone),
            last_active: facts
                .last_active_at
                .map_or_else(|| tr.t("admin-person-never"), |at| tr.datetime(at, zone)),
            language: tr.t(&format!("language-{}", person.locale().code())),
            email: person.email,
            facts,
            workspaces,
            restrictions,
            logins,
            actions,
            reports,
            kinds: Restriction::ALL
                .into_iter()
                .map(|k| (k.as_str(), restriction_name(tr, k)))
                .collect(),
            max_days: moderation::MAX_DAYS,
            f,
        })
    }
}

/// A feature that can be taken, in words.
pub(super) fn restriction_name(tr: &crate::i18n::Tr, kind: Restriction) -> String {
    tr.t(&format!("restriction-{}", kind.as_str().replace('_', "-")))
}

async fn person(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path(id): Path<UserId>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let person = state.store.user(id).await?;
    let mut page = PersonPage::load(&state, &viewer, &admin, person, Forms::default()).await?;
    page.c = page.c.with_notice(q.notice.as_deref());
    Ok(render(&page))
}

/// After an action: back to the page with `notice`, or the page again with the form's errors.
async fn answer(
    state: &AppState,
    viewer: &Viewer,
    admin: &User,
    id: UserId,
    outcome: Result<(), AppError>,
    notice: &str,
    form: impl FnOnce(AppError) -> Forms,
) -> Result<Response, AppError> {
    match outcome {
        Ok(()) => Ok(redirect_notice(&format!("/admin/people/{id}"), notice)),
        Err(e @ (AppError::Internal(_) | AppError::NotFound)) => Err(e),
        Err(e) => {
            let status = e.status();
            let person = state.store.user(id).await?;
            let page = PersonPage::load(state, viewer, admin, person, form(e)).await?;
            Ok(render_status(status, &page))
        }
    }
}

/// The form as it was typed, with `e`'s messages.
fn typed(viewer: &Viewer, e: &AppError, fields: &[(&str, &str)]) -> Form {
    fields
        .iter()
        .fold(Form::default(), |f, (name, value)| f.with(name, value))
        .with_error(e, &viewer.tr)
}

#[derive(Deserialize)]
struct BlockInput {
    #[serde(flatten)]
    why: Why,
    hide_content: Option<String>,
}

async fn block(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path(id): Path<UserId>,
    FormBody(input): FormBody<BlockInput>,
) -> Result<Response, AppError> {
    let person = state.store.user(id).await?;
    let hide = input.hide_content.is_some();
    let outcome = moderation::block(&state, Some(&admin), &person, &input.why, hide)
        .await
        .map(|_| ());
    answer(
        &state,
        &viewer,
        &admin,
        id,
        outcome,
        "account-blocked",
        |e| {
            let hide = if hide { "on" } else { "" };
            Forms {
                block: typed(
                    &viewer,
                    &e,
                    &[
                        ("reason", &input.why.reason),
                        ("message", &input.why.message),
                        ("hide_content", hide),
                    ],
                ),
                ..Forms::default()
            }
        },
    )
    .await
}

async fn unblock(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path(id): Path<UserId>,
    FormBody(why): FormBody<Why>,
) -> Result<Response, AppError> {
    let person = state.store.user(id).await?;
    let outcome = moderation::unblock(&state, Some(&admin), &person, &why)
        .await
        .map(|_| ());
    answer(
        &state,
        &viewer,
        &admin,
        id,
        outcome,
        "account-unblocked",
        |e| Forms {
            block: typed(
                &viewer,
                &e,
                &[("reason", &why.reason), ("message", &why.message)],
            ),
            ..Forms::default()
        },
    )
    .await
}

async fn restrict(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path(id): Path<UserId>,
    FormBody(input): FormBody<RestrictInput>,
) -> Result<Response, AppError> {
    let person = state.store.user(id).await?;
    let outcome = moderation::restrict(&state, &admin, &person, &input).await;
    answer(
        &state,
        &viewer,
        &admin,
        id,
        outcome,
        "account-restricted",
        |e| {
            let mut fields = vec![
                ("days", input.days.as_str()),
                ("reason", input.why.reason.as_str()),
                ("message", input.why.message.as_str()),
            ];
            for kind in input.kinds() {
                fields.push((kind.as_str(), "on"));
            }
            Forms {
                restrict: typed(&viewer, &e, &fields),
                ..Forms::default()
            }
        },
    )
    .await
}

async fn lift(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path((id, kind)): Path<(UserId, String)>,
    FormBody(why): FormBody<Why>,
) -> Result<Response, AppError> {
    let kind = Restriction::parse(&kind).ok_or(AppError::NotFound)?;
    let person = state.store.user(id).await?;
    let outcome = moderation::lift(&state, &admin, &person, kind, &why).await;
    answer(
        &state,
        &viewer,
        &admin,
        id,
        outcome,
        "restriction-lifted",
        |e| Forms {
            lift: typed(
                &viewer,
                &e,
                &[("kind", kind.as_str()), ("reason", &why.reason)],
            ),
            ..Forms::default()
        },
    )
    .await
}

#[derive(Deserialize)]
struct RoleInput {
    /// `admin` or `user`.
    role: String,
    #[serde(flatten)]
    why: Why,
}

async fn role(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path(id): Path<UserId>,
    FormBody(input): FormBody<RoleInput>,
) -> Result<Response, AppError> {
    let is_admin = match input.role.as_str() {
        "admin" => true,
        "user" => false,
        _ => return Err(AppError::BadRequest("role is admin or user".into())),
    };
    let person = state.store.user(id).await?;
    let outcome = moderation::set_admin(&state, Some(&admin), &person, is_admin, &input.why).await;
    let notice = if is_admin {
        "administrator-granted"
    } else {
        "administrator-revoked"
    };
    answer(&state, &viewer, &admin, id, outcome, notice, |e| Forms {
        role: typed(&viewer, &e, &[("reason", &input.why.reason)]),
        ..Forms::default()
    })
    .await
}
