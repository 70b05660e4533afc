//! Payments for plans: a first payment that starts a subscription and saves the card, a
//! switch to another plan or period, and the renewals the job charges to the saved card.
//!
//! Every payment is a row before the provider hears of it, with an idempotency key the
//! provider sees, so a repeat (a retry, a second instance, a crash between the charge and
//! its record) reaches the same charge. A renewal's key is one per subscription and term,
//! and the table holds each key once, so a term is never charged twice. Settling is
//! idempotent: only a pending payment moves its subscription on, once.

use crate::billing::event;
use crate::{NewMail, Result, Store, StoreError, now_ms, with_db};
use domain::plan::{Period, term};
use domain::{PaymentId, UserId, WorkspaceId};

/// What a payment is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentKind {
    /// Starts a subscription and saves the card for renewals.
    First,
    /// Charges the saved card for the next term.
    Renewal,
    /// A new plan or period, less the unused part of the current term.
    Switch,
}

impl PaymentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::First => "first",
            Self::Renewal => "renewal",
            Self::Switch => "switch",
        }
    }
}

/// A payment to record before the provider hears of it.
#[derive(Debug, Clone)]
pub struct NewPayment<'a> {
    pub workspace: WorkspaceId,
    pub provider: &'a str,
    pub kind: PaymentKind,
    pub plan_id: &'a str,
    pub period: Period,
    pub amount: i64,
    pub currency: &'a str,
    /// The workspace's balance once it is paid.
    pub balance_after: i64,
    pub by_user: Option<UserId>,
    /// The auto-renewal agreement as shown, when the payer agreed to it.
    pub consent: Option<&'a str>,
}

/// A payment as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PaymentRow {
    pub id: PaymentId,
    pub workspace_id: WorkspaceId,
    pub provider: String,
    pub provider_payment_id: Option<String>,
    kind: String,
    pub idempotency_key: String,
    pub plan_id: String,
    period: String,
    pub term: i64,
    pub amount: i64,
    pub currency: String,
    pub balance_after: i64,
    /// `pending`, `succeeded`, `failed` or `refunded` (given back in whole).
    pub status: String,
    /// What administrators have given back of it, in minor units.
    pub refunded: i64,
    pub failure: Option<String>,
    pub attempts: i64,
    pub next_attempt_at: Option<i64>,
    pub by_user: Option<UserId>,
    pub created_at: i64,
}

impl PaymentRow {
    pub fn kind(&self) -> PaymentKind {
        match self.kind.as_str() {
            "renewal" => PaymentKind::Renewal,
            "switch" => PaymentKind::Switch,
            _ => PaymentKind::First,
        }
    }

    pub fn period(&self) -> Result<Period> {
        Period::parse(&self.period)
            .ok_or_else(|| StoreError::Unreadable(format!("payment period {:?}", self.period)))
    }

    /// The key the provider sees for this attempt: a repeat of the same attempt reaches the
    /// same charge, a retry after a failure makes a new one.
    pub fn attempt_key(&self) -> String {
        if self.attempts == 0 {
            self.idempotency_key.clone()
        } else {
            format!("{}-{}", self.idempotency_key, self.attempts)
        }
    }
}

const PAYMENT_COLUMNS: &str = "id, workspace_id, provider, provider_payment_id, kind, idempotency_key, plan_id, period, term,
    amount, currency, balance_after, status, refunded, failure, attempts, next_attempt_at, by_user, created_at";

/// The payment columns of table alias `alias`, for a query that joins payments to more.
pub(crate) fn columns_of(alias: &str) -> String {
    PAYMENT_COLUMNS
        .split(',')
        .map(|c| format!("{alias}.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A saved card as the provider describes it: its token for later charges, and what people
/// are shown of it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SavedCard {
    pub token: String,
    pub brand: String,
    pub last4: String,
}

/// The instant a day begins, in UTC (ms): terms change at midnight UTC.
pub fn day_start_ms(day: jiff::civil::Date) -> Result<i64> {
    day.to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_millisecond())
        .map_err(|e| StoreError::Unreadable(format!("day {day}: {e}")))
}

/// The day an instant (ms) falls on, in UTC.
pub fn utc_day(ms: i64) -> Result<jiff::civil::Date> {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
        .map_err(|e| StoreError::Unreadable(format!("instant {ms}: {e}")))
}

/// A renewal that failed: when to try again, or that it gave up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Try again then (ms); paid features last until `grace_until`.
    At { next: i64, grace_until: i64 },
    /// No more attempts: the subscription stops renewing; features last until they end.
    GiveUp,
}

