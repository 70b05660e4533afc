//! The administrators' billing console: workspaces and their plans, the latest payments, the
//! accounts that share a phone number; a workspace's page with its payments (each refundable,
//! with a reason) and a plan granted for some days (a comp, with a reason). Every action goes
//! into the workspace's history with who did it and why.

use crate::auth::{Admin, Viewer};
use crate::billing::{self, RefundAsk, RefundRefused};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{Chrome, Form, NoticeQuery, redirect_notice, render, render_status};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use domain::moderation::AuditAction;
use domain::plan::{Currency, Period};
use domain::{PaymentId, WorkspaceId};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/billing", get(console))
        .route("/admin/billing/{id}", get(workspace))
        .route("/admin/billing/{id}/grant", post(grant))
        .route("/admin/billing/payments/{id}/refund", post(refund))
}

/// The billing console exists only while billing is on.
fn billing_on(state: &AppState) -> Result<(), AppError> {
    if state.settings.billing {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// A workspace as the console lists it.
pub(super) struct WorkspaceLine {
    pub(super) id: WorkspaceId,
    pub(super) name: String,
    pub(super) owner: String,
    /// "Pro, monthly" or the free plan's name.
    pub(super) plan: String,
    /// "paid until …", "granted until …", "ended on …", "free".
    pub(super) standing: String,
    pub(super) balance: Option<String>,
}

pub(super) fn workspace_line(
    state: &AppState,
    tr: &Tr,
    zone: &str,
    w: store::WorkspacePlan,
) -> WorkspaceLine {
    let now = store::now_ms();
    let name_of = |id: &str| crate::pages::billing::plan_name(state, tr, id);
    let free = state
        .settings
        .plans
        .first()
        .map(|p| p.name(tr.locale).to_owned())
        .unwrap_or_default();
    let (plan, standing) = match (&w.plan_id, w.features_until, w.source.as_deref()) {
        (Some(id), Some(until), source) => {
            let period = w
                .period
                .as_deref()
                .and_then(Period::parse)
                .unwrap_or(Period::Month);
            let date = crate::pages::billing::day_of(tr, until, zone);
            let key = match (until > now, source) {
                (true, Some("granted")) => "admin-billing-granted-until",
                // The term is over and its renewal is being tried again, in the grace.
                (true, _) if w.renews == Some(true) && w.due_at.is_some_and(|d| d <= now) => {
                    "admin-billing-retrying-until"
                }
                (true, _) if w.renews == Some(true) => "admin-billing-renews-on",
                (true, _) => "admin-billing-paid-until",
                (false, _) => "admin-billing-ended-on",
            };
            (
                tr.args(
                    "admin-billing-plan",
                    &[
                        ("plan", name_of(id).into()),
                        (
                            "period",
                            tr.t(&format!("admin-billing-period-{}", period.as_str()))
                                .into(),
                        ),
                    ],
                ),
                tr.ts(key, "date", &date),
            )
        }
        _ => (free, tr.t("billing-free")),
    };
    WorkspaceLine {
        id: w.id,
        name: w.name,
        owner: w.owner_email,
        plan,
        standing,
        balance: w
            .balance
            .filter(|b| *b != 0)
            .map(|b| billing::money(b, w.currency.as_deref().unwrap_or("")).display(tr.locale)),
    }
}

/// A payment as the console lists it.
struct PaymentLine {
    id: PaymentId,
    workspace: WorkspaceId,
    workspace_name: String,
    when: String,
    what: String,
    amount: String,
    /// Its currency's code, which the refund's amount is typed in.
    currency: String,
    provider: String,
    status: String,
    /// What was refunded already (minor units, the form's guard against a stale page), the
    /// refund form (what is left, in major units, to start with), and whether it is open
    /// (after a refusal).
    refundable: Option<(i64, Form, bool)>,
}

fn payment_line(
    state: &AppState,
    tr: &Tr,
    zone: &str,
    p: &store::PaymentRow,
    workspace_name: String,
) -> Result<PaymentLine, AppError> {
    let (status, _) = crate::pages::billing::payment_status(tr, p);
    let left = p.amount - p.refunded;
    Ok(PaymentLine {
        id: p.id,
        workspace: p.workspace_id,
        workspace_name,
        when: tr.datetime(p.created_at, zone),
        what: billing::paid_for(state, tr, p)?,
        amount: billing::money(p.amount, &p.currency).display(tr.locale),
        currency: p.currency.clone(),
        provider: provider_name(tr, &p.provider),
        status,
        refundable: (p.status == "succeeded" && left > 0).then(|| {
            (
                p.refunded,
                Form::default().with("amount", &major_units(left, &p.currency)),
                false,
            )
        }),
    })
}

/// Who took a payment, in words.
fn provider_name(tr: &Tr, provider: &str) -> String {
    match provider {
        "sandbox" | "yookassa" | "stripe" | "transfer" => {
            tr.t(&format!("payment-provider-{provider}"))
        }
        "" => tr.t("payment-provider-none"),
        other => other.to_owned(),
    }
}

/// An amount in minor units written as a person types it in major ones: `990` or `990.50`.
fn major_units(minor: i64, currency: &str) -> String {
    let exp = Currency::try_from(currency.to_owned()).map_or(2, |c| c.exponent());
    let unit = 10_i64.pow(exp);
    if minor % unit == 0 {
        (minor / unit).to_string()
    } else {
        format!(
            "{}.{:0width$}",
            minor / unit,
            minor % unit,
            width = exp as usize
        )
    }
}

/// An amount typed in major units (`990`, `990.5`, `990,50`, `1 990`) in minor ones; none
/// when it is not a positive amount with at most the currency's decimals.
fn minor_units(typed: &str, currency: &str) -> Option<i64> {
    let exp = Currency::try_from(currency.to_owned()).map_or(2, |c| c.exponent());
    let clean: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let (whole, frac) = clean.split_once('.').unwrap_or((&clean, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > exp as usize
    {
        return None;
    }
    let unit = 10_i64.pow(exp);
    let frac_minor = if frac.is_empty() {
        0
    } else {
        frac.parse::<i64>().ok()? * 10_i64.pow(exp - frac.len() as u32)
    };
    whole
        .parse::<i64>()
        .ok()?
        .checked_mul(unit)?
        .checked_add(frac_minor)
        .filter(|m| *m > 0)
}

/// A group of accounts that give one phone number.
struct PhoneGroup {
    phone: String,
    /// Name, email, whether the email is confirmed, when the account was made.
    people: Vec<(String, String, bool, String)>,
}

#[derive(Template)]
#[template(path = "admin_billing.html")]
struct ConsolePage {
    c: Chrome,
    q: String,
    workspaces: Vec<WorkspaceLine>,
    payments: Vec<PaymentLine>,
    phones: Vec<PhoneGroup>,
}

#[derive(Deserialize)]
struct Search {
    #[serde(default)]
    q: String,
}

async fn console(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Query(s): Query<Search>,
) -> Result<Response, AppError> {
    billing_on(&state)?;
    let tr = viewer.tr;
    let zone = admin.time_zone.as_str();
    let workspaces = state
        .store
        .workspace_plans(&s.q, 200)
        .await?
        .into_iter()
        .map(|w| workspace_line(&state, &tr, zone, w))
        .collect();
    let mut payments = Vec::new();
    for p in state.store.recent_payments(50).await? {
        payments.push(payment_line(
            &state,
            &tr,
            zone,
            &p.payment,
            p.workspace_name,
        )?);
    }
    let mut phones: Vec<PhoneGroup> = Vec::new();
    for h in state.store.shared_phones(200).await? {
        let person = (
            format!("{} {}", h.first_name, h.last_name),
            h.email,
            h.email_confirmed_at.is_some(),
            crate::pages::billing::day_of(&tr, h.created_at, zone),
        );
        match phones.last_mut() {
            Some(g) if g.phone == h.phone => g.people.push(person),
            _ => phones.push(PhoneGroup {
                phone: h.phone,
                people: vec![person],
            }),
        }
    }
    Ok(render(&ConsolePage {
        c: Chrome::new(&viewer, "/admin/billing"),
        q: s.q,
        workspaces,
        payments,
        phones,
    }))
}

#[derive(Template)]
#[template(path = "admin_billing_workspace.html")]
struct WorkspacePage {
    c: Chrome,
    w: WorkspaceLine,
    payments: Vec<PaymentLine>,
    history: Vec<crate::pages::billing::HistoryLine>,
    /// The paid plans, to grant: id and name.
    plans: Vec<(String, String)>,
    /// The grant form, as typed when it was refused.
    grant: Form,
    /// A refused refund's reason when its payment has nothing left to refund (refunded in
    /// whole meanwhile): said at the top, as its form is gone.
    alert: Option<String>,
    max_grant_days: u32,
}

async fn workspace_page(
    state: &AppState,
    admin: &store::User,
    viewer: &Viewer,
    id: WorkspaceId,
    grant: Form,
    refund: Option<(PaymentId, Form)>,
) -> Result<WorkspacePage, AppError> {
    let tr = viewer.tr;
    let zone = admin.time_zone.as_str();
    let w = state.store.workspace_plan(id).await?;
    let name = w.name.clone();
    let mut payments = Vec::new();
    for p in state.store.payments_of(id).await? {
        let mut line = payment_line(state, &tr, zone, &p, name.clone())?;
        // The refund refused is shown open, as it was typed, with what was wrong.
        if let (Some((_, form, open)), Some((refused, typed))) = (&mut line.refundable, &refund)
            && *refused == p.id
        {
            *form = typed.clone();
            *open = true;
        }
        payments.push(line);
    }
    let alert = refund.as_ref().and_then(|(refused, form)| {
        payments
            .iter()
            .all(|l: &PaymentLine| l.id != *refused || l.refundable.is_none())
            .then(|| form.alert.clone())
            .flatten()
    });
    let history = crate::pages::billing::history(state, &tr, zone, id).await?;
    Ok(WorkspacePage {
        c: Chrome::new(viewer, &format!("/admin/billing/{id}")),
        w: workspace_line(state, &tr, zone, w),
        payments,
        history,
        plans: state
            .settings
            .plans
            .iter()
            .filter(|p| !p.is_free())
            .map(|p| (p.id.clone(), p.name(tr.locale).to_owned()))
            .collect(),
        grant,
        alert,
        max_grant_days: MAX_GRANT_DAYS,
    })
}

async fn workspace(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path(id): Path<WorkspaceId>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    billing_on(&state)?;
    let mut page = workspace_page(&state, &admin, &viewer, id, fresh_grant(), None).await?;
    page.c = page.c.with_notice(q.notice.as_deref());
    Ok(render(&page))
}

#[derive(Deserialize)]
struct GrantForm {
    #[serde(default)]
    plan: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    reason: String,
}

/// The grant form as it first shows: a month.
fn fresh_grant() -> Form {
    Form::default().with("days", "30")
}

/// The longest comp: ten years.
const MAX_GRANT_DAYS: u32 = 3653;

/// Gives the workspace a plan for some days without payment; zero days ends a grant now.
async fn grant(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path(id): Path<WorkspaceId>,
    axum::Form(f): axum::Form<GrantForm>,
) -> Result<Response, AppError> {
    billing_on(&state)?;
    let tr = viewer.tr;
    // The free plan is what a workspace has without a grant: none is granted.
    let plan = state
        .settings
        .plans
        .iter()
        .find(|p| p.id == f.plan && !p.is_free());
    let days = f
        .days
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|d| *d <= MAX_GRANT_DAYS);
    let reason = f.reason.trim();
    let mut form = Form::default()
        .with("plan", &f.plan)
        .with("days", &f.days)
        .with("reason", &f.reason);
    if plan.is_none() {
        form = form.with_field_error("plan", tr.t("admin-grant-plan-required"), &tr);
    }
    if days.is_none() {
        form = form.with_field_error(
            "days",
            tr.ts(
                "admin-grant-days-invalid",
                "max",
                &MAX_GRANT_DAYS.to_string(),
            ),
            &tr,
        );
    }
    if reason.is_empty() {
        form = form.with_field_error("reason", tr.t("admin-reason-required"), &tr);
    }
    let (Some(plan), Some(days), false) = (plan, days, reason.is_empty()) else {
        let page = workspace_page(&state, &admin, &viewer, id, form, None).await?;
        return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    // The workspace must exist before anything is written for it.
    state.store.workspace_plan(id).await?;
    let until = store::now_ms().saturating_add(i64::from(days) * store::DAY_MS);
    state
        .store
        .grant_plan(id, &plan.id, Period::Month, until, Some(admin.id), reason)
        .await?;
    crate::moderation::record(
        &state,
        Some(&admin),
        AuditAction::GrantPlan,
        "workspace",
        Some(id.0),
        reason,
    )
    .await?;
    Ok(redirect_notice(
        &format!("/admin/billing/{id}"),
        "plan-granted",
    ))
}

#[derive(Deserialize)]
struct RefundForm {
    #[serde(default)]
    amount: String,
    #[serde(default)]
    refunded_before: i64,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    end_plan: Option<String>,
}

/// Gives back some or all of a payment, with a reason; optionally ends the paid plan now.
async fn refund(
    State(state): State<AppState>,
    Admin(admin): Admin,
    viewer: Viewer,
    Path(id): Path<PaymentId>,
    axum::Form(f): axum::Form<RefundForm>,
) -> Result<Response, AppError> {
    billing_on(&state)?;
    let tr = viewer.tr;
    let p = state.store.payment(id).await?;
    let reason = f.reason.trim();
    let mut form = Form::default()
        .with("amount", &f.amount)
        .with("reason", &f.reason);
    if f.end_plan.is_some() {
        form = form.with("end_plan", "on");
    }
    let amount = minor_units(&f.amount, &p.currency);
    if amount.is_none() {
        form = form.with_field_error("amount", tr.t("admin-refund-amount-invalid"), &tr);
    }
    if reason.is_empty() {
        form = form.with_field_error("reason", tr.t("admin-reason-required"), &tr);
    }
    let refused = match (amount, reason.is_empty()) {
        (Some(amount), false) => {
            let ask = RefundAsk {
                payment: id,
                amount,
                refunded_before: f.refunded_before,
                by: admin.id,
                reason,
                end_plan: f.end_plan.is_some(),
            };
            match billing::refund(&state, ask).await? {
                Ok(()) => {
                    crate::moderation::record(
                        &state,
                        Some(&admin),
                        AuditAction::Refund,
                        "payment",
                        Some(p.id.0),
                        reason,
                    )
                    .await?;
                    return Ok(redirect_notice(
                        &format!("/admin/billing/{}", p.workspace_id),
                        "payment-refunded",
                    ));
                }
                Err(why) => Some(why),
            }
        }
        _ => None,
    };
    if let Some(why) = refused {
        if why == RefundRefused::Amount {
            form = form.with_field_error("amount", tr.t("admin-refund-amount-too-much"), &tr);
        } else {
            form.alert = Some(match why {
                RefundRefused::OtherProvider => tr.t("admin-refund-other-provider"),
                RefundRefused::Unavailable => tr.t("admin-refund-unavailable"),
                RefundRefused::Provider(words) => tr.ts("admin-refund-refused", "reason", &words),
                _ => tr.t("admin-refund-stale"),
            });
        }
    }
    let page = workspace_page(
        &state,
        &admin,
        &viewer,
        p.workspace_id,
        fresh_grant(),
        Some((id, form)),
    )
    .await?;
    Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_is_read_in_major_units_with_a_comma_or_a_point_and_spaces() {
        assert_eq!(minor_units("990", "RUB"), Some(99_000));
        assert_eq!(minor_units("990,5", "RUB"), Some(99_050));
        assert_eq!(minor_units("1 990.05", "RUB"), Some(199_005));
        assert_eq!(minor_units("0", "RUB"), None);
        assert_eq!(minor_units("-5", "RUB"), None);
        assert_eq!(minor_units("9.999", "RUB"), None);
        assert_eq!(minor_units("ten", "RUB"), None);
        assert_eq!(minor_units("", "RUB"), None);
    }

    #[test]
    fn what_is_left_to_refund_is_written_as_it_would_be_typed() {
        assert_eq!(major_units(99_000, "RUB"), "990");
        assert_eq!(major_units(99_005, "RUB"), "990.05");
        assert_eq!(
            minor_units(&major_units(12_345, "EUR"), "EUR"),
            Some(12_345)
        );
    }
}
