//! Plans held by workspaces: which plan a workspace is on, what it uses of each limit, and
//! the storage it may fill. The limits themselves are checked by the store, inside the
//! transaction that writes (see `store::billing`); with billing off there are none.

use crate::error::AppError;
use crate::i18n::Tr;
use crate::mail::Compose;
use crate::payments::{Charge, Start, Status};
use crate::state::AppState;
use domain::WorkspaceId;
use domain::plan::{Currency, Limit, Limits, Money, Period, Plan, Switch, term};
use jiff::civil::Date;
use store::{NewMail, NewPayment, PaymentKind, PaymentRow, Retry};

/// What a workspace holds and uses, for its billing page.
#[derive(Debug, Clone)]
pub struct Standing {
    /// The plan in force (the free one when nothing else is).
    pub plan: Plan,
    pub subscription: Option<store::SubscriptionRow>,
    /// Whether `subscription` is in force now.
    pub in_force: bool,
    pub counts: store::Counts,
    /// Bytes stored, and the most the workspace may store.
    pub stored: i64,
    pub quota: i64,
}

impl Standing {
    /// What is used of `limit`: a count, or megabytes of storage; none for version history.
    pub fn used(&self, limit: Limit) -> Option<u64> {
        match limit {
            Limit::StorageMb => Some(u64::try_from(self.stored).unwrap_or(0) / (1024 * 1024)),
            other => self.counts.of(other),
        }
    }
}

/// The most `workspace` may store, in bytes: the installation's quota, or less when its plan
/// says so.
pub async fn quota(state: &AppState, workspace: WorkspaceId) -> Result<i64, AppError> {
    let limits = state.store.limits_of(workspace).await?;
    Ok(quota_under(state.settings.quota_bytes(), &limits))
}

fn quota_under(installation: i64, limits: &Limits) -> i64 {
    limits
        .storage_mb
        .map(|mb| i64::try_from(mb.saturating_mul(1024 * 1024)).unwrap_or(i64::MAX))
        .map_or(installation, |plan| plan.min(installation))
}

/// `workspace`'s plan, subscription and use of each limit; `None` with billing off.
pub async fn standing(
    state: &AppState,
    workspace: WorkspaceId,
) -> Result<Option<Standing>, AppError> {
    let Some(plan) = state.store.plan_of(workspace).await? else {
        return Ok(None);
    };
    let subscription = state.store.subscription(workspace).await?;
    let now = store::now_ms();
    let counts = state.store.plan_counts(workspace).await?;
    let stored = state.store.usage(workspace).await?.total();
    Ok(Some(Standing {
        quota: quota_under(state.settings.quota_bytes(), &plan.limits),
        in_force: subscription.as_ref().is_some_and(|s| s.in_force(now)),
        plan,
        subscription,
        counts,
        stored,
    }))
}

/// A plan and period offered to a workspace, priced: a first payment, or a switch from the
/// paid term it is in, with the unused part of that term credited.
#[derive(Debug, Clone)]
pub struct Offer {
    pub plan: Plan,
    pub period: Period,
    /// The new term's full price.
    pub price: Money,
    /// The switch worked out, when a paid term is in force.
    pub switch: Option<Switch>,
    /// What the card pays now, and the balance afterwards.
    pub charge: Money,
    pub balance_after: i64,
    /// The workspace's balance before.
    pub balance: i64,
    /// The new term's last day, the one after which the next charge falls.
    pub renews_on: Date,
}

impl Offer {
    fn kind(&self) -> PaymentKind {
        if self.switch.is_some() {
            PaymentKind::Switch
        } else {
            PaymentKind::First
        }
    }
}