impl Store {
    /// Records a first payment or a switch, pending, before the provider hears of it. Its
    /// idempotency key is its id.
    pub async fn create_payment(&self, p: &NewPayment<'_>) -> Result<PaymentRow> {
        let id = PaymentId::new();
        let now = now_ms();
        with_db!(self, |pool| {
            sqlx::query(
                "INSERT INTO payments (id, workspace_id, provider, kind, idempotency_key, plan_id, period, term, amount, currency,
                    balance_after, status, by_user, consent, consent_at, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $10, 'pending', $11, $12, $13, $14, $14)",
            )
            .bind(id)
            .bind(p.workspace)
            .bind(p.provider)
            .bind(p.kind.as_str())
            .bind(id.to_string())
            .bind(p.plan_id)
            .bind(p.period.as_str())
            .bind(p.amount)
            .bind(p.currency)
            .bind(p.balance_after)
            .bind(p.by_user)
            .bind(p.consent)
            .bind(p.consent.map(|_| now))
            .bind(now)
            .execute(pool)
            .await?;
        });
        self.payment(id).await
    }

    pub async fn payment(&self, id: PaymentId) -> Result<PaymentRow> {
        let sql = format!("SELECT {PAYMENT_COLUMNS} FROM payments WHERE id = $1");
        let row: Option<PaymentRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    /// The payment a provider knows by `provider_id`.
    pub async fn payment_by_provider(
        &self,
        provider: &str,
        provider_id: &str,
    ) -> Result<Option<PaymentRow>> {
        let sql = format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments WHERE provider = $1 AND provider_payment_id = $2"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(provider)
                .bind(provider_id)
                .fetch_optional(pool)
                .await?
        }))
    }

    /// `workspace`'s payments, newest first.
    pub async fn payments_of(&self, workspace: WorkspaceId) -> Result<Vec<PaymentRow>> {
        let sql = format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments WHERE workspace_id = $1 AND (status <> 'pending' OR attempts > 0)
             ORDER BY created_at DESC, id DESC"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(workspace)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Payments begun before `before` (ms) that are still pending with the provider's id:
    /// the payer never came back, or a crash came between the provider and the record.
    /// They are read back from the provider and settled.
    pub async fn stale_payments(&self, before: i64) -> Result<Vec<PaymentRow>> {
        let sql = format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments
             WHERE status = 'pending' AND kind <> 'renewal' AND provider_payment_id IS NOT NULL AND updated_at < $1
             ORDER BY created_at LIMIT 100"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(before)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Notes the provider's id for a payment it has begun.
    pub async fn set_provider_payment(&self, id: PaymentId, provider_id: &str) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query(
                "UPDATE payments SET provider_payment_id = $1, updated_at = $2 WHERE id = $3",
            )
            .bind(provider_id)
            .bind(now_ms())
            .bind(id)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// A pending first payment or switch that the provider declined or the payer abandoned.
    /// True when it was pending.
    pub async fn fail_payment(&self, id: PaymentId, reason: &str) -> Result<bool> {
        let n = with_db!(self, |pool| {
            sqlx::query(
                "UPDATE payments SET status = 'failed', failure = $1, updated_at = $2 WHERE id = $3 AND status = 'pending'",
            )
            .bind(reason)
            .bind(now_ms())
            .bind(id)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(n > 0)
    }

    /// Takes a succeeded payment into its subscription, once: a first payment or a switch
    /// starts a term on the day it is paid (`now`), a renewal moves to the term it paid for.
    /// The card the provider saved becomes the workspace's, and `receipt` is queued. False,
    /// and nothing written, when the payment was settled already: a duplicate notification
    /// or a second instance changes nothing.
    pub async fn settle_payment(
        &self,
        id: PaymentId,
        card: Option<&SavedCard>,
        receipt: Option<&NewMail>,
        now: i64,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let settled = tx
            .conn()
            .settle_payment(&self.plans, id, card, receipt, now)
            .await?;
        if settled {
            tx.commit().await?;
        }
        Ok(settled)
    }

    /// The card `workspace`'s renewals are charged to.
    pub async fn payment_method(&self, workspace: WorkspaceId) -> Result<Option<SavedCard>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT token, brand, last4 FROM payment_methods WHERE workspace_id = $1",
            )
            .bind(workspace)
            .fetch_optional(pool)
            .await?
        }))
    }

    /// Stops (`renews = false`, a cancel) or resumes a paid subscription's renewals, as `by`
    /// asked. Paid features last to the term's end either way; a subscription whose term has
    /// ended cannot be resumed. True when something changed.
    pub async fn set_renews(
        &self,
        workspace: WorkspaceId,
        renews: bool,
        by: Option<UserId>,
    ) -> Result<bool> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let row: Option<(String, String, i64)> = crate::tx::on_conn!(&mut c, |db| {
            sqlx::query_as(
                "UPDATE subscriptions SET renews = $1, updated_at = $2
                 WHERE workspace_id = $3 AND source = 'paid' AND renews <> $1 AND due_at > $2
                 RETURNING plan_id, period, due_at",
            )
            .bind(renews)
            .bind(now)
            .bind(workspace)
            .fetch_optional(&mut **db)
            .await?
        });
        let Some((plan, period, until)) = row else {
            return Ok(false);
        };
        let period = Period::parse(&period).unwrap_or(Period::Month);
        let kind = if renews { "resumed" } else { "canceled" };
        event(&mut c, workspace, kind, &plan, period, until, by, "", now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Makes a pending renewal for each paid subscription whose term has ended by `now` and
    /// renews, charged the plan's price for its period less the balance (`price` gives it, or
    /// `None` for a plan no longer offered: that subscription stops renewing). One per
    /// subscription and term, whoever calls: a second call makes none. The count made.
    pub async fn open_renewals(
        &self,
        now: i64,
        price: impl Fn(&str, Period, &str) -> Option<i64>,
    ) -> Result<u64> {
        let due: Vec<(WorkspaceId, String, String, String, String, i32, i64)> = with_db!(
            self,
            |pool| {
                sqlx::query_as(
                "SELECT workspace_id, plan_id, period, currency, anchor, term, balance FROM subscriptions
                 WHERE renews AND source = 'paid' AND due_at <= $1",
            )
            .bind(now)
            .fetch_all(pool)
            .await?
            }
        );
        let mut made = 0;
        for (workspace, plan, period, currency, anchor, n, balance) in due {
            let Some(period) = Period::parse(&period) else {
                continue;
            };
            let Some(full) = price(&plan, period, &currency) else {
                self.set_renews(workspace, false, None).await?;
                continue;
            };
            let covered = balance.max(0).min(full);
            // A switch starts the terms again from a new anchor, so the anchor and the period
            // are part of the key: the new terms' renewals are not taken for the old ones'.
            let key = format!("renewal-{workspace}-{anchor}-{}-{}", period.as_str(), n + 1);
            let inserted = with_db!(self, |pool| {
                sqlx::query(
                    "INSERT INTO payments (id, workspace_id, provider, kind, idempotency_key, plan_id, period, term, amount, currency,
                        balance_after, status, next_attempt_at, created_at, updated_at)
                     VALUES ($1, $2, COALESCE((SELECT provider FROM payment_methods WHERE workspace_id = $2), ''), 'renewal', $3, $4, $5, $6,
                        $7, $8, $9, 'pending', $10, $10, $10)
                     ON CONFLICT (idempotency_key) DO NOTHING",
                )
                .bind(PaymentId::new())
                .bind(workspace)
                .bind(&key)
                .bind(&plan)
                .bind(period.as_str())
                .bind(i64::from(n) + 1)
                .bind(full - covered)
                .bind(&currency)
                .bind(balance.max(0) - covered)
                .bind(now)
                .execute(pool)
                .await?
                .rows_affected()
            });
            made += inserted;
        }
        Ok(made)
    }

    /// Takes one renewal due at `now` for `lease_ms`, so no other worker charges it
    /// meanwhile, with the card to charge. A renewal whose worker died is taken again once
    /// its lease ends, and charged with the same key: the provider answers with the charge
    /// it made, if it made one.
    pub async fn claim_renewal(
        &self,
        now: i64,
        lease_ms: i64,
    ) -> Result<Option<(PaymentRow, Option<SavedCard>)>> {
        let pick = "SELECT id FROM payments WHERE status = 'pending' AND kind = 'renewal' AND next_attempt_at <= $2
              AND (lease_until IS NULL OR lease_until <= $2) ORDER BY next_attempt_at LIMIT 1";
        let sql = match self.db() {
            crate::Db::Sqlite(_) => format!(
                "UPDATE payments SET lease_until = $1 WHERE id = ({pick}) RETURNING {PAYMENT_COLUMNS}"
            ),
            crate::Db::Postgres(_) => format!(
                "UPDATE payments SET lease_until = $1 WHERE id = ({pick} FOR UPDATE SKIP LOCKED) RETURNING {PAYMENT_COLUMNS}"
            ),
        };
        let row: Option<PaymentRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(now + lease_ms)
                .bind(now)
                .fetch_optional(pool)
                .await?
        });
        let Some(row) = row else { return Ok(None) };
        let card = self.payment_method(row.workspace_id).await?;
        Ok(Some((row, card)))
    }

    /// A renewal's attempt failed for `reason`: tried again as `retry` says, with paid
    /// features kept through the grace, or given up, when the subscription stops renewing.
    /// `mail` tells the payer. False when the renewal was no longer pending.
    pub async fn renewal_failed(
        &self,
        id: PaymentId,
        reason: &str,
        retry: Retry,
        mail: Option<&NewMail>,
    ) -> Result<bool> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let row: Option<(WorkspaceId, String, String)> = crate::tx::on_conn!(&mut c, |db| {
            let q = match retry {
                Retry::At { next, .. } => sqlx::query_as(
                    "UPDATE payments SET attempts = attempts + 1, next_attempt_at = $1, failure = $2, lease_until = NULL, updated_at = $3
                     WHERE id = $4 AND status = 'pending' RETURNING workspace_id, plan_id, period",
                )
                .bind(next),
                Retry::GiveUp => sqlx::query_as(
                    "UPDATE payments SET attempts = attempts + 1, failure = $2, status = 'failed', next_attempt_at = NULL,
                        lease_until = NULL, updated_at = $3
                     WHERE id = $4 AND status = 'pending' AND $1 IS NULL RETURNING workspace_id, plan_id, period",
                )
                .bind(None::<i64>),
            };
            q.bind(reason)
                .bind(now)
                .bind(id)
                .fetch_optional(&mut **db)
                .await?
        });
        let Some((workspace, plan, period)) = row else {
            return Ok(false);
        };
        let period = Period::parse(&period).unwrap_or(Period::Month);
        let (kind, until) = match retry {
            Retry::At { grace_until, .. } => {
                let until: i64 = crate::tx::on_conn!(&mut c, |db| {
                    sqlx::query_scalar(
                        "UPDATE subscriptions SET features_until = CASE WHEN features_until < $1 THEN $1 ELSE features_until END,
                            updated_at = $2 WHERE workspace_id = $3 RETURNING features_until",
                    )
                    .bind(grace_until)
                    .bind(now)
                    .bind(workspace)
                    .fetch_one(&mut **db)
                    .await?
                });
                ("renewal_failed", until)
            }
            Retry::GiveUp => {
                let until: i64 = crate::tx::on_conn!(&mut c, |db| {
                    sqlx::query_scalar(
                        "UPDATE subscriptions SET renews = FALSE, updated_at = $1 WHERE workspace_id = $2 RETURNING features_until",
                    )
                    .bind(now)
                    .bind(workspace)
                    .fetch_one(&mut **db)
                    .await?
                });
                ("lapsed", until)
            }
        };
        event(
            &mut c, workspace, kind, &plan, period, until, None, reason, now,
        )
        .await?;
        if let Some(mail) = mail {
            c.enqueue_mail(mail).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Records a provider's notification; false when it was taken before.
    pub async fn record_webhook(&self, provider: &str, event_id: &str) -> Result<bool> {
        let n = with_db!(self, |pool| {
            sqlx::query(
                "INSERT INTO payment_webhooks (provider, event_id, received_at) VALUES ($1, $2, $3)
                 ON CONFLICT (provider, event_id) DO NOTHING",
            )
            .bind(provider)
            .bind(event_id)
            .bind(now_ms())
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(n > 0)
    }

    /// Whether a provider's notification was taken before.
    pub async fn webhook_seen(&self, provider: &str, event_id: &str) -> Result<bool> {
        let n: i64 = with_db!(self, |pool| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM payment_webhooks WHERE provider = $1 AND event_id = $2",
            )
            .bind(provider)
            .bind(event_id)
            .fetch_one(pool)
            .await?
        });
        Ok(n > 0)
    }
}

