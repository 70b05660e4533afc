//! What messages a person refuses (advertising emails, personalised advertising) and the
//! advertising emails administrators send: recorded, then queued for everyone who has not
//! refused them, a batch at a time, each in its recipient's language.

use crate::{NewJob, NewMail, Result, Store, now_ms, with_db};
use domain::job::JobKind;
use domain::{NewsletterId, UserId};

/// A person's choices about advertising.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MessageChoices {
    /// No advertising email (news, offers).
    pub refuses_advertising: bool,
    /// No advertising chosen for them from what is known of them.
    pub refuses_personalised: bool,
}

/// An advertising email in both languages, as an administrator wrote it.
#[derive(Debug, Clone)]
pub struct NewNewsletter {
    pub subject_en: String,
    pub body_en: String,
    pub subject_ru: String,
    pub body_ru: String,
    pub sent_by: UserId,
    /// The sending form's one-time key.
    pub request_key: String,
    /// For the announcement of a legal document's new version: the path of that version. Such
    /// an email is informational: it goes to every confirmed address, with no unsubscribe link.
    pub legal_link: Option<String>,
}

/// A sent (or sending) advertising email.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NewsletterRow {
    pub id: NewsletterId,
    pub subject_en: String,
    pub body_en: String,
    pub subject_ru: String,
    pub body_ru: String,
    pub sent_by: Option<UserId>,
    /// Emails queued so far.
    pub queued: i64,
    pub last_user_id: Option<UserId>,
    pub finished_at: Option<i64>,
    pub created_at: i64,
    /// `advertising`, or `legal` for the announcement of a legal document's new version.
    pub kind: String,
    /// A legal announcement's new version (a path).
    pub link: Option<String>,
}

impl NewsletterRow {
    /// An announcement of a legal document's new version, not advertising.
    pub fn is_legal(&self) -> bool {
        self.kind == "legal"
    }
}

/// Someone an advertising email goes to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Recipient {
    pub id: UserId,
    pub email: String,
    pub first_name: String,
    pub locale: String,
}

impl crate::User {
    /// The person's choices about advertising.
    pub fn message_choices(&self) -> MessageChoices {
        MessageChoices {
            refuses_advertising: self.refuses_advertising,
            refuses_personalised: self.refuses_personalised,
        }
    }
}

const NEWSLETTER_COLUMNS: &str = "id, subject_en, body_en, subject_ru, body_ru, sent_by, queued, last_user_id, finished_at, created_at, kind, link";

impl Store {
    pub async fn set_message_choices(&self, user: UserId, choices: MessageChoices) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query(
                "UPDATE users SET refuses_advertising = $1, refuses_personalised = $2, updated_at = $3
                 WHERE id = $4",
            )
            .bind(choices.refuses_advertising)
            .bind(choices.refuses_personalised)
            .bind(now_ms())
            .bind(user)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Refuses advertising emails for `user` (an unsubscribe link); `false` when there is no
    /// such person.
    pub async fn refuse_advertising(&self, user: UserId) -> Result<bool> {
        let changed = with_db!(self, |pool| {
            sqlx::query(
                "UPDATE users SET refuses_advertising = TRUE, updated_at = $1 WHERE id = $2",
            )
            .bind(now_ms())
            .bind(user)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(changed > 0)
    }

    /// Records a newsletter and the job that queues it, together. The same form sent twice
    /// (its request key) records one newsletter: the first one's id.
    pub async fn create_newsletter(&self, n: &NewNewsletter) -> Result<NewsletterId> {
        let mut tx = self.begin().await?;
        let created = tx.conn().insert_newsletter(n).await?;
        let Some(id) = created else {
            drop(tx);
            let sql = "SELECT id FROM newsletters WHERE request_key = $1";
            return Ok(with_db!(self, |pool| {
                sqlx::query_scalar(sql)
                    .bind(&n.request_key)
                    .fetch_one(pool)
                    .await?
            }));
        };
        tx.commit().await?;
        Ok(id)
    }

    /// Whether an outbox email is advertising to someone who has refused it since it was
    /// queued: it is then not sent.
    pub async fn advertising_refused(&self, mail: domain::MailId) -> Result<bool> {
        Ok(with_db!(self, |pool| {
            sqlx::query_scalar::<_, bool>(
                "SELECT u.refuses_advertising FROM outbox o JOIN users u ON u.id = o.user_id
                 WHERE o.id = $1 AND o.unsubscribe_url IS NOT NULL",
            )
            .bind(mail)
            .fetch_optional(pool)
            .await?
            .unwrap_or(false)
        }))
    }

    pub async fn newsletter(&self, id: NewsletterId) -> Result<NewsletterRow> {
        let sql = format!("SELECT {NEWSLETTER_COLUMNS} FROM newsletters WHERE id = $1");
        with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?
                .ok_or(crate::StoreError::NotFound)
        })
    }

