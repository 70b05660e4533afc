//! Plans and billing for people: the public pricing page, which compares the plans the
//! installation offers, and a workspace's billing page: its plan, what it uses of each limit,
//! and its history (neither exists when billing is off).

use super::{Chrome, render};
use crate::auth::{SignedIn, Viewer};
use crate::billing;
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
    Router::new()
        .route("/pricing", get(pricing))
        .route("/billing", get(billing))
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

/// Each feature in words, with whether `limits` include it.
fn features(tr: &Tr, limits: &domain::plan::Limits) -> Vec<(String, bool)> {
    Feature::ALL
        .into_iter()
        .map(|f| {
            let key = format!("pricing-feature-{}", f.as_str().replace('_', "-"));
            (tr.t(&key), limits.has(f))
        })
        .collect()
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
        features: features(tr, &plan.limits),
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

/// One line of a workspace's use: what is counted, how much is used of how much.
struct UsageLine {
    label: String,
    /// "3 of 10", "3, without limit", "7 days kept".
    figure: String,
    /// The meter's value and maximum, when there is a limit.
    meter: Option<(u64, u64)>,
    /// At or past the limit.
    full: bool,
}

/// One entry of the subscription history.
struct HistoryLine {
    when: String,
    text: String,
}

#[derive(Template)]
#[template(path = "billing.html")]
struct BillingPage {
    c: Chrome,
    workspace: String,
    plan: String,
    /// What the workspace's plan stands on: free, granted until …, paid until ….
    status: String,
    usage: Vec<UsageLine>,
    features: Vec<(String, bool)>,
    history: Vec<HistoryLine>,
}

/// A day as people read it, from an instant in ms, in `time_zone`.
fn day_of(tr: &Tr, ms: i64, time_zone: &str) -> String {
    let tz = jiff::tz::TimeZone::get(time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| tr.date(t.to_zoned(tz).date()))
        .unwrap_or_default()
}

fn usage_line(tr: &Tr, standing: &billing::Standing, limit: Limit) -> UsageLine {
    let label = tr.t(&format!("limit-{}", limit.as_str().replace('_', "-")));
    let max = standing.plan.limits.max(limit);
    let show = |n: u64| match limit {
        Limit::StorageMb => storage(tr, n),
        _ => n.to_string(),
    };
    let used = standing.used(limit).unwrap_or(0);
    let (figure, meter, full) = match (limit, max) {
        (Limit::HistoryDays, Some(days)) => {
            (tr.tn("billing-history-kept", "count", days), None, false)
        }
        (Limit::HistoryDays, None) => (tr.t("billing-history-all"), None, false),
        (_, Some(max)) => (
            tr.args(
                "billing-used-of",
                &[("used", show(used).into()), ("max", show(max).into())],
            ),
            Some((used.min(max), max)),
            used >= max,
        ),
        (_, None) => (
            tr.ts("billing-used-unlimited", "used", &show(used)),
            None,
            false,
        ),
    };
    UsageLine {
        label,
        figure,
        meter,
        full,
    }
}

/// The billing page of the workspace the person works in.
async fn billing(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
) -> Result<Response, AppError> {
    let tr = viewer.tr;
    let workspace = state.store.current_workspace(signed.user.id).await?;
    let Some(standing) = billing::standing(&state, workspace.id).await? else {
        return Err(AppError::NotFound);
    };
    let zone = signed.user.time_zone.as_str();
    let status = match &standing.subscription {
        Some(s) if standing.in_force && s.source == "granted" => tr.ts(
            "billing-granted-until",
            "date",
            &day_of(&tr, s.features_until, zone),
        ),
        Some(s) if standing.in_force => tr.ts(
            "billing-paid-until",
            "date",
            &day_of(&tr, s.features_until, zone),
        ),
        _ => tr.t("billing-free"),
    };
    let plan_name = |id: &str| {
        state
            .settings
            .plans
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_owned(), |p| p.name(tr.locale).to_owned())
    };
    let history = state
        .store
        .subscription_events(workspace.id)
        .await?
        .into_iter()
        .map(|e| HistoryLine {
            when: tr.datetime(e.created_at, zone),
            text: tr.args(
                &format!("billing-event-{}", e.kind),
                &[
                    ("plan", plan_name(&e.plan_id).into()),
                    ("date", day_of(&tr, e.features_until, zone).into()),
                    (
                        "by",
                        e.by_name
                            .unwrap_or_else(|| tr.t("billing-by-service"))
                            .into(),
                    ),
                    ("reason", e.reason.into()),
                ],
            ),
        })
        .collect();
    Ok(render(&BillingPage {
        c: Chrome::new(&viewer, "/billing"),
        workspace: workspace.name.clone(),
        plan: standing.plan.name(tr.locale).to_owned(),
        status,
        // A personal workspace has its one member: no team to count.
        usage: Limit::ALL
            .into_iter()
            .filter(|l| workspace.is_team() || *l != Limit::TeamMembers)
            .map(|l| usage_line(&tr, &standing, l))
            .collect(),
        features: features(&tr, &standing.plan.limits),
        history,
    }))
}
