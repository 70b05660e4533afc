//! Plans paid by bank transfer: an organisation's details, kept for its team's next invoice,
//! and numbered invoices. Numbers run without gaps across the installation (the next is taken
//! in the transaction that issues the invoice). An administrator marks an invoice paid when
//! the transfer arrives; its term starts then, in the same transaction, as a card payment's
//! does, and it does not renew by itself.

use crate::payments::PaymentKind;
use crate::{NewMail, Result, Store, StoreError, now_ms, with_db};
use domain::plan::Period;
use domain::{InvoiceId, PaymentId, UserId, WorkspaceId};
use serde::{Deserialize, Serialize};

/// An organisation's legal and bank details, as an invoice names its buyer. Checked by the
/// caller (`domain::requisites`) before they are stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub name: String,
    /// "ООО", "АО", "ИП"…
    pub legal_form: String,
    pub inn: String,
    /// Empty for a sole trader.
    pub kpp: String,
    pub ogrn: String,
    pub address: String,
    pub bank: String,
    pub bik: String,
    pub account: String,
    pub correspondent_account: String,
    /// Who signs for it, and the document that gives them the authority ("the Charter").
    pub head: String,
    pub authority: String,
}

/// An invoice as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct InvoiceRow {
    pub id: InvoiceId,
    /// Its number, from 1, without gaps across the installation.
    pub number: i64,
    /// None once the workspace is gone (the invoice is kept).
    pub workspace_id: Option<WorkspaceId>,
    pub workspace_name: Option<String>,
    pub plan_id: String,
    period: String,
    pub amount: i64,
    pub currency: String,
    buyer: String,
    /// `issued`, `paid` or `canceled`.
    pub status: String,
    pub issued_at: i64,
    pub payment_id: Option<PaymentId>,
    /// The term it paid for: its first day and the day after it (`YYYY-MM-DD`).
    pub term_start: Option<String>,
    pub term_end: Option<String>,
    pub paid_at: Option<i64>,
    pub paid_by: Option<UserId>,
    pub paid_note: String,
}

impl InvoiceRow {
    pub fn period(&self) -> Result<Period> {
        Period::parse(&self.period)
            .ok_or_else(|| StoreError::Unreadable(format!("invoice period {:?}", self.period)))
    }

    /// The buyer as the invoice was issued.
    pub fn buyer(&self) -> Result<Organisation> {
        serde_json::from_str(&self.buyer)
            .map_err(|e| StoreError::Unreadable(format!("invoice {} buyer: {e}", self.number)))
    }
}

/// An invoice to issue.
#[derive(Debug, Clone)]
pub struct NewInvoice<'a> {
    pub workspace: WorkspaceId,
    pub plan_id: &'a str,
    pub period: Period,
    pub amount: i64,
    pub currency: &'a str,
    pub buyer: &'a Organisation,
    pub by: UserId,
}

const INVOICE_COLUMNS: &str = "i.id, i.number, i.workspace_id, w.name AS workspace_name, i.plan_id, i.period, i.amount, i.currency, i.buyer, i.status,
    i.issued_at, i.payment_id, i.term_start, i.term_end, i.paid_at, i.paid_by, i.paid_note";

fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Unreadable(e.to_string()))
}

