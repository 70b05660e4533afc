//! Copyright notices and counter-notices (User Agreement 4.10). A notice is a report of
//! category `copyright` with what the agreement asks of its sender; it is acted on or
//! dismissed like any report. When the material is removed, its owner may answer with one
//! counter-notice, which an administrator decides: the material restored, or kept removed.
//! Each step is kept (the notice, the counter-notice, and the audit entry of each decision).

use crate::administration::NewAudit;
use crate::reports::{NewReport, RESTORE_MS};
use crate::tx::on_conn;
use crate::{NewMail, Result, Store, StoreError, now_ms, with_db};
use domain::moderation::{AuditAction, ReportCategory};
use domain::{ReportId, UserId};

/// What a notice's sender gives beyond the report itself.
#[derive(Debug, Clone)]
pub struct NewNotice<'a> {
    /// The work and its copyright details.
    pub work: &'a str,
    /// The material on Plenary, as the sender gave its address.
    pub material_url: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
}

/// A filed notice.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NoticeRow {
    pub report_id: ReportId,
    pub work: String,
    pub material_url: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    /// When the sender made the good-faith and accuracy statements.
    pub stated_at: i64,
}

/// A counter-notice of the owner of removed material.
#[derive(Debug, Clone)]
pub struct NewCounter<'a> {
    pub user: UserId,
    pub name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    /// Why the removal was a mistake.
    pub statement: &'a str,
    pub locale: &'a str,
}

/// A filed counter-notice and what was decided.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CounterRow {
    pub report_id: ReportId,
    pub user_id: Option<UserId>,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub statement: String,
    pub locale: String,
    pub created_at: i64,
    /// `open`, `restored` or `upheld`.
    pub status: String,
    pub decided_at: Option<i64>,
    pub decided_by: Option<UserId>,
    pub decision: String,
}

const COUNTER_SELECT: &str =
    "SELECT report_id, user_id, name, email, phone, statement, locale, created_at,
        status, decided_at, decided_by, decision FROM counter_notices";

impl Store {
    /// Files a copyright notice: its report (category `copyright`) and what the notice adds,
    /// together. `NotFound` when the material is not public.
    pub async fn file_copyright_notice(
        &self,
        report: &NewReport<'_>,
        notice: &NewNotice<'_>,
    ) -> Result<ReportId> {
        debug_assert_eq!(report.category, ReportCategory::Copyright);
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let id = c.insert_report(report).await?;
        on_conn!(&mut c, |db| {
            sqlx::query(
                "INSERT INTO copyright_notices (report_id, work, material_url, name, email, phone, stated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id)
            .bind(notice.work)
            .bind(notice.material_url)
            .bind(notice.name)
            .bind(notice.email)
            .bind(notice.phone)
            .bind(now_ms())
            .execute(&mut **db)
            .await?;
        });
        tx.commit().await?;
        Ok(id)
    }

    /// The notice that report `id` is, if it is one.
    pub async fn copyright_notice(&self, id: ReportId) -> Result<Option<NoticeRow>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT report_id, work, material_url, name, email, phone, stated_at
                   FROM copyright_notices WHERE report_id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await?
        }))
    }

    /// The counter-notice that answers report `id`, if there is one.
    pub async fn counter_notice(&self, id: ReportId) -> Result<Option<CounterRow>> {
        let sql = format!("{COUNTER_SELECT} WHERE report_id = $1");
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?
        }))
    }

    /// Counter-notices waiting for a decision, oldest first.
    pub async fn open_counter_notices(&self) -> Result<Vec<CounterRow>> {
        let sql = format!("{COUNTER_SELECT} WHERE status = 'open' ORDER BY created_at");
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .fetch_all(pool)
                .await?
        }))
    }

    /// Files the counter-notice of `counter.user` to notice `id`; `mails` (to the notice's
    /// sender) go with it. `NotFound` unless the notice was acted on and `counter.user` owns
    /// the removed material; `Conflict("countered")` when it was answered already;
    /// `Conflict("not_restorable")` when the removal is too old to undo.
    pub async fn file_counter_notice(
        &self,
        id: ReportId,
        counter: &NewCounter<'_>,
        mails: &[NewMail],
    ) -> Result<()> {
        let report = self.report(id).await?;
        let is_notice = self.copyright_notice(id).await?.is_some();
        if !is_notice || report.status != "actioned" || report.owner_id != Some(counter.user) {
            return Err(StoreError::NotFound);
        }
        if report
            .resolved_at
            .is_none_or(|at| at <= now_ms() - RESTORE_MS)
        {
            return Err(StoreError::Conflict("not_restorable"));
        }
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let added = on_conn!(&mut c, |db| {
            sqlx::query(
                "INSERT INTO counter_notices (report_id, user_id, name, email, phone, statement, locale, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (report_id) DO NOTHING",
            )
            .bind(id)
            .bind(counter.user)
            .bind(counter.name)
            .bind(counter.email)
            .bind(counter.phone)
            .bind(counter.statement)
            .bind(counter.locale)
            .bind(now_ms())
            .execute(&mut **db)
            .await?
            .rows_affected()
        });
        if added == 0 {
            return Err(StoreError::Conflict("countered"));
        }
        for mail in mails {
            c.enqueue_mail(mail).await?;
        }
        tx.commit().await
    }

    /// Decides the open counter-notice to notice `id`: `restore` puts the material back
    /// (within [`RESTORE_MS`] of its removal), otherwise it stays removed. The audit entry and
    /// `mails` go with it. `NotFound` when there is no counter-notice (or, to restore, the
    /// material cannot come back); `Conflict("resolved")` when it was decided already.
    pub async fn decide_counter_notice(
        &self,
        id: ReportId,
        by: UserId,
        restore: bool,
        reason: &str,
        mails: &[NewMail],
    ) -> Result<()> {
        let report = self.report(id).await?;
        let target = report.target().ok_or(StoreError::NotFound)?;
        match self.counter_notice(id).await? {
            None => return Err(StoreError::NotFound),
            Some(c) if c.status != "open" => return Err(StoreError::Conflict("resolved")),
            Some(_) => {}
        }
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let status = if restore { "restored" } else { "upheld" };
        let changed = on_conn!(&mut c, |db| {
            sqlx::query(
                "UPDATE counter_notices SET status = $1, decided_at = $2, decided_by = $3, decision = $4
                 WHERE report_id = $5 AND status = 'open'",
            )
            .bind(status)
            .bind(now_ms())
            .bind(by)
            .bind(reason)
            .bind(id)
            .execute(&mut **db)
            .await?
            .rows_affected()
        });
        if changed == 0 {
            // Decided meanwhile by another administrator.
            return Err(StoreError::Conflict("resolved"));
        }
        let details = serde_json::json!({ "counter_notice": id });
        if restore {
            // Only the removal this notice led to is undone, never a later one.
            c.restore_removed(target, by, reason, details, report.resolved_at)
                .await?;
        } else {
            c.audit(&NewAudit {
                actor: Some(by),
                action: AuditAction::UpholdRemoval,
                subject_kind: target.kind(),
                subject_id: Some(target.id()),
                reason,
                details,
            })
            .await?;
        }
        for mail in mails {
            c.enqueue_mail(mail).await?;
        }
        tx.commit().await
    }
}