/// A payment on the sandbox provider's test page (the sandbox's own record; a real provider
/// keeps these at its end).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SandboxPayment {
    pub id: String,
    pub amount: i64,
    pub currency: String,
    pub description: String,
    pub return_url: String,
    pub save_card: bool,
    /// `pending`, `waiting` (for the confirmation step), `succeeded` or `canceled`.
    pub status: String,
    pub failure: Option<String>,
    pub card_token: Option<String>,
    pub refunded: i64,
}

/// A test card the sandbox saved.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SandboxCard {
    pub token: String,
    pub brand: String,
    pub last4: String,
    /// Charges to it are declined (a card that saves, then fails at renewal).
    pub declines: bool,
}

/// A payment the sandbox is asked to begin.
#[derive(Debug, Clone)]
pub struct NewSandboxPayment<'a> {
    pub key: &'a str,
    pub amount: i64,
    pub currency: &'a str,
    pub description: &'a str,
    pub return_url: &'a str,
    pub save_card: bool,
}

const SANDBOX_COLUMNS: &str = "id, amount, currency, description, return_url, save_card, status, failure, card_token, refunded";

impl Store {
    /// Begins a sandbox payment, or finds the one begun with the same key: a repeated
    /// request makes no second payment.
    pub async fn sandbox_begin(&self, p: &NewSandboxPayment<'_>) -> Result<SandboxPayment> {
        let id = format!("sbx_{}", uuid::Uuid::now_v7().simple());
        let sql =
            format!("SELECT {SANDBOX_COLUMNS} FROM sandbox_payments WHERE idempotency_key = $1");
        Ok(with_db!(self, |pool| {
            sqlx::query(
                "INSERT INTO sandbox_payments (id, idempotency_key, amount, currency, description, return_url, save_card, status, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8) ON CONFLICT (idempotency_key) DO NOTHING",
            )
            .bind(&id)
            .bind(p.key)
            .bind(p.amount)
            .bind(p.currency)
            .bind(p.description)
            .bind(p.return_url)
            .bind(p.save_card)
            .bind(now_ms())
            .execute(pool)
            .await?;
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(p.key)
                .fetch_one(pool)
                .await?
        }))
    }

