//! Server-rendered HTML pages (askama, auto-escaped). Each module offers a `router()`;
//! handlers parse the form, call the account use cases and render.

pub mod account;
mod admin;
mod auth;
mod billing;
mod categories;
mod cookies;
mod copyright;
mod data;
mod files;
mod legal;
mod library;
mod notifications;
mod people;
mod reports;
mod sandbox;
mod sessions;
mod site;
mod unsubscribe;
mod workspaces;

use crate::auth::Viewer;
use crate::error::{AppError, ErrorMarker};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use std::collections::HashMap;
use store::User;

pub use account::{avatar_url, browser_name};

pub fn router(settings: &crate::config::Settings) -> Router<AppState> {
    Router::new()
        .merge(site::router())
        .merge(cookies::router())
        .merge(legal::router())
        .merge(data::router())
        .merge(unsubscribe::router())
        .merge(billing::router())
        .merge(sandbox::router())
        .merge(auth::router())
        .merge(account::router())
        .merge(admin::router())
        .merge(sessions::router())
        .merge(categories::router())
        .merge(files::router(settings))
        .merge(library::router())
        .merge(reports::router())
        .merge(copyright::router())
        .merge(notifications::router())
        .merge(workspaces::router())
}

/// What the layout needs: language, account, current path and a one-off notice.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub tr: Tr,
    pub user: Option<User>,
    pub path: String,
    pub notice: Option<String>,
    /// Whether the footer links the plans.
    pub billing: bool,
    /// Payments go to the sandbox: every page says "test mode".
    pub test_payments: bool,
    /// The cookie choice on record: the banner asks until there is one.
    pub consent: crate::consent::Seen,
    /// The address of this page as asked for, where the cookie banner's answer returns to.
    pub here: String,
    /// New versions of the legal documents to tell a signed-in person of.
    pub legal: Vec<crate::legal::Notice>,
}

impl Chrome {
    pub fn new(viewer: &Viewer, path: &str) -> Self {
        Self {
            tr: viewer.tr,
            user: viewer.user.clone(),
            path: path.to_owned(),
            notice: None,
            billing: viewer.billing,
            test_payments: viewer.test_payments,
            consent: viewer.consent,
            here: viewer.here.clone(),
            legal: viewer.legal.clone(),
        }
    }

    /// Whether the cookie banner shows: until a choice, except on the settings page itself.
    pub fn cookie_banner(&self) -> bool {
        self.consent.asking() && self.path != "/cookies"
    }

    /// The allowed optional categories, for `<html data-consent>` (scripts read it).
    pub fn consent_names(&self) -> String {
        self.consent.allowed().names()
    }

    /// Shows the notice named by a `?notice=` code, if it is one we know.
    pub fn with_notice(mut self, code: Option<&str>) -> Self {
        const KNOWN: &[&str] = &[
            "confirmation-sent",
            "email-confirmed",
            "password-changed",
            "password-reset",
            "profile-saved",
            "avatar-saved",
            "avatar-removed",
            "email-change-sent",
            "email-changed",
            "login-revoked",
            "token-revoked",
            "signed-out-everywhere",
            "account-deleted",
            "account-deleted-by-admin",
            "session-duplicated",
            "session-archived",
            "session-unarchived",
            "session-trashed",
            "session-restored",
            "session-imported",
            "category-added",
            "category-removed",
            "method-saved",
            "method-saved-from-block",
            "method-deleted",
            "method-copied",
            "method-inserted",
            "publication-requested",
            "publication-withdrawn",
            "publication-approved",
            "publication-rejected",
            "design-saved",
            "design-deleted",
            "notifications-read",
            "share-invited",
            "share-role-changed",
            "share-removed",
            "share-owner-changed",
            "share-left",
            "invitation-revoked",
            "invitation-accepted",
            "invitation-declined",
            "link-revoked",
            "comment-added",
            "email-notifications-saved",
            "comment-edited",
            "comment-deleted",
            "comment-resolved",
            "comment-reopened",
            "version-saved",
            "version-restored",
            "version-restored-partly",
            "workspace-created",
            "workspace-switched",
            "workspace-renamed",
            "workspace-left",
            "files-uploaded",
            "file-deleted",
            "payment-received",
            "plan-switched",
            "renewal-canceled",
            "renewal-resumed",
            "active-chosen",
            "invoice-marked-paid",
            "plan-granted",
            "payment-refunded",
            "cookies-saved",
            "messages-saved",
            "newsletter-sent",
            "legal-draft-saved",
            "legal-draft-deleted",
            "legal-published",
            "account-blocked",
            "account-unblocked",
            "account-restricted",
            "restriction-lifted",
            "administrator-granted",
            "administrator-revoked",
            "content-removed",
            "content-restored",
            "report-dismissed",
            "removal-upheld",
            "counter-decided",
        ];
        if let Some(code) = code.filter(|c| KNOWN.contains(c)) {
            self.notice = Some(self.tr.t(&format!("notice-{code}")));
        }
        self
    }
}

