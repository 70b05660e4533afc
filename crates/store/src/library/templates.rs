//! Designs (session templates): saved from a session, browsed, and turned into new sessions.
//! Visibility and change rights are the same as for methods.

use crate::sessions::NewSession;
use crate::{Result, Store, StoreError, now_ms, with_db, with_tx};
use domain::library::{Publication, Scope, TemplateFields};
use domain::op::OrderKey;
use domain::search::Query;
use domain::{BlockId, SessionId, TemplateId, UserId, WorkspaceId};

/// A stored design as one viewer sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TemplateRow {
    pub id: TemplateId,
    pub workspace_id: Option<WorkspaceId>,
    pub scope: String,
    pub fields: String,
    pub minutes: i32,
    pub publication: String,
    pub publication_note: String,
    pub editable: bool,
    pub created_at: i64,
}

impl TemplateRow {
    pub fn fields(&self) -> Option<TemplateFields> {
        serde_json::from_str(&self.fields).ok()
    }

    pub fn scope(&self) -> Scope {
        Scope::parse(&self.scope).unwrap_or(Scope::Public)
    }

    pub fn publication(&self) -> Publication {
        Publication::parse(&self.publication).unwrap_or_default()
    }
}

const TEMPLATE_COLUMNS: &str = "t.id, t.workspace_id,
    CASE WHEN t.workspace_id IS NULL THEN 'public' WHEN w.kind = 'personal' THEN 'personal' ELSE 'workspace' END AS scope,
    t.fields, t.minutes, t.publication, t.publication_note,
    EXISTS (SELECT 1 FROM workspace_members wm WHERE wm.workspace_id = t.workspace_id AND wm.user_id = $1) AS editable,
    t.created_at";

