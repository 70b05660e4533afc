//! The legal documents' versions (User Agreement 1.3–1.4, Cookie Policy 5) and which of them
//! each person accepted. A draft may change until it is published; publishing numbers it,
//! fixes the date it takes effect and queues its announcement, in one transaction.

use crate::{NewNewsletter, Result, Store, StoreError, now_ms, with_db};
use domain::legal::Document;
use domain::{LegalVersionId, UserId};

/// A version of a document, draft or published.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LegalVersion {
    pub id: LegalVersionId,
    pub document: String,
    /// 1, 2, …: set when published.
    pub number: Option<i64>,
    pub body_en: String,
    pub body_ru: String,
    /// What changed since the version before.
    pub changes_en: String,
    pub changes_ru: String,
    pub published_at: Option<i64>,
    pub effective_at: Option<i64>,
    pub written_by: Option<UserId>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl LegalVersion {
    pub fn document(&self) -> Option<Document> {
        Document::parse(&self.document)
    }
}

/// A published version without its texts: what pages need to know which version is in force
/// and what to announce.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PublishedLegal {
    pub id: LegalVersionId,
    pub document: String,
    pub number: i64,
    pub published_at: i64,
    pub effective_at: i64,
}

/// The texts of a draft as an administrator wrote them.
#[derive(Debug, Clone)]
pub struct LegalDraft {
    pub document: Document,
    pub body_en: String,
    pub body_ru: String,
    pub changes_en: String,
    pub changes_ru: String,
    pub written_by: UserId,
}

/// A version a person accepted, and how.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LegalAcceptance {
    pub document: String,
    pub number: i64,
    /// `registration` or `notice`.
    pub how: String,
    pub at: i64,
}

const COLUMNS: &str = "id, document, number, body_en, body_ru, changes_en, changes_ru, published_at, effective_at, written_by, created_at, updated_at";

