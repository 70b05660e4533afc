//! Plans and billing for people: the public pricing page, which compares the plans the
//! installation offers; a workspace's billing page: its plan, the next charge and the card,
//! what it uses of each limit, its payments and history; the checkout, the way back from the
//! provider, stopping and resuming renewal, and the providers' notifications (none of it
//! exists when billing is off).

use super::{Chrome, Form, NoticeQuery, render, render_status};
use crate::auth::{SignedIn, Viewer};
use crate::billing::{self, Settled};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::payments::Notification;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form as FormBody, Router};
use domain::PaymentId;
use domain::permission::WorkspaceRole;
use domain::plan::{Currency, Feature, Limit, Money, Period, Plan};
use serde::Deserialize;

mod active;
mod invoice;
mod receipt;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pricing", get(pricing))
        .route("/billing", get(billing))
        .route("/billing/checkout", get(checkout_page).post(checkout))
        .route("/billing/return/{id}", get(payment_return))
        .route("/billing/sessions", get(active::show).post(active::choose))
        .route("/billing/invoice", get(invoice::form).post(invoice::issue))
        .route("/billing/invoices/{id}", get(invoice::show))
        .route("/billing/invoices/{id}/{document}", get(invoice::document))
        .route("/billing/payments/{id}/receipt.pdf", get(receipt::pdf))
        .route("/billing/cancel", post(cancel))
        .route("/billing/resume", post(resume))
        .route("/billing/webhook/{provider}", post(webhook))
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
    /// Where to pay for it monthly and annually, for a signed-in person and a paid plan.
    checkout: Option<(String, String)>,
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
    let link = |period: Period| {
        format!(
            "/billing/checkout?plan={}&period={}&currency={}",
            plan.id,
            period.as_str(),
            currency.code()
        )
    };
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
        checkout: price.map(|_| (link(Period::Month), link(Period::Year))),
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
            .map(|mut p| {
                if viewer.user.is_none() {
                    p.checkout = None;
                }
                p
            })
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

/// Where a payment stands, in words, and whether it was paid.
pub(crate) fn payment_status(tr: &Tr, p: &store::PaymentRow) -> (String, bool) {
    match p.status.as_str() {
        "succeeded" if p.refunded > 0 => (
            tr.ts(
                "billing-payment-part-refunded",
                "amount",
                &billing::money(p.refunded, &p.currency).display(tr.locale),
            ),
            true,
        ),
        "succeeded" => (tr.t("billing-payment-paid"), true),
        "refunded" => (tr.t("billing-payment-refunded"), true),
        "pending" => (tr.t("billing-payment-retrying"), false),
        _ => (
            tr.ts(
                "billing-payment-failed",
                "reason",
                &billing::reason_words(tr, p.failure.as_deref().unwrap_or("")),
            ),
            false,
        ),
    }
}

/// One entry of the subscription history.
pub(crate) struct HistoryLine {
    pub(crate) when: String,
    pub(crate) text: String,
}

/// A plan's name in `tr`'s language, or its id when it is no longer configured.
pub(crate) fn plan_name(state: &AppState, tr: &Tr, id: &str) -> String {
    state
        .settings
        .plans
        .iter()
        .find(|p| p.id == id)
        .map_or_else(|| id.to_owned(), |p| p.name(tr.locale).to_owned())
}

/// `workspace`'s subscription history, newest first, with who did what and why.
pub(crate) async fn history(
    state: &AppState,
    tr: &Tr,
    zone: &str,
    workspace: domain::WorkspaceId,
) -> Result<Vec<HistoryLine>, AppError> {
    Ok(state
        .store
        .subscription_events(workspace)
        .await?
        .into_iter()
        .map(|e| HistoryLine {
            when: tr.datetime(e.created_at, zone),
            text: tr.args(
                &format!("billing-event-{}", e.kind.replace('_', "-")),
                &[
                    ("plan", plan_name(state, tr, &e.plan_id).into()),
                    ("date", day_of(tr, e.features_until, zone).into()),
                    (
                        "by",
                        e.by_name
                            .unwrap_or_else(|| tr.t("billing-by-service"))
                            .into(),
                    ),
                    // A failed renewal's reason is the provider's code: said in words.
                    (
                        "reason",
                        if e.kind == "renewal_failed" {
                            billing::reason_words(tr, &e.reason)
                        } else {
                            e.reason
                        }
                        .into(),
                    ),
                ],
            ),
        })
        .collect())
}