    /// The latest newsletters, newest first.
    pub async fn newsletters(&self, limit: i64) -> Result<Vec<NewsletterRow>> {
        let sql = format!(
            "SELECT {NEWSLETTER_COLUMNS} FROM newsletters ORDER BY created_at DESC, id DESC LIMIT $1"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }

    /// How many people an advertising email would reach now: confirmed addresses of people
    /// who have not refused advertising.
    pub async fn advertising_audience(&self) -> Result<i64> {
        Ok(with_db!(self, |pool| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM users
                 WHERE email_confirmed_at IS NOT NULL AND refuses_advertising = FALSE",
            )
            .fetch_one(pool)
            .await?
        }))
    }

    /// The next people after `after` (by id) a newsletter goes to: confirmed addresses, of
    /// those who have not refused advertising unless it is a legal announcement.
    pub async fn newsletter_recipients(
        &self,
        legal: bool,
        after: Option<UserId>,
        limit: i64,
    ) -> Result<Vec<Recipient>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT id, email, first_name, locale FROM users
                 WHERE email_confirmed_at IS NOT NULL AND ($3 OR refuses_advertising = FALSE)
                   AND ($1 IS NULL OR id > $1)
                 ORDER BY id LIMIT $2",
            )
            .bind(after)
            .bind(limit)
            .bind(legal)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Queues one batch of a newsletter's emails and moves its cursor past them, in one
    /// transaction; with `finished`, the newsletter is done. A batch whose cursor has moved
    /// meanwhile (another worker got there first) is not queued again: `false`. Deliveries
    /// are paced `every_ms` apart from `start_at`, so other emails do not wait behind them.
    pub async fn queue_newsletter_batch(
        &self,
        id: NewsletterId,
        from: Option<UserId>,
        mails: &[(UserId, NewMail)],
        finished: bool,
        start_at: i64,
        every_ms: i64,
    ) -> Result<bool> {
        let last = mails.last().map(|m| m.0).or(from);
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let moved = crate::tx::on_conn!(&mut c, |db| {
            sqlx::query(
                "UPDATE newsletters SET queued = queued + $1, last_user_id = $2,
                   finished_at = CASE WHEN $3 THEN $4 ELSE NULL END
                 WHERE id = $5 AND finished_at IS NULL
                   AND (last_user_id = $6 OR (last_user_id IS NULL AND $7))",
            )
            .bind(i64::try_from(mails.len()).unwrap_or(i64::MAX))
            .bind(last)
            .bind(finished)
            .bind(now_ms())
            .bind(id)
            .bind(from)
            .bind(from.is_none())
            .execute(&mut **db)
            .await?
            .rows_affected()
        });
        if moved == 0 {
            return Ok(false);
        }
        let mut at = start_at;
        for (_, mail) in mails {
            c.enqueue_mail_at(mail, at).await?;
            at += every_ms;
        }
        tx.commit().await?;
        Ok(true)
    }
}

impl crate::Conn<'_> {
    /// Records a newsletter and the job that queues it; `None` when its request key was used
    /// already (nothing recorded).
    pub async fn insert_newsletter(&mut self, n: &NewNewsletter) -> Result<Option<NewsletterId>> {
        let id = NewsletterId::new();
        let created = crate::tx::on_conn!(self, |db| {
            sqlx::query(
                "INSERT INTO newsletters (id, subject_en, body_en, subject_ru, body_ru, sent_by, created_at, request_key, kind, link)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (request_key) DO NOTHING",
            )
            .bind(id)
            .bind(&n.subject_en)
            .bind(&n.body_en)
            .bind(&n.subject_ru)
            .bind(&n.body_ru)
            .bind(n.sent_by)
            .bind(now_ms())
            .bind(&n.request_key)
            .bind(if n.legal_link.is_some() { "legal" } else { "advertising" })
            .bind(&n.legal_link)
            .execute(&mut **db)
            .await?
            .rows_affected()
        });
        if created == 0 {
            return Ok(None);
        }
        // The job goes on until it is done; it fails only while the database does.
        self.insert_job(&NewJob {
            max_attempts: 50,
            ..NewJob::new(
                JobKind::SendNewsletter,
                serde_json::json!({ "newsletter_id": id }),
            )
        })
        .await?;
        Ok(Some(id))
    }
}
