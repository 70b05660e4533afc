//! What the administrators' billing console reads and does: the workspaces and their plans,
//! the payments across the installation, refunds, and the accounts that share a phone number
//! (one free account per person is the rule; nothing enforces it, people look).

use crate::billing::event;
use crate::payments::PaymentRow;
use crate::{NewMail, Result, Store, StoreError, with_db};
use domain::{PaymentId, UserId, WorkspaceId};

/// A workspace as the console lists it: its owner and, when it has one, its subscription.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct WorkspacePlan {
    pub id: WorkspaceId,
    pub name: String,
    /// `personal` or `team`.
    pub kind: String,
    pub owner_email: String,
    pub plan_id: Option<String>,
    pub period: Option<String>,
    /// `paid` or `granted`.
    pub source: Option<String>,
    pub features_until: Option<i64>,
    pub renews: Option<bool>,
    pub balance: Option<i64>,
    pub currency: Option<String>,
    /// When the current term ends (ms): past it, with `renews`, a renewal is being retried.
    pub due_at: Option<i64>,
}

/// A payment with the name of the workspace it is for.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PaymentOverview {
    #[sqlx(flatten)]
    pub payment: PaymentRow,
    pub workspace_name: String,
}

/// One account of a group that gives the same phone number.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PhoneHolder {
    pub phone: String,
    pub user_id: UserId,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub email_confirmed_at: Option<i64>,
    pub created_at: i64,
}

/// A refund an administrator decided.
#[derive(Debug, Clone)]
pub struct Refund<'a> {
    pub payment: PaymentId,
    /// Minor units, at most what is left of the payment.
    pub amount: i64,
    /// What had been given back when the administrator asked: a refund decided on a stale
    /// page is refused rather than made twice.
    pub refunded_before: i64,
    pub by: UserId,
    pub reason: &'a str,
    /// End the workspace's paid features now (and stop renewals) as well.
    pub end_plan: bool,
    /// The payer is told.
    pub mail: Option<&'a NewMail>,
    pub now: i64,
}