/// A payment as the history lists it.
struct PaymentLine {
    /// Its receipt's link, once it was paid (for those who may pay).
    receipt: Option<String>,
    when: String,
    what: String,
    amount: String,
    /// "Paid", "Declined: …", "Retrying".
    status: String,
    ok: bool,
}

#[derive(Template)]
#[template(path = "billing.html")]
struct BillingPage {
    c: Chrome,
    workspace: String,
    plan: String,
    /// What the workspace's plan stands on: free, granted until …, paid until ….
    status: String,
    /// "Next charge: 990 ₽ on 6 January 2027", or that the plan ends then.
    renewal: Option<String>,
    /// Whether renewals can be stopped (true) or resumed (false) now, by this person.
    renew_action: Option<bool>,
    /// "Visa •••• 4242".
    card: Option<String>,
    /// Whether this person may pay for the workspace.
    may_pay: bool,
    /// The paid plans with a link each to pay for them monthly and annually (none for the
    /// plan and period paid for now).
    choices: Vec<(String, Option<String>, Option<String>)>,
    payments: Vec<PaymentLine>,
    /// Sessions held read-only past the plan's active sessions.
    held: u64,
    /// Whether this person may ask for an invoice to pay by bank transfer.
    transfer: bool,
    /// The workspace's invoices: id, "Invoice No. 3 of …", where it stands.
    invoices: Vec<(domain::InvoiceId, String, String)>,
    usage: Vec<UsageLine>,
    features: Vec<(String, bool)>,
    history: Vec<HistoryLine>,
}

