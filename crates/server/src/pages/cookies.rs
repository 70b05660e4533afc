//! Cookie settings (`/cookies`): the four categories with every cookie and stored item and
//! how long it lasts, the choice on record, and the same three answers as the banner. The
//! banner's buttons post here too; the footer of every page links here.

use super::{Chrome, render};
use crate::auth::Viewer;
use crate::consent::{self, Shown, USED, lifetime};
use crate::error::AppError;
use crate::forms::safe_next;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use axum_extra::extract::CookieJar;
use domain::consent::{Allowed, Category};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/cookies", get(settings).post(choose))
}

/// One cookie or stored item as the page lists it.
pub struct ItemView {
    pub name: String,
    pub kind: &'static str,
    pub purpose: String,
    pub lifetime: String,
}

/// One category with its box and its items.
pub struct CategoryView {
    pub key: &'static str,
    pub name: String,
    pub text: String,
    pub checked: bool,
    /// Strictly necessary (always on) or refused by Global Privacy Control.
    pub locked: bool,
    pub items: Vec<ItemView>,
    /// What the page says when the category has no item of its own.
    pub none: Option<String>,
}

/// A logged choice as the page lists it.
pub struct LoggedView {
    pub when: String,
    pub allowed: String,
}

#[derive(Template)]
#[template(path = "cookies.html")]
struct CookiesPage {
    c: Chrome,
    next: String,
    categories: Vec<CategoryView>,
    /// The choice on record, in words (`None` before a choice).
    current: Option<String>,
    gpc: bool,
    log: Vec<LoggedView>,
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
    notice: Option<String>,
}

/// The allowed categories in words ("functional, analytics", or "strictly necessary only").
fn in_words(tr: crate::i18n::Tr, allowed: Allowed) -> String {
    let mut words: Vec<String> = Category::ALL
        .iter()
        .filter(|c| allowed.allows(**c))
        .map(|c| tr.t(&format!("consent-word-{}", c.as_str())))
        .collect();
    if words.len() == 1 {
        return tr.t("consent-only-necessary");
    }
    let last = words.pop().unwrap_or_default();
    tr.args(
        "consent-allowed",
        &[
            ("categories", words.join(", ").into()),
            ("last", last.into()),
        ],
    )
}

async fn settings(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    let tr = viewer.tr;
    let allowed = viewer.consent.allowed();
    let login_name = crate::auth::login_cookie_name(state.settings.is_https());
    let login_days = state.settings.login_absolute_hours.div_ceil(24);
    let categories = Category::ALL
        .into_iter()
        .map(|category| {
            let key = category.as_str();
            let items: Vec<ItemView> = USED
                .iter()
                .filter(|u| u.category == category)
                .map(|u| ItemView {
                    name: u.name.unwrap_or(login_name).to_owned(),
                    kind: u.kind,
                    purpose: tr.t(u.purpose),
                    lifetime: lifetime(tr, u.lifetime, login_days),
                })
                .collect();
            let refused_by_gpc = viewer.consent.gpc
                && matches!(category, Category::Analytics | Category::Advertising);
            CategoryView {
                key,
                name: tr.t(&format!("consent-{key}")),
                text: tr.t(&format!("consent-{key}-text")),
                checked: allowed.allows(category) && viewer.consent.choice.is_some()
                    || category == Category::Necessary,
                locked: category == Category::Necessary || refused_by_gpc,
                none: items
                    .is_empty()
                    .then(|| tr.t(&format!("consent-{key}-none"))),
                items,
            }
        })
        .collect();
    let log = match &viewer.user {
        Some(user) => state
            .store
            .consents_of(user.id, 10)
            .await?
            .into_iter()
            .map(|row| LoggedView {
                when: tr.datetime(row.created_at, &user.time_zone),
                allowed: in_words(tr, row.allowed),
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(render(&CookiesPage {
        c: Chrome::new(&viewer, "/cookies").with_notice(q.notice.as_deref()),
        next: safe_next(q.next.as_deref()),
        categories,
        current: viewer.consent.choice.map(|_| in_words(tr, allowed)),
        gpc: viewer.consent.gpc,
        log,
    }))
}

#[derive(Deserialize)]
struct ChoiceForm {
    /// `all`, `none`, or `chosen` (the boxes below).
    choice: String,
    functional: Option<String>,
    analytics: Option<String>,
    advertising: Option<String>,
    next: Option<String>,
    /// `banner` when answered from the banner; the settings page otherwise.
    shown: Option<String>,
}

/// Records a choice from the banner or the settings page and goes back where the person was.
async fn choose(
    State(state): State<AppState>,
    viewer: Viewer,
    jar: CookieJar,
    Form(form): Form<ChoiceForm>,
) -> Result<Response, AppError> {
    let asked = match form.choice.as_str() {
        "all" => Allowed::ALL,
        "none" => Allowed::NONE,
        "chosen" => Allowed {
            functional: form.functional.is_some(),
            analytics: form.analytics.is_some(),
            advertising: form.advertising.is_some(),
        },
        _ => {
            return Err(AppError::Validation(vec![(
                "choice",
                domain::FieldError::Required,
            )]));
        }
    };
    let who = consent::Asked {
        revision: state.legal.consent_revision().await?,
        user: viewer.user.as_ref().map(|u| u.id),
        seen: viewer.consent,
        tr: viewer.tr,
        shown: match form.shown.as_deref() {
            Some("banner") => Shown::Banner,
            _ => Shown::Settings,
        },
        ip: &viewer.client.ip,
        login_cookie: crate::auth::login_cookie_name(state.settings.is_https()),
    };
    let jar = consent::give(&state.settings, &state.store, who, jar, asked).await?;
    let next = safe_next(form.next.as_deref());
    let sep = if next.contains('?') { '&' } else { '?' };
    Ok((
        jar,
        axum::response::Redirect::to(&format!("{next}{sep}notice=cookies-saved")),
    )
        .into_response())
}