impl Store {
    /// A design as `viewer` sees it; `NotFound` when it is not visible to them.
    pub async fn template(&self, id: TemplateId, viewer: UserId) -> Result<TemplateRow> {
        let sql = format!(
            "SELECT {TEMPLATE_COLUMNS} FROM templates t LEFT JOIN workspaces w ON w.id = t.workspace_id WHERE t.id = $2 AND {}",
            super::visible("t", "")
        );
        let row: Option<TemplateRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(viewer)
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    /// The designs `viewer` may see whose text holds every word of `query`, in `language`
    /// when given; their own first, then newest.
    pub async fn templates(
        &self,
        viewer: UserId,
        query: Option<&Query>,
        language: Option<&str>,
    ) -> Result<Vec<TemplateRow>> {
        let mut filters = vec![super::visible("t", "")];
        let mut args: Vec<String> = Vec::new();
        if let Some(q) = query {
            let last = q.stems().len() - 1;
            for (i, s) in q.stems().iter().enumerate() {
                // The last word may be half typed: it matches as a prefix, the others whole.
                let (pattern, column) = if i == last {
                    (format!("% {s}%"), "(' ' || t.search_text)")
                } else {
                    (format!("% {s} %"), "(' ' || t.search_text || ' ')")
                };
                args.push(pattern);
                filters.push(format!("{column} LIKE ${}", args.len() + 1));
            }
        }
        if let Some(l) = language {
            args.push(l.to_owned());
            filters.push(format!("t.language = ${}", args.len() + 1));
        }
        let sql = format!(
            "SELECT {TEMPLATE_COLUMNS} FROM templates t LEFT JOIN workspaces w ON w.id = t.workspace_id
             WHERE {} ORDER BY CASE WHEN t.workspace_id IS NULL THEN 1 ELSE 0 END, t.created_at DESC, t.id LIMIT 200",
            filters.join(" AND ")
        );
        Ok(with_db!(self, |pool| {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(viewer);
            for a in args {
                q = q.bind(a);
            }
            q.fetch_all(pool).await?
        }))
    }

    /// A new private design in `workspace`, which must fit its `quota` (`Conflict("quota")`).
    pub async fn create_template(
        &self,
        workspace: WorkspaceId,
        by: UserId,
        fields: &TemplateFields,
        quota: i64,
    ) -> Result<TemplateId> {
        let id = TemplateId::new();
        let json = serde_json::to_string(fields).unwrap_or_default();
        let size = i64::try_from(json.len()).unwrap_or(i64::MAX);
        with_tx!(self, |tx| {
            crate::quota::reserve(&mut tx, workspace, size, quota).await?;
            sqlx::query("INSERT INTO templates (id, workspace_id, created_by, language, title, fields, minutes, search_text, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)")
                .bind(id)
                .bind(workspace)
                .bind(by)
                .bind(fields.language.code())
                .bind(&fields.title)
                .bind(&json)
                .bind(i32::try_from(fields.minutes()).unwrap_or(i32::MAX))
                .bind(fields.search_text())
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
        });
        Ok(id)
    }

    /// Deletes a design `user` may change.
    pub async fn delete_template(&self, id: TemplateId, user: UserId) -> Result<()> {
        let n = with_db!(self, |pool| {
            sqlx::query("DELETE FROM templates WHERE id = $1 AND workspace_id IN (SELECT workspace_id FROM workspace_members WHERE user_id = $2)")
                .bind(id)
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

    /// Loads one starter design under `key`, as [`Store::seed_method`] does.
    pub async fn seed_template(
        &self,
        key: &str,
        hash: &str,
        fields: &TemplateFields,
    ) -> Result<bool> {
        let n = with_db!(self, |pool| {
            sqlx::query("INSERT INTO templates (id, seed_key, seed_hash, publication, public, published_at, language, title, fields, minutes, search_text, created_at, updated_at)
                 VALUES ($1, $2, $3, 'published', TRUE, $4, $5, $6, $7, $8, $9, $4, $4)
                 ON CONFLICT (seed_key) DO UPDATE SET seed_hash = excluded.seed_hash, language = excluded.language, title = excluded.title,
                   fields = excluded.fields, minutes = excluded.minutes, search_text = excluded.search_text, updated_at = excluded.updated_at
                 WHERE templates.seed_hash <> excluded.seed_hash")
                .bind(TemplateId::new())
                .bind(key)
                .bind(hash)
                .bind(now_ms())
                .bind(fields.language.code())
                .bind(&fields.title)
                .bind(serde_json::to_string(fields).unwrap_or_default())
                .bind(i32::try_from(fields.minutes()).unwrap_or(i32::MAX))
                .bind(fields.search_text())
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(n > 0)
    }

    /// A new session made from a design: its title, goals and blocks, in one transaction, which
    /// must fit its workspace's `quota` (`Conflict("quota")`).
    pub async fn session_from_template(
        &self,
        fields: &TemplateFields,
        new: &NewSession,
        quota: i64,
    ) -> Result<domain::Session> {
        let id = SessionId::new();
        let now = now_ms();
        let goals = serde_json::to_string(&fields.goals).unwrap_or_else(|_| "[]".to_owned());
        let size = i64::try_from(serde_json::to_string(fields).unwrap_or_default().len())
            .unwrap_or(i64::MAX);
        with_tx!(self, |tx| {
            crate::Conn::from(&mut *tx)
                .check_limit(
                    &self.plans,
                    new.workspace,
                    None,
                    domain::plan::Limit::ActiveSessions,
                    1,
                )
                .await?;
            crate::quota::reserve(&mut tx, new.workspace, size, quota).await?;
            sqlx::query("INSERT INTO sessions (id, workspace_id, title, description, goals, first_date, start_time, time_zone, language, created_by, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)")
                .bind(id)
                .bind(new.workspace)
                .bind(&new.title)
                .bind(&fields.summary)
                .bind(&goals)
                .bind(new.first_date.to_string())
                .bind(new.start_time.to_string())
                .bind(&new.time_zone)
                .bind(&new.language)
                .bind(new.created_by)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            crate::Conn::from(&mut *tx)
                .add_owner(id, new.created_by)
                .await?;
            let mut key: Option<OrderKey> = None;
            for b in &fields.blocks {
                let k = OrderKey::between(key.as_ref(), None);
                sqlx::query("INSERT INTO blocks (id, session_id, kind, order_key, title, description, minutes, category, group_format, materials, goals, notes, day_start, method, illustration, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)")
                    .bind(BlockId::new())
                    .bind(id)
                    .bind(b.kind.as_str())
                    .bind(k.as_str())
                    .bind(&b.title)
                    .bind(&b.description)
                    .bind(i32::try_from(b.minutes).unwrap_or(0))
                    .bind(&b.category)
                    .bind(b.group_format.map(|g| serde_json::to_string(&g).unwrap_or_default().trim_matches('"').to_owned()))
                    .bind(serde_json::to_string(&b.materials).unwrap_or_default())
                    .bind(serde_json::to_string(&b.goals).unwrap_or_default())
                    .bind(&b.notes)
                    .bind(b.day_start.map(|t| t.to_string()))
                    .bind(b.method)
                    .bind(&b.illustration)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                key = Some(k);
            }
            Ok::<(), StoreError>(())
        })?;
        self.session(id).await
    }
}