impl Store {
    /// Publishes the starter text as version 1 of `document`, in force at once, when the
    /// document has no version yet; `false` when it had one. On a new installation its
    /// publication time is 0: nobody is shown it as a change. Where people already have
    /// accounts (made before documents had versions) it is now, so they are shown it.
    pub async fn seed_legal(
        &self,
        document: Document,
        body_en: &str,
        body_ru: &str,
    ) -> Result<bool> {
        let now = now_ms();
        let inserted = with_db!(self, |pool| {
            sqlx::query(
                "INSERT INTO legal_versions (id, document, number, body_en, body_ru, published_at, effective_at, created_at, updated_at)
                 SELECT $1, $2, 1, $3, $4,
                   CASE WHEN EXISTS (SELECT 1 FROM users WHERE is_admin = FALSE) THEN $5 ELSE 0 END,
                   $5, $5, $5
                 WHERE NOT EXISTS (SELECT 1 FROM legal_versions WHERE document = $2)
                 ON CONFLICT (document, number) DO NOTHING",
            )
            .bind(LegalVersionId::new())
            .bind(document.as_str())
            .bind(body_en)
            .bind(body_ru)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(inserted > 0)
    }

    /// Every published version of every document, oldest first.
    pub async fn published_legal(&self) -> Result<Vec<PublishedLegal>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT id, document, number, published_at, effective_at FROM legal_versions
                 WHERE published_at IS NOT NULL ORDER BY document, number",
            )
            .fetch_all(pool)
            .await?
        }))
    }

    pub async fn legal_version(&self, id: LegalVersionId) -> Result<LegalVersion> {
        let sql = format!("SELECT {COLUMNS} FROM legal_versions WHERE id = $1");
        with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?
                .ok_or(StoreError::NotFound)
        })
    }

    /// A published version by its number.
    pub async fn legal_by_number(&self, document: Document, number: i64) -> Result<LegalVersion> {
        let sql =
            format!("SELECT {COLUMNS} FROM legal_versions WHERE document = $1 AND number = $2");
        with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(document.as_str())
                .bind(number)
                .fetch_optional(pool)
                .await?
                .ok_or(StoreError::NotFound)
        })
    }

    /// A document's versions, drafts first, then the published ones newest first.
    pub async fn legal_versions(&self, document: Document) -> Result<Vec<LegalVersion>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM legal_versions WHERE document = $1
             ORDER BY number IS NOT NULL, number DESC, updated_at DESC"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(document.as_str())
                .fetch_all(pool)
                .await?
        }))
    }

    /// Writes a new draft, or rewrites draft `id` of the same document. A published version
    /// never changes: `NotFound` then.
    pub async fn save_legal_draft(
        &self,
        id: Option<LegalVersionId>,
        draft: &LegalDraft,
    ) -> Result<LegalVersionId> {
        let now = now_ms();
        let Some(id) = id else {
            let id = LegalVersionId::new();
            with_db!(self, |pool| {
                sqlx::query(
                    "INSERT INTO legal_versions (id, document, body_en, body_ru, changes_en, changes_ru, written_by, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
                )
                .bind(id)
                .bind(draft.document.as_str())
                .bind(&draft.body_en)
                .bind(&draft.body_ru)
                .bind(&draft.changes_en)
                .bind(&draft.changes_ru)
                .bind(draft.written_by)
                .bind(now)
                .execute(pool)
                .await?;
            });
            return Ok(id);
        };
        let changed = with_db!(self, |pool| {
            sqlx::query(
                "UPDATE legal_versions SET body_en = $1, body_ru = $2, changes_en = $3, changes_ru = $4,
                   written_by = $5, updated_at = $6
                 WHERE id = $7 AND document = $8 AND published_at IS NULL",
            )
            .bind(&draft.body_en)
            .bind(&draft.body_ru)
            .bind(&draft.changes_en)
            .bind(&draft.changes_ru)
            .bind(draft.written_by)
            .bind(now)
            .bind(id)
            .bind(draft.document.as_str())
            .execute(pool)
            .await?
            .rows_affected()
        });
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(id)
    }

    /// Deletes a draft; `false` when there is no such draft (a published version stays).
    pub async fn delete_legal_draft(&self, id: LegalVersionId) -> Result<bool> {
        let deleted = with_db!(self, |pool| {
            sqlx::query("DELETE FROM legal_versions WHERE id = $1 AND published_at IS NULL")
                .bind(id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(deleted > 0)
    }

    /// Publishes draft `id` as its document's next version, in force from `effective_at`,
    /// and queues its announcement, written by `announce` from the draft as it is published
    /// and its number, in the same transaction. Returns the number. `Conflict("scheduled")`
    /// while another version of the document waits for its date; `NotFound` for a version
    /// already published (a second press of Publish) or gone.
    pub async fn publish_legal(
        &self,
        id: LegalVersionId,
        effective_at: i64,
        announce: impl FnOnce(&LegalVersion, i64) -> NewNewsletter,
    ) -> Result<i64> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        // On PostgreSQL the draft's row is locked; SQLite's writer holds the whole database.
        let lock = match &c {
            crate::tx::Conn::Postgres(_) => " FOR UPDATE",
            crate::tx::Conn::Sqlite(_) => "",
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM legal_versions WHERE id = $1 AND published_at IS NULL{lock}"
        );
        let (version, number) = crate::tx::on_conn!(&mut c, |db| {
            let version: LegalVersion = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(&mut **db)
                .await?
                .ok_or(StoreError::NotFound)?;
            let waiting: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM legal_versions
                 WHERE document = $1 AND published_at IS NOT NULL AND effective_at > $2",
            )
            .bind(&version.document)
            .bind(now)
            .fetch_one(&mut **db)
            .await?;
            if waiting > 0 {
                return Err(StoreError::Conflict("scheduled"));
            }
            // Two documents' publications at once: the unique number refuses the second.
            let number: Option<i64> = sqlx::query_scalar(
                "UPDATE legal_versions SET published_at = $1, effective_at = $2, updated_at = $1,
                   number = (SELECT COALESCE(MAX(number), 0) + 1 FROM legal_versions WHERE document = $3)
                 WHERE id = $4 AND published_at IS NULL RETURNING number",
            )
            .bind(now)
            .bind(effective_at)
            .bind(&version.document)
            .bind(id)
            .fetch_optional(&mut **db)
            .await
            .map_err(crate::conflict_as("scheduled"))?;
            (version, number.ok_or(StoreError::NotFound)?)
        });
        c.insert_newsletter(&announce(&version, number)).await?;
        tx.commit().await?;
        Ok(number)
    }

    /// Records that `user` accepted or was told of `versions` (`how`: `registration` or
    /// `notice`) and has seen every change published until `seen_until`.
    pub async fn accept_legal(
        &self,
        user: UserId,
        versions: &[LegalVersionId],
        how: &str,
        seen_until: i64,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        c.record_acceptances(user, versions, how).await?;
        crate::tx::on_conn!(&mut c, |db| {
            sqlx::query(
                "UPDATE users SET accepted_at = CASE WHEN accepted_at < $1 THEN $1 ELSE accepted_at END
                 WHERE id = $2",
            )
                .bind(seen_until)
                .bind(user)
                .execute(&mut **db)
                .await?;
        });
        tx.commit().await?;
        Ok(())
    }

    /// The versions `user` accepted, oldest first.
    pub async fn legal_accepted_by(&self, user: UserId) -> Result<Vec<LegalAcceptance>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT v.document, v.number, a.how, a.at FROM legal_acceptances a
                 JOIN legal_versions v ON v.id = a.version_id
                 WHERE a.user_id = $1 ORDER BY a.at, v.document",
            )
            .bind(user)
            .fetch_all(pool)
            .await?
        }))
    }

    /// How many people accepted each published version.
    pub async fn legal_acceptance_counts(&self) -> Result<Vec<(LegalVersionId, i64)>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as("SELECT version_id, COUNT(*) FROM legal_acceptances GROUP BY version_id")
                .fetch_all(pool)
                .await?
        }))
    }
}

impl crate::Conn<'_> {
    /// Records acceptances; one already recorded stays as it was.
    pub async fn record_acceptances(
        &mut self,
        user: UserId,
        versions: &[LegalVersionId],
        how: &str,
    ) -> Result<()> {
        let now = now_ms();
        for version in versions {
            crate::tx::on_conn!(self, |db| {
                sqlx::query(
                    "INSERT INTO legal_acceptances (user_id, version_id, how, at) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (user_id, version_id) DO NOTHING",
                )
                .bind(user)
                .bind(version)
                .bind(how)
                .bind(now)
                .execute(&mut **db)
                .await?;
            });
        }
        Ok(())
    }
}
