//! The email outbox: every email is a row written in the same transaction as the change that
//! caused it, and a `send_mail` job that delivers it.

use crate::{Result, Store, StoreError, now_ms, with_db};
use domain::MailId;
use serde::{Deserialize, Serialize};

/// An email ready to be queued; its text is already rendered in the recipient's language.
#[derive(Debug, Clone)]
pub struct NewMail {
    pub to: String,
    /// The account the email is written to, when the address is one's: the email is deleted
    /// with the account.
    pub user: Option<domain::UserId>,
    /// The person whose name or words the email carries (an inviter, a commenter): the email
    /// is deleted with them too.
    pub sender: Option<domain::UserId>,
    pub locale: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    /// An advertising email's one-click unsubscribe address (RFC 8058); `None` for an
    /// informational one.
    pub unsubscribe: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailStatus {
    /// Waiting for the worker.
    Pending,
    /// Handed to the SMTP server.
    Sent,
    /// No SMTP configured: kept for administrators to read at /admin/mail.
    Kept,
    /// Gave up after the last retry.
    Failed,
}

impl MailStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Kept => "kept",
            Self::Failed => "failed",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "sent" => Self::Sent,
            "kept" => Self::Kept,
            "failed" => Self::Failed,
            _ => Self::Pending,
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct MailRow {
    id: MailId,
    to_addr: String,
    locale: String,
    subject: String,
    text_body: String,
    html_body: String,
    status: String,
    error: Option<String>,
    created_at: i64,
    sent_at: Option<i64>,
    unsubscribe_url: Option<String>,
}

/// A stored email.
#[derive(Debug, Clone)]
pub struct Mail {
    pub id: MailId,
    pub to: String,
    pub locale: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub status: MailStatus,
    pub error: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    /// The one-click unsubscribe address of an advertising email.
    pub unsubscribe: Option<String>,
}

impl From<MailRow> for Mail {
    fn from(r: MailRow) -> Self {
        Self {
            id: r.id,
            to: r.to_addr,
            locale: r.locale,
            subject: r.subject,
            text_body: r.text_body,
            html_body: r.html_body,
            status: MailStatus::parse(&r.status),
            error: r.error,
            created_at: r.created_at,
            sent_at: r.sent_at,
            unsubscribe: r.unsubscribe_url,
        }
    }
}

const MAIL_COLUMNS: &str = "id, to_addr, locale, subject, text_body, html_body, status, error, created_at, sent_at, unsubscribe_url";

impl Store {
    /// Queues an email on its own.
    pub async fn enqueue_mail(&self, mail: &NewMail) -> Result<MailId> {
        let mut tx = self.begin().await?;
        let id = tx.conn().enqueue_mail(mail).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn mail(&self, id: MailId) -> Result<Mail> {
        let sql = format!("SELECT {MAIL_COLUMNS} FROM outbox WHERE id = $1");
        let row: Option<MailRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        row.map(Mail::from).ok_or(StoreError::NotFound)
    }

    /// The newest emails first, for /admin/mail.
    pub async fn recent_mail(&self, limit: i64) -> Result<Vec<Mail>> {
        let sql =
            format!("SELECT {MAIL_COLUMNS} FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1");
        let rows: Vec<MailRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(limit)
                .fetch_all(pool)
                .await?
        });
        Ok(rows.into_iter().map(Mail::from).collect())
    }

    pub async fn set_mail_status(
        &self,
        id: MailId,
        status: MailStatus,
        error: Option<&str>,
    ) -> Result<()> {
        let sent_at = matches!(status, MailStatus::Sent | MailStatus::Kept).then(now_ms);
        with_db!(self, |pool| {
            sqlx::query("UPDATE outbox SET status = $1, error = $2, sent_at = $3 WHERE id = $4")
                .bind(status.as_str())
                .bind(error)
                .bind(sent_at)
                .bind(id)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// How many emails are in each status, for metrics.
    pub async fn outbox_counts(&self) -> Result<Vec<(String, i64)>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as("SELECT status, COUNT(*) FROM outbox GROUP BY status")
                .fetch_all(pool)
                .await?
        }))
    }
}
