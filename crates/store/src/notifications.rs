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

impl Store {
    pub async fn notify(
        &self,
        user: UserId,
        kind: &str,
        subject: &str,
        note: &str,
        link: &str,
    ) -> Result<()> {
        with_tx!(self, |tx| {
            sqlx::query("UPDATE users SET unread = unread + 1 WHERE id = $1")
                .bind(user)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO notifications (id, user_id, kind, subject, note, link, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(NotificationId::new())
                .bind(user)
                .bind(kind)
                .bind(subject)
                .bind(note)
                .bind(link)
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
            Ok::<(), crate::StoreError>(())
        })
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
