//! Reports of public content and what administrators do about them: a report filed by anyone,
//! the queue (open reports first), content removed from the public library or a public link
//! disabled (with every open report on it resolved as acted on), restored within 30 days, and
//! a report dismissed. Each administrator's step and its audit entry (and the emails that tell
//! the owner and the reporters) are one transaction.

use crate::administration::NewAudit;
use crate::tx::on_conn;
use crate::{NewMail, Result, Store, StoreError, now_ms, with_db};
use domain::moderation::{AuditAction, ReportCategory, Reported};
use domain::{ReportId, UserId};

/// How long removed content can be put back.
pub const RESTORE_MS: i64 = 30 * 86_400_000;

/// A report to file.
#[derive(Debug, Clone)]
pub struct NewReport<'a> {
    pub target: Reported,
    pub category: ReportCategory,
    pub body: &'a str,
    /// The signed-in reporter.
    pub reporter: Option<UserId>,
    /// A signed-out reporter's address, where they are told.
    pub reporter_email: &'a str,
    pub reporter_locale: &'a str,
}

/// A report with what it is about, as the queue shows it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ReportRow {
    pub id: ReportId,
    pub target_kind: String,
    pub target_id: uuid::Uuid,
    pub category: String,
    pub body: String,
    pub reporter_id: Option<UserId>,
    pub reporter_email: String,
    pub reporter_locale: String,
    pub status: String,
    pub created_at: i64,
    pub resolved_at: Option<i64>,
    pub resolved_by: Option<UserId>,
    pub resolution: String,
    /// The method's or design's title, or the title of the session behind the link; `None`
    /// when it is gone.
    pub title: Option<String>,
    /// Who answers for it: the author, or the session's owner.
    pub owner_id: Option<UserId>,
    /// Whether it is public now (a link: works now).
    pub live: bool,
}

impl ReportRow {
    pub fn target(&self) -> Option<Reported> {
        Reported::from_parts(&self.target_kind, self.target_id)
    }

    pub fn is_open(&self) -> bool {
        self.status == "open"
    }
}

/// Content removed by an administrator, restorable until `removed_at` + [`RESTORE_MS`].
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RemovedRow {
    pub target_kind: String,
    pub target_id: uuid::Uuid,
    pub title: String,
    pub owner_id: Option<UserId>,
    pub removed_at: i64,
}

impl RemovedRow {
    pub fn target(&self) -> Option<Reported> {
        Reported::from_parts(&self.target_kind, self.target_id)
    }
}

/// What removing content did: its title and owner, and the reports it resolved (their
/// reporters are told).
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    pub title: String,
    pub owner: Option<UserId>,
    pub resolved: Vec<ReportRow>,
}

const REPORT_SELECT: &str = "SELECT r.id, r.target_kind, r.target_id, r.category, r.body, r.reporter_id, r.reporter_email,
        r.reporter_locale, r.status, r.created_at, r.resolved_at, r.resolved_by, r.resolution,
        COALESCE(m.title, t.title, s.title) AS title,
        COALESCE(m.created_by, t.created_by, o.user_id) AS owner_id,
        CASE WHEN m.public = TRUE OR t.public = TRUE
               OR (l.id IS NOT NULL AND l.revoked_at IS NULL AND l.removed_at IS NULL AND s.deleted_at IS NULL)
             THEN TRUE ELSE FALSE END AS live
   FROM reports r
   LEFT JOIN methods m ON r.target_kind = 'method' AND m.id = r.target_id
   LEFT JOIN templates t ON r.target_kind = 'template' AND t.id = r.target_id
   LEFT JOIN session_links l ON r.target_kind = 'link' AND l.id = r.target_id
   LEFT JOIN sessions s ON s.id = l.session_id
   LEFT JOIN session_shares o ON o.session_id = l.session_id AND o.role = 'owner'";