/// Today, as terms count days: in UTC.
pub fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// What `plan_id` for `period` costs `workspace` on `today`: its price in the currency the
/// workspace pays in, or else the one `asked` (the pricing page's), or else the plan's first,
/// less a paid term's unused part and the balance. Not found for an unknown or free plan; a
/// conflict (`same_plan`) for the plan and period the workspace already pays for.
pub async fn offer(
    state: &AppState,
    workspace: WorkspaceId,
    plan_id: &str,
    period: Period,
    asked: Option<&str>,
    today: Date,
) -> Result<Offer, AppError> {
    let plans = &state.settings.plans;
    let plan = plans
        .iter()
        .find(|p| p.id == plan_id && !p.is_free())
        .ok_or(AppError::NotFound)?
        .clone();
    let sub = state.store.subscription(workspace).await?;
    // A paid term that has not ended is switched from; after it (a renewal declined, in the
    // grace) a payment starts afresh.
    let paid_term = sub
        .as_ref()
        .filter(|s| s.source == "paid" && s.due_at > store::now_ms());
    let priced = |code: Option<&str>| {
        code.and_then(|c| Currency::try_from(c.to_owned()).ok())
            .filter(|c| plan.price(c).is_some())
    };
    let currency = priced(sub.as_ref().map(|s| s.currency.as_str()))
        .or_else(|| priced(asked))
        .or_else(|| plan.prices.first().map(|p| p.currency.clone()))
        .ok_or(AppError::NotFound)?;
    let price = plan
        .price(&currency)
        .ok_or(AppError::NotFound)?
        .for_period(period);
    let balance = sub.as_ref().map_or(0, |s| s.balance.max(0));
    let bad = |e: domain::plan::PlanError| AppError::Internal(anyhow::anyhow!(e));
    let switch = match paid_term {
        Some(s) => {
            if s.plan_id == plan.id && s.period() == period {
                return Err(AppError::Conflict("same_plan"));
            }
            let anchor: Date = s
                .anchor
                .parse()
                .map_err(|e| AppError::Internal(anyhow::anyhow!("anchor {}: {e}", s.anchor)))?;
            let current =
                term(anchor, s.period(), u32::try_from(s.term).unwrap_or(0)).map_err(bad)?;
            let paid = plans
                .iter()
                .find(|p| p.id == s.plan_id)
                .and_then(|p| p.price(&currency))
                .map_or(0, |p| p.for_period(s.period()).minor);
            Some(domain::plan::switch(
                balance,
                paid,
                current,
                today,
                price.minor,
            ))
        }
        None => None,
    };
    let (charge, balance_after) = match switch {
        Some(sw) => (sw.charge, sw.balance),
        None => {
            let covered = balance.min(price.minor);
            (price.minor - covered, balance - covered)
        }
    };
    let renews_on = term(today, period, 0).map_err(bad)?.end;
    Ok(Offer {
        charge: Money::new(charge, currency),
        plan,
        period,
        price,
        switch,
        balance_after,
        balance,
        renews_on,
    })
}

/// The words of the auto-renewal agreement the payer is shown and agrees to, in their
/// language, with the amount and the schedule: they are kept with the payment.
pub fn renewal_terms(tr: &Tr, offer: &Offer) -> String {
    let day = offer.renews_on.day();
    tr.args(
        match offer.period {
            Period::Month => "checkout-consent-month",
            Period::Year => "checkout-consent-year",
        },
        &[
            ("price", offer.price.display(tr.locale).into()),
            ("plan", offer.plan.name(tr.locale).to_owned().into()),
            ("date", tr.date(offer.renews_on).into()),
            ("day", i64::from(day).into()),
        ],
    )
}

/// Begins paying for `offer`, as `payer` agreed to `consent`: the payment is recorded, then
/// the provider begins it. The address to send the payer to: the provider's page, or the
/// billing page when nothing is left to pay (a switch the credit covers).
pub async fn checkout(
    state: &AppState,
    payer: &store::User,
    workspace: WorkspaceId,
    offer: &Offer,
    consent: &str,
) -> Result<String, AppError> {
    let p = state
        .store
        .create_payment(&NewPayment {
            workspace,
            provider: state.payments.name(),
            kind: offer.kind(),
            plan_id: &offer.plan.id,
            period: offer.period,
            amount: offer.charge.minor,
            currency: offer.charge.currency.code(),
            balance_after: offer.balance_after,
            by_user: Some(payer.id),
            consent: Some(consent),
        })
        .await?;
    if offer.charge.minor == 0 {
        let receipt = receipt(state, &p).await?;
        state
            .store
            .settle_payment(p.id, None, Some(&receipt), store::now_ms())
            .await?;
        return Ok("/billing?notice=plan-switched".into());
    }
    let tr = Tr::new(payer.locale());
    let description = description(&tr, &offer.plan, offer.period);
    let return_url = state.settings.link(&format!("/billing/return/{}", p.id));
    let started = state
        .payments
        .start(Start {
            key: &p.attempt_key(),
            amount: p.amount,
            currency: &p.currency,
            description: &description,
            email: &payer.email,
            return_url: &return_url,
            save_card: true,
        })
        .await?;
    state.store.set_provider_payment(p.id, &started.id).await?;
    Ok(started
        .confirm_url
        .unwrap_or_else(|| format!("/billing/return/{}", p.id)))
}