impl Store {
    /// Workspaces whose name or owner's email holds `query`, with their plans; with an empty
    /// query, those that have or had a subscription. Paying ones first, then by name.
    pub async fn workspace_plans(&self, query: &str, limit: i64) -> Result<Vec<WorkspacePlan>> {
        let all = query.trim().is_empty();
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT w.id, w.name, w.kind, u.email AS owner_email, s.plan_id, s.period, s.source,
                    s.features_until, s.renews, s.balance, s.currency, s.due_at
                 FROM workspaces w JOIN users u ON u.id = w.owner_id
                 LEFT JOIN subscriptions s ON s.workspace_id = w.id
                 WHERE ($1 AND s.workspace_id IS NOT NULL)
                    OR (NOT $1 AND (LOWER(w.name) LIKE $2 ESCAPE '\\' OR LOWER(u.email) LIKE $2 ESCAPE '\\'))
                 ORDER BY CASE WHEN s.workspace_id IS NULL THEN 1 ELSE 0 END, s.features_until DESC, w.name, w.id
                 LIMIT $3",
            )
            .bind(all)
            .bind(crate::like_contains(query))
            .bind(limit)
            .fetch_all(pool)
            .await?
        }))
    }

    /// One workspace as the console shows it.
    pub async fn workspace_plan(&self, workspace: WorkspaceId) -> Result<WorkspacePlan> {
        with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT w.id, w.name, w.kind, u.email AS owner_email, s.plan_id, s.period, s.source,
                    s.features_until, s.renews, s.balance, s.currency, s.due_at
                 FROM workspaces w JOIN users u ON u.id = w.owner_id
                 LEFT JOIN subscriptions s ON s.workspace_id = w.id
                 WHERE w.id = $1",
            )
            .bind(workspace)
            .fetch_optional(pool)
            .await?
        })
        .ok_or(StoreError::NotFound)
    }

    /// The installation's latest payments that reached the provider or ended, newest first.
    pub async fn recent_payments(&self, limit: i64) -> Result<Vec<PaymentOverview>> {
        let sql = format!(
            "SELECT {}, w.name AS workspace_name FROM payments p JOIN workspaces w ON w.id = p.workspace_id
             WHERE p.status <> 'pending' OR p.attempts > 0 OR p.provider_payment_id IS NOT NULL
             ORDER BY p.created_at DESC, p.id DESC LIMIT $1",
            crate::payments::columns_of("p")
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Accounts that give a phone number another account gives too, grouped by the number,
    /// the oldest account of each group first.
    pub async fn shared_phones(&self, limit: i64) -> Result<Vec<PhoneHolder>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT phone, id AS user_id, email, first_name, last_name, email_confirmed_at, created_at
                 FROM users
                 WHERE phone IN (SELECT phone FROM users WHERE phone IS NOT NULL AND phone <> ''
                                 GROUP BY phone HAVING COUNT(*) > 1)
                 ORDER BY phone, created_at, id LIMIT $1",
            )
            .bind(limit)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Records a refund the provider has made (or, for a bank transfer, that the money was
    /// sent back): the payment's refunded amount grows, in whole it becomes `refunded`; the
    /// workspace's history says who and why; with `end_plan` its paid features end now and
    /// nothing renews. False, and nothing written, when the payment is not one that was paid,
    /// the amount is more than is left, or another refund was recorded since the
    /// administrator looked.
    pub async fn refund_payment(&self, r: &Refund<'_>) -> Result<bool> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let row: Option<(WorkspaceId, String, String, bool)> = crate::tx::on_conn!(&mut c, |db| {
            sqlx::query_as(
                "UPDATE payments SET refunded = refunded + $1,
                    status = CASE WHEN refunded + $1 >= amount THEN 'refunded' ELSE status END,
                    updated_at = $2
                 WHERE id = $3 AND status = 'succeeded' AND refunded = $4 AND $1 > 0 AND refunded + $1 <= amount
                 RETURNING workspace_id, plan_id, period, credited",
            )
            .bind(r.amount)
            .bind(r.now)
            .bind(r.payment)
            .bind(r.refunded_before)
            .fetch_optional(&mut **db)
            .await?
        });
        let Some((workspace, plan, period, credited)) = row else {
            return Ok(false);
        };
        // What went to the balance comes back off it (down to nothing: what was spent of it
        // paid for terms).
        if credited {
            crate::tx::on_conn!(&mut c, |db| {
                sqlx::query(
                    "UPDATE subscriptions SET balance = CASE WHEN balance > $1 THEN balance - $1 ELSE 0 END, updated_at = $2
                     WHERE workspace_id = $3",
                )
                .bind(r.amount)
                .bind(r.now)
                .bind(workspace)
                .execute(&mut **db)
                .await?;
            });
        }
        let period = domain::plan::Period::parse(&period)
            .ok_or_else(|| StoreError::Unreadable(format!("payment period {period:?}")))?;
        let until: Option<i64> = if r.end_plan {
            crate::tx::on_conn!(&mut c, |db| {
                let until = sqlx::query_scalar(
                    "UPDATE subscriptions SET
                        features_until = CASE WHEN features_until > $1 THEN $1 ELSE features_until END,
                        due_at = CASE WHEN due_at > $1 THEN $1 ELSE due_at END,
                        renews = FALSE, updated_at = $1
                     WHERE workspace_id = $2 RETURNING features_until",
                )
                .bind(r.now)
                .bind(workspace)
                .fetch_optional(&mut **db)
                .await?;
                // A renewal waiting to be tried again would start the plan again: it is over.
                sqlx::query(
                    "UPDATE payments SET status = 'failed', failure = 'ended', next_attempt_at = NULL, lease_until = NULL,
                        updated_at = $1
                     WHERE workspace_id = $2 AND kind = 'renewal' AND status = 'pending'",
                )
                .bind(r.now)
                .bind(workspace)
                .execute(&mut **db)
                .await?;
                until
            })
        } else {
            None
        };
        let features_until = match until {
            Some(t) => t,
            None => crate::tx::on_conn!(&mut c, |db| {
                sqlx::query_scalar(
                    "SELECT features_until FROM subscriptions WHERE workspace_id = $1",
                )
                .bind(workspace)
                .fetch_optional(&mut **db)
                .await?
                .unwrap_or(r.now)
            }),
        };
        let kind = if r.end_plan {
            "refunded_ended"
        } else {
            "refunded"
        };
        event(
            &mut c,
            workspace,
            kind,
            &plan,
            period,
            features_until,
            Some(r.by),
            r.reason,
            r.now,
        )
        .await?;
        if let Some(mail) = r.mail {
            c.enqueue_mail(mail).await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}

impl Store {
    /// Moves `workspace`'s billing `days` into the past (its terms, payments, retries and
    /// history), as if that many days had gone by. For test mode only, where payments go to
    /// the sandbox (the command line refuses it otherwise): it lets a person watch a renewal,
    /// its retries and the grace run their course in minutes.
    pub async fn age_billing(&self, workspace: WorkspaceId, days: i64) -> Result<()> {
        let ms = days * crate::DAY_MS;
        let back = |day: &str| -> Result<String> {
            let d: jiff::civil::Date = day
                .parse()
                .map_err(|e| StoreError::Unreadable(format!("day {day:?}: {e}")))?;
            d.checked_sub(jiff::Span::new().days(days))
                .map(|d| d.to_string())
                .map_err(|e| StoreError::Unreadable(format!("day {day:?}: {e}")))
        };
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let dates: Option<(String, String)> = crate::tx::on_conn!(&mut c, |db| {
            sqlx::query_as("SELECT anchor, paid_until FROM subscriptions WHERE workspace_id = $1")
                .bind(workspace)
                .fetch_optional(&mut **db)
                .await?
        });
        if let Some((old_anchor, paid_until)) = dates {
            let (anchor, paid_until) = (back(&old_anchor)?, back(&paid_until)?);
            crate::tx::on_conn!(&mut c, |db| {
                // A renewal's key names its terms' anchor: moved with it, the renewal already
                // made for a term is still the one for that term.
                sqlx::query(
                    "UPDATE payments SET idempotency_key = REPLACE(idempotency_key, $1, $2)
                     WHERE workspace_id = $3 AND kind = 'renewal'",
                )
                .bind(format!("-{old_anchor}-"))
                .bind(format!("-{anchor}-"))
                .bind(workspace)
                .execute(&mut **db)
                .await?;
                sqlx::query(
                    "UPDATE subscriptions SET anchor = $1, paid_until = $2, due_at = due_at - $3,
                        features_until = features_until - $3, created_at = created_at - $3, updated_at = updated_at - $3
                     WHERE workspace_id = $4",
                )
                .bind(anchor)
                .bind(paid_until)
                .bind(ms)
                .bind(workspace)
                .execute(&mut **db)
                .await?;
            });
        }
        crate::tx::on_conn!(&mut c, |db| {
            sqlx::query(
                "UPDATE payments SET created_at = created_at - $1, updated_at = updated_at - $1,
                    next_attempt_at = next_attempt_at - $1, lease_until = NULL
                 WHERE workspace_id = $2",
            )
            .bind(ms)
            .bind(workspace)
            .execute(&mut **db)
            .await?;
            sqlx::query("UPDATE subscription_events SET created_at = created_at - $1 WHERE workspace_id = $2")
                .bind(ms)
                .bind(workspace)
                .execute(&mut **db)
                .await?;
        });
        tx.commit().await?;
        Ok(())
    }
}
