//! Plans and billing for people: the public pricing page, which compares the plans the
//! installation offers (none when billing is off).

use super::{Chrome, render};
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use domain::plan::{Currency, Feature, Limit, Period, Plan};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/pricing", get(pricing))
}

/// One plan as the pricing page shows it.
struct PlanCard {
    name: String,
    /// "990 ₽ a month", or "Free".
    monthly: String,
    /// "or 9,900 ₽ a year", when the plan has a price.
    annual: Option<String>,
    /// What it holds, a line per limit.
    limits: Vec<String>,
    /// Each feature with whether the plan has it.
    features: Vec<(String, bool)>,
}

#[derive(Template)]
#[template(path = "pricing.html")]
struct PricingPage {
    c: Chrome,
    plans: Vec<PlanCard>,
    /// The currencies the prices come in, with the one shown, when there are several.
    currencies: Vec<(String, bool)>,
    signed_in: bool,
}

#[derive(Debug, Deserialize)]
struct PricingQuery {
    currency: Option<String>,
}

/// A size in megabytes as people read it: "200 MB", "5 GB".
fn storage(tr: &Tr, mb: u64) -> String {
    if mb >= 1024 && mb.is_multiple_of(1024) {
        tr.tn("size-gb", "count", mb / 1024)
    } else {
        tr.tn("size-mb", "count", mb)
    }
}

/// A plan's line for `limit`: "10 active sessions", or "Unlimited active sessions".
fn limit_line(tr: &Tr, limit: Limit, max: Option<u64>) -> String {
    let key = format!("pricing-{}", limit.as_str().replace('_', "-"));
    match (limit, max) {
        (_, None) => tr.t(&format!("{key}-unlimited")),
        (Limit::StorageMb, Some(mb)) => tr.ts(&key, "size", &storage(tr, mb)),
        (_, Some(n)) => tr.tn(&key, "count", n),
    }
}

fn card(tr: &Tr, plan: &Plan, currency: &Currency) -> PlanCard {
    let price = plan.price(currency).filter(|_| !plan.is_free());
    let (monthly, annual) = match price {
        Some(p) => (
            tr.ts(
                "pricing-per-month",
                "price",
                &p.for_period(Period::Month).display(tr.locale),
            ),
            Some(tr.ts(
                "pricing-per-year",
                "price",
                &p.for_period(Period::Year).display(tr.locale),
            )),
        ),
        None => (tr.t("pricing-free"), None),
    };
    PlanCard {
        name: plan.name(tr.locale).to_owned(),
        monthly,
        annual,
        limits: Limit::ALL
            .into_iter()
            .map(|l| limit_line(tr, l, plan.limits.max(l)))
            .collect(),
        features: Feature::ALL
            .into_iter()
            .map(|f| {
                let key = format!("pricing-feature-{}", f.as_str().replace('_', "-"));
                (tr.t(&key), plan.limits.has(f))
            })
            .collect(),
    }
}

/// The plans side by side (one under another on a phone), in the currency asked for or the
/// first one priced. A plan not priced in that currency is left out, unless it is free.
async fn pricing(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<PricingQuery>,
) -> Result<Response, AppError> {
    if !state.settings.billing {
        return Err(AppError::NotFound);
    }
    let plans = &state.settings.plans;
    let mut all: Vec<&Currency> = Vec::new();
    for p in plans.iter().flat_map(|p| &p.prices) {
        if !all.contains(&&p.currency) {
            all.push(&p.currency);
        }
    }
    let currency = q
        .currency
        .and_then(|c| all.iter().find(|a| a.code() == c).copied())
        .or_else(|| all.first().copied())
        .cloned()
        .unwrap_or_else(Currency::rub);
    let tr = viewer.tr;
    Ok(render(&PricingPage {
        c: Chrome::new(&viewer, "/pricing"),
        plans: plans
            .iter()
            .filter(|p| p.is_free() || p.price(&currency).is_some())
            .map(|p| card(&tr, p, &currency))
            .collect(),
        currencies: if all.len() > 1 {
            all.iter()
                .map(|c| (c.code().to_owned(), **c == currency))
                .collect()
        } else {
            Vec::new()
        },
        signed_in: viewer.user.is_some(),
    }))
}