fn description(tr: &Tr, plan: &Plan, period: Period) -> String {
    tr.args(
        match period {
            Period::Month => "payment-description-month",
            Period::Year => "payment-description-year",
        },
        &[("plan", plan.name(tr.locale).to_owned().into())],
    )
}

/// Where a payment stands once read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    Paid,
    /// Declined or abandoned, with the provider's reason.
    Failed(String),
    Pending,
}

/// Reads a payment back from its provider and records what it says: a succeeded payment is
/// settled (its subscription moves on once, whoever reads it first), a failed one is marked.
/// What the payer's return, a notification and the reconciling job all do.
pub async fn reconcile(state: &AppState, p: &PaymentRow) -> Result<Settled, AppError> {
    match p.status.as_str() {
        "succeeded" | "refunded" => return Ok(Settled::Paid),
        "failed" => return Ok(Settled::Failed(p.failure.clone().unwrap_or_default())),
        _ => {}
    }
    let Some(provider_id) = &p.provider_payment_id else {
        return Ok(Settled::Pending);
    };
    let got = state.payments.payment(provider_id).await?;
    match got.status {
        Status::Succeeded if got.amount != p.amount || got.currency != p.currency => {
            tracing::error!(payment = %p.id, "the provider reports another amount than was asked");
            state.store.fail_payment(p.id, "amount_mismatch").await?;
            Ok(Settled::Failed("amount_mismatch".into()))
        }
        Status::Succeeded => {
            let mail = receipt(state, p).await?;
            state
                .store
                .settle_payment(p.id, got.card.as_ref(), Some(&mail), store::now_ms())
                .await?;
            Ok(Settled::Paid)
        }
        Status::Failed(reason) => {
            state.store.fail_payment(p.id, &reason).await?;
            Ok(Settled::Failed(reason))
        }
        Status::Pending => Ok(Settled::Pending),
    }
}

/// The receipt for a payment, to the payer (or the workspace's owner for a renewal), in
/// their language.
async fn receipt(state: &AppState, p: &PaymentRow) -> Result<NewMail, AppError> {
    let to = match p.by_user {
        Some(id) => state.store.user(id).await?,
        None => state.store.billing_contact(p.workspace_id).await?,
    };
    let tr = Tr::new(to.locale());
    let amount = money(p.amount, &p.currency).display(tr.locale);
    let what = paid_for(state, &tr, p)?;
    Ok(Compose {
        unsubscribe: None,
        tr,
        to: &to.email,
        user: Some(to.id),
        sender: None,
        first_name: &to.first_name,
        subject: tr.ts("receipt-subject", "amount", &amount),
        lines: vec![
            tr.args(
                "receipt-paid",
                &[("amount", amount.into()), ("what", what.into())],
            ),
            tr.ts("receipt-number", "number", &p.id.to_string()),
        ],
        action: Some((tr.t("receipt-action"), state.settings.link("/billing"))),
    }
    .render()?)
}

/// What was paid for by payment `p`, in `tr`'s language.
pub fn paid_for(state: &AppState, tr: &Tr, p: &PaymentRow) -> Result<String, AppError> {
    let period = p.period()?;
    Ok(state
        .settings
        .plans
        .iter()
        .find(|x| x.id == p.plan_id)
        .map_or_else(|| p.plan_id.clone(), |x| description(tr, x, period)))
}

/// A refund an administrator asked for on the console.
#[derive(Debug, Clone, Copy)]
pub struct RefundAsk<'a> {
    pub payment: domain::PaymentId,
    pub amount: i64,
    /// What had been refunded of it when the console showed it.
    pub refunded_before: i64,
    pub by: domain::UserId,
    pub reason: &'a str,
    pub end_plan: bool,
}