/// The `?notice=` of a page reached by redirect after an action.
#[derive(Debug, serde::Deserialize)]
pub struct NoticeQuery {
    pub notice: Option<String>,
}

/// Form values and errors for re-rendering a form as it was typed.
#[derive(Debug, Clone, Default)]
pub struct Form {
    values: HashMap<String, String>,
    errors: HashMap<String, String>,
    pub alert: Option<String>,
}

impl Form {
    pub fn with(mut self, name: &str, value: &str) -> Self {
        self.values.insert(name.to_owned(), value.to_owned());
        self
    }

    pub fn value(&self, name: &str) -> &str {
        self.values.get(name).map(String::as_str).unwrap_or("")
    }

    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }

    /// Puts `message` on field `name`, with the form's alert saying there are errors.
    pub fn with_field_error(mut self, name: &str, message: String, tr: &Tr) -> Self {
        self.errors.insert(name.to_owned(), message);
        self.alert = Some(tr.t("form-has-errors"));
        self
    }

    /// Puts an error's messages on its fields, or in the alert when it concerns no field.
    pub fn with_error(mut self, error: &AppError, tr: &Tr) -> Self {
        let fields = error.fields(tr);
        if fields.is_empty() {
            self.alert = Some(error.message(tr));
        } else {
            for (field, _, message) in fields {
                self.errors.entry(field.to_owned()).or_insert(message);
            }
            self.alert = Some(tr.t("form-has-errors"));
        }
        self
    }
}

/// Renders a template as an HTML response with `status`.
pub fn render_status(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => AppError::Internal(e.into()).into_response(),
    }
}

