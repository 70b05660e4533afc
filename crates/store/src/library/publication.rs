//! The way to the public library: an author asks, an administrator approves or rejects with a
//! reason, the author may unpublish. Methods and designs follow the same steps.

use crate::{Result, Store, StoreError, now_ms, with_db};
use domain::library::Publication;
use domain::{MethodId, TemplateId, UserId};
use uuid::Uuid;

/// True for a row whose author is blocked (`created_by` qualified by the caller when the
/// statement reads more than one table).
pub(crate) const AUTHOR_BLOCKED: &str =
    "EXISTS (SELECT 1 FROM users u WHERE u.id = created_by AND u.blocked_at IS NOT NULL)";

/// A method or a design, for the steps both share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Method(MethodId),
    Template(TemplateId),
}

impl Item {
    fn table(self) -> &'static str {
        match self {
            Self::Method(_) => "methods",
            Self::Template(_) => "templates",
        }
    }

    fn id(self) -> Uuid {
        match self {
            Self::Method(MethodId(u)) | Self::Template(TemplateId(u)) => u,
        }
    }
}

/// Something waiting for review.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Pending {
    /// `method` or `template`.
    pub kind: String,
    pub id: Uuid,
    pub title: String,
    pub language: String,
    pub author: Option<String>,
    pub updated_at: i64,
}

/// What became of a review, for telling the author.
#[derive(Debug, Clone)]
pub struct Review {
    pub title: String,
    pub author: Option<UserId>,
    /// Approved for the first time (not again after a change or an unpublishing).
    pub first: bool,
}

impl Store {
    /// Moves `item`, which `user` may change, to `to`: `Pending` (asking to publish) or
    /// `Private` (withdrawing the request or unpublishing). Returns whether it changed.
    pub async fn set_publication(&self, item: Item, user: UserId, to: Publication) -> Result<()> {
        if !matches!(to, Publication::Pending | Publication::Private) {
            return Err(StoreError::NotFound);
        }
        let sql = format!(
            "UPDATE {} SET publication = $1, public = FALSE, publication_note = '', withheld = NULL, withheld_at = NULL, updated_at = $2
             WHERE id = $3 AND workspace_id IN (SELECT workspace_id FROM workspace_members WHERE user_id = $4)",
            item.table()
        );
        let n = with_db!(self, |pool| {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(to.as_str())
                .bind(now_ms())
                .bind(item.id())
                .bind(user)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Everything waiting for review, oldest request first.
    pub async fn pending_publications(&self) -> Result<Vec<Pending>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT 'method' AS kind, m.id, m.title, m.language, u.first_name || ' ' || u.last_name AS author, m.updated_at AS updated_at
                   FROM methods m LEFT JOIN users u ON u.id = m.created_by WHERE m.publication = 'pending'
                 UNION ALL
                 SELECT 'template' AS kind, t.id, t.title, t.language, u.first_name || ' ' || u.last_name AS author, t.updated_at AS updated_at
                   FROM templates t LEFT JOIN users u ON u.id = t.created_by WHERE t.publication = 'pending'
                 ORDER BY updated_at",
            )
            .fetch_all(pool)
            .await?
        }))
    }

    /// An administrator's decision on a pending item, on its own
    /// ([`crate::Conn::review_publication`]).
    pub async fn review_publication(
        &self,
        item: Item,
        approve: bool,
        note: &str,
    ) -> Result<Review> {
        let mut tx = self.begin().await?;
        let review = tx.conn().review_publication(item, approve, note).await?;
        tx.commit().await?;
        Ok(review)
    }
}

impl crate::Conn<'_> {
    /// An administrator's decision on a pending item: approved (public from now on) or
    /// rejected with `note`. `NotFound` when it is not pending.
    pub async fn review_publication(
        &mut self,
        item: Item,
        approve: bool,
        note: &str,
    ) -> Result<Review> {
        let (to, public) = if approve {
            (Publication::Published, true)
        } else {
            (Publication::Rejected, false)
        };
        let table = item.table();
        // An approval while its author is blocked keeps it withheld until the unblock; a
        // rejection leaves nothing withheld.
        let blocked = AUTHOR_BLOCKED.replace("created_by", &format!("{table}.created_by"));
        let sql = format!(
            "UPDATE {table} SET publication = $1, public = ($2 AND NOT {blocked}), publication_note = $3,
                withheld = CASE WHEN $2 AND {blocked} THEN 'block' ELSE NULL END,
                withheld_at = CASE WHEN $2 AND {blocked} THEN $4 ELSE NULL END,
                published_at = CASE WHEN $2 AND NOT {blocked} THEN $4 ELSE published_at END
             WHERE id = $5 AND publication = 'pending' RETURNING title, created_by, public"
        );
        let before = format!("SELECT published_at FROM {} WHERE id = $1", item.table());
        let published_before: Option<Option<i64>> = crate::tx::on_conn!(self, |c| {
            sqlx::query_scalar(sqlx::AssertSqlSafe(before))
                .bind(item.id())
                .fetch_optional(&mut **c)
                .await?
        });
        let row: Option<(String, Option<UserId>, bool)> = crate::tx::on_conn!(self, |c| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(to.as_str())
                .bind(public)
                .bind(note)
                .bind(now_ms())
                .bind(item.id())
                .fetch_optional(&mut **c)
                .await?
        });
        let (title, author, public) = row.ok_or(StoreError::NotFound)?;
        Ok(Review {
            title,
            author,
            // Withheld because its author is blocked: nobody is told of what nobody can open.
            first: approve && public && published_before.flatten().is_none(),
        })
    }
}
