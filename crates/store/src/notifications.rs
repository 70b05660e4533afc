//! Messages to a user shown in the app, with an unread count kept on the account. Their text is made from `kind`
//! and `subject` in the reader's language when shown.

use crate::{Result, Store, now_ms, with_db, with_tx};
use domain::{NotificationId, UserId};

/// A message to a user.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Notification {
    pub id: NotificationId,
    /// What happened, such as `publication_approved`.
    pub kind: String,
    /// What it is about, such as a method's title.
    pub subject: String,
    pub note: String,
    /// Where to read more: a path in the app.
    pub link: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

/// A notification to write.
#[derive(Debug, Clone)]
pub struct Notice<'a> {
    pub user: UserId,
    /// What happened, such as `session_invited`.
    pub kind: &'a str,
    pub subject: &'a str,
    pub note: &'a str,
    pub link: &'a str,
    /// The person the note names, if any: the notification goes when they are deleted.
    pub actor: Option<UserId>,
}

impl Store {
    pub async fn notify(
        &self,
        user: UserId,
        kind: &str,
        subject: &str,
        note: &str,
        link: &str,
    ) -> Result<()> {
        let notice = Notice {
            user,
            kind,
            subject,
            note,
            link,
            actor: None,
        };
        let mut tx = self.begin().await?;
        tx.conn().notify(&notice).await?;
        tx.commit().await
    }

    /// The user's latest messages, newest first.
    pub async fn notifications(&self, user: UserId, limit: i64) -> Result<Vec<Notification>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as("SELECT id, kind, subject, note, link, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2")
                .bind(user)
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Marks every message of the user as read.
    pub async fn read_notifications(&self, user: UserId) -> Result<()> {
        with_tx!(self, |tx| {
            sqlx::query(
                "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
            )
            .bind(now_ms())
            .bind(user)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE users SET unread = 0 WHERE id = $1")
                .bind(user)
                .execute(&mut *tx)
                .await?;
            Ok::<(), crate::StoreError>(())
        })
    }
}

impl Store {
    /// Sets how notifications reach `user` by email: `instant`, `daily` or `off`. Choosing the
    /// digest starts it from now, so it never brings up what was already emailed.
    pub async fn set_email_notifications(&self, user: UserId, choice: &str) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query("UPDATE users SET email_notifications = $1, digest_sent_at = CASE WHEN $1 = 'daily' AND email_notifications <> 'daily' THEN $2 ELSE digest_sent_at END, updated_at = $2 WHERE id = $3")
                .bind(choice)
                .bind(now_ms())
                .bind(user)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Turns the notifications of others' public activity on or off for `user`.
    pub async fn set_public_activity(&self, user: UserId, on: bool) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query(
                "UPDATE users SET hears_public_activity = $1, updated_at = $2 WHERE id = $3",
            )
            .bind(on)
            .bind(now_ms())
            .bind(user)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The people who chose a daily digest and have notifications since their last one, each
    /// with those notifications (oldest first), up to `until`.
    pub async fn digests_due(&self, until: i64) -> Result<Vec<(UserId, Vec<Notification>)>> {
        let rows: Vec<DigestRow> = with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT n.user_id, n.id, n.kind, n.subject, n.note, n.link, n.created_at, n.read_at
                 FROM notifications n JOIN users u ON u.id = n.user_id
                 WHERE u.email_notifications = 'daily' AND n.created_at > u.digest_sent_at AND n.created_at <= $1
                 ORDER BY n.user_id, n.created_at, n.id",
            )
            .bind(until)
            .fetch_all(pool)
            .await?
        });
        let mut out: Vec<(UserId, Vec<Notification>)> = Vec::new();
        for r in rows {
            match out.last_mut() {
                Some((u, list)) if *u == r.user_id => list.push(r.n),
                _ => out.push((r.user_id, vec![r.n])),
            }
        }
        Ok(out)
    }

    /// Records that `user`'s digest covered everything up to `until`.
    pub async fn digest_sent(&self, user: UserId, until: i64) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query("UPDATE users SET digest_sent_at = $1 WHERE id = $2")
                .bind(until)
                .bind(user)
                .execute(pool)
                .await?;
        });
        Ok(())
    }
}

#[derive(sqlx::FromRow)]
struct DigestRow {
    user_id: UserId,
    #[sqlx(flatten)]
    n: Notification,
}

impl crate::Conn<'_> {
    /// Up to `limit` people who hear of `author`'s public activity: those who selected one of
    /// their methods and did not turn it off, the author aside.
    pub async fn followers_of(&mut self, author: UserId, limit: i64) -> Result<Vec<crate::User>> {
        let sql = format!(
            "SELECT {} FROM users u
             WHERE u.hears_public_activity = TRUE AND u.id <> $1
               AND EXISTS (SELECT 1 FROM method_favourites f JOIN methods m ON m.id = f.method_id
                           WHERE f.user_id = u.id AND m.created_by = $1)
             ORDER BY u.id LIMIT $2",
            crate::accounts::user_columns("u.")
        );
        Ok(crate::tx::on_conn!(self, |c| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(author)
                .bind(limit)
                .fetch_all(&mut **c)
                .await?
        }))
    }
}