    pub async fn sandbox_payment(&self, id: &str) -> Result<Option<SandboxPayment>> {
        let sql = format!("SELECT {SANDBOX_COLUMNS} FROM sandbox_payments WHERE id = $1");
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?
        }))
    }

    /// Moves a sandbox payment on from `pending` or `waiting`; false when it had ended.
    pub async fn sandbox_update(
        &self,
        id: &str,
        status: &str,
        failure: Option<&str>,
        card_token: Option<&str>,
    ) -> Result<bool> {
        let n = with_db!(self, |pool| {
            sqlx::query(
                "UPDATE sandbox_payments SET status = $1, failure = $2, card_token = COALESCE($3, card_token)
                 WHERE id = $4 AND status IN ('pending', 'waiting')",
            )
            .bind(status)
            .bind(failure)
            .bind(card_token)
            .bind(id)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(n > 0)
    }

    /// Refunds `amount` of a succeeded sandbox payment, once per `key`: asked again with the
    /// same key, the same refund is answered. False when more than was paid would be
    /// refunded, or the key was used for another payment or amount.
    pub async fn sandbox_refund(&self, id: &str, amount: i64, key: &str) -> Result<bool> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let before: Option<(String, i64)> = crate::tx::on_conn!(&mut c, |db| {
            sqlx::query_as(
                "SELECT payment_id, amount FROM sandbox_refunds WHERE idempotency_key = $1",
            )
            .bind(key)
            .fetch_optional(&mut **db)
            .await?
        });
        if let Some((payment, was)) = before {
            return Ok(payment == id && was == amount);
        }
        let n = crate::tx::on_conn!(&mut c, |db| {
            // Two at once with one key: the second finds the first's row and refunds nothing.
            let fresh = sqlx::query(
                "INSERT INTO sandbox_refunds (idempotency_key, payment_id, amount, created_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (idempotency_key) DO NOTHING",
            )
            .bind(key)
            .bind(id)
            .bind(amount)
            .bind(now_ms())
            .execute(&mut **db)
            .await?
            .rows_affected();
            if fresh == 0 {
                return Ok(true);
            }
            sqlx::query(
                "UPDATE sandbox_payments SET refunded = refunded + $1
                 WHERE id = $2 AND status = 'succeeded' AND refunded + $1 <= amount",
            )
            .bind(amount)
            .bind(id)
            .execute(&mut **db)
            .await?
            .rows_affected()
        });
        if n > 0 {
            tx.commit().await?;
        }
        Ok(n > 0)
    }

    pub async fn sandbox_save_card(&self, card: &SandboxCard) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query(
                "INSERT INTO sandbox_cards (token, brand, last4, declines, created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&card.token)
            .bind(&card.brand)
            .bind(&card.last4)
            .bind(card.declines)
            .bind(now_ms())
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    pub async fn sandbox_card(&self, token: &str) -> Result<Option<SandboxCard>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT token, brand, last4, declines FROM sandbox_cards WHERE token = $1",
            )
            .bind(token)
            .fetch_optional(pool)
            .await?
        }))
    }
}