/// Why a refund was not made: the locale key of what the administrator reads, and the
/// provider's words where it refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundRefused {
    /// Zero, or more than is left of the payment.
    Amount,
    /// Not paid, or refunded since the page was shown.
    Stale,
    /// Made through a provider this installation no longer uses.
    OtherProvider,
    Unavailable,
    Provider(String),
}

/// Gives back `ask.amount` of a paid payment: through its provider (with a key made of the
/// payment and what was refunded before, so a repeat or a second administrator reaches the
/// same refund), or, for a bank transfer, by recording that the money was sent back. The
/// payer is told in their language; the workspace's history keeps who and why.
pub async fn refund(
    state: &AppState,
    ask: RefundAsk<'_>,
) -> Result<Result<(), RefundRefused>, AppError> {
    let p = state.store.payment(ask.payment).await?;
    if p.status != "succeeded" || p.refunded != ask.refunded_before {
        return Ok(Err(RefundRefused::Stale));
    }
    if ask.amount < 1 || ask.amount > p.amount - p.refunded {
        return Ok(Err(RefundRefused::Amount));
    }
    let to = match p.by_user {
        Some(id) => state.store.user(id).await?,
        None => state.store.billing_contact(p.workspace_id).await?,
    };
    let tr = Tr::new(to.locale());
    let what = paid_for(state, &tr, &p)?;
    if p.provider != "transfer" {
        let Some(provider_id) = p
            .provider_payment_id
            .as_deref()
            .filter(|_| p.provider == state.payments.name())
        else {
            return Ok(Err(RefundRefused::OtherProvider));
        };
        let key = format!("refund-{}-{}", p.id, p.refunded);
        let asked = state
            .payments
            .refund(crate::payments::Refund {
                payment_id: provider_id,
                key: &key,
                amount: ask.amount,
                currency: &p.currency,
                description: &what,
                email: &to.email,
            })
            .await;
        match asked {
            Ok(()) => {}
            Err(crate::payments::ProviderError::Refused(why)) => {
                return Ok(Err(RefundRefused::Provider(why)));
            }
            Err(e) => {
                tracing::warn!(payment = %p.id, error = %e, "a refund could not be asked for");
                return Ok(Err(RefundRefused::Unavailable));
            }
        }
    }
    let amount = money(ask.amount, &p.currency).display(tr.locale);
    let mut lines = vec![tr.args(
        "refund-line",
        &[("amount", amount.clone().into()), ("what", what.into())],
    )];
    if ask.end_plan {
        lines.push(tr.t("refund-plan-ended"));
    }
    lines.push(tr.ts("receipt-number", "number", &p.id.to_string()));
    let mail = Compose {
        unsubscribe: None,
        tr,
        to: &to.email,
        user: Some(to.id),
        sender: None,
        first_name: &to.first_name,
        subject: tr.ts("refund-subject", "amount", &amount),
        lines,
        action: Some((tr.t("receipt-action"), state.settings.link("/billing"))),
    }
    .render()?;
    let recorded = state
        .store
        .refund_payment(&store::Refund {
            payment: p.id,
            amount: ask.amount,
            refunded_before: ask.refunded_before,
            by: ask.by,
            reason: ask.reason,
            end_plan: ask.end_plan,
            mail: Some(&mail),
            now: store::now_ms(),
        })
        .await?;
    Ok(if recorded {
        Ok(())
    } else {
        Err(RefundRefused::Stale)
    })
}

/// An amount as stored, with its currency (roubles when the code is unreadable).
pub fn money(minor: i64, currency: &str) -> Money {
    Money::new(
        minor,
        Currency::try_from(currency.to_owned()).unwrap_or_else(|_| Currency::rub()),
    )
}

/// After a failed renewal, the days to wait before each next attempt.
pub const RETRY_DAYS: [i64; 3] = [1, 3, 5];

const DAY_MS: i64 = 24 * 3600 * 1000;

/// How long a worker holds a renewal it is charging.
const RENEWAL_LEASE_MS: i64 = 5 * 60_000;

/// What one pass of the billing job did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    pub renewed: u64,
    /// Renewals not paid on this pass: declined, or to be tried again.
    pub failed: u64,
    pub reconciled: u64,
    /// Sessions held read-only because their workspace's plan ended or shrank.
    pub held: u64,
}