/// Re-renders a form after `error`, with the error's status (and `Retry-After` when throttled).
pub fn render_form_error(error: &AppError, template: &impl Template) -> Response {
    let mut res = render_status(error.status(), template);
    if let AppError::Throttled { retry_after_secs } = error
        && let Ok(v) = axum::http::HeaderValue::from_str(&retry_after_secs.to_string())
    {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

pub fn render(template: &impl Template) -> Response {
    render_status(StatusCode::OK, template)
}

/// Marks a page no browser or proxy keeps a copy of (an export's, a copy of one's data).
pub fn private(mut res: Response) -> Response {
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("private, no-store"),
    );
    res
}

/// A 303 redirect to `path` with a notice code.
pub fn redirect_notice(path: &str, notice: &str) -> Response {
    let sep = if path.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{path}{sep}notice={notice}")).into_response()
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    c: Chrome,
    heading: String,
    message: String,
    /// Where to go from here beside the home page (the billing page past a plan's limit).
    next: Option<(&'static str, String)>,
}

/// Writes the body of every error response: JSON under `/api/`, an HTML page elsewhere (or a
/// redirect to sign-in for pages that need an account), in the reader's language.
pub async fn render_errors(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let query = req.uri().query().map(str::to_owned);
    let res = next.run(req).await;
    let Some(ErrorMarker(error)) = res.extensions().get::<ErrorMarker>().cloned() else {
        if path.starts_with("/api/") && res.status().is_client_error() && is_plain_text(&res) {
            return api_rejection(res).await;
        }
        return res;
    };
    let tr = res
        .extensions()
        .get::<Tr>()
        .copied()
        .unwrap_or(Tr::new(domain::Locale::En));
    let viewer = res.extensions().get::<Viewer>().cloned();
    let status = res.status();
    let mut headers = res.headers().clone();
    headers.remove(header::CONTENT_LENGTH);
    headers.remove(header::CONTENT_TYPE);

    let mut out = if path.starts_with("/api/") {
        let fields: serde_json::Map<String, serde_json::Value> = error
            .fields(&tr)
            .into_iter()
            .map(|(f, code, message)| {
                (
                    f.to_owned(),
                    serde_json::json!({ "code": code, "message": message }),
                )
            })
            .collect();
        let mut body = serde_json::json!({ "code": error.code(), "message": error.message(&tr) });
        if !fields.is_empty() {
            body["fields"] = serde_json::Value::Object(fields);
        }
        if let AppError::PlanLimit(over) = &*error {
            body["limit"] = over.limit.as_str().into();
            body["used"] = over.used.into();
            body["max"] = over.max.into();
            body["upgrade"] = "/billing".into();
        }
        if let AppError::PlanFeature(feature) = &*error {
            body["feature"] = feature.as_str().into();
            body["upgrade"] = "/billing".into();
        }
        (status, axum::Json(serde_json::json!({ "error": body }))).into_response()
    } else if matches!(*error, AppError::Unauthenticated) {
        let next = match query {
            Some(q) => format!("{path}?{q}"),
            None => path.clone(),
        };
        let encoded =
            percent_encoding::utf8_percent_encode(&next, percent_encoding::NON_ALPHANUMERIC);
        return Redirect::to(&format!("/signin?next={encoded}")).into_response();
    } else {
        let chrome = Chrome {
            tr,
            billing: viewer.as_ref().is_some_and(|v| v.billing),
            test_payments: viewer.as_ref().is_some_and(|v| v.test_payments),
            consent: viewer.as_ref().map(|v| v.consent).unwrap_or_default(),
            here: match &query {
                Some(q) => format!("{path}?{q}"),
                None => path.clone(),
            },
            user: viewer.and_then(|v| v.user),
            path: path.clone(),
            notice: None,
            // An error page tells of nothing else.
            legal: Vec::new(),
        };
        let heading = if matches!(*error, AppError::PlanFeature(_)) {
            tr.t("error-title-plan-feature")
        } else {
            tr.t(&format!("error-title-{}", status.as_u16()))
        };
        let heading = if heading.starts_with("error-title") {
            tr.t("error-title-other")
        } else {
            heading
        };
        render_status(
            status,
            &ErrorPage {
                next: matches!(*error, AppError::PlanLimit(_) | AppError::PlanFeature(_))
                    .then(|| ("/billing", tr.t("error-plan-limit-upgrade"))),
                c: chrome,
                heading,
                message: error.message(&tr),
            },
        )
    };
    for (name, value) in headers.iter() {
        if name != header::CONTENT_TYPE {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}

fn is_plain_text(res: &Response) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"))
}

/// Gives axum's own rejections under `/api/` (unreadable JSON, a body too large, a wrong
/// content type, a wrong method) the API's error shape, keeping their explanation.
async fn api_rejection(res: Response) -> Response {
    let status = res.status();
    let code = match status.as_u16() {
        405 => "method_not_allowed",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        _ => "bad_request",
    };
    let bytes = axum::body::to_bytes(res.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    let message = String::from_utf8_lossy(&bytes).into_owned();
    let body = serde_json::json!({ "error": { "code": code, "message": message } });
    (status, axum::Json(body)).into_response()
}