impl crate::Conn<'_> {
    /// [`Store::settle_payment`] in the caller's transaction (a transfer marked paid settles
    /// with its invoice).
    pub(crate) async fn settle_payment(
        &mut self,
        book: &crate::billing::PlanBook,
        id: PaymentId,
        card: Option<&SavedCard>,
        receipt: Option<&NewMail>,
        now: i64,
    ) -> Result<bool> {
        let postgres = matches!(self, crate::Conn::Postgres(_));
        // When it is recorded; `now` is when it counts as paid.
        let at = now_ms();
        let lock = if postgres { " FOR UPDATE" } else { "" };
        let sql = format!("SELECT {PAYMENT_COLUMNS} FROM payments WHERE id = $1{lock}");
        let p: PaymentRow = crate::tx::on_conn!(self, |db| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(&mut **db)
                .await?
        })
        .ok_or(StoreError::NotFound)?;
        if p.status != "pending" {
            return Ok(false);
        }
        let period = p.period()?;
        // The paid subscription: its anchor, the end of its term and its balance.
        let sub: Option<(String, i64, i64)> = crate::tx::on_conn!(self, |db| {
            sqlx::query_as(
                "SELECT anchor, due_at, balance FROM subscriptions WHERE workspace_id = $1 AND source = 'paid'",
            )
            .bind(p.workspace_id)
            .fetch_optional(&mut **db)
            .await?
        });
        // The term the payment starts or pays for, or none when it only adds to the balance.
        let (starts, kind) = match (p.kind(), &sub) {
            (PaymentKind::Renewal, Some((anchor, _, _))) => {
                let anchor: jiff::civil::Date = anchor
                    .parse()
                    .map_err(|e| StoreError::Unreadable(format!("anchor {anchor}: {e}")))?;
                (
                    Some((anchor, u32::try_from(p.term).unwrap_or(0))),
                    "renewed",
                )
            }
            // A second first payment while a paid term lasts (two tabs, say) takes nothing
            // away: what it paid goes to the balance.
            (PaymentKind::First, Some((_, due, balance))) if *due > now => {
                crate::tx::on_conn!(self, |db| {
                    sqlx::query("UPDATE subscriptions SET balance = $1, updated_at = $2 WHERE workspace_id = $3")
                        .bind(balance + p.amount)
                        .bind(at)
                        .bind(p.workspace_id)
                        .execute(&mut **db)
                        .await?;
                    sqlx::query("UPDATE payments SET credited = TRUE WHERE id = $1")
                        .bind(p.id)
                        .execute(&mut **db)
                        .await?;
                });
                (None, "credited")
            }
            (PaymentKind::Switch, _) => (Some((utc_day(now)?, 0)), "switched"),
            _ => (Some((utc_day(now)?, 0)), "paid"),
        };
        let until = match starts {
            None => sub.as_ref().map_or(now, |s| s.1),
            Some((anchor, n)) => {
                let t =
                    term(anchor, period, n).map_err(|e| StoreError::Unreadable(e.to_string()))?;
                let end = day_start_ms(t.end)?;
                crate::tx::on_conn!(self, |db| {
                    sqlx::query(
                        "INSERT INTO subscriptions (workspace_id, plan_id, period, currency, anchor, term, paid_until, due_at,
                            features_until, renews, source, balance, created_at, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, TRUE, 'paid', $9, $10, $10)
                         ON CONFLICT (workspace_id) DO UPDATE SET plan_id = $2, period = $3, currency = $4, anchor = $5,
                            term = $6, paid_until = $7, due_at = $8, features_until = $8, renews = TRUE, source = 'paid',
                            balance = $9, updated_at = $10",
                    )
                    .bind(p.workspace_id)
                    .bind(&p.plan_id)
                    .bind(period.as_str())
                    .bind(&p.currency)
                    .bind(anchor.to_string())
                    .bind(i32::try_from(n).unwrap_or(i32::MAX))
                    .bind(t.end.to_string())
                    .bind(end)
                    .bind(p.balance_after)
                    .bind(at)
                    .execute(&mut **db)
                    .await?;
                    // A new term paid by the payer (after a declined renewal, say) ends the
                    // renewal still being retried: it is not charged as well.
                    if p.kind() != PaymentKind::Renewal {
                        sqlx::query(
                            "UPDATE payments SET status = 'failed', failure = 'superseded', lease_until = NULL, next_attempt_at = NULL,
                                updated_at = $1 WHERE workspace_id = $2 AND kind = 'renewal' AND status = 'pending'",
                        )
                        .bind(at)
                        .bind(p.workspace_id)
                        .execute(&mut **db)
                        .await?;
                    }
                });
                end
            }
        };
        crate::tx::on_conn!(self, |db| {
            sqlx::query(
                "UPDATE payments SET status = 'succeeded', failure = NULL, lease_until = NULL, next_attempt_at = NULL, updated_at = $1 WHERE id = $2",
            )
            .bind(at)
            .bind(id)
            .execute(&mut **db)
            .await?;
            if let Some(card) = card {
                sqlx::query(
                    "INSERT INTO payment_methods (workspace_id, provider, token, brand, last4, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6)
                     ON CONFLICT (workspace_id) DO UPDATE SET provider = $2, token = $3, brand = $4, last4 = $5, created_at = $6",
                )
                .bind(p.workspace_id)
                .bind(&p.provider)
                .bind(&card.token)
                .bind(&card.brand)
                .bind(&card.last4)
                .bind(at)
                .execute(&mut **db)
                .await?;
            }
        });
        if starts.is_some() {
            // A paid plan with more room makes held sessions active again.
            self.fit_holds(book, p.workspace_id, now, true).await?;
        }
        event(
            self,
            p.workspace_id,
            kind,
            &p.plan_id,
            period,
            until,
            p.by_user,
            "",
            at,
        )
        .await?;
        if let Some(mail) = receipt {
            self.enqueue_mail(mail).await?;
        }
        Ok(true)
    }
}
