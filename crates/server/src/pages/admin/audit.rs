//! `/admin/audit`: the audit log, newest first, filtered by action, by the administrator who
//! acted and by what it was done to, a page of entries at a time. Read-only: the log is
//! append-only in the schema, and no page writes to it but the actions themselves.

use crate::auth::{Admin, Viewer};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{Chrome, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use domain::moderation::{AuditAction, Restriction};
use domain::{Email, UserId};
use serde::Deserialize;
use std::collections::HashMap;

/// Entries on one page.
const PAGE: i64 = 50;

pub fn router() -> Router<AppState> {
    Router::new().route("/admin/audit", get(log))
}

/// An entry as the pages show it.
pub(super) struct EntryView {
    pub when: String,
    /// The administrator, "the command line" or "a deleted account".
    pub actor: String,
    pub actor_link: Option<String>,
    pub action: String,
    /// What it was done to, in words, and its console page when it has one.
    pub subject: String,
    pub subject_link: Option<String>,
    pub reason: String,
    /// The entry's details in words ("public items withheld: 2").
    pub details: Vec<String>,
}

/// A person named in the console: their name and address and their page while the account
/// exists, otherwise "a deleted account" and its id. `known` keeps the lookups of one page.
pub(super) async fn person(
    state: &AppState,
    tr: &Tr,
    known: &mut HashMap<UserId, Option<String>>,
    id: UserId,
) -> Result<(String, Option<String>), AppError> {
    if let std::collections::hash_map::Entry::Vacant(slot) = known.entry(id) {
        let name = match state.store.user(id).await {
            Ok(u) => Some(format!("{} <{}>", u.full_name(), u.email)),
            Err(store::StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        };
        slot.insert(name);
    }
    Ok(match known.get(&id).cloned().flatten() {
        Some(name) => (name, Some(format!("/admin/people/{id}"))),
        None => (tr.ts("audit-deleted-account", "id", &id.to_string()), None),
    })
}

/// The details of an entry in words: the keys the actions write, each read as it was written.
fn details(tr: &Tr, zone: &str, json: &str) -> Vec<String> {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(json) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in &map {
        let line = match (key.as_str(), value) {
            ("hide_content", serde_json::Value::Bool(true)) => tr.t("audit-detail-hide-content"),
            ("approved", serde_json::Value::Bool(true)) => tr.t("audit-detail-approved"),
            ("approved", serde_json::Value::Bool(false)) => tr.t("audit-detail-rejected"),
            (
                "withheld"
                | "shown_again"
                | "credentials_ended"
                | "reports"
                | "invitations_withdrawn",
                serde_json::Value::Number(n),
            ) => match n.as_i64() {
                Some(0) | None => continue,
                Some(n) => tr.tn(
                    &format!("audit-detail-{}", key.replace('_', "-")),
                    "count",
                    n,
                ),
            },
            ("kinds", serde_json::Value::Array(kinds)) => {
                let names: Vec<String> = kinds
                    .iter()
                    .filter_map(|k| k.as_str().and_then(Restriction::parse))
                    .map(|k| super::people::restriction_name(tr, k))
                    .collect();
                tr.ts("audit-detail-kinds", "what", &names.join(", "))
            }
            ("kind", serde_json::Value::String(k)) => match Restriction::parse(k) {
                Some(k) => tr.ts(
                    "audit-detail-kinds",
                    "what",
                    &super::people::restriction_name(tr, k),
                ),
                None => continue,
            },
            ("until", serde_json::Value::Number(n)) => match n.as_i64() {
                Some(at) => tr.ts("admin-restricted-until", "date", &tr.datetime(at, zone)),
                None => continue,
            },
            ("until", serde_json::Value::Null) => tr.t("admin-restricted-until-lifted"),
            _ => continue,
        };
        out.push(line);
    }
    out
}

/// The entries as the pages show them, naming the people they concern.
pub(super) async fn entry_views(
    state: &AppState,
    tr: &Tr,
    zone: &str,
    entries: Vec<store::AuditEntry>,
) -> Result<Vec<EntryView>, AppError> {
    let mut known = HashMap::new();
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let (actor, actor_link) = match e.actor_id {
            Some(id) => person(state, tr, &mut known, id).await?,
            None => (tr.t("audit-command-line"), None),
        };
        let (subject, subject_link) = match (e.subject_kind.as_str(), e.subject_id) {
            ("user", Some(id)) => person(state, tr, &mut known, UserId(id)).await?,
            (kind, Some(id)) => (
                tr.ts(&format!("audit-subject-{kind}"), "id", &id.to_string()),
                None,
            ),
            (_, None) => (String::new(), None),
        };
        out.push(EntryView {
            when: tr.datetime(e.at, zone),
            actor,
            actor_link,
            action: match AuditAction::parse(&e.action) {
                Some(a) => tr.t(&format!("audit-action-{}", a.as_str().replace('_', "-"))),
                None => e.action.clone(),
            },
            subject,
            subject_link,
            details: details(tr, zone, &e.details),
            reason: e.reason,
        });
    }
    Ok(out)
}

#[derive(Deserialize, Default)]
struct Filter {
    #[serde(default)]
    action: String,
    /// The administrator's address.
    #[serde(default)]
    by: String,
    /// What it was done to (an id).
    #[serde(default)]
    subject: String,
    before: Option<i64>,
}

#[derive(Template)]
#[template(path = "admin_audit.html")]
struct AuditPage {
    c: Chrome,
    action: String,
    by: String,
    subject: String,
    /// Every action, by stored name and in words.
    actions: Vec<(&'static str, String)>,
    entries: Vec<EntryView>,
    /// The link to older entries, when there are more.
    older: Option<String>,
    /// Why nothing matches: an unknown administrator or id.
    problem: Option<String>,
}

async fn log(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Query(f): Query<Filter>,
) -> Result<Response, AppError> {
    let tr = &viewer.tr;
    let mut problem = None;
    let actor = match f.by.trim() {
        "" => None,
        by => match Email::parse(by) {
            Ok(email) => match state.store.user_by_email(&email).await? {
                Some(u) => Some(u.id),
                None => {
                    problem = Some(tr.t("audit-unknown-actor"));
                    None
                }
            },
            Err(_) => {
                problem = Some(tr.t("audit-unknown-actor"));
                None
            }
        },
    };
    let subject = match f.subject.trim() {
        "" => None,
        s => match uuid::Uuid::parse_str(s) {
            Ok(id) => Some(id),
            Err(_) => {
                problem = Some(tr.t("audit-bad-subject"));
                None
            }
        },
    };
    let action = AuditAction::parse(&f.action);
    let entries = if problem.is_some() {
        Vec::new()
    } else {
        state
            .store
            .audit_log(&store::AuditFilter {
                action,
                actor,
                subject,
                before: f.before,
                limit: PAGE + 1,
            })
            .await?
    };
    let older = (entries.len() > PAGE as usize).then(|| {
        let last = entries[PAGE as usize - 1].num;
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        q.append_pair("action", &f.action)
            .append_pair("by", &f.by)
            .append_pair("subject", &f.subject)
            .append_pair("before", &last.to_string());
        format!("/admin/audit?{}", q.finish())
    });
    let entries: Vec<_> = entries.into_iter().take(PAGE as usize).collect();
    Ok(render(&AuditPage {
        c: Chrome::new(&viewer, "/admin/audit"),
        entries: entry_views(&state, tr, &admin.time_zone, entries).await?,
        actions: AuditAction::ALL
            .into_iter()
            .map(|a| {
                (
                    a.as_str(),
                    tr.t(&format!("audit-action-{}", a.as_str().replace('_', "-"))),
                )
            })
            .collect(),
        action: action.map(|a| a.as_str().to_owned()).unwrap_or_default(),
        by: f.by,
        subject: f.subject,
        older,
        problem,
    }))
}