/// One pass of the billing job at `now`: renewals fall due and are charged to the saved
/// cards (a failure retried after 1, 3 and 5 days, paid features kept through the grace,
/// then the subscription stops renewing and the workspace drops to the free plan when its
/// features end), and payments whose payer never came back are read back and settled.
pub async fn pass(state: &AppState, now: i64) -> Result<Pass, AppError> {
    let mut done = Pass::default();
    let plans = &state.settings.plans;
    state
        .store
        .open_renewals(now, |plan, period, currency| {
            let currency = Currency::try_from(currency.to_owned()).ok()?;
            plans
                .iter()
                .find(|p| p.id == plan)?
                .price(&currency)
                .map(|p| p.for_period(period).minor)
        })
        .await?;
    while let Some((p, card)) = state.store.claim_renewal(now, RENEWAL_LEASE_MS).await? {
        if charge_renewal(state, &p, card.as_ref(), now).await? {
            done.renewed += 1;
        } else {
            done.failed += 1;
        }
    }
    for p in state.store.stale_payments(now - 15 * 60_000).await? {
        match reconcile(state, &p).await {
            Ok(Settled::Pending) => {
                // Abandoned on the provider's page for a day: no longer waited for.
                if p.created_at < now - DAY_MS {
                    state.store.fail_payment(p.id, "abandoned").await?;
                }
            }
            Ok(_) => done.reconciled += 1,
            Err(e) => tracing::warn!(payment = %p.id, error = %e, "could not read a payment back"),
        }
    }
    // A plan that ended (its grace over, a grant run out) leaves the sessions past the free
    // plan's limit read-only; the workspace's owner hears which choice is theirs.
    for (workspace, held) in state.store.hold_over_limits(now).await? {
        done.held += held;
        let to = state.store.billing_contact(workspace).await?;
        state
            .store
            .enqueue_mail(&held_mail(state, &to, held)?)
            .await?;
    }
    Ok(done)
}

/// Tells a workspace's owner that `held` of its sessions are read-only now, and where to
/// choose which stay active.
fn held_mail(state: &AppState, to: &store::User, held: u64) -> Result<NewMail, AppError> {
    let tr = Tr::new(to.locale());
    Ok(Compose {
        unsubscribe: None,
        tr,
        to: &to.email,
        user: Some(to.id),
        sender: None,
        first_name: &to.first_name,
        subject: tr.t("held-mail-subject"),
        lines: vec![
            tr.tn("billing-held", "count", held),
            tr.t("billing-active-kept"),
        ],
        action: Some((
            tr.t("billing-held-choose"),
            state.settings.link("/billing/sessions"),
        )),
    }
    .render()?)
}

/// Charges one claimed renewal; true when it was paid, false when it was declined or is to
/// be tried again.
async fn charge_renewal(
    state: &AppState,
    p: &PaymentRow,
    card: Option<&store::SavedCard>,
    now: i64,
) -> Result<bool, AppError> {
    let contact = state.store.billing_contact(p.workspace_id).await?;
    let tr = Tr::new(contact.locale());
    let outcome = if p.amount == 0 {
        Ok((None, Status::Succeeded))
    } else if let Some(card) = card {
        let what = paid_for(state, &tr, p)?;
        state
            .payments
            .charge(Charge {
                key: &p.attempt_key(),
                amount: p.amount,
                currency: &p.currency,
                description: &what,
                email: &contact.email,
                card_token: &card.token,
            })
            .await
            .map(|got| (Some(got.id), got.status))
    } else {
        Ok((None, Status::Failed("no_card".into())))
    };
    let status = match outcome {
        Ok((provider_id, status)) => {
            if let Some(id) = provider_id {
                state.store.set_provider_payment(p.id, &id).await?;
            }
            status
        }
        // The provider refused the charge as asked (a card it no longer knows, say): a failed
        // attempt like a decline.
        Err(crate::payments::ProviderError::Refused(why)) => Status::Failed(why),
        // The provider could not be reached: the lease ends and the same attempt, with the
        // same key, is made again.
        Err(e) => {
            tracing::warn!(payment = %p.id, error = %e, "a renewal could not be charged; it will be tried again");
            return Ok(false);
        }
    };
    match status {
        Status::Succeeded => {
            let mail = receipt(state, p).await?;
            state
                .store
                .settle_payment(p.id, None, Some(&mail), now)
                .await?;
            Ok(true)
        }
        Status::Pending => Ok(false),
        Status::Failed(reason) => {
            let due = state
                .store
                .subscription(p.workspace_id)
                .await?
                .map_or(now, |s| s.due_at);
            let attempt = usize::try_from(p.attempts).unwrap_or(usize::MAX);
            let grace_until = due + i64::from(state.settings.billing_grace_days) * DAY_MS;
            // At least a day apart, even when the server was away on the planned days.
            let retry = match RETRY_DAYS.get(attempt) {
                Some(days) => Retry::At {
                    next: (due + days * DAY_MS).max(now + DAY_MS),
                    grace_until,
                },
                None => Retry::GiveUp,
            };
            let mail = renewal_failed_mail(state, &contact, &tr, p, &reason, retry)?;
            state
                .store
                .renewal_failed(p.id, &reason, retry, Some(&mail))
                .await?;
            Ok(false)
        }
    }
}