impl Store {
    /// Keeps `workspace`'s organisation details for its next invoice.
    pub async fn save_organisation(&self, workspace: WorkspaceId, o: &Organisation) -> Result<()> {
        let details = json(o)?;
        with_db!(self, |pool| {
            sqlx::query(
                "INSERT INTO organisations (workspace_id, details, updated_at) VALUES ($1, $2, $3)
                 ON CONFLICT (workspace_id) DO UPDATE SET details = $2, updated_at = $3",
            )
            .bind(workspace)
            .bind(&details)
            .bind(now_ms())
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The organisation details `workspace` gave last, if any.
    pub async fn organisation(&self, workspace: WorkspaceId) -> Result<Option<Organisation>> {
        let details: Option<String> = with_db!(self, |pool| {
            sqlx::query_scalar("SELECT details FROM organisations WHERE workspace_id = $1")
                .bind(workspace)
                .fetch_optional(pool)
                .await?
        });
        details
            .map(|d| {
                serde_json::from_str(&d)
                    .map_err(|e| StoreError::Unreadable(format!("organisation: {e}")))
            })
            .transpose()
    }

    /// Issues an invoice under the next number.
    pub async fn issue_invoice(&self, new: &NewInvoice<'_>) -> Result<InvoiceRow> {
        let id = InvoiceId::new();
        let buyer = json(new.buyer)?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        crate::tx::on_conn!(&mut c, |db| {
            // The row lock (an UPDATE) makes issuers take turns on both backends.
            let number: i64 = sqlx::query_scalar(
                "UPDATE invoice_numbers SET last = last + 1 WHERE id = 1 RETURNING last",
            )
            .fetch_one(&mut **db)
            .await?;
            sqlx::query(
                "INSERT INTO invoices (id, number, workspace_id, plan_id, period, amount, currency, buyer, status, issued_by, issued_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'issued', $9, $10)",
            )
            .bind(id)
            .bind(number)
            .bind(new.workspace)
            .bind(new.plan_id)
            .bind(new.period.as_str())
            .bind(new.amount)
            .bind(new.currency)
            .bind(&buyer)
            .bind(new.by)
            .bind(now_ms())
            .execute(&mut **db)
            .await?;
        });
        tx.commit().await?;
        self.invoice(id).await
    }

    pub async fn invoice(&self, id: InvoiceId) -> Result<InvoiceRow> {
        let sql = format!(
            "SELECT {INVOICE_COLUMNS} FROM invoices i LEFT JOIN workspaces w ON w.id = i.workspace_id WHERE i.id = $1"
        );
        let row: Option<InvoiceRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    /// `workspace`'s invoices, newest first.
    pub async fn invoices_of(&self, workspace: WorkspaceId) -> Result<Vec<InvoiceRow>> {
        let sql = format!(
            "SELECT {INVOICE_COLUMNS} FROM invoices i LEFT JOIN workspaces w ON w.id = i.workspace_id
             WHERE i.workspace_id = $1 ORDER BY i.number DESC"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(workspace)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Every invoice for the administrators: the unpaid first, then the rest, newest first.
    pub async fn all_invoices(&self, limit: i64) -> Result<Vec<InvoiceRow>> {
        let sql = format!(
            "SELECT {INVOICE_COLUMNS} FROM invoices i LEFT JOIN workspaces w ON w.id = i.workspace_id
             ORDER BY CASE WHEN i.status = 'issued' THEN 0 ELSE 1 END, i.number DESC LIMIT $1"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Records that the transfer for invoice `id` arrived, as administrator `by` saw it
    /// (`note`: the payment order, say): the invoice's term starts `now`, as a payment's,
    /// with its history entry and `receipt`, and it does not renew by itself. False, and
    /// nothing written, for an invoice paid or canceled before.
    pub async fn mark_invoice_paid(
        &self,
        id: InvoiceId,
        by: UserId,
        note: &str,
        receipt: Option<&NewMail>,
        now: i64,
    ) -> Result<bool> {
        let postgres = matches!(self.db(), crate::Db::Postgres(_));
        let lock = if postgres { " FOR UPDATE" } else { "" };
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let sql = format!(
            "SELECT workspace_id, plan_id, period, amount, currency FROM invoices WHERE id = $1 AND status = 'issued'{lock}"
        );
        let row: Option<(Option<WorkspaceId>, String, String, i64, String)> =
            crate::tx::on_conn!(&mut c, |db| {
                sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(id)
                    .fetch_optional(&mut **db)
                    .await?
            });
        let Some((Some(workspace), plan, period, amount, currency)) = row else {
            return Ok(false);
        };
        let payment = PaymentId::new();
        crate::tx::on_conn!(&mut c, |db| {
            sqlx::query(
                "INSERT INTO payments (id, workspace_id, provider, kind, idempotency_key, plan_id, period, term, amount, currency,
                    balance_after, status, by_user, created_at, updated_at)
                 VALUES ($1, $2, 'transfer', $3, $4, $5, $6, 0, $7, $8,
                    COALESCE((SELECT balance FROM subscriptions WHERE workspace_id = $2), 0), 'pending', $9, $10, $10)",
            )
            .bind(payment)
            .bind(workspace)
            .bind(PaymentKind::First.as_str())
            .bind(format!("invoice-{id}"))
            .bind(&plan)
            .bind(&period)
            .bind(amount)
            .bind(&currency)
            .bind(by)
            .bind(now_ms())
            .execute(&mut **db)
            .await?;
        });
        c.settle_payment(&self.plans, payment, None, receipt, now)
            .await?;
        crate::tx::on_conn!(&mut c, |db| {
            // A transfer is paid for each term by hand: nothing renews by itself.
            let (start, end): (String, String) = sqlx::query_as(
                "UPDATE subscriptions SET renews = FALSE WHERE workspace_id = $1 RETURNING anchor, paid_until",
            )
            .bind(workspace)
            .fetch_one(&mut **db)
            .await?;
            sqlx::query(
                "UPDATE invoices SET status = 'paid', payment_id = $1, term_start = $2, term_end = $3, paid_at = $4,
                    paid_by = $5, paid_note = $6 WHERE id = $7",
            )
            .bind(payment)
            .bind(start)
            .bind(end)
            .bind(now)
            .bind(by)
            .bind(note)
            .bind(id)
            .execute(&mut **db)
            .await?;
        });
        tx.commit().await?;
        Ok(true)
    }
}