/// A day as people read it, from an instant in ms, in `time_zone`.
pub(crate) fn day_of(tr: &Tr, ms: i64, time_zone: &str) -> String {
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
    Query(q): Query<NoticeQuery>,
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
    let plan_name = |id: &str| plan_name(&state, &tr, id);
    let history = history(&state, &tr, zone, workspace.id).await?;
    let may_pay = workspace.role() == WorkspaceRole::Admin;
    let sub = standing
        .subscription
        .as_ref()
        .filter(|s| s.source == "paid" && standing.in_force);
    let (renewal, renew_action) = match sub {
        // The term has ended and its renewal is being retried, in the grace.
        Some(s) if s.renews && s.due_at <= store::now_ms() => (
            Some(tr.ts(
                "billing-renewal-retrying",
                "date",
                &day_of(&tr, s.features_until, zone),
            )),
            None,
        ),
        Some(s) if s.renews => {
            let price = state
                .settings
                .plans
                .iter()
                .find(|p| p.id == s.plan_id)
                .zip(Currency::try_from(s.currency.clone()).ok())
                .and_then(|(p, c)| p.price(&c).map(|pr| pr.for_period(s.period())))
                // The balance is taken first, as the renewal takes it.
                .map(|m| Money::new((m.minor - s.balance.max(0)).max(0), m.currency))
                .map(|m| m.display(tr.locale))
                .unwrap_or_default();
            (
                Some(tr.args(
                    "billing-next-charge",
                    &[
                        ("amount", price.into()),
                        ("date", day_of(&tr, s.due_at, zone).into()),
                    ],
                )),
                Some(true),
            )
        }
        Some(s) => (
            Some(tr.ts(
                "billing-ends-on",
                "date",
                &day_of(&tr, s.features_until, zone),
            )),
            (s.due_at > store::now_ms()).then_some(false),
        ),
        None => (None, None),
    };
    let card = state.store.payment_method(workspace.id).await?.map(|c| {
        tr.args(
            "billing-card",
            &[("brand", c.brand.into()), ("last4", c.last4.into())],
        )
    });
    // Each paid plan and period, but the one paid for now.
    let current = sub
        .filter(|s| s.due_at > store::now_ms())
        .map(|s| (s.plan_id.clone(), s.period()));
    let choices = if may_pay {
        state
            .settings
            .plans
            .iter()
            .filter(|p| !p.is_free())
            .map(|p| {
                let link = |period: Period| {
                    (current != Some((p.id.clone(), period))).then(|| {
                        format!("/billing/checkout?plan={}&period={}", p.id, period.as_str())
                    })
                };
                (
                    p.name(tr.locale).to_owned(),
                    link(Period::Month),
                    link(Period::Year),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let payments = state
        .store
        .payments_of(workspace.id)
        .await?
        .into_iter()
        .map(|p| {
            let (status, ok) = payment_status(&tr, &p);
            PaymentLine {
                receipt: (may_pay && matches!(p.status.as_str(), "succeeded" | "refunded"))
                    .then(|| format!("/billing/payments/{}/receipt.pdf", p.id)),
                when: tr.datetime(p.created_at, zone),
                what: tr.args(
                    &format!("billing-payment-{}", p.kind().as_str()),
                    &[("plan", plan_name(&p.plan_id).into())],
                ),
                amount: billing::money(p.amount, &p.currency).display(tr.locale),
                status,
                ok,
            }
        })
        .collect();
    Ok(render(&BillingPage {
        c: Chrome::new(&viewer, "/billing").with_notice(q.notice.as_deref()),
        workspace: workspace.name.clone(),
        plan: standing.plan.name(tr.locale).to_owned(),
        status,
        renewal,
        renew_action: renew_action.filter(|_| may_pay),
        card,
        may_pay,
        choices,
        payments,
        held: standing.counts.held_sessions,
        transfer: may_pay && workspace.is_team() && state.settings.operator.is_some(),
        invoices: state
            .store
            .invoices_of(workspace.id)
            .await?
            .into_iter()
            .map(|i| {
                let label = tr.args(
                    "invoice-page-title",
                    &[
                        ("number", i.number.into()),
                        ("date", tr.datetime(i.issued_at, zone).into()),
                    ],
                );
                let status = match i.status.as_str() {
                    "paid" => tr.t("invoice-paid-short"),
                    "canceled" => tr.t("invoice-status-canceled"),
                    _ => tr.t("invoice-status-issued"),
                };
                (i.id, label, status)
            })
            .collect(),
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

/// The workspace the person works in, when they may pay for it (its admin; the owner of a
/// personal one); anyone else is refused as if it were not there.
async fn payable(state: &AppState, signed: &SignedIn) -> Result<store::WorkspaceRow, AppError> {
    if !state.settings.billing {
        return Err(AppError::NotFound);
    }
    let workspace = state.store.current_workspace(signed.user.id).await?;
    if workspace.role() != WorkspaceRole::Admin {
        return Err(AppError::NotFound);
    }
    Ok(workspace)
}

#[derive(Debug, Deserialize)]
struct CheckoutQuery {
    plan: String,
    period: Option<String>,
    /// The currency the pricing page showed.
    currency: Option<String>,
    /// Set on coming back from a declined payment: the provider's reason.
    declined: Option<String>,
}

/// A line of a checkout's calculation.
struct CalcLine {
    label: String,
    amount: String,
}

#[derive(Template)]
#[template(path = "checkout.html")]
struct CheckoutPage {
    c: Chrome,
    f: Form,
    workspace: String,
    plan_id: String,
    period: &'static str,
    currency: String,
    heading: String,
    calculation: Vec<CalcLine>,
    charge: String,
    charge_minor: i64,
    /// The agreement to renewals, with the amount and schedule.
    consent: String,
    /// The same plan for the other period: its link and label.
    other: (String, String),
    declined: Option<String>,
}

fn checkout_view(
    viewer: &Viewer,
    workspace: &store::WorkspaceRow,
    offer: &billing::Offer,
    f: Form,
    declined: Option<String>,
) -> CheckoutPage {
    let tr = &viewer.tr;
    let show = |minor: i64| billing::money(minor, offer.charge.currency.code()).display(tr.locale);
    let mut calculation = vec![CalcLine {
        label: tr.t(match offer.period {
            Period::Month => "checkout-price-month",
            Period::Year => "checkout-price-year",
        }),
        amount: offer.price.display(tr.locale),
    }];
    if let Some(sw) = offer.switch {
        calculation.push(CalcLine {
            label: tr.t("checkout-credit"),
            amount: show(-sw.credit),
        });
    }
    if offer.balance > 0 {
        calculation.push(CalcLine {
            label: tr.t("checkout-balance"),
            amount: show(-offer.balance),
        });
    }
    if offer.balance_after > 0 {
        calculation.push(CalcLine {
            label: tr.t("checkout-balance-after"),
            amount: show(offer.balance_after),
        });
    }
    let (other_period, other_key) = match offer.period {
        Period::Month => (Period::Year, "checkout-switch-year"),
        Period::Year => (Period::Month, "checkout-switch-month"),
    };
    CheckoutPage {
        c: Chrome::new(viewer, "/billing/checkout"),
        f,
        workspace: workspace.name.clone(),
        plan_id: offer.plan.id.clone(),
        period: offer.period.as_str(),
        currency: offer.charge.currency.code().to_owned(),
        heading: tr.ts("checkout-heading", "plan", offer.plan.name(tr.locale)),
        calculation,
        charge: offer.charge.display(tr.locale),
        charge_minor: offer.charge.minor,
        consent: billing::renewal_terms(tr, offer),
        other: (
            format!(
                "/billing/checkout?plan={}&period={}&currency={}",
                offer.plan.id,
                other_period.as_str(),
                offer.charge.currency.code()
            ),
            tr.t(other_key),
        ),
        declined,
    }
}

fn period_of(s: Option<&str>) -> Result<Period, AppError> {
    match s {
        None | Some("") => Ok(Period::Month),
        Some(p) => Period::parse(p).ok_or(AppError::NotFound),
    }
}

/// What paying for a plan costs, the agreement to renewals, and the button that goes on to
/// the provider's page.
async fn checkout_page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Query(q): Query<CheckoutQuery>,
) -> Result<Response, AppError> {
    let workspace = payable(&state, &signed).await?;
    let period = period_of(q.period.as_deref())?;
    let offer = match billing::offer(
        &state,
        workspace.id,
        &q.plan,
        period,
        q.currency.as_deref(),
        billing::today(),
    )
    .await
    {
        Err(AppError::Conflict("same_plan")) => return Ok(Redirect::to("/billing").into_response()),
        other => other?,
    };
    let declined = q.declined.map(|r| {
        viewer.tr.ts(
            "checkout-declined",
            "reason",
            &billing::reason_words(&viewer.tr, &r),
        )
    });
    Ok(render(&checkout_view(
        &viewer,
        &workspace,
        &offer,
        Form::default(),
        declined,
    )))
}

#[derive(Debug, Deserialize)]
struct CheckoutInput {
    plan: String,
    period: String,
    #[serde(default)]
    currency: Option<String>,
    /// The price the payer saw, so a price changed meanwhile is shown again first.
    charge: i64,
    #[serde(default, deserialize_with = "crate::forms::checkbox")]
    consent: bool,
}

async fn checkout(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    FormBody(input): FormBody<CheckoutInput>,
) -> Result<Response, AppError> {
    let workspace = payable(&state, &signed).await?;
    let period = period_of(Some(&input.period))?;
    let offer = match billing::offer(
        &state,
        workspace.id,
        &input.plan,
        period,
        input.currency.as_deref(),
        billing::today(),
    )
    .await
    {
        Err(AppError::Conflict("same_plan")) => return Ok(Redirect::to("/billing").into_response()),
        other => other?,
    };
    let tr = &viewer.tr;
    let refuse = |field: &str, key: &str| {
        let f = Form::default().with_field_error(field, tr.t(key), tr);
        render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &checkout_view(&viewer, &workspace, &offer, f, None),
        )
    };
    if input.charge != offer.charge.minor {
        return Ok(refuse("charge", "checkout-price-changed"));
    }
    if !input.consent {
        return Ok(refuse("consent", "checkout-consent-needed"));
    }
    let consent = billing::renewal_terms(tr, &offer);
    let to = billing::checkout(&state, &signed.user, workspace.id, &offer, &consent).await?;
    Ok(Redirect::to(&to).into_response())
}

#[derive(Template)]
#[template(path = "billing_wait.html")]
struct WaitPage {
    c: Chrome,
}

/// Where the provider sends the payer back: the payment is read back from the provider
/// and recorded, then the payer sees the plan, the reason for a decline, or a page that
/// waits for the bank.
async fn payment_return(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<PaymentId>,
) -> Result<Response, AppError> {
    let p = state.store.payment(id).await?;
    // Only a member of the workspace that pays sees its payment.
    state
        .store
        .workspace_of(p.workspace_id, signed.user.id)
        .await?;
    Ok(match billing::reconcile(&state, &p).await? {
        Settled::Paid => Redirect::to(if p.kind() == store::PaymentKind::Switch {
            "/billing?notice=plan-switched"
        } else {
            "/billing?notice=payment-received"
        })
        .into_response(),
        Settled::Failed(reason) => {
            let reason: String = reason
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                .take(60)
                .collect();
            Redirect::to(&format!(
                "/billing/checkout?plan={}&period={}&declined={reason}",
                p.plan_id,
                p.period()?.as_str()
            ))
            .into_response()
        }
        Settled::Pending => render(&WaitPage {
            c: Chrome::new(&viewer, "/billing/return"),
        }),
    })
}

/// Stops renewals: the plan lasts to the end of the term, and can be resumed until then.
async fn cancel(State(state): State<AppState>, signed: SignedIn) -> Result<Response, AppError> {
    let workspace = payable(&state, &signed).await?;
    let changed = state
        .store
        .set_renews(workspace.id, false, Some(signed.user.id))
        .await?;
    Ok(changed_or_not(changed, "renewal-canceled"))
}

async fn resume(State(state): State<AppState>, signed: SignedIn) -> Result<Response, AppError> {
    let workspace = payable(&state, &signed).await?;
    let changed = state
        .store
        .set_renews(workspace.id, true, Some(signed.user.id))
        .await?;
    Ok(changed_or_not(changed, "renewal-resumed"))
}

/// Back to the billing page, saying what changed if anything did.
fn changed_or_not(changed: bool, notice: &str) -> Response {
    if changed {
        super::redirect_notice("/billing", notice)
    } else {
        Redirect::to("/billing").into_response()
    }
}

/// A provider's notification: checked as the provider requires, taken once, and only a
/// reason to read the payment back from the provider.
async fn webhook(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    viewer: Viewer,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    if !state.settings.billing || provider != state.payments.name() {
        return Err(AppError::NotFound);
    }
    let event = match state
        .payments
        .notification(Notification {
            headers: &headers,
            body: &body,
            peer: viewer.client.ip.parse().ok(),
        })
        .await
    {
        Ok(event) => event,
        Err(e) => {
            tracing::warn!(error = %e, "a payment notification was refused");
            return Err(AppError::BadRequest("notification".into()));
        }
    };
    if state.store.webhook_seen(&provider, &event.id).await? {
        return Ok(StatusCode::OK.into_response());
    }
    if let Some(p) = state
        .store
        .payment_by_provider(&provider, &event.payment_id)
        .await?
    {
        billing::reconcile(&state, &p).await?;
    }
    state.store.record_webhook(&provider, &event.id).await?;
    Ok(StatusCode::OK.into_response())
}