fn renewal_failed_mail(
    state: &AppState,
    to: &store::User,
    tr: &Tr,
    p: &PaymentRow,
    reason: &str,
    retry: Retry,
) -> Result<NewMail, AppError> {
    let zone = to.time_zone.as_str();
    let amount = money(p.amount, &p.currency).display(tr.locale);
    let mut lines = vec![tr.args(
        "renewal-failed-line",
        &[
            ("amount", amount.into()),
            ("reason", reason_words(tr, reason).into()),
        ],
    )];
    lines.push(match retry {
        Retry::At { next, grace_until } => tr.args(
            "renewal-failed-retry",
            &[
                ("date", tr.datetime(next, zone).into()),
                ("until", tr.datetime(grace_until, zone).into()),
            ],
        ),
        Retry::GiveUp => tr.t("renewal-failed-gave-up"),
    });
    Ok(Compose {
        unsubscribe: None,
        tr: *tr,
        to: &to.email,
        user: Some(to.id),
        sender: None,
        first_name: &to.first_name,
        subject: tr.t("renewal-failed-subject"),
        lines,
        action: Some((
            tr.t("renewal-failed-action"),
            state.settings.link("/billing"),
        )),
    }
    .render()?)
}

/// A provider's reason for a decline, in words, where we know it.
pub fn reason_words(tr: &Tr, reason: &str) -> String {
    match reason {
        "card_declined"
        | "insufficient_funds"
        | "confirmation_refused"
        | "no_card"
        | "abandoned"
        | "ended"
        | "amount_mismatch"
        | "superseded" => tr.t(&format!("decline-{}", reason.replace('_', "-"))),
        other => tr.ts("decline-other", "reason", other),
    }
}

/// Runs [`pass`] every minute until `cancel` fires.
pub async fn run(state: AppState, cancel: tokio_util::sync::CancellationToken) {
    if !state.settings.billing {
        // No plan limits anything: sessions held while billing was on are editable again.
        match state.store.release_all_holds().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sessions = n, "billing is off: held sessions released"),
            Err(e) => tracing::warn!(error = %e, "could not release held sessions"),
        }
        return;
    }
    loop {
        match pass(&state, store::now_ms()).await {
            Ok(p) if p != Pass::default() => tracing::info!(
                renewed = p.renewed,
                failed = p.failed,
                reconciled = p.reconciled,
                held = p.held,
                "billing pass"
            ),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "the billing pass failed"),
        }
        tokio::select! {
            () = cancel.cancelled() => break,
            () = tokio::time::sleep(std::time::Duration::from_secs(60)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plans_storage_narrows_the_installations_quota_but_never_widens_it() {
        let mut limits = Limits::unlimited();
        assert_eq!(quota_under(1 << 30, &limits), 1 << 30);
        limits.storage_mb = Some(200);
        assert_eq!(quota_under(1 << 30, &limits), 200 << 20);
        limits.storage_mb = Some(4096);
        assert_eq!(quota_under(1 << 30, &limits), 1 << 30);
    }
}