impl Store {
    /// Files a report. `NotFound` when its target is not public (a link: does not work).
    pub async fn file_report(&self, report: &NewReport<'_>) -> Result<ReportId> {
        let mut tx = self.begin().await?;
        let id = tx.conn().insert_report(report).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The latest reports about what `owner` made or shares (their methods and designs, the
    /// links of sessions they own), newest first; at most `limit`.
    pub async fn reports_about(&self, owner: UserId, limit: i64) -> Result<Vec<ReportRow>> {
        let sql = format!(
            "{REPORT_SELECT}
             WHERE COALESCE(m.created_by, t.created_by, o.user_id) = $1
             ORDER BY r.created_at DESC, r.id DESC
             LIMIT $2"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(owner)
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Reports, open ones first (oldest first), then the latest resolved; at most `limit`.
    pub async fn reports(&self, limit: i64) -> Result<Vec<ReportRow>> {
        let sql = format!(
            "{REPORT_SELECT}
             ORDER BY CASE WHEN r.status = 'open' THEN 0 ELSE 1 END,
                      CASE WHEN r.status = 'open' THEN r.created_at ELSE -r.resolved_at END
             LIMIT $1"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }

    pub async fn report(&self, id: ReportId) -> Result<ReportRow> {
        let sql = format!("{REPORT_SELECT} WHERE r.id = $1");
        let row: Option<ReportRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    /// How many reports are open.
    pub async fn open_reports(&self) -> Result<i64> {
        Ok(with_db!(self, |pool| {
            sqlx::query_scalar("SELECT COUNT(*) FROM reports WHERE status = 'open'")
                .fetch_one(pool)
                .await?
        }))
    }

    /// The open reports about `target`.
    async fn open_reports_on(&self, target: Reported) -> Result<Vec<ReportRow>> {
        let sql = format!(
            "{REPORT_SELECT} WHERE r.target_id = $1 AND r.status = 'open' ORDER BY r.created_at"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(target.id())
                .fetch_all(pool)
                .await?
        }))
    }

    /// Removes public content: a method or design leaves the public library (withheld as
    /// `removed`, its author keeps it); a link stops working, with every other link of its
    /// session, and none can be made until they are restored. The open `reports` on it (from
    /// [`Store::removal_preview`]) are resolved as acted on with `reason`; `mails` (to the
    /// owner and those reporters) go in the same transaction. `NotFound` when it is not public
    /// (or not working) now.
    pub async fn remove_content(
        &self,
        target: Reported,
        by: UserId,
        reason: &str,
        reports: &[ReportId],
        mails: &[NewMail],
    ) -> Result<()> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let changed = match target {
            Reported::Method(_) | Reported::Template(_) => {
                let table = if target.kind() == "method" {
                    "methods"
                } else {
                    "templates"
                };
                let sql = format!(
                    "UPDATE {table} SET public = FALSE, withheld = 'removed', withheld_at = $1
                     WHERE id = $2 AND public = TRUE"
                );
                on_conn!(&mut c, |db| {
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(now)
                        .bind(target.id())
                        .execute(&mut **db)
                        .await?
                        .rows_affected()
                })
            }
            // Every working link of the session goes, and no new one can be made until they
            // are restored: a fresh link would undo the removal.
            Reported::Link(link) => on_conn!(&mut c, |db| {
                let session: Option<domain::SessionId> = sqlx::query_scalar(
                    "SELECT session_id FROM session_links
                     WHERE id = $1 AND revoked_at IS NULL AND removed_at IS NULL",
                )
                .bind(link)
                .fetch_optional(&mut **db)
                .await?;
                match session {
                    None => 0,
                    Some(session) => {
                        sqlx::query("UPDATE sessions SET links_removed_at = $1 WHERE id = $2")
                            .bind(now)
                            .bind(session)
                            .execute(&mut **db)
                            .await?;
                        sqlx::query(
                            "UPDATE session_links SET removed_at = $1
                             WHERE session_id = $2 AND revoked_at IS NULL AND removed_at IS NULL",
                        )
                        .bind(now)
                        .bind(session)
                        .execute(&mut **db)
                        .await?
                        .rows_affected()
                    }
                }
            }),
        };
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        // The reports the caller saw (and wrote to their reporters about); one filed since
        // stays open for its own decision.
        let mut resolved = 0;
        for id in reports {
            resolved += on_conn!(&mut c, |db| {
                sqlx::query(
                    "UPDATE reports SET status = 'actioned', resolved_at = $1, resolved_by = $2, resolution = $3
                     WHERE id = $4 AND target_id = $5 AND status = 'open'",
                )
                .bind(now)
                .bind(by)
                .bind(reason)
                .bind(*id)
                .bind(target.id())
                .execute(&mut **db)
                .await?
                .rows_affected()
            });
        }
        c.audit(&NewAudit {
            actor: Some(by),
            action: AuditAction::RemoveContent,
            subject_kind: target.kind(),
            subject_id: Some(target.id()),
            reason,
            details: serde_json::json!({ "reports": resolved }),
        })
        .await?;
        for mail in mails {
            c.enqueue_mail(mail).await?;
        }
        tx.commit().await
    }

    /// What removing `target` would concern: its title and owner, and the open reports on it
    /// (whose reporters are told).
    pub async fn removal_preview(&self, target: Reported) -> Result<Removed> {
        let (title, owner): (Option<String>, Option<UserId>) = match target {
            Reported::Method(m) => with_db!(self, |pool| {
                sqlx::query_as("SELECT title, created_by FROM methods WHERE id = $1")
                    .bind(m)
                    .fetch_optional(pool)
                    .await?
                    .map_or((None, None), |(t, o): (String, Option<UserId>)| {
                        (Some(t), o)
                    })
            }),
            Reported::Template(t) => with_db!(self, |pool| {
                sqlx::query_as("SELECT title, created_by FROM templates WHERE id = $1")
                    .bind(t)
                    .fetch_optional(pool)
                    .await?
                    .map_or((None, None), |(t, o): (String, Option<UserId>)| {
                        (Some(t), o)
                    })
            }),
            Reported::Link(l) => with_db!(self, |pool| {
                sqlx::query_as(
                    "SELECT s.title, o.user_id FROM session_links l JOIN sessions s ON s.id = l.session_id
                     LEFT JOIN session_shares o ON o.session_id = s.id AND o.role = 'owner' WHERE l.id = $1",
                )
                .bind(l)
                .fetch_optional(pool)
                .await?
                .map_or((None, None), |(t, o): (String, Option<UserId>)| (Some(t), o))
            }),
        };
        Ok(Removed {
            title: title.ok_or(StoreError::NotFound)?,
            owner,
            resolved: self.open_reports_on(target).await?,
        })
    }

    /// Puts back content removed less than [`RESTORE_MS`] ago. `NotFound` otherwise (never
    /// removed, restored already, too old, or its author withdrew it meanwhile).
    pub async fn restore_content(
        &self,
        target: Reported,
        by: UserId,
        reason: &str,
        mail: Option<&NewMail>,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        c.restore_removed(target, by, reason, serde_json::json!({}), None)
            .await?;
        if let Some(mail) = mail {
            c.enqueue_mail(mail).await?;
        }
        tx.commit().await
    }

    /// Content removed in the last 30 days, the latest first: what can still be restored.
    pub async fn removed_content(&self) -> Result<Vec<RemovedRow>> {
        let since = now_ms() - RESTORE_MS;
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT 'method' AS target_kind, id AS target_id, title, created_by AS owner_id, withheld_at AS removed_at
                   FROM methods WHERE withheld = 'removed' AND withheld_at > $1 AND publication = 'published'
                 UNION ALL
                 SELECT 'template', id, title, created_by, withheld_at
                   FROM templates WHERE withheld = 'removed' AND withheld_at > $1 AND publication = 'published'
                 UNION ALL
                 SELECT 'link', l.id, s.title, o.user_id, l.removed_at
                   FROM session_links l JOIN sessions s ON s.id = l.session_id
                   LEFT JOIN session_shares o ON o.session_id = s.id AND o.role = 'owner'
                  WHERE l.removed_at > $1 AND l.revoked_at IS NULL
                 ORDER BY 5 DESC",
            )
            .bind(since)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Dismisses an open report with `reason`; `mail` tells the reporter. `Conflict("resolved")`
    /// when it is not open.
    pub async fn dismiss_report(
        &self,
        id: ReportId,
        by: UserId,
        reason: &str,
        mail: Option<&NewMail>,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let changed = on_conn!(&mut c, |db| {
            sqlx::query(
                "UPDATE reports SET status = 'dismissed', resolved_at = $1, resolved_by = $2, resolution = $3
                 WHERE id = $4 AND status = 'open'",
            )
            .bind(now_ms())
            .bind(by)
            .bind(reason)
            .bind(id)
            .execute(&mut **db)
            .await?
            .rows_affected()
        });
        if changed == 0 {
            let exists: Option<i64> = on_conn!(&mut c, |db| {
                sqlx::query_scalar("SELECT created_at FROM reports WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut **db)
                    .await?
            });
            return Err(match exists {
                Some(_) => StoreError::Conflict("resolved"),
                None => StoreError::NotFound,
            });
        }
        c.audit(&NewAudit {
            actor: Some(by),
            action: AuditAction::DismissReport,
            subject_kind: "report",
            subject_id: Some(id.0),
            reason,
            details: serde_json::json!({}),
        })
        .await?;
        if let Some(mail) = mail {
            c.enqueue_mail(mail).await?;
        }
        tx.commit().await
    }
}

impl crate::tx::Conn<'_> {
    /// Files a report in this transaction. `NotFound` when its target is not public (a link:
    /// does not work).
    pub async fn insert_report(&mut self, report: &NewReport<'_>) -> Result<ReportId> {
        let id = ReportId::new();
        let public: Option<i64> = match report.target {
            Reported::Method(m) => on_conn!(self, |db| {
                sqlx::query_scalar("SELECT created_at FROM methods WHERE id = $1 AND public = TRUE")
                    .bind(m)
                    .fetch_optional(&mut **db)
                    .await?
            }),
            Reported::Template(t) => on_conn!(self, |db| {
                sqlx::query_scalar(
                    "SELECT created_at FROM templates WHERE id = $1 AND public = TRUE",
                )
                .bind(t)
                .fetch_optional(&mut **db)
                .await?
            }),
            Reported::Link(l) => on_conn!(self, |db| {
                sqlx::query_scalar(
                    "SELECT created_at FROM session_links WHERE id = $1 AND revoked_at IS NULL AND removed_at IS NULL",
                )
                .bind(l)
                .fetch_optional(&mut **db)
                .await?
            }),
        };
        if public.is_none() {
            return Err(StoreError::NotFound);
        }
        on_conn!(self, |db| {
            sqlx::query(
                "INSERT INTO reports (id, target_kind, target_id, category, body, reporter_id, reporter_email, reporter_locale, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(id)
            .bind(report.target.kind())
            .bind(report.target.id())
            .bind(report.category.as_str())
            .bind(report.body)
            .bind(report.reporter)
            .bind(report.reporter_email)
            .bind(report.reporter_locale)
            .bind(now_ms())
            .execute(&mut **db)
            .await?;
        });
        Ok(id)
    }

    /// Puts back content removed less than [`RESTORE_MS`] ago (with `removed_at`, only by the
    /// removal made then), with its audit entry (`details` added to it); a counter-notice
    /// still open about it is settled as restored. `NotFound` otherwise.
    pub async fn restore_removed(
        &mut self,
        target: Reported,
        by: UserId,
        reason: &str,
        details: serde_json::Value,
        removed_at: Option<i64>,
    ) -> Result<()> {
        let since = now_ms() - RESTORE_MS;
        let when = |column: &str| {
            removed_at.map_or_else(String::new, |at| format!(" AND {column} = {at}"))
        };
        let changed = match target {
            Reported::Method(_) | Reported::Template(_) => {
                let table = if target.kind() == "method" {
                    "methods"
                } else {
                    "templates"
                };
                // An author blocked meanwhile keeps it withheld until the unblock.
                let blocked = crate::library::publication::AUTHOR_BLOCKED
                    .replace("created_by", &format!("{table}.created_by"));
                let sql = format!(
                    "UPDATE {table} SET public = NOT {blocked},
                        withheld = CASE WHEN {blocked} THEN 'block' ELSE NULL END,
                        withheld_at = CASE WHEN {blocked} THEN $3 ELSE NULL END
                     WHERE id = $1 AND withheld = 'removed' AND withheld_at > $2 AND publication = 'published'{}",
                    when("withheld_at")
                );
                on_conn!(self, |db| {
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(target.id())
                        .bind(since)
                        .bind(now_ms())
                        .execute(&mut **db)
                        .await?
                        .rows_affected()
                })
            }
            // The session's links removed with it come back, and new ones may be made again.
            Reported::Link(link) => on_conn!(self, |db| {
                let sql = format!(
                    "SELECT session_id FROM session_links
                     WHERE id = $1 AND removed_at > $2 AND revoked_at IS NULL{}",
                    when("removed_at")
                );
                let session: Option<domain::SessionId> =
                    sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                        .bind(link)
                        .bind(since)
                        .fetch_optional(&mut **db)
                        .await?;
                match session {
                    None => 0,
                    Some(session) => {
                        sqlx::query("UPDATE sessions SET links_removed_at = NULL WHERE id = $1")
                            .bind(session)
                            .execute(&mut **db)
                            .await?;
                        sqlx::query(
                            "UPDATE session_links SET removed_at = NULL
                             WHERE session_id = $1 AND removed_at IS NOT NULL AND revoked_at IS NULL",
                        )
                        .bind(session)
                        .execute(&mut **db)
                        .await?
                        .rows_affected()
                    }
                }
            }),
        };
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        self.audit(&NewAudit {
            actor: Some(by),
            action: AuditAction::RestoreContent,
            subject_kind: target.kind(),
            subject_id: Some(target.id()),
            reason,
            details,
        })
        .await?;
        on_conn!(self, |db| {
            sqlx::query(
                "UPDATE counter_notices SET status = 'restored', decided_at = $1, decided_by = $2, decision = $3
                 WHERE status = 'open' AND report_id IN (SELECT id FROM reports WHERE target_id = $4)",
            )
            .bind(now_ms())
            .bind(by)
            .bind(reason)
            .bind(target.id())
            .execute(&mut **db)
            .await?;
        });
        Ok(())
    }
}
